"""Dask: the same stage functions on a LocalCluster give exactly the local executor's records."""

from __future__ import annotations

import contextlib
import json
import socket
from pathlib import Path

import pytest
from articles import write_jsonl

from pipeline.config import RunSettings, Settings
from pipeline.executors import DaskExecutor
from pipeline.run import run

pytest.importorskip("dask.distributed")


def _records(out: Path) -> list[str]:
    return (out / "records.jsonl").read_text().splitlines()


def test_dask_local_cluster_gives_the_local_records(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", 50, seed=5)
    run([str(archive)], tmp_path / "local", Settings(run=RunSettings(workers=1)))
    settings = Settings(run=RunSettings(workers=2, batch_size=8, executor="dask"))
    executor = DaskExecutor(settings, scheduler=None, workers=2, processes=False)
    try:
        result = run([str(archive)], tmp_path / "dask", settings, executor=executor)
    finally:
        executor.close()
    assert result.processed == 50
    assert _records(tmp_path / "dask") == _records(tmp_path / "local")
    ids = [json.loads(line)["record_id"] for line in _records(tmp_path / "dask")]
    assert len(ids) == len(set(ids)) > 0


def test_dask_runs_when_the_dashboard_port_8787_is_taken(tmp_path: Path) -> None:
    archive = write_jsonl(tmp_path / "a.jsonl", 10, seed=6)
    settings = Settings(run=RunSettings(workers=1, batch_size=5, executor="dask"))
    with socket.socket() as blocker:
        with contextlib.suppress(OSError):  # already taken by something else: the case under test anyway
            blocker.bind(("0.0.0.0", 8787))
            blocker.listen()
        executor = DaskExecutor(settings, scheduler=None, workers=1, processes=False)
        try:
            result = run([str(archive)], tmp_path / "dask", settings, executor=executor)
        finally:
            executor.close()
    assert result.processed == 10 and result.failed == 0
