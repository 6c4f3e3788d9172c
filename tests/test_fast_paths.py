"""Fast paths give what the slow paths they replace give (issue 16): the token table against spaCy's Token
API, the sentence rule against spaCy's sentencizer, the advert pre-pass against is_promotional per sentence,
the number search against the pattern's finditer, the place-name count against the patterns' counts, the
phrase index against trying every phrase; and the company list keeps names from sentences without money.

Each compares on sentences of our own and on generated strings built from the pieces each path looks for.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from pipeline.acquire.raw import raw_from_bytes
from pipeline.config import RunSettings, Settings
from pipeline.extract import Extractor, literals
from pipeline.extract.companies import (
    CompanyLexicon,
    _looks_like_person,
    _may_close_listed_name,
    _may_open_listed_name,
    _shapes,
    find_companies,
    is_promotional,
    promotional_sentences,
    strip_legal_suffix,
)
from pipeline.extract.extractor import LINE_BREAKS
from pipeline.extract.money import (
    MoneyRules,
    _digit_starts,
    _few_home_places,
    _heads,
    _number_matches,
)
from pipeline.extract.sentences import set_sentence_starts
from pipeline.extract.tokens import TokenTable
from pipeline.link.linker import _WORDS, _has_phrase, _words
from pipeline.parse import dates
from pipeline.parse.text import _is_label, _link_labels, drop_link_labels
from pipeline.rules import bundled_rules
from pipeline.rules.models import TextBoilerplate
from pipeline.worker import Pipeline

TEXTS = [
    "Qorvane Metals Corp. said on Monday it will build a mill in Ohio.  Brask Turbines Inc. Construction "
    "starts soon!\n\nThe plant (a $2 billion one) opens in 2027... Or not? Halden Works, Ltd. declined.",
    "Line one\nline two wraps here\n\n\n- Item: Ostlund & Sons - $5 million\n\t* Teller Co., Ltd.: ¥3bn.",
    '"Yes." He said so. (Really.) Then 3M and 23andMe left.\u00a0Done',
    "",
    ".",
    "   ",
    "One",
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.mark.parametrize("text", TEXTS)
def test_token_table_reads_what_the_tokens_say(extractor: Extractor, text: str) -> None:
    doc = extractor.nlp(text)
    table = TokenTable.of(doc)
    assert table.words == [t.text for t in doc]
    assert table.starts == [t.idx for t in doc]
    assert table.ends == [t.idx + len(t.text) for t in doc]
    assert [table.whitespace(i) for i in range(len(doc))] == [t.whitespace_ for t in doc]
    assert table.sent_start == [bool(t.is_sent_start) for t in doc]
    assert table.is_alpha == [t.is_alpha for t in doc]
    assert table.is_stop == [t.is_stop for t in doc]
    assert table.is_space == [t.is_space for t in doc]
    assert table.is_punct == [t.is_punct for t in doc]
    assert table.sentences == [(s.start, s.end) for s in doc.sents]
    assert table.sentence_of == [(t.sent.start, t.sent.end) for t in doc]
    for start in range(len(doc) + 1):
        for end in range(start, len(doc) + 2):
            assert table.span_text(start, end) == doc[start:end].text


def _name_like_token(text: str, is_space: bool, is_punct: bool) -> bool:
    """The company finder's test of a name-like token, as it read on spaCy's Token."""
    if not text or is_space or (is_punct and text not in {"&"}):
        return False
    if text[0].isupper():
        return True
    return text[0].isdigit() and any(ch.isupper() for ch in text[1:]) and not text.isdigit()


@pytest.mark.parametrize(
    "text", [*TEXTS, "xAI and eBay & iPhone 3M 23andMe 2024 & & A&B ALL-CAPS ¿Qué? Éclair iX"]
)
def test_shape_flags_mark_the_tokens_the_token_tests_mark(text: str) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp("Words the vocab knows before the flags are added: xAI Halden 3M")
    for _ in range(2):  # the flags are added once, then found again
        doc = nlp(text)
        name_like, camel = _shapes(doc, TokenTable.of(doc))
        assert name_like == [_name_like_token(t.text, t.is_space, t.is_punct) for t in doc]
        assert camel == [
            t.i
            for t in doc
            if len(t.text) > 1 and t.text[0].islower() and any(c.isupper() for c in t.text[1:])
        ]


_SENTENCE_PIECES = [
    ".",
    "!",
    "?",
    "。",
    "...",
    ",",
    "(",
    ")",
    '"',
    "-",
    "word",
    "Name",
    "3",
    "\n",
    "\n\n",
    "Inc.",
]


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=25),
    spaces=st.lists(st.booleans(), min_size=25, max_size=25),
    preset=st.lists(st.sampled_from([None, True, False]), max_size=25),
)
def test_sentence_rule_sets_the_starts_spacys_sentencizer_sets(
    blank: Language, pieces: list[str], spaces: list[bool], preset: list[bool | None]
) -> None:
    text = "".join(p + (" " if s else "") for p, s in zip(pieces, spaces, strict=False))
    ours, theirs = blank.make_doc(text), blank.make_doc(text)
    for doc in (ours, theirs):
        for token, value in zip(doc, preset, strict=False):
            token.is_sent_start = value  # starts a component before it decided (line breaks) are kept
    set_sentence_starts(ours)
    Sentencizer()(theirs)
    assert [t.is_sent_start for t in ours] == [t.is_sent_start for t in theirs]


def test_sentence_rule_on_sentences_of_our_own(blank: Language) -> None:
    for text in TEXTS:
        ours, theirs = blank.make_doc(text), blank.make_doc(text)
        set_sentence_starts(ours)
        Sentencizer()(theirs)
        assert [t.is_sent_start for t in ours] == [t.is_sent_start for t in theirs]


_LEGAL_FORM_ENDS = {"Inc.", "Corp.", "Co.", "Ltd.", "Bhd.", "Plc.", "L.P.", "S.A.", "N.V.", "K.K."}
_END_PUNCT = {".", "!", "?", ":", ";", "”", '"'}


def _line_break_starts(doc: Doc, wraps: bool) -> list[int]:
    """The line-break rule as it read on spaCy's Tokens: the sentence start it gives each token (1, -1, 0)."""
    starts = [1 if t.is_sent_start else (-1 if t.is_sent_start is False else 0) for t in doc]
    text = doc.text
    for prev in doc[:-1]:
        token = doc[prev.i + 1]
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if (
            prev.text in _LEGAL_FORM_ENDS
            and prev.whitespace_
            and token.text[:1].isupper()
            and following is not None
            and following.text[:1].islower()
        ):
            starts[token.i] = 1
    breaks = [(prev, doc[prev.i + 1]) for prev in doc[:-1] if prev.is_space and "\n" in prev.text]
    lower_both = sum(
        1 for prev, token in breaks if text[prev.idx - 1 : prev.idx].islower() and token.text[:1].islower()
    )
    for prev, token in breaks:
        wrap = False
        if not wraps:
            before = text[prev.idx - 1 : prev.idx]
            if before == ",":
                wrap = lower_both >= 3 and token.text[:1].isalnum()
            else:
                wrap = before.islower() and token.text[:1].islower()
        elif (prev.text + prev.whitespace_).count("\n") <= 1 and prev.text not in _END_PUNCT:
            line_start = text.rfind("\n", 0, prev.idx) + 1
            line_end = text.find("\n", token.idx)
            previous_line = text[line_start : prev.idx + len(prev.text)]
            next_line = text[token.idx : line_end if line_end >= 0 else len(text)]
            wrap = " | " not in previous_line and " | " not in next_line and len(previous_line) >= 60
        starts[token.i] = -1 if wrap else 1
    return starts


_LINE_PIECES = [
    "Inc.",
    "Co.",
    "K.K.",
    "Construction",
    "of",
    "the plant",
    "A",
    ",",
    "\n",
    "\n\n",
    " \n",
    "\n ",
    ".",
    " | ",
    "a line of prose long enough to be wrapped onto the next line of a page",
]


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(_LINE_PIECES), max_size=20),
    spaces=st.lists(st.booleans(), min_size=20, max_size=20),
    wraps=st.booleans(),
)
def test_line_break_rule_sets_the_starts_a_token_walk_sets(
    extractor: Extractor, pieces: list[str], spaces: list[bool], wraps: bool
) -> None:
    text = "".join(p + (" " if s else "") for p, s in zip(pieces, spaces, strict=False))
    ours, theirs = extractor.nlp.make_doc(text), extractor.nlp.make_doc(text)
    ours.user_data["wrapped_lines"] = wraps
    extractor.nlp.get_pipe(LINE_BREAKS)(ours)
    expected = _line_break_starts(theirs, wraps)
    assert [1 if t.is_sent_start else (-1 if t.is_sent_start is False else 0) for t in ours] == expected


@pytest.fixture(scope="module")
def lexicon() -> CompanyLexicon:
    return CompanyLexicon.from_rules(bundled_rules())


def _sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[^.]+\.?", text)]


def test_advert_pre_pass_finds_the_adverts_is_promotional_finds(lexicon: CompanyLexicon) -> None:
    strong, weak = lexicon.promo_strong[0], lexicon.promo_weak[:2]
    text = (
        f"Kestrel Ridge Power will build a plant. {strong.title()}: a great deal. "
        f"Readers may {weak[0]} today. Then {weak[0]} and {weak[1]} twice. The end."
    )
    sentences = _sentences(text)
    expected = [(a, b) for a, b in sentences if is_promotional(text[a:b], lexicon)]
    assert len(expected) == 2  # the strong cue's sentence and the two weak cues' one
    assert promotional_sentences(text, sentences, lexicon) == expected
    plain = "Kestrel Ridge Power will build a plant. It opens next year."
    assert promotional_sentences(plain, _sentences(plain), lexicon) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["news. ", "Plain words. ", "ΣΑΣ. ", "İ. ", "K. ", ""]), max_size=8))
def test_advert_pre_pass_on_generated_text(lexicon: CompanyLexicon, filler: list[str]) -> None:
    cues = [*lexicon.promo_strong[:3], *lexicon.promo_weak[:4]]
    text = "".join(
        f"{f}{cues[i % len(cues)].upper() if i % 3 else cues[i % len(cues)]}. " for i, f in enumerate(filler)
    )
    sentences = _sentences(text)
    expected = [(a, b) for a, b in sentences if is_promotional(text[a:b], lexicon)]
    assert promotional_sentences(text, sentences, lexicon) == expected


@pytest.fixture(scope="module")
def money_rules() -> MoneyRules:
    return MoneyRules.from_rules(bundled_rules())


_NUMBER_PIECES = [
    "a", "an", "A", "AN", " ", "\t", "\u00a0", "-", "one", "One", "ONE", "twenty", "five", "half", "million",
    "Bn", "lakh crore", "LAKH  CRORE", "eighteen", "thirds", "dozens", "and", "someone", "often", "$", "€",
    "USD", "3", "1,000", ".", ".5", ",", "x", "K", "\u212a", "\u017f", "\u0130", "\u0131", "\n",
    # digits that are not ASCII (Arabic-Indic, full-width), a superscript that is no decimal digit, a word
    # character glued before a number word, a curly apostrophe
    "\u0661\u0662", "\uff15", "\u00b2", "_", "x", "9", "\u2019", "\ud800",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_NUMBER_PIECES), st.sampled_from(["", " ", "  "])), max_size=14))
def test_number_search_finds_what_the_pattern_finds(
    money_rules: MoneyRules, parts: list[tuple[str, str]]
) -> None:
    text = "".join(piece + gap for piece, gap in parts)
    expected = [(m.span(), m.groupdict()) for m in money_rules.number.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in _number_matches(text, money_rules)] == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.,x \u0661\uff15\u00b2\u2019\u00e9", max_size=30))
def test_digit_starts_are_where_a_digit_or_a_point_before_one_stands(text: str) -> None:
    expected = [m.start() for m in re.finditer(r"\d|\.(?=\d)", text)]
    assert _digit_starts(text) == expected


def test_number_heads_need_single_words() -> None:
    heads = _heads(["one", "two", "twenty", "lakh", "lakh crore"])
    assert heads is not None
    assert [m.group() for m in heads.finditer("twenty-one lakh crore")] == ["twenty", "one", "lakh"]
    # a head with a space could hide a word start inside its match: the whole pattern runs instead
    assert _heads(["a dozen", "one"]) is None


def test_number_search_on_sentences_of_our_own(money_rules: MoneyRules) -> None:
    text = (
        "Kestrel said it would spend an eighth of its $1.2 billion budget, some twenty-five million dollars, "
        "on a mill; someone often said a dozen times that Rs 3,50,000 crore and 1 000,5 were .75 of it.\u00a0"
        "FY2025 A380 2023 USD 5 billion, half a billion, ONE HUNDRED and one."
    )
    found = [m.group() for m in _number_matches(text, money_rules)]
    assert found == [m.group() for m in money_rules.number.finditer(text)]
    assert "twenty-five million" in found and "an eighth" not in found and "a dozen" in found


def test_number_search_reads_articles_in_either_case(money_rules: MoneyRules) -> None:
    # the number search tries an article before a number word only where an 'a' or 'an' stands there
    text = "A dozen mills, An hundred, a\u00a0third, and ban  one or Ta two; a\tquarter, AN eight."
    found = [m.group() for m in _number_matches(text, money_rules)]
    assert found == [m.group() for m in money_rules.number.finditer(text)]
    assert found == ["A dozen", "An hundred", "a\u00a0third", "one", "two", "a\tquarter", "AN eight"]


_PLACE_PIECES = [
    "Canada",
    "Toronto",
    "Quebec",
    "Québec",
    "Sydney",
    "Auckland",
    "Ohio",
    "US",
    "CanadaX",
    ".Canada",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PLACE_PIECES), max_size=14))
def test_place_count_shortcut_only_skips_texts_no_pattern_counts_five_in(
    money_rules: MoneyRules, places: list[str]
) -> None:
    text = " ".join(places)
    if _few_home_places(text, money_rules):
        assert all(len(p.findall(text)) < 5 for p in money_rules.home_places.values())


def _counted_few_home_places(text: str, money_rules: MoneyRules) -> bool:
    """_few_home_places as it read before its one-search shortcut: every place counted."""
    homes = money_rules.spec.dollar_homes.values()
    return all(sum(text.count(p) for p in places) < 5 for places in homes)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_PLACE_PIECES, "Canadians", "New Zealanders", "canada", "Ottawa-based"])))
def test_place_search_shortcut_answers_as_the_counts(money_rules: MoneyRules, places: list[str]) -> None:
    for text in (" ".join(places), "".join(places), "No place at all. " + " ".join(places[:1])):
        assert _few_home_places(text, money_rules) == _counted_few_home_places(text, money_rules)


# --- linking ---------------------------------------------------------------------------------------------


def _naive_has_phrase(text: str, phrases: tuple[str, ...]) -> str | None:
    """_has_phrase as it read before its index: every phrase tried in turn."""
    raw = f" {' '.join(_WORDS.findall(text.lower()))} "
    padded = f" {' '.join(_words(text))} "
    for phrase in phrases:
        if f" {phrase} " in padded or f" {phrase} " in raw:
            return phrase
    return None


_PHRASE_WORDS = ["plans", "to", "invest", "in", "the", "U.S.", "back.", "back", "", " ", "a", "$5", "it's"]


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(st.sampled_from(_PHRASE_WORDS), max_size=10),
    phrases=st.lists(st.lists(st.sampled_from(_PHRASE_WORDS), max_size=3).map(" ".join), max_size=6).map(
        tuple
    ),
)
def test_phrase_index_finds_the_phrase_every_phrase_in_turn_finds(
    words: list[str], phrases: tuple[str, ...]
) -> None:
    text = " ".join(words)
    assert _has_phrase(text, phrases) == _naive_has_phrase(text, phrases)


def test_a_text_asked_for_one_list_then_another_answers_each() -> None:
    # the text's words are kept between calls: each list still gets its own answer
    text = "Orvane Steel plans to invest $2 billion, it said. It will build it back."
    for phrases in [("plans to",), ("build it back", "will build"), ("said it",), ("it said", "plans to")]:
        assert _has_phrase(text, phrases) == _naive_has_phrase(text, phrases)
    assert _has_phrase(text, ("build it back",)) == "build it back"
    assert _has_phrase(text, ("said on monday",)) is None


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings(run=RunSettings(raise_errors=True)))


def test_companies_named_only_in_sentences_without_money_are_kept(pipeline: Pipeline, tmp_path: Path) -> None:
    """The money pre-pass reads the linking rules only where an amount is, yet the company list of
    documents.jsonl comes from every sentence: a lead carried from a sentence without money, suppliers named
    in one, and a document that names no amount at all."""
    texts = {
        "pledge.txt": "Marlowe Turbines Inc. said on Monday it will expand its plant in Ohio.\n\n"
        "The company will invest $300 million there, it said. Suppliers such as Brisk Castings Inc. and "
        "Tollan Forge Co. are to build new lines for the expansion.",
        "no-money.txt": "Okavi Metals Corp. will build a new mill in Texas, its chief executive said on "
        "Friday.\n\nAnalysts expect more orders this year.",
    }
    raws = [
        raw_from_bytes(str(tmp_path / name), text.encode(), max_bytes=10**6) for name, text in texts.items()
    ]
    pledge, no_money = pipeline.process(raws)
    assert pledge.document.companies == ["Marlowe Turbines", "Brisk Castings", "Tollan Forge"]
    assert [(r.sponsor, r.amount.value if r.amount else None) for r in pledge.records] == [
        ("Marlowe Turbines", 300e6)
    ]
    assert no_money.document.companies == ["Okavi Metals"]
    assert no_money.records == () and no_money.document.amounts == []


def test_linking_stops_after_the_last_amount_yet_reads_its_sentence(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    """Linking walks the sentences up to the one holding the last amount: a last sentence that opens with
    its amount is read (its lead carried from the sentence before), and the companies named after it are
    still the document's."""
    text = (
        "Corlis Valve Co. said on Monday it will enlarge its valve works in Kansas.\n\n"
        "$450 million will be invested in the valve works, the firm added.\n\n"
        "Analysts named Pellam Seals Inc. and Tarvik Gaskets Ltd. as likely suppliers."
    )
    (result,) = pipeline.process([raw_from_bytes(str(tmp_path / "a.txt"), text.encode(), max_bytes=10**6)])
    assert [(r.sponsor, r.amount.value if r.amount else None) for r in result.records] == [
        ("Corlis Valve", 450e6)
    ]
    assert result.document.companies == ["Corlis Valve", "Pellam Seals", "Tarvik Gaskets"]


def test_what_only_records_read_is_worked_out_when_a_record_asks(pipeline: Pipeline, tmp_path: Path) -> None:
    """The document view works out the investors' countries (and the programme, subject and sectors) when a
    record first asks: a record still takes its sponsor's country from the nationality before its name."""
    text = (
        "Tessaly Cells said on Monday it will grow its Texas arm.\n\n"
        "South Korean battery maker Tessaly Cells Co. will invest $1.4 billion in a cathode line near Waco, "
        "the firm added."
    )
    (result,) = pipeline.process([raw_from_bytes(str(tmp_path / "c.txt"), text.encode(), max_bytes=10**6)])
    assert [(r.sponsor, r.country) for r in result.records] == [("Tessaly Cells", "South Korea")]
    # the programme a government set up, and a company's profile sector from its appositive where the record's
    # sentence cues none (the chip plants the document names more often would give it theirs)
    texts = {
        "programme.txt": (
            "Japan's $550 billion investment commitment is meant to pay for new mills in several states, "
            "a minister said.\n\nTessaly Heavy Industries will invest $1.2 billion in a turbine yard near "
            "Akron."
        ),
        "profile.txt": (
            "Tessaly Heavy Industries, a maker of gas turbines for power stations, opened an office in "
            "Ohio last year.\n\nChip plants and semiconductor fabs have come to the county, and a third "
            "chip plant opened in May.\n\nTessaly Heavy Industries will invest $1.2 billion in a yard near "
            "Akron, it told reporters."
        ),
    }
    programme, profile = pipeline.process(
        [raw_from_bytes(str(tmp_path / name), t.encode(), max_bytes=10**6) for name, t in texts.items()]
    )
    assert [(r.program, r.country) for r in programme.records] == [
        ("Japan's $550 billion investment commitment", "Japan")
    ]
    assert [(r.sponsor, r.sector) for r in profile.records] == [("Tessaly Heavy Industries", "energy")]


def test_gazetteer_pre_checks_never_skip_a_listed_name(extractor: Extractor) -> None:
    """The company finder skips a span's gazetteer lookups when its first or last word opens or ends no
    listed name: every listed ASCII spelling, in a sentence of our own, still passes both checks wherever a
    part of it folds to a listed name (the lookups that could find something are all made)."""
    lexicon = extractor.lexicon
    spellings = sorted(
        {
            str(alias)
            for entry in bundled_rules().entries("companies")
            for alias in [entry["name"], *entry.get("aliases", [])]
            if str(alias).isascii()
        }
    )
    assert len(spellings) > 100
    checked = 0
    for doc, spelling in zip(
        extractor.nlp.pipe(f"Analysts said {s} and two others agreed." for s in spellings),
        spellings,
        strict=True,
    ):
        table = TokenTable.of(doc)
        first = table.starts.index(len("Analysts said "))
        last = next(
            k for k in range(first, len(table)) if table.ends[k] >= len("Analysts said ") + len(spelling)
        )
        for a in range(first, last + 1):
            for c in range(a + 1, last + 2):
                folded = lexicon.fold(table.span_text(a, c))
                if folded not in lexicon.gazetteer:
                    continue
                checked += 1
                assert _may_open_listed_name(table, a, c, lexicon), (spelling, a, c)
                if c - 1 > a and folded != lexicon.fold(table.span_text(a, c - 1)):
                    assert _may_close_listed_name(table, c - 1, lexicon), (spelling, c - 1)
    assert checked >= len(spellings)


def _every_pattern_date(text: str) -> str | None:
    """written_date as it read before the spaced-year pre-check: every pattern over the text."""
    found = [(m.start(), iso) for p in dates._PATTERNS for m in p.finditer(text) if (iso := dates._as_iso(m))]
    return min(found)[1] if found else None


_DATE_PIECES = [
    "Sept.",
    "8",
    "8th",
    ",",
    " ",
    "\n",
    "2025",
    "1999",
    "October",
    "oct",
    "29",
    "-",
    "10",
    "x",
    "May",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=12).map("".join))
def test_date_pre_check_finds_the_dates_every_pattern_finds(text: str) -> None:
    assert dates.written_date(text) == _every_pattern_date(text)


def test_date_pre_check_on_dates_of_our_own() -> None:
    for text in [
        "Filed Sept. 8, 2025 in Ohio",
        "on 29 October 2025,",
        "2025-10-30",
        "March 3,\n2024",
        "29 October\n2025",
        "May 2025",
    ]:
        assert dates.written_date(text) == _every_pattern_date(text)
    assert dates.written_date("Filed Sept. 8, 2025 in Ohio") == "2025-09-08"


def _every_line_label(line: str, labels: frozenset[str]) -> bool:
    """_is_label as it read before the first-word pre-check."""
    return " ".join(re.findall(r"[a-z0-9]+", line.lower())) in labels


_LABEL_PIECES = [
    "ADVERTISEMENT",
    "Sponsored",
    "content",
    "ad",
    "Ads",
    " ",
    "-",
    "*",
    ":",
    "deal",
    "of the day",
    "x",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_LABEL_PIECES), max_size=6).map("".join))
def test_label_pre_check_tells_the_lines_the_whole_test_tells(line: str) -> None:
    labels = frozenset(bundled_rules().get(TextBoilerplate).ad_labels)
    assert _is_label(line, labels) == _every_line_label(line, labels)


def test_label_pre_check_on_every_label_and_lines_of_our_own() -> None:
    labels = frozenset(bundled_rules().get(TextBoilerplate).ad_labels)
    lines = [f"-- {label.upper()} --" for label in labels] + [
        "Tarrow Data will invest $2 billion.",
        "Ads by our partners",
        "",
        "***",
    ]
    assert sum(_is_label(line, labels) for line in lines) == len(labels)
    for line in lines:
        assert _is_label(line, labels) == _every_line_label(line, labels)


def test_tokenizer_built_with_the_wire_infixes_splits_as_one_set_after_building(extractor: Extractor) -> None:
    """The English subclass's tokenizer, built once with the wire infixes, tokenizes as spacy.blank("en")
    whose infix_finditer is set afterwards (the way the extractor built it before), and its tokens read
    the same for the attributes the rules use."""
    reference = spacy.blank("en")
    infixes = [*(reference.Defaults.infixes or ()), r"--+", r"(?<=\w)\)(?=-)", r"(?<=-)\((?=\w)"]
    reference.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer  # type: ignore[union-attr]
    texts = [
        *TEXTS,
        "Tokyo, May 2 (Kaiho Press)--Ferrant Corp. plans to invest $8 billion.",
        "DENVER--(WIRE)--Orvane Data Centers said it will build a campus; see https://example.com/a-b?x=1.",
        "U.S.-based Tessaly Power's $1.2bn plant (Ohio) opens in 2027 -- or not...",
        "Don't e-mail 3M/23andMe at info@example.com: it's 10:30am, $5.5m, ¥3,000-4,000.",
    ]

    def read(doc: spacy.tokens.Doc) -> list[tuple[object, ...]]:
        # what the rules read of a token (the lexeme attributes the extractor's vocab keeps, _LEXEME_ATTRS)
        return [(t.text, t.idx, t.lower_, t.is_alpha, t.is_stop, t.is_space, t.is_punct) for t in doc]

    for text in texts:
        assert read(extractor.nlp.make_doc(text)) == read(reference.make_doc(text))
    # words neither vocab has seen yet get the same attributes
    unseen = "Zyqvorn QUELLTEX 4,3% ÉtoileX ¿dónde? Брянск ... -- “xyz” 12th CEO's"
    assert read(extractor.nlp.make_doc(unseen)) == read(reference.make_doc(unseen))


_CUE_PIECES = [
    "sponsor",
    "sponsored",
    "sponsored content",
    "ed con",
    "shop now",
    "now",
    "% off",
    "/mo",
    "#1",
    "a",
]


@settings(max_examples=300, deadline=None)
@given(
    cues=st.lists(st.sampled_from(_CUE_PIECES), min_size=1, max_size=6, unique=True),
    pieces=st.lists(st.sampled_from([*_CUE_PIECES, " ", "x", "ten", "spon"]), max_size=12),
)
def test_one_scan_finds_the_cues_in_finds(cues: list[str], pieces: list[str]) -> None:
    # cues that begin with others ('sponsor', 'sponsored') and that overlap in the text ('shop now' / 'now')
    text = "".join(pieces)
    heads = literals.heads(cues)
    by_head = {head: tuple(cue for cue in cues if cue.startswith(head)) for head in heads}
    found = literals.occurring(text, re.compile(literals.trie(heads)), by_head)
    assert found == {cue for cue in cues if cue in text}


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from("aZ ÉßİΣσςﬁẞǅ.Ω1"), max_size=10))
def test_a_slice_of_the_lower_case_text_is_the_slices_lower_case(text: str) -> None:
    lower = TokenTable(text, [], [], [], [], [], []).sliced_lower
    if lower is None:
        assert "\u0130" in text or "\u03a3" in text
        return
    for a in range(len(text) + 1):
        for b in range(a, len(text) + 1):
            assert lower[a:b] == text[a:b].lower()


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Analysts said Brask Turbines, Inc. will build a plant in Ohio next year.", "Brask Turbines, Inc."),
        ("Analysts said Nature’s Bakery will invest $20 million in a new plant.", "Nature’s Bakery"),
        ("Analysts said Nature's Bakery will invest $20 million in a new plant.", "Nature's Bakery"),
        ("Analysts said Qorvane Metals & Mining will invest $2 billion.", "Qorvane Metals & Mining"),
        ("Analysts said Ostrava Lilly and Company will invest $2 billion.", "Ostrava Lilly and Company"),
        ("Analysts said that X-energy will invest $2 billion in a reactor.", "X-energy"),
    ],
)
def test_a_name_runs_on_past_its_joiners(extractor: Extractor, sentence: str, name: str) -> None:
    # a run of name-like words ends at the first word that is neither name-like nor one that may join a
    # name (legal forms, headline verbs, joiners): each joiner still joins
    companies, _ = find_companies(extractor.nlp(sentence), extractor.lexicon, set(), [])
    assert [c.text for c in companies] == [name]


_LINK_LABEL_PIECES = [
    "(BP.L)",
    ", ",
    " ",
    "\t",
    "opens new tab",
    "OPENS IN A NEW TAB",
    "Opens in new window",
    "opens",
    "new",
    "tab",
    "\u0130",  # İ
    "\u0131",  # ı
    "\u017f",  # ſ
    "\u212a",  # the Kelvin sign, which lowers to 'k'
    "x",
    "\n",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_LINK_LABEL_PIECES), max_size=10).map("".join))
def test_link_label_pre_check_drops_what_the_pattern_drops(text: str) -> None:
    labels = tuple(bundled_rules().get(TextBoilerplate).link_labels)
    assert drop_link_labels(text, labels) == _link_labels(labels).sub("", text)


def test_link_label_pre_check_on_labels_of_our_own() -> None:
    labels = ("opens new tab", "opens in a new window")
    texts = [
        "Shares of Tarrow Data (TRW.N), opens new tab rose.",
        "Tarrow Data, OPENS IN A NEW WINDOW said so.",
        "Tarrow Data opens new plant in Ohio.",
        "Tarrow Data, open\u017f new tab rose.",  # ſ: IGNORECASE takes it for an 's', lower() does not
        "Tarrow Data, OPENS \u0130N A NEW WINDOW",  # İ: for an 'i'
    ]
    for text in texts:
        assert drop_link_labels(text, labels) == _link_labels(labels).sub("", text)
    assert drop_link_labels(texts[0], labels) == "Shares of Tarrow Data (TRW.N) rose."
    assert drop_link_labels(texts[2], labels) is texts[2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kestrel Mills in the news", []),  # a title without figures: the short scan
        ("Kestrel Mills plans 2 mills", [20]),
        ("\u0663 mills", [0]),  # a digit that is not ASCII
        ("a" * 1500, []),  # a long text without figures: the arrays
        ("a" * 1500 + " .5", [1501, 1502]),
    ],
)
def test_digit_starts_of_short_and_long_texts(text: str, expected: list[int]) -> None:
    assert _digit_starts(text) == expected
    assert expected == [m.start() for m in re.finditer(r"\d|\.(?=\d)", text)]


def _looks_like_person_before(left: str, right: str, words: list[str], lexicon: CompanyLexicon) -> bool:
    """_looks_like_person's opening as it read the name's shape first (before issue 16's round 6)."""
    shaped = all(w[:1].isupper() and (w[1:].islower() or w[1:] == ".") for w in words)
    if len(words) == 1:
        last = left.split()[-1:]
        return shaped and bool(last) and last[0].capitalize() in lexicon.title_words
    if len(words) not in (2, 3) or not shaped or words[0].endswith(".") or right.startswith(", which "):
        return False
    return _looks_like_person(left, right, words, lexicon)  # (the rest is unchanged)


_PERSON_WORDS = ["Jane", "Roe", "A.", "ACME", "Acme", "Steel", "Industries", "iPhone", "O'Neil", "Dr."]
_PERSON_LEFTS = ["", " ", "governor", "said governor ", "told\t", "by", "premier\n", "chief executive"]
_PERSON_RIGHTS = ["", ", which is", ", a spokesperson", ", chief executive", " said", " plans to invest"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_PERSON_WORDS), min_size=1, max_size=4),
    st.sampled_from(_PERSON_LEFTS),
    st.sampled_from(_PERSON_RIGHTS),
)
def test_person_test_reads_the_shape_last_and_answers_as_before(
    lexicon: CompanyLexicon, words: list[str], left: str, right: str
) -> None:
    assert _looks_like_person(left, right, words, lexicon) == _looks_like_person_before(
        left, right, words, lexicon
    )


def test_legal_suffixes_stripped_as_before(lexicon: CompanyLexicon) -> None:
    assert strip_legal_suffix("Murata Manufacturing Co., Ltd.", lexicon) == "Murata Manufacturing"
    assert strip_legal_suffix("SoftBank Group Corp.", lexicon) == "SoftBank Group"
    assert strip_legal_suffix("Mitsui & Co.", lexicon) == "Mitsui & Co."
    assert strip_legal_suffix("Eli Lilly and Company", lexicon) == "Eli Lilly"


_JAPANESE_ON_DEMAND_CHECK = """
import sys
from pipeline.extract.extractor import Extractor
from schemas import ParsedDocument

def parsed(text):
    return ParsedDocument.model_construct(
        doc_id="d", source="s", title=None, text=text, media_type="text/plain", tables=(), pages=(),
        published=None, final_url=None, sha256="",
    )

extractor = Extractor()
english = extractor.extract(parsed("Kestrel Mills Inc. will invest $2 billion in a mill in Ohio."))
assert english.money and "pipeline.extract.japanese.extractor" not in sys.modules, "loaded for English"
japanese = extractor.extract(parsed("ケストレル製紙株式会社は、新工場に約100億円を投資すると発表した。"))
assert japanese.language == "ja" and japanese.money, japanese
assert "pipeline.extract.japanese.extractor" in sys.modules
"""


def test_japanese_rules_code_loads_when_a_japanese_text_asks() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _JAPANESE_ON_DEMAND_CHECK], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
