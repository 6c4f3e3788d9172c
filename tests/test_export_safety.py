"""Exports are safe to open: spreadsheet formulas neutralised in CSV text cells (unless asked not to), an
Excel flavour (UTF-8 with a BOM), files readable by others (0644), and `--output -` for standard output.

The run is real: a document whose lines start with = + - @, as pasted web text and bullet lists do.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.output.export import FORMULA_STARTS, export, neutralise_formula
from pipeline.run import run

SUMMIT = """Pledges at the summit

Harbor Cobalt Corp. said it plans three projects:
- $1.2 billion to build a refinery in Nevada.

=HYPERLINK("http://evil.example/x","click") Harbor Cobalt Corp. will invest $900 million in a mine in Idaho.

+Kestrel Ridge Power will invest $2 billion in a solar farm in Texas.

@SUM(1) Alder Grove Turbines Corp. will invest $700 million in a blade plant in Iowa.
"""


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export-safety")
    (folder / "in").mkdir()
    (folder / "in" / "summit.txt").write_text(SUMMIT, encoding="utf-8")
    result = run([str(folder / "in")], out=folder / "out")
    assert len(result.records) == 4
    return folder / "out"


def _csv_rows(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle))


def _records(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (out / "records.jsonl").read_text().splitlines()]


def test_neutralise_formula_puts_an_apostrophe_before_formula_starts_only() -> None:
    for start in FORMULA_STARTS:
        assert neutralise_formula(f"{start}1+1") == f"'{start}1+1"
    assert neutralise_formula("Harbor Cobalt") == "Harbor Cobalt"
    assert neutralise_formula("") == ""


def test_csv_text_cells_that_a_spreadsheet_would_run_get_an_apostrophe(out: Path, tmp_path: Path) -> None:
    rows = _csv_rows(export(out, "csv", tmp_path / "records.csv"))
    records = _records(out)
    starts = sorted(str(r["evidence"]["text"])[0] for r in records)  # type: ignore[index]
    assert starts == ["+", "-", "=", "@"]
    for row, record in zip(rows, records, strict=True):
        evidence = str(record["evidence"]["text"])  # type: ignore[index]
        assert row["evidence_text"] == "'" + evidence
        assert row["description"] == "'" + str(record["description"])
        assert row["sponsor"] == record["sponsor"]  # plain text is left alone
        assert float(row["amount_value"]) == record["amount"]["value"]  # type: ignore[index]
    cells = [cell for row in rows for cell in row.values()]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


def test_allow_formulas_writes_text_cells_as_they_are(out: Path, tmp_path: Path) -> None:
    rows = _csv_rows(export(out, "csv", tmp_path / "raw.csv", formulas=True))
    assert [r["evidence_text"] for r in rows] == [
        str(r["evidence"]["text"])  # type: ignore[index]
        for r in _records(out)
    ]


def test_excel_csv_is_utf8_with_a_byte_order_mark_and_crlf(out: Path, tmp_path: Path) -> None:
    path = export(out, "csv", tmp_path / "excel.csv", excel=True)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfrecord_id,")
    assert data.count(b"\r\n") == data.count(b"\n") == 5  # a header and four records
    assert len(_csv_rows(path, encoding="utf-8-sig")) == 4
    assert not export(out, "csv", tmp_path / "plain.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def pledgeline(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """The command line in a child process with the usual umask (022), set by a shell as a user's is."""
    return subprocess.run(
        ["sh", "-c", 'umask 022 && exec "$0" -m pipeline "$@"', sys.executable, *args],
        capture_output=True,
        timeout=300,
        cwd=cwd,
    )


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "sqlite"])
def test_every_export_is_written_0644(out: Path, tmp_path: Path, fmt: str) -> None:
    done = pledgeline(
        "export", str(out), "--format", fmt, "--output", str(tmp_path / f"x.{fmt}"), cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE((tmp_path / f"x.{fmt}").stat().st_mode) == 0o644


def test_output_dash_writes_to_standard_output_not_to_a_file_named_dash(out: Path, tmp_path: Path) -> None:
    done = pledgeline("export", str(out), "--format", "csv", "--output", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8"))))
    assert len(rows) == 4 and rows[0]["evidence_text"].startswith("'")
    assert not (tmp_path / "-").exists() and done.stderr == b""
    done = pledgeline("export", str(out), "--format", "sqlite", "--output", "-", "--excel", cwd=tmp_path)
    assert done.returncode == 2 and b"options of --format csv" in done.stderr
    done = pledgeline("export", str(out), "--format", "sqlite", "--output", "-", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith(b"SQLite format 3\x00")
    (tmp_path / "piped.sqlite").write_bytes(done.stdout)
    with sqlite3.connect(tmp_path / "piped.sqlite") as con:
        assert con.execute("SELECT count(*) FROM records").fetchone() == (4,)
    assert not (tmp_path / "-").exists()


def test_cli_allow_formulas_and_excel_reach_the_csv(out: Path, tmp_path: Path) -> None:
    done = pledgeline(
        "export", str(out), "-f", "csv", "--output", "-", "--allow-formulas", "--excel", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8-sig"))))
    assert sorted(r["evidence_text"][0] for r in rows) == ["+", "-", "=", "@"]
