"""Parse plain text: decode, normalize line ends, take the first short line as the title."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.config import ParseSettings
from pipeline.errors import ParseError
from pipeline.parse.dates import written_date
from pipeline.parse.decoding import decode_bytes
from pipeline.rules import RuleSet, bundled_rules
from pipeline.rules.models import TextBoilerplate
from schemas import ParsedDocument, RawDocument

# Control characters other than tab and line feed (carriage returns are line ends by then).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]+")
_CONTROL_CHARS = tuple(chr(code) for code in (*range(0x00, 0x09), *range(0x0B, 0x20)) if code != 0x0D)


def normalize_text(text: str) -> str:
    """Unify line ends and drop NULs and other control characters that confuse tokenizers."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Pages seldom hold any: a substring test per character is ~5x faster than a regex scan of the page.
    if any(ch in text for ch in _CONTROL_CHARS):
        text = _CONTROL.sub("", text)
    return text


# Control and replacement characters: a text that is more than a few percent of them is binary data.
_JUNK = re.compile(r"[\x00-\x08\x0e-\x1f\ufffd]")
_MAX_JUNK_SHARE = 0.05
_SEPARATOR = re.compile(r"^\s*[-=*_~#]{5,}\s*$")


_ALNUM_RUN = re.compile(r"[a-z0-9]+")


def _is_label(line: str, labels: frozenset[str]) -> bool:
    lower = line.lower()
    # a label line's first word is a label's first word: most lines are told apart by that word alone
    first = _ALNUM_RUN.search(lower)
    if first is not None and first.group() not in _first_words(labels):
        return False
    return " ".join(_ALNUM_RUN.findall(lower)) in labels


@lru_cache(maxsize=8)
def _first_words(labels: frozenset[str]) -> frozenset[str]:
    """The first word of each label."""
    return frozenset(label.split(" ")[0] for label in labels)


def drop_advert_blocks(text: str, labels: frozenset[str]) -> str:
    """Remove advert blocks: a label line (ADVERTISEMENT, SPONSORED, ...: text_boilerplate.json's
    ad_labels) and what follows it, up to the closing separator line (-----) or, without separators, the
    end of the next paragraph."""
    lines = text.split("\n")
    kept: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        opens_box = _SEPARATOR.match(line) and i + 1 < len(lines) and _is_label(lines[i + 1], labels)
        if opens_box or _is_label(line, labels):
            boxed = bool(opens_box) or bool(kept and _SEPARATOR.match(kept[-1]))
            if kept and _SEPARATOR.match(kept[-1]):
                kept.pop()
            i += 2 if opens_box else 1
            i = _skip_advert(lines, i, boxed)
            continue
        kept.append(line)
        i += 1
    return "\n".join(kept)


_LIST_LINE = re.compile(r"^\s*[-•*]\s+\S")
_LONE_BULLET = re.compile(r"^\s*[-•*]\s*$")
# a date alone on its line under a related link: "3 August 2025", "Aug. 3, 2025", "2025-08-03"
_DATE_LINE = re.compile(
    r"^\s*(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})\s*$"
)
_RELATED_LINE_MAX = 250  # a 'See also: Headline' line is one headline, not a paragraph


def drop_related_links(text: str, labels: frozenset[str]) -> str:
    """Remove boxes of links to other articles: a label line (Related News, Recommended Stories, ...:
    text_boilerplate.json's related_labels) with the list lines under it, and 'See also: ...' lines."""
    if not labels:
        return text
    lines = text.split("\n")
    kept: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        head, colon, _ = line.partition(":")
        if _is_label(line, labels):
            i += 1
            while i < len(lines):
                if _LIST_LINE.match(lines[i]) or _is_label(lines[i], labels) or _DATE_LINE.match(lines[i]):
                    i += 1  # the list under it (and the label repeated, as pages print it twice; dates)
                elif _LONE_BULLET.match(lines[i]) and i + 1 < len(lines):
                    # a bullet on a line of its own, its headline on the next
                    i += 2 if len(lines[i + 1]) <= _RELATED_LINE_MAX else 1
                else:
                    break
            continue
        if colon and len(line) <= _RELATED_LINE_MAX and _is_label(head, labels):
            i += 1  # "See also: Headline", "Also Read : Headline"
            continue
        kept.append(line)
        i += 1
    return "\n".join(kept)


@lru_cache(maxsize=8)
def _link_labels(labels: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern of text_boilerplate.json's link_labels, with the comma or space before each."""
    # (the label's end: no Latin letter after it; a Japanese particle may follow at once, 'opens new tabは')
    return re.compile(
        r",?[ \t]*\b(?:" + "|".join(re.escape(label) for label in labels) + r")(?![A-Za-z])", re.IGNORECASE
    )


# IGNORECASE matches these with an ASCII letter though their lower case is none ('İ' lowers to two characters)
_FOLDS_APART = ("\u0130", "\u0131", "\u017f")  # İ ı ſ


def drop_link_labels(text: str, labels: tuple[str, ...]) -> str:
    """The text without a saved page's link labels (text_boilerplate.json link_labels: '(BP.L), opens new
    tab'). Most texts hold none: a label the pattern matches is in the lower-case text, and looking for
    each there costs a fraction of the pattern's scan (but for three letters that fold apart)."""
    if not any(letter in text for letter in _FOLDS_APART):
        lower = text.lower()
        if not any(label.lower() in lower for label in labels):
            return text
    return _link_labels(labels).sub("", text)


_DATE_LABEL = re.compile(r"\A[ \t]*date:?[ \t]+\d{4}-\d{2}-\d{2}(?:[ \t]+|[ \t]*\n)")
# Advert copy under a label is a short paragraph; a longer one is the article after an image's label.
_AD_MAX_LINES = 3
_AD_MAX_CHARS = 600


def _skip_advert(lines: list[str], i: int, boxed: bool) -> int:
    """Index of the first line after an advert's body."""
    if boxed:
        while i < len(lines) and not _SEPARATOR.match(lines[i]):
            i += 1
        return i + 1
    while i < len(lines) and not lines[i].strip():
        i += 1  # the blank lines between a label and its paragraph
    start = i
    while i < len(lines) and lines[i].strip():
        i += 1
    if i - start > _AD_MAX_LINES or sum(len(line) for line in lines[start:i]) > _AD_MAX_CHARS:
        return start  # no advert copy is this long: the label marked an image, and the article follows
    return i


def parse_text(raw: RawDocument, settings: ParseSettings, rules: RuleSet | None = None) -> ParsedDocument:
    """A plain-text document: its whole text is body (a wire story's headline included), adverts removed."""
    decoded = decode_bytes(raw.content)
    sample = decoded[:20_000]
    if len(_JUNK.findall(sample)) > len(sample) * _MAX_JUNK_SHARE:
        raise ParseError(
            "corrupt", "the content is binary data, not text (is the file what its name says?)", raw.source
        )
    boilerplate = (rules or bundled_rules()).get(TextBoilerplate)
    text = drop_advert_blocks(normalize_text(decoded), frozenset(boilerplate.ad_labels))
    text = drop_related_links(text, frozenset(boilerplate.related_labels))
    text = drop_link_labels(text, tuple(boilerplate.link_labels)) if boilerplate.link_labels else text
    published = written_date(text[:400])
    # "date 2025-05-13 TORONTO (AP) — ...": a date label glued to the headline is the publication date, not
    # part of the headline: the text opens with the headline
    text = _DATE_LABEL.sub("", text, count=1)
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = first_line if 0 < len(first_line) <= 200 else None
    return ParsedDocument.from_raw(raw, text, title=title, published=published)
