"""Properties: no parser lets anything but ParseError escape on arbitrary bytes; outputs round-trip."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_parse_pdf import _TEXT, _handmade_pdf

from pipeline.acquire.raw import raw_from_bytes
from pipeline.config import ParseSettings
from pipeline.errors import ParseError
from pipeline.parse.dispatch import parse
from pipeline.parse.text import normalize_text
from schemas import DocumentOut, ProjectRecord
from schemas.contract import SECTORS

PREFIXES = {"application/pdf": b"%PDF-1.4\n", "text/html": b"<html><body>", "text/plain": b""}
LIMITS = ParseSettings(timeout=20.0, max_pages=50)
MARKUP = st.text(alphabet="<>/=\"' abcdpiv\n&;#x0%PDFobjstream", max_size=2000).map(str.encode)


def _parses_or_parse_error(content: bytes) -> None:
    raw = raw_from_bytes("fuzz", content, max_bytes=10_000_000)
    try:
        parsed = parse(raw, LIMITS)
    except ParseError as exc:
        assert exc.kind and exc.message
    else:
        assert parsed.text.strip()


@settings(max_examples=60, deadline=None)
@given(media=st.sampled_from(sorted(PREFIXES)), body=st.binary(max_size=3000) | MARKUP)
def test_any_bytes_give_text_or_a_parse_error(media: str, body: bytes) -> None:
    content = PREFIXES[media] + body
    if media == "text/plain" and content[:2] == b"\x1f\x8b":
        content = b" " + content  # a gzip magic makes acquire inflate it: that is acquire's business
    _parses_or_parse_error(content)


@settings(max_examples=25, deadline=None)
@given(st.binary(min_size=1, max_size=200), st.integers(min_value=0, max_value=10_000))
def test_a_mangled_pdf_gives_text_or_a_parse_error(garble: bytes, at: int) -> None:
    pdf = _handmade_pdf([_TEXT, _TEXT])
    at %= len(pdf)
    _parses_or_parse_error(pdf[:at] + garble + pdf[at + len(garble) :])


# Control characters, line ends and text around them (non-ASCII too: pages are seldom pure ASCII).
CONTROLLED = st.text(alphabet=st.sampled_from([*map(chr, range(0x20)), "a", " ", "é", "\u2014", "\ufffd"]))


@settings(max_examples=200, deadline=None)
@given(CONTROLLED)
def test_normalize_text_keeps_tabs_and_line_feeds_and_drops_other_controls(text: str) -> None:
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    assert normalize_text(text) == "".join(ch for ch in unified if ch >= " " or ch in "\n\t")


@pytest.mark.parametrize("code", range(0x20))
def test_normalize_text_drops_each_control_alone(code: int) -> None:
    kept = {"\t": "\t", "\n": "\n", "\r": "\n"}
    assert normalize_text(f"caf\u00e9{chr(code)}bar") == f"caf\u00e9{kept.get(chr(code), '')}bar"


NAMES = st.text(alphabet=string.ascii_letters + " .&-'éü", min_size=1, max_size=30).filter(str.strip)
HEX16 = st.text(alphabet="0123456789abcdef", min_size=16, max_size=16)
POSITIVE = st.floats(min_value=1e-3, max_value=1e15, allow_nan=False, allow_infinity=False)
CURRENCY = st.text(alphabet=string.ascii_uppercase, min_size=3, max_size=3)


@st.composite
def records(draw: st.DrawFn) -> ProjectRecord:
    start = draw(st.integers(min_value=0, max_value=10_000))
    value = draw(POSITIVE)
    qualifier = draw(st.sampled_from(["exact", "up_to", "about", "at_least", "range"]))
    high = value * draw(st.floats(min_value=1, max_value=10)) if qualifier == "range" else None
    amount = dict(
        value=value, currency=draw(CURRENCY), qualifier=qualifier, high=high, usd=draw(st.none() | POSITIVE)
    )
    return ProjectRecord.model_validate(
        dict(
            record_id=draw(HEX16),
            doc_id=draw(HEX16),
            source=draw(st.text(max_size=50)),
            sponsor=draw(NAMES),
            partners=draw(st.lists(NAMES, max_size=3)),
            participants=draw(st.lists(NAMES, max_size=3)),
            sector=draw(st.sampled_from(SECTORS)),
            amount=draw(st.none() | st.just(amount)),
            description=draw(st.none() | st.text(max_size=80)),
            evidence=dict(
                text=draw(st.text(min_size=1, max_size=80)),
                start=start,
                end=start + draw(st.integers(min_value=1, max_value=500)),
                page=draw(st.none() | st.integers(min_value=1, max_value=2000)),
            ),
        )
    )


@st.composite
def documents(draw: st.DrawFn) -> DocumentOut:
    failed = draw(st.booleans())
    error = (
        dict(kind=draw(st.sampled_from(["corrupt", "encrypted", "http_404"])), message="what happened")
        if failed
        else None
    )
    return DocumentOut.model_validate(
        dict(
            doc_id=draw(HEX16),
            source=draw(st.text(max_size=60)),
            status="failed" if failed else "ok",
            error=error,
            title=draw(st.none() | st.text(max_size=60)),
            published=draw(st.none() | st.dates().map(str)),
            companies=draw(st.lists(NAMES, max_size=4)),
            amounts=draw(
                st.lists(st.fixed_dictionaries({"value": POSITIVE, "currency": CURRENCY}), max_size=4)
            ),
            pages=draw(st.none() | st.integers(min_value=1, max_value=2000)),
        )
    )


@settings(max_examples=60, deadline=None)
@given(records())
def test_a_record_round_trips_through_json(record: ProjectRecord) -> None:
    text = record.model_dump_json()
    again = ProjectRecord.model_validate_json(text)
    assert again == record and again.model_dump_json() == text


@settings(max_examples=60, deadline=None)
@given(documents())
def test_a_document_line_round_trips_through_json(document: DocumentOut) -> None:
    text = document.model_dump_json()
    again = DocumentOut.model_validate_json(text)
    assert again == document and again.model_dump_json() == text
