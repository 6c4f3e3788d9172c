"""Ruled tables from a page's path outlines, found as pdfplumber's default ("lines") strategy finds them.

pdfplumber reads a page through pdfminer, which is slow; pypdfium2 shows the same path objects at a
fraction of the cost. This module repeats pdfplumber's steps on plain outlines: each painted subpath
becomes edges as pdfminer and pdfplumber make them (a lone segment is a line, anything else an outline
whose consecutive points give edges); edges are snapped and joined within 3 points, kept from 3 points
long; their crossings (within 3 points) are found; each crossing opens the smallest cell whose four
corners are crossings joined by edges; cells sharing a corner make a table, cells grouped into rows by
their top. Same edges in, same tables out.

The two libraries' coordinates differ by a hair (pdfium keeps float32), so wherever a comparison falls
within `EPSILON` of its tolerance, the answer could differ: the module raises Undecided and the caller
lets pdfplumber read the page.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import groupby, pairwise
from typing import Literal

# Closer than this to a tolerance, a comparison is left to pdfplumber (points; pdfium's float32
# coordinates differ from pdfminer's by about 1e-4).
EPSILON = 0.01
_SNAP = 3.0  # pdfplumber's snap_tolerance
_JOIN = 3.0  # join_tolerance
_MIN_LENGTH = 3.0  # edge_min_length
_MIN_LENGTH_PREFILTER = 1.0  # edge_min_length_prefilter
_CROSSING = 3.0  # intersection_tolerance

Box = tuple[float, float, float, float]  # x0, top, x1, bottom
Point = tuple[float, float]


class Undecided(Exception):
    """pdfium's objects could give another reading than pdfplumber's here: pdfplumber must read the page."""


@dataclass(frozen=True)
class Subpath:
    """One painted subpath as pdfminer keeps it: its operators (m, l, c, h) and the point each one ends at,
    in top-down page coordinates (h ends at the subpath's start)."""

    ops: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class Edge:
    """A horizontal or vertical edge in top-down page coordinates."""

    orientation: Literal["h", "v"]
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def length(self) -> float:
        return self.bottom - self.top if self.orientation == "v" else self.x1 - self.x0

    @property
    def position(self) -> float:
        """Where the edge lies across its direction: x for a vertical edge, top for a horizontal one."""
        return self.x0 if self.orientation == "v" else self.top

    @property
    def bbox(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)


@dataclass(frozen=True)
class Grid:
    """One ruled table: rows of cell boxes (None where a cell of another row spans the column) and its box."""

    rows: list[list[Box | None]]
    bbox: Box


def at_least(value: float, limit: float, margin: float = EPSILON) -> bool:
    """Whether value passes limit; Undecided when the two lie within `margin`, where the libraries'
    coordinates could decide it either way."""
    if abs(value - limit) < margin:
        raise Undecided(f"{value:.3f} is a hair from the tolerance {limit:.3f}")
    return value > limit


def _outline_edges(subpath: Subpath) -> Iterator[Edge]:
    """The edges pdfplumber makes of one subpath (pdfminer's LTLine, LTRect or LTCurve)."""
    ops, points = subpath.ops, list(subpath.points)
    if not ops.startswith("m") or len(points) < 2:
        return
    if len(ops) > 3 and ops.endswith("lh") and points[-2] == points[0]:
        ops, points = ops[:-2] + "h", points[:-1]  # pdfminer drops the redundant "l" before a close
    if ops in ("ml", "mlh"):
        (ax, ay), (bx, by) = points[0], points[1]
        _exact_or_apart(ay, by)
        # pdfplumber calls any line that is not horizontal vertical, a slanted one included
        orientation: Literal["h", "v"] = "h" if ay == by else "v"
        yield Edge(orientation, min(ax, bx), max(ax, bx), min(ay, by), max(ay, by))
        return
    # A rectangle's four edges are its consecutive corners' edges: both are read as an outline.
    for (ax, ay), (bx, by) in pairwise(points):
        _exact_or_apart(ax, bx)
        _exact_or_apart(ay, by)
        if ax == bx:
            yield Edge("v", ax, bx, min(ay, by), max(ay, by))
        elif ay == by:
            yield Edge("h", min(ax, bx), max(ax, bx), ay, by)
        # a slanted segment of an outline is no edge


def _exact_or_apart(a: float, b: float) -> None:
    """Two coordinates either equal (an upright edge) or clearly apart: float32 could merge near ones."""
    if a != b and abs(a - b) < EPSILON:
        raise Undecided("a path segment is a hair from upright")


def cluster_numbers(values: Iterable[float], tolerance: float, margin: float = EPSILON) -> dict[float, int]:
    """pdfplumber's cluster_list: sorted distinct values chained while each is within `tolerance` of the
    last; each value's cluster number (Undecided where a step is within `margin` of the tolerance)."""
    numbers: dict[float, int] = {}
    last: float | None = None
    cluster = -1
    for value in sorted(set(values)):
        if last is None or at_least(value - last, tolerance, margin):
            cluster += 1
        numbers[value] = cluster
        last = value
    return numbers


def _snap(edges: list[Edge], tolerance: float) -> list[Edge]:
    """Edges of one orientation within `tolerance` of one another moved to their average position."""
    numbers = cluster_numbers((e.position for e in edges), tolerance)
    ordered = sorted(edges, key=lambda e: numbers[e.position])
    snapped: list[Edge] = []
    for _, members in groupby(ordered, key=lambda e: numbers[e.position]):
        group = list(members)
        average = sum(e.position for e in group) / len(group)
        for e in group:
            shift = average - e.position
            if e.orientation == "v":
                snapped.append(replace(e, x0=e.x0 + shift, x1=e.x1 + shift))
            else:
                snapped.append(replace(e, top=e.top + shift, bottom=e.bottom + shift))
    return snapped


def _join(edges: list[Edge], tolerance: float) -> list[Edge]:
    """Collinear edges (one orientation, one position) joined where the gap is within `tolerance`."""
    vertical = edges[0].orientation == "v"
    ordered = sorted(edges, key=lambda e: e.top if vertical else e.x0)
    joined = [ordered[0]]
    for edge in ordered[1:]:
        last = joined[-1]
        start, last_end = (edge.top, last.bottom) if vertical else (edge.x0, last.x1)
        end = edge.bottom if vertical else edge.x1
        if not at_least(start, last_end + tolerance):  # pdfplumber: start <= last end + tolerance
            if end > last_end:
                joined[-1] = replace(last, bottom=end) if vertical else replace(last, x1=end)
        else:
            joined.append(edge)
    return joined


def _merged_edges(edges: list[Edge]) -> list[Edge]:
    """pdfplumber's merge_edges and length filter: snapped, joined, at least _MIN_LENGTH long."""
    kept = [e for e in edges if not at_least(_MIN_LENGTH_PREFILTER, e.length)]  # length >= 1
    snapped = _snap([e for e in kept if e.orientation == "v"], _SNAP)
    snapped += _snap([e for e in kept if e.orientation == "h"], _SNAP)
    ordered = sorted(snapped, key=lambda e: (e.orientation, e.position))
    merged: list[Edge] = []
    for _, group in groupby(ordered, key=lambda e: (e.orientation, e.position)):
        merged += _join(list(group), _JOIN)
    return [e for e in merged if not at_least(_MIN_LENGTH, e.length)]  # length >= 3


def _within(value: float, low: float, high: float) -> bool | None:
    """low <= value <= high: True, False, or None when value lies within EPSILON of either end."""
    if abs(value - low) < EPSILON or abs(value - high) < EPSILON:
        return None
    return low < value < high


Crossings = dict[Point, tuple[set[Box], set[Box]]]  # vertex -> boxes of its vertical, horizontal edges


def _crossings(edges: list[Edge]) -> Crossings:
    """pdfplumber's edges_to_intersections: where a vertical and a horizontal edge meet, within 3 points."""
    crossings: Crossings = {}
    verticals = sorted((e for e in edges if e.orientation == "v"), key=lambda e: (e.x0, e.top))
    horizontals = sorted((e for e in edges if e.orientation == "h"), key=lambda e: (e.top, e.x0))
    for v in verticals:
        for h in horizontals:
            across = _within(h.top, v.top - _CROSSING, v.bottom + _CROSSING)
            along = _within(v.x0, h.x0 - _CROSSING, h.x1 + _CROSSING)
            if across is False or along is False:
                continue
            if across is None or along is None:
                raise Undecided("an edge ends a hair from the crossing tolerance")
            vertical_boxes, horizontal_boxes = crossings.setdefault((v.x0, h.top), (set(), set()))
            vertical_boxes.add(v.bbox)
            horizontal_boxes.add(h.bbox)
    return crossings


def _cells(crossings: Crossings) -> list[Box]:
    """pdfplumber's intersections_to_cells: from each crossing, the smallest cell whose corners are
    crossings joined by common edges."""

    def joined(a: Point, b: Point) -> bool:
        if a[0] == b[0] and crossings[a][0] & crossings[b][0]:
            return True
        return a[1] == b[1] and bool(crossings[a][1] & crossings[b][1])

    points = sorted(crossings)
    cells: list[Box] = []
    for i, point in enumerate(points[:-1]):
        rest = points[i + 1 :]
        below = [p for p in rest if p[0] == point[0]]
        right = [p for p in rest if p[1] == point[1]]
        cell = next(
            (
                (point[0], point[1], r[0], b[1])
                for b in below
                if joined(point, b)
                for r in right
                if joined(point, r)
                and (r[0], b[1]) in crossings
                and joined((r[0], b[1]), r)
                and joined((r[0], b[1]), b)
            ),
            None,
        )
        if cell is not None:
            cells.append(cell)
    return cells


def _corners(cell: Box) -> set[Point]:
    x0, top, x1, bottom = cell
    return {(x0, top), (x0, bottom), (x1, top), (x1, bottom)}


def _tables(cells: list[Box]) -> list[list[Box]]:
    """pdfplumber's cells_to_tables: cells grouped while they share a corner; groups of one dropped."""
    remaining = list(cells)
    tables: list[list[Box]] = []
    current: list[Box] = []
    corners: set[Point] = set()
    while remaining:
        before = len(current)
        for cell in list(remaining):
            if not current or _corners(cell) & corners:
                corners |= _corners(cell)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(current)
            current, corners = [], set()
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def _grid(cells: list[Box]) -> Grid:
    """pdfplumber's Table.rows: cells grouped by top, each row aligned on every left edge of the table."""
    xs = sorted({c[0] for c in cells})
    rows: list[list[Box | None]] = []
    for _, members in groupby(sorted(cells, key=lambda c: (c[1], c[0])), key=lambda c: c[1]):
        by_x = {c[0]: c for c in members}
        rows.append([by_x.get(x) for x in xs])
    bbox = (
        min(c[0] for c in cells),
        min(c[1] for c in cells),
        max(c[2] for c in cells),
        max(c[3] for c in cells),
    )
    return Grid(rows, bbox)


def find_grids(subpaths: Iterable[Subpath]) -> list[Grid]:
    """The ruled tables pdfplumber's find_tables() would find on a page with these painted subpaths,
    top to bottom; raises Undecided where a comparison falls within a hair of a tolerance."""
    edges = [edge for subpath in subpaths for edge in _outline_edges(subpath)]
    merged = _merged_edges(edges)
    if not merged:
        return []
    return [_grid(cells) for cells in _tables(_cells(_crossings(merged)))]


def cell_index(grid: Grid) -> tuple[list[float], list[float], dict[tuple[int, int], list[tuple[int, int]]]]:
    """The grid's distinct x and y boundaries and, for each elementary span between them, the (row, column)
    of every cell that covers it: a character's cell is then two bisections away."""
    cells = [(r, c, box) for r, row in enumerate(grid.rows) for c, box in enumerate(row) if box is not None]
    xs = sorted({v for _, _, box in cells for v in (box[0], box[2])})
    ys = sorted({v for _, _, box in cells for v in (box[1], box[3])})
    covering: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for r, c, (x0, top, x1, bottom) in cells:
        for i in range(bisect.bisect_left(xs, x0), bisect.bisect_left(xs, x1)):
            for j in range(bisect.bisect_left(ys, top), bisect.bisect_left(ys, bottom)):
                covering.setdefault((i, j), []).append((r, c))
    return xs, ys, covering
