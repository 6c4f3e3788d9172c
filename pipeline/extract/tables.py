"""Table layout: which row of a table is its header, and which columns hold companies and amounts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.rules import RuleSet
from schemas import Table, TableRow


@dataclass(frozen=True)
class TableHeaders:
    """roles.json's header words: what names a company column, an amount column, a category column."""

    company: tuple[str, ...]
    amount: tuple[str, ...]
    category: tuple[str, ...]

    @classmethod
    def from_rules(cls, rules: RuleSet) -> TableHeaders:
        """Read the table_*_headers keys of roles.json."""
        roles = rules.mapping("roles")
        return cls(
            company=_cues(roles.get("table_company_headers", [])),
            amount=_cues(roles.get("table_amount_headers", [])),
            category=_cues(roles.get("table_category_headers", [])),
        )


def _cues(items: list[str]) -> tuple[str, ...]:
    return tuple(str(item).lower() for item in items)


def column(header: tuple[str, ...], cues: tuple[str, ...]) -> int | None:
    """The first column whose header cell holds one of the cues."""
    for i, cell in enumerate(header):
        if _holds(cell, cues):
            return i
    return None


def columns(header: tuple[str, ...], cues: tuple[str, ...]) -> list[int]:
    """Every column whose header cell holds one of the cues."""
    return [i for i, cell in enumerate(header) if _holds(cell, cues)]


def _holds(cell: str, cues: tuple[str, ...]) -> bool:
    # a word cue is a whole word or its plural ('Lead', 'Investors'; not 'Leadership'); a symbol ('US$') may
    # stand anywhere
    lower = cell.lower()
    return any(
        re.search(rf"(?<![a-z]){re.escape(cue)}(?:s|es)?(?![a-z])", lower)
        if cue[:1].isalpha()
        else cue in lower
        for cue in cues
    )


def cell_start(row: TableRow, column: int) -> int:
    """Where a row's cell starts in the document text (the parser joins a row's cells with " | ")."""
    return row.start + sum(len(cell) + 3 for cell in row.cells[:column])


def _is_header(cells: tuple[str, ...], headers: TableHeaders) -> bool:
    # a header names a company column and an amount column, and holds no figures itself
    return (
        column(cells, headers.company) is not None
        and column(cells, headers.amount) is not None
        and not any(ch.isdigit() for cell in cells for ch in cell)
    )


def table_layout(table: Table, headers: TableHeaders) -> tuple[tuple[str, ...], tuple[TableRow, ...]] | None:
    """A project table's header cells and body rows (the header may follow a caption row), or None."""
    if _is_header(table.header, headers):
        return table.header, table.rows
    for i, row in enumerate(table.rows[:3]):
        if _is_header(row.cells, headers):
            return row.cells, table.rows[i + 1 :]
    return None
