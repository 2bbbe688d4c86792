"""Tables written in Markdown text -> `Table` values, in the four shapes converters produce:

- pipe tables (`| a | b |` over `|---|---|`), cells with `<br>` between their paragraphs;
- thuvienphapluat page dumps: every cell on its own line(s) between lone `|` lines, a row
  ending where two `|` lines meet, a cell covered by a row or column span simply absent;
- pandoc tables whose columns are drawn by runs of dashes (simple and multiline tables);
- pandoc grid tables (`+----+----+` borders).

Each returns the table and where the text after it starts. Cell text is rendered like any
Markdown paragraph (hard wraps joined), its line breaks kept as "\\n".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.layout import Item, Table
from corpus.lines import appendix
from corpus.paragraphs import paragraphs, plain, render
from corpus.tvpl import pipe_rows

_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_DASHES = re.compile(r"^\s*-{3,}(?:\s+-{3,})+\s*$")
_GRID_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
_CHUNK = re.compile(r"\S+(?: \S+)*")
_CELL_LIMIT = 30  # lines: a longer stretch between two lone "|" lines is text, not a cell


def find_table(lines: Sequence[str], i: int) -> tuple[list[Item], int] | None:
    """The table that starts at line i, if any, and the index of the first line after it."""
    line = lines[i]
    stripped = line.strip()
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    if stripped == "|":
        return _lone_pipes(lines, i)
    if (
        stripped.startswith("|")
        and stripped.count("|") >= 2
        and _PIPE_SEP.match(nxt)
        and "-" in nxt
    ):
        return _pipe_table(lines, i)
    if _GRID_BORDER.match(line):
        return _grid_table(lines, i)
    if _DASHES.match(line):
        return _dash_table(lines, i, header=False)
    if stripped and _DASHES.match(nxt) and not stripped.startswith("|"):
        return _dash_table(lines, i, header=True)
    return None


def _table(rows: Sequence[Sequence[str]], header_rows: int) -> Table | None:
    width = max((len(r) for r in rows), default=0)
    grid = tuple(tuple(r) + ("",) * (width - len(r)) for r in rows if any(c for c in r))
    if not grid or width == 0:
        return None
    return Table(rows=grid, header_rows=min(header_rows, len(grid)))


def _cell(lines: Sequence[str]) -> str:
    return "\n".join(paragraphs(lines))


# --- pipe tables ----------------------------------------------------------------------------


def _split_pipes(line: str) -> list[str]:
    text = line.strip()
    text = text[1:] if text.startswith("|") else text
    text = text[:-1] if text.endswith("|") and not text.endswith("\\|") else text
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", text)]


def _pipe_table(lines: Sequence[str], i: int) -> tuple[list[Item], int]:
    header = _split_pipes(lines[i])
    rows = [header]
    j = i + 2
    while j < len(lines) and lines[j].strip().startswith("|"):
        rows.append(_split_pipes(lines[j]))
        j += 1
    width = len(header)
    cells = [["\n".join(render([c])) for c in (r + [""] * width)[:width]] for r in rows]
    table = _table(cells, 1)
    return ([table] if table else []), j


# --- thuvienphapluat dumps: lone "|" lines ----------------------------------------------------


def _starts_text(line: str) -> bool:
    """A line that cannot be inside a cell: an appendix heading between two tables."""
    return "lục" in line.lower() and appendix(plain(line)) is not None


def _lone_pipes(lines: Sequence[str], i: int) -> tuple[list[Item], int]:
    """Tokens between lone "|" lines, up to the last "|" before a blank line, a stretch too
    long for a cell, or an appendix heading; a line ending in " |" closes a cell too."""
    tokens: list[list[str]] = []
    current: list[str] = []
    last = i
    j = i + 1
    while j < len(lines):
        stripped = lines[j].strip()
        if stripped == "|" or (stripped.endswith(" |") and not stripped.startswith("|")):
            if stripped != "|":
                current.append(stripped[:-1].rstrip())
            tokens.append(current)
            current, last = [], j
        elif not stripped or len(current) >= _CELL_LIMIT or _starts_text(stripped):
            break
        else:
            current.append(lines[j])
        j += 1
    cells = [_cell(t) if t else None for t in tokens]
    grid, header_rows = pipe_rows(cells)
    table = _table(grid, header_rows)
    return ([table] if table else []), last + 1


# --- pandoc tables drawn with dashes ------------------------------------------------------------


def _columns(rule: str) -> list[int]:
    return [m.start() for m in re.finditer(r"-{3,}", rule)]


def _cut(line: str, starts: Sequence[int]) -> list[str]:
    """A line of a pandoc table -> one piece per column: each run of text (words separated by
    single spaces) goes to the column it starts in, give or take two characters."""
    parts = [""] * len(starts)
    for chunk in _CHUNK.finditer(line):
        column = max([c for c, s in enumerate(starts) if s <= chunk.start() + 2], default=0)
        parts[column] = f"{parts[column]} {chunk.group()}".strip()
    return parts


def _dash_table(lines: Sequence[str], i: int, header: bool) -> tuple[list[Item], int] | None:
    """A simple table (heading line, dashes, rows up to a blank line) or a multiline one
    (dashes, rows separated by blank lines, dashes)."""
    rule = lines[i + 1] if header else lines[i]
    starts = _columns(rule)
    if header:
        rows = [[[p] for p in _cut(lines[i], starts)]]
        j = i + 2
        while j < len(lines) and lines[j].strip() and not _DASHES.match(lines[j]):
            rows.append([[p] for p in _cut(lines[j], starts)])
            j += 1
        end = j + 1 if j < len(lines) and _DASHES.match(lines[j]) else j
        header_rows = 1
    else:
        end = next(
            (k for k in range(i + 1, min(len(lines), i + 400)) if _DASHES.match(lines[k])), None
        )
        if end is None:
            return None
        rows, block = [], []
        for line in [*lines[i + 1 : end], ""]:
            if line.strip():
                block.append(_cut(line, starts))
            elif block:
                rows.append([[b[c] for b in block] for c in range(len(starts))])
                block = []
        end += 1
        header_rows = 0
    cells = [[_cell(c) for c in row] for row in rows]
    table = _table(cells, header_rows)
    return ([table] if table else []), end


def _grid_table(lines: Sequence[str], i: int) -> tuple[list[Item], int]:
    bounds = [m.start() for m in re.finditer(r"\+", lines[i])]
    width = len(bounds) - 1
    rows: list[list[list[str]]] = []
    block: list[list[str]] = []
    header_rows = 0
    j = i + 1
    while j < len(lines):
        line = lines[j].rstrip()
        if _GRID_BORDER.match(line):
            if block:
                rows.append([[b[c] for b in block] for c in range(width)])
                block = []
            if "=" in line:
                header_rows = len(rows)
            j += 1
            continue
        if not line.strip().startswith("|"):
            break
        parts = line.strip().strip("|").split("|")
        if len(parts) != width:  # a "|" inside a cell: cut at the border's positions
            parts = [line[a + 1 : b] for a, b in zip(bounds, bounds[1:], strict=False)]
        block.append([p.strip() for p in parts])
        j += 1
    cells = [[_cell(c) for c in row] for row in rows]
    table = _table(cells, header_rows)
    return ([table] if table else []), j
