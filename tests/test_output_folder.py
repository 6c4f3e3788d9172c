"""One command per output folder (run, export, report), no leftovers of a killed run, and the state store's
own cause of a failure (a full disk) instead of the error of a later step."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from articles import write_jsonl
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.output.folder import LOCK_FILE, output_lock
from pipeline.output.state import StateStore, StateStoreError, StoredResult
from schemas import DocumentOut
from tests.shared_paths import SAMPLES

GOOD = SAMPLES / "docs" / "wire-harbor-cobalt-pledges.txt"
runner = CliRunner()


def _invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def _start_run(archive: Path, out: Path) -> subprocess.Popen[bytes]:
    """A run in its own process; returns once it holds the output folder."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "-q", "run", str(archive), "--out", str(out), "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    lock = out / LOCK_FILE
    deadline = time.monotonic() + 60
    while not (lock.is_file() and "run (pid" in lock.read_text()) and proc.poll() is None:
        assert time.monotonic() < deadline, "the run never took the lock"
        time.sleep(0.01)
    return proc


def test_a_second_run_into_a_busy_folder_stops_with_one_line(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", 1500, seed=5)
    out = tmp_path / "out"
    first = _start_run(archive, out)
    code, output = _invoke("run", str(GOOD), "--out", str(out))
    still_running = first.poll() is None
    assert first.wait(timeout=300) == 0
    assert still_running, "the first run ended before the second started: the test proves nothing"
    assert code == 1
    assert output.strip() == (
        f"error: {out} is in use by another pledgeline run (pid {first.pid}); wait for it to finish, "
        "or give another output folder"
    )
    # the first run's outputs are its own, whole
    sources = [json.loads(line)["source"] for line in (out / "documents.jsonl").read_text().splitlines()]
    assert len(sources) == 1500 and all(s.startswith("https://news.example.test/") for s in sources)


def test_export_report_and_run_refuse_a_folder_another_command_holds(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _invoke("-q", "run", str(GOOD), "--out", str(out))[0] == 0
    before = (out / "records.jsonl").read_bytes()
    with output_lock(out, "export"):
        for args in (("export", str(out), "--format", "csv"), ("report", str(out)), ("run", str(GOOD))):
            code, output = _invoke(*args, *(("--out", str(out)) if args[0] == "run" else ()))
            assert code == 1, (args, output)
            assert "is in use by another pledgeline export (pid" in output, output
        assert not (out / "export.csv").exists() and not (out / "report.html").exists()
    assert (out / "records.jsonl").read_bytes() == before
    assert _invoke("-q", "export", str(out), "--format", "csv")[0] == 0  # released: it works again
    assert _invoke("-q", "report", str(out))[0] == 0


def test_export_of_a_missing_folder_creates_nothing(tmp_path: Path) -> None:
    code, _ = _invoke("export", str(tmp_path / "no-run-here"))
    assert code == 2 and not (tmp_path / "no-run-here").exists()


def test_a_killed_run_leaves_no_lock_and_its_temporary_files_are_removed(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", 400, seed=9)
    out = tmp_path / "out"
    killed = _start_run(archive, out)
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait()
    # what atomic writers leave when killed mid-write: the same names they make
    leftovers = [
        Path(tempfile.mkstemp(dir=out, prefix=".records.jsonl.", suffix=".tmp")[1]),
        Path(tempfile.mkstemp(dir=out, prefix=".export.sqlite.", suffix=".tmp")[1]),
    ]
    leftovers.append(leftovers[1].with_name(leftovers[1].name + "-journal"))
    leftovers[2].write_bytes(b"stale journal")
    keep = out / "notes.tmp"  # not a name pledgeline makes: never touched
    keep.write_text("mine")
    code, output = _invoke("-q", "run", str(archive), "--out", str(out), "--workers", "1")
    assert code == 0, output
    assert not any(path.exists() for path in leftovers)
    assert keep.read_text() == "mine"
    assert len((out / "documents.jsonl").read_text().splitlines()) == 400


def _result(number: int) -> StoredResult:
    """A stored document with 4 KB of record lines that do not compress."""
    document = DocumentOut(doc_id=f"{number:016x}", source=f"doc-{number}.txt", status="ok", sha256="ab" * 32)
    return replace(StoredResult.build(document, (), ()), records=os.urandom(4000))


def test_a_full_store_reports_its_own_cause_and_closes_cleanly(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state.sqlite", "v1")
    store.conn.execute("PRAGMA max_page_count = 40")  # SQLite's own "disk is full", at 40 pages
    with pytest.raises(StateStoreError) as caught:
        for batch in range(100):
            store.put_many([_result(batch * 10 + i) for i in range(10)])
    message = str(caught.value)
    assert "database or disk is full" in message and "free some space" in message
    assert "no transaction" not in message and not isinstance(caught.value.__context__, StateStoreError)
    store.abort()  # nothing more to raise: the cause was reported
    reopened = StateStore(tmp_path / "state.sqlite", "v1")
    assert reopened.is_done(_result(0).doc_id, "ab" * 32, "doc-0.txt")  # what was committed is kept
    reopened.close()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 700 KB file system (tmpfs), where a run fills the disk; skipped where mounting is not allowed."""
    folder = tmp_path / "small"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=700k", "tmpfs", str(folder)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_full_disk_is_one_line_with_its_cause(small_disk: Path, tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", 3000, seed=2)
    code, output = _invoke("-q", "run", str(archive), "--out", str(small_disk / "out"), "--workers", "1")
    assert code == 1
    lines = output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: the run could not complete: ")
    assert "database or disk is full" in lines[0] or "No space left on device" in lines[0], lines[0]
    assert "no transaction" not in output
