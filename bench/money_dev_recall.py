"""Amount recall of find_money on the dev corpus: its (value, currency) set against gold "amounts".

    .venv/bin/python bench/money_dev_recall.py [-v]

Precision here is only indicative: adverts and related links are still in the text at this stage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline.acquire import read_file
from pipeline.extract.money import find_money
from pipeline.parse.dispatch import parse

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def close(a: float, b: float) -> bool:
    """Values within 0.5%, as the scorer compares them."""
    return abs(a - b) <= 0.005 * max(abs(a), 1e-9)


def main(verbose: bool) -> None:
    """Print per-document and total recall and precision."""
    gold = [json.loads(line) for line in (DEV / "gold.jsonl").read_text().splitlines() if line.strip()]
    found_all = want_all = got_all = right_all = 0
    for doc in gold:
        text = parse(read_file(DEV / "docs" / doc["doc"], max_bytes=10**8)).text
        got = {(m.value, m.currency) for m in find_money(text)}
        got |= {(m.high, m.currency) for m in find_money(text) if m.high is not None}
        want = {(a["value"], a["currency"]) for a in doc["amounts"]}
        missed = [w for w in want if not any(close(w[0], g[0]) and w[1] == g[1] for g in got)]
        extra = [g for g in got if not any(close(w[0], g[0]) and w[1] == g[1] for w in want)]
        found_all += len(want) - len(missed)
        want_all += len(want)
        got_all += len(got)
        right_all += len(got) - len(extra)
        print(f"{doc['doc']:50s} recall {len(want) - len(missed)}/{len(want)}  extra {len(extra)}")
        if verbose:
            for w in sorted(missed):
                print(f"    MISSED {w}")
            for g in sorted(extra, key=str):
                print(f"    extra  {g}")
    print(f"amount recall {found_all}/{want_all} = {found_all / max(want_all, 1):.3f}")
    share = right_all / max(got_all, 1)
    print(f"amount precision (before advert removal) {right_all}/{got_all} = {share:.3f}")


if __name__ == "__main__":
    main("-v" in sys.argv[1:])
