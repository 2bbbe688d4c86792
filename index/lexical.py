"""BM25 over lexical tokens (bm25s), with its arrays saved as plain .npy/.json files."""

from __future__ import annotations

import math
from functools import cache
from itertools import chain
from pathlib import Path

import numpy as np


class LexicalIndex:
    def __init__(self, retriever, size: int):
        self._bm25 = retriever
        self.size = size

    @classmethod
    def build(cls, token_lists: list[list[str]], k1: float, b: float) -> LexicalIndex:
        retriever = _bm25_class()(k1=k1, b=b)
        if token_lists:
            retriever.index(token_lists, show_progress=False)
        return cls(retriever, len(token_lists))

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every passage (zeros when no query token is in the vocabulary)."""
        if self.size == 0:
            return np.zeros(0, dtype=np.float32)
        vocab = self._bm25.vocab_dict
        known = [t for t in query_tokens if t in vocab]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def save(self, folder: Path) -> None:
        if self.size:
            self._bm25.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> LexicalIndex:
        import bm25s

        if size == 0:
            return cls(bm25s.BM25(), 0)
        return cls(bm25s.BM25.load(str(folder), show_progress=False), size)


@cache
def _bm25_class():
    """bm25s.BM25 whose score matrix is computed with numpy: bm25s counts each passage's
    tokens in Python loops (5 s for 100,000 passages, paid by every new index)."""
    import bm25s

    class BM25(bm25s.BM25):
        def build_index_from_tokens(self, corpus_tokens, **progress):
            if (self.method, self.idf_method or self.method) != ("lucene", "lucene"):
                return super().build_index_from_tokens(corpus_tokens, **progress)
            # bm25s's vocabulary: the same set, so the same numbering
            vocab = {token: i for i, token in enumerate(set(chain.from_iterable(corpus_tokens)))}
            lengths = np.fromiter(map(len, corpus_tokens), np.int64, len(corpus_tokens))
            ids = chain.from_iterable(corpus_tokens)
            flat = np.fromiter(map(vocab.__getitem__, ids), np.int64, int(lengths.sum()))
            self.nonoccurrence_array = None  # only BM25L and BM25+ have one
            return _lucene_scores(flat, lengths, len(vocab), self.k1, self.b), vocab

    return BM25


def _lucene_scores(flat: np.ndarray, lengths: np.ndarray, n_vocab: int, k1: float, b: float):
    """bm25s's score matrix (CSC: passages by token) for its default "lucene" method, the same
    numbers in the same order: idf = log(1 + (N - df + 0.5) / (df + 0.5)), term part
    tf / (k1 * (1 - b + b * length / average length) + tf), in float64, stored as float32."""
    n_docs = len(lengths)
    docs = np.repeat(np.arange(n_docs), lengths)
    pairs, tf = np.unique(flat * n_docs + docs, return_counts=True)  # by token, then passage
    token, doc = pairs // n_docs, pairs % n_docs
    df = np.bincount(token, minlength=n_vocab)
    idf = np.array(
        [math.log(1 + (n_docs - f + 0.5) / (f + 0.5)) if f else 0.0 for f in df.tolist()]
    )
    norm = k1 * ((1 - b) + b * lengths / lengths.mean())
    tf = tf.astype(np.float64)
    data = idf.astype(np.float32)[token] * (tf / (norm[doc] + tf))
    indptr = np.zeros(n_vocab + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    return {
        "data": data.astype(np.float32),
        "indices": doc.astype(np.int32),
        "indptr": indptr,
        "num_docs": n_docs,
    }
