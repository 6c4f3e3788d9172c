"""`pledgeline explain`: every amount with the pipeline's decision, equal to what records.jsonl holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.acquire import read_file
from pipeline.cli import app
from pipeline.worker import Pipeline
from tests.shared_paths import DEV_DOCS, SAMPLES, skip_without_shared


def _decisions(tmp_path: Path, text: str) -> list[dict[str, object]]:
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["explain", str(path), "--json"])
    assert result.exit_code == 0, result.output
    decisions: list[dict[str, object]] = json.loads(result.stdout)["decisions"]
    return decisions


def test_a_funding_round_beside_a_pledge(tmp_path: Path) -> None:
    decisions = _decisions(
        tmp_path,
        "Halvard Fusion to build reactor plant\n\n"
        "Halvard Fusion said on Tuesday it closed a $900 million funding round led by Orrin Capital. "
        "Halvard Fusion will invest $2.4 billion in a reactor plant in Ohio, the company said.",
    )
    by_value = {d["value"]: d for d in decisions}
    assert by_value[900e6]["verdict"] == "not_investment"
    assert by_value[900e6]["rule"] == "roles.json not_record_after"
    assert by_value[900e6]["cue"] == "funding round"
    assert by_value[2.4e9]["verdict"] == "record"
    assert by_value[2.4e9]["sponsor"] == "Halvard Fusion"
    assert by_value[2.4e9]["sector"] == "energy"


def test_a_headline_pledge_is_a_record_pointing_to_the_title(tmp_path: Path) -> None:
    decisions = _decisions(
        tmp_path,
        "Corvane Metals to spend $1.1 billion on Nevada lithium refinery\n\n"
        "The refinery will employ 400 people when it opens in 2028, the governor's office said.",
    )
    assert [(d["value"], d["verdict"], d["sponsor"], d["start"]) for d in decisions] == [
        (1.1e9, "record", "Corvane Metals", 24)
    ]


def test_a_market_value_is_not_a_pledge(tmp_path: Path) -> None:
    decisions = _decisions(
        tmp_path,
        "Brisk Semiconductor shares rose 9% on Monday, giving the company a market value of $310 billion. "
        "Brisk Semiconductor plans to invest $12 billion in a chip plant in Arizona.",
    )
    by_value = {d["value"]: d for d in decisions}
    assert (by_value[310e9]["verdict"], by_value[310e9]["cue"]) == ("not_investment", "market value")
    assert by_value[12e9]["verdict"] == "record"


def test_plain_text_names_the_rule_and_the_cue(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text(
        "Brisk Semiconductor has a market value of $310 billion, traders said on Monday.", encoding="utf-8"
    )
    out = CliRunner().invoke(app, ["explain", str(path)]).stdout
    assert "not a pledge" in out
    assert "rule: roles.json not_record_before 'market value'" in out


def _sources() -> list[Path]:
    paths = sorted((SAMPLES / "docs").iterdir())
    if DEV_DOCS.is_dir():
        paths += sorted(DEV_DOCS.iterdir())
    return paths


@pytest.mark.slow
def test_a_japanese_document_explains_every_amount(tmp_path: Path) -> None:
    decisions = _decisions(
        tmp_path,
        "ヒバリ電工は新工場に最大5億ドル（約780億円、156円換算）を投じる。\n売上高は1200億円だった。\n",
    )
    verdicts = {d["text"]: (d["verdict"], d["rule"]) for d in decisions}
    assert verdicts["5億ドル"] == ("record", "ja_roles.json: no cue says otherwise")
    assert verdicts["780億円"][0] == "paired"
    assert verdicts["156円"] == ("too_small", "roles.json min_record_value")
    assert verdicts["1200億円"][0] == "not_investment"
    assert next(d for d in decisions if d["verdict"] == "record")["sponsor"] == "ヒバリ電工"


def test_explain_verdicts_equal_the_records_of_a_run() -> None:
    """Every record verdict is a record, and every record comes from a record verdict (dev and samples)."""
    skip_without_shared(DEV_DOCS)
    pipeline = Pipeline()
    for path in _sources():
        raw = read_file(path, max_bytes=100_000_000)
        run_records = next(pipeline.process([raw])).records
        explanation = pipeline.explain(raw)
        said = sorted((d.value, d.currency) for d in explanation.decisions if d.verdict == "record")
        made = sorted({(r.amount.value, r.amount.currency) for r in run_records if r.amount is not None})
        assert sorted(set(said)) == made, path.name
        assert {d.start for d in explanation.decisions} == {
            m.start for m in pipeline.extractor.extract(pipeline_parse(pipeline, raw)).money
        }, path.name


def pipeline_parse(pipeline: Pipeline, raw: object) -> object:
    from pipeline.parse import parse

    return parse(raw, pipeline.settings.parse)  # type: ignore[arg-type]
