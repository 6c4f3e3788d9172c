"""Extract: companies, money and sector cues found in a parsed document with spaCy and the rule files."""

from pipeline.extract.extractor import Extractor

__all__ = ["Extractor"]
