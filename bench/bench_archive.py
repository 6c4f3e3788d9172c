"""Benchmark: re-running extraction over a JSONL article archive (not a test).

Measures, on a generated archive of article-like documents (a few hundred words each, seeded):
  - the first run's time, and a second run over the unchanged archive (target <= 5% of the first);
  - throughput with 1 and with 2 workers (target >= 1.7x);
  - the peak RSS of a run at two sizes (target: within 10%: results stream through the state store).

    .venv/bin/python bench/bench_archive.py            # 2,000 docs; RSS at 2,000 vs 10,000
    .venv/bin/python bench/bench_archive.py --quick    # smoke size
    .venv/bin/python bench/bench_archive.py --docs 5000 --rss-sizes 10000 50000
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

FIRST = (
    "Harbor",
    "Northwind",
    "Bluegate",
    "Cedar",
    "Ironvale",
    "Silverline",
    "Redwood",
    "Summit",
    "Kestrel",
    "Alder",
    "Brightwater",
    "Copperleaf",
    "Duneport",
    "Eastmark",
    "Foxglen",
    "Granite",
)
SECOND = (
    "Energy",
    "Semiconductor",
    "Steel",
    "Motors",
    "Pharma",
    "Shipbuilding",
    "Minerals",
    "Power",
    "Materials",
    "Systems",
    "Batteries",
    "Chemicals",
)
SUFFIX = ("Corp.", "Inc.", "Co., Ltd.", "Holdings", "plc", "")
PLACES = ("Ohio", "Texas", "Arizona", "Georgia", "Indiana", "Tennessee", "Michigan", "Kansas", "Nevada")
THINGS = (
    "battery plant",
    "chip fab",
    "steel mill",
    "shipyard",
    "data center",
    "refinery",
    "vaccine plant",
    "lithium refinery",
    "assembly plant",
)
FILLER = (
    "Analysts said the decision reflected strong demand and a favourable policy environment. "
    "Local officials expect the project to bring new suppliers to the region over the coming decade. "
    "The company did not say how the investment would be financed, but noted its solid balance sheet. "
    "Construction is planned in phases, with the first phase due to be completed within three years. "
    "Industry groups welcomed the announcement, saying it would strengthen regional supply chains. "
    "Shares of the company rose slightly in early trading after the news was released. "
)


# Sentences of a long article (--words): whole sentences with their periods, some naming people, places,
# agencies and outlets beside the companies, none naming money.
NEWS = (
    "Analysts said the decision reflected strong demand and a favourable policy environment.",
    "Local officials expect the project to bring new suppliers to the region over the coming decade.",
    "The company did not say how the work would be financed, but noted its solid balance sheet.",
    "Construction is planned in phases, with the first phase due to be completed within three years.",
    "Industry groups welcomed the announcement, saying it would strengthen regional supply chains.",
    "Shares of the company rose slightly in early trading after the news was released.",
    "Governor Laura Whitfield said the state had worked for two years to bring the employer to the county.",
    "The Department of Commerce said it was reviewing several applications from the sector.",
    "According to Reuters, talks with two other states had stalled earlier this year.",
    "A spokesperson for the company declined to comment on the timing of hiring.",
    "The site sits near a rail line and a river port, which planners said would cut shipping costs.",
    "Union leaders said they hoped most of the new positions would be filled by local workers.",
    "The Chamber of Commerce called it the largest private project in the region in a generation.",
    "Critics said the incentives offered by the state were too generous for a single employer.",
    "Demand for the products has grown quickly as customers in Europe and Asia expand their own lines.",
    "The plant will use power from a nearby solar farm, the company said in a statement on its website.",
    "Several suppliers, including Alder Systems and Granite Materials, are expected to open offices nearby.",
    "Executives told reporters in Chicago that the schedule could change if permits were delayed.",
)
# How an article without a pledge opens: the company is named, a figure may be, nothing is pledged.
NO_PLEDGE = (
    "{company} said on Tuesday it had named a new chief executive, weeks after its board reviewed the "
    "{thing} in {place}.",
    "{company} reported quarterly revenue of {amount}, in line with what analysts had expected.",
    "Shares of {company} fell on Tuesday after the company cut its sales outlook for the year.",
    "{company} said its {thing} in {place} would keep running through the winter despite weak demand.",
)


def article(rng: random.Random, number: int, words: int | None = None, pledge: bool = True) -> dict[str, str]:
    """One article-like document: a pledge or two, and a few hundred words of news filler.

    `words`: fill with whole news sentences to about that many words (default: the short filler of the
    first benchmarks, whose sentences run on without periods). `pledge=False`: the lead names the company
    (and maybe a figure that is no pledge) but pledges nothing, and no partner pledges either.
    """
    company = f"{rng.choice(FIRST)} {rng.choice(SECOND)} {rng.choice(SUFFIX)}".strip()
    amount = rng.choice(
        (
            "$1.2 billion",
            "$2.5 billion",
            "$800 million",
            "¥150 billion",
            "€3 billion",
            "$40 billion",
            "up to $7 billion",
            "about $450 million",
        )
    )
    place, thing = rng.choice(PLACES), rng.choice(THINGS)
    if pledge:
        lead = (
            f"{company} said on Tuesday it will invest {amount} to build a {thing} in {place}, creating "
            f"about {rng.randint(2, 40) * 100} jobs."
        )
    else:
        lead = rng.choice(NO_PLEDGE).format(company=company, thing=thing, place=place, amount=amount)
    paragraphs = [lead]
    if words is None:
        for _ in range(rng.randint(3, 6)):
            paragraphs.append(" ".join(rng.sample(FILLER.split(". "), 4)))
    else:
        count = len(lead.split())
        while count < words:
            paragraph = " ".join(rng.sample(NEWS, rng.randint(3, 5)))
            paragraphs.append(paragraph)
            count += len(paragraph.split())
    if rng.random() < 0.3 and pledge:
        partner = f"{rng.choice(FIRST)} {rng.choice(SECOND)} Inc."
        paragraphs.append(
            f"{partner} also plans to spend {rng.choice(('$600 million', '$1 billion'))} on a "
            f"new {rng.choice(THINGS)} in {rng.choice(PLACES)}."
        )
    title = f"{company} plans {thing} in {place}" if pledge else f"{company} in the news"
    return {
        "url": f"https://news.example.test/{number}",
        "title": title,
        "text": "\n\n".join(paragraphs),
        "published": "2025-03-04",
    }


def make_archive(
    path: Path, count: int, seed: int = 42, words: int | None = None, pledge_share: float = 1.0
) -> Path:
    """Write a JSONL archive of `count` articles (`words`, `pledge_share`: see article(); a share below 1
    gives that share of the articles a pledge, drawn from the seed)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(1, count + 1):
            pledge = pledge_share >= 1.0 or rng.random() < pledge_share
            handle.write(json.dumps(article(rng, number, words, pledge)) + "\n")
    return path


_CHILD = """
import json, resource, sys, time
from pathlib import Path
from pipeline.config import RunSettings, Settings
from pipeline.run import run
archive, out, workers = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
started = time.perf_counter()
result = run([archive], out, Settings(run=RunSettings(workers=workers)))
seconds = time.perf_counter() - started
# VmHWM is this process's own peak; ru_maxrss would also count the parent's RSS copied at fork.
try:
    status = Path("/proc/self/status").read_text()
    rss_kb = int(next(line for line in status.splitlines() if line.startswith("VmHWM:")).split()[1])
except (OSError, StopIteration):
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "processed": result.processed,
                  "skipped": result.skipped, "records": result.counts.records,
                  "rss_mb": rss_kb / 1024}))
"""


def measure(archive: Path, out: Path, workers: int) -> dict[str, float]:
    """One run in a fresh process: its time, counts and peak RSS (of the runner process)."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(archive), str(out), str(workers)],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    """Run the measurements and print one table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=2000, help="documents for the timing runs")
    parser.add_argument(
        "--rss-sizes", type=int, nargs=2, default=(2000, 10000), help="two sizes for peak RSS"
    )
    parser.add_argument("--quick", action="store_true", help="a smoke size (300 docs; RSS at 300 vs 900)")
    args = parser.parse_args()
    docs, small, large = (300, 300, 900) if args.quick else (args.docs, *args.rss_sizes)
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        archive = make_archive(root / "a.jsonl", docs)
        first = measure(archive, root / "w1", 1)
        second = measure(archive, root / "w1", 1)
        two = measure(archive, root / "w2", 2)
        ratio = second["seconds"] / first["seconds"]
        speedup = first["seconds"] / two["seconds"]
        rows += [
            (
                f"first run, {docs} docs, 1 worker",
                f"{first['seconds']:.1f} s "
                f"({docs / first['seconds']:.0f} docs/s, {first['records']:.0f} records)",
                "",
            ),
            (
                "second run, unchanged",
                f"{second['seconds']:.2f} s, {second['processed']:.0f} parsed",
                f"{ratio:.1%} of first (target <= 5%)",
            ),
            (
                "first run, 2 workers",
                f"{two['seconds']:.1f} s ({docs / two['seconds']:.0f} docs/s)",
                f"{speedup:.2f}x of 1 worker (target >= 1.7x)",
            ),
        ]
        rss = {}
        for size in (small, large):
            sized = archive if size == docs else make_archive(root / f"a{size}.jsonl", size)
            rss[size] = measure(sized, root / f"rss{size}", 1)
        growth = rss[large]["rss_mb"] / rss[small]["rss_mb"] - 1
        rows += [
            (f"peak RSS, {size} docs", f"{rss[size]['rss_mb']:.0f} MB in {rss[size]['seconds']:.0f} s", "")
            for size in (small, large)
        ]
        rows.append(("peak RSS growth", f"{growth:+.1%}", "target within 10%"))
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:<40} {note}")


if __name__ == "__main__":
    main()
