"""Table layout: which row of a table is its header, and which columns hold companies and amounts."""

from __future__ import annotations

from schemas import Table, TableRow

COMPANY_HEADERS = ("company", "companies", "investor", "sponsor", "firm", "developer", "applicant")
AMOUNT_HEADERS = ("scale", "amount", "investment", "value", "size", "us$", "usd", "$", "capex", "cost")
CATEGORY_HEADERS = ("category", "sector", "area", "field", "industry")


def column(header: tuple[str, ...], cues: tuple[str, ...]) -> int | None:
    """The first column whose header cell holds one of the cue words."""
    for i, cell in enumerate(header):
        if any(cue in cell.lower() for cue in cues):
            return i
    return None


def _is_header(cells: tuple[str, ...]) -> bool:
    # a header names a company column and an amount column, and holds no figures itself
    return (
        column(cells, COMPANY_HEADERS) is not None
        and column(cells, AMOUNT_HEADERS) is not None
        and not any(ch.isdigit() for cell in cells for ch in cell)
    )


def table_layout(table: Table) -> tuple[tuple[str, ...], tuple[TableRow, ...]] | None:
    """A project table's header cells and body rows (the header may follow a caption row), or None."""
    if _is_header(table.header):
        return table.header, table.rows
    for i, row in enumerate(table.rows[:3]):
        if _is_header(row.cells):
            return row.cells, table.rows[i + 1 :]
    return None
