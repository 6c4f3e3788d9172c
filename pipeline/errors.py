"""pledgeline's exceptions: each knows its stage, its source and a short stable kind.

    PledgelineError
     ├── UsageError            a bad command line or setting (exit 2)
     └── StageError            one document could not pass a stage (it becomes `status: failed`)
          ├── AcquireError     reading or fetching (not_found, timeout, http_404, too_large, ...)
          ├── ParseError       unreadable content (encrypted, corrupt, no_text, ...)
          └── ExtractError     the rules failed on the text

A stage raises; the runner turns a StageError into data (documents.jsonl) and goes on.
"""

from __future__ import annotations

from typing import Literal

Stage = Literal["acquire", "parse", "extract", "link", "validate", "write"]


class PledgelineError(Exception):
    """Base of every error pledgeline raises on purpose."""


class UsageError(PledgelineError):
    """A command line or setting that cannot work; the CLI exits 2."""


class StageError(PledgelineError):
    """One document failed one stage."""

    stage: Stage = "acquire"

    def __init__(self, kind: str, message: str, source: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.source = source

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.kind}: {self.message}"


class AcquireError(StageError):
    """The document could not be read or fetched."""

    stage: Stage = "acquire"


class ParseError(StageError):
    """The document's content could not be turned into text."""

    stage: Stage = "parse"


class ExtractError(StageError):
    """The rules could not run on the document's text."""

    stage: Stage = "extract"
