"""The Japanese extraction path: language detection and rules for Japanese releases, news and fact sheets."""

from pipeline.extract.japanese.extractor import JapaneseExtractor
from pipeline.extract.japanese.script import detect_language

__all__ = ["JapaneseExtractor", "detect_language"]
