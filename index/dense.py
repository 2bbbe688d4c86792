"""Dense retrieval: normalized passage vectors in a FAISS inner-product index."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from corpus.types import DocumentMeta, Passage

FAISS_FILE = "dense.faiss"


def passage_context(meta: DocumentMeta | None, passage: Passage) -> str:
    """What the model embeds: the passage with where it stands (document and nearest headings),
    so "95%" under "b) Các chỉ tiêu xã hội" is findable by what it measures."""
    parts = []
    if meta is not None and meta.title:
        parts.append(_short(meta.title, 80))
    parts.extend(passage.section[-2:])
    return " › ".join(parts) + "\n" + passage.text if parts else passage.text


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


class DenseIndex:
    def __init__(self, vectors: np.ndarray):
        import faiss

        self.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self._faiss = faiss.IndexFlatIP(self.vectors.shape[1])
        if len(self.vectors):
            self._faiss.add(self.vectors)

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    def scores(self, query_vector: np.ndarray) -> np.ndarray:
        """Cosine similarity of the query with every passage."""
        return self.vectors @ np.asarray(query_vector, dtype=np.float32).reshape(-1)

    def search(self, query_vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (scores, row ids) by FAISS inner product."""
        k = min(k, len(self.vectors))
        if k == 0:
            return np.zeros(0, np.float32), np.zeros(0, np.int64)
        scores, ids = self._faiss.search(query_vector.reshape(1, -1).astype(np.float32), k)
        return scores[0], ids[0]

    def save(self, folder: Path) -> None:
        import faiss

        faiss.write_index(self._faiss, str(folder / FAISS_FILE))

    @classmethod
    def load(cls, folder: Path) -> DenseIndex:
        import faiss

        index = faiss.read_index(str(folder / FAISS_FILE))
        vectors = index.reconstruct_n(0, index.ntotal) if index.ntotal else np.zeros((0, index.d))
        return cls(np.asarray(vectors, dtype=np.float32).reshape(index.ntotal, index.d))
