"""Currency-specs share with find_money applied directly (the rule of /work/shared/eval/currency_specs.py).

    .venv/bin/python bench/currency_specs_direct.py [SPECS.json] [-v]

A case is right when its amounts are exactly the expected ones; the scorer's own `expected` and `hit`
functions are imported from the shared file, so the rule cannot drift.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from pipeline.extract.money import find_money

SHARED = Path(__file__).resolve().parents[2] / "shared"
SPECS = SHARED / "corpus" / "wild" / "currency-specs" / "CurrencyModel.dev.json"


def load_scorer() -> ModuleType:
    """The shared scorer module, loaded from its file."""
    spec = importlib.util.spec_from_file_location("currency_specs", SHARED / "eval" / "currency_specs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def case_right(scorer: ModuleType, case: dict[str, Any]) -> bool:
    """True when find_money's amounts for the case input are exactly the expected ones."""
    want = scorer.expected(case)
    got = [(m.value, m.currency.upper()) for m in find_money(case["Input"])]
    got += [(m.high, m.currency.upper()) for m in find_money(case["Input"]) if m.high is not None]
    found = all(any(scorer.hit(w, g) for g in got) for w in want)
    extra = any(not any(scorer.hit(w, g) for w in want) for g in got)
    return found and not extra


def share(specs_path: Path = SPECS, verbose: bool = False) -> float:
    """The share of cases right."""
    scorer = load_scorer()
    specs = json.loads(specs_path.read_text(encoding="utf-8"))
    right = 0
    for case in specs:
        ok = case_right(scorer, case)
        right += ok
        if verbose and not ok:
            got = [(m.text, m.value, m.currency, m.qualifier) for m in find_money(case["Input"])]
            print(
                f"WRONG {case.get('SourceIndex')}: {case['Input']!r}\n    want {scorer.expected(case)}\n"
                f"    got  {got}"
            )
    print(f"currency cases right {right}/{len(specs)} = {right / len(specs):.3f}")
    return right / len(specs)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-v"]
    share(Path(args[0]) if args else SPECS, "-v" in sys.argv[1:])
