"""A data table -> rows that read on their own.

Spans are resolved (an empty heading cell with a heading under it takes the heading to its
left under the same parents; an empty label cell takes the label above, as a row span leaves
it; words in a first cell beside an empty label column span into it: "PHẦN I. ...",
"Tổng cộng"), header rows counted and joined into one heading per column (the row numbering
the columns, "(1) (2) (3)", is none), the unit found, rows grouped under the rows that only
name a group (corpus/groups.py), and a row whose cells each hold the same number of lines
split into that many rows. Each data row becomes a `Row`: its path (group headings, then its
own labels) and its (heading, value) pairs, rendered as
"Caption — Vùng I — Mức lương tối thiểu tháng: 5.310.000; ...".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.cells import (
    cell_kind,
    column_headings,
    guess_header_rows,
    is_key_heading,
    unit_heading,
)
from corpus.groups import Grouping, level, marker
from corpus.layout import Table

UNIT_LINE = re.compile(
    r"^\(?\s*((?:Đơn vị(?:\s+tính)?|ĐVT)\s*:\s*[^()]{1,80}?)\s*\)?\.?$", re.IGNORECASE
)
_BULLET = re.compile(r"^[-–+•*]\s+")
_TOTAL = re.compile(r"^\W*(?:Tổng cộng|Tổng số|Cộng)\b", re.IGNORECASE)
_OF_WHICH = re.compile(r"^\W*Trong đó\b", re.IGNORECASE)  # a part of the row above
SEP = " — "


@dataclass(frozen=True, slots=True)
class Row:
    path: tuple[str, ...]  # group headings over the row, then its own labels
    values: tuple[tuple[str, str], ...]  # (heading, value) of its value cells that hold text
    cells: tuple[tuple[str, str], ...]  # (heading, value) of every column, in order


def clean(text: str) -> str:
    """A cell as one phrase: bullets dropped, its lines joined by "; ", no trailing colon."""
    lines = [_BULLET.sub("", line).strip() for line in text.split("\n")]
    return "; ".join(line.rstrip(" :;") for line in lines if line.strip(" :;"))


def _drop_empty(rows: list[list[str]], header: int) -> list[list[str]]:
    """Columns with neither a heading nor anything in the body (a stray closing quote aside),
    and rows left empty. A column with a heading stays, its cells empty ("TT" left blank)."""
    body = rows[header:] or rows
    keep = [
        c
        for c in range(len(rows[0]))
        if any(r[c].strip() for r in rows[:header]) or any(r[c].strip(" \"“”'") for r in body)
    ]
    return [
        [r[c] for c in keep]
        for n, r in enumerate(rows)
        if n < header or any(r[c].strip() for c in keep)
    ]


def _looks_alike(a: str, b: str) -> bool:
    """Two first cells of the same kind: "Mẫu số 01" and "Mẫu số 02"."""
    shape = lambda s: re.sub(r"\d+", "#", s.strip())  # noqa: E731
    return bool(re.search(r"\d", a)) and shape(a) == shape(b)


def _header_rows(rows: list[list[str]], given: int) -> int:
    if given == 1 and len(rows) >= 2 and _looks_alike(rows[0][0], rows[1][0]):
        return 0  # a data row written as the pipe table's heading
    count = given
    while count and count < min(3, len(rows) - 1):
        row = rows[count]
        if row[0] or not any(row) or any(cell_kind(c) == "number" for c in row):
            break
        count += 1  # "|  |  | Hệ số | Hệ số |" under "Cục loại 1 | Cục loại 2"
    return count


def _roles(body: list[list[str]], headings: list[str]) -> tuple[int | None, list[int], list[int]]:
    """(STT column, label columns, value columns)."""
    width = len(headings)
    kinds = []
    for c in range(width):
        counts: dict[str, int] = {}
        for row in body:
            kind = cell_kind(row[c], first=c == 0)
            if kind:
                counts[kind] = counts.get(kind, 0) + 1
        kinds.append(max(counts, key=lambda k: counts[k]) if counts else "")
    stt = 0 if width > 1 and (is_key_heading(headings[0]) or kinds[0] == "key") else None
    rest = [c for c in range(width) if c != stt]
    values = [c for c in rest if kinds[c] == "number" or unit_heading(headings[c])]
    first_value = min(values, default=width)
    labels = [c for c in rest if c < first_value]
    if not values and len(labels) > 1:
        labels, values = labels[:-1], labels[-1:]
    values = [c for c in rest if c not in labels]
    return stt, labels, values


def _split_lines(row: list[str], stt: int | None) -> list[list[str]]:
    """ "- Lý thuyết<br>- Thực hành | Lần<br>Lần | 60.000<br>70.000" -> two rows."""
    filled = [row[c].split("\n") for c in range(len(row)) if c != stt and row[c]]
    counts = {len(lines) for lines in filled}
    if len(filled) < 2 or len(counts) != 1 or counts == {1}:
        return [row]
    (n,) = counts
    parts = [
        row[c].split("\n") if c != stt and row[c] else [row[c]] + [""] * (n - 1)
        for c in range(len(row))
    ]
    return [[parts[c][i] for c in range(len(row))] for i in range(n)]


def _unit_row(row: Sequence[str]) -> str | None:
    """A row holding only "Đơn vị tính: triệu đồng"."""
    filled = [c for c in row if c.strip()]
    match = UNIT_LINE.match(filled[0]) if len(filled) == 1 else None
    return match.group(1) if match else None


def _grid(table: Table, units: list[str] | None) -> tuple[list[list[str]], int]:
    """The table's rows without unit rows, empty rows and empty columns, and its header rows."""
    rows = [list(r) for r in table.rows if any(c.strip() for c in r)]
    header = table.header_rows
    while rows and (unit := _unit_row(rows[0])):
        if units is not None:
            units.append(unit)
        rows, header = rows[1:], max(0, header - 1)
    if not rows:
        return [], 0
    header = _header_rows(rows, min(header or guess_header_rows(rows), len(rows) - 1))
    return _drop_empty(rows, header), header


def plain_lines(table: Table) -> list[str]:
    """A table with no data row (a blank form, a list of headings) as text: its headings, one
    per column ("Mức đóng (Phụ cấp, Chức vụ)"), then each row's cells."""
    rows, header = _grid(table, None)
    if not rows or not rows[0]:
        return []
    headings = [h for h in column_headings(rows, header) if h]
    lines = ["; ".join(" ".join(c.split()) for c in row if c.strip()) for row in rows[header:]]
    return [line for line in ["; ".join(headings), *lines] if line]


def rows_of(table: Table, units: list[str] | None = None) -> list[Row]:
    """The data rows of a table, each with its path and values; a unit written as a row of
    its own ("Đơn vị tính: triệu đồng") is dropped and appended to `units`."""
    rows, header = _grid(table, units)
    if len(rows) <= header or not rows[0]:
        return []
    headings = column_headings(rows, header)
    stt, labels, values = _roles(rows[header:], headings)
    body = [_caption(part, stt, labels) for row in rows[header:] for part in _split_lines(row, stt)]
    # a blank form (no figure filled in anywhere) has no group rows: each row is one of its own
    blank = not any(row[c].strip() for row in body for c in values)
    groups = Grouping([])
    above: dict[int, str] = {}  # the last label seen in each label column
    out: list[Row] = []
    after_rows = False  # whether the row above was a data row, not a group
    for n, row in enumerate(body):
        filled = [c for c in labels if row[c].strip()]
        key = row[stt].strip() if stt is not None else ""
        key = key or (marker(row[filled[0]]) if filled else "")
        for c in filled:
            above[c] = row[c]
        nxt = body[n + 1] if n + 1 < len(body) else None
        if filled and nxt is not None and all(not row[c].strip() for c in values):
            next_key = nxt[stt].strip() if stt is not None else ""
            deeper = bool(next_key) and bool(key) and level(next_key) > level(key)
            if values and not blank or deeper:  # a row naming a group: context for those under it
                groups.open(key, [clean(row[c]) for c in filled], after_rows)
                after_rows = False
                continue
        if key:
            groups.close(level(key))
        if filled and _TOTAL.match(row[filled[0]]):
            groups.close(float("-inf"))  # "Tổng cộng" sums the whole table, under no group
        context = [text for _, text, _ in groups.stack]
        if filled and _OF_WHICH.match(row[filled[0]]) and out and out[-1].path[-1] not in context:
            context.append(out[-1].path[-1])  # "Trong đó: chi tối thiểu" is a part of the row above
        cells = []
        for c, text in enumerate(row):
            if c in labels[:-1] and not text.strip():
                text = above.get(c, "")  # a row span leaves the label to the row above
            cells.append((headings[c], clean(text) if c in labels else " ".join(text.split())))
        path = list(context)
        for c in labels:
            if cells[c][1] and cells[c][1] not in path:
                path.append(cells[c][1])
        pairs = _spanned(tuple((headings[c], cells[c][1]) for c in values if cells[c][1]))
        if path or pairs:
            out.append(Row(tuple(path), pairs, tuple(cells)))
            after_rows = True
        # rows under it without an STT of their own read as its parts, unless it is one of a
        # list itself ("4.2 | + Giải nhất" over "+ Giải nhì")
        if key and filled and marker(row[filled[0]]) not in ("-", "+"):
            groups.push(key, clean(row[filled[0]]))
    return out


def _spanned(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """One value spanning columns side by side is read once, under the heading they share:
    "Mức chi (Cấp Thành phố)" and "Mức chi (Cấp xã)" holding the same text -> "Mức chi"."""
    out: list[tuple[str, str]] = []
    for heading, value in pairs:
        if out and out[-1][1] == value and len(value.split()) > 3:
            prev, parent = out[-1][0], heading.split(" (", 1)[0]
            out[-1] = (parent if prev.split(" (", 1)[0] == parent else f"{prev}, {heading}", value)
        else:
            out.append((heading, value))
    return tuple(out)


def _caption(row: list[str], stt: int | None, labels: Sequence[int]) -> list[str]:
    """A first cell holding words, not a number, beside an empty first label column spans
    into it: "PHẦN I. LÃNH ĐẠO, QUẢN LÝ" across the whole row, "Tổng cộng" across STT and
    Nội dung. It is read as the label it is."""
    if not labels or labels[0] == 0 or not row[0].strip() or row[labels[0]].strip():
        return row
    if cell_kind(row[0], first=True) in ("key", "number"):
        return row
    return ["", *row[1 : labels[0]], row[0], *row[labels[0] + 1 :]]


def row_line(row: Row) -> str:
    """ "Vùng I — Mức lương tối thiểu tháng: 5.310.000; Mức lương tối thiểu giờ: 25.500"."""
    values = "; ".join(f"{h}: {v}" if h else v for h, v in row.values)
    return SEP.join([*row.path, values] if values else row.path)


def caption_line(caption: str, unit: str | None) -> str:
    return f"{caption} ({unit})" if caption and unit else caption or (unit or "")


def row_passage_text(caption: str, unit: str | None, row: Row) -> str:
    head = caption_line(caption, unit)
    return f"{head}{SEP}{row_line(row)}" if head else row_line(row)


def table_text(caption: str, unit: str | None, rows: Sequence[Row]) -> str:
    head = caption_line(caption, unit)
    return "\n".join([head, *(row_line(r) for r in rows)] if head else [row_line(r) for r in rows])
