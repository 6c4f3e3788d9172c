"""Where the team's shared corpus lies (../shared beside the project), and a skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV_DOCS = SHARED / "corpus" / "dev" / "docs"
DEV_GOLD = SHARED / "corpus" / "dev" / "gold.jsonl"
SAMPLES = ROOT / "samples"


def needs_shared() -> pytest.MarkDecorator:
    """Skip a test when ../shared is not beside the project."""
    return pytest.mark.skipif(not DEV_DOCS.is_dir(), reason="../shared/corpus/dev is not beside the project")
