"""The pledge lifecycle end to end: invented dated documents about three projects (lifecycle_docs.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lifecycle_docs import (
    CANCELLATION,
    FACT_SHEET,
    FUEL,
    FUEL_UNDATED,
    GROUNDBREAKING,
    KILN,
    SELECTED,
    write_documents,
)

from pipeline import run
from pipeline.output.merge import PROJECTS, merge
from schemas import Project, ProjectRecord


def _projects(out: Path) -> list[Project]:
    return [Project.model_validate_json(line) for line in (out / PROJECTS).read_bytes().splitlines()]


@pytest.fixture(scope="module")
def lifecycle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = write_documents(tmp_path_factory.mktemp("docs"))
    out = tmp_path_factory.mktemp("out")
    run([str(p) for p in docs], out=out)
    return out


def _steps(project: Project) -> list[tuple[str | None, str, float | None, str]]:
    return [
        (s.date, s.status, s.amount.value if s.amount else None, Path(s.source).name)
        for s in project.timeline
    ]


def test_three_projects_with_their_timelines_and_statuses(lifecycle: Path) -> None:
    projects = {(p.company, p.sector, p.status): p for p in _projects(lifecycle)}
    assert set(projects) == {
        ("Brantwood Energy", "energy", "under_construction"),
        ("Brantwood Energy", "energy", "announced"),
        ("Mossgiel Cement", "manufacturing", "cancelled"),
    }
    reactors = projects[("Brantwood Energy", "energy", "under_construction")]
    assert _steps(reactors) == [
        ("2025-10-14", "candidate", 40e9, FACT_SHEET),
        ("2026-02-10", "selected", 33e9, SELECTED),  # named by its unit, "a unit of Brantwood Energy"
        ("2026-05-04", "under_construction", 35e9, GROUNDBREAKING),
    ]
    assert reactors.companies == ["Brantwood Energy", "Brantwood Nuclear"]
    assert reactors.amount is not None and reactors.amount.value == 35e9
    kiln = projects[("Mossgiel Cement", "manufacturing", "cancelled")]
    assert _steps(kiln) == [
        ("2025-11-03", "announced", 1.2e9, KILN),
        ("2026-03-12", "cancelled", 1.2e9, CANCELLATION),
    ]
    fuel = projects[("Brantwood Energy", "energy", "announced")]
    assert _steps(fuel) == [("2025-12-01", "announced", 3e9, FUEL), (None, "announced", 3.4e9, FUEL_UNDATED)]
    assert [s.dated for s in fuel.timeline] == [True, False]


def test_the_project_id_stays_when_later_reports_move_the_figure(lifecycle: Path, tmp_path: Path) -> None:
    docs = write_documents(tmp_path / "docs", (FACT_SHEET,))
    run([str(p) for p in docs], out=tmp_path / "out")
    (listed,) = _projects(tmp_path / "out")
    assert listed.status == "candidate"
    reactors = next(p for p in _projects(lifecycle) if p.status == "under_construction")
    assert reactors.project_id == listed.project_id


def test_merge_in_memory_gives_the_projects_of_the_run(lifecycle: Path) -> None:
    records = [
        ProjectRecord.model_validate_json(line)
        for line in (lifecycle / "records.jsonl").read_bytes().splitlines()
    ]
    assert merge(records) == _projects(lifecycle)
