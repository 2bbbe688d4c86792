"""thuvienphapluat.vn page dumps: a table printed one cell per stretch of lines between lone `|`
lines -> rows of equal width.

A row is printed as "|", then each cell's lines followed by "|"; so two `|` lines in a row are
either the end of one row and the start of the next, or an empty cell, and a cell covered by a
row or column span is not printed at all. The table is as wide as its longest run of printed
cells, or one wider (an empty TT cell opening every data row, as under a heading row whose
last cell spans two sub-headings): each width is read, and the one whose cells fit what their
headings promise wins. A first reading prefers full rows; the columns of its full rows say what
each column holds (STT keys, numbers, text); the next readings prefer rows whose cells fit
columns of their own kind, until the reading settles, and each shorter row is placed under the
columns that fit it best (a number under numbers, "II" under the STT column). A position a row
leaves is "" like any span.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from corpus.cells import (
    KIND_FIT,
    cell_kind,
    column_headings,
    guess_header_rows,
    heading_prior,
    is_key_heading,
)

Token = str | None  # a cell's text ("" when it is only markup), None: nothing between two "|"
Profile = list[dict[str, float]]  # per column: the share of full body rows holding each kind
_KINDS = ("key", "number", "label", "text", "short")


def pipe_rows(tokens: Sequence[Token]) -> tuple[list[list[str]], int]:
    """Tokens between lone "|" lines -> (rows of equal width, header rows)."""
    start = next((i for i, t in enumerate(tokens) if t is not None), len(tokens))
    tokens = tokens[start:]
    if not tokens:
        return [], 0
    kinds = [(cell_kind(t, first=True), cell_kind(t)) if t else ("", "") for t in tokens]
    run = _longest_run(tokens)
    # a table may be one column wider than its longest run (an empty TT cell opening every
    # data row, a last column always left empty): the reading whose cells fit their headings
    readings = [_read(tokens, kinds, w) for w in (run, run + 1)]
    _, rows, header = min(readings, key=lambda found: found[0])
    return rows, header


def _read(
    tokens: Sequence[Token], kinds: Sequence[tuple[str, str]], width: int
) -> tuple[tuple[int, float], list[list[str]], int]:
    """The rows at this width, their header rows, and how badly they read: (tokens left over,
    cells that do not fit what their headings promise)."""
    rows, left = _split_rows(tokens, kinds, width, None)
    header = guess_header_rows(rows)
    profile = _profile(rows, width, header)
    # read again with what the columns hold, until the reading settles: a first reading that
    # glued short rows into full ones counts its own mistakes, the next one fewer
    for _ in range(3):
        if profile is None:
            break
        again, left_again = _split_rows(tokens, kinds, width, profile)
        if again == rows:
            break
        rows, left = again, left_again
        header = guess_header_rows(rows)
        profile = _profile(rows, width, header) or profile
    aligned = _align(rows, width, header, profile)
    if any(len(r) < width for r in rows):  # what the placed rows say, then place them again
        profile = _profile(aligned, width, header) or profile
        aligned = _align(rows, width, header, profile)
    return (left, _misfit(aligned, header)), aligned, header


def _misfit(rows: Sequence[Sequence[str]], header: int) -> float:
    """How badly the body cells fit what their column headings promise (text under "STT", a
    number under "Đơn vị tính"); a cell under no heading at all fits nothing."""
    if not header:
        return 0.0
    headings = column_headings(rows, header)
    priors = [{k: p.get(k, 0.0) for k in _KINDS} for p in map(heading_prior, headings)]
    return sum(
        1.0 - _fit(priors[c], kind)
        for row in rows[header:]
        for c, text in enumerate(row)
        if (kind := cell_kind(text, first=c == 0))
    )


def _longest_run(tokens: Sequence[Token]) -> int:
    best = run = 0
    for token in tokens:
        run = run + 1 if token is not None else 0
        best = max(best, run)
    return max(best, 1)


def _own_kinds(kinds: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """Each cell's kind in this row: a small integer is an STT only before any other text."""
    out: list[str] = []
    for first, other in kinds:
        out.append(other if any(out) else first)
    return tuple(out)


def _fit(column: dict[str, float], kind: str) -> float:
    """How well a cell of this kind fits a column holding these shares of kinds."""
    return min(1.0, sum(weight * column[k] for k, weight in KIND_FIT[kind].items()))


def _pricer(width: int, profile: Profile | None) -> Callable[[tuple[str, ...]], float]:
    """What a row of cells (by kind) costs. Without a profile: 1 for a short row and 1 for each
    STT after another cell. With one: how badly its cells fit the columns they can stand in, in
    order (a short row's cells at their best places), plus 0.3 for a short row. Empty: 5."""

    @cache
    def fit(own: tuple[str, ...], j: int, c: int) -> float:
        if j == len(own):
            return 0.0
        if width - c < len(own) - j:
            return float("inf")
        miss = 1.0 - _fit(profile[c], own[j]) if own[j] and profile else 0.0
        return min(fit(own, j, c + 1), miss + fit(own, j + 1, c + 1))

    @cache
    def price(own: tuple[str, ...]) -> float:
        k = len(own)
        if not any(own):
            return 5.0
        if profile is None:
            return (0.0 if k == width else 1.0) + sum(1.0 for kind in own[1:] if kind == "key")
        # an empty cell is more often the last (a "Ghi chú" left blank) than the first
        return (0.0 if k == width else 0.3) + 0.01 * (not own[0]) + fit(own, 0, 0)

    return price


def _split_rows(
    tokens: Sequence[Token], kinds: Sequence[tuple[str, str]], width: int, profile: Profile | None
) -> tuple[list[list[str]], int]:
    """The cheapest reading, and how many tokens at the end it could not take (a row opening
    with an empty cell in a table one column too narrow); a row ends where the next token is
    empty (the "|" that opens the next)."""
    n = len(tokens)
    price = _pricer(width, profile)
    # under an STT heading, a full row's first cell is a key, a figure or empty, never text
    # ("|  | Hoạt động sự nghiệp y tế | ... |" is one column wider than "| TT | ... |")
    keyed = bool(tokens) and is_key_heading(tokens[0] or "")
    inf = float("inf")
    cost = [inf] * (n + 1)
    back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
    cost[0] = 0.0
    for i in range(n):
        if cost[i] == inf:
            continue
        for k in range(1, min(width, n - i) + 1):
            end = i + k
            if end < n and tokens[end] is not None:
                continue
            nxt = end + 1 if end < n else n
            total = cost[i] + price(_own_kinds(kinds[i:end]))
            if keyed and i and k == width and kinds[i][0] in ("text", "label"):
                total += 5.0
            if total < cost[nxt]:
                cost[nxt], back[nxt] = total, (i, k)
    end = n if cost[n] < inf else max(i for i in range(n + 1) if cost[i] < inf)
    left = n - end
    rows: list[list[str]] = []
    while end > 0:
        i, k = back[end]
        rows.append([t or "" for t in tokens[i : i + k]])
        end = i
    return rows[::-1], left


def _profile(rows: Sequence[Sequence[str]], width: int, header: int) -> Profile | None:
    """Per column, the share of full body rows holding each kind, mixed with what its heading
    promises ("STT": keys, "Mức chi (đồng)": numbers, "Ghi chú": seldom anything) the more the
    fewer full rows there are to count."""
    full = [r for r in rows[header:] if len(r) == width]
    headings = [" ".join(r[c] for r in rows[:header] if len(r) == width) for c in range(width)]
    if not full and not any(headings):
        return None
    weight = len(full) / (len(full) + 4)
    profile: Profile = []
    for c in range(width):
        prior = heading_prior(headings[c])
        counts = dict.fromkeys(_KINDS, 0.0)
        for row in full:
            kind = cell_kind(row[c], first=c == 0)
            if kind:
                counts[kind] += 1.0 / len(full)
        profile.append({k: weight * counts[k] + (1 - weight) * prior.get(k, 0.0) for k in _KINDS})
    return profile


def _place(row: Sequence[str], profile: Profile, heading: bool) -> list[int]:
    """Columns for each cell of a short row, in order: the best fit; on a tie the first cell as
    far right as it goes (the columns before it are spanned from above), the others as far left
    (a cell spans the columns after it), and a row of one cell at the left (a caption across
    the row). A heading under a spanning one sits over numbers."""
    width, k = len(profile), len(row)
    kinds = [cell_kind(t, first=j == 0) for j, t in enumerate(row)]

    def fit(j: int, c: int) -> float:
        if not kinds[j]:
            return 0.0
        if heading:
            return 2.0 * profile[c]["number"] - 1.0
        if kinds[j] in ("text", "label") and profile[c]["number"] >= 0.5:
            return 0.0  # words among the figures: a rule in place of a figure, spanning them
        return 2.0 * _fit(profile[c], kinds[j]) - 1.0

    @cache
    def best(j: int, c: int) -> tuple[float, tuple[int, ...]]:
        if j == k:
            return 0.0, ()
        if width - c < k - j:
            return float("-inf"), ()
        skip = best(j, c + 1)
        score, rest = best(j + 1, c + 1)
        if j == 0 and k > 1 or not kinds[j]:  # an empty cell: most often the last, "Ghi chú"
            bias = 0.01 * c if kinds[j] else 0.001 * c
        else:
            bias = -0.001 * c
        take = (score + fit(j, c) + bias, (c, *rest))
        return take if take[0] >= skip[0] else skip

    return list(best(0, 0)[1])


def _spread(upper: Sequence[str], lower: Sequence[str]) -> list[int] | None:
    """Columns for an upper heading row over an aligned lower one: a column whose lower cell is
    empty takes one upper cell (spanning both rows); each run of lower headings takes one."""
    groups = [c for c, text in enumerate(lower) if not text or c == 0 or not lower[c - 1]]
    return groups if len(groups) == len(upper) else None


def _under_spans(lower: Sequence[str], upper: Sequence[str]) -> list[int] | None:
    """Columns for a heading row printed only under the spanning cells of the full one above
    it ("Khu vực đô thị | Khu vực còn lại" under "Định mức" and the empty cell after it)."""
    spans = [
        c
        for c, text in enumerate(upper)
        if not text and any(upper[:c]) or text and c + 1 < len(upper) and not upper[c + 1]
    ]
    return spans if len(spans) == len(lower) else None


def _align(
    rows: list[list[str]], width: int, header: int, profile: Profile | None
) -> list[list[str]]:
    if all(len(r) == width for r in rows):
        return rows
    out: list[list[str]] = [list(r) for r in rows]
    for n in range(len(rows) - 1, -1, -1):  # bottom-up: an upper heading row needs the lower
        row = rows[n]
        if len(row) == width:
            continue
        columns: list[int] | None = None
        if n < header - 1 and len(out[n + 1]) == width:
            columns = _spread(row, out[n + 1])
        if columns is None and 0 < n < header and len(rows[n - 1]) == width:
            columns = _under_spans(row, rows[n - 1])
        if columns is None:
            columns = (
                _place(row, profile, heading=n < header)
                if profile is not None
                else list(range(width - len(row), width))
            )
        placed = [""] * width
        for text, c in zip(row, columns, strict=True):
            placed[c] = text
        if n >= header and profile is not None:
            _spans(placed, columns, profile)
        out[n] = placed
    return out


def _spans(placed: list[str], columns: Sequence[int], profile: Profile) -> None:
    """Words among the figures span the figure columns they leave empty around them: "Thực
    hiện theo Nghị quyết 05/2025" under both "Cấp Thành phố" and "Cấp xã" of "Mức chi"; so
    does a figure that ends its row short of the figure columns after it (an empty cell would
    have been printed): "| 4 | Học sinh khuyết tật | Đồng/học sinh/năm | 28.800.000 |" under
    both "Khu vực đô thị" and "Khu vực còn lại"."""
    starts = [0, *(c + 1 for c in columns[:-1])]
    ends = [*columns[1:], len(placed)]
    for start, c, end in zip(starts, columns, ends, strict=True):
        figures = [g for g in range(start, end) if profile[g]["number"] >= 0.5]
        kind = cell_kind(placed[c]) if placed[c] else ""
        words = kind in ("text", "label")
        last_figure = kind == "number" and c == columns[-1]
        if not (words or last_figure) or c not in figures:
            continue
        first = last = c
        while words and first - 1 in figures:
            first -= 1
        while last + 1 in figures:
            last += 1
        for g in range(first, last + 1):
            placed[g] = placed[c]
