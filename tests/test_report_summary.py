"""The review page counts documents right, lists the failed documents and the rejects, and says which
projects the US-dollar totals leave out."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from pipeline.output.report import write_report
from pipeline.output.write import REJECTS
from pipeline.run import run
from schemas import RejectOut

DOCUMENTS = {
    "kumo.txt": "Dock plan for Nagasaki\n\n"
    "Kumo Shipbuilding K.K. will invest 150 billion yen in a new dock in Nagasaki, it said on Monday.\n",
    "voss.txt": "Plant for Saxony\n\n"
    "Voss Elektrik AG will invest EUR 2 billion in a cable plant in Saxony.\n",
    "marrow.txt": "Kiln plant for Kansas\n\n"
    "Marrow Point Ceramics Corp. will invest $1 billion in a kiln plant in Kansas.\n",
}


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The report of a run with 3 documents that go through, 2 that fail and 1 rejected candidate."""
    root = tmp_path_factory.mktemp("report")
    (root / "in").mkdir()
    for name, text in DOCUMENTS.items():
        (root / "in" / name).write_text(text)
    (root / "in" / "broken.pdf").write_bytes(b"%PDF-1.4 not a PDF <at all>")
    (root / "in" / "junk.txt").write_bytes(bytes(range(256)) * 8)
    out = root / "out"
    result = run([str(root / "in")], out=out)
    assert (result.ok, result.failed) == (3, 2)
    # A candidate that failed validation, as the validate stage writes it (no rule of these texts makes one).
    reject = RejectOut(
        doc_id=result.documents[0].doc_id,
        source=result.documents[0].source,
        candidate={"sponsor": "Orrin & <Sons>", "value": 5e8, "currency": "USD"},
        reasons=["evidence: text does not match the document at its offsets"],
    )
    with (out / REJECTS).open("a", encoding="utf-8") as handle:
        handle.write(reject.model_dump_json() + "\n")
    return write_report(out).read_text(encoding="utf-8")


def _section(page: str, heading: str) -> str:
    return page.split(f"<h2>{heading}</h2>", 1)[1].split("</section>", 1)[0]


def test_the_summary_counts_every_document_with_the_failed_among_them(page: str) -> None:
    summary = re.search(r"<header>.*?<p>(.*?)</p>", page, re.S)
    assert summary is not None
    assert html.unescape(summary.group(1)) == (
        "3 projects from 3 records in 5 documents (3 ok, 2 failed); 1 rejected candidate."
    )


def test_failed_documents_are_listed_with_their_kind_and_message(page: str) -> None:
    failures = _section(page, "Failed documents")
    assert failures.count("<tr>") == 3  # the header and two documents
    assert "broken.pdf" in failures and "junk.txt" in failures
    assert failures.count("<td>corrupt</td>") == 2
    assert "binary data, not text" in failures


def test_rejects_are_listed_with_their_reasons_escaped(page: str) -> None:
    rejects = _section(page, "Rejected candidates")
    assert "Orrin &amp; &lt;Sons&gt;" in rejects and "<Sons>" not in rejects
    assert "USD 500.0M" in rejects
    assert "evidence: text does not match the document at its offsets" in rejects


def test_the_totals_say_which_projects_they_leave_out(page: str) -> None:
    totals = page.split("<h2>Totals by sector", 1)[1].split("</section>", 1)[0]
    note = re.search(r'<p class="note" id="left-out">(.*?)</p>', totals)
    assert note is not None
    assert html.unescape(note.group(1)) == (
        "2 projects are not in these totals: no US-dollar value is known for their figures "
        "(1 in EUR, 1 in JPY)."
    )


def test_no_note_when_every_project_has_a_dollar_figure(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "marrow.txt").write_text(DOCUMENTS["marrow.txt"])
    run([str(tmp_path / "in")], out=tmp_path / "out")
    page = write_report(tmp_path / "out").read_text(encoding="utf-8")
    assert 'id="left-out"' not in page
    assert "No document failed." in page and "No candidate was rejected." in page
