"""Link: companies, amounts and sectors into candidate project records, from sentences and table rows.

An amount becomes a record when a company leads it and its context says it is a pledge: not a revenue, a
price, a loan or grant, an umbrella total, a superseded or denied figure (the records rule of
docs/gold-format.md). Table rows under a Company column are records row by row.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from pipeline.extract.tables import TableHeaders, cell_start, column, table_layout
from pipeline.link.japanese import JapaneseRoles, combine_linked, link_japanese, outside_japanese
from pipeline.link.status import HISTORY, StatusRules, record_statuses
from pipeline.rules import RuleSet
from schemas import (
    AmountDecision,
    CandidateRecord,
    CompanyMention,
    ExtractedDocument,
    LinkedDocument,
    MoneyMention,
    SectorCue,
    Span,
    Table,
    TableRow,
)

_WORDS = re.compile(r"[a-z0-9$¥₩€£.'&-]+")
_PROJECT_NOUNS = (
    "factory",
    "program",
    "programme",
    "project",
    "plan",
    "plant",
    "facility",
    "investment",
    "pledge",
    "mill",
)
# a company's own total ("TSMC's total planned investment") is a record, not an umbrella
_OWN_TOTALS = {"total", "totals", "overall", "in total"}
_BEFORE_WINDOW = 60  # characters of context before an amount that decide its role
_AFTER_WINDOW = 40


_NO_TABLE_HEADERS = TableHeaders((), (), ())  # a RoleRules built by hand reads no tables


@dataclass(frozen=True)
class RoleRules:
    """Cue phrases that decide an amount's role, read from roles.json."""

    not_before: tuple[str, ...]
    not_after: tuple[str, ...]
    umbrella: tuple[str, ...]
    superseded: tuple[str, ...]
    negation: tuple[str, ...]
    participant: tuple[str, ...]
    government: tuple[str, ...]
    sector_generic: frozenset[str]
    sector_weak: dict[str, float]
    name_sectors: dict[str, str]
    sector_served: dict[str, str]
    company_sectors: dict[str, str]
    investment_words: frozenset[str]
    not_after_words: frozenset[str]
    continuation_starts: tuple[str, ...]
    plural_continuation_starts: tuple[str, ...]
    plural_nouns: tuple[str, ...]  # those that are noun phrases ("the two companies"), not pronouns ("their")
    min_value: dict[str, float]
    umbrella_owners: frozenset[str]
    not_sentence: tuple[str, ...]
    us_states: tuple[str, ...]
    nationalities: dict[str, str]
    program_owners: dict[str, str]
    program_nouns: tuple[str, ...]
    purchase_words: frozenset[str]
    financing_row: tuple[str, ...]
    denied: tuple[str, ...]
    umbrella_after: frozenset[str]
    project_openings: tuple[str, ...]
    reference_phrases: tuple[str, ...]
    history: tuple[str, ...]
    customer_cues: tuple[str, ...]
    landmark_cues: tuple[str, ...]
    umbrella_openings: tuple[str, ...]
    investment_phrases: tuple[str, ...]
    status: StatusRules
    history_before: tuple[str, ...] = ()
    history_after: tuple[str, ...] = ()
    parent_cues: tuple[str, ...] = ()
    investee_cues: tuple[str, ...] = ()
    history_times: tuple[str, ...] = ()
    history_spans: tuple[str, ...] = ()
    negative_document: tuple[str, ...] = ()
    negative_headline: tuple[str, ...] = ()
    participant_after: tuple[str, ...] = ()
    comparison_openings: frozenset[str] = frozenset()
    decision_phrases: tuple[str, ...] = ()
    trade_verbs: frozenset[str] = frozenset()
    sale_words: frozenset[str] = frozenset()
    past_verbs: frozenset[str] = frozenset()
    spent_verbs: frozenset[str] = frozenset()
    table_headers: TableHeaders = _NO_TABLE_HEADERS
    subject_references: tuple[str, ...] = ()
    company_references: frozenset[str] = frozenset()
    company_reference_heads: frozenset[str] = frozenset()  # "company", "automaker": their last words
    project_nouns: frozenset[str] = frozenset()
    money_subject: tuple[str, ...] = ()  # "$100 million will go toward ...": the money is the subject
    money_use: frozenset[str] = frozenset()  # what such money goes toward: "plant", "equipment"
    approval_words: tuple[str, ...] = ()  # "received approval for a $1 billion plant": a project's size
    result_nouns: tuple[str, ...] = ()  # "revenue climbed 8% to $412 million": a result, not a plan
    change_verbs: tuple[str, ...] = ()
    guidance_endings: tuple[str, ...] = ()  # "EBITDA is expected to be $900 million": a forecast result
    status_after: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "remains" + "on hold"
    company_umbrellas: frozenset[str] = frozenset()
    not_next_word: frozenset[str] = frozenset()
    company_epithets: frozenset[str] = frozenset()
    not_word_before: frozenset[str] = frozenset()
    japanese: JapaneseRoles | None = None  # the Japanese path's rules (ja_roles.json)

    @classmethod
    def from_rules(cls, rules: RuleSet) -> RoleRules:
        """Read roles.json, sector_weights.json and the investment words of company_cues.json."""
        roles = rules.mapping("roles")

        def phrases(key: str) -> tuple[str, ...]:
            return tuple(str(p).lower() for p in roles.get(key, []))

        return cls(
            not_before=phrases("not_record_before"),
            not_after=phrases("not_record_after"),
            umbrella=phrases("umbrella"),
            superseded=phrases("superseded"),
            negation=phrases("negation"),
            participant=phrases("participant_cues"),
            government=phrases("government_subjects"),
            sector_generic=frozenset(
                str(c).lower() for c in rules.mapping("sector_weights").get("generic_cues", [])
            ),
            sector_weak={
                str(k): float(v) for k, v in rules.mapping("sector_weights").get("weak_sectors", {}).items()
            },
            sector_served={
                str(k): str(v) for k, v in rules.mapping("sector_weights").get("served_by", {}).items()
            },
            name_sectors={
                str(k): str(v) for k, v in rules.mapping("sector_weights").get("name_words", {}).items()
            },
            company_sectors={
                str(entry["name"]): str(entry["sector"])
                for entry in rules.entries("companies")
                if entry.get("sector")
            },
            investment_words=frozenset(
                str(w).lower() for w in rules.mapping("company_cues").get("investment_words", [])
            ),
            not_after_words=frozenset(phrases("not_record_after_words")),
            continuation_starts=phrases("continuation_starts"),
            plural_continuation_starts=phrases("plural_continuation_starts"),
            plural_nouns=tuple(p for p in phrases("plural_continuation_starts") if " " in p),
            min_value={str(k): float(v) for k, v in roles.get("min_record_value", {}).items()},
            umbrella_owners=frozenset(phrases("umbrella_owner_words")),
            not_sentence=phrases("not_record_sentence"),
            us_states=tuple(rules.mapping("places").get("us_states", [])),
            nationalities=dict(rules.mapping("places").get("nationalities", {})),
            program_owners=dict(rules.mapping("places").get("program_owners", {})),
            program_nouns=tuple(rules.mapping("places").get("program_nouns", [])),
            purchase_words=frozenset(phrases("purchase_clause_words")),
            financing_row=phrases("financing_row"),
            denied=phrases("denied"),
            umbrella_after=frozenset(phrases("umbrella_after_words")),
            project_openings=phrases("project_openings"),
            reference_phrases=phrases("reference_phrases"),
            history=phrases("history_cues"),
            history_before=phrases("history_before"),
            history_after=phrases("history_after"),
            parent_cues=phrases("parent_cues"),
            investee_cues=phrases("investee_cues"),
            history_times=phrases("history_times"),
            history_spans=phrases("history_spans"),
            negative_document=phrases("negative_document_cues"),
            negative_headline=phrases("negative_headline_cues"),
            participant_after=phrases("participant_after_cues"),
            comparison_openings=frozenset(phrases("comparison_openings")),
            decision_phrases=phrases("decision_phrases"),
            trade_verbs=frozenset(phrases("trade_verbs")),
            sale_words=frozenset(phrases("sale_words")),
            past_verbs=frozenset(phrases("past_verbs")),
            spent_verbs=frozenset(phrases("spent_verbs")),
            table_headers=TableHeaders.from_rules(rules),
            subject_references=phrases("subject_references"),
            company_references=frozenset(phrases("company_references")),
            company_reference_heads=frozenset(p.split()[-1] for p in phrases("company_references")),
            project_nouns=frozenset(phrases("project_nouns")),
            money_subject=phrases("money_subject_phrases"),
            money_use=frozenset(phrases("money_use_words")),
            approval_words=phrases("approval_words"),
            result_nouns=phrases("result_nouns"),
            change_verbs=phrases("change_verbs"),
            guidance_endings=phrases("guidance_endings"),
            status_after={
                str(word).lower(): tuple(str(p).lower() for p in following)
                for word, following in roles.get("status_after_words", {}).items()
            },
            company_umbrellas=frozenset(phrases("company_umbrellas")),
            not_next_word=frozenset(phrases("not_record_next_word")),
            company_epithets=frozenset(phrases("company_epithets")),
            not_word_before=frozenset(phrases("not_record_word_before")),
            investment_phrases=tuple(
                str(c).lower() for c in rules.mapping("company_cues").get("investment_phrases", [])
            ),
            umbrella_openings=phrases("umbrella_openings"),
            customer_cues=tuple(
                str(c).lower() for c in rules.mapping("company_cues").get("customer_cues", [])
            ),
            landmark_cues=tuple(
                str(c).lower() for c in rules.mapping("company_cues").get("landmark_cues", [])
            ),
            japanese=JapaneseRoles.from_rules(rules) if rules.entries("ja_roles") else None,
            status=StatusRules.from_rules(rules),
        )


def _words(text: str) -> list[str]:
    """Lower-case words; a sentence's final period is not part of its last word ("back." is "back")."""
    return _without_final_period(_WORDS.findall(text.lower()))


def _without_final_period(words: list[str]) -> list[str]:
    return [w[:-1] if w.endswith(".") and w.count(".") == 1 and len(w) > 1 else w for w in words]


def _has_phrase(text: str, phrases: tuple[str, ...]) -> str | None:
    """The first cue phrase found in text as whole words."""
    text_words, raw, padded = _phrase_text(text)
    first_words, anywhere = _phrase_index(phrases)
    # a phrase found as whole words starts with one of the text's words: only those phrases are looked for
    tried = [*anywhere, *(i for w in text_words for i in first_words.get(w, ()))]
    if not tried:
        return None
    for i in sorted(tried):
        phrase = phrases[i]
        if f" {phrase} " in padded or f" {phrase} " in raw:
            return phrase
    return None


@lru_cache(maxsize=1024)
def _phrase_text(text: str) -> tuple[frozenset[str], str, str]:
    """A text's words (with and without a final period) and both spellings padded with spaces, as
    _has_phrase looks phrases up in them: an amount's windows are asked for several phrase lists in turn."""
    lower = text.lower()
    raw_words = _WORDS.findall(lower)
    # without a period in the text no word ends with one: the words are the raw words
    words = _without_final_period(raw_words) if "." in lower else raw_words
    return frozenset([*raw_words, *words]), f" {' '.join(raw_words)} ", f" {' '.join(words)} "


@lru_cache(maxsize=256)
def _phrase_index(phrases: tuple[str, ...]) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """The positions of the phrases by their first word; those with no first word are looked for always."""
    index: dict[str, list[int]] = {}
    anywhere: list[int] = []
    for i, phrase in enumerate(phrases):
        first = phrase.split(" ")[0]
        (index.setdefault(first, []) if first else anywhere).append(i)
    return {w: tuple(positions) for w, positions in index.items()}, tuple(anywhere)


def _approved_after(before: str, cue: str, rules: RoleRules) -> bool:
    """Whether an approval word stands between a cue and the amount ('received approval for a')."""
    words = _words(before)
    cue_words = cue.split()
    at = max(
        (i for i in range(len(words) - len(cue_words) + 1) if words[i : i + len(cue_words)] == cue_words),
        default=-1,
    )
    return at >= 0 and _has_phrase(" ".join(words[at + len(cue_words) :]), rules.approval_words) is not None


_REPORTED_AS = re.compile(r"\breported\s+that\b|['’]s\s+reported\b", re.IGNORECASE)
_SPENDING_WORDS = frozenset({"investment", "investments", "budget", "capex", "spending", "expenditure"})


def _sizes_a_project(before: str, after: str, rules: RoleRules) -> bool:
    """Whether the amount sizes a project or an investment ('a $480 million plant', 'a licence to invest
    $390 million in two projects'), not a merger, a bond sale or a rate increase."""
    head: list[str] = []
    for word in _words(after)[:4]:  # the noun the amount sizes, up to its first preposition
        if word in {"of", "for", "to", "from", "with", "on", "by", "in"}:
            break
        head.append(word.removesuffix("s"))
    words = set(head)
    if words & rules.project_nouns or words & {"investment", "project", "expansion"}:
        return True
    return bool(set(_words(before)[-3:]) & {"invest", "build", "spend", "construct"})


def _ends_with_phrase(text: str, phrases: tuple[str, ...], last_words: int) -> str | None:
    words = _words(text)[-last_words:]
    return _has_phrase(" ".join(words), phrases)


_NEW_CLAUSE = re.compile(
    r";|,\s+and\s|\band\s+(?:plans|will|is|has)\b|\bwhile\b|\bincluding\b"
)  # "€1.5bn in X, and plans a line ($400m)", "2 billion francs, including a plant (about $1.2 billion)"
_PART_OF_TOTAL = re.compile(
    r"\s*(?:of\s+(?:the|that|this|its)\s+(?:total|amount|sum|investment|package)\s*,?\s*)"
    r"(?:about|around|approximately|roughly|nearly|some|up\s+to|more\s+than)?\s*$",
    re.IGNORECASE,
)
# after "investment from": a company named or referred to ("Orvane", "the Dutch company", "the retailer")
_FROM_A_COMPANY = re.compile(
    r"\s+the\s+(?:[\w-]+\s+){0,2}(?:company|firm|group|retailer|chain|carmaker|automaker|maker|manufacturer|"
    r"developer|operator|conglomerate|giant)\b(?!\s+[A-Z])"  # not "from the Swiss company Orvane Pharma"
)
_FROM_SEVERAL = re.compile(
    r"\s+[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*)*\s*(?:,|and)\s+[A-Z]"
)  # "from A, B and C"
_GLOSS_REACH = 120  # characters from an amount to the bracket that gives it in a second currency
_PAIRED = re.compile(
    r"\(\s*(?:about|approx(?:imately|\.)?|roughly|around|some|nearly|or|c\.|equivalent to|equal to)?\s*$"
    # "300 million euros, which is approximately $350 million": the same amount again, not in brackets
    r"|(?:euros?|yen|won|pounds?|rupees?|crore|yuan|francs?|dollars?|\b[A-Z]{3})\s*,?\s*"
    r"(?:which\s+is|or|that\s+is|equivalent\s+to|equal\s+to)\s+"
    r"(?:approximately|about|around|roughly|some|nearly)?\s*$"
)
_ITS = re.compile(r"\b(?:its|their)\s+(?:\S+\s+){0,10}$", re.IGNORECASE)
_RAISED_FROM = re.compile(r"\bto\s+\S*\d[\d.,]*\s*(?:[a-z]+\s+)?from\s*$", re.IGNORECASE)
_OWNED_TOTAL = re.compile(
    r"(?:['’]s|\bits|\btheir)\s+(?:\S+\s+){0,10}$"
    # "The investment totals some USD 940 million": the project's own total
    r"|\b(?:[Tt]he|[Tt]his)\s+(?:investment|project|plant|facility|expansion)(?:,[^,;]{1,80},)?\s+(?:will\s+)?"
    r"totals?\s+(?:\S+\s+){0,2}$"
    # a project valued at its whole sum ("The plant, budgeted at a total of EUR 1.9 billion")
    r"|\b(?:[Tt]he|[Tt]his)\s+(?:project|plant|facility|expansion|site),\s+(?:valued|estimated|budgeted|costed)\s+at\s+"
    r"(?:a\s+)?total\s+of\s+(?:\S+\s+){0,2}$"
    r"|\b(?:invest|spend|commit|put|pour)\w*\s+(?:a\s+)?total\s+of\s+(?:\S+\s+){0,2}$"
    r"|\btotal\s+(?:\w+\s+){0,2}for\s+(?:that|the|this)\s+(?:project|plant|mill|facility|site)\b"
)
# "A total of 61 companies, including X and Y, pledged ...": many companies' sum (not "the three companies", a
# consortium named before, nor "one of 12 companies")
_MANY_COMPANIES = re.compile(
    r"\s*(?:(?:a\s+total\s+of|some|about|around|nearly|more\s+than|over|in\s+all,?)\s+)?"
    r"(?:[3-9]|[1-9]\d{1,3}|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|a\s+dozen|dozens\s+of|hundreds\s+of)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:companies|firms|investors|businesses|corporations)\b",
    re.IGNORECASE,
)
_MANY_PLEDGED = re.compile(
    r"\b(business\s+leaders|industry\s+leaders|industrialists|industry\s+captains|investors|companies|firms|"
    r"corporates)\s+(?:have\s+|had\s+)?(?:pledg\w*|committ\w*|promis\w*)\s+(?:[\w-]+\s+){0,6}$",
    re.IGNORECASE,
)
_SUMMED = re.compile(r"\b(?:adds?|added)\s+up\s+to\s+(?:\S+\s+){0,3}$|\bcomes?\s+to\s+(?:\S+\s+){0,3}$")
# what a project's whole sum is called ("total capital expenditure", "overall project cost")
_COST_NOUNS = (
    r"(?:project\s+)?(?:cost|costs|price\s+tag|investments?|capital\s+cost|"
    r"capital\s+expenditure|capex|budget)\b"
)
_PROJECT_COST = re.compile(
    rf"\b(?:combined|total|overall)\s+{_COST_NOUNS}\S*(?:\s+\S+){{0,6}}\s+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Role:
    """What an amount is, and the rule that said so: its file and key, and the cue phrase that matched."""

    verdict: str  # "record", or why not: not_investment, umbrella, superseded, history, negated, ...
    rule: str = ""  # "roles.json not_record_before", or a built-in pattern's name
    cue: str = ""

    @property
    def is_record(self) -> bool:
        """Whether the amount is a pledge."""
        return self.verdict == "record"


def amount_role(
    text: str,
    mention: MoneyMention,
    sentence: Span,
    rules: RoleRules,
    doc_year: int = 0,
    previous: MoneyMention | None = None,
    company_starts: tuple[int, ...] = (),
) -> Role:
    """Whether an amount is a pledge ('record') or why not, with the deciding rule and cue (`previous`: the
    sentence's amount before it, if any; `company_starts`: where the sentence's companies start)."""
    # a semicolon joins two clauses, each with its own money ("X gets a $7 million grant; X will spend ...")
    before = text[max(sentence.start, mention.start - _BEFORE_WINDOW) : mention.start].rsplit(";", 1)[-1]
    after = text[mention.end : min(sentence.end, mention.end + _AFTER_WINDOW)].split(";", 1)[0]
    paired = _PAIRED.search(before)
    bracket = mention.start - len(before) + paired.start() if paired else 0
    if (
        paired
        and previous is not None
        and bracket - previous.end <= _GLOSS_REACH
        and not any(previous.end <= start < bracket for start in company_starts)
        and not _NEW_CLAUSE.search(text, previous.end, bracket)
    ):
        # the second currency of "¥165 billion (about US$1.1 billion)", or of "12 billion kronor in a mill
        # (about $1.1 billion)"; a bracket after another name ("Orvane ($640 million), Petrel ($55 million)")
        # holds that item's own amount
        return Role("paired", "pattern: a second currency in brackets", paired.group(0).strip())
    cue = _ends_with_phrase(before, rules.superseded, 4)
    if cue == "initial" and _FIRST_PHASE.search(before):
        cue = None  # "an initial investment of €1.2 billion and the potential to expand": the first phase
    if cue:
        return Role("superseded", "roles.json superseded", cue)
    if raised := _RAISED_FROM.search(before):
        return Role("superseded", "pattern: 'to $7 billion from $2 billion'", raised.group(0).strip())
    if grant := _GRANT_BEFORE.search(before):
        # "aid for the new line, up to ¥90 billion", "total subsidies secured by X now amount to"
        return Role("not_investment", "pattern: a subsidy or grant named before its amount", grant.group(1))
    if several := _SEVERAL_PROJECTS_AFTER.match(text, mention.end, min(sentence.end, mention.end + 120)):
        # "Rs 80,000 crore worth of investments in four chip plants": a sum of several projects
        return Role("umbrella", "pattern: money across several projects", several.group(0).strip())
    # "US$9 billion (A$14 billion) non-binding offer for Y": the words after the amount's second
    # currency in brackets say what it is
    if gloss := _GLOSS_AFTER.match(text, mention.end, sentence.end):
        after = text[gloss.end() : min(sentence.end, gloss.end() + _AFTER_WINDOW)]
        after = after[: end.start()] if (end := _CLAUSE_END.search(after)) else after
    role = _what_the_money_is(text, mention, sentence, before, after, rules)
    floor = rules.min_value.get(mention.currency, rules.min_value.get("default", 0.0))
    if role is None and mention.value < floor:
        role = Role("too_small", "roles.json min_record_value", f"{mention.currency} {floor:g}")
    return role or _whose_and_when(text, mention, sentence, before, rules, doc_year, previous)


_FIRST_PHASE = re.compile(
    r"\b(?:an|the|its)\s+initial\s+(?:investment|phase|stage|outlay|tranche)\s+(?:of\s+)?"
    r"(?:about|around|nearly|roughly|some|approximately|up\s+to|more\s+than)?\s*$",
    re.IGNORECASE,
)
_SEVERAL_PROJECTS_AFTER = re.compile(
    r"\s*(?:(?:worth\s+of\s+(?:investments?|projects?)|investments|projects|proposals)\s+(?:in|for|across)\s+"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|\d+)\s+(?:[\w-]+\s+){0,2}"
    r"(?:plants|projects|factories|fabs|sites|facilities|units|proposals|companies)\b"
    # "$4 billion worth of projects across the state", "$2.7 billion worth of cold-storage and freight
    # projects": a tracker's sum of many projects
    r"|\s*worth\s+of\s+(?:[\w-]+\s+){0,4}?(?:projects|investments|proposals|deals)\b"
    # "£2 billion in new investments made this week by X, Y and Z": a sum of the list's own
    r"|\s*(?:in|of)\s+(?:new\s+)?investments\s+(?:\w+\s+){0,3}by\s+[^.;,]+,[^.;]+\band\b)",
    re.IGNORECASE,
)
_GRANT_BEFORE = re.compile(
    r"\b(subsidies|subsidy|grants?|state\s+aid)\b[^;$€£¥\d]{0,50}?"
    r"(?:,\s*(?:of\s+)?(?:up\s+to|about|around|worth)?\s*|\b(?:amount|amounts|total|totals|reach|reached|"
    r"come|comes|stand|stands)\s+(?:to\s+|at\s+)?(?:about\s+|around\s+|some\s+|nearly\s+)?)$",
    re.IGNORECASE,
)


_NEXT_ITEM = re.compile(r"\s*,?\s*and\s+(?:an?|the|its|their)\s", re.IGNORECASE)


def _not_after_cue(after: str, rules: RoleRules) -> str | None:
    """A not_record_after phrase right after the amount, unless its 'from' names a company."""
    cue = _has_phrase(_first_chars(after, 25), rules.not_after)
    if cue and _NEXT_ITEM.match(after):
        return None  # "worth RON 297 million, and an aid of ... approved by the state": the next item's words
    rest = after[after.lower().find(cue) + len(cue) :] if cue else ""
    if cue and cue.endswith(" from") and _FROM_A_COMPANY.match(rest) and not _FROM_SEVERAL.match(rest):
        return None  # "a $4 billion investment from the Dutch company": the company's own money
    return cue


_QUALIFIER_WORDS = frozenset(
    {
        "more",
        "than",
        "about",
        "around",
        "nearly",
        "almost",
        "over",
        "some",
        "roughly",
        "approximately",
        "just",
    }
)


def _result_cue(clauses: list[str], rules: RoleRules) -> str | None:
    """The result an amount reports: a result that changed ('revenue rose 8% to $412 million', '...,
    reaching $1.3 billion': the change may stand a clause back) or one stated ('a net loss for the third
    quarter of $120 million'); a budget raised to a figure is no result."""
    clause = clauses[-1]
    words = _words(clause)
    while len(words) > 1 and words[-1] in _QUALIFIER_WORDS:
        words = words[:-1]  # "to reach more than €3 billion": the qualifier is the amount's
    changed = clause if words[-1:] == ["to"] else " ".join(clauses[-2:])
    if (
        (
            words[-1:] in (["to"], ["reaching"], ["reached"], ["hitting"], ["reach"])
            # "revenue ... to fall a little from the €9 billion of last year": the figure it changes from
            or words[-2:] in (["from", "the"], ["from", "its"])
            or words[-1:] == ["from"]
        )
        and (result := _has_phrase(changed, rules.result_nouns))
        and _has_phrase(changed, rules.change_verbs)
        and not set(_words(changed)) & _SPENDING_WORDS  # "sales had increased its planned investment to"
    ):
        return result
    if (
        (guided := _ends_with_phrase(clause, rules.guidance_endings, 6))
        and not set(words) & _SPENDING_WORDS
        and (result := _has_phrase(" ".join(clauses), rules.result_nouns))
    ):
        return f"{result} ... {guided}"  # "adjusted EBITDA is now expected to be between"
    last = " ".join(words[-8:])
    if not last.endswith(" of") or set(words[-8:]) & _SPENDING_WORDS:
        return None  # "despite last year's net loss, X approved an investment of"
    return _has_phrase(last, rules.result_nouns)


def _purchase_words(clause: str, rules: RoleRules) -> set[str]:
    """The purchase_clause_words of a clause; 'reported' as a report or an adjective is none ('Bloomberg
    reported that X ...', 'X's reported $20 billion plan')."""
    bought = set(_words(clause)) & rules.purchase_words
    if "reported" in bought and _REPORTED_AS.search(clause):
        bought.discard("reported")
    return bought


_PRICE_TAG = re.compile(
    r"\bprice[- ]tags?\s+(?:of\s+)?(?:about|around|some|nearly|over|more\s+than|up\s+to|roughly)?\s*$",
    re.IGNORECASE,
)


def _cue_role(before: str, after: str, rules: RoleRules) -> Role | None:
    """Not a pledge by a not_record_before cue just before the amount or a not_record_after cue after it."""
    cue = _ends_with_phrase(before, rules.not_before, 5)
    last_clause = _words(before.rsplit(", ", 1)[-1])
    if cue and len(last_clause) >= 3 and not _has_phrase(" ".join(last_clause), (cue,)):
        cue = None  # "Despite a drop in sales, X will invest": the cue ends the clause before the subject's
    if cue == "price" and _PRICE_TAG.search(before):
        cue = None  # "began building the plant with a price tag of $6.7 billion": what the project costs
    if cue in {"valued at", "valuing", "budget"} and _has_phrase(before, _PROJECT_NOUNS):
        cue = None  # 'a program valued at up to $100 billion' sizes a project, not a company
    if cue and _approved_after(before, cue, rules) and _sizes_a_project(before, after, rules):
        cue = None  # 'received approval for a $480 million plant': the approval is what was received
    if cue:
        return Role("not_investment", "roles.json not_record_before", cue)
    if cue := _not_after_cue(after, rules):
        return Role("not_investment", "roles.json not_record_after", cue)
    return None


def _output_value(text: str, sentence: Span, mention: MoneyMention) -> str | None:
    """'the production of circuit boards worth Rs 3,900 crore, camera modules worth ...': what the plant
    will make, valued, is no money put in (a plant or an investment worth a sum is)."""
    window = text[max(sentence.start, mention.start - 150) : mention.start]
    if not window.rstrip().lower().endswith("worth"):
        return None  # (most amounts: the pattern ends with 'worth', so it need not run)
    produced = _PRODUCED_WORTH.search(window)
    if produced is None or set(_words(window[-40:])) & _WORTH_OF_SPENDING:
        return None
    return produced.group(0).split()[0]


_PRODUCED_WORTH = re.compile(r"\bproduc(?:e|es|ed|ing|tion)\b[^.;]{0,140}\bworth\s*$", re.IGNORECASE)
_WORTH_OF_SPENDING = frozenset(
    {"investment", "investments", "project", "projects", "plant", "facility", "factory", "expansion", "capex"}
)


# the amount in a second currency ("($28.17 billion)", "(about Dh881 million)"; not "($1.18 per share)")
_GLOSS_AFTER = re.compile(r"\s*[(（](?![^()（）]*\bper\b)[^()（）]{0,24}\d[^()（）]{0,24}[)）]")
# where the clause that says what the amount is ends ("($300 million) as the company hurries to stake ...")
_CLAUSE_END = re.compile(r",|;|\s(?:as|while|which|that|who|after|before|because)\s", re.IGNORECASE)


def _what_the_money_is(
    text: str, mention: MoneyMention, sentence: Span, before: str, after: str, rules: RoleRules
) -> Role | None:
    """'not_investment' or 'umbrella' when the words around the amount say what it pays for."""
    if role := _cue_role(before, after, rules):
        return role
    if output := _output_value(text, sentence, mention):
        return Role("not_investment", "pattern: the value of what a plant will produce", output)
    head = text[sentence.start : mention.start]
    clauses = _AMOUNT_CLAUSE_BREAK.split(head)
    clause = clauses[-1]
    # (a bracket read as no clause: "a net loss (pre-tax and minority interest) for the smelter of")
    unbracketed = _BRACKETED.sub("", head) if "(" in head else None
    if result := _result_cue(_AMOUNT_CLAUSE_BREAK.split(unbracketed) if unbracketed else clauses, rules):
        return Role("not_investment", "roles.json result_nouns", result)
    bought = _purchase_words(clause, rules)
    if bought and not (
        _approved_after(clause, min(bought), rules) and _sizes_a_project(before, after, rules)
    ):
        return Role(
            "not_investment", "roles.json purchase_clause_words", min(bought)
        )  # 'which bought the yard'
    sentence_before = _words(head)
    if sentence_before[-1:] in (["for"], ["worth"]) and (traded := set(sentence_before) & rules.trade_verbs):
        # "X is selling its stake in the Dayton, Ohio mill to Y for $2 billion": a price
        return Role("not_investment", "roles.json trade_verbs", min(traded))
    if cue := _has_phrase(text[sentence.start : sentence.end], rules.not_sentence):
        return Role("not_investment", "roles.json not_record_sentence", cue)
    valued = _VALUED_AT.search(text[sentence.start : mention.start])
    if valued and not _has_phrase(valued.group(0), _PROJECT_NOUNS):
        # "a round that values the company led by its founder at more than $6 billion": a valuation (but
        # "valued the new mill at $2 billion" sizes a project)
        return Role("not_investment", "pattern: 'values X at'", valued.group(1))
    after_words = _words(after)
    if after_words[:1] and after_words[0] in rules.not_next_word:
        return Role(
            "not_investment", "roles.json not_record_next_word", after_words[0]
        )  # "a $3 trillion company"
    if after_words[1:2] and after_words[1] in rules.company_epithets:
        return Role(
            "not_investment", "roles.json company_epithets", after_words[1]
        )  # "the $34 billion IT major"
    before_words = _words(before)
    while len(before_words) > 1 and before_words[-1] in _QUALIFIER_WORDS:
        before_words = before_words[:-1]  # "raising over US$1 billion": the qualifier is the amount's
    if before_words[-1:] and before_words[-1] in rules.not_word_before:
        return Role(
            "not_investment", "roles.json not_record_word_before", before_words[-1]
        )  # "capex hit $17bn"
    words = _not_after_words(after_words, text[sentence.start : sentence.end], rules)
    if words:
        return Role("not_investment", "roles.json not_record_after_words", min(words))
    if words := set(after_words[:4]) & rules.umbrella_after:
        return Role("umbrella", "roles.json umbrella_after_words", min(words))  # "a £150 billion package"
    return None


def _not_after_words(after_words: list[str], sentence_text: str, rules: RoleRules) -> set[str]:
    """The not_record_after_words among the first words after an amount, less those a state or a go-ahead
    explains ('remains on hold'; 'closed the $15 billion project financing and took its final investment
    decision': the financing is the project's cost)."""
    words = {
        w for w in set(after_words[:5]) & rules.not_after_words if not _tells_status(after_words, w, rules)
    }
    if words == {"financing"} and _has_phrase(sentence_text, rules.decision_phrases):
        return set()
    return words


def _tells_status(after_words: list[str], word: str, rules: RoleRules) -> bool:
    """Whether a money word after the amount is followed by a project's state ('remains on hold')."""
    following = rules.status_after.get(word)
    if not following:
        return False
    at = after_words.index(word)
    if {w.removesuffix("s") for w in after_words[:at]} & rules.project_nouns:
        return True  # "its $1.4 billion smelter remains frozen": the project's state, whatever the words
    rest = " ".join(after_words[at + 1 : at + 6])
    return any(rest == p or rest.startswith(p + " ") for p in following)


_VALUED_AT = re.compile(
    r"\b(valu(?:es|ed|ing))\s+(?!at\b)\w[^;$]{0,100}\bat\s+"
    r"(?:(?:more|less)\s+than|over|about|around|nearly|roughly|some|almost|up\s+to|approximately)?\s*$",
    re.IGNORECASE,
)


def _first_chars(text: str, size: int) -> str:
    """The first `size` characters of text and the rest of the word they cut ('across mar' is 'markets')."""
    cut = re.match(r"\S*", text[size:])
    return text[:size] + (cut.group(0) if cut else "")


def _umbrella_cue(
    text: str, mention: MoneyMention, sentence: Span, before: str, rules: RoleRules
) -> str | None:
    """The umbrella cue among the last words before an amount, if it makes the amount a total."""
    if _PART_OF_TOTAL.match(text, sentence.start, mention.start):
        return None  # "Of the total, about €700 million is earmarked for the Texas plant": a part
    umbrella = _ends_with_phrase(before, rules.umbrella, 5)
    if umbrella == "from" and _words(before)[-1:] != ["from"]:
        # "from $350 million to $100 billion" lists a range of projects; "US$40 billion from X and
        # US$23 billion" names who gives each amount
        umbrella = _ends_with_phrase(before, tuple(c for c in rules.umbrella if c != "from"), 5)
    if (
        umbrella
        and _APPOSITIVE_THEN_VERB.search(before)
        and umbrella not in before[before.rfind(",") :].lower()
    ):
        return None  # "X, the property unit of a state-owned fund, will invest $12 billion": X's own
    return umbrella


_APPOSITIVE_THEN_VERB = re.compile(
    r",\s+(?:will|would|plans?\s+to|intends?\s+to|is\s+set\s+to|has\s+agreed\s+to|agreed\s+to)\s+"
    r"(?:also\s+)?(?:invest|spend|build|commit|put|pour)\b[^,]*$"
)


# "Qatar's ten-year commitment to invest", "Japan's pledge to spend up to": whose pledge the amount is
_NATION_PLEDGE = re.compile(
    r"\b([A-Za-z]+['’]s)\s+(?:[\w-]+\s+){0,2}(?:commitment|pledge|promise|vow|plan)s?\s+to\s+"
    r"(?:invest|spend|pour|put)\s+(?:(?:up\s+to|about|some|around|more\s+than|over)\s+)?$",
    re.IGNORECASE,
)


def _whose_and_when(
    text: str,
    mention: MoneyMention,
    sentence: Span,
    before: str,
    rules: RoleRules,
    doc_year: int,
    previous: MoneyMention | None,
) -> Role:
    """'umbrella' for a government's or a sum's total, 'history' or 'negated', else 'record'."""
    words = _WORDS.findall(before.lower())
    # "Orvane DC from Korea (3.1 billion baht)": where an investor comes from owns nothing
    owners = [
        w
        for i, w in enumerate(words[-3:], start=max(0, len(words) - 3))
        if w in rules.umbrella_owners and (i == 0 or words[i - 1] != "from")
    ]
    if owners and not _ITS.search(before):  # "its total planned investments in the country to"
        return Role("umbrella", "roles.json umbrella_owner_words", owners[0])
    pledged = _NATION_PLEDGE.search(before)
    if pledged and pledged.group(1).lower().replace("’", "'") in rules.umbrella_owners:
        # "Qatar's ten-year commitment to invest $1.4 trillion": a nation's pledge, no company's
        return Role("umbrella", "roles.json umbrella_owner_words", pledged.group(1))
    umbrella, rule = _sum_cue(text, mention, sentence, before, rules, previous)
    owned = _OWNED_TOTAL.search(before)
    # "its total U.S. investment would come to ¥160 billion": a company's own total, whatever verb sums it
    own_total = owned and (umbrella in _OWN_TOTALS or "total" in _words(before[owned.start() :]))
    # "another €2 billion ..., bringing its total planned investment to about €7 billion": the
    # pledge's new total, not a sum of many nor money spent to date
    new_total = _NEW_PLEDGE_TOTAL.search(before)
    if umbrella and not (own_total or new_total or _PROJECT_COST.search(before)):
        return Role("umbrella", rule, umbrella)
    if cue := _has_phrase(text[sentence.start : sentence.end], rules.history):
        return Role("history", "roles.json history_cues", cue)
    if cue := _history_before(text, sentence, mention, rules, bool(new_total)):
        return Role("history", "roles.json history_before", cue)  # "builds on the $3.5 billion it committed"
    # "X has put $6 billion into the region since 2011 and plans a further $900 million": the year is the
    # first predicate's
    if year := _past_year(_NEW_PREDICATE_RE.split(before)[-1], doc_year, rules):
        return Role("history", "pattern: a year long before the document's", year)
    if year := _dated_before(text, sentence, mention, rules, doc_year):
        return Role("history", "pattern: a past verb and a year before the document's", year)
    if cue := _has_phrase(" ".join(_words(_clause_after(text, sentence, mention))[:6]), rules.history_after):
        return Role("history", "roles.json history_after", cue)  # "EUR1.5 billion Mars has invested"
    if history := _relative_history(text, sentence, mention, rules):
        return history
    clause = text[sentence.start : mention.start]
    if (
        previous is not None
        and _INCLUDING.search(clause)
        and (cue := _past_whole(text, sentence, previous, rules))
    ):
        return Role("history", "pattern: a part of money told as past ('including')", cue)
    # a cancellation is a record: its status says so (status.json)
    return _negation(clause, rules) or Role("record")


def _negation(clause: str, rules: RoleRules) -> Role | None:
    """'negated' for a pledge the sentence says was never made or was denied, else None."""
    if (cue := _has_phrase(clause[-80:], rules.negation)) and _has_phrase(
        clause[-80:], ("promised", "pledged", "committed")
    ):
        return Role("negated", "roles.json negation", cue)
    if cue := _has_phrase(clause[-120:], rules.denied):
        return Role("negated", "roles.json denied", cue)  # "denied a report that it planned to ..."
    return None


def _past_whole(text: str, sentence: Span, whole: MoneyMention, rules: RoleRules) -> str | None:
    """The past cue of the amount an 'including' part belongs to (the sentence's amount before it), told as
    past ('has put $4 billion into its plants ..., including'); None when that amount is a new pledge."""
    before_whole = text[max(sentence.start, whole.start - 40) : whole.start]
    return _has_phrase(before_whole, (*rules.history_after, *rules.history_before))


# "X has put $4 billion into its U.S. plants, including $1.5 billion in Ohio": the part is past too
_INCLUDING = re.compile(
    r"\b(?:including|of\s+which)\s+(?:(?:a|an|some|about|nearly|over|more\s+than|roughly)\s+)*$",
    re.IGNORECASE,
)


def _sum_cue(
    text: str,
    mention: MoneyMention,
    sentence: Span,
    before: str,
    rules: RoleRules,
    previous: MoneyMention | None,
) -> tuple[str | None, str]:
    """The words that make an amount a sum of many (an umbrella), with the rule that found them."""
    umbrella = _umbrella_cue(text, mention, sentence, before, rules)
    if umbrella:
        return umbrella, "roles.json umbrella"
    if summed := _SUMMED.search(before):
        return summed.group(0).strip(), "pattern: a sum ('add up to')"
    if pledgers := _MANY_PLEDGED.search(before):
        # "business leaders at the summit pledged over $40 billion": many investors' sum
        return pledgers.group(1), "pattern: many investors pledged it"
    many = _MANY_COMPANIES.match(text, sentence.start, mention.start)  # the sentence's subject only
    if many and (previous is None or previous.end <= many.start()):
        # the first amount after the count is their sum; the parts after it ("led by X ($8 billion)") are not
        return many.group(0), "pattern: a count of companies ('61 companies ... pledged')"
    opening = " ".join(_words(text[sentence.start : sentence.start + 40])[:2])
    opened = [cue for cue in rules.umbrella_openings if opening == cue or opening.startswith(cue + " ")]
    if opened and not _own_total_opening(text, sentence, opened[0], rules):
        # "Taken together, the projects ..." (but "In all, the company has announced investments of $720m":
        # the company's own figure)
        return opened[0], "roles.json umbrella_openings"
    return None, "roles.json umbrella"


def _history_before(
    text: str, sentence: Span, mention: MoneyMention, rules: RoleRules, new_total: bool
) -> str | None:
    """A history_before phrase among the ten words of the clause before the amount, unless the amount is a
    pledge's new total."""
    if new_total:
        return None
    return _has_phrase(" ".join(_words(_clause_before(text, sentence, mention))[-10:]), rules.history_before)


_NEW_PLEDGE_TOTAL = re.compile(
    r"\bbring(?:s|ing)?\s+(?:the|its|their)\s+total\s+(?:potential|planned|pledged|committed|proposed)\s+"
    r"(?:investment|investments|commitment|commitments|spending)\s+(?:to|at)\s+"
    r"(?:about|around|nearly|almost|roughly|some|approximately|more\s+than|over|up\s+to)?\s*$",
    re.IGNORECASE,
)


def _own_total_opening(text: str, sentence: Span, cue: str, rules: RoleRules) -> bool:
    """Whether the words after an umbrella opening ('In all, ...') name the company as the subject."""
    words = _words(text[sentence.start : sentence.start + 80])[len(cue.split()) :]
    rest = " ".join(words[:4])
    return any(rest == ref or rest.startswith(ref + " ") for ref in (*rules.company_references, "its", "it"))


def _clause_after(text: str, sentence: Span, mention: MoneyMention) -> str:
    """The words of the amount's clause after it (after its second currency in brackets, if one follows:
    '4.2 billion euros ($4.9 billion) in wind farms over the past few years')."""
    start = mention.end
    if gloss := _GLOSS_AFTER.match(text, start, sentence.end):  # (not "$2 billion ($1.10 per share)")
        start = gloss.end()
    return re.split(r"[;:,—–()]", text[start : sentence.end])[0]


def _relative_past(text: str, sentence: Span, mention: MoneyMention, rules: RoleRules) -> str:
    """A pledge told as past: a span of past time after the amount ('$500 million so far'), or a past
    verb and a time right after it ('a $4bn outlay it made earlier this year'). A sentence that opens
    'Last year, X said it would invest ...' is not enough: a standing pledge told for context is a record."""
    after = _words(_clause_after(text, sentence, mention))
    if span := _has_phrase(" ".join(after[:12]), rules.history_spans):
        return span
    after = after[:8]
    joined = " ".join(after)
    for time, pattern in _whole_word_patterns(rules.history_times):
        found = pattern.search(joined)
        if found and set(joined[: found.start()].split()[-2:]) & rules.past_verbs:
            return time
    return ""


@lru_cache(maxsize=16)
def _whole_word_patterns(phrases: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each phrase with the pattern that finds it as whole words."""
    return tuple((phrase, re.compile(rf"\b{re.escape(phrase)}\b")) for phrase in phrases)


def _clause_before(text: str, sentence: Span, mention: MoneyMention) -> str:
    """The words of the amount's clause before it."""
    return _CLAUSE_BEFORE_BREAK.split(text[sentence.start : mention.start])[-1]


# "X reported a sales pipeline of $3.4 billion and said it will spend $150 million": a new predicate after a
# conjunction begins the second amount's clause
_NEW_PREDICATE = (
    r"\b(?:and|but|while|whereas)\s+(?=(?:said|says|will|would|plans?|planned|is|are|has|have|also|then|now|"
    r"intends?|aims?|invest|invests|spend|spends|build|builds)\b)"
)
_AMOUNT_CLAUSE_BREAK = re.compile(r"[,;:—–(]|" + _NEW_PREDICATE)
_NEW_PREDICATE_RE = re.compile(_NEW_PREDICATE)
_BRACKETED = re.compile(r"\s*\([^()]{0,80}\)")
_CLAUSE_BEFORE_BREAK = re.compile(r"[;:—–(]|,\s(?=\w+\s)|" + _NEW_PREDICATE)


_YEAR_AFTER = re.compile(
    r"^[^,;:.]{0,60}?\b(?:in|during)\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?((?:19|20)\d\d)\b"
)
_YEAR_SPAN = re.compile(
    r"\b(?:from|between)\s+((?:19|20)\d\d)\s+(?:to|and|through|-)\s+((?:19|20)\d\d)\b", re.I
)
_SINCE_YEAR = re.compile(r"\bsince\s+((?:19|20)\d\d)\b", re.I)


def _dated_before(text: str, sentence: Span, mention: MoneyMention, rules: RoleRules, doc_year: int) -> str:
    """Money dated before the document: 'the $3.5 billion it committed in November 2024', 'Since 2017, X has
    allocated $12 billion', 'From 2020 to 2024, commitments reached $23bn'."""
    clause = text[sentence.start : mention.start]
    span = _YEAR_SPAN.search(clause)
    past_verb = bool(set(_words(clause)) & rules.past_verbs)
    if span and (past_verb or (doc_year and int(span.group(2)) < doc_year)):
        return span.group(0)
    since = _SINCE_YEAR.search(clause)
    if (
        since
        and re.search(r"\b(?:has|have|had)\b", clause[since.end() :])
        and (not doc_year or int(since.group(1)) < doc_year)
    ):
        return since.group(0)
    after = _YEAR_AFTER.search(text[mention.end : sentence.end])
    if after and doc_year and int(after.group(1)) < doc_year:
        words = set(_words(text[sentence.start : mention.end + after.end()]))
        if words & rules.past_verbs:
            return after.group(0).strip()
    return ""


def _past_year(before: str, doc_year: int, rules: RoleRules) -> str:
    """'In 2017 Foxconn promised $10 billion': a pledge dated years before the document is history; money
    spent in an earlier year ('In 2024, CN invested $357 million') is too."""
    match = re.search(r"\b(?:in|since|back in)\s+((?:19|20)\d\d)\b", before, re.IGNORECASE)
    if not (match and doc_year):
        return ""
    year = int(match.group(1))
    if year < doc_year - 2:
        return match.group(0)
    spent = set(_words(before[match.end() :])) & rules.spent_verbs
    return match.group(0) if year < doc_year and spent else ""


def document_year(text: str, published: str | None) -> int:
    """The year a document was written: its publication date, else the first year of its dateline."""
    match = re.match(r"((?:19|20)\d\d)", published or "") or re.search(r"\b((?:19|20)\d\d)\b", text[:400])
    return int(match.group(1)) if match else 0


def _sentence_of(offset: int, sentences: tuple[Span, ...]) -> Span:
    for sent in sentences:
        if sent.start <= offset < sent.end:
            return sent
    return Span(start=offset, end=offset + 1)


def _sector(
    cues: list[tuple[int, str, str]], around: int, rules: RoleRules, prior: str | None = None
) -> str | None:
    """The sector most cued in a window: specific cues outweigh generic ones, the sponsor's own line of
    business (from its name or the gazetteer) counts as one cue, and nearer cues break ties."""
    score: dict[str, float] = {}
    nearest: dict[str, int] = {}
    for offset, sector, text in cues:
        weight = 0.4 if text.lower() in rules.sector_generic else 1.0 + 0.2 * text.count(" ")
        # cues beside the amount describe it; cues a clause away often describe something else
        decay = 1.0 / (1.0 + abs(offset - around) / 100)
        score[sector] = score.get(sector, 0.0) + weight * rules.sector_weak.get(sector, 1.0) * decay
        nearest[sector] = min(nearest.get(sector, 10**9), abs(offset - around))
    if prior:
        score[prior] = score.get(prior, 0.0) + 0.8
        nearest.setdefault(prior, 10**8)
    if not score:
        return None
    return _served(cues, rules) or max(score, key=lambda s: (score[s], -nearest[s]))


def _served(cues: list[tuple[int, str, str]], rules: RoleRules) -> str | None:
    """The serving sector where a window names it and the sector it serves side by side (sector_weights.json
    served_by): 'data center and energy infrastructure', 'data center, power generation'. Data centers named
    apart, as the demand a power plan meets, leave the sector to the scores."""
    specific = [(o, s, t) for o, s, t in cues if t.lower() not in rules.sector_generic]
    for low, high in rules.sector_served.items():
        lows = [(o, o + len(t)) for o, s, t in specific if s == low]
        highs = [(o, o + len(t)) for o, s, t in specific if s == high]
        for a_start, a_end in highs:
            if any(b_start - a_end in _JOINED or a_start - b_end in _JOINED for b_start, b_end in lows):
                return high
    return None


# the characters between two cues joined by ", ", " & " or " and " (the cues carry offsets, not the text)
_JOINED = {2, 3, 5}


_LEGAL_WORDS = {
    "holding",
    "holdings",
    "ag",
    "plc",
    "inc",
    "corp",
    "co",
    "ltd",
    "sa",
    "se",
    "nv",
    "group",
    "kgaa",
}


def company_sector(name: str, rules: RoleRules) -> str | None:
    """A company's line of business from the gazetteer, or from its name ('... Steel', '... Lithium')."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".,") in _LEGAL_WORDS:
        words.pop()  # "Roche Holding" is Roche
    listed = rules.company_sectors.get(name) or rules.company_sectors.get(" ".join(words))
    if listed:
        return listed
    # the first telling word after the name's first ("Vardhan Steel & Power" makes steel; "Cobalt Ridge
    # Health System" is a hospital operator whose first word is only a name), else the first word
    for word in [*words[1:], *words[:1]]:
        if word in rules.name_sectors:
            return rules.name_sectors[word]
    return None


def _outermost(cues: list[SectorCue]) -> tuple[SectorCue, ...]:
    """The cues without those inside a longer cue of another sector ('kettle chips' is a snack, whatever
    'chips' alone would say); cues sorted by start, the longest first."""
    kept: list[SectorCue] = []
    open_cues: list[SectorCue] = []  # longer cues still covering the current position
    for cue in cues:
        open_cues = [c for c in open_cues if c.end > cue.start]
        if any(
            c.end >= cue.end and c.end - c.start > cue.end - cue.start and c.sector != cue.sector
            for c in open_cues
        ):
            continue
        kept.append(cue)
        open_cues.append(cue)
    return tuple(kept)


@dataclass(frozen=True)
class _DocView:
    extracted: ExtractedDocument
    rules: RoleRules
    # mentions sorted by start, with their starts, so that a window is found by bisection
    companies: tuple[CompanyMention, ...] = ()
    company_starts: tuple[int, ...] = ()
    money_order: tuple[int, ...] = ()  # positions in extracted.money, sorted by start
    money_starts: tuple[int, ...] = ()

    @classmethod
    def of(cls, extracted: ExtractedDocument, rules: RoleRules) -> _DocView:
        """The view of a document, with its sorted indexes; what only records read (programme, investors'
        countries, subject, sectors) is worked out when a record first asks (most documents make none)."""
        companies = tuple(sorted(extracted.companies, key=lambda c: c.start))
        money_order = tuple(sorted(range(len(extracted.money)), key=lambda i: extracted.money[i].start))
        return cls(
            extracted,
            rules,
            companies=companies,
            company_starts=tuple(c.start for c in companies),
            money_order=money_order,
            money_starts=tuple(extracted.money[i].start for i in money_order),
        )

    # (each of these reads only the fields above and cues, never another of them)
    @cached_property
    def cues(self) -> tuple[SectorCue, ...]:
        """The sector cues, outermost only, sorted by start."""
        return _outermost(sorted(self.extracted.sectors, key=lambda c: (c.start, -c.end)))

    @cached_property
    def cue_starts(self) -> tuple[int, ...]:
        """The cues' starts."""
        return tuple(c.start for c in self.cues)

    @cached_property
    def program(self) -> tuple[str, str] | None:
        """The umbrella programme the document is about, and its country."""
        return _program(self)

    @cached_property
    def countries(self) -> dict[str, str]:
        """Company -> home country, where stated."""
        return _countries(self)

    @cached_property
    def subject(self) -> CompanyMention | None:
        """The company the document is about, where one stands out."""
        return _subject(self)

    @cached_property
    def sector(self) -> str | None:
        """The sector the whole document cues most, for records whose sentence cues none."""
        return _document_sector(self)

    @cached_property
    def profiles(self) -> dict[str, str]:
        """Company -> sector its appositive gives."""
        return _profiles(self)

    @cached_property
    def sentence_index(self) -> dict[Span, int]:
        """Sentence -> its position; made when a record first asks for a neighbour (most documents
        never do)."""
        sentence_index: dict[Span, int] = {}
        for i, sentence in enumerate(self.extracted.sentences):
            sentence_index.setdefault(sentence, i)  # list.index() gives the first of equal spans
        return sentence_index

    @property
    def text(self) -> str:
        return self.extracted.parsed.text

    def companies_in(self, start: int, end: int) -> list[CompanyMention]:
        lo, hi = bisect_left(self.company_starts, start), bisect_left(self.company_starts, end)
        return list(self.companies[lo:hi])

    def names_company_in(self, start: int, end: int) -> bool:
        """Whether a company mention starts in [start, end) (companies_in without the list)."""
        return bisect_left(self.company_starts, start) < bisect_left(self.company_starts, end)

    def money_between(self, start: int, last: int) -> list[MoneyMention]:
        """The amounts starting at `start` to `last` inclusive, in the extracted order."""
        lo, hi = bisect_left(self.money_starts, start), bisect_right(self.money_starts, last)
        return [self.extracted.money[i] for i in sorted(self.money_order[lo:hi])]

    def cues_in(self, start: int, end: int) -> list[tuple[int, str, str]]:
        # a cue inside a company's name ("Taiwan Semiconductor") says nothing about this project
        names = [(c.start, c.end) for c in self.companies_in(start, end)]
        lo, hi = bisect_left(self.cue_starts, start), bisect_left(self.cue_starts, end)
        return [
            (c.start, c.sector, c.text)
            for c in self.cues[lo:hi]
            if not any(a <= c.start < b for a, b in names)
        ]


def _is_participant(view: _DocView, company: CompanyMention, sentence: Span) -> bool:
    """Suppliers that 'could take part' or are 'possible suppliers' are participants, not leads."""
    clause_start = max(sentence.start, company.start - 80)
    left = view.text[clause_start : company.start].lower()
    right = view.text[company.end : min(sentence.end, company.end + 120)].lower()
    if any(cue in right for cue in view.rules.participant_after):
        return True
    if _BRAND_SUPPLIER.search(view.text, clause_start, company.start):
        return False  # "Apple supplier X will invest": a descriptor of X, whose customer is named
    if _SUBJECT_OF_PLEDGE.match(view.text, company.end, min(sentence.end, company.end + 120)):
        return False  # "Unlike peers such as Intel, X will invest": the subject of the pledge
    landmark = _landmark_before(view.rules.landmark_cues)
    if landmark is not None and landmark.search(view.text, clause_start, company.start):
        return True  # "a plant near X and Y operations": named to place the site
    return _ends_with_phrase(left, rules_participant_left(view.rules), 8) is not None


_BRAND_SUPPLIER = re.compile(r"\b[A-Z][\w&-]*\s+supplier\s+$")
# the company, alone or joined by 'and' to another, is the subject of an investment verb
_SUBJECT_OF_PLEDGE = re.compile(
    r"(?:\s+[A-Z][\w&.'’-]*){0,4}(?:,?\s+and\s+[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4})?\s+"
    r"(?:will|would|plans?\s+to|intends?\s+to|aims?\s+to|is\s+set\s+to|are\s+set\s+to)\s+"
    r"(?:also\s+|still\s+|jointly\s+|together\s+)?(?:invest|spend|build|commit|pour|put)\b"
)


def _is_parent(view: _DocView, company: CompanyMention) -> bool:
    """Whether a company is named as another's parent ('a subsidiary of Y', 'part of the Y Group')."""
    before = view.text[max(0, company.start - 80) : company.start]
    words = [w for w in _words(before) if w not in {"the", "a", "an", "wholly", "owned"}]
    if _has_phrase(" ".join(words[-3:]), view.rules.parent_cues) is not None or _OWNED_BY_END.search(before):
        return True
    # "a subsidiary of US-based renewables firm Y": a descriptor between the cue and the name
    return (
        bool(words)
        and words[-1] in view.rules.company_reference_heads
        and any(
            _has_phrase(
                " ".join(words[max(0, len(words) - cut - 3) : len(words) - cut]), view.rules.parent_cues
            )
            for cut in range(1, 5)
        )
    )


_OWNED_BY_END = re.compile(r"\bowned by\s+(?:the\s+)?$", re.IGNORECASE)


def _is_investee(view: _DocView, company: CompanyMention) -> bool:
    """Whether a company is named as the one invested in ('an investor in Y', 'a stake in the Y')."""
    words = [w for w in _words(view.text[max(0, company.start - 30) : company.start]) if w != "the"]
    return any(" ".join(words[-len(cue.split()) :]) == cue for cue in view.rules.investee_cues)


def _stake_role(view: _DocView, mention: MoneyMention, in_sentence: list[CompanyMention], role: Role) -> Role:
    """A record's role, unless its money is put into a company (see _buys_into)."""
    if role.is_record and _buys_into(view, mention, in_sentence):
        return Role("not_investment", "linker: money put into a company (its shares)", "in")
    return role


def _buys_into(view: _DocView, mention: MoneyMention, in_sentence: list[CompanyMention]) -> bool:
    """'a $2 billion investment in Orvane', 'a $700 million equity stake in Orvane': money put into a company
    buys its shares (GOLD-FORMAT: no pledge); not 'in Orvane's new plant', which the company builds ('will
    invest $5 billion in Orvane Shipyard' may expand the yard: only the noun says shares were bought)."""
    text = view.text
    for company in in_sentence:
        if not mention.end <= company.start <= mention.end + 40:
            continue
        if text.startswith(("'s", "’s", "’", "'"), company.end):
            continue  # "in Orvane's Ohio plant": a project the company owns
        if _STAKE_BETWEEN.fullmatch(text, mention.end, company.start):
            return True
    return False


_STAKE_BETWEEN = re.compile(r"\s*(?:[\w-]+\s+){0,2}(?:investment|stake)\s+in\s+(?:the\s+)?", re.IGNORECASE)


def rules_participant_left(rules: RoleRules) -> tuple[str, ...]:
    """Cues before a company that make it a participant: 'suppliers such as', 'potential participants:'."""
    return tuple(p for p in rules.participant if p not in {"among", "including", "alongside"})


class _SpanSet:
    """Half-open spans [a, b), merged, for bisection: whether a position lies in any of them (a table's
    rows are checked for every sentence; a scan of them all grows with sentences times rows)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(span for span in spans if span[0] < span[1]):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def holds(self, position: int) -> bool:
        """Whether position lies in a span."""
        i = bisect_right(self.starts, position) - 1
        return i >= 0 and position < self.ends[i]


def _sentence_records(view: _DocView, trace: _Trace) -> list[CandidateRecord]:
    text = view.text
    parsed = view.extracted.parsed
    in_table = _SpanSet(
        [(r.start, r.end) for t in parsed.tables for r in t.rows]
        + [
            (t.rows[0].start - 1 - len(" | ".join(t.header)), t.rows[0].start)
            for t in parsed.tables
            if t.rows
        ]
    )
    records: list[CandidateRecord] = []
    previous_companies: list[CompanyMention] = []
    list_leads: list[CompanyMention] = []
    doc_year = document_year(text, parsed.published)
    money = sorted(view.extracted.money, key=lambda m: m.start)
    money_starts = [m.start for m in money]
    last_amount = money_starts[-1] if money_starts else -1
    # no sentence after the last amount's holds one: what the loop carries on to them is read by none
    for sentence in itertools.takewhile(lambda s: s.start <= last_amount, view.extracted.sentences):
        in_sentence = view.companies_in(sentence.start, sentence.end)
        amounts = money[bisect_left(money_starts, sentence.start) : bisect_left(money_starts, sentence.end)]
        if in_table.holds(sentence.start):
            previous_companies = in_sentence or previous_companies
            continue
        for position, mention in enumerate(amounts):
            previous = amounts[position - 1] if position else None
            role = _sentence_role(view, sentence, mention, in_sentence, doc_year, previous)
            if (
                role.is_record
                and not any(c.end <= mention.start for c in in_sentence)
                and _total_of_listed_parts(text, mention, amounts[position + 1 :], in_sentence)
            ):
                # "projects worth $17 billion, led by A ($8 billion), B ($6 billion) and C": the parts lead
                role = Role("umbrella", "pattern: a total before its parts in brackets", "(")
            role = _stake_role(
                view, mention, in_sentence, _comparison_role(view, sentence, mention, in_sentence, role)
            )
            if not role.is_record:
                trace.decide(mention, role, [c.name for c in in_sentence])
                continue
            leads = [
                c for c in in_sentence if not _is_participant(view, c, sentence) and not _modifier(text, c)
            ]
            # "X, a subsidiary of Y, will invest": Y is named to say whose X is; "as an investor in Y": Y
            # receives the money
            leads = [
                c
                for c in leads
                if not (_is_parent(view, c) or _is_investee(view, c) or _owns_the_next(text, c, in_sentence))
            ] or leads
            leads = _project_owner(view, in_sentence, mention) or leads
            # "US$23 billion from Novartis" names who gives it, whatever list it stands in
            first_after = _first_after(mention, in_sentence)
            givers = [c for c in in_sentence if _gives(text, mention, c, first_after)]
            leads = givers + [c for c in leads if c not in givers]
            # "The company, which makes servers for A and B, is investing": A and B are its customers;
            # "Like X, Y will invest": X is named for comparison
            leads = [
                c
                for c in leads
                if not _in_opening_relative_clause(text, sentence, c) and not _compared(view, sentence, c)
            ]
            # "X, renamed after Y acquired Z, is investing": the subject's appositive names others
            leads = [c for c in leads if not _in_subject_appositive(text, in_sentence, mention, c)] or leads
            carried: list[CompanyMention] = []
            if not leads:
                # no company in the sentence, or only its participants and customers ("The site ... will make
                # parts for the Airbus A350"): the company of the sentences before, where one is clear
                leads = carried = _carried_leads(view, sentence, mention, previous_companies, list_leads)
            if not leads:
                why = "participants only" if in_sentence else "no company in its sentence, none carried over"
                trace.decide(
                    mention, Role("no_lead", "linker: lead companies", why), [c.name for c in in_sentence]
                )
                continue
            sponsor, group = _sponsor_and_group(text, sentence, mention, amounts, leads, carried)
            participants = sorted(
                {c.name for c in in_sentence if not _is_customer(view, c, sentence)} - {c.name for c in leads}
            )
            prior = company_sector(sponsor.name, view.rules) or _profile_sector(view, sponsor.name)
            sector = _sector(view.cues_in(sentence.start, sentence.end), mention.start, view.rules, prior)
            if sector is None:
                # a sentence that goes on about the previous one ("The first phase, costing ...") or is
                # followed by one ("The plant will ...") borrows that sentence's cues
                neighbour = _previous_sentence(view, sentence) if carried else None
                neighbour = neighbour or _continuation_neighbour(view, sentence)
                if neighbour is not None:
                    sector = _sector(view.cues_in(neighbour.start, neighbour.end), mention.start, view.rules)
            if len(group) > 1 and _distributive(view.text, sentence, mention):
                # "X and Y each put forward programs worth up to $100 billion": one record per lead
                for unit in _joint_units(view.text, group):
                    partners = tuple(c.name for c in unit[1:])
                    # each lead's own line of business weighs in: a shipyard and a fiber maker differ
                    unit_prior = company_sector(unit[0].name, view.rules) or _profile_sector(
                        view, unit[0].name
                    )
                    cues = view.cues_in(sentence.start, sentence.end)
                    unit_sector = _sector(cues, mention.start, view.rules, unit_prior) or sector
                    records.append(
                        trace.made(
                            _candidate(
                                view,
                                unit[0].name,
                                partners,
                                tuple(participants),
                                unit_sector,
                                mention,
                                sentence,
                            ),
                            role,
                            [c.name for c in leads],
                            view,
                        )
                    )
                continue
            partners = tuple(
                dict.fromkeys(
                    name
                    for name in [
                        *(c.name for c in group),
                        *_venture_parents(view, group[0], sentence),
                        *_recipients(view, mention, in_sentence),
                    ]
                    if name != group[0].name
                )
            )
            participants = sorted(set(participants) - set(partners))
            records.append(
                trace.made(
                    _candidate(view, group[0].name, partners, tuple(participants), sector, mention, sentence),
                    role,
                    [c.name for c in leads],
                    view,
                )
            )
        if in_sentence:
            # customers ("parts for the Airbus A350") are not what the next sentence goes on about
            only_customers = all(_is_customer(view, c, sentence) for c in in_sentence)
            named = [c for c in in_sentence if not _compared(view, sentence, c)] or in_sentence
            previous_companies = previous_companies if only_customers else named
        if not _BULLET.match(text, sentence.start):
            opens_list = text[sentence.start : sentence.end].rstrip().endswith(":")
            list_leads = (in_sentence or previous_companies)[:1] if opens_list else []
    return records


_BRACKETED_PART = re.compile(
    r"^\s*(?:\(|,?\s+with)\s*(?:about|around|approximately|roughly|nearly|some|up\s+to|more\s+than|over|"
    r"at\s+least)?\s*$",
    re.IGNORECASE,
)


def _total_of_listed_parts(
    text: str, mention: MoneyMention, later: list[MoneyMention], companies: list[CompanyMention]
) -> bool:
    """Whether an amount is followed in its sentence by the parts of two or more companies, each in brackets
    right after its name ('A ($8 billion), B ($6 billion)'): it is their total."""
    if any(c.end <= mention.start and _BRACKETED_PART.match(text[c.end : mention.start]) for c in companies):
        return False  # itself a part
    named: set[str] = set()
    for part in later:
        owner = next(
            (c for c in reversed(companies) if mention.end <= c.end <= part.start),
            None,
        )
        if owner is not None and _BRACKETED_PART.match(text[owner.end : part.start]):
            named.add(owner.name)
    return len(named) >= 2


def _sponsor_and_group(
    text: str,
    sentence: Span,
    mention: MoneyMention,
    amounts: list[MoneyMention],
    leads: list[CompanyMention],
    carried: list[CompanyMention],
) -> tuple[CompanyMention, list[CompanyMention]]:
    """The lead that governs an amount and the leads listed with it."""
    first_after = _first_after(mention, leads)
    giver = next((c for c in leads if _gives(text, mention, c, first_after)), None)
    # "Corvane said its Hollis Power business is putting $35 million into a line": the unit acts
    unit = next(
        (
            c
            for c in leads
            if c.end <= mention.start
            and text[max(sentence.start, c.start - 6) : c.start].lower().endswith(("its ", "their "))
            and _ACTING_UNIT.match(text[c.end : mention.start])
            and not any(c.end <= m.start < mention.start for m in amounts)
        ),
        None,
    )
    sponsor = giver or unit or _clause_subject(text, sentence, leads, mention) or leads[0]
    group = carried or _coordinated_leads(text, leads, sponsor)
    if respective := _respective_lead(text, sentence, mention, amounts, group):
        return respective, [respective]  # "X and Y ... $23 billion and $50 billion, respectively"
    return sponsor, group


_ACTING_UNIT = re.compile(
    r"^\s+(?:unit|business|subsidiary|division|arm)\s+(?:is|was|will|would|plans\s+to|has|had)?\s*"
    r"(?:be\s+|also\s+|now\s+)?(?:invest|investing|spend|spending|build|building|put|putting|commit|committing)\b"
    r"[^.;]*$"
)


def _sentence_role(
    view: _DocView,
    sentence: Span,
    mention: MoneyMention,
    in_sentence: list[CompanyMention],
    doc_year: int,
    previous: MoneyMention | None,
) -> Role:
    """An amount's role in its sentence: amount_role's, a company's own umbrella, or an agency's money."""
    role = amount_role(
        view.text, mention, sentence, view.rules, doc_year, previous, tuple(c.start for c in in_sentence)
    )
    if role.verdict == "umbrella" and role.cue in view.rules.company_umbrellas:
        role = _company_umbrella(view, sentence, mention, in_sentence, role)
    if role.is_record and (agency := _agency_acts(view, sentence, mention)):
        # "The Japan Bank for International Cooperation will provide up to $1 billion": its money
        role = Role("government", "linker: an agency or government is the amount's actor", agency)
    if role.is_record and (denial := _report_denied(view, sentence)):
        role = Role("negated", "roles.json denied, the sentence before a report", denial)
    return role


_REPORTED_THINGS = (
    "report",
    "reports",
    "media",
    "press",
    "sums",
    "figures",
    "figure",
    "claims",
    "investment",
)
_REPORTED = re.compile(r"\W*(?:[A-Z][\w.&'’-]*\s+){1,3}(?:had\s+|has\s+)?reported\s+(?:that\s+)?")


def _report_denied(view: _DocView, sentence: Span) -> str | None:
    """'X rejected the figures in the press. A daily reported that X plans to invest $500 million': a
    report the sentence before denies; its denial cue, else None."""
    if not _REPORTED.match(view.text, sentence.start, sentence.end):
        return None
    previous = _previous_sentence(view, sentence)
    if previous is None:
        return None
    earlier = view.text[previous.start : previous.end]
    if not _has_phrase(earlier, _REPORTED_THINGS):
        return None  # "X denied it would close its Ohio factory": a denial of something else
    return _has_phrase(earlier, view.rules.denied)


def _agency_acts(view: _DocView, sentence: Span, mention: MoneyMention) -> str:
    """The agency whose money an amount is: the first name of the amount's clause, before it, with no company
    between it and the amount ('JobsOhio will give $50 million to X'); else ''."""
    clause = _clause_before(view.text, sentence, mention)
    clause_start = mention.start - len(clause)
    agency = next(
        (a for a in view.extracted.agencies if clause_start <= a.start and a.end <= mention.start), None
    ) or next(
        # "Bpifrance, the French public investment bank, will contribute €50 million": across its appositive
        (
            a
            for a in view.extracted.agencies
            if sentence.start <= a.start
            and a.end <= mention.start
            and a.signal == "agency"
            and _AGENCY_MONEY_VERB.match(view.text[a.end : mention.start])
            and not view.companies_in(a.end, mention.start)
            and not view.money_between(a.end, mention.start - 1)  # its own amount is the first after the verb
        ),
        None,
    )
    selected = next(
        (
            a
            for a in view.extracted.agencies
            if sentence.start <= a.start
            and a.end <= mention.start
            and a.signal == "agency"
            and _SELECTED_BY.search(view.text, max(sentence.start, a.start - 20), a.start)
            and _FOR_AMOUNT.match(view.text, a.end, mention.start)
        ),
        None,
    )
    if selected is not None:
        # "X was selected by the Department of Energy for a $500 million award": the agency's money
        return selected.name
    owned = next(
        (
            a
            for a in view.extracted.agencies
            if _OWNED_BY.match(view.text, a.end, mention.start)
            and not view.companies_in(a.end, mention.start)
        ),
        None,
    )
    if owned is not None and owned.signal == "agency":
        return owned.name  # "part of the Port Authority's $12 billion overhaul": the agency's own programme
    if agency is None or agency.signal != "agency":
        return _government_acts(view, clause, clause_start, mention)
    if any(c.start < mention.start for c in view.companies_in(clause_start, agency.start)):
        return ""  # "X and the state agency will invest": the company comes first
    between = view.companies_in(agency.end, mention.start)
    if between and _AGENCY_GIVES_TO.match(view.text, agency.end, between[0].start):
        return agency.name  # "METI said it will provide X with ¥536 billion": X receives it
    if between:
        return ""  # "The bank and X will jointly invest": a company stands between
    if not _AGENCY_MONEY_VERB.match(view.text[agency.end : mention.start]):
        return ""  # "county officials approved a $165 billion campus": the agency only rules on it
    return agency.name


_SELECTED_BY = re.compile(r"\b(?:selected|chosen|picked|tapped)\s+by\s+(?:the\s+)?$", re.IGNORECASE)
# "... Department of Energy (DOE) for a $500 million": the agency's own award follows its name
_FOR_AMOUNT = re.compile(
    r"(?:\s*\([^()]{1,20}\)|\s+or\s+\S+)?\s+for\s+(?:a|an|up\s+to|about|nearly|more\s+than)?\s*$",
    re.IGNORECASE,
)


def _government_acts(view: _DocView, clause: str, clause_start: int, mention: MoneyMention) -> str:
    """'The state of Ohio will invest $300 million in roads for X': a government opens the clause and gives
    the money, no company before the amount; the government's words, else ''."""
    if view.companies_in(clause_start, mention.start):
        return ""
    opening = clause.lstrip().lower()
    opening = opening[4:] if opening.startswith("the ") else opening
    # "The Australian government", "the federal government": the government, whichever it is
    opening = _GOVERNMENT_OF.sub("", opening, count=1)
    for phrase in view.rules.government:
        subject = phrase[4:] if phrase.startswith("the ") else phrase
        if opening.startswith(subject + " ") or opening.startswith(subject + "'s "):
            rest = clause.lstrip()[len(clause.lstrip()) - len(opening) + len(subject) :]
            if _GOVERNMENT_MONEY_VERB.match(rest):
                return subject
    return ""


_OWNED_BY = re.compile(
    r"(?:\s+and\s+(?:[A-Z][\w.]*\s*){1,3})?['’]s\s+(?:\w+\s+){0,2}$"
)  # "the Port Authority's $12 billion": its programme
# the agency is the subject of a verb that gives money: "will provide up to", "plans to invest", "gave"
_GOVERNMENT_OF = re.compile(r"^(?:[a-z.]+\s+){1,2}(?=government\b)")
_MONEY_VERB = (
    r"(?:invest|provide|give|gave|spend|lend|lent|fund|contribute|commit|put|allocate|offer|grant|award|extend|"
    r"subsidi[sz]e)\w*\b"
)
_GOVERNMENT_MONEY_VERB = re.compile(
    r"^(?:\s+of\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?(?:\s+government)?\s+"
    r"(?:(?:will|would|plans\s+to|is\s+to|is\s+set\s+to|agreed\s+to|has\s+agreed\s+to|also)\s+){0,2}"
    + _MONEY_VERB,
)
_AGENCY_GIVES_TO = re.compile(
    r"\s*\)?\s*(?:\([^()]{1,20}\)\s*)?(?:(?:said|says|announced|confirmed)\s+(?:that\s+)?(?:it|they)\s+)?"
    r"(?:(?:will|would|plans\s+to|is\s+to|agreed\s+to|has\s+agreed\s+to|also)\s+){0,2}"
    r"(?:provide|provides|provided|give|gives|gave|grant|grants|granted|award|awards|awarded|lend|lends|lent|"
    r"offer|offers|offered)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_AGENCY_MONEY_VERB = re.compile(
    r"^(?:['’]s\s+[\w\s]{0,30}?)?\s*(?:,[^,]{0,60},\s*)?(?:will|would|plans\s+to|is\s+to|agreed\s+to|also)?\s*"
    + _MONEY_VERB,
    re.IGNORECASE,
)


def _respective_lead(
    text: str, sentence: Span, mention: MoneyMention, amounts: list[MoneyMention], group: list[CompanyMention]
) -> CompanyMention | None:
    """The lead an amount goes with when a sentence pairs leads and amounts 'respectively', by order."""
    if len(group) < 2 or not re.search(r"\brespectively\b", text[sentence.start : sentence.end], re.I):
        return None
    own = [m for m in amounts if not _PAIRED.search(text[max(sentence.start, m.start - 40) : m.start])]
    if len(own) != len(group) or mention not in own or any(m.start < group[-1].end for m in own):
        return None
    return group[own.index(mention)]


def _company_umbrella(
    view: _DocView, sentence: Span, mention: MoneyMention, in_sentence: list[CompanyMention], role: Role
) -> Role:
    """A company's own fund, initiative or commitment ('X set up a $30 million fund') is its pledge; a
    government's, or one no company leads, stays an umbrella."""
    clause_start = sentence.start + len(_clause_before_start(view.text[sentence.start : mention.start]))
    leads = [c for c in in_sentence if c.start < mention.start and not _is_participant(view, c, sentence)]
    before = view.text[clause_start : mention.start]
    # a new fund of its own ("a", "its", "X's"), not "the $1.4 trillion framework" it is listed under
    own = re.search(
        r"(?:\b(?:a|an|its|their|new|planned|additional)|['’]s)\s+(?:(?:up\s+to|about|some)\s+)?$", before
    ) or _OWN_COMMITMENT.search(before)
    if role.cue in _TOTALS and len({c.name for c in leads}) == 1:
        # one company's total ("a total of €2.5 billion", "totaling $2.7 billion") is its own figure
        own = own or re.search(r"\btotal(?:s|ing|ling|led|ed)?\b", before, re.IGNORECASE)
    # a nation's umbrella ("Korea's $350 billion") is no company's
    owner_words = set(_WORDS.findall(before.lower())[-3:]) & view.rules.umbrella_owners
    part_of = re.search(r"\bpart\s+of\b", view.text[sentence.start : mention.start], re.IGNORECASE)
    # "X, a $60 billion fund manager, also takes part": what the company is, not what it commits
    described = any(re.fullmatch(r",\s+an?\s+", view.text[c.end : mention.start]) for c in leads)
    # "part of WM's $3 billion initiative": part of the company's own, where its possessive owns the amount
    possessed = any(view.text[c.end : mention.start] in {"'s ", "’s "} for c in leads)
    if (
        leads
        and own
        and not (owner_words or (part_of and not possessed) or described)
        and not _has_phrase(before, view.rules.government)
    ):
        return Role("record", f"{role.rule}, led by a company", role.cue)
    return role


_TOTALS = {"total", "totals", "totaling", "totalling", "in total"}
# "with an intended commitment of $320 million at the start": the company's own figure
_OWN_COMMITMENT = re.compile(
    r"\b(?:an?|its|their)\s+(?:\w+\s+){0,2}(?:commitment|pledge)\s+of\s+(?:(?:up\s+to|about|some)\s+)?$"
)


def _clause_before_start(before: str) -> str:
    """The text before the amount's clause (up to its last clause break)."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(before)]
    return before[: breaks[-1]] if breaks else ""


_MODIFIER = re.compile(
    r"-(?:backed|parent|owned|led|funded|controlled|affiliated|linked)\b"
    r"|\s+[A-Z]{1,4}-?\d{2,}\b"  # "four Westinghouse AP1000 reactors": the maker of a model named
    # "a Coca-Cola bottler", "Apple supplier X": the trade of another company, named by its customer or brand
    r"|\s+(?:producer|bottler|supplier|distributor|dealer|franchisee|vendor)s?\b",
    re.IGNORECASE,
)


def _modifier(text: str, company: CompanyMention) -> bool:
    """'Amazon-backed X', 'Google-parent Alphabet', 'Westinghouse AP1000 reactors': the company names another
    one or a product, it does not lead."""
    return bool(_MODIFIER.match(text, company.end))


# "The company, which produces servers for A and B, is investing ...": a reference, then a relative clause
_OPENING_RELATIVE = re.compile(
    r"\s*(?:The|the)\s+(?:company|firm|group|manufacturer|maker|supplier|developer)\s*,\s*"
    r"(?:which|who|that|whose|an?)\b[^,;]{0,160},"
)


def _comparison_role(
    view: _DocView, sentence: Span, mention: MoneyMention, in_sentence: list[CompanyMention], role: Role
) -> Role:
    """'Unlike Intel, which is spending $20 billion in Ohio, X will invest': an amount before any company but
    the one named for comparison is that one's, no pledge of the document's."""
    before = [c for c in in_sentence if c.start < mention.start]
    if role.is_record and before and all(_compared(view, sentence, c) for c in before):
        return Role("no_lead", "linker: lead companies", "a company named for comparison")
    return role


def _owns_the_next(text: str, company: CompanyMention, in_sentence: list[CompanyMention]) -> bool:
    """'Orvane Holdings' freight arm Kestrel Freight will invest', 'Halvard's unit Ardmore Cells': the
    possessor names whose unit the next company is; the unit leads."""
    following = [c for c in in_sentence if c.start >= company.end]
    return bool(following) and bool(
        _POSSESSIVE_BEFORE.fullmatch(text, company.end, min(c.start for c in following))
    )


_POSSESSIVE_BEFORE = re.compile(r"['’]s?\s+(?:[a-z][\w-]*\s+){0,4}")


def _compared(view: _DocView, sentence: Span, company: CompanyMention) -> bool:
    """Whether a company opens its sentence after a comparison ('Like X, ...', 'Unlike X, ...')."""
    opening = view.text[sentence.start : company.start].strip().lower()
    return opening in view.rules.comparison_openings


def _in_opening_relative_clause(text: str, sentence: Span, company: CompanyMention) -> bool:
    """Whether a company stands in the relative clause after a sentence's opening reference."""
    clause = _OPENING_RELATIVE.match(text, sentence.start, sentence.end)
    return clause is not None and company.start < clause.end()


def _in_subject_appositive(
    text: str, in_sentence: list[CompanyMention], mention: MoneyMention, company: CompanyMention
) -> bool:
    """Whether a company stands inside the appositive that follows its sentence's first company and closes
    before the amount ('Orvane, renamed after Orvane Group acquired Keswick, is investing'); a list ('A, B
    and C will invest') opens no appositive."""
    first = in_sentence[0]
    if company is first or not text.startswith(", ", first.end) or company.start < first.end:
        return False
    if not text[first.end + 2 : first.end + 3].islower():
        return False
    close = text.find(", ", company.end, mention.start)
    return close != -1 and "," not in text[first.end + 2 : company.start]


def _carried_leads(
    view: _DocView,
    sentence: Span,
    mention: MoneyMention,
    previous: list[CompanyMention],
    list_leads: list[CompanyMention],
) -> list[CompanyMention]:
    """The leads of a sentence that names no company: a list item's lead, the previous sentence's
    companies, or the company the document is about."""
    text = view.text
    if list_leads and _BULLET.match(text, sentence.start):
        return list_leads  # "- $1.2 billion to build ..." under "The plan includes:"
    bullet = _BULLET.match(text, sentence.start)
    labelled = (
        bullet
        and _BULLET_LABEL.match(text, bullet.end(), mention.start)
        and text.startswith(":", mention.end)
    )
    if _LABEL_LINE.match(text, sentence.start, mention.start):
        # a project card: "Merck's research centre" over "Location: ..." and "Estimated investment: €300m";
        # the card's own lines name its company, close above the figure
        near = [c for c in previous if sentence.start - c.end <= _CARD_LINES]
        unique = _unique_names(near)
        if len(unique) == 1 and len(near) == len(previous):
            return unique
    if bullet and (labelled or _BULLET_INVESTMENT.match(text, mention.end, sentence.end)):
        # a release's highlights: "• $30M investment in Richmond, Virginia" under the one company's headline;
        # a fact sheet's figures: "• Up to $3.5 billion: Phase 1" after "• $12 billion: ... by X"
        unique = _unique_names(previous)
        if len(unique) == 1:
            return unique
    named_all = _has_phrase(text[sentence.start : sentence.end], view.rules.plural_nouns) is not None
    if named_all or _continues(text, sentence, view.rules):
        # "The partners aim to invest ..." goes on about all of them; "It will ..." about the subject;
        # "contributions from the two companies" names them all anywhere in the sentence
        plural = named_all or _continues(text, sentence, view.rules, plural=True)
        leads = _unique_names(previous) if plural else previous[:1]
        if leads:
            return leads
    if view.subject and _about_subject(view, sentence, mention):
        # "The $4 billion plant will ...", "Our plan to invest ...": a sentence that names no company but
        # refers to one is about the company the document is about
        return [view.subject]
    if (
        not view.subject
        and (
            _refers_back(view, sentence, mention)
            or _opening_reference(_opening_words(view, sentence), view.rules) is not None
        )
        and (named := _named_just_before(view, sentence, previous))
    ):
        # a page about many companies: "The Texan giant will invest ...", "The €2.4 billion project
        # aims ...", "In addition, an investment of ..." go on about the one company the sentence right
        # before named
        return named
    spent = (
        mention.start - sentence.start < 40
        and bool(
            _SPENT_SUBJECT.match(text, sentence.start, mention.end + 50)
            or (
                (
                    subject := _money_subject(view.rules.money_subject).match(
                        text, mention.end, mention.end + 50
                    )
                )
                # "Another $90 million from the state will go toward roads": the government's money; "will
                # go toward paying down debt": not a project
                and not _has_phrase(text[sentence.start : subject.end()], view.rules.government)
                and _builds(text[subject.end() : sentence.end], view.rules)
            )
        )
    )
    costed = _COSTS.search(text, max(sentence.start, mention.start - 45), mention.start)
    costed = (
        costed
        or _SUBJECT_COST.match(text, sentence.start, mention.start)
        or _COST_SENTENCE.match(text, sentence.start, mention.start)
    )
    if spent or costed:
        # "More than $3 billion will be invested in the site": the money is the subject; its investor is
        # the one company the sentence before names, or the document's
        unique = _unique_names(previous)
        if len(unique) == 1:
            return unique
        if view.subject and not unique:
            return [view.subject]
    if (
        view.subject
        and _INVESTMENT_OF.search(text, max(sentence.start, mention.start - 40), mention.start)
        and len({c.name for c in view.extracted.companies}) == 1
        and not _has_phrase(text[sentence.start : sentence.end], view.rules.government)
    ):
        # "The upgrade comprises an investment of $900 million for ...": in a document that names one
        # company, an investment told with no investor is that company's
        return [view.subject]
    return []


# "an investment of", "A new investment of approximately": the amount an unnamed investor puts in
_INVESTMENT_OF = re.compile(
    r"\binvestment\s+of\s+(?:about|approximately|around|nearly|some|roughly|more\s+than|over|up\s+to)?\s*$",
    re.IGNORECASE,
)


# "Total capital expenditure is put at $4.1 billion", "The total project cost is $800 million": the sentence's
# subject is one project's cost (not many projects' combined value, nor the state's share of a total)
_SUBJECT_COST = re.compile(
    rf"\s*(?:[-*•–]\s*)?(?:the\s+)?(?:total|overall)\s+{_COST_NOUNS}:?"
    r"(?:\s*[-–—][^-–—$€£¥\d]{1,40}[-–—])?"  # "cost-including another phase-is"
    r"(?:\s+(?:for|of)\s+(?:the|both|its|this|that|each)\s+(?:plant|plants|factory|factories|project|site|facility|"
    r"mill|phase|campus)\b)?(?:\s*\b(?:is|was|are|were|stands|stood|will|would|be|amounts|comes|expected|estimated|put|"
    r"set|at|to|of|around|about|approximately|roughly|nearly|some|more|than|over|up)\b)*\s*$",
    re.IGNORECASE,
)


# a sentence about what the project costs, its company named before: "Expected to cost about $900
# million, ...", "A first investment of $400 million goes into ...", "The overall cost of the first stage is
# expected to be ...", "To build the site will cost ...", "Project capital expenditures for stage two are put
# at ..."
_COST_SENTENCE = re.compile(
    r"\s*(?:[-*•–]\s*)?(?:"
    r"(?:estimated|expected|projected|slated|set)\s+to\s+cost"
    r"|(?:an?|the)\s+(?:initial\s+|total\s+|first\s+|overall\s+)?investment\s+of"
    r"|(?:the\s+)?(?:total\s+|overall\s+|estimated\s+)?(?:project\s+)?cost\s+of\s+(?:the\s+)?[\w\s-]{0,40}?\s+"
    r"(?:is|was|will\s+be|is\s+(?:anticipated|expected|estimated|projected)\s+to\s+be)"
    r"|to\s+build\s+(?:the\s+)?[\w\s-]{0,50}?\s+will\s+cost"
    r"|(?:incremental\s+)?(?:project\s+)?capital\s+expenditures?\s+[\w\s-]{0,30}?\s*(?:are|is)\s+"
    r"(?:estimated|put|pegged|projected)\s+at"
    # "With an overall investment of about $3 billion, the mine will ...", "With its budget of $900 million"
    rf"|with\s+(?:a|an|its|the)\s+(?:(?:total|overall|final|estimated|planned|initial)\s+)?{_COST_NOUNS}\s+of"
    r")\s+(?:about|around|approximately|nearly|some|roughly|over|almost|more\s+than|up\s+to)?\s*$",
    re.IGNORECASE,
)


def _relative_history(text: str, sentence: Span, mention: MoneyMention, rules: RoleRules) -> Role | None:
    """Money a time phrase or a relative clause puts in the past ('the $4.2 billion that its parent spent on
    the first tower')."""
    if cue := _relative_past(text, sentence, mention, rules):
        return Role("history", "roles.json history_times", cue)
    if spent := _SPENT_RELATIVE.match(text, mention.end, sentence.end):
        return Role("history", "pattern: money a relative clause says was spent", spent.group(0).strip())
    return None


_SPENT_RELATIVE = re.compile(
    r"\s+(?:that|which)\s+(?:(?!\b(?:will|would|plans?|is|are)\b)[^.;]){0,80}?\b(?:spent|paid)\b",
    re.IGNORECASE,
)
_SPENT_SUBJECT = re.compile(
    r"[^.;]{0,40}?\d[^.;]{0,30}?\b(?:will|would|is to|are to|is expected to|are expected to)\s+be\s+"
    r"(?:invested|spent|used|allocated|deployed|put)\b",
    re.IGNORECASE,
)


def _builds(text: str, rules: RoleRules) -> bool:
    """Whether the next words name something built or an investment ('retooling the plant')."""
    return bool(set(_words(text)[:8]) & rules.money_use)


@lru_cache(maxsize=4)
def _money_subject(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """A phrase of roles.json money_subject_phrases within 30 characters after an amount."""
    if not phrases:
        return re.compile(r"(?!)")
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"[^.;]{{0,30}}?\b(?:{alternatives})\b", re.IGNORECASE)


# "Building the park will cost $40 billion", "at an estimated cost of $310 million"
_COSTS = re.compile(
    r"\b(?:will|would|could|is expected to|are expected to|is estimated to|is projected to)\s+cost\s+"
    r"(?:\w+\s+){0,3}$|\b(?:construction|project|estimated|projected|total)\s+cost\s+(?:of|is|was|at)\s+"
    r"(?:\w+\s+){0,3}$|\bcosts?\s+(?:is\s+|was\s+|are\s+|were\s+)?(?:estimated|put|pegged|projected)\s+at\s+"
    r"(?:\w+\s+){0,2}$"
    # "the new mill would have an investment capital of": a site's own figure
    r"|\b(?:will|would)\s+have\s+(?:a|an)\s+(?:total\s+)?investment(?:\s+capital)?\s+of\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_APPOSITIVE = re.compile(r"^,\s+(?:a|an|the|its)\s+[^,.;]{3,120}[,.;]")


def _profile_sector(view: _DocView, name: str) -> str | None:
    """The line of business an appositive gives a company: 'Stargate, the AI infrastructure venture, ...'."""
    return view.profiles.get(name)


def _profiles(view: _DocView) -> dict[str, str]:
    """Each company's profile sector, from the first of its mentions whose appositive cues one; one pass
    over the mentions (asking per record went over every mention each time: quadratic in the text)."""
    profiles: dict[str, str] = {}
    for company in view.extracted.companies:
        if company.name in profiles:
            continue
        match = _APPOSITIVE.match(view.text[company.end : company.end + 140])
        if match:
            start = company.end
            sector = _sector(view.cues_in(start, start + match.end()), start, view.rules)
            if sector:
                profiles[company.name] = sector
    return profiles


def _location(evidence: str, rules: RoleRules) -> str | None:
    """The U.S. state the evidence names, with the place before it ('Lordstown, Ohio')."""
    for state in rules.us_states:
        if state not in evidence:
            continue  # the pattern needs the name itself: no scan
        match = re.search(rf"(?:([A-Z][\w.'-]+(?: [A-Z][\w.'-]+){{0,2}}), )?\b{re.escape(state)}\b", evidence)
        if match:
            return match.group(0)
    return None


def _program(view: _DocView) -> tuple[str, str] | None:
    """The umbrella programme a government set up ("Japan's $550 billion U.S. investment vehicle")."""
    text = view.text
    for mention in view.extracted.money:
        before = text[max(0, mention.start - 40) : mention.start]
        for owner, country in view.rules.program_owners.items():
            if owner not in before:
                continue  # the pattern needs the name itself: no scan
            match = re.search(rf"\b{re.escape(owner)}['’]s\s+(?:\w+\s+){{0,3}}$", before)
            if not match:
                continue
            after = text[mention.end : mention.end + 60]
            nouns = "|".join(view.rules.program_nouns)
            owned = re.search(rf"\b(?:{nouns})\s+of\s+$", before) or re.search(
                rf"\b(?:{nouns})\b", before[match.end() :]
            )
            noun = re.search(rf"^[^.,;]*?\b(?:{nouns})\b", after)
            if not (noun or owned):
                continue  # "Japan's economy produces about $4.2 trillion" is no programme
            end = mention.end + (noun.end() if noun else 0)
            return " ".join(text[mention.start - len(before) + match.start() : end].split()), country
    return None


_DETERMINED = re.compile(r"\b(?:the|a|an|its|our|their)\s+(?:(?:new|planned|proposed|additional)\s+)?$", re.I)


def _about_subject(view: _DocView, sentence: Span, mention: MoneyMention) -> bool:
    """Whether a sentence without a company refers to the document's company: 'The company ...', 'Our ...',
    'the $100 million facility', and names no government as its actor."""
    text, rules = view.text, view.rules
    words = _opening_words(view, sentence)
    cue = _opening_reference(words, rules)
    if cue in rules.company_references or _described_reference(words, rules):
        return True  # "The company that started the U.S. gas boom plans ...": the company acts
    # a place the money goes ("a project in the U.S.") names no actor
    if _has_phrase(_PLACE_PHRASE.sub(" ", text[sentence.start : sentence.end]), rules.government):
        return False
    if cue:
        return True
    before = text[max(sentence.start, mention.start - 30) : mention.start]
    after = _words(text[mention.end : mention.end + 40])[:4]
    return bool(_DETERMINED.search(before)) and bool(set(after) & rules.project_nouns)


def _opening_words(view: _DocView, sentence: Span) -> list[str]:
    """A sentence's first words, lower case, discourse words ('however', 'meanwhile') left out."""
    return [w for w in _words(view.text[sentence.start : sentence.start + 80]) if w not in _DISCOURSE]


def _opening_reference(words: list[str], rules: RoleRules) -> str | None:
    """The subject_references phrase opening words start with ('the company', 'in addition', 'capex'), if
    any."""
    opening = " ".join(words[:4])
    return next((c for c in rules.subject_references if opening == c or opening.startswith(c + " ")), None)


def _named_just_before(
    view: _DocView, sentence: Span, previous: list[CompanyMention]
) -> list[CompanyMention]:
    """The one company the sentence right before names, else [] (not one further back: a sentence between
    may name one the finder missed)."""
    before = _previous_sentence(view, sentence)
    if before is None:
        return []
    unique = _unique_names([c for c in previous if c.start >= before.start])
    return unique if len(unique) == 1 else []


def _refers_back(view: _DocView, sentence: Span, mention: MoneyMention) -> bool:
    """Whether a sentence opens with a reference to a company ('The Texan giant ...', 'The company ...') or
    to a project by its cost ('The EUR 2.4 billion project ...')."""
    text, rules = view.text, view.rules
    words = _opening_words(view, sentence)
    opening = " ".join(words[:4])
    if any(opening == c or opening.startswith(c + " ") for c in rules.company_references):
        return True
    if _described_reference(words, rules):
        return True
    after = _words(text[mention.end : mention.end + 40])[:2]
    return bool(_THE_ONLY.match(text, sentence.start, mention.start)) and bool(
        set(after) & rules.project_nouns
    )


_THE_ONLY = re.compile(r"\s*(?:[-*•–]\s*)?the\s*$", re.IGNORECASE)


def _described_reference(words: list[str], rules: RoleRules) -> bool:
    """'The South Korean chip manufacturer said ...', 'The Seoul-based company ...': 'the', at most three
    words that describe, and the head noun of a company reference."""
    if not words or words[0] != "the":
        return False
    return any(word in rules.company_reference_heads for word in words[2:5])


_PLACE_PHRASE = re.compile(
    r"\b(?:in|into|across|throughout|to|of)\s+(?:the\s+)?(?:u\.s\.|us|united\s+states|country|state)(?!\w)",
    re.IGNORECASE,
)
_DISCOURSE = {"additionally", "furthermore", "moreover", "meanwhile", "separately", "also", "however", "now"}


def _document_sector(view: _DocView) -> str | None:
    """The sector the document's cues point to overall (specific cues count more than generic ones)."""
    score: dict[str, float] = {}
    for cue in view.cues:
        weight = 0.4 if cue.text.lower() in view.rules.sector_generic else 1.0
        score[cue.sector] = score.get(cue.sector, 0.0) + weight * view.rules.sector_weak.get(cue.sector, 1.0)
    if not score:
        return None
    ranked = sorted(score.values(), reverse=True)
    best = max(score, key=lambda s: score[s])
    # a document about one line of business; one that spreads over several names none
    dominant = len(ranked) == 1 or ranked[0] >= _DOCUMENT_SECTOR_LEAD * ranked[1]
    return best if score[best] >= _DOCUMENT_SECTOR_MIN and dominant else None


_DOCUMENT_SECTOR_MIN = 1.0
_DOCUMENT_SECTOR_LEAD = 2.0


def _subject(view: _DocView) -> CompanyMention | None:
    """The company a document is about: the one its title names, else the one named most often (at least
    twice, and more often than any other), else the one its first sentence opens with. A parent named to
    say whose a company is ('part of the Y Group') does not count."""
    companies = [c for c in view.companies if not _is_parent(view, c)]
    title_end = _title_end(view)
    in_title = [c for c in companies if c.start < title_end]
    if len({c.name for c in in_title}) == 1:
        return in_title[0]
    counts: dict[str, int] = {}
    for company in companies:
        counts[company.name] = counts.get(company.name, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        return next(c for c in companies if c.name == ranked[0][0])
    sentences = view.extracted.sentences
    if companies and sentences and companies[0].start == sentences[0].start:
        return companies[0]  # "Orvane Energy Co., a unit of ..., has opened ..."
    return None


def _countries(view: _DocView) -> dict[str, str]:
    """Each company's home country where a nationality word stands right before one of its mentions."""
    pattern = _nationality_pattern(tuple(view.rules.nationalities))
    if pattern is None:
        return {}
    countries: dict[str, str] = {}
    for company in view.companies:
        if company.name not in countries:
            match = pattern.search(view.text[max(0, company.start - 40) : company.start])
            if match:
                countries[company.name] = view.rules.nationalities[match.group(1)]
    return countries


@lru_cache(maxsize=16)
def _nationality_pattern(nationalities: tuple[str, ...]) -> re.Pattern[str] | None:
    """A nationality word followed by up to three words before the end of a text (None: no words)."""
    words = "|".join(re.escape(w) for w in sorted(nationalities, key=len, reverse=True))
    return re.compile(rf"\b({words})\s+(?:\w+\s+){{0,3}}$") if words else None


_UNIT_AFTER = re.compile(r"^\s+(?:unit|subsidiary|division|arm|affiliate)\b")


def _is_named_unit(view: _DocView, company: CompanyMention) -> bool:
    """'... through its Panasonic Energy unit': a unit named in passing, not a party to the investment."""
    before = view.text[max(0, company.start - 8) : company.start].lower()
    return before.endswith(("its ", "their ")) and bool(
        _UNIT_AFTER.match(view.text[company.end : company.end + 20])
    )


def _is_customer(view: _DocView, company: CompanyMention, sentence: Span) -> bool:
    """Whether a company is named as a customer or rival ('for customers such as X and Y')."""
    left = view.text[max(sentence.start, company.start - 50) : company.start]
    if _has_phrase(left, view.rules.customer_cues) is not None:
        return True
    landmark = _landmark_before(view.rules.landmark_cues)
    if landmark is not None and landmark.search(left):
        return True  # "a plant near X and Y operations": named to place the site
    # "for the Airbus A350", "Acme Air's Boeing 737 fleet": the maker of a product the plant serves
    return bool(
        _PRODUCT_MODEL_AFTER.match(view.text, company.end, company.end + 16)
        and _PRODUCT_OWNER_BEFORE.search(view.text, max(0, company.start - 16), company.start)
    )


@lru_cache(maxsize=16)
def _landmark_before(cues: tuple[str, ...]) -> re.Pattern[str] | None:
    """A landmark cue, then capitalized names joined by commas and 'and', up to the end of the text."""
    if not cues:
        return None
    words = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"\b(?i:{words})\s+(?:the\s+)?(?:(?:[A-Z][\w&'’.-]*|and|&)[\s,]+){{0,6}}$")


def _previous_sentence(view: _DocView, sentence: Span) -> Span | None:
    """The sentence before this one."""
    index = view.sentence_index.get(sentence, 0)
    return view.extracted.sentences[index - 1] if index > 0 else None


def _continuation_neighbour(view: _DocView, sentence: Span) -> Span | None:
    """The next sentence when it goes on about the same project ('The plant will ...')."""
    sentences = view.extracted.sentences
    index = view.sentence_index.get(sentence, -1)
    if 0 <= index < len(sentences) - 1 and _continues(view.text, sentences[index + 1], view.rules):
        return sentences[index + 1]
    return None


def _continues(text: str, sentence: Span, rules: RoleRules, plural: bool = False) -> bool:
    """Whether a sentence without a company goes on about the previous one ('The plant ...', 'It ...')."""
    opening = " ".join(_WORDS.findall(text[sentence.start : sentence.start + 60].lower())[:4])
    cues = rules.plural_continuation_starts if plural else rules.continuation_starts + rules.project_openings
    if any(opening == cue or opening.startswith(cue + " ") for cue in cues):
        return True
    # "..., which the partners added to the design": the sentence still speaks of the same companies
    references = rules.plural_continuation_starts if plural else rules.reference_phrases
    whole = text[sentence.start : sentence.end]
    found = _has_phrase(whole, references)
    if found is not None and ("plan" in found or "program" in found):
        # "the city council approved the capital plan for roads": a government's plan, not the company's
        return _has_phrase(whole, rules.government) is None
    return found is not None


def _unique_names(companies: list[CompanyMention]) -> list[CompanyMention]:
    """One mention per company, in order of first mention."""
    seen: dict[str, CompanyMention] = {}
    for company in companies:
        seen.setdefault(company.name, company)
    return list(seen.values())


def _title_end(view: _DocView) -> int:
    """Where the title line ends, when the text opens with the document's title (else 0)."""
    title = (view.extracted.parsed.title or "").strip()
    text = view.text
    start = len(text) - len(text.lstrip())
    return start + len(title) if title and text.startswith(title, start) else 0


def _restated(record: CandidateRecord, records: list[CandidateRecord], title_end: int) -> bool:
    """Whether the body restates a headline record: a body record of the same figure (under another lead,
    or as a range's end), or, for a headline naming several leads, a record of each (the body's breakdown)."""
    value = record.value or 0.0
    body = [r for r in records if r.evidence_start >= title_end]
    if any(r.value is not None and (abs(r.value - value) <= 0.005 * value or r.high == value) for r in body):
        return True
    if record.qualifier in ("at_least", "about") and any(_rounds(record, r) for r in body):
        return True  # "Over $4 Billion" over "$4.21 billion" in the body: the headline rounds it
    leads = {record.sponsor, *record.partners}
    body_leads = {r.sponsor for r in body}
    return len(leads) > 1 and leads <= body_leads


def _rounds(headline: CandidateRecord, body: CandidateRecord) -> bool:
    """Whether a headline's 'over'/'about' figure rounds a body record's (in its currency or in dollars)."""
    pairs = [(headline.value, body.value)] if headline.currency == body.currency else []
    if headline.currency == "USD" and body.usd:
        pairs.append((headline.value, body.usd))
    for low, figure in pairs:
        if not low or not figure:
            continue
        if headline.qualifier == "at_least" and low <= figure <= 1.25 * low:
            return True
        if headline.qualifier == "about" and abs(figure - low) <= 0.1 * low:
            return True
    return False


_COORDINATION = re.compile(r"^\s*(?:,|,?\s*and(?:\s+(?:a|an|the))?|&|/|-|–)\s*$")
_JOINT = re.compile(r"^\s*(?:/|-|–)\s*$")  # "X/Y", "X–Y venture": one joint lead, not a list


def _coordinated_leads(
    text: str, leads: list[CompanyMention], sponsor: CompanyMention
) -> list[CompanyMention]:
    """The lead companies listed together with the sponsor ('X, Y and Z plan ...', 'X/Y'), in text order."""
    ordered = sorted(leads, key=lambda c: c.start)
    index = next(i for i, c in enumerate(ordered) if c is sponsor)
    first = last = index
    while first > 0 and _COORDINATION.match(text[ordered[first - 1].end : ordered[first].start]):
        first -= 1
    while last < len(ordered) - 1 and _COORDINATION.match(text[ordered[last].end : ordered[last + 1].start]):
        last += 1
    group: list[CompanyMention] = []
    for company in ordered[first : last + 1]:
        if all(company.name != g.name for g in group):
            group.append(company)
    return group


_VENTURE_OF = re.compile(r"^,\s+(?:the|a|an|its)\s+[^,.;]{0,50}?\bventure\s+(?:of|between|formed\s+by)\s+")


def _venture_parents(view: _DocView, lead: CompanyMention, sentence: Span) -> list[str]:
    """The parents a joint venture's appositive names: 'X, the nuclear joint venture of Y and Z,'."""
    for mention in view.companies_in(sentence.start, sentence.end):
        if mention.name != lead.name:
            continue
        match = _VENTURE_OF.match(view.text[mention.end : mention.end + 80])
        if match:
            start = mention.end + match.end()
            end = min(sentence.end, start + 80)
            return [c.name for c in view.companies_in(start, end) if c.name != lead.name]
    return []


# "US$23 billion from Novartis", "$50 billion from pharmaceutical giant Roche"
_GIVER_GAP = re.compile(
    r"^\s+(?:in\s+\w+\s+)?from\s+(?:(?:the\s+)?(?:[a-z-]+\s+){0,2}"
    r"(?:giant|maker|drugmaker|chipmaker|automaker|carmaker|company|firm|group|conglomerate)\s+)?$"
)


def _first_after(mention: MoneyMention, companies: list[CompanyMention]) -> CompanyMention | None:
    """The first of the companies named after the amount."""
    return next((c for c in companies if c.start >= mention.end), None)


def _gives(
    text: str, mention: MoneyMention, company: CompanyMention, first_after: CompanyMention | None
) -> bool:
    """Whether the words after an amount name the company as whose money it is: 'US$23 billion from
    Novartis', 'a $48 million plant investment by Spanish valve maker X' (`first_after`, the first company
    after the amount, for 'by')."""
    gap = text[mention.end : company.start]
    if _GIVER_GAP.match(gap):
        return True
    if first_after is not company:
        return False
    if _INVESTOR_GAP.match(gap):
        return True
    # "an investment of $250 million by German supplier X"
    return bool(_INVESTMENT_OF.search(text, max(0, mention.start - 40), mention.start)) and bool(
        _BY_GAP.match(gap)
    )


_INVESTMENT_OF = re.compile(
    r"\b(?:investment|investments|commitment|pledge)\s+of\s+(?:about|around|some|up\s+to|more\s+than|nearly)?\s*$",
    re.IGNORECASE,
)
_BY_GAP = re.compile(
    r"^\s+by\s+(?:the\s+)?(?:(?!(?:to|with|from|at|for|of|on|in|the\s+end)\b)[A-Za-z&'’-]+\s+){0,6}$"
)
_INVESTOR_GAP = re.compile(
    r"^\s+(?:[a-z-]+\s+){0,2}?(?:investment|investments|project|plant|expansion|facility|factory|pledge|"
    r"commitment|unit|fab|mill|campus|centre|center|complex|line|hub|park|site)\s+"
    r"(?:(?:in|at|near)\s+[^,.;()]{1,40}?\s+)?by\s+(?:the\s+)?"
    r"(?:(?!(?:to|with|from|at|for|of|on|in|the\s+end)\b)[A-Za-z&'’-]+\s+){0,6}$"
)
_RECIPIENT_GAP = re.compile(r"^\s+(?:to|in|into)\s+(?:the\s+)?$")


def _recipients(view: _DocView, mention: MoneyMention, in_sentence: list[CompanyMention]) -> list[str]:
    """The company the money goes to: '$2.5 billion to Corning', '$5 billion in Philly Shipyard'."""
    return [
        c.name
        for c in in_sentence
        if mention.end <= c.start <= mention.end + 12
        and _RECIPIENT_GAP.match(view.text[mention.end : c.start])
    ]


def _joint_units(text: str, group: list[CompanyMention]) -> list[list[CompanyMention]]:
    """A list of leads cut into its units: 'X and a Y–Z venture' is [X], [Y, Z]."""
    units: list[list[CompanyMention]] = []
    for company in group:
        if units and _JOINT.match(text[units[-1][-1].end : company.start]):
            units[-1].append(company)
        else:
            units.append([company])
    return units


def _distributive(text: str, sentence: Span, mention: MoneyMention) -> bool:
    """Whether the amount applies to each company separately ('each', 'apiece', 'respectively')."""
    before = text[sentence.start : mention.start].lower()
    after = text[mention.end : sentence.end].lower()[:30]
    return bool(re.search(r"\beach\b", before) or re.search(r"\b(?:apiece|each)\b", after))


_BULLET = re.compile(r"\s*(?:[-*•–]|\d{1,2}[.)])\s")
_BULLET_LABEL = re.compile(r"(?:(?:up\s+to|about|around|approximately|more\s+than|over)\s+)?$", re.IGNORECASE)
# "Estimated investment: $350m", "Project cost: €1.2bn": a card's label line holding the figure
_LABEL_LINE = re.compile(
    r"[ \t]*(?:[A-Za-z-]+[ \t]+){0,2}(?:investment|cost|capex|budget)[ \t]*:[ \t]*"
    r"(?:(?:up\s+to|about|around|approximately|more\s+than|over|an\s+estimated|estimated)\s+)?$",
    re.IGNORECASE,
)
_CARD_LINES = 400  # characters: how far above its label line a card names its company
_BULLET_INVESTMENT = re.compile(r"\s+(?:of\s+)?(?:new\s+)?investments?\s+(?:in|at|to)\b")
_CLAUSE_BREAK = re.compile(r"[,;:—–]\s|\s(?:while|whereas|but|and|as)\s")


def _clause_subject(
    text: str, sentence: Span, leads: list[CompanyMention], mention: MoneyMention
) -> CompanyMention | None:
    """The lead that governs an amount: the first lead of its clause ('AstraZeneca matched Roche at $50
    billion' is AstraZeneca's), else the nearest lead before it."""
    before = text[sentence.start : mention.start]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(before)]
    clause_start = sentence.start + (breaks[-1] if breaks else 0)
    in_clause = [c for c in leads if clause_start <= c.start < mention.start]
    if in_clause:
        return min(in_clause, key=lambda c: c.start)
    return _nearest_before(leads, mention)


def _nearest_before(leads: list[CompanyMention], mention: MoneyMention) -> CompanyMention | None:
    before = [c for c in leads if c.end <= mention.start]
    return before[-1] if before else None


def _candidate(
    view: _DocView,
    sponsor: str,
    partners: tuple[str, ...],
    participants: tuple[str, ...],
    sector: str | None,
    mention: MoneyMention,
    span: Span,
) -> CandidateRecord:
    text = view.text
    evidence = text[span.start : span.end]
    stripped = evidence.strip()
    start = span.start + (len(evidence) - len(evidence.lstrip()))
    return CandidateRecord(
        sponsor=sponsor,
        partners=partners,
        participants=participants,
        sector=sector or view.sector or "other",
        value=mention.value,
        currency=mention.currency,
        qualifier=mention.qualifier,
        high=mention.high,
        usd=mention.usd,
        description=stripped[:200] or None,
        evidence_text=stripped,
        evidence_start=start,
        evidence_end=start + len(stripped),
        page=view.extracted.parsed.page_at(start),
        location=_location(stripped, view.rules),
        program=view.program[0] if view.program else None,
        country=view.countries.get(sponsor) or (view.program[1] if view.program else None),
    )


def _table_records(view: _DocView, trace: _Trace) -> list[CandidateRecord]:
    records: list[CandidateRecord] = []
    for table in view.extracted.parsed.tables:
        headers = view.rules.table_headers
        layout = table_layout(table, headers)
        if layout is None:
            continue
        header, rows = layout
        company_col = column(header, headers.company)
        amount_col = column(header, headers.amount)
        if company_col is None or amount_col is None:
            continue
        category_col = column(header, headers.category)
        # columns of incentives or loans say what the state gives, not what the row's company invests
        own = [i for i, cell in enumerate(header) if not _has_phrase(cell, view.rules.financing_row)]
        for row in rows:
            row_text = " ".join(row.cells[i] for i in own if i < len(row.cells))
            # a state-financing row, or a denied project, is not an investment (a withdrawn one is a record)
            if cue := _has_phrase(row_text, view.rules.financing_row):
                trace.decide_row(view, row, Role("not_investment", "roles.json financing_row", cue))
                continue
            if cue := _has_phrase(row_text, view.rules.denied):
                trace.decide_row(view, row, Role("negated", "roles.json denied", cue))
                continue
            record = _row_record(view, table, row, company_col, amount_col, category_col)
            if record is not None:
                records.append(
                    trace.made(record, Role("record", "table: a row under a company column"), [], view)
                )
    return records


def _row_record(
    view: _DocView, table: Table, row: TableRow, company_col: int, amount_col: int, category_col: int | None
) -> CandidateRecord | None:
    if company_col >= len(row.cells) or amount_col >= len(row.cells):
        return None
    company_cell = row.cells[company_col]
    if not company_cell or company_cell.lower().startswith(("total", "sum", "subtotal")):
        return None
    in_row = view.companies_in(row.start, row.end + 1)
    company_start = cell_start(row, company_col)
    company_end = company_start + len(company_cell)
    leads = [c for c in in_row if company_start <= c.start < company_end]
    if not leads:
        return None
    amounts = view.money_between(cell_start(row, amount_col), row.end)
    if not amounts:
        return None
    sponsor = leads[0]
    partners = tuple(dict.fromkeys(c.name for c in leads[1:] if c.name != sponsor.name))
    participants = tuple(sorted({c.name for c in in_row} - {sponsor.name, *partners}))
    sector = None
    if category_col is not None and category_col < len(row.cells):
        cat_start = cell_start(row, category_col)
        sector = _sector(
            view.cues_in(cat_start, cat_start + len(row.cells[category_col])), cat_start, view.rules
        )
    if sector is None:
        prior = company_sector(sponsor.name, view.rules)
        sector = _sector(view.cues_in(row.start, row.end), row.start, view.rules, prior)
    return _candidate(
        view, sponsor.name, partners, participants, sector, amounts[0], Span(start=row.start, end=row.end)
    )


_COMMITTED_TO_OTHER = re.compile(
    r"\bcommitted\s+to\s+(?!investing|spending|building|expanding|developing|funding)\w+ing\b", re.IGNORECASE
)


def document_companies(view: _DocView, records: list[CandidateRecord]) -> list[str]:
    """Companies that take part in the investments the document describes."""
    names: dict[str, None] = {}
    for record in records:
        for name in (record.sponsor, *record.partners, *record.participants):
            if name:
                names[name] = None
    record_starts = {record.evidence_start for record in records if record.value is not None}
    for sentence in view.extracted.sentences:
        if not view.names_company_in(sentence.start, sentence.end):
            continue  # a sentence that names no company adds none, whatever its words
        # the words of the sentence outside company names ("Hibiya Asset Partners" is no partnership)
        sentence_text = view.text[sentence.start : sentence.end]
        for company in view.companies_in(sentence.start, sentence.end):
            a, b = company.start - sentence.start, company.end - sentence.start
            sentence_text = sentence_text[:a] + " " * (b - a) + sentence_text[b:]
        # ("have committed to operating from the airport": a commitment to something other than investing)
        sentence_text = _COMMITTED_TO_OTHER.sub(" ", sentence_text)
        words = set(_words(sentence_text))
        # a pledge's own sentence in other words ("plans to produce $20 billion worth of servers together with
        # X and Y"): its listed, legal-form or listed-item names take part
        holds_record = any(sentence.start <= start < sentence.end for start in record_starts)
        if not holds_record and words & view.rules.sale_words:
            continue  # "X agreed to sell its share of Y to Z": a sale's parties take part in no investment
        invests = bool(words & view.rules.investment_words) or bool(
            _has_phrase(sentence_text, view.rules.investment_phrases)
        )
        if invests or holds_record:
            for company in view.companies_in(sentence.start, sentence.end):
                if (
                    (not invests and company.signal not in _NAMED_FOR_SURE)
                    or _is_customer(view, company, sentence)
                    or _is_named_unit(view, company)
                    or _SPEAKERS_EMPLOYER.search(
                        view.text, max(sentence.start, company.start - 60), company.start
                    )
                    or _ANALYST_AFTER.match(view.text, company.end, company.end + 20)
                ):
                    continue  # customers buy from the project ("parts for the Airbus A350" too); "its X unit"
                    # runs something else; "said Jane Doe at X" names where a commentator works
                names[company.name] = None
    return list(names)


_NAMED_FOR_SURE = frozenset({"gazetteer", "suffix", "list", "list_item", "subsidiary"})


# "for the Velkor A350", "Teslin Air's Velkor 787 fleet": a model number after its maker (not a year, not a
# count), in a product the plant serves ("racks of Orvane GB200 systems" are supplied to the project)
def _project_owner(
    view: _DocView, in_sentence: list[CompanyMention], mention: MoneyMention
) -> list[CompanyMention]:
    """'Funds are investing in Y's $800 million plant': the money is Y's project and Y leads it alone, the
    investors in it named beside it; [] where no company that others invest in owns the amount."""
    owner = next((c for c in in_sentence if _OWNED_AMOUNT.match(view.text, c.end, mention.start)), None)
    return [owner] if owner is not None and _is_investee(view, owner) else []


# "Y's $800 million", "Y's proposed $2 billion": a company's possessive right before an amount
_OWNED_AMOUNT = re.compile(r"['’]s\s+(?:[a-z-]+\s+){0,2}(?:[A-Z]{0,3}\$|€|£|¥)?\s*$")
_PRODUCT_OWNER_BEFORE = re.compile(r"(?:\bfor(?:\s+(?:the|its|their))?|['’]s?)\s+$")
_PRODUCT_MODEL_AFTER = re.compile(
    r"(?:'s|’s)?\s+[A-Z]{0,2}-?(?!(?:19|20)\d\d\b)\d{2,4}[A-Za-z]{0,2}\b(?![,.]\d)"
)
_ANALYST_AFTER = re.compile(r"\s+(?:analysts?|economists?|strategists?)\b")  # "Fairbank analyst Naomi Kerr"
_SPEAKERS_EMPLOYER = re.compile(
    r"\b(?:said|says|according\s+to|noted|added|wrote)\s+(?:[A-Z][\w'’.-]*\s+){1,3}at\s+$"
    r"|\banalysts?\s+(?:[A-Z][\w'’.-]*\s+){0,3}(?:at|from|with)\s+$"
)


@dataclass
class _Trace:
    """Every amount's decision as the linker takes it, for `pledgeline explain`: the same code path."""

    found: dict[int, AmountDecision] = field(default_factory=dict)  # by the amount's start
    made_from: dict[int, int] = field(default_factory=dict)  # id(candidate) -> amount start

    def decide(self, mention: MoneyMention, role: Role, candidates: list[str]) -> None:
        """An amount that is not a record, and why."""
        self.found.setdefault(
            mention.start,
            AmountDecision(
                **_amount_fields(mention),
                verdict=role.verdict,
                rule=role.rule,
                cue=role.cue,
                candidates=tuple(dict.fromkeys(candidates)),
            ),
        )

    def decide_row(self, view: _DocView, row: TableRow, role: Role) -> None:
        """A table row's amounts that are not records."""
        for mention in view.money_between(row.start, row.end):
            self.decide(mention, role, [c.name for c in view.companies_in(row.start, row.end + 1)])

    def made(
        self, record: CandidateRecord, role: Role, candidates: list[str], view: _DocView
    ) -> CandidateRecord:
        """A candidate record made from an amount: the amount's decision names its lead and sector."""
        mention = next(
            m
            for m in view.money_between(record.evidence_start, record.evidence_end - 1)
            if m.value == record.value
        )
        known = self.found.get(mention.start)
        leads = (known.sponsor or "").split(" + ") if known and known.sponsor else []
        self.found[mention.start] = AmountDecision(
            **_amount_fields(mention),
            verdict="record",
            rule=role.rule or "roles.json: no cue says otherwise",
            cue=role.cue,
            candidates=tuple(dict.fromkeys([*(known.candidates if known else ()), *candidates])),
            sponsor=" + ".join(dict.fromkeys([*leads, record.sponsor or ""])),
            sector=record.sector,
            sector_cue=_sector_cue(view, record),
        )
        self.made_from[id(record)] = mention.start
        return record

    def remade(self, record: CandidateRecord, new: CandidateRecord) -> CandidateRecord:
        """The same candidate with a field changed (its status): its amount's decision is the same."""
        self.made_from[id(new)] = self.made_from.pop(id(record))
        return new

    def unmake(self, record: CandidateRecord, role: Role) -> None:
        """A candidate that is no record after all (a cancellation cited as history), and why."""
        start = self.made_from.pop(id(record))
        self.found[start] = self.found[start].model_copy(
            update={"verdict": role.verdict, "rule": role.rule, "cue": role.cue}
        )

    def decisions(self, view: _DocView, kept: list[CandidateRecord]) -> tuple[AmountDecision, ...]:
        """Every amount of the text in order; a record dropped as a restatement says which one it repeats."""
        kept_starts = {self.made_from.get(id(r)) for r in kept}
        out: list[AmountDecision] = []
        for mention in sorted(view.extracted.money, key=lambda m: m.start):
            decision = self.found.get(mention.start)
            if decision is None:
                decision = AmountDecision(
                    **_amount_fields(mention),
                    verdict="not_read",
                    rule="linker: in a table's header or a row without a company column",
                )
            elif decision.verdict == "record" and mention.start not in kept_starts:
                decision = decision.model_copy(
                    update={"verdict": "duplicate", "rule": "linker: the same commitment stated again"}
                )
            out.append(decision)
        return tuple(out)


def _amount_fields(mention: MoneyMention) -> dict[str, object]:
    return dict(
        start=mention.start,
        end=mention.end,
        text=mention.text,
        value=mention.value,
        currency=mention.currency,
        qualifier=mention.qualifier,
        high=mention.high,
    )


def _sector_cue(view: _DocView, record: CandidateRecord) -> str:
    """The cue nearest the evidence that points to the record's sector, or the sponsor's line of business."""
    cues = [c for c in view.cues_in(record.evidence_start, record.evidence_end) if c[1] == record.sector]
    if cues:
        return cues[0][2]
    if company_sector(record.sponsor or "", view.rules) == record.sector:
        return f"{record.sponsor}'s line of business"
    return ""


def link(extracted: ExtractedDocument, rules: RoleRules) -> LinkedDocument:
    """Candidate project records of one document, and the companies taking part (Japanese paragraphs by the
    Japanese rules)."""
    if extracted.language != "en" and rules.japanese is not None:
        japanese = link_japanese(extracted, rules.japanese)
        if extracted.language == "ja":
            return japanese
        return combine_linked(_link_english(outside_japanese(extracted), rules), japanese)
    return _link_english(extracted, rules)


def _one_per_dollar_value(records: list[CandidateRecord]) -> list[CandidateRecord]:
    """One record per commitment stated in two currencies ('C$4 billion ($2.9 billion)' in the body, '$2.9B'
    in the headline): a later record of the same lead and the same dollar value in another currency goes."""
    kept: list[CandidateRecord] = []
    for record in records:
        usd = record.usd
        if usd and any(
            k.sponsor == record.sponsor
            and k.currency != record.currency
            and k.usd
            and abs(k.usd - usd) <= 0.005 * usd
            for k in kept
        ):
            continue
        kept.append(record)
    return kept


def _with_status(view: _DocView, records: list[CandidateRecord], trace: _Trace) -> list[CandidateRecord]:
    """Each record with its status (status.json); a cancellation cited as history is no record."""
    year = document_year(view.text, view.extracted.parsed.published)
    kept = []
    for record, found in zip(
        records, record_statuses(view.extracted, records, view.rules.status, year), strict=True
    ):
        if found.status == HISTORY:
            trace.unmake(record, Role("history", "status.json history", found.cue))
        else:
            kept.append(trace.remade(record, record.model_copy(update={"status": found.status})))
    return kept


def _link_english(extracted: ExtractedDocument, rules: RoleRules) -> LinkedDocument:
    view = _DocView.of(extracted, rules)
    trace = _Trace()
    records = _table_records(view, trace) + _sentence_records(view, trace)
    # one commitment stated twice (headline and body, table and prose) is one record; the body's
    # statement is the evidence where there is one, the title's only where the body does not repeat it
    title_end = _title_end(view)
    records.sort(key=lambda r: r.evidence_start < title_end)
    unique: dict[tuple[str | None, float | None, float | None, str | None], CandidateRecord] = {}
    for record in records:
        unique.setdefault((record.sponsor, record.value, record.high, record.currency), record)
    records = _one_per_dollar_value(sorted(unique.values(), key=lambda r: r.evidence_start < title_end))
    records = [r for r in records if r.evidence_start >= title_end or not _restated(r, records, title_end)]
    records = _with_status(view, records, trace)
    return LinkedDocument(
        extracted=extracted,
        candidates=tuple(records),
        companies=() if _negative_document(view, records) else tuple(document_companies(view, records)),
        decisions=trace.decisions(view, records),
    )


def _negative_document(view: _DocView, records: list[CandidateRecord]) -> bool:
    """A document about results, shares, buybacks or a funding round, with no pledge: it names companies,
    but none takes part in an investment (GOLD-FORMAT: a negative document lists none)."""
    if records:
        return False
    opening = f"{view.extracted.parsed.title or ''} {view.text[:400]}"
    headline = view.extracted.parsed.title or view.text.lstrip().split("\n", 1)[0]
    return (
        _has_phrase(opening, view.rules.negative_document) is not None
        or _has_phrase(headline, view.rules.negative_headline) is not None
    )
