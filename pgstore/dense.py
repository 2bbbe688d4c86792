"""Dense search in the database through pgvector's HNSW index, for corpora whose vectors do not
fit in a replica's memory (NQA_DENSE=hnsw; the default, exact, keeps them in memory).

The index is built by `nqa db hnsw` on the stored vectors cast to their dimension (the column
itself takes any dimension). A query returns the best CANDIDATES passages by inner product;
every other passage gets a score just below the last of them, which is what the weighted
fusion sees for a passage the dense ranking does not put forward."""

from __future__ import annotations

import logging
import threading
from typing import Any

import numpy as np

from config import current
from pgstore.db import Pool, StoreError, to_vectors

log = logging.getLogger(__name__)

CANDIDATES = 100  # as index.search.CANDIDATES: what one ranking brings to fusion
INDEX_NAME = "nqa_passages_hnsw"


def dense_mode() -> str:
    """NQA_DENSE: "exact" (vectors in memory, FAISS/numpy) or "hnsw" (pgvector)."""
    return current().dense


def ef_search() -> int:
    """NQA_HNSW_EF_SEARCH: the HNSW search breadth (recall against speed), at least CANDIDATES."""
    return max(CANDIDATES, current().hnsw_ef_search)


def build_hnsw(conn: Any, dim: int, m: int = 16, ef_construction: int = 64) -> None:
    """(Re)create the HNSW index over the stored vectors."""
    conn.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")
    conn.execute("SET maintenance_work_mem = '1GB'")
    conn.execute(
        f"CREATE INDEX {INDEX_NAME} ON nqa_passages USING hnsw "
        f"((embedding::vector({int(dim)})) vector_ip_ops) "
        f"WITH (m = {int(m)}, ef_construction = {int(ef_construction)})"
    )


def has_hnsw(conn: Any) -> bool:
    return conn.execute("SELECT to_regclass(%s) IS NOT NULL", (INDEX_NAME,)).fetchone()[0]


class HnswDenseIndex:
    """The dense side of an Index, answered by the database; passage rows map to `pids`."""

    def __init__(self, repo: Any, pids: np.ndarray, dim: int):
        if not dim:
            raise StoreError("The database holds no vectors yet: `nqa db import DIR` first.")
        with repo.connect(autocommit=True) as conn:
            if not has_hnsw(conn):
                raise StoreError(
                    "NQA_DENSE=hnsw but the database has no HNSW index: build it with "
                    "`nqa db hnsw` (or unset NQA_DENSE for exact search in memory)."
                )
        self.pids = np.asarray(pids, dtype=np.int64)
        self._row = {int(pid): row for row, pid in enumerate(self.pids)}
        self._dim = dim
        self._pool = Pool(repo.url, f"nqa-{repo.replica}-dense")
        self._sql = (
            f"SELECT pid, (embedding::vector({dim})) <#> %s FROM nqa_passages "
            f"ORDER BY (embedding::vector({dim})) <#> %s LIMIT {CANDIDATES}"
        )
        self._ef = ef_search()
        self._warned = threading.Event()

    @property
    def dim(self) -> int:
        return self._dim

    def top(self, query_vector: np.ndarray) -> list[tuple[int, float]]:
        """(passage row, inner product) of the best CANDIDATES passages, best first."""
        (vector,) = to_vectors(np.asarray(query_vector, dtype=np.float32).reshape(1, -1))
        with self._pool.connection() as conn, conn.transaction():
            conn.execute(f"SET LOCAL hnsw.ef_search = {self._ef}")
            rows = conn.execute(self._sql, (vector, vector)).fetchall()
        return [(self._row[pid], -float(d)) for pid, d in rows if pid in self._row]

    def scores(self, query_vector: np.ndarray) -> np.ndarray:
        """Inner products for the passages HNSW puts forward, just below them for the rest;
        all equal (the dense side says nothing) while the database cannot be reached."""
        import psycopg

        out = np.zeros(len(self.pids), dtype=np.float32)
        try:
            top = self.top(query_vector)
        except (psycopg.Error, StoreError) as exc:
            if not self._warned.is_set():
                log.warning("dense search unavailable, answering from BM25 alone: %s", exc)
                self._warned.set()
            return out
        self._warned.clear()
        if top:
            out[:] = top[-1][1] - 1e-3
            rows, values = zip(*top, strict=True)
            out[list(rows)] = values
        return out
