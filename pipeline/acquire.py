"""Acquire: files, folders and URLs become RawDocuments (bytes, sniffed media type, sha256)."""

from __future__ import annotations

import gzip
import hashlib
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.config import Settings
from pipeline.errors import AcquireError
from schemas import RawDocument

if TYPE_CHECKING:
    from pipeline.fetch import Fetcher

# Files a folder walk skips: they are never documents.
_SKIPPED_NAMES = {".DS_Store", "Thumbs.db"}
_GZIP_MAGIC = b"\x1f\x8b"


def is_url(text: str) -> bool:
    """Whether an input names an http(s) URL rather than a path."""
    return text.startswith(("http://", "https://"))


def sniff_media_type(content: bytes) -> str:
    """The media type from the content's first bytes, not from its name."""
    head = content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if content[:1024].lstrip().startswith(b"%PDF-") or b"%pdf-" in content[:1024].lower():
        return "application/pdf"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or any(
        tag in head for tag in (b"<html", b"<head", b"<body", b"<article", b"<div", b"<p>")
    ):
        return "text/html"
    return "text/plain"


def _gunzip(content: bytes, limit: int, source: str) -> bytes:
    try:
        decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        data = decompressor.decompress(content, limit + 1)
    except (zlib.error, gzip.BadGzipFile) as exc:
        raise AcquireError("corrupt", f"broken gzip data: {exc}", source) from exc
    if len(data) > limit:
        raise AcquireError(
            "too_large",
            f"decompresses to more than {limit} bytes; raise --max-bytes if it is genuine",
            source,
        )
    return data


def raw_from_bytes(
    source: str,
    content: bytes,
    *,
    max_bytes: int,
    fetched_at: datetime | None = None,
    final_url: str | None = None,
    title_hint: str | None = None,
    published_hint: str | None = None,
) -> RawDocument:
    """A RawDocument from bytes already in hand (a file, a response body, an archive record)."""
    if content[:2] == _GZIP_MAGIC:
        content = _gunzip(content, max_bytes, source)
    return RawDocument(
        source=source,
        content=content,
        media_type=sniff_media_type(content),
        sha256=hashlib.sha256(content).hexdigest(),
        fetched_at=fetched_at,
        final_url=final_url,
        title_hint=title_hint,
        published_hint=published_hint,
    )


def read_file(path: Path, *, max_bytes: int) -> RawDocument:
    """Read one file into a RawDocument; a missing, unreadable or oversize file raises AcquireError."""
    source = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise AcquireError("not_found", "no such file; check the path", source) from exc
    except OSError as exc:
        raise AcquireError("unreadable", f"cannot read the file: {exc.strerror}", source) from exc
    if size > max_bytes:
        raise AcquireError(
            "too_large", f"{size} bytes is over the limit of {max_bytes}; raise --max-bytes", source
        )
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise AcquireError("unreadable", f"cannot read the file: {exc.strerror}", source) from exc
    return raw_from_bytes(
        source, content, max_bytes=max_bytes, fetched_at=datetime.fromtimestamp(path.stat().st_mtime, UTC)
    )


def expand_inputs(inputs: list[str]) -> Iterator[str]:
    """Each input as document sources: a folder yields its files (recursively, sorted)."""
    for item in inputs:
        if is_url(item):
            yield item
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name in _SKIPPED_NAMES or child.name.startswith("."):
                    continue
                yield str(child)
        else:
            yield item


def acquire_one(source: str, settings: Settings, fetcher: Fetcher | None = None) -> RawDocument:
    """One source (a file path or a URL) as a RawDocument; raises AcquireError.

    A URL goes through `fetcher` (the run's); without one, a fetcher is opened for this call alone.
    """
    if is_url(source):
        if fetcher is not None:
            return fetcher.fetch(source)
        from pipeline.fetch import Fetcher  # fetch builds on this module, so it is imported late

        with Fetcher.open(settings.fetch) as own:
            return own.fetch(source)
    return read_file(Path(source), max_bytes=settings.parse.max_bytes)
