"""English policy vocabulary and its Vietnamese wording, so an English question can also meet
the Vietnamese text lexically (the dense model alone reads it only roughly); the list is
`index/data/english.tsv`."""

from __future__ import annotations

import re

from index.lexicon import alternatives, mapping

GLOSSARY: dict[str, str] = mapping("english")  # Vietnamese as the documents write it
# a term in the plural too ("elections", "fees"), when the list gives only its singular
_PATTERN = re.compile(
    r"\b("
    + "|".join(re.escape(k) for k in sorted(GLOSSARY, key=len, reverse=True))
    + r")(?:e?s)?\b",
    re.IGNORECASE,
)


def translate_terms(text: str) -> str:
    """The Vietnamese terms for the English policy words in `text`, space-joined, in order."""
    terms = [" ".join(alternatives(GLOSSARY[m.group(1).lower()])) for m in _PATTERN.finditer(text)]
    return " ".join(dict.fromkeys(terms))


def glossary_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, Vietnamese wording) of each English policy term in `text`."""
    return [(m.start(), m.end(), GLOSSARY[m.group(1).lower()]) for m in _PATTERN.finditer(text)]
