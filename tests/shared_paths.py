"""Where the team's shared corpora lie (../shared beside the project, or $PLEDGELINE_SHARED), and how a test
that needs them skips when they are absent.

Every such skip gives a reason that starts with SHARED_REASON; under CI=true the session fails when one
happens (tests/conftest.py), so that a CI machine without the corpora cannot pass silently.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PLEDGELINE_SHARED") or ROOT.parent / "shared")
DEV_DOCS = SHARED / "corpus" / "dev" / "docs"
DEV_GOLD = SHARED / "corpus" / "dev" / "gold.jsonl"
WILD = SHARED / "corpus" / "wild"
SHARED_EVAL = SHARED / "eval"
SAMPLES = ROOT / "samples"
SHARED_REASON = "needs the team's shared corpora"


def shared_reason(path: Path) -> str:
    """The skip reason for a test that needs `path` inside ../shared."""
    return (
        f"{SHARED_REASON}: {path} is not there (put ../shared beside the project, or set PLEDGELINE_SHARED)"
    )


def needs_shared(path: Path = DEV_DOCS) -> pytest.MarkDecorator:
    """Skip a test when `path` (by default the dev corpus) is not in ../shared."""
    return pytest.mark.skipif(not path.exists(), reason=shared_reason(path))


def skip_without_shared(path: Path = DEV_DOCS) -> None:
    """Skip the running test (or fixture) when `path` is not in ../shared."""
    if not path.exists():
        pytest.skip(shared_reason(path))
