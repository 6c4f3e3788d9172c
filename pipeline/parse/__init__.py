"""Parse: a RawDocument becomes the text the extractor sees (HTML, PDF, plain text), with pages and tables."""

from pipeline.parse.dispatch import parse

__all__ = ["parse"]
