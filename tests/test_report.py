"""Report: the HTML review page, its highlights and escaping, and how it renders in headless Chromium."""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from lifecycle_docs import write_documents
from typer.testing import CliRunner

from pipeline import run
from pipeline.cli import app
from pipeline.output.export import RunOutput, load_output
from pipeline.output.merge import merge
from pipeline.output.report import REPORT, highlights, marked_html, render_report, sector_totals, write_report
from schemas import Amount, DocumentOut, Evidence, ProjectRecord
from tests.shared_paths import DEV_DOCS, skip_without_shared

DOCS = (
    "factsheet-japan-us-candidate-projects.pdf",
    "news-pacificledger-factsheet-energy.html",
    "wire-nuclear-mhi-westinghouse.txt",
    "news-gridwire-ai-power-suppliers.html",
)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_TIMEOUT = 120  # seconds; a cold start on a busy 2-core runner is slow
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def _record(text: str, sponsor: str, **extra: object) -> ProjectRecord:
    return ProjectRecord(
        record_id="0123456789abcdef",
        doc_id="fedcba9876543210",
        source="wire.txt",
        sponsor=sponsor,
        sector="energy",
        amount=Amount(value=25e9, currency="USD", qualifier="up_to", usd=25e9),
        evidence=Evidence(text=text, start=0, end=len(text)),
        **extra,  # type: ignore[arg-type]
    )


CUES = {"energy": ["nuclear", "reactors"]}


def test_highlights_name_amount_and_sector_cue() -> None:
    text = "Toshiba's unit will invest up to $25 billion in nuclear reactors with Bechtel."
    record = _record(text, "Toshiba", participants=["Bechtel"])
    marks = {(text[m.start : m.end], m.label) for m in highlights(record, CUES)}
    assert marks == {
        ("Toshiba", "sponsor"),
        ("$25 billion", "amount"),
        ("nuclear", "sector"),
        ("reactors", "sector"),
        ("Bechtel", "participant"),
    }


def test_highlight_finds_a_shortened_company_name() -> None:
    text = "Westinghouse plans up to $25 billion."
    marks = highlights(_record(text, "Westinghouse Electric"), CUES)
    assert ("Westinghouse", "sponsor") in {(text[m.start : m.end], m.label) for m in marks}


def test_document_text_is_escaped() -> None:
    text = 'Evil <script>alert("x")</script> & Co pledges up to $25 billion.'
    record = _record(text, "Evil <script>")
    page = marked_html(text, highlights(record, CUES))
    assert "<script>" not in page and "&lt;script&gt;" in page and "&amp; Co" in page
    output = RunOutput(
        documents=[DocumentOut(doc_id="fedcba9876543210", source="wire.txt", status="ok")],
        records=[record],
        projects=merge([record]),
    )
    html_page = render_report(output)
    assert html_page.count("<script>") == 1  # only the page's own script
    assert "&lt;script&gt;" in html_page


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunOutput]:
    skip_without_shared(DEV_DOCS)
    out = tmp_path_factory.mktemp("out")
    run([str(DEV_DOCS / name) for name in DOCS], out=out)
    return write_report(out), load_output(out)


def test_report_is_self_contained(report: tuple[Path, RunOutput]) -> None:
    page = report[0].read_text(encoding="utf-8")
    assert "<style>" in page and "<script>" in page and "<svg" in page
    for needle in ("http://", "https://", "<link", "src="):
        assert needle not in page.replace("http://www.w3.org/2000/svg", ""), needle
    assert page.count('class="project"') == len(report[1].projects)


def test_cli_report_writes_into_the_output_folder(report: tuple[Path, RunOutput], tmp_path: Path) -> None:
    out = report[0].parent
    result = CliRunner().invoke(app, ["report", str(out), "--output", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.html").read_bytes() == (out / REPORT).read_bytes()


class _Rows(HTMLParser):
    """The project rows of a dumped DOM, with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str | None]] = []
        self.body: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "tr" and found.get("class") == "project":
            self.rows.append(found)
        elif tag == "body":
            self.body = found


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install -y chromium); CI installs it")
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    return subprocess.run(
        [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=CHROMIUM_TIMEOUT,
        check=True,
    )


def test_chromium_renders_all_projects(report: tuple[Path, RunOutput], tmp_path: Path) -> None:
    dom = _chromium(tmp_path, "--dump-dom", report[0].as_uri()).stdout
    rows = _Rows()
    rows.feed(dom)
    assert rows.body.get("data-ready") == "true", "the page's script did not run"
    assert len(rows.rows) == len(report[1].projects) > 0
    assert not any("hidden" in row for row in rows.rows)
    assert f"{len(report[1].projects)} of {len(report[1].projects)} projects" in dom


def test_chromium_filters_by_sector_from_the_url_hash(report: tuple[Path, RunOutput], tmp_path: Path) -> None:
    energy = [p for p in report[1].projects if p.sector == "energy"]
    assert 0 < len(energy) < len(report[1].projects)
    dom = _chromium(tmp_path, "--dump-dom", report[0].as_uri() + "#sector=energy").stdout
    rows = _Rows()
    rows.feed(dom)
    shown = [row for row in rows.rows if "hidden" not in row]
    assert {row["data-sector"] for row in shown} == {"energy"}
    assert {row["data-project-id"] for row in shown} == {p.project_id for p in energy}


def test_chromium_screenshot(report: tuple[Path, RunOutput], tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,900", report[0].as_uri() + "#open=all")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def lifecycle_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunOutput]:
    docs = write_documents(tmp_path_factory.mktemp("lifecycle-docs"))
    out = tmp_path_factory.mktemp("lifecycle-out")
    run([str(p) for p in docs], out=out)
    return write_report(out), load_output(out)


class _Steps(HTMLParser):
    """The timeline steps of each project row: (status, date, stage, figure)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[list[str]]] = {}
        self._row = ""
        self._field = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "tr" and found.get("class") == "project":
            self._row = str(found["data-project-id"])
            self.rows[self._row] = []
        elif tag == "li" and "step" in str(found.get("class")):
            self.rows[self._row].append([str(found["data-status"])])
        elif tag == "span" and found.get("class") in {"when", "stage", "fig"}:
            self._field = str(found["class"])

    def handle_data(self, data: str) -> None:
        if self._field:
            self.rows[self._row][-1].append(data)
            self._field = ""


def test_each_project_shows_its_timeline_of_dated_steps(lifecycle_report: tuple[Path, RunOutput]) -> None:
    steps = _Steps()
    steps.feed(lifecycle_report[0].read_text(encoding="utf-8"))
    by_company = {(p.company, p.status): steps.rows[p.project_id] for p in lifecycle_report[1].projects}
    assert by_company[("Brantwood Energy", "under_construction")] == [
        ["candidate", "2025-10-14", "candidate", "up to USD 40.0B"],
        ["selected", "2026-02-10", "selected", "USD 33.0B"],
        ["under_construction", "2026-05-04", "under construction", "USD 35.0B"],
    ]
    assert by_company[("Mossgiel Cement", "cancelled")][-1] == [
        "cancelled",
        "2026-03-12",
        "cancelled",
        "USD 1.2B",
    ]
    assert by_company[("Brantwood Energy", "announced")][-1] == [
        "announced",
        "undated",
        "announced",
        "USD 3.4B",
    ]


def test_cancelled_projects_are_left_out_of_the_totals(lifecycle_report: tuple[Path, RunOutput]) -> None:
    assert sector_totals(lifecycle_report[1].projects) == {"energy": 38e9}


def test_report_status_option_keeps_only_those_projects(
    lifecycle_report: tuple[Path, RunOutput], tmp_path: Path
) -> None:
    out = lifecycle_report[0].parent
    page = tmp_path / "cancelled.html"
    result = CliRunner().invoke(app, ["report", str(out), "--status", "cancelled", "--output", str(page)])
    assert result.exit_code == 0, result.output
    rows = _Rows()
    rows.feed(page.read_text(encoding="utf-8"))
    assert [row["data-company"] for row in rows.rows] == ["mossgiel cement"]
    result = CliRunner().invoke(app, ["report", str(out), "--status", "built", "--output", str(page)])
    assert result.exit_code == 2 and "unknown status built" in result.output


def test_chromium_filters_by_status_from_the_url_hash(
    lifecycle_report: tuple[Path, RunOutput], tmp_path: Path
) -> None:
    dom = _chromium(tmp_path, "--dump-dom", lifecycle_report[0].as_uri() + "#status=cancelled").stdout
    rows = _Rows()
    rows.feed(dom)
    assert rows.body.get("data-ready") == "true", "the page's script did not run"
    shown = [row for row in rows.rows if "hidden" not in row]
    assert [row["data-status"] for row in shown] == ["cancelled"]
    assert "1 of 3 projects" in dom
