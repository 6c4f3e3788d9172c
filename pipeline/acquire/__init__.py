"""Acquire: files, folders, URLs and archives become RawDocuments (bytes, sniffed media type, sha256)."""

from pipeline.acquire.archives import count_records, is_archive, read_archive
from pipeline.acquire.files import (
    acquire_one,
    archive_identities,
    document_identity,
    expand_inputs,
    file_identity,
    read_file,
)
from pipeline.acquire.raw import is_url, printable_source, raw_from_bytes

__all__ = [
    "acquire_one",
    "archive_identities",
    "count_records",
    "document_identity",
    "expand_inputs",
    "file_identity",
    "is_archive",
    "is_url",
    "printable_source",
    "raw_from_bytes",
    "read_archive",
    "read_file",
]
