"""Bytes to text: BOM and declared charsets first, then detection, never an exception."""

from __future__ import annotations

import codecs
import re
import unicodedata

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


# Shift_JIS puts the yen sign on 0x5C, which Python's codecs read as a backslash.
_SHIFT_JIS_FAMILY = frozenset({"shift_jis", "cp932", "shift_jis_2004", "shift_jisx0213"})
_YEN_BACKSLASH = re.compile(r"\\(?=\s?\d)")
# Non-ASCII characters a Western (cp1252) text uses besides accented letters.
_WESTERN_MARKS = frozenset("€‘’“”–—…•™©®°£¥§·«»¢½¼¾±×\u00a0")
# Accented letters are a small share of a Western text's letters; Cyrillic or Greek read as cp1252 are
# nearly all "accented".
_MAX_ACCENTED_SHARE = 0.3


def _decode(content: bytes, encoding: str, errors: str = "strict") -> str:
    text = content.decode(encoding, errors=errors)
    if codecs.lookup(encoding).name.replace("-", "_") in _SHIFT_JIS_FAMILY:
        text = _YEN_BACKSLASH.sub("¥", text)  # a backslash before a figure is the yen sign
    return text


def _western(content: bytes) -> str | None:
    """The bytes as cp1252 if that reads as Western text (accents inside mostly ASCII words), else None."""
    try:
        text = content[:200_000].decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = accented = 0
    for ch in text:
        if ch.isascii():
            letters += ch.isalpha()
        elif ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"):
            letters += 1
            accented += 1
        elif ch not in _WESTERN_MARKS:
            return None
    if accented > letters * _MAX_ACCENTED_SHARE:
        return None
    return content.decode("cp1252", errors="replace")


def _mostly_utf8(content: bytes) -> bool:
    """Whether the bytes are UTF-8 but for a few invalid sequences, with some multi-byte text."""
    sample = content[:200_000]
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return bad <= max(2, len(sample) // 1000) and multibyte > bad


def decode_bytes(content: bytes, declared: str | None = None) -> str:
    """Decode a document's bytes: BOM, declared or <meta> charset, UTF-8, detection, then cp1252."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return content[len(bom) :].decode(encoding, errors="replace")
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    match = _META_CHARSET.search(content[:4096])
    if match:
        candidates.append(match.group(1).decode("ascii", errors="ignore"))
    candidates.append("utf-8")
    for encoding in candidates:
        try:
            return _decode(content, encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    if _mostly_utf8(content):
        # A few broken bytes in a UTF-8 page: guessing another charset would garble all the rest.
        return content.decode("utf-8", errors="replace")
    western = _western(content)
    if western is not None:
        # The detector mistakes short Western texts for Baltic or Central European code pages.
        return western
    from charset_normalizer import from_bytes  # imported late: only legacy encodings need it

    best = from_bytes(content[:200_000]).best()
    if best is not None and best.encoding:
        return _decode(content, best.encoding, errors="replace")
    return content.decode("cp1252", errors="replace")
