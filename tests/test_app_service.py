"""bot.service.Service with a hand-made index and bot: swap under a lock, follow-ups by id,
admin token, upload/delete bookkeeping, corpus seeding."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from bot.feedback import FeedbackStore
from bot.service import Forbidden, Service, ServiceError, corpus_folder
from bot.types import Answer, QuestionError
from corpus.types import Corpus, CorpusError, Document, DocumentMeta, Passage
from corpus.upload import seed_corpus


def _doc(doc_id: str, path: Path | None = None, fingerprint: str = "") -> Document:
    meta = DocumentMeta(doc_id, f"Văn bản {doc_id}", path=str(path or ""), fingerprint=fingerprint)
    return Document(meta, (), (Passage(f"{doc_id}#0", doc_id, (), None, f"Nội dung {doc_id}."),))


class FakeIndex:
    def __init__(self, documents, name="v1"):
        self.corpus = Corpus(tuple(documents))
        self.name = name
        self.added: list[Path] = []
        self.removed: list[str] = []
        self.fail_add = False

    def search(self, query, k=10, **filters):
        self.filters = filters
        return []

    def add_document(self, path: Path) -> Document:
        if self.fail_add:
            raise RuntimeError("embedding failed")
        self.added.append(path)
        doc = _doc(path.stem, path, fingerprint=path.read_text())
        self.corpus = Corpus((*self.corpus.documents, doc))
        return doc

    def remove_document(self, doc_id: str) -> None:
        self.removed.append(doc_id)
        self.corpus = Corpus(tuple(d for d in self.corpus.documents if d.meta.doc_id != doc_id))


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
    return folder


def _service(folder, tmp_path, *, token="s3cret", open_index=None) -> Service:
    return Service(
        folder,
        open_index=open_index or (lambda d: FakeIndex([_doc("a", d / "a.md")])),
        make_bot=FakeBot,
        feedback=FeedbackStore(tmp_path / "fb.sqlite3"),
        admin_token=token,
    )


def test_not_ready_then_ready(folder, tmp_path):
    service = _service(folder, tmp_path)
    assert service.health()["index"] == "rebuilding"
    with pytest.raises(ServiceError, match="đang được xây dựng"):
        service.ask("Hỏi?")
    service.start()
    assert service.health() == {"status": "ok", "index": "ready", "documents": 1, "passages": 1}


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
        return FakeIndex([_doc("a", d / "a.md")], name)

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
    monkeypatch.setattr("corpus.load_document", _parse_md, raising=False)
    service = _service(folder, tmp_path).start()
    src = tmp_path / "Nghị quyết mới.md"
    src.write_text("# Mới")
    doc = service.add_upload(src, src.name, "s3cret")
    assert doc.meta.doc_id == "nghi-quyet-moi"
    assert service._index.added == [folder / "nghi-quyet-moi.md"]
    assert sorted(p.name for p in folder.iterdir()) == ["a.md", "nghi-quyet-moi.md"]
    with pytest.raises(ServiceError, match="đã có trong kho"):
        service.add_upload(src, "lan-hai.md", "s3cret")
    assert sorted(p.name for p in folder.iterdir()) == ["a.md", "nghi-quyet-moi.md"]


def test_failed_indexing_removes_the_placed_file(folder, tmp_path, monkeypatch):
    monkeypatch.setattr("corpus.load_document", _parse_md, raising=False)
    service = _service(folder, tmp_path).start()
    service._index.fail_add = True
    src = tmp_path / "x.md"
    src.write_text("# X")
    with pytest.raises(RuntimeError):
        service.add_upload(src, src.name, "s3cret")
    assert [p.name for p in folder.iterdir()] == ["a.md"]
    assert service.health()["index"] == "ready"


def test_delete_removes_index_entry_file_and_sidecar(folder, tmp_path):
    (folder / "a.meta.yaml").write_text("title: A")
    service = _service(folder, tmp_path).start()
    service.delete("a", "s3cret")
    assert service._index.removed == ["a"] and list(folder.iterdir()) == []
    with pytest.raises(ServiceError, match="Không có văn bản"):
        service.delete("a", "s3cret")


def test_delete_never_touches_files_outside_the_folder(folder, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("keep")
    service = _service(
        folder, tmp_path, open_index=lambda d: FakeIndex([_doc("o", Path("../outside.md"))])
    ).start()
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
    monkeypatch.setenv("NQA_CORPUS_DIR", str(tmp_path / "mine"))
    assert corpus_folder() == tmp_path / "mine"
    monkeypatch.delenv("NQA_CORPUS_DIR")
    monkeypatch.setenv("NQA_DATA_DIR", str(tmp_path / "d"))
    assert corpus_folder() == tmp_path / "d" / "corpus"
