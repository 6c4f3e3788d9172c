"""Component tests: each stage's parts with a small lexicon of our own and spacy.blank("en"), as spaCy's own
test_span_ruler.py tests a component, beside the end-to-end tests that use the bundled rules.

Sections: companies, money, roles (amount_role), linking, pdf layout, executors. Rule loading has its own
module (tests/test_rules.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
import spacy
from spacy.language import Language

from pipeline.acquire.raw import raw_from_bytes
from pipeline.config import RunSettings, Settings
from pipeline.executors import InlineExecutor, ProcessExecutor, process_batch
from pipeline.extract.companies import CompanyLexicon, find_companies
from pipeline.extract.money import MoneyRules, find_money
from pipeline.link import RoleRules, link
from pipeline.link.linker import amount_role
from pipeline.output.state import StoredResult
from pipeline.parse.pdf_layout import PageLayout, TableBlock, Word, assemble
from pipeline.rules import RuleSet
from pipeline.rules.models import CompanyCues, CompanyEntry, Money, NonCompanies, Roles
from pipeline.worker import Pipeline
from schemas import CompanyMention, ExtractedDocument, MoneyMention, ParsedDocument, RawDocument, Span

# --- companies ------------------------------------------------------------------------------------------

SMALL_COMPANY_RULES = RuleSet(
    files={
        "company_cues": CompanyCues(
            legal_suffixes=["Corp.", "Inc."],
            industry_words=["Turbines"],
            descriptor_nouns=["contractor"],
            name_of_heads=["Ministry"],
        ),
        "non_companies": NonCompanies(
            agency_words=["Ministry"], places=["Ohio"], generic_capitalized=["The"], outlets=["Daily Plume"]
        ),
    },
    companies=(CompanyEntry(name="Halden Works", aliases=["HW"]),),
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    return blank


def _found(
    nlp: Language, text: str, rules: RuleSet = SMALL_COMPANY_RULES
) -> tuple[set[tuple[str, str]], set[str]]:
    companies, agencies = find_companies(nlp(text), CompanyLexicon.from_rules(rules), set(), [])
    return {(c.name, c.signal) for c in companies}, {a.name for a in agencies}


def test_companies_by_suffix_industry_word_descriptor_and_gazetteer(nlp: Language) -> None:
    text = (
        "Qorvane Metals Corp. will build a mill in Ohio. Brask Turbines will supply it. "
        "The site goes to contractor Ostlund. HW said it would help."
    )
    companies, agencies = _found(nlp, text)
    assert companies == {
        ("Qorvane Metals", "suffix"),
        ("Brask Turbines", "industry"),
        ("Ostlund", "context"),
        ("HW", "gazetteer"),  # a listed alias; the canonical name is the fullest mention in the document
    }
    assert agencies == set()


def test_agencies_outlets_and_places_of_the_lexicon_are_not_companies(nlp: Language) -> None:
    text = "The Ministry of Ports told Daily Plume that Qorvane Metals Corp. will invest in Ohio."
    companies, agencies = _found(nlp, text)
    assert companies == {("Qorvane Metals", "suffix")}
    assert agencies == {"Ministry of Ports", "Daily Plume"}


def test_a_company_signal_missing_from_the_lexicon_finds_nothing(nlp: Language) -> None:
    # "Ltd" is a legal form in the bundled rules, not in this small lexicon: the lexicon decides
    assert _found(nlp, "Qorvane Metals Ltd opened an office.")[0] == set()
    wider = RuleSet(files={"company_cues": CompanyCues(legal_suffixes=["Ltd"])})
    assert _found(nlp, "Qorvane Metals Ltd opened an office.", wider)[0] == {("Qorvane Metals", "suffix")}


# --- money ----------------------------------------------------------------------------------------------

SMALL_MONEY = MoneyRules.from_rules(
    RuleSet(
        files={
            "money": Money(
                symbols={"$": "USD"},
                codes=["USD", "EUR"],
                words={"euros": "EUR"},
                scales={"million": 1e6, "billion": 1e9},
                number_words={"two": 2.0, "three": 3.0},
                qualifiers_before={"up_to": ["up to"], "about": ["about"]},
                range_openers=["between"],
            )
        },
        digest="small-money",
    )
)


def test_money_with_a_small_lexicon() -> None:
    text = "The mill costs up to two billion euros, the port about $5 million and the yard EUR 3 million."
    found = [(m.value, m.currency, m.qualifier) for m in find_money(text, SMALL_MONEY)]
    assert found == [(2e9, "EUR", "up_to"), (5e6, "USD", "about"), (3e6, "EUR", "exact")]


def test_money_outside_the_small_lexicon_is_not_money() -> None:
    text = "The dock costs £3 million and 40 million yen; the bridge costs between $2 million and $3 million."
    found = [(m.value, m.currency, m.qualifier, m.high) for m in find_money(text, SMALL_MONEY)]
    assert found == [(2e6, "USD", "range", 3e6)]
    assert [m.currency for m in find_money(text)] == ["GBP", "JPY", "USD"]  # the bundled rules know them


# --- roles (amount_role) --------------------------------------------------------------------------------

SMALL_ROLES = RoleRules.from_rules(
    RuleSet(
        files={
            "roles": Roles(
                not_record_before=["revenue of"],
                umbrella=["combined"],
                denied=["denied"],
                min_record_value={"default": 1e6},
            )
        }
    )
)


@pytest.mark.parametrize(
    ("text", "verdict", "rule", "cue"),
    [
        ("Orvane Steel will invest $2 billion in a mill.", "record", "", ""),
        (
            "Orvane Steel reported revenue of $2 billion.",
            "not_investment",
            "roles.json not_record_before",
            "revenue of",
        ),
        (
            "The two firms listed a combined $2 billion of plans.",
            "umbrella",
            "roles.json umbrella",
            "combined",
        ),
        (
            "Orvane Steel denied a plan to invest $2 billion.",
            "negated",
            "roles.json denied",
            "denied",
        ),
        # a cancellation is a record: its status says so (status.json)
        ("Orvane Steel scrapped its plan to invest $2 billion.", "record", "", ""),
        (
            "Orvane Steel will give $20,000 to a school.",
            "too_small",
            "roles.json min_record_value",
            "USD 1e+06",
        ),
        # 'in sales' is a cue of the bundled rules, not of this small lexicon
        ("Orvane Steel booked $2 billion in sales.", "record", "", ""),
    ],
)
def test_amount_role_with_a_small_lexicon(text: str, verdict: str, rule: str, cue: str) -> None:
    [mention] = find_money(text)
    role = amount_role(text, mention, Span(start=0, end=len(text)), SMALL_ROLES)
    assert (role.verdict, role.rule, role.cue) == (verdict, rule, cue)


# --- linking --------------------------------------------------------------------------------------------


def _extracted(text: str, companies: list[str]) -> ExtractedDocument:
    """A document as the extractor would hand it over: sentences, company mentions and amounts by offset."""
    parsed = ParsedDocument(doc_id="0" * 16, source="t.txt", sha256="0", media_type="text/plain", text=text)
    starts = [0] + [i + 2 for i, ch in enumerate(text) if ch == "." and i + 2 < len(text)]
    sentences = tuple(Span(start=a, end=b) for a, b in zip(starts, [*starts[1:], len(text)], strict=True))
    mentions = [
        CompanyMention(name=name, text=name, start=text.index(name), end=text.index(name) + len(name))
        for name in companies
    ]
    money = tuple(MoneyMention(**m.model_dump()) for m in find_money(text))
    return ExtractedDocument(
        parsed=parsed,
        sentences=sentences,
        companies=tuple(sorted(mentions, key=lambda c: c.start)),
        money=money,
    )


def test_link_pairs_each_amount_with_its_lead_and_says_why_the_others_are_not_records() -> None:
    text = (
        "Orvane Steel will invest $2 billion in a mill. Orvane Steel reported revenue of $9 billion. "
        "Petrel Mining and Orvane Steel listed a combined $5 billion. Nobody owns the $7 billion port."
    )
    linked = link(_extracted(text, ["Orvane Steel", "Petrel Mining"]), SMALL_ROLES)
    assert [(c.sponsor, c.value) for c in linked.candidates] == [("Orvane Steel", 2e9)]
    assert [(d.value, d.verdict) for d in linked.decisions] == [
        (2e9, "record"),
        (9e9, "not_investment"),
        (5e9, "umbrella"),
        (7e9, "no_lead"),
    ]


def test_a_sentence_without_a_company_links_to_none_under_a_small_lexicon() -> None:
    # with no continuation cues in the lexicon, 'It' does not carry the previous sentence's company
    text = "Orvane Steel bought land. It will invest $2 billion."
    linked = link(_extracted(text, ["Orvane Steel"]), SMALL_ROLES)
    assert linked.candidates == ()
    bundled = RoleRules.from_rules(_bundled_rules())
    assert [(c.sponsor, c.value) for c in link(_extracted(text, ["Orvane Steel"]), bundled).candidates] == [
        ("Orvane Steel", 2e9)
    ]


def _bundled_rules() -> RuleSet:
    from pipeline.rules import bundled_rules

    return bundled_rules()


# --- pdf layout -----------------------------------------------------------------------------------------


def _words(line: str, x0: float, top: float, size: float = 10.0) -> list[Word]:
    """The words of one line, laid out left to right from x0 at the given top."""
    words, x = [], x0
    for text in line.split():
        width = len(text) * size * 0.5
        words.append(Word(x0=x, x1=x + width, top=top, bottom=top + size, text=text, size=size))
        x += width + size * 0.3
    return words


def _page(
    number: int, lines: list[tuple[str, float, float]], tables: list[TableBlock] | None = None
) -> PageLayout:
    words = [w for text, x0, top in lines for w in _words(text, x0, top)]
    return PageLayout(number=number, width=600.0, height=800.0, words=words, tables=tables or [])


def _never_late() -> None:
    """assemble's time check: no limit here."""


def test_layout_reads_two_columns_column_by_column() -> None:
    left = [(f"West line {i} of the left column.", 40.0, 100.0 + 14 * i) for i in range(8)]
    right = [(f"East line {i} of the right column.", 320.0, 100.0 + 14 * i) for i in range(8)]
    text, pages, tables, _ = assemble([_page(1, left + right)], _never_late)
    assert text.index("West line 7") < text.index("East line 0")
    assert [(p.page, p.start, p.end) for p in pages] == [(1, 0, len(text))]
    assert tables == []


def test_layout_drops_running_headers_and_page_numbers() -> None:
    def page(number: int) -> PageLayout:
        body = [
            (f"Body text {number} line {i} about the harbour works.", 40.0, 200.0 + 14 * i) for i in range(5)
        ]
        return _page(
            number, [("Harbour Board Bulletin", 40.0, 20.0), *body, (f"Page {number} of 3", 280.0, 770.0)]
        )

    text, pages, _, _ = assemble([page(1), page(2), page(3)], _never_late)
    assert "Harbour Board Bulletin" not in text and "Page 2 of 3" not in text
    assert [p.page for p in pages] == [1, 2, 3] and "Body text 3 line 4" in text


def test_layout_joins_a_table_continued_on_the_next_page() -> None:
    header = ["Company", "Amount"]
    first = TableBlock(x0=40, x1=400, top=100, bottom=160, rows=[header, ["Orvane Steel", "$2 billion"]])
    second = TableBlock(x0=40, x1=400, top=100, bottom=160, rows=[header, ["Petrel Mining", "$1 billion"]])
    text, _, tables, _ = assemble([_page(1, [], [first]), _page(2, [], [second])], _never_late)
    [table] = tables
    assert table.header == ("Company", "Amount")
    assert [(r.cells, r.page) for r in table.rows] == [
        (("Orvane Steel", "$2 billion"), 1),
        (("Petrel Mining", "$1 billion"), 2),
    ]
    assert text.count("Company | Amount") == 1


# --- executors ------------------------------------------------------------------------------------------

PLEDGES = [
    ("a.txt", "Mill news\n\nOrvane Steel Corp. will invest $2 billion in a mill in Ohio.\n"),
    ("b.txt", "Mine news\n\nPetrel Mining Inc. will invest $900 million in a mine in Nevada.\n"),
    ("c.txt", "Yard news\n\nSaqr Shipyards Inc. will invest $650 million in a yard in Texas.\n"),
]


def _raws(tmp_path: Path) -> list[RawDocument]:
    return [raw_from_bytes(str(tmp_path / name), text.encode(), max_bytes=10**6) for name, text in PLEDGES]


def _summary(results: Iterator[list[StoredResult]]) -> list[tuple[str, str, tuple[str, ...]]]:
    """(file name, status, sponsors) of every document, sorted: executors yield batches as they finish."""
    rows = []
    for batch in results:
        for stored in batch:
            sponsors = tuple(orjson.loads(line)["sponsor"] for line in stored.records.splitlines())
            rows.append((Path(stored.source).name, stored.status, sponsors))
    return sorted(rows)


def test_a_process_pool_gives_what_the_inline_executor_gives(tmp_path: Path) -> None:
    raws = _raws(tmp_path)
    inline = _summary(InlineExecutor(Pipeline(Settings())).map_batches(iter([raws[:2], raws[2:]])))
    pool = ProcessExecutor(Settings(), workers=2)
    try:
        pooled = _summary(pool.map_batches(iter([[raw] for raw in raws])))
    finally:
        pool.close()
    assert inline == pooled
    assert [sponsors for _, _, sponsors in inline] == [
        ("Orvane Steel",),
        ("Petrel Mining",),
        ("Saqr Shipyards",),
    ]


class _BrokenOnOne(Pipeline):
    """A pipeline with a bug that shows on one document (b.txt) only."""

    def process(self, raws):  # type: ignore[no-untyped-def]
        raws = list(raws)
        if any(raw.source.endswith("b.txt") for raw in raws):
            raise RuntimeError("a bug in a rule")
        return super().process(raws)


def test_a_bug_on_one_document_fails_that_document_alone(tmp_path: Path) -> None:
    results = process_batch(_BrokenOnOne(Settings()), _raws(tmp_path))
    assert _summary(iter([results])) == [
        ("a.txt", "ok", ("Orvane Steel",)),
        ("b.txt", "failed", ()),
        ("c.txt", "ok", ("Saqr Shipyards",)),
    ]
    assert [r.error_kind for r in results if r.status == "failed"] == ["internal_error"]
    raising = _BrokenOnOne(Settings(run=RunSettings(raise_errors=True)))
    with pytest.raises(RuntimeError):
        process_batch(raising, _raws(tmp_path))
