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
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, ValidationError

from pipeline.errors import UsageError
from pipeline.extract.money import find_money
from pipeline.rules import RuleSet
from schemas import Amount, MoneyMention

IDENTITY_RULES = "identity"
_AMOUNT_CLOSE = 0.005
_MONEYISH = re.compile(r"[$€£¥₩]|\b(?:billion|million|trillion|bn|crore|USD|EUR|JPY|KRW|GBP)\b", re.I)
_GAP_BREAK = re.compile(r",\s|;\s|\s(?:and|while|but|whereas|plus)\s")
_NAME = r"[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}"
_MIN_FORM = 3
_LEGAL_TAIL = r"(?:,?\s+(?:Co|Corp|Corporation|Inc|Ltd|LLC|AG|plc|SE|K\.K|N\.V|S\.A)\.?)*"
_NOT_CITY = frozenset({"In", "At", "Near", "The", "From", "Outside", "Of", "And", "For", "To"})


class IdentityRuleFile(BaseModel):
    """The shape of identity.json: a misspelt or mistyped key is an error that names the file and key."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)
    kinds: dict[str, list[str]]
    regions: list[str]
    countries: list[str]
    owner_nouns: list[str]
    owner_phrases: list[str]
    owned_suffixes: list[str]


@dataclass(frozen=True)
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


@dataclass
class IdentitySets:
    """The union of identities of a group of records (a project being built)."""

    regions: set[str]
    sites: set[str]
    countries: set[str]
    kinds: set[str]

    @classmethod
    def of(cls, identity: Identity) -> IdentitySets:
        """The sets of one identity."""
        return cls(set(identity.regions), set(identity.sites), set(identity.countries), set(identity.kinds))

    def add(self, other: IdentitySets) -> None:
        """Take in another group's identity."""
        self.regions |= other.regions
        self.sites |= other.sites
        self.countries |= other.countries
        self.kinds |= other.kinds

    def conflicts(self, other: IdentitySets) -> bool:
        """Whether the two are told apart: each names regions, sites, countries or kinds, none shared."""
        pairs = (
            (self.regions, other.regions),
            (self.sites, other.sites),
            (self.countries, other.countries),
            (self.kinds, other.kinds),
        )
        return any(a and b and not (a & b) for a, b in pairs)


def _agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Equal where both say something; one side silent says nothing against the other."""
    return not (a and b) or a == b


def same_project(a: Identity, b: Identity) -> bool:
    """Whether two records are one project by what and where, whatever their figures.

    Where first: both name the same regions (a total over two states is not the plant in one of them) and
    no other site, and what they build does not differ. Two records that name no place at all are one
    project only when they build the same kinds in the same countries.
    """
    if IdentitySets.of(a).conflicts(IdentitySets.of(b)):
        return False
    placed_a, placed_b = bool(a.regions or a.sites), bool(b.regions or b.sites)
    if placed_a and placed_b:
        shared = set(a.regions) & set(b.regions) or set(a.sites) & set(b.sites)
        return bool(shared) and _agree(a.regions, b.regions) and _agree(a.sites, b.sites)
    if placed_a or placed_b:
        return False
    return bool(a.kinds) and a.kinds == b.kinds and a.countries == b.countries


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _alternation(phrases: Iterable[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


@dataclass(frozen=True)
class IdentityRules:
    """The compiled cues of identity.json and places.json."""

    kind_of: dict[str, str]
    kinds: re.Pattern[str]
    regions: re.Pattern[str]
    countries: re.Pattern[str]
    site: re.Pattern[str]
    owner_after: re.Pattern[str]
    owner_before: re.Pattern[str]
    gazetteer_parents: tuple[tuple[str, str], ...]

    @classmethod
    def from_rules(cls, rules: RuleSet) -> IdentityRules:
        """Read identity.json (checking its shape), the U.S. states and the gazetteer's parents."""
        try:
            data = IdentityRuleFile.model_validate(rules.mapping(IDENTITY_RULES))
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
            raise UsageError(f"rule file {IDENTITY_RULES}.json: {problems}") from exc
        kind_of = {_fold(p).lower(): kind for kind, phrases in data.kinds.items() for p in phrases}
        states = [str(s) for s in rules.mapping("places").get("us_states", [])]
        regions = [*states, *data.regions]
        nouns = _alternation(data.owner_nouns)
        phrases = _alternation(data.owner_phrases)
        suffixes = _alternation(data.owned_suffixes)
        parents = tuple(
            (str(entry["name"]), str(entry["parent"]))
            for entry in rules.entries("companies")
            if isinstance(entry, dict) and entry.get("parent")
        )
        return cls(
            kind_of=kind_of,
            kinds=re.compile(rf"(?<![\w-])(?:{_alternation(kind_of)})(?![\w-])", re.IGNORECASE),
            regions=re.compile(rf"\b(?:{_alternation(_fold(r) for r in regions)})\b"),
            countries=re.compile(rf"\b(?:{_alternation(_fold(c) for c in data.countries)})\b(?!['’]s)"),
            site=re.compile(
                rf"\b([A-Z][\w.'-]+(?: [A-Z][\w.'-]+){{0,2}}), ({_alternation(_fold(s) for s in states)})\b"
            ),
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
        sites = sorted(
            {f"{_city(m.group(1))}, {m.group(2)}" for m in self.site.finditer(text) if _city(m.group(1))}
        )
        return Identity(
            regions=tuple(sorted({m.group(0) for m in self.regions.finditer(text)})),
            sites=tuple(sites),
            countries=tuple(sorted({m.group(0) for m in self.countries.finditer(text)})),
            kinds=tuple(sorted({self.kind_of[m.group(0).lower()] for m in self.kinds.finditer(text)})),
        )

    def owners(self, evidence: str, leads: Iterable[str]) -> Iterator[tuple[str, str]]:
        """(company, parent) pairs the evidence states for the record's leads ('X, a unit of Y')."""
        for lead in leads:
            for form in _name_forms(lead):
                for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", evidence):
                    after = self.owner_after.match(evidence[match.end() : match.end() + 120])
                    before = self.owner_before.search(evidence[max(0, match.start() - 120) : match.start()])
                    for found in (after, before):
                        if found is not None and found.group("parent").strip() != lead:
                            yield lead, found.group("parent").strip(" .,")


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
            text = re.sub(rf"(?<!\w){re.escape(form)}(?!\w)", lambda m: " " * len(m.group(0)), text)
    return text


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= _AMOUNT_CLOSE * max(a, b)


def amount_scope(evidence: str, amount: Amount | None) -> str:
    """The part of an evidence text about one of its amounts: cut, between two amounts, at the last
    clause break ('a $5 billion fab in Arizona and a $2 billion packaging plant in Texas')."""
    if amount is None or len(_MONEYISH.findall(evidence)) <= 1:
        return evidence
    mentions: list[MoneyMention] = []
    for mention in find_money(evidence):
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
