"""Ruled tables on a PDF page, found from the page's drawn paths.

Every path becomes edges: a thin path is one rule, a box (a cell border drawn as a rectangle) gives its
four sides. Rules that touch form a table; each band between two horizontal rules is a row, split into
cells by the vertical rules that cross it (so cells merged across columns stay one cell).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

TOLERANCE = 3.0
THIN = 2.0
MIN_CELL_HEIGHT = 4.0


@dataclass(frozen=True)
class Grid:
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom (top-down coordinates)
    cells: list[list[tuple[float, float, float, float]]]  # rows of (x0, top, x1, bottom)


def _edges(boxes: list[tuple[float, float, float, float]]) -> tuple[list[list[float]], list[list[float]]]:
    """(horizontal [y, x0, x1], vertical [x, y0, y1]) rules from path bounding boxes (x0, top, x1, bottom)."""
    horizontal: list[list[float]] = []
    vertical: list[list[float]] = []
    for x0, top, x1, bottom in boxes:
        width, height = x1 - x0, bottom - top
        if width <= THIN and height > THIN:
            vertical.append([(x0 + x1) / 2, top, bottom])
        elif height <= THIN and width > THIN:
            horizontal.append([(top + bottom) / 2, x0, x1])
        elif width > THIN and height > THIN:
            horizontal += [[top, x0, x1], [bottom, x0, x1]]
            vertical += [[x0, top, bottom], [x1, top, bottom]]
    return _merge(horizontal), _merge(vertical)


def _merge(edges: list[list[float]]) -> list[list[float]]:
    """Rules on (nearly) the same line that overlap or touch become one."""
    merged: list[list[float]] = []
    for position, start, end in sorted(edges):
        for edge in merged:
            if abs(edge[0] - position) <= TOLERANCE and start <= edge[2] + TOLERANCE and end >= edge[1] - TOLERANCE:
                edge[1], edge[2] = min(edge[1], start), max(edge[2], end)
                break
        else:
            merged.append([position, start, end])
    return merged


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > TOLERANCE:
            out.append(value)
    return out


def find_grids(boxes: list[tuple[float, float, float, float]], *, max_edges: int = 4000) -> list[Grid]:
    horizontal, vertical = _edges(boxes)
    if not horizontal or not vertical or len(horizontal) + len(vertical) > max_edges:
        return []
    parent = list(range(len(horizontal) + len(vertical)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for h, (y, hx0, hx1) in enumerate(horizontal):
        for v, (x, vy0, vy1) in enumerate(vertical):
            if hx0 - TOLERANCE <= x <= hx1 + TOLERANCE and vy0 - TOLERANCE <= y <= vy1 + TOLERANCE:
                parent[root(h)] = root(len(horizontal) + v)
    groups: dict[int, tuple[list[list[float]], list[list[float]]]] = {}
    for h, edge in enumerate(horizontal):
        groups.setdefault(root(h), ([], []))[0].append(edge)
    for v, edge in enumerate(vertical):
        groups.setdefault(root(len(horizontal) + v), ([], []))[1].append(edge)
    grids = []
    for rules_h, rules_v in groups.values():
        grid = _grid(rules_h, rules_v)
        if grid is not None:
            grids.append(grid)
    return sorted(grids, key=lambda g: g.bbox[1])


def _grid(rules_h: list[list[float]], rules_v: list[list[float]]) -> Grid | None:
    ys = _cluster([edge[0] for edge in rules_h])
    rows: list[list[tuple[float, float, float, float]]] = []
    for top, bottom in itertools.pairwise(ys):
        if bottom - top < MIN_CELL_HEIGHT:
            continue
        middle = (top + bottom) / 2
        xs = _cluster([x for x, y0, y1 in rules_v if y0 - TOLERANCE <= middle <= y1 + TOLERANCE])
        if len(xs) >= 2:
            rows.append([(x0, top, x1, bottom) for x0, x1 in itertools.pairwise(xs) if x1 - x0 > TOLERANCE])
    rows = [row for row in rows if row]
    if not rows or max(len(row) for row in rows) < 2:
        return None
    x0 = min(cell[0] for row in rows for cell in row)
    x1 = max(cell[2] for row in rows for cell in row)
    return Grid(bbox=(x0, rows[0][0][1], x1, rows[-1][0][3]), cells=rows)
