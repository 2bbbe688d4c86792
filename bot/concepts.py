"""What a question is about, as weighted concepts, and how much of it a piece of text covers.

A concept is a content word of the question (folded syllable or canonical number) with the
other ways documents write it: an abbreviation and its long form ("bhyt" or "bảo hiểm y tế"),
everyday wording and the official one ("thành thị" or "đô thị"), a Roman numeral and its
Arabic form ("vùng I" = "vùng 1"). Weights are the corpus's inverse document frequencies, so a
rare word the documents never use weighs most: a question about "hộ chiếu" is not covered by a
passage that only shares "thủ tục"."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from index.abbrev import ABBREVIATIONS
from index.fold import fold, syllable_key
from index.glossary import glossary_spans
from index.lexicon import alternatives, mapping
from index.synonyms import everyday_spans
from index.tokenize import STOPWORDS, canonical_number, strip_question_words

_DATA = Path(__file__).parent / "data"
_WORD = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*", re.UNICODE)
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7",
          "viii": "8", "ix": "9", "x": "10"}  # fmt: skip


@cache
def question_vocab() -> tuple[frozenset[str], frozenset[str]]:
    """(accented words, folded words) of bot/data/question_vocab.tsv; a folded form two keys
    share (none today) would count only when typed with its diacritics."""
    accented = frozenset(mapping("question_vocab", _DATA))
    return accented, frozenset(fold(w) for w in accented)


def _asked(raw: str, marked: bool = False) -> bool:
    """Is this typed word a question word ("có", "bao", "ai") rather than content ("cơ")? In
    a question typed with diacritics a word is as typed: "chi" (spend) is not "chị"."""
    accented, folded = question_vocab()
    lower = raw.lower()
    return lower in accented or (not marked and fold(lower) == lower and lower in folded)


@cache
def _phrase_lengths() -> tuple[int, ...]:
    """The word counts of the question phrases of more than one word ("phần trăm", "như thế
    nào"), longest first."""
    accented, _ = question_vocab()
    return tuple(sorted({len(k.split()) for k in accented if " " in k}, reverse=True))


def _phrase_words(words: Sequence[str], marked: bool) -> set[int]:
    """Positions of the words that make up a question phrase of several words: "phần" of
    "bao nhiêu phần trăm" asks in what unit, it is no content; typed without diacritics a
    phrase counts only when its words carry none ("hien nay"), as `_asked` reads one word."""
    out: set[int] = set()
    for i in range(len(words)):
        n = next(
            (n for n in _phrase_lengths() if i + n <= len(words)
             and _asked(" ".join(words[i : i + n]), marked)),
            0,
        )  # fmt: skip
        out.update(range(i, i + n))
    return out


def syllables(text: str) -> list[str]:
    """Folded lower-case syllables and canonical numbers; Roman numerals I-X as numbers."""
    out = []
    for raw in _WORD.findall(text):
        if raw[0].isdigit():
            out.append(canonical_number(raw))
            continue
        word = syllable_key(raw)
        if raw.isupper() and fold(raw).lower() in _ROMAN:
            word = fold(raw).lower()
            word = _ROMAN[word]
        out.append(word)
    return out


@lru_cache(maxsize=65536)
def syllable_set(text: str) -> frozenset[str]:
    """The syllables of a text and its adjacent pairs ("trung hoc", "hoc pho"), as a set:
    a phrase is found only where its syllables stand together ("trung học phổ thông" is not
    in "Giáo dục phổ thông — Trung học cơ sở"). Cached: passages recur across questions."""
    words = syllables(text)
    return frozenset(words) | frozenset(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))


def phrase(words: Iterable[str]) -> frozenset[str]:
    """What a text must hold to contain this phrase: its syllable, or its adjacent pairs."""
    words = list(words)
    if len(words) == 1:
        return frozenset(words)
    return frozenset(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))


def has_words(text: str, words: str) -> bool:
    """`words` stand in `text` as whole words ("huong" is in "chua huong", not in "phuong");
    both already in the same form (folded, lower case)."""
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text) is not None


def plain_words(alternative: frozenset[str]) -> set[str]:
    """The syllables an alternative is made of (its pairs split)."""
    return {w for key in alternative for w in key.split()}


@dataclass(frozen=True, slots=True)
class Concept:
    alternatives: tuple[frozenset[str], ...]  # any one, whole, counts
    weight: float
    label: str  # as asked, for logs

    def found_in(self, words: frozenset[str]) -> bool:
        return any(alt <= words for alt in self.alternatives)


def concepts(
    question: str, idf: dict[str, float], extra: Iterable[str] = (), marked: bool = False
) -> list[Concept]:
    """The question's concepts, weighted; `extra` are words the question implies (e.g. the
    official wording of an everyday phrase) that may stand in for the words typed. `marked`:
    the asker typed diacritics, so an unmarked word is as typed ("chi" is not "chị")."""
    top = max(idf.values(), default=1.0)
    text = strip_question_words(question, marked)
    out: list[Concept] = []
    used: set[str] = set()
    # everyday wording and English policy terms, each with the documents' wording as another form
    for start, end, official in [*everyday_spans(text), *glossary_spans(text)]:
        typed_words = syllables(text[start:end])
        # each wording the entry lists stands for the phrase on its own ("nghĩa vụ quân sự"
        # or "tuyển quân" for "đi bộ đội")
        typed = phrase(typed_words)
        alts = [phrase(syllables(w)) for w in alternatives(official)]
        if typed:
            weight = _weight(set(typed_words).union(*map(plain_words, alts)), idf, top)
            out.append(Concept((typed, *alts), weight, text[start:end]))
            used |= set(typed_words)
    raws = _WORD.findall(text)
    phrased = _phrase_words(raws, marked)
    for position, raw in enumerate(raws):
        if position in phrased:
            continue
        key = fold(raw).upper()
        long_form = ABBREVIATIONS.get(key) or ABBREVIATIONS.get(key.replace("-", ""))
        words = syllables(raw)
        word = words[0] if words else ""
        if not word or word in used or word in STOPWORDS or _asked(raw, marked):
            continue
        used.add(word)
        if long_form and (len(key) > 2 or raw.isupper()):
            alt = phrase(syllables(long_form))
            out.append(Concept((frozenset([word]), alt), _weight(plain_words(alt), idf, top), raw))
        elif len(word) > 1 or word.isdigit():
            out.append(Concept((frozenset([word]),), idf.get(word, _unseen(word, top)), raw))
    for word in extra:
        for w in syllables(word):
            if w not in used and w not in STOPWORDS and not _asked(w, marked):
                used.add(w)
                out.append(Concept((frozenset([w]),), 0.5 * idf.get(w, top), word))
    return out


@cache
def _dictionary() -> frozenset[str]:
    from index.spelling import dictionary_words

    return frozenset(dictionary_words())


def corpus_pairs(texts: Iterable[str]) -> dict[str, float]:
    """Every pair of adjacent folded syllables the texts use, with its inverse document
    frequency scaled to 0..1: "bo thit" (rare) weighs more than "ngan sach" (everywhere)."""
    df: dict[str, int] = {}
    n = 0
    for text in texts:
        n += 1
        words = syllables(text)
        for pair in {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}:
            df[pair] = df.get(pair, 0) + 1
    top = math.log(1 + max(n, 1))
    return {pair: math.log(1 + n / count) / top for pair, count in df.items()}


def unheard(question: str, pairs: Mapping[str, float]) -> list[str]:
    """The question's words that no passage of the corpus uses: Vietnamese dictionary words of
    two or more syllables ("tiêm chủng", "tuổi thọ", "đèn đỏ"), not question phrases ("phần
    trăm", "hiện nay") and not everyday wording the documents say otherwise."""
    from index.tokenize import word_tokens

    text = strip_question_words(question)
    for start, end, _ in everyday_spans(text):
        text = text[:start] + " " * (end - start) + text[end:]
    accented, _ = question_vocab()
    out = []
    for token in word_tokens(text):
        word = token[2:].replace("_", " ")
        if word not in _dictionary() or word in accented:
            continue
        if not all(p in pairs for p in phrase(syllables(word))):
            out.append(word)
    return list(dict.fromkeys(out))


def _unseen(word: str, top: float) -> float:
    """The weight of a word no passage uses: a Vietnamese word ("hộ chiếu", "nấu") weighs most,
    a word that cannot be a Vietnamese syllable (English, a code) half as much."""
    from index.spelling import dictionary_syllables

    return top if word.isdigit() or word in dictionary_syllables() else top / 2


def _weight(words: Iterable[str], idf: dict[str, float], top: float) -> float:
    return max((idf.get(w, top) for w in words), default=top)


def coverage(items: Sequence[Concept], own: frozenset[str], context: frozenset[str]) -> float:
    """Weighted share of the concepts found: in the text itself (1.0) or only in its context,
    its headings and document title (0.7)."""
    total = sum(c.weight for c in items)
    if not total:
        return 0.0
    got = sum(
        c.weight * (1.0 if c.found_in(own) else 0.7 if c.found_in(context) else 0.0) for c in items
    )
    return got / total


def coverages(
    items: Sequence[Concept], own: frozenset[str], context: frozenset[str]
) -> tuple[float, float]:
    """(coverage by the text alone, coverage with its context) in one pass."""
    total = sum(c.weight for c in items)
    if not total:
        return 0.0, 0.0
    alone = framed = 0.0
    for c in items:
        if c.found_in(own):
            alone += c.weight
            framed += c.weight
        elif c.found_in(context):
            framed += 0.7 * c.weight
    return alone / total, framed / total


def missing(items: Sequence[Concept], words: frozenset[str]) -> list[Concept]:
    return [c for c in items if not c.found_in(words)]


def idf_table(token_lists: Sequence[Sequence[str]]) -> dict[str, float]:
    """Inverse document frequency of folded syllables over the passages."""
    df: dict[str, int] = {}
    for tokens in token_lists:
        for t in set(tokens):
            if not t.startswith(("w:", "doc:", "date:")):
                df[t] = df.get(t, 0) + 1
    n = max(len(token_lists), 1)
    return {t: math.log(1 + n / c) for t, c in df.items()}
