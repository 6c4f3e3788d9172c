"""parse_pdf with real pdfplumber and pypdfium2: dev fact sheets, generated layouts, wild PDFs, limits."""

from __future__ import annotations

import hashlib
import zlib
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from pipeline.config import ParseSettings
from pipeline.errors import ParseError
from pipeline.parse.dispatch import parse
from pipeline.parse.pdf import parse_pdf
from schemas import ParsedDocument, RawDocument
from tests.shared_paths import DEV_DOCS, needs_shared
from tests.shared_paths import WILD as SHARED_WILD

DEV = DEV_DOCS
WILD = SHARED_WILD / "pdf"
WILD_FILES = sorted(WILD.rglob("*.pdf")) if WILD.is_dir() else []

needs_dev = needs_shared(DEV)


def _raw(content: bytes, source: str = "test.pdf") -> RawDocument:
    return RawDocument(
        source=source,
        content=content,
        media_type="application/pdf",
        sha256=hashlib.sha256(content).hexdigest(),
    )


def _dev(name: str, **settings: object) -> ParsedDocument:
    return parse_pdf(_raw((DEV / name).read_bytes(), name), ParseSettings(**settings))  # type: ignore[arg-type]


def _rows_are_lines(doc: ParsedDocument) -> None:
    for table in doc.tables:
        for row in table.rows:
            assert doc.text[row.start : row.end] == " | ".join(row.cells)
            assert doc.text[row.end] == "\n" and (row.start == 0 or doc.text[row.start - 1] == "\n")
            assert doc.page_at(row.start) == row.page


@needs_dev
def test_table_over_two_pages_is_one_table() -> None:
    doc = _dev("factsheet-japan-us-candidate-projects.pdf")
    assert len(doc.pages) == 2
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.header == ("Company", "Category", "Project", "Scale of business")
    assert len(table.rows) == 13
    assert {row.page for row in table.rows} == {1, 2}
    # the last row's project cell wraps in the PDF: it comes back as one cell of ten words
    last = table.rows[-1].cells
    assert len(last) == 4 and last[1] == "Critical minerals" and last[3] == "$350 million"
    assert last[2].startswith("Plant producing") and last[2].endswith("for batteries.")
    assert "\n" not in last[2] and len(last[2].split()) == 10
    # The header repeated on page 2 is neither a row nor a second line of text.
    assert doc.text.count("Company | Category | Project | Scale of business") == 1
    _rows_are_lines(doc)


@needs_dev
def test_running_header_footer_and_page_numbers_dropped() -> None:
    doc = _dev("factsheet-japan-us-candidate-projects.pdf")
    assert "Page 1 of 2" not in doc.text and "Page 2 of 2" not in doc.text
    assert "not an official publication\n" not in doc.text.split("Notes")[-1]
    assert "Fact Sheet | Japan-U.S." not in doc.text
    # Notes at the foot of the last page stay.
    notes = doc.text.split("Notes")[-1]
    assert "(3) Financing terms" in notes and notes.rstrip().endswith(".")
    assert doc.title == "Fact Sheet: Japan–U.S. Strategic Investment — Candidate Projects"
    assert doc.published == "2025-10-28"
    assert (doc.pages[0].page, doc.pages[0].start) == (1, 0) and doc.pages[-1].end == len(doc.text)


@needs_dev
def test_two_tables_and_a_five_column_table() -> None:
    korea = _dev("factsheet-korea-us-package.pdf")
    assert [len(t.rows) for t in korea.tables] == [3, 5]
    assert korea.tables[1].rows[-1].cells[-1] == "KRW 7.2 trillion (US$5.5 billion)"
    # A word a narrow cell broke in two is whole again.
    assert korea.tables[1].rows[3].cells[1] == "Semiconductors"
    yen = _dev("briefing-ai-infrastructure-yen.pdf")
    assert len(yen.tables) == 1 and len(yen.tables[0].header) == 5
    assert yen.tables[0].rows[0].cells[-1] == "Approx. ¥4.5 trillion"
    _rows_are_lines(korea)
    _rows_are_lines(yen)


@needs_dev
@pytest.mark.parametrize("name", sorted(p.name for p in DEV.glob("*.pdf")) or ["(no dev corpus)"])
def test_fast_path_gives_the_same_document(name: str) -> None:
    slow = _dev(name, pdf_fast_text=False)
    fast = _dev(name, pdf_fast_text=True)
    assert fast.text == slow.text
    assert fast.tables == slow.tables
    assert (fast.title, fast.published) == (slow.title, slow.published)


def _two_column_pdf(path: Path) -> None:
    style = ParagraphStyle("b", fontName="Helvetica", fontSize=10, leading=13)
    width, height = A4
    frames = [
        Frame(40, 60, (width - 100) / 2, height - 120, id="left"),
        Frame(60 + (width - 100) / 2, 60, (width - 100) / 2, height - 120, id="right"),
    ]
    doc = BaseDocTemplate(str(path), pagesize=A4, pageTemplates=[PageTemplate(frames=frames)])
    left = " ".join(f"Left column sentence {i} talks about the western plant." for i in range(40))
    right = " ".join(f"Right column sentence {i} talks about the eastern port." for i in range(40))
    doc.build([Paragraph(left, style), Paragraph(right, style)])


def test_two_columns_read_column_by_column(tmp_path: Path) -> None:
    path = tmp_path / "columns.pdf"
    _two_column_pdf(path)
    for fast in (True, False):
        doc = parse_pdf(_raw(path.read_bytes()), ParseSettings(pdf_fast_text=fast))
        assert doc.text.rindex("western") < doc.text.index("eastern")
        assert doc.text.count("western") == 40 and doc.text.count("eastern") == 40


def _handmade_pdf(pages: list[bytes]) -> bytes:
    """A minimal valid PDF with one Flate-compressed content stream per page."""
    count = len(pages)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count)).encode()
    objects.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(count).encode() + b" >>")
    font = 3 + 2 * count
    for i, content in enumerate(pages):
        data = zlib.compress(content, 9)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


_TEXT = b"BT /F1 12 Tf 72 720 Td (Hello pledge) Tj ET\n"


def test_many_pages_over_the_limit() -> None:
    content = _handmade_pdf([_TEXT] * 30)
    assert len(parse_pdf(_raw(content), ParseSettings()).pages) == 30
    with pytest.raises(ParseError) as info:
        parse_pdf(_raw(content), ParseSettings(max_pages=10))
    assert info.value.kind == "too_large"


def test_decompression_bomb_is_refused() -> None:
    # A ruled page (so pdfplumber reads it) whose tiny stream inflates to 8 MB of blanks.
    grid = b"".join(b"%d 100 m %d 700 l S\n" % (x, x) for x in range(100, 500, 50))
    content = _handmade_pdf([grid + _TEXT + b" " * 8_000_000])
    assert len(content) < 100_000
    with pytest.raises(ParseError) as info:
        parse_pdf(_raw(content), ParseSettings(max_bytes=1_000_000))
    assert info.value.kind == "too_large"


def test_file_over_max_bytes_and_deadline() -> None:
    content = _handmade_pdf([_TEXT] * 3)
    with pytest.raises(ParseError) as info:
        parse_pdf(_raw(content), ParseSettings(max_bytes=len(content) - 1))
    assert info.value.kind == "too_large"
    with pytest.raises(ParseError) as info:
        parse_pdf(_raw(content), ParseSettings(timeout=0.0))
    assert info.value.kind == "timeout"


def test_garbage_is_corrupt() -> None:
    for content in (b"not a pdf at all", b"%PDF-1.7\n" + bytes(range(256)) * 4):
        with pytest.raises(ParseError) as info:
            parse_pdf(_raw(content), ParseSettings())
        assert info.value.kind == "corrupt"


# Each wild file's outcome, pinned: "ok", or the error kind it must fail with. A new file in the set must be
# added here; a changed outcome is a change of behaviour to look at, not noise.
WILD_OUTCOMES = {
    "pdfminer.six/175.pdf": "no_text",
    "pdfminer.six/aes-256-r6.pdf": "encrypted",
    "pdfminer.six/encrypted_doc_no_id.pdf": "no_text",
    "pdfminer.six/issue-1113-evil-xobjects.pdf": "ok",
    "pdfminer.six/issue-791-non-unicode-cmap.pdf": "ok",
    "pdfminer.six/issue-886-xref-stream-widths.pdf": "ok",
    "pdfminer.six/rc4-40.pdf": "encrypted",
    "pdfminer.six/simple1.pdf": "ok",
    "pdfminer.six/zen_of_python_corrupted.pdf": "ok",
    "pdfplumber/150109DSP-Milw-505-90D.pdf": "ok",
    "pdfplumber/2023-06-20-PV.pdf": "ok",
    "pdfplumber/WARN-Report-for-7-1-2015-to-03-25-2016.pdf": "ok",
    "pdfplumber/cupertino_usd_4-6-16.pdf": "ok",
    "pdfplumber/empty.pdf": "empty",
    "pdfplumber/federal-register-2020-17221.pdf": "ok",
    "pdfplumber/issue-203-decimalize.pdf": "no_text",
    "pdfplumber/malformed-from-issue-932.pdf": "ok",
    "pdfplumber/nics-background-checks-2015-11-rotated.pdf": "ok",
    "pdfplumber/nics-background-checks-2015-11.pdf": "ok",
    "pdfplumber/password-example.pdf": "encrypted",
    "pdfplumber/pr-136-example.pdf": "ok",
    "pdfplumber/pr-138-example.pdf": "ok",
    "pdfplumber/scotus-transcript-p1.pdf": "ok",
    "pdfplumber/senate-expenditures.pdf": "ok",
    "py-pdf-sample-files/unreadablemetadata.pdf": "ok",
    "pypdf/Seige_of_Vicksburg_Sample_OCR.pdf": "ok",
    "pypdf/crazyones-encrypted-256.pdf": "encrypted",
}


@needs_shared(WILD)
def test_every_wild_pdf_has_a_pinned_outcome() -> None:
    assert sorted(str(p.relative_to(WILD)) for p in WILD_FILES) == sorted(WILD_OUTCOMES)


@needs_shared(WILD)
@pytest.mark.parametrize("path", WILD_FILES or [WILD], ids=lambda p: str(p.relative_to(WILD)))
def test_wild_pdf_ends_as_pinned(path: Path) -> None:
    name = str(path.relative_to(WILD))
    try:
        doc = parse(_raw(path.read_bytes(), name), ParseSettings(timeout=60))
    except ParseError as exc:
        assert exc.kind == WILD_OUTCOMES.get(name), exc
        assert exc.message
        return
    assert WILD_OUTCOMES.get(name) == "ok"
    assert doc.text.strip()
    assert doc.pages and doc.pages[-1].end == len(doc.text)
    _rows_are_lines(doc)
    if name.endswith("issue-886-xref-stream-widths.pdf"):
        assert doc.text.strip() == "Hello"
    if name.endswith("issue-791-non-unicode-cmap.pdf"):
        assert "Peněžní prostředky na účtech" in doc.text


SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "docs" / "factsheet-sample.pdf"


def test_demo_sample_table_runs_over_the_page_break() -> None:
    doc = parse_pdf(_raw(SAMPLE.read_bytes(), SAMPLE.name), ParseSettings())
    assert len(doc.pages) == 2 and len(doc.tables) == 1
    table = doc.tables[0]
    assert table.header == ("Company", "Category", "Project", "Scale")
    assert len(table.rows) == 6 and {row.page for row in table.rows} == {1, 2}
    assert "Page 1 of 2" not in doc.text and "Office of Inward Investment | Priority" not in doc.text
    assert "US$1 = ¥150" in doc.text
    assert doc.published == "2026-02-03"
    _rows_are_lines(doc)
