"""Money recognition: a table of styles, the written-number parser, the currency-specs floor, properties."""

from __future__ import annotations

import importlib.util
import json
import math
import re
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.money import find_exchange_rates, find_money, home_dollar, parse_number
from pipeline.run import Pipeline
from schemas import ParsedDocument
from tests.shared_paths import ROOT, SHARED_EVAL, WILD, needs_shared

SPECS = WILD / "currency-specs"
FLOORS = json.loads((ROOT / "tests" / "quality_floors.json").read_text())

STYLES: list[tuple[str, float, str, str, float | None]] = [
    ("$25 billion", 25e9, "USD", "exact", None),
    ("US$25bn", 25e9, "USD", "exact", None),
    ("USD 25 billion", 25e9, "USD", "exact", None),
    ("$25B", 25e9, "USD", "exact", None),
    ("25 billion dollars", 25e9, "USD", "exact", None),
    ("$25,000 million", 25e9, "USD", "exact", None),
    ("$1.2 trillion", 1.2e12, "USD", "exact", None),
    ("¥3.7 trillion", 3.7e12, "JPY", "exact", None),
    ("3.7 trillion yen", 3.7e12, "JPY", "exact", None),
    ("₩50 trillion", 50e12, "KRW", "exact", None),
    ("50 trillion won", 50e12, "KRW", "exact", None),
    ("KRW 7.2 trillion", 7.2e12, "KRW", "exact", None),
    ("NT$933.8 billion", 933.8e9, "TWD", "exact", None),
    ("€4 billion", 4e9, "EUR", "exact", None),
    ("£300 million", 300e6, "GBP", "exact", None),
    ("2 billion euros", 2e9, "EUR", "exact", None),
    ("10 million pounds", 10e6, "GBP", "exact", None),
    ("C$1.5 billion", 1.5e9, "CAD", "exact", None),
    ("A$2 billion", 2e9, "AUD", "exact", None),
    ("HK$8 billion", 8e9, "HKD", "exact", None),
    ("S$600 million", 600e6, "SGD", "exact", None),
    ("$ 415.9 million", 415.9e6, "USD", "exact", None),
    ("nt$ 12 billion in sales", 12e9, "TWD", "exact", None),
    ("twenty-five billion dollars", 25e9, "USD", "exact", None),
    ("a billion dollars", 1e9, "USD", "exact", None),
    ("half a million dollars", 5e5, "USD", "exact", None),
    ("17 cents", 0.17, "USD", "exact", None),
    ("50p", 0.5, "GBP", "exact", None),
    ("50 pence", 0.5, "GBP", "exact", None),
    ("between $2 billion and $3 billion", 2e9, "USD", "range", 3e9),
    ("$2-3 billion", 2e9, "USD", "range", 3e9),
    ("$600 million – $900 million", 600e6, "USD", "range", 900e6),
    ("2 to 3 billion yen", 2e9, "JPY", "range", 3e9),
    ("up to $100 billion", 100e9, "USD", "up_to", None),
    ("as much as $5bn", 5e9, "USD", "up_to", None),
    ("a maximum of ¥1 trillion", 1e12, "JPY", "up_to", None),
    ("about $20 billion", 20e9, "USD", "about", None),
    ("roughly US$3bn", 3e9, "USD", "about", None),
    ("some $7 billion", 7e9, "USD", "about", None),
    ("nearly $1 trillion", 1e12, "USD", "about", None),
    ("approx. $4 million", 4e6, "USD", "about", None),
    ("an estimated $9 billion", 9e9, "USD", "about", None),
    ("at least $2 billion", 2e9, "USD", "at_least", None),
    ("more than $10 billion", 10e9, "USD", "at_least", None),
    ("over $1 billion", 1e9, "USD", "at_least", None),
    ("upwards of $500 million", 500e6, "USD", "at_least", None),
    ("$5 billion or more", 5e9, "USD", "at_least", None),
    ("spending to surpass $25 billion", 25e9, "USD", "at_least", None),
    ("expected to exceed $12 billion", 12e9, "USD", "at_least", None),
    ("total investment approaching $4 billion", 4e9, "USD", "about", None),
    ("a $2-billion plant", 2e9, "USD", "exact", None),
    ("RM5 billion", 5e9, "MYR", "exact", None),
    ("Rs 500 crore", 5e9, "INR", "exact", None),
    # Central and Eastern Europe: codes and the plural and singular words of their currencies
    ("a plant worth RON 410.5 million", 410.5e6, "RON", "exact", None),
    ("some 85 million lei", 85e6, "RON", "about", None),
    ("5 billion forints", 5e9, "HUF", "exact", None),
    ("4 billion korunas", 4e9, "CZK", "exact", None),
    ("2 billion zloty", 2e9, "PLN", "exact", None),
    ("BGN 1 billion", 1e9, "BGN", "exact", None),
]


@pytest.mark.parametrize(("text", "value", "currency", "qualifier", "high"), STYLES)
def test_styles(text: str, value: float, currency: str, qualifier: str, high: float | None) -> None:
    found = find_money(text)
    assert len(found) == 1, found
    m = found[0]
    assert math.isclose(m.value, value, rel_tol=1e-9)
    assert (m.currency, m.qualifier) == (currency, qualifier)
    assert m.high == pytest.approx(high, rel=1e-9) if high is not None else m.high is None
    assert text[m.start : m.end] == m.text


def test_from_to_as_much_as_is_two_amounts() -> None:
    text = "projects ranging in cost from $350 million to as much as $100 billion"
    found = find_money("the list runs from $350 million to as much as $100 billion")
    assert [(m.value, m.qualifier, m.high) for m in found] == [(350e6, "exact", None), (100e9, "up_to", None)]
    assert [m.qualifier for m in find_money(text)] == ["exact", "up_to"]


def test_ranging_from_to_is_a_range() -> None:
    [m] = find_money("contracts ranging from $2 billion to $3 billion")
    assert (m.value, m.high, m.qualifier) == (2e9, 3e9, "range")


def test_usd_given_alongside() -> None:
    yen, usd = find_money("Harlan Denki will invest ¥165 billion (about US$1.1 billion) in the plant.")
    assert (yen.currency, yen.usd) == ("JPY", 1.1e9)
    assert (usd.value, usd.usd, usd.qualifier) == (1.1e9, 1.1e9, "about")
    dollars, won = find_money("a $350 billion (₩500 trillion) package")
    assert won.usd == 350e9 and dollars.usd == 350e9


@pytest.mark.parametrize(
    "text",
    [
        "At US$1 = ¥150, the plan costs ¥300 billion.",
        "At 150 yen to the dollar, the plan costs ¥300 billion.",
    ],
)
def test_stated_rate(text: str) -> None:
    assert find_exchange_rates(text)["JPY"] == pytest.approx(1 / 150)
    m = find_money(text)[-1]
    assert m.value == 300e9 and m.usd == pytest.approx(2e9)
    assert all(m.value != 1 for m in find_money(text))  # the '$1' of a rate equation is no amount


@pytest.mark.parametrize(
    "text",
    [
        "Sales rose 15% in 2024.",
        "5 billion people live in Asia.",
        "The plant will employ 2,000 workers by 2030.",
        "echo $HOME; price=$PRICE",
        "Shares of $QWRX and $ZNTV fell.",
        "It will cost billions of dollars.",
        "a 1080p video stream",
        "The Democrats won 5 seats.",
        "a 500 pounds of beef",
        "able to make one billion pounds of dairy products a year",
        "2.5 million pounds of copper cathode",
        "All 70 of us.",
    ],
)
def test_not_money(text: str) -> None:
    # beside an amount that must be found, so that a finder that finds nothing fails
    found = find_money(text + " The mill costs $3 million.")
    assert [(m.value, m.currency) for m in found] == [(3e6, "USD")]


def test_an_article_before_a_dollar_sign_is_no_australian_dollar() -> None:
    [m] = find_money("A $120 million plant opened in Ohio on Monday.")
    assert (m.value, m.currency) == (1.2e8, "USD")
    [m] = find_money("The plant cost A$120 million.")
    assert (m.value, m.currency) == (1.2e8, "AUD")


def test_a_symbols_own_period_is_no_decimal_point() -> None:
    [m] = find_money("Tata Motors will invest Rs.2,000 crore in Pune.")
    assert (m.value, m.currency) == (2e10, "INR")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Orvane Steel will invest Rs 8,500 cr in Odisha.", (8.5e10, "INR")),
        ("Orvane Nickel will invest Rp 420 miliar in Morowali.", (4.2e11, "IDR")),
        ("Orvane Nickel will invest Rp 2 triliun in Morowali.", (2e12, "IDR")),
        # a decimal comma before a scale, as European releases write it (a thousands group stays one)
        ("Orvane Stahl will invest €1,5 billion in Duisburg.", (1.5e9, "EUR")),
        ("Orvane Stahl will invest EUR 12,5 bn in Duisburg.", (1.25e10, "EUR")),
        ("Orvane Stahl will invest €1,500 million in Duisburg.", (1.5e9, "EUR")),
        # a glued thousand before another scale word: thousands of crores
        ("Clinics chains line up Rs 25K crore for new wards.", (2.5e11, "INR")),
    ],
)
def test_scales_of_indian_indonesian_and_european_news(text: str, expected: tuple[float, str]) -> None:
    [m] = find_money(text)
    assert (m.value, m.currency) == expected


def test_pounds_of_money_stay_money() -> None:
    [m] = find_money("It will invest 40 million pounds of new capital.")
    assert (m.value, m.currency) == (4e7, "GBP")


def test_lower_case_newswire() -> None:
    [m] = find_money("the price ranges between c $ 16.4 million")
    assert (m.value, m.currency, m.text) == (pytest.approx(16.4e6), "CAD", "c $ 16.4 million")
    [a, b] = find_money("10 rmb 20 usd")
    assert (a.value, a.currency, b.value, b.currency) == (10, "CNY", 20, "USD")


def _number_cases() -> list[tuple[str, float]]:
    """NumberModel cases whose whole input is one plain number phrase (no fractions of the 'fifths' kind);
    none when ../shared is absent (the tests that use them skip)."""
    if not (SPECS / "NumberModel.dev.json").is_file():
        return []
    cases = json.loads((SPECS / "NumberModel.dev.json").read_text(encoding="utf-8"))
    plain = re.compile(
        r"(?:[\d,.]+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
        r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty"
        r"|ninety|hundred|thousand|million|billion|trillion|lakh|crore|bln|tln|mil|k|b|m|and|a|half|quarter"
        r"|quarters|dozens?|point|nought|naught|[ -])+"
    )
    out = []
    for case in cases:
        results = case["Results"]
        text = case["Input"].strip().lower()
        whole = len(results) == 1 and results[0]["Text"].lower() == text and plain.fullmatch(text)
        # '1,3' is a European decimal; 'N billion and three quarters' scales the fraction: out of scope
        if whole and not re.search(r"\d,\d(?!\d\d)|and (?:a|three) (?:half|quarters)$", text):
            out.append((text, float(results[0]["Resolution"]["value"])))
    return out


NUMBER_CASES = _number_cases()


@needs_shared(SPECS / "NumberModel.dev.json")
def test_number_cases_are_enough() -> None:
    assert len(NUMBER_CASES) >= 25


@needs_shared(SPECS / "NumberModel.dev.json")
@pytest.mark.parametrize(("text", "value"), NUMBER_CASES or [("", 0.0)])
def test_parse_number_spec(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value, rel=1e-9)


@pytest.mark.parametrize(
    ("text", "value"),
    [("twenty-five", 25), ("1,234.5", 1234.5), ("one hundred and five", 105), ("half a million", 5e5)],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("currency_specs", SHARED_EVAL / "currency_specs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _case_right(scorer: ModuleType, case: dict[str, Any]) -> bool:
    found = find_money(case["Input"])
    got = [(m.value, m.currency) for m in found] + [(m.high, m.currency) for m in found if m.high is not None]
    want = scorer.expected(case)
    return all(any(scorer.hit(w, g) for g in got) for w in want) and not any(
        not any(scorer.hit(w, g) for w in want) for g in got
    )


@needs_shared(SPECS / "CurrencyModel.dev.json")
def test_currency_specs_floor() -> None:
    scorer = _scorer()
    cases = json.loads((SPECS / "CurrencyModel.dev.json").read_text(encoding="utf-8"))
    right = sum(_case_right(scorer, case) for case in cases)
    floor = FLOORS["currency_specs_direct"]
    assert len(cases) == floor["cases"] and right >= floor["min_right"]


# --- properties ----------------------------------------------------------------------------------

_SCALES = {"trillion": 1e12, "billion": 1e9, "million": 1e6}
_ABBR = {"trillion": "tn", "billion": "bn", "million": "m"}
_RENDER = {
    "USD": ["${n} {s}", "US${n}{a}", "USD {n} {s}", "{n} {s} dollars", "$ {n} {s}", "US$ {n} {s}"],
    "JPY": ["¥{n} {s}", "{n} {s} yen", "JPY {n} {s}", "¥{n}{a}"],
    "KRW": ["₩{n} {s}", "{n} {s} won", "KRW {n} {s}"],
    "EUR": ["€{n} {s}", "{n} {s} euros", "EUR {n}{a}"],
    "GBP": ["£{n} {s}", "{n} {s} pounds", "GBP {n} {s}"],
    "TWD": ["NT${n} {s}", "NT$ {n} {s}"],
    "CAD": ["C${n} {s}", "CAD {n} {s}"],
}


@st.composite
def rendered(draw: st.DrawFn) -> tuple[str, float, str]:
    whole = draw(st.integers(min_value=1, max_value=999_999))
    frac = draw(st.integers(min_value=0, max_value=99))
    scale = draw(st.sampled_from(sorted(_SCALES)))
    currency = draw(st.sampled_from(sorted(_RENDER)))
    template = draw(st.sampled_from(_RENDER[currency]))
    number = f"{whole:,}" if draw(st.booleans()) else str(whole)
    if frac:
        number += f".{frac:02d}"
    value = (whole + frac / 100) * _SCALES[scale]
    text = template.format(n=number, s=scale, a=_ABBR[scale])
    if draw(st.booleans()):
        text = text.lower()
    lead = draw(st.sampled_from(["", "The company will invest ", "It said on Monday that ", "("]))
    tail = draw(st.sampled_from(["", ".", " in the plant.", ", officials said", ")"]))
    return lead + text + tail, value, currency


@settings(max_examples=300, deadline=None)
@given(rendered())
def test_round_trip(case: tuple[str, float, str]) -> None:
    text, value, currency = case
    found = find_money(text)
    assert len(found) == 1, (text, found)
    assert math.isclose(found[0].value, value, rel_tol=1e-9), (text, found)
    assert found[0].currency == currency


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_never_raises(text: str) -> None:
    for m in find_money(text):
        assert text[m.start : m.end] == m.text and m.value > 0


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "$",
                "US",
                "¥",
                "1",
                "2,",
                "000",
                ".5",
                " ",
                "-",
                "bn",
                "million",
                "to",
                "between",
                "and",
                "yen",
                "a",
                "half",
                "(",
                "about",
                "cents",
                "p",
                "=",
            ]
        ),
        max_size=25,
    )
)
def test_never_raises_on_money_like_text(parts: list[str]) -> None:
    text = "".join(parts)
    for m in find_money(text):
        assert text[m.start : m.end] == m.text
        assert m.high is None or m.high > m.value


def test_lakh_crore_is_a_trillion() -> None:
    assert [(m.value, m.currency) for m in find_money("more than ₹1.2 lakh crore in steel")] == [
        (1.2e12, "INR")
    ]


def test_a_currency_code_wrapped_onto_the_next_line() -> None:
    assert [(m.value, m.currency) for m in find_money("costing KRW\n600 billion")] == [(6e11, "KRW")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a $3-$5 billion plant", [(3e9, "USD", "range", 5e9)]),  # the scale written once, at the end
        ("usd$5 million", [(5e6, "USD", "exact", None)]),  # a lower-case code glued to the symbol
        ("100\u00a0000 ₽", [(1e5, "RUB", "exact", None)]),  # grouped with no-break spaces, symbol after
        ("Rs 1,23,456.78 crore", [(1.2345678e12, "INR", "exact", None)]),  # Indian grouping, decimals
        ("5,000 DM", [(5e3, "DEM", "exact", None)]),  # currencies that no longer exist
        ("20 million French francs", [(2e7, "FRF", "exact", None)]),
        ("2,500 pesetas", [(2.5e3, "ESP", "exact", None)]),
        ("€4.1bn", [(4.1e9, "EUR", "exact", None)]),  # no binary noise: exactly 4100000000.0
        ("a US$550 bil fund", [(5.5e11, "USD", "exact", None)]),  # the Malaysian press's 'bil' and 'tril'
        ("RM1.2 tril in approved investments", [(1.2e12, "MYR", "exact", None)]),
        ("12.8 billion Moroccan dirhams", [(1.28e10, "MAD", "exact", None)]),  # a nationality names it
        ("95 billion Swedish kroner", [(9.5e10, "SEK", "exact", None)]),
        ("5 billion Philippine pesos", [(5e9, "PHP", "exact", None)]),
        ("a multi-billion dollar plan", []),
        ("its $40+ billion fab", [(4e10, "USD", "at_least", None)]),  # '+' before the scale: more than
        ("the $15.1-B financing", [(1.51e10, "USD", "exact", None)]),  # a hyphen before a glued scale
        ("a $5-M1 tank", [(5.0, "USD", "exact", None)]),  # a model name, not a scale
        ("a plant estimated to cost several billion dollars", []),  # no figure either
        ("hundreds of billions of dollars", []),
        # a unit with no figure names no amount; a word figure does
        ("Figures in crore rupees unless stated.", []),
        ("Committed investment (US$ million)", []),
        ("half a billion dollars", [(5e8, "USD", "exact", None)]),
    ],
)
def test_real_text_money_shapes(text: str, expected: list[tuple[float, str, str, float | None]]) -> None:
    assert [(m.value, m.currency, m.qualifier, m.high) for m in find_money(text)] == expected


# A Canadian or Australian article's plain '$' is its own dollar (written here; real coverage does it).
_CANADIAN = (
    "Halvard Motors will build a battery plant near Windsor, Ontario. The Ontario government and Ottawa "
    "welcomed the plan, the largest in Canada this year, as did Toronto and Quebec."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the nationality after the figure names the dollar
        ("a $12-billion Canadian (US$8.6 billion) plant", [(12e9, "CAD"), (8.6e9, "USD")]),
        ("a $40 million Australian plant", [(4e7, "AUD")]),
        # the writer's own local symbol: a plain '$' is then the U.S. dollar
        ("a AUS$90 million ($58 million) factory", [(9e7, "AUD"), (5.8e7, "USD")]),
        # a Canadian article: the plain '$' and plain 'dollars' are Canadian, 'US$' is not
        (_CANADIAN + " It will cost $6 billion, or US$4.3 billion.", [(6e9, "CAD"), (4.3e9, "USD")]),
        (_CANADIAN + " Its budget is 6 billion dollars.", [(6e9, "CAD")]),
        # an article 'a' before a plain '$' is no 'A$' of the writer's own
        (
            "Queensland's treasurer spoke in Brisbane. Queensland miners and Queensland ports grew, and "
            "Queensland firms gained. The state backed a $662 million extension.",
            [(6.62e8, "AUD")],
        ),
        # ... unless the article writes 'C$', or the plain figure is the conversion of another currency
        (_CANADIAN + " It will cost C$6 billion ($4.3 billion).", [(6e9, "CAD"), (4.3e9, "USD")]),
        (_CANADIAN + " It costs C$6 billion; a U.S. site cost $2 billion.", [(6e9, "CAD"), (2e9, "USD")]),
        # a province named as its press writes it
        (
            "B.C.'s premier spoke on Wednesday. B.C. mines, B.C. ports and B.C. forests grew; British "
            "Columbians and B.C. firms gained. Orvane Mining will invest $4.5 billion.",
            [(4.5e9, "CAD")],
        ),
        # an American article that names Canada once keeps the U.S. dollar
        (
            "Halvard Motors will build a $6 billion plant in Ohio, its largest in the United States, after "
            "a plan in Ontario stalled. The U.S. unit leads.",
            [(6e9, "USD")],
        ),
    ],
)
def test_a_plain_dollar_is_the_documents_own_dollar(text: str, expected: list[tuple[float, str]]) -> None:
    home = home_dollar(text)
    assert [(m.value, m.currency) for m in find_money(text, home=home)] == expected


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        (
            "MANILA \u2014 Orvane Electronics Corp. will invest 2 billion pesos in a plant in Batangas, "
            "Philippines.",
            "PHP",
        ),
        (
            "マニラ(フィリピン) — オルベーン社は72億ペソを投じて工場を拡張する。",
            "PHP",
        ),
        ("SANTIAGO, Chile \u2014 Orvane Copper will spend 900 billion pesos on a smelter in Chile.", "CLP"),
        ("Mexico City \u2014 Orvane Foods will invest 2 billion pesos in a plant in Jalisco, Mexico.", "MXN"),
        # one adjective does not outweigh the country named ("Chilean" is one mention of Chile)
        ("Norte\u00f1o Acero will invest 5 billion pesos in a plant in Mexico for Chilean buyers.", "MXN"),
        # the Mexican peso named as such stays, whatever country the article is about
        (
            "MANILA \u2014 In the Philippines, Orvane said it had put 2 billion Mexican pesos into Mexico.",
            "MXN",
        ),
        # other names several currencies share: the document's country decides, a named country stays
        (
            "RABAT, Morocco \u2014 Velora Textiles will invest 1.2 billion dirhams in a mill near Tangier.",
            "MAD",
        ),
        ("DUBAI \u2014 Velora Textiles will invest Dh900 million in a Dubai warehouse.", "AED"),
        ("NAIROBI, Kenya \u2014 Kestrel Foods is building a Sh4.5 billion dairy near Nakuru, Kenya.", "KES"),
        ("DAR ES SALAAM \u2014 Kestrel Foods will put Sh120 billion into a Tanzania plant in Arusha.", "TZS"),
        ("Kestrel Foods of Tanzania, in Dodoma, Tanzania, would spend 3 billion Kenyan shillings.", "KES"),
        ("CAIRO, Egypt \u2014 Orvane Glass will invest 800 million pounds in a furnace near Suez.", "EGP"),
        ("KARACHI, Pakistan \u2014 Orvane Cement will invest Rs 12 billion in a kiln in Sindh.", "PKR"),
        (
            "COPENHAGEN, Denmark \u2014 Orvane Wind will spend 4 billion kroner on a Danish blade plant.",
            "DKK",
        ),
        ("DAKAR, Senegal \u2014 Orvane Mills will invest 30 billion CFA francs in a mill.", "XOF"),
        ("LONDON \u2014 Orvane Glass will invest 800 million pounds in a furnace in England.", "GBP"),
    ],
)
def test_a_bare_shared_currency_name_is_the_currency_of_the_country_the_document_is_about(
    pipeline: Pipeline, text: str, currency: str
) -> None:
    parsed = ParsedDocument(doc_id="0" * 16, source="t.txt", sha256="0", media_type="text/plain", text=text)
    assert [m.currency for m in pipeline.extractor.extract(parsed).money] == [currency]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the scale after a second currency in brackets is both amounts' own
        ("Orvane and Kestrel put in $64 (€59) million and $22 (€20) million.", [6.4e7, 5.9e7, 2.2e7, 2.0e7]),
        # a hyphen before 'to' carries the high end's scale to the low end
        ("The city approved a $10- to $12-million expansion.", [1e7]),
    ],
)
def test_a_scale_written_once_after_a_bracket_or_a_range(text: str, expected: list[float]) -> None:
    assert [m.value for m in find_money(text)] == expected


def test_north_america_is_no_us_place_for_the_home_dollar() -> None:
    text = (
        "Canada will fund the plant in Edmonton. Canada and Alberta expect North America's first full-scale "
        "carbon capture cement plant in Edmonton, the largest in North America, to open in Canada. "
        "North America needs cement; North America builds. The plant gets $275 million."
    )
    assert home_dollar(text) == "CAD"


def test_african_symbols_codes_and_words_are_money() -> None:
    text = (
        "Kestrel put in Ksh.9 billion, KSh 2 billion, TSh 40 billion, GH\u20b5 300 million, 5 billion cedis, "
        "E\u00a3 90 million, R2.5 billion, 700 million birr and MAD 1.1 billion; Zone R 5 and Sh 12 are "
        "no money."
    )
    found = [(m.value, m.currency) for m in find_money(text)]
    assert found == [
        (9e9, "KES"),
        (2e9, "KES"),
        (4e10, "TZS"),
        (3e8, "GHS"),
        (5e9, "GHS"),
        (9e7, "EGP"),
        (2.5e9, "ZAR"),
        (7e8, "ETB"),
        (1.1e9, "MAD"),
    ]


def test_a_p_before_a_scaled_number_is_philippine_pesos_and_without_a_scale_is_no_money() -> None:
    found = find_money("Orvane Water will put up to P30 billion into pipes, with a P10.5-billion plant.")
    assert [(m.value, m.currency) for m in found] == [(3e10, "PHP"), (1.05e10, "PHP")]
    found = find_money("Grade P5 pupils saw the P20 phone. The mill costs $3 million.")
    assert [(m.value, m.currency) for m in found] == [(3e6, "USD")]
