"""Export: every format loads back with the run's records, documents and projects."""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from lifecycle_docs import write_documents
from typer.testing import CliRunner

from pipeline import run
from pipeline.cli import app
from pipeline.errors import UsageError
from pipeline.output.export import EVENT_COLUMNS, RECORD_COLUMNS, export, load_output
from tests.shared_paths import DEV_DOCS, skip_without_shared

DOCS = (
    "factsheet-japan-us-candidate-projects.pdf",
    "news-pacificledger-factsheet-energy.html",
    "wire-yen-softbank-toshiba-bechtel.txt",
)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    skip_without_shared(DEV_DOCS)
    folder = tmp_path_factory.mktemp("out")
    run([str(DEV_DOCS / name) for name in DOCS], out=folder)
    return folder


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_jsonl_export_is_the_records(out: Path) -> None:
    path = export(out, "jsonl")
    assert path == out / "export.jsonl"
    assert _lines(path) == _lines(out / "records.jsonl")


def test_csv_is_flat_one_row_per_record(out: Path, tmp_path: Path) -> None:
    path = export(out, "csv", tmp_path / "records.csv")
    records = _lines(out / "records.jsonl")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(records) > 0
    assert tuple(rows[0]) == RECORD_COLUMNS
    for row, record in zip(rows, records, strict=True):
        assert row["record_id"] == record["record_id"]
        assert row["participants"] == "; ".join(record["participants"])  # type: ignore[arg-type]
        assert row["project_id"]
    frame = pd.read_csv(path)
    assert frame["amount_usd"].dtype.kind == "f"


def test_parquet_has_typed_columns(out: Path) -> None:
    path = export(out, "parquet")
    table = pq.read_table(path)
    assert table.num_rows == len(_lines(out / "records.jsonl"))
    assert table.schema.field("amount_value").type == pa.float64()
    assert table.schema.field("evidence_start").type == pa.int64()
    assert table.schema.field("participants").type == pa.list_(pa.string())
    frame = pd.read_parquet(path)
    assert list(frame.columns) == list(RECORD_COLUMNS)


def test_parquet_without_pyarrow_says_what_to_install(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # makes `import pyarrow` raise ImportError
    with pytest.raises(UsageError, match=r"pledgeline\[export\]"):
        export(out, "parquet", out / "never.parquet")
    assert not (out / "never.parquet").exists()


def test_sqlite_has_keys_and_consistent_tables(out: Path) -> None:
    path = export(out, "sqlite")
    loaded = load_output(out)
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA foreign_keys = ON")
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "records", "projects", "project_sources")
        }
        assert counts == {
            "documents": len(loaded.documents),
            "records": len(loaded.records),
            "projects": len(loaded.projects),
            "project_sources": sum(len(p.sources) for p in loaded.projects),
        }
        fks = {row[2] for row in con.execute("PRAGMA foreign_key_list(project_sources)")}
        assert fks == {"projects", "records", "documents"}
        joined = con.execute(
            "SELECT p.company, count(DISTINCT d.doc_id) FROM projects p"
            " JOIN project_sources s USING (project_id) JOIN records r USING (record_id)"
            " JOIN documents d ON d.doc_id = r.doc_id GROUP BY p.project_id"
        ).fetchall()
        assert max(n for _, n in joined) >= 2
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            con.execute("INSERT INTO project_sources VALUES ('no-project', 'no-record', 'no-doc', 'x')")
    finally:
        con.close()


def test_export_into_a_folder_without_a_run_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="pledgeline run"):
        export(tmp_path, "csv")


def test_cli_export_and_bad_format(out: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["export", str(out), "--format", "sqlite", "--output", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "x.db").is_file()
    result = runner.invoke(app, ["export", str(out), "--format", "xlsx"])
    assert result.exit_code == 2


@pytest.fixture(scope="module")
def lifecycle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = write_documents(tmp_path_factory.mktemp("lifecycle-docs"))
    folder = tmp_path_factory.mktemp("lifecycle-out")
    run([str(p) for p in docs], out=folder)
    return folder


def _expected_events(out: Path) -> list[tuple[str, int, str | None, str, float | None]]:
    return [
        (p.project_id, n, s.date, s.status, s.amount.value if s.amount else None)
        for p in load_output(out).projects
        for n, s in enumerate(p.timeline, start=1)
    ]


def test_sqlite_project_events_are_the_timelines(lifecycle: Path) -> None:
    con = sqlite3.connect(export(lifecycle, "sqlite"))
    try:
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = con.execute(
            "SELECT project_id, step, date, status, amount_value FROM project_events ORDER BY rowid"
        ).fetchall()
        cancelled = con.execute(
            "SELECT p.company, e.date FROM project_events e JOIN projects p USING (project_id)"
            " WHERE e.status = 'cancelled'"
        ).fetchall()
        undated = con.execute("SELECT dated, date FROM project_events WHERE NOT dated").fetchall()
    finally:
        con.close()
    assert rows == _expected_events(lifecycle) and len(rows) == 7
    assert cancelled == [("Mossgiel Cement", "2026-03-12")]
    assert undated == [(0, None)]


def test_csv_and_parquet_write_project_events_beside_the_records(lifecycle: Path, tmp_path: Path) -> None:
    records = export(lifecycle, "csv", tmp_path / "pledges.csv")
    events = tmp_path / "pledges.project_events.csv"
    with events.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == EVENT_COLUMNS and records.is_file()
    expected = _expected_events(lifecycle)
    assert [(r["project_id"], int(r["step"]), r["date"] or None, r["status"]) for r in rows] == [
        e[:4] for e in expected
    ]
    export(lifecycle, "parquet", tmp_path / "pledges.parquet")
    table = pq.read_table(tmp_path / "pledges.project_events.parquet")
    assert table.schema.field("step").type == pa.int64() and table.schema.field("dated").type == pa.bool_()
    assert [
        (r["project_id"], r["step"], r["date"], r["status"], r["amount_value"]) for r in table.to_pylist()
    ] == expected
