"""Diff two runs: records added, removed and changed between OUT_A and OUT_B.

A record is the same record in both runs when its record_id is; a record whose id differs but whose
(document source, sponsor, amount) matches one on the other side is the same record *changed* (its evidence
sentence, its sector or partners differ) rather than one removed and one added. Evidence offsets that moved
with an edit elsewhere in the document are not a change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from pipeline.errors import UsageError
from pipeline.output.write import RECORDS

# Fields compared for "changed"; record_id, doc_id and source name the record and say nothing by themselves.
_COMPARED = ("sponsor", "partners", "participants", "sector", "amount", "description", "evidence")


@dataclass
class Change:
    """One record on both sides whose fields differ."""

    before: dict[str, Any]
    after: dict[str, Any]
    fields: list[str]


@dataclass
class RunDiff:
    """What changed between two runs' records."""

    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0

    def as_json(self) -> dict[str, Any]:
        """The diff as plain JSON-ready data."""
        return {
            "added": self.added,
            "removed": self.removed,
            "changed": [{"before": c.before, "after": c.after, "fields": c.fields} for c in self.changed],
            "unchanged": self.unchanged,
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
    return result
