"""The Japanese extraction path: language detection and rules for Japanese releases, news and fact sheets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.extract.japanese.script import detect_language

if TYPE_CHECKING:
    from pipeline.extract.japanese.extractor import JapaneseExtractor

__all__ = ["JapaneseExtractor", "detect_language"]


def __getattr__(name: str) -> Any:
    """JapaneseExtractor, imported when first asked for: a run over English texts never loads the Japanese
    rules' code (its patterns take a twentieth of a second to compile)."""
    if name == "JapaneseExtractor":
        from pipeline.extract.japanese.extractor import JapaneseExtractor

        return JapaneseExtractor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
