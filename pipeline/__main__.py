"""`python -m pipeline` is the pledgeline command."""

from pipeline.cli import entry

entry()
