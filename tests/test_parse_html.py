"""parse_html: article text without furniture, headline and date; only ParseError on bad input."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.acquire.raw import raw_from_bytes
from pipeline.config import ParseSettings
from pipeline.errors import ParseError
from pipeline.parse.html import parse_html
from schemas import ParsedDocument
from tests.shared_paths import DEV_DOCS, WILD, skip_without_shared

NEWS = WILD / "html-news"
BENCH = WILD / "html-benchmark"
# html-news checks satisfied (must-contain found, must-not-contain absent) and html-benchmark's mean shingle
# precision and recall: floors pinned in tests/quality_floors.json.
FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text())

BODY = "<p>The company will invest $2 billion in a new battery plant in Ohio, officials said on Monday.</p>"


def _parse(content: bytes, source: str = "page.html") -> ParsedDocument:
    raw = raw_from_bytes(source, content, max_bytes=200_000_000)
    return parse_html(raw.model_copy(update={"media_type": "text/html"}), ParseSettings())


def _page(body: str, head: str = "") -> bytes:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>".encode()


# --- the dev pages -------------------------------------------------------------------------------

# Words that only page furniture uses; none may reach the text.
FURNITURE = re.compile(
    r"related articles|leave a reply|cookie|advertisement|sponsor|all rights reserved|most (read|viewed)"
    r"|comments? \(|log in|sign in|privacy",
    re.IGNORECASE,
)
DEV_PAGES = {
    "news-pacificledger-factsheet-energy.html": (
        "Tokyo names nuclear builders first in line for $550 billion U.S. fund",
        ["Westinghouse and a GE Vernova", "An AP1000 containment vessel", "Not yet a shopping list"],
        ["SolarPeak", "Kabuto", "Nippon Steel", "gridwatcher", "Energy & Trade", "Rina Ashcroft"],
    ),
    "news-gridwire-ai-power-suppliers.html": (
        "Japan's parts makers pitch as much as US$135bn for US power and AI supply chain",
        ["Six suppliers of the equipment", "Nikkei Asia"],
        ["CoolRack", "Nimbus", "Hoshino", "Vertiv", "Staff reporter"],
    ),
    "news-hanriver-korea-package.html": (
        "Hanwha, Hyundai put numbers on Korea's $350 billion U.S. pledge",
        ["Shipbuilding and cars lead", "Seoul and Washington have settled", "on its currency."],
        ["Lotte", "Kumho", "Shinsegae", "Korean Air", "seoulite88", "INDUSTRY", "Staff Reporter"],
    ),
    "news-valleytribune-tsmc-arizona.html": (
        "TSMC's Arizona build-out: what $165 billion buys in the desert",
        ["Six months after Taiwan Semiconductor", "water and workers"],
        ["Desert Air", "Ocotillo", "AZdesertrat", "Phoenix 104"],
    ),
    "news-techcurrent-stargate.html": (
        "Stargate adds five U.S. sites as partners chase up to $500 billion build-out",
        ["OpenAI, Oracle and SoftBank Group on Tuesday", "beside the spending plans"],
        ["ServerBarn", "LambdaPeak", "Brightline", "CoreWeave", "bytewise", "Lena Park"],
    ),
    "news-tnvalleybiz-corvalis-hoshikawa.html": (
        "Corvalis and Japan’s Hoshikawa plan transformer plant in Bradley County",
        ["Knoxville-based Corvalis", "after the announcement."],
        ["Volunteer Ford", "Scenic City", "Wacker", "Kairos", "Linda P.", "Tom Reece", "Tagged"],
    ),
    "blog-supplychainnotes-apple-pledge.html": (
        "Apple's $600 billion promise, line by line",
        ["The headline grew again.", "Apple raised its four-year", "Disclosure:"],
        ["TechNest", "Freightly", "Foxconn", "kent_r", "Maya Brandt", "6 min read"],
    ),
}


@pytest.mark.parametrize("name", sorted(DEV_PAGES))
def test_dev_page_body_title_and_date(name: str) -> None:
    path = DEV_DOCS / name
    skip_without_shared(path)
    title, present, absent = DEV_PAGES[name]
    doc = _parse(path.read_bytes(), str(path))
    assert doc.title == title
    # the contract's text opens with the title, a blank line, then the body; the title is not repeated
    assert doc.text.startswith(title + "\n\n")
    assert title not in doc.text[len(title) :]
    assert doc.published is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.published)
    for snippet in present:
        assert snippet in doc.text
    for snippet in absent:
        assert snippet not in doc.text
    assert not FURNITURE.search(doc.text), FURNITURE.search(doc.text)


# --- generic markup ------------------------------------------------------------------------------


def test_cue_words_and_labels_remove_furniture() -> None:
    body = (
        '<nav class="menu"><a href="/">Home</a> <a href="/world">World news section</a></nav>'
        '<div id="cookie-notice">We use cookies to give you the best experience on our site.</div>'
        "<article><h1>Plant opens</h1>"
        '<p class="byline">By A. Writer, March 3, 2024</p>'
        f"{BODY}"
        "<div><span>Advertisement</span><p>Buy the PowerBox 3000 today for only $999.</p></div>"
        "<p>Construction is expected to finish in 2027 and bring about 1,200 jobs to the region.</p>"
        '<aside class="related-links"><h3>More</h3><a href="/x">Rival buys a $9 billion stake</a></aside>'
        "</article>"
        '<section class="comments"><p>Great news for Ohio, finally some real jobs here!</p></section>'
        "<footer><p>Copyright 2024 The Daily Example. All rights reserved.</p></footer>"
    )
    doc = _parse(_page(body))
    assert doc.title == "Plant opens"
    assert doc.published == "2024-03-03"
    assert doc.text.startswith("Plant opens\n\n")
    assert doc.body.splitlines() == [
        "The company will invest $2 billion in a new battery plant in Ohio, officials said on Monday.",
        "Construction is expected to finish in 2027 and bring about 1,200 jobs to the region.",
    ]


def test_data_table_rows_are_lines_with_located_cells() -> None:
    rows = "".join(
        f"<tr><td>{name}</td><td>{amount}</td></tr>"
        for name, amount in [("Acme Corp", "$1.2 billion"), ("Beta Ltd", "$300 million")]
    )
    body = (
        f"<article><h1>Pledges</h1>{BODY}"
        f"<table><tr><th>Company</th><th>Amount</th></tr>{rows}</table>"
        "<p>Both companies said the money would be spent over five years starting next spring.</p></article>"
    )
    doc = _parse(_page(body))
    assert "Acme Corp | $1.2 billion" in doc.text.splitlines()
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.header == ("Company", "Amount")
    assert [row.cells for row in table.rows] == [("Acme Corp", "$1.2 billion"), ("Beta Ltd", "$300 million")]
    for row in table.rows:
        assert doc.text[row.start : row.end] == " | ".join(row.cells)


def test_meta_and_json_ld_dates() -> None:
    meta = '<meta property="article:published_time" content="2023-05-06T10:00:00Z">'
    assert _parse(_page(f"<article>{BODY * 3}</article>", meta)).published == "2023-05-06"
    ld = '<script type="application/ld+json">{"datePublished": "2022-01-02"}</script>'
    assert _parse(_page(f"<article>{BODY * 3}</article>", ld)).published == "2022-01-02"


# --- robustness ----------------------------------------------------------------------------------


def test_binary_junk_is_corrupt() -> None:
    junk = bytes(range(256)) * 400
    with pytest.raises(ParseError) as info:
        _parse(b"<html><body>" + junk + b"</body></html>")
    assert info.value.kind == "corrupt"


def test_page_without_text_is_no_text() -> None:
    with pytest.raises(ParseError) as info:
        _parse(_page('<nav><a href="/">Home</a></nav><div class="ad">Buy now</div>'))
    assert info.value.kind == "no_text"


def test_ten_megabytes_of_nested_tags_end_as_text_or_parse_error() -> None:
    deep = b"<div>" * 2_000_000 + BODY.encode()
    with pytest.raises(ParseError) as info:
        _parse(b"<html><body>" + deep + b"</body></html>")
    assert info.value.kind == "corrupt"
    doc = _parse(b"<html><body>" + BODY.encode() + b"<b>" * 2_000_000 + b"</body></html>")
    assert "battery plant" in doc.text


def test_invalid_utf8_keeps_the_rest_of_the_page() -> None:
    body = "<p>Café owners said the €5 billion plant — the region’s largest — opens in 2026.</p>"
    doc = _parse(_page(body + BODY).replace(b"2026", b"2026 \xff\xfe"))
    assert "Café owners said the €5 billion plant — the region’s largest" in doc.text


@pytest.mark.parametrize("declared", [True, False])
def test_shift_jis_page(declared: bool) -> None:
    head = '<meta charset="shift_jis">' if declared else ""
    sentence = "トヨタ自動車は米国の新工場に100億ドルを投資すると発表した。"
    page = f"<html><head>{head}</head><body><article><p>{sentence * 4}</p></article></body></html>"
    doc = _parse(page.encode("shift_jis"))
    assert sentence in doc.text


def test_cp1252_page_without_declared_charset() -> None:
    body = "<p>“We’re investing €2 billion,” the café’s owner said of the plant that opens in 2027.</p>"
    doc = _parse(_page(body + BODY).decode().encode("cp1252"))
    assert "“We’re investing €2 billion,” the café’s owner said" in doc.text


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=3000) | st.text(alphabet="<>/=\"' abcdpiv\n&;#x0", max_size=3000).map(str.encode))
def test_any_bytes_give_text_or_parse_error(content: bytes) -> None:
    try:
        doc = _parse(b"<html><body>" + content)
    except ParseError as exc:
        assert exc.kind in {"corrupt", "no_text"}
    else:
        assert doc.text.strip()


def test_trafilatura_is_imported_lazily() -> None:
    code = "import sys, pipeline.parse.html; assert 'trafilatura' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# --- third-party sets ----------------------------------------------------------------------------


def test_html_news_snippet_share_holds_its_floor() -> None:
    skip_without_shared(NEWS)
    expectations = json.loads((NEWS / "expectations.json").read_text(encoding="utf-8"))

    def norm(text: str) -> str:
        return re.sub(r"\s+", " ", text).strip()

    satisfied = total = 0
    for name, item in expectations.items():
        try:
            text = norm(_parse(gzip.decompress((NEWS / "html" / name).read_bytes()), name).text)
        except ParseError:
            text = ""
        satisfied += sum(norm(s) in text for s in item["with"])
        satisfied += sum(norm(s) not in text for s in item["without"])
        total += len(item["with"]) + len(item["without"])
    floor = FLOORS["html_news"]
    assert total == floor["checks"] and satisfied >= floor["min_satisfied"]


@pytest.mark.slow
def test_html_benchmark_precision_and_recall_hold_their_floor(tmp_path: Path) -> None:
    skip_without_shared(BENCH)
    result = subprocess.run(
        [sys.executable, "bench/html_benchmark.py", "--pred-dir", str(tmp_path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    scores = json.loads(result.stdout.strip().splitlines()[-1])
    floor = FLOORS["html_benchmark"]
    assert scores["pages"] == floor["pages"]
    assert scores["precision"] >= floor["min_precision"] and scores["recall"] >= floor["min_recall"]


def test_blocks_headed_comments_or_more_from_are_dropped_whatever_their_class() -> None:
    body = (
        "<article><h1>Plant plan</h1>"
        + "<p>Orvane Steel Corp. will invest $2 billion in a new mill in Ohio, the company said.</p>" * 3
        + "</article>"
        "<div class='rel'><div class='relh'>MORE FROM THE POST</div><p>Acme sells unit for $9bn</p></div>"
        "<div class='cmts'><div class='cmth'>12 Comments</div><p>$3.2 billion is cheap for that.</p></div>"
    )
    text = _parse(_page(body)).text
    assert "Orvane Steel" in text
    assert "Acme" not in text and "cheap" not in text


def test_an_advert_label_over_a_long_article_drops_only_the_label() -> None:
    from pipeline.acquire.raw import raw_from_bytes
    from pipeline.parse import parse

    article = " ".join(["Tarrow Data will invest $2 billion in a new campus in Ohio, the company said."] * 10)
    text = "ADVERTISEMENT\n" + article + "\nThe campus opens in 2027."
    parsed = parse(raw_from_bytes("a.txt", text.encode(), max_bytes=10**6))
    assert parsed.text.startswith("Tarrow Data will invest")
    short = "ADVERTISEMENT\nBuy the PowerBox today for only $99.\n\nTarrow Data will invest $2 billion."
    parsed = parse(raw_from_bytes("b.txt", short.encode(), max_bytes=10**6))
    assert parsed.text.strip() == "Tarrow Data will invest $2 billion."


def test_a_date_label_glued_to_a_plain_texts_headline_is_its_publication_date() -> None:
    """' date 2025-07-29 Orvane To Invest ...': the label dates the text; the headline is the title and
    opens the text, where the headline rules read it."""
    from pipeline.acquire.raw import raw_from_bytes
    from pipeline.parse import parse

    text = " date 2025-07-29 Orvane To Invest $2 Billion In Ohio Plants\nThe plants open in 2027."
    parsed = parse(raw_from_bytes("a.txt", text.encode(), max_bytes=10**6))
    assert parsed.title == "Orvane To Invest $2 Billion In Ohio Plants"
    assert parsed.published == "2025-07-29"
    assert parsed.text.startswith("Orvane To Invest")


def test_a_page_that_opens_with_an_xml_declaration_is_read() -> None:
    """XHTML pages and feeds open with '<?xml ... encoding="utf-8"?>', which lxml refuses in decoded text."""
    from pipeline.acquire.raw import raw_from_bytes
    from pipeline.parse import parse

    page = (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
        "<title>Orvane expands</title></head><body><article><h1>Orvane expands</h1><p>Orvane Materials Inc. "
        "will invest more than $82 million in a magnet recycling plant in Virginia, creating 90 jobs over "
        "three years.</p></article></body></html>"
    )
    parsed = parse(raw_from_bytes("page.html", page.encode(), max_bytes=10**6))
    assert "Orvane Materials Inc. will invest more than $82 million" in parsed.text


def test_a_saved_pages_link_labels_are_dropped() -> None:
    from pipeline.acquire.raw import raw_from_bytes
    from pipeline.parse import parse

    text = "Orvane Steel (ORV.L), opens new tab said on Monday it would invest $1 billion."
    parsed = parse(raw_from_bytes("a.txt", text.encode(), max_bytes=10**6))
    assert parsed.text == "Orvane Steel (ORV.L) said on Monday it would invest $1 billion."


def test_a_plain_texts_related_links_are_dropped() -> None:
    from pipeline.acquire.raw import raw_from_bytes
    from pipeline.parse import parse

    text = (
        "Tarrow Data will invest $2 billion in a new campus in Ohio.\n"
        "Related News\n"
        "- Orvane Energy and Ghana announce the restart of a $20-B gas project\n"
        "- Five power trends to track in 2026\n"
        "See also: Petrel Mining buys a $3 billion copper mine\n"
        "Related\n"
        "The campus opens in 2027."
    )
    parsed = parse(raw_from_bytes("a.txt", text.encode(), max_bytes=10**6))
    kept = "Tarrow Data will invest $2 billion in a new campus in Ohio.\nThe campus opens in 2027."
    assert parsed.text == kept


def test_related_links_with_their_bullets_and_dates_on_lines_of_their_own_are_dropped() -> None:
    from pipeline.acquire.raw import raw_from_bytes
    from pipeline.parse import parse

    text = (
        "Tarrow Data will invest $2 billion in a new campus in Ohio.\n"
        "Related\n"
        "-\n"
        "Orvane Energy and Kestrel Gas to build a $4 billion terminal\n"
        "5 August 2025\n"
        "-\n"
        "Petrel Mining wins a contract for a copper project\n"
        "Aug. 4, 2025\n"
    )
    parsed = parse(raw_from_bytes("a.txt", text.encode(), max_bytes=10**6))
    assert parsed.text.strip() == "Tarrow Data will invest $2 billion in a new campus in Ohio."


# --- one pass over the page (issue 16): what the faster walk must still find ---------------------

MILL = [
    "Orvane Steel Corp. will invest $2 billion in a new rolling mill near Toledo, the company said Tuesday.",
    "The mill is expected to open in 2028 and employ about 900 people, according to the state's governor.",
    "Construction of the plant will start next spring once the last permits from the county are granted.",
    "The company picked the site for its rail links and for the river port that serves the region's mills.",
    "Analysts said the project would make Orvane the largest maker of flat steel in the Great Lakes region.",
]


def test_furniture_nested_in_kept_blocks_and_after_dropped_ones_is_dropped() -> None:
    body = (
        '<div class="promo"><div class="newsletter"><p>Sign up for the Mill letter now.</p></div></div>'
        f"<article><h1>Mill plan</h1><div><p>{MILL[0]}</p>"
        '<div><div class="adslot"><p>Buy the PowerBox 3000 today for only $999.</p></div></div>'
        f'<p>{MILL[1][:-1]} <span class="sponsor-tag">Sponsored by Kestrel</span> in a statement.</p>'
        f"<div><div><p>ADVERTISEMENT</p><p>Trade in your old truck at Lakeview Motors.</p></div></div>"
        f"<p>{MILL[2]}</p></div></article>"
    )
    text = _parse(_page(body)).text
    assert text.splitlines() == ["Mill plan", "", MILL[0], MILL[1][:-1] + " in a statement.", MILL[2]]


def test_same_class_different_aria_label_style_or_hidden_are_judged_apart() -> None:
    kept = f'<div class="box"><p>{MILL[0]}</p></div><div class="box"><p>{MILL[1]}</p></div>'
    dropped = (
        '<div class="box" aria-label="Advertisement"><p>Buy the PowerBox 3000 today for only $999.</p></div>'
        '<div class="box" style="display: none"><p>Lakeview Motors pays $500 more for your truck.</p></div>'
        '<div class="box" hidden><p>Kestrel Air flies to Toledo for $49 this week.</p></div>'
    )
    text = _parse(_page(f"<article><h1>Mill plan</h1>{kept}{dropped}<p>{MILL[2]}</p></article>")).text
    assert text.splitlines() == ["Mill plan", "", MILL[0], MILL[1], MILL[2]]


def test_text_runs_between_double_line_breaks_are_paragraphs() -> None:
    page = _page(f"<article><h1>Mill plan</h1><div>{MILL[0]}<br><br>{MILL[1]}<br>{MILL[2]}</div></article>")
    lines = _parse(page).text.splitlines()
    assert lines[:4] == ["Mill plan", "", MILL[0], MILL[1]]
    assert "".join(lines[3:]).replace(" ", "") == (MILL[1] + MILL[2]).replace(" ", "")


@pytest.mark.parametrize(
    "doctype",
    [
        "<!doctype html>",
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
    ],
)
def test_an_article_in_furniture_markup_comes_from_the_unpruned_page(doctype: str) -> None:
    # "gpt" is an advert cue: pruning drops every paragraph, and trafilatura reads the page as it was loaded
    body = "".join(f'<div class="gpt-story">{line}</div>' for line in MILL)
    page = f'{doctype}<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Mill plan</title></head>'
    text = _parse(f"{page}<body><article>{body}</article></body></html>".encode()).text
    assert text.splitlines() == ["Mill plan", "", *MILL]


def test_a_page_of_more_than_400000_elements_is_refused_before_extraction() -> None:
    page = "<html><body><p>" + MILL[0] + "</p>" + "<i></i>" * 399_998 + "</body></html>"  # 400,001 elements
    with pytest.raises(ParseError, match="more than 400000 elements") as info:
        _parse(page.encode())
    assert info.value.kind == "corrupt"


def test_the_element_limit_counts_what_root_iter_yields() -> None:
    from lxml import etree, html

    from pipeline.parse.html import _node_count

    parser = html.HTMLParser(remove_comments=False, remove_pis=False)
    root = html.document_fromstring(
        f"<html><head><?pi x?></head><body><!-- a --><p>{MILL[0]}<!-- b --><b>x</b></p></body></html>",
        parser=parser,
    )
    assert any(isinstance(node, etree._Comment) for node in root.iter())
    assert _node_count(root) == sum(1 for _ in root.iter()) == 8


def test_a_date_only_trafilaturas_search_finds_is_the_published_date() -> None:
    canonical = '<link rel="canonical" href="https://news.test/2021/03/04/mill-plan">'
    body = f'<article><h1>Mill plan</h1><p>{MILL[0]}</p><div class="author">Rina Vale</div><p>{MILL[1]}</p>'
    doc = _parse(_page(body + "</article>", f"<title>Mill plan</title>{canonical}"))
    assert doc.published == "2021-03-04"
    assert doc.text.splitlines() == ["Mill plan", "", MILL[0], MILL[1]]


def test_a_text_file_with_a_pages_markup_pasted_inside_keeps_its_text(tmp_path: Path) -> None:
    """A text file that opens with prose and carries a page's tags further down: the page reader finds no
    article in it, and the document is read as text with the tags dropped, not failed as no_text."""
    from pipeline.acquire import acquire_one
    from pipeline.config import Settings
    from pipeline.parse.dispatch import parse

    path = tmp_path / "copy.txt"
    path.write_text(
        "Orvane to invest $300 mln in a research centre\n\n"
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Orvane</title></head><body>\n\n'
        "PUNE, May 2 (Wire) - Orvane Systems plans to invest $300 million in a research centre.\n",
        encoding="utf-8",
    )
    parsed = parse(acquire_one(str(path), Settings()))
    assert "Orvane Systems plans to invest $300 million" in parsed.text
    assert "<body>" not in parsed.text
