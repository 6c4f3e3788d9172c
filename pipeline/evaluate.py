"""Evaluate a run against gold annotations, by the matching rules of docs/gold-format.md.

Companies and amounts: per-document set precision/recall. Records: one-to-one matching on a shared company
(any spelling of it) and the amount (value within 0.5%, currency, and `high` where gold has one). Sector and
qualifier accuracy over matched records.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from pipeline.errors import UsageError

_SUFFIXES = frozenset(
    [
        "corp",
        "corporation",
        "inc",
        "incorporated",
        "co",
        "company",
        "ltd",
        "limited",
        "group",
        "holdings",
        "holding",
        "plc",
        "llc",
        "lp",
        "kk",
        "ag",
        "sa",
        "nv",
        "se",
        "gmbh",
    ]
)
_TOLERANCE = 0.005


class GoldAmount(BaseModel):
    """An amount of a gold line: a number and its currency code."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    value: float
    currency: str = Field(min_length=1)


class GoldRecord(BaseModel):
    """A record of a gold line: its lead companies, its amount (and others it may be stated in)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    companies: list[str] = Field(min_length=1)
    value: float
    currency: str = Field(min_length=1)
    high: float | None = None
    qualifier: Literal["exact", "up_to", "about", "at_least", "range"] | None = None
    sector: str | None = None
    alternatives: list[GoldAmount] = []


class GoldDocument(BaseModel):
    """One line of a gold file: what a document holds (docs/gold-format.md). A misspelt key is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    doc: str = Field(min_length=1)
    kind: str | None = None
    companies: list[list[str]] = []
    not_companies: list[str] = []
    neutral_companies: list[str] = []
    amounts: list[GoldAmount] = []
    records: list[GoldRecord] = []


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The lines of a gold file, each checked against the gold format; raises UsageError at the first bad
    line, naming the file, the line and what is wrong with it."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the gold file {path}: {exc}") from exc
    lines: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{where} is not JSON ({exc.msg}); {_GOLD_HINT}") from exc
        try:
            GoldDocument.model_validate(obj)
        except ValidationError as exc:
            first = exc.errors()[0]
            field_path = ".".join(str(part) for part in first["loc"]) or "the line"
            raise UsageError(f"{where}: {field_path}: {first['msg'].lower()}; {_GOLD_HINT}") from exc
        lines.append(obj)
    if not lines:
        raise UsageError(f"the gold file {path} has no lines; {_GOLD_HINT}")
    return lines


_GOLD_HINT = "one JSON object per line, as docs/gold-format.md describes"


def fold(name: str) -> str:
    """Lower case, punctuation dropped, legal suffixes and a leading 'the' dropped."""
    name = name.lower().replace("&", " and ").replace("k.k.", "kk")
    words = re.sub(r"[^\w\s]", " ", name).split()
    while words and words[-1] in _SUFFIXES:
        words.pop()
    while words and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _TOLERANCE * max(abs(a), abs(b), 1e-9)


@dataclass
class Counts:
    """True positives, predictions and gold items of one measure."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        """Add one document's counts."""
        self.tp += tp
        self.pred += pred
        self.gold += gold

    @property
    def precision(self) -> float:
        """tp / pred (1.0 with no predictions)."""
        return self.tp / self.pred if self.pred else 1.0

    @property
    def recall(self) -> float:
        """tp / gold (1.0 with no gold items)."""
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    """The figures score.py prints, plus per-document misses and extras."""

    documents: int = 0
    failed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    companies: Counts = field(default_factory=Counts)
    amounts: Counts = field(default_factory=Counts)
    records: Counts = field(default_factory=Counts)
    sector_ok: int = 0
    qualifier_ok: int = 0
    forbidden: int = 0
    details: list[dict[str, Any]] = field(default_factory=list)

    @property
    def sector_accuracy(self) -> float | None:
        """Share of matched records with the gold sector."""
        return self.sector_ok / self.records.tp if self.records.tp else None

    @property
    def qualifier_accuracy(self) -> float | None:
        """Share of matched records with the gold qualifier."""
        return self.qualifier_ok / self.records.tp if self.records.tp else None


def doc_name(source: str) -> str:
    """The file name at the end of a source, which pairs a document with its gold line."""
    return re.split(r"[\\/]", source.rstrip("/"))[-1]


def _score_records(
    gold: dict[str, Any], records: list[dict[str, Any]], gold_sets: list[set[str]], result: Evaluation
) -> tuple[list[Any], list[Any], list[str]]:
    aliases: dict[str, set[str]] = {}
    for spellings in gold_sets:
        for spelling in spellings:
            aliases.setdefault(spelling, set()).update(spellings)
    gold_records = gold.get("records", [])
    predicted = [r for r in records if r.get("amount")]
    used: set[int] = set()
    extra: list[Any] = []
    wrong: list[str] = []
    for record in predicted:
        amount = record["amount"]
        names = {fold(record.get("sponsor") or "")} | {fold(p) for p in record.get("partners") or []}
        names.discard("")
        hit = None
        for i, gold_record in enumerate(gold_records):
            if i in used:
                continue
            gold_names: set[str] = set()
            for name in gold_record["companies"]:
                gold_names |= aliases.get(fold(name), {fold(name)})
            if not names & gold_names or str(amount.get("currency", "")).upper() != gold_record["currency"]:
                continue
            if not _close(float(amount["value"]), float(gold_record["value"])):
                continue
            high = gold_record.get("high")
            if high is not None and (amount.get("high") is None or not _close(float(amount["high"]), high)):
                continue
            hit = i
            break
        if hit is None:
            extra.append(
                {"sponsor": record.get("sponsor"), "amount": amount, "evidence": record["evidence"]["text"]}
            )
            continue
        used.add(hit)
        if record.get("sector") != gold_records[hit].get("sector"):
            wrong.append(
                f"{record.get('sponsor')}: {record.get('sector')} (gold {gold_records[hit].get('sector')})"
            )
        result.sector_ok += record.get("sector") == gold_records[hit].get("sector")
        result.qualifier_ok += amount.get("qualifier") == gold_records[hit].get("qualifier")
    result.records.add(len(used), len(predicted), len(gold_records))
    missed = [g for i, g in enumerate(gold_records) if i not in used]
    return missed, extra, wrong


def evaluate(
    gold_lines: Iterable[dict[str, Any]],
    documents: Iterable[dict[str, Any]],
    records: Iterable[dict[str, Any]],
) -> Evaluation:
    """Score a run's documents and records against gold lines."""
    gold = {g["doc"]: g for g in gold_lines}
    docs = {doc_name(d.get("source", "")): d for d in documents}
    names_by_id = {d.get("doc_id"): name for name, d in docs.items()}
    records_by_doc: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        name = names_by_id.get(record.get("doc_id")) or doc_name(record.get("source", ""))
        records_by_doc.setdefault(name, []).append(record)
    result = Evaluation(documents=len(gold))
    for name, g in sorted(gold.items()):
        d = docs.get(name)
        if d is None:
            result.missing.append(name)
            d = {}
        elif d.get("status") not in (None, "ok"):
            result.failed.append(name)
        gold_sets = [{fold(s) for s in entry} for entry in g.get("companies", [])]
        neutral = {fold(n) for n in g.get("neutral_companies", [])}
        predicted = {fold(c) for c in d.get("companies", []) if fold(c)} - neutral
        matched = {next((i for i, gs in enumerate(gold_sets) if p in gs), -1) for p in predicted} - {-1}
        result.companies.add(len(matched), len(predicted), len(gold_sets))
        result.forbidden += len(predicted & {fold(n) for n in g.get("not_companies", [])})
        gold_amounts = list(
            dict.fromkeys((float(a["value"]), a["currency"].upper()) for a in g.get("amounts", []))
        )
        pred_amounts = list(
            dict.fromkeys((float(a["value"]), str(a["currency"]).upper()) for a in d.get("amounts", []))
        )
        used: set[int] = set()
        for value, currency in pred_amounts:
            for i, (gv, gc) in enumerate(gold_amounts):
                if i not in used and currency == gc and _close(value, gv):
                    used.add(i)
                    break
        result.amounts.add(len(used), len(pred_amounts), len(gold_amounts))
        missed, extra, wrong = _score_records(g, records_by_doc.get(name, []), gold_sets, result)
        result.details.append(
            {
                "doc": name,
                "companies_missed": [e[0] for i, e in enumerate(g.get("companies", [])) if i not in matched],
                "companies_extra": sorted(p for p in predicted if not any(p in gs for gs in gold_sets)),
                "amounts_missed": [a for i, a in enumerate(gold_amounts) if i not in used],
                "records_missed": missed,
                "records_extra": extra,
                "sectors_wrong": wrong,
            }
        )
    return result


def summary_lines(result: Evaluation) -> list[str]:
    """The figures as score.py prints them."""
    lines = [
        f"documents {result.documents}  missing {len(result.missing)}  failed {len(result.failed)}  "
        f"forbidden companies {result.forbidden}"
    ]
    for key in ("companies", "amounts", "records"):
        counts: Counts = getattr(result, key)
        lines.append(
            f"{key:10} P {counts.precision:.3f}  R {counts.recall:.3f}  F1 {counts.f1:.3f}  "
            f"(tp {counts.tp}, pred {counts.pred}, gold {counts.gold})"
        )
    sector = None if result.sector_accuracy is None else round(result.sector_accuracy, 4)
    qualifier = None if result.qualifier_accuracy is None else round(result.qualifier_accuracy, 4)
    lines.append(f"sector accuracy {sector}  qualifier accuracy {qualifier}")
    return lines
