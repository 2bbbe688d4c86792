"""Quantities and the ranges documents state for them: "85 tuổi" lies in "từ đủ 80 tuổi trở
lên", "dưới 50 điểm" does not lie in "từ 50 điểm đến dưới 70 điểm", "hơn 45 ngày" lies in
"trên 45 ngày" but not in "từ trên 10 ngày đến 45 ngày".

A quantity is a number followed by its unit word ("tuổi", "điểm", "ngày", "%"); the words
before it ("từ", "trên", "dưới", "đến", "không quá", ...) and after it ("trở lên", "trở xuống")
bound it. Read on folded text, so typing without diacritics reads the same."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from index.fold import fold

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|%|[a-z]+")
# words before a number and the bound they make: (lower or upper, inclusive)
_BEFORE = (
    (("tu", "du"), ("lo", True)),
    (("tu", "tren"), ("lo", False)),
    (("toi", "thieu"), ("lo", True)),
    (("it", "nhat"), ("lo", True)),
    (("khong", "duoi"), ("lo", True)),
    (("khong", "qua"), ("hi", True)),
    (("toi", "da"), ("hi", True)),
    (("den", "duoi"), ("hi", False)),
    (("tu",), ("lo", True)),
    (("tren",), ("lo", False)),
    (("hon",), ("lo", False)),
    (("qua",), ("lo", False)),
    (("duoi",), ("hi", False)),
    (("den",), ("hi", True)),
)
_AFTER = ((("tro", "len"), ("lo", True)), (("tro", "xuong"), ("hi", True)))


@dataclass(frozen=True, slots=True)
class Interval:
    lo: float = -math.inf
    lo_in: bool = False
    hi: float = math.inf
    hi_in: bool = False

    def meets(self, other: Interval) -> bool:
        """Do the two ranges share a value?"""
        lo, lo_in = max((self.lo, self.lo_in), (other.lo, other.lo_in), key=_lower_key)
        hi, hi_in = min((self.hi, self.hi_in), (other.hi, other.hi_in), key=_upper_key)
        return lo < hi or (lo == hi and lo_in and hi_in)


def _lower_key(bound: tuple[float, bool]) -> tuple[float, int]:
    return (bound[0], 0 if bound[1] else 1)  # an exclusive lower bound is the tighter one


def _upper_key(bound: tuple[float, bool]) -> tuple[float, int]:
    return (bound[0], 1 if bound[1] else 0)


@dataclass(frozen=True, slots=True)
class Quantity:
    unit: str  # folded unit word, or "%"
    range: Interval


def _number(raw: str) -> float | None:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw):
        raw = raw.replace(".", "").replace(",", ".")
    else:
        raw = raw.replace(",", ".")
    try:
        return float(raw)
    except ValueError:
        return None


# units counted in another: a week is seven days ("gieo được 1 tuần" lies in "từ 01 đến 10 ngày")
_IN_OTHER_UNIT = {"tuan": ("ngay", 7.0)}


# a number after these is a date or a label, no quantity: "năm 2025 đạt", "ngày 15 tháng 7"
_LABELS = frozenset({"nam", "ngay", "thang", "so", "dieu", "khoan"})


def quantities(text: str) -> list[Quantity]:
    """The bounded quantities a text states, in order; a week is read as seven days."""
    return [_in_own_unit(q) for q in _quantities(text)]


def _in_own_unit(q: Quantity) -> Quantity:
    if q.unit not in _IN_OTHER_UNIT:
        return q
    unit, factor = _IN_OTHER_UNIT[q.unit]
    r = q.range
    return Quantity(unit, Interval(r.lo * factor, r.lo_in, r.hi * factor, r.hi_in))


def _quantities(text: str) -> list[Quantity]:
    tokens = _TOKEN.findall(fold(text).lower())
    out: list[Quantity] = []
    i = 0
    while i < len(tokens):
        value = _number(tokens[i]) if tokens[i][0].isdigit() else None
        unit = tokens[i + 1] if i + 1 < len(tokens) else ""
        if value is None or not unit or unit[0].isdigit() or (i and tokens[i - 1] in _LABELS):
            i += 1
            continue
        before = _bound(tokens[max(0, i - 2) : i], _BEFORE, last=True)
        if unit == "den":  # "từ 50 đến dưới 70 điểm": both numbers are counted in "điểm"
            j = i + 2 if i + 2 < len(tokens) and tokens[i + 2][0].isdigit() else i + 3
            upper = _number(tokens[j]) if j < len(tokens) and tokens[j][0].isdigit() else None
            if upper is not None and j + 1 < len(tokens) and not tokens[j + 1][0].isdigit():
                lo_in = not (before and before[1] == ("lo", False))
                strict = tokens[j - 1] == "duoi"
                out.append(Quantity(tokens[j + 1], Interval(value, lo_in, upper, not strict)))
                i = j + 2
                continue
        after = _bound(tokens[i + 2 : i + 4], _AFTER, last=False)
        rng = Interval(value, True, value, True)
        found = before or after
        if found and found[1][0] == "lo":
            rng = Interval(value, found[1][1], math.inf, False)
        elif found and found[1][0] == "hi":
            rng = Interval(-math.inf, False, value, found[1][1])
            previous = out[-1] if out else None
            if (
                before
                and before[0][0] == "den"
                and previous is not None
                and previous.unit == unit
                and previous.range.hi == math.inf
            ):  # "từ 10 ngày đến 45 ngày": the upper bound closes the range before it
                out.pop()
                rng = Interval(previous.range.lo, previous.range.lo_in, value, found[1][1])
        out.append(Quantity(unit, rng))
        i += 2
    return out


def _bound(words: list[str], table, *, last: bool):
    """The (phrase, bound) of `table` that `words` end with (`last`) or start with."""
    for phrase, bound in table:
        n = len(phrase)
        window = words[-n:] if last else words[:n]
        if tuple(window) == phrase:
            return phrase, bound
    return None
