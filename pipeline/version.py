"""The package version: a leaf, so that any stage can stamp it without importing the package."""

__version__ = "0.14.0"
