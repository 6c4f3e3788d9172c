"""Archives: JSONL lines and WARC response records as documents; a broken record fails alone."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.acquire.archives import is_archive, read_archive
from pipeline.errors import AcquireError
from pipeline.run import run
from schemas import RawDocument

# warcio's record builder leaves a SpooledTemporaryFile for the GC to close while it digests a record.
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")

PAGE = "<html><body><article><h1>{title}</h1><p>{body}</p></article></body></html>"


def _record(gzip: bool, kind: str, url: str, body: bytes = b"") -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    if kind == "response":
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
    elif kind == "request":
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.test")], is_http_request=True)
        record = writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=http)
    elif kind == "warcinfo":
        record = writer.create_warcinfo_record("test.warc", {"software": "tests"})
    else:
        record = writer.create_warc_record(url, kind, payload=io.BytesIO(b"x: y\r\n"))
    writer.write_record(record)
    return buffer.getvalue()


def _page(n: int) -> bytes:
    body = f"Kestrel Power Corp. will invest ${n} billion in a battery plant in Ohio, it said on Monday."
    return PAGE.format(title=f"Story {n}", body=body).encode()


def _warc(path: Path, gzip: bool, truncate_third: bool) -> Path:
    records = [
        _record(gzip, "warcinfo", ""),
        _record(gzip, "request", "https://news.example.test/1"),
        _record(gzip, "response", "https://news.example.test/1", _page(1)),
        _record(gzip, "metadata", "https://news.example.test/1"),
        _record(gzip, "response", "https://news.example.test/2", _page(2)),
        _record(gzip, "response", "https://news.example.test/3", _page(3)),
    ]
    if truncate_third:
        records[4] = records[4][: len(records[4]) - 60]  # the record with page 2 loses its end
    path.write_bytes(b"".join(records))
    return path


@pytest.mark.parametrize("gzip", [True, False], ids=["warc.gz", "warc"])
def test_warc_responses_are_documents_and_a_truncated_record_fails_alone(tmp_path: Path, gzip: bool) -> None:
    path = _warc(tmp_path / ("a.warc.gz" if gzip else "a.warc"), gzip, truncate_third=True)
    items = list(read_archive(str(path), max_bytes=10_000_000))
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, AcquireError)]
    assert [d.source for d in docs] == ["https://news.example.test/1", "https://news.example.test/3"]
    assert len(errors) == 1 and errors[0].kind == "corrupt"
    assert errors[0].source == f"{path}#5"
    assert b"$3 billion" in docs[1].content


def test_an_intact_warc_gives_every_response(tmp_path: Path) -> None:
    path = _warc(tmp_path / "a.warc.gz", True, truncate_third=False)
    items = list(read_archive(str(path), max_bytes=10_000_000))
    assert all(isinstance(i, RawDocument) for i in items)
    assert [i.source for i in items] == [f"https://news.example.test/{n}" for n in (1, 2, 3)]


def test_jsonl_lines_with_a_broken_line_in_the_middle(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    lines = [
        json.dumps(
            {"url": "https://a.test/1", "title": "One", "text": "Alpha text.", "published": "2025-01-02"}
        ),
        '{"url": "https://a.test/2", "text": ',
        "",
        json.dumps({"title": "Three", "html": "<html><body><p>Third story.</p></body></html>"}),
        json.dumps({"url": "https://a.test/4", "title": "Nothing"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    items = list(read_archive(str(path), max_bytes=10_000_000))
    first, broken, third, empty = items
    assert isinstance(first, RawDocument)
    assert (first.source, first.title_hint, first.published_hint) == ("https://a.test/1", "One", "2025-01-02")
    assert isinstance(broken, AcquireError) and broken.kind == "corrupt" and broken.source == f"{path}#2"
    assert isinstance(third, RawDocument) and third.source == f"{path}#3" and third.media_type == "text/html"
    assert isinstance(empty, AcquireError) and empty.kind == "no_text"


def test_a_run_over_jsonl_and_warc_writes_one_document_per_article(tmp_path: Path) -> None:
    jsonl = tmp_path / "in" / "a.jsonl"
    jsonl.parent.mkdir()
    jsonl.write_text(
        json.dumps(
            {
                "url": "https://a.test/1",
                "title": "T1",
                "text": "Harbor Steel Corp. will invest $2 billion in a steel mill in Ohio.",
                "published": "2025-01-02",
            }
        )
        + "\n{oops\n"
    )
    _warc(tmp_path / "in" / "b.warc.gz", True, truncate_third=True)
    result = run([str(tmp_path / "in")], tmp_path / "out")
    by_source = {d.source: d for d in result.documents}
    assert by_source["https://a.test/1"].title == "T1"
    assert by_source["https://a.test/1"].published == "2025-01-02"
    assert by_source[f"{jsonl}#2"].error is not None and by_source[f"{jsonl}#2"].error.kind == "corrupt"
    assert result.failed == 2 and result.ok == 3
    assert {r.source for r in result.records} >= {"https://a.test/1", "https://news.example.test/3"}


def test_archive_names() -> None:
    assert is_archive("x/a.jsonl") and is_archive("a.WARC.gz") and is_archive("a.warc")
    assert not is_archive("a.json") and not is_archive("a.html")
