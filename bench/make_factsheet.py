"""Write a long, invented fact-sheet PDF for the PDF-parse benchmark: mostly prose pages, some table pages.

    .venv/bin/python bench/make_factsheet.py --pages 200 --out /tmp/factsheet-200.pdf

Every page has a running header (with a rule under it), a footer and "Page X of Y". Every
`--table-every`-th page holds a ruled table of invented projects; a table may run onto the next page.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

_BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=14, spaceAfter=6)
_CELL = ParagraphStyle("cell", parent=_BODY, fontSize=9, leading=12, spaceAfter=0)
_HEAD = ParagraphStyle("head", parent=_BODY, fontName="Helvetica-Bold", fontSize=12, leading=16)

_NOUNS = ["grid", "plant", "port", "refinery", "campus", "corridor", "terminal", "line", "mill", "network"]
_VERBS = ["expands", "supports", "links", "upgrades", "serves", "anchors", "supplies", "extends"]
_ADJS = ["regional", "coastal", "northern", "modular", "integrated", "secondary", "long-haul", "shared"]
_STEMS = ["Aldmere", "Brisk", "Cobalt Reach", "Dunmore", "Eastvale", "Fernhill", "Glasswing", "Harrowgate"]
_SUFFIXES = ["Industries", "Holdings", "Energy Corp.", "Logistics Inc.", "Materials Ltd.", "Systems"]
_SECTORS = ["Energy", "Logistics", "Critical minerals", "Manufacturing", "AI infrastructure"]
ROWS_PER_TABLE = 12


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_ADJS), rng.choice(_NOUNS), rng.choice(_VERBS), "the", rng.choice(_ADJS)]
    words += [rng.choice(_NOUNS), "while", "the", rng.choice(_NOUNS), rng.choice(_VERBS), "local", "demand"]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> Paragraph:
    return Paragraph(" ".join(_sentence(rng) for _ in range(rng.randint(4, 6))), _BODY)


def _project_table(rng: random.Random, rows: int) -> Table:
    data: list[list[Any]] = [["Company", "Category", "Project", "Scale"]]
    for _ in range(rows):
        company = f"{rng.choice(_STEMS)} {rng.choice(_SUFFIXES)}"
        project = (
            f"{rng.choice(_ADJS).capitalize()} {rng.choice(_NOUNS)} that {rng.choice(_VERBS)} nearby sites"
        )
        scale = f"Up to ${rng.randint(2, 90) * 50} million"
        data.append([company, rng.choice(_SECTORS), Paragraph(project, _CELL), scale])
    table = Table(data, colWidths=[45 * mm, 32 * mm, 65 * mm, 30 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def make_factsheet(path: Path, pages: int = 200, table_every: int = 10, seed: int = 7) -> Path:
    """Write the benchmark PDF with `pages` pages, one in `table_every` holding a table."""
    rng = random.Random(seed)
    story: list[Any] = []
    for number in range(1, pages + 1):
        story.append(Paragraph(f"Section {number}. Regional investment outlook", _HEAD))
        if number % table_every == 0:
            story.append(_paragraph(rng))
            story.append(_project_table(rng, ROWS_PER_TABLE))
        else:
            story += [_paragraph(rng) for _ in range(6)]
        if number < pages:
            story.append(PageBreak())

    def decorate(canvas: Any, doc: Any) -> None:
        width, height = A4
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(20 * mm, height - 12 * mm, "Invented Fact Sheet | Regional Investment Outlook")
        canvas.line(20 * mm, height - 14 * mm, width - 20 * mm, height - 14 * mm)
        canvas.drawString(20 * mm, 10 * mm, "Benchmark material - not an official publication")
        canvas.drawRightString(width - 20 * mm, 10 * mm, f"Page {doc.page} of {pages}")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=A4, topMargin=22 * mm, bottomMargin=20 * mm)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return path


def main() -> None:
    """Command line: write the benchmark fact sheet."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--table-every", type=int, default=10)
    parser.add_argument("--out", type=Path, default=Path("/tmp/pledgeline-factsheet-200.pdf"))
    args = parser.parse_args()
    print(make_factsheet(args.out, args.pages, args.table_every))


if __name__ == "__main__":
    main()
