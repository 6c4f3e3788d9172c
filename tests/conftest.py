"""Shared fixtures, and the CI guard: under CI=true a test skipped for want of ../shared fails the session.

The fetch tests' web site lives in tests/fetch_site.py; where the shared corpora lie, in shared_paths.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from fetch_site import FetchSite

from tests.shared_paths import SHARED, SHARED_REASON

if TYPE_CHECKING:
    from pipeline.run import Pipeline

_SKIPPED_FOR_SHARED: list[str] = []


def _on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Note each test skipped because the shared corpora are absent."""
    if report.skipped and SHARED_REASON in str(report.longrepr):
        _SKIPPED_FOR_SHARED.append(report.nodeid)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say, under CI, why the session fails."""
    if _on_ci() and _SKIPPED_FOR_SHARED:
        terminalreporter.write_line(
            f"CI=true: {len(_SKIPPED_FOR_SHARED)} tests need the team's shared corpora and {SHARED} is not "
            "there; on CI their absence is a failure, not a skip (put ../shared beside the project or set "
            "PLEDGELINE_SHARED)",
            red=True,
        )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under CI=true, fail a session in which a test was skipped for want of ../shared."""
    if _on_ci() and _SKIPPED_FOR_SHARED and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def fetch_site() -> Iterator[FetchSite]:
    """The ministry-like site on 127.0.0.1 (one server for the session; tests use their own paths)."""
    site = FetchSite()
    site.start()
    try:
        yield site
    finally:
        site.stop()


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The rules and spaCy pipeline, loaded once per test session."""
    from pipeline.run import Pipeline

    return Pipeline()
