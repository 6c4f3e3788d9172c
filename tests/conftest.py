"""Shared fixtures. The fetch tests' web site lives in tests/fetch_site.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from fetch_site import FetchSite

if TYPE_CHECKING:
    from pipeline.run import Pipeline


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
