"""Two app replicas, each its own process, on one PostgreSQL: an upload through A is answered by
B within 5 s, a delete through B disappears from A, feedback from both lands in one table,
and `kill -9` of a replica in the middle of an upload's transaction leaves no half document."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.app_server import TOKEN, free_port, write_tiny_corpus
from tests.pg_replica import VOCAB
from tests.pg_server import new_database

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parent.parent

TOURISM = """\
---
title: Nghị quyết phát triển du lịch huyện Núi Xanh năm 2026
issuer: Hội đồng nhân dân huyện Núi Xanh
date: 2026-01-05
---

**Điều 1.** Thông qua các chỉ tiêu phát triển du lịch năm 2026 của huyện Núi Xanh:

- Tổng lượt khách du lịch đến huyện: 1,2 triệu lượt.
- Doanh thu từ du lịch: 900 tỷ đồng.

**Điều 2.** Giao Ủy ban nhân dân huyện tổ chức thực hiện Nghị quyết này.
"""
POVERTY = """\
---
title: Nghị quyết giảm nghèo xã Suối Trong năm 2026
issuer: Hội đồng nhân dân xã Suối Trong
date: 2026-02-01
---

**Điều 1.** Thông qua các chỉ tiêu giảm nghèo năm 2026 của xã Suối Trong:

- Tỷ lệ hộ nghèo của xã giảm còn 1,7%.
- Hộ nghèo được hỗ trợ tham gia bảo hiểm y tế: 100%.

**Điều 2.** Giao Ủy ban nhân dân xã tổ chức thực hiện Nghị quyết này.
"""


class Replica:
    def __init__(self, url: str, name: str, root: Path):
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = root / f"replica-{name}.log"
        data = root / f"data-{name}"
        env = {**os.environ, "NQA_DATA_DIR": str(data), "GRADIO_TEMP_DIR": str(data / "gradio")}
        env |= {"HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.pg_replica", url, str(self.port), name],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._client = None

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if self.health().get("index") == "ready":
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"replica {self.name} did not start:\n{self.log.read_text()[-3000:]}")

    def health(self) -> dict:
        with urllib.request.urlopen(self.url + "/healthz", timeout=5) as response:
            return json.loads(response.read())

    def call(self, *args, api_name: str):
        from gradio_client import Client

        if self._client is None:
            self._client = Client(self.url + "/", verbose=False)
        return self._client.predict(*args, api_name=api_name)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="module")
def shared(pg_server, tmp_path_factory):
    from pgstore.importer import import_folder
    from pgstore.repository import Repository
    from tests.fakes import BagOfWordsEmbedder

    root = tmp_path_factory.mktemp("replicas")
    url = new_database(pg_server)
    corpus = write_tiny_corpus(root / "corpus")
    import_folder(Repository(url, "setup"), corpus, embedder=BagOfWordsEmbedder(VOCAB))
    replicas = {name: Replica(url, name, root) for name in ("A", "B")}
    try:
        for replica in replicas.values():
            replica.wait_ready()
        yield url, replicas, root
    finally:
        for replica in replicas.values():
            replica.stop()


def _upload(replica: Replica, folder: Path, name: str, text: str) -> dict:
    from gradio_client import handle_file

    path = folder / name
    path.write_text(text, encoding="utf-8")
    return replica.call(handle_file(str(path)), TOKEN, api_name="/upload")


def _within(seconds: float, check) -> float:
    """Seconds until check() holds; fails after `seconds`."""
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > seconds:
            raise AssertionError(f"not within {seconds} s")
        time.sleep(0.1)
    return time.monotonic() - start


def test_upload_through_a_is_answered_by_b_within_5_seconds(shared):
    _, replicas, root = shared
    a, b = replicas["A"], replicas["B"]
    question = "Năm 2026 huyện Núi Xanh đón bao nhiêu lượt khách du lịch?"
    assert "1,2 triệu" not in b.call(question, "", api_name="/ask")["answer"]
    added = _upload(a, root, "Du lịch Núi Xanh 2026.md", TOURISM)

    def answered_by_b() -> bool:
        answer = b.call(question, "", api_name="/ask")
        cited = [c["doc_id"] for c in answer["citations"]]
        return "1,2 triệu" in answer["answer"] and cited[:1] == [added["doc_id"]]

    _within(5, answered_by_b)
    assert b.health()["corpus_version"] == a.health()["corpus_version"] == 2


def test_delete_through_b_disappears_from_a(shared):
    _, replicas, root = shared
    a, b = replicas["A"], replicas["B"]
    added = _upload(b, root, "Giảm nghèo Suối Trong.md", POVERTY)
    _within(5, lambda: added["doc_id"] in {d["doc_id"] for d in a.call(api_name="/documents")})
    b.call(added["doc_id"], TOKEN, api_name="/delete")
    _within(5, lambda: added["doc_id"] not in {d["doc_id"] for d in a.call(api_name="/documents")})
    hits = a.call("tỷ lệ hộ nghèo xã Suối Trong", 10, api_name="/search")
    assert hits and added["doc_id"] not in {h["doc_id"] for h in hits}


def test_feedback_from_both_replicas_lands_in_one_table(shared):
    import psycopg

    url, replicas, _ = shared
    a, b = replicas["A"], replicas["B"]
    on_a = a.call("Tỷ lệ dân số tham gia bảo hiểm y tế là bao nhiêu?", "", api_name="/ask")
    on_b = b.call("Thu ngân sách nhà nước trên địa bàn huyện là bao nhiêu?", "", api_name="/ask")
    # no sticky sessions: each answer is rated through the other replica
    b.call(on_a["id"], "up", "", api_name="/feedback")
    a.call(on_b["id"], "down", "thiếu số liệu", api_name="/feedback")
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT replica, rating, question, comment FROM nqa_feedback ORDER BY id"
        ).fetchall()
    assert rows == [
        ("B", 1, on_a["question"], ""),
        ("A", -1, on_b["question"], "thiếu số liệu"),
    ]


def test_kill_9_during_an_upload_leaves_no_half_document(shared):
    import psycopg

    url, replicas, root = shared
    a, b = replicas["A"], replicas["B"]
    with psycopg.connect(url) as conn:
        before = conn.execute("SELECT version FROM nqa_corpus").fetchone()[0]
    documents = {d["doc_id"] for d in b.call(api_name="/documents")}

    blocker = psycopg.connect(url)
    blocker.execute("LOCK TABLE nqa_changes IN EXCLUSIVE MODE")  # A's write stops just before it
    upload = threading.Thread(
        target=lambda: _safe(lambda: _upload(a, root, "Du lịch lần hai.md", TOURISM + "\nThêm.")),
        daemon=True,
    )
    upload.start()
    with psycopg.connect(url, autocommit=True) as watch:

        def a_is_mid_transaction() -> bool:
            row = watch.execute(
                "SELECT count(*) FROM pg_stat_activity s JOIN pg_locks l ON l.pid = s.pid "
                "WHERE s.application_name = 'nqa-A' AND s.wait_event_type = 'Lock' "
                "AND l.relation = 'nqa_passages'::regclass AND l.granted"
            ).fetchone()
            return row[0] > 0  # A has written passages and waits inside its transaction

        _within(20, a_is_mid_transaction)
        os.kill(a.process.pid, signal.SIGKILL)
        a.process.wait(10)
        blocker.rollback()
        blocker.close()
        sessions = "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'nqa-A'"
        _within(10, lambda: watch.execute(sessions).fetchone()[0] == 0)
        version, docs, passages, stored, changes = watch.execute(
            "SELECT (SELECT version FROM nqa_corpus), (SELECT count(*) FROM nqa_documents), "
            "(SELECT count(*) FROM nqa_passages), (SELECT sum(passages) FROM nqa_documents), "
            "(SELECT count(*) FROM nqa_changes WHERE version > %s)",
            (before,),
        ).fetchone()
    assert version == before and changes == 0
    assert docs == len(documents) and passages == stored
    assert {d["doc_id"] for d in b.call(api_name="/documents")} == documents
    assert b.health()["database"] == "ok"


def _safe(fn) -> None:
    try:
        fn()
    except Exception:  # the replica is killed mid-request: the call is expected to fail
        pass
