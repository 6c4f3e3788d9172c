"""The runner: drives each document through the stages and turns stage errors into data.

STAGES: acquire -> parse -> extract -> link -> validate -> write. A StageError fails one document (a
documents.jsonl line with `status: failed`) and the run goes on; `RunSettings.raise_errors` raises instead.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.acquire import acquire_one, expand_inputs
from pipeline.config import Settings
from pipeline.errors import StageError
from pipeline.extract import Extractor
from pipeline.link import RoleRules, link
from pipeline.merge import PROJECTS, merge
from pipeline.parse import parse
from pipeline.validate import validate
from pipeline.write import jsonl_bytes, write_atomic, write_outputs
from schemas import (
    DocumentOut,
    ErrorInfo,
    LinkedDocument,
    MoneyValue,
    ParsedDocument,
    ProjectRecord,
    RawDocument,
    RejectOut,
)
from schemas.stages import make_doc_id

log = logging.getLogger(__name__)

STAGES = ("acquire", "parse", "extract", "link", "validate", "write")
Progress = Callable[[int, int | None, str], None]


@dataclass(frozen=True)
class DocumentResult:
    """Everything one document contributes to the output."""

    document: DocumentOut
    records: tuple[ProjectRecord, ...] = ()
    rejects: tuple[RejectOut, ...] = ()


@dataclass
class RunResult:
    """A run's outputs and its summary figures."""

    documents: list[DocumentOut] = field(default_factory=list)
    records: list[ProjectRecord] = field(default_factory=list)
    rejects: list[RejectOut] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> int:
        """Documents that went through."""
        return sum(d.status == "ok" for d in self.documents)

    @property
    def failed(self) -> int:
        """Documents that failed."""
        return sum(d.status == "failed" for d in self.documents)

    def add(self, result: DocumentResult) -> None:
        """Take one document's contribution."""
        self.documents.append(result.document)
        self.records.extend(result.records)
        self.rejects.extend(result.rejects)


def failed_document(source: str, error: StageError, raw: RawDocument | None = None) -> DocumentResult:
    """The documents.jsonl line of a document that failed a stage."""
    return DocumentResult(
        DocumentOut(
            doc_id=raw.doc_id if raw else make_doc_id(source, None),
            source=source,
            status="failed",
            error=ErrorInfo(kind=error.kind, message=f"{error.stage}: {error.message}"),
            media_type=raw.media_type if raw else None,
            sha256=raw.sha256 if raw else None,
            final_url=raw.final_url if raw else None,
        )
    )


def _amounts(linked: LinkedDocument) -> list[MoneyValue]:
    seen: dict[tuple[float, str], None] = {}
    for mention in (*linked.extracted.title_money, *linked.extracted.money):
        seen.setdefault((mention.value, mention.currency), None)
        if mention.high is not None:
            seen.setdefault((mention.high, mention.currency), None)
    return [MoneyValue(value=v, currency=c) for v, c in seen]


def finish_document(linked: LinkedDocument) -> DocumentResult:
    """Validate a linked document's candidates and build its documents.jsonl line."""
    parsed = linked.extracted.parsed
    records: list[ProjectRecord] = []
    rejects: list[RejectOut] = []
    for candidate in linked.candidates:
        outcome = validate(candidate, doc_id=parsed.doc_id, source=parsed.source, text=parsed.text)
        (records if isinstance(outcome, ProjectRecord) else rejects).append(outcome)  # type: ignore[arg-type]
    document = DocumentOut(
        doc_id=parsed.doc_id,
        source=parsed.source,
        status="ok",
        title=parsed.title,
        published=parsed.published,
        companies=list(linked.companies),
        amounts=_amounts(linked),
        final_url=parsed.final_url,
        media_type=parsed.media_type,
        pages=len(parsed.pages) or None,
        sha256=parsed.sha256,
    )
    return DocumentResult(document, tuple(records), tuple(rejects))


class Pipeline:
    """The loaded resources of a run (rules, spaCy pipeline) and the stage functions in order."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.extractor = Extractor(self.settings.extract)
        self.roles = RoleRules.from_rules(self.extractor.rules)

    def acquire(self, source: str) -> RawDocument:
        """One source's bytes."""
        return acquire_one(source, self.settings)

    def process(self, raws: Iterable[RawDocument]) -> Iterator[DocumentResult]:
        """Parse, extract, link and validate documents already acquired."""
        raise_errors = self.settings.run.raise_errors
        parsed_ok: list[ParsedDocument] = []
        for raw in raws:
            try:
                parsed_ok.append(parse(raw, self.settings.parse))
            except StageError as error:
                if raise_errors:
                    raise
                yield failed_document(raw.source, error, raw)
        for parsed in parsed_ok:
            try:
                extracted = self.extractor.extract(parsed)
                yield finish_document(link(extracted, self.roles))
            except StageError as error:
                if raise_errors:
                    raise
                yield failed_document(parsed.source, error)

    def run_sources(self, sources: Iterable[str]) -> Iterator[DocumentResult]:
        """Every source through every stage, one at a time."""
        for source in sources:
            try:
                raw = self.acquire(source)
            except StageError as error:
                if self.settings.run.raise_errors:
                    raise
                yield failed_document(source, error)
                continue
            yield from self.process([raw])


def run(
    inputs: list[str],
    out: Path | None = None,
    settings: Settings | None = None,
    progress: Progress | None = None,
) -> RunResult:
    """Run the pipeline over files, folders and URLs; write the contract's files to `out` if given."""
    started = time.perf_counter()
    pipeline = Pipeline(settings)
    sources = list(expand_inputs(inputs))
    result = RunResult()
    for done, doc_result in enumerate(pipeline.run_sources(sources), start=1):
        result.add(doc_result)
        if progress:
            progress(done, len(sources), doc_result.document.source)
    result.seconds = time.perf_counter() - started
    if out is not None:
        write_outputs(out, result.documents, result.records, result.rejects)
        write_atomic(out / PROJECTS, jsonl_bytes(merge(result.records, pipeline.extractor.rules)))
    return result
