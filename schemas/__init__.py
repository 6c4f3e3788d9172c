"""Typed models that travel between pledgeline's stages, and the output contract.

Stage boundaries (each model frozen, each carrying where it came from)::

    RawDocument -> ParsedDocument -> ExtractedDocument -> LinkedDocument -> ProjectRecord

The output contract (``../shared/CONTRACT.md``) is :class:`DocumentOut`, :class:`ProjectRecord`
and :class:`RejectOut`.
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
    "ProjectRecord",
    "Qualifier",
    "RawDocument",
    "RejectOut",
    "Sector",
    "SectorCue",
    "Span",
    "Table",
    "TableRow",
]
