"""Bytes become a RawDocument: sniffed media type, gunzipped, hashed. A leaf: it imports no other stage."""

from __future__ import annotations

import gzip
import hashlib
import zlib
from datetime import datetime

from pipeline.acquire.signatures import unreadable_media_type
from pipeline.errors import AcquireError
from schemas import RawDocument

_GZIP_MAGIC = b"\x1f\x8b"


def is_url(text: str) -> bool:
    """Whether an input names an http(s) URL rather than a path."""
    return text.startswith(("http://", "https://"))


def printable_source(text: str) -> str:
    """A path as text that can be written anywhere: the bytes of a file name that are not UTF-8 (a name
    made on another system) become \\xNN, where Python's os functions hold them as lone surrogates."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def sniff_media_type(content: bytes) -> str:
    """The media type from the content's first bytes, not from its name."""
    head = content[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if content[:1024].lstrip().startswith(b"%PDF-") or b"%pdf-" in content[:1024].lower():
        return "application/pdf"
    if (unreadable := unreadable_media_type(content)) is not None:  # an image, an archive, an office file
        return unreadable
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or any(
        tag in head for tag in (b"<html", b"<head", b"<body", b"<article", b"<div", b"<p>")
    ):
        return "text/html"
    return "text/plain"


def _gunzip(content: bytes, limit: int, source: str) -> bytes:
    try:
        decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        data = decompressor.decompress(content, limit + 1)
    except (zlib.error, gzip.BadGzipFile) as exc:
        raise AcquireError("corrupt", f"broken gzip data: {exc}", source) from exc
    if len(data) > limit:
        raise AcquireError(
            "too_large",
            f"decompresses to more than {limit} bytes; raise --max-bytes if it is genuine",
            source,
        )
    return data


def raw_from_bytes(
    source: str,
    content: bytes,
    *,
    max_bytes: int,
    identity: str | None = None,
    fetched_at: datetime | None = None,
    final_url: str | None = None,
    title_hint: str | None = None,
    published_hint: str | None = None,
) -> RawDocument:
    """A RawDocument from bytes already in hand (a file, a response body, an archive record)."""
    if content[:2] == _GZIP_MAGIC:
        content = _gunzip(content, max_bytes, source)
    return RawDocument(
        source=source,
        identity=identity,
        content=content,
        media_type=sniff_media_type(content),
        sha256=hashlib.sha256(content).hexdigest(),
        fetched_at=fetched_at,
        final_url=final_url,
        title_hint=title_hint,
        published_hint=published_hint,
    )
