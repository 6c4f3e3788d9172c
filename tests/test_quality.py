"""The quality gate: the dev corpus and the samples scored by the shared scorer, held at pinned floors.

Floors live in tests/quality_floors.json, and only there: counts one item away from the measure (one true
positive fewer, one false positive more, one sector or qualifier fewer), so that two lost items fail. Raise
them as quality grows, never lower them. A gold file that is missing or shrank fails (the shared scorer
would score an empty gold as 1.0).
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
from tests.shared_paths import DEV_DOCS, DEV_GOLD, ROOT, SAMPLES, SHARED_EVAL, WILD, needs_shared

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text())


def hold_floors(scores: dict[str, Any], floors: dict[str, Any]) -> None:
    """Every measure of a shared-scorer result at or above its pinned floor, on the pinned gold."""
    assert not scores["failed_documents"] and not scores["missing_documents"]
    for measure in ("companies", "amounts", "records"):
        got, floor = scores[measure], floors[measure]
        assert got["gold"] == floor["gold"], (
            f"{measure}: the gold has {got['gold']} items, pinned {floor['gold']}"
        )
        assert got["tp"] >= floor["min_tp"], f"{measure}: {got['tp']} right, floor {floor['min_tp']}"
        assert got["pred"] - got["tp"] <= floor["max_fp"], f"{measure}: {got['pred'] - got['tp']} wrong"
    matched = scores["records"]["tp"]
    sectors, qualifiers = (round(scores[k] * matched) for k in ("sector_accuracy", "qualifier_accuracy"))
    assert sectors >= floors["min_sector_correct"], f"sectors: {sectors} right"
    assert qualifiers >= floors["min_qualifier_correct"], f"qualifiers: {qualifiers} right"
    assert scores["forbidden_companies"] <= floors["max_forbidden"], "forbidden companies"


def _shared_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", SHARED_EVAL / "score.py")
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
    hold_floors(dev_scores["scores"], FLOORS["dev"])


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


@needs_shared(SHARED_EVAL / "score.py")
def test_samples_hold_their_floors(pipeline: Pipeline, tmp_path: Path) -> None:
    _run(pipeline, SAMPLES / "docs", tmp_path)
    hold_floors(_shared_scorer().score(SAMPLES / "gold.jsonl", tmp_path), FLOORS["samples"])


@needs_shared(SHARED_EVAL / "score.py")
def test_the_second_written_set_holds_its_floors(pipeline: Pipeline, tmp_path: Path) -> None:
    """bench/written2: invented documents written apart from the rules (its README gives the first run)."""
    written2 = ROOT / "bench" / "written2"
    _run(pipeline, written2 / "docs", tmp_path)
    hold_floors(_shared_scorer().score(written2 / "gold.jsonl", tmp_path), FLOORS["written2"])


@needs_shared(SHARED_EVAL / "score.py")
def test_the_third_written_set_holds_its_floors(pipeline: Pipeline, tmp_path: Path) -> None:
    """bench/written3: invented documents written apart from the rules, kept back for a first run (README)."""
    written3 = ROOT / "bench" / "written3"
    _run(pipeline, written3 / "docs", tmp_path)
    hold_floors(_shared_scorer().score(written3 / "gold.jsonl", tmp_path), FLOORS["written3"])


@needs_shared()
def test_a_missing_gold_file_fails_the_gate(tmp_path: Path) -> None:
    # the shared scorer reads a missing gold file as empty and scores it 1.0; the pinned gold counts do not
    scores = _shared_scorer().score(tmp_path / "no-gold.jsonl", tmp_path)
    with pytest.raises(AssertionError, match="gold"):
        hold_floors(scores, FLOORS["samples"])


def test_floors_file_is_where_the_gate_reads_it() -> None:
    assert (ROOT / "tests" / "quality_floors.json").is_file()


@needs_shared(WILD / "currency-specs")
def test_currency_specs_through_the_pipeline_hold_their_floor(pipeline: Pipeline, tmp_path: Path) -> None:
    """Each CurrencyModel case as a document, scored by ../shared/eval/currency_specs.py."""
    spec = importlib.util.spec_from_file_location("currency_specs", SHARED_EVAL / "currency_specs.py")
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    specs_path = WILD / "currency-specs" / "CurrencyModel.dev.json"
    specs = json.loads(specs_path.read_text(encoding="utf-8"))
    cases = tmp_path / "cases"
    assert scorer.main(["cases", str(specs_path), str(cases)]) == 0
    _run(pipeline, cases, tmp_path / "out")
    right, total = scorer.score(specs, tmp_path / "out")
    floor = FLOORS["currency_specs_pipeline"]
    assert total == floor["cases"] and right >= floor["min_right"]
