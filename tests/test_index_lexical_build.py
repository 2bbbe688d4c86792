"""LexicalIndex.build computes bm25s's score matrix with numpy: the same arrays as bm25s's own
build, so the same BM25 scores."""

from __future__ import annotations

import random

import numpy as np
import pytest

from index.lexical import LexicalIndex


def bm25s_own(token_lists, k1=1.2, b=0.75):
    import bm25s

    retriever = bm25s.BM25(k1=k1, b=b)
    retriever.index(token_lists, show_progress=False)
    return retriever


@pytest.mark.parametrize(
    "token_lists",
    [
        [["ho", "ngheo"]],
        [["ho", "ngheo", "ho"], ["giam", "ty", "le", "ho", "ngheo"], ["bao", "hiem", "y", "te"]],
        [["a"] * 50, ["a", "b"], ["c"]],  # a long passage of one token
        [["ho", "ngheo"], [], ["ngheo"]],  # a passage without tokens
    ],
)
def test_same_matrix_as_bm25s(token_lists):
    ours = LexicalIndex.build(token_lists, 1.2, 0.75)._bm25
    theirs = bm25s_own(token_lists)
    assert ours.vocab_dict == theirs.vocab_dict
    for key in ("data", "indices", "indptr"):
        assert ours.scores[key].dtype == theirs.scores[key].dtype
        np.testing.assert_array_equal(ours.scores[key], theirs.scores[key])
    assert ours.scores["num_docs"] == theirs.scores["num_docs"]


def test_same_scores_on_a_random_corpus():
    rng = random.Random(3)
    vocab = [f"t{i}" for i in range(300)]
    token_lists = [
        rng.choices(vocab, weights=range(300, 0, -1), k=rng.randint(1, 120)) for _ in range(500)
    ]
    index = LexicalIndex.build(token_lists, 1.5, 0.6)
    theirs = bm25s_own(token_lists, 1.5, 0.6)
    for key in ("data", "indices", "indptr"):
        np.testing.assert_array_equal(index._bm25.scores[key], theirs.scores[key])
    for query in (["t0", "t5"], ["t299"], ["t1", "t1", "t77"]):
        np.testing.assert_array_equal(index.scores(query), theirs.get_scores(query))
