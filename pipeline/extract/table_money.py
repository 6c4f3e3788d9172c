"""Amounts a table gives as bare figures under a header that names their unit ('Investment (₹ crore)' over
'6,200'): the header's currency and scale make each figure an amount of the text."""

from __future__ import annotations

import re

from pipeline.extract import money
from pipeline.extract.tables import TableHeaders, cell_start, table_layout
from schemas import MoneyMention, ParsedDocument, Qualifier, Table

# the unit in a header's brackets: a currency mark or code, then an optional scale ('₹ crore', 'US$ m', 'C$')
_BRACKETED_UNIT = re.compile(r"[(（]\s*([^()（）]{1,24}?)\s*[)）]")
_UNIT = re.compile(r"^((?:[A-Za-z]{0,3}[$€£¥₹₩])|[A-Z]{3}|Rs\.?)\s*((?:[a-z]{1,8}\.?)?)$")
# a bare figure in a cell, with an optional hedge: '6,200', 'about 1,450.5', 'up to 300'
_BARE_FIGURE = re.compile(
    r"^(?:(?P<hedge>about|approx\.?|approximately|around|up to|~)\s*)?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)$",
    re.IGNORECASE,
)
_HEDGES: dict[str, Qualifier] = {"up to": "up_to"}


def header_unit(cell: str, rules: money.MoneyRules, home: str | None = None) -> tuple[float, str] | None:
    """The multiplier and currency a header cell's bracketed unit names ('(₹ crore)' -> 1e7 INR), or None."""
    bracket = _BRACKETED_UNIT.search(cell)
    unit = _UNIT.match(bracket.group(1)) if bracket else None
    if unit is None:
        return None
    mark, scale = unit.group(1), unit.group(2)
    for probe in (f"{mark}1 {scale}".strip(), f"{mark} 1 {scale}".strip(), f"{mark}1{scale}"):
        found = money.find_money(probe, rules, home)
        if len(found) == 1 and found[0].text == probe:
            return found[0].value, found[0].currency
    return None


def table_money(
    parsed: ParsedDocument,
    headers: TableHeaders,
    rules: money.MoneyRules,
    found: list[MoneyMention],
    home: str | None = None,
) -> list[MoneyMention]:
    """The bare figures of the document's project tables under a header with a unit, as amounts (cells that
    already hold an amount in `found` are left to it)."""
    taken = [(m.start, m.end) for m in found]
    added: list[MoneyMention] = []
    for table in parsed.tables:
        added.extend(_table_figures(parsed.text, table, headers, rules, home, taken))
    return added


def _table_figures(
    text: str,
    table: Table,
    headers: TableHeaders,
    rules: money.MoneyRules,
    home: str | None,
    taken: list[tuple[int, int]],
) -> list[MoneyMention]:
    layout = table_layout(table, headers)
    if layout is None:
        return []
    header, rows = layout
    units = {i: unit for i, cell in enumerate(header) if (unit := header_unit(cell, rules, home))}
    figures: list[MoneyMention] = []
    for row in rows:
        for i, (scale, currency) in units.items():
            cell = row.cells[i] if i < len(row.cells) else ""
            figure = _BARE_FIGURE.match(cell.strip())
            start = cell_start(row, i)
            if figure is None or text[start : start + len(cell)] != cell:
                continue
            lead = len(cell) - len(cell.lstrip())
            span = (start + lead, start + lead + len(cell.strip()))
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            hedge = (figure.group("hedge") or "").lower()
            value = float(figure.group("number").replace(",", "")) * scale
            figures.append(
                MoneyMention(
                    text=cell.strip(),
                    start=span[0],
                    end=span[1],
                    value=value,
                    currency=currency,
                    qualifier=_HEDGES.get(hedge, "about" if hedge else "exact"),
                    usd=value if currency == "USD" else None,
                )
            )
    return figures
