"""Project identity: what a record's project builds and where, and which company owns which.

Read from the record alone: its evidence near its amount (a sentence that names two projects gives each its
own words), without the words of its companies' names ("Harrow Cement" builds no cement plant by its name).
The cue lists are rule data: pipeline/rules/identity.json (kinds of project, regions and countries, owner
phrases) and the U.S. states of places.json; a gazetteer entry may name its `parent`.

Two records are the same project, whatever their figures, when they name the same place (regions and sites)
and nothing tells them apart (different regions, sites, countries or kinds), or when neither names a place
and they build the same kinds in the same countries (same_project()). Countries are coarse: they tell
projects apart, they do not join them ("Korea's Hyundai" says where the company is from).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pipeline.extract.money import find_money, is_local_dollar
from pipeline.rules import RuleSet
from pipeline.rules.models import Places, ProjectIdentity
from schemas import Amount, MoneyMention

_AMOUNT_CLOSE = 0.005
# an amount counts once: "$1.2 billion" by its symbol, "25 billion dollars" by its scale word
_AMOUNT_LIKE = re.compile(
    r"(?:[$€£¥₩]|\b(?:USD|EUR|JPY|KRW|GBP|CAD|AUD|INR)\b)\s?\d[\d.,]*"
    r"|(?<![$€£¥₩\d.,])\d[\d.,]*\s?(?:billion|million|trillion|bn|mn|crore|lakh)\b",
    re.IGNORECASE,
)
_GAP_BREAK = re.compile(r",\s|;\s|\s(?:and|while|but|whereas|plus)\s")
_NAME = r"[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}"
_MIN_FORM = 3
_LEGAL_TAIL = r"(?:,?\s+(?:Co|Corp|Corporation|Inc|Ltd|LLC|AG|plc|SE|K\.K|N\.V|S\.A)\.?)*"
_NOT_CITY = frozenset({"In", "At", "Near", "The", "From", "Outside", "Of", "And", "For", "To"})


@dataclass(frozen=True, slots=True)
class Identity:
    """What a project builds (kinds) and where (regions, sites, countries), as sorted tuples."""

    regions: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    def key(self) -> str:
        """The identity as text, for a project id; empty when the record says nothing of it."""
        parts = [("in", self.regions), ("at", self.sites), ("country", self.countries), ("kind", self.kinds)]
        return "|".join(f"{name}:{','.join(values)}" for name, values in parts if values)

    def union(self, other: Identity) -> Identity:
        """The identity of a group of records: everything either says."""
        if other == self:
            return self
        return Identity(
            regions=_union(self.regions, other.regions),
            sites=_union(self.sites, other.sites),
            countries=_union(self.countries, other.countries),
            kinds=_union(self.kinds, other.kinds),
        )


def _union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return a if not b or a == b else tuple(sorted({*a, *b}))


def _disjoint(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return bool(a) and bool(b) and not any(x in b for x in a)


def identities_conflict(a: Identity, b: Identity) -> bool:
    """Whether two identities tell projects apart: both name regions, sites, countries or kinds, and
    none is shared."""
    return (
        _disjoint(a.regions, b.regions)
        or _disjoint(a.sites, b.sites)
        or _disjoint(a.countries, b.countries)
        or _disjoint(a.kinds, b.kinds)
    )


def _agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Equal where both say something; one side silent says nothing against the other."""
    return not (a and b) or a == b


def same_project(a: Identity, b: Identity) -> bool:
    """Whether two records are one project by what and where, whatever their figures.

    Where first: both name the same regions (a total over two states is not the plant in one of them) and
    no other site, and what they build does not differ. Two records that name no place at all are one
    project only when they build the same kinds in the same countries.
    """
    if identities_conflict(a, b):
        return False
    placed_a, placed_b = bool(a.regions or a.sites), bool(b.regions or b.sites)
    if placed_a and placed_b:
        shared = set(a.regions) & set(b.regions) or set(a.sites) & set(b.sites)
        return bool(shared) and _agree(a.regions, b.regions) and _agree(a.sites, b.sites)
    if placed_a or placed_b:
        return False
    return bool(a.kinds) and a.kinds == b.kinds and a.countries == b.countries


def _fold(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _alternation(phrases: Iterable[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


_WORD = re.compile(r"[\w&]+(?:[-'’][\w&]+)*")
_POSSESSIVE = re.compile(r"['’]s$")


class _Phrases:
    """Phrases of one to a few words, found in a text by looking its word n-grams up in a table."""

    def __init__(self, names: dict[str, str], fold_case: bool) -> None:
        self.fold_case = fold_case
        self.table: dict[tuple[str, ...], str] = {}
        for phrase, name in names.items():
            words = tuple(_WORD.findall(phrase.lower() if fold_case else phrase))
            if words:
                self.table[words] = sys.intern(name)
        self.longest = max((len(w) for w in self.table), default=0)
        self.first = frozenset(w[0] for w in self.table)

    def find(self, words: list[str]) -> set[str]:
        """The names of the phrases among the words: the longest phrase first, phrases do not overlap
        ("lithium refinery" is battery materials, not also a refinery)."""
        found = set()
        start = 0
        while start < len(words):
            if words[start] not in self.first:
                start += 1
                continue
            for size in range(min(self.longest, len(words) - start), 0, -1):
                name = self.table.get(tuple(words[start : start + size]))
                if name is not None:
                    found.add(name)
                    start += size
                    break
            else:
                start += 1
        return found


@dataclass(frozen=True)
class IdentityRules:
    """The cues of identity.json and places.json, ready to find."""

    kinds: _Phrases
    regions: _Phrases
    countries: _Phrases
    site: re.Pattern[str]
    owner_cue: re.Pattern[str]
    owner_after: re.Pattern[str]
    owner_before: re.Pattern[str]
    gazetteer_parents: tuple[tuple[str, str], ...]

    @classmethod
    def from_rules(cls, rules: RuleSet) -> IdentityRules:
        """Read identity.json (checking its shape), the U.S. states and the gazetteer's parents."""
        data = rules.get(ProjectIdentity)  # checked by its model when the rules were loaded
        states = [_fold(str(s)) for s in rules.get(Places).us_states]
        nouns = _alternation(data.owner_nouns)
        phrases = _alternation(data.owner_phrases)
        suffixes = _alternation(data.owned_suffixes)
        parents = tuple((entry.name, entry.parent) for entry in rules.companies if entry.parent)
        return cls(
            kinds=_Phrases({_fold(p): k for k, ps in data.kinds.items() for p in ps}, fold_case=True),
            regions=_Phrases({r: r for r in [*states, *(_fold(r) for r in data.regions)]}, fold_case=False),
            countries=_Phrases({_fold(c): _fold(c) for c in data.countries}, fold_case=False),
            site=re.compile(rf"\b([A-Z][\w.'-]+(?: [A-Z][\w.'-]+){{0,2}}), ({_alternation(states)})\b"),
            owner_cue=re.compile(rf"(?:{phrases}|{nouns}|{suffixes})", re.IGNORECASE),
            # "X, a subsidiary of Y", "X, part of the Y group"; "Y's battery unit X", "Y-owned maker X"
            owner_after=re.compile(
                rf"^(?:['’]s)?{_LEGAL_TAIL},\s+(?:(?:{phrases})"
                rf"|(?:a|an|the)\s+(?:wholly[- ]owned\s+)?(?:\w+\s+)?(?:{nouns})\s+of)"
                rf"\s+(?:the\s+)?(?P<parent>{_NAME})"
            ),
            owner_before=re.compile(
                rf"(?P<parent>{_NAME})(?:['’]s\s+(?:\w+\s+){{0,2}}(?:{nouns})|(?:{suffixes}))\s+(?:[\w-]+\s+){{0,4}}$"
            ),
            gazetteer_parents=parents,
        )

    def identity(self, evidence: str, amount: Amount | None, names: Iterable[str]) -> Identity:
        """The identity of a record's project: the words of its evidence near its amount."""
        text = _fold(_without_names(amount_scope(evidence, amount), names))
        tokens = _WORD.findall(text)
        words = [_POSSESSIVE.sub("", w) for w in tokens]  # "New York's Hudson Valley" is in New York
        sites = {
            sys.intern(f"{city}, {m.group(2)}")
            for m in self.site.finditer(text)
            if (city := _city(m.group(1)))
        }
        # but a country before 's is where a company is from ("Korea's Hyundai"), not where it builds
        countries = self.countries.find([w if w == t else "" for w, t in zip(words, tokens, strict=True)])
        return Identity(
            regions=tuple(sorted(self.regions.find(words))),
            sites=tuple(sorted(sites)),
            countries=tuple(sorted(countries)),
            kinds=tuple(sorted(self.kinds.find([w.lower() for w in words]))),
        )

    def owners(self, evidence: str, leads: Iterable[str]) -> Iterator[tuple[str, str]]:
        """(company, parent) pairs the evidence states for the record's leads ('X, a unit of Y')."""
        if not self.owner_cue.search(evidence):
            return
        for lead in leads:
            for form in _name_forms(lead):
                for start in _occurrences(evidence, form):
                    end = start + len(form)
                    after = self.owner_after.match(evidence[end : end + 120])
                    before = self.owner_before.search(evidence[max(0, start - 120) : start])
                    for found in (after, before):
                        if found is not None and found.group("parent").strip() != lead:
                            yield lead, found.group("parent").strip(" .,")


def _occurrences(text: str, form: str) -> Iterator[int]:
    """Where a name stands in a text as whole words."""
    start = text.find(form)
    while start >= 0:
        end = start + len(form)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield start
        start = text.find(form, start + 1)


def _city(words: str) -> str:
    """'In Moberly' is Moberly: a capitalized word that opens the sentence is no part of the city."""
    parts = words.split()
    while parts and parts[0] in _NOT_CITY:
        parts.pop(0)
    return " ".join(parts)


def _name_forms(name: str) -> list[str]:
    """A name and its shorter forms by leading words ('Harrow Cement', 'Harrow'), longest first."""
    words = name.split()
    return [f for f in (" ".join(words[:n]) for n in range(len(words), 0, -1)) if len(f) >= _MIN_FORM]


def _without_names(text: str, names: Iterable[str]) -> str:
    """The text with the companies' names blanked: their words say nothing of the project."""
    for name in names:
        for form in _name_forms(name):
            for start in list(_occurrences(text, form)):
                text = text[:start] + " " * len(form) + text[start + len(form) :]
    return text


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= _AMOUNT_CLOSE * max(a, b)


def amount_scope(evidence: str, amount: Amount | None) -> str:
    """The part of an evidence text about one of its amounts: cut, between two amounts, at the last
    clause break ('a $5 billion fab in Arizona and a $2 billion packaging plant in Texas')."""
    if amount is None or len(_AMOUNT_LIKE.findall(evidence)) <= 1:
        return evidence
    mentions: list[MoneyMention] = []
    # the record's amount was read in its document's dollar: read the evidence's plain '$' the same way
    home = amount.currency if is_local_dollar(amount.currency) else None
    for mention in find_money(evidence, home=home):
        # the second currency of "¥3.7 trillion ($25 billion)" is the same amount
        paired = mentions and evidence[mentions[-1].end : mention.start].strip() in {"(", "(about", "or"}
        if not paired:
            mentions.append(mention)
    index = next(
        (
            i
            for i, m in enumerate(mentions)
            if (m.currency == amount.currency and _close(m.value, amount.value)) or _close(m.usd, amount.usd)
        ),
        None,
    )
    if index is None:
        return evidence
    start, end = 0, len(evidence)
    if index > 0:
        gap_start = mentions[index - 1].end
        breaks = list(_GAP_BREAK.finditer(evidence, gap_start, mentions[index].start))
        start = breaks[-1].end() if breaks else gap_start
    if index < len(mentions) - 1:
        gap_end = mentions[index + 1].start
        breaks = list(_GAP_BREAK.finditer(evidence, mentions[index].end, gap_end))
        end = breaks[-1].start() if breaks else gap_end
    return evidence[start:end]
