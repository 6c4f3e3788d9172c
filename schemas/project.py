"""Projects: one line of projects.jsonl per real project, merged from the records of every source."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from schemas.contract import Amount, RecordStatus, Sector

_STRICT = ConfigDict(frozen=True, extra="forbid", strict=True)


class ProjectSource(BaseModel):
    """One record that reports the project: its provenance."""

    model_config = _STRICT
    doc_id: str = Field(pattern=r"^[0-9a-f]{16}$")
    record_id: str = Field(pattern=r"^[0-9a-f]{16}$")
    source: str


class TimelineStep(BaseModel):
    """One record of a project in date order: when, where the pledge stood, and its figure then."""

    model_config = _STRICT
    date: str | None = Field(description="the document's publication date; null where it states none")
    dated: bool = Field(
        default=True, description="false: the document states no date; the step sorts last, in run order"
    )
    status: RecordStatus
    amount: Amount | None
    record_id: str = Field(pattern=r"^[0-9a-f]{16}$")
    doc_id: str = Field(pattern=r"^[0-9a-f]{16}$")
    source: str


class ProjectAmount(Amount):
    """One distinct figure a source gives for the project; conflicting figures are kept side by side."""


class Project(BaseModel):
    """One line of projects.jsonl: a project as every source reports it, never averaged."""

    model_config = _STRICT
    project_id: str = Field(
        pattern=r"^[0-9a-f]{16}$",
        description="first 16 hex digits of sha256(lead company, project identity): not of its figure",
    )
    company: str = Field(min_length=1, description="canonical name of the lead company")
    companies: list[str] = Field(default_factory=list, description="every lead company any source names")
    participants: list[str] = Field(default_factory=list)
    sector: Sector = Field(description="the sector most sources give")
    sectors: list[Sector] = Field(default_factory=list, description="every sector a source gives")
    amount: Amount | None = Field(
        description="the current figure: the one most sources give while they agree; once it moved, the"
        " latest dated one"
    )
    amounts: list[ProjectAmount] = Field(default_factory=list, description="every distinct figure")
    description: str | None = None
    sources: list[ProjectSource] = Field(min_length=1)
    status: RecordStatus = Field(description="the status of the latest dated record")
    timeline: list[TimelineStep] = Field(
        min_length=1, description="the project's records by date; undated records last, in run order"
    )
