"""The rule files: read once from pipeline/rules/ and --rules folders, checked, merged, hashed.

Every file is checked against its model (pipeline/rules/models/): an unknown key or a wrong shape is a usage
error naming the file and the key. A user's file of the same name adds entries to the bundled one; its
"remove" key takes bundled entries out (a `{"remove": "Name"}` line in companies.jsonl). The digest of all
the files read is part of the extractor version.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel, ValidationError

from pipeline.errors import UsageError
from pipeline.rules.models import GAZETTEER, RULE_FILES, CompanyEntry, CompanyRemoval, RuleFile

PACKAGE_RULES = "rules"
F = TypeVar("F", bound=RuleFile)
_NOT_DATA = {"schema_url", "remove"}


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


def _name_of(model: type[RuleFile]) -> str:
    return next(name for name, known in RULE_FILES.items() if known is model)


@dataclass(frozen=True)
class RuleSet:
    """Every rule file, checked and merged (bundled, then user folders), with the hash that versions the
    extractor."""

    files: Mapping[str, RuleFile] = field(default_factory=dict)
    companies: tuple[CompanyEntry, ...] = ()
    digest: str = ""

    def get(self, model: type[F]) -> F:
        """The merged content of one rule file, by its model (an empty one where no file has it)."""
        found = self.files.get(_name_of(model))
        return cast(F, found) if found is not None else model()

    def mapping(self, name: str) -> dict[str, Any]:
        """The merged content of the .json rule file `name`, every key of its model present."""
        model = self.files.get(name)
        return model.model_dump(exclude=_NOT_DATA) if model is not None else {}

    def entries(self, name: str) -> list[Any]:
        """The gazetteer's entries (companies), or a .json file's content as a one-item list."""
        if name == GAZETTEER:
            return [entry.model_dump() for entry in self.companies]
        return [self.mapping(name)] if name in self.files else []


def _read(path: Path) -> list[Any]:
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix == ".jsonl":
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        return [json.loads(text)]
    except json.JSONDecodeError as exc:
        raise UsageError(f"rule file {path} is not valid JSON: {exc}") from exc


def _explain(path: Path, model: type[BaseModel], exc: ValidationError, line: int | None = None) -> str:
    """A ValidationError as one message naming the file, the key and what is wrong."""
    where = f"rule file {path}" + (f", line {line}" if line else "")
    problems = []
    for error in exc.errors()[:5]:
        key = ".".join(str(part) for part in error["loc"])
        if error["type"] == "extra_forbidden":
            close = difflib.get_close_matches(str(error["loc"][0]), model.model_fields, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (keys: {', '.join(model.model_fields)})"
            problems.append(f"unknown key '{key}'{hint}")
        elif not key:
            problems.append(f"must hold one JSON object ({error['msg']})")
        else:
            problems.append(f"'{key}': {error['msg']}")
    return f"{where}: {'; '.join(problems)}. `pledgeline schema rules` prints every key with its meaning"


def _merge(base: dict[str, Any], add: dict[str, Any]) -> dict[str, Any]:
    """A user's entries added to the ones before: lists extended, mappings updated (their lists extended)."""
    merged = dict(base)
    for key, value in add.items():
        old = merged.get(key)
        if isinstance(old, list) and isinstance(value, list):
            merged[key] = old + [v for v in value if v not in old]
        elif isinstance(old, dict) and isinstance(value, dict):
            merged[key] = _merge(old, value)
        else:
            merged[key] = value
    return merged


def _remove(path: Path, data: dict[str, Any], removal: dict[str, Any]) -> dict[str, Any]:
    """The entries a user's "remove" names taken out; naming one that is not there is an error."""
    data = dict(data)
    for key, entries in removal.items():
        if key not in data:
            raise UsageError(f"rule file {path}: remove names an unknown key '{key}'")
        target = data[key]
        if isinstance(entries, dict):
            if not isinstance(target, dict):
                raise UsageError(f"rule file {path}: remove.{key} must be a list: '{key}' holds a list")
            data[key] = {
                **target,
                **{k: _without(path, f"{key}.{k}", target.get(k), v) for k, v in entries.items()},
            }
        elif isinstance(target, dict):
            missing = [e for e in entries if e not in target]
            if missing:
                raise UsageError(f"rule file {path}: remove.{key}: {missing[0]!r} is not a key of '{key}'")
            data[key] = {k: v for k, v in target.items() if k not in entries}
        else:
            data[key] = _without(path, key, target, entries)
    return data


def _without(path: Path, key: str, target: Any, entries: list[Any]) -> list[Any]:
    if not isinstance(target, list):
        raise UsageError(f"rule file {path}: remove.{key}: '{key}' holds no list")
    missing = [e for e in entries if e not in target]
    if missing:
        raise UsageError(f"rule file {path}: remove.{key}: {missing[0]!r} is not an entry of '{key}'")
    return [item for item in target if item not in entries]


def _load_file(path: Path, content: Any, merged: dict[str, RuleFile]) -> None:
    model = RULE_FILES[path.stem]
    try:
        found = model.model_validate(content)
    except ValidationError as exc:
        raise UsageError(_explain(path, model, exc)) from None
    before = merged[path.stem].model_dump(exclude=_NOT_DATA) if path.stem in merged else {}
    data = _remove(path, before, found.remove) if found.remove else before
    added = found.model_dump(exclude=_NOT_DATA, exclude_unset=True)
    merged[path.stem] = model.model_validate(_merge(data, added))


def _load_gazetteer(path: Path, lines: list[Any], companies: list[CompanyEntry]) -> None:
    for number, line in enumerate(lines, start=1):
        model: type[BaseModel] = (
            CompanyRemoval if isinstance(line, dict) and "remove" in line else CompanyEntry
        )
        try:
            entry = model.model_validate(line)
        except ValidationError as exc:
            raise UsageError(_explain(path, model, exc, number)) from None
        if isinstance(entry, CompanyRemoval):
            kept = [c for c in companies if c.name != entry.remove]
            if len(kept) == len(companies):
                raise UsageError(
                    f"rule file {path}, line {number}: remove: no company is named {entry.remove!r}"
                )
            companies[:] = kept
        else:
            companies.append(cast(CompanyEntry, entry))


def _check_name(path: Path) -> None:
    known = [f"{name}.json" for name in RULE_FILES] + [f"{GAZETTEER}.jsonl"]
    if path.name not in known:
        close = difflib.get_close_matches(path.name, known, n=1)
        hint = f"did you mean {close[0]}?" if close else f"the rule files are {', '.join(sorted(known))}"
        raise UsageError(f"rule file {path}: no rule file has this name ({hint})")


def load_rules(extra_dirs: tuple[Path, ...] = ()) -> RuleSet:
    """Read, check and merge the package's rule files and any user rule folders; hash them all."""
    digest = hashlib.sha256()
    merged: dict[str, RuleFile] = {}
    companies: list[CompanyEntry] = []
    for path in [*_package_rule_files(), *_user_rule_files(extra_dirs)]:
        _check_name(path)
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
        # A .jsonl file's entries are the lines; a .json file is one object.
        content = _read(path)
        if path.suffix == ".jsonl":
            _load_gazetteer(path, content, companies)
        else:
            _load_file(path, content[0], merged)
    return RuleSet(files=merged, companies=tuple(companies), digest=digest.hexdigest()[:12])


@functools.cache
def bundled_rules() -> RuleSet:
    """The package's own rule files, loaded once per process (for callers given no RuleSet)."""
    return load_rules()


def rules_json_schema() -> dict[str, Any]:
    """The JSON Schema of the rule files: one definition per file (`#/$defs/roles.json`), any of them."""
    definitions: dict[str, Any] = {}
    for name, model in sorted(RULE_FILES.items()):
        schema = model.model_json_schema(by_alias=True)
        # a file's nested models ('#/$defs/SharedName') are referred to from the root: they join its $defs
        definitions.update(schema.pop("$defs", {}))
        definitions[f"{name}.json"] = schema
    definitions[f"{GAZETTEER}.jsonl"] = {
        "title": "companies.jsonl line",
        "description": 'One line of companies.jsonl: a company, or in a user\'s file {"remove": NAME}.',
        "anyOf": [CompanyEntry.model_json_schema(), CompanyRemoval.model_json_schema()],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "rules.schema.json",
        "title": "pledgeline rule files",
        "description": (
            "The rule files of pipeline/rules/ and of `--rules DIR`. Point an editor at "
            "rules.schema.json#/$defs/<file name> for one file; the whole schema accepts any of them."
        ),
        "anyOf": [{"$ref": f"#/$defs/{name}"} for name in definitions if name.endswith((".json", ".jsonl"))],
        "$defs": definitions,
    }
