"""Output: the contract's files written atomically, the state store, merged projects, exports, reports."""

from pipeline.output.merge import merge, merge_file
from pipeline.output.write import atomic_writer, write_atomic

__all__ = ["atomic_writer", "merge", "merge_file", "write_atomic"]
