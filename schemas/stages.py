"""The models that travel between stages: one frozen model per stage boundary."""

from __future__ import annotations

import hashlib
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from schemas.contract import Qualifier

_FROZEN = ConfigDict(frozen=True, extra="forbid")


def make_doc_id(identity: str) -> str:
    """The contract's doc_id, from the document's identity, never its content (an edit keeps the id)."""
    # surrogatepass: a file name that is not UTF-8 still has an id (its undecodable bytes kept as surrogates)
    return hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class RawDocument(BaseModel):
    """What acquire produces: the bytes of one document and where they came from."""

    model_config = _FROZEN
    source: str = Field(description="file path as found, URL as requested, or ARCHIVE#N")
    identity: str | None = Field(
        default=None,
        description="what the document is, for its doc_id: a file's resolved path, ARCHIVE_RESOLVED#N; "
        "None: the source itself (a URL as requested, an archive article's URL)",
    )
    content: bytes
    media_type: str = Field(description="sniffed from the content: application/pdf, text/html, text/plain")
    sha256: str
    fetched_at: datetime | None = None
    final_url: str | None = None
    title_hint: str | None = Field(default=None, description="a title given by an archive line")
    published_hint: str | None = Field(default=None, description="a date given by an archive line")
    link_page: bool = Field(
        default=False, description="a page --follow read for its links: no text of its own is no failure"
    )

    @property
    def doc_id(self) -> str:
        """The contract's stable document id (content changes are tracked by `sha256`)."""
        return make_doc_id(self.identity or self.source)


class Span(BaseModel):
    """A character span of the document text."""

    model_config = _FROZEN
    start: int
    end: int


class PageSpan(BaseModel):
    """Where one PDF page's text lies in the document text."""

    model_config = _FROZEN
    page: int = Field(ge=1)
    start: int
    end: int


class TableRow(BaseModel):
    """One row of a table, with its cells and where the row lies in the document text."""

    model_config = _FROZEN
    cells: tuple[str, ...]
    start: int
    end: int
    page: int | None = None


class Table(BaseModel):
    """A table: its header cells and its body rows (a table continued over pages is one table)."""

    model_config = _FROZEN
    header: tuple[str, ...]
    rows: tuple[TableRow, ...]
    page: int | None = None


class ParsedDocument(BaseModel):
    """What parse produces: the text the extractor sees, with pages and tables located in it."""

    model_config = _FROZEN
    doc_id: str
    source: str
    sha256: str
    media_type: str
    text: str
    title: str | None = None
    published: str | None = None
    pages: tuple[PageSpan, ...] = ()
    tables: tuple[Table, ...] = ()
    final_url: str | None = None
    body_start: int = Field(default=0, description="where the body begins, after a title line put before it")

    @property
    def body(self) -> str:
        """The text without the title line that parse put before the body."""
        return self.text[self.body_start :]

    @classmethod
    def from_raw(
        cls,
        raw: RawDocument,
        text: str,
        *,
        title: str | None = None,
        published: str | None = None,
        pages: tuple[PageSpan, ...] = (),
        tables: tuple[Table, ...] = (),
        body_start: int = 0,
    ) -> ParsedDocument:
        """A parse result for `raw`: a title or date the archive gave wins over what parse found."""
        return cls(
            doc_id=raw.doc_id,
            source=raw.source,
            sha256=raw.sha256,
            media_type=raw.media_type,
            text=text,
            title=raw.title_hint or title,
            published=raw.published_hint or published,
            pages=pages,
            tables=tables,
            final_url=raw.final_url,
            body_start=body_start,
        )

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding a character offset, or None for documents without pages."""
        for page in self.pages:
            if page.start <= offset < page.end:
                return page.page
        return self.pages[-1].page if self.pages and offset >= self.pages[-1].start else None


class CompanyMention(BaseModel):
    """A company named in the text, with its canonical name."""

    model_config = _FROZEN
    name: str = Field(description="canonical name: fullest mention without legal suffix")
    text: str
    start: int
    end: int
    signal: str = Field(default="", description="which rule found it: gazetteer, suffix, context, ...")


class MoneyMention(BaseModel):
    """A money amount in the text, normalized."""

    model_config = _FROZEN
    text: str
    start: int
    end: int
    value: float
    currency: str
    qualifier: Qualifier = "exact"
    high: float | None = None
    usd: float | None = None


class SectorCue(BaseModel):
    """A word or phrase that points to a sector."""

    model_config = _FROZEN
    sector: str
    text: str
    start: int
    end: int


class ExtractedDocument(BaseModel):
    """What extract produces: entities with character offsets, never spaCy objects."""

    model_config = _FROZEN
    parsed: ParsedDocument
    sentences: tuple[Span, ...] = ()
    companies: tuple[CompanyMention, ...] = ()
    agencies: tuple[CompanyMention, ...] = ()
    money: tuple[MoneyMention, ...] = ()
    sectors: tuple[SectorCue, ...] = ()
    excluded: tuple[Span, ...] = Field(default=(), description="promotional or non-body spans")
    title_money: tuple[MoneyMention, ...] = ()
    language: str = Field(
        default="en", description="en, ja, or mixed (Japanese paragraphs in an English text)"
    )
    japanese: tuple[Span, ...] = Field(default=(), description="the spans the Japanese rules read")


class CandidateRecord(BaseModel):
    """A project record before validation: any field may still be wrong."""

    model_config = ConfigDict(frozen=True)
    sponsor: str | None = None
    partners: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    sector: str | None = None
    value: float | None = None
    currency: str | None = None
    qualifier: str | None = None
    high: float | None = None
    usd: float | None = None
    description: str | None = None
    evidence_text: str = ""
    evidence_start: int = 0
    evidence_end: int = 0
    page: int | None = None
    location: str | None = None
    program: str | None = None
    country: str | None = None
    status: str = "announced"


class AmountDecision(BaseModel):
    """What the linker decided about one amount of the text, and the rule that decided it."""

    model_config = _FROZEN
    start: int
    end: int
    text: str
    value: float
    currency: str
    qualifier: Qualifier = "exact"
    high: float | None = None
    verdict: str = Field(description="record, or why not: not_investment, umbrella, history, no_lead, ...")
    rule: str = Field(default="", description="the rule file and key (or built-in pattern) that decided")
    cue: str = Field(default="", description="the cue phrase that matched")
    candidates: tuple[str, ...] = Field(default=(), description="the companies of its sentence or row")
    sponsor: str | None = Field(default=None, description="the lead chosen (leads joined by ' + ')")
    sector: str | None = None
    sector_cue: str = ""


class LinkedDocument(BaseModel):
    """What link produces: the document's candidate project records."""

    model_config = _FROZEN
    extracted: ExtractedDocument
    candidates: tuple[CandidateRecord, ...] = ()
    companies: tuple[str, ...] = Field(default=(), description="companies taking part, canonical names")
    decisions: tuple[AmountDecision, ...] = Field(default=(), description="every amount's decision, in order")
