"""Company recognition by rules: name-shaped spans with company cues, minus agencies, outlets and people.

A span of capitalized tokens is a company when one of several signals says so: a legal suffix (Corp., K.K.),
an industry word (Manufacturing, Lithium), the gazetteer, a descriptor next to it ("contractor X", "X, a
start-up,"), a table column headed Company, or a mention of a company already found. Agencies, outlets,
places and people are kept apart by lexicons and by context ("according to X", "said X, chief ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter

from pipeline.extract import literals
from pipeline.extract.tokens import CAMEL_SHAPE, NAME_SHAPE, TokenTable, camel_shape, token_read
from pipeline.rules import RuleSet
from schemas import CompanyMention

if TYPE_CHECKING:
    from spacy.tokens import Doc

_NAME_JOINERS = {"&", "-", "of", "for", "de", "du", "von", "van"}
# (a German KGaA keeps its form: "Merck KGaA" is not Merck & Co.)
_KEPT_SUFFIXES = frozenset({"Group", "Holdings", "Holding", "KGaA"})
_OF_JOINERS = {"of", "for", "de", "du", "von", "van"}
# "Orvane Celulose do Brasil", "Rio Grande do Sul", "Electricité de France", "Engenharia e Construção":
# Portuguese, Spanish and French "of (the)" and "and" inside a name
_ROMANCE_JOINERS = {"do", "da", "dos", "das", "de", "del", "e", "y"}
# what an abbreviated kind of thing is ("an ... (APT) facility", "(EPC) contracts")
_KIND_NOUNS = {
    "facility",
    "facilities",
    "plant",
    "plants",
    "unit",
    "units",
    "project",
    "projects",
    "sector",
    "scheme",
}
_TRAILING_JOINERS = frozenset(_NAME_JOINERS | {","})
_WORD_RE = re.compile(r"[^\w&]+")


def _currency_words(money: dict[str, Any]) -> frozenset[str]:
    """The currency codes and the symbols made of letters alone ('Rs', 'RM'), as written before a number."""
    symbols = [str(s).rstrip(".") for s in money.get("symbols", {})]
    return frozenset([*(str(c) for c in money.get("codes", [])), *(s for s in symbols if s.isalpha())])


@lru_cache(maxsize=1 << 14)  # the same names come back in every article: fold each once
def fold_name(name: str, suffixes: frozenset[str]) -> str:
    """Lower case, punctuation dropped, trailing legal suffixes and a leading 'the' dropped."""
    name = name.lower().replace("k.k.", "kk").replace("&", " and ")
    if name.endswith(".com"):
        name = name[:-4]  # "Amazon.com" is Amazon
    words = _WORD_RE.sub(" ", name).split()
    while len(words) > 1 and words[-1] in suffixes:
        words.pop()
    while words and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def _lower_set(items: list[Any]) -> frozenset[str]:
    return frozenset(str(item).lower() for item in items)


@dataclass(frozen=True)
class CompanyLexicon:
    """The company rules, read once from the rule files."""

    legal_suffixes: frozenset[str]
    private_legal_forms: frozenset[str]
    folded_suffixes: frozenset[str]
    industry_words: frozenset[str]
    generic_name_words: frozenset[str]
    descriptor_nouns: frozenset[str]
    subject_verbs: frozenset[str]
    investment_words: frozenset[str]
    agency_words: frozenset[str]
    agency_words_not_first: frozenset[str]
    agencies: frozenset[str]
    outlets: frozenset[str]
    outlet_words: frozenset[str]
    outlet_before: tuple[str, ...]
    outlet_after: tuple[str, ...]
    person_before: tuple[str, ...]
    person_after: tuple[str, ...]
    places: frozenset[str]  # places and nationalities, lower case
    nationalities: frozenset[str]
    generic: frozenset[str]
    gazetteer: dict[str, str]  # folded alias -> canonical name
    promo_strong: tuple[str, ...]
    promo_weak: tuple[str, ...]
    name_of_heads: frozenset[str]
    agency_appositive: frozenset[str]
    leading_roles: frozenset[str]
    agency_described: tuple[str, ...]
    agency_left: tuple[str, ...]
    project_heads: frozenset[str]
    heading_words: frozenset[str] = frozenset()
    place_openers: frozenset[str] = frozenset()
    compass_words: frozenset[str] = frozenset()
    currency_words: frozenset[str] = frozenset()  # money.json's codes and letter symbols ('Rs', 'INR')
    adjective_endings: frozenset[str] = frozenset()
    headline_breaks: frozenset[str] = frozenset()
    headline_to_verbs: frozenset[str] = frozenset()
    headline_amount_verbs: frozenset[str] = frozenset()
    possessive_name_verbs: frozenset[str] = frozenset()
    honorific_openers: frozenset[str] = frozenset()
    title_words: frozenset[str] = frozenset()
    executive_titles: frozenset[str] = frozenset()
    public_figures: frozenset[str] = frozenset()
    region_short_forms: frozenset[str] = frozenset()
    descriptor_suffixes: tuple[str, ...] = ()
    place_before: tuple[str, ...] = ()
    # _kind_by_lexicon's answers by name: the same names come back in every article (bounded, see there)
    lexicon_kinds: dict[str, tuple[str, str] | None] = field(default_factory=dict, compare=False, repr=False)
    # the first and the last word of each listed name (folded): a span whose own first or last word is
    # neither can name no listed company, and its gazetteer lookups are skipped
    gazetteer_first_words: frozenset[str] = field(init=False, compare=False, repr=False)
    gazetteer_last_words: frozenset[str] = field(init=False, compare=False, repr=False)
    # the advert cues in ASCII, found in one scan of a text (literals.occurring): the trie of their heads
    # (None without such cues) and the cues beginning with each head
    promo_heads: re.Pattern[str] | None = field(init=False, compare=False, repr=False)
    promo_by_head: dict[str, tuple[str, ...]] = field(init=False, compare=False, repr=False)
    # the words that may go on a run of name-like words in _spans (legal forms, headline verbs, joiners):
    # a run ends at any other word that is not name-like
    run_words: frozenset[str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        keys = [key.split(" ") for key in self.gazetteer]
        object.__setattr__(self, "gazetteer_first_words", frozenset(words[0] for words in keys))
        object.__setattr__(self, "gazetteer_last_words", frozenset(words[-1] for words in keys))
        cues = sorted({cue for cue in (*self.promo_strong, *self.promo_weak) if cue and cue.isascii()})
        heads = literals.heads(cues)
        by_head = {head: tuple(cue for cue in cues if cue.startswith(head)) for head in heads}
        object.__setattr__(self, "promo_heads", re.compile(literals.trie(heads)) if heads else None)
        object.__setattr__(self, "promo_by_head", by_head)
        joiners = {"-", "&", "+", ",", "and", "'s", "’s", *_OF_JOINERS, *_ROMANCE_JOINERS}
        object.__setattr__(self, "run_words", self.legal_suffixes | self.headline_breaks | joiners)

    @classmethod
    def from_rules(cls, rules: RuleSet) -> CompanyLexicon:
        """Build the lexicon from company_cues.json, non_companies.json and companies.jsonl."""
        cues = rules.mapping("company_cues")
        non = rules.mapping("non_companies")
        suffixes = [str(s) for s in cues.get("legal_suffixes", [])]
        folded_suffixes = frozenset(fold_name(s, frozenset()) for s in suffixes) - {""}
        gazetteer: dict[str, str] = {}
        for entry in rules.entries("companies"):
            name = str(entry["name"])
            for alias in [name, *entry.get("aliases", [])]:
                gazetteer.setdefault(fold_name(str(alias), folded_suffixes), name)
        # Japanese spellings (ja_companies.json) join their company, so that projects merge across languages
        for name, aliases in rules.mapping("ja_companies").get("gazetteer", {}).items():
            for alias in aliases:
                if not str(alias).isascii():
                    gazetteer.setdefault(fold_name(str(alias), folded_suffixes), str(name))
        return cls(
            legal_suffixes=frozenset(suffixes),
            private_legal_forms=frozenset(cues.get("private_legal_forms", [])),
            folded_suffixes=folded_suffixes,
            industry_words=frozenset(cues.get("industry_words", [])),
            generic_name_words=_lower_set(cues.get("generic_name_words", [])),
            descriptor_nouns=_lower_set(cues.get("descriptor_nouns", [])),
            subject_verbs=_lower_set(cues.get("subject_verbs", [])),
            investment_words=_lower_set(cues.get("investment_words", [])),
            agency_words=frozenset(non.get("agency_words", [])),
            agency_words_not_first=frozenset(non.get("agency_words_not_first", [])),
            agencies=_lower_set(non.get("agencies", [])),
            outlets=_lower_set(non.get("outlets", [])),
            outlet_words=frozenset(non.get("outlet_words", [])),
            outlet_before=tuple(str(s).lower() for s in cues.get("outlet_context_before", [])),
            outlet_after=tuple(str(s).lower() for s in cues.get("outlet_context_after", [])),
            person_before=tuple(str(s).lower() for s in cues.get("person_context_before", [])),
            person_after=tuple(str(s).lower() for s in cues.get("person_context_after", [])),
            places=_lower_set(non.get("places", []) + non.get("nationalities", [])),
            nationalities=_lower_set(non.get("nationalities", [])),
            generic=_lower_set(non.get("generic_capitalized", [])),
            gazetteer=gazetteer,
            promo_strong=tuple(str(s).lower() for s in cues.get("promo_strong", [])),
            promo_weak=tuple(str(s).lower() for s in cues.get("promo_weak", [])),
            name_of_heads=frozenset(cues.get("name_of_heads", [])),
            agency_appositive=_lower_set(cues.get("agency_appositive_nouns", [])),
            leading_roles=frozenset(non.get("leading_role_words", [])),
            agency_described=tuple(cues.get("agency_appositive_words", [])),
            agency_left=tuple(cues.get("agency_left_cues", [])),
            project_heads=frozenset(non.get("project_head_words", [])),
            heading_words=frozenset(non.get("heading_words", [])),
            place_openers=frozenset(non.get("place_openers", [])),
            compass_words=frozenset(non.get("compass_words", [])),
            currency_words=_currency_words(rules.mapping("money")),
            adjective_endings=frozenset(non.get("adjective_endings", [])),
            headline_breaks=frozenset(cues.get("headline_breaks", [])),
            headline_to_verbs=frozenset(cues.get("headline_to_verbs", [])),
            headline_amount_verbs=frozenset(cues.get("headline_amount_verbs", [])),
            possessive_name_verbs=frozenset(cues.get("possessive_name_verbs", [])),
            honorific_openers=frozenset(cues.get("honorific_openers", [])),
            title_words=frozenset(non.get("title_words", [])),
            executive_titles=frozenset(non.get("executive_titles", [])),
            public_figures=frozenset(non.get("public_figures", [])),
            region_short_forms=frozenset(non.get("region_short_forms", [])),
            descriptor_suffixes=tuple(str(s) for s in non.get("descriptor_suffixes", [])),
            place_before=tuple(str(s) for s in cues.get("place_context_before", [])),
        )

    def fold(self, name: str) -> str:
        """The matching key of a name (the scorer's folding)."""
        return fold_name(name, self.folded_suffixes)


def is_promotional(sentence: str, lexicon: CompanyLexicon) -> bool:
    """Whether a sentence reads as an advert: two weak cues or one strong one."""
    return _promotional(sentence.lower(), lexicon.promo_strong, lexicon.promo_weak)


def _promotional(lower: str, promo_strong: tuple[str, ...], promo_weak: tuple[str, ...]) -> bool:
    strong = sum(cue in lower and _whole_cue(cue).search(lower) is not None for cue in promo_strong)
    weak = sum(cue in lower and _whole_cue(cue).search(lower) is not None for cue in promo_weak)
    return strong >= 1 or weak >= 2


@lru_cache(maxsize=256)
def _whole_cue(cue: str) -> re.Pattern[str]:
    """A cue that does not run on into a word: '/mo' is not in 'expansion/modernization', nor '% off' in
    '25% offshore'."""
    left = r"(?<![a-z0-9])" if cue[:1].isalnum() else ""
    right = r"(?![a-z])" if cue[-1:].isalpha() else ""
    return re.compile(left + re.escape(cue) + right)


def promotional_sentences(
    text: str, sentences: list[tuple[int, int]], lexicon: CompanyLexicon
) -> list[tuple[int, int]]:
    """The sentences (character spans of `text`) that read as adverts (is_promotional), looking only for the
    cues that occur somewhere in the text: most texts hold none, or too few to make any sentence an advert.

    An ASCII cue in a sentence's lower case is in the whole text's lower case too (str.lower works character
    by character but for the final sigma, which no ASCII cue holds); other cues are looked for in every one.
    The ASCII cues are found in one scan of the text (literals.occurring), not one `cue in lower` each.
    """
    lower = text.lower()
    present = (
        literals.occurring(lower, lexicon.promo_heads, lexicon.promo_by_head)
        if lexicon.promo_heads is not None
        else set()
    )
    # (an empty cue is in every text, as `in` finds it)
    strong = tuple(cue for cue in lexicon.promo_strong if cue in present or not (cue and cue.isascii()))
    weak = tuple(cue for cue in lexicon.promo_weak if cue in present or not (cue and cue.isascii()))
    if not strong and len(weak) < 2:
        return []
    return [(a, b) for a, b in sentences if _promotional(text[a:b].lower(), strong, weak)]


def _shapes(spacy_doc: Doc, table: TokenTable) -> tuple[list[bool], list[int]]:
    """Per token, whether it is shaped like part of a name (name_shape, and not a space or punctuation:
    "&" would be spared, but has no name's shape); and the tokens with camel_shape (its word's flags)."""
    import numpy

    read = token_read(spacy_doc)
    name_like: list[bool] = (read.has(NAME_SHAPE) & table.plain).tolist()
    return name_like, numpy.flatnonzero(read.has(CAMEL_SHAPE)).tolist()


def _listed_camel_case(text: str, lexicon: CompanyLexicon) -> bool:
    """A listed brand written with a lower-case first letter ('xAI', 'eBay')."""
    return camel_shape(text) and lexicon.fold(text) in lexicon.gazetteer


@dataclass
class _Candidate:
    start: int  # token index
    end: int
    text: str
    char_start: int
    char_end: int
    kind: str = ""  # company | agency | outlet | person | place | ""
    signal: str = ""


def _spans(
    doc: TokenTable, lexicon: CompanyLexicon, name_like: list[bool], camel_case: list[int]
) -> list[tuple[int, int]]:
    """Maximal runs of name-like tokens, joined by &, -, of, and legal suffixes after a comma."""
    spans: list[tuple[int, int]] = []
    n = len(doc)
    words, text, token_starts, token_ends, sent_start = (
        doc.words,
        doc.text,
        doc.starts,
        doc.ends,
        doc.sent_start,
    )
    legal_suffixes, run_words = lexicon.legal_suffixes, lexicon.run_words
    starts = sorted(
        [*compress(range(n), name_like), *(k for k in camel_case if _listed_camel_case(words[k], lexicon))]
    )
    i = 0
    for first in starts:  # a run starts only at such a token
        if first < i:
            continue  # inside the run before
        i = first
        j = i + 1
        broke_at_verb = False
        while j < n:
            tok = words[j]
            if not name_like[j] and tok not in run_words:
                break  # (every test below ends the run at such a word: most runs end so)
            # (the text between tokens j - 1 and j is token j - 1's whitespace)
            if words[j - 1] == "\n" or sent_start[j] or "\n" in text[token_ends[j - 1] : token_starts[j]]:
                break
            after_legal_form = words[j - 1].endswith(".") and words[j - 1] in legal_suffixes
            more_legal_form = tok == "," and j + 1 < n and words[j + 1] in legal_suffixes
            if after_legal_form and tok not in legal_suffixes and not more_legal_form:
                break  # "Taesung Cable America Inc. Construction of the plant ...": the name ends at "Inc."
            if (
                tok in lexicon.headline_breaks
                and j - i >= 1
                and (_headline_case(doc, j) or _to_verb_next(doc, j, lexicon))
            ):
                broke_at_verb = True
                # "Mars To Invest $2 Billion", "Apple Unveils ...": a headline's verb ends the name (in
                # running text a capital "Plan" is part of one: "Canada Pension Plan Investment Board")
                break
            if tok in lexicon.currency_words and j + 1 < n and words[j + 1][:1].isdigit():
                break  # "Orvane Spinning Mills Rs 900 crore": the currency ends the name
            if (name_like[j] and not doc.is_punct[j]) or tok in legal_suffixes:
                j += 1  # lower-case legal forms ("plc") end a name too
                continue
            nxt = words[j + 1] if j + 1 < n else None
            joiner_ok = nxt is not None and (
                (
                    name_like[j + 1]
                    and (
                        # ("Foster + Partners": a plus joins a firm's names as an ampersand does)
                        (tok in {"-", "&", "+"} and (tok != "-" or not doc.whitespace(j - 1)))
                        # ("Acme Energy for US$4 billion": a currency prefix follows, not a name's words)
                        or (
                            tok in _OF_JOINERS
                            and doc.words[j - 1] in lexicon.name_of_heads
                            and not nxt.endswith("$")
                        )
                        # "Acme, Inc." ("Jane Roe, Group President" is a title)
                        or (
                            tok == ","
                            and nxt in lexicon.legal_suffixes
                            and (j + 2 >= n or words[j + 2] not in lexicon.executive_titles)
                        )
                        or (tok == "and" and nxt in {"Company", "Co."})
                        or (
                            tok in _ROMANCE_JOINERS
                            # ("La Puebla de Alfindén" is a place)
                            and not (tok in {"de", "del"} and words[i] in lexicon.place_openers)
                        )
                        # "Jindal Steel and Power", "Delta Power and Industrial Solutions Ltd": lines of
                        # business on both sides of "and" belong to one name
                        or (
                            tok == "and"
                            and words[j - 1] in lexicon.industry_words
                            and j - i >= 2
                            and _business_words_after(doc, j + 1, lexicon)
                        )
                        # "Nature's Bakery": a possessive inside a name, before its line of business
                        or (
                            tok in {"'s", "’s"}
                            and nxt in lexicon.industry_words
                            and not doc.whitespace(j - 1)
                            and lexicon.fold(doc.span_text(i, j)) not in lexicon.gazetteer
                            and (j + 2 >= n or not name_like[j + 2])
                            and (j + 2 >= n or words[j + 2] not in _UNIT_WORDS)
                        )
                    )
                )
                # "X-energy": a one-letter name joined to a lower-case word
                or (
                    tok == "-"
                    and len(doc.words[j - 1]) == 1
                    and doc.words[j - 1].isupper()
                    and doc.words[j - 1] not in {"A", "I"}
                    and not doc.whitespace(j - 1)
                    and not doc.whitespace(j)
                    and nxt.isalpha()
                )
            )
            if joiner_ok:
                j += 2
                continue
            break
        # brand names with a lower-case part ("SK hynix") come from the gazetteer
        if (
            j < n
            and doc.words[j][:1].islower()
            and doc.is_alpha[j]
            and not doc.is_stop[j]
            and _may_close_listed_name(doc, j, lexicon)
            and lexicon.fold(doc.span_text(i, j + 1)) in lexicon.gazetteer
            and lexicon.fold(doc.span_text(i, j + 1)) != lexicon.fold(doc.span_text(i, j))
        ):
            j += 1
        # "Pilgrim's is building ...": a verb right after the possessive, so the "'s" ends the name itself
        if (
            j + 1 < n
            and words[j] in {"'s", "’s"}
            and not doc.whitespace(j - 1)
            and words[j + 1] in lexicon.possessive_name_verbs
            and lexicon.fold(doc.span_text(i, j)) not in lexicon.gazetteer
        ):
            j += 1
        spans.append((i, j))
        i = j + 1 if broke_at_verb else j
    return _joined_across_and(words, spans, lexicon.agency_words, lexicon.project_heads)


def _joined_across_and(
    words: list[str],
    spans: list[tuple[int, int]],
    agency_words: frozenset[str],
    project_heads: frozenset[str],
) -> list[tuple[int, int]]:
    """Two runs joined by 'and' that are one name: their initials spell the abbreviation after them ('Orvane
    Ports and Special Economic Zone (OPSEZ)'), or the first is an agency's 'X of Y' and an abbreviation
    follows ('Ministry of Ports and Inland Waterways (MoPIW)')."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined:
            first, last = joined[-1]
            between = start == last + 1 and words[last] in {"and", "&"}
            if not between:  # (most runs: no test below can join them)
                joined.append((start, end))
                continue
            abbreviated = (
                end + 2 < len(words)
                and words[end] == "("
                and words[end + 2] == ")"
                and words[end + 1].isupper()
                and "".join(w[0] for w in words[first:end] if w not in {"and", "&", "of"}).upper()
                == words[end + 1].upper()
                # ("an Advanced Packaging and Test (APT) facility" names a kind of plant)
                and (end + 3 >= len(words) or words[end + 3].lower() not in _KIND_NOUNS)
            )
            # "the Kestrel Industrial and Port Complex": one project's name, not a company and a project
            industrial_project = words[last - 1] == "Industrial" and words[end - 1] in project_heads
            agency_of = (
                words[first] in agency_words
                and "of" in words[first + 1 : last]
                and end < len(words)
                and words[end] == "("  # (its abbreviation follows, whatever its spelling)
            )
            if abbreviated or agency_of or industrial_project:
                joined[-1] = (first, end)
                continue
        joined.append((start, end))
    return joined


def _to_verb_next(doc: TokenTable, j: int, lexicon: CompanyLexicon) -> bool:
    """'Orvane Steel To Invest $2 billion': a capital 'To' and a capital verb after it end a name anywhere."""
    return doc.words[j] == "To" and j + 1 < len(doc) and doc.words[j + 1] in lexicon.headline_to_verbs


def _amount_verb_next(doc: TokenTable, j: int, lexicon: CompanyLexicon) -> bool:
    """'Orvane Timber Invests $140 Million In ...': a headline's verb of money put in, then the amount."""
    return (
        doc.words[j] in lexicon.headline_amount_verbs
        and j + 1 < len(doc)
        and (
            doc.words[j + 1][:1].isdigit() or doc.words[j + 1][:1] in "$€£¥₹" or doc.words[j + 1][-1:] == "$"
        )
    )


def _cut_after_listed_name(doc: TokenTable, start: int, end: int, lexicon: CompanyLexicon) -> int:
    """'Nvidia GB200' and 'Dell PowerEdge R760' are a listed company followed by a product name."""
    if not _may_open_listed_name(doc, start, end, lexicon):
        return end
    if lexicon.fold(doc.span_text(start, end)) in lexicon.gazetteer:
        return end
    if _names_a_local_unit(doc, end, lexicon):
        return end  # "Haier Appliance Manufacture (Thailand) Co., Ltd.": the unit's own name, not Haier's
    for cut in range(end - 1, start, -1):
        head = lexicon.fold(doc.span_text(start, cut))
        if head in lexicon.gazetteer and doc.span_text(start, cut) not in lexicon.region_short_forms:
            tail = doc.words[cut:end]
            if any(lexicon.fold(doc.span_text(cut, k)) in lexicon.gazetteer for k in range(cut + 1, end + 1)):
                return end  # "ArcelorMittal Nippon Steel": a venture named after its listed parents
            # "Panasonic Energy Co., Ltd." is a company of its own: line-of-business words and legal forms;
            # so is a unit named for its line and its place ("Toyota Motor Manufacturing Kentucky")
            business = any(w in lexicon.industry_words for w in tail)  # "Honda Canada" is Honda itself
            if business and not (end < len(doc.words) and doc.words[end] == "of"):
                # "Tata Power Renewable Energy", "Coca-Cola Bottling Northfield": a line of business in the
                # words after the listed name makes them a company's own name (not one that goes on with
                # "of America", cut from the name before it)
                return end
            if not all(
                w in lexicon.industry_words
                or w in lexicon.legal_suffixes
                or w == ","
                or (business and w.lower() in lexicon.places)
                for w in tail
            ):
                return cut
            return end
    return end


def _names_a_local_unit(doc: TokenTable, end: int, lexicon: CompanyLexicon) -> bool:
    """Whether a country in brackets and a legal form follow the name ending at token `end`."""
    text = _doc_text(doc)
    at = doc.ends[end - 1]
    if not text.startswith(("(", " ("), at):
        return False
    country = _place_bracket(text, at, lexicon)
    return (
        country is not None and _LEGAL_FORM_AFTER.match(text, country.end(), country.end() + 20) is not None
    )


def _place_bracket(text: str, at: int, lexicon: CompanyLexicon) -> re.Match[str] | None:
    """A listed place in brackets right at `at` ('(Thailand)', ' (Hong Kong)'), else None."""
    country = _COUNTRY_BRACKET.match(text, at, at + 40)
    return country if country is not None and country.group(1).lower() in lexicon.places else None


def _business_words_after(doc: TokenTable, start: int, lexicon: CompanyLexicon) -> bool:
    """Whether the name-like words from `start` are lines of business or legal forms only (one at least)."""
    end = start
    while end < len(doc.words) and (
        doc.words[end] in lexicon.industry_words or doc.words[end] in lexicon.legal_suffixes
    ):
        end += 1
    return end > start and not (end < len(doc.words) and doc.words[end][:1].isupper() and doc.is_alpha[end])


def _may_open_listed_name(doc: TokenTable, start: int, end: int, lexicon: CompanyLexicon) -> bool:
    """False where no span of tokens start..cut (cut <= end) can fold to a listed name: its first token
    is a plain ASCII word (not 'the', which folding drops) that ends its folded first word (the span ends
    there, or a character that is no word character and no period follows), and no listed name starts
    with that word."""
    word = doc.words[start]
    if not (word.isascii() and word.isalpha()):
        return True
    lower = word.lower()
    if lower == "the" or lower in lexicon.gazetteer_first_words:
        return True
    if start + 1 < end:
        following = doc.text[doc.ends[start] : doc.ends[start] + 1]
        if following == "." or _WORD_CHAR.match(following):
            return True  # glued on: the folded first word may be longer ("k.k." folds to "kk")
    return False


_WORD_CHAR = re.compile(r"\w")


def _may_close_listed_name(doc: TokenTable, j: int, lexicon: CompanyLexicon) -> bool:
    """False where a span ending with token j cannot fold to a listed name other than the span without
    it: token j is a plain ASCII word set apart by whitespace (so it ends the folded name), no listed
    name ends with it, and it is no legal suffix (which folding would drop)."""
    word = doc.words[j]
    if not (word.isascii() and word.isalpha()) or doc.ends[j - 1] == doc.starts[j]:
        return True
    lower = word.lower()
    return lower in lexicon.gazetteer_last_words or lower in lexicon.folded_suffixes


def _opens_with_listed_name(doc: TokenTable, start: int, end: int, lexicon: CompanyLexicon) -> bool:
    """Whether a listed name opens the span with its first word ('Tokyo Gas', 'Tokyo Gas America Ltd.'), which
    a name without that word is not ('The Tesla' is Tesla)."""
    return _may_open_listed_name(doc, start, end, lexicon) and any(
        lexicon.fold(doc.span_text(start, cut)) in lexicon.gazetteer
        and lexicon.fold(doc.span_text(start + 1, cut)) not in lexicon.gazetteer
        for cut in range(end, start + 1, -1)
    )


_FISCAL_PERIOD = re.compile(r"(?:FY|CY|Q[1-4]|[1-4]Q|H[12]|[12]H)'?\d{2,4}")


def _strip(doc: TokenTable, start: int, end: int, lexicon: CompanyLexicon) -> tuple[int, int]:
    words = doc.words
    descriptor_suffixes = lexicon.descriptor_suffixes or ("\0",)
    # "Contact Energy (NZE:CEN)": a name a stock ticker follows is whole, its first word too
    if end - start > 1 and _TICKER_AFTER.match(doc.text, doc.ends[end - 1]):
        return start, end
    while start < end:
        word = words[start]
        lower = word.lower()  # (once per word: most spans keep their first one)
        several = end - start > 1
        if several and lower in lexicon.generic and doc.span_text(start, end).lower() in lexicon.outlets:
            break  # "Business Standard" is a newspaper, not "Standard"
        if not (
            lower in lexicon.generic
            or word in _NAME_JOINERS
            # "Rival Kalinga Ispat Ltd": a capitalized role word opening a sentence is not part of the name
            or (word in lexicon.leading_roles and several)
            # "Since FY2020 BHP has invested": a fiscal period before a name is no part of it
            or (several and _FISCAL_PERIOD.fullmatch(word) is not None)
            # "Tenn.-based Acme Health": spaCy keeps the descriptor whole after an abbreviation's period
            or (several and lower.endswith(descriptor_suffixes))
            # "the French Saint-Gobain group", "American Digital Realty": a nationality before a listed name
            or (
                several
                and lower in lexicon.places
                and lexicon.fold(doc.span_text(start + 1, end)) in lexicon.gazetteer
                and lexicon.fold(doc.span_text(start, end)) not in lexicon.gazetteer
            )
            # "the Chinese Orvane Textile International Group": after "the", a nationality describes a
            # name of three words or more (two, "British Steel", may be the name)
            or (
                end - start > 2
                and lower in lexicon.nationalities
                and start > 0
                and doc.words[start - 1].lower() == "the"
                and lexicon.fold(doc.span_text(start, end)) not in lexicon.gazetteer
            )
        ):
            break
        if word in lexicon.honorific_openers and _possessive_business(doc, start + 1, end, lexicon):
            break  # "Dr Reddy's Laboratories", "St. Luke's Health System": named after a person or a saint
        if _opens_with_listed_name(doc, start, end, lexicon):
            break  # a listed name keeps its first word ("Tokyo Gas": TOKYO opens datelines, not this name;
            # "The Southern Company": Southern alone names a region)
        # a sector heading before a name ("Energy Westinghouse") goes, the first word of one does not
        # ("Energy Capital Partners", "Energy Storage Industries"; "Energy Transfer": one word after it that
        # names no sector and no listed company is the name's own)
        heading = word in lexicon.heading_words
        if (
            heading
            and (end - start - 1 > 1 or words[start + 1].lower() not in lexicon.generic)
            and lexicon.fold(doc.span_text(start + 1, end)) not in lexicon.gazetteer
        ):
            break
        start += 1
    # "Acme Energy CEO Jane Doe": the name ends at the title; "... of Acme Industries Limited Jane Doe"
    # (a name said after the company's, its title before both): it ends at the legal form
    for k in range(start + 1, end):
        if words[k] in lexicon.executive_titles or (
            k - start >= 2
            and words[k - 1] in _NAME_ENDING_FORMS
            and words[k] not in lexicon.legal_suffixes
            and words[k] not in _AFTER_FORM
            and words[k][:1].isupper()
        ):
            end = k
            break
    while end > start and words[end - 1] in _TRAILING_JOINERS:
        end -= 1
    return start, end


# legal forms that end a name (not "Co", which opens "Co. Ltd"); what may still follow one
_NAME_ENDING_FORMS = frozenset(
    {"Limited", "Ltd", "Ltd.", "Inc", "Inc.", "Corporation", "Corp", "Corp.", "PLC", "plc"}
)
_AFTER_FORM = frozenset({"Group", "Holdings", "Holding", "&", "Of"})


def _possessive_business(doc: TokenTable, start: int, end: int, lexicon: CompanyLexicon) -> bool:
    """Whether a possessive inside the span precedes a line of business ('Reddy's Laboratories')."""
    words = doc.words
    return any(
        words[k] in {"'s", "’s"} and words[k + 1] in lexicon.industry_words for k in range(start + 1, end - 1)
    )


def _doc_text(doc: TokenTable) -> str:
    """The doc's text."""
    return doc.text


def _sentence_bounds(doc: TokenTable, i: int) -> tuple[int, int]:
    """The token span of the sentence holding token i."""
    return doc.sentence_of[i]


def _context(doc: TokenTable, start: int, end: int, before: int = 6, after: int = 10) -> tuple[str, str]:
    # span_text(max(sent_start, start - before), start) and span_text(end, min(sent_end, end + after)),
    # read from the table directly: this runs for every candidate
    sent_start, sent_end = doc.sentence_of[start]
    starts, ends = doc.starts, doc.ends
    first = start - before if start - before > sent_start else sent_start
    last = end + after if end + after < sent_end else sent_end
    lower = doc.sliced_lower
    if lower is not None:  # (the slices of the text's lower case, made once, not each slice's lower case)
        left = lower[starts[first] : ends[start - 1]] if first < start else ""
        right = lower[starts[end] : ends[last - 1]] if end < last else ""
        return left, right
    text = doc.text
    left = text[starts[first] : ends[start - 1]].lower() if first < start else ""
    right = text[starts[end] : ends[last - 1]].lower() if end < last else ""
    return left, right


def _classify(doc: TokenTable, cand: _Candidate, lexicon: CompanyLexicon, table_names: set[str]) -> None:
    """Set a candidate's kind (company, agency, outlet, person, place) and the signal that decided it."""
    left, right = _context(doc, cand.start, cand.end)
    kind = _kind_by_lexicon(cand.text, lexicon) or _kind_by_appositive(left, right, lexicon)
    if kind is not None and kind[0] == "company" and right.startswith(", "):
        previous = doc.words[cand.start - 1] if cand.start > 0 else ""
        if previous.lower() in {"in", "near", "at"} and _placed(cand.text.split(), previous, right, lexicon):
            kind = ("place", "")  # "a plant in Freeport, Texas": the town, whatever company it names too
    if kind is None and _ends_with_words(left.rstrip(", "), lexicon.place_before):
        kind = ("place", "")  # "X, headquartered in Franklin Lakes, said ..."
    if kind is None and table_names and lexicon.fold(cand.text) in table_names:
        kind = ("company", "table")
    if (
        kind is None
        # (the pattern ends in a colon: look for one before running it)
        and doc.text.find(":", max(0, cand.char_start - 14), cand.char_start) >= 0
        and _EXCHANGE_LEFT.search(doc.text, max(0, cand.char_start - 14), cand.char_start)
    ):
        kind = ("", "")  # "Keswick Foods, Inc. (NYSE: KWF)": a ticker, not another company
    cand.kind, cand.signal = kind or _kind_by_shape_and_context(doc, cand, left, right, lexicon)


_LEXICON_KINDS_KEPT = 1 << 16  # names remembered at most; past that the memo starts again


def _kind_by_lexicon(text: str, lexicon: CompanyLexicon) -> tuple[str, str] | None:
    """Places, outlets, agencies and listed companies, by the lexicons alone (remembered by name)."""
    memo = lexicon.lexicon_kinds
    if text in memo:
        return memo[text]
    if len(memo) >= _LEXICON_KINDS_KEPT:
        memo.clear()
    kind = memo[text] = _lexicon_kind(text, lexicon)
    return kind


def _lexicon_kind(text: str, lexicon: CompanyLexicon) -> tuple[str, str] | None:
    words = text.split()
    lower = text.lower()
    folded = lexicon.fold(text)
    if (
        not folded
        or lower in lexicon.generic
        or text in lexicon.legal_suffixes
        or text in lexicon.executive_titles
    ):
        return ("", "")  # a legal form alone ("Ltd.") names nobody, nor a title ("Group Chief Executive")
    if lower in lexicon.places or folded in lexicon.places:
        return ("place", "")
    if len(words) > 1 and words[0] in lexicon.compass_words and " ".join(words[1:]).lower() in lexicon.places:
        return ("place", "")  # "South Boston", "East Anglia": a part of a place
    if (
        len(words) == 2
        and words[0].lower() in lexicon.nationalities
        and words[1].endswith("s")
        and _descriptor_noun(words[1].lower(), lexicon)
        and words[1] not in lexicon.industry_words  # ("American Airlines" is one)
        and folded not in lexicon.gazetteer
    ):
        return ("", "")  # "Chinese Shipbuilders": a kind of company, named by its country
    if text in lexicon.public_figures or (
        not lexicon.title_words.isdisjoint(words) and folded not in lexicon.gazetteer
    ):
        # "Commerce Secretary Howard Lutnick", a head of government (a listed name with a title's word in it,
        # "MP Materials", stays the company)
        return ("person", "")
    if lower in lexicon.outlets or folded in lexicon.outlets:
        return ("outlet", "")
    # a private firm's legal form beats an agency word inside the name ("Kestrel Kingdom Rides LLC")
    private = len(words) > 1 and words[-1] in lexicon.private_legal_forms
    if lower in lexicon.agencies or (
        not private
        and (
            not lexicon.agency_words.isdisjoint(
                words[1:] if words[0] in lexicon.agency_words_not_first else words
            )
            # a phrase of several words is in a name of several: one without a space holds none
            or (" " in lower and any(phrase in lower for phrase in _agency_phrases(lexicon.agency_words)))
        )
    ):
        return ("agency", "")
    if folded in lexicon.gazetteer and text not in lexicon.region_short_forms:
        return ("company", "gazetteer")  # ("Southern" alone is a region, "The Southern Company" a company)
    return None


@lru_cache(maxsize=64)
def _agency_phrases(agency_words: frozenset[str]) -> tuple[str, ...]:
    """The agency words of more than one word, in lower case."""
    return tuple(phrase.lower() for phrase in agency_words if " " in phrase)


_AGENCY_APPOSITIVE = re.compile(
    r"^\s*,\s*(?:a|an|the)\s+([^,;.]{0,60}?)\s+(?:of|for|that|which|created|set)\b"
)
# a period inside an initialism ("a u.s. dairy company") does not end the appositive (context is lower case)
_APPOSITIVE_CHAR = r"(?:[^,;.]|(?<=\b[a-z])\.(?=[a-z]\.|\s))"
_DESCRIBED = re.compile(rf"^\s*,\s*(?:a|an|the)\s+({_APPOSITIVE_CHAR}{{0,80}})")
_DESCRIPTOR_APPOSITIVE = re.compile(
    rf"^\s*,\s*(?:a|an|the|its|their|one\s+of\s+(?:the|its|their))\s+({_APPOSITIVE_CHAR}{{0,80}}?)"
    rf"(?:,|;|(?<!\b[a-z])\.|$)"
)


def _kind_by_appositive(left: str, right: str, lexicon: CompanyLexicon) -> tuple[str, str] | None:
    """'X, a program of the Office of ...', 'JobsOhio, the state's economic development corporation'."""
    if "," in right:  # (both patterns open with a comma: most names have none after them)
        appositive = _AGENCY_APPOSITIVE.match(right)
        if appositive and appositive.group(1).split()[-1] in lexicon.agency_appositive:
            return ("agency", "")
        described = _DESCRIBED.match(right)
        if described and any(w in described.group(1) for w in lexicon.agency_described):
            return ("agency", "")
    if left.endswith(lexicon.agency_left):
        return ("agency", "")  # "state investor X"
    return None


def _kind_by_shape_and_context(
    doc: TokenTable, cand: _Candidate, left: str, right: str, lexicon: CompanyLexicon
) -> tuple[str, str]:
    """Legal suffixes and industry words in the name; outlet, person, descriptor and investor contexts."""
    words = cand.text.split()
    text = _doc_text(doc)
    listed = _kind_by_origin(text, cand, words, right, lexicon)
    if listed is not None:
        return listed
    previous = doc.words[cand.start - 1] if cand.start > 0 else ""
    if _placed(words, previous, right, lexicon):
        return ("place", "")
    if " of " in left and _PORTFOLIO_LEFT.search(left):
        return ("agency", "")  # "the Minister of Forests and Natural Resources": a portfolio, not a company
    thing = _names_a_thing(words, previous, left, right, lexicon)
    if thing is not None:
        return (thing, "")
    # (the pattern opens with an apostrophe: look for one before running it)
    possessive = (
        _POSSESSIVE_NAME.match(text, cand.char_end)
        if text[cand.char_end : cand.char_end + 1] in _APOSTROPHES
        else None
    )
    if possessive and possessive.group(1).split()[-1] in lexicon.project_heads:
        return ("", "")  # "Moore's Chapel Road", "Kestrel's Hilltop Mine": a place named after someone
    if words[-1] in lexicon.legal_suffixes and len(words) > 1:
        return _by_legal_form(words, lexicon)
    if _ends_with_words(left, lexicon.outlet_before) or right.startswith(lexicon.outlet_after):
        return ("outlet?", "")
    if _looks_like_person(left, right, words, lexicon):
        return ("person", "")
    if left.rstrip().endswith("(") and _CITATION_RIGHT.match(right):
        return ("outlet", "")  # "(Supply Chain Digital, 2025)": a source cited, not a party
    if (
        right.startswith(":")
        and _BULLET_LEFT.match(text[text.rfind("\n", 0, cand.char_start) + 1 : cand.char_start])  # line start
        and not _BULLET_ITEM_RIGHT.match(right)
    ):
        return ("", "")  # "• Quantum Computing Goals: To ...": a label ("- Acme Power: $3 billion" lists one)
    if (
        len(words) > 1
        and any(w in lexicon.industry_words for w in words[1:])
        and not _common_phrase(words, lexicon)
    ):
        return ("company", "industry")
    after = text[cand.char_end : cand.char_end + 140].lower() if text.startswith(",", cand.char_end) else ""
    if (
        _descriptor_context(left, right, lexicon, after)
        or _BUILT_BY_LEFT.search(left)
        or _opened_by_its_amount(doc, cand)
        or (_AIDED_LEFT.search(left) and _AIDED_RIGHT.match(right))
        # "the Orvane group said": a business group named with a lower-case 'group'
        or (left.rstrip().endswith(" the") and _LOWER_GROUP.match(text, cand.char_end))
    ):
        # (also "a facility by X", "inaugurated on Wednesday by X", "aid to support X in building a plant")
        return ("company", "context")
    # a bare apostrophe is a plural's possessive ("Orvane Sands’ expansion") or a closing quote ("the 'Elevate
    # BUR' project"): only after a name that ends in s
    quoted = right[:1] in _APOSTROPHES and right[1:2] != "s" and not cand.text.endswith("s")
    if (
        not quoted
        and _investor_context(_without_origin(left, right, lexicon))
        and not (
            _sentence_bounds(doc, cand.start)[0] == cand.start  # it opens its sentence
            and len(words) == 1
            and words[0].lower().endswith(_COMMON_WORD_ENDINGS)  # with a common word
        )
    ):
        # but "Trying to build ..." opens a sentence with a verb, "Construction was paused ..." with a noun
        return ("company", "investor")
    return _kind_by_what_follows(doc, cand, right, lexicon)


def _heads_a_section(text: str, cand: _Candidate, lexicon: CompanyLexicon) -> bool:
    """A name alone on its line over a paragraph that opens with it or with a word for a company: a
    round-up's section ('Harvik' over 'The tray maker has paused ...' or 'Harvik said ...')."""
    if text[cand.char_end : cand.char_end + 1] != "\n" or (
        cand.char_start > 0 and text[cand.char_start - 1] != "\n"
    ):
        return False  # (most names stand inside a line: the cheap test first)
    nxt = text[cand.char_end + 1 : cand.char_end + 120]
    if nxt.startswith(cand.text) and nxt[len(cand.text) : len(cand.text) + 1] in (" ", "\u2019", "'"):
        return True
    opening = _REFERENCE_OPENING.match(nxt)
    return (
        opening is not None
        and opening.group(1).lower() in lexicon.descriptor_nouns
        and len(cand.text.split()) <= 4
    )


# "The EV battery cell maker has ...": 'The', at most four describing words, a noun, a verb
_REFERENCE_OPENING = re.compile(
    r"The\s+(?:[\w.-]+\s+){0,4}?([a-z][\w-]*)\s+(?:has|have|is|are|was|were|will|said|plans|announced)\b"
)


def _kind_by_what_follows(
    doc: TokenTable, cand: _Candidate, right: str, lexicon: CompanyLexicon
) -> tuple[str, str]:
    """A list item's name ('* X - nearly $900 million'), the owner of an amount ("X's $3.1 billion"), or a
    section's heading."""
    text = _doc_text(doc)
    if _heads_a_section(text, cand, lexicon):
        return ("company", "heading")
    if _BULLET_ITEM_RIGHT.match(right) and _BULLET_LEFT.match(
        text[
            doc.starts[_sentence_bounds(doc, cand.start)[0]] : cand.char_start
        ]  # the sentence up to the name
    ):
        return ("company", "list_item")  # "* Fairhaven Shipyards - nearly $900 million to ..."
    if _AMOUNT_RIGHT.match(right) and _amount_list_item(doc, cand, text):
        return ("company", "list_item")  # "..., Orvane Mills Rs 1,024 crore and Harlow Yarns Rs 800 crore"
    if (
        text[cand.char_end : cand.char_end + 1] in _APOSTROPHES
        and _OWNS_AN_AMOUNT.match(text, cand.char_end, cand.char_end + 40)
        and (cand.start == 0 or doc.words[cand.start - 1].lower() not in _NAME_CONTINUERS)
    ):
        # "the green light for Kestrel's $3.1 billion data centre" (not "the Port of Halden and Kestrel's")
        return ("company", "owner")
    return ("", "")


def _common_phrase(words: list[str], lexicon: CompanyLexicon) -> bool:
    """A title-case phrase of common words and industry words only ('Natural Gas', 'Offshore Energy')."""
    return all(
        w in lexicon.industry_words or w.lower() in lexicon.generic_name_words or w.lower().startswith("non-")
        for w in words
    )


def _by_legal_form(words: list[str], lexicon: CompanyLexicon) -> tuple[str, str]:
    """A name ending in a legal form is a company; legal forms alone ('Co., Ltd.' left after a unit's
    bracket) name nothing."""
    if all(w.rstrip(",") in lexicon.legal_suffixes for w in words):
        return ("", "")
    return ("company", "suffix")


def _opened_by_its_amount(doc: TokenTable, cand: _Candidate) -> bool:
    """A name right after a sentence's opening phrase that holds an investment's amount: 'With an
    investment of about $20 million, Velora Apparel will build ...'."""
    text = _doc_text(doc)
    if "," not in text[max(0, cand.char_start - 3) : cand.char_start]:
        return False  # (most names: no pattern to run)
    opening = text[doc.starts[_sentence_bounds(doc, cand.start)[0]] : cand.char_start]
    return bool(_AMOUNT_OPENING.match(opening))


# "With an estimated investment of about $45 million, ", "At a cost of Rs 400 crore, "
_AMOUNT_OPENING = re.compile(
    r"(?:with|at|for)\s+(?:an?|the|its)\s+(?:(?:total|estimated|initial|overall|planned|proposed)\s+)*"
    r"(?:investment|cost|outlay|capex|capital\s+expenditure)(?:\s+(?:cost|value|outlay|budget))?\s+of\s+"
    r"[^,;]{1,45},\s*$",
    re.IGNORECASE,
)


def _amount_list_item(doc: TokenTable, cand: _Candidate, text: str) -> bool:
    """A name right after a list's comma or 'and' and right before its amount, in a sentence that lists
    three names so, each with its amount: a list of who proposed how much."""
    before = text[max(0, cand.char_start - 6) : cand.char_start]
    if not _LIST_ITEM_LEFT.search(before):
        return False
    first, last = _sentence_bounds(doc, cand.start)
    sentence = text[doc.starts[first] : doc.ends[last - 1]]
    return len(_NAME_AND_AMOUNT.findall(sentence)) >= 3


# an amount right after a name: a currency sign or code, then a digit (`right` is lower case)
_AMOUNT_RIGHT = re.compile(r"(?:rs\.?|inr|usd|eur|gbp|[$€£¥₹]|us\$)\s?\d")
_LIST_ITEM_LEFT = re.compile(r"(?:,|\band)\s+$")
_NAME_AND_AMOUNT = re.compile(
    r"\b[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*\s+(?:Rs\.?|INR|USD|EUR|GBP|[$€£¥₹]|US\$)\s?\d"
)


# a sentence's one capitalized opening word with these endings is a verb, an adverb or an abstract noun
_COMMON_WORD_ENDINGS = ("ing", "ed", "ly", "tion", "sion", "ment")
_NAME_CONTINUERS = frozenset({"and", "of", "&", "the"})
# a name whose possessive opens an amount owns that money's project ("Kestrel's proposed $3.1 billion ...")
_OWNS_AN_AMOUNT = re.compile(r"['’]s\s+(?:[a-z]+\s+){0,2}(?:[A-Z]{0,3}\$|€|£|¥)\s?\d")


def _placed(words: list[str], previous: str, right: str, lexicon: CompanyLexicon) -> bool:
    """A town named as a place: 'in Freeport, Texas.' (a state or country after its comma, then the clause
    ends), or 'In Ludwigshafen, BASF said' (a sentence's opening 'In'); a name with a line of business stays a
    name."""
    if not right.startswith(", "):
        return False
    if words[-1] in lexicon.legal_suffixes or any(w in lexicon.industry_words for w in words):
        return False
    after = right[2:]
    for place in _first_places(after, lexicon):
        rest = after[len(place) :]
        if not rest or rest[0] in ",.;:)" or rest.startswith((" to ", " where ", " and ")):
            return True
    return previous == "In" and len(words) == 1


def _first_places(after: str, lexicon: CompanyLexicon) -> list[str]:
    """The places among the first one to three words after a comma (lower case, as `right` is)."""
    parts = [part.strip(".;:)") for part in after.replace(",", " ").split()]
    return [" ".join(parts[:n]) for n in (1, 2, 3) if " ".join(parts[:n]) in lexicon.places]


def _kind_by_origin(
    text: str, cand: _Candidate, words: list[str], right: str, lexicon: CompanyLexicon
) -> tuple[str, str] | None:
    """A name told by the country after it: an investor in an approval list ('Orvane DC from Korea (3.1
    billion baht)') or a local unit ('Halden Circuits (Vietnam) Co')."""
    if (
        "from " in right[:40]
        and _ORIGIN_ITEM_RIGHT.match(text, cand.char_end, cand.char_end + 110)
        and not {w.lower() for w in words} & _FLOW_WORDS
    ):
        return ("company", "list_item")
    country = _place_bracket(text, cand.char_end, lexicon) if right.startswith("(") else None
    if (
        country
        and (
            len(words) > 1
            # "Jinnor (Hong Kong) Limited": one word too, where a legal form follows the bracket
            or _LEGAL_FORM_AFTER.match(text, country.end(), country.end() + 20)
        )
        and _UNIT_AFTER.match(text, country.end(), country.end() + 20)
    ):
        return ("company", "subsidiary")
    left = text[max(0, cand.char_start - 40) : cand.char_start].lower()
    owner = _COUNTRY_POSSESSIVE_LEFT.search(left)
    if owner and owner.group(1) in lexicon.places:
        return ("company", "origin")  # "a $60 million plant by Taiwan's Orvane": a country's company
    return None


# a minister's or a ministry's portfolio before a name (`left` is lower case)
_PORTFOLIO_LEFT = re.compile(
    r"\b(?:minister|ministry|secretary|department)\s+(?:of|for)(?:\s+[\w&,-]+){0,4}$"
)
# "by Singapore's", "from Taiwan’s": a country's company after a preposition of who invests (lower case)
_COUNTRY_POSSESSIVE_LEFT = re.compile(r"\b(?:by|from|with)\s+([a-z][a-z .-]{1,30}?)['’]s\s+$")
# the legal forms that go on a local unit's name after its country in brackets ("X (Thailand) Co., Ltd.")
_UNIT_LEGAL_FORMS = r"Co\b|Company|Ltd|Limited|Inc|Corp|PCL|Pte|Sdn|Pvt|Private|LLC|GmbH|S\.A\.|plc|PLC|JSC"
_LEGAL_FORM_AFTER = re.compile(rf"\s*(?:{_UNIT_LEGAL_FORMS})")
# "Applications from Japan (38 billion baht)", "Foreign Direct Investment from Vietnam": flows, not investors
_FLOW_WORDS = frozenset(
    {
        "investment",
        "investments",
        "applications",
        "application",
        "exports",
        "imports",
        "projects",
        "inflows",
        "approvals",
        "pledges",
        "fdi",
        "capital",
        "funds",
        "funding",
        "trade",
        "total",
        "orders",
    }
)
# after "X (Thailand)": a legal form, an appositive or a verb, as a local unit's name goes on ("... Co.", ", a
# subsidiary of"); a place in brackets is followed by "and" or the sentence's end
_UNIT_AFTER = re.compile(rf"\s*(?:,|{_UNIT_LEGAL_FORMS}|will|has|is|was|said|plans|received|announced)")


def _names_a_thing(
    words: list[str], previous: str, left: str, right: str, lexicon: CompanyLexicon
) -> str | None:
    """The kind of a name that is an outlet, a product or a project by its shape, else None."""
    if len(words) == 1 and _MODEL_CODE.fullmatch(words[0]) and not _investor_context(right):
        return "product"  # "A100", "GB300": a model code, which a list of suppliers must not take in
    if (words[-1] in lexicon.outlet_words or not _MEDIA_WORDS.isdisjoint(words)) and not _investor_context(
        right
    ):
        return "outlet"  # (but "Earth & Wire's R40 billion project" is its owner's)
    if len(words) == 1:
        # "Campus" left of "Start Campus" by its generic first word: a project's head word alone names nothing
        return "" if previous == "Project" or words[0] in lexicon.project_heads else None
    if words[-1] in lexicon.project_heads:
        return ""  # "the Permian Power Complex" names a project, not its owner
    if right.startswith(_SEGMENT_AFTER):
        return ""  # "the Advanced Materials segment": a part of a company's business, not a company
    if _PROGRAMME_AFTER.match(right) and (
        words[0].endswith("ing") or any(w.lower() in lexicon.places for w in words)
    ):
        # "a new Transforming Coastal Manufacturing program", "the Ohio Clean Power scheme": a government's
        # programme (but "the Breakwater Energy Fund program" is a backer's)
        return ""
    head = next((k for k in range(1, len(words) - 1) if words[k] in lexicon.project_heads), None)
    if head is not None and all(w.lower() in lexicon.places for w in words[head + 1 :]):
        return ""  # "BlueOval Battery Park Michigan": a project and its place
    if (
        len(words) > 1
        and _PROJECT_AFTER.match(right)
        and _DETERMINER_BEFORE.search(left)
        and words[-1] not in lexicon.legal_suffixes
    ):
        # "the $2.5 billion Saltmarsh Bay Offshore Wind project", "the ministry's Lakeside Water Link project"
        # (named elsewhere, a company again)
        return ""
    if previous == "Project":
        return ""  # "Project Falcon": a code name
    if words[-1] not in lexicon.legal_suffixes and _MADE_BY_RIGHT.match(right):
        # "the new R300 million Jam Canning Manufacturing plant by Orvane Foods": its maker follows
        return ""
    if words[-1] not in lexicon.legal_suffixes and _IS_A_PROJECT.match(right):
        return ""  # "The Lakeside Water Link is a $90 million project funded by ...": the project's own name
    return None


_FROM_PLACE = re.compile(
    r"^\s*from\s+(?:the\s+)?([a-z]+(?:\s+[a-z]+)?)\s+(?=will|has|is|plans|would|had|intends)"
)


def _without_origin(left: str, right: str, lexicon: CompanyLexicon) -> str:
    """The words after a name in a list without the place it comes from ('..., Cellnex from Spain will
    invest'); a name opening its sentence keeps them ('Tourists from China will spend')."""
    if not left.rstrip().endswith((":", ",", " and", " while")):
        return right  # not in a list (most names): no pattern to run
    origin = _FROM_PLACE.match(right)
    return right[origin.end() :] if origin and origin.group(1) in lexicon.places else right


_SEGMENT_AFTER = ("segment", " segment", "division", " division")
_PROGRAMME_AFTER = re.compile(r"(?:program|programme|scheme|initiative)s?\b")
_PROJECT_AFTER = re.compile(r"^\s*(?:project|projects)\b")
# (`right` is lower case) "X plant by Y", "X project by Y": the name says what is built, Y builds it
_MADE_BY_RIGHT = re.compile(
    r"^\s*(?:plant|factory|facility|mill|refinery|project|centre|center|campus|hub|complex)\s+by\s+\S"
)
# (`right` is lower case) "is a $90 million project", "was an 800 MW scheme", not "is a project developer"
_IS_A_PROJECT = re.compile(
    r"^\s*(?:is|was|will\s+be)\s+(?:a|an)\s+(?:[^\s,;]+\s+){0,4}?(?:project|scheme|programme|program)\b"
    r"(?!\s*(?:developer|developers|company|firm|manager|managers|operator|owner|sponsor|management)\b)"
)
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|its|their|a|an)|\w['’]s)(?:\s+(?:\S*\d\S*\s*(?:billion|million|bn|mn|m|mw|gw|mwh|gwh)?\s*)?(?:-\s*)?)?$"
)
_MODEL_CODE = re.compile(r"[A-Z]{1,3}\d{2,4}[A-Za-z]?")
_POSSESSIVE_NAME = re.compile(r"['’]s((?:\s+[A-Z][\w-]*){1,3})")
_APOSTROPHES = ("'", "’")
_MEDIA_WORDS = frozenset({"Media", "Newswire"})


def _ends_with_words(text: str, phrases: tuple[str, ...]) -> bool:
    """Whether text ends with one of the phrases as whole words ('developer' does not end with 'per')."""
    whole, endings = _word_endings(phrases)
    return text in whole or text.endswith(endings)


@lru_cache(maxsize=64)
def _word_endings(phrases: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The phrases, and each with the space or bracket that starts it, for one str.endswith call."""
    return frozenset(phrases), tuple(e for p in phrases for e in (" " + p, "(" + p))


def _headline_case(doc: TokenTable, start: int) -> bool:
    """Whether the sentence holding a token is written in Title Case (most words capitalized); found once a
    sentence (several names and words of one sentence ask)."""
    sent_start, sent_end = _sentence_bounds(doc, start)
    known = doc.headline_case.get(sent_start)
    if known is None:
        known = doc.headline_case[sent_start] = _title_case(doc, sent_start, sent_end)
    return known


def _title_case(doc: TokenTable, sent_start: int, sent_end: int) -> bool:
    words = [
        w
        for w, alpha in zip(doc.words[sent_start:sent_end], doc.is_alpha[sent_start:sent_end], strict=True)
        if alpha and len(w) > 3
    ]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


_PERSON_TITLE = re.compile(
    r"^\s*,\s+(?:(?:a|an|the|its|their)\s+)?(?:[\w'’.&-]+\s+){0,3}"
    r"(?:director|chief|president|ceo|cfo|manager|spokesperson|spokesman|spokeswoman|secretary|minister|"
    r"governor|chairman|chairwoman|chair|analyst|economist|strategist|professor|executive|head|founder|officer|"
    r"commissioner|mayor|senator|lawmaker|representative|adviser|advisor|researcher|engineer|reporter|"
    # ", Africa's richest man,": a person described by wealth or trade
    r"man|woman|billionaire|tycoon|magnate|businessman|businesswoman|entrepreneur|industrialist|philanthropist)\b"
)


def _looks_like_person(left: str, right: str, words: list[str], lexicon: CompanyLexicon) -> bool:
    # (the name's shape is read last: most names fail the tests of their context first)
    if len(words) == 1:  # "Governor Youngkin", "Premier Eby": a title before a surname
        last = left.rsplit(None, 1)[-1:]
        return bool(last) and last[0].capitalize() in lexicon.title_words and _person_shaped(words)
    if (
        len(words) not in (2, 3)
        or words[0].endswith(".")
        or right.startswith(", which ")
        or not _person_shaped(words)
    ):
        return False  # (", which is investing": a business, whatever stands before the name)
    if words[-1] in lexicon.industry_words and not _PERSON_TITLE.match(right):
        return False  # "Sakura Heavy Industries, said": a business; "Jane Steel, a spokesperson" a person
    if _BUILT_BY_LEFT.search(left):
        return False  # "a coating line by Velmar Films": a business builds it
    if any(w in lexicon.industry_words for w in words[1:]) and (
        _investor_context(right) or left.rstrip().endswith(" by")
    ):
        return False  # "a plant by Tessaly Power", "officials said Keswick Data plans ...": a business
    return (
        _ends_with_words(left.rstrip(", "), lexicon.person_before)
        or right.startswith(lexicon.person_after)
        or bool(_PERSON_TITLE.match(right))
    )


def _person_shaped(words: list[str]) -> bool:
    """Each word capitalized and lower case after its capital; a middle initial is part of a person's name
    ("David A. Ricks")."""
    return all(w[:1].isupper() and (w[1:].islower() or w[1:] == ".") for w in words)


def _descriptor_context(left: str, right: str, lexicon: CompanyLexicon, after: str = "") -> bool:
    """'contractor X', 'X, a California start-up,', 'X, the ... engineering firm', 'X, a wafer dicing,
    bumping and test specialist,' (`after`: the text after the name, lower case, past the context)."""
    left_words = left.replace(",", " ").split()
    if left_words and left_words[-1] in lexicon.descriptor_nouns:
        return True
    appositive = _DESCRIPTOR_APPOSITIVE.match(right) if "," in right else None  # (it opens with a comma)
    if appositive:
        nouns = appositive.group(1).split()[:6]
        if any(_descriptor_noun(word, lexicon) for word in nouns):
            return True
    listed = _LISTING_APPOSITIVE.match(after) if after else None
    return listed is not None and listed.group(1) in lexicon.descriptor_nouns


def _descriptor_noun(word: str, lexicon: CompanyLexicon) -> bool:
    """A descriptor noun or its plural ('one of the largest healthcare providers'), in lower case."""
    return word in lexicon.descriptor_nouns or (word.endswith("s") and word[:-1] in lexicon.descriptor_nouns)


# an appositive listing lines of business before its noun: ", a wafer dicing, bumping, and test (DBT)
# specialist,"
_LISTING_APPOSITIVE = re.compile(
    r"\s*,\s*(?:a|an|the)\s+[^;.]{0,100}?([a-z-]+)\s*,\s+(?:is|has|was|will|said|plans)\b"
)


# "X plans to invest", "X said it would spend", "X will build", "X's $2 billion plant"
_INVESTOR_RIGHT = re.compile(
    r"^(?:'s|’s)?\s*(?:\([^()]{1,40}\)\s*)?(?:,[^,]{0,60},\s*|,\s*(?:which|who)\s+)?"
    r"(?:(?:officially\s+)?(?:said|says|announced|confirmed)\s+(?:that\s+)?"
    # ("said on Tuesday it", and the wires' "said Friday it")
    r"(?:it|(?:on\s+\w+|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?:it|that\s+it))\s+)?"
    r"(?:plans?|planned|intends?|aims?|expects?|agreed|is\s+set|will|would|is|was|are|were|has|had|have|also)?\s*"
    r"(?:(?:now|also|still|further|soon|then|jointly|together|itself)\s+)?"
    r"(?:to\s+|be\s+|been\s+|going\s+to\s+)?(?:invest|investing|invested|spend|spending|build|building|"
    # "X is moving ahead with a $12 million expansion", "X is allocating R$3 billion to"
    r"(?:moving|moves|moved|pressing|presses|pressed|pushing|forging|going|goes)\s+ahead\s+(?:with|on)\b|"
    r"proceeding\s+with\b|"
    r"(?:allocating|allocates|allocated|allocate)(?=\s+(?:about\s+|around\s+|over\s+|nearly\s+|up\s+to\s+|"
    r"more\s+than\s+|an\s+additional\s+|another\s+)?(?:[$€£¥₹\d]|[a-z]{1,3}\$|rs\.?\s?\d))|"
    # ("a saver who reaches Leanfire spends less than most": a present tense with an amount after it only)
    r"(?:invests|spends)(?=\s+(?:about\s+|over\s+|nearly\s+|up\s+to\s+|more\s+than\s+)?[$€£¥₹\d])|"
    r"planning\s+an?\s|"
    # ("committed to operating from the airport" is no investment)
    r"committed(?!\s+to\s+(?!investing|spending|building|expanding|developing)\w+ing\b)|commits|"
    r"dedicating|dedicates|"
    r"pledged|pledges|commit|earmarked|contributes?(?=\s+(?:about\s+|up\s+to\s+)?[$€£¥\d])|put\s+forward|poured|pour|announced\s+(?:(?:in|on)\s+\w+\s+)?(?:a|an|plans)|unveiled|"
    r"(?:revealed|disclosed|outlined)\s+(?:(?:in|on)\s+\w+\s+)?plans(?!\s+(?:by|for|of)\b)|"
    r"inaugurated|inaugurating|inaugurates|completed\s+(?:its|the|a|construction)|began\s+(?:production|operations)|"
    r"broke\s+ground|began\s+construction|suspended|scrapped|cancell?ed|postponed|shelved|paused|"
    r"resumed|expands|expanded|will\s+expand|halted|delayed|froze|abandoned|axed|mothballed|terminated|withdrew|"
    r"withdrawn|hit\s+the\s+brakes\s+on|put\s+on\s+hold)\b"
    # "X as an investor in ..."
    r"|^\s*,?\s*as\s+(?:an?\s+)?(?:lead\s+|anchor\s+|equity\s+)?(?:investor|backer|sponsor)\b"
)
_POSSESSIVE_PROJECT = re.compile(
    # (a plural's bare apostrophe too, and an abbreviation it defines: "Orvane Sands’ (OS) expansion project")
    r"^(?:'s|’s|['’](?=\s))\s+(?:\([A-Za-z]{2,6}\)\s+)?(?:[^\s]+\s+){0,4}?(?:plant|factory|project|investment|"
    r"pledge|facility|fab|mill|expansion|refinery|campus|shipyard|site)\b"
)


# an exchange's code and a ticker in brackets after a name: "(NYSE: KWF)", "(NZE:CEN, ASX:CEN)"
_TICKER_AFTER = re.compile(r"\s*\(\s*[A-Z]{2,6}\s*:\s*[A-Z0-9][A-Z0-9.]{0,7}\s*[,)]")
_EXCHANGE_LEFT = re.compile(r"\(\s*[A-Za-z]{2,8}\s*:\s*$")
_BUILT_BY_LEFT = re.compile(
    r"\b(?:plant|facility|factory|gigafactory|complex|mill|refinery|fab|inaugurated|built|constructed|"
    r"developed|commissioned)\s+(?:[\w$.,-]+\s+){0,3}?by$"
)
# public money that helps a business build: "state aid to support X in building", "to help X build"
_AIDED_LEFT = re.compile(
    r"\b(?:support|supports|supporting|help|helps|helping|assist|assists|enable|enables)$"
)
_AIDED_RIGHT = re.compile(
    r"^(?:in\s+)?(?:build|building|construct|constructing|expand|expanding|set\s+up|setting\s+up)\b"
)
_LOWER_GROUP = re.compile(r" (?:group|conglomerate)\b(?!\s+[A-Z])")  # not "the Sino-European group Gotion"
_TICKER_END = re.compile(r"\s+(?:[A-Z]{1,5}|\d{4,6})\.[A-Z]{1,2}$")
_EXCHANGE_TICKER_END = re.compile(r"\s+[A-Z]{2,5}-(?:T|N|Q|X|A|V|UN|CN)$")  # "Halden Gold HLG-T"
_CITATION_RIGHT = re.compile(r"^\s*,\s*(?:19|20)\d\d\s*\)")
_WIRE_DATELINE = re.compile(r"^.*\)\s*[-–—]+\s*|^[^\s】]*】\s*")  # "【2024-10-30】KKR": a date label too
# "X from Korea (3.1 billion baht)", "X from Canada, with an investment value of ..."
_ORIGIN_ITEM_RIGHT = re.compile(
    r"(?:\s*\([^()]{1,30}\))?\s+from\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}\s*"
    r"(?:\(\s*(?:about\s+|around\s+|up\s+to\s+)?(?:[$€£¥₩₹]|[A-Z]{2,3}\$|[A-Z]{3}\s|\d)|,\s+with\s+(?:an?\s+)?investment)"
)
_COUNTRY_BRACKET = re.compile(r"\s*\(([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)\)")
_BULLET_LEFT = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+$")
_BULLET_ITEM_RIGHT = re.compile(
    r"^\s*[-–—:]\s+(?:\S+\s+){0,3}?[$€£¥₩₹]|^\s*[-–—:]\s+(?:\S+\s+){0,3}?(?:us|a|c|nt|hk)\$"
)


# "X plans up to $4 billion for ...", "X set aside ₹7,500 crore", "X pledged $650 million"
_PLEDGES_AMOUNT = re.compile(
    r"^(?:(?:also|will|would|has|had|now)\s+)?(?:plans?|planned|pledged?|pledges|committed|commits|earmarked|"
    r"set\s+aside|sets\s+aside|put\s+forward|puts\s+forward|listed|entered|proposed|proposes|"
    r"(?:will|would)\s+(?:spend|invest|put)|(?:is|are)\s+putting|puts)\s+(?:(?:up\s+to|about|around|roughly|nearly|some|more\s+than|"
    r"at\s+least|as\s+much\s+as|an\s+additional|another|a)\s+)?(?:[$€£¥₩₹]|us\$|a\$|c\$|usd|eur|aed|sar|rs)"
)


# "X opened its first U.S. carton plant", "X is setting up a new warehouse", "X plans a second mill": a
# business opens, sets up or plans a site (`right` is lower case)
_BUILDS_A_SITE = re.compile(
    r"^(?:(?:also|will|would|has|had|now|is|was|are|were|to|recently|officially)\s+){0,2}"
    r"(?:open|opens|opened|opening|set\s+up|sets\s+up|setting\s+up|establish|establishes|established|"
    r"establishing|construct|constructs|constructed|constructing|develop|develops|developing|plans|planned)\s+"
    r"(?:its|a|an|their|the)\s+(?:[^\s,;]+\s+){0,5}?"
    r"(?:plant|factory|facility|mill|campus|centre|center|hub|warehouse|refinery|smelter|fab|headquarters|"
    r"studio|studios|terminal|distribution|manufacturing|production|expansion)\b"
)


def _investor_context(right: str) -> bool:
    """A name that is the subject of an investment verb, or whose possessive owns a project."""
    right = right.lstrip()
    return bool(
        _INVESTOR_RIGHT.match(right)
        or (right[:1] in _APOSTROPHES and _POSSESSIVE_PROJECT.match(right))  # (it opens with 's or ’s)
        or _PLEDGES_AMOUNT.match(right)
        or _BUILDS_A_SITE.match(right)
    )


def _abbreviations(doc: TokenTable, found: list[_Candidate], kind: str = "company") -> dict[str, str]:
    """Abbreviations the text defines for names of a kind: 'Full Name (ABBR)' -> ABBR maps to Full Name."""
    defined: dict[str, str] = {}
    for cand in found:
        if cand.kind != kind or cand.end + 2 >= len(doc):
            continue
        if doc.words[cand.end] == "(" and doc.words[cand.end + 2] == ")":
            abbr = doc.words[cand.end + 1]
            if abbr.isupper() and 2 <= len(abbr) <= 6:
                defined[abbr] = cand.text
        elif (
            _TICKER_AFTER_FORM.fullmatch(doc.words[cand.end])
            and cand.text.endswith(".")
            and (doc.words[cand.end + 1] in {",", "(", ")"})
        ):
            # "Orvane Waste Inc. OWI, the ...": a ticker right after the legal form
            defined[doc.words[cand.end]] = cand.text
    return defined


_TICKER_AFTER_FORM = re.compile(r"[A-Z]{2,5}")


def find_companies(
    doc: Doc, lexicon: CompanyLexicon, table_names: set[str], excluded: list[tuple[int, int]]
) -> tuple[list[CompanyMention], list[CompanyMention]]:
    """Companies and agencies named in a spaCy Doc, as mentions with canonical names."""
    table = TokenTable.of(doc)
    return _find_companies(table, lexicon, table_names, excluded, *_shapes(doc, table))


def _find_companies(
    doc: TokenTable,
    lexicon: CompanyLexicon,
    table_names: set[str],
    excluded: list[tuple[int, int]],
    name_like: list[bool],
    camel_case: list[int],
) -> tuple[list[CompanyMention], list[CompanyMention]]:
    candidates: list[_Candidate] = []
    for start, end in _spans(doc, lexicon, name_like, camel_case):
        start, end = _strip(doc, start, end, lexicon)
        if start >= end:
            continue
        end = _cut_after_listed_name(doc, start, end, lexicon)
        cand = _Candidate(start, end, doc.span_text(start, end), doc.starts[start], doc.ends[end - 1])
        # (each pattern needs a character most names lack: look for it before running the pattern)
        if ("." in cand.text or "-" in cand.text) and (
            ticker := _TICKER_END.search(cand.text) or _EXCHANGE_TICKER_END.search(cand.text)
        ):
            # "Century Aluminum CENX.O": a wire's instrument code after the name
            cand.text, cand.char_end = cand.text[: ticker.start()], cand.char_start + ticker.start()
        if (")" in cand.text or "】" in cand.text) and (wire := _WIRE_DATELINE.match(cand.text)):
            # "DENVER–(BUSINESS WIRE)–Vantage Data Centers": the tokenizer keeps the dateline glued on
            cand.text, cand.char_start = cand.text[wire.end() :], cand.char_start + wire.end()
            if not cand.text:
                continue
        if excluded and any(a <= cand.char_start < b for a, b in excluded):
            continue
        _classify(doc, cand, lexicon, table_names)
        if cand.kind == "company" and _no_evidence(doc, cand, start, end, lexicon):
            cand.kind, cand.signal = "", ""
        if len(cand.text.split()) > 6 or cand.text[:1].isdigit():
            cand.kind = ""
        candidates.append(cand)
    _coordinated(doc, candidates, lexicon)
    _agency_short_forms(doc, candidates)
    known = {lexicon.fold(c.text): c.text for c in candidates if c.kind == "company"}
    abbreviations = _abbreviations(doc, candidates)
    for abbr, full in abbreviations.items():
        known[lexicon.fold(abbr)] = full
    # second pass: mentions of companies already found (short forms, defined abbreviations)
    first_words = _first_word_index(known, lexicon)
    for cand in candidates:
        if cand.kind not in {"", "outlet?"}:
            continue
        folded = lexicon.fold(cand.text)
        if folded in known or folded in first_words:
            cand.kind, cand.signal = "company", "coreference"
        elif cand.kind == "outlet?":
            cand.kind = "outlet"
    return _to_mentions(candidates, lexicon, abbreviations)


def _no_evidence(doc: TokenTable, cand: _Candidate, start: int, end: int, lexicon: CompanyLexicon) -> bool:
    """A company by its signal that is none: a word of a Title Case headline, or a name made an adjective."""
    if _adjective_after(doc, cand.char_end, lexicon):
        return True  # "a Michelin-starred restaurant"
    # Title Case headlines capitalize every word: no evidence, but a headline's subject before "To
    # Invest" is one
    return (
        cand.signal not in {"gazetteer", "table"}
        and not (
            end < len(doc)
            and (_to_verb_next(doc, end, lexicon) or _amount_verb_next(doc, end, lexicon))
            and start == _sentence_bounds(doc, start)[0]
        )
        and _headline_case(doc, start)
    )


def _adjective_after(doc: TokenTable, end: int, lexicon: CompanyLexicon) -> bool:
    """A hyphen and an adjective ending right after a name ('Michelin-starred')."""
    text = _doc_text(doc)
    if text[end : end + 1] != "-":
        return False
    word = _LOWER_WORD.match(text, end + 1)
    return word is not None and word.group(0) in lexicon.adjective_endings


_LOWER_WORD = re.compile(r"[a-z]+")


def _agency_short_forms(doc: TokenTable, candidates: list[_Candidate]) -> None:
    """An abbreviation defined for an agency or institution names it ('Brookmoor University (BMU) ... BMU
    have announced'), whatever the context of its later mentions says."""
    defined = _abbreviations(doc, candidates, "agency")
    for cand in candidates:
        if cand.text in defined and cand.signal not in {"gazetteer", "table"}:
            cand.kind, cand.signal = "agency", ""


_UNIT_WORDS = {"unit", "business", "subsidiary", "division", "arm", "segment"}  # "Kestrel's Energy unit"
_LIST_SEPARATORS = {",", "and", ", and", "&", "or", ", or"}
_LIST_GOES_ON = ("and ", ", and ", "or ", ", or ", "& ")  # "A, B, and the port authority"


def _coordinated(doc: TokenTable, candidates: list[_Candidate], lexicon: CompanyLexicon) -> None:
    """Names listed together share a kind: 'suppliers such as X, Y and Z', 'X and Y named as suppliers'."""
    groups: list[list[_Candidate]] = []
    last_separators: list[str] = []
    for cand in candidates:
        if groups:
            last = groups[-1][-1]
            same_sentence = _sentence_bounds(doc, last.start) == _sentence_bounds(doc, cand.start)
            # "A ($1.9 billion), B ($1.2 billion) and C": each name's amount in brackets stands between
            # (read only in one sentence: names in two are never listed together)
            between = (
                _BRACKETED_FIGURE.sub("", _doc_text(doc)[last.char_end : cand.char_start]).strip()
                if same_sentence
                else ""
            )
            # "A, B and C, D will ...": the list ended at its conjunction; D begins anew
            ended = between == "," and last_separators[-1] not in {",", ""}
            if between in _LIST_SEPARATORS and same_sentence and not ended:
                groups[-1].append(cand)
                last_separators[-1] = between
                continue
        groups.append([cand])
        last_separators.append("")
    for group, last_separator in zip(groups, last_separators, strict=True):
        if len(group) < 2 or any(c.kind in {"place", "person", "agency", "outlet", "product"} for c in group):
            continue
        left, _ = _context(doc, group[0].start, group[0].end, before=5)
        _, right = _context(doc, group[-1].start, group[-1].end, after=6)
        cued = left.endswith(_GROUP_LEFT) or right.startswith(_GROUP_RIGHT)
        # a list ends with its conjunction ("A, B and C"); "Jane Roe, Acme's chief executive" and "Head of
        # Sales and Marketing, Acme Global" set a name beside another, and "an Assembly and Test (AT) plant"
        # is a line of work
        conjoined = last_separator not in {",", ""} or right.startswith(_LIST_GOES_ON)
        listed = conjoined and not left.endswith((" a", " an")) and left not in {"a", "an"}
        if cued or (listed and any(c.kind == "company" for c in group)):
            for cand in group:
                if cand.kind == "" and len(cand.text) > 2:
                    cand.kind, cand.signal = "company", "list"


_BRACKETED_FIGURE = re.compile(r"^\s*\([^()]{0,40}\d[^()]{0,40}\)")

_GROUP_LEFT = (
    "such as",
    "including",
    "suppliers",
    "partners",
    "participants",
    "consortium of",
    "joint venture of",
    "venture of",
    "venture between",
    "backers",
    "investors",
    "companies",
    "makers",
)
_GROUP_RIGHT = (
    "named as",
    "were named as",
    "are named as",
    "as possible suppliers",
    "as suppliers",
    "as partners",
    "were also named",
    "will supply",
    "would supply",
    "could supply",
)


def _first_word_index(known: dict[str, str], lexicon: CompanyLexicon) -> dict[str, str]:
    """Short forms of known names: 'Westinghouse' for 'Westinghouse Electric Company'."""
    index: dict[str, str] = {}
    for folded in known:
        words = folded.split()
        for cut in range(1, len(words)):
            rest = words[cut:]
            if all(w.capitalize() in lexicon.industry_words or w in lexicon.folded_suffixes for w in rest):
                index.setdefault(" ".join(words[:cut]), folded)
    # a distinctive first word names its company when no other name shares it ("Marlowe" for "Marlowe
    # Data Centers"); a shared one ("Hyundai") stays ambiguous, and a listed name keeps its own entry
    firsts: dict[str, list[str]] = {}
    for folded in known:
        words = folded.split()
        if len(words) > 1 and len(words[0]) > 3:
            firsts.setdefault(words[0], []).append(folded)
    for first, names in firsts.items():
        if len(set(names)) == 1 and first not in lexicon.gazetteer and first not in lexicon.generic:
            index.setdefault(first, names[0])
    return index


def _to_mentions(
    candidates: list[_Candidate], lexicon: CompanyLexicon, abbreviations: dict[str, str]
) -> tuple[list[CompanyMention], list[CompanyMention]]:
    companies = [c for c in candidates if c.kind == "company"]
    canon = canonical_names([c.text for c in companies], lexicon, abbreviations)
    mentions = _MENTIONS.validate_python(
        [
            {
                "name": canon[c.text],
                "text": c.text,
                "start": c.char_start,
                "end": c.char_end,
                "signal": c.signal,
            }
            for c in companies
        ]
    )
    agencies = _MENTIONS.validate_python(
        [
            {"name": c.text, "text": c.text, "start": c.char_start, "end": c.char_end, "signal": c.kind}
            for c in candidates
            if c.kind in {"agency", "outlet"}
        ]
    )
    return mentions, agencies


# the mentions of a document validated in one call for the list (the same validation, at a third of the
# cost of building each on its own)
_MENTIONS = TypeAdapter(list[CompanyMention])


def strip_legal_suffix(name: str, lexicon: CompanyLexicon) -> str:
    """'Toshiba Corp.' -> 'Toshiba'; 'Murata Manufacturing Co., Ltd.' -> 'Murata Manufacturing'."""
    words = name.replace(", ", " ").split()
    # "Group" and "Holdings" are kept: "SoftBank Group Corp." is SoftBank Group, "Hanwha Group" stays whole
    stripped = _stripped_suffixes(lexicon.legal_suffixes)
    while len(words) > 1 and words[-1].rstrip(",") in stripped:
        if words[-2] == "&":
            break  # "Mitsui & Co." is the name itself
        words.pop()
        if len(words) > 1 and words[-1] == "and":
            words.pop()  # "Eli Lilly and Company" is Eli Lilly
    return " ".join(words).rstrip(",")


@lru_cache(maxsize=8)
def _stripped_suffixes(legal_suffixes: frozenset[str]) -> frozenset[str]:
    """The legal suffixes strip_legal_suffix drops (made once, not once a word: names of every company)."""
    return legal_suffixes - _KEPT_SUFFIXES


def canonical_names(
    names: list[str], lexicon: CompanyLexicon, abbreviations: dict[str, str]
) -> dict[str, str]:
    """Each mention's canonical name: the fullest mention of its company, without legal suffix."""
    groups: dict[str, list[str]] = {}
    for name in names:
        key = lexicon.fold(abbreviations.get(name, name))
        groups.setdefault(key, []).append(name)
    # short forms join the one group they abbreviate ("Westinghouse" -> "westinghouse electric")
    index = _first_word_index({key: key for key in groups}, lexicon)
    merged: dict[str, str] = {}
    for key, members in groups.items():
        target = index.get(key)
        # "Panasonic Holdings Corp." is a full name of its own; only bare short forms join a longer one
        bare = all(m.split()[-1] not in lexicon.legal_suffixes for m in members)
        listed = key in lexicon.gazetteer and target not in lexicon.gazetteer
        merged[key] = target if target and target in groups and bare and not listed else key
    # gazetteer: aliases of one company join it ("MHI" and "Mitsubishi Heavy Industries")
    by_gazetteer: dict[str, str] = {}
    for key in groups:
        official = lexicon.gazetteer.get(merged[key]) or lexicon.gazetteer.get(key)
        if official:
            root = by_gazetteer.setdefault(official, merged[key])
            merged[key] = merged.get(root, root)
    result: dict[str, str] = {}
    fullest: dict[str, str] = {}  # root -> the fullest mention of its family (the same for every key of it)
    for key, members in groups.items():
        root = merged[key]
        full = fullest.get(root)
        if full is None:
            family = [m for k, ms in groups.items() if merged[k] == root for m in ms]
            full = fullest[root] = max(
                family,
                key=lambda m: (
                    not m.isupper(),
                    len(strip_legal_suffix(m, lexicon).removesuffix(".com")),  # "Amazon.com" is Amazon
                    -family.index(m),
                ),
            )
        canon = strip_legal_suffix(abbreviations.get(full, full), lexicon)
        if canon.endswith(".") and canon.split()[-1] not in lexicon.legal_suffixes:
            canon = canon[:-1]  # "SpaceX." at a sentence end
        for member in members:
            result[member] = canon
    return result
