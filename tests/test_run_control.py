"""Controlling a run from the command line: -q/-v after the command, Ctrl-C (what was saved, exit 130), no
worker left behind by a killed run, and `diff` exit statuses as Unix diff has them."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing, suppress
from pathlib import Path

import psutil
import pytest
from articles import write_jsonl
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.output.state import STATE_FILE
from tests.shared_paths import SAMPLES

GOOD = SAMPLES / "docs" / "wire-harbor-cobalt-pledges.txt"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, timeout=300, check=False
    )


def test_quiet_and_verbose_are_taken_after_the_command(tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    quiet = _cli("run", str(GOOD), "--out", out, "-q")
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr == ""  # no summary table
    assert "documents ok" in _cli("run", str(GOOD), "--out", out).stderr  # without -q, the summary
    verbose = _cli("export", out, "--format", "csv", "-v")
    assert verbose.returncode == 0 and "INFO pipeline.output.export: exported csv" in verbose.stderr
    assert "INFO" not in _cli("export", out, "--format", "csv").stderr
    assert _cli("export", out, "--format", "csv", "--quiet").stderr == ""
    assert _cli("-q", "export", out, "--format", "csv").stderr == ""  # before the command, as ever


def test_a_file_named_like_a_flag_after_the_end_of_options_is_an_input(tmp_path: Path) -> None:
    (tmp_path / "-q").write_text("A mill\n\nHarbor Steel Inc. plans a $1 billion steel mill in Texas.\n")
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--out", "out", "--", "-q"],
        capture_output=True, text=True, timeout=300, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "out" / "documents.jsonl").read_text())["source"] == "-q"


def _stored(out: Path) -> int:
    db = out / STATE_FILE
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(db, timeout=5)) as conn:
            return int(conn.execute("SELECT count(*) FROM results").fetchone()[0])
    except sqlite3.OperationalError:  # the table is not created yet
        return 0


def _start(archive: Path, out: Path, workers: int, stderr: Path) -> subprocess.Popen[bytes]:
    # stderr goes to a file: a pipe would stay open as long as any worker that inherited it lives on
    with stderr.open("wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pipeline",
                "run",
                str(archive),
                "--out",
                str(out),
                "--workers",
                str(workers),
            ],
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    deadline = time.monotonic() + 120
    while _stored(out) < 100 and proc.poll() is None:
        assert time.monotonic() < deadline, "the run stored nothing in two minutes"
        time.sleep(0.01)
    assert proc.poll() is None, "the run ended before it could be stopped"
    return proc


def _descendants(pid: int) -> list[psutil.Process]:
    return psutil.Process(pid).children(recursive=True)


def _gone(processes: list[psutil.Process], within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE for p in processes):
            return True
        time.sleep(0.05)
    return False


def _kill(processes: list[psutil.Process]) -> None:
    """The test's own leftovers, if an assertion about them failed."""
    for process in processes:
        with suppress(psutil.NoSuchProcess):
            process.kill()


@pytest.mark.parametrize("workers", [1, 2])
def test_ctrl_c_says_what_was_saved_and_a_rerun_resumes(tmp_path: Path, workers: int) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", 3000, seed=4)
    out = tmp_path / "out"
    proc = _start(archive, out, workers, tmp_path / "stderr.txt")
    children = _descendants(proc.pid)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=60) == 130
    stderr = (tmp_path / "stderr.txt").read_text()
    assert "Traceback" not in stderr
    saved = _stored(out)
    line = stderr.strip().splitlines()[-1]
    assert line.startswith("interrupted: ") and f"saved in {out}" in line, stderr
    assert "run the same command again to resume" in line
    reported = int(line.removeprefix("interrupted: ").split()[0])
    assert 100 <= reported <= saved < 3000
    try:
        assert _gone(children, within=10), "worker processes outlived the interrupted run"
    finally:
        _kill(children)
    resumed = _cli("run", str(archive), "--out", str(out), "--workers", "1")
    assert resumed.returncode == 0, resumed.stderr
    summary = {
        row.split("│")[1].strip(): row.split("│")[2].strip()
        for row in resumed.stderr.splitlines()
        if "│" in row
    }
    assert int(summary["skipped (unchanged)"]) == saved and int(summary["processed"]) == 3000 - saved


def test_workers_do_not_outlive_a_killed_run(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", 3000, seed=6)
    proc = _start(archive, tmp_path / "out", 2, tmp_path / "stderr.txt")
    children = _descendants(proc.pid)
    assert len(children) >= 2, "no worker processes were started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    try:
        assert _gone(children, within=15), "worker processes outlived the killed run"
    finally:
        _kill(children)


def test_diff_exits_0_when_runs_are_the_same_and_1_when_they_differ(tmp_path: Path) -> None:
    runner = CliRunner()
    doc = tmp_path / "mill.txt"
    doc.write_text("A mill\n\nHarbor Steel Inc. plans a $1 billion steel mill in Texas.\n")
    for out in ("a", "b"):
        assert runner.invoke(app, ["-q", "run", str(doc), "--out", str(tmp_path / out)]).exit_code == 0
    doc.write_text("A mill\n\nHarbor Steel Inc. plans a $2 billion steel mill in Texas.\n")
    assert runner.invoke(app, ["-q", "run", str(doc), "--out", str(tmp_path / "c")]).exit_code == 0
    a, b, c = (str(tmp_path / name) for name in "abc")
    assert runner.invoke(app, ["diff", a, b]).exit_code == 0
    assert runner.invoke(app, ["diff", a, b, "--json"]).exit_code == 0
    different = runner.invoke(app, ["diff", a, c])
    assert different.exit_code == 1 and "1 added, 1 removed" in different.output
    assert runner.invoke(app, ["diff", a, c, "--json"]).exit_code == 1
    assert runner.invoke(app, ["diff", a, str(tmp_path / "no-run")]).exit_code == 2
