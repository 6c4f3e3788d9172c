"""Parse: a RawDocument becomes a ParsedDocument (the text the extractor sees), by media type."""

from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.config import ParseSettings
from pipeline.errors import ParseError
from pipeline.parse.text import parse_text
from pipeline.rules import RuleSet, bundled_rules
from schemas import ParsedDocument, RawDocument

Parser = Callable[[RawDocument, ParseSettings, RuleSet], ParsedDocument]


def _parse_pdf(raw: RawDocument, settings: ParseSettings, rules: RuleSet) -> ParsedDocument:
    # imported here: a run without PDFs need not load the PDF layout code
    from pipeline.parse.pdf import parse_pdf

    return parse_pdf(raw, settings)  # a PDF's text has no boilerplate rules


def _parse_html(raw: RawDocument, settings: ParseSettings, rules: RuleSet) -> ParsedDocument:
    # imported here: a run without HTML need not load lxml and the page rules
    from pipeline.parse.html import parse_html

    return parse_html(raw, settings, rules)


PARSERS: dict[str, Parser] = {
    "application/pdf": _parse_pdf,
    "text/html": _parse_html,
    "text/plain": parse_text,
}


def parse(
    raw: RawDocument, settings: ParseSettings | None = None, rules: RuleSet | None = None
) -> ParsedDocument:
    """Turn one document's bytes into text with pages and tables (the boilerplate rules of `rules`, by
    default the bundled ones); raises ParseError."""
    settings = settings or ParseSettings()
    if not raw.content.strip():
        raise ParseError("empty", "the document is empty", raw.source)
    parser = PARSERS.get(raw.media_type)
    if parser is None:
        raise ParseError(
            "unsupported",
            f"{raw.media_type} is not a format pledgeline reads (PDF, HTML, plain text); "
            "convert the document to one of those, or leave it out",
            raw.source,
        )
    rules = rules or bundled_rules()
    try:
        parsed = parser(raw, settings, rules)
    except ParseError as exc:
        if exc.kind != "no_text" or raw.media_type != "text/html" or _opens_with_markup(raw.content):
            raise
        # a text file with a page's markup pasted into it ("Headline\n\n<html>...<body>By ..."): the page
        # reader finds no article, yet the text around the tags is one
        parsed = parse_text(_without_markup(raw), settings, rules)
    if not parsed.text.strip():
        raise ParseError("no_text", "no text could be found in the document", raw.source)
    return parsed


_TAG = re.compile(rb"<[!/?]?[A-Za-z][^<>]{0,2000}>")


def _opens_with_markup(content: bytes) -> bool:
    """Whether the bytes start, past a byte-order mark and blanks, with a tag, as a saved page does."""
    return content[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _without_markup(raw: RawDocument) -> RawDocument:
    """The document as plain text, its tags dropped."""
    return raw.model_copy(update={"content": _TAG.sub(b"", raw.content), "media_type": "text/plain"})
