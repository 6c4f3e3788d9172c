"""Parse PDF with pdfplumber: page text in reading order, tables as rows, offsets per page."""

from __future__ import annotations

import io
from typing import Any

from pipeline.config import ParseSettings
from pipeline.errors import ParseError
from pipeline.parse_text import normalize_text
from schemas import PageSpan, ParsedDocument, RawDocument, Table, TableRow
from schemas.stages import make_doc_id

CELL_SEPARATOR = " | "


def _clean_cell(cell: str | None) -> str:
    return " ".join((cell or "").split())


def _page_blocks(page: Any) -> list[tuple[float, str, list[list[str]] | None]]:
    """The page's text blocks and tables, each with its top coordinate, in reading order."""
    tables = page.find_tables()
    blocks: list[tuple[float, str, list[list[str]] | None]] = []
    outside = page
    for table in tables:
        rows = [[_clean_cell(c) for c in row] for row in table.extract()]
        rows = [row for row in rows if any(row)]
        if rows:
            blocks.append((table.bbox[1], "", rows))
        outside = outside.outside_bbox(table.bbox)
    lines = (outside.extract_text(x_tolerance=1.5) or "").splitlines()
    words = outside.extract_text_lines() if lines else []
    for line in words:
        blocks.append((line["top"], line["text"], None))
    blocks.sort(key=lambda block: block[0])
    return blocks


def parse_pdf(raw: RawDocument, settings: ParseSettings) -> ParsedDocument:
    """A PDF's pages in reading order; each table row becomes one line of cells joined by ' | '."""
    import pdfplumber  # imported late: only PDFs need it
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(raw.content))
    except PDFPasswordIncorrect as exc:
        raise ParseError("encrypted", "the PDF is password-protected", raw.source) from exc
    except Exception as exc:
        raise ParseError("corrupt", f"the PDF cannot be read: {exc}", raw.source) from exc
    parts: list[str] = []
    pages: list[PageSpan] = []
    tables: list[Table] = []
    offset = 0
    with pdf:
        if len(pdf.pages) > settings.max_pages:
            raise ParseError(
                "too_large",
                f"{len(pdf.pages)} pages is over the limit of {settings.max_pages}; raise --max-pages",
                raw.source,
            )
        for number, page in enumerate(pdf.pages, start=1):
            start = offset
            for _top, text, rows in _page_blocks(page):
                if rows is None:
                    line = normalize_text(text)
                    parts.append(line + "\n")
                    offset += len(line) + 1
                    continue
                table_rows: list[TableRow] = []
                for cells in rows:
                    line = CELL_SEPARATOR.join(cells)
                    table_rows.append(
                        TableRow(cells=tuple(cells), start=offset, end=offset + len(line), page=number)
                    )
                    parts.append(line + "\n")
                    offset += len(line) + 1
                tables.append(
                    Table(header=table_rows[0].cells, rows=tuple(table_rows[1:]), page=number)
                )
            parts.append("\n")
            offset += 1
            pages.append(PageSpan(page=number, start=start, end=offset))
    text = "".join(parts)
    return ParsedDocument(
        doc_id=make_doc_id(raw.source, raw.sha256),
        source=raw.source,
        sha256=raw.sha256,
        media_type=raw.media_type,
        text=text,
        title=None,
        pages=tuple(pages),
        tables=tuple(tables),
        final_url=raw.final_url,
    )
