"""Invented dated documents about three projects, for the lifecycle tests (written for these tests).

- Brantwood Energy's reactors in Georgia: a candidate on a fact sheet (PDF, 14 October 2025, up to $40
  billion), selected by an investment committee under its unit's name (HTML, 10 February 2026, $33 billion),
  under construction (wire with a dateline, 4 May 2026, $35 billion);
- Mossgiel Cement's kiln plant in Missouri: announced (HTML, 3 November 2025), cancelled (a notice to
  shareholders with a dateline, 12 March 2026);
- Brantwood Energy's nuclear fuel plant in South Carolina, a separate project of the first company:
  announced (wire, 1 December 2025), then given another figure by an undated blog post.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FACT_SHEET = "factsheet-candidates.pdf"
SELECTED = "news-brantwood-selected.html"
GROUNDBREAKING = "wire-brantwood-groundbreaking.txt"
KILN = "news-mossgiel-kiln.html"
CANCELLATION = "notice-mossgiel-cancellation.txt"
FUEL = "wire-brantwood-fuel.txt"
FUEL_UNDATED = "blog-brantwood-fuel-undated.txt"

TEXTS = {
    GROUNDBREAKING: (
        "Brantwood breaks ground on Georgia reactors\n\n"
        "ATLANTA, May 4, 2026 -- Brantwood Energy Corp. broke ground on Monday on its $35 billion AP1000 "
        "reactor project at the Tillery site in Georgia.\n\n"
        "The utility said the first unit should deliver power in 2033. About 6,000 workers will be on site "
        "at the peak of construction, the company said.\n"
    ),
    KILN: (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Mossgiel Cement to build kiln plant in '
        'Missouri</title><meta property="article:published_time" content="2025-11-03T09:00:00Z"></head>'
        "<body><article><h1>Mossgiel Cement to build kiln plant in Missouri</h1>"
        "<p>Mossgiel Cement Co. will invest $1.2 billion in a kiln plant in Moberly, Missouri, the company "
        "said on Monday.</p><p>The plant would make low-carbon cement for highway projects across the "
        "Midwest and employ 400 people.</p></article></body></html>\n"
    ),
    CANCELLATION: (
        "NOTICE TO SHAREHOLDERS\n\n"
        "KANSAS CITY, March 12, 2026 -- Mossgiel Cement Co. said on Thursday it has cancelled its "
        "$1.2 billion kiln plant in Moberly, Missouri, citing weak demand for cement in the region.\n\n"
        "The company will return the land to the county.\n"
    ),
    SELECTED: (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Committee picks Brantwood reactors for '
        "first funding round</title>"
        '<meta property="article:published_time" content="2026-02-10T08:00:00Z"></head>'
        "<body><article><h1>Committee picks Brantwood reactors for first funding round</h1>"
        "<p>The investment committee selected a $33 billion reactor project in Georgia put forward by "
        "Brantwood Nuclear LLC, a unit of Brantwood Energy Corp., officials said on Tuesday.</p>"
        "<p>The project's figure was cut from the candidate list's estimate after a design review.</p>"
        "</article></body></html>\n"
    ),
    FUEL: (
        "Brantwood plans fuel plant in South Carolina\n\n"
        "COLUMBIA, S.C., Dec. 1, 2025 -- Brantwood Energy Corp. plans to invest $3 billion in a nuclear fuel "
        "fabrication plant in Columbia, South Carolina, the company said on Monday.\n\n"
        "The plant would supply fuel assemblies to reactors across the Southeast.\n"
    ),
    FUEL_UNDATED: (
        "Notes from the fuel cycle\n\n"
        "Brantwood Energy Corp. now puts its nuclear fuel fabrication plant in South Carolina at "
        "$3.4 billion, according to a filing.\n"
    ),
}


def write_fact_sheet(path: Path) -> None:
    """The fact sheet: a dated PDF whose table lists candidate projects."""
    styles = getSampleStyleSheet()
    table = Table(
        [
            ["Company", "Category", "Project", "Scale of business"],
            [
                "Brantwood Energy Corp.",
                "Energy",
                "Two AP1000 reactors at the Tillery site, Georgia",
                "Up to $40 billion",
            ],
        ],
        style=TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]),
    )
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [
            Paragraph("Fact Sheet: Strategic Investment Candidate Projects", styles["Title"]),
            Paragraph("14 October 2025 - Investment Promotion Office", styles["Normal"]),
            Spacer(1, 12),
            Paragraph("Table 1. Candidate projects by company", styles["Normal"]),
            table,
        ]
    )


def write_documents(folder: Path, names: tuple[str, ...] = (FACT_SHEET, *TEXTS)) -> list[Path]:
    """Write the named documents (all by default) into a folder; their paths, in the order given."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = folder / name
        if name == FACT_SHEET:
            write_fact_sheet(path)
        else:
            path.write_text(TEXTS[name], encoding="utf-8")
        paths.append(path)
    return paths
