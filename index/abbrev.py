"""Abbreviations citizens and documents use, and their long forms (`index/data/abbreviations.tsv`).
Both passages and questions get the long form appended, so "BHYT", "bhyt", "bảo hiểm y tế" and "bao hiem y te" all meet."""

from __future__ import annotations

import re

from index.fold import fold
from index.lexicon import mapping

# Keys are folded, upper-case. Long forms are written with diacritics (the dense model needs them).
ABBREVIATIONS: dict[str, str] = mapping("abbreviations")

# Two-letter keys collide with ordinary syllables ("cp", "tu", "qd"), so they count only in capitals
# and never inside a document number such as 11-NQ/TW (those are kept whole by the tokenizer).
_TOKEN = re.compile(r"(?<![\w/-])[A-Za-zĐđ]+(?:[-&][A-Za-zĐđ]+)?(?![\w/-])")


def expansions(text: str) -> list[str]:
    """Long forms of the abbreviations found in `text`, in order of appearance, without repeats."""
    found: list[str] = []
    for match in _TOKEN.finditer(text):
        raw = match.group(0)
        key = fold(raw).upper().replace("&", "-")
        long_form = ABBREVIATIONS.get(key) or ABBREVIATIONS.get(key.replace("-", ""))
        if not long_form:
            continue
        if len(key.replace("-", "")) <= 2 and raw != raw.upper():
            continue
        if long_form not in found:
            found.append(long_form)
    return found


def expand(text: str) -> str:
    """`text` followed by the long forms of its abbreviations (for retrieval, never for display)."""
    extra = expansions(text)
    return f"{text} ({'; '.join(extra)})" if extra else text
