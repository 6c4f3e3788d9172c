"""Japanese script: character classes, which language a text is in, width folding and sentences.

Everything here keeps offsets: the folded text has exactly the length of the original, so a span found in
the folded copy is the same span of the text `pledgeline text` prints.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Language = Literal["en", "ja", "mixed"]

HIRAGANA = "\u3041-\u3096\u309d\u309e"
KATAKANA = "\u30a1-\u30fa\u30fc-\u30fe\u31f0-\u31ff\uff66-\uff9f"
KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006\u30f5\u30f6"
_JAPANESE = re.compile(f"[{HIRAGANA}{KATAKANA}{KANJI}]")
_KANA = re.compile(f"[{HIRAGANA}{KATAKANA}]")
_HIRA = re.compile(f"[{HIRAGANA}]")
_LATIN = re.compile(r"[A-Za-z]")

# A text is Japanese when Japanese characters make up this share of its letters, and some of them are
# kana (Chinese has none); an English text with Japanese sentences is mixed (a bilingual release).
_JAPANESE_SHARE = 0.3
_MIXED_MIN_CHARS = 10
_MIN_KANA_SHARE = 0.05


def detect_language(text: str) -> Language:
    """'ja' for a Japanese text, 'mixed' for an English one with Japanese paragraphs, else 'en'."""
    if text.isascii():
        return "en"  # no Japanese character (a flag of the string: no scan of its characters)
    japanese = len(_JAPANESE.findall(text))
    if japanese < 8:
        return "en"
    kana = len(_KANA.findall(text))
    if kana < japanese * _MIN_KANA_SHARE:
        return "en"  # Chinese, or a few kanji in an English text
    latin = len(_LATIN.findall(text))
    if japanese >= (japanese + latin) * _JAPANESE_SHARE:
        return "ja"
    return "mixed" if any(_is_japanese_sentence(line) for line in text.split("\n")) else "en"


def _is_japanese_sentence(line: str) -> bool:
    """A Japanese sentence, not a name quoted in English: Japanese characters with hiragana among them."""
    return (
        is_japanese_line(line)
        and len(_HIRA.findall(line)) >= 3
        and len(_JAPANESE.findall(line)) >= _MIXED_MIN_CHARS
    )


def is_japanese_line(line: str) -> bool:
    """Whether one line or paragraph is written in Japanese."""
    japanese = len(_JAPANESE.findall(line))
    return japanese >= 4 and japanese >= (japanese + len(_LATIN.findall(line))) * _JAPANESE_SHARE


class _WidthTable(dict[int, str]):
    """A str.translate table filled on first sight of each character: its NFKC form when that is one
    character (full-width digits and letters, half-width katakana), else the character itself."""

    def __missing__(self, code: int) -> str:
        folded = unicodedata.normalize("NFKC", chr(code))
        self[code] = value = folded if len(folded) == 1 else chr(code)
        return value


_WIDTH = _WidthTable()


def fold_width(text: str) -> str:
    """Full-width digits, Latin letters and punctuation as ASCII, half-width katakana as full-width, one
    character for one, so that offsets stay those of the original text."""
    return text if text.isascii() else text.translate(_WIDTH)


_SENTENCE_END = "。！？!?"
_OPEN_QUOTES = "「『"
_CLOSE_QUOTES = "」』"


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: a sentence ends at 。！？ outside quotes, or at a line break."""
    spans: list[tuple[int, int]] = []
    start = depth = 0
    for i, ch in enumerate(text):
        if ch in _OPEN_QUOTES:
            depth += 1
        elif ch in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        if ch == "\n" or (ch in _SENTENCE_END and depth == 0):
            end = i if ch == "\n" else i + 1
            if ch == "\n":
                depth = 0  # an unclosed quote ends with its paragraph
            _add(spans, text, start, end)
            start = i + 1
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


_WRAP_SHARE = 0.75  # a line this close to the longest line of the page ran into the margin
_NO_WRAP_END = tuple("。」』)）】:：!?！？")


def unwrap(text: str, item_start: re.Pattern[str]) -> tuple[str, list[int]]:
    """A PDF's text with the line breaks that only wrap a line removed (Japanese wraps anywhere, even inside a
    name: '三菱重\n工業'), and for each character of the result its offset in the original text."""
    lines = text.split("\n")
    longest = max((len(line.rstrip()) for line in lines), default=0)
    kept: list[str] = []
    offsets: list[int] = []
    position = 0
    for i, line in enumerate(lines):
        kept.append(line)
        offsets.extend(range(position, position + len(line)))
        position += len(line)
        if i == len(lines) - 1:
            break
        following = lines[i + 1]
        stripped = line.rstrip()
        wraps = (
            len(stripped) >= max(12, longest * _WRAP_SHARE)
            and not stripped.endswith(_NO_WRAP_END)
            and following.strip()
            and not item_start.match(following)
            and bool(_JAPANESE.search(stripped[-1:] + following.lstrip()[:1]))
        )
        if not wraps:
            kept.append("\n")
            offsets.append(position)
        position += 1
    return "".join(kept), offsets
