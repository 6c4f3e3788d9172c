"""The Japanese extraction path: sentences, money, companies, agencies and sector cues of a Japanese text.

No tokenizer: Japanese has no spaces, but company names, figures and cue words are told apart by their
characters (katakana, kanji, Latin, digits) and the particles around them, which rules read directly. A mixed
page (English with Japanese paragraphs) is read here only in its Japanese paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeVar

from pipeline.extract.companies import CompanyLexicon
from pipeline.extract.japanese.companies import JapaneseLexicon, find_japanese_companies, head_offices
from pipeline.extract.japanese.money import JapaneseMoneyRules, find_japanese_money
from pipeline.extract.japanese.script import fold_width, is_japanese_line, sentences, unwrap
from pipeline.extract.money import MoneyRules, rehome_shared
from pipeline.rules import RuleSet
from schemas import CompanyMention, ExtractedDocument, MoneyMention, ParsedDocument, SectorCue, Span


@dataclass(frozen=True)
class SectorLexicon:
    """rules/ja_sectors.json: cue words per sector."""

    cues: tuple[tuple[str, str], ...]  # (cue, sector), longest first
    pattern: re.Pattern[str]

    @classmethod
    def from_rules(cls, rules: RuleSet) -> SectorLexicon:
        """Compile the sector cues into one pattern."""
        data = rules.mapping("ja_sectors")
        cues = tuple(
            sorted(
                ((str(cue), str(sector)) for sector, words in data["cues"].items() for cue in words),
                key=lambda c: len(c[0]),
                reverse=True,
            )
        )
        # a Latin cue ('AI', 'EV') is a whole word, never part of 'MAIN' or 'EVENT'
        alternation = "|".join(
            rf"(?<![A-Za-z]){re.escape(c)}(?![A-Za-z])" if c.isascii() else re.escape(c) for c, _ in cues
        )
        return cls(cues=cues, pattern=re.compile(alternation))

    def find(self, text: str, folded: str) -> list[SectorCue]:
        """Every sector cue of the text."""
        sector_of = dict(self.cues)
        return [
            SectorCue(
                sector=sector_of[m.group()], text=text[m.start() : m.end()], start=m.start(), end=m.end()
            )
            for m in self.pattern.finditer(folded)
        ]


_Parts = tuple[list[Span], list[CompanyMention], list[CompanyMention], list[MoneyMention], list[SectorCue]]
_Located = TypeVar("_Located", CompanyMention, MoneyMention, SectorCue)


class JapaneseExtractor:
    """The loaded Japanese rules: build once, pass documents to extract()."""

    def __init__(self, rules: RuleSet, english: CompanyLexicon) -> None:
        self.money = JapaneseMoneyRules.from_rules(rules)
        self.symbols = MoneyRules.from_rules(rules)  # money.json: the peso of a document's country
        self.lexicon = JapaneseLexicon.from_rules(rules, english)
        self.sectors = SectorLexicon.from_rules(rules)
        roles = rules.mapping("ja_roles")
        self.excluded_starts = tuple(str(s) for s in roles.get("excluded_line_starts", []))
        self.link_headings = frozenset(str(s) for s in roles.get("link_list_headings", []))
        self.item_start = re.compile(str(roles["item_bullets"]))

    def extract(self, parsed: ParsedDocument, language: str = "ja") -> ExtractedDocument:
        """Entities of a Japanese document (language 'ja'), or of the Japanese paragraphs of a mixed one."""
        text = parsed.text
        regions = [Span(start=0, end=len(text))] if language == "ja" else japanese_regions(text)
        excluded = self._excluded(text)
        if parsed.media_type == "application/pdf":
            found = [self._find_unwrapped(text, region, excluded) for region in regions]
        else:
            found = [self._find(text, region, excluded) for region in regions]
        title_money: list[MoneyMention] = []
        if parsed.title and parsed.title not in text[:2000]:
            title_money = find_japanese_money(parsed.title, self.money)
        # "72億ペソ" in an article about the Philippines is in Philippine pesos
        whole = f"{parsed.title or ''}\n{text}"
        return ExtractedDocument(
            parsed=parsed,
            sentences=tuple(s for part in found for s in part[0]),
            companies=tuple(c for part in found for c in part[1]),
            agencies=tuple(a for part in found for a in part[2]),
            money=tuple(rehome_shared((m for part in found for m in part[3]), whole, self.symbols)),
            sectors=tuple(c for part in found for c in part[4]),
            excluded=tuple(excluded),
            title_money=tuple(rehome_shared(title_money, whole, self.symbols)),
            language=language,
            japanese=tuple(regions),
        )

    def _find(self, text: str, region: Span, excluded: list[Span]) -> _Parts:
        """Sentences, companies, agencies, money and sector cues of one Japanese region, at document
        offsets."""
        piece = text[region.start : region.end]
        money = [
            m
            for m in find_japanese_money(piece, self.money)
            if not any(e.start <= m.start + region.start < e.end for e in excluded)
        ]
        companies, agencies = find_japanese_companies(piece, money, self.lexicon)
        offices = head_offices(piece, companies, self.lexicon)
        cues = [
            c
            for c in self.sectors.find(piece, fold_width(piece))
            if not any(a <= c.start < b for a, b in offices)
        ]

        def moved_money(m: MoneyMention) -> MoneyMention:
            return m.model_copy(update={"start": m.start + region.start, "end": m.end + region.start})

        def moved_company(c: CompanyMention) -> CompanyMention:
            return c.model_copy(update={"start": c.start + region.start, "end": c.end + region.start})

        def moved_cue(c: SectorCue) -> SectorCue:
            return c.model_copy(update={"start": c.start + region.start, "end": c.end + region.start})

        return (
            [Span(start=a + region.start, end=b + region.start) for a, b in sentences(piece)],
            [moved_company(c) for c in companies],
            [moved_company(a) for a in agencies],
            [moved_money(m) for m in money],
            [moved_cue(c) for c in cues],
        )

    def _find_unwrapped(self, text: str, region: Span, excluded: list[Span]) -> _Parts:
        """_find on a PDF region with its wrapped lines joined, every span mapped back to the PDF's text."""
        piece, offsets = unwrap(text[region.start : region.end], self.item_start)
        offsets.append(region.end - region.start)
        found = self._find(piece, Span(start=0, end=len(piece)), [])

        def at(start: int, end: int) -> tuple[int, int]:
            return region.start + offsets[start], region.start + offsets[end - 1] + 1

        def moved(item: _Located) -> _Located:
            start, end = at(item.start, item.end)
            update: dict[str, object] = {"start": start, "end": end}
            if hasattr(item, "text"):
                update["text"] = text[start:end]
            return item.model_copy(update=update)

        sentences_, companies, agencies, money, cues = found
        return (
            [Span(start=a, end=b) for a, b in (at(s.start, s.end) for s in sentences_)],
            [moved(c) for c in companies],
            [moved(a) for a in agencies],
            [m for m in (moved(m) for m in money) if not any(e.start <= m.start < e.end for e in excluded)],
            [moved(c) for c in cues],
        )

    def _excluded(self, text: str) -> list[Span]:
        """Lines that are not body: related-article links, disclaimers, photo credits, adverts."""
        spans: list[Span] = []
        offset = 0
        in_links = False  # inside the bullet list under a '【関連記事】' heading
        for line in text.split("\n"):
            stripped = line.strip()
            in_links = (in_links and (not stripped or bool(self.item_start.match(line)))) or (
                stripped in self.link_headings
            )
            if in_links or stripped.startswith(self.excluded_starts):
                spans.append(Span(start=offset, end=offset + len(line)))
            offset += len(line) + 1
        return spans


def japanese_regions(text: str) -> list[Span]:
    """The Japanese paragraphs of a mixed text, as spans (neighbouring Japanese lines join)."""
    regions: list[Span] = []
    offset = 0
    for line in text.split("\n"):
        if is_japanese_line(line):
            if regions and regions[-1].end >= offset - 1:
                regions[-1] = Span(start=regions[-1].start, end=offset + len(line))
            else:
                regions.append(Span(start=offset, end=offset + len(line)))
        offset += len(line) + 1
    return regions
