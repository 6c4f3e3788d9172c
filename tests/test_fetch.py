"""The fetcher, the archive and link discovery against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import uuid
from datetime import date
from pathlib import Path

import pytest
from fetch_site import FetchSite
from typer.testing import CliRunner

from pipeline.acquire.discover import Crawler, extract_links, find_date
from pipeline.acquire.fetch import Fetcher
from pipeline.acquire.transport import is_public_address
from pipeline.acquire.warc_store import WarcArchive, read_archived
from pipeline.cli import app
from pipeline.config import FetchSettings
from pipeline.errors import AcquireError

# Local server, no waiting: every delay the fetcher would sleep is recorded instead (see `sleeps`).
FAST = FetchSettings(allow_private=True, rate_per_host=0, backoff=0.001, connect_timeout=2, read_timeout=2)


def unique(path: str) -> str:
    """A path no other test uses (the server counts hits per path)."""
    return f"{path}{uuid.uuid4().hex[:8]}"


@pytest.fixture
def sleeps() -> list[float]:
    """Delays the fetcher asked to sleep."""
    return []


def fetcher(
    settings: FetchSettings = FAST, archive: WarcArchive | None = None, sleeps: list[float] | None = None
):
    record = sleeps if sleeps is not None else []
    return Fetcher(settings, archive, sleep=record.append)


def failure(site: FetchSite, path: str, settings: FetchSettings = FAST) -> AcquireError:
    with fetcher(settings) as f, pytest.raises(AcquireError) as info:
        f.fetch(site.url(path))
    return info.value


def test_fetches_a_page_with_its_media_type_and_user_agent(fetch_site: FetchSite) -> None:
    with fetcher() as f:
        raw = f.fetch(fetch_site.url("/press/2025-03-01-grid-investment.html"))
        pdf = f.fetch(fetch_site.url("/files/factsheet-cables.pdf"))
    assert raw.media_type == "text/html"
    assert b"transformer manufacturing" in raw.content
    assert raw.final_url == fetch_site.url("/press/2025-03-01-grid-investment.html")
    assert pdf.media_type == "application/pdf"
    assert any(agent.startswith("pledgeline/") for agent in fetch_site.user_agents)


def test_retries_503_then_succeeds(fetch_site: FetchSite, sleeps: list[float]) -> None:
    path = unique("/flaky/")
    with fetcher(sleeps=sleeps) as f:
        raw = f.fetch(fetch_site.url(path))
    assert b"recovered" in raw.content
    assert fetch_site.hits[path] == 3
    assert sleeps == [0.0, 0.0]  # Retry-After: 0 from the server wins over the backoff


def test_backoff_doubles_without_retry_after_and_gives_up(fetch_site: FetchSite, sleeps: list[float]) -> None:
    # the server never says when to come back: the fetcher waits backoff, then twice that, then gives up
    settings = FAST.model_copy(update={"retries": 3, "backoff": 0.01})
    path = unique("/down/")
    with fetcher(settings, sleeps=sleeps) as f, pytest.raises(AcquireError) as info:
        f.fetch(fetch_site.url(path))
    assert info.value.kind == "http_503"
    assert fetch_site.hits[path] == 4
    assert sleeps == [0.01, 0.02, 0.04]


def test_retry_after_is_respected_and_capped(fetch_site: FetchSite, sleeps: list[float]) -> None:
    path = unique("/ratelimited/")
    with fetcher(sleeps=sleeps) as f:
        assert b"waiting" in f.fetch(fetch_site.url(path)).content
    assert sleeps == [7.0]
    capped = FAST.model_copy(update={"max_retry_after": 5})
    error = failure(fetch_site, unique("/ratelimited/"), capped)
    assert error.kind == "http_429"
    assert "try again later" in error.message


def test_slow_page_times_out(fetch_site: FetchSite) -> None:
    error = failure(fetch_site, "/slow", FAST.model_copy(update={"read_timeout": 0.3}))
    assert error.kind == "timeout"
    assert "--timeout" in error.message


def test_redirects_are_followed_and_loops_caught(fetch_site: FetchSite) -> None:
    with fetcher() as f:
        raw = f.fetch(fetch_site.url("/redirect"))
    assert raw.source == fetch_site.url("/redirect")
    assert raw.final_url == fetch_site.url("/press/2025-03-01-grid-investment.html")
    assert failure(fetch_site, "/loop/a").kind == "redirect_loop"
    assert failure(fetch_site, "/chain/0").kind == "too_many_redirects"
    assert fetch_site.hits["/chain/5"] == 1 and fetch_site.hits["/chain/6"] == 0
    assert failure(fetch_site, "/redirect-ftp").kind == "bad_url"  # every hop is checked


@pytest.mark.parametrize("path", ["/big", "/big-declared"])
def test_oversize_body_is_refused(fetch_site: FetchSite, path: str) -> None:
    error = failure(fetch_site, path, FAST.model_copy(update={"max_bytes": 100_000}))
    assert error.kind == "too_large"
    assert "--max-bytes" in error.message


def test_robots_txt_is_honoured(fetch_site: FetchSite) -> None:
    error = failure(fetch_site, "/private/secret.html")
    assert error.kind == "robots_disallowed"
    assert fetch_site.hits["/private/secret.html"] == 0
    with fetcher(FAST.model_copy(update={"respect_robots": False})) as f:
        assert b"Nobody" in f.fetch(fetch_site.url("/private/secret.html")).content


def test_http_errors_have_their_code(fetch_site: FetchSite) -> None:
    error = failure(fetch_site, "/notfound")
    assert error.kind == "http_404"
    assert failure(fetch_site, "/x", FAST).kind == "http_404"
    with fetcher() as f, pytest.raises(AcquireError) as info:
        f.fetch("ftp://127.0.0.1/file")
    assert info.value.kind == "bad_url"


def test_private_address_is_refused_without_the_flag(fetch_site: FetchSite) -> None:
    path = unique("/press/refused-")
    strict = FAST.model_copy(update={"allow_private": False})
    error = failure(fetch_site, path, strict)
    assert error.kind == "private_address"
    assert "--allow-private" in error.message
    assert fetch_site.hits[path] == 0
    with Fetcher(strict) as f, pytest.raises(AcquireError) as info:
        f.fetch(f"http://localhost:{fetch_site.port}/")
    assert info.value.kind == "private_address"


@pytest.mark.parametrize(
    ("address", "public"),
    [("127.0.0.1", False), ("10.1.2.3", False), ("169.254.169.254", False), ("::1", False),
     ("::ffff:192.168.0.1", False), ("224.0.0.1", False), ("0.0.0.0", False), ("240.0.0.1", False),
     ("8.8.8.8", True), ("2606:4700:4700::1111", True)],
)  # fmt: skip
def test_address_classes(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def test_unchanged_page_is_not_downloaded_again(fetch_site: FetchSite, tmp_path: Path) -> None:
    path = unique("/etag/")
    url = fetch_site.url(path)
    with WarcArchive(tmp_path) as archive, fetcher(archive=archive) as f:
        first = f.fetch(url)
    with WarcArchive(tmp_path) as archive, fetcher(archive=archive) as f:
        second = f.fetch(url)
    assert fetch_site.hits[path] == 2
    assert fetch_site.bodies[path] == 1  # the second answer was a 304
    assert second == first
    assert second.doc_id == first.doc_id
    assert len(list(tmp_path.glob("*.warc.gz"))) == 1


def test_archive_keeps_each_body_once_and_finds_it_by_url(fetch_site: FetchSite, tmp_path: Path) -> None:
    url = fetch_site.url("/files/factsheet-transformers.pdf")
    with WarcArchive(tmp_path) as archive, fetcher(archive=archive) as f:
        raw = f.fetch(url)
        again = f.fetch(url)  # no validators on this page: a 200 with the same bytes
        entry = archive.lookup(url)
    assert again.sha256 == raw.sha256
    assert entry is not None and entry.sha256 == raw.sha256 and entry.status == 200
    archived = read_archived(tmp_path, url)
    assert archived == raw
    assert read_archived(tmp_path, fetch_site.url("/never-fetched")) is None
    from warcio.archiveiterator import ArchiveIterator

    (warc,) = tmp_path.glob("*.warc.gz")
    with warc.open("rb") as handle:
        records = [r for r in ArchiveIterator(handle) if r.rec_type == "response"]
    assert len(records) == 1
    assert records[0].rec_headers.get_header("WARC-Target-URI") == url
    assert records[0].http_headers.get_header("Content-Type") == "application/pdf"


def test_links_and_dates() -> None:
    html = b"""<html><body><nav><a href="/about">About</a></nav><ul>
    <li>1 March 2025: <a href="r1.html#x">Release</a></li>
    <li><a href="mailto:a@b.c">Mail</a></li></ul></body></html>"""
    links = extract_links(html, "http://site.example/press/")
    assert [link.url for link in links] == ["http://site.example/press/r1.html"]
    assert find_date(links[0].context) == date(2025, 3, 1)
    assert find_date("/news/20240105-x") == date(2024, 1, 5)
    assert find_date("Posted March 9, 2024") == date(2024, 3, 9)
    assert find_date("no date here 2024") is None


def crawl(site: FetchSite, **options: object) -> list[str]:
    settings = FAST.model_copy(update={"follow": True, **options})
    crawler = Crawler([site.url("/press/index.html")], settings)
    fetched: list[str] = []
    with fetcher(settings) as f:
        for source in crawler:
            fetched.append(source.removeprefix(site.base))
            with contextlib.suppress(AcquireError):
                crawler.saw(f.fetch(source))
    return fetched


def test_follow_from_index_to_releases_and_pdfs(fetch_site: FetchSite) -> None:
    fetched = crawl(fetch_site)
    assert fetched[0] == "/press/index.html"
    assert set(fetched) == {
        "/press/index.html",
        "/press/2025-03-01-grid-investment.html",
        "/press/2025-03-02-cable-plant.html",
        "/press/2025-03-03-trade-talks.html",
        "/press/2019-05-01-old-release.html",
        "/news/article.html",
        "/private/secret.html",  # a failed document of the run (robots_disallowed)
        "/files/factsheet-transformers.pdf",
        "/files/factsheet-cables.pdf",
    }
    assert len(fetched) == len(set(fetched))


def test_follow_filters(fetch_site: FetchSite) -> None:
    assert "/press/2019-05-01-old-release.html" not in crawl(fetch_site, since=date(2025, 1, 1))
    only_press = crawl(fetch_site, include=(r"/press/", r"\.pdf$"), exclude=(r"trade",))
    assert "/news/article.html" not in only_press and "/press/2025-03-03-trade-talks.html" not in only_press
    assert "/files/factsheet-cables.pdf" in only_press
    assert len(crawl(fetch_site, max_pages=2)) == 3


def test_run_follow_end_to_end(fetch_site: FetchSite, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["--quiet", "run", fetch_site.url("/press/index.html"), "--follow", "--allow-private", "--rate", "0",
         "--since", "2025-01-01", "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    documents = [json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()]
    records = [json.loads(line) for line in (out / "records.jsonl").read_text().splitlines()]
    by_source = {d["source"].removeprefix(fetch_site.base): d for d in documents}
    assert "/press/index.html" in by_source
    assert by_source["/private/secret.html"]["status"] == "failed"
    assert by_source["/private/secret.html"]["error"]["kind"] == "robots_disallowed"
    pdf = by_source["/files/factsheet-transformers.pdf"]
    assert pdf["status"] == "ok" and "Example Heavy Industries" in pdf["companies"]
    assert {"value": 2e9, "currency": "USD"} in pdf["amounts"]
    sponsors = {(r["sponsor"], r["amount"]["value"]) for r in records if r["amount"]}
    assert ("Example Heavy Industries", 2e9) in sponsors
    assert ("Northwind Cable Systems", 5e8) in sponsors
    assert list((out / "archive").glob("*.warc.gz"))


def test_fetch_command_archives_urls_from_a_file_and_stdin(fetch_site: FetchSite, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# releases\n{fetch_site.url('/press/2025-03-02-cable-plant.html')}\n\n")
    archive = tmp_path / "archive"
    common = ["--archive", str(archive), "--allow-private", "--rate", "0"]
    result = CliRunner().invoke(app, ["--quiet", "fetch", "--urls", str(listing), *common])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok\ttext/html\t")
    result = CliRunner().invoke(
        app,
        ["--quiet", "fetch", "--urls", "-", *common, "--fail-on-error"],
        input=fetch_site.url("/notfound"),
    )
    assert result.exit_code == 1
    assert result.output.split("\t")[:2] == ["failed", "http_404"]
    raw = read_archived(archive, fetch_site.url("/press/2025-03-02-cable-plant.html"))
    assert raw is not None and b"Northwind" in raw.content
    assert CliRunner().invoke(app, ["fetch", "--archive", str(archive)]).exit_code == 2
    assert CliRunner().invoke(app, ["fetch", "not-a-url", "--archive", str(archive)]).exit_code == 2


def test_fetch_command_follows_links_on_threads(fetch_site: FetchSite, tmp_path: Path) -> None:
    args = [
        "--quiet",
        "fetch",
        fetch_site.url("/press/index.html"),
        "--follow",
        "--allow-private",
        "--rate",
        "0",
    ]
    result = CliRunner().invoke(app, [*args, "--archive", str(tmp_path), "--workers", "3"])
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.output.splitlines()]
    fetched = {line[-1].removeprefix(fetch_site.base) for line in lines if line[0] == "ok"}
    assert {
        "/press/index.html",
        "/files/factsheet-transformers.pdf",
        "/files/factsheet-cables.pdf",
    } <= fetched
    assert ["failed", "robots_disallowed"] in [line[:2] for line in lines]


def test_rate_limit_spaces_requests_to_a_host(fetch_site: FetchSite, sleeps: list[float]) -> None:
    # One request per 1000 s: the waits are recorded, not slept, so the spacing shows without a clock.
    settings = FAST.model_copy(update={"rate_per_host": 0.001})
    with fetcher(settings, sleeps=sleeps) as f:
        f.fetch(fetch_site.url("/press/2025-03-03-trade-talks.html"))
        f.fetch(fetch_site.url("/press/2025-03-02-cable-plant.html"))
    # robots.txt goes first; each page then waits for its own slot, one interval after the previous one
    assert len(sleeps) == 2
    assert 990 < sleeps[0] <= 1000 and 1990 < sleeps[1] <= 2000


def test_rerun_of_unchanged_urls_keeps_doc_ids(fetch_site: FetchSite, tmp_path: Path) -> None:
    url = fetch_site.url(unique("/etag/"))
    path = url.removeprefix(fetch_site.base)
    args = ["--quiet", "run", url, "--allow-private", "--rate", "0", "--out", str(tmp_path)]
    assert CliRunner().invoke(app, args).exit_code == 0
    first = (tmp_path / "documents.jsonl").read_text()
    assert CliRunner().invoke(app, args).exit_code == 0
    assert (tmp_path / "documents.jsonl").read_text() == first
    assert json.loads(first)["status"] == "ok"
    assert fetch_site.hits[path] == 2 and fetch_site.bodies[path] == 1


def test_text_command_fetches_a_url(fetch_site: FetchSite) -> None:
    url = fetch_site.url("/files/factsheet-transformers.pdf")
    result = CliRunner().invoke(app, ["text", url, "--allow-private"])
    assert result.exit_code == 0, result.output
    assert "Example Heavy Industries Corp. plans to invest up to $2 billion" in result.output
    refused = CliRunner().invoke(app, ["text", url])
    assert refused.exit_code == 1
