"""Diff: records added, removed and changed between two runs, and projects whose status or figure moved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lifecycle_docs import FACT_SHEET, FUEL, KILN, write_documents
from typer.testing import CliRunner

from pipeline import run
from pipeline.cli import app
from pipeline.output.diff import diff_projects, diff_runs
from pipeline.output.merge import PROJECTS


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The first reports (fact sheet, plans) in run A; every report, months later, in run B."""
    docs = write_documents(tmp_path_factory.mktemp("docs"))
    early = [p for p in docs if p.name in {FACT_SHEET, KILN, FUEL}]
    first, second = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    run([str(p) for p in early], out=first)
    run([str(p) for p in docs], out=second)
    return first, second


def _changes(result: dict[str, object]) -> dict[str, dict[str, object]]:
    projects = result["projects"]
    assert isinstance(projects, dict)
    return {f"{c['company']} {c['status'][0]}": c for c in projects["changed"]}


def test_diff_reports_status_and_figure_changes_of_projects(two_runs: tuple[Path, Path]) -> None:
    result = diff_runs(*two_runs).as_json()
    assert len(result["added"]) == 4 and result["removed"] == [] and result["unchanged"] == 3
    changes = _changes(result)
    assert set(changes) == {
        "Brantwood Energy candidate",
        "Mossgiel Cement announced",
        "Brantwood Energy announced",
    }
    reactors = changes["Brantwood Energy candidate"]
    assert reactors["status"] == ["candidate", "under_construction"]
    assert reactors["fields"] == ["status", "amount", "amounts"]
    assert [a["value"] for a in reactors["amount"]] == [40e9, 35e9]
    assert sorted(f["value"] for f in reactors["figures_added"]) == [33e9, 35e9]
    assert reactors["project_id"] == reactors["before_project_id"]  # the figure moved, the id stayed
    kiln = changes["Mossgiel Cement announced"]
    assert kiln["status"] == ["announced", "cancelled"] and kiln["fields"] == ["status"]
    fuel = changes["Brantwood Energy announced"]
    assert fuel["fields"] == ["amounts"] and [f["value"] for f in fuel["figures_added"]] == [3.4e9]


def test_diff_merges_the_records_of_a_run_without_projects(
    two_runs: tuple[Path, Path], tmp_path: Path
) -> None:
    bare = tmp_path / "bare"
    bare.mkdir()
    for name in ("documents.jsonl", "records.jsonl"):
        (bare / name).write_bytes((two_runs[1] / name).read_bytes())
    assert not (bare / PROJECTS).exists()
    assert _changes(diff_runs(two_runs[0], bare).as_json()) == _changes(diff_runs(*two_runs).as_json())


def test_a_project_whose_id_changed_is_matched_by_its_records() -> None:
    def project(project_id: str, status: str, records: list[str]) -> dict[str, object]:
        amount = {"value": 1e9, "currency": "USD", "qualifier": "exact", "high": None, "usd": 1e9}
        return {
            "project_id": project_id,
            "company": "Cedar Steel",
            "sector": "manufacturing",
            "status": status,
            "amount": amount,
            "amounts": [amount],
            "sources": [{"record_id": r} for r in records],
        }

    result = diff_projects(
        [project("a" * 16, "announced", ["r1", "r2"]), project("c" * 16, "announced", ["r9"])],
        [project("b" * 16, "operating", ["r2", "r3"]), project("d" * 16, "announced", ["r8"])],
    )
    assert [(c.before["project_id"], c.after["project_id"], c.fields) for c in result.changed] == [
        ("a" * 16, "b" * 16, ["status"])
    ]
    assert [p["project_id"] for p in result.added] == ["d" * 16]
    assert [p["project_id"] for p in result.removed] == ["c" * 16]


def test_cli_diff_prints_the_project_changes(two_runs: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(app, ["diff", str(two_runs[0]), str(two_runs[1])], env={"COLUMNS": "200"})
    assert result.exit_code == 1, result.output  # as diff: the runs differ
    assert "candidate -> under_construction" in result.output
    assert "announced -> cancelled" in result.output
    assert "up to USD 40.0B -> USD 35.0B" in result.output
    assert "projects: 0 new, 0 gone, 3 changed (status or figure), 0 unchanged" in result.output
    as_json = CliRunner().invoke(app, ["diff", "--json", str(two_runs[0]), str(two_runs[1])])
    assert len(json.loads(as_json.output)["projects"]["changed"]) == 3
    same = CliRunner().invoke(app, ["diff", str(two_runs[1]), str(two_runs[1])])
    assert (
        same.exit_code == 0
        and "projects: 0 new, 0 gone, 0 changed (status or figure), 3 unchanged" in same.output
    )
