"""Dates written in documents: "Sept. 8, 2025", "29 October 2025", "2025-10-30" -> ISO 8601 (YYYY-MM-DD)."""

from __future__ import annotations

import re
from datetime import date

_MONTH_NAMES = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = (
    re.compile(rf"\b{_YEAR}-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
)


def _as_iso(match: re.Match[str]) -> str | None:
    month_text = match.group("month").lower().rstrip(".")
    month = int(month_text) if month_text.isdigit() else _MONTH_NAMES.get(month_text, 0)
    try:
        return date(int(match.group("year")), month, int(match.group("day"))).isoformat()
    except ValueError:
        return None


# The written-out patterns (all but the first) end with spaces and a year: a text without one skips them.
_SPACED_YEAR = re.compile(rf"\s{_YEAR}\b")


def written_date(text: str) -> str | None:
    """The earliest full date written in the text, as YYYY-MM-DD, or None."""
    patterns = _PATTERNS if _SPACED_YEAR.search(text) else _PATTERNS[:1]
    found = [(m.start(), iso) for p in patterns for m in p.finditer(text) if (iso := _as_iso(m))]
    return min(found)[1] if found else None
