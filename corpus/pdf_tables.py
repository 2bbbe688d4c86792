"""Ruled tables on a PDF page: the grid drawn by its line and rectangle paths, cells spanning
several grid positions where a rule is missing, and the Table the cells' text makes.

Coordinates are points with y growing down the page, like corpus.pages.Line.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.cells import is_numbering_row
from corpus.layout import Table

_THIN = 2.5  # a filled or stroked shape this narrow is a rule
_TOL = 2.0  # rules this close are one; a rule covers a boundary within this
_QUOC_HIEU = re.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.IGNORECASE)
_SIGNATURE = re.compile(r"^(?:Nơi nhận|(?:TM|T\.M|KT|TL|TUQ|Q)\.\s)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Rule:
    at: float  # y of a horizontal rule, x of a vertical one
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class Grid:
    xs: tuple[float, ...]  # column edges, left to right
    ys: tuple[float, ...]  # row edges, top to bottom
    anchors: tuple[tuple[tuple[int, int], ...], ...]  # [row][col] -> the spanning cell's top-left

    def contains(self, x: float, y: float) -> bool:
        return self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]

    def cell(self, x: float, y: float) -> tuple[int, int] | None:
        if not self.contains(x, y):
            return None
        row = _index(self.ys, y)
        col = _index(self.xs, x)
        return self.anchors[row][col]


def _index(edges: Sequence[float], value: float) -> int:
    return min(max(bisect.bisect_left(edges, value) - 1, 0), len(edges) - 2)


def page_rules(page_raw: object, top: float) -> tuple[list[Rule], list[Rule]]:
    """Horizontal and vertical rules of a page: thin filled or stroked shapes, and the edges of
    stroked rectangles. White shapes draw nothing."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    horizontal: list[Rule] = []
    vertical: list[Rule] = []
    left, bottom, right, upper = (ctypes.c_float() for _ in range(4))
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    get_object, get_type, path = (
        pdfium_c.FPDFPage_GetObject,
        pdfium_c.FPDFPageObj_GetType,
        pdfium_c.FPDF_PAGEOBJ_PATH,
    )
    for i in range(pdfium_c.FPDFPage_CountObjects(page_raw)):
        obj = get_object(page_raw, i)
        if get_type(obj) != path:
            continue
        if not pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke):
            continue
        stroked = bool(stroke.value) and pdfium_c.FPDFPageObj_GetStrokeColor(obj, r, g, b, a)
        stroked = stroked and a.value > 0 and min(r.value, g.value, b.value) < 235
        filled = bool(fill.value) and pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a)
        filled = filled and a.value > 0 and min(r.value, g.value, b.value) < 235
        if not (stroked or filled):
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, upper):
            continue
        box = (left.value, top - upper.value, right.value, top - bottom.value)
        segments = pdfium_c.FPDFPath_CountSegments(obj)
        shapes = [box] if segments <= 6 else _subpaths(obj, segments, top, bool(stroked))
        for x0, y0, x1, y1 in shapes:
            width, height = x1 - x0, y1 - y0
            if width <= _THIN and height <= _THIN:
                continue
            if height <= _THIN:
                horizontal.append(Rule((y0 + y1) / 2, x0, x1))
            elif width <= _THIN:
                vertical.append(Rule((x0 + x1) / 2, y0, y1))
            elif stroked:  # a framed rectangle (a filled one is a background, not rules)
                horizontal += [Rule(y0, x0, x1), Rule(y1, x0, x1)]
                vertical += [Rule(x0, y0, y1), Rule(x1, y0, y1)]
    return horizontal, vertical


def _subpaths(obj: object, segments: int, top: float, stroked: bool) -> list[tuple[float, ...]]:
    """The boxes of a path's pieces: each subpath of a filled path (Word draws a row's rules
    as one path of thin rectangles), each straight segment of a stroked one."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return []
    x, y = ctypes.c_float(), ctypes.c_float()
    pieces: list[list[tuple[float, float]]] = []
    for k in range(segments):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        if not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        point = (m.a * x.value + m.c * y.value + m.e, top - (m.b * x.value + m.d * y.value + m.f))
        if pdfium_c.FPDFPathSegment_GetType(segment) == pdfium_c.FPDF_SEGMENT_MOVETO or not pieces:
            pieces.append([point])
        else:
            pieces[-1].append(point)
    if stroked:
        pieces = [[a, b] for piece in pieces for a, b in zip(piece, piece[1:], strict=False)]
    boxes = []
    for piece in pieces:
        xs, ys = [p[0] for p in piece], [p[1] for p in piece]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    return boxes


def _merge(rules: list[Rule]) -> list[Rule]:
    """Rules on one line that touch or overlap become one."""
    out: list[Rule] = []
    for rule in sorted(rules, key=lambda r: (round(r.at / _TOL), r.start)):
        prev = out[-1] if out else None
        if prev and abs(prev.at - rule.at) <= _TOL and rule.start <= prev.end + _TOL:
            out[-1] = Rule(prev.at, prev.start, max(prev.end, rule.end))
        else:
            out.append(rule)
    return out


def _edges(values: list[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] <= 3.0:  # a double rule, or rules a hair apart
            continue
        out.append(value)
    return out


def find_grids(horizontal: list[Rule], vertical: list[Rule]) -> list[Grid]:
    """Grids of crossing rules with at least two rows and two columns."""
    horizontal, vertical = _merge(horizontal), _merge(vertical)
    rules = [("h", r) for r in horizontal] + [("v", r) for r in vertical]
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (kind, h) in enumerate(rules):
        if kind != "h":
            continue
        for j, (other, v) in enumerate(rules):
            if other == "v" and _crosses(h, v):
                parent[find(i)] = find(j)
    groups: dict[int, list[tuple[str, Rule]]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(find(i), []).append(rule)
    grids = []
    for group in groups.values():
        hs = [r for kind, r in group if kind == "h"]
        vs = [r for kind, r in group if kind == "v"]
        grid = _grid(hs, vs) if len(hs) >= 2 and len(vs) >= 2 else None
        if grid:
            grids.append(grid)
    return grids


def _crosses(h: Rule, v: Rule) -> bool:
    return h.start - _TOL <= v.at <= h.end + _TOL and v.start - _TOL <= h.at <= v.end + _TOL


def _grid(hs: list[Rule], vs: list[Rule]) -> Grid | None:
    xs, ys = _edges([v.at for v in vs]), _edges([h.at for h in hs])
    if len(xs) < 3 or len(ys) < 3:
        return None  # one column or one row: a frame around text, not a table

    def covered(rules: list[Rule], at: float, lo: float, hi: float) -> bool:
        mid = (lo + hi) / 2
        return any(abs(r.at - at) <= 3.0 and r.start - _TOL <= mid <= r.end + _TOL for r in rules)

    rows, cols = len(ys) - 1, len(xs) - 1
    parent = {(i, j): (i, j) for i in range(rows) for j in range(cols)}

    def find(cell: tuple[int, int]) -> tuple[int, int]:
        while parent[cell] != cell:
            cell = parent[cell]
        return cell

    def union(a: tuple[int, int], b: tuple[int, int]) -> None:
        ra, rb = find(a), find(b)
        parent[max(ra, rb)] = min(ra, rb)  # the top-left cell names the span

    for i in range(rows):
        for j in range(cols):
            if j and not covered(vs, xs[j], ys[i], ys[i + 1]):
                union((i, j - 1), (i, j))  # no rule between them: one cell spans both
            if i and not covered(hs, ys[i], xs[j], xs[j + 1]):
                union((i - 1, j), (i, j))
    anchor = [[find((i, j)) for j in range(cols)] for i in range(rows)]
    return Grid(tuple(xs), tuple(ys), tuple(tuple(row) for row in anchor))


# --- the table -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    lines: tuple[str, ...]  # the visual lines of its text
    text: str  # the lines joined
    bold: bool


def grid_table(
    grid: Grid, cells: dict[tuple[int, int], Cell]
) -> tuple[Table, tuple[float, ...]] | None:
    """The Table of a grid's cells, its column edges; None when no text is in it. Rows and
    columns that only a span covers, and rows with no text (blank form rows), are dropped."""
    rows, cols = len(grid.ys) - 1, len(grid.xs) - 1
    keep_rows = [i for i in range(rows) if any(cells.get((i, j)) for j in range(cols))]
    keep_cols = [j for j in range(cols) if any(grid.anchors[i][j] == (i, j) for i in range(rows))]
    if not keep_rows or len(keep_cols) < 2:
        return None
    table_rows = []
    bold_rows = []
    for i in keep_rows:
        row, bold = [], []
        for j in keep_cols:
            cell = cells.get((i, j)) if grid.anchors[i][j] == (i, j) else None
            row.append(cell.text if cell else "")
            bold.append(cell.bold if cell else None)
        table_rows.append(tuple(row))
        bold_rows.append(bold)
    edges = tuple(grid.xs[j] for j in keep_cols) + (grid.xs[-1],)
    table = Table(tuple(table_rows), _header_rows(table_rows, bold_rows))
    return table, edges


def _header_rows(rows: list[tuple[str, ...]], bold: list[list[bool | None]]) -> int:
    """Leading rows of column headings: bold, with at least two cells (a row that is one cell
    across is a caption or a group), then the row that numbers the columns "(1) (2) ...".
    Where nothing is bold, a first row of words above rows with figures is the heading."""
    if len(rows) < 2:
        return 0
    count = 0
    for row, flags in zip(rows, bold, strict=True):
        filled = [flag for text, flag in zip(row, flags, strict=True) if text]
        if not filled or (len(filled) == 1 and len(row) > 2) or not all(filled):
            break
        count += 1
    if count == 0 and not any(flag for flags in bold for flag in flags):
        words = not any(re.search(r"\d", t) for t in rows[0])
        count = int(words and any(re.search(r"\d", t) for r in rows[1:] for t in r))
    if count and count < len(rows) and is_numbering_row(rows[count]):
        count += 1
    elif count and is_numbering_row(rows[count - 1]):
        pass  # the numbering row was bold: counted already
    return min(count, len(rows) - 1)


def is_layout(table: Table) -> bool:
    """A table used to place the document header (issuer | quốc hiệu) or the signature block
    side by side, not one that holds data."""
    if table.width > 3 or len(table.rows) > 4:
        return False
    cells = [cell for row in table.rows for cell in row if cell]
    return any(_QUOC_HIEU.search(c) or _SIGNATURE.match(c) for c in cells)


def continues(a: Table, a_edges: Sequence[float], b: Table, b_edges: Sequence[float]) -> bool:
    """Whether table b, at the top of a page, goes on with table a that ended the page before:
    the same columns, and b either repeats a's heading rows or has none of its own."""
    if a.width != b.width or len(a_edges) != len(b_edges):
        return False
    if any(abs(x - y) > 3.0 for x, y in zip(a_edges, b_edges, strict=True)):
        return False
    repeated = b.rows[: a.header_rows] == a.rows[: a.header_rows]
    return b.header_rows == 0 or (a.header_rows > 0 and repeated)


def merge(a: Table, b: Table) -> Table:
    rows = b.rows
    if a.header_rows and rows[: a.header_rows] == a.rows[: a.header_rows]:
        rows = rows[a.header_rows :]
    return Table(a.rows + rows, a.header_rows)
