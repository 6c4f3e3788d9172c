"""warcio's WARC reader with every read bounded: header lines capped, compressed bytes inflated in blocks.

A module of its own so that warcio is imported only when a WARC file is read (archives.read_warc).
"""

from __future__ import annotations

from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader

_MAX_HEADER_LINE = 1 << 20


class HeaderLineTooLong(ValueError):
    """A WARC or HTTP header line of an archive record is longer than any real one."""


class _BoundedLineReader(DecompressingBufferedReader):  # type: ignore[misc]
    """warcio's reader with header lines capped: warcio reads them with an unbounded readline()."""

    def readline(self, length: int | None = None) -> bytes:
        capped = _MAX_HEADER_LINE if length is None or length > _MAX_HEADER_LINE else length
        line: bytes = super().readline(capped)
        if capped == _MAX_HEADER_LINE and len(line) >= capped and not line.endswith(b"\n"):
            raise HeaderLineTooLong(f"a header line is over {_MAX_HEADER_LINE} bytes")
        return line


# Compressed bytes inflated at a time: deflate inflates at most about 1,000 times, so one read of a
# bomb holds about 2 MB, not warcio's 16 KB x 1,000.
_WARC_BLOCK = 2048


class BoundedArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio's ArchiveIterator reading through _BoundedLineReader, in small compressed blocks."""

    def __init__(self, fileobj: BinaryIO, **options: Any) -> None:
        super().__init__(fileobj, block_size=_WARC_BLOCK, **options)
        self.reader = _BoundedLineReader(self.fh, block_size=_WARC_BLOCK)
