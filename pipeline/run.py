"""The runner: drives each document through the stages and turns stage errors into data.

STAGES: acquire -> parse -> extract -> link -> validate -> write. A StageError fails one document (a
documents.jsonl line with `status: failed`) and the run goes on; `RunSettings.raise_errors` raises instead.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TypeVar

import orjson

from pipeline.acquire import (
    archive_identities,
    count_records,
    document_identity,
    expand_inputs,
    is_archive,
    is_url,
    printable_source,
    read_archive,
)
from pipeline.acquire.inputs import check_inputs
from pipeline.config import Settings
from pipeline.errors import AcquireError, PledgelineError, StageError
from pipeline.executors import Batch, DaskExecutor, Executor, InlineExecutor, ProcessExecutor, default_workers
from pipeline.output.folder import output_lock
from pipeline.output.merge import PROJECTS, merge_file
from pipeline.output.report import REPORT
from pipeline.output.state import STATE_FILE, OutputCounts, StateStore, StoredResult
from pipeline.output.write import DOCUMENTS, RECORDS, REJECTS, atomic_writer
from pipeline.rules import RuleSet
from pipeline.version import __version__
from pipeline.worker import DocumentResult, Pipeline, failed_document, finish_document
from schemas import DocumentOut, ProjectRecord, RawDocument, RejectOut
from schemas.stages import make_doc_id

__all__ = [
    "DocumentResult",
    "Pipeline",
    "RunInterrupted",
    "RunResult",
    "failed_document",
    "finish_document",
    "run",
]

log = logging.getLogger(__name__)

STAGES = ("acquire", "parse", "extract", "link", "validate", "write")
Progress = Callable[[int, int | None, str], None]


class RunInterrupted(KeyboardInterrupt):
    """Ctrl-C during a run, with what was saved: a re-run into the same folder resumes from there."""

    def __init__(self, result: RunResult, out: Path | None) -> None:
        super().__init__()
        self.processed = result.processed  # documents finished by this run and kept in the state store
        self.skipped = result.skipped  # documents whose result was already kept
        self.out = out


class RunResult:
    """A run's outputs and its summary figures.

    With an output folder, `documents`, `records` and `rejects` are read back from its files on first use,
    so a large run never holds them all in memory; the counts and the failed documents are always at hand.
    """

    def __init__(self, out: Path | None = None) -> None:
        self.out = out
        self.seconds = 0.0
        self.processed = 0  # documents parsed and extracted by this run
        self.skipped = 0  # unchanged documents whose stored result was reused
        self.duplicates = 0  # inputs given twice in this run (one doc_id), reported once
        self.counts = OutputCounts()
        self.failures: list[DocumentOut] = []
        self._documents: list[DocumentOut] | None = None if out else []
        self._records: list[ProjectRecord] | None = None if out else []
        self._rejects: list[RejectOut] | None = None if out else []

    @property
    def documents(self) -> list[DocumentOut]:
        """Every document of the run, in input order."""
        if self._documents is None:
            self._documents = _read_rows(self._path(DOCUMENTS), DocumentOut)
        return self._documents

    @property
    def records(self) -> list[ProjectRecord]:
        """Every record of the run."""
        if self._records is None:
            self._records = _read_rows(self._path(RECORDS), ProjectRecord)
        return self._records

    @property
    def rejects(self) -> list[RejectOut]:
        """Every rejected candidate of the run."""
        if self._rejects is None:
            self._rejects = _read_rows(self._path(REJECTS), RejectOut)
        return self._rejects

    @property
    def ok(self) -> int:
        """Documents that went through."""
        return int(self.counts.ok)

    @property
    def failed(self) -> int:
        """Documents that failed."""
        return int(self.counts.failed)

    def _path(self, name: str) -> Path:
        assert self.out is not None
        return self.out / name

    def add(self, result: DocumentResult) -> None:
        """Take one document's contribution."""
        self.documents.append(result.document)
        self.records.extend(result.records)
        self.rejects.extend(result.rejects)
        self.tally(result.document, len(result.records), len(result.rejects))

    def tally(self, document: DocumentOut, records: int, rejects: int) -> None:
        """Count one document's line, records and rejects."""
        if document.status == "ok":
            self.counts.ok += 1
        else:
            self.counts.failed += 1
            self.failures.append(document)
        self.counts.records += records
        self.counts.rejects += rejects


_Row = TypeVar("_Row", DocumentOut, ProjectRecord, RejectOut)


def _read_rows(path: Path, model: type[_Row]) -> list[_Row]:
    with path.open("rb") as handle:
        return [model.model_validate(orjson.loads(line)) for line in handle if line.strip()]


def extractor_version(rules: RuleSet) -> str:
    """The version results are stamped with: the package version, the stage code and rule files digests."""
    return f"{__version__}+{_code_digest()}+{rules.digest}"


@functools.cache
def _code_digest() -> str:
    """A hash of the package's source, subpackages included, so that a code change re-extracts."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:8]


def _stored(result: DocumentResult) -> StoredResult:
    return StoredResult.build(result.document, result.records, result.rejects)


def acquired(
    pipeline: Pipeline, sources: Iterable[str], not_urls: frozenset[str] = frozenset()
) -> Iterator[RawDocument | StoredResult]:
    """Every document of the inputs as bytes, or as a finished failure if it could not be read (`not_urls`:
    lines of a URL list that are no http(s) URL)."""
    raise_errors = pipeline.settings.run.raise_errors
    for source in sources:
        if source in not_urls:
            error = AcquireError("bad_url", _NOT_A_URL, source)
            if raise_errors:
                raise error
            yield _stored(failed_document(source, error, identity=source))
            continue
        if not is_url(source) and is_archive(source):
            identity = archive_identities(source)
            for item in read_archive(source, max_bytes=pipeline.settings.parse.max_bytes):
                if isinstance(item, StageError):
                    if raise_errors:
                        raise item
                    yield _stored(failed_document(item.source, item, identity=identity(item.source)))
                elif (article := identity(item.source)) != item.source:
                    yield item.model_copy(update={"identity": article})
                else:
                    yield item
            continue
        try:
            yield pipeline.acquire(source)
        except StageError as error:
            if raise_errors:
                raise
            yield _stored(failed_document(printable_source(source), error))


_NOT_A_URL = "a line of the URL list that is not an http(s) URL; write it as https://host/path"


# What runs, exports and reports write into OUT: never read back as documents by a folder walk.
_OUTPUT_NAMES = (
    DOCUMENTS, RECORDS, REJECTS, PROJECTS, REPORT, "archive",
    *(f"export.{ext}" for ext in ("jsonl", "csv", "parquet", "sqlite")),
)  # fmt: skip


def _own_outputs(out: Path | None) -> list[Path]:
    """OUT and what pledgeline writes into it (when a walked folder is OUT itself, its files are skipped)."""
    return [] if out is None else [out, *(out / name for name in _OUTPUT_NAMES)]


def _unique(sources: Iterable[str], result: RunResult) -> list[str]:
    """The sources without a second spelling of one document (`a.txt`, `./a.txt`, a URL twice)."""
    seen: set[str] = set()
    unique: list[str] = []
    for source in sources:
        identity = document_identity(source)
        if identity in seen:
            result.duplicates += 1
            continue
        seen.add(identity)
        unique.append(source)
    return unique


def _estimate_total(sources: list[str]) -> int | None:
    """How many documents the inputs hold, where that is cheap to know (for the progress bar)."""
    total = 0
    for source in sources:
        try:
            count = count_records(source) if not is_url(source) and is_archive(source) else 1
        except OSError:  # a line of a URL list named like an archive, or a file that cannot be read
            count = 1
        if count is None:
            return None
        total += count
    return total


# Below this many documents a worker pool costs more to start than it saves.
AUTO_PARALLEL_MIN = 200


def make_executor(pipeline: Pipeline, total: int | None) -> Executor:
    """The executor the settings ask for (--executor, --workers; 0 workers: the machine's cores if big)."""
    run_settings = pipeline.settings.run
    workers = run_settings.workers
    if workers <= 0:
        workers = default_workers() if total is None or total >= AUTO_PARALLEL_MIN else 1
    if run_settings.executor == "dask":
        return DaskExecutor(pipeline.settings, run_settings.scheduler, workers)
    if workers == 1:
        return InlineExecutor(pipeline)
    return ProcessExecutor(pipeline.settings, workers)


class _Ticker:
    """Counts documents done and feeds the progress callback."""

    def __init__(self, progress: Progress | None, total: int | None) -> None:
        self.progress = progress
        self.total = total
        self.done = 0

    def __call__(self, source: str) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total, source)


def _batches(
    pipeline: Pipeline,
    sources: Iterable[str],
    store: StateStore,
    result: RunResult,
    tick: _Ticker,
    not_urls: frozenset[str] = frozenset(),
) -> Iterator[Batch]:
    """The documents that need work, in batches; unchanged ones (already in the store) are skipped."""
    size = max(1, pipeline.settings.run.batch_size)
    batch: Batch = []
    for item in acquired(pipeline, sources, not_urls):
        if isinstance(item, StoredResult):
            if store.add_current(item.doc_id):
                store.put(item)
            tick(item.source)
        elif not store.add_current(item.doc_id):
            result.duplicates += 1
            tick(item.source)
        elif store.is_done(item.doc_id, item.sha256, item.source):
            result.skipped += 1
            tick(item.source)
        else:
            batch.append(item)
            if len(batch) >= size:
                yield batch
                batch = []
    if batch:
        yield batch


def _write_from_store(store: StateStore, out: Path | None, result: RunResult) -> str:
    """The contract's files, streamed from the store in input order (or the in-memory lists); a digest of
    the records written."""
    digest = hashlib.sha256()
    if out is None:
        for document, records, rejects, _ in store.rows():
            doc = DocumentOut.model_validate_json(document)
            recs = [ProjectRecord.model_validate_json(line) for line in records.splitlines()]
            rejs = [RejectOut.model_validate_json(line) for line in rejects.splitlines()]
            result.add(DocumentResult(doc, tuple(recs), tuple(rejs)))
        return ""
    with (
        atomic_writer(out / DOCUMENTS) as documents_file,
        atomic_writer(out / RECORDS) as records_file,
        atomic_writer(out / REJECTS) as rejects_file,
    ):
        for document, records, rejects, status in store.rows():
            documents_file.write(document)
            records_file.write(records)
            digest.update(records)
            rejects_file.write(rejects)
            failed = DocumentOut.model_validate_json(document) if status != "ok" else None
            if failed is not None:
                result.tally(failed, 0, 0)
            else:
                result.counts.ok += 1
            result.counts.records += records.count(b"\n")
            result.counts.rejects += rejects.count(b"\n")
    return digest.hexdigest()


def _file_digest(path: Path) -> str | None:
    if not path.is_file():
        return None
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _write_projects(store: StateStore, out: Path, records_digest: str, rules: RuleSet) -> None:
    """projects.jsonl, merged from records.jsonl in bounded memory; kept as it is when neither the records,
    the rules nor the code changed since it was written (an unchanged re-run does not merge again)."""
    made_from = f"{records_digest} {store.version}"
    projects = out / PROJECTS
    if store.get_meta("projects_from") == made_from and store.get_meta("projects") == _file_digest(projects):
        return
    merge_file(out / RECORDS, projects, rules)
    store.set_meta("projects_from", made_from)
    store.set_meta("projects", _file_digest(projects) or "")


def other_documents(out: Path, inputs: list[str]) -> int:
    """How many documents of OUT's documents.jsonl came from none of `inputs` (their files and URLs)."""
    path = out / DOCUMENTS
    if not path.is_file():
        return 0
    ours = {make_doc_id(document_identity(source)) for source in expand_inputs(inputs)}
    with path.open("rb") as handle:
        return sum(_doc_id_of(line) not in ours for line in handle if line.strip())


def _doc_id_of(line: bytes) -> str | None:
    try:
        document = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None  # a line no run of ours wrote: someone else's
    return document.get("doc_id") if isinstance(document, dict) else None


def run(
    inputs: list[str],
    out: Path | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
    executor: Executor | None = None,
    urls: Sequence[str] = (),
) -> RunResult:
    """Run the pipeline over files, folders, archives and URLs; write the contract's files to `out` if given.

    An input that does not exist (or a mistyped URL) raises UsageError before anything is read or written;
    `urls` are the lines of a URL list, where a line that is not a URL is a failed document instead.
    With `out`, results are kept in OUT/.pledgeline-state.sqlite: unchanged documents are not redone, and a
    run killed part-way is continued by the next one. `executor` overrides the settings' choice (the caller
    then closes it).
    """
    started = time.perf_counter()
    check_inputs(inputs)
    pipeline = Pipeline(settings)
    # a bad rule file stops the run here, too; loaded once for the runner and, in this process, the pipeline
    rules = pipeline.rules
    result = RunResult(out)
    try:
        with ExitStack() as stack:
            if out is not None:  # one run per output folder; the leftovers of a killed one are removed
                stack.enter_context(output_lock(out, "run"))
            stack.callback(pipeline.close)
            sources = _unique([*expand_inputs(inputs, _own_outputs(out)), *urls], result)
            not_urls = frozenset(line for line in urls if not is_url(line))
            queue = pipeline.open_fetcher(sources, out)  # fetch: the sources, and links found when following
            total = None if pipeline.crawler is not None else _estimate_total(sources)
            store = StateStore(out / STATE_FILE if out is not None else None, extractor_version(rules))
            own_executor = executor is None
            if executor is None:
                executor = make_executor(pipeline, total)
            tick = _Ticker(progress, total)
            try:
                store.begin_run()
                for finished in executor.map_batches(
                    _batches(pipeline, queue, store, result, tick, not_urls)
                ):
                    store.put_many(finished)  # one transaction per batch
                    for stored in finished:
                        result.processed += 1
                        tick(stored.source)
                if missing := store.missing():
                    raise PledgelineError(f"{missing} documents have no result; run again to finish them")
                records_digest = _write_from_store(store, out, result)
                store.prune()
                if out is not None:
                    _write_projects(store, out, records_digest, rules)
            except BaseException:
                if own_executor:
                    executor.terminate()  # Ctrl-C or a failure: workers stop now, not after their batches
                store.abort()  # the run's own error is the one to report, not a failed commit after it
                raise
            if own_executor:
                executor.close()
            store.close()
    except KeyboardInterrupt as exc:
        raise RunInterrupted(result, out) from exc
    result.seconds = time.perf_counter() - started
    return result
