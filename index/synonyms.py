"""Everyday wording citizens use and the administrative wording documents use for the same
thing ("người đi làm" -> "người lao động", "vùng quê" -> "nông thôn"), from
`index/data/everyday.tsv`. Questions get the official wording appended, like abbreviations, so
both retrievers can meet the text."""

from __future__ import annotations

import re
from functools import cache

from index.fold import fold
from index.lexicon import mapping


@cache
def _table() -> tuple[dict[str, str], re.Pattern[str]]:
    by_folded = {fold(k).lower(): v for k, v in mapping("everyday").items()}
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(k) for k in sorted(by_folded, key=len, reverse=True)) + r")\b"
    )
    return by_folded, pattern


def everyday_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, official wording) for each everyday phrase, matched with or without
    diacritics."""
    folded = fold(text).lower()
    if len(folded) != len(text):
        return []
    by_folded, pattern = _table()
    return [(m.start(), m.end(), by_folded[m.group(0)]) for m in pattern.finditer(folded)]


def official_terms(text: str) -> str:
    return " ".join(dict.fromkeys(term for _, _, term in everyday_spans(text)))
