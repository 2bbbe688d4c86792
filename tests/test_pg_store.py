"""The shared store in one process: import embeds only what the database lacks, a replica's
index comes from the rows alone, the next index loads only what changed, writes are all or
nothing, the follower hears NOTIFY and polls when a notification is lost, HNSW finds what
exact search finds, and feedback and conversations are shared."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from tests.app_server import write_tiny_corpus
from tests.fakes import BagOfWordsEmbedder

pytestmark = pytest.mark.postgres

VOCAB = "bảo hiểm y tế ngân sách chuyển đổi số hộ nghèo du lịch khách".split()
EXTRA = """\
---
title: Nghị quyết phát triển du lịch huyện Núi Xanh năm 2026
issuer: Hội đồng nhân dân huyện Núi Xanh
date: 2026-01-05
---

**Điều 1.** Đón 1,2 triệu lượt khách du lịch trong năm 2026.

**Điều 2.** Doanh thu từ du lịch đạt 900 tỷ đồng.
"""


@pytest.fixture
def embedder():
    return BagOfWordsEmbedder(VOCAB)


@pytest.fixture
def repo(pg_url):
    from pgstore.repository import Repository

    return Repository(pg_url, "test")


def _embedded(embedder) -> int:
    return sum(n for kind, n in embedder.calls if kind == "passage")


def test_import_embeds_only_what_the_database_lacks(repo, embedder, tmp_path):
    from pgstore.importer import import_folder

    folder = write_tiny_corpus(tmp_path / "corpus")
    first = import_folder(repo, folder, embedder=embedder)
    assert (first.added, first.unchanged, first.errors) == (2, 0, [])
    assert _embedded(embedder) == first.passages == first.embedded > 0

    again = import_folder(repo, folder, embedder=embedder)
    assert (again.added, again.replaced, again.unchanged, again.embedded) == (0, 0, 2, 0)

    # the same documents under other names: every text is already embedded
    copies = tmp_path / "copies"
    copies.mkdir()
    for path in folder.iterdir():
        (copies / f"ban-sao-{path.name}").write_bytes(path.read_bytes())
    third = import_folder(repo, copies, embedder=embedder)
    assert third.added == 2 and third.embedded == 0
    assert _embedded(embedder) == first.passages

    # one changed line: only the passages whose text changed are embedded
    plan = folder / "kh-chuyen-doi-so-doi-thong-2025.md"
    plan.write_text(plan.read_text().replace("1,5 tỷ", "2 tỷ"), encoding="utf-8")
    changed = import_folder(repo, folder, embedder=embedder)
    assert (changed.replaced, changed.unchanged, changed.embedded) == (1, 1, 1)
    assert repo.counts()["documents"] == 4


def test_replica_index_comes_from_the_rows_without_embedding(repo, embedder, tmp_path):
    from pgstore.importer import import_folder
    from pgstore.replica import index_version, open_index

    import_folder(repo, write_tiny_corpus(tmp_path / "corpus"), embedder=embedder)
    before = _embedded(embedder)
    index = open_index(repo, embedder=embedder)
    assert _embedded(embedder) == before  # only the question is embedded, below
    assert index_version(index) == repo.version()
    hit = index.search("tỷ lệ dân số tham gia bảo hiểm y tế", 1)[0]
    assert "96,5%" in hit.passage.text
    assert hit.passage.doc_id == "nq-45-hoa-binh-xanh-2024"
    meta = index.document("nq-45-hoa-binh-xanh-2024").meta
    assert (meta.number, meta.date) == ("45/NQ-HĐND", "2023-12-14")
    assert meta.path == "nq-45-hoa-binh-xanh-2024.md"  # the stored file's name


@pytest.mark.parametrize("chunk", [1, 3, 10_000])
def test_snapshot_reads_in_chunks_what_was_stored(repo, embedder, tmp_path, monkeypatch, chunk):
    import pgstore.repository
    from index.dense import passage_context
    from pgstore.importer import import_folder

    import_folder(repo, write_tiny_corpus(tmp_path / "corpus"), embedder=embedder)
    monkeypatch.setattr(pgstore.repository, "_CHUNK", chunk)
    snap = repo.snapshot()
    passages = [p for d in snap.documents for p in d.passages]
    assert len(passages) == len(snap.tokens) == len(snap.vectors) == len(snap.pids) > 3
    texts = [passage_context(d.meta, p) for d in snap.documents for p in d.passages]
    expected = embedder.encode(texts, kind="passage")  # what the import stored, in order
    assert np.abs(snap.vectors - expected).max() < 1e-6
    assert repo.snapshot(vectors=False).vectors is None


def test_next_index_reads_only_changed_documents_and_equals_a_fresh_open(repo, embedder, tmp_path):
    from pgstore.importer import import_folder
    from pgstore.replica import next_index, open_index

    folder = write_tiny_corpus(tmp_path / "corpus")
    import_folder(repo, folder, embedder=embedder)
    live = open_index(repo, embedder=embedder)
    since = repo.version()
    (folder / "nq-du-lich-nui-xanh-2026.md").write_text(EXTRA, encoding="utf-8")
    import_folder(repo, folder, embedder=embedder)
    repo.delete("kh-chuyen-doi-so-doi-thong-2025")

    changes = repo.snapshot(since)
    assert [d.meta.doc_id for d in changes.documents] == ["nq-du-lich-nui-xanh-2026"]
    assert changes.deleted == {"kh-chuyen-doi-so-doi-thong-2025"}

    followed = next_index(repo, live)
    fresh = open_index(repo, embedder=embedder)
    assert [p.id for p in followed.passages] == [p.id for p in fresh.passages]
    assert followed.tokens == fresh.tokens
    np.testing.assert_array_equal(followed.dense.vectors, fresh.dense.vectors)
    assert followed.search("lượt khách du lịch", 1)[0].passage.doc_id == "nq-du-lich-nui-xanh-2026"
    assert len(live.corpus.documents) == 2  # the live index was not changed in place


def test_a_write_that_fails_midway_leaves_nothing(repo, embedder, tmp_path):
    from dataclasses import replace

    from corpus import load_document
    from pgstore.documents import prepare

    path = tmp_path / "nq-du-lich-nui-xanh-2026.md"
    path.write_text(EXTRA, encoding="utf-8")
    (good,), _ = prepare([(load_document(path), path)], lambda: embedder, repo.vectors_for)
    broken = replace(good, tokens=good.tokens[:-1])  # one passage short: fails after the insert
    with pytest.raises(ValueError):
        repo.put([broken], embedder.name)
    assert repo.counts() | {"model": None, "dim": None} == {
        "version": 0,
        "model": None,
        "dim": None,
        "documents": 0,
        "passages": 0,
    }
    assert repo.put([good], embedder.name) == 1
    from psycopg.errors import UniqueViolation

    with pytest.raises(UniqueViolation):  # an upload never overwrites a document of its name
        repo.put([good], embedder.name, replace=False)
    assert repo.counts()["version"] == 1
    with pytest.raises(Exception, match="vectors were made by"):
        repo.put([good], "another-model")


def test_follower_hears_notify_and_polls_when_a_notification_is_lost(repo, embedder, tmp_path):
    import psycopg

    from pgstore.follow import Follower
    from pgstore.importer import import_folder

    heard: list[tuple[float, int]] = []
    got = threading.Event()

    def on_version(version: int) -> None:
        heard.append((time.monotonic(), version))
        if version > 0:
            got.set()

    follower = Follower(repo, on_version, poll=30).start()  # the poll cannot be what wakes it
    try:
        time.sleep(0.5)
        start = time.monotonic()
        import_folder(repo, write_tiny_corpus(tmp_path / "corpus"), embedder=embedder)
        assert got.wait(5)
        assert heard[-1][1] == 1 and heard[-1][0] - start < 2
    finally:
        follower.stop(1)

    got.clear()
    follower = Follower(repo, on_version, poll=0.5).start()
    try:
        time.sleep(0.3)
        with psycopg.connect(repo.url) as conn:  # a write that notifies nobody
            conn.execute("UPDATE nqa_corpus SET version = 7")
        deadline = time.monotonic() + 5
        while heard[-1][1] != 7 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert heard[-1][1] == 7
    finally:
        follower.stop(1)


def test_hnsw_finds_what_exact_search_finds(repo):
    from corpus.types import Document, DocumentMeta, Passage
    from pgstore.db import connect
    from pgstore.dense import HnswDenseIndex, build_hnsw
    from pgstore.documents import Prepared

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(3000, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    passages = tuple(Passage(f"d#{i}", "d", (), None, f"đoạn {i}") for i in range(len(vectors)))
    doc = Document(DocumentMeta("d", "Văn bản thử"), (), passages)
    shas = [i.to_bytes(4, "big") for i in range(len(passages))]
    prepared = Prepared(doc, "d.md", b"x", None, [["x"]] * len(passages), shas, vectors)
    repo.put([prepared], "random")
    with connect(repo.url, autocommit=True) as conn:
        build_hnsw(conn, 32)
        rows = conn.execute(
            "EXPLAIN SELECT pid FROM nqa_passages ORDER BY (embedding::vector(32)) <#> "
            "(SELECT embedding FROM nqa_passages LIMIT 1)::vector(32) LIMIT 10"
        )
        plan = "\n".join(r[0] for r in rows)
    assert "nqa_passages_hnsw" in plan
    dense = HnswDenseIndex(repo, repo.snapshot(vectors=False).pids, 32)
    queries = rng.normal(size=(20, 32)).astype(np.float32)
    found = 0
    for q in queries:
        exact = set(np.argsort(-(vectors @ q))[:10])
        found += len(exact & {row for row, _ in dense.top(q)[:10]})
    assert found / (10 * len(queries)) >= 0.9
    scores = dense.scores(queries[0])
    assert scores.shape == (len(vectors),) and np.argmax(scores) == np.argmax(vectors @ queries[0])


def test_a_replica_starts_as_the_app_starts_it(repo, embedder, tmp_path):
    """app.py starts the service in the background and says when its port is open."""
    from pgstore.importer import import_folder
    from pgstore.service import SharedService

    import_folder(repo, write_tiny_corpus(tmp_path / "corpus"), embedder=embedder)
    serving = threading.Event()
    service = SharedService(repo.url, replica="app", embedder=embedder, poll=0.5)
    try:
        service.start(background=True, serving=serving)
        serving.set()
        assert service.wait_ready(30)
        assert service.health()["database"] == "ok"
        assert service.search("bảo hiểm y tế", 1)
    finally:
        service.stop()


def test_every_new_index_is_warmed_before_it_answers(repo, embedder, tmp_path):
    """At start and after another replica's write, the bot of the new index makes its tables
    over the whole corpus before it is swapped in, not while the first visitor waits."""
    from pgstore.importer import import_folder
    from pgstore.service import SharedService

    class Bot:
        def __init__(self, index):
            self.index, self.warmed = index, 0
            made.append(self)

        def warm_up(self):
            self.warmed += 1

    made: list[Bot] = []
    folder = write_tiny_corpus(tmp_path / "corpus")
    import_folder(repo, folder, embedder=embedder)
    service = SharedService(repo.url, replica="w", embedder=embedder, make_bot=Bot, poll=0.2)
    try:
        service.start()
        assert [b.warmed for b in made] == [1]
        (tmp_path / "more").mkdir()
        (tmp_path / "more" / "du-lich-nui-xanh.md").write_text(EXTRA, encoding="utf-8")
        import_folder(repo, tmp_path / "more", embedder=embedder)  # another replica's write
        deadline = time.monotonic() + 10
        while not (len(made) == 2 and made[1].warmed) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [b.warmed for b in made] == [1, 1]
        assert made[1].index.document("du-lich-nui-xanh")
    finally:
        service.stop()


def test_feedback_and_conversations_are_shared_between_replicas(pg_url, tmp_path):
    from bot.types import Answer, Citation
    from pgstore.conversations import PgConversations
    from pgstore.feedback import PgFeedbackStore
    from serve.feedback import FeedbackStore

    text = "Tỷ lệ hộ nghèo giảm còn 2,1%."
    cited = Citation(
        1, "nq-45", "Nghị quyết 45", "45/NQ-HĐND", "Điều 1", "1", text, (0, 10), 0.9, "nq-45#1"
    )
    answer = Answer("Tỷ lệ hộ nghèo?", "Giảm còn 2,1% [1]", (cited,), 0.8, False)
    on_a, on_b = PgConversations(pg_url, "A"), PgConversations(pg_url, "B")
    asked = on_a.remember(answer, None, 0.1)
    follow = on_b.remember(answer, asked.id, 0.2)
    assert on_b.recall(asked.id).answer == answer
    assert [q for q, _ in on_a.history(follow.id)] == ["Tỷ lệ hộ nghèo?", "Tỷ lệ hộ nghèo?"]
    assert on_a.recall("khong-co") is None

    store_a, store_b = PgFeedbackStore(pg_url, "A"), PgFeedbackStore(pg_url, "B")
    first = store_a.add(answer, "up")
    store_b.add(on_b.recall(asked.id).answer, "down", "chưa đủ")
    store_a.set_comment(first, "rõ ràng")
    rows = store_b.rows()
    assert [(r.rating, r.comment) for r in rows] == [(1, "rõ ràng"), (-1, "chưa đủ")]
    assert store_a.count() == 2
    sqlite = FeedbackStore(tmp_path / "feedback.sqlite3")
    assert store_a.to_csv().splitlines()[0] == sqlite.to_csv().splitlines()[0]
    assert "chưa đủ" in store_a.to_csv()
