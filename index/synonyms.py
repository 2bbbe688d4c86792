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


def everyday_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, official wording) for each everyday phrase: matched with its diacritics in
    a text typed with them ("hoạt động bảo hiểm" holds no "đóng bảo hiểm"), folded in a text
    typed without."""
    folded = fold(text).lower()
    if len(folded) != len(text):
        return []
    by_folded, pattern = _table()
    found = [(m.start(), m.end(), by_folded[m.group(0)]) for m in pattern.finditer(folded)]
    if diacritic_ratio(text) < 0.4:
        return found
    keys = _accented()
    lower = text.lower()
    return [(a, b, term) for a, b, term in found if lower[a:b] in keys]


@cache
def _accented() -> frozenset[str]:
    return frozenset(k.lower() for k in mapping("everyday"))


def official_terms(text: str) -> str:
    """The official wordings of the everyday phrases in `text`, as words to append to it."""
    terms = (" ".join(alternatives(term)) for _, _, term in everyday_spans(text))
    return " ".join(dict.fromkeys(terms))
