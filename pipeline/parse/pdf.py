"""Parse PDF: words from pypdfium2 (fast) or pdfplumber (tables), one layout pass, tables as rows.

Every page becomes a list of positioned words (and, on pages with ruling lines, tables found by
pdfplumber). One layout pass then drops running headers and footers, reads two-column pages column by
column, and writes each table row as one line of cells joined by " | ". A table continued on the next
page becomes one Table.
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
from pipeline.parse.pdf_layout import (
    PageLayout,
    TableBlock,
    Word,
    assemble,
    clean_cell,
    find_published,
    find_title,
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
    import pypdfium2.raw as pdfium_c

    count = 0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if right - left > 3 or top - bottom > 3:  # dots and specks draw no table
            count += 1
            if count > _MAX_PLAIN_PATHS:
                return True
    return False


def _pdfium_words(page: Any, deadline: Deadline) -> list[Word]:
    """The page's words with loose (font-based) boxes, in top-down coordinates, from pypdfium2."""
    import pypdfium2.raw as pdfium_c

    height = page.get_height()
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        count = min(len(text), textpage.count_chars())
        words: list[Word] = []
        index = 0
        while index < count:
            if text[index].isspace():
                index += 1
                continue
            end = index
            while end < count and not text[end].isspace():
                end += 1
            left, bottom, _, top = textpage.get_charbox(index, loose=True)
            _, _, right, _ = textpage.get_charbox(end - 1, loose=True)
            size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
            words.append(Word(left, right, height - top, height - bottom, text[index:end], size))
            index = end
            if len(words) % 2000 == 0:
                deadline.check()
        return words
    finally:
        textpage.close()


def _plumber_tables(page: Any) -> list[TableBlock]:
    """The ruled tables pdfplumber finds on a page, with merged cells resolved and empty rows dropped."""
    blocks: list[TableBlock] = []
    for table in page.find_tables():
        data = table.extract(x_tolerance=1.5)
        cells = [row.cells for row in table.rows]
        rows: list[list[str]] = []
        for r, row in enumerate(data):
            out: list[str] = []
            for c, value in enumerate(row):
                if value is None:
                    value = _spanning_value(data, cells, r, c)
                out.append(clean_cell(value))
            if any(out):
                rows.append(out)
        # A boxed paragraph is a one-row or one-column "table": it is prose.
        if len(rows) >= 2 and len(rows[0]) >= 2:
            x0, top, x1, bottom = table.bbox
            blocks.append(TableBlock(x0, x1, top, bottom, rows))
    return blocks


def _spanning_value(data: list[list[str | None]], cells: list[Any], r: int, c: int) -> str:
    """A cell covered by a cell above (rowspan) repeats its text; one covered from the left stays empty."""
    for above in range(r - 1, -1, -1):
        if c < len(data[above]) and data[above][c] is not None:
            box = cells[above][c]
            row_box = next((b for b in cells[r] if b is not None), None)
            if box is not None and row_box is not None and box[3] > (row_box[1] + row_box[3]) / 2:
                return data[above][c] or ""
            return ""
    return ""


def _plumber_page(page: Any, number: int, max_bytes: int, source: str) -> PageLayout:
    """One page read by pdfplumber: its tables and the words outside them."""
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
                if settings.pdf_fast_text and not _needs_tables(page):
                    yield PageLayout(index + 1, width, height, _pdfium_words(page, deadline), [])
                    continue
                if plumber is None:
                    plumber = _open_plumber(raw)
                    stack.callback(plumber.close)
                yield _plumber_page(plumber.pages[index], index + 1, settings.max_bytes, raw.source)
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
                yield _plumber_page(page, index + 1, settings.max_bytes, raw.source)
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
