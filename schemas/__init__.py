"""Typed models that travel between pledgeline's stages, and the output contract.

Stage boundaries (each model frozen, each carrying where it came from)::

    RawDocument -> ParsedDocument -> ExtractedDocument -> LinkedDocument -> ProjectRecord

The output contract (``../shared/CONTRACT.md``) is :class:`DocumentOut`, :class:`ProjectRecord`
and :class:`RejectOut`; :class:`Project` is a projects.jsonl line (records merged across sources).
"""

from schemas.contract import (
    SECTORS,
    Amount,
    DocumentOut,
    ErrorInfo,
    Evidence,
    MoneyValue,
    ProjectRecord,
    Qualifier,
    RejectOut,
    Sector,
)
from schemas.project import Project, ProjectAmount, ProjectSource
from schemas.stages import (
    CandidateRecord,
    CompanyMention,
    ExtractedDocument,
    LinkedDocument,
    MoneyMention,
    PageSpan,
    ParsedDocument,
    RawDocument,
    SectorCue,
    Span,
    Table,
    TableRow,
)

__all__ = [
    "SECTORS",
    "Amount",
    "CandidateRecord",
    "CompanyMention",
    "DocumentOut",
    "ErrorInfo",
    "Evidence",
    "ExtractedDocument",
    "LinkedDocument",
    "MoneyMention",
    "MoneyValue",
    "PageSpan",
    "ParsedDocument",
    "Project",
    "ProjectAmount",
    "ProjectRecord",
    "ProjectSource",
    "Qualifier",
    "RawDocument",
    "RejectOut",
    "Sector",
    "SectorCue",
    "Span",
    "Table",
    "TableRow",
]
