"""Executors: where batches of acquired documents go through parse -> extract -> link -> validate.

    inline   in this process (one worker, or tiny inputs)
    local    a process pool (forkserver/spawn); each worker builds its Pipeline once
    dask     a Dask distributed cluster at --scheduler ADDRESS, or a LocalCluster started for the run

Each executor takes an iterator of batches and yields each batch's results as soon as they are done (not in
input order: the state store restores the order). Batches are pulled lazily, a bounded number in flight, so
memory stays flat however large the input; the pool or cluster starts only when there is work.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from pipeline.config import Settings
from pipeline.errors import UsageError
from pipeline.output.state import StoredResult
from pipeline.worker import Pipeline
from schemas import DocumentOut, ErrorInfo, RawDocument

log = logging.getLogger(__name__)

Batch = list[RawDocument]


class Executor(Protocol):
    """Runs batches of documents through the stages."""

    def map_batches(self, batches: Iterator[Batch]) -> Iterator[list[StoredResult]]:
        """Each batch's results, as batches finish."""
        ...

    def close(self) -> None:
        """Stop workers, pools and clusters this executor started."""
        ...

    def terminate(self) -> None:
        """Stop at once, abandoning the batches in flight (Ctrl-C, or the run failed)."""
        ...


def failed_result(raw: RawDocument, kind: str, message: str) -> StoredResult:
    """A document that could not be processed at all (its worker died, a bug)."""
    document = DocumentOut(
        doc_id=raw.doc_id,
        source=raw.source,
        status="failed",
        error=ErrorInfo(kind=kind, message=message),
        media_type=raw.media_type,
        sha256=raw.sha256,
        final_url=raw.final_url,
    )
    return StoredResult.build(document, (), ())


def process_batch(pipeline: Pipeline, batch: Batch) -> list[StoredResult]:
    """One batch through a Pipeline; a bug on one document fails that document, not the batch."""
    try:
        return [StoredResult.build(r.document, r.records, r.rejects) for r in pipeline.process(batch)]
    except Exception:
        if pipeline.settings.run.raise_errors:
            raise
        if len(batch) == 1:
            log.exception("processing %s failed", batch[0].source)
            return [failed_result(batch[0], "internal_error", "an unexpected error; see the log")]
    results: list[StoredResult] = []
    for raw in batch:
        results.extend(process_batch(pipeline, [raw]))
    return results


# --- inline ---------------------------------------------------------------------------------------


class InlineExecutor:
    """Batches processed one after another in this process."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def map_batches(self, batches: Iterator[Batch]) -> Iterator[list[StoredResult]]:
        """Each batch's results, in order."""
        for batch in batches:
            yield process_batch(self.pipeline, batch)

    def close(self) -> None:
        """Nothing to stop."""

    def terminate(self) -> None:
        """Nothing to stop."""


# --- local process pool ---------------------------------------------------------------------------

_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER_PIPELINE
    # Ctrl-C is the runner's to handle: it saves what is done and stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    _WORKER_PIPELINE = Pipeline(settings)
    _WORKER_PIPELINE.warm_up()


def _exit_with_parent() -> None:
    """Exit this worker when the process that started it dies (a SIGKILL leaves no one to stop it)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        # The sentinel is the parent's end of the pipe that started this worker: it reads EOF when the
        # parent is gone. A worker left behind would wait for work forever, holding its memory.
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _pool_batch(batch: Batch) -> list[StoredResult]:
    assert _WORKER_PIPELINE is not None, "the pool's initializer builds the worker's Pipeline"
    return process_batch(_WORKER_PIPELINE, batch)


def _mp_context() -> multiprocessing.context.BaseContext:
    # fork would copy the parent's threads and SQLite handle; forkserver forks a clean, pre-imported server.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["pipeline.run"])
        return context
    return multiprocessing.get_context("spawn")


class ProcessExecutor:
    """A local process pool; a batch whose worker died is retried once, document by document."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.settings = settings
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=_mp_context(),
                initializer=_init_worker,
                initargs=(self.settings,),
            )
        return self._pool

    def _drop_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def map_batches(self, batches: Iterator[Batch]) -> Iterator[list[StoredResult]]:
        """Each batch's results as they finish; a worker death costs a retry, then `worker_crashed`."""
        window = 2 * self.workers
        pending: dict[Future[list[StoredResult]], tuple[Batch, int]] = {}
        retries: deque[tuple[Batch, int]] = deque()
        exhausted = False
        while True:
            while len(pending) < window and (retries or not exhausted):
                if retries:
                    batch, attempt = retries.popleft()
                else:
                    next_batch = next(batches, None)
                    if next_batch is None:
                        exhausted = True
                        continue
                    batch, attempt = next_batch, 0
                try:
                    pending[self._ensure_pool().submit(_pool_batch, batch)] = (batch, attempt)
                except BrokenProcessPool:
                    self._drop_pool()
                    retries.appendleft((batch, attempt))
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                batch, attempt = pending.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    self._drop_pool()
                    if attempt == 0:
                        # One document at a time, so only the document that kills its worker fails twice.
                        retries.extend(([raw], 1) for raw in batch)
                    else:
                        log.error("a worker died twice on %s", batch[0].source)
                        yield [failed_result(raw, "worker_crashed", _CRASHED) for raw in batch]

    def close(self) -> None:
        """Stop the pool."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def terminate(self) -> None:
        """Kill the workers now: a batch in flight is lost, and done again by the next run."""
        if self._pool is not None:
            processes = list(getattr(self._pool, "_processes", {}).values())
            self._pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
            for process in processes:
                process.join(timeout=5)
            self._pool = None


_CRASHED = "the worker process died on this document twice (out of memory or a crash in a library)"


# --- Dask -----------------------------------------------------------------------------------------

_DASK_LOCAL = threading.local()


def dask_batch(batch: Batch, settings: Settings) -> list[StoredResult]:
    """The task a Dask worker runs: build the Pipeline once per worker thread, then process the batch."""
    key = settings.model_dump_json()
    cached = getattr(_DASK_LOCAL, "pipeline", None)
    if cached is None or cached[0] != key:
        cached = (key, Pipeline(settings))
        _DASK_LOCAL.pipeline = cached
    return process_batch(cached[1], batch)


def _import_dask() -> Any:
    try:
        import dask.distributed
    except ImportError as exc:
        raise UsageError(
            "--executor dask needs Dask: install the extra with `pip install 'pledgeline[dask]'`"
        ) from exc
    return dask.distributed


class DaskExecutor:
    """Batches as tasks on a Dask cluster: at `scheduler`, or a LocalCluster started on first use."""

    def __init__(
        self, settings: Settings, scheduler: str | None, workers: int, processes: bool = True
    ) -> None:
        self.settings = settings
        self.scheduler = scheduler
        self.workers = workers
        self.processes = processes
        self.distributed = _import_dask()
        self._client: Any = None
        self._cluster: Any = None

    def _ensure_client(self) -> Any:
        if self._client is None:
            if self.scheduler:
                self._client = self.distributed.Client(self.scheduler)
            else:
                self._cluster = self.distributed.LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=self.processes,
                    # any free port: the dashboard's usual 8787 may be taken (another cluster, a notebook)
                    dashboard_address=":0",
                )
                self._client = self.distributed.Client(self._cluster)
        return self._client

    def map_batches(self, batches: Iterator[Batch]) -> Iterator[list[StoredResult]]:
        """Each batch's results as its task finishes; a batch whose workers keep dying fails its documents."""
        first = next(batches, None)
        if first is None:
            return
        client = self._ensure_client()
        window = 2 * max(1, len(client.scheduler_info().get("workers", {})) or self.workers)
        finished = self.distributed.as_completed()
        submitted: dict[str, Batch] = {}

        def submit(batch: Batch) -> None:
            future = client.submit(dask_batch, batch, self.settings, pure=False)
            submitted[future.key] = batch
            finished.add(future)

        submit(first)
        for _ in range(window - 1):
            batch = next(batches, None)
            if batch is None:
                break
            submit(batch)
        for future in finished:
            batch = submitted.pop(future.key)
            try:
                yield future.result()
            except self.distributed.KilledWorker:
                yield [failed_result(raw, "worker_crashed", _CRASHED) for raw in batch]
            following = next(batches, None)
            if following is not None:
                submit(following)

    def terminate(self) -> None:
        """Close the client and cluster (tasks in flight are dropped with them)."""
        self.close()

    def close(self) -> None:
        """Close the client and any LocalCluster this executor started."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def default_workers() -> int:
    """The machine's cores."""
    return os.cpu_count() or 1
