"""Validation: a bad candidate goes to rejects with a reason naming the field; a good one is a record."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.validate import validate
from schemas import CandidateRecord, ProjectRecord, RejectOut

TEXT = "Headline\n\nKestrel Power Corp. will invest $2 billion in a battery plant in Ohio."
SENTENCE = TEXT[10:]
GOOD = dict(
    sponsor="Kestrel Power",
    sector="energy",
    value=2e9,
    currency="USD",
    qualifier="exact",
    usd=2e9,
    evidence_text=SENTENCE,
    evidence_start=10,
    evidence_end=len(TEXT),
)


def _validate(**changes: object) -> ProjectRecord | RejectOut:
    candidate = CandidateRecord.model_validate({**GOOD, **changes})
    return validate(candidate, doc_id="0123456789abcdef", source="a.txt", text=TEXT)


def test_a_good_candidate_is_a_record() -> None:
    record = _validate()
    assert isinstance(record, ProjectRecord)
    assert record.amount is not None and record.amount.value == 2e9
    assert record.record_id == _validate().record_id  # stable


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sponsor": None}, "sponsor"),
        ({"sponsor": "  "}, "sponsor"),
        ({"value": -5.0}, "amount.value"),
        ({"value": 0.0}, "amount.value"),
        ({"value": math.inf, "usd": None}, "amount.value"),
        ({"value": math.nan, "usd": None}, "amount.value"),
        ({"usd": math.inf}, "amount"),
        ({"currency": "dollars"}, "amount.currency"),
        ({"currency": "us$"}, "amount.currency"),
        ({"currency": None}, "amount.currency"),
        ({"sector": "space_tourism"}, "sector"),
        ({"sector": None}, "sector"),
        ({"qualifier": "roughly"}, "amount.qualifier"),
        ({"qualifier": "range", "high": None}, "amount"),
        ({"qualifier": "range", "high": 1e9}, "amount"),
        ({"evidence_start": 10, "evidence_end": 10_000}, "evidence"),
        ({"evidence_start": -3}, "evidence"),
        ({"evidence_start": 50, "evidence_end": 20}, "evidence"),
        (
            {"evidence_text": "Kestrel Power Corp. will invest $3 billion in a battery plant in Ohio."},
            "evidence",
        ),
        ({"evidence_start": 11, "evidence_end": len(TEXT)}, "evidence"),
        ({"page": 0}, "evidence.page"),
    ],
)
def test_a_bad_candidate_is_rejected_naming_its_field(changes: dict[str, object], field: str) -> None:
    outcome = _validate(**changes)
    assert isinstance(outcome, RejectOut), outcome
    assert outcome.reasons and any(r.startswith(field) for r in outcome.reasons), outcome.reasons
    assert outcome.candidate["sponsor"] == changes.get("sponsor", GOOD["sponsor"])
    json.dumps(outcome.model_dump(mode="json"), allow_nan=True)  # a reject is always writable


def test_a_rule_file_naming_a_sector_outside_the_contract_stops_the_run(tmp_path: Path) -> None:
    # Rule files are checked against their models: a sector the contract does not list never reaches
    # validation as a candidate's sector; the run refuses the rule file before it writes anything.
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "sectors.json").write_text(json.dumps({"space_tourism": ["orbital hotel"]}))
    doc = tmp_path / "orbital.txt"
    doc.write_text(
        "Kestrel plans a hotel\n\nKestrel Power Corp. will invest $2 billion in an orbital hotel in Ohio.\n"
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["-q", "run", str(doc), "--out", str(out), "--rules", str(rules)])
    assert result.exit_code == 2, result.output
    assert "space_tourism" in result.output.replace("\n", "")
    assert not (out / "rejects.jsonl").exists() and not (out / "records.jsonl").exists()
