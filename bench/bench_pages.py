"""Real pages as a user pays for them: a whole `pledgeline -q run DIR --out OUT --workers 1` process against a
whole process that imports trafilatura and calls `trafilatura.extract` on each page, over the same pages.

    .venv/bin/python bench/bench_pages.py [PAGES_DIR] [--repeat N]

PAGES_DIR holds the pages (`*.html`, `*.htm`, or gzipped `*.html.gz`, in it or below it); by default the
html-benchmark pages in ../shared. Both processes read plain copies in one temporary folder, start-up
included. Each repetition runs the pair back to back with a fresh OUT (a second run into the same OUT would
skip unchanged pages); the best time of each side counts, since other processes on a shared machine slow
single runs. The ratio is pledgeline's pages/s over trafilatura's.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from processes import pledgeline_command, process_seconds

SHARED = Path(__file__).resolve().parents[2] / "shared"
HTML_BENCHMARK = SHARED / "corpus/wild/html-benchmark/html"

# The reference: trafilatura alone, as a user would call it on each page's bytes.
TRAFILATURA_ALONE = """
import sys
from pathlib import Path

import trafilatura

for page in sorted(Path(sys.argv[1]).iterdir()):
    trafilatura.extract(page.read_bytes())
"""


@dataclass(frozen=True)
class PagesRatio:
    """Whole-process throughput of pledgeline and of trafilatura alone over the same pages."""

    pledgeline_pages_per_s: float
    trafilatura_pages_per_s: float
    ratio: float  # pledgeline's pages/s over trafilatura's
    pages: int


def _page_files(pages_dir: Path) -> list[Path]:
    found = [
        p for p in pages_dir.rglob("*") if p.is_file() and p.name.endswith((".html", ".htm", ".html.gz"))
    ]
    return sorted(found)


def _plain_copies(pages: list[Path], folder: Path) -> None:
    """Each page ungzipped into `folder` under a numbered name (names from different folders may clash)."""
    folder.mkdir()
    for number, page in enumerate(pages):
        content = gzip.decompress(page.read_bytes()) if page.name.endswith(".gz") else page.read_bytes()
        (folder / f"{number:06d}.html").write_bytes(content)


def _pledgeline_command(pages: Path, out: Path) -> list[str]:
    return [*pledgeline_command(), "-q", "run", str(pages), "--out", str(out), "--workers", "1"]


def _seconds(command: list[str]) -> float:
    return process_seconds(command)[0]


def measure_pages_ratio(pages_dir: Path, repeat: int = 3) -> PagesRatio:
    """pledgeline's whole-process pages/s (one worker, start-up included) against trafilatura.extract's alone
    over the pages in `pages_dir`, best of `repeat` back-to-back pairs."""
    pages = _page_files(pages_dir)
    if not pages:
        raise ValueError(f"{pages_dir} holds no .html, .htm or .html.gz pages")
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        folder = Path(tmp) / "pages"
        _plain_copies(pages, folder)
        out = Path(tmp) / "out"
        best_pledgeline = best_trafilatura = float("inf")
        for _ in range(max(1, repeat)):
            shutil.rmtree(out, ignore_errors=True)
            best_pledgeline = min(best_pledgeline, _seconds(_pledgeline_command(folder, out)))
            lines = (out / "documents.jsonl").read_bytes().count(b"\n")
            if lines != len(pages):
                raise RuntimeError(f"pledgeline wrote {lines} documents for {len(pages)} pages")
            reference = [sys.executable, "-c", TRAFILATURA_ALONE, str(folder)]
            best_trafilatura = min(best_trafilatura, _seconds(reference))
    pledgeline_rate = len(pages) / best_pledgeline
    trafilatura_rate = len(pages) / best_trafilatura
    return PagesRatio(
        pledgeline_pages_per_s=pledgeline_rate,
        trafilatura_pages_per_s=trafilatura_rate,
        ratio=pledgeline_rate / trafilatura_rate,
        pages=len(pages),
    )


def main() -> None:
    """Measure and print one line of figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages_dir", type=Path, nargs="?", default=HTML_BENCHMARK)
    parser.add_argument(
        "--repeat", type=int, default=3, help="back-to-back pairs; the best of each side counts"
    )
    args = parser.parse_args()
    result = measure_pages_ratio(args.pages_dir, args.repeat)
    print(
        f"{result.pages} pages: pledgeline {result.pledgeline_pages_per_s:.1f} pages/s, trafilatura.extract "
        f"alone {result.trafilatura_pages_per_s:.1f} pages/s, ratio {result.ratio:.2f} "
        f"(best of {args.repeat})"
    )


if __name__ == "__main__":
    main()
