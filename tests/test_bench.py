"""The benchmark suite's smoke run: it runs end to end and prints its one table (no timing is checked)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_run_all_quick_prints_one_table() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run_all.py"), "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    rows = [line for line in done.stdout.splitlines() if line.startswith("|")]
    assert rows[0] == "| benchmark | result | ratio |"
    names = " ".join(row.split("|")[1] for row in rows[2:])
    for measure in ("rules pipeline", "tokenizer", "PDF", "second run", "1 vs 2 workers", "peak RSS"):
        assert measure in names
    assert "OUTPUTS DIFFER" not in done.stdout


def test_long_text_bench_prints_seconds_per_mb() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_long_text.py"), "--sizes", "0.02", "0.04"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert lines[1].split() == ["MB", "seconds", "cpu", "s", "cpu", "s/MB", "records", "status"]
    assert [line.split()[-1] for line in lines[2:]] == ["ok", "ok"]
