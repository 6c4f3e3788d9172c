"""Benchmark: one long plain-text document, 1 to 20 MB, through every stage (not a test).

Each size is one document of generated news prose (the articles of bench_archive.py, joined, and paragraphs
dense in pledges), run through parse -> extract -> link -> validate in a fresh process. The table gives wall
and CPU seconds and CPU seconds per MB (CPU time, so that other work on a shared machine does not blur it): a
flat s/MB means no stage is quadratic in the text's length.

    .venv/bin/python bench/bench_long_text.py                 # 1, 2, 4, 8 and 20 MB (10-20 minutes)
    .venv/bin/python bench/bench_long_text.py --sizes 1 2 4   # chosen sizes, in MB
    .venv/bin/python bench/bench_long_text.py --profile 2     # cProfile of one size: the costliest calls
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_archive import FIRST, PLACES, SECOND, THINGS, article

MB = 1_000_000
# Names with no line of business in them, so that the sector comes from the text around them.
PLAIN = ("Abernathy", "Bellweather", "Corrigan", "Dunmore", "Everly", "Fairhaven", "Galloway", "Hartwell")


def pledge_paragraph(rng: random.Random, number: int) -> str:
    """A paragraph dense in pledges: a company introduced by an appositive, then its own figures."""
    company = f"{rng.choice(PLAIN)} {rng.choice(FIRST)} {rng.choice(('Corp.', 'Inc.', 'Group'))}"
    short = company.rsplit(" ", 1)[0]
    thing, place = rng.choice(THINGS), rng.choice(PLACES)
    return (
        f"{company}, a {rng.choice(SECOND).lower()} company based in {rng.choice(PLACES)}, said it would "
        f"invest ${rng.randint(11, 990) / 10:.1f} billion in a {thing} in {place}. The plant will employ "
        f"{rng.randint(2, 40) * 100} people. {short} also plans to spend ${rng.randint(101, 999)} million "
        f"on a second {rng.choice(THINGS)}, filing number {number}.\n"
    )


def long_text(megabytes: float, seed: int = 7) -> str:
    """About `megabytes` MB of news prose as one text: articles, and paragraphs dense in pledges."""
    rng = random.Random(seed)
    parts = ["Investment pledges of the year, as reported\n"]
    size = len(parts[0])
    number = 0
    while size < megabytes * MB:
        number += 1
        item = article(rng, number)
        piece = f"\n{item['title']}\n\n{item['text']}\n\n{pledge_paragraph(rng, number)}"
        parts.append(piece)
        size += len(piece.encode("utf-8"))
    return "".join(parts)


_CHILD = """
import json, sys, time
from pathlib import Path
from pipeline.acquire import read_file
from pipeline.config import ParseSettings, Settings
from pipeline.worker import Pipeline
path = Path(sys.argv[1])
pipeline = Pipeline(Settings(parse=ParseSettings(timeout=1e9)))
pipeline.warm_up()
raw = read_file(path, max_bytes=10**9)
started, cpu = time.perf_counter(), time.process_time()
if len(sys.argv) > 2:
    import cProfile, pstats
    profiler = cProfile.Profile()
    profiler.enable()
results = list(pipeline.process([raw]))
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
if len(sys.argv) > 2:
    profiler.disable()
    pstats.Stats(profiler, stream=sys.stderr).sort_stats(sys.argv[2]).print_stats(25)
doc = results[0].document
print(json.dumps({"seconds": seconds, "cpu": cpu, "status": doc.status, "records": len(results[0].records),
                  "error": doc.error.kind if doc.error else None}))
"""


def measure(megabytes: float, folder: Path, profile: str = "") -> dict[str, object]:
    """One size in a fresh process: seconds, the document's status and its record count."""
    path = folder / f"long-{megabytes:g}mb.txt"
    path.write_text(long_text(megabytes), encoding="utf-8")
    args = [sys.executable, "-c", _CHILD, str(path), *([profile] if profile else [])]
    done = subprocess.run(args, check=True, capture_output=True, text=True)
    if profile:
        sys.stderr.write(done.stderr)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    result["bytes"] = path.stat().st_size
    return result


def main() -> None:
    """Measure each size and print one table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=float, nargs="+", default=(1, 2, 4, 8, 20), help="sizes in MB")
    parser.add_argument("--profile", type=float, help="profile one size (MB) instead")
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    with tempfile.TemporaryDirectory() as tmp:
        if args.profile:
            print(measure(args.profile, Path(tmp), profile="tottime"))
            return
        print(f"one plain-text document per size; load average {load:.1f} at start")
        print(f"{'MB':>6} {'seconds':>9} {'cpu s':>9} {'cpu s/MB':>9} {'records':>8}  status")
        for size in args.sizes:
            row = measure(size, Path(tmp))
            megabytes = float(str(row["bytes"])) / MB
            seconds, cpu = float(str(row["seconds"])), float(str(row["cpu"]))
            status = f"{row['status']} {row['error'] or ''}".strip()
            figures = f"{megabytes:6.2f} {seconds:9.1f} {cpu:9.1f} {cpu / megabytes:9.2f}"
            print(f"{figures} {row['records']!s:>8}  {status}", flush=True)


if __name__ == "__main__":
    main()
