"""Archives: JSONL article dumps and WARC files, read as a stream of RawDocuments.

Each article is a document. Its source is its URL where the archive gives one, else `ARCHIVE_PATH#N` with
N the 1-based record number. A broken record (a line that is not JSON, a truncated or garbled WARC record)
comes out as an AcquireError of kind `corrupt` in its place, and the rest of the archive is still read.

Every read is bounded while it happens, so a small compressed record that inflates to gigabytes costs no
more memory than the limit: a body over `max_bytes` is `too_large`; so is a JSONL line over
`line_limit(max_bytes)` (the body's JSON escapes and the other fields need room) and a WARC header line over
_MAX_HEADER_LINE. What lies beyond a limit is skipped in bounded pieces, and the next record is read.
"""

from __future__ import annotations

import gzip
import logging
import zlib
from collections.abc import Iterator
from datetime import datetime
from typing import Any, BinaryIO

import orjson

from pipeline.acquire.raw import printable_source, raw_from_bytes
from pipeline.errors import AcquireError
from schemas import RawDocument

log = logging.getLogger(__name__)

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz")
_WARC_MAGIC = b"WARC/1."
_GZIP_MAGIC = b"\x1f\x8b\x08"
_SCAN_CHUNK = 1 << 20

ArchiveItem = RawDocument | AcquireError


def is_archive(source: str) -> bool:
    """Whether a path names an archive of many documents (by its name: .jsonl, .warc, .warc.gz)."""
    return source.lower().endswith((*JSONL_SUFFIXES, *WARC_SUFFIXES))


def read_archive(path: str, *, max_bytes: int) -> Iterator[ArchiveItem]:
    """Every article of an archive, in order; a broken record as an AcquireError in its place."""
    if path.lower().endswith(WARC_SUFFIXES):
        yield from read_warc(path, max_bytes=max_bytes)
    else:
        yield from read_jsonl(path, max_bytes=max_bytes)


def _label(path: str) -> str:
    """The archive's path as its records' sources begin (ARCHIVE#N), printable whatever its name."""
    return printable_source(path)


def count_records(path: str) -> int | None:
    """A cheap count of an archive's records for the progress bar (None where counting means parsing)."""
    if not path.lower().endswith((".jsonl", ".ndjson")):
        return None
    count = 0
    filled = False  # the line read so far has more than white space; lines are counted in pieces, so a
    # gigabyte line costs no more memory than any other
    with open(path, "rb") as handle:
        while chunk := handle.read(_SCAN_CHUNK):
            pieces = chunk.split(b"\n")
            for piece in pieces[:-1]:
                count += filled or bool(piece.strip())
                filled = False
            filled = filled or bool(pieces[-1].strip())
    return count + filled


# --- JSONL ----------------------------------------------------------------------------------------


def _text_field(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    return value.strip() or None if isinstance(value, str) else None


def line_limit(max_bytes: int) -> int:
    """The longest JSONL line read for a body limit: twice the limit (JSON escapes) and 1 MiB of fields."""
    return 2 * max_bytes + (1 << 20)


def _too_large(number: int, max_bytes: int) -> str:
    return f"record {number} is over {max_bytes} bytes; raise --max-bytes if it is genuine"


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[bytearray | None]:
    """Each line of a stream (without its newline), or None for a line longer than `limit`: a line is read
    in pieces and dropped as soon as it passes the limit, so no more than `limit` bytes are ever held."""
    line = bytearray()
    too_long = False
    while chunk := handle.read(_SCAN_CHUNK):
        start = 0
        while True:
            end = chunk.find(b"\n", start)
            piece = chunk[start:] if end == -1 else chunk[start:end]
            if not too_long and len(line) + len(piece) > limit:
                too_long, line = True, bytearray()
            elif not too_long:
                line += piece
            if end == -1:
                break
            yield None if too_long else line
            line, too_long, start = bytearray(), False, end + 1
    if too_long or line:
        yield None if too_long else line


def _jsonl_article(path: str, number: int, line: bytes | bytearray, max_bytes: int) -> RawDocument:
    fallback = f"{_label(path)}#{number}"
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        raise AcquireError("corrupt", f"record {number} is not valid JSON: {exc}", fallback) from exc
    if not isinstance(obj, dict):
        raise AcquireError("corrupt", f"record {number} is not a JSON object", fallback)
    source = _text_field(obj, "url") or fallback
    body = obj.get("html") if isinstance(obj.get("html"), str) and obj["html"].strip() else obj.get("text")
    if not isinstance(body, str) or not body.strip():
        raise AcquireError("no_text", f"record {number} has neither `html` nor `text`", source)
    content = body.encode("utf-8")
    if len(content) > max_bytes:
        raise AcquireError("too_large", _too_large(number, max_bytes), source)
    return raw_from_bytes(
        source,
        content,
        max_bytes=max_bytes,
        title_hint=_text_field(obj, "title"),
        published_hint=_text_field(obj, "published"),
    )


def read_jsonl(path: str, *, max_bytes: int) -> Iterator[ArchiveItem]:
    """One document per non-blank line: {url, title, html or text, published}."""
    opener = gzip.open if path.lower().endswith(".gz") else open
    number = 0
    limit = line_limit(max_bytes)
    try:
        with opener(path, "rb") as handle:
            for line in _bounded_lines(handle, limit):  # type: ignore[arg-type]
                if line is None:
                    number += 1
                    yield AcquireError(
                        "too_large",
                        f"record {number}: its line is over {limit} bytes (--max-bytes {max_bytes}); "
                        "raise --max-bytes if it is genuine",
                        f"{_label(path)}#{number}",
                    )
                    continue
                if not line.strip():
                    continue
                number += 1
                try:
                    yield _jsonl_article(path, number, line, max_bytes)
                except AcquireError as error:
                    yield error
    except (OSError, EOFError, zlib.error) as exc:
        # A truncated .gz or an unreadable file: what was read stands, the rest is one broken record.
        yield AcquireError(
            "corrupt", f"archive unreadable after record {number}: {exc}", f"{_label(path)}#{number + 1}"
        )


# --- WARC -----------------------------------------------------------------------------------------


def _http_failure(record: Any, source: str) -> AcquireError | None:
    headers = record.http_headers
    if headers is None:
        return None
    code = headers.get_statuscode()
    if code and code.isdigit() and not 200 <= int(code) < 300:
        return AcquireError(f"http_{code}", f"the archived response was HTTP {code}", source)
    return None


def _warc_date(record: Any) -> datetime | None:
    value = record.rec_headers.get_header("WARC-Date")
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _warc_document(record: Any, path: str, number: int, max_bytes: int) -> ArchiveItem:
    source = record.rec_headers.get_header("WARC-Target-URI") or f"{_label(path)}#{number}"
    # Reading the whole payload also runs the digest check that catches a truncated record; one byte over
    # the limit is enough to know it is too large (the rest is skipped in pieces by read_to_end).
    content = record.content_stream().read(max_bytes + 1)
    failure = _http_failure(record, source)
    if failure is not None:
        return failure
    if len(content) > max_bytes:
        return AcquireError("too_large", _too_large(number, max_bytes), source)
    return raw_from_bytes(source, content, max_bytes=max_bytes, fetched_at=_warc_date(record))


def _broken_record(exc: Exception, path: str, number: int) -> AcquireError:
    """The error a broken WARC record is reported as, with a message that is never empty."""
    from pipeline.acquire.bounded_warc import HeaderLineTooLong

    why = str(exc) or type(exc).__name__
    if isinstance(exc, HeaderLineTooLong | MemoryError):
        return AcquireError(
            "too_large", f"WARC record {number} is too large to read: {why}", f"{_label(path)}#{number}"
        )
    return AcquireError("corrupt", f"WARC record {number} is broken: {why}", f"{_label(path)}#{number}")


def _next_record_start(handle: BinaryIO, after: int, gzipped: bool, inclusive: bool = False) -> int | None:
    """The offset of the first plausible record start after `after` (or at it, if inclusive)."""
    magic = _GZIP_MAGIC if gzipped else _WARC_MAGIC
    position = after
    while True:
        handle.seek(position)
        chunk = handle.read(_SCAN_CHUNK + len(magic))
        if len(chunk) < len(magic):
            return None
        index = chunk.find(magic, 1 if position == after and not inclusive else 0)
        while index != -1:
            candidate = position + index
            if not gzipped or _starts_warc_member(handle, candidate):
                return candidate
            index = chunk.find(magic, index + 1)
        position += _SCAN_CHUNK


def _starts_warc_member(handle: BinaryIO, offset: int) -> bool:
    handle.seek(offset)
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(handle.read(4096), 16)
    except zlib.error:
        return False
    return head.startswith(_WARC_MAGIC)


def read_warc(path: str, *, max_bytes: int) -> Iterator[ArchiveItem]:
    """Response records as documents (revisit, request, metadata and warcinfo records are not documents)."""
    from pipeline.acquire.bounded_warc import (
        BoundedArchiveIterator,
    )  # imported here: only WARC inputs need warcio

    gzipped = path.lower().endswith(".gz")
    number = 0
    with open(path, "rb") as handle:
        offset: int | None = 0
        while offset is not None:
            handle.seek(offset)
            records = BoundedArchiveIterator(handle, check_digests="raise")
            record_start = offset
            in_record = False
            try:
                for record in records:
                    number, in_record = number + 1, True
                    if record.rec_type == "response":
                        yield _warc_document(record, path, number, max_bytes)
                    records.read_to_end(record)
                    record_start = records.get_record_offset() + records.get_record_length()
                    in_record = False
                offset = None
            except Exception as exc:  # warcio raises many kinds on a garbled stream; MemoryError included
                number += 0 if in_record else 1
                yield _broken_record(exc, path, number)
                if in_record:
                    # The broken record did start (its header was read): resume after its own start, which
                    # lies at or just past record_start (blank lines between records are not counted).
                    record_start = (
                        _next_record_start(handle, record_start, gzipped, inclusive=True) or record_start
                    )
                offset = _next_record_start(handle, record_start, gzipped)
            finally:
                records.close()
