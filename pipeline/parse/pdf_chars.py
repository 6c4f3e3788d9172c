"""pdfplumber's reading of characters, repeated on the characters pypdfium2 shows.

On a page with ruled tables pdfplumber gives two things the fast path must give alike: the text of each
cell (Table.extract: the characters whose middle lies in the cell, clustered into lines by their top
within 3 points, split into words at spaces and at gaps over 1.5 points) and the page's words
(extract_words, the same breaks, and a break wherever the font size changes). pdfminer puts a character
between its origin and its advance, one em high from the font's descent below the baseline; pdfium_page
gives the same origin and advance, and the descent pdfminer uses: its own metrics for the standard 14
fonts (standard_metrics), the font's descriptor otherwise, where pdfium's figure may differ a little.
pdfium also keeps a font's widths as whole thousandths of an em where the PDF may give fractions, so
along a text object its positions may fall behind pdfminer's by up to one thousandth of an em per
character (Char.x_slack). Every comparison keeps a margin for these, and a character that falls inside
it raises Undecided: pdfplumber reads the page.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from itertools import groupby
from typing import NamedTuple, TypeVar

from pipeline.parse.pdf_layout import TableBlock, Word
from pipeline.parse.pdf_ruling import EPSILON, Grid, Undecided, at_least, cell_index, cluster_numbers
from pipeline.parse.pdf_tables import table_block

_X_TOLERANCE = 1.5  # the x_tolerance pdf.py gives pdfplumber for cells and words
_Y_TOLERANCE = 3.0  # pdfplumber's default y_tolerance
# How far (in ems) pdfium's descent, and so a character's box, may sit from pdfminer's.
_DESCENT_SLACK = 0.1
# pdfplumber's extract_words and extract_text spell ligatures out.
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}

T = TypeVar("T")


class Char(NamedTuple):
    """One character where pdfminer puts it, from pdfium's figures, in top-down page coordinates (a named
    tuple: a table page has thousands, built several times faster than a frozen dataclass)."""

    text: str
    x0: float  # its origin
    x1: float  # origin plus advance
    top: float  # one em above its bottom
    bottom: float  # the font's descent below the baseline
    size: float  # em size on the page: the font size times the text matrix's scale
    baseline: float
    generated: bool  # a space or line end that pdfium added between characters of the page
    upright: bool = True  # neither rotated, skewed nor mirrored
    certain: bool = True  # its descent is pdfminer's for sure (a standard font), so top and bottom are
    source: int = 0  # the text object (one text-showing operator) that draws it
    x_slack: float = 0.0  # how far x0 and x1 may lie from pdfminer's (pdfium's whole-number widths)
    width_slack: float = 0.0  # how far its advance may differ from pdfminer's (one thousandth of an em)

    def slack_to(self, other: Char) -> float:
        """How far the distance between this and another character may differ from pdfminer's: one width
        in one text object (they drift together), their whole drifts across two."""
        if other.source == self.source:
            return self.width_slack + other.width_slack
        return self.x_slack + other.x_slack

    @property
    def font_key(self) -> tuple[float, float, bool]:
        """Size, descent and certainty: characters that share them sit off pdfminer's boxes alike."""
        return (self.size, round(self.bottom - self.baseline, 4), self.certain)


def standard_metrics(font: str) -> tuple[float, dict[str, int]] | None:
    """pdfminer's own metrics of a font named as one of the standard 14 (descent as a fraction of the em,
    widths in thousandths of an em by character), which it uses whatever the PDF says; None otherwise."""
    from pdfminer.fontmetrics import FONT_METRICS

    metrics = FONT_METRICS.get(font)
    if metrics is None:
        return None
    descriptor, widths = metrics
    descent = float(descriptor.get("Descent", 0))  # type: ignore[arg-type]
    return -abs(descent) / 1000, widths


def _clusters(items: Sequence[T], key: Callable[[T], float], margin: float) -> list[list[T]]:
    """pdfplumber's cluster_objects by `key` within _Y_TOLERANCE: clusters in order, members as given."""
    numbers = cluster_numbers((key(item) for item in items), _Y_TOLERANCE, margin)
    groups: dict[int, list[T]] = {}
    for item in items:
        groups.setdefault(numbers[key(item)], []).append(item)
    return [groups[number] for number in sorted(groups)]


def _vertical_margin(chars: Sequence[Char]) -> float:
    """No slack where the tops are pdfminer's for sure, or all off by one amount (one font and size)."""
    if all(c.certain for c in chars) or len({c.font_key for c in chars}) <= 1:
        return EPSILON
    return EPSILON + _DESCENT_SLACK * max(c.size for c in chars)


def _begins_word(before: Char, char: Char, vertical_margin: float) -> bool:
    """pdfplumber's char_begins_new_word for characters sorted left to right within a line."""
    across = EPSILON + before.slack_to(char)
    if char.x0 - before.x0 < across:
        raise Undecided("two characters start at one place (overprinted or combining)")
    if at_least(char.x0 - before.x1, _X_TOLERANCE, across):
        return True
    return at_least(abs(char.top - before.top), _Y_TOLERANCE, vertical_margin)


def _spell(chars: Sequence[Char]) -> str:
    return "".join(_LIGATURES.get(c.text, c.text) for c in chars)


def cell_text(chars: Sequence[Char]) -> str:
    """pdfplumber's extract_text(chars, x_tolerance=1.5) for the characters of one cell, in page order."""
    if not chars:
        return ""
    margin = _vertical_margin(chars)
    words: list[tuple[float, str]] = []  # (top, text)
    for line in _clusters(chars, lambda c: c.top, margin):
        current: list[Char] = []
        for char in sorted(line, key=lambda c: c.x0):
            if char.text.isspace():
                if current:
                    words.append((min(c.top for c in current), _spell(current)))
                current = []
            elif current and _begins_word(current[-1], char, margin):
                words.append((min(c.top for c in current), _spell(current)))
                current = [char]
            else:
                current.append(char)
        if current:
            words.append((min(c.top for c in current), _spell(current)))
    lines = _clusters(words, lambda w: w[0], margin)
    return "\n".join(" ".join(text for _, text in line) for line in lines)


def _span(bounds: list[float], value: float, margin: float) -> int:
    """The index of the span between bounds that holds value (-1 outside all); Undecided near a bound."""
    at = bisect.bisect_right(bounds, value) - 1
    for near in (at, at + 1):
        if 0 <= near < len(bounds) and abs(value - bounds[near]) < margin:
            raise Undecided("a character's middle lies a hair from a cell's border")
    return at if 0 <= at < len(bounds) - 1 else -1


def read_grid(grid: Grid, chars: Sequence[Char]) -> TableBlock | None:
    """pdfplumber's Table.extract for one grid, then the rows pdf_tables keeps (None: a boxed paragraph)."""
    xs, ys, covering = cell_index(grid)
    x0, top, x1, bottom = grid.bbox
    in_cell: dict[tuple[int, int], list[Char]] = {}
    for char in chars:
        if char.generated:
            continue
        across = (char.x0 + char.x1) / 2
        middle = (char.top + char.bottom) / 2
        slack = EPSILON if char.certain else EPSILON + _DESCENT_SLACK * char.size
        x_slack = EPSILON + char.x_slack
        if across < x0 - x_slack or across > x1 + x_slack or middle < top - slack or middle > bottom + slack:
            continue  # clear of the table
        if not char.upright:
            raise Undecided("a character in a table is rotated")
        if not char.text.isprintable() and not char.text.isspace():
            raise Undecided("pdfium marks a character in a table (a hyphen or an unknown glyph)")
        i, j = _span(xs, across, x_slack), _span(ys, middle, slack)
        for place in covering.get((i, j), []) if i >= 0 and j >= 0 else []:
            in_cell.setdefault(place, []).append(char)
    data = [
        [None if box is None else cell_text(in_cell.get((r, c), [])) for c, box in enumerate(row)]
        for r, row in enumerate(grid.rows)
    ]
    return table_block(data, grid.rows, grid.bbox)


def page_words(chars: Sequence[Char]) -> list[Word]:
    """pdfplumber's extract_words(x_tolerance=1.5, y_tolerance=3, extra_attrs=["size"]) on pdfium's
    characters: runs of one size in page order, each clustered into lines and broken into words."""
    kept = [c for c in chars if not c.generated]
    if not all(c.upright for c in kept):
        raise Undecided("a character is rotated")  # pdfplumber reads those top to bottom
    words: list[Word] = []
    for _, members in groupby(kept, key=lambda c: c.size):
        run = list(members)
        margin = _vertical_margin(run)
        for line in _clusters(run, lambda c: c.top, margin):
            current: list[Char] = []
            for char in sorted(line, key=lambda c: c.x0):
                if char.text.isspace():
                    if current:
                        words.append(_word(current))
                    current = []
                elif current and _begins_word(current[-1], char, margin):
                    words.append(_word(current))
                    current = [char]
                else:
                    if current and not _one_stretch(current[-1], char):
                        raise Undecided("a word joins text drawn apart")
                    current.append(char)
            if current:
                words.append(_word(current))
    return words


def _one_stretch(before: Char, char: Char) -> bool:
    """Whether two characters are drawn as one stretch of text: by one text object, or by the next one
    on the very same baseline, going on from where the first ended.

    pdfminer computes a character's size from its box in floating point, so one size may differ in its
    last bits between texts placed apart (another baseline, another text block), and extract_words then
    starts a new run of "one size" between them: a word it would join elsewhere is broken there.
    """
    return char.source == before.source or (
        char.baseline == before.baseline and char.x0 >= before.x1 - EPSILON - before.slack_to(char)
    )


def _word(chars: Sequence[Char]) -> Word:
    """pdfplumber's merge_chars: the box around the characters, the first one's size."""
    return Word(
        min(c.x0 for c in chars),
        max(c.x1 for c in chars),
        min(c.top for c in chars),
        max(c.bottom for c in chars),
        _spell(chars),
        chars[0].size,
    )


def check_words_clear(words: Sequence[Word], tables: Sequence[TableBlock], x_slack: float) -> None:
    """Undecided when a word's middle lies so near a table's border that pdfplumber's box for it could
    lie on the other side (pdf_layout keeps the words outside the tables as text); `x_slack`: the most
    any x on the page may be off."""
    margin = EPSILON + x_slack
    for word in words:
        across = (word.x0 + word.x1) / 2
        middle = (word.top + word.bottom) / 2
        slack = EPSILON + _DESCENT_SLACK * word.size  # a word keeps no note of its font
        for table in tables:
            if across < table.x0 - margin or across > table.x1 + margin:
                continue
            if middle < table.top - slack or middle > table.bottom + slack:
                continue
            inside_x = table.x0 + margin < across < table.x1 - margin
            inside_y = table.top + slack < middle < table.bottom - slack
            if not (inside_x and inside_y):
                raise Undecided("a word lies on a table's border")
