"""The fast path for ruled tables (pdfium_page, pdf_ruling, pdf_chars): on a page it decides, the tables and
words pdfplumber gives; a page it cannot decide goes to pdfplumber. Real reportlab PDFs, real pypdfium2 and
pdfplumber."""

from __future__ import annotations

import hashlib
import logging
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from pdfplumber import table as plumber_table
from pdfplumber import utils as plumber_utils
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen import canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

from pipeline.config import ParseSettings
from pipeline.parse.pdf import fast_layout, parse_pdf, plumber_layout
from pipeline.parse.pdf_layout import PageLayout
from pipeline.parse.pdf_ruling import Subpath, Undecided, find_grids
from pipeline.parse.pdfium_page import text_words
from schemas import ParsedDocument, RawDocument
from tests.shared_paths import DEV_DOCS, SAMPLES, WILD, needs_shared

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=14)
CELL = ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=11)
GRID = [
    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
    ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
    ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
    ("FONTSIZE", (0, 0), (-1, -1), 9),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
]
HEADER = ["Company", "Category", "Project", "Scale"]


def _raw(path: Path) -> RawDocument:
    content = path.read_bytes()
    return RawDocument(
        source=path.name,
        content=content,
        media_type="application/pdf",
        sha256=hashlib.sha256(content).hexdigest(),
    )


def _table(rows: list[list[Any]], style: list[Any]) -> Table:
    table = Table(rows, colWidths=[120, 80, 170, 90])
    table.setStyle(TableStyle(style))
    return table


def _ruled_pdf(path: Path, scale: str = "Up to $640 million") -> Path:
    """Two pages of prose and ruled tables: a grid with wrapped cells, a spanned header, a boxed grid."""
    rows = [
        HEADER,
        [
            "Tidewater Cranes Ltd.",
            "Logistics",
            Paragraph("Quay crane retrofit at the north berth", CELL),
            scale,
        ],
        [
            "Orchard Valley Mills",
            "Manufacturing",
            Paragraph("Second rolling line beside the old mill", CELL),
            "",
        ],
        [
            "Pennant Grid Storage",
            "Energy",
            Paragraph("Battery hall that backs up the town feeder", CELL),
            "$85m",
        ],
    ]
    spanned = [
        ["Phase", "", "Budget", "Lead"],
        ["Survey", "spring", "$4.5 million", "Tidewater Cranes"],
        ["Build", "autumn", "$31 million", "Orchard Valley"],
        ["", "winter", "$6 million", "Orchard Valley"],
    ]
    boxed = [["Site", "Jobs"], ["North berth", "120"], ["Mill lane", "85"], ["Town feeder", "40"]]
    story: list[Any] = [
        Paragraph("Harbour district outlook", BODY),
        Paragraph("The harbour board lists the projects below and the phases of the first one.", BODY),
        _table(rows, GRID),
        Paragraph("Phases of the quay crane retrofit, as the board agreed them.", BODY),
        _table(spanned, [*GRID, ("SPAN", (0, 0), (1, 0)), ("SPAN", (0, 2), (0, 3))]),
        PageBreak(),
        Paragraph("Jobs each site is expected to keep busy once the works are done.", BODY),
        _table(
            boxed,
            [("BOX", (0, 0), (-1, -1), 1, colors.black), ("INNERGRID", (0, 0), (-1, -1), 0.25, colors.grey)],
        ),
    ]

    def header(page: Any, doc: Any) -> None:
        page.saveState()
        page.setFont("Helvetica", 8)
        page.drawString(56, 800, "Harbour Board | Invented fact sheet for tests")
        page.line(56, 796, 540, 796)
        page.restoreState()

    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=header, onLaterPages=header)
    return path


def _layouts(path: Path) -> list[tuple[PageLayout | None, PageLayout]]:
    """Each page read by the fast path (None: undecided) and by pdfplumber."""
    pdf = pypdfium2.PdfDocument(path)
    out = []
    with pdfplumber.open(path) as plumber:
        for index in range(len(pdf)):
            fast = fast_layout(pdf[index], index + 1, path.name)
            out.append((fast, plumber_layout(plumber.pages[index], index + 1, 10**8, path.name)))
    pdf.close()
    return out


def _assert_same_reading(fast: PageLayout, slow: PageLayout, tolerance: float = 1e-3) -> None:
    """Same tables, same words; boxes within `tolerance` (standard fonts: pdfminer's own boxes; an
    embedded font's descent may differ by a hair between the libraries)."""
    assert [t.rows for t in fast.tables] == [t.rows for t in slow.tables]
    for a, b in zip(fast.tables, slow.tables, strict=True):
        assert (a.x0, a.top, a.x1, a.bottom) == pytest.approx((b.x0, b.top, b.x1, b.bottom), abs=1e-3)
    fast_words = sorted((w.text, w.x0, w.top) for w in fast.words)
    slow_words = sorted((w.text, w.x0, w.top) for w in slow.words)
    assert [w[0] for w in fast_words] == [w[0] for w in slow_words]
    for a, b in zip(fast_words, slow_words, strict=True):
        assert a[1:] == pytest.approx(b[1:], abs=tolerance)


def _parsed(path: Path, fast: bool) -> ParsedDocument:
    return parse_pdf(_raw(path), ParseSettings(pdf_fast_text=fast))


def _assert_same_document(path: Path) -> ParsedDocument:
    fast, slow = _parsed(path, True), _parsed(path, False)
    assert fast.text == slow.text
    assert fast.tables == slow.tables
    assert (fast.title, fast.published, fast.pages) == (slow.title, slow.published, slow.pages)
    return fast


def test_fast_path_finds_and_reads_the_tables_pdfplumber_finds(tmp_path: Path) -> None:
    layouts = _layouts(_ruled_pdf(tmp_path / "ruled.pdf"))
    for fast, slow in layouts:
        assert fast is not None, "the fast path should decide these pages"
        _assert_same_reading(fast, slow)
    first, second = layouts[0][0], layouts[1][0]
    assert first is not None and second is not None
    grid, spanned = first.tables
    assert grid.rows[0] == HEADER and len(grid.rows) == 4
    assert grid.rows[1] == [
        "Tidewater Cranes Ltd.",
        "Logistics",
        "Quay crane retrofit at the north berth",
        "Up to $640 million",
    ]
    assert grid.rows[2][3] == ""
    assert spanned.rows[0] == ["Phase", "", "Budget", "Lead"]  # a cell spanned from the left stays empty
    assert spanned.rows[3] == ["Build", "winter", "$6 million", "Orchard Valley"]  # one from above repeats
    assert [row[0] for row in second.tables[0].rows] == ["Site", "North berth", "Mill lane", "Town feeder"]


def test_parse_with_the_fast_path_is_parse_with_pdfplumber(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _ruled_pdf(tmp_path / "ruled.pdf")
    with caplog.at_level(logging.DEBUG, logger="pipeline.parse.pdf"):
        doc = _assert_same_document(path)
    assert "pdfplumber reads it" not in caplog.text
    assert [len(t.rows) for t in doc.tables] == [3, 3, 3]
    assert (
        "Tidewater Cranes Ltd. | Logistics | Quay crane retrofit at the north berth | Up to $640 million"
        in doc.text
    )


def test_a_table_with_a_glyph_pdfminer_measures_otherwise_goes_to_pdfplumber(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # pdfminer's own Helvetica metrics have no euro sign (width 0); pdfium's font has one: the positions
    # along the line differ, so the fast path leaves the page to pdfplumber.
    path = _ruled_pdf(tmp_path / "euro.pdf", scale="Up to €640 million")
    first_fast, _ = _layouts(path)[0]
    assert first_fast is None
    with caplog.at_level(logging.DEBUG, logger="pipeline.parse.pdf"):
        doc = _assert_same_document(path)
    assert "'€' another width; pdfplumber reads it" in caplog.text
    assert doc.tables[0].rows[0].cells[0] == "Tidewater Cranes Ltd."


def _drawn_grid(path: Path, row_tops: list[float], extra: Any = None) -> Path:
    """A 3-column grid drawn line by line, rows at the given heights, words in every cell: plain in the
    first column, letter-spaced by 1 point in the second (one word to pdfplumber) and by 2.5 points in
    the third (a word per letter)."""
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica", 9)
    xs = [60.0, 200.0, 340.0, 480.0]
    for y in row_tops:
        page.line(xs[0], y, xs[-1], y)
    for x in xs:
        page.line(x, row_tops[0], x, row_tops[-1])
    for r, (upper, lower) in enumerate(pairwise(row_tops)):
        if upper - lower > 12:
            for c, x in enumerate(xs[:-1]):
                text = page.beginText(x + 4, lower + 5)
                text.setFont("Helvetica", 9)
                text.setCharSpace((0.0, 1.0, 2.5)[c])
                text.textOut(f"cell {r}{c} harbour")
                page.drawText(text)
    page.drawString(60, 780, "A grid drawn rule by rule for the fast path tests.")
    spaced = page.beginText(60, 760)
    spaced.setFont("Helvetica", 9)
    spaced.setCharSpace(2.0)
    spaced.textOut("Letters set apart")
    page.drawText(spaced)
    if extra is not None:
        extra(page)
    page.save()
    return path


def test_rules_a_hair_from_a_tolerance_go_to_pdfplumber(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Two rules exactly 3 points apart: pdfplumber snaps them into one; pdfium's float coordinates could
    # put them a hair either side of the tolerance.
    path = _drawn_grid(tmp_path / "hair.pdf", [700.0, 680.0, 660.0, 657.0, 630.0])
    assert _layouts(path)[0][0] is None
    with caplog.at_level(logging.DEBUG, logger="pipeline.parse.pdf"):
        doc = _assert_same_document(path)
    assert "a hair from the tolerance 3.000; pdfplumber reads it" in caplog.text
    assert doc.tables and doc.tables[0].header[:2] == ("cell 00 harbour", "cell 01 harbour")
    clear = _drawn_grid(tmp_path / "clear.pdf", [700.0, 680.0, 660.0, 640.0])
    decided, slow = _layouts(clear)[0]
    assert decided is not None
    _assert_same_reading(decided, slow)
    # letters 1 point apart make one word, 2.5 points apart a word each, as pdfplumber reads them
    assert decided.tables[0].rows[0] == ["cell 00 harbour", "cell 01 harbour", "c e l l 0 2 h a r b o u r"]
    assert {"L", "e", "t"} <= {w.text for w in decided.words}


def test_spaces_pdfium_leaves_out_send_the_page_to_pdfplumber(tmp_path: Path) -> None:
    # A run of spaces drawn under a figure: pdfium keeps one space of a run, pdfminer keeps them all and
    # pdfplumber reads the figure broken by them ("1 2 0 0" rather than "1200").
    def spaces_under_a_figure(page: Any) -> None:
        page.drawString(100, 600, " " * 12)
        page.drawString(104, 600, "1200 jobs")

    path = _drawn_grid(tmp_path / "spaces.pdf", [700.0, 680.0, 660.0, 640.0], spaces_under_a_figure)
    assert _layouts(path)[0][0] is None
    doc = _assert_same_document(path)
    assert "1 2 0 0" in doc.text  # pdfplumber's reading, kept as it was


def test_words_of_two_overlapping_texts_go_to_pdfplumber(tmp_path: Path) -> None:
    def overlapping(page: Any) -> None:
        page.drawString(100, 600, "quay")
        page.drawString(104, 600, "mill")

    path = _drawn_grid(tmp_path / "overlap.pdf", [700.0, 680.0, 660.0, 640.0], overlapping)
    assert _layouts(path)[0][0] is None
    _assert_same_document(path)


def _helper_words(path: Path) -> list[tuple[float, float, float, float, str, float]]:
    """Words as the first version built them, with pypdfium2's helper methods (the reference)."""
    import pypdfium2.raw as pdfium_c

    pdf = pypdfium2.PdfDocument(path)
    page = pdf[0]
    height = page.get_height()
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    count = min(len(text), textpage.count_chars())
    words = []
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
        words.append((left, right, height - top, height - bottom, text[index:end], size))
        index = end
    textpage.close()
    pdf.close()
    return words


def test_text_words_are_the_words_of_pypdfium2s_helpers(tmp_path: Path) -> None:
    path = _ruled_pdf(tmp_path / "ruled.pdf")
    pdf = pypdfium2.PdfDocument(path)
    textpage = pdf[0].get_textpage()
    words = text_words(textpage, pdf[0].get_height(), lambda: None)
    textpage.close()
    pdf.close()
    assert [(w.x0, w.x1, w.top, w.bottom, w.text, w.size) for w in words] == _helper_words(path)
    assert len(words) > 50


def _plumber_cells(lines: list[tuple[float, float, float, float]]) -> list[list[tuple[float, ...]]]:
    """pdfplumber's own table finding on these lines (x0, top, x1, bottom): each table's sorted cells."""
    edges = [
        {
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": bottom,
            "doctop": top,
            "width": x1 - x0,
            "height": bottom - top,
            "orientation": "h" if top == bottom else "v",
            "object_type": "line",
        }
        for x0, top, x1, bottom in lines
    ]
    kept = plumber_utils.filter_edges(edges, "v", min_length=1) + plumber_utils.filter_edges(
        edges, "h", min_length=1
    )
    merged = plumber_utils.filter_edges(plumber_table.merge_edges(kept, 3, 3, 3, 3), min_length=3)
    cells = plumber_table.intersections_to_cells(plumber_table.edges_to_intersections(merged, 3, 3))
    return [sorted(tuple(c) for c in table) for table in plumber_table.cells_to_tables(cells)]


_STEP = 0.7  # every coordinate a multiple: no distance lies within a hair of pdfplumber's tolerances


@st.composite
def _rulings(draw: st.DrawFn) -> list[tuple[float, float, float, float]]:
    """A ruled grid drawn as a generator might: rules broken into pieces with small gaps, nudged off
    their line, some pieces missing, and a few stray rules (x0, top, x1, bottom)."""
    steps = st.lists(st.integers(min_value=6, max_value=40), min_size=1, max_size=4)
    xs = [k * _STEP for k in _running(draw(steps))]
    ys = [k * _STEP for k in _running(draw(steps))]
    lines: list[tuple[float, float, float, float]] = []
    for horizontal, (positions, span) in ((True, (ys, xs)), (False, (xs, ys))):
        for at in positions:
            at += draw(st.integers(min_value=-5, max_value=5)) * _STEP
            start = span[0]
            for end in [*span[1:-1][: draw(st.integers(min_value=0, max_value=2))], span[-1]]:
                gap = draw(st.integers(min_value=0, max_value=6)) * _STEP
                if draw(st.integers(min_value=0, max_value=7)):  # now and then a piece is missing
                    lines.append((start, at, end, at) if horizontal else (at, start, at, end))
                start = end + gap
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        at, start, length = (draw(st.integers(min_value=0, max_value=150)) * _STEP for _ in range(3))
        lines.append(
            (start, at, start + length, at) if draw(st.booleans()) else (at, start, at, start + length)
        )
    return lines


def _running(steps: list[int]) -> list[int]:
    """Positions from the steps between them, starting at 10 steps."""
    positions = [10]
    for step in steps:
        positions.append(positions[-1] + step)
    return positions


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rulings())
# a rule shorter than 3 points still reaches a crossing within 3 points: pdfplumber drops it first
@example([(0.0, 7.0, 14.0, 7.0), (0.0, 12.6, 14.0, 12.6), (14.0, 7.0, 14.0, 12.6), (0.0, 7.0, 0.0, 9.8)])
def test_grid_finder_is_pdfplumbers_on_any_rules(lines: list[tuple[float, float, float, float]]) -> None:
    subpaths = [Subpath("ml", ((x0, top), (x1, bottom))) for x0, top, x1, bottom in lines]
    try:
        grids = find_grids(subpaths)
    except Undecided:
        assume(False)
        return
    ours = [sorted(box for row in grid.rows for box in row if box is not None) for grid in grids]
    assert ours == _plumber_cells(lines)


def _corpus() -> list[Path]:
    return (
        sorted(DEV_DOCS.glob("*.pdf"))
        + sorted((WILD / "pdf").rglob("*.pdf"))
        + sorted(SAMPLES.rglob("*.pdf"))
    )


@pytest.mark.slow
@needs_shared(WILD / "pdf")
@needs_shared(DEV_DOCS)
def test_fast_path_agrees_with_pdfplumber_on_every_page_it_decides() -> None:
    decided = 0
    for path in _corpus():
        try:
            pdf = pypdfium2.PdfDocument(path)
        except pypdfium2.PdfiumError:
            continue  # encrypted or broken: pdfplumber alone reads those
        with pdf, pdfplumber.open(path) as plumber:
            for index in range(len(pdf)):
                fast = fast_layout(pdf[index], index + 1, path.name)
                if fast is not None and fast.tables:
                    decided += 1
                    slow = plumber_layout(plumber.pages[index], index + 1, 10**8, path.name)
                    # embedded fonts: pdfium's whole-number widths drift up to 1/1000 em per character
                    _assert_same_reading(fast, slow, tolerance=1.0)
    assert decided >= 7  # the dev fact sheets' five table pages and the sample's two, at least
