"""The benchmark suite: every speed figure the README quotes, measured in one run and printed as ONE table.

    .venv/bin/python bench/run_all.py            # the full suite (10-15 minutes on a 2-core machine)
    .venv/bin/python bench/run_all.py --quick    # a smoke run at toy sizes (a minute or two); no real figures

Run by hand, not by CI. Every figure is a ratio of two measurements taken in the same run, so the machine's
speed cancels out; on a shared machine repeat the suite when a figure looks noisy (the table shows the load
average when the suite started). What it measures:

  - issue 16's three ratios, each as whole processes with start-up included, as a user pays them, one
    worker, each pair back to back in this run (best of a few pairs, since other processes on a shared
    machine slow single runs):
      (i) `pledgeline -q run ARCHIVE --out DIR --workers 1` against a process running spaCy's tokenizer
          alone (`spacy.blank("en")`, nlp.pipe) over the same article texts, in words/s, on 2,000 invented
          ~740-word articles: a pledge-dense archive (every article pledges) and a realistic one (one in
          ten does; the others name their company, and some a figure that is no pledge);
     (ii) real pages against `trafilatura.extract` alone (bench_pages.measure_pages_ratio), on the
          html-benchmark pages of ../shared;
    (iii) a 200-page fact sheet with 120 table rows against pdfplumber's extract_text alone
          (bench_pdf.measure_factsheet_ratio);
  - PDF pages/second in one process, pdfplumber on every page against pledgeline's mixed path, with the
    check that both give the same tables and text (bench_pdf.py);
  - an unchanged re-run of an archive as a share of the first run (bench_archive.py's generator and runner);
  - the throughput of 2 workers against 1 at 10,000 articles, where worker start-up (a second process
    importing the pipeline and spaCy, about 2 s) and the serial end of a run (writing, merging) are
    amortized; best of two runs each, since other processes on a shared machine slow single runs;
  - the runner's peak RSS at two archive sizes (each run in its own process).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_archive import make_archive, measure
from bench_pages import measure_pages_ratio
from bench_pdf import compare_generated, measure_factsheet_ratio
from processes import pledgeline_command, process_seconds

SHARED = Path(__file__).resolve().parents[2] / "shared"
HTML_BENCHMARK = Path(os.environ.get("PLEDGELINE_SHARED") or SHARED) / "corpus/wild/html-benchmark/html"


@dataclass(frozen=True)
class Sizes:
    """How big each measurement is."""

    articles: int  # pipeline vs tokenizer, whole processes
    ratio_repeat: int  # whole-process pairs: best of this many
    pdf_pages: int
    archive: int  # incremental and 1 vs 2 workers
    repeat: int  # worker timings: best of this many
    rss: tuple[int, int]


FULL = Sizes(articles=2000, ratio_repeat=3, pdf_pages=200, archive=10_000, repeat=2, rss=(10_000, 50_000))
QUICK = Sizes(articles=100, ratio_repeat=1, pdf_pages=10, archive=300, repeat=1, rss=(300, 900))

Row = tuple[str, str, str]

ARTICLE_WORDS = 705  # whole sentences are added up to this many words: about 740 words an article
REALISTIC_PLEDGE_SHARE = 0.1

# The reference of ratio (i): spaCy's tokenizer alone, in a process of its own, over the archive's texts.
TOKENIZER_ALONE = """
import json, sys
import spacy
nlp = spacy.blank("en")
with open(sys.argv[1], encoding="utf-8") as lines:
    texts = [json.loads(line)["text"] for line in lines if line.strip()]
for doc in nlp.pipe(texts):
    pass
"""


def pipeline_vs_tokenizer(root: Path, count: int, pledge_share: float, repeat: int) -> list[Row]:
    """Ratio (i): words/s of a whole `pledgeline -q run ARCHIVE --workers 1` process against a process
    running spaCy's tokenizer alone over the same texts, best of `repeat` back-to-back pairs."""
    archive = make_archive(
        root / f"articles-{pledge_share:g}.jsonl",
        count,
        seed=7,
        words=ARTICLE_WORDS,
        pledge_share=pledge_share,
    )
    with archive.open(encoding="utf-8") as lines:
        words = sum(len(json.loads(line)["text"].split()) for line in lines)
    pledgeline, tokenizer = [], []
    for attempt in range(repeat):
        out = root / f"ratio-out-{pledge_share:g}-{attempt}"  # fresh: a second run would skip every article
        run = [*pledgeline_command(), "-q", "run", str(archive), "--out", str(out), "--workers", "1"]
        pledgeline.append(process_seconds(run))
        tokenizer.append(process_seconds([sys.executable, "-c", TOKENIZER_ALONE, str(archive)]))
        records = (out / "records.jsonl").read_bytes().count(b"\n")
        shutil.rmtree(out)
    (pl_wall, pl_cpu), (tok_wall, tok_cpu) = min(pledgeline), min(tokenizer)
    kind = "pledge-dense" if pledge_share >= 1 else f"realistic ({pledge_share:.0%} pledge)"
    return [
        (
            f"(i) rules pipeline, whole process: {count} invented articles ({words / count:.0f} words), "
            f"{kind}, 1 worker",
            f"{words / pl_wall / 1000:.0f}k words/s ({count / pl_wall:.0f} articles/s, {pl_wall:.1f} s; "
            f"{pl_cpu:.1f} s CPU), {records} records",
            f"{tok_wall / pl_wall:.2f} of tokenizer-only (target >= 0.40); CPU {tok_cpu / pl_cpu:.2f}",
        ),
        (
            "spaCy tokenizer alone (blank('en'), nlp.pipe), whole process, same texts",
            f"{words / tok_wall / 1000:.0f}k words/s ({tok_wall:.1f} s; {tok_cpu:.1f} s CPU)",
            f"best of {repeat} pairs",
        ),
    ]


def pages_vs_trafilatura(repeat: int) -> list[Row]:
    """Ratio (ii): real pages, pledgeline against trafilatura.extract alone (whole processes)."""
    if not HTML_BENCHMARK.is_dir():
        return [("(ii) real pages vs trafilatura", f"skipped: {HTML_BENCHMARK} is not there", "")]
    r = measure_pages_ratio(HTML_BENCHMARK, repeat)
    return [
        (
            f"(ii) {r.pages} real news pages (html-benchmark), whole processes, 1 worker",
            f"pledgeline {r.pledgeline_pages_per_s:.1f} vs trafilatura.extract alone "
            f"{r.trafilatura_pages_per_s:.1f} pages/s",
            f"{r.ratio:.2f} (target >= 0.75)",
        )
    ]


def factsheet_vs_pdfplumber(pages: int, repeat: int) -> list[Row]:
    """Ratio (iii): a generated fact sheet, pledgeline against pdfplumber's extract_text alone."""
    r = measure_factsheet_ratio(pages, repeat)
    return [
        (
            f"(iii) {r.pages}-page generated fact sheet, {r.table_rows} table rows, whole processes",
            f"pledgeline {r.pledgeline_s:.1f} s vs pdfplumber extract_text alone {r.pdfplumber_s:.1f} s; "
            f"{r.rows_as_records}/{r.table_rows} rows as records",
            f"{r.ratio:.1f}x faster than pdfplumber (target >= 5x)",
        )
    ]


def pdf(pages: int) -> list[Row]:
    """PDF pages/second, pdfplumber alone against the mixed path (bench_pdf.py)."""
    c = compare_generated(pages)
    same = "identical tables and text" if c.same_tables and c.same_text else "OUTPUTS DIFFER"
    return [
        (
            f"PDF in one process, {c.pages}-page generated fact sheet: pdfplumber alone vs pledgeline",
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
            lambda: pipeline_vs_tokenizer(root, sizes.articles, 1.0, sizes.ratio_repeat),
            lambda: pipeline_vs_tokenizer(root, sizes.articles, REALISTIC_PLEDGE_SHARE, sizes.ratio_repeat),
            lambda: pages_vs_trafilatura(sizes.ratio_repeat),
            lambda: factsheet_vs_pdfplumber(sizes.pdf_pages, 1),
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
