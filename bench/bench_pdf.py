"""PDF speed: pledgeline against pdfplumber, in process (parse only) and as whole processes.

    .venv/bin/python bench/bench_pdf.py                 # 200-page fact sheet, parse only, one run each
    .venv/bin/python bench/bench_pdf.py --pages 60 --repeat 2
    .venv/bin/python bench/bench_pdf.py --whole --repeat 2   # whole processes, as a user pays them

Parse only: pages/second for pdfplumber on every page and for pledgeline's mixed path, their ratio, and
whether tables, rows and text came out identical.
Whole processes (`measure_factsheet_ratio`, issue 16): on a fact sheet with one ruled table in 20 pages
(200 pages: 120 rows), the wall time of `pledgeline run FILE --out DIR --workers 1` against a `python -c`
that opens the file with pdfplumber and calls extract_text on every page, and one that reads every page's
text with pypdfium2; start-up included, each triple in one run, the best of `--repeat`; and how many of the
table rows became records. Not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_factsheet import ROWS_PER_TABLE, make_factsheet
from processes import pledgeline_command, process_seconds

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


# One ruled table in this many pages: the 200-page fact sheet holds 120 table rows.
RATIO_TABLE_EVERY = 20
_PDFPLUMBER_TEXT = """import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text()
"""
_PYPDFIUM2_TEXT = """import sys, pypdfium2
pdf = pypdfium2.PdfDocument(sys.argv[1])
for page in pdf:
    page.get_textpage().get_text_range()
"""


@dataclass(frozen=True)
class FactsheetRatio:
    """Whole processes over one generated fact sheet: pledgeline against pdfplumber and pypdfium2 alone."""

    pages: int
    table_rows: int
    pledgeline_s: float
    pdfplumber_s: float
    pypdfium2_s: float
    rows_as_records: int  # table rows that became a record (goal: all of table_rows)
    ratio: float  # pdfplumber_s / pledgeline_s (goal: >= 5)
    # CPU seconds (user + system) of the same best runs: steadier than wall time on a shared machine
    pledgeline_cpu_s: float = 0.0
    pdfplumber_cpu_s: float = 0.0

    @property
    def cpu_ratio(self) -> float:
        """pdfplumber's CPU seconds over pledgeline's."""
        return self.pdfplumber_cpu_s / self.pledgeline_cpu_s if self.pledgeline_cpu_s else 0.0


def _rows_as_records(out: Path) -> int:
    """Table rows (evidence lines with cells) that carry a record in OUT/records.jsonl."""
    starts = set()
    for line in (out / "records.jsonl").read_text(encoding="utf-8").splitlines():
        evidence = json.loads(line)["evidence"]
        if " | " in evidence["text"]:
            starts.add(evidence["start"])
    return len(starts)


def measure_factsheet_ratio(pages: int = 200, repeat: int = 1) -> FactsheetRatio:
    """Whole-process seconds of pledgeline and of pdfplumber and pypdfium2 text alone on a generated fact
    sheet of `pages` pages (one ruled table of 12 rows in 20 pages); best of `repeat` runs of each."""
    seconds: dict[str, list[tuple[float, float]]] = {"pledgeline": [], "pdfplumber": [], "pypdfium2": []}
    with tempfile.TemporaryDirectory() as tmp:
        pdf = make_factsheet(Path(tmp) / "factsheet.pdf", pages, RATIO_TABLE_EVERY)
        out = Path(tmp) / "out"
        for attempt in range(repeat):
            out = Path(tmp) / f"out{attempt}"  # a fresh folder: a second run into one would skip the file
            pledgeline = [*pledgeline_command(), "-q", "run", str(pdf), "--out", str(out), "--workers", "1"]
            seconds["pledgeline"].append(process_seconds(pledgeline))
            seconds["pdfplumber"].append(process_seconds([sys.executable, "-c", _PDFPLUMBER_TEXT, str(pdf)]))
            seconds["pypdfium2"].append(process_seconds([sys.executable, "-c", _PYPDFIUM2_TEXT, str(pdf)]))
        rows = _rows_as_records(out)
    best = {name: min(values) for name, values in seconds.items()}  # the fastest wall time, its CPU
    return FactsheetRatio(
        pages=pages,
        table_rows=pages // RATIO_TABLE_EVERY * ROWS_PER_TABLE,
        pledgeline_s=best["pledgeline"][0],
        pdfplumber_s=best["pdfplumber"][0],
        pypdfium2_s=best["pypdfium2"][0],
        rows_as_records=rows,
        ratio=best["pdfplumber"][0] / best["pledgeline"][0],
        pledgeline_cpu_s=best["pledgeline"][1],
        pdfplumber_cpu_s=best["pdfplumber"][1],
    )


def _print_ratio(pages: int, repeat: int) -> None:
    r = measure_factsheet_ratio(pages, repeat)
    print(f"{r.pages}-page fact sheet, {r.table_rows} table rows; whole processes, best of {repeat}")
    print(f"{'process':<44}{'seconds':>9}{'CPU s':>9}")
    print(
        f"{'pledgeline run FILE --out DIR --workers 1':<44}{r.pledgeline_s:>9.2f}{r.pledgeline_cpu_s:>9.2f}"
    )
    print(
        f"{'pdfplumber open + extract_text, every page':<44}{r.pdfplumber_s:>9.2f}{r.pdfplumber_cpu_s:>9.2f}"
    )
    print(f"{'pypdfium2 text, every page':<44}{r.pypdfium2_s:>9.2f}")
    print(
        f"pledgeline is {r.ratio:.1f}x faster than pdfplumber text alone (goal >= 5x); "
        f"CPU: {r.cpu_ratio:.1f}x"
    )
    print(f"table rows as records: {r.rows_as_records}/{r.table_rows}")


def main() -> None:
    """Command line: generate the fact sheet, time both paths, print a small table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--table-every", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=1, help="runs per path; the best is kept")
    parser.add_argument("--pdf", type=Path, help="time this PDF instead of a generated one")
    parser.add_argument(
        "--whole", action="store_true", help="whole processes: pledgeline run against pdfplumber text alone"
    )
    args = parser.parse_args()
    if args.whole:
        _print_ratio(args.pages, args.repeat)
        return
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
