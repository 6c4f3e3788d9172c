"""Bytes to text: BOM and declared charsets first, then detection, never an exception."""

from __future__ import annotations

import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


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
            return content.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    if _mostly_utf8(content):
        # A few broken bytes in a UTF-8 page: guessing another charset would garble all the rest.
        return content.decode("utf-8", errors="replace")
    from charset_normalizer import from_bytes  # imported late: only legacy encodings need it

    best = from_bytes(content[:200_000]).best()
    if best is not None and best.encoding:
        return content.decode(best.encoding, errors="replace")
    return content.decode("cp1252", errors="replace")
