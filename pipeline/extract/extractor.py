"""Extract: companies, agencies, money and sector cues from a ParsedDocument, by a rules-only spaCy pipeline.

spaCy stays inside this stage: the pipeline is `spacy.blank("en")` + a line-break sentence rule + the
sentencizer; companies, money and sector cues come from rule files (pipeline/rules/). Entities leave the stage
as our own models with character offsets.
"""

from __future__ import annotations

import itertools
import logging
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter

from pipeline.config import ExtractSettings
from pipeline.errors import ExtractError
from pipeline.extract import money
from pipeline.extract.companies import CompanyLexicon, find_companies, promotional_sentences
from pipeline.extract.japanese import detect_language
from pipeline.extract.sentences import set_sentence_starts
from pipeline.extract.table_money import table_money
from pipeline.extract.tables import TableHeaders, columns, table_layout
from pipeline.extract.tokens import (
    KEPT_WHOLE_LEGAL_FORMS,
    LEGAL_FORM_END,
    LINE_BREAK,
    SPACE,
    TokenTable,
    set_sent_starts,
    token_read,
)
from pipeline.rules import RuleSet, load_rules
from schemas import CompanyMention, ExtractedDocument, MoneyMention, ParsedDocument, SectorCue, Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from pipeline.extract.japanese import JapaneseExtractor

log = logging.getLogger(__name__)

LINE_BREAKS = "pledgeline_line_breaks"
SENTENCES = "pledgeline_sentencizer"  # spaCy's sentencizer rule, on arrays (pipeline/extract/sentences.py)
# spaCy's memory grows with a doc's length: a very long text is read in pieces of this many characters
_CHUNK = 250_000


def _register_components() -> None:
    from spacy.language import Language

    if LINE_BREAKS in Language.factories:
        return
    Language.component(SENTENCES, func=set_sentence_starts)

    @Language.component(LINE_BREAKS)
    def line_breaks(doc: Doc) -> Doc:
        """A line break starts a sentence, except where a PDF's prose wraps onto the next line."""
        if len(doc) < 2:
            return doc
        wraps = doc.user_data.get("wrapped_lines", False)
        text = doc.user_data.get("_text") or doc.text
        # Only tokens after a whitespace token or a legal form's period can start a sentence here: find them
        # by their words' flags rather than walking every token in Python.
        read = token_read(doc)
        starts, ends = read.starts, read.starts + read.lengths
        # Sentence starts go in through one array: Token.is_sent_start= scans the whole doc on every call.
        sent_starts = read.sent_starts.copy()
        for i in read.has(LEGAL_FORM_END)[:-1].nonzero()[0].tolist():
            if _ends_after_abbreviation(text, starts, ends, i):
                sent_starts[i + 1] = 1
        breaks = (read.flags[:-1] & (SPACE | LINE_BREAK) == SPACE | LINE_BREAK).nonzero()[0].tolist()
        hard_wrapped = not wraps and _hard_wrapped(
            text, [(int(starts[i]), int(starts[i + 1])) for i in breaks]
        )
        for i in breaks:
            # token i is whitespace holding a line break: the next token starts a sentence unless it wraps
            space, space_end, start = int(starts[i]), int(ends[i]), int(starts[i + 1])
            if wraps:
                wrap = _is_wrap(text, space, space_end, start)
            else:
                wrap = _is_hard_wrap(text, space, start, hard_wrapped)
            sent_starts[i + 1] = -1 if wrap else 1
        set_sent_starts(doc, sent_starts)
        return doc


_END_PUNCT = {".", "!", "?", ":", ";", "”", '"'}
_SHORT_LINE = 60  # a PDF line shorter than this is a heading or the end of a paragraph, not a wrap


def _ends_after_abbreviation(text: str, starts: Any, ends: Any, i: int) -> bool:
    """'... Taesung Cable America Inc. Construction of ...': a legal form's period (token i) ends the sentence
    when a capitalized word follows that is itself followed by a lower-case word (a new sentence, not a
    title). `starts`, `ends`: the tokens' character offsets in `text`."""
    if ends[i] == starts[i + 1] or not text[starts[i + 1] : starts[i + 1] + 1].isupper():
        return False  # no whitespace after the period, or no capital next
    return i + 2 < len(starts) and text[starts[i + 2] : starts[i + 2] + 1].islower()


def _is_wrap(text: str, space: int, space_end: int, start: int) -> bool:
    """Whether a single line break inside PDF prose only wraps a sentence onto the next line: the whitespace
    token holding the break spans text[space:space_end], the token after it starts at `start`."""
    if text.count("\n", space, start) > 1 or text[space:space_end] in _END_PUNCT:
        return False
    line_start = text.rfind("\n", 0, space) + 1
    line_end = text.find("\n", start)
    previous_line = text[line_start:space_end]
    next_line = text[start : line_end if line_end >= 0 else len(text)]
    if " | " in previous_line or " | " in next_line:
        return False  # table rows stand alone
    return len(previous_line) >= _SHORT_LINE


def _is_hard_wrap(text: str, space: int, start: int, hard_wrapped: bool) -> bool:
    """Whether the line breaks before text[start] only wrap a sentence of a text that is not a PDF: a
    lower-case letter on both sides ("the mill will\nmake"), or, in a text wrapped so throughout (wire copies
    re-posted with a blank line after every line), a comma before ("Orvane ASA,\n\nNorway's biggest ...")."""
    if space and text[space - 1] == ",":
        return hard_wrapped and text[start : start + 1].isalnum()
    return _lower_both(text, space, start)


def _lower_both(text: str, space: int, start: int) -> bool:
    """Whether a lower-case letter ends the line before a break and one opens the line after it."""
    return bool(space) and text[space - 1].islower() and text[start : start + 1].islower()


_HARD_WRAPS = 3  # lower-case letters on both sides of this many line breaks: the text is hard-wrapped


def _hard_wrapped(text: str, breaks: list[tuple[int, int]]) -> bool:
    """Whether a text's lines are wrapped inside sentences: (space, next token's start) of each line break."""
    wrapped = 0
    for space, start in breaks:
        wrapped += _lower_both(text, space, start)
        if wrapped >= _HARD_WRAPS:
            return True
    return False


# Wire datelines glue names to dashes and brackets: "(Jiji Press)--Oracle Corp.", "WIRE)--Genentech"; these
# infixes split them, after spaCy's English ones.
_WIRE_INFIXES = (r"--+", r"(?<=\w)\)(?=-)", r"(?<=-)\((?=\w)")


# The lexeme attributes the rules read from spaCy: the token table's flags and the sector matcher's LOWER
# (the company finder adds its own shape flags to the vocab).
_LEXEME_ATTRS = ("LOWER", "IS_ALPHA", "IS_STOP", "IS_SPACE", "IS_PUNCT")


def _blank_english() -> Language:
    """spacy.blank("en") with the wire infixes: an English subclass whose defaults hold them, so that the
    tokenizer is built once with them (setting Tokenizer.infix_finditer on a built one reloads its
    2,700 special cases, a tenth of a second of every start-up) and tokenizes as that one did; new words
    get the lexeme attributes of _LEXEME_ATTRS only."""
    from spacy.attrs import IDS, ORTH  # type: ignore[import-not-found]  # (a compiled module without a stub)
    from spacy.lang.en import English, EnglishDefaults

    class _Defaults(EnglishDefaults):
        infixes = [*(EnglishDefaults.infixes or ()), *_WIRE_INFIXES]  # noqa: RUF012 (spaCy reads a class list)
        tokenizer_exceptions = {  # noqa: RUF012 (spaCy reads a class dict)
            **EnglishDefaults.tokenizer_exceptions,
            **{form: [{ORTH: form}] for form in KEPT_WHOLE_LEGAL_FORMS},
        }

    class _English(English):  # type: ignore[no-untyped-call]  # (spaCy's Language.__init_subclass__)
        Defaults = _Defaults

    nlp = _English()
    # spaCy computes every lexeme attribute of a word it has not seen, each by a Python function: keep the
    # ones the rules read (a rule that reads another, like_num or shape_, adds it to _LEXEME_ATTRS)
    kept = {IDS[name] for name in _LEXEME_ATTRS}
    vocab: Any = nlp.vocab  # (spaCy's Vocab stub lacks lex_attr_getters)
    vocab.lex_attr_getters = {attr: get for attr, get in vocab.lex_attr_getters.items() if attr in kept}
    return nlp


class Extractor:
    """The loaded rules and spaCy pipeline: build once per process, pass it to extract()."""

    def __init__(self, settings: ExtractSettings | None = None, rules: RuleSet | None = None) -> None:
        from spacy.matcher import PhraseMatcher

        settings = settings or ExtractSettings()
        self.rules = rules or load_rules(settings.rules_dirs)
        self.lexicon = CompanyLexicon.from_rules(self.rules)
        self.money = money.MoneyRules.from_rules(self.rules)
        self.table_headers = TableHeaders.from_rules(self.rules)
        _register_components()
        self.nlp = _blank_english()
        self.nlp.max_length = _CHUNK + 1
        self.nlp.add_pipe(LINE_BREAKS)
        self.nlp.add_pipe(SENTENCES)
        self.sector_matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        sectors = self.rules.mapping("sectors")
        for sector, cues in sectors.items():
            self.sector_matcher.add(sector, [self.nlp.make_doc(str(cue)) for cue in cues])

    @cached_property
    def japanese(self) -> JapaneseExtractor:
        """The Japanese rules' extractor, built when a Japanese or mixed text first asks (an English run never
        loads their code)."""
        from pipeline.extract.japanese import JapaneseExtractor

        return JapaneseExtractor(self.rules, self.lexicon)

    @property
    def version(self) -> str:
        """The rules' hash: part of the extractor version."""
        return self.rules.digest

    def extract(self, parsed: ParsedDocument) -> ExtractedDocument:
        """Entities of one document."""
        return next(self.extract_many([parsed]))

    def extract_many(self, docs: Iterable[ParsedDocument]) -> Iterator[ExtractedDocument]:
        """Entities of many documents in order: Japanese ones by the Japanese rules, the others through
        the spaCy pipeline (a mixed page by both, each reading its own paragraphs)."""
        for language, group in itertools.groupby(docs, key=lambda parsed: detect_language(parsed.text)):
            if language == "en":
                yield from self._extract_english(group)
            else:
                for parsed in group:
                    yield self._extract_japanese(parsed, language)

    def _extract_japanese(self, parsed: ParsedDocument, language: str) -> ExtractedDocument:
        try:
            found = self.japanese.extract(parsed, language)
            if language == "mixed":
                english = next(self._extract_english([parsed]))
                found = combine_mixed(english, found)
            return found
        except ExtractError:
            raise
        except Exception as exc:  # a rule bug must fail one document, not the run
            log.exception("extract failed on %s", parsed.source)
            raise ExtractError("rules_failed", f"the extraction rules failed: {exc}", parsed.source) from exc

    def _extract_english(self, docs: Iterable[ParsedDocument]) -> Iterator[ExtractedDocument]:
        """Entities of English documents, each through the spaCy pipeline; a very long text goes in chunks."""
        pieces = (
            (doc, (parsed, offset, last)) for parsed in docs for doc, offset, last in self._make_docs(parsed)
        )
        found: list[_Found] = []
        for doc, (parsed, offset, last) in pieces:
            doc = self._annotate(doc)
            try:
                found.append(self._find(doc, parsed, offset))
                if last:
                    yield self._assemble(parsed, found)
                    found = []
            except ExtractError:
                raise
            except Exception as exc:  # a rule bug must fail one document, not the run
                log.exception("extract failed on %s", parsed.source)
                raise ExtractError(
                    "rules_failed", f"the extraction rules failed: {exc}", parsed.source
                ) from exc

    def _annotate(self, doc: Doc) -> Doc:
        """The pipeline's components over one Doc, as nlp.pipe runs them: each is a plain function, and
        calling them directly skips nlp.pipe's batching machinery, set up anew for every document."""
        for _, component in self.nlp.pipeline:
            doc = component(doc)
        return doc

    def _make_docs(self, parsed: ParsedDocument) -> Iterator[tuple[Doc, int, bool]]:
        chunks = list(_chunks(parsed.text))
        for i, (offset, chunk) in enumerate(chunks):
            doc = self.nlp.make_doc(chunk)
            doc.user_data["wrapped_lines"] = parsed.media_type == "application/pdf"
            doc.user_data["_text"] = chunk  # Doc.text would join every token again
            yield doc, offset, i == len(chunks) - 1

    def _find(self, doc: Doc, parsed: ParsedDocument, offset: int) -> _Found:
        """Sentences, companies, agencies, sector cues and advert spans of one chunk, at document offsets."""
        chunk = doc.user_data.get("_text") or doc.text
        tokens = TokenTable.of(doc)
        sentences = [(tokens.starts[a], tokens.ends[b - 1]) for a, b in tokens.sentences]
        excluded = promotional_sentences(chunk, sentences, self.lexicon)
        companies, agencies = find_companies(doc, self.lexicon, self._table_names(parsed), excluded)
        strings = self.nlp.vocab.strings
        sectors = _SECTOR_CUES.validate_python(
            [
                {
                    "sector": strings[match_id],
                    "text": tokens.span_text(start, end),
                    "start": offset + tokens.starts[start],
                    "end": offset + tokens.ends[end - 1],
                }
                for match_id, start, end in self.sector_matcher(doc)
            ]
        )

        def moved(mentions: list[CompanyMention]) -> list[CompanyMention]:
            if not offset:
                return mentions  # the first (most often the only) chunk: offsets are the document's
            return [m.model_copy(update={"start": m.start + offset, "end": m.end + offset}) for m in mentions]

        return _Found(
            sentences=_SPANS.validate_python(
                [{"start": a + offset, "end": b + offset} for a, b in sentences]
            ),
            companies=moved(companies),
            agencies=moved(agencies),
            sectors=sectors,
            excluded=[Span(start=a + offset, end=b + offset) for a, b in excluded],
        )

    def _table_names(self, parsed: ParsedDocument) -> set[str]:
        """The names in the company columns of the document's tables, one per company ("X / Y" is two)."""
        return {
            self.lexicon.fold(name)
            for table in parsed.tables
            for header, rows in [table_layout(table, self.table_headers) or (table.header, table.rows)]
            for col in columns(header, self.table_headers.company)
            for row in rows
            if col < len(row.cells)
            # the parts of "X / Y" and the whole cell: "Cascadia & Pacific Railroad" is one name
            for name in [row.cells[col], *re.split(r"\s+/\s+|;|\s+and\s+|\s+&\s+", row.cells[col])]
            if name.strip()
        }

    def _assemble(self, parsed: ParsedDocument, found: list[_Found]) -> ExtractedDocument:
        excluded = [span for part in found for span in part.excluded]
        excluded_ends = [e.end for e in excluded]
        # a Canadian or Australian article's plain '$' is its own dollar (the title counts as text)
        home = money.home_dollar(whole := f"{parsed.title or ''}\n{parsed.text}", self.money)
        # a Philippine article's bare "pesos" are Philippine pesos, a Tanzanian one's "Sh" Tanzanian shillings
        amounts = money.rehome_shared(
            (
                m
                for m in money.find_money(parsed.text, self.money, home)
                if not _inside_any(m.start, excluded, excluded_ends)
            ),
            whole,
            self.money,
        )
        if parsed.tables:  # 'Investment (₹ crore)' over '6,200': the figures under a header's unit
            figures = table_money(parsed, self.table_headers, self.money, amounts, home)
            amounts = sorted([*amounts, *figures], key=lambda m: m.start) if figures else amounts
        title_money: list[MoneyMention] = []
        if parsed.title and parsed.title not in parsed.text[:2000]:
            title_money = money.rehome_shared(
                money.find_money(parsed.title, self.money, home), whole, self.money
            )
        return ExtractedDocument(
            parsed=parsed,
            sentences=tuple(span for part in found for span in part.sentences),
            companies=tuple(c for part in found for c in part.companies),
            agencies=tuple(c for part in found for c in part.agencies),
            money=tuple(amounts),
            sectors=tuple(c for part in found for c in part.sectors),
            excluded=tuple(excluded),
            title_money=tuple(title_money),
        )


def combine_mixed(english: ExtractedDocument, japanese: ExtractedDocument) -> ExtractedDocument:
    """A mixed page: the English findings outside its Japanese paragraphs, the Japanese ones inside them."""

    def outside(offset: int) -> bool:
        return not any(r.start <= offset < r.end for r in japanese.japanese)

    return japanese.model_copy(
        update={
            "sentences": tuple(
                sorted(
                    [*(s for s in english.sentences if outside(s.start)), *japanese.sentences],
                    key=lambda s: s.start,
                )
            ),
            "companies": tuple(c for c in english.companies if outside(c.start)) + japanese.companies,
            "agencies": tuple(a for a in english.agencies if outside(a.start)) + japanese.agencies,
            "money": tuple(m for m in english.money if outside(m.start)) + japanese.money,
            "sectors": tuple(c for c in english.sectors if outside(c.start)) + japanese.sectors,
            "excluded": english.excluded + japanese.excluded,
            "title_money": english.title_money or japanese.title_money,
        }
    )


# An article's sentences and sector cues, some eighty models, each validated in one call for the list: the
# same validation as building each model on its own, at a third of its cost
_SPANS = TypeAdapter(list[Span])
_SECTOR_CUES = TypeAdapter(list[SectorCue])


@dataclass
class _Found:
    """What one chunk of a document yields, at document offsets."""

    sentences: list[Span]
    companies: list[CompanyMention]
    agencies: list[CompanyMention]
    sectors: list[SectorCue]
    excluded: list[Span]


def _inside_any(offset: int, spans: list[Span], ends: list[int]) -> bool:
    """Whether an offset lies in one of the spans (sentences: in order, not overlapping; `ends` their
    ends), by bisection rather than a walk over every span for every amount."""
    i = bisect_right(ends, offset)  # the first span that ends after the offset
    return i < len(spans) and spans[i].start <= offset


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """The text in pieces of at most _CHUNK characters, cut at a line or sentence end where one is near."""
    start = 0
    while len(text) - start > _CHUNK:
        window = text[start : start + _CHUNK]
        cut = max(window.rfind("\n"), window.rfind(". ") + 1, _CHUNK // 2)
        if cut == _CHUNK // 2 and window.rfind(" ") > 0:
            cut = window.rfind(" ") + 1
        yield start, text[start : start + cut]
        start += cut
    yield start, text[start:]
