"""Combining the lexical and the dense ranking.

A score-weighted sum of min-max normalized scores keeps how much better the best passage is,
which rank fusion (RRF) throws away. The dense weight depends on the question: the model reads
Vietnamese with diacritics well, but a question typed without them means little to it, so its
vote shrinks with how much of the question could be given its diacritics back.
"""

from __future__ import annotations

import numpy as np

DENSE_WEIGHT = 0.6  # questions typed with diacritics (the reference hybrid: 0.4 BM25 + 0.6 dense)
DENSE_WEIGHT_FLOOR = 0.2  # questions typed without diacritics that the corpus cannot restore


def dense_weight(typed_diacritics: bool, coverage: float) -> float:
    """`coverage`: share of the question's syllables that carry diacritics after restoration."""
    if typed_diacritics:
        return DENSE_WEIGHT
    return DENSE_WEIGHT_FLOOR + (DENSE_WEIGHT - DENSE_WEIGHT_FLOOR) * coverage**2


def minmax(scores: np.ndarray) -> np.ndarray:
    if scores.size == 0:
        return scores
    low, high = float(scores.min()), float(scores.max())
    if high - low < 1e-9:
        return np.zeros_like(scores) if high <= 0 else np.ones_like(scores)
    return (scores - low) / (high - low)


def fuse(lexical: np.ndarray, dense: np.ndarray, w_dense: float) -> np.ndarray:
    """Weighted sum of the two min-max normalized score vectors (over the same candidates)."""
    return (1.0 - w_dense) * minmax(lexical) + w_dense * minmax(dense)


def rrf(rankings: list[np.ndarray], size: int, k: int = 60) -> np.ndarray:
    """Reciprocal rank fusion of several rankings (arrays of row ids, best first)."""
    fused = np.zeros(size, dtype=np.float32)
    for ranking in rankings:
        fused[ranking] += 1.0 / (k + np.arange(1, len(ranking) + 1))
    return fused
