"""Every reader is bounded while it reads: archive lines and records, gzip members, devices and FIFOs.

The bombs are real and made here: a few kilobytes that inflate far past a small --max-bytes. Memory is
measured with tracemalloc (what the reader allocates), so the inflation stays small and the test fast.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import threading
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.acquire import count_records, read_archive, read_file
from pipeline.cli import app
from pipeline.config import ParseSettings, RunSettings, Settings
from pipeline.errors import AcquireError
from pipeline.run import run
from schemas import RawDocument

# warcio's record builder leaves a SpooledTemporaryFile for the GC to close while it digests a record.
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")

LIMIT = 10_000  # --max-bytes of these tests
INFLATED = 40_000_000  # what each bomb inflates to: 4,000 times the limit, from a few kilobytes
PEAK = 16_000_000  # a bounded reader holds a few MB at once whatever the bomb, far below INFLATED


def _story(n: int) -> str:
    return (
        f"Blade plant number {n} for Iowa\n\n"
        f"Alder Grove Turbines Corp. will invest ${n} billion in a wind blade plant in Iowa, it said.\n"
    )


def _peak(work: Callable[[], object]) -> tuple[object, int]:
    """What `work` returns and the most memory Python held for it at once."""
    tracemalloc.start()
    try:
        result = work()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def _jsonl_gz_bomb(path: Path) -> Path:
    """A .jsonl.gz of three articles; the second is one line that inflates to INFLATED bytes."""
    with gzip.open(path, "wb") as handle:
        handle.write(orjson.dumps({"url": "https://news.example.test/1", "text": _story(1)}) + b"\n")
        handle.write(b'{"url": "https://news.example.test/2", "text": "')
        for _ in range(INFLATED // 1_000_000):
            handle.write(b" " * 1_000_000)
        handle.write(b'"}\n')
        handle.write(orjson.dumps({"url": "https://news.example.test/3", "text": _story(3)}) + b"\n")
    assert path.stat().st_size < 100_000
    return path


def _warc_record(url: str, body: bytes, headers: list[tuple[str, str]] | None = None) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    http = StatusAndHeaders(
        "200 OK", [("Content-Type", "text/plain; charset=utf-8"), *(headers or [])], protocol="HTTP/1.1"
    )
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http
    )
    writer.write_record(record)
    return buffer.getvalue()


def _warc_gz_bomb(path: Path, in_header: bool = False) -> Path:
    """A .warc.gz of three responses; the second inflates to INFLATED bytes (body, or one header line)."""
    site = "https://wire.example.test"
    if in_header:
        bomb = _warc_record(f"{site}/5", b"short", [("X-Padding", "a" * INFLATED)])
    else:
        bomb = _warc_record(f"{site}/5", b" " * INFLATED)
    path.write_bytes(
        _warc_record(f"{site}/4", _story(4).encode()) + bomb + _warc_record(f"{site}/6", _story(6).encode())
    )
    assert path.stat().st_size < 200_000
    return path


def _kinds(items: list[RawDocument | AcquireError]) -> list[str]:
    return ["ok" if isinstance(i, RawDocument) else i.kind for i in items]


def test_a_jsonl_gz_line_that_inflates_past_the_limit_is_too_large_and_read_in_bounded_memory(
    tmp_path: Path,
) -> None:
    path = _jsonl_gz_bomb(tmp_path / "articles.jsonl.gz")
    items, peak = _peak(lambda: list(read_archive(str(path), max_bytes=LIMIT)))
    assert isinstance(items, list)
    assert _kinds(items) == ["ok", "too_large", "ok"]
    assert "raise --max-bytes" in items[1].message and items[1].source == f"{path}#2"
    assert peak < PEAK, f"the reader held {peak} bytes at once"


def test_a_plain_jsonl_line_past_the_limit_is_counted_and_read_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    with gzip.open(_jsonl_gz_bomb(tmp_path / "a.jsonl.gz")) as packed, path.open("wb") as handle:
        while chunk := packed.read(1 << 20):
            handle.write(chunk)
    count, peak = _peak(lambda: count_records(str(path)))
    assert count == 3 and peak < PEAK
    items, peak = _peak(lambda: list(read_archive(str(path), max_bytes=LIMIT)))
    assert isinstance(items, list) and _kinds(items) == ["ok", "too_large", "ok"]
    assert peak < PEAK


@pytest.mark.parametrize("in_header", [False, True], ids=["body", "header line"])
def test_a_warc_gz_record_that_inflates_past_the_limit_is_too_large_and_read_in_bounded_memory(
    tmp_path: Path, in_header: bool
) -> None:
    path = _warc_gz_bomb(tmp_path / "crawl.warc.gz", in_header)
    items, peak = _peak(lambda: list(read_archive(str(path), max_bytes=LIMIT)))
    assert isinstance(items, list)
    assert _kinds(items) == ["ok", "too_large", "ok"]
    assert items[1].message  # never an empty message
    assert peak < PEAK, f"the reader held {peak} bytes at once"


def test_the_run_goes_on_past_both_bombs_with_a_small_max_bytes(tmp_path: Path) -> None:
    inputs = [
        str(_jsonl_gz_bomb(tmp_path / "articles.jsonl.gz")),
        str(_warc_gz_bomb(tmp_path / "crawl.warc.gz")),
    ]
    result = CliRunner().invoke(
        app, ["run", *inputs, "--out", str(tmp_path / "out"), "--max-bytes", str(LIMIT), "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    documents = [json.loads(line) for line in (tmp_path / "out" / "documents.jsonl").read_text().splitlines()]
    kinds = [d["error"]["kind"] if d["error"] else d["status"] for d in documents]
    assert kinds == ["ok", "too_large", "ok", "ok", "too_large", "ok"]
    assert all(d["error"]["message"] for d in documents if d["error"])


def test_dev_zero_is_too_large_not_read_forever(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    with pytest.raises(AcquireError) as caught:
        read_file(Path("/dev/zero"), max_bytes=LIMIT)
    assert caught.value.kind == "too_large" and "raise --max-bytes" in caught.value.message


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Callable[[bytes], Path]]:
    """A FIFO that a thread fills with the given bytes, then closes."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    threads: list[threading.Thread] = []

    def make(content: bytes) -> Path:
        path = tmp_path / f"pipe-{len(threads)}.txt"
        os.mkfifo(path)

        def write() -> None:
            # the reader may stop at the limit and close its end, as it should
            with contextlib.suppress(BrokenPipeError), path.open("wb") as handle:
                handle.write(content)

        thread = threading.Thread(target=write, daemon=True)
        thread.start()
        threads.append(thread)
        return path

    yield make
    for thread in threads:
        thread.join(timeout=10)


def test_a_fifo_past_the_limit_is_too_large_and_a_small_one_is_a_document(
    tmp_path: Path, fifo: Callable[[bytes], Path]
) -> None:
    big, small = fifo(b"word " * (LIMIT // 2)), fifo(_story(7).encode())
    settings = Settings(parse=ParseSettings(max_bytes=LIMIT), run=RunSettings(workers=1))
    result = run([str(big), str(small)], out=tmp_path / "out", settings=settings)
    kinds = [d.error.kind if d.error else d.status for d in result.documents]
    assert kinds == ["too_large", "ok"]
    assert result.records and result.records[0].sponsor.startswith("Alder Grove Turbines")
