"""The raw archive: fetched responses as WARC response records, with a SQLite index by URL.

    DIR/pledgeline-<time>-<pid>-<n>.warc.gz   one gzip member per record, appended by one writer
    DIR/index.sqlite                          url -> warc file, offset, length, etag, last-modified, sha256

A body is written once: a re-fetch that returns the same bytes (or a 304) only refreshes the index row,
so the latest body of a URL is found with one index lookup and one seek, never a scan.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from pipeline.acquire.raw import raw_from_bytes, sniff_media_type
from pipeline.errors import AcquireError
from schemas import RawDocument

log = logging.getLogger(__name__)

INDEX_NAME = "index.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    url TEXT PRIMARY KEY,
    final_url TEXT NOT NULL,
    status INTEGER NOT NULL,
    warc_file TEXT NOT NULL,
    offset INTEGER NOT NULL,
    length INTEGER NOT NULL,
    etag TEXT,
    last_modified TEXT,
    sha256 TEXT NOT NULL,
    content_type TEXT,
    fetched_at TEXT NOT NULL,
    checked_at TEXT NOT NULL
)
"""
_COLUMNS = (
    "url, final_url, status, warc_file, offset, length, etag, last_modified, sha256, content_type, "
    "fetched_at, checked_at"
)
# The body we keep is already decoded, so the headers that describe the wire encoding would lie.
_WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}
_HTML_TYPES = {"text/html", "application/xhtml+xml"}


@dataclass(frozen=True)
class ArchiveEntry:
    """One index row: where the latest body of a URL lies, and how to ask whether it changed."""

    url: str
    final_url: str
    status: int
    warc_file: str
    offset: int
    length: int
    etag: str | None
    last_modified: str | None
    sha256: str
    content_type: str | None
    fetched_at: datetime
    checked_at: datetime


def media_type_of(content: bytes, content_type: str | None) -> str:
    """The media type from the magic bytes, with the declared type deciding HTML versus plain text."""
    sniffed = sniff_media_type(content)
    declared = (content_type or "").split(";", 1)[0].strip().lower()
    # Magic bytes win (a PDF served as octet-stream is a PDF); a bare HTML fragment without the tags
    # the sniffer looks for is still HTML when the server says so.
    if sniffed == "text/plain" and declared in _HTML_TYPES:
        return "text/html"
    return sniffed


def raw_from_http(
    source: str,
    body: bytes,
    *,
    content_type: str | None,
    final_url: str,
    fetched_at: datetime,
    max_bytes: int,
) -> RawDocument:
    """A RawDocument from a response body (fresh or archived), its media type from magic and headers."""
    raw = raw_from_bytes(source, body, max_bytes=max_bytes, fetched_at=fetched_at, final_url=final_url)
    media_type = media_type_of(raw.content, content_type)
    return raw if media_type == raw.media_type else raw.model_copy(update={"media_type": media_type})


def normalize_url(url: str) -> str:
    """The URL as the index keys it: without its fragment (a fragment never reaches the server)."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path or "/", parts.query, ""))


def _row_entry(row: tuple[object, ...]) -> ArchiveEntry:
    url, final_url, status, warc_file, offset, length, etag, modified, sha, ctype, fetched, checked = row
    return ArchiveEntry(
        url=str(url),
        final_url=str(final_url),
        status=int(str(status)),
        warc_file=str(warc_file),
        offset=int(str(offset)),
        length=int(str(length)),
        etag=None if etag is None else str(etag),
        last_modified=None if modified is None else str(modified),
        sha256=str(sha),
        content_type=None if ctype is None else str(ctype),
        fetched_at=datetime.fromisoformat(str(fetched)),
        checked_at=datetime.fromisoformat(str(checked)),
    )


class WarcArchive:
    """An archive folder: appends response records to this session's WARC file and keeps the index."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        # One connection shared by the fetcher's threads, serialized by our own lock.
        self._db = sqlite3.connect(directory / INDEX_NAME, check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(_SCHEMA)
        self._db.commit()
        self._lock = threading.Lock()
        self._warc_name: str | None = None

    def close(self) -> None:
        """Close the index."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> WarcArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def lookup(self, url: str) -> ArchiveEntry | None:
        """The index row of a URL, or None if it was never fetched into this archive."""
        with self._lock:
            row = self._db.execute(f"SELECT {_COLUMNS} FROM responses WHERE url = ?", (url,)).fetchone()
        return None if row is None else _row_entry(row)

    def read_body(self, entry: ArchiveEntry, max_bytes: int) -> bytes:
        """The body an index row points at (one seek, one gzip member); over `max_bytes` is `too_large`."""
        with (self.directory / entry.warc_file).open("rb") as handle:
            handle.seek(entry.offset)
            chunk = handle.read(entry.length)
        from warcio.archiveiterator import ArchiveIterator  # imported here: a run over files needs no WARC

        for record in ArchiveIterator(io.BytesIO(chunk)):
            if record.rec_type == "response":
                # Bounded: the archive may hold a body kept under a larger limit, or be tampered with.
                body: bytes = record.content_stream().read(max_bytes + 1)
                if len(body) > max_bytes:
                    raise AcquireError(
                        "too_large",
                        f"the archived body is over {max_bytes} bytes; raise --max-bytes",
                        entry.url,
                    )
                return body
        raise OSError(f"no response record at {entry.warc_file}:{entry.offset}")

    def _next_warc_name(self) -> str:
        if self._warc_name is None:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            self._warc_name = f"pledgeline-{stamp}-{os.getpid()}-{id(self) % 10_000:04d}.warc.gz"
        return self._warc_name

    def store(
        self,
        url: str,
        final_url: str,
        status: int,
        headers: list[tuple[str, str]],
        body: bytes,
        fetched_at: datetime,
    ) -> ArchiveEntry:
        """Record a response for `url` (and its final URL); an unchanged body is not written again."""
        sha = hashlib.sha256(body).hexdigest()
        lower = {k.lower(): v for k, v in headers}
        etag, modified, ctype = lower.get("etag"), lower.get("last-modified"), lower.get("content-type")
        now = datetime.now(UTC).isoformat()
        with self._lock:
            previous = self._db.execute(
                f"SELECT {_COLUMNS} FROM responses WHERE url = ? AND sha256 = ?", (url, sha)
            ).fetchone()
            if previous is not None:
                old = _row_entry(previous)
                warc_file, offset, length, stored_at = old.warc_file, old.offset, old.length, old.fetched_at
            else:
                warc_file = self._next_warc_name()
                offset, length = self._append(
                    warc_file, url, final_url, status, headers, body, fetched_at, sha
                )
                stored_at = fetched_at
            row = (url, final_url, status, warc_file, offset, length, etag, modified, sha, ctype)
            for key in dict.fromkeys((url, final_url)):
                self._db.execute(
                    f"INSERT OR REPLACE INTO responses ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (key, *row[1:], stored_at.isoformat(), now),
                )
            self._db.commit()
        entry = self.lookup(url)
        assert entry is not None
        return entry

    def touch(self, url: str) -> None:
        """Note that a URL was checked (a 304) without changing what it points at."""
        with self._lock:
            self._db.execute(
                "UPDATE responses SET checked_at = ? WHERE url = ?", (datetime.now(UTC).isoformat(), url)
            )
            self._db.commit()

    def _append(
        self,
        warc_file: str,
        url: str,
        final_url: str,
        status: int,
        headers: list[tuple[str, str]],
        body: bytes,
        fetched_at: datetime,
        sha: str,
    ) -> tuple[int, int]:
        from warcio.statusandheaders import StatusAndHeaders  # imported here: see read_body
        from warcio.warcwriter import WARCWriter

        kept = [(k, v) for k, v in headers if k.lower() not in _WIRE_HEADERS]
        kept.append(("Content-Length", str(len(body))))
        http_headers = StatusAndHeaders(f"{status} {_reason(status)}", kept, protocol="HTTP/1.1")
        warc_headers = {
            "WARC-Date": fetched_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "WARC-Pledgeline-Requested-URI": url,
            "WARC-Pledgeline-Payload-SHA256": sha,
        }
        path = self.directory / warc_file
        with path.open("ab") as handle:
            offset = handle.tell()
            writer = WARCWriter(handle, gzip=True)
            record = writer.create_warc_record(
                final_url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http_headers,
                warc_headers_dict=warc_headers,
            )
            writer.write_record(record)
            handle.flush()
            length = handle.tell() - offset
        log.debug("archived %s (%d bytes) at %s:%d", url, len(body), warc_file, offset)
        return offset, length


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def read_archived(archive_dir: Path, url: str, *, max_bytes: int = 100_000_000) -> RawDocument | None:
    """The latest archived body of a URL as the RawDocument its fetch produced, or None if not archived."""
    if not (archive_dir / INDEX_NAME).exists():
        return None
    with WarcArchive(archive_dir) as archive:
        entry = archive.lookup(normalize_url(url))
        if entry is None:
            return None
        body = archive.read_body(entry, max_bytes)
    return raw_from_http(
        url,
        body,
        content_type=entry.content_type,
        final_url=entry.final_url,
        fetched_at=entry.fetched_at,
        max_bytes=max_bytes,
    )
