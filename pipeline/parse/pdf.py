"""Parse PDF: words from pypdfium2 (fast) or pdfplumber (tables), one layout pass, tables as rows.

Every page becomes a list of positioned words and the ruled tables on it. Pages that draw no more than a
rule or two are read by pypdfium2 alone. Pages with more lines and boxes hold the ruled tables: pypdfium2
shows their outlines and characters, and pdf_ruling and pdf_chars find and read the tables from them as
pdfplumber would; where that reading could differ from pdfplumber's by a hair (pdf_ruling.Undecided),
pdfplumber reads the page. One layout pass then drops running headers and footers, reads two-column
pages column by column, and writes each table row as one line of cells joined by " | ". A table
continued on the next page becomes one Table.
"""

from __future__ import annotations

import io
import logging
import re
import time
import zlib
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

from pipeline.config import ParseSettings
from pipeline.errors import ParseError
from pipeline.parse.pdf_chars import check_words_clear, page_words, read_grid
from pipeline.parse.pdf_layout import (
    PageLayout,
    TableBlock,
    Word,
    assemble,
    find_published,
    find_title,
)
from pipeline.parse.pdf_ruling import Undecided, find_grids
from pipeline.parse.pdf_tables import table_block
from pipeline.parse.pdfium_page import (
    check_plain_geometry,
    page_subpaths,
    path_bounds,
    text_chars,
    text_words,
)
from schemas import ParsedDocument, RawDocument

log = logging.getLogger(__name__)

CELL_SEPARATOR = " | "

# Path objects a page may have and still count as prose: a rule under the running header, a logo.
_MAX_PLAIN_PATHS = 4
_PDFIUM_PASSWORD_ERROR = 4


class Deadline:
    """The moment a document's parse must end; check() raises ParseError('timeout') after it."""

    def __init__(self, seconds: float, source: str) -> None:
        self.end = time.monotonic() + seconds
        self.seconds = seconds
        self.source = source

    def check(self) -> None:
        """Raise ParseError('timeout') once the deadline has passed."""
        if time.monotonic() > self.end:
            raise ParseError("timeout", f"parsing took longer than {self.seconds:g} s", self.source)


def _open_pdfium(raw: RawDocument) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(raw.content)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _PDFIUM_PASSWORD_ERROR:
            raise ParseError("encrypted", "the PDF is password-protected", raw.source) from exc
        raise ParseError("corrupt", f"the PDF cannot be read: {exc}", raw.source) from exc


def _open_plumber(raw: RawDocument) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(raw.content))
        _ = pdf.pages  # pdfminer reads the page tree here: broken files fail now, not later
    except PDFPasswordIncorrect as exc:
        raise ParseError("encrypted", "the PDF is password-protected", raw.source) from exc
    except RecursionError as exc:
        raise ParseError("corrupt", "the PDF's object tree is circular", raw.source) from exc
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise ParseError("corrupt", f"the PDF cannot be read: {exc}", raw.source) from exc
    return pdf


def _needs_tables(page: Any) -> bool:
    """Whether a pdfium page draws enough lines or boxes to hold a ruled table (cheap: no text)."""
    count = 0
    for left, bottom, right, top in path_bounds(page):
        if right - left > 3 or top - bottom > 3:  # dots and specks draw no table
            count += 1
            if count > _MAX_PLAIN_PATHS:
                return True
    return False


def _pdfium_words(page: Any, deadline: Deadline) -> list[Word]:
    """The page's words with loose (font-based) boxes, in top-down coordinates, from pypdfium2."""
    textpage = page.get_textpage()
    try:
        return text_words(textpage, page.get_height(), deadline.check)
    finally:
        textpage.close()


def fast_layout(page: Any, number: int, source: str) -> PageLayout | None:
    """A pypdfium2 page with lines and boxes read without pdfplumber: its ruled tables and words as
    pdfplumber would give them, or None where pdfplumber's reading could differ (it must read the page)."""
    width, height = page.get_size()
    try:
        check_plain_geometry(page)
        grids = find_grids(page_subpaths(page, height))
        textpage = page.get_textpage()
        try:
            chars = text_chars(page, textpage, height)
        finally:
            textpage.close()
        words = page_words(chars)
        tables = [block for grid in grids if (block := read_grid(grid, chars)) is not None]
        check_words_clear(words, tables, max((c.x_slack for c in chars), default=0.0))
    except Undecided as why:
        log.debug("%s: page %d: %s; pdfplumber reads it", source, number, why)
        return None
    return PageLayout(number, width, height, words, tables)


def _plumber_tables(page: Any) -> list[TableBlock]:
    """The ruled tables pdfplumber finds on a page, with merged cells resolved and empty rows dropped."""
    blocks: list[TableBlock] = []
    for table in page.find_tables():
        data = table.extract(x_tolerance=1.5)
        block = table_block(data, [row.cells for row in table.rows], table.bbox)
        if block is not None:
            blocks.append(block)
    return blocks


def plumber_layout(page: Any, number: int, max_bytes: int, source: str) -> PageLayout:
    """One pdfplumber page's tables and words."""
    _check_content_size(page, max_bytes, source)
    tables = _plumber_tables(page)
    words = [
        Word(w["x0"], w["x1"], w["top"], w["bottom"], w["text"], float(w.get("size", 0.0)))
        for w in page.extract_words(x_tolerance=1.5, y_tolerance=3, extra_attrs=["size"])
    ]
    return PageLayout(number, float(page.width), float(page.height), words, tables)


def _check_content_size(page: Any, max_bytes: int, source: str) -> None:
    """Refuse a page whose content streams inflate beyond max_bytes (a decompression bomb)."""
    import zlib

    from pdfminer.pdftypes import PDFStream, resolve1

    contents = resolve1(page.page_obj.attrs.get("Contents"))
    streams = contents if isinstance(contents, list) else [contents]
    total = 0
    for ref in streams:
        stream = resolve1(ref)
        if not isinstance(stream, PDFStream):
            continue
        filters = [f for f, _ in stream.get_filters()]
        if not filters:
            total += len(stream.rawdata or b"")
        elif [getattr(f, "name", f) for f in filters] == ["FlateDecode"]:
            try:
                total += len(zlib.decompressobj().decompress(stream.rawdata or b"", max_bytes + 1))
            except zlib.error:
                continue  # pdfminer has its own recovery for broken streams
        if total > max_bytes:
            raise ParseError("too_large", f"a page's content inflates beyond {max_bytes} bytes", source)


_STREAM_START = re.compile(rb"stream\r?\n")
_INFLATE_CHUNK = 1 << 20


def _inflated_size(data: memoryview, start: int, limit: int) -> int:
    """How many bytes the zlib stream at `start` inflates to, counted up to `limit` (0 if not zlib)."""
    inflater = zlib.decompressobj()
    total = 0
    pending: bytes | memoryview = data[start : start + _INFLATE_CHUNK]
    offset = start + len(pending)
    try:
        while pending and total <= limit:
            total += len(inflater.decompress(pending, _INFLATE_CHUNK))
            if inflater.eof:
                break
            pending = inflater.unconsumed_tail or data[offset : offset + _INFLATE_CHUNK]
            if not inflater.unconsumed_tail:
                offset += len(pending)
    except zlib.error:
        return total
    return total


def check_inflated_size(raw: RawDocument, max_bytes: int) -> None:
    """Refuse a PDF whose Flate streams (images aside) inflate beyond max_bytes: a decompression bomb.

    pdfium inflates a page's content streams in memory before it reads any text, so the check runs on the
    file's bytes first; counting stops at the limit, and nothing inflated is kept.
    """
    data = raw.content
    view = memoryview(data)  # slices of a view are not copies
    total = 0
    for match in _STREAM_START.finditer(data):
        head = data[max(0, match.start() - 512) : match.start()]
        head = head[head.rfind(b"obj") + 1 :] if b"obj" in head else head
        if b"/FlateDecode" not in head or b"/Image" in head:
            continue  # images are never decoded to read text
        total += _inflated_size(view, match.end(), max_bytes - total)
        if total > max_bytes:
            raise ParseError(
                "too_large",
                f"the PDF's content inflates beyond {max_bytes} bytes (a decompression bomb?); "
                "raise --max-bytes if it is genuine",
                raw.source,
            )


def _layouts(raw: RawDocument, settings: ParseSettings, deadline: Deadline) -> Iterator[PageLayout]:
    """Each page's words and tables: pypdfium2 for plain pages, pdfplumber where tables may be."""
    with ExitStack() as stack:
        try:
            doc = _open_pdfium(raw)
        except ParseError as exc:
            if exc.kind == "encrypted":
                raise
            log.info("%s: pdfium cannot open the file (%s); trying pdfminer", raw.source, exc.message)
            yield from _plumber_only(raw, settings, deadline)
            return
        stack.callback(doc.close)
        _check_page_count(len(doc), settings, raw.source)
        plumber: Any = None
        for index in range(len(doc)):
            deadline.check()
            page = doc[index]
            try:
                width, height = page.get_size()
                if settings.pdf_fast_text:
                    if not _needs_tables(page):
                        yield PageLayout(index + 1, width, height, _pdfium_words(page, deadline), [])
                        continue
                    fast = fast_layout(page, index + 1, raw.source)
                    if fast is not None:
                        yield fast
                        continue
                if plumber is None:
                    plumber = _open_plumber(raw)
                    stack.callback(plumber.close)
                yield plumber_layout(plumber.pages[index], index + 1, settings.max_bytes, raw.source)
            except ParseError as exc:
                if exc.kind in ("timeout", "too_large"):
                    raise
                log.warning("%s: page %d: %s; reading its text only", raw.source, index + 1, exc.message)
                yield PageLayout(index + 1, width, height, _pdfium_words(page, deadline), [])
            except (Exception, RecursionError) as exc:  # a broken page must not sink the document
                log.warning(
                    "%s: page %d: pdfplumber failed (%s); reading its text only", raw.source, index + 1, exc
                )
                yield PageLayout(index + 1, width, height, _pdfium_words(page, deadline), [])
            finally:
                page.close()


def _plumber_only(raw: RawDocument, settings: ParseSettings, deadline: Deadline) -> Iterator[PageLayout]:
    """Every page through pdfplumber, for files pypdfium2 cannot open."""
    pdf = _open_plumber(raw)
    with pdf:
        _check_page_count(len(pdf.pages), settings, raw.source)
        for index, page in enumerate(pdf.pages):
            deadline.check()
            try:
                yield plumber_layout(page, index + 1, settings.max_bytes, raw.source)
            except ParseError:
                raise
            except (Exception, RecursionError) as exc:
                raise ParseError("corrupt", f"page {index + 1} cannot be read: {exc}", raw.source) from exc


def _check_page_count(pages: int, settings: ParseSettings, source: str) -> None:
    if pages > settings.max_pages:
        raise ParseError(
            "too_large", f"{pages} pages is over the limit of {settings.max_pages}; raise --max-pages", source
        )


def _metadata_title(raw: RawDocument) -> str | None:
    """The PDF's Title metadata, read with pypdfium2 (None if unreadable)."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(raw.content)
    except pdfium.PdfiumError:
        return None
    try:
        return str(doc.get_metadata_dict().get("Title") or "") or None
    finally:
        doc.close()


def parse_pdf(raw: RawDocument, settings: ParseSettings) -> ParsedDocument:
    """A PDF's pages in reading order; each table row becomes one line of cells joined by ' | '."""
    if len(raw.content) > settings.max_bytes:
        raise ParseError(
            "too_large", f"{len(raw.content)} bytes is over the limit of {settings.max_bytes}", raw.source
        )
    if not raw.content.lstrip()[:1024].count(b"%PDF"):
        raise ParseError("corrupt", "the file has no PDF header", raw.source)
    check_inflated_size(raw, settings.max_bytes)
    deadline = Deadline(settings.timeout, raw.source)
    try:
        layouts = list(_layouts(raw, settings, deadline))
        deadline.check()
        text, pages, tables, first_lines = assemble(layouts, deadline.check)
    except ParseError:
        raise
    except (Exception, RecursionError) as exc:  # a file broken in a way no reader foresaw
        raise ParseError(
            "corrupt", f"the PDF cannot be read: {type(exc).__name__}: {exc}", raw.source
        ) from exc
    if not text.strip():
        raise ParseError("no_text", "the PDF has no text layer (scanned pages?); OCR it first", raw.source)
    return ParsedDocument.from_raw(
        raw,
        text,
        title=find_title(_metadata_title(raw), first_lines),
        published=find_published(first_lines),
        pages=tuple(pages),
        tables=tuple(tables),
    )
