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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_factsheet import make_factsheet

from pipeline.config import ParseSettings
from pipeline.parse_pdf import parse_pdf
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
    with tempfile.TemporaryDirectory() as tmp:
        path = args.pdf or make_factsheet(Path(tmp) / "factsheet.pdf", args.pages, args.table_every)
        content = path.read_bytes()
    raw = RawDocument(
        source=str(path),
        content=content,
        media_type="application/pdf",
        sha256=hashlib.sha256(content).hexdigest(),
    )
    slow_s, slow = _timed(raw, fast=False, repeat=args.repeat)
    fast_s, fast = _timed(raw, fast=True, repeat=args.repeat)
    pages = len(slow.pages)
    rows_slow = [(t.header, [(r.cells, r.page) for r in t.rows]) for t in slow.tables]
    rows_fast = [(t.header, [(r.cells, r.page) for r in t.rows]) for t in fast.tables]
    lines_slow, lines_fast = slow.text.splitlines(), fast.text.splitlines()
    same_lines = sum(a == b for a, b in zip(lines_slow, lines_fast, strict=False))
    print(f"{path.name}: {pages} pages, {len(slow.tables)} tables, {sum(len(r) for _, r in rows_slow)} rows")
    print(f"{'path':<22}{'seconds':>9}{'pages/s':>10}")
    print(f"{'pdfplumber alone':<22}{slow_s:>9.2f}{pages / slow_s:>10.1f}")
    print(f"{'mixed (pdfium+plumber)':<22}{fast_s:>9.2f}{pages / fast_s:>10.1f}")
    print(f"speed-up: {slow_s / fast_s:.1f}x")
    print(f"tables and rows identical: {rows_slow == rows_fast}")
    total_lines = max(len(lines_slow), len(lines_fast))
    print(f"text identical: {slow.text == fast.text} ({same_lines}/{total_lines} lines)")
    print(f"title/published identical: {(slow.title, slow.published) == (fast.title, fast.published)}")


if __name__ == "__main__":
    main()
