"""The worker: one document's way through parse -> extract -> link -> validate, with its loaded resources.

A StageError fails one document (a documents.jsonl line with `status: failed`); the runner (run.py) and the
executors drive many of these. Each document has `--timeout` seconds for all four stages: when they run
out, its work is stopped where it is and it fails with kind `timeout`, naming the stage it was in.
"""

from __future__ import annotations

import contextlib
import gc
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.acquire import acquire_one, document_identity, is_url
from pipeline.config import Settings
from pipeline.errors import Stage, StageError
from pipeline.extract import Extractor
from pipeline.link import RoleRules, link
from pipeline.parse import parse
from pipeline.rules import RuleSet, load_rules
from pipeline.time_limit import OutOfTime, time_limit
from pipeline.validate import validate
from schemas import (
    AmountDecision,
    DocumentOut,
    ErrorInfo,
    LinkedDocument,
    MoneyValue,
    ProjectRecord,
    RawDocument,
    RejectOut,
)
from schemas.stages import make_doc_id

if TYPE_CHECKING:
    from pipeline.acquire.discover import Crawler
    from pipeline.acquire.fetch import Fetcher


@dataclass(frozen=True)
class DocumentResult:
    """Everything one document contributes to the output."""

    document: DocumentOut
    records: tuple[ProjectRecord, ...] = ()
    rejects: tuple[RejectOut, ...] = ()


def failed_document(
    source: str, error: StageError, raw: RawDocument | None = None, identity: str | None = None
) -> DocumentResult:
    """The documents.jsonl line of a document that failed a stage (`identity`: see document_identity)."""
    return DocumentResult(
        DocumentOut(
            doc_id=raw.doc_id if raw else make_doc_id(identity or document_identity(source)),
            source=source,
            status="failed",
            error=ErrorInfo(kind=error.kind, message=f"{error.stage}: {error.message}"),
            media_type=raw.media_type if raw else None,
            sha256=raw.sha256 if raw else None,
            final_url=raw.final_url if raw else None,
        )
    )


# Parse failures that only say a page has no text of its own: no failure for a page read for its links.
_TEXTLESS = frozenset({"no_text"})


def link_page_document(raw: RawDocument) -> DocumentResult:
    """The documents.jsonl line of an index page read by --follow for its links, without text of its own."""
    return DocumentResult(
        DocumentOut(
            doc_id=raw.doc_id,
            source=raw.source,
            status="ok",
            media_type=raw.media_type,
            sha256=raw.sha256,
            final_url=raw.final_url,
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
    seen: Counter[tuple[str | None, float | None, str | None]] = Counter()
    for candidate in linked.candidates:
        # The n-th candidate of one sponsor and amount in the document: part of its record_id, in place of
        # offsets that every edit above it would shift.
        pair = (candidate.sponsor, candidate.value, candidate.currency)
        seen[pair] += 1
        outcome = validate(
            candidate,
            doc_id=parsed.doc_id,
            source=parsed.source,
            text=parsed.text,
            published=parsed.published,
            title=parsed.title,
            occurrence=seen[pair],
        )
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


@dataclass(frozen=True)
class Explanation:
    """A document's result with every amount's decision, in text order (`pledgeline explain`)."""

    result: DocumentResult
    decisions: tuple[AmountDecision, ...]
    text: str  # the text the decisions' offsets point into (what `pledgeline text` prints)


def timed_out(source: str, stage: Stage, seconds: float) -> StageError:
    """The error of a document whose time ran out in `stage`."""
    error = StageError(
        "timeout",
        f"the document took longer than {seconds:g} s (--timeout); raise --timeout if it is genuine",
        source,
    )
    error.stage = stage
    return error


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block, as it was after: importing spaCy and building the
    extractor make objects that live as long as the pipeline, and the collections their number sets off
    while they are made find nothing to free (over the 91 html-benchmark pages, whole run in one process:
    110 -> 55 ms in collections)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Pipeline:
    """The loaded resources of a run (rules, spaCy pipeline) and the stage functions in order."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        # -- fetch: set by open_fetcher() when there are URLs; the crawler sees every page to follow links
        self.fetcher: Fetcher | None = None
        self.crawler: Crawler | None = None

    def open_fetcher(self, sources: list[str], out: Path | None) -> Iterable[str]:
        """Open the run's fetcher (archive: --archive, else OUT/archive) if a source is a URL; the sources."""
        fetch = self.settings.fetch
        if not any(is_url(s) for s in sources):
            return sources
        # imported here: httpx and the WARC archive are for URLs, and a run over files need not load them
        from pipeline.acquire.discover import Crawler
        from pipeline.acquire.fetch import Fetcher

        self.fetcher = Fetcher.open(fetch, out / "archive" if out is not None else None)
        if fetch.follow:
            self.crawler = Crawler(sources, fetch)
            return self.crawler
        return sources

    def close(self) -> None:
        """Release the run's fetcher (its client and archive)."""
        if self.fetcher is not None:
            self.fetcher.close()
            self.fetcher = None

    # Built on first use: the runner's own process only acquires, and must not pay for spaCy when workers
    # do the extracting.
    @cached_property
    def rules(self) -> RuleSet:
        """The rule files (bundled and --rules folders), checked and merged: parse and extract read them."""
        return load_rules(self.settings.extract.rules_dirs)

    @cached_property
    def extractor(self) -> Extractor:
        """The loaded rules and spaCy pipeline."""
        with _collector_paused():
            return Extractor(self.settings.extract, self.rules)

    @cached_property
    def roles(self) -> RoleRules:
        """The linking rules."""
        return RoleRules.from_rules(self.rules)  # the rule set the extractor was built with

    def warm_up(self) -> None:
        """Load everything now (a worker does this once, before its first batch)."""
        _ = self.roles

    def acquire(self, source: str) -> RawDocument:
        """One source's bytes."""
        raw = acquire_one(source, self.settings, self.fetcher)
        if self.crawler is not None:
            self.crawler.saw(raw)
            if self.crawler.is_link_page(raw.source):
                return raw.model_copy(update={"link_page": True})
        return raw

    def process(self, raws: Iterable[RawDocument]) -> Iterator[DocumentResult]:
        """Parse, extract, link and validate documents already acquired, each within --timeout."""
        for raw in raws:
            yield self.process_one(raw)

    def process_one(self, raw: RawDocument) -> DocumentResult:
        """One document through parse, extract, link and validate; a stage error or the end of its time
        fails the document (raised instead with `raise_errors`)."""
        _ = self.extractor, self.roles  # the rules and spaCy load outside the document's time
        seconds = self.settings.parse.timeout
        stage: Stage = "parse"
        try:
            with time_limit(seconds):
                try:
                    parsed = parse(raw, self.settings.parse, self.rules)
                except StageError as error:
                    if raw.link_page and error.kind in _TEXTLESS:
                        return link_page_document(raw)
                    raise
                stage = "extract"
                extracted = self.extractor.extract(parsed)
                stage = "link"
                linked = link(extracted, self.roles)
                stage = "validate"
                return finish_document(linked)
        except StageError as error:
            if self.settings.run.raise_errors:
                raise
            return failed_document(raw.source, error, raw)  # the raw document's id, type and hash
        except OutOfTime:
            late = timed_out(raw.source, stage, seconds)
            if self.settings.run.raise_errors:
                raise late from None
            return failed_document(raw.source, late, raw)

    def explain(self, raw: RawDocument) -> Explanation:
        """One document through the stages, keeping every amount's decision (raises StageError)."""
        parsed = parse(raw, self.settings.parse, self.rules)
        linked = link(self.extractor.extract(parsed), self.roles)
        result = finish_document(linked)
        made = [(r.evidence.start, r.amount.value) for r in result.records if r.amount is not None]
        rejected = {"verdict": "rejected", "rule": "validate: the record failed its checks"}
        decisions = tuple(
            d.model_copy(update=rejected)
            if d.verdict == "record" and not any(start <= d.start and v == d.value for start, v in made)
            else d
            for d in linked.decisions
        )
        return Explanation(result, decisions, parsed.text)

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
