"""Acquire files, folders and URLs: each source becomes a RawDocument."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.acquire.archives import WARC_SUFFIXES
from pipeline.acquire.raw import is_url, printable_source, raw_from_bytes
from pipeline.acquire.warc_store import INDEX_NAME
from pipeline.config import Settings
from pipeline.errors import AcquireError
from schemas import RawDocument

if TYPE_CHECKING:
    from pipeline.acquire.fetch import Fetcher

# Files a folder walk skips: they are never documents.
_SKIPPED_NAMES = {".DS_Store", "Thumbs.db"}
# Version-control folders not hidden by their names (.git, .hg, .svn are: hidden folders are skipped).
_VCS_FOLDERS = {"CVS", "_darcs", "RCS"}


def file_identity(path: str) -> str:
    """A file's identity for its doc_id: its resolved path, the same however it was typed, from anywhere."""
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):  # a symlink loop: the absolute path is the best name it has
        return os.path.abspath(path)


def document_identity(source: str) -> str:
    """What a source is, for its doc_id: a URL as requested, a file's resolved path."""
    return source if is_url(source) else file_identity(source)


def archive_identities(archive: str) -> Callable[[str], str]:
    """The identity of each article of an archive: its URL, else the archive's resolved path + `#N`."""
    prefix, resolved = f"{archive}#", file_identity(archive)

    def identity(source: str) -> str:
        return resolved + source[len(archive) :] if source.startswith(prefix) else source

    return identity


def read_file(path: Path, *, max_bytes: int) -> RawDocument:
    """Read one file into a RawDocument; a missing, unreadable or oversize file raises AcquireError."""
    source = printable_source(str(path))
    try:
        status = path.stat()
        size, mtime = (status.st_size, status.st_mtime)
    except FileNotFoundError as exc:
        raise AcquireError("not_found", "no such file; check the path", source) from exc
    except OSError as exc:
        raise AcquireError("unreadable", f"cannot read the file: {exc.strerror}", source) from exc
    if size > max_bytes:
        raise AcquireError(
            "too_large", f"{size} bytes is over the limit of {max_bytes}; raise --max-bytes", source
        )
    try:
        # Read at most one byte past the limit: a device (/dev/zero), a FIFO or a file that grows has no
        # size to check beforehand.
        with path.open("rb") as handle:
            content = handle.read(max_bytes + 1)
    except OSError as exc:
        raise AcquireError("unreadable", f"cannot read the file: {exc.strerror}", source) from exc
    if len(content) > max_bytes:
        raise AcquireError(
            "too_large", f"more than {max_bytes} bytes to read (the limit); raise --max-bytes", source
        )
    return raw_from_bytes(
        source,
        content,
        max_bytes=max_bytes,
        identity=file_identity(source),
        fetched_at=datetime.fromtimestamp(mtime, UTC),
    )


def expand_inputs(inputs: list[str], exclude: Collection[Path] = ()) -> Iterator[str]:
    """Each input as document sources: a folder yields its documents (recursively, sorted; see _walk)."""
    excluded = {Path(file_identity(str(path))) for path in exclude}
    for item in inputs:
        if is_url(item):
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            yield from (str(child) for child in sorted(_walk(path, excluded)))
        else:
            yield item


def _walk(root: Path, excluded: set[Path]) -> Iterator[Path]:
    """The document files below a folder.

    Never documents: hidden files and folders (.git, .hg, .svn and the like), version-control folders that
    are not hidden (CVS, _darcs), the `excluded` paths (the run's own outputs), and the index of a WARC
    archive (a folder made by `pledgeline fetch --archive`: its .warc.gz files are the documents).
    """
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        resolved = Path(file_identity(folder))
        dirs[:] = [d for d in dirs if not _skipped_folder(d) and resolved / d not in excluded]
        is_archive_folder = any(name.endswith(WARC_SUFFIXES) for name in files)
        for name in files:
            if name in _SKIPPED_NAMES or name.startswith(".") or resolved / name in excluded:
                continue
            if is_archive_folder and name.startswith(INDEX_NAME):  # index.sqlite and its -wal, -shm
                continue
            if (here / name).is_file():  # not a FIFO, a socket or a dangling link met on the way
                yield here / name


def _skipped_folder(name: str) -> bool:
    return name.startswith(".") or name in _VCS_FOLDERS


def acquire_one(source: str, settings: Settings, fetcher: Fetcher | None = None) -> RawDocument:
    """One source (a file path or a URL) as a RawDocument; raises AcquireError.

    A URL goes through `fetcher` (the run's); without one, a fetcher is opened for this call alone.
    """
    if is_url(source):
        if fetcher is not None:
            return fetcher.fetch(source)
        from pipeline.acquire.fetch import Fetcher  # imported here: only URLs need httpx

        with Fetcher.open(settings.fetch) as own:
            return own.fetch(source)
    return read_file(Path(source), max_bytes=settings.parse.max_bytes)
