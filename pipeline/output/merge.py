"""Merge: records from every source into projects, one per real project (projects.jsonl).

Two records are one project when a lead company of one is a lead company of the other and their amounts
agree within a tolerance (in the stated currency or in US dollars). Sectors may differ between sources
(they are worded differently), so they are recorded, not compared. Conflicting figures are kept side by
side, never averaged, and every record stays as provenance.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from rapidfuzz import fuzz, process

from pipeline.extract.companies import CompanyLexicon
from pipeline.output.write import atomic_writer
from pipeline.rules import RuleSet, load_rules
from schemas import (
    SECTORS,
    Amount,
    Project,
    ProjectAmount,
    ProjectRecord,
    ProjectSource,
    RecordStatus,
    Sector,
    TimelineStep,
)

PROJECTS = "projects.jsonl"
AMOUNT_TOLERANCE = 0.01
"""Two figures are the same amount when they differ by at most this share of the larger one."""
FUZZY_THRESHOLD = 92.0
"""rapidfuzz ratio (0-100) above which two folded names are one company (spelling variants, typos)."""
_FUZZY_MIN_LEN = 5  # short names ("SK", "LG", "NEC") differ by one letter from other companies
_CONTAIN_MIN_LEN = 3
_POSSESSIVE = re.compile(r"['’]s?$")


class CompanyResolver:
    """Company names to one key per company: folding, the gazetteer's aliases, then fuzzy matching."""

    def __init__(self, lexicon: CompanyLexicon, threshold: float = FUZZY_THRESHOLD) -> None:
        self.lexicon = lexicon
        self.threshold = threshold
        self._gazetteer_keys = sorted(lexicon.gazetteer)
        self._keys: dict[str, str] = {}
        self._known: list[str] = []
        self._spellings: dict[str, Counter[str]] = defaultdict(Counter)

    def prepare(self, names: Iterable[str]) -> None:
        """Resolve names shortest first, so the result does not depend on the order they come in."""
        for name in sorted(set(names), key=lambda n: (len(n), n)):
            self.key(name)

    def key(self, name: str) -> str:
        """The folded key of the company a name refers to."""
        name = _POSSESSIVE.sub("", name.strip())
        folded = self.lexicon.fold(name)
        if folded in self._keys:
            key = self._keys[folded]
        else:
            key = self._resolve(folded)
            self._keys[folded] = key
            if key not in self._known:
                self._known.append(key)
        self._spellings[key][name] += 1
        return key

    def _resolve(self, folded: str) -> str:
        canonical = self.lexicon.gazetteer.get(folded)
        if canonical is not None:
            return self.lexicon.fold(canonical)
        if len(folded) < _FUZZY_MIN_LEN:
            return folded
        hit = process.extractOne(folded, self._gazetteer_keys, scorer=fuzz.ratio, score_cutoff=self.threshold)
        if hit is not None:
            return self.lexicon.fold(self.lexicon.gazetteer[hit[0]])
        hit = process.extractOne(folded, self._known, scorer=fuzz.ratio, score_cutoff=self.threshold)
        return str(hit[0]) if hit is not None else folded

    def display(self, key: str) -> str:
        """The name to show for a key: the gazetteer's name, else the spelling sources use most."""
        canonical = self.lexicon.gazetteer.get(key)
        if canonical is not None:
            return canonical
        spellings = self._spellings.get(key)
        if not spellings:
            return key
        return min(spellings, key=lambda s: (-spellings[s], len(s), s))


def leads_overlap(a: Iterable[str], b: Iterable[str]) -> bool:
    """Whether two sets of company keys share a company, or one names the other ("GE Vernova Hitachi")."""
    for x in a:
        for y in b:
            if x == y:
                return True
            short, long = (x, y) if len(x) <= len(y) else (y, x)
            # A joint venture or a division is named after its parent: whole words, not letters.
            # Only a name of three words or more is a joint name ("ge vernova hitachi nuclear energy");
            # "alder" inside "alder batteries" is a shared first word, and would chain companies together.
            joint_name = len(long.split()) >= 3 or len(short.split()) >= 2
            if joint_name and len(short) >= _CONTAIN_MIN_LEN and f" {short} " in f" {long} ":
                return True
    return False


def _points(amount: Amount | None) -> list[tuple[str, float]]:
    if amount is None:
        return []
    points = [(amount.currency, amount.value)]
    if amount.usd is not None and amount.currency != "USD":
        points.append(("USD", amount.usd))
    return points


def amounts_agree(a: Amount | None, b: Amount | None, tolerance: float = AMOUNT_TOLERANCE) -> bool:
    """Whether two amounts are one figure: same currency within the tolerance, or the same in US dollars."""
    for cur_a, val_a in _points(a):
        for cur_b, val_b in _points(b):
            if cur_a == cur_b and abs(val_a - val_b) <= tolerance * max(val_a, val_b):
                return True
    return False


@dataclass
class _Item:
    record: ProjectRecord
    leads: list[str]
    participants: list[str]
    words: set[str] = field(default_factory=set)


def _same_project(a: _Item, b: _Item, tolerance: float) -> bool:
    if not leads_overlap(a.leads, b.leads):
        return False
    if a.record.amount is None or b.record.amount is None:
        # Without a figure only the same company in the same sector is taken for one project.
        return a.record.amount is None and b.record.amount is None and a.record.sector == b.record.sector
    return amounts_agree(a.record.amount, b.record.amount, tolerance)


def _clusters(items: Sequence[_Item], tolerance: float) -> list[list[int]]:
    return _components(
        [item.words for item in items], lambda i, j: _same_project(items[i], items[j], tolerance)
    )


class _DisjointSets:
    """Union-find over 0..n-1; a group is named by its smallest member, so groups do not depend on order."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        """The group of i."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        """Put i and j in one group."""
        a, b = self.find(i), self.find(j)
        self.parent[max(a, b)] = min(a, b)

    def groups(self) -> list[list[int]]:
        """The groups, each in increasing order."""
        groups: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            groups[self.find(i)].append(i)
        return list(groups.values())


def _components(word_sets: Sequence[set[str]], same: Callable[[int, int], bool]) -> list[list[int]]:
    sets = _DisjointSets(len(word_sets))
    # Only records that share a word of a lead company's name can be one project.
    by_word: dict[str, list[int]] = defaultdict(list)
    for i, words in enumerate(word_sets):
        for word in words:
            by_word[word].append(i)
    for members in by_word.values():
        for pos, i in enumerate(members):
            for j in members[pos + 1 :]:
                if sets.find(i) != sets.find(j) and same(i, j):
                    sets.join(i, j)
    return sets.groups()


def _amount_key(a: Amount) -> tuple[str, float, str, float]:
    return (a.currency, a.value, a.qualifier, a.high if a.high is not None else -1.0)


def _distinct_amounts(records: Sequence[ProjectRecord]) -> list[ProjectAmount]:
    usd: dict[tuple[str, float, str, float], float | None] = {}
    for record in records:
        if record.amount is None:
            continue
        key = _amount_key(record.amount)
        known = usd.get(key)
        usd[key] = record.amount.usd if known is None else known
    return [
        ProjectAmount(value=v, currency=c, qualifier=q, high=None if h < 0 else h, usd=usd[(c, v, q, h)])
        for c, v, q, h in sorted(usd)
    ]


def _main_amount(records: Sequence[ProjectRecord]) -> Amount | None:
    amounts = [r.amount for r in records if r.amount is not None]
    if not amounts:
        return None
    counts = Counter(_amount_key(a) for a in amounts)
    best = min(counts, key=lambda k: (-counts[k], k))
    chosen = next(a for a in amounts if _amount_key(a) == best)
    known_usd = [a.usd for a in amounts if _amount_key(a) == best and a.usd is not None]
    return chosen.model_copy(update={"usd": known_usd[0] if known_usd else None})


def _bucket(amount: Amount | None) -> str:
    if amount is None:
        return "none"
    if amount.usd is not None:
        return f"USD:{amount.usd:.3g}"
    return f"{amount.currency}:{amount.value:.3g}"


def _hex(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def _main_sector(records: Sequence[ProjectRecord]) -> Sector:
    counts = Counter(r.sector for r in records)
    return min(counts, key=lambda s: (-counts[s], SECTORS.index(s)))


def _timeline(records: Sequence[ProjectRecord]) -> list[TimelineStep]:
    """The records in date order; undated ones last, in the order they were given."""
    ordered = sorted(records, key=lambda r: (r.published is None, r.published or ""))
    return [
        TimelineStep(
            date=r.published,
            status=r.status,
            amount=r.amount,
            record_id=r.record_id,
            doc_id=r.doc_id,
            source=r.source,
        )
        for r in ordered
    ]


def _latest_status(timeline: Sequence[TimelineStep]) -> RecordStatus:
    dated = [step for step in timeline if step.date is not None]
    return (dated or list(timeline))[-1].status


def _project(items: Sequence[_Item], resolver: CompanyResolver) -> Project:
    items = sorted(items, key=lambda it: (it.record.source, it.record.evidence.start, it.record.record_id))
    records = [it.record for it in items]
    sponsor_counts = Counter(it.leads[0] for it in items)
    lead = min(sponsor_counts, key=lambda k: (-sponsor_counts[k], len(k), k))
    leads = sorted({k for it in items for k in it.leads} - {lead})
    participants = sorted({k for it in items for k in it.participants} - {lead, *leads})
    amount = _main_amount(records)
    sectors = {r.sector for r in records}
    timeline = _timeline(records)
    return Project(
        project_id=_hex(lead, _bucket(amount)),
        company=resolver.display(lead),
        companies=[resolver.display(k) for k in (lead, *leads)],
        participants=[resolver.display(k) for k in participants],
        sector=_main_sector(records),
        sectors=[s for s in SECTORS if s in sectors],
        amount=amount,
        amounts=_distinct_amounts(records),
        description=next((r.description for r in records if r.description), None),
        sources=sorted(
            (ProjectSource(doc_id=r.doc_id, record_id=r.record_id, source=r.source) for r in records),
            key=lambda s: (s.source, s.record_id),
        ),
        status=_latest_status(timeline),
        timeline=timeline,
    )


def _unique_ids(projects: list[Project]) -> list[Project]:
    # Two projects of one company with close figures can share a bucket: tell them apart by a record id.
    seen = Counter(p.project_id for p in projects)
    out = []
    for p in projects:
        if seen[p.project_id] > 1:
            p = p.model_copy(update={"project_id": _hex(p.project_id, min(s.record_id for s in p.sources))})
        out.append(p)
    return out


def _usd(project: Project) -> float:
    return project.amount.usd or 0.0 if project.amount else 0.0


def merge(
    records: Iterable[ProjectRecord], rules: RuleSet | None = None, tolerance: float = AMOUNT_TOLERANCE
) -> list[Project]:
    """Records from every source as projects, one per real project, largest first."""
    resolver = CompanyResolver(CompanyLexicon.from_rules(rules if rules is not None else load_rules()))
    records = list(records)
    resolver.prepare(n for r in records for n in (r.sponsor, *r.partners, *r.participants))
    items = []
    for record in records:
        leads = list(dict.fromkeys(resolver.key(n) for n in (record.sponsor, *record.partners)))
        parts = [resolver.key(n) for n in record.participants]
        words = {w for k in leads for w in k.split() if len(w) >= _CONTAIN_MIN_LEN} or set(leads)
        items.append(_Item(record, leads, parts, words))
    projects = [_project([items[i] for i in group], resolver) for group in _clusters(items, tolerance)]
    return sorted(_unique_ids(projects), key=lambda p: (-_usd(p), p.company, p.project_id))


# --- bounded memory: projects.jsonl from records.jsonl --------------------------------------------


def _names(row: dict[str, Any]) -> Iterator[str]:
    yield row["sponsor"]
    yield from row["partners"]
    yield from row["participants"]


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    offset = 0
    with path.open("rb") as handle:
        for line in handle:
            if line.strip():
                yield offset, line
            offset += len(line)


@dataclass(frozen=True)
class _Signature:
    """What clustering compares: records with equal signatures are always one project."""

    leads: tuple[str, ...]
    participants: tuple[str, ...]
    amount: Amount | None
    sector: str


def _signatures_same(a: _Signature, b: _Signature, tolerance: float) -> bool:
    if not leads_overlap(a.leads, b.leads):
        return False
    if a.amount is None or b.amount is None:
        return a.amount is None and b.amount is None and a.sector == b.sector
    return amounts_agree(a.amount, b.amount, tolerance)


def _lead_words(leads: Iterable[str]) -> set[str]:
    return {w for k in leads for w in k.split() if len(w) >= _CONTAIN_MIN_LEN} or set(leads)


def _candidate_pairs(
    nodes: Sequence[_Signature], members: list[int], tolerance: float
) -> Iterator[tuple[int, int]]:
    """Pairs of one word's nodes that can be one project: a superset of those _signatures_same() accepts."""
    no_amount: dict[str, list[int]] = defaultdict(list)
    points: list[tuple[str, float, int]] = []
    for i in members:
        if nodes[i].amount is None:
            no_amount[nodes[i].sector].append(i)
        else:
            points.extend((currency, value, i) for currency, value in _points(nodes[i].amount))
    for same_sector in no_amount.values():  # without an amount only the same sector can match
        for pos, i in enumerate(same_sector):
            for j in same_sector[pos + 1 :]:
                yield i, j
    # Amounts agree only within the tolerance in one currency: a sliding window over the sorted points.
    points.sort()
    start = 0
    for end, (currency, value, j) in enumerate(points):
        while points[start][0] != currency or value - points[start][1] > tolerance * value:
            start += 1
        for k in range(start, end):
            if points[k][2] != j:
                yield points[k][2], j


def _node_components(nodes: Sequence[_Signature], tolerance: float) -> list[list[int]]:
    """The connected components _components() would find, comparing only pairs whose amounts can agree."""
    sets = _DisjointSets(len(nodes))
    by_word: dict[str, list[int]] = defaultdict(list)
    for i, node in enumerate(nodes):
        for word in _lead_words(node.leads):
            by_word[word].append(i)
    for members in by_word.values():
        for i, j in _candidate_pairs(nodes, members, tolerance):
            if sets.find(i) != sets.find(j) and _signatures_same(nodes[i], nodes[j], tolerance):
                sets.join(i, j)
    return sets.groups()


@dataclass
class _Signatures:
    """Each record's signature number and file offset, and the distinct signatures."""

    distinct: list[_Signature]
    of_record: array[int]
    offsets: array[int]


def _read_signatures(records_path: Path, resolver: CompanyResolver) -> _Signatures:
    names: set[str] = set()
    for _, line in _lines(records_path):
        names.update(_names(orjson.loads(line)))
    resolver.prepare(names)  # shortest first, as merge() does
    del names
    signatures: dict[_Signature, int] = {}
    amounts: dict[bytes, Amount] = {}
    of_record, offsets = array("q"), array("q")
    for offset, line in _lines(records_path):
        row = orjson.loads(line)
        leads = tuple(dict.fromkeys(resolver.key(n) for n in (row["sponsor"], *row["partners"])))
        parts = tuple(resolver.key(n) for n in row["participants"])
        amount = None
        if row["amount"] is not None:
            amount_key = orjson.dumps(row["amount"], option=orjson.OPT_SORT_KEYS)
            amount = amounts.get(amount_key)
            if amount is None:
                amount = amounts[amount_key] = Amount.model_validate(row["amount"])
        signature = _Signature(leads, parts, amount, row["sector"])
        of_record.append(signatures.setdefault(signature, len(signatures)))
        offsets.append(offset)
    return _Signatures(list(signatures), of_record, offsets)


def _record_clusters(signatures: _Signatures, tolerance: float) -> Iterator[tuple[int, int]]:
    """(cluster, record number) of every record."""
    # Clustering looks only at leads, amount and (without an amount) sector: one node per distinct triple.
    nodes: dict[_Signature, int] = {}
    node_of = array("q")
    for s in signatures.distinct:
        node_of.append(
            nodes.setdefault(_Signature(s.leads, (), s.amount, "" if s.amount else s.sector), len(nodes))
        )
    cluster_of_node = array("q", bytes(8 * len(nodes)))
    for number, group in enumerate(_node_components(list(nodes), tolerance)):
        for member in group:
            cluster_of_node[member] = number
    del nodes
    for number, signature in enumerate(signatures.of_record):
        yield cluster_of_node[node_of[signature]], number


def _json_line(project: Project) -> bytes:
    return orjson.dumps(project.model_dump(mode="json")) + b"\n"


def merge_file(
    records_path: Path, out_path: Path, rules: RuleSet | None = None, tolerance: float = AMOUNT_TOLERANCE
) -> int:
    """Write projects.jsonl from a records.jsonl in bounded memory (the projects merge() gives); their count.

    Records are never all in memory: clustering runs on distinct (leads, amount, sector) nodes, each record
    keeps a signature number and a file offset, and the projects are built one at a time, kept in a temporary
    SQLite file and written in merge()'s order.
    """
    resolver = CompanyResolver(CompanyLexicon.from_rules(rules if rules is not None else load_rules()))
    signatures = _read_signatures(records_path, resolver)
    db = sqlite3.connect("")  # a private temporary file: spills to disk, not to memory
    try:
        db.execute("PRAGMA temp_store = FILE")  # sorts spill to files too
        db.execute("CREATE TABLE m (cluster INTEGER, record INTEGER)")
        db.executemany("INSERT INTO m VALUES (?, ?)", _record_clusters(signatures, tolerance))
        db.execute("CREATE TABLE p (usd REAL, company TEXT, pid TEXT, first INTEGER, json BLOB)")
        with records_path.open("rb") as handle:

            def add_project(numbers: list[int]) -> None:
                items = []
                for number in numbers:
                    handle.seek(signatures.offsets[number])
                    record = ProjectRecord.model_validate_json(handle.readline())
                    signature = signatures.distinct[signatures.of_record[number]]
                    items.append(_Item(record, list(signature.leads), list(signature.participants)))
                project = _project(items, resolver)
                row = (_usd(project), project.company, project.project_id, numbers[0], _json_line(project))
                db.execute("INSERT INTO p VALUES (?, ?, ?, ?, ?)", row)

            current: list[int] = []
            current_cluster = -1
            for cluster, number in db.execute("SELECT cluster, record FROM m ORDER BY cluster, record"):
                if cluster != current_cluster and current:
                    add_project(current)
                    current = []
                current_cluster = cluster
                current.append(number)
            if current:
                add_project(current)
        # As _unique_ids(): projects that share an id are told apart by their first record id.
        clashes = db.execute(
            "SELECT rowid, json FROM p WHERE pid IN (SELECT pid FROM p GROUP BY pid HAVING count(*) > 1)"
        ).fetchall()
        for rowid, data in clashes:
            project = Project.model_validate_json(data)
            new_id = _hex(project.project_id, min(s.record_id for s in project.sources))
            project = project.model_copy(update={"project_id": new_id})
            db.execute("UPDATE p SET pid = ?, json = ? WHERE rowid = ?", (new_id, _json_line(project), rowid))
        count = 0
        with atomic_writer(out_path) as out:
            # merge()'s order: largest first, then company and id; a tie keeps the order of first records.
            # Sort the small keys only, then fetch each line: a sort of whole lines would hold them in memory.
            order = db.execute("SELECT rowid FROM p ORDER BY -usd, company, pid, first").fetchall()
            for (rowid,) in order:
                out.write(db.execute("SELECT json FROM p WHERE rowid = ?", (rowid,)).fetchone()[0])
                count += 1
        return count
    finally:
        db.close()
