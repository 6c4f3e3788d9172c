"""Parse: a RawDocument becomes a ParsedDocument (the text the extractor sees), by media type."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.config import ParseSettings
from pipeline.errors import ParseError
from pipeline.parse.html import parse_html
from pipeline.parse.pdf import parse_pdf
from pipeline.parse.text import parse_text
from schemas import ParsedDocument, RawDocument

Parser = Callable[[RawDocument, ParseSettings], ParsedDocument]

PARSERS: dict[str, Parser] = {
    "application/pdf": parse_pdf,
    "text/html": parse_html,
    "text/plain": parse_text,
}


def parse(raw: RawDocument, settings: ParseSettings | None = None) -> ParsedDocument:
    """Turn one document's bytes into text with pages and tables; raises ParseError."""
    settings = settings or ParseSettings()
    if not raw.content.strip():
        raise ParseError("empty", "the document is empty", raw.source)
    parser = PARSERS.get(raw.media_type)
    if parser is None:
        raise ParseError("unsupported", f"no parser for media type {raw.media_type}", raw.source)
    parsed = parser(raw, settings)
    if not parsed.text.strip():
        raise ParseError("no_text", "no text could be found in the document", raw.source)
    return parsed
