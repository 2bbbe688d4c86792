"""Accent folding: "bảo hiểm y tế" -> "bao hiem y te", đ -> d. Citizens often type without
diacritics, so lexical matching works on folded syllables."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_D = str.maketrans({"đ": "d", "Đ": "D"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Remove Vietnamese diacritics, keep case; đ/Đ become d/D."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped)


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese diacritic (a hint that the writer typed them)."""
    return fold(text) != text


def diacritic_ratio(text: str) -> float:
    """Share of alphabetic words that carry a diacritic. Vietnamese prose sits around 0.7;
    a question typed without diacritics is 0."""
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    if not words:
        return 0.0
    return sum(1 for w in words if fold(w) != w) / len(words)


_I_Y = re.compile(r"^([bcdghklmnpqrstvx]{1,2})y$")


@lru_cache(maxsize=65536)
def syllable_key(syllable: str) -> str:
    """A folded, lower-case syllable in one spelling: "y" after a consonant is written "i"
    ("tỷ lệ" and "tỉ lệ", "kỹ thuật" and "kĩ thuật" are the same words in two spellings)."""
    word = fold(syllable).lower()
    return _I_Y.sub(r"\1i", word)
