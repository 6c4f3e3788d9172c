"""Extract: companies, agencies, money and sector cues from a ParsedDocument, by a rules-only spaCy pipeline.

spaCy stays inside this stage: the pipeline is `spacy.blank("en")` + a line-break sentence rule + the
sentencizer; companies, money and sector cues come from rule files (pipeline/rules/). Entities leave the stage
as our own models with character offsets.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from typing import Any

from pipeline import money
from pipeline.companies import CompanyLexicon, find_companies, is_promotional
from pipeline.config import ExtractSettings
from pipeline.errors import ExtractError
from pipeline.rules import RuleSet, load_rules
from pipeline.tables import table_layout
from schemas import ExtractedDocument, MoneyMention, ParsedDocument, SectorCue, Span

log = logging.getLogger(__name__)

LINE_BREAKS = "pledgeline_line_breaks"
_MAX_CHARS = 2_000_000  # spaCy's default max_length is 1e6; long single-line texts are cut into chunks


def _register_components() -> None:
    from spacy.language import Language

    if LINE_BREAKS in Language.factories:
        return

    @Language.component(LINE_BREAKS)
    def line_breaks(doc: Any) -> Any:
        """A line break starts a sentence, except where a PDF's prose wraps onto the next line."""
        wraps = doc.user_data.get("wrapped_lines", False)
        for token in doc[1:]:
            prev = doc[token.i - 1]
            if _ends_after_abbreviation(doc, token, prev):
                token.is_sent_start = True
            gap = prev.text + prev.whitespace_ if prev.is_space else prev.whitespace_
            if "\n" not in gap:
                continue
            token.is_sent_start = not (wraps and _is_wrap(doc, token, prev, gap))
        return doc


_END_PUNCT = {".", "!", "?", ":", ";", "”", '"'}
_SHORT_LINE = 60  # a PDF line shorter than this is a heading or the end of a paragraph, not a wrap


_ABBREVIATION_END = {"Inc.", "Corp.", "Co.", "Ltd.", "Bhd.", "Plc.", "L.P.", "S.A.", "N.V.", "K.K."}


def _ends_after_abbreviation(doc: Any, token: Any, prev: Any) -> bool:
    """'... Taesung Cable America Inc. Construction of ...': a legal form's period ends the sentence when a
    capitalized word follows that is itself followed by a lower-case word (a new sentence, not a title)."""
    if prev.text not in _ABBREVIATION_END or not prev.whitespace_ or not token.text[:1].isupper():
        return False
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return following is not None and following.text[:1].islower()


def _is_wrap(doc: Any, token: Any, prev: Any, gap: str) -> bool:
    """Whether a single line break inside PDF prose only wraps a sentence onto the next line."""
    if gap.count("\n") > 1 or prev.text in _END_PUNCT:
        return False
    text = doc.text
    line_start = text.rfind("\n", 0, prev.idx) + 1
    line_end = text.find("\n", token.idx)
    previous_line = text[line_start : prev.idx + len(prev.text)]
    next_line = text[token.idx : line_end if line_end >= 0 else len(text)]
    if " | " in previous_line or " | " in next_line:
        return False  # table rows stand alone
    return len(previous_line) >= _SHORT_LINE


class Extractor:
    """The loaded rules and spaCy pipeline: build once per process, pass it to extract()."""

    def __init__(self, settings: ExtractSettings | None = None, rules: RuleSet | None = None) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher

        settings = settings or ExtractSettings()
        self.rules = rules or load_rules(settings.rules_dirs)
        self.lexicon = CompanyLexicon.from_rules(self.rules)
        _register_components()
        self.nlp = spacy.blank("en")
        self.nlp.max_length = _MAX_CHARS + 1
        self.nlp.add_pipe(LINE_BREAKS)
        self.nlp.add_pipe("sentencizer")
        self.sector_matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        sectors = self.rules.mapping("sectors")
        for sector, cues in sectors.items():
            self.sector_matcher.add(sector, [self.nlp.make_doc(str(cue)) for cue in cues])

    @property
    def version(self) -> str:
        """The rules' hash: part of the extractor version."""
        return self.rules.digest

    def extract(self, parsed: ParsedDocument) -> ExtractedDocument:
        """Entities of one document."""
        return next(self.extract_many([parsed]))

    def extract_many(self, docs: Iterable[ParsedDocument]) -> Iterator[ExtractedDocument]:
        """Entities of many documents, batched through nlp.pipe."""
        pairs = (self._make_doc(p) for p in docs)
        for doc, parsed in self.nlp.pipe(pairs, as_tuples=True, batch_size=16):
            try:
                yield self._from_doc(doc, parsed)
            except ExtractError:
                raise
            except Exception as exc:  # a rule bug must fail one document, not the run
                log.exception("extract failed on %s", parsed.source)
                raise ExtractError(
                    "rules_failed", f"the extraction rules failed: {exc}", parsed.source
                ) from exc

    def _make_doc(self, parsed: ParsedDocument) -> tuple[Any, ParsedDocument]:
        doc = self.nlp.make_doc(parsed.text[:_MAX_CHARS])
        doc.user_data["wrapped_lines"] = parsed.media_type == "application/pdf"
        return doc, parsed

    def _from_doc(self, doc: Any, parsed: ParsedDocument) -> ExtractedDocument:
        sentences = tuple(Span(start=s.start_char, end=s.end_char) for s in doc.sents)
        excluded = [
            (s.start, s.end) for s in sentences if is_promotional(parsed.text[s.start : s.end], self.lexicon)
        ]
        table_names = {
            self.lexicon.fold(name)
            for table in parsed.tables
            for header, rows in [table_layout(table) or (table.header, table.rows)]
            for col in _company_columns(header)
            for row in rows
            if col < len(row.cells)
            for name in re.split(r"\s+/\s+|;|\s+and\s+|\s+&\s+", row.cells[col])
            if name.strip()
        }
        companies, agencies = find_companies(doc, self.lexicon, table_names, excluded)
        amounts = [m for m in money.find_money(parsed.text) if not any(a <= m.start < b for a, b in excluded)]
        title_money: list[MoneyMention] = []
        if parsed.title and parsed.title not in parsed.text[:2000]:
            title_money = money.find_money(parsed.title)
        sectors = tuple(
            SectorCue(
                sector=self.nlp.vocab.strings[match_id],
                text=doc[start:end].text,
                start=doc[start].idx,
                end=doc[end - 1].idx + len(doc[end - 1].text),
            )
            for match_id, start, end in self.sector_matcher(doc)
        )
        return ExtractedDocument(
            parsed=parsed,
            sentences=sentences,
            companies=tuple(companies),
            agencies=tuple(agencies),
            money=tuple(amounts),
            sectors=sectors,
            excluded=tuple(Span(start=a, end=b) for a, b in excluded),
            title_money=tuple(title_money),
        )


def _company_columns(header: tuple[str, ...]) -> list[int]:
    """Columns of a table whose header names companies."""
    cues = ("company", "companies", "investor", "sponsor", "firm", "corporation", "business name")
    return [i for i, cell in enumerate(header) if any(cue in cell.lower() for cue in cues)]
