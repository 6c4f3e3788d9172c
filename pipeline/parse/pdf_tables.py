"""A ruled table's extracted cells become a TableBlock: spanning cells resolved, empty rows dropped.

Both readers end here (pdfplumber's tables and the pypdfium2 fast path), so that they keep the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.parse.pdf_layout import TableBlock, clean_cell

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def table_block(
    data: Sequence[Sequence[str | None]], cells: Sequence[Sequence[Box | None]], bbox: Box
) -> TableBlock | None:
    """The table's rows of cleaned cells (None: a cell covered by a spanning one), or None when it is a
    boxed paragraph (one row or one column) rather than a table."""
    rows: list[list[str]] = []
    for r, row in enumerate(data):
        out: list[str] = []
        for c, value in enumerate(row):
            if value is None:
                value = _spanning_value(data, cells, r, c)
            out.append(clean_cell(value))
        if any(out):
            rows.append(out)
    if len(rows) >= 2 and len(rows[0]) >= 2:
        x0, top, x1, bottom = bbox
        return TableBlock(x0, x1, top, bottom, rows)
    return None


def _spanning_value(
    data: Sequence[Sequence[str | None]], cells: Sequence[Sequence[Box | None]], r: int, c: int
) -> str:
    """A cell covered by a cell above (rowspan) repeats its text; one covered from the left stays empty."""
    for above in range(r - 1, -1, -1):
        if c < len(data[above]) and data[above][c] is not None:
            box = cells[above][c]
            row_box = next((b for b in cells[r] if b is not None), None)
            if box is not None and row_box is not None and box[3] > (row_box[1] + row_box[3]) / 2:
                return data[above][c] or ""
            return ""
    return ""
