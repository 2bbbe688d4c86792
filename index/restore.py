"""Put diacritics back on a question typed without them, using the corpus's own wording and the
Vietnamese dictionary.

The dense model does not understand "ty le ho ngheo", but it does understand "tỷ lệ hộ nghèo".
Every folded n-gram of the corpus remembers its most frequent accented spelling; dictionary
words (underthesea's Viet74K) fill the n-grams the corpus lacks ("du kien" is "dự kiến" even
in a corpus that only says "điều kiện"). The question is segmented by dynamic programming so
that long, attested n-grams win over a greedy left-to-right choice ("co quan ly" is "có quản
lý" only if the corpus says so). Words nobody uses stay as typed.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from index.fold import fold, syllable_key
from index.lexicon import mapping
from index.spellings import MAX_N, count_spellings

_SYLLABLE = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Restoration:
    text: str  # the question with diacritics restored where the corpus knows the words
    coverage: float  # share of the question's syllables that were restored or already accented


class DiacriticRestorer:
    def __init__(
        self,
        table: dict[str, tuple[str, int]],
        words: dict[str, tuple[str, ...]] | None = None,
        syllables: Counter[str] | None = None,
    ):
        self._table = table  # folded n-gram (space-joined, lower) -> (accented form, corpus count)
        self._words = words or {}  # folded dictionary word -> its accented forms
        self._syllables = syllables or Counter()  # accented syllable -> corpus count
        self._question = {syllable_key(k) for k in mapping("question_words") if " " not in k}
        # question phrases of several syllables ("bao nhieu", "the nao"): no n-gram of the
        # corpus may take part of one ("trợ cấp bảo" of "trợ cấp bảo hiểm" in "tro cap bao nhieu")
        self._phrases = {
            " ".join(syllable_key(w) for w in k.split())
            for k in mapping("question_words")
            if " " in k
        }

    @classmethod
    def from_texts(cls, texts: Iterable[str], *, dictionary: bool = True) -> DiacriticRestorer:
        table, syllables = count_spellings(texts)
        for typed, form in mapping("question_words").items():
            key = " ".join(syllable_key(w) for w in typed.split())
            table[key] = (form, max(table.get(key, ("", 0))[1], 1))
        return cls(table, _dictionary() if dictionary else {}, syllables)

    def restore(self, question: str) -> Restoration:
        syllables = list(_SYLLABLE.finditer(question))
        if not syllables:
            return Restoration(question, 0.0)
        keys = [syllable_key(m.group(0)) for m in syllables]
        n_syl = len(syllables)
        # best[i]: (score, segments) for syllables[:i]
        best: list[tuple[float, list[tuple[int, int, str | None]]]] = [(0.0, [])] + [
            (-math.inf, []) for _ in range(n_syl)
        ]
        protected = self._protected(question, syllables, keys)
        for i in range(n_syl):
            score_i, segs_i = best[i]
            if score_i == -math.inf:
                continue
            # a syllable left as typed
            if score_i > best[i + 1][0]:
                best[i + 1] = (score_i, [*segs_i, (i, i + 1, None)])
            for n in range(1, min(MAX_N, n_syl - i) + 1):
                if n > 1 and not _adjacent(question, syllables[i : i + n]):
                    break
                end = i + n
                if any(i < b and a < end and not (i <= a and b <= end) for a, b in protected):
                    continue  # part of a question phrase, not all of it
                key = " ".join(keys[i : i + n])
                form, gain = self._lookup(key, n)
                if form is None:
                    continue
                total = score_i + gain
                if total > best[i + n][0]:
                    best[i + n] = (total, [*segs_i, (i, i + n, form)])
        pieces: list[str] = []
        pos = 0
        known = 0
        for start, end, form in best[n_syl][1]:
            group = syllables[start:end]
            if form is None:
                m = group[0]
                known += fold(m.group(0)) != m.group(0)
                continue
            known += end - start
            for m, word in zip(group, form.split(" "), strict=True):
                raw = m.group(0)
                pieces.append(question[pos : m.start()])
                # a syllable typed with diacritics is kept: the writer knew better
                pieces.append(raw if fold(raw) != raw else _match_case(word, raw))
                pos = m.end()
        pieces.append(question[pos:])
        return Restoration("".join(pieces), known / n_syl)

    def _protected(
        self, question: str, syllables: list[re.Match[str]], keys: list[str]
    ) -> list[tuple[int, int]]:
        """The spans (start, end syllable) of the question phrases in the question, longest
        first, left to right."""
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(keys):
            for n in range(min(MAX_N, len(keys) - i), 1, -1):
                if " ".join(keys[i : i + n]) in self._phrases and _adjacent(
                    question, syllables[i : i + n]
                ):
                    spans.append((i, i + n))
                    i += n - 1
                    break
            i += 1
        return spans

    def _lookup(self, key: str, n: int) -> tuple[str | None, float]:
        """The accented form of a folded n-gram and how much choosing it is worth: longer
        n-grams are worth more than their parts, corpus n-grams more than dictionary words."""
        found = self._table.get(key)
        if found is not None:
            form, count = found
            if n == 1:
                return form, self._syllable_gain(form)
            return form, n * n + 0.1 * math.log1p(count)
        forms = self._words.get(key)
        if forms and n > 1:
            # A dictionary word is worth what its syllables are worth alone, plus a little for
            # being a word: "tỉnh có" (two frequent syllables) beats the word "tình cờ", while
            # "dự kiến" beats "dự kiện". Of several words that fold alike, the likeliest.
            word = max(forms, key=self._syllable_gain)
            gain = self._syllable_gain(word) + 0.5 * (n - 1)
            if any(s in self._question for s in key.split()):
                gain -= 1.0  # "co", "la", "nao" in a question are the question's own words
            return word, gain
        return None, 0.0

    def _syllable_gain(self, form: str) -> float:
        return sum(1.0 + 0.1 * math.log1p(self._syllables[s]) for s in form.split())


_DICTIONARY: dict[str, tuple[str, ...]] | None = None


def _dictionary() -> dict[str, tuple[str, ...]]:
    """Folded multi-syllable dictionary word -> its accented forms."""
    global _DICTIONARY
    if _DICTIONARY is None:
        from index.spelling import dictionary_words

        forms: dict[str, set[str]] = defaultdict(set)
        for word in dictionary_words():
            syllables = word.split()
            if 1 < len(syllables) <= MAX_N and all(s.isalpha() for s in syllables):
                forms[" ".join(syllable_key(s) for s in syllables)].add(word)
        _DICTIONARY = {key: tuple(sorted(v)) for key, v in forms.items()}
    return _DICTIONARY


def _adjacent(text: str, group: list[re.Match[str]]) -> bool:
    return all(text[a.end() : b.start()].isspace() for a, b in zip(group, group[1:], strict=False))


def _match_case(word: str, typed: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
