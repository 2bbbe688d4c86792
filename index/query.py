"""A question made ready for both retrievers: normalized, diacritics restored, abbreviations
expanded, and a dense weight chosen for how it was typed."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from corpus.normalize import unify_tone_marks
from index.abbrev import expand
from index.fold import diacritic_ratio
from index.fusion import DENSE_WEIGHT, dense_weight
from index.glossary import translate_terms
from index.restore import DiacriticRestorer, Restoration
from index.spelling import Speller, standardize
from index.synonyms import official_terms
from index.tokenize import tokenize

# Function words that mark an English question; the multilingual model reads English well,
# while Vietnamese BM25 cannot.
_ENGLISH = frozenset(
    "what which who whom whose when where why how is are was were the of in on for to does do did "
    "much many target rate province resolution according by with and or from a will would "
    "should could been this these those there their each every than any have has without within "
    "after before under into about per if at".split()
)
_WORD = re.compile(r"[A-Za-z]+")
ENGLISH_DENSE_WEIGHT = DENSE_WEIGHT  # with the glossary, BM25 has its say in English too


@dataclass(frozen=True, slots=True)
class PreparedQuery:
    text: str  # as typed, normalized
    standard: str  # chat spellings, glued amount units and typos made standard
    restored: str  # ... and diacritics restored where the corpus knows the words
    dense_text: str  # what the model embeds
    tokens: tuple[str, ...]  # lexical tokens
    typed_diacritics: bool
    english: bool
    w_dense: float
    changes: tuple[tuple[str, str], ...] = ()  # (as typed, as read) by standardize
    asked: str = ""  # `restored` without the documents' wording appended in parentheses

    @property
    def own(self) -> str:
        """The question's own words, restored (its own parentheses kept: "(tối đa 300
        triệu)"), without the official terms appended for retrieval."""
        return self.asked or self.restored


def normalize_query(text: str) -> str:
    """NFC, the passages' tone-mark placement (hoà -> hòa), single spaces."""
    return " ".join(unify_tone_marks(unicodedata.normalize("NFC", text)).split())


def is_english(text: str) -> bool:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 3 or diacritic_ratio(text) > 0:
        return False
    return sum(w in _ENGLISH for w in words) / len(words) >= 0.25


def prepare(
    query: str, restorer: DiacriticRestorer, speller: Speller | None = None
) -> PreparedQuery:
    text = normalize_query(query)
    if is_english(text):
        terms = translate_terms(text)  # lets BM25 meet the Vietnamese wording too
        return PreparedQuery(
            text=text,
            standard=text,
            restored=terms or text,
            dense_text=f"{expand(text)} ({terms})" if terms else expand(text),
            tokens=tuple(tokenize(f"{text} {terms}", query=True)),
            typed_diacritics=False,
            english=True,
            w_dense=ENGLISH_DENSE_WEIGHT,
        )
    standard = standardize(text, speller)
    typed = diacritic_ratio(standard.text) >= 0.5
    # a question typed with diacritics keeps its unmarked words: "tài sản chung", "so với" are
    # right as typed; only a question typed without them gets them back
    restoration = Restoration(standard.text, 1.0) if typed else restorer.restore(standard.text)
    restored = restoration.text
    # everyday wording -> the documents' wording, read in the question as typed when it was
    # typed without diacritics ("mua ve" is "mua vé" however "ve" is restored); English words
    # inside a Vietnamese question
    everyday = official_terms(restored if typed else standard.text)
    terms = " ".join(t for t in (everyday, translate_terms(restored)) if t)
    if terms:
        restored = f"{restored} ({terms})"
    return PreparedQuery(
        text=text,
        standard=standard.text,
        restored=restored,
        dense_text=expand(restored),
        tokens=tuple(tokenize(restored, query=True)),
        typed_diacritics=typed,
        english=False,
        w_dense=dense_weight(typed, restoration.coverage) if not typed else DENSE_WEIGHT,
        changes=standard.changes,
        asked=restoration.text,
    )
