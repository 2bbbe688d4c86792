"""A deterministic embedder whose similarities can be worked out by hand: each text becomes the
normalized count vector of its (folded, lower-case) words over a fixed vocabulary."""

from __future__ import annotations

import re

import numpy as np

from index.fold import fold


class BagOfWordsEmbedder:
    def __init__(self, vocabulary: list[str]):
        self.vocabulary = {w: i for i, w in enumerate(vocabulary)}
        self.name = f"bag-of-words/{len(vocabulary)}"
        self.dim = len(vocabulary) + 1  # the last slot keeps vectors of unknown text non-zero
        self.calls: list[tuple[str, int]] = []

    def encode(self, texts, kind, **_) -> np.ndarray:
        self.calls.append((kind, len(texts)))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", fold(text).lower()):
                if word in self.vocabulary:
                    out[row, self.vocabulary[word]] += 1
            out[row, -1] = 0.1
            out[row] /= np.linalg.norm(out[row])
        return out
