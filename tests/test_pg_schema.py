"""The shared store's schema: `nqa db init` / `nqa db migrate` are versioned and idempotent, an
old database is migrated with its data kept, and a replica refuses a schema it cannot use."""

from __future__ import annotations

import threading

import pytest

from tests.pg_server import new_database

pytestmark = pytest.mark.postgres


def _tables(url: str) -> set[str]:
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'nqa%'"
        )
        return {r[0] for r in rows}


def test_init_creates_every_table_and_a_second_init_changes_nothing(pg_server, capsys):
    import nqa
    from pgstore import schema

    url = new_database(pg_server, migrated=False)
    assert nqa.main(["db", "--url", url, "init"]) == 0
    assert f"schema version {schema.LATEST}" in capsys.readouterr().out
    assert _tables(url) == {
        "nqa_schema",
        "nqa_corpus",
        "nqa_documents",
        "nqa_passages",
        "nqa_changes",
        "nqa_feedback",
        "nqa_conversations",
    }
    assert nqa.main(["db", "--url", url, "init"]) == 0
    assert "already initialized" in capsys.readouterr().out
    assert nqa.main(["db", "--url", url, "migrate"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert schema.migrate(url) == []


def test_migrate_brings_an_old_database_up_and_keeps_its_data(pg_server, capsys):
    import psycopg

    import nqa
    from pgstore import schema
    from pgstore.repository import Repository

    url = new_database(pg_server, migrated=False)
    assert schema.migrate(url, target=1) == [1]
    with psycopg.connect(url) as conn:
        conn.execute("UPDATE nqa_corpus SET version = 41")
    with pytest.raises(Exception, match="nqa db migrate"):
        Repository(url).check()  # a replica will not serve from version 1
    assert nqa.main(["db", "--url", url, "migrate"]) == 0
    assert f"to schema version {schema.LATEST}" in capsys.readouterr().out
    Repository(url).check()
    assert Repository(url).version() == 41
    assert "nqa_feedback" in _tables(url)


def test_a_replica_on_an_empty_database_names_the_command(pg_server):
    from pgstore.db import StoreError
    from pgstore.repository import Repository

    url = new_database(pg_server, migrated=False)
    with pytest.raises(StoreError, match="nqa db init"):
        Repository(url).check()


def test_two_replicas_migrating_at_once_apply_each_step_once(pg_server):
    import psycopg

    from pgstore import schema

    url = new_database(pg_server, migrated=False)
    results, errors = [], []

    def run():
        try:
            results.append(schema.migrate(url))
        except Exception as exc:  # the test fails on any
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(v for applied in results for v in applied) == [1, 2]
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM nqa_schema").fetchone()[0] == schema.LATEST


def test_unreachable_database_is_a_one_line_error(capsys):
    import nqa
    from pgstore.embedded import free_port

    url = f"postgresql://postgres@127.0.0.1:{free_port()}/nowhere"
    assert nqa.main(["db", "--url", url, "status"]) == 2
    err = capsys.readouterr().err
    assert "Cannot connect to the database" in err and "NQA_DATABASE_URL" in err
