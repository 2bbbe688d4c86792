"""A replica that loses its database keeps answering from memory, says so in its health,
refuses uploads with a message, and is back in step once the database returns."""

from __future__ import annotations

import json
import time
import urllib.request

import pytest

from tests.app_server import TOKEN, free_port, write_tiny_corpus
from tests.pg_replica import VOCAB

pytestmark = pytest.mark.postgres


def _health(url: str) -> dict:
    with urllib.request.urlopen(url + "/healthz", timeout=5) as response:
        return json.loads(response.read())


def _within(seconds: float, check) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"not within {seconds} s"
        time.sleep(0.1)


def test_replica_answers_from_memory_while_the_database_is_gone(tmp_path, monkeypatch):
    import app
    from pgstore import schema
    from pgstore.embedded import EmbeddedPostgres
    from pgstore.importer import import_folder
    from pgstore.repository import Repository
    from pgstore.service import SharedService
    from serve.service import ServiceError
    from tests.fakes import BagOfWordsEmbedder

    monkeypatch.delenv("NQA_LLM_URL", raising=False)
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "gradio"))
    server = EmbeddedPostgres(tmp_path / "pg").start()  # its own server: this test stops it
    demo = service = None
    try:
        schema.migrate(server.url)
        embedder = BagOfWordsEmbedder(VOCAB)
        corpus = write_tiny_corpus(tmp_path / "corpus")
        import_folder(Repository(server.url, "setup"), corpus, embedder=embedder)
        service = SharedService(
            server.url, replica="A", embedder=embedder, admin_token=TOKEN, poll=0.5
        ).start()
        demo, _, url = app.launch(service, port=free_port(), prevent_thread_lock=True, quiet=True)
        url = url.rstrip("/")
        assert _health(url)["database"] == "ok"

        server.stop()
        _within(5, lambda: _health(url)["database"] == "unreachable")
        health = _health(url)
        assert health["status"] == "degraded" and health["index"] == "ready"
        assert health["documents"] == 2 and health["database_error"]
        asked = service.ask("Tỷ lệ dân số tham gia bảo hiểm y tế là bao nhiêu?")
        assert "96,5%" in asked.answer.text
        assert service.search("ngân sách", 3)
        upload = tmp_path / "moi.md"
        upload.write_text("**Điều 1.** Doanh thu du lịch đạt 5 tỷ đồng.", encoding="utf-8")
        with pytest.raises(ServiceError, match="cơ sở dữ liệu"):
            service.add_upload(upload, "moi.md", TOKEN)

        server.start()
        _within(10, lambda: _health(url)["database"] == "ok")
        assert _health(url)["status"] == "ok"
        assert service.rate(asked.id, "up") > 0  # remembered in memory, stored once back
    finally:
        if demo is not None:
            demo.close()
        if service is not None:
            service.stop()
        server.cleanup()
