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


# Japanese sites label their pages with the strict standard names, but write with the vendors' supersets
# (①, ㈱, NEC and IBM kanji): the superset reads both.
_JAPANESE_SUPERSETS = {
    "shift_jis": ("cp932", "shift_jis_2004"),
    "euc_jp": ("euc_jp", "euc_jis_2004"),
    "iso2022_jp": ("iso2022_jp", "iso2022_jp_2", "iso2022_jp_ext"),
}
_JAPANESE_NAMES = {
    "x_sjis": "shift_jis",
    "windows_31j": "shift_jis",
    "x_euc_jp": "euc_jp",
    "csshiftjis": "shift_jis",
}
_KANA = re.compile("[\u3041-\u3096\u30a1-\u30fa]")
_ISO_2022_JP = re.compile(rb"\x1b\$[@B]")
_MIN_KANA = 5
_MIN_KANA_SHARE = 0.1  # of the non-ASCII characters: Japanese text is full of kana particles


def _encodings(label: str) -> list[str]:
    """A declared charset and, for a Japanese one, the superset to try first."""
    key = label.strip().lower().replace("-", "_")
    key = _JAPANESE_NAMES.get(key, key)
    try:
        name = codecs.lookup(key).name.replace("-", "_")
    except LookupError:
        return [label]
    return [*_JAPANESE_SUPERSETS.get(name, ()), label] if name in _JAPANESE_SUPERSETS else [label]


def _japanese(content: bytes) -> str | None:
    """The bytes as Japanese text (ISO-2022-JP, Shift_JIS or EUC-JP) if one of them reads them with many
    kana."""
    sample = content[:200_000]
    if _ISO_2022_JP.search(sample):
        candidates: tuple[str, ...] = _JAPANESE_SUPERSETS["iso2022_jp"]
    else:
        candidates = ("cp932", "euc_jp", "euc_jis_2004", "shift_jis_2004")
    best: tuple[int, str] | None = None
    for encoding in candidates:
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        kana = len(_KANA.findall(text))
        wide = sum(1 for ch in text if ord(ch) > 0x7F)
        if kana >= _MIN_KANA and kana >= wide * _MIN_KANA_SHARE and (best is None or kana > best[0]):
            best = (kana, encoding)
    if best is None:
        return None
    try:
        return _decode(content, best[1])
    except UnicodeDecodeError:
        return _decode(content, best[1], errors="replace")


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
    """Decode a document's bytes: BOM, declared or <meta> charset, UTF-8, Japanese legacy encodings,
    detection, then cp1252."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return content[len(bom) :].decode(encoding, errors="replace")
    candidates: list[str] = []
    if declared:
        candidates.extend(_encodings(declared))
    match = _META_CHARSET.search(content[:4096])
    if match:
        candidates.extend(_encodings(match.group(1).decode("ascii", errors="ignore")))
    if not candidates and _ISO_2022_JP.search(content[:200_000]):
        japanese = _japanese(content)  # 7-bit: it would pass for UTF-8
        if japanese is not None:
            return japanese
    candidates.append("utf-8")
    for encoding in candidates:
        try:
            return _decode(content, encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    if _mostly_utf8(content):
        # A few broken bytes in a UTF-8 page: guessing another charset would garble all the rest.
        return content.decode("utf-8", errors="replace")
    japanese = _japanese(content)
    if japanese is not None:
        return japanese
    western = _western(content)
    if western is not None:
        # The detector mistakes short Western texts for Baltic or Central European code pages.
        return western
    from charset_normalizer import from_bytes  # imported late: only legacy encodings need it

    best = from_bytes(content[:200_000]).best()
    if best is not None and best.encoding:
        return _decode(content, best.encoding, errors="replace")
    return content.decode("cp1252", errors="replace")
