"""Export: a run's output folder as JSON Lines, CSV, Parquet or SQLite, and the JSON Schemas of its files.

Every format is written to a temporary file beside the target and moved into place, so a reader never
sees half an export; files are readable by others (0644 under the usual umask), as the run's outputs are.
Parquet needs pyarrow (the `export` extra), imported only when asked for. Besides the records, CSV and
Parquet write the projects' timelines as a second file beside the first (`export.project_events.csv`), and
SQLite as a `project_events` table: one row per step of a project.

CSV is the format spreadsheets open, and a spreadsheet runs a cell that starts with = + - @ (or a tab or
carriage return) as a formula: such text cells get a leading apostrophe, which the spreadsheet shows as
text (`formulas=True` writes them as they are). `excel=True` writes UTF-8 with a byte-order mark and CRLF
line ends, which Excel needs to read the file as UTF-8. The typed formats keep the text as it is.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import orjson
from pydantic import BaseModel, ValidationError

from pipeline.errors import UsageError
from pipeline.output.merge import PROJECTS, merge
from pipeline.output.write import DOCUMENTS, RECORDS, file_mode, jsonl_bytes, write_atomic
from pipeline.rules import rules_json_schema
from schemas import DocumentOut, Project, ProjectRecord

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)
LIST_SEPARATOR = "; "
SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "documents": DocumentOut,
    "records": ProjectRecord,
    "projects": Project,
}
"""The JSON Schema of each output file, by name (`pledgeline schema NAME`)."""


RULES_SCHEMA = "rules"
"""`pledgeline schema rules`: the rule files' JSON Schema (pipeline/rules/models/), for editors."""


def json_schema(name: str) -> str:
    """The JSON Schema of documents, records, projects or the rule files, as indented JSON text ending in a
    newline."""
    if name == RULES_SCHEMA:
        return json.dumps(rules_json_schema(), indent=2, ensure_ascii=False) + "\n"
    try:
        model = SCHEMA_MODELS[name]
    except KeyError:
        choices = ", ".join([*SCHEMA_MODELS, RULES_SCHEMA])
        raise UsageError(f"no schema named {name!r}; choose one of {choices}") from None
    schema = model.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{name}.schema.json",
        **schema,
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


@dataclass(frozen=True)
class RunOutput:
    """A run's output folder read back: documents, records and the projects they merge into."""

    documents: list[DocumentOut]
    records: list[ProjectRecord]
    projects: list[Project]

    def project_of(self) -> dict[str, str]:
        """record_id -> project_id."""
        return {s.record_id: p.project_id for p in self.projects for s in p.sources}


def _read_jsonl(path: Path, model: type[M]) -> list[M]:
    rows: list[M] = []
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                rows.append(model.model_validate_json(line))
            except ValidationError as exc:
                raise UsageError(f"{path}:{number}: not a valid {model.__name__}: {exc}") from exc
    return rows


def load_output(out: Path) -> RunOutput:
    """Read OUT/documents.jsonl, records.jsonl and projects.jsonl (merging the records if it is missing)."""
    for name in (DOCUMENTS, RECORDS):
        if not (out / name).is_file():
            raise UsageError(f"{out / name} not found: is {out} the --out folder of `pledgeline run`?")
    records = _read_jsonl(out / RECORDS, ProjectRecord)
    projects_path = out / PROJECTS
    projects = _read_jsonl(projects_path, Project) if projects_path.is_file() else merge(records)
    return RunOutput(_read_jsonl(out / DOCUMENTS, DocumentOut), records, projects)


def _joined(items: list[str]) -> str:
    return LIST_SEPARATOR.join(items)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list)."""


def neutralise_formula(text: str) -> str:
    """A text cell as a spreadsheet shows it and never runs it: a leading apostrophe before = + - @."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def record_row(record: ProjectRecord, project_id: str | None) -> dict[str, Any]:
    """A record as one flat row (lists kept as lists; CSV joins them)."""
    amount = record.amount
    return {
        "record_id": record.record_id,
        "project_id": project_id,
        "doc_id": record.doc_id,
        "source": record.source,
        "sponsor": record.sponsor,
        "partners": list(record.partners),
        "participants": list(record.participants),
        "sector": record.sector,
        "amount_value": amount.value if amount else None,
        "amount_currency": amount.currency if amount else None,
        "amount_qualifier": amount.qualifier if amount else None,
        "amount_high": amount.high if amount else None,
        "amount_usd": amount.usd if amount else None,
        "description": record.description,
        "evidence_text": record.evidence.text,
        "evidence_start": record.evidence.start,
        "evidence_end": record.evidence.end,
        "evidence_page": record.evidence.page,
        "location": record.location,
        "program": record.program,
        "country": record.country,
    }


RECORD_COLUMNS: tuple[str, ...] = (
    "record_id", "project_id", "doc_id", "source", "sponsor", "partners", "participants", "sector",
    "amount_value", "amount_currency", "amount_qualifier", "amount_high", "amount_usd", "description",
    "evidence_text", "evidence_start", "evidence_end", "evidence_page", "location", "program", "country",
)  # fmt: skip
"""The columns of a flat record row, in order (CSV, Parquet, the SQLite records table)."""


def _rows(output: RunOutput) -> Iterator[dict[str, Any]]:
    project_of = output.project_of()
    for record in output.records:
        yield record_row(record, project_of.get(record.record_id))


EVENT_COLUMNS: tuple[str, ...] = (
    "project_id", "step", "date", "dated", "status", "amount_value", "amount_currency", "amount_qualifier",
    "amount_high", "amount_usd", "record_id", "doc_id", "source",
)  # fmt: skip
"""The columns of project_events: one row per step of a project's timeline, in its order (step 1, 2, ...)."""


def event_rows(output: RunOutput) -> Iterator[dict[str, Any]]:
    """Each step of each project's timeline as one flat row."""
    for project in output.projects:
        for number, step in enumerate(project.timeline, start=1):
            amount = step.amount
            yield {
                "project_id": project.project_id,
                "step": number,
                "date": step.date,
                "dated": step.dated,
                "status": step.status,
                "amount_value": amount.value if amount else None,
                "amount_currency": amount.currency if amount else None,
                "amount_qualifier": amount.qualifier if amount else None,
                "amount_high": amount.high if amount else None,
                "amount_usd": amount.usd if amount else None,
                "record_id": step.record_id,
                "doc_id": step.doc_id,
                "source": step.source,
            }


def events_path(path: Path) -> Path:
    """Where CSV and Parquet put the project events: export.csv -> export.project_events.csv."""
    return path.with_name(f"{path.stem}.project_events{path.suffix}")


@contextmanager
def _atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`, moved onto it when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, file_mode())  # mkstemp makes 0600; an export is for other tools and people too
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def export_jsonl(output: RunOutput, path: Path) -> None:
    """The records as they are in records.jsonl."""
    write_atomic(path, jsonl_bytes(output.records))


def _csv_bytes(
    columns: tuple[str, ...], rows: Iterator[dict[str, Any]], *, formulas: bool, excel: bool
) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n" if excel else "\n")
    writer.writeheader()
    for row in rows:
        flat = {k: _joined(v) if isinstance(v, list) else v for k, v in row.items()}
        if not formulas:
            flat = {k: neutralise_formula(v) if isinstance(v, str) else v for k, v in flat.items()}
        writer.writerow(flat)
    return buffer.getvalue().encode("utf-8-sig" if excel else "utf-8")


def export_csv(output: RunOutput, path: Path, *, formulas: bool = False, excel: bool = False) -> None:
    """One row per record, flat; lists joined with '; '. The project events go beside it. Text that a
    spreadsheet would run as a formula is neutralised unless `formulas`; UTF-8 with a BOM, CRLF if `excel`."""
    options = {"formulas": formulas, "excel": excel}
    write_atomic(path, _csv_bytes(RECORD_COLUMNS, _rows(output), **options))
    write_atomic(events_path(path), _csv_bytes(EVENT_COLUMNS, event_rows(output), **options))


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise UsageError(
            "Parquet export needs pyarrow: pip install 'pledgeline[export]' (or choose --format csv/sqlite)"
        ) from exc
    return pyarrow


def export_parquet(output: RunOutput, path: Path) -> None:
    """One row per record with typed columns (lists as list<string>, figures as float64)."""
    pa = _pyarrow()
    text, real, whole, texts = pa.string(), pa.float64(), pa.int64(), pa.list_(pa.string())
    types = {
        "partners": texts,
        "participants": texts,
        "amount_value": real,
        "amount_high": real,
        "amount_usd": real,
        "evidence_start": whole,
        "evidence_end": whole,
        "evidence_page": whole,
    }
    schema = pa.schema([pa.field(c, types.get(c, text), nullable=c != "record_id") for c in RECORD_COLUMNS])
    table = pa.Table.from_pylist(list(_rows(output)), schema=schema)
    with _atomic_path(path) as tmp:
        pa.parquet.write_table(table, tmp)
    event_types = {
        "step": whole,
        "dated": pa.bool_(),
        "amount_value": real,
        "amount_high": real,
        "amount_usd": real,
    }
    required = {"project_id", "step", "dated", "status", "record_id", "doc_id", "source"}
    event_schema = pa.schema(
        [pa.field(c, event_types.get(c, text), nullable=c not in required) for c in EVENT_COLUMNS]
    )
    events = pa.Table.from_pylist(list(event_rows(output)), schema=event_schema)
    with _atomic_path(events_path(path)) as tmp:
        pa.parquet.write_table(events, tmp)


_SQLITE_SCHEMA = """
CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY, source TEXT NOT NULL, status TEXT NOT NULL, error_kind TEXT,
    error_message TEXT, title TEXT, published TEXT, companies TEXT NOT NULL, amounts TEXT NOT NULL,
    final_url TEXT, media_type TEXT, pages INTEGER, sha256 TEXT
);
CREATE TABLE projects (
    project_id TEXT PRIMARY KEY, company TEXT NOT NULL, companies TEXT NOT NULL,
    participants TEXT NOT NULL, sector TEXT NOT NULL, sectors TEXT NOT NULL, amount_value REAL,
    amount_currency TEXT, amount_qualifier TEXT, amount_high REAL, amount_usd REAL, amounts TEXT NOT NULL,
    description TEXT, source_count INTEGER NOT NULL
);
CREATE TABLE records (
    record_id TEXT PRIMARY KEY, project_id TEXT REFERENCES projects(project_id),
    doc_id TEXT NOT NULL REFERENCES documents(doc_id), source TEXT NOT NULL, sponsor TEXT NOT NULL,
    partners TEXT NOT NULL, participants TEXT NOT NULL, sector TEXT NOT NULL, amount_value REAL,
    amount_currency TEXT, amount_qualifier TEXT, amount_high REAL, amount_usd REAL, description TEXT,
    evidence_text TEXT NOT NULL, evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
    evidence_page INTEGER, location TEXT, program TEXT, country TEXT
);
CREATE TABLE project_sources (
    project_id TEXT NOT NULL REFERENCES projects(project_id),
    record_id TEXT NOT NULL REFERENCES records(record_id),
    doc_id TEXT NOT NULL REFERENCES documents(doc_id), source TEXT NOT NULL,
    PRIMARY KEY (project_id, record_id)
);
CREATE TABLE project_events (
    project_id TEXT NOT NULL REFERENCES projects(project_id), step INTEGER NOT NULL, date TEXT,
    dated INTEGER NOT NULL, status TEXT NOT NULL, amount_value REAL, amount_currency TEXT,
    amount_qualifier TEXT, amount_high REAL, amount_usd REAL,
    record_id TEXT NOT NULL REFERENCES records(record_id),
    doc_id TEXT NOT NULL REFERENCES documents(doc_id), source TEXT NOT NULL,
    PRIMARY KEY (project_id, step)
);
CREATE INDEX records_doc ON records(doc_id);
CREATE INDEX records_project ON records(project_id);
CREATE INDEX project_sources_record ON project_sources(record_id);
CREATE INDEX project_events_record ON project_events(record_id);
"""


def _json_text(value: object) -> str:
    # Lists and nested figures go in as JSON text, which sqlite's and DuckDB's JSON functions read.
    return orjson.dumps(value).decode("utf-8")


def _document_row(d: DocumentOut) -> tuple[object, ...]:
    amounts = [a.model_dump(mode="json") for a in d.amounts]
    kind, message = (d.error.kind, d.error.message) if d.error else (None, None)
    return (d.doc_id, d.source, d.status, kind, message, d.title, d.published, _json_text(d.companies),
            _json_text(amounts), d.final_url, d.media_type, d.pages, d.sha256)  # fmt: skip


def _project_row(p: Project) -> tuple[object, ...]:
    a = p.amount
    amounts = [x.model_dump(mode="json") for x in p.amounts]
    return (p.project_id, p.company, _json_text(p.companies), _json_text(p.participants), p.sector,
            _json_text(p.sectors), a.value if a else None, a.currency if a else None,
            a.qualifier if a else None, a.high if a else None, a.usd if a else None, _json_text(amounts),
            p.description, len(p.sources))  # fmt: skip


def _unique(rows: list[tuple[object, ...]], what: str, key: int = 1) -> list[tuple[object, ...]]:
    """The rows whose first `key` values were not seen before (the table's primary key)."""
    seen: dict[object, tuple[object, ...]] = {}
    for row in rows:
        if row[:key] in seen:
            log.warning(
                "export: %s %s appears twice; keeping the first", what, row[0] if key == 1 else row[:key]
            )
        seen.setdefault(row[:key], row)
    return list(seen.values())


def export_sqlite(output: RunOutput, path: Path) -> None:
    """Tables documents, records, projects, project_sources and project_events, with primary and foreign
    keys."""
    documents = _unique([_document_row(d) for d in output.documents], "doc_id")
    projects = _unique([_project_row(p) for p in output.projects], "project_id")
    records = _unique(
        [tuple(_joined_json(v) for v in row.values()) for row in _rows(output)],
        "record_id",
    )
    sources = {(p.project_id, s.record_id): (s.doc_id, s.source) for p in output.projects for s in p.sources}
    with _atomic_path(path) as tmp:
        con = sqlite3.connect(tmp)
        try:
            con.execute("PRAGMA foreign_keys = ON")
            con.executescript(_SQLITE_SCHEMA)
            con.executemany(f"INSERT INTO documents VALUES ({_marks(13)})", documents)
            con.executemany(f"INSERT INTO projects VALUES ({_marks(14)})", projects)
            con.executemany(f"INSERT INTO records VALUES ({_marks(len(RECORD_COLUMNS))})", records)
            con.executemany(
                "INSERT INTO project_sources VALUES (?, ?, ?, ?)",
                [(pid, rid, doc, src) for (pid, rid), (doc, src) in sorted(sources.items())],
            )
            con.executemany(
                f"INSERT INTO project_events VALUES ({_marks(len(EVENT_COLUMNS))})",
                _unique([tuple(row.values()) for row in event_rows(output)], "project step", key=2),
            )
            con.commit()
        finally:
            con.close()


def _joined_json(value: object) -> object:
    return _json_text(value) if isinstance(value, list) else value


def _marks(n: int) -> str:
    return ", ".join("?" * n)


EXPORTERS: dict[str, tuple[str, Callable[[RunOutput, Path], None]]] = {
    "jsonl": ("jsonl", export_jsonl),
    "csv": ("csv", export_csv),
    "parquet": ("parquet", export_parquet),
    "sqlite": ("sqlite", export_sqlite),
}
"""Format name -> (file extension, writer)."""


def export(
    out: Path, fmt: str, output_path: Path | None = None, *, formulas: bool = False, excel: bool = False
) -> Path:
    """Export a run's output folder in one format; returns the path written (default OUT/export.<ext>).

    CSV only: `formulas` keeps text cells that a spreadsheet would run as they are; `excel` writes the
    UTF-8 with a byte-order mark (and CRLF line ends) that Excel reads.
    """
    if fmt not in EXPORTERS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORTERS)}")
    if fmt != "csv" and (formulas or excel):
        raise UsageError("--excel and --allow-formulas are options of --format csv")
    ext, writer = EXPORTERS[fmt]
    path = output_path if output_path is not None else out / f"export.{ext}"
    output = load_output(out)
    if fmt == "csv":
        export_csv(output, path, formulas=formulas, excel=excel)
    else:
        writer(output, path)
    log.info("exported %s to %s", fmt, path)
    return path


def extension(fmt: str) -> str:
    """The file extension of an export format."""
    return EXPORTERS[fmt][0] if fmt in EXPORTERS else fmt
