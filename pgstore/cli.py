"""`nqa db init | migrate | status | import DIR | hnsw`: the shared PostgreSQL store."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="the shared PostgreSQL store (NQA_DATABASE_URL)")
    db.add_argument("--url", default=None, help="database URL (default: NQA_DATABASE_URL)")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("init", help="create the schema (and the vector extension)").set_defaults(
        func=_init
    )
    db_sub.add_parser("migrate", help="apply the schema migrations the database lacks")
    db_sub.choices["migrate"].set_defaults(func=_migrate)
    db_sub.add_parser("status", help="schema and corpus versions, counts").set_defaults(
        func=_status
    )
    load = db_sub.add_parser("import", help="load a corpus folder (embedding only what is new)")
    load.add_argument("folder", type=Path)
    load.set_defaults(func=_import)
    hnsw = db_sub.add_parser("hnsw", help="build the HNSW index used with NQA_DENSE=hnsw")
    hnsw.add_argument("--m", type=int, default=16)
    hnsw.add_argument("--ef-construction", type=int, default=64)
    hnsw.set_defaults(func=_hnsw)


def _url(args: argparse.Namespace) -> str:
    from pgstore import ENV, database_url
    from pgstore.db import StoreError

    url = args.url or database_url()
    if not url:
        raise StoreError(f"No database: set {ENV}=postgresql://user@host:5432/db or pass --url.")
    return url


def _init(args: argparse.Namespace) -> int:
    from pgstore import schema
    from pgstore.db import connect, redact

    url = _url(args)
    with connect(url, "nqa-migrate") as conn:
        found = schema.current_version(conn)
    if found:
        note = "" if found >= schema.LATEST else f"; run `nqa db migrate` for {schema.LATEST}"
        print(f"{redact(url)} is already initialized (schema version {found}{note}).")
        return 0
    schema.migrate(url)
    print(f"Initialized {redact(url)} at schema version {schema.LATEST}.")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from pgstore import schema
    from pgstore.db import redact

    url = _url(args)
    applied = schema.migrate(url)
    if applied:
        print(f"Migrated {redact(url)} to schema version {applied[-1]} (applied {applied}).")
    else:
        print(f"{redact(url)} is up to date (schema version {schema.LATEST}).")
    return 0


def _status(args: argparse.Namespace) -> int:
    from pgstore import schema
    from pgstore.db import connect, redact
    from pgstore.dense import has_hnsw
    from pgstore.repository import Repository

    url = _url(args)
    with connect(url, "nqa-status") as conn:
        version = schema.current_version(conn)
        hnsw = version > 0 and has_hnsw(conn)
    print(f"database        {redact(url)}")
    print(f"schema version  {version} (this code: {schema.LATEST})")
    if version:
        counts = Repository(url, "status").counts()
        print(f"corpus version  {counts['version']}")
        print(f"documents       {counts['documents']}")
        print(f"passages        {counts['passages']}")
        print(f"vectors         {counts['model'] or '-'} ({counts['dim'] or '-'} dimensions)")
        print(f"hnsw index      {'yes' if hnsw else 'no'}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from pgstore.importer import import_folder
    from pgstore.repository import Repository

    repo = Repository(_url(args), "import")
    repo.check()
    start = time.perf_counter()
    report = import_folder(repo, args.folder)
    for error in report.errors:
        print(f"nqa: warning: {error}", file=sys.stderr)
    print(
        f"Imported {args.folder}: {report.added} added, {report.replaced} replaced, "
        f"{report.unchanged} unchanged; {report.passages} passages stored, {report.embedded} "
        f"embedded, corpus version {report.version}, in {time.perf_counter() - start:.1f}s"
    )
    return 0


def _hnsw(args: argparse.Namespace) -> int:
    from pgstore.db import StoreError
    from pgstore.dense import build_hnsw
    from pgstore.repository import Repository

    repo = Repository(_url(args), "hnsw")
    repo.check()
    dim = repo.counts()["dim"]
    if not dim:
        raise StoreError("The database holds no vectors yet: `nqa db import DIR` first.")
    start = time.perf_counter()
    with repo.connect(autocommit=True) as conn:
        build_hnsw(conn, dim, args.m, args.ef_construction)
    print(f"Built the HNSW index ({dim} dimensions) in {time.perf_counter() - start:.1f}s")
    return 0
