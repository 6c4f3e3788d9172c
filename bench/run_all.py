"""The benchmark suite: every speed figure the README quotes, measured in one run and printed as ONE table.

    .venv/bin/python bench/run_all.py            # the full suite (5-10 minutes on a 2-core machine)
    .venv/bin/python bench/run_all.py --quick    # a smoke run at toy sizes (under a minute); no real figures

Run by hand, not by CI. Every figure is a ratio of two measurements taken in the same run, so the machine's
speed cancels out; on a shared machine repeat the suite when a figure looks noisy (the table shows the load
average when the suite started). What it measures:

  - the rules pipeline (parse + extract + link + validate, in one process) against spaCy's tokenizer alone
    (`spacy.blank("en")`, nlp.pipe) over the same article texts, in articles per CPU-second of one core;
  - PDF pages/second, pdfplumber on every page against pledgeline's mixed path (bench_pdf.py);
  - an unchanged re-run of an archive as a share of the first run (bench_archive.py's generator and runner);
  - the throughput of 2 workers against 1 at 10,000 articles, where worker start-up (a second process
    importing the pipeline and spaCy, about 2 s) and the serial end of a run (writing, merging) are
    amortized; best of two runs each, since other processes on a shared machine slow single runs;
  - the runner's peak RSS at two archive sizes (each run in its own process).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_archive import make_archive, measure
from bench_pdf import compare_generated

from pipeline.acquire.archives import read_archive
from pipeline.parse.dispatch import parse
from pipeline.run import Pipeline
from schemas import RawDocument


@dataclass(frozen=True)
class Sizes:
    """How big each measurement is."""

    articles: int  # pipeline vs tokenizer
    pdf_pages: int
    archive: int  # incremental and 1 vs 2 workers
    repeat: int  # worker timings: best of this many
    rss: tuple[int, int]


FULL = Sizes(articles=1500, pdf_pages=200, archive=10_000, repeat=2, rss=(10_000, 50_000))
QUICK = Sizes(articles=100, pdf_pages=10, archive=300, repeat=1, rss=(300, 900))

Row = tuple[str, str, str]


def _cpu_seconds(work: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds of this process, wall seconds) that `work` takes."""
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    return time.process_time() - cpu, time.perf_counter() - wall


def pipeline_vs_tokenizer(root: Path, count: int) -> list[Row]:
    """Articles per CPU-second: the whole rules pipeline against spaCy's tokenizer alone, same texts."""
    import spacy

    archive = make_archive(root / "articles.jsonl", count, seed=7)
    items = read_archive(str(archive), max_bytes=10_000_000)
    raws = [item for item in items if isinstance(item, RawDocument)]
    texts = [parse(raw).text for raw in raws]
    pipeline = Pipeline()
    list(pipeline.process(raws[:20]))  # load rules and spaCy, warm caches

    def run_pipeline() -> None:
        for start in range(0, len(raws), 32):  # the batches a worker gets
            list(pipeline.process(raws[start : start + 32]))

    nlp = spacy.blank("en")
    list(nlp.pipe(texts[:20]))

    def run_tokenizer() -> None:
        for _ in nlp.pipe(texts):
            pass

    pipe_cpu, pipe_wall = _cpu_seconds(run_pipeline)
    tok_cpu, tok_wall = min(_cpu_seconds(run_tokenizer) for _ in range(3))
    ratio = (count / pipe_cpu) / (count / tok_cpu)
    return [
        (
            f"rules pipeline, {count} articles (parse+extract+link+validate)",
            f"{count / pipe_cpu:.0f} articles/s/core ({count / pipe_wall:.0f}/s wall)",
            f"{ratio:.1%} of tokenizer-only (target >= 40%)",
        ),
        (
            "spaCy tokenizer alone (blank('en'), nlp.pipe), same texts",
            f"{count / tok_cpu:.0f} articles/s/core ({count / tok_wall:.0f}/s wall)",
            "",
        ),
    ]


def pdf(pages: int) -> list[Row]:
    """PDF pages/second, pdfplumber alone against the mixed path (bench_pdf.py)."""
    c = compare_generated(pages)
    same = "identical tables and text" if c.same_tables and c.same_text else "OUTPUTS DIFFER"
    return [
        (
            f"PDF, {c.pages}-page generated fact sheet: pdfplumber alone vs pledgeline",
            f"{c.pages / c.plumber_s:.1f} vs {c.pages / c.mixed_s:.1f} pages/s",
            f"{c.plumber_s / c.mixed_s:.1f}x, {same}",
        )
    ]


def archive_runs(root: Path, docs: int, repeat: int, runs: dict[int, dict[str, float]]) -> list[Row]:
    """An unchanged re-run against the first run, and 2 workers against 1 (best of `repeat` each).

    The first run (1 worker) is kept in `runs` by size, for the peak RSS row.
    """
    archive = make_archive(root / "archive.jsonl", docs)
    first = runs[docs] = measure(archive, root / "incremental", 1)
    second = measure(archive, root / "incremental", 1)
    one, two = [first["seconds"]], []
    for attempt in range(repeat):
        two.append(measure(archive, root / f"two{attempt}", 2)["seconds"])
        if attempt + 1 < repeat:
            one.append(measure(archive, root / f"one{attempt}", 1)["seconds"])
    speedup = min(one) / min(two)
    return [
        (
            f"first run, {docs}-article archive, 1 worker",
            f"{first['seconds']:.1f} s ({docs / first['seconds']:.0f} articles/s), "
            f"{first['records']:.0f} records",
            "",
        ),
        (
            "second run, archive unchanged",
            f"{second['seconds']:.2f} s ({second['skipped']:.0f} skipped, {second['processed']:.0f} redone)",
            f"{second['seconds'] / first['seconds']:.1%} of the first run (target <= 5%)",
        ),
        (
            f"1 vs 2 workers, {docs} articles (best of {repeat})",
            f"{docs / min(one):.0f} vs {docs / min(two):.0f} articles/s",
            f"{speedup:.2f}x (target >= 1.7x)",
        ),
    ]


def peak_rss(root: Path, sizes: tuple[int, int], runs: dict[int, dict[str, float]]) -> list[Row]:
    """The runner's peak RSS (1 worker: everything in one process) at two archive sizes."""
    rss = {}
    for size in sizes:
        if size in runs:  # a first run of this size was measured already
            rss[size] = runs[size]
            continue
        archive = make_archive(root / f"rss{size}.jsonl", size)
        rss[size] = measure(archive, root / f"rss{size}", 1)
        archive.unlink()
    small, large = sizes
    growth = rss[large]["rss_mb"] / rss[small]["rss_mb"] - 1
    return [
        (
            f"peak RSS, {small} vs {large} articles (1 worker)",
            f"{rss[small]['rss_mb']:.0f} vs {rss[large]['rss_mb']:.0f} MB "
            f"(runs of {rss[small]['seconds']:.0f} s and {rss[large]['seconds']:.0f} s)",
            f"{growth:+.1%} (target within 10%)",
        )
    ]


def main() -> None:
    """Run every benchmark and print one Markdown table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="toy sizes: a smoke run of under a minute")
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    load = os.getloadavg()[0]
    started = time.perf_counter()
    rows: list[Row] = []
    runs: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for step in (
            lambda: pipeline_vs_tokenizer(root, sizes.articles),
            lambda: pdf(sizes.pdf_pages),
            lambda: archive_runs(root, sizes.archive, sizes.repeat, runs),
            lambda: peak_rss(root, sizes.rss, runs),
        ):
            rows += step()
            print(f"... {rows[-1][0]}: done", file=sys.stderr, flush=True)
    code = hashlib.sha256(
        b"".join(p.read_bytes() for p in sorted((Path(__file__).parents[1] / "pipeline").glob("*.py")))
    ).hexdigest()[:8]
    print(
        f"{'quick smoke run, ' if args.quick else ''}{os.cpu_count()} cores, "
        f"load average {load:.2f} at start, "
        f"{time.perf_counter() - started:.0f} s in all, pipeline code {code}\n"
    )
    print("| benchmark | result | ratio |")
    print("|---|---|---|")
    for name, value, note in rows:
        print(f"| {name} | {value} | {note} |")


if __name__ == "__main__":
    main()
