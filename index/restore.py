"""Put diacritics back on a question typed without them, using the corpus's own wording.

The dense model does not understand "ty le ho ngheo", but it does understand "tỷ lệ hộ nghèo".
Every folded n-gram of the corpus remembers its most frequent accented spelling; a question is
rewritten greedily with the longest n-gram that matches. Words the corpus never uses stay as typed.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from index.fold import fold

_SYLLABLE = re.compile(r"[^\W\d_]+", re.UNICODE)
MAX_N = 3
# Question words that documents rarely contain; they win over the corpus's spelling
# ("bao nhieu" is "bao nhiêu", not "bảo nhiều").
QUESTION_WORDS = {
    "bao nhieu": "bao nhiêu",
    "bao gio": "bao giờ",
    "la": "là",
    "gi": "gì",
    "nao": "nào",
    "khi nao": "khi nào",
    "o dau": "ở đâu",
    "the nao": "thế nào",
    "nhu the nao": "như thế nào",
    "ra sao": "ra sao",
    "thi sao": "thì sao",
    "con": "còn",
    "ai ky": "ai ký",
    "ky": "ký",
    "muc tieu": "mục tiêu",
    "chi tieu": "chỉ tiêu",
    "may": "mấy",
    "ngay nao": "ngày nào",
    "nam nao": "năm nào",
    "co": "có",
    "khong": "không",
    "duoc": "được",
    "bao nhieu phan tram": "bao nhiêu phần trăm",
    "phan tram": "phần trăm",
    "dan": "dân",
    "nguoi dan": "người dân",
}


@dataclass(frozen=True, slots=True)
class Restoration:
    text: str  # the question with diacritics restored where the corpus knows the words
    coverage: float  # share of the question's syllables that were restored or already accented


class DiacriticRestorer:
    def __init__(self, table: dict[str, str]):
        self._table = table  # folded n-gram (space-joined, lower) -> accented form

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> DiacriticRestorer:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for text in texts:
            for run in _runs(text):
                lowered = [w.lower() for w in run]
                folded = [fold(w) for w in lowered]
                for n in range(1, MAX_N + 1):
                    for i in range(len(run) - n + 1):
                        counts[" ".join(folded[i : i + n])][" ".join(lowered[i : i + n])] += 1
        table = {key: c.most_common(1)[0][0] for key, c in counts.items()}
        table.update(QUESTION_WORDS)
        return cls(table)

    def restore(self, question: str) -> Restoration:
        syllables = list(_SYLLABLE.finditer(question))
        if not syllables:
            return Restoration(question, 0.0)
        pieces: list[str] = []
        pos = 0
        known = 0
        i = 0
        while i < len(syllables):
            for n in range(min(MAX_N, len(syllables) - i), 0, -1):
                group = syllables[i : i + n]
                if not _adjacent(question, group):
                    continue
                key = " ".join(fold(m.group(0)).lower() for m in group)
                accented = self._table.get(key)
                if accented is None:
                    continue
                typed = [m.group(0) for m in group]
                words = accented.split(" ")
                for m, word, raw in zip(group, words, typed, strict=True):
                    pieces.append(question[pos : m.start()])
                    # a syllable typed with diacritics is kept: the writer knew better
                    pieces.append(raw if fold(raw) != raw else _match_case(word, raw))
                    pos = m.end()
                known += n
                i += n
                break
            else:
                if fold(syllables[i].group(0)) != syllables[i].group(0):
                    known += 1
                i += 1
        pieces.append(question[pos:])
        return Restoration("".join(pieces), known / len(syllables))


def _runs(text: str) -> list[list[str]]:
    """Syllable runs not broken by punctuation or digits (n-grams never cross a comma)."""
    runs: list[list[str]] = []
    for chunk in re.split(r"[^\w\s]|\d|_", text):
        words = _SYLLABLE.findall(chunk)
        if words:
            runs.append(words)
    return runs


def _adjacent(text: str, group: list[re.Match[str]]) -> bool:
    return all(text[a.end() : b.start()].isspace() for a, b in zip(group, group[1:], strict=False))


def _match_case(word: str, typed: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
