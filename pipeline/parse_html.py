"""Parse HTML: the article's main text, title and publication date; boilerplate removed."""

from __future__ import annotations

from pipeline.config import ParseSettings
from pipeline.errors import ParseError
from pipeline.parse_text import normalize_text
from pipeline.textdecode import decode_bytes
from schemas import ParsedDocument, RawDocument
from schemas.stages import make_doc_id


def parse_html(raw: RawDocument, settings: ParseSettings) -> ParsedDocument:
    """An HTML page's article body (without title or byline), its title and its date."""
    import trafilatura  # imported late: it is slow to import and only HTML needs it

    html = decode_bytes(raw.content)
    try:
        result = trafilatura.bare_extraction(
            html,
            url=raw.final_url,
            include_comments=False,
            include_tables=True,
            favor_precision=False,
            with_metadata=True,
        )
    except Exception as exc:  # trafilatura raises many lxml errors on broken markup
        raise ParseError("corrupt", f"the HTML could not be parsed: {exc}", raw.source) from exc
    text = normalize_text(getattr(result, "text", None) or "") if result is not None else ""
    title = getattr(result, "title", None) if result is not None else None
    published = getattr(result, "date", None) if result is not None else None
    return ParsedDocument(
        doc_id=make_doc_id(raw.source, raw.sha256),
        source=raw.source,
        sha256=raw.sha256,
        media_type=raw.media_type,
        text=text,
        title=raw.title_hint or title,
        published=raw.published_hint or published,
        final_url=raw.final_url,
    )
