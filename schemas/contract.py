"""The output contract, field by field as ``docs/contract.md`` defines it."""

from __future__ import annotations

import math
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Sector = Literal[
    "energy",
    "ai_infrastructure",
    "semiconductors",
    "critical_minerals",
    "manufacturing",
    "shipbuilding",
    "pharmaceuticals",
    "automotive",
    "infrastructure",
    "other",
]
SECTORS: tuple[str, ...] = get_args(Sector)
Qualifier = Literal["exact", "up_to", "about", "at_least", "range"]
Status = Literal["ok", "failed"]
RecordStatus = Literal["candidate", "announced", "selected", "under_construction", "operating", "cancelled"]
RECORD_STATUSES: tuple[str, ...] = get_args(RecordStatus)

_STRICT = ConfigDict(frozen=True, extra="forbid", strict=True)


def _check_currency(code: str) -> str:
    if len(code) != 3 or not code.isascii() or not code.isupper() or not code.isalpha():
        raise ValueError(f"currency must be an ISO 4217 code such as USD, got {code!r}")
    return code


def _check_positive(value: float) -> float:
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"amount must be positive and finite, got {value!r}")
    return value


class ErrorInfo(BaseModel):
    """Why a document failed: a short stable kind and a message that says what to do."""

    model_config = _STRICT
    kind: str = Field(min_length=1, description="short stable word: encrypted, corrupt, no_text, ...")
    message: str = Field(min_length=1, description="what happened and, where it helps, what to do")


class MoneyValue(BaseModel):
    """A money amount in its own currency, as listed in documents.jsonl."""

    model_config = _STRICT
    value: float
    currency: str

    _currency = field_validator("currency")(_check_currency)
    _value = field_validator("value")(_check_positive)


class DocumentOut(BaseModel):
    """One line of documents.jsonl."""

    model_config = _STRICT
    doc_id: str = Field(pattern=r"^[0-9a-f]{16}$")
    source: str
    status: Status
    error: ErrorInfo | None = None
    title: str | None = None
    published: str | None = Field(default=None, description="ISO 8601 date")
    companies: list[str] = Field(default_factory=list)
    amounts: list[MoneyValue] = Field(default_factory=list)
    final_url: str | None = None
    media_type: str | None = None
    pages: int | None = None
    sha256: str | None = None

    @model_validator(mode="after")
    def _failed_has_error(self) -> DocumentOut:
        if (self.status == "failed") != (self.error is not None):
            raise ValueError("a failed document carries an error, an ok one does not")
        return self


class Amount(BaseModel):
    """A record's amount: the value as stated, its qualifier, a range's upper end and a USD figure."""

    model_config = _STRICT
    value: float
    currency: str
    qualifier: Qualifier
    high: float | None = None
    usd: float | None = None

    _currency = field_validator("currency")(_check_currency)
    _value = field_validator("value")(_check_positive)

    @model_validator(mode="after")
    def _range_is_ordered(self) -> Amount:
        if self.high is not None:
            _check_positive(self.high)
            if self.high < self.value:
                raise ValueError(f"range upper end {self.high} is below its lower end {self.value}")
        if self.qualifier == "range" and self.high is None:
            raise ValueError("a range amount needs its upper end (high)")
        if self.usd is not None:
            _check_positive(self.usd)
        return self


class Evidence(BaseModel):
    """The sentence or table row that supports a record, located in the document text."""

    model_config = _STRICT
    text: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _span_is_ordered(self) -> Evidence:
        if self.end <= self.start:
            raise ValueError(f"evidence end {self.end} is not after its start {self.start}")
        return self


class ProjectRecord(BaseModel):
    """One line of records.jsonl: one investment commitment."""

    model_config = _STRICT
    record_id: str = Field(pattern=r"^[0-9a-f]{16}$")
    doc_id: str = Field(pattern=r"^[0-9a-f]{16}$")
    source: str
    sponsor: str = Field(min_length=1, description="canonical name of the lead company")
    partners: list[str] = Field(default_factory=list)
    participants: list[str] = Field(default_factory=list)
    sector: Sector
    amount: Amount | None
    description: str | None = None
    evidence: Evidence
    location: str | None = None
    program: str | None = None
    country: str | None = Field(default=None, description="the investor's home country")
    status: RecordStatus = Field(
        default="announced", description="where the pledge stands, as this document reports it"
    )
    published: str | None = Field(default=None, description="the document's publication date (ISO 8601)")
    title: str | None = Field(default=None, description="the document's title")

    @field_validator("sponsor")
    @classmethod
    def _sponsor_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a record needs a company (sponsor)")
        return value


class RejectOut(BaseModel):
    """One line of rejects.jsonl: a candidate that failed validation, with the reasons."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    doc_id: str
    source: str
    candidate: dict[str, object]
    reasons: list[str]
