"""Dates written in documents, as ISO 8601."""

from __future__ import annotations

import pytest

from pipeline.parse.dates import written_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TOKYO, Oct. 29, 2025 -- SoftBank Group Corp. is considering", "2025-10-29"),
        ("By Oliver Grant\nNovember 3, 2025\n\nStart with", "2025-11-03"),
        ("Fact Sheet · 28 October 2025 · Trade Policy Bureau", "2025-10-28"),
        ("Posted: 2025-10-30 17:22 KST", "2025-10-30"),
        ("Sept. 8, 2025", "2025-09-08"),
        ("TOKYO, Oct 30 -- Japanese stocks closed", None),
        ("February 30, 2025", None),
    ],
)
def test_written_date(text: str, expected: str | None) -> None:
    assert written_date(text) == expected
