"""pledgeline's public API: investment pledges from fact sheets, press releases and news, as typed records.

    from pledgeline import run
    result = run(["samples/docs"], out=Path("out"))

Import from `pledgeline`. The repository keeps its layout, and a `pip install` also puts the implementation's
packages `pipeline` and `schemas` on the path; they are not the API and may move under `pledgeline` one day.
A project whose own top-level `schemas` or `pipeline` package comes first on the path would shadow them: that
is caught here, on import, with a message saying what to do, instead of failing deep inside a stage.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def _check_own_packages() -> None:
    """Refuse to run on someone else's `pipeline` or `schemas` (they would be imported instead of ours)."""
    home = Path(__file__).resolve().parent.parent
    for name in ("schemas", "pipeline"):
        loaded = sys.modules.get(name)
        spec = None if loaded is not None else importlib.util.find_spec(name)
        origin = getattr(loaded, "__file__", None) if loaded is not None else (spec.origin if spec else None)
        if origin is None or Path(origin).resolve().parent.parent != home:
            raise ImportError(
                f"pledgeline needs its own top-level package '{name}' ({home / name}), but Python finds "
                f"{origin or 'another one'} first: rename your '{name}' package, or run from a folder "
                "that does not hold it"
            )


_check_own_packages()

from pipeline.config import Settings  # noqa: E402 - only after the check above
from pipeline.output.export import export  # noqa: E402
from pipeline.output.merge import merge  # noqa: E402
from pipeline.output.report import write_report  # noqa: E402
from pipeline.rules import load_rules  # noqa: E402
from pipeline.run import DocumentResult, Pipeline, RunResult, run  # noqa: E402
from pipeline.version import __version__  # noqa: E402
from schemas import (  # noqa: E402
    Amount,
    DocumentOut,
    Evidence,
    Project,
    ProjectRecord,
    RejectOut,
)

__all__ = [
    "Amount",
    "DocumentOut",
    "DocumentResult",
    "Evidence",
    "Pipeline",
    "Project",
    "ProjectRecord",
    "RejectOut",
    "RunResult",
    "Settings",
    "__version__",
    "export",
    "load_rules",
    "merge",
    "run",
    "write_report",
]
