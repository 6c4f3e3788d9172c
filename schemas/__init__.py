"""Typed models that travel between pledgeline's stages, and the output contract.

Stage boundaries (each model frozen, each carrying where it came from)::

    RawDocument -> ParsedDocument -> ExtractedDocument -> LinkedDocument -> ProjectRecord

The output contract (``docs/contract.md``) is :class:`DocumentOut`, :class:`ProjectRecord`
and :class:`RejectOut`; :class:`Project` is a projects.jsonl line (records merged across sources).
"""

from schemas.contract import (
    RECORD_STATUSES,
    SECTORS,
    Amount,
    DocumentOut,
    ErrorInfo,
    Evidence,
    MoneyValue,
    ProjectRecord,
    Qualifier,
    RecordStatus,
    RejectOut,
    Sector,
)
from schemas.project import Project, ProjectAmount, ProjectSource, TimelineStep
from schemas.stages import (
    AmountDecision,
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
    "RECORD_STATUSES",
    "SECTORS",
    "Amount",
    "AmountDecision",
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
    "RecordStatus",
    "RejectOut",
    "Sector",
    "SectorCue",
    "Span",
    "Table",
    "TableRow",
    "TimelineStep",
]
