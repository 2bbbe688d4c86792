"""How a corpus spells each folded n-gram, counted with numpy: the diacritic restorer's table.

For every run of syllables (n-grams never cross punctuation, a digit or the end of a text),
every n-gram of 1 to 4 lower-case syllables is counted; n-grams that fold alike ("bao hiem")
form one key, whose spelling is the most frequent one ("bảo hiểm"), ties to the first seen.

A corpus of 100,000 passages has tens of millions of n-grams. Counting them one by one in a
Counter took most of a replica's start; here each syllable becomes an integer once, an n-gram
is its (n-1)-gram's number times the vocabulary size plus its last syllable, and np.unique
counts each length in one call. Only the distinct keys are turned back into strings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np

from index.fold import syllable_key

MAX_N = 4
_BREAKS = re.compile(r"(?:[^\w\s]|\d|_)+")  # what ends a run; what is left is letters and spaces
_BREAK = "\x00"  # stands for a break among the syllables (a break character: never a syllable)
_BATCH = 4096  # texts turned into syllable numbers at a time (bounds the strings held at once)


class _Level(NamedTuple):
    """The distinct n-grams of one length n."""

    prefix: np.ndarray  # number of the (n-1)-gram it extends (unused for n = 1)
    last: np.ndarray  # its last syllable
    first: np.ndarray  # position of its first occurrence
    count: np.ndarray


def count_spellings(texts: Iterable[str]) -> tuple[dict[str, tuple[str, int]], Counter[str]]:
    """Folded n-gram -> (its most frequent lower-case spelling, how often the key occurs), and
    how often each lower-case syllable occurs."""
    vocab: dict[str, int] = {_BREAK: 0}
    ids = _syllable_ids(texts, vocab)
    words = np.array(list(vocab), dtype=object)
    levels = _levels(ids, len(vocab))
    if not levels:
        return {}, Counter()
    folded: dict[str, int] = {}
    fold_of = np.array([folded.setdefault(syllable_key(w), len(folded)) for w in words])
    folded_words = np.array(list(folded), dtype=object)
    table: dict[str, tuple[str, int]] = {}
    key_of_prefix = np.zeros(0, dtype=np.int64)
    for n, level in enumerate(levels, start=1):
        fkey = fold_of[level.last] if n == 1 else key_of_prefix[level.prefix] * len(folded)
        if n > 1:
            fkey = fkey + fold_of[level.last]
        _, key_of = np.unique(fkey, return_inverse=True)
        key_of = key_of.reshape(-1)
        # per key: the spelling counted most, then the one seen first
        order = np.lexsort((level.first, -level.count, key_of))
        starts = np.flatnonzero(np.r_[True, key_of[order][1:] != key_of[order][:-1]])
        best = order[starts]
        totals = np.bincount(key_of, weights=level.count).astype(np.int64)[key_of[best]]
        spelled = _syllables_of(levels, n, best)
        keys = map(" ".join, zip(*(folded_words[fold_of[s]] for s in spelled), strict=True))
        forms = map(" ".join, zip(*(words[s] for s in spelled), strict=True))
        table.update(zip(keys, zip(forms, totals.tolist(), strict=True), strict=True))
        key_of_prefix = key_of
    first = levels[0]
    syllables = Counter(dict(zip(words[first.last].tolist(), first.count.tolist(), strict=True)))
    return table, syllables


def _syllable_ids(texts: Iterable[str], vocab: dict[str, int]) -> np.ndarray:
    """Every text's lower-case syllables as numbers (`vocab` grows), 0 at every break."""
    parts: list[np.ndarray] = []
    batch: list[str] = []

    def flush() -> None:
        # texts joined by a break; lowering after the breaks are spaced out lowers each
        # syllable alone, as str.lower() of the word would
        words = _BREAKS.sub(f" {_BREAK} ", _BREAK.join(batch)).lower().split()
        new = [w for w in dict.fromkeys(words) if w not in vocab]
        vocab.update(zip(new, range(len(vocab), len(vocab) + len(new)), strict=True))
        parts.append(np.fromiter(map(vocab.__getitem__, words), np.int64, len(words)))
        parts.append(np.zeros(1, np.int64))
        batch.clear()

    for text in texts:
        batch.append(text)
        if len(batch) >= _BATCH:
            flush()
    if batch:
        flush()
    return np.concatenate(parts) if parts else np.zeros(0, np.int64)


def _levels(ids: np.ndarray, size: int) -> list[_Level]:
    """The distinct n-grams of each length 1..MAX_N that no break interrupts."""
    breaks = np.r_[0, np.cumsum(ids == 0)]
    levels: list[_Level] = []
    number_at = np.zeros(0, dtype=np.int64)  # number of the (n-1)-gram starting at a position
    for n in range(1, MAX_N + 1):
        starts = np.flatnonzero(breaks[n:] == breaks[:-n])
        if not len(starts):
            break
        last = ids[starts + n - 1]
        key = last if n == 1 else number_at[starts] * size + last
        distinct, first, inverse, count = np.unique(
            key, return_index=True, return_inverse=True, return_counts=True
        )
        levels.append(_Level(distinct // size, distinct % size, starts[first], count))
        number_at = np.full(len(ids), -1, dtype=np.int64)
        number_at[starts] = inverse.reshape(-1)
    return levels


def _syllables_of(levels: list[_Level], n: int, chosen: np.ndarray) -> list[np.ndarray]:
    """The n syllable numbers of each chosen n-gram, first to last."""
    out = []
    for level in reversed(levels[:n]):
        out.append(level.last[chosen])
        chosen = level.prefix[chosen]
    return out[::-1]
