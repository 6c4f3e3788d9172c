"""Status: where a pledge stands (candidate, announced, selected, under construction, operating, cancelled).

Decided from the cue words of pipeline/rules/status.json found near the record's amount: the clauses of its
sentence that speak of its lead and its amount (a clause about another company is not read), or its table
row, then the table's caption ("Candidate projects"). A cue after a guard ("not yet selected", "will begin
production", "if approved") says nothing. When cues of several stages meet, the later stage wins: a
cancellation, then operating, under construction, selected, candidate; no cue leaves the default, announced.

A cancellation the document reports as news is a record with status cancelled; one cited as history (a year
before the document's, "years ago", "previously") is no record at all. A pledge denied or never made is not
decided here: the linker's roles (roles.json) keep it out before it is a candidate.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from pipeline.rules import RuleSet
from pipeline.rules.models import Status
from schemas import CandidateRecord, ExtractedDocument, MoneyMention, RecordStatus, Span, Table

PRECEDENCE: tuple[RecordStatus, ...] = (
    "cancelled",
    "operating",
    "under_construction",
    "selected",
    "candidate",
)
"""Stages whose cues meet in one scope: the first one found wins (the latest stage of a pledge's life)."""
DEFAULT_STATUS: RecordStatus = "announced"
HISTORY = "history"
"""What decide() returns for a cancellation cited as history: the record is dropped."""

_GUARD_WORDS = 3  # a guard counts only this close before a cue, within the cue's own clause
_HISTORY_WORDS = 6  # a history marker or an earlier year counts only this close to a cancellation cue
_CAPTION_CHARS = 300
_TOKEN = re.compile(r"[a-z0-9]+(?:[-'’.,][a-z0-9]+)*")
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "our"})
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_CLAUSE_PUNCT = re.compile(r"[,;:.()\[\]—–]")
# Where a sentence turns to another subject: "...; ", " — ", ", while ", ", but ", and a leading
# subordinate clause ("While X cancelled its mill, Y ...") up to its comma.
_CLAUSE_BREAK = re.compile(
    r";\s|\s[—–]\s|,\s+(?:while|whereas|but|and|although|though|as)\s|\s(?:while|whereas)\s", re.IGNORECASE
)
_LEADING_CLAUSE = re.compile(r"^\s*(?:while|whereas|although|though|unlike|after|as)\b[^,]{0,160},\s", re.I)


@dataclass(frozen=True)
class StatusRules:
    """The cue phrases of status.json (checked by its rule model, pipeline/rules/models/lifecycle.py)."""

    candidate: tuple[str, ...] = ()
    selected: tuple[str, ...] = ()
    under_construction: tuple[str, ...] = ()
    operating: tuple[str, ...] = ()
    cancelled: tuple[str, ...] = ()
    guards: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    history: tuple[str, ...] = ()

    @classmethod
    def from_rules(cls, rules: RuleSet) -> StatusRules:
        """Read status.json (and the --rules files that extend it); an absent file gives no cue."""
        found = rules.get(Status)
        return cls(
            **{name: tuple(str(p).lower() for p in getattr(found, name)) for name in cls.__dataclass_fields__}
        )

    def cues(self, status: RecordStatus) -> tuple[str, ...]:
        """The cue phrases of one stage."""
        return tuple(getattr(self, status))


@dataclass(frozen=True)
class _Hit:
    status: RecordStatus
    token: int  # index of the cue's first token in the scope's tokens
    cue: str = ""


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text.lower())]


def _phrase_at(words: list[str], index: int, phrase: list[str]) -> bool:
    return words[index : index + len(phrase)] == phrase


def _guarded(text: str, start: int, rules: StatusRules) -> bool:
    """Whether a guard stands just before the cue, in its own clause ('not yet selected', 'will open')."""
    clause = _CLAUSE_PUNCT.split(text[max(0, start - 80) : start])[-1].lower()
    if re.search(r"n['’]t\b", clause):
        return True
    words = [w for w, _, _ in _tokens(clause)]
    padded = f" {' '.join(words[-_GUARD_WORDS:])} "
    return any(f" {guard} " in padded for guard in rules.guards)


def _adjective(words: list[str], index: int, rules: StatusRules) -> bool:
    """'a proposed plant' describes the plant; 'X proposed $20 billion' is a proposal."""
    return words[index] in rules.adjectives and index > 0 and words[index - 1] in _DETERMINERS


@lru_cache(maxsize=8)
def _cue_index(rules: StatusRules) -> dict[str, list[tuple[list[str], RecordStatus]]]:
    """Cue phrases by their first word, so that a scope is read once."""
    index: dict[str, list[tuple[list[str], RecordStatus]]] = {}
    for status in PRECEDENCE:
        for cue in rules.cues(status):
            words = [w for w, _, _ in _tokens(cue)]
            if words:
                index.setdefault(words[0], []).append((words, status))
    return index


def _hits(text: str, rules: StatusRules) -> list[_Hit]:
    tokens = _tokens(text)
    words = [w for w, _, _ in tokens]
    cues = _cue_index(rules)
    hits = []
    for index, word in enumerate(words):
        for phrase, status in cues.get(word, ()):
            if (
                _phrase_at(words, index, phrase)
                and not _adjective(words, index, rules)
                and not _guarded(text, tokens[index][1], rules)
            ):
                hits.append(_Hit(status, index, " ".join(phrase)))
    return hits


def _is_history(text: str, hit: _Hit, rules: StatusRules, doc_year: int) -> bool:
    """Whether a cancellation is cited as history: an earlier year or a history marker beside its cue."""
    words = [w for w, _, _ in _tokens(text)]
    lo, hi = max(0, hit.token - _HISTORY_WORDS), hit.token + _HISTORY_WORDS + 3  # a marker may run on
    near = words[lo:hi]
    if doc_year and any(_YEAR.match(w) and int(w) < doc_year for w in near):
        return True
    padded = f" {' '.join(near)} "
    return any(f" {marker} " in padded for marker in rules.history)


@dataclass(frozen=True)
class StatusFound:
    """A record's status, or HISTORY, and the cue phrase that decided it ('' for the default)."""

    status: str
    cue: str = ""


def decide_found(texts: list[str], rules: StatusRules, doc_year: int = 0) -> StatusFound:
    """The status the first text with a cue gives (nearest scope first), HISTORY, or the default."""
    for text in texts:
        hits = _hits(text, rules)
        if not hits:
            continue
        cancelled = [h for h in hits if h.status == "cancelled"]
        if cancelled:
            status = HISTORY if all(_is_history(text, h, rules, doc_year) for h in cancelled) else "cancelled"
            return StatusFound(status, cancelled[0].cue)
        best = min(hits, key=lambda h: PRECEDENCE.index(h.status))
        return StatusFound(best.status, best.cue)
    return StatusFound(DEFAULT_STATUS)


def decide(texts: list[str], rules: StatusRules, doc_year: int = 0) -> str:
    """The status the first text with a cue gives (nearest scope first), HISTORY, or the default."""
    return decide_found(texts, rules, doc_year).status


def _segments(text: str, span: Span) -> list[Span]:
    """A sentence cut where it turns to another subject."""
    piece = text[span.start : span.end]
    cuts = [0]
    leading = _LEADING_CLAUSE.match(piece)
    if leading:
        cuts.append(leading.end())
    # the break's own words ('while', 'but') open the next clause
    cuts.extend(m.start() + 1 for m in _CLAUSE_BREAK.finditer(piece) if m.start() + 1 > cuts[-1])
    cuts.append(len(piece))
    return [Span(start=span.start + a, end=span.start + b) for a, b in pairwise(cuts) if b > a]


def clause_scope(text: str, span: Span, anchors: list[int], foreign: list[int]) -> Span:
    """The part of a sentence that speaks of a record: the clauses from its lead to its amount (`anchors`),
    widened over the clauses beside them that name no other company (`foreign`: their offsets)."""
    segments = _segments(text, span)
    if not segments:
        return span

    def index(offset: int) -> int:
        return next((i for i, s in enumerate(segments) if s.start <= offset < s.end), len(segments) - 1)

    held = [index(a) for a in anchors if span.start <= a < span.end] or [0]
    first, last = min(held), max(held)

    def names_other(i: int) -> bool:
        return any(segments[i].start <= f < segments[i].end for f in foreign)

    while first > 0 and not names_other(first - 1):
        first -= 1
    while last < len(segments) - 1 and not names_other(last + 1):
        last += 1
    return Span(start=segments[first].start, end=segments[last].end)


def _caption(text: str, table: Table) -> str:
    """The table's header and the lines just before it, back to a blank line ('Table 1. Candidate ...')."""
    header = " | ".join(table.header)
    header_start = max(0, table.rows[0].start - 1 - len(header))
    window = text[max(0, header_start - _CAPTION_CHARS) : header_start]
    return f"{window.rsplit(chr(10) * 2, 1)[-1]}\n{header}"


@dataclass(frozen=True)
class _DocIndex:
    """A document's amounts and company mentions sorted by offset, and its tables' extents."""

    money: list[MoneyMention]
    money_starts: list[int]
    companies: list[tuple[int, str]]
    tables: list[tuple[int, int, Table]]

    @classmethod
    def of(cls, extracted: ExtractedDocument) -> _DocIndex:
        money = sorted(extracted.money, key=lambda m: m.start)
        companies = sorted((c.start, c.name) for c in extracted.companies)
        tables = [(t.rows[0].start, t.rows[-1].end, t) for t in extracted.parsed.tables if t.rows]
        return cls(money, [m.start for m in money], companies, tables)

    def mention(self, record: CandidateRecord) -> MoneyMention | None:
        lo = bisect_left(self.money_starts, record.evidence_start)
        hi = bisect_left(self.money_starts, record.evidence_end)
        same = [m for m in self.money[lo:hi] if m.value == record.value and m.currency == record.currency]
        return same[0] if same else None

    def companies_in(self, start: int, end: int) -> list[tuple[int, str]]:
        lo = bisect_left(self.companies, (start, ""))
        hi = bisect_right(self.companies, (end, ""))
        return self.companies[lo:hi]

    def table_at(self, offset: int) -> Table | None:
        return next((t for start, end, t in self.tables if start <= offset <= end), None)


def _scopes(index: _DocIndex, text: str, record: CandidateRecord) -> list[str]:
    """The texts that decide a record's status, nearest first."""
    evidence = Span(start=record.evidence_start, end=record.evidence_end)
    table = index.table_at(record.evidence_start)
    if table is not None:
        return [record.evidence_text, _caption(text, table)]
    mention = index.mention(record)
    leads = {record.sponsor, *record.partners}
    mentions = index.companies_in(evidence.start, evidence.end)
    anchors = [mention.start] if mention else []
    lead_offsets = [start for start, name in mentions if name in leads]
    if lead_offsets and mention is not None:
        before = [o for o in lead_offsets if o <= mention.start]
        anchors.append(before[-1] if before else lead_offsets[0])
    foreign = [start for start, name in mentions if name not in leads]
    scope = clause_scope(text, evidence, anchors, foreign)
    return [text[scope.start : scope.end]]


def record_statuses(
    extracted: ExtractedDocument, candidates: list[CandidateRecord], rules: StatusRules, doc_year: int = 0
) -> list[StatusFound]:
    """Each candidate's status and its cue; HISTORY for a cancellation cited as history (no record)."""
    index = _DocIndex.of(extracted)
    text = extracted.parsed.text
    return [decide_found(_scopes(index, text, record), rules, doc_year) for record in candidates]
