"""serve.service.Service with a hand-made index and bot: swap under a lock, follow-ups by id,
admin token, upload/delete bookkeeping, corpus seeding."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from bot.types import Answer, QuestionError
from config import Config
from corpus.types import Corpus, CorpusError, Document, DocumentMeta, Passage
from corpus.upload import UploadError, seed_corpus
from serve.feedback import FeedbackStore
from serve.service import Forbidden, Service, ServiceError, corpus_folder


def _doc(doc_id: str, path: Path | None = None, fingerprint: str = "") -> Document:
    meta = DocumentMeta(doc_id, f"Văn bản {doc_id}", path=str(path or ""), fingerprint=fingerprint)
    return Document(meta, (), (Passage(f"{doc_id}#0", doc_id, (), None, f"Nội dung {doc_id}."),))


class FakeIndex:
    """The documents are the visible .md files of the folder; `name` tells versions apart."""

    def __init__(self, folder: Path, name="v1"):
        files = sorted(p for p in folder.glob("*.md") if not p.name.startswith("."))
        self.corpus = Corpus(tuple(_doc(p.stem, p, fingerprint=p.read_text()) for p in files))
        self.name = name

    def search(self, query, k=10, **filters):
        self.filters = filters
        return []


class FakeBot:
    def __init__(self, index):
        self.index = index
        self.histories: list = []

    def ask(self, question, history=()):
        if not question.strip():
            raise QuestionError("Câu hỏi trống.")
        self.histories.append([q for q, _ in history])
        return Answer(question, f"{self.index.name}: {question}", (), 0.5, False)


def _parse_md(path: Path) -> Document:
    if b"junk" in path.read_bytes():
        raise CorpusError(f"{path}: not a document")
    return _doc(path.stem, path, fingerprint=path.read_text())


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.md").write_text("# A")
    (folder / "b.md").write_text("# B")
    return folder


def _versions():
    n = iter(range(2, 100))
    return lambda folder, live: FakeIndex(folder, f"v{next(n)}")


def _service(folder, tmp_path, *, token="s3cret", open_index=None, update_index=None) -> Service:
    return Service(
        folder,
        open_index=open_index or FakeIndex,
        update_index=update_index or _versions(),
        make_bot=FakeBot,
        feedback=FeedbackStore(tmp_path / "fb.sqlite3"),
        admin_token=token,
        parse=_parse_md,
    )


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_not_ready_then_ready(folder, tmp_path):
    service = _service(folder, tmp_path)
    assert service.health()["index"] == "rebuilding"
    with pytest.raises(ServiceError, match="đang được xây dựng"):
        service.ask("Hỏi?")
    service.start()
    assert service.health() == {"status": "ok", "index": "ready", "documents": 2, "passages": 2}


def test_failed_open_is_reported(folder, tmp_path):
    def broken(_):
        raise OSError("disk full")

    service = _service(folder, tmp_path, open_index=broken)
    with pytest.raises(OSError):
        service.start()
    assert service.health()["status"] == "error" and "disk full" in service.health()["error"]
    with pytest.raises(ServiceError, match="disk full"):
        service.documents()


def test_old_index_serves_while_the_new_one_is_built(folder, tmp_path):
    gate = threading.Event()
    versions = iter(["v1", "v2"])

    def open_index(d):
        name = next(versions)
        if name == "v2":
            gate.wait(5)
        return FakeIndex(d, name)

    service = _service(folder, tmp_path, open_index=open_index).start()
    worker = threading.Thread(target=service.rebuild)
    worker.start()
    time.sleep(0.05)
    assert service.health()["index"] == "rebuilding"
    assert service.ask("Hỏi?").answer.text == "v1: Hỏi?"
    gate.set()
    worker.join(5)
    assert service.health()["index"] == "ready"
    assert service.ask("Hỏi?").answer.text == "v2: Hỏi?"


def test_follow_ups_chain_the_remembered_answers(folder, tmp_path):
    service = _service(folder, tmp_path).start()
    first = service.ask("Một?")
    second = service.ask("Hai?", parent=first.id)
    service.ask("Ba?", parent=second.id)
    assert service._bot.histories == [[], ["Một?"], ["Một?", "Hai?"]]
    with pytest.raises(ServiceError, match="hãy hỏi lại"):
        service.ask("Bốn?", parent="nope")
    with pytest.raises(QuestionError):
        service.ask("   ")


def test_rating_is_stored_with_the_answer(folder, tmp_path):
    service = _service(folder, tmp_path).start()
    asked = service.ask("Một?")
    fid = service.rate(asked.id, "down", "sai")
    (row,) = service.feedback.rows()
    assert (row.id, row.question, row.answer, row.rating, row.comment) == (
        fid,
        "Một?",
        "v1: Một?",
        -1,
        "sai",
    )


def test_search_validates_and_passes_filters(folder, tmp_path):
    service = _service(folder, tmp_path).start()
    with pytest.raises(ServiceError, match="từ khóa"):
        service.search("  ")
    service.search("ngân sách", 500, docs=["a"], year=2023, issuer="")
    assert service._index.filters == {"docs": ["a"], "year": 2023, "issuer": None}


@pytest.mark.parametrize(("token", "message"), [(None, "không đúng"), ("S3CRET", "không đúng")])
def test_admin_token(folder, tmp_path, token, message):
    service = _service(folder, tmp_path).start()
    with pytest.raises(Forbidden, match=message):
        service.delete("a", token)
    assert (folder / "a.md").exists()


def test_admin_off_without_a_token(folder, tmp_path):
    service = _service(folder, tmp_path, token="").start()
    assert not service.admin_enabled
    with pytest.raises(Forbidden, match="NQA_ADMIN_TOKEN"):
        service.delete("a", "")


def test_upload_places_then_indexes(folder, tmp_path, monkeypatch):
    monkeypatch.setattr("corpus.load_document", _parse_md)
    service = _service(folder, tmp_path).start()
    src = tmp_path / "Nghị quyết mới.md"
    src.write_text("# Mới")
    doc = service.add_upload(src, src.name, "s3cret")
    assert doc.meta.doc_id == "nghi-quyet-moi"
    assert _names(folder) == ["a.md", "b.md", "nghi-quyet-moi.md"]
    assert [d.meta.doc_id for d in service.documents()] == ["a", "b", "nghi-quyet-moi"]
    assert service.ask("?").answer.text == "v2: ?"  # the bot was swapped with its index
    with pytest.raises(ServiceError, match="đã có trong kho"):
        service.add_upload(src, "lan-hai.md", "s3cret")
    assert _names(folder) == ["a.md", "b.md", "nghi-quyet-moi.md"]


def test_old_index_answers_while_an_upload_is_indexed(folder, tmp_path, monkeypatch):
    monkeypatch.setattr("corpus.load_document", _parse_md)
    gate, building = threading.Event(), threading.Event()

    def slow_update(d, live):
        building.set()
        gate.wait(5)
        return FakeIndex(d, "v2")

    service = _service(folder, tmp_path, update_index=slow_update).start()
    src = tmp_path / "c.md"
    src.write_text("# C")
    worker = threading.Thread(target=service.add_upload, args=(src, "c.md", "s3cret"))
    worker.start()
    assert building.wait(5)
    assert service.health()["index"] == "rebuilding"
    assert service.ask("?").answer.text == "v1: ?"
    assert len(service.documents()) == 2
    gate.set()
    worker.join(5)
    assert service.health()["index"] == "ready" and len(service.documents()) == 3


def test_failed_indexing_removes_the_placed_file(folder, tmp_path, monkeypatch):
    monkeypatch.setattr("corpus.load_document", _parse_md)

    def broken(d, live):
        raise RuntimeError("embedding failed")

    service = _service(folder, tmp_path, update_index=broken).start()
    src = tmp_path / "x.md"
    src.write_text("# X")
    with pytest.raises(RuntimeError):
        service.add_upload(src, src.name, "s3cret")
    assert _names(folder) == ["a.md", "b.md"]
    assert service.health()["index"] == "ready" and service.ask("?").answer.text == "v1: ?"


def test_upload_the_index_could_not_read_is_taken_out_again(folder, tmp_path, monkeypatch):
    monkeypatch.setattr("corpus.load_document", _parse_md)
    # the new index leaves the file out (say its parser disagreed): refused, folder restored
    service = _service(folder, tmp_path, update_index=lambda d, live: live).start()
    src = tmp_path / "y.md"
    src.write_text("# Y")
    with pytest.raises(ServiceError, match="Không lập chỉ mục được tệp 'y.md'"):
        service.add_upload(src, src.name, "s3cret")
    assert _names(folder) == ["a.md", "b.md"]


def test_corrupted_upload_is_refused_before_indexing(folder, tmp_path, monkeypatch):
    monkeypatch.setattr("corpus.load_document", _parse_md)
    calls = []
    service = _service(folder, tmp_path, update_index=lambda d, live: calls.append(d)).start()
    src = tmp_path / "bad.md"
    src.write_text("junk")
    with pytest.raises(UploadError, match="Không đọc được tệp 'bad.md'"):
        service.add_upload(src, src.name, "s3cret")
    assert _names(folder) == ["a.md", "b.md"] and calls == []


def test_delete_removes_file_sidecar_and_passages(folder, tmp_path):
    (folder / "a.meta.yaml").write_text("title: A")
    service = _service(folder, tmp_path).start()
    service.delete("a", "s3cret")
    assert [d.meta.doc_id for d in service.documents()] == ["b"]
    assert _names(folder) == ["b.md"]
    with pytest.raises(ServiceError, match="Không có văn bản"):
        service.delete("a", "s3cret")
    with pytest.raises(ServiceError, match="cuối cùng"):
        service.delete("b", "s3cret")
    assert _names(folder) == ["b.md"]


def test_failed_delete_puts_the_files_back(folder, tmp_path):
    (folder / "a.meta.yaml").write_text("title: A")

    def broken(d, live):
        raise RuntimeError("disk full")

    service = _service(folder, tmp_path, update_index=broken).start()
    with pytest.raises(RuntimeError):
        service.delete("a", "s3cret")
    assert _names(folder) == ["a.md", "a.meta.yaml", "b.md"]
    assert len(service.documents()) == 2


def test_delete_never_touches_files_outside_the_folder(folder, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("keep")

    def with_outsider(d):
        index = FakeIndex(d)
        index.corpus = Corpus((*index.corpus.documents, _doc("o", Path("../outside.md"))))
        return index

    service = _service(folder, tmp_path, open_index=with_outsider).start()
    with pytest.raises(ServiceError, match="không nằm trong thư mục kho"):
        service.delete("o", "s3cret")
    assert outside.read_text() == "keep"


def test_seed_and_corpus_folder(tmp_path, monkeypatch):
    source = tmp_path / "bundled"
    source.mkdir()
    (source / "nq.md").write_text("# NQ")
    (source / ".hidden.md").write_text("x")
    target = tmp_path / "data" / "corpus"
    assert seed_corpus(target, source) == 1
    assert [p.name for p in target.iterdir()] == ["nq.md"]
    assert seed_corpus(target, source) == 0  # not empty: left alone
    mine = Config.from_env({"NQA_CORPUS_DIR": str(tmp_path / "mine")})
    assert corpus_folder(mine) == tmp_path / "mine"
    data = Config.from_env({"NQA_DATA_DIR": str(tmp_path / "d")})
    assert corpus_folder(data) == tmp_path / "d" / "corpus"


def test_conversations_forget_the_oldest_and_cap_the_history():
    from serve.conversations import Conversations

    memory = Conversations(capacity=3)
    ids, parent = [], None
    for q in "1234":
        parent = memory.remember(Answer(q, q, (), 1.0, False), parent, 0.0).id
        ids.append(parent)
    assert memory.recall(ids[0]) is None  # evicted
    assert [q for q, _ in memory.history(ids[3], turns=2)] == ["3", "4"]
    assert [q for q, _ in memory.history(ids[3])] == ["2", "3", "4"]  # stops at the forgotten one
    assert memory.history("nope") is None
