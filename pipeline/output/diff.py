"""Diff two runs: records added, removed and changed between OUT_A and OUT_B, and projects whose status or
figure moved.

A record is the same record in both runs when its record_id is; a record whose id differs but whose
(document source, sponsor, amount) matches one on the other side is the same record *changed* (its evidence
sentence, its sector or partners differ) rather than one removed and one added. Evidence offsets that moved
with an edit elsewhere in the document are not a change. A project is the same project when its project_id
is, else when it shares the most records with one on the other side; it *changed* when its status, its
current figure or its set of figures did (a pledge selected, cut, built or cancelled).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from pipeline.errors import UsageError
from pipeline.output.merge import PROJECTS, merge
from pipeline.output.write import RECORDS
from schemas import ProjectRecord

# Fields compared for "changed"; record_id, doc_id and source name the record and say nothing by themselves.
_COMPARED = ("sponsor", "partners", "participants", "sector", "amount", "description", "evidence")


@dataclass
class Change:
    """One record on both sides whose fields differ."""

    before: dict[str, Any]
    after: dict[str, Any]
    fields: list[str]


@dataclass
class ProjectChange:
    """One project on both sides whose status or figures moved."""

    before: dict[str, Any]
    after: dict[str, Any]
    fields: list[str]  # of "status", "amount" (the current figure), "amounts" (the figures given)

    def as_json(self) -> dict[str, Any]:
        """What moved, before and after, and the figures added and dropped."""
        before_figures, after_figures = _figures(self.before), _figures(self.after)
        return {
            "project_id": self.after["project_id"],
            "before_project_id": self.before["project_id"],
            "company": self.after["company"],
            "fields": self.fields,
            "status": [self.before["status"], self.after["status"]],
            "amount": [self.before["amount"], self.after["amount"]],
            "figures_added": [f for f in after_figures if f not in before_figures],
            "figures_removed": [f for f in before_figures if f not in after_figures],
        }


@dataclass
class ProjectsDiff:
    """What changed between two runs' projects."""

    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[ProjectChange] = field(default_factory=list)
    unchanged: int = 0


@dataclass
class RunDiff:
    """What changed between two runs' records, and their projects."""

    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    projects: ProjectsDiff = field(default_factory=ProjectsDiff)

    def as_json(self) -> dict[str, Any]:
        """The diff as plain JSON-ready data."""
        return {
            "added": self.added,
            "removed": self.removed,
            "changed": [{"before": c.before, "after": c.after, "fields": c.fields} for c in self.changed],
            "unchanged": self.unchanged,
            "projects": {
                "added": [_project_brief(p) for p in self.projects.added],
                "removed": [_project_brief(p) for p in self.projects.removed],
                "changed": [c.as_json() for c in self.projects.changed],
                "unchanged": self.projects.unchanged,
            },
        }


def _records(out: Path) -> Iterator[dict[str, Any]]:
    path = out / RECORDS
    if not path.is_file():
        raise UsageError(f"{out}: no {RECORDS} here; give two output folders of `pledgeline run`")
    with path.open("rb") as handle:
        for line in handle:
            if line.strip():
                yield orjson.loads(line)


def record_key(record: dict[str, Any]) -> tuple[str, str, float | None, str | None]:
    """(document source, sponsor, amount value, currency): what identifies a record across rule changes."""
    amount = record.get("amount") or {}
    return (record["source"], record["sponsor"], amount.get("value"), amount.get("currency"))


def _compared(record: dict[str, Any], name: str) -> Any:
    value = record.get(name)
    if name == "evidence" and isinstance(value, dict):
        # Offsets move with every edit above the record: the same sentence on the same page is no change.
        return (value.get("text"), value.get("page"))
    return value


def _changed_fields(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    return [name for name in _COMPARED if _compared(a, name) != _compared(b, name)]


def diff_runs(out_a: Path, out_b: Path) -> RunDiff:
    """Records added, removed and changed from run A to run B."""
    before = {r["record_id"]: r for r in _records(out_a)}
    after = {r["record_id"]: r for r in _records(out_b)}
    result = RunDiff()
    for record_id in before.keys() & after.keys():
        fields = _changed_fields(before[record_id], after[record_id])
        if fields:
            result.changed.append(Change(before[record_id], after[record_id], fields))
        else:
            result.unchanged += 1
    only_before: dict[tuple[str, str, float | None, str | None], list[dict[str, Any]]] = {}
    for record_id in sorted(before.keys() - after.keys()):
        only_before.setdefault(record_key(before[record_id]), []).append(before[record_id])
    for record_id in sorted(after.keys() - before.keys()):
        record = after[record_id]
        matches = only_before.get(record_key(record))
        if matches:
            old = matches.pop(0)
            result.changed.append(Change(old, record, _changed_fields(old, record) or ["record_id"]))
        else:
            result.added.append(record)
    result.removed = [r for group in only_before.values() for r in group]
    result.projects = diff_projects(_projects(out_a), _projects(out_b))
    return result


_FIGURE_FIELDS = ("value", "currency", "qualifier", "high")


def _figure(amount: dict[str, Any] | None) -> tuple[Any, ...] | None:
    return tuple(amount.get(k) for k in _FIGURE_FIELDS) if amount else None


def _figures(project: dict[str, Any]) -> list[dict[str, Any]]:
    return [{k: a.get(k) for k in _FIGURE_FIELDS} for a in project.get("amounts", [])]


def _project_brief(project: dict[str, Any]) -> dict[str, Any]:
    return {k: project.get(k) for k in ("project_id", "company", "sector", "status", "amount")}


def _projects(out: Path) -> list[dict[str, Any]]:
    """A run's projects: its projects.jsonl, else its records merged."""
    path = out / PROJECTS
    if path.is_file():
        with path.open("rb") as handle:
            return [orjson.loads(line) for line in handle if line.strip()]
    records = [ProjectRecord.model_validate_json(orjson.dumps(r)) for r in _records(out)]
    return [p.model_dump(mode="json") for p in merge(records)]


def _project_fields(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    fields = []
    if a.get("status") != b.get("status"):
        fields.append("status")
    if _figure(a.get("amount")) != _figure(b.get("amount")):
        fields.append("amount")
    if sorted(map(str, _figures(a))) != sorted(map(str, _figures(b))):
        fields.append("amounts")
    return fields


def diff_projects(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> ProjectsDiff:
    """Projects added, removed, and changed in status or figures, matched by id, else by shared records."""
    result = ProjectsDiff()
    before_by_id = {p["project_id"]: p for p in before}
    matched: list[tuple[dict[str, Any], dict[str, Any]]] = []
    unmatched_after = []
    for project in after:
        old = before_by_id.pop(project["project_id"], None)
        if old is None:
            unmatched_after.append(project)
        else:
            matched.append((old, project))
    # an id that changed (another lead or identity): the project that shares the most records
    project_of_record = {s["record_id"]: p["project_id"] for p in before_by_id.values() for s in p["sources"]}
    for project in unmatched_after:
        shared = Counter(
            project_of_record[s["record_id"]]
            for s in project["sources"]
            if s["record_id"] in project_of_record
        )
        old_id = min(shared, key=lambda k: (-shared[k], k)) if shared else None
        if old_id is not None and old_id in before_by_id:
            matched.append((before_by_id.pop(old_id), project))
        else:
            result.added.append(project)
    result.removed = list(before_by_id.values())
    for old, new in matched:
        fields = _project_fields(old, new)
        if fields:
            result.changed.append(ProjectChange(old, new, fields))
        else:
            result.unchanged += 1
    result.changed.sort(key=lambda c: (c.after["company"], c.after["project_id"]))
    return result
