"""Reads and writes of the corpus in PostgreSQL. Every write (an upload, a delete, a batch of an
import) is one transaction that also bumps the corpus version, records which documents it
touched and notifies the replicas; a replica's reads of one version come from one snapshot."""

from __future__ import annotations

import gc
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from corpus.types import Document
from index import store
from pgstore import schema
from pgstore.db import StoreError, Vector, connect, from_vectors, redact, to_vectors
from pgstore.documents import Prepared, made_with

_CHUNK = 2000  # rows per round trip while a replica reads its passages


@dataclass
class Snapshot:
    """Documents as of one corpus version, with their passages' tokens and vectors (in the
    order of `documents`' passages); `deleted` lists asked-for documents that are gone."""

    version: int
    model: str | None
    dim: int | None
    documents: list[Document]
    tokens: list[list[str]]
    vectors: np.ndarray | None  # None when asked to leave them in the database (HNSW)
    pids: np.ndarray  # database id of each passage row
    deleted: set[str] = field(default_factory=set)
    stale: list[str] = field(default_factory=list)  # documents made by other parser/tokenizer


class Repository:
    def __init__(self, url: str, replica: str = "nqa"):
        self.url = url
        self.replica = replica

    def __repr__(self) -> str:
        return f"Repository({redact(self.url)!r}, replica={self.replica!r})"

    def connect(self, *, autocommit: bool = False) -> Any:
        return connect(self.url, f"nqa-{self.replica}", autocommit=autocommit)

    def check(self) -> None:
        with self.connect() as conn:
            schema.check(conn, self.url)

    # ------------------------------------------------------------------ reads

    def version(self) -> int:
        with self.connect(autocommit=True) as conn:
            return int(conn.execute("SELECT version FROM nqa_corpus").fetchone()[0])

    def counts(self) -> dict[str, Any]:
        with self.connect(autocommit=True) as conn:
            version, model, dim = conn.execute(
                "SELECT version, model, dim FROM nqa_corpus"
            ).fetchone()
            docs = conn.execute("SELECT count(*) FROM nqa_documents").fetchone()[0]
            passages = conn.execute("SELECT count(*) FROM nqa_passages").fetchone()[0]
        return {
            "version": version,
            "model": model,
            "dim": dim,
            "documents": docs,
            "passages": passages,
        }

    def doc_ids(self) -> set[str]:
        with self.connect(autocommit=True) as conn:
            return {r[0] for r in conn.execute("SELECT doc_id FROM nqa_documents")}

    def fingerprints(self) -> dict[str, tuple[str, dict]]:
        """doc_id -> (fingerprint, made_with) of every stored document."""
        with self.connect(autocommit=True) as conn:
            rows = conn.execute("SELECT doc_id, fingerprint, made_with FROM nqa_documents")
            return {doc_id: (fp, made) for doc_id, fp, made in rows}

    def duplicate(self, file_sha: str) -> tuple[str, str] | None:
        """(doc_id, title) of a stored document whose file has these bytes, if any."""
        with self.connect(autocommit=True) as conn:
            row = conn.execute(
                "SELECT doc_id, row->'meta'->>'title' FROM nqa_documents WHERE file_sha = %s "
                "LIMIT 1",
                (file_sha,),
            ).fetchone()
        return (row[0], row[1]) if row else None

    def vectors_for(self, shas: list[bytes]) -> dict[bytes, np.ndarray]:
        """Vectors already stored for these embedded texts (by sha256), whoever stored them."""
        found: dict[bytes, np.ndarray] = {}
        with self.connect(autocommit=True) as conn:
            dim = conn.execute("SELECT dim FROM nqa_corpus").fetchone()[0]
            if dim is None:
                return found
            for start in range(0, len(shas), 5000):
                chunk = shas[start : start + 5000]
                cur = conn.cursor(binary=True)
                rows = cur.execute(
                    "SELECT DISTINCT ON (context_sha) context_sha, embedding FROM nqa_passages "
                    "WHERE context_sha = ANY(%s)",
                    (chunk,),
                ).fetchall()
                matrix = from_vectors([r[1] for r in rows], dim)
                found.update({bytes(r[0]): v for r, v in zip(rows, matrix, strict=True)})
        return found

    def snapshot(
        self, since: int | None = None, *, vectors: bool = True, check: bool = True
    ) -> Snapshot:
        """Every document (since=None), or those put or deleted after version `since`, read
        from one consistent snapshot of the database."""
        with self.connect() as conn:
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            if check:
                schema.check(conn, self.url)
            version, model, dim = conn.execute(
                "SELECT version, model, dim FROM nqa_corpus"
            ).fetchone()
            wanted = None
            if since is not None:
                wanted = sorted(
                    r[0]
                    for r in conn.execute(
                        "SELECT DISTINCT doc_id FROM nqa_changes WHERE version > %s", (since,)
                    )
                )
            snap = self._read(conn, wanted, vectors, dim or 0)
            conn.rollback()
        snap.version, snap.model, snap.dim = int(version), model, dim
        return snap

    def _read(self, conn: Any, wanted: list[str] | None, vectors: bool, dim: int) -> Snapshot:
        where, args = ("WHERE doc_id = ANY(%s)", (wanted,)) if wanted is not None else ("", ())
        docs = conn.execute(
            f"SELECT doc_id, row, made_with FROM nqa_documents {where} ORDER BY doc_id", args
        ).fetchall()
        # jsonb as text, decoded here: psycopg's json loader costs twice as much per row, and
        # the tokens (a hundred per passage) are most of what a replica reads at start
        columns = "doc_id, row::text, tokens::text, pid" + (", embedding" if vectors else "")
        sql = f"SELECT {columns} FROM nqa_passages {where} ORDER BY doc_id, ord"
        count = conn.execute(f"SELECT count(*) FROM nqa_passages {where}", args).fetchone()[0]
        matrix = np.empty((count, dim), dtype=np.float32) if vectors else None
        by_doc: dict[str, list] = {}
        tokens_by_doc: dict[str, list[list[str]]] = {}
        pids: list[int] = []
        raw: list[bytes] = []
        loads, intern = json.loads, sys.intern  # one string per distinct token: most of the memory
        with _no_gc():
            # streamed in chunks, not held whole by the client (a third of a GB per 100,000
            # passages), and vectors decoded as they come, into one preallocated matrix
            for row in conn.cursor(binary=True).stream(sql, args, size=_CHUNK):
                by_doc.setdefault(row[0], []).append(store.passage_from_row(loads(row[1])))
                tokens_by_doc.setdefault(row[0], []).append(list(map(intern, loads(row[2]))))
                pids.append(row[3])
                if matrix is not None:
                    raw.append(row[4])
                    if len(raw) == _CHUNK:
                        matrix[len(pids) - _CHUNK : len(pids)] = from_vectors(raw, dim)
                        raw.clear()
            if matrix is not None and raw:
                matrix[len(pids) - len(raw) : len(pids)] = from_vectors(raw, dim)
        documents, tokens, current = [], [], made_with()
        stale = []
        for doc_id, row, made in docs:
            documents.append(store.document_from_row(row, tuple(by_doc.get(doc_id, ()))))
            tokens.extend(tokens_by_doc.get(doc_id, []))
            if made != current:
                stale.append(doc_id)
        present = {d[0] for d in docs}
        return Snapshot(
            version=0,
            model=None,
            dim=None,
            documents=documents,
            tokens=tokens,
            vectors=matrix,
            pids=np.array(pids, dtype=np.int64),
            deleted=set(wanted or ()) - present,
            stale=stale,
        )

    # ------------------------------------------------------------------ writes

    def put(self, prepared: Sequence[Prepared], model: str, *, replace: bool = True) -> int:
        """Store documents with all their passages in one transaction; returns the new corpus
        version. A stored document of the same id is replaced, or with replace=False the
        write fails (psycopg.errors.UniqueViolation): an upload never overwrites."""
        if not prepared:
            return self.version()
        dim = int(prepared[0].vectors.shape[1])
        with self.connect() as conn, conn.transaction():
            version = self._bump(conn, model, dim)
            ids = [p.document.meta.doc_id for p in prepared]
            if replace:
                conn.execute("DELETE FROM nqa_documents WHERE doc_id = ANY(%s)", (ids,))
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO nqa_documents (doc_id, fingerprint, file_sha, made_with, row, "
                    "passages, file_name, file, sidecar, version) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    [_document_values(p, version) for p in prepared],
                )
            copy_sql = (
                "COPY nqa_passages (doc_id, ord, row, tokens, context_sha, embedding) "
                "FROM STDIN (FORMAT BINARY)"
            )
            with conn.cursor() as cur, cur.copy(copy_sql) as copy:
                copy.set_types(["text", "int4", "jsonb", "jsonb", "bytea", "vector"])
                for p in prepared:
                    doc_id = p.document.meta.doc_id
                    rows = zip(p.document.passages, p.tokens, p.context_shas, strict=True)
                    vecs = to_vectors(p.vectors)
                    for ord_, ((passage, tokens, sha), vec) in enumerate(
                        zip(rows, vecs, strict=True)
                    ):
                        row = store.passage_row(passage)
                        copy.write_row((doc_id, ord_, _json(row), _json(tokens), sha, vec))
            self._log(conn, version, ids, "put")
        return version

    def delete(self, doc_id: str) -> int | None:
        """Remove a document and its passages in one transaction; the new corpus version, or
        None when no such document is stored."""
        with self.connect() as conn, conn.transaction():
            gone = conn.execute(
                "SELECT 1 FROM nqa_documents WHERE doc_id = %s FOR UPDATE", (doc_id,)
            ).fetchone()
            if gone is None:
                return None
            version = self._bump(conn, None, None)
            conn.execute("DELETE FROM nqa_documents WHERE doc_id = %s", (doc_id,))
            self._log(conn, version, [doc_id], "delete")
        return version

    def _bump(self, conn: Any, model: str | None, dim: int | None) -> int:
        """Lock the corpus row (writers take turns, versions follow commit order), check the
        vectors' model, and return the next version."""
        stored_model, stored_dim = conn.execute(
            "SELECT model, dim FROM nqa_corpus FOR UPDATE"
        ).fetchone()
        if (
            model is not None
            and stored_model is not None
            and (model, dim)
            != (
                stored_model,
                stored_dim,
            )
        ):
            raise StoreError(
                f"The database's vectors were made by {stored_model} ({stored_dim} dimensions); "
                f"this writer uses {model} ({dim}): set NQA_MODEL / NQA_BACKEND to match, or "
                "use a new database for another model."
            )
        row = conn.execute(
            "UPDATE nqa_corpus SET version = version + 1, model = coalesce(model, %s), "
            "dim = coalesce(dim, %s) RETURNING version",
            (model, dim),
        ).fetchone()
        return int(row[0])

    def _log(self, conn: Any, version: int, ids: list[str], op: str) -> None:
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO nqa_changes (version, doc_id, op) VALUES (%s, %s, %s)",
                [(version, doc_id, op) for doc_id in ids],
            )
        conn.execute("SELECT pg_notify(%s, %s)", (schema.CHANNEL, str(version)))


@contextmanager
def _no_gc() -> Iterator[None]:
    """Millions of new objects and none of them garbage: the cyclic collector would walk them
    all again and again (a third of the time of reading 100,000 passages)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _json(value: Any) -> Any:
    from psycopg.types.json import Jsonb

    return Jsonb(value)


def _document_values(p: Prepared, version: int) -> tuple:
    d = p.document
    return (
        d.meta.doc_id,
        d.meta.fingerprint,
        p.file_sha,
        _json(made_with()),
        _json(store.document_row(d)),
        len(d.passages),
        p.file_name,
        p.file,
        p.sidecar,
        version,
    )


__all__ = ["Repository", "Snapshot", "StoreError", "Vector"]
