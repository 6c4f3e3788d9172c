"""Write: the output contract's JSONL files, each replaced atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import orjson
from pydantic import BaseModel

_UMASK = os.umask(0o022)
os.umask(_UMASK)
DOCUMENTS = "documents.jsonl"
RECORDS = "records.jsonl"
REJECTS = "rejects.jsonl"


def file_mode() -> int:
    """The mode of an output file: readable by all, writable by its owner, as umask allows (0644 with 022)."""
    return 0o666 & ~_UMASK


def jsonl_bytes(rows: Iterable[BaseModel]) -> bytes:
    """Models as JSON Lines, UTF-8, one object per line."""
    return b"".join(orjson.dumps(row.model_dump(mode="json")) + b"\n" for row in rows)


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that readers see the old or the new content, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, file_mode())  # mkstemp makes 0600; outputs are for other tools and people too
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """A file to stream into; it replaces `path` atomically when the block ends without an error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, file_mode())  # mkstemp makes 0600; outputs are for other tools and people too
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_outputs(
    out: Path, documents: Iterable[BaseModel], records: Iterable[BaseModel], rejects: Iterable[BaseModel]
) -> None:
    """documents.jsonl, records.jsonl and rejects.jsonl in `out`, each replaced atomically."""
    write_atomic(out / DOCUMENTS, jsonl_bytes(documents))
    write_atomic(out / RECORDS, jsonl_bytes(records))
    write_atomic(out / REJECTS, jsonl_bytes(rejects))
