"""The quality gate: the dev corpus and the samples scored by the shared scorer, held at pinned floors.

Floors live in tests/quality_floors.json; raise them as quality grows, never lower them.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from pipeline.evaluate import evaluate
from pipeline.output.write import write_outputs
from pipeline.run import Pipeline
from tests.shared_paths import DEV_DOCS, DEV_GOLD, ROOT, SAMPLES, SHARED, needs_shared

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text())


def _shared_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(pipeline: Pipeline, folder: Path, out: Path) -> None:
    documents, records, rejects = [], [], []
    for result in pipeline.run_sources(sorted(str(p) for p in folder.iterdir() if p.is_file())):
        documents.append(result.document)
        records.extend(result.records)
        rejects.extend(result.rejects)
    write_outputs(out, documents, records, rejects)


@pytest.fixture(scope="module")
def dev_scores(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("dev")
    _run(pipeline, DEV_DOCS, out)
    return {"out": out, "scores": _shared_scorer().score(DEV_GOLD, out)}


@needs_shared()
def test_dev_corpus_holds_its_floors(dev_scores: dict[str, Any]) -> None:
    scores, floors = dev_scores["scores"], FLOORS["dev"]
    assert not scores["failed_documents"] and not scores["missing_documents"]
    assert scores["companies"]["f1"] >= floors["companies_f1"]
    assert scores["amounts"]["f1"] >= floors["amounts_f1"]
    assert scores["records"]["f1"] >= floors["records_f1"]
    assert scores["sector_accuracy"] >= floors["sector_accuracy"]
    assert scores["qualifier_accuracy"] >= floors["qualifier_accuracy"]
    assert scores["forbidden_companies"] <= floors["forbidden_max"]


@needs_shared()
def test_pledgeline_eval_agrees_with_the_shared_scorer(dev_scores: dict[str, Any]) -> None:
    out: Path = dev_scores["out"]

    def read(name: str) -> list[dict[str, Any]]:
        return [json.loads(line) for line in (out / name).read_text().splitlines() if line.strip()]

    gold = [json.loads(line) for line in DEV_GOLD.read_text().splitlines() if line.strip()]
    ours = evaluate(gold, read("documents.jsonl"), read("records.jsonl"))
    theirs = dev_scores["scores"]
    for key in ("companies", "amounts", "records"):
        counts = getattr(ours, key)
        assert (counts.tp, counts.pred, counts.gold) == (
            theirs[key]["tp"],
            theirs[key]["pred"],
            theirs[key]["gold"],
        )
    assert ours.forbidden == theirs["forbidden_companies"]


@needs_shared()
def test_samples_hold_their_floors(pipeline: Pipeline, tmp_path: Path) -> None:
    _run(pipeline, SAMPLES / "docs", tmp_path)
    scores = _shared_scorer().score(SAMPLES / "gold.jsonl", tmp_path)
    floors = FLOORS["samples"]
    assert scores["companies"]["f1"] >= floors["companies_f1"]
    assert scores["amounts"]["f1"] >= floors["amounts_f1"]
    assert scores["records"]["f1"] >= floors["records_f1"]
    assert scores["sector_accuracy"] >= floors["sector_accuracy"]


def test_floors_file_is_where_the_gate_reads_it() -> None:
    assert (ROOT / "tests" / "quality_floors.json").is_file()


@needs_shared()
def test_currency_specs_through_the_pipeline_hold_their_floor(pipeline: Pipeline, tmp_path: Path) -> None:
    """Each CurrencyModel case as a document, scored by ../shared/eval/currency_specs.py."""
    spec = importlib.util.spec_from_file_location("currency_specs", SHARED / "eval" / "currency_specs.py")
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    specs_path = SHARED / "corpus" / "wild" / "currency-specs" / "CurrencyModel.dev.json"
    specs = json.loads(specs_path.read_text(encoding="utf-8"))
    cases = tmp_path / "cases"
    assert scorer.main(["cases", str(specs_path), str(cases)]) == 0
    _run(pipeline, cases, tmp_path / "out")
    right, total = scorer.score(specs, tmp_path / "out")
    assert right / total >= FLOORS["currency_specs"]
