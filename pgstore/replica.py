"""What a replica serves: an in-memory Index built from the database's rows (tokens and vectors
as stored, nothing embedded), and the next Index after other replicas' writes, built from the
live one plus the documents that changed (only those are read)."""

from __future__ import annotations

import logging

import numpy as np

from corpus.types import Corpus, Document
from index.build import _model_record
from index.dense import DenseIndex
from index.lexical import LexicalIndex
from index.search import Index
from index.settings import Settings
from index.types import Embedder
from pgstore.db import StoreError, redact
from pgstore.dense import HnswDenseIndex, dense_mode
from pgstore.repository import Repository, Snapshot

log = logging.getLogger(__name__)


def index_version(index: Index) -> int:
    """The corpus version an index was built from."""
    return int(index.manifest.get("database_version", 0))


def open_index(
    repo: Repository,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
    *,
    dense: str | None = None,
) -> Index:
    """Every document in the database, as an Index (the query model loads on first use)."""
    settings = settings or Settings()
    dense = dense or dense_mode()
    snap = repo.snapshot(vectors=dense == "exact")
    _check_model(repo, snap, settings, embedder)
    if snap.stale:
        log.warning(
            "%d documents were indexed by another parser or tokenizer version (%s ...): "
            "re-run `nqa db import DIR` on their folder to refresh them",
            len(snap.stale),
            ", ".join(snap.stale[:3]),
        )
    parts = (snap.documents, snap.tokens, snap.vectors, snap.pids)
    return _index(repo, parts, settings, embedder, snap.version, dense)


def next_index(repo: Repository, live: Index) -> Index:
    """The live index with the documents put or deleted since its version replaced."""
    since = index_version(live)
    dense = live.manifest.get("dense", "exact")
    snap = repo.snapshot(since, vectors=dense == "exact")
    changed = {d.meta.doc_id for d in snap.documents} | snap.deleted
    parts: list[tuple[Document, list[list[str]], np.ndarray | None, np.ndarray]] = []
    start = 0
    live_pids = live.dense.pids if isinstance(live.dense, HnswDenseIndex) else None
    for doc in live.corpus.documents:
        end = start + len(doc.passages)
        if doc.meta.doc_id not in changed:
            vectors = live.dense.vectors[start:end] if dense == "exact" else None
            pids = live_pids[start:end] if live_pids is not None else np.zeros(end - start, int)
            parts.append((doc, live.tokens[start:end], vectors, pids))
        start = end
    start = 0
    for doc in snap.documents:
        end = start + len(doc.passages)
        vectors = snap.vectors[start:end] if snap.vectors is not None else None
        parts.append((doc, snap.tokens[start:end], vectors, snap.pids[start:end]))
        start = end
    parts.sort(key=lambda part: part[0].meta.doc_id)
    documents = [p[0] for p in parts]
    tokens = [t for p in parts for t in p[1]]
    dim = live.dense.dim
    vectors = (
        np.concatenate([p[2] for p in parts]) if dense == "exact" and parts else np.zeros((0, dim))
    )
    pids = np.concatenate([p[3] for p in parts]) if parts else np.zeros(0, np.int64)
    log.info(
        "version %d -> %d: %d documents read, %d removed",
        since,
        snap.version,
        len(snap.documents),
        len(snap.deleted),
    )
    embedder = live._embedder  # the query model, if already loaded: not loaded again
    built = (documents, tokens, vectors, pids)
    return _index(repo, built, live.settings, embedder, snap.version, dense)


def _index(repo, parts, settings, embedder, version, dense) -> Index:
    documents, tokens, vectors, pids = parts
    if not documents:
        raise StoreError(
            f"The database {redact(repo.url)} holds no documents: load a corpus folder with "
            "`nqa db import DIR` (for example `nqa db import corpus/data`)."
        )
    lexical = LexicalIndex.build(tokens, settings.bm25_k1, settings.bm25_b)
    if dense == "exact":
        dense_index = DenseIndex(vectors)
    else:
        dense_index = HnswDenseIndex(repo, pids, _dim(repo))
    index = Index(Corpus(tuple(documents)), tokens, lexical, dense_index, settings, embedder)
    index.manifest = {"database_version": version, "dense": dense}
    return index


def _dim(repo: Repository) -> int:
    return int(repo.counts()["dim"] or 0)


def _check_model(repo: Repository, snap: Snapshot, settings: Settings, embedder) -> None:
    wanted = _model_record(settings, embedder)
    if snap.model is not None and snap.model != wanted:
        raise StoreError(
            f"The vectors in {redact(repo.url)} were made by {snap.model}; this replica's "
            f"settings say {wanted}: set NQA_MODEL / NQA_BACKEND to match the database."
        )
