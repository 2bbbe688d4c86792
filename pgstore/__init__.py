"""The shared store: documents, passages, tokens, vectors, feedback and conversations in one
PostgreSQL (with pgvector), so several app replicas serve one corpus.

NQA_DATABASE_URL=postgresql://... switches the app to it; unset, nothing here is imported and
the app keeps its files and SQLite. Each replica still answers from memory (bm25s + FAISS built
from what it reads here) and follows changes (LISTEN/NOTIFY, with a poll as fallback).

    schema.py        versioned migrations (nqa db init / nqa db migrate)
    db.py            connections and the vector wire format
    repository.py    reads and writes; one transaction per upload or delete
    documents.py     a parsed Document -> the rows stored for it (tokens, vectors re-used)
    replica.py       rows -> an in-memory Index; changes since a version -> the next Index
    follow.py        the thread that notices changes made by other replicas
    service.py       serve.service.Service over the database
    feedback.py, conversations.py   the same interfaces as the SQLite / in-memory stores
    dense.py         optional dense search through pgvector's HNSW index (NQA_DENSE=hnsw)
"""

from __future__ import annotations

from config import current

ENV = "NQA_DATABASE_URL"


def database_url() -> str | None:
    """NQA_DATABASE_URL (as the edge read it), or None when the app keeps its files and SQLite."""
    return current().database_url
