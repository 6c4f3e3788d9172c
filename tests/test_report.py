"""Report: the HTML review page, its highlights and escaping, and how it renders in headless Chromium."""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline import run
from pipeline.cli import app
from pipeline.output.export import RunOutput, load_output
from pipeline.output.merge import merge
from pipeline.output.report import REPORT, highlights, marked_html, render_report, write_report
from schemas import Amount, DocumentOut, Evidence, ProjectRecord

DEV_DOCS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev" / "docs"
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
    if not DEV_DOCS.is_dir():
        pytest.skip(f"dev corpus not found at {DEV_DOCS}")
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
