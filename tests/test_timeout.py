"""--timeout covers every format and every stage: a document out of time fails with kind `timeout`, its
work is stopped, and the run goes on to the next document (inline, in a process pool, on another thread).

The slow documents are long (two megabytes of prose take seconds to extract on any machine) and the limit
is a fraction of a second, so no test waits long and none depends on the machine's speed.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.config import ParseSettings, RunSettings, Settings
from pipeline.errors import StageError
from pipeline.run import RunResult, run
from pipeline.time_limit import OutOfTime, time_limit

# An interruption can land in a garbage-collector callback (hypothesis installs one), where Python reports
# and ignores it; the next one stops the work (test_an_interruption_that_python_ignores_...).
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")

LIMIT = 0.3  # seconds
PARAGRAPH = (
    "Marrow Point Ceramics Corp., a tile maker based in Ohio, said it would invest $2.5 billion in a kiln "
    "plant in Kansas. The plant will employ 400 people, and Larkspur Freight Inc. plans to spend $300 "
    "million on a depot beside it.\n\n"
)
SHORT = "Kiln plant for Kansas\n\n" + PARAGRAPH


def _long_text() -> str:
    return "Pledges of the year\n\n" + PARAGRAPH * (2_000_000 // len(PARAGRAPH))


def _inputs(folder: Path, kind: str) -> list[str]:
    """A long document of the given kind, then a short text that must still go through."""
    folder.mkdir()
    if kind == "html":
        body = _long_text().replace("\n\n", "</p>\n<p>")
        (folder / "a-long.html").write_text(f"<html><body><article><p>{body}</p></article></body></html>")
    else:
        (folder / "a-long.txt").write_text(_long_text())
    (folder / "b-short.txt").write_text(SHORT)
    return [
        str(folder / "a-long.html" if kind == "html" else folder / "a-long.txt"),
        str(folder / "b-short.txt"),
    ]


def _settings(workers: int) -> Settings:
    return Settings(parse=ParseSettings(timeout=LIMIT), run=RunSettings(workers=workers))


def _check(result: RunResult, started: float) -> None:
    long, short = result.documents
    assert long.status == "failed" and long.error is not None and long.error.kind == "timeout"
    assert "--timeout" in long.error.message
    assert long.error.message.split(":")[0] in ("parse", "extract", "link", "validate")
    assert short.status == "ok"
    assert [r.sponsor for r in result.records if r.source == short.source][:1] == ["Marrow Point Ceramics"]
    # the long document was stopped, not finished late (it takes several seconds in full)
    assert time.monotonic() - started < 60


@pytest.mark.parametrize("kind", ["text", "html"])
def test_a_long_document_times_out_in_any_format_and_the_run_goes_on(tmp_path: Path, kind: str) -> None:
    inputs = _inputs(tmp_path / "in", kind)
    started = time.monotonic()
    _check(run(inputs, tmp_path / "out", _settings(workers=1)), started)


@pytest.mark.slow
def test_a_pool_worker_stops_a_long_document_and_goes_on(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in", "text")
    started = time.monotonic()
    _check(run(inputs, tmp_path / "out", _settings(workers=2)), started)


def test_the_limit_holds_on_a_thread_other_than_the_main_one(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in", "text")
    results: list[RunResult] = []
    started = time.monotonic()
    _on_thread(lambda: results.append(run(inputs, tmp_path / "out", _settings(1))))
    _check(results[0], started)


def test_raise_errors_raises_the_timeout_as_a_stage_error(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in", "text")
    settings = Settings(parse=ParseSettings(timeout=LIMIT), run=RunSettings(workers=1, raise_errors=True))
    with pytest.raises(StageError) as caught:
        run(inputs[:1], None, settings)
    assert caught.value.kind == "timeout"


def _busy_python(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def _on_thread(work: Callable[[], None]) -> None:
    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive()


def test_on_the_main_thread_the_limit_stops_even_a_runaway_regular_expression() -> None:
    started = time.monotonic()
    with pytest.raises(OutOfTime), time_limit(LIMIT):
        re.match(r"(a+)+$", "a" * 40 + "b")  # catastrophic backtracking: hours, inside C
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("on_main_thread", [True, False], ids=["main thread", "other thread"])
def test_the_limit_stops_python_work_and_nothing_fires_after_the_block(on_main_thread: bool) -> None:
    outcome: list[str] = []

    def work() -> None:
        try:
            with time_limit(LIMIT):
                _busy_python(30)
            outcome.append("finished")
        except OutOfTime:
            outcome.append("stopped")
        with time_limit(LIMIT):
            pass  # a block that ends in time: its timer must not fire later
        _busy_python(3 * LIMIT)
        outcome.append("quiet")

    work() if on_main_thread else _on_thread(work)
    assert outcome == ["stopped", "quiet"]


class _SlowToDie:
    """An object whose __del__ takes a while: Python ignores an exception raised inside __del__."""

    def __del__(self) -> None:
        _busy_python(0.05)


@pytest.mark.parametrize("on_main_thread", [True, False], ids=["main thread", "other thread"])
def test_an_interruption_that_python_ignores_does_not_let_the_block_run_on(on_main_thread: bool) -> None:
    outcome: list[str] = []

    def work() -> None:
        started = time.monotonic()
        try:
            with time_limit(LIMIT):
                for _ in range(60):  # three seconds, spent almost all inside __del__
                    _SlowToDie()
            outcome.append("finished")
        except OutOfTime:
            outcome.append("stopped")
        outcome.append("in time" if time.monotonic() - started < 10 else "late")

    work() if on_main_thread else _on_thread(work)
    assert outcome == ["stopped", "in time"]
