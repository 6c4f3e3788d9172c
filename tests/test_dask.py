"""Dask: the same stage functions on a LocalCluster give exactly the local executor's records."""

from __future__ import annotations

import json
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
