"""The rule files: read once from pipeline/rules/ and --rules folders, hashed into the extractor version."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pipeline.errors import UsageError

PACKAGE_RULES = "rules"


def _package_rule_files() -> list[Path]:
    root = Path(str(resources.files("pipeline").joinpath(PACKAGE_RULES)))
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".json", ".jsonl"})


def _user_rule_files(dirs: tuple[Path, ...]) -> list[Path]:
    files: list[Path] = []
    for folder in dirs:
        if not folder.is_dir():
            raise UsageError(f"--rules {folder}: not a folder of rule files (.json / .jsonl)")
        files.extend(sorted(p for p in folder.rglob("*") if p.suffix in {".json", ".jsonl"}))
    return files


@dataclass(frozen=True)
class RuleSet:
    """Every rule file's content by file stem, with the hash that versions the extractor."""

    tables: dict[str, list[Any]] = field(default_factory=dict)
    digest: str = ""

    def entries(self, name: str) -> list[Any]:
        """All entries of the rule files named `name` (package first, then user folders)."""
        return self.tables.get(name, [])

    def mapping(self, name: str) -> dict[str, Any]:
        """Merge the dict-shaped rule files named `name`; later files extend earlier ones."""
        merged: dict[str, Any] = {}
        for entry in self.tables.get(name, []):
            if isinstance(entry, dict):
                for key, value in entry.items():
                    if isinstance(value, list) and isinstance(merged.get(key), list):
                        merged[key] = merged[key] + value
                    elif isinstance(value, dict) and isinstance(merged.get(key), dict):
                        merged[key] = {**merged[key], **value}
                    else:
                        merged[key] = value
        return merged


def _read(path: Path) -> list[Any]:
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix == ".jsonl":
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        return [json.loads(text)]
    except json.JSONDecodeError as exc:
        raise UsageError(f"rule file {path} is not valid JSON: {exc}") from exc


def _check_shape(path: Path, entries: list[Any], package: list[Any]) -> None:
    """A user rule file must have the shape of the package file it extends (same keys, same kinds)."""
    if not package:
        return
    model = package[0]
    for entry in entries:
        if type(entry) is not type(model):
            raise UsageError(
                f"rule file {path}: each entry must be a {type(model).__name__}, like the bundled one"
            )
        if not isinstance(entry, dict):
            continue
        for key, value in entry.items():
            expected = model.get(key) if key in model else next(iter(model.values()), None)
            if isinstance(model, dict) and "name" in model and key == "name" and not isinstance(value, str):
                raise UsageError(f"rule file {path}: 'name' must be a string")
            if expected is not None and type(value) is not type(expected):
                raise UsageError(
                    f"rule file {path}: '{key}' must be a {type(expected).__name__}, like in the bundled "
                    f"{path.name}; got {type(value).__name__}"
                )


def load_rules(extra_dirs: tuple[Path, ...] = ()) -> RuleSet:
    """Read the package's rule files and any user rule folders; hash them all."""
    digest = hashlib.sha256()
    tables: dict[str, list[Any]] = {}
    package_files = _package_rule_files()
    for path in [*package_files, *_user_rule_files(extra_dirs)]:
        raw = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + raw)
        # A .jsonl file's entries are the lines; a .json file is one entry.
        entries = _read(path)
        if path not in package_files:
            _check_shape(path, entries, tables.get(path.stem, []))
        tables.setdefault(path.stem, []).extend(entries)
    return RuleSet(tables=tables, digest=digest.hexdigest()[:12])
