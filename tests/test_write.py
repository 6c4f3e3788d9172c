"""Writing survives faults: a failed write leaves the old file, a re-run replaces every output."""

from __future__ import annotations

import json
import resource
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pipeline.output.write import DOCUMENTS, RECORDS, atomic_writer, write_atomic
from pipeline.run import run

PLEDGE = "{name} Corp. will invest ${n} billion in a battery plant in Ohio, it said on Monday.\n"


class Crash(Exception):
    """A failure in the middle of producing the output."""


def _rows_then_crash() -> Iterator[bytes]:
    yield b'{"a": 1}\n'
    yield b'{"a": 2}\n'
    raise Crash("disk full, say")


@contextmanager
def _file_size_limit(limit: int) -> Iterator[None]:
    """A real 'disk full' midway: a write past `limit` bytes fails with EFBIG (RLIMIT_FSIZE)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an error, not the signal's kill
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def test_write_atomic_keeps_the_old_file_when_the_data_fails_midway(tmp_path: Path) -> None:
    # The write itself fails after 4 KiB of 64 KiB: a plain open-and-write would have truncated the old
    # file and left half of the new one.
    path = tmp_path / "records.jsonl"
    write_atomic(path, b'{"old": true}\n')
    with _file_size_limit(4096), pytest.raises(OSError):
        write_atomic(path, b'{"new": true}\n' * 4096)
    assert path.read_bytes() == b'{"old": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["records.jsonl"]  # no temporary file left


def test_atomic_writer_keeps_the_old_file_when_the_stream_fails_midway(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    write_atomic(path, b'{"old": true}\n')
    with pytest.raises(Crash), atomic_writer(path) as handle:
        for row in _rows_then_crash():
            handle.write(row)
    assert path.read_bytes() == b'{"old": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["records.jsonl"]


def test_write_atomic_with_a_bad_target_leaves_nothing_behind(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "records.jsonl").mkdir()  # a folder where the file should go: the final rename fails
    with pytest.raises(OSError):
        write_atomic(folder / "records.jsonl", b"{}\n")
    assert [p.name for p in folder.iterdir()] == ["records.jsonl"]


def test_a_rerun_replaces_the_outputs_completely(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n, name in enumerate(("Kestrel Power", "Harbor Steel", "Orrin Motors"), start=1):
        (inputs / f"{n}.txt").write_text(f"Story {n}\n\n" + PLEDGE.format(name=name, n=n))
    out = tmp_path / "out"
    first = run([str(inputs)], out)
    assert first.ok == 3 and len(first.records) == 3
    (inputs / "2.txt").unlink()
    (inputs / "3.txt").write_text("Story 3\n\n" + PLEDGE.format(name="Orrin Motors", n=7))
    run([str(inputs)], out)
    documents = [json.loads(line) for line in (out / DOCUMENTS).read_text().splitlines()]
    records = [json.loads(line) for line in (out / RECORDS).read_text().splitlines()]
    assert sorted(Path(d["source"]).name for d in documents) == ["1.txt", "3.txt"]
    assert sorted(r["sponsor"] for r in records) == ["Kestrel Power", "Orrin Motors"]
    assert [r["amount"]["value"] for r in records if r["sponsor"] == "Orrin Motors"] == [7e9]
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
