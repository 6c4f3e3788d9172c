"""PDF parse speed: pdfplumber on every page vs the mixed path (pypdfium2 for pages with no tables).

    .venv/bin/python bench/bench_pdf.py                 # 200-page fact sheet, one run each
    .venv/bin/python bench/bench_pdf.py --pages 60 --repeat 2

Prints pages/second for both paths, their ratio, and whether tables, rows and text came out identical.
Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_factsheet import make_factsheet

from pipeline.config import ParseSettings
from pipeline.parse.pdf import parse_pdf
from schemas import ParsedDocument, RawDocument


def _timed(raw: RawDocument, fast: bool, repeat: int) -> tuple[float, ParsedDocument]:
    settings = ParseSettings(pdf_fast_text=fast)
    best = float("inf")
    parsed = None
    for _ in range(repeat):
        start = time.perf_counter()
        parsed = parse_pdf(raw, settings)
        best = min(best, time.perf_counter() - start)
    assert parsed is not None
    return best, parsed


@dataclass(frozen=True)
class PdfComparison:
    """Both PDF paths timed on one document, and whether they agree."""

    name: str
    pages: int
    tables: int
    rows: int
    plumber_s: float
    mixed_s: float
    same_tables: bool
    same_text: bool
    same_lines: int
    total_lines: int
    same_meta: bool


def compare(path: Path, repeat: int = 1) -> PdfComparison:
    """Time pdfplumber on every page against the mixed path on one PDF, and compare what they give."""
    content = path.read_bytes()
    raw = RawDocument(
        source=str(path),
        content=content,
        media_type="application/pdf",
        sha256=hashlib.sha256(content).hexdigest(),
    )
    slow_s, slow = _timed(raw, fast=False, repeat=repeat)
    fast_s, fast = _timed(raw, fast=True, repeat=repeat)
    rows_slow = [(t.header, [(r.cells, r.page) for r in t.rows]) for t in slow.tables]
    rows_fast = [(t.header, [(r.cells, r.page) for r in t.rows]) for t in fast.tables]
    lines_slow, lines_fast = slow.text.splitlines(), fast.text.splitlines()
    return PdfComparison(
        name=path.name,
        pages=len(slow.pages),
        tables=len(slow.tables),
        rows=sum(len(r) for _, r in rows_slow),
        plumber_s=slow_s,
        mixed_s=fast_s,
        same_tables=rows_slow == rows_fast,
        same_text=slow.text == fast.text,
        same_lines=sum(a == b for a, b in zip(lines_slow, lines_fast, strict=False)),
        total_lines=max(len(lines_slow), len(lines_fast)),
        same_meta=(slow.title, slow.published) == (fast.title, fast.published),
    )


def compare_generated(pages: int, table_every: int = 10, repeat: int = 1) -> PdfComparison:
    """compare() on a generated fact sheet of `pages` pages."""
    with tempfile.TemporaryDirectory() as tmp:
        return compare(make_factsheet(Path(tmp) / "factsheet.pdf", pages, table_every), repeat)


def main() -> None:
    """Command line: generate the fact sheet, time both paths, print a small table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--table-every", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=1, help="runs per path; the best is kept")
    parser.add_argument("--pdf", type=Path, help="time this PDF instead of a generated one")
    args = parser.parse_args()
    if args.pdf:
        c = compare(args.pdf, args.repeat)
    else:
        c = compare_generated(args.pages, args.table_every, args.repeat)
    print(f"{c.name}: {c.pages} pages, {c.tables} tables, {c.rows} rows")
    print(f"{'path':<22}{'seconds':>9}{'pages/s':>10}")
    print(f"{'pdfplumber alone':<22}{c.plumber_s:>9.2f}{c.pages / c.plumber_s:>10.1f}")
    print(f"{'mixed (pdfium+plumber)':<22}{c.mixed_s:>9.2f}{c.pages / c.mixed_s:>10.1f}")
    print(f"speed-up: {c.plumber_s / c.mixed_s:.1f}x")
    print(f"tables and rows identical: {c.same_tables}")
    print(f"text identical: {c.same_text} ({c.same_lines}/{c.total_lines} lines)")
    print(f"title/published identical: {c.same_meta}")


if __name__ == "__main__":
    main()
