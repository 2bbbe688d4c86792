"""The circumstance a yes/no question states ("ngày 23/11", "bé 10 tuổi", "làm được 5 tháng",
"cao 1,25 m") and the clause that rules on it: a clause naming the same day of the year, or an
age, span or height bound the stated one meets ("Trẻ em: Người dưới 16 tuổi" for a child of 10,
"chưa đủ 06 tháng" for 5 months, "chiều cao dưới 1,3m"); and for a claimed share or amount
("có phải chịu lãi suất 6,6%/năm không"), a clause that states one."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.candidates import clauses
from bot.compose import figure_kind, predicate
from bot.evidence import Unit
from bot.figures import figures
from corpus.types import Passage
from index.fold import fold
from index.types import Hit

K_RULING = 20  # the best clauses read for one that rules on what a yes/no question states

# "ngày 23/11", "23/11": a day of the year, not a date with its year ("23/11/2025")
_DAY = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?![\d/])")
# "10 tuổi", "10t", "bé 10t": an age (folded: "tuoi"); "t" alone after a number is chat spelling
_AGE = re.compile(r"(?<![\d.,])(\d{1,3})\s*(?:tuoi\b|t\b)")
# "làm được 5 tháng": a span of months (not "tháng 5", a month of the year)
_MONTHS = re.compile(r"(?<![\d.,/])(\d{1,2})\s+thang\b")
# an age or span bound a clause states: "dưới 16 tuổi", "từ đủ 60 tuổi trở lên", "chưa đủ 06
# tháng"
_BOUND = re.compile(
    r"\b(duoi|chua du|tren|tu du|tu|du)\s+(\d{1,3})\s+(tuoi|thang)(\s+tro len)?",
)


# "cao 1,25 m", "cao 1m25": a height; "chiều cao dưới 1,3m": a bound on it (folded)
_HEIGHT = re.compile(r"\bcao\s+(?:khoang\s+)?(\d)(?:[,.](\d{1,2})\s*m\b|\s*m\s*(\d{1,2})\b)")
_HEIGHT_BOUND = re.compile(r"\bchieu cao\s+(duoi|tren|tu)\s+(\d)(?:[,.](\d{1,2}))?\s*m\b")


def _metres(whole: str, part: str | None) -> float:
    return int(whole) + (int(part) / 10 ** len(part) if part else 0.0)


def stated_height(question: str) -> float | None:
    m = _HEIGHT.search(fold(question).lower())
    return _metres(m.group(1), m.group(2) or m.group(3)) if m else None


def height_meets(clause: str, height: float) -> bool:
    for m in _HEIGHT_BOUND.finditer(fold(clause).lower()):
        bound = _metres(m.group(2), m.group(3))
        if (m.group(1) == "duoi" and height < bound) or (m.group(1) != "duoi" and height >= bound):
            return True
    return False


def stated_day(question: str) -> tuple[int, int] | None:
    m = _DAY.search(question)
    if not m:
        return None
    day, month = int(m.group(1)), int(m.group(2))
    return (day, month) if 1 <= day <= 31 and 1 <= month <= 12 else None


def stated_age(question: str) -> int | None:
    m = _AGE.search(fold(question).lower())
    return int(m.group(1)) if m else None


def states_day(clause: str, day: tuple[int, int]) -> bool:
    return any(
        (int(m.group(1)), int(m.group(2))) == day
        for m in _DAY.finditer(clause)
        if 1 <= int(m.group(1)) <= 31 and 1 <= int(m.group(2)) <= 12
    )


def stated_months(question: str) -> int | None:
    m = _MONTHS.search(fold(question).lower())
    return int(m.group(1)) if m else None


def within_bound(clause: str, amount: int, unit: str = "tuoi") -> bool:
    """The clause bounds an age ("dưới 16 tuổi"), or a span in `unit` ("chưa đủ 06 tháng"),
    and the stated one is within it."""
    for m in _BOUND.finditer(fold(clause).lower()):
        if m.group(3) != unit:
            continue
        word, bound, up = m.group(1), int(m.group(2)), bool(m.group(4))
        if word in ("duoi", "chua du") and amount < bound:
            return True
        if word == "tren" and amount > bound:
            return True
        if word in ("tu", "tu du", "du") and up and amount >= bound:
            return True
    return False


def rules_on(question: str, clause: str) -> bool:
    """The clause rules on the circumstance the question states: the same day of the year, or
    an age bound the stated age meets."""
    day = stated_day(question)
    if day is not None and states_day(clause, day):
        return True
    age = stated_age(question)
    if age is not None and within_bound(clause, age):
        return True
    months = stated_months(question)
    if months is not None and within_bound(clause, months, "thang"):
        return True
    height = stated_height(question)
    return height is not None and height_meets(clause, height)


def _shared(p: Passage, own: Passage) -> int:
    """How many headings, from the top, a passage shares with another."""
    pairs = enumerate(zip(p.section, own.section, strict=False))
    return next((i for i, (a, b) in pairs if a != b), min(len(p.section), len(own.section)))


def ruling_unit(
    question: str, best: Unit, units: Sequence[Unit], hits: Sequence[Hit]
) -> Unit | None:
    """Of the best clauses read in the best one's document, the one that rules on the day, age,
    span or height the yes/no question states, when the best one does not; of several, the
    first in the part nearest the best one (the temple's own part of an appendix)."""
    if rules_on(question, best.text):
        return None
    own = hits[best.rank].passage
    found = [
        u
        for u in units[:K_RULING]
        if hits[u.rank].passage.doc_id == own.doc_id and rules_on(question, u.text)
    ]
    return max(found, key=lambda u: _shared(hits[u.rank].passage, own), default=None)


def stating_unit(
    question: str, best: Unit, units: Sequence[Unit], hits: Sequence[Hit]
) -> Unit | None:
    """When a yes/no question claims a share or an amount ("có phải chịu lãi suất 6,6%/năm
    không") and the best clause states none: of the best clauses read in the same document,
    the first that states one of the same kind, so the claim is checked against a figure ("...
    lãi suất cho vay là 4,8%/năm"), not answered by a clause that states none."""
    kind = claimed_kind(question)
    if not kind or states_kind(best, kind):
        return None
    own = hits[best.rank].passage.doc_id
    found = [
        u for u in units[:K_RULING] if hits[u.rank].passage.doc_id == own and states_kind(u, kind)
    ]
    return found[0] if found else None


def claimed_kind(question: str) -> str:
    """ "%" or "money" when a yes/no question claims a share or an amount ("có phải chịu lãi
    suất 6,6%/năm không"), else ""."""
    stated = [f for _, _, f in figures(predicate(question))]
    kind = figure_kind(stated[0]) if stated else ""
    return kind if kind in ("%", "money") else ""


def states_kind(unit: Unit, kind: str) -> bool:
    """The unit states a figure of that kind ("%" or "money")."""
    return any(figure_kind(f) == kind for _, _, f in figures(unit.value or unit.text))


def ruling_clause(
    question: str, best: Unit, hits: Sequence[Hit], passages: Sequence[Passage]
) -> tuple[Passage, int, int] | None:
    """When no clause read rules on what the yes/no question states: the first clause of the
    best one's document that does, in the part nearest the best one ("3. Đối tượng miễn thu
    phí: Trẻ em: Người dưới 16 tuổi" beside the temple's fee), as (passage, start, end)."""
    own = hits[best.rank].passage
    if not (stated_day(question) or stated_age(question) or stated_months(question)
            or stated_height(question)):  # fmt: skip
        return None

    found = []
    for order, p in enumerate(passages):
        if p.doc_id != own.doc_id or p.kind != "content":
            continue
        for start, end in clauses(p.text):
            if rules_on(question, p.text[start:end]):
                found.append((_shared(p, own), -order, p, start, end))
                break
    if not found:
        return None
    _, _, p, start, end = max(found, key=lambda f: (f[0], f[1]))
    return p, start, end
