"""A time limit on a block of work: OutOfTime is raised into the block when its time is up.

On the main thread (the CLI, a pool worker) a SIGALRM timer interrupts the work, even inside a long
regular-expression match (the regex engine checks for signals). On any other thread (a Dask worker, an API
caller's thread) a watcher thread raises the exception into the working thread at its next Python step.

Either way the exception comes again every REPEAT seconds until the block ends, because one can land where
Python ignores exceptions (a garbage-collector callback, a __del__); and a block that ends after its time
without being stopped raises OutOfTime all the same, so "over the limit" does not depend on where the
interruption fell. Nothing is left armed when the block ends. A leaf module: the standard library only.
"""

from __future__ import annotations

import ctypes
import math
import signal
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

REPEAT = 0.1  # seconds between interruptions once the time is up


class OutOfTime(BaseException):
    """The time of a block ran out. A BaseException, like KeyboardInterrupt, so that an `except Exception`
    in a stage or a library cannot swallow it."""


class _Expiry:
    """Whether the time ran out (set by the timer, read when the block ends)."""

    def __init__(self) -> None:
        self.expired = False


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise OutOfTime in this thread when the block runs longer than `seconds` (infinite: no limit;
    0: out of time at once, as the PDF parser's own deadline has it)."""
    if math.isinf(seconds):
        yield
        return
    seconds = max(seconds, 1e-6)
    expiry = _Expiry()
    on_main = threading.current_thread() is threading.main_thread()
    # A timer the caller armed itself is left alone: this block then uses the watcher thread.
    if on_main and hasattr(signal, "setitimer") and signal.getitimer(signal.ITIMER_REAL)[0] == 0:
        timer: AbstractContextManager[None] = _alarm(seconds, expiry)
    else:
        timer = _watcher(seconds, expiry)
    with timer:
        yield
    if expiry.expired:
        raise OutOfTime  # the block ended after its time without being stopped


@contextmanager
def _alarm(seconds: float, expiry: _Expiry) -> Iterator[None]:
    def interrupt(signum: int, frame: object) -> None:
        expiry.expired = True
        raise OutOfTime

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)


def _set_async_exception(thread_id: int, exception: type[BaseException] | None) -> None:
    """Raise `exception` in a thread at its next Python step (None: take back one not yet raised)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception is not None else None
    )


@contextmanager
def _watcher(seconds: float, expiry: _Expiry) -> Iterator[None]:
    thread_id = threading.get_ident()
    done = threading.Event()
    lock = threading.Lock()  # the watcher raises only while the block has not ended

    def watch() -> None:
        if done.wait(seconds):
            return
        while True:
            with lock:
                if done.is_set():
                    return
                expiry.expired = True
                _set_async_exception(thread_id, OutOfTime)
            if done.wait(REPEAT):
                return

    threading.Thread(target=watch, name="time-limit", daemon=True).start()
    try:
        yield
    finally:
        while True:
            try:
                with lock:
                    done.set()
                if expiry.expired:
                    _set_async_exception(thread_id, None)
                break
            except OutOfTime:
                continue  # raised while the watcher was being stopped: stop it and take it back again
