"""File signatures: the media type of formats pledgeline does not read, from their first bytes.

A PNG, a ZIP or a Word file given as input fails as `unsupported` with its media type, instead of being
read as text and failing as corrupt text/plain. The signatures are the formats' own magic numbers.
"""

from __future__ import annotations

# (offset, magic bytes, media type), tried in order. Magic made of letters alone ("OTTO", "BZh") could begin
# a text, so those formats must also have a NUL byte in their first 64 bytes, as their headers always do.
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"GIF87a", "image/gif"),
    (0, b"GIF89a", "image/gif"),
    (0, b"II*\x00", "image/tiff"),
    (0, b"MM\x00*", "image/tiff"),
    (0, b"\x00\x00\x01\x00", "image/vnd.microsoft.icon"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),  # .doc, .xls, .ppt, .msg
    (0, b"SQLite format 3\x00", "application/vnd.sqlite3"),
    (0, b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (0, b"Rar!\x1a\x07", "application/vnd.rar"),
    (4, b"1AY&SY", "application/x-bzip2"),  # after "BZh" and the block size digit
    (0, b"\xfd7zXZ\x00", "application/x-xz"),
    (0, b"\x28\xb5\x2f\xfd", "application/zstd"),
    (0, b"\x7fELF", "application/x-executable"),
    (0, b"\x1a\x45\xdf\xa3", "video/webm"),
)
_LETTER_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"8BPS", "image/vnd.adobe.photoshop"),
    (0, b"ID3", "audio/mpeg"),
    (0, b"OggS", "audio/ogg"),
    (0, b"fLaC", "audio/flac"),
    (0, b"wOFF", "font/woff"),
    (0, b"wOF2", "font/woff2"),
    (0, b"OTTO", "font/otf"),
    (4, b"ftyp", "video/mp4"),
    (257, b"ustar", "application/x-tar"),
)
# RIFF containers name their kind at offset 8.
_RIFF_KINDS = {b"WEBP": "image/webp", b"WAVE": "audio/wav", b"AVI ": "video/x-msvideo"}
# ZIP containers: an office or e-book format names itself in its first entries.
_ZIP_KINDS = (
    (b"mimetypeapplication/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text"),
    (
        b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.spreadsheet",
    ),
    (b"mimetypeapplication/epub+zip", "application/epub+zip"),
    (b"word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (b"xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (b"ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


def unreadable_media_type(content: bytes) -> str | None:
    """The media type of a format pledgeline cannot read, by its signature; None for anything else."""
    if content.startswith(_ZIP_MAGIC):
        head = content[:4096]
        return next((kind for marker, kind in _ZIP_KINDS if marker in head), "application/zip")
    if content.startswith(b"RIFF") and content[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[content[8:12]]
    for offset, magic, media_type in _SIGNATURES:
        if content[offset : offset + len(magic)] == magic:
            return media_type
    if b"\x00" in content[:64]:
        for offset, magic, media_type in _LETTER_SIGNATURES:
            if content[offset : offset + len(magic)] == magic:
                return media_type
    return None
