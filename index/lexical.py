"""BM25 over lexical tokens (bm25s), with its arrays saved as plain .npy/.json files."""

from __future__ import annotations

from pathlib import Path

import numpy as np


class LexicalIndex:
    def __init__(self, retriever, size: int):
        self._bm25 = retriever
        self.size = size

    @classmethod
    def build(cls, token_lists: list[list[str]], k1: float, b: float) -> LexicalIndex:
        import bm25s

        retriever = bm25s.BM25(k1=k1, b=b)
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
