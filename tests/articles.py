"""Article-like documents for the runner, archive and Dask tests: seeded, varied, a few sentences each."""

from __future__ import annotations

import json
import random
from pathlib import Path

_FIRST = (
    "Harbor",
    "Northwind",
    "Bluegate",
    "Cedar",
    "Ironvale",
    "Silverline",
    "Redwood",
    "Summit",
    "Kestrel",
)
_SECOND = ("Energy", "Semiconductor", "Steel", "Motors", "Pharma", "Shipbuilding", "Minerals", "Power")
_PLACES = ("Ohio", "Texas", "Arizona", "Georgia", "Indiana", "Tennessee", "Michigan", "Kansas")
_THINGS = ("battery plant", "chip fab", "steel mill", "shipyard", "data center", "refinery", "vaccine plant")


def article(rng: random.Random, number: int) -> dict[str, str]:
    """One article: a headline, a pledge sentence with a company and an amount, and some filler."""
    company = f"{rng.choice(_FIRST)} {rng.choice(_SECOND)} Corp."
    amount = rng.choice((1.2, 2.5, 3, 4.8, 7, 10, 15, 40))
    place, thing = rng.choice(_PLACES), rng.choice(_THINGS)
    body = (
        f"{company} said on Tuesday it will invest ${amount} billion to build a {thing} in {place}, "
        f"creating about {rng.randint(2, 40) * 100} jobs.\n\n"
        f"The company expects construction to begin next year, a spokesperson said. "
        f"Officials in {place} welcomed the plan, report number {number}.\n"
    )
    return {
        "url": f"https://news.example.test/{number}",
        "title": f"{company.split(' Corp.')[0]} plans {thing} in {place}",
        "text": body,
        "published": "2025-03-04",
    }


def write_jsonl(path: Path, count: int, seed: int = 7) -> Path:
    """A JSONL archive of `count` articles."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(1, count + 1):
            handle.write(json.dumps(article(rng, number)) + "\n")
    return path
