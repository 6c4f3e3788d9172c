"""The state store: one SQLite file in the output folder holding every finished document's result.

A result is keyed by doc_id (from the document's identity: its resolved path or URL) and stamped with the
content's sha256 and the extractor version (pipeline version + rule-file digest): a document whose content,
source spelling and rules are unchanged is not redone; an edit or a rule change redoes it. Each finished batch
of documents is committed in one transaction, so a run killed at any moment loses at most the batches in
flight; the current run's list is written in chunks of a few hundred documents per transaction (a per-document
commit made an unchanged re-run pay one write per document). The documents of the current run are listed in
input order in the `current` table; the contract's files are written from the store by streaming over it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import orjson

from pipeline.errors import PledgelineError
from schemas import DocumentOut, ProjectRecord, RejectOut

STATE_FILE = ".pledgeline-state.sqlite"
_CHUNK = 500  # list entries of the current run committed per transaction

# Failures that may go away on their own: such documents are tried again on the next run.
TRANSIENT_KINDS = frozenset({"worker_crashed", "timeout", "internal_error", "unreadable", "not_found"})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    doc_id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    sha256 TEXT,
    version TEXT NOT NULL,
    status TEXT NOT NULL,
    error_kind TEXT,
    document BLOB NOT NULL,
    records BLOB NOT NULL,
    rejects BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS current (
    seq INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class StoredResult:
    """One document's result as JSON Lines bytes, ready for the store and the output files."""

    doc_id: str
    source: str
    sha256: str | None
    status: str
    error_kind: str | None
    document: bytes
    records: bytes
    rejects: bytes

    @classmethod
    def build(
        cls, document: DocumentOut, records: tuple[ProjectRecord, ...], rejects: tuple[RejectOut, ...]
    ) -> StoredResult:
        """Serialize a document's line, records and rejects (one JSON object per line)."""
        return cls(
            doc_id=document.doc_id,
            source=document.source,
            sha256=document.sha256,
            status=document.status,
            error_kind=document.error.kind if document.error else None,
            document=orjson.dumps(document.model_dump(mode="json")) + b"\n",
            records=b"".join(orjson.dumps(r.model_dump(mode="json")) + b"\n" for r in records),
            rejects=b"".join(orjson.dumps(r.model_dump(mode="json")) + b"\n" for r in rejects),
        )

    @property
    def cacheable(self) -> bool:
        """Whether the next run may reuse this result instead of redoing the document."""
        return self.sha256 is not None and self.error_kind not in TRANSIENT_KINDS


@dataclass
class OutputCounts:
    """What the written outputs hold."""

    ok: int = 0
    failed: int = 0
    records: int = 0
    rejects: int = 0


class StateStoreError(PledgelineError):
    """The state store could not be read or written (a full disk, a damaged file): the run cannot go on."""


def _describe(path: Path | None, exc: sqlite3.Error) -> str:
    where = f"the state store {path}" if path is not None else "the in-memory state store"
    cause = str(exc)
    if isinstance(exc, sqlite3.OperationalError) and "full" in cause:
        return f"{where}: {cause}; free some space and run again (the documents finished so far are kept)"
    if "not a database" in cause or "malformed" in cause:
        return f"{where}: {cause}; delete it and run again (every document is then redone)"
    return f"{where}: {cause}"


class StateStore:
    """The SQLite file of finished results and the current run's document list.

    Every SQLite failure comes out as one StateStoreError with its own cause (a full disk), never as the
    error of a later step (a commit after SQLite already rolled the transaction back).
    """

    def __init__(self, path: Path | None, version: str) -> None:
        self.path = path
        self.version = version
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._seq = 0
        self._uncommitted = 0
        with self._reported():
            self.conn = sqlite3.connect(str(path) if path else ":memory:", isolation_level=None, timeout=10)
            # WAL with synchronous=NORMAL: a commit survives a killed process (not a power cut), and is cheap.
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.executescript(_SCHEMA)

    @contextmanager
    def _reported(self) -> Iterator[None]:
        """Turn an SQLite failure into a StateStoreError with its cause; roll back what was begun."""
        try:
            yield
        except sqlite3.Error as exc:
            self._rollback_quietly()
            raise StateStoreError(_describe(self.path, exc)) from exc

    def _rollback_quietly(self) -> None:
        # SQLite may have rolled back already (it does on a full disk): only an open transaction is ended.
        conn = getattr(self, "conn", None)
        if conn is not None and conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        self._uncommitted = 0

    def close(self) -> None:
        """Commit what is pending and close the database."""
        try:
            self.commit()
        finally:
            self.conn.close()

    def abort(self) -> None:
        """Close without committing, raising nothing (the run already failed with its own error)."""
        self._rollback_quietly()
        with suppress(sqlite3.Error):
            self.conn.close()

    def _begin(self) -> None:
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")

    def commit(self) -> None:
        """Commit the open transaction, if any."""
        with self._reported():
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")
            self._uncommitted = 0

    def begin_run(self) -> None:
        """Forget the document list of the previous (maybe killed) run."""
        with self._reported():
            self._begin()
            self.conn.execute("DELETE FROM current")
        self.commit()
        self._seq = 0

    def add_current(self, doc_id: str) -> bool:
        """Put a document on this run's list; False if it is already there (a duplicate input)."""
        self._seq += 1
        with self._reported():
            self._begin()
            cursor = self.conn.execute(
                "INSERT OR IGNORE INTO current (seq, doc_id) VALUES (?, ?)", (self._seq, doc_id)
            )
        # The list is rebuilt by every run, so a killed run loses nothing by committing it in chunks.
        self._uncommitted += 1
        if self._uncommitted >= _CHUNK:
            self.commit()
        return cursor.rowcount == 1

    def is_done(self, doc_id: str, sha256: str, source: str) -> bool:
        """Whether a reusable result is stored: this content, this source spelling, this extractor version."""
        # The source is in every output line, so a result stored under another spelling of the path is redone.
        with self._reported():
            row = self.conn.execute(
                "SELECT version, sha256, error_kind, source FROM results WHERE doc_id = ?", (doc_id,)
            ).fetchone()
        return (
            row is not None
            and row[0] == self.version
            and row[1] == sha256
            and row[2] not in TRANSIENT_KINDS
            and row[3] == source
        )

    def put(self, result: StoredResult) -> None:
        """Store one finished document and commit."""
        self.put_many([result])

    def put_many(self, results: Iterable[StoredResult]) -> None:
        """Store finished documents (a batch) and commit them in one transaction."""
        with self._reported():
            self._begin()
            self.conn.executemany(
                "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        result.doc_id,
                        result.source,
                        result.sha256,
                        self.version if result.cacheable else "",
                        result.status,
                        result.error_kind,
                        result.document,
                        result.records,
                        result.rejects,
                    )
                    for result in results
                ),
            )
        self.commit()

    def missing(self) -> int:
        """Documents on this run's list that have no stored result."""
        self.commit()
        with self._reported():
            row = self.conn.execute(
                "SELECT count(*) FROM current c LEFT JOIN results r ON r.doc_id = c.doc_id "
                "WHERE r.doc_id IS NULL"
            ).fetchone()
        return int(row[0])

    def rows(self) -> Iterator[tuple[bytes, bytes, bytes, str]]:
        """This run's documents in input order: (document line, record lines, reject lines, status)."""
        self.commit()
        with self._reported():
            cursor = self.conn.execute(
                "SELECT r.document, r.records, r.rejects, r.status FROM current c "
                "JOIN results r ON r.doc_id = c.doc_id ORDER BY c.seq"
            )
            yield from cursor

    def get_meta(self, key: str) -> str | None:
        """A value the runner kept from an earlier run (e.g. what projects.jsonl was merged from)."""
        with self._reported():
            row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row is not None else None

    def set_meta(self, key: str, value: str) -> None:
        """Keep a value for later runs."""
        with self._reported():
            self._begin()
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
        self.commit()

    def prune(self) -> None:
        """Drop results of other extractor versions that this run did not touch: they can never be reused."""
        with self._reported():
            self._begin()
            self.conn.execute(
                "DELETE FROM results WHERE version != ? AND doc_id NOT IN (SELECT doc_id FROM current)",
                (self.version,),
            )
        self.commit()
