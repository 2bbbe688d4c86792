"""English policy vocabulary and its Vietnamese wording, so an English question can also meet
the Vietnamese text lexically (the dense model alone reads it only roughly); the list is
`index/data/english.tsv`."""

from __future__ import annotations

import re

from index.lexicon import alternatives, mapping

GLOSSARY: dict[str, str] = mapping("english")  # Vietnamese as the documents write it


def _verb_forms(terms: dict[str, str]) -> dict[str, str]:
    """A listed noun in "-ion" read as its verb too: "allocation" as "allocate", "allocated",
    "allocating"; "exemption" as "exempt", "exempted" (listed terms keep their own entries)."""
    forms: dict[str, str] = {}
    for key in terms:
        stem = key[:-3]
        if not key.endswith("ion") or len(stem.rsplit(" ", 1)[-1]) < 5:
            continue
        for ending in ("", "e", "ed", "ing"):  # "allocates": "allocate" in the plural pattern
            form = stem + ending
            if form not in terms:
                forms.setdefault(form, key)
    return forms


def _singulars(terms: dict[str, str]) -> dict[str, str]:
    """A term the list gives in the plural read in the singular too: "tourists" as "tourist",
    "households" as "household" ("-ss", "-us", "-is" end no plural)."""
    return {
        key[:-1]: key
        for key in terms
        if key.endswith("s") and not key.endswith(("ss", "us", "is")) and key[:-1] not in terms
    }


_FORMS = {**_singulars(GLOSSARY), **_verb_forms(GLOSSARY)}
# a term in the plural too ("elections", "fees"), when the list gives only its singular
_PATTERN = re.compile(
    r"\b("
    + "|".join(re.escape(k) for k in sorted([*GLOSSARY, *_FORMS], key=len, reverse=True))
    + r")(?:e?s)?\b",
    re.IGNORECASE,
)


def _term(match: re.Match[str]) -> str:
    word = match.group(1).lower()
    return GLOSSARY[_FORMS.get(word, word)]


def translate_terms(text: str) -> str:
    """The Vietnamese terms for the English policy words in `text`, space-joined, in order."""
    terms = [" ".join(alternatives(_term(m))) for m in _PATTERN.finditer(text)]
    return " ".join(dict.fromkeys(terms))


def glossary_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, Vietnamese wording) of each English policy term in `text`."""
    return [(m.start(), m.end(), _term(m)) for m in _PATTERN.finditer(text)]
