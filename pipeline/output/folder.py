"""The output folder: one pledgeline command at a time, and no leftovers of a killed one.

`run`, `export` and `report` hold an exclusive lock on OUT/.pledgeline.lock while they read and write the
folder: a second command on the same folder stops at once with a line naming the first, instead of mixing
its documents with the other's or meeting a locked state store. The lock is the operating system's
(flock), so it is released when its holder exits, even by SIGKILL: a stale lock file blocks nobody.

Holding the lock, a command removes the temporary files a killed command left behind (`.NAME.XXXX.tmp`
and the SQLite journals beside them): nobody else can be writing them.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from pipeline.errors import PledgelineError

log = logging.getLogger(__name__)

LOCK_FILE = ".pledgeline.lock"
# What atomic writers leave when killed: `.records.jsonl.k3j2.tmp`, `.export.sqlite.x8.tmp-journal`.
_TEMPORARY = re.compile(r"^\..+\.tmp(?:-journal|-wal|-shm)?$")


class OutputBusy(PledgelineError):
    """Another pledgeline command holds the output folder."""


if sys.platform == "win32":  # pragma: no cover - the lock of the other family
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@contextmanager
def output_lock(out: Path, command: str, *, create: bool = True) -> Iterator[None]:
    """Hold OUT for one command, or raise OutputBusy naming the command that holds it."""
    # Without `create`, a folder that does not exist is left alone: the command reports it missing itself.
    if not create and not out.is_dir():
        yield
        return
    out.mkdir(parents=True, exist_ok=True)
    handle = (out / LOCK_FILE).open("a+", encoding="utf-8")
    try:
        if not _try_lock(handle):
            handle.seek(0)
            holder = handle.read().strip() or "command"
            raise OutputBusy(
                f"{out} is in use by another pledgeline {holder}; wait for it to finish, "
                "or give another output folder"
            )
        handle.seek(0)
        handle.truncate()
        handle.write(f"{command} (pid {os.getpid()})\n")
        handle.flush()
        try:
            remove_leftovers(out)
            yield
        finally:
            _unlock(handle)
    finally:
        handle.close()


def remove_leftovers(out: Path) -> list[Path]:
    """Remove the temporary files of a killed command from OUT (call with the lock held); what was removed."""
    removed: list[Path] = []
    for path in out.iterdir():
        if _TEMPORARY.match(path.name) and path.is_file():
            try:
                path.unlink()
            except OSError as exc:
                log.warning("could not remove the leftover %s: %s", path, exc.strerror)
                continue
            removed.append(path)
    if removed:
        log.info("removed %d temporary files left by a killed run in %s", len(removed), out)
    return removed
