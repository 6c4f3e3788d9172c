"""Merge: records from every source into projects, one per real project over time (projects.jsonl).

Two records are one project when they share a lead company (or one's lead is the other's parent, from the
gazetteer or the text) and nothing tells their projects apart (pipeline/output/identity.py: regions, sites,
countries, kinds of project), and either their amounts agree within a tolerance (in the stated currency or in
US dollars) or they share a region, a site or a kind of project, whatever their figures: a project keeps its
identity while its figure moves from report to report, and an addition is a step of it. Without a figure,
the same company in the same sector is one project. Sectors may differ between sources (they are worded
differently), so they are recorded, not compared. Conflicting figures are kept side by side, never averaged,
every record stays as provenance, and the timeline orders them by the documents' dates.
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
from pipeline.output.identity import Identity, IdentityRules, identities_conflict, same_project
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

    def key(self, name: str, count: bool = True) -> str:
        """The folded key of the company a name refers to; `count` counts the spelling for display()."""
        name = _POSSESSIVE.sub("", name.strip())
        folded = self.lexicon.fold(name)
        if folded in self._keys:
            key = self._keys[folded]
        else:
            key = self._resolve(folded)
            self._keys[folded] = key
            if key not in self._known:
                self._known.append(key)
        if count:
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


@dataclass(frozen=True, slots=True)
class _Node:
    """What clustering compares: records with equal nodes are always one project."""

    leads: tuple[str, ...]
    amount: Amount | None
    sector: str  # compared only between records without a figure: "" when there is one
    identity: Identity

    def data(self) -> bytes:
        """The node as bytes: its identity in merge_file()'s SQLite table, and its canonical order (bytes
        sort the same in Python and SQLite), so that clustering does not depend on the order of records."""
        a, i = self.amount, self.identity
        figure = [a.value, a.currency, a.qualifier, a.high, a.usd] if a else None
        return orjson.dumps([self.leads, figure, self.sector, i.regions, i.sites, i.countries, i.kinds])

    @classmethod
    def of_data(cls, data: bytes) -> _Node:
        """The node a data() gave."""
        leads, figure, sector, regions, sites, countries, kinds = orjson.loads(data)
        amount = None
        if figure is not None:
            value, currency, qualifier, high, usd = figure
            amount = Amount.model_construct(
                value=value, currency=currency, qualifier=qualifier, high=high, usd=usd
            )
        identity = Identity(tuple(regions), tuple(sites), tuple(countries), tuple(kinds))
        return cls(tuple(leads), amount, sector, identity)


class _DisjointSets:
    """Union-find over 0..n-1; a group is named by its smallest member, so groups do not depend on order."""

    def __init__(self, size: int) -> None:
        self.parent = array("q", range(size))

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


def _sub_names(key: str) -> Iterator[str]:
    """The shorter names a company key contains that leads_overlap() takes for the same company."""
    words = key.split()
    for size in range(1, len(words)):
        for first in range(len(words) - size + 1):
            short = " ".join(words[first : first + size])
            if (len(words) >= 3 or size >= 2) and len(short) >= _CONTAIN_MIN_LEN:
                yield short


_Member = tuple[int, bool, "_Node"]
"""A node in a block: its number, whether the block's name is one of its leads (else a name they contain)."""


def node_blocks(node: _Node, owners: dict[str, frozenset[str]]) -> dict[str, bool]:
    """The company names whose block a node is in: its leads and their parents (True), and the shorter
    names its leads contain (False: compared only with nodes that have that name as a lead)."""
    blocks = dict.fromkeys(node.leads, True)
    blocks.update(dict.fromkeys((p for lead in node.leads for p in owners.get(lead, ())), True))
    for lead in node.leads:
        for short in _sub_names(lead):
            blocks.setdefault(short, False)
    return blocks


class _Clustering:
    """Nodes into projects: the same lead company (or its parent) and the same project.

    Pairs are compared only within a block of one company name, block by block (the blocks may be read from
    disk); a group keeps the union of its members' identities, and two groups join only when nothing tells
    them apart (regions, sites, countries, kinds). Figures are compared first, in every block, then
    identities: the groups do not depend on where the nodes are kept.
    """

    def __init__(self, size: int, owners: dict[str, frozenset[str]], tolerance: float) -> None:
        self.owners = owners
        self.tolerance = tolerance
        self.sets = _DisjointSets(size)
        self.grown: dict[int, Identity] = {}  # the identity of each group of two nodes or more, by root

    def _up(self, node: _Node) -> set[str]:
        return {parent for lead in node.leads for parent in self.owners.get(lead, ())}

    def _related(self, a: _Node, b: _Node) -> bool:
        return (
            leads_overlap(a.leads, b.leads)
            or leads_overlap(self._up(a), b.leads)
            or leads_overlap(a.leads, self._up(b))
        )

    def _try(self, i: int, x: _Node, j: int, y: _Node, same: Callable[[_Node, _Node], bool]) -> None:
        a, b = self.sets.find(i), self.sets.find(j)
        if a == b:
            return
        if identities_conflict(x.identity, y.identity) or not (same(x, y) and self._related(x, y)):
            return
        # a group of one node is named by that node: its identity is the node's
        group_a, group_b = self.grown.get(a) or x.identity, self.grown.get(b) or y.identity
        if identities_conflict(group_a, group_b):
            return
        self.sets.join(a, b)
        self.grown.pop(max(a, b), None)
        self.grown[min(a, b)] = group_a.union(group_b)

    def _same_figure(self, x: _Node, y: _Node) -> bool:
        if x.amount is None or y.amount is None:
            # Without a figure only the same company in the same sector is taken for one project.
            return x.amount is None and y.amount is None and x.sector == y.sector
        return amounts_agree(x.amount, y.amount, self.tolerance)

    def _same_identity(self, x: _Node, y: _Node) -> bool:
        if not same_project(x.identity, y.identity):
            return False
        if x.identity.regions or x.identity.sites:
            return True
        # without a place, a figure in another currency is taken for another country
        return x.amount is None or y.amount is None or x.amount.currency == y.amount.currency

    def figures(self, block: list[_Member]) -> None:
        """Join the nodes of a block whose figures agree."""
        nodes = {i: node for i, _, node in block}
        lead = {i for i, full, _ in block if full}
        for i, j in _candidate_pairs(nodes, [i for i, _, _ in block], self.tolerance):
            if i in lead or j in lead:
                self._try(i, nodes[i], j, nodes[j], self._same_figure)

    def identities(self, block: list[_Member]) -> None:
        """Join the nodes of a block that are one project by what and where, whatever their figures."""
        nodes = {i: node for i, _, node in block}
        lead = {i for i, full, _ in block if full}
        by_feature: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, _, node in block:
            ident = node.identity
            for region in ident.regions:
                by_feature[("in", region)].append(i)
            for site in ident.sites:
                by_feature[("at", site)].append(i)
            if not (ident.regions or ident.sites) and ident.kinds:
                by_feature[("kinds", *ident.kinds)].append(i)
        for feature in sorted(by_feature):
            group = by_feature[feature]
            for pos, i in enumerate(group):
                for j in group[pos + 1 :]:
                    if i in lead or j in lead:
                        self._try(i, nodes[i], j, nodes[j], self._same_identity)


def _cluster(
    size: int,
    blocks: Callable[[], Iterable[list[_Member]]],
    owners: dict[str, frozenset[str]],
    tolerance: float,
) -> _DisjointSets:
    """The projects of `size` nodes, numbered in canonical order, read in blocks sorted by company name
    (each block's members in node order): figures first in every block, then identities."""
    clustering = _Clustering(size, owners, tolerance)
    for block in blocks():
        clustering.figures(block)
    for block in blocks():
        clustering.identities(block)
    return clustering.sets


def _candidate_pairs(
    nodes: dict[int, _Node], members: list[int], tolerance: float
) -> Iterator[tuple[int, int]]:
    """Pairs of a block's nodes whose figures can agree, and pairs without a figure in one sector."""
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


@dataclass
class _Item:
    record: ProjectRecord
    leads: list[str]
    participants: list[str]
    order: int  # the record's place in the run (records.jsonl), which orders undated steps
    identity: Identity = field(default_factory=Identity)


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


def _current_amount(items: Sequence[_Item]) -> Amount | None:
    """The figure most sources give while they agree; once the figure moved, the latest one's, as the
    status: the latest dated record's (the one most records of that date give), else the last in run order."""
    main = _main_amount([it.record for it in items])
    if main is None or all(amounts_agree(it.record.amount, main) for it in items if it.record.amount):
        return main
    with_figures = [it for it in items if it.record.amount is not None]
    dated = [it for it in with_figures if it.record.published]
    if not dated:
        return _in_time(with_figures)[-1].record.amount
    last = max(it.record.published or "" for it in dated)
    return _main_amount([it.record for it in dated if it.record.published == last])


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


def _in_time(items: Sequence[_Item]) -> list[_Item]:
    """Dated records by date, then undated ones; records of one date (or none) in run order."""
    return sorted(items, key=lambda it: (it.record.published is None, it.record.published or "", it.order))


def _timeline(items: Sequence[_Item]) -> list[TimelineStep]:
    """The records in date order; undated ones last, in run order, marked `dated: false`."""
    return [
        TimelineStep(
            date=it.record.published,
            dated=it.record.published is not None,
            status=it.record.status,
            amount=it.record.amount,
            record_id=it.record.record_id,
            doc_id=it.record.doc_id,
            source=it.record.source,
        )
        for it in _in_time(items)
    ]


def _latest_status(timeline: Sequence[TimelineStep]) -> RecordStatus:
    dated = [step for step in timeline if step.dated]
    return (dated or list(timeline))[-1].status


def _identity_key(items: Sequence[_Item]) -> str:
    """What a project is: where and what its earliest record that says so says, else the figure its
    earliest record gave (records of one date, or undated, by record id: not by the order of the run)."""
    described = [it for it in items if it.identity.key()] or list(items)
    first = min(
        described,
        key=lambda it: (it.record.published is None, it.record.published or "", it.record.record_id),
    )
    key = first.identity.key()
    if key:
        return key
    record = first.record
    return f"figure:{_bucket(record.amount)}" + ("" if record.amount else f":{record.sector}")


def _project(items: Sequence[_Item], resolver: CompanyResolver) -> Project:
    timeline = _timeline(items)
    identity = _identity_key(items)
    items = sorted(items, key=lambda it: (it.record.source, it.record.evidence.start, it.record.record_id))
    records = [it.record for it in items]
    sponsor_counts = Counter(it.leads[0] for it in items)
    lead = min(sponsor_counts, key=lambda k: (-sponsor_counts[k], len(k), k))
    leads = sorted({k for it in items for k in it.leads} - {lead})
    participants = sorted({k for it in items for k in it.participants} - {lead, *leads})
    amount = _current_amount(items)
    sectors = {r.sector for r in records}
    return Project(
        # the lead and what the project is, never its figure: the id stays when the figure moves
        project_id=_hex(lead, identity),
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
    # Two projects of one company and one identity (two records of one document) can share an id:
    # tell them apart by a record id.
    seen = Counter(p.project_id for p in projects)
    out = []
    for p in projects:
        if seen[p.project_id] > 1:
            p = p.model_copy(update={"project_id": _hex(p.project_id, min(s.record_id for s in p.sources))})
        out.append(p)
    return out


def _usd(project: Project) -> float:
    return project.amount.usd or 0.0 if project.amount else 0.0


@dataclass(frozen=True)
class _Context:
    """What merging reads besides the records: company names resolved, identity cues, owners."""

    resolver: CompanyResolver
    identity: IdentityRules

    @classmethod
    def of(cls, rules: RuleSet | None) -> _Context:
        """The context of a merge with these rules (the package's by default)."""
        rules = rules if rules is not None else load_rules()
        return cls(CompanyResolver(CompanyLexicon.from_rules(rules)), IdentityRules.from_rules(rules))

    def owners(self, pairs: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
        """Company key -> keys of its parents, from (company, parent) names and the gazetteer."""
        found: dict[str, set[str]] = defaultdict(set)
        for child, parent in [*pairs, *self.identity.gazetteer_parents]:
            a, b = self.resolver.key(child), self.resolver.key(parent)
            if a != b:
                found[a].add(b)
        return {k: frozenset(v) for k, v in found.items()}

    def names_to_prepare(self, names: Iterable[str], pairs: Iterable[tuple[str, str]]) -> set[str]:
        """Every name that will be resolved, so that resolving does not depend on the order of records."""
        return {
            *names,
            *(n for pair in pairs for n in pair),
            *(n for p in self.identity.gazetteer_parents for n in p),
        }


def _leads(context: _Context, sponsor: str, partners: Iterable[str], count: bool = True) -> tuple[str, ...]:
    return tuple(dict.fromkeys(context.resolver.key(n, count) for n in (sponsor, *partners)))


def _node(
    context: _Context,
    sponsor: str,
    partners: list[str],
    participants: list[str],
    sector: str,
    amount: Amount | None,
    evidence: str,
) -> _Node:
    """A record as clustering sees it."""
    identity = context.identity.identity(evidence, amount, (sponsor, *partners, *participants))
    leads = _leads(context, sponsor, partners)
    for name in participants:
        context.resolver.key(name)  # counted for display(), as merge() counts every name of a record
    return _Node(leads, amount, "" if amount else sector, identity)


def _item(
    context: _Context, record: ProjectRecord, order: int, identity: Identity | None = None, count: bool = True
) -> _Item:
    """A record as a project is built from it: its company keys, run order and identity (`count`: count
    its spellings for display, once per record)."""
    if identity is None:
        names = (record.sponsor, *record.partners, *record.participants)
        identity = context.identity.identity(record.evidence.text, record.amount, names)
    return _Item(
        record,
        list(_leads(context, record.sponsor, record.partners, count)),
        [context.resolver.key(n, count) for n in record.participants],
        order,
        identity,
    )


def _memory_blocks(nodes: list[_Node], owners: dict[str, frozenset[str]]) -> list[list[_Member]]:
    """The blocks of nodes kept in memory, as merge_file() reads them from disk."""
    blocks: dict[str, list[_Member]] = defaultdict(list)
    for number, node in enumerate(nodes):
        for name, full in node_blocks(node, owners).items():
            blocks[name].append((number, full, node))
    return [blocks[name] for name in sorted(blocks)]


def merge(
    records: Iterable[ProjectRecord], rules: RuleSet | None = None, tolerance: float = AMOUNT_TOLERANCE
) -> list[Project]:
    """Records from every source as projects, one per real project, largest first."""
    context = _Context.of(rules)
    records = list(records)
    pairs = [
        pair for r in records for pair in context.identity.owners(r.evidence.text, (r.sponsor, *r.partners))
    ]
    names = (n for r in records for n in (r.sponsor, *r.partners, *r.participants))
    context.resolver.prepare(context.names_to_prepare(names, pairs))
    owners = context.owners(pairs)
    items: list[_Item] = []
    records_of: dict[bytes, list[int]] = defaultdict(list)
    for order, record in enumerate(records):
        item = _item(context, record, order)
        items.append(item)
        amount, sector = record.amount, record.sector
        records_of[_Node(tuple(item.leads), amount, "" if amount else sector, item.identity).data()].append(
            order
        )
    ordered = sorted(records_of)
    nodes = [_Node.of_data(data) for data in ordered]
    sets = _cluster(len(nodes), lambda: _memory_blocks(nodes, owners), owners, tolerance)
    groups: dict[int, list[int]] = defaultdict(list)
    for number, data in enumerate(ordered):
        groups[sets.find(number)].extend(records_of[data])
    projects = [_project([items[n] for n in sorted(group)], context.resolver) for group in groups.values()]
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


@dataclass
class _Read:
    """Each record's node number and file offset, and the owners the records name."""

    of_record: array[int]
    offsets: array[int]
    owners: dict[str, frozenset[str]]


def _read_nodes(records_path: Path, context: _Context, db: sqlite3.Connection) -> _Read:
    """Read the records twice: names first (resolved as merge() resolves them), then nodes. The distinct
    nodes go to the table `nodes`, numbered in their canonical order, and their blocks to `blocks`."""
    names: set[str] = set()
    pairs: list[tuple[str, str]] = []
    for _, line in _lines(records_path):
        row = orjson.loads(line)
        names.update(_names(row))
        pairs.extend(context.identity.owners(row["evidence"]["text"], (row["sponsor"], *row["partners"])))
    context.resolver.prepare(context.names_to_prepare(names, pairs))  # as merge() does
    del names
    owners = context.owners(pairs)
    db.execute("CREATE TABLE seen (data BLOB PRIMARY KEY, first INTEGER) WITHOUT ROWID")
    amounts: dict[bytes, Amount] = {}
    first_seen, offsets = array("q"), array("q")
    for offset, line in _lines(records_path):
        row = orjson.loads(line)
        amount = None
        if row["amount"] is not None:
            amount_key = orjson.dumps(row["amount"], option=orjson.OPT_SORT_KEYS)
            amount = amounts.get(amount_key)
            if amount is None:
                amount = amounts[amount_key] = Amount.model_validate(row["amount"])
        node = _node(context, row["sponsor"], row["partners"], row["participants"], row["sector"], amount,
                     row["evidence"]["text"])  # fmt: skip
        number = len(offsets)
        db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?)", (node.data(), number))
        first_seen.append(db.execute("SELECT first FROM seen WHERE data = ?", (node.data(),)).fetchone()[0])
        offsets.append(offset)
    del amounts
    # the canonical numbers: the nodes in the order of their bytes, as merge() sorts them
    db.execute("CREATE TABLE nodes (id INTEGER PRIMARY KEY, data BLOB, first INTEGER)")
    db.execute("INSERT INTO nodes (data, first) SELECT data, first FROM seen ORDER BY data")
    db.execute("DROP TABLE seen")
    node_at = array("q", bytes(8 * len(offsets)))  # the node first seen at each record number
    for number, first in db.execute("SELECT id - 1, first FROM nodes"):
        node_at[first] = number
    of_record = array("q", (node_at[first] for first in first_seen))
    del node_at, first_seen
    db.execute("CREATE TABLE blocks (name TEXT, node INTEGER, lead INTEGER)")
    cursor = db.cursor()
    for number, data in db.execute("SELECT id - 1, data FROM nodes"):
        blocks = node_blocks(_Node.of_data(data), owners).items()
        cursor.executemany("INSERT INTO blocks VALUES (?, ?, ?)", ((k, number, v) for k, v in blocks))
    db.execute("CREATE INDEX blocks_name ON blocks (name, node)")
    return _Read(of_record, offsets, owners)


def _disk_blocks(db: sqlite3.Connection) -> Iterator[list[_Member]]:
    """The blocks of the table `blocks`, by company name, each with its nodes in node order."""
    query = (
        "SELECT b.name, b.node, b.lead, n.data FROM blocks b JOIN nodes n ON n.id = b.node + 1"
        " ORDER BY b.name, b.node"
    )
    block: list[_Member] = []
    current = None
    for name, number, lead, data in db.execute(query):
        if name != current and block:
            yield block
            block = []
        current = name
        block.append((number, bool(lead), _Node.of_data(data)))
    if block:
        yield block


def _json_line(project: Project) -> bytes:
    return orjson.dumps(project.model_dump(mode="json")) + b"\n"


def merge_file(
    records_path: Path, out_path: Path, rules: RuleSet | None = None, tolerance: float = AMOUNT_TOLERANCE
) -> int:
    """Write projects.jsonl from a records.jsonl in bounded memory (the projects merge() gives); their count.

    Records are never all in memory, nor are their nodes (leads, amount, identity): the distinct nodes and
    their blocks of company names live in a temporary SQLite file and clustering reads them block by block;
    memory holds a node number and a file offset per record and the identity of each merged group. The
    projects are built one at a time, kept in the SQLite file and written in merge()'s order.
    """
    context = _Context.of(rules)
    db = sqlite3.connect("")  # a private temporary file: spills to disk, not to memory
    try:
        db.execute("PRAGMA temp_store = FILE")  # sorts spill to files too
        read = _read_nodes(records_path, context, db)
        count = db.execute("SELECT count(*) FROM nodes").fetchone()[0]
        sets = _cluster(count, lambda: _disk_blocks(db), read.owners, tolerance)
        db.execute("CREATE TABLE m (cluster INTEGER, record INTEGER)")
        db.executemany(
            "INSERT INTO m VALUES (?, ?)", ((sets.find(n), r) for r, n in enumerate(read.of_record))
        )
        del sets
        db.execute("CREATE TABLE p (usd REAL, company TEXT, pid TEXT, first INTEGER, json BLOB)")
        with records_path.open("rb") as handle:

            def add_project(numbers: list[int]) -> None:
                items = []
                for number in numbers:
                    handle.seek(read.offsets[number])
                    record = ProjectRecord.model_validate_json(handle.readline())
                    # the record's identity as its node holds it (_read_nodes found it from the same words)
                    data = db.execute("SELECT data FROM nodes WHERE id = ?", (read.of_record[number] + 1,))
                    identity = _Node.of_data(data.fetchone()[0]).identity
                    items.append(_item(context, record, number, identity, count=False))  # counted by _node()
                project = _project(items, context.resolver)
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
