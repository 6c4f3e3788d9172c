"""Write samples/docs/factsheet-sample.pdf: a short, invented ministry-style fact sheet for the demo.

    .venv/bin/python samples/make_sample_pdf.py

Two A4 pages: a running header with a rule, a footer and "Page X of 2"; a ruled table of six invented
companies (Company / Category / Project / Scale) that runs over the page break with its header
repeated; notes with a footnote giving the exchange rate. Every company, agency and figure is invented.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

OUT = Path(__file__).resolve().parent / "docs" / "factsheet-sample.pdf"
PAGES = 2

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=14, spaceAfter=7)
NOTE = ParagraphStyle("note", parent=BODY, fontSize=8.5, leading=11, spaceAfter=4)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=9, leading=12, spaceAfter=0)
CELL_HEAD = ParagraphStyle("cellhead", parent=CELL, fontName="Helvetica-Bold", textColor=colors.white)
TITLE = ParagraphStyle("title", parent=BODY, fontName="Helvetica-Bold", fontSize=16, leading=20, spaceAfter=4)
SECTION = ParagraphStyle(
    "section", parent=BODY, fontName="Helvetica-Bold", fontSize=11.5, leading=15, spaceBefore=6
)
DATELINE = ParagraphStyle("dateline", parent=BODY, fontSize=9, textColor=colors.HexColor("#3A3A3A"))

BACKGROUND = [
    "The Office of Inward Investment publishes this sheet to summarise the projects that companies have "
    "put forward under the Bilateral Investment Facility. The Facility is a financing envelope of "
    "$20 billion agreed between the two governments; it offers co-lending and guarantees through the "
    "National Export Credit Bank, and it does not itself own any of the projects listed below.",
    "Each company has described its project and indicated an investment scale. The figures are the "
    "companies' own and have not been audited. Projects still pass a technical review and a review of "
    "local content before any financing decision is taken, and some may be changed or withdrawn.",
    "The projects cover energy, semiconductors, shipbuilding, pharmaceuticals, digital infrastructure and "
    "critical minerals. Sites were chosen by the companies after consultation with state development "
    "agencies; construction timetables are indicative and depend on permits.",
    "Regional development agencies expect the six projects together to support several thousand "
    "construction jobs over the build period, and a smaller number of permanent operating roles once the "
    "plants, yards and campuses are running. Those estimates are the agencies' own and are not part of "
    "the companies' indications. The Office will publish an updated sheet each quarter, adding projects "
    "that complete the first review and marking those that are withdrawn or changed in scope.",
    "The sheet lists each project once, under the company that leads it. Where two companies share a "
    "project, the lead company is the one that has applied for review; partners, contractors and "
    "equipment suppliers are described in the project column where the company has named them. Figures "
    "in yen are given as the company stated them, with a dollar equivalent for comparison. Figures given "
    "as a range show the low and the high end of the company's own estimate, and figures marked as "
    "approximate or as a floor are shown in the company's own words.",
    "Enquiries from suppliers who wish to take part in any of the projects should go to the companies "
    "directly. The Office keeps a register of interested suppliers but does not arrange contracts or "
    "recommend firms to the project sponsors.",
]

ROWS = [
    ("Company", "Category", "Project", "Scale"),
    (
        "Kestrel Ridge Power Co.",
        "Energy",
        "Gas-fired peaking plant with a 400 MWh grid battery beside an existing substation in southern Ohio.",
        "Up to $2.4 billion",
    ),
    (
        "Tobira Seimitsu K.K.",
        "Semiconductors",
        "Wafer-level packaging line for power chips at a new site near Hillsboro, Oregon.",
        "¥270 billion (approx. US$1.8 billion)*",
    ),
    (
        "Halvorsen Maritime AS",
        "Shipbuilding",
        "Modernisation of two dry docks and a steel-cutting hall at a shipyard in Mobile, Alabama.",
        "$850 million",
    ),
    (
        "Nishikaze Pharma Co., Ltd.",
        "Pharmaceuticals",
        "Biologics fill-finish plant with cold-chain warehousing in Lebanon, Indiana.",
        "Approx. $1.2 billion",
    ),
    (
        "Bluegate Data Systems Inc.",
        "AI infrastructure",
        "Liquid-cooled data center campus for AI training clusters outside Abilene, Texas.",
        "$3 billion – $4.5 billion",
    ),
    (
        "Marlow Lithium Refining Corp.",
        "Critical minerals",
        "Refinery turning spodumene concentrate into battery-grade lithium carbonate in Nevada.",
        "At least $600 million",
    ),
]

NOTES = [
    "(1) Scale is the investment indicated by each company and may change during review.",
    "(2) Financing from the National Export Credit Bank is a loan or a guarantee and is not counted in the "
    "scale of any project.",
    "* Yen amounts are converted at the planning rate of US$1 = ¥150 and rounded.",
]


def _table() -> Table:
    data = [[Paragraph(cell, CELL_HEAD if i == 0 else CELL) for cell in row] for i, row in enumerate(ROWS)]
    table = Table(data, colWidths=[42 * mm, 32 * mm, 66 * mm, 34 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#23415E")),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#7F8C99")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def _decorate(canvas: Any, doc: Any) -> None:
    width, height = A4
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.setFillColor(colors.HexColor("#555555"))
    canvas.drawString(18 * mm, height - 12 * mm, "Office of Inward Investment | Priority Projects Fact Sheet")
    canvas.line(18 * mm, height - 14 * mm, width - 18 * mm, height - 14 * mm)
    canvas.drawString(
        18 * mm, 10 * mm, "Illustrative sample with invented companies - not an official publication"
    )
    canvas.drawRightString(width - 18 * mm, 10 * mm, f"Page {doc.page} of {PAGES}")
    canvas.restoreState()


def build(path: Path = OUT) -> Path:
    """Write the sample fact sheet and check that it has the intended two pages."""
    story: list[Any] = [
        Paragraph("Fact Sheet: Priority Projects under the Bilateral Investment Facility", TITLE),
        Paragraph("3 February 2026 · Office of Inward Investment · Investment Promotion Division", DATELINE),
        Spacer(1, 6),
        Paragraph("1. Background", SECTION),
        *[Paragraph(text, BODY) for text in BACKGROUND],
        Paragraph("2. Projects put forward by companies", SECTION),
        _table(),
        Spacer(1, 8),
        Paragraph("Notes", SECTION),
        *[Paragraph(text, NOTE) for text in NOTES],
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=22 * mm,
        bottomMargin=20 * mm,
        title="Fact Sheet: Priority Projects under the Bilateral Investment Facility",
        author="pledgeline samples",
        invariant=1,  # the same bytes on every run, so the committed PDF only changes with the script
    )
    doc.build(story, onFirstPage=_decorate, onLaterPages=_decorate)
    if doc.page != PAGES:
        raise SystemExit(f"expected {PAGES} pages, got {doc.page}: adjust the text")
    return path


if __name__ == "__main__":
    print(build())
