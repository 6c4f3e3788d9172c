"""PDF layout: positioned words and tables of each page become the document text, pages and tables.

Knows nothing about PDF libraries: parse_pdf.py hands it words (from pypdfium2 or pdfplumber) so that
both sources go through the same rules and give the same text.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from pipeline.parse.dates import written_date
from pipeline.parse.text import normalize_text
from schemas import PageSpan, Table, TableRow

CELL_SEPARATOR = " | "

# Share of the page height, from the top and from the bottom, where running headers and footers live.
_MARGIN_ZONE = 0.12
# Lines at each end of a page looked at for running headers/footers.
_MARGIN_LINES = 3
# A line found in the margin zone of this share of pages (and of two pages at least) is running matter.
_REPEATED_SHARE = 0.4
# A gap between two words wider than this many font sizes separates segments (columns, label/value).
_SEGMENT_GAP = 1.0
# A step between two baselines this much over the page's usual step starts a paragraph.
_PARAGRAPH_STEP = 1.25
# A gutter may be crossed by at most this share of a region's segments (a title, a wide figure caption).
_GUTTER_CROSSING = 0.12
_MIN_COLUMN_SEGMENTS = 4

_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|seite|página|pagina)\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?"
    r"(?:\s*(?:of|/|de|von|sur)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_PAGE_OF = re.compile(r"\bpage\s+\d{1,4}\s+of\s+\d{1,4}\b", re.IGNORECASE)
# A narrow cell breaks a long word: a lone one- or two-letter lowercase tail ("Semiconductor" + "s")
# belongs to the word before it, unless it is a short word itself.
_WORD_TAIL = re.compile(
    r"^(?!(?:a|an|as|at|be|by|do|go|he|if|in|is|it|me|my|no|of|on|or|so|to|up|us|we)\b)[a-z]{1,2}(?:$|[\s.,;:)])"
)
_FILE_LIKE_TITLE = re.compile(
    r"^[\w.-]+$|^\(.*\)$|\.(?:pdf|docx?|indd|xlsx?|pptx?)$|^untitled|^microsoft\s", re.I
)


class Word(NamedTuple):
    """One word with its box in top-down page coordinates and its font size (a named tuple: a long
    document has a hundred thousand of them, built three times faster than a frozen dataclass)."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    size: float


@dataclass(frozen=True)
class TableBlock:
    """A ruled table found on one page: its box and its rows of cleaned cells."""

    x0: float
    x1: float
    top: float
    bottom: float
    rows: list[list[str]]


@dataclass(frozen=True)
class PageLayout:
    """What a PDF library found on one page."""

    number: int
    width: float
    height: float
    words: list[Word]
    tables: list[TableBlock]


@dataclass
class _Segment:
    """Words of one line that sit close together: a line of a column, a label, a page number."""

    line: int
    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    size: float


@dataclass
class _Line:
    """Segments at the same height across the whole page."""

    segments: list[_Segment] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)

    @property
    def top(self) -> float:
        return min(s.top for s in self.segments)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segments)


@dataclass
class _TableOut:
    """A table being built, possibly over several pages."""

    header: list[str]
    header_page: int
    rows: list[tuple[list[str], int]] = field(default_factory=list)


# An output entry: a text line (with its page), or a reference to a table's row (-1 is the header).
_Entry = tuple[str, int] | tuple[_TableOut, int]


def clean_cell(value: str | None) -> str:
    """A cell's text on one line: wrapped lines joined, a hyphen at a line end kept without a space."""
    lines = [" ".join(line.split()) for line in normalize_text(value or "").splitlines()]
    out = ""
    for line in filter(None, lines):
        glued = out.endswith(("-", "/")) or (out[-1:].isalpha() and _WORD_TAIL.match(line) is not None)
        out = line if not out else out + line if glued else f"{out} {line}"
    return out


def _inside(word: Word, table: TableBlock) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return table.x0 <= cx <= table.x1 and table.top <= cy <= table.bottom


def _lines(words: Sequence[Word]) -> list[_Line]:
    """Words grouped into lines by height, each line cut into segments at wide gaps."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        center = (word.top + word.bottom) / 2
        if rows and center <= rows[-1][0].bottom and center >= rows[-1][0].top:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines: list[_Line] = []
    for number, row in enumerate(rows):
        row.sort(key=lambda w: w.x0)
        line = _Line()
        current = [row[0]]
        for word in row[1:]:
            gap = word.x0 - current[-1].x1
            if gap > _SEGMENT_GAP * max(word.size, current[-1].size, 1.0):
                line.segments.append(_segment(number, current))
                current = [word]
            else:
                current.append(word)
        line.segments.append(_segment(number, current))
        lines.append(line)
    return lines


def _segment(line: int, words: list[Word]) -> _Segment:
    text = " ".join(_clean_word(w.text) for w in words)
    return _Segment(
        line,
        words[0].x0,
        max(w.x1 for w in words),
        min(w.top for w in words),
        max(w.bottom for w in words),
        text,
        max(w.size for w in words),
    )


# A word with no control character and no space: normalize_text and split() leave it as it is.
_PLAIN_WORD = re.compile(r"[^\x00-\x20\s]+")


def _clean_word(text: str) -> str:
    """A word's text without control characters, its inner spaces collapsed."""
    if _PLAIN_WORD.fullmatch(text):
        return text
    return " ".join(normalize_text(text).split())


def _margin_candidates(lines: list[_Line], height: float) -> list[_Line]:
    """The page's first and last few lines that lie in the top or bottom margin zone."""
    ordered = sorted(lines, key=lambda line: line.top)
    head = [line for line in ordered[:_MARGIN_LINES] if line.top < height * _MARGIN_ZONE]
    tail = [line for line in ordered[-_MARGIN_LINES:] if line.bottom > height * (1 - _MARGIN_ZONE)]
    return head + [line for line in tail if line not in head]


def _margin_key(text: str) -> str:
    """Running matter compared with page numbers, dates and counts masked."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _drop_running_matter(pages: list[list[_Line]], layouts: Sequence[PageLayout]) -> list[list[_Line]]:
    """Lines repeated in the margins of most pages, and page numbers there, removed."""
    candidates = [_margin_candidates(lines, p.height) for lines, p in zip(pages, layouts, strict=True)]
    seen = Counter(key for cands in candidates for key in {_margin_key(line.text) for line in cands})
    need = max(2.0, _REPEATED_SHARE * len(pages))
    kept_pages: list[list[_Line]] = []
    for lines, cands in zip(pages, candidates, strict=True):
        kept: list[_Line] = []
        for line in lines:
            if line in cands:
                if len(pages) >= 2 and seen[_margin_key(line.text)] >= need:
                    continue
                line.segments = [s for s in line.segments if not _PAGE_NUMBER.match(s.text)]
                for seg in line.segments:
                    seg.text = " ".join(_PAGE_OF.sub(" ", seg.text).split())
                line.segments = [s for s in line.segments if s.text]
                if not line.segments:
                    continue
            kept.append(line)
        kept_pages.append(kept)
    return kept_pages


_Item = _Segment | TableBlock


class _Crossings:
    """How many segments a vertical line at x crosses (x0 < x < x1), by bisection over their edges."""

    def __init__(self, segments: list[_Segment]) -> None:
        spans = [s for s in segments if s.x0 < s.x1]  # a segment of no width (or reversed) is never crossed
        self.starts = sorted(s.x0 for s in spans)
        self.ends = sorted(s.x1 for s in spans)

    def at(self, x: float) -> int:
        """Segments started before x less those ended at or before it."""
        return bisect.bisect_left(self.starts, x) - bisect.bisect_right(self.ends, x)


def _find_gutter(items: list[_Item], x0: float, x1: float) -> float | None:
    """An x between columns that few items cross, with several lines of text on both sides."""
    segments = [i for i in items if isinstance(i, _Segment)]
    if len(segments) < 2 * _MIN_COLUMN_SEGMENTS or x1 - x0 < 100:
        return None
    crossings = _Crossings(segments)
    best: tuple[int, float] | None = None
    start, stop = x0 + 0.3 * (x1 - x0), x0 + 0.7 * (x1 - x0)
    x = start
    while x <= stop:
        crossing = crossings.at(x)
        if best is None or crossing < best[0]:
            best = (crossing, x)
        x += 2.0
    if best is None or best[0] > _GUTTER_CROSSING * len(segments):
        return None
    # Centre the gutter in the run of equally good positions.
    crossing, left_edge = best
    right_edge = left_edge
    while right_edge + 2.0 <= stop and crossings.at(right_edge + 2.0) == crossing:
        right_edge += 2.0
    gutter = (left_edge + right_edge) / 2
    left_lines = {s.line for s in segments if s.x1 <= gutter}
    right_lines = {s.line for s in segments if s.x0 >= gutter}
    if min(len(left_lines), len(right_lines)) < _MIN_COLUMN_SEGMENTS:
        return None
    # Columns sit side by side: many lines have text on both sides of the gutter.
    if len(left_lines & right_lines) < _MIN_COLUMN_SEGMENTS // 2 + 1:
        return None
    return gutter


def _reading_order(items: list[_Item], x0: float, x1: float, depth: int = 0) -> list[list[_Item]]:
    """Items grouped into output lines: column by column between full-width items, top-down."""
    gutter = _find_gutter(items, x0, x1) if depth < 3 else None
    if gutter is None:
        return _leaf_lines(items)
    out: list[list[_Item]] = []
    left: list[_Item] = []
    right: list[_Item] = []
    for item in sorted(items, key=lambda i: (i.top, i.x0)):
        if item.x1 <= gutter:
            left.append(item)
        elif item.x0 >= gutter:
            right.append(item)
        else:
            out += _reading_order(left, x0, gutter, depth + 1) + _reading_order(right, gutter, x1, depth + 1)
            left, right = [], []
            out.append([item])
    out += _reading_order(left, x0, gutter, depth + 1) + _reading_order(right, gutter, x1, depth + 1)
    return out


def _leaf_lines(items: list[_Item]) -> list[list[_Item]]:
    """Items of one column top-down, segments of the same line together."""
    out: list[list[_Item]] = []
    for item in sorted(items, key=lambda i: (i.top, i.x0)):
        last = out[-1] if out else None
        if (
            isinstance(item, _Segment)
            and last
            and isinstance(last[0], _Segment)
            and last[0].line == item.line
        ):
            last.append(item)
        else:
            out.append([item])
    return out


def _paragraph_breaks(groups: list[list[_Item]]) -> set[int]:
    """Positions of lines that start a paragraph: the step from the line before is well over the usual.

    Steps are measured bottom to bottom, in font sizes, so that both PDF libraries (whose boxes differ
    in height) agree on them.
    """
    steps: dict[int, float] = {}
    for position in range(1, len(groups)):
        before, here = groups[position - 1][0], groups[position][0]
        if isinstance(before, _Segment) and isinstance(here, _Segment):
            size = max(before.size, here.size, 1.0)
            step = (here.bottom - before.bottom) / size
            if 0 < step < 4:
                steps[position] = step
    if len(steps) < 3:
        return set()
    usual = statistics.median(steps.values())
    return {position for position, step in steps.items() if step > _PARAGRAPH_STEP * usual}


def _same_header(row: list[str], header: list[str]) -> bool:
    return [c.lower() for c in row] == [c.lower() for c in header]


class _Assembler:
    """Walks the pages in order and collects text lines and tables, joining continued tables."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self.tables: list[_TableOut] = []
        self.open_table: _TableOut | None = None

    def line(self, text: str, page: int) -> None:
        self.entries.append((text, page))
        self.open_table = None

    def table(self, block: TableBlock, page: int, first_on_page: bool) -> None:
        rows = block.rows
        table = self.open_table
        if table is not None and first_on_page and len(rows[0]) == len(table.header):
            if _same_header(rows[0], table.header):
                rows = rows[1:]
            elif rows[0][0] == "" and table.rows and any(rows[0]):
                # The last row went on over the page break: its cells continue in this first row.
                prev, prev_page = table.rows[-1]
                table.rows[-1] = (
                    [clean_cell(f"{a}\n{b}") for a, b in zip(prev, rows[0], strict=True)],
                    prev_page,
                )
                rows = rows[1:]
        else:
            table = _TableOut(rows[0], page)
            self.tables.append(table)
            self.entries.append((table, -1))
            rows = rows[1:]
        for row in rows:
            table.rows.append((row, page))
            self.entries.append((table, len(table.rows) - 1))
        self.open_table = table


def _page_items(lines: list[_Line], layout: PageLayout) -> list[list[_Item]]:
    items: list[_Item] = [seg for line in lines for seg in line.segments]
    items += layout.tables
    return _reading_order(items, 0.0, layout.width)


def assemble(
    layouts: Sequence[PageLayout], check: Callable[[], None]
) -> tuple[str, list[PageSpan], list[Table], list[tuple[str, float]]]:
    """The document text, its page spans and tables, and the first page's lines with font sizes."""
    page_lines = [
        _lines([w for w in p.words if w.text.strip() and not any(_inside(w, t) for t in p.tables)])
        for p in layouts
    ]
    page_lines = _drop_running_matter(page_lines, layouts)
    builder = _Assembler()
    page_breaks: list[int] = []
    first_lines: list[tuple[str, float]] = []
    for lines, layout in zip(page_lines, layouts, strict=True):
        check()
        builder.open_table = builder.open_table if page_breaks else None
        groups = _page_items(lines, layout)
        breaks = _paragraph_breaks(groups)
        for position, group in enumerate(groups):
            head = group[0]
            if isinstance(head, TableBlock):
                builder.table(head, layout.number, position == 0)
                continue
            segments = [g for g in group if isinstance(g, _Segment)]
            if position in breaks:
                builder.entries.append(("", layout.number))
            text = " ".join(s.text for s in segments)
            builder.line(text, layout.number)
            if layout.number == layouts[0].number:
                first_lines.append((text, max(s.size for s in segments)))
        page_breaks.append(len(builder.entries))
    return (*_render(builder, page_breaks, layouts), first_lines)


def _render(
    builder: _Assembler, page_breaks: list[int], layouts: Sequence[PageLayout]
) -> tuple[str, list[PageSpan], list[Table]]:
    """Entries to text with offsets: each page ends with a blank line."""
    parts: list[str] = []
    offset = 0
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    pages: list[PageSpan] = []
    index = 0
    for layout, stop in zip(layouts, page_breaks, strict=True):
        start = offset
        for entry in builder.entries[index:stop]:
            first, second = entry
            if isinstance(first, _TableOut):
                cells = first.header if second == -1 else first.rows[second][0]
                line = CELL_SEPARATOR.join(cells)
                spans[id(first), second] = (offset, offset + len(line))
            else:
                line = first
            parts.append(line + "\n")
            offset += len(line) + 1
        index = stop
        parts.append("\n")
        offset += 1
        pages.append(PageSpan(page=layout.number, start=start, end=offset))
    tables = [
        Table(
            header=tuple(t.header),
            rows=tuple(
                TableRow(
                    cells=tuple(cells),
                    start=spans[id(t), i][0],
                    end=spans[id(t), i][1],
                    page=page,
                )
                for i, (cells, page) in enumerate(t.rows)
            ),
            page=t.header_page,
        )
        for t in builder.tables
    ]
    return "".join(parts), pages, tables


def _usable_meta_title(meta: str | None) -> str | None:
    title = " ".join((meta or "").split())
    if not 4 <= len(title) <= 200 or _FILE_LIKE_TITLE.search(title):
        return None
    return title


def find_title(meta: str | None, first_lines: list[tuple[str, float]]) -> str | None:
    """The metadata title unless it looks like a file name, else the largest-font lines near the top."""
    title = _usable_meta_title(meta)
    if title or not first_lines:
        return title
    head = [(text, size) for text, size in first_lines[:12] if text]
    if not head:
        return None
    body = statistics.median(size for _, size in first_lines)
    biggest = max(size for _, size in head)
    if biggest < body * 1.15:
        return None
    start = next(i for i, (_, size) in enumerate(head) if size == biggest)
    parts = [text for text, size in head[start : start + 3] if abs(size - biggest) < 0.3]
    run = []
    for text, size in head[start : start + 3]:
        if abs(size - biggest) >= 0.3:
            break
        run.append(text)
    title = " ".join(run or parts)
    # A drop cap or a lone label is no title.
    return title if sum(ch.isalpha() for ch in title) >= 4 and len(title) <= 250 else None


def find_published(first_lines: list[tuple[str, float]]) -> str | None:
    """The first full date stated in the first lines of the document, as YYYY-MM-DD."""
    for text, _ in first_lines[:15]:
        if found := written_date(text):
            return found
    return None
