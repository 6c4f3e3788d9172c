"""The committed JSON Schemas (schemas/*.schema.json) match the models; `pledgeline schema` prints them.

After a deliberate model change, regenerate and review the diff:
    PLEDGELINE_UPDATE_SCHEMAS=1 .venv/bin/pytest tests/test_schema.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.output.export import SCHEMA_MODELS, json_schema
from schemas import Amount, Project, ProjectAmount, ProjectSource, TimelineStep

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
UPDATE = os.environ.get("PLEDGELINE_UPDATE_SCHEMAS") == "1"


@pytest.mark.parametrize("name", sorted(SCHEMA_MODELS))
def test_committed_schema_has_not_drifted(name: str) -> None:
    path = SCHEMAS / f"{name}.schema.json"
    current = json_schema(name)
    if UPDATE:
        path.write_text(current, encoding="utf-8")
    assert path.is_file(), f"{path} missing: run with PLEDGELINE_UPDATE_SCHEMAS=1"
    assert path.read_text(encoding="utf-8") == current, (
        f"{path.name} differs from the model: if the change is meant, PLEDGELINE_UPDATE_SCHEMAS=1 and review"
    )


def test_schemas_describe_the_contract_fields() -> None:
    records = json.loads(json_schema("records"))
    assert {"record_id", "doc_id", "source", "sponsor", "sector", "amount", "evidence"} <= set(
        records["required"]
    )
    projects = json.loads(json_schema("projects"))
    assert {"project_id", "company", "sector", "amount", "sources", "status", "timeline"} <= set(
        projects["required"]
    )
    assert {"status", "published", "title"} <= set(records["properties"])
    documents = json.loads(json_schema("documents"))
    assert documents["properties"]["status"]["enum"] == ["ok", "failed"]


@pytest.mark.parametrize("name", sorted(SCHEMA_MODELS))
def test_cli_prints_the_schema(name: str) -> None:
    result = CliRunner().invoke(app, ["schema", name])
    assert result.exit_code == 0
    assert result.stdout == json_schema(name)


def test_cli_unknown_schema_is_a_usage_error() -> None:
    assert CliRunner().invoke(app, ["schema", "nope"]).exit_code == 2


_hex16 = st.text(alphabet="0123456789abcdef", min_size=16, max_size=16)
_money = st.floats(min_value=1.0, max_value=1e15, allow_nan=False, allow_infinity=False)


@given(
    project_id=_hex16,
    record_id=_hex16,
    company=st.text(min_size=1, max_size=40),
    value=_money,
    usd=st.none() | _money,
    sector=st.sampled_from(["energy", "other", "semiconductors"]),
)
def test_project_round_trips_through_json(
    project_id: str, record_id: str, company: str, value: float, usd: float | None, sector: str
) -> None:
    amount = Amount(value=value, currency="EUR", qualifier="about", usd=usd)
    project = Project(
        project_id=project_id,
        company=company,
        companies=[company],
        sector=sector,  # type: ignore[arg-type]
        sectors=[sector],  # type: ignore[list-item]
        amount=amount,
        amounts=[ProjectAmount(value=value, currency="EUR", qualifier="about", usd=usd)],
        sources=[ProjectSource(doc_id=project_id, record_id=record_id, source="x.txt")],
        status="selected",
        timeline=[
            TimelineStep(
                date="2026-01-02",
                status="selected",
                amount=amount,
                record_id=record_id,
                doc_id=project_id,
                source="x.txt",
            )
        ],
    )
    assert Project.model_validate_json(project.model_dump_json()) == project
