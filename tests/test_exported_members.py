"""The public surface: an explicit, sorted __all__ whose every name exists."""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize("module_name", ["pledgeline", "pipeline", "schemas"])
def test_all_is_sorted_and_complete(module_name: str) -> None:
    module = importlib.import_module(module_name)
    exported = module.__all__
    # isort-style order, as ruff keeps it: CONSTANTS, then Classes, then functions
    assert exported == sorted(exported, key=lambda n: (not n.isupper(), not n[:1].isupper(), n))
    assert all(hasattr(module, name) for name in exported)
