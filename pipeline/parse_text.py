"""Parse plain text: decode, normalize line ends, take the first short line as the title."""

from __future__ import annotations

from pipeline.config import ParseSettings
from pipeline.textdecode import decode_bytes
from schemas import ParsedDocument, RawDocument
from schemas.stages import make_doc_id


def normalize_text(text: str) -> str:
    """Unify line ends and drop NULs and other control characters that confuse tokenizers."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return "".join(ch for ch in text if ch >= " " or ch in "\n\t")


def parse_text(raw: RawDocument, settings: ParseSettings) -> ParsedDocument:
    """A plain-text document: its whole text is body (a wire story's headline included)."""
    text = normalize_text(decode_bytes(raw.content))
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = raw.title_hint or (first_line if 0 < len(first_line) <= 200 else None)
    return ParsedDocument(
        doc_id=make_doc_id(raw.source, raw.sha256),
        source=raw.source,
        sha256=raw.sha256,
        media_type=raw.media_type,
        text=text,
        title=title,
        published=raw.published_hint,
        final_url=raw.final_url,
    )
