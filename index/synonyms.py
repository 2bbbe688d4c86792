"""Everyday wording citizens use and the administrative wording documents use for the same
thing ("người đi làm" -> "người lao động", "vùng quê" -> "nông thôn"), from
`index/data/everyday.tsv`. Questions get the official wording appended, like abbreviations, so
both retrievers can meet the text."""

from __future__ import annotations

import re
from functools import cache

from index.fold import diacritic_ratio, fold
from index.lexicon import alternatives, mapping


@cache
def _table() -> tuple[dict[str, str], re.Pattern[str]]:
    by_folded = {fold(k).lower(): v for k, v in mapping("everyday").items()}
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(k) for k in sorted(by_folded, key=len, reverse=True)) + r")\b"
    )
    return by_folded, pattern


# the grades of general schooling and the level each belongs to: "lớp 7" is "trung học cơ sở"
_GRADE = re.compile(r"(?<!\w)lop (\d{1,2})(?!\w|[.,/]\d)")
_LEVELS = ((range(1, 6), "tiểu học"), (range(6, 10), "trung học cơ sở"),
           (range(10, 13), "trung học phổ thông"))  # fmt: skip
LEVEL_NAMES = tuple(level for _, level in _LEVELS)


def grade_level(grade: int) -> str | None:
    """The level of schooling of a grade (1-12), or None."""
    return next((level for grades, level in _LEVELS if grade in grades), None)


def everyday_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, official wording) for each everyday phrase: matched with its diacritics in
    a text typed with them ("hoạt động bảo hiểm" holds no "đóng bảo hiểm"), folded in a text
    typed without; and each grade named, with its level ("lớp 7": "trung học cơ sở")."""
    folded = fold(text).lower()
    if len(folded) != len(text):
        return []
    grades = [
        (m.start(), m.end(), level)
        for m in _GRADE.finditer(folded)
        if (level := grade_level(int(m.group(1))))
    ]
    by_folded, pattern = _table()
    found = [(m.start(), m.end(), by_folded[m.group(0)]) for m in pattern.finditer(folded)]
    if diacritic_ratio(text) >= 0.4:
        keys = _accented()
        lower = text.lower()
        found = [(a, b, term) for a, b, term in found if lower[a:b] in keys]
    return sorted(found + grades)


@cache
def _accented() -> frozenset[str]:
    return frozenset(k.lower() for k in mapping("everyday"))


def official_terms(text: str) -> str:
    """The official wordings of the everyday phrases in `text`, as words to append to it."""
    terms = (" ".join(alternatives(term)) for _, _, term in everyday_spans(text))
    return " ".join(dict.fromkeys(terms))
