"""The app under faults and abuse, with hand-made indexes: start on the last good index and
rebuild behind it, tidy what interrupted uploads and deletes left, survive a garbage or
read-only feedback database, bound uploads by what they cost, refuse arguments of the wrong
type clearly, keep one rating per answer and limit how fast a client writes, export CSV that
never runs as a formula, bound Gradio's upload route."""

from __future__ import annotations

import asyncio
import errno
import os
import sqlite3
import threading
import time
import zipfile
from pathlib import Path

import pytest

from bot.types import Answer
from corpus.upload import Limits, UploadError, check_upload, place_upload
from errors import NqaError, RequestError
from serve import api
from serve.feedback import FeedbackError, FeedbackStore, Ratings, cell, open_feedback, to_csv
from serve.housekeeping import sweep, tidy_corpus
from serve.service import Service, ServiceError
from tests.test_app_service import FakeBot, FakeIndex, _parse_md


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.md").write_text("# A")
    (folder / "b.md").write_text("# B")
    return folder


def _service(folder, tmp_path, **kwargs) -> Service:
    defaults = dict(
        open_index=FakeIndex,
        update_index=lambda d, live: FakeIndex(d, "v2"),
        make_bot=FakeBot,
        feedback=FeedbackStore(tmp_path / "fb.sqlite3"),
        admin_token="s3cret",
        parse=_parse_md,
    )
    return Service(folder, **{**defaults, **kwargs})


# ---------------------------------------------------------------- start


def test_the_stored_index_answers_at_once_and_the_rebuild_runs_behind_it(folder, tmp_path):
    gate = threading.Event()

    def slow_open(d):
        gate.wait(5)
        return FakeIndex(d, "v2")

    stored = FakeIndex(folder, "v1")
    service = _service(
        folder,
        tmp_path,
        open_index=slow_open,
        stored_index=lambda d: (stored, "out of date (documents were added, changed or removed)"),
    ).start(background=True)
    assert service.wait_ready(5)
    assert service.ask("Hỏi?").answer.text == "v1: Hỏi?"  # the last good index, at once
    assert service.health()["index"] == "rebuilding"
    with pytest.raises(ServiceError, match="lập chỉ mục lại"):
        service.delete("a", "s3cret")  # changes wait for the start-up rebuild
    gate.set()
    for _ in range(100):
        if service.health()["index"] == "ready":
            break
        time.sleep(0.05)
    assert service.ask("Hỏi?").answer.text == "v2: Hỏi?"


def test_a_damaged_stored_index_is_not_served(folder, tmp_path):
    service = _service(
        folder, tmp_path, stored_index=lambda d: (None, "damaged (tokens.jsonl is missing)")
    ).start()
    assert service.ask("Hỏi?").answer.text == "v1: Hỏi?"  # built by open_index instead


def test_orphans_of_interrupted_uploads_and_deletes_are_tidied(tmp_path, caplog):
    folder = tmp_path / "kho"
    folder.mkdir()
    (folder / ".upload-0a1b2c3d.docx").write_bytes(b"half")
    (folder / ".deleting-0123abcd-giu.md").write_text("giữ")  # the index still holds it
    (folder / ".deleting-89abcdef-xoa.md").write_text("xóa")  # the index no longer does
    (folder / ".deleting-89abcdef-xoa.meta.yaml").write_text("title: x")
    done = tidy_corpus(folder, indexed={"giu.md", "other.md"})
    assert sorted(p.name for p in folder.iterdir()) == ["giu.md"]
    assert (folder / "giu.md").read_text() == "giữ"  # nothing lost
    assert len(done) == 4 and "undid an interrupted delete: giu.md is back" in caplog.text
    assert "finished an interrupted delete of xoa.md" in caplog.text


def test_an_unknown_index_undoes_interrupted_deletes(tmp_path):
    folder = tmp_path / "kho"
    folder.mkdir()
    (folder / ".deleting-0123abcd-a.md").write_text("A")
    tidy_corpus(folder, indexed=None)
    assert (folder / "a.md").read_text() == "A"


# ---------------------------------------------------------------- feedback


def _answer(q="Hỏi?") -> Answer:
    return Answer(q, "Trả lời.", (), 0.5, False)


def test_a_garbage_feedback_file_is_moved_aside(tmp_path, caplog):
    path = tmp_path / "feedback.sqlite3"
    path.write_bytes(b"\x00garbage" * 500)
    store = open_feedback(path)
    assert store.add(_answer(), "up") == 1
    aside = list(tmp_path.glob("feedback.sqlite3.damaged-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"\x00garbage")
    assert "is not a database" in caplog.text


def test_a_feedback_folder_that_cannot_be_written(tmp_path, monkeypatch):
    def refused(self, path):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(FeedbackStore, "__init__", refused)
    store = open_feedback(tmp_path / "feedback.sqlite3")
    with pytest.raises(FeedbackError, match="Chưa lưu được góp ý: thư mục dữ liệu không ghi"):
        store.add(_answer(), "up")


def test_one_row_per_answer_and_a_rate_per_client(tmp_path):
    ratings = Ratings(FeedbackStore(tmp_path / "fb.sqlite3"), per_minute=3)
    first = ratings.rate("id-1", _answer(), "up", "", "10.0.0.1")
    assert ratings.rate("id-1", _answer(), "down", "sai", "10.0.0.1") == first
    (row,) = ratings.store.rows()
    assert (row.rating, row.comment) == (-1, "sai")
    ratings.rate("id-2", _answer(), "up", "", "10.0.0.1")
    with pytest.raises(FeedbackError, match="nhiều góp ý trong một phút"):
        ratings.rate("id-3", _answer(), "up", "", "10.0.0.1")
    ratings.rate("id-3", _answer(), "up", "", "10.0.0.2")  # another client
    assert len(ratings.store.rows()) == 3


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_never_run_as_formulas(tmp_path, text):
    import csv
    import io

    store = FeedbackStore(tmp_path / "fb.sqlite3")
    store.add(_answer(f"{text} hỏi"), "down", text)
    header, row = list(csv.reader(io.StringIO(to_csv(store.rows()))))
    values = dict(zip(header, row, strict=True))
    assert values["question"] == f"'{text} hỏi"  # as asked
    assert values["comment"] == cell(text.strip()) != text.strip() or text.strip() == "x"
    assert values["rating"] == "-1"  # numbers stay numbers
    assert cell("bình thường") == "bình thường" and cell("") == ""


# ---------------------------------------------------------------- arguments


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda s: api.ask(s, None), "question"),
        (lambda s: api.ask(s, 42), "question"),
        (lambda s: api.ask(s, "Hỏi?", 7), "follow_up_of"),
        (lambda s: api.search(s, "ngân sách", k="abc"), "k"),
        (lambda s: api.search(s, "ngân sách", k=0), "k"),
        (lambda s: api.search(s, "ngân sách", year="năm nay"), "year"),
        (lambda s: api.search(s, "ngân sách", docs=[1, 2]), "docs"),
        (lambda s: api.search(s, None), "query"),
        (lambda s: api.feedback(s, None, "up"), "answer_id"),
        (lambda s: api.feedback(s, "x", ["up"]), "rating"),
        (lambda s: api.comment(s, "một", "x"), "feedback_id"),
        (lambda s: api.toc(s, {"doc": 1}), "doc_id"),
        (lambda s: api.upload(s, None, "s3cret"), "file"),
        (lambda s: api.delete(s, None, "s3cret"), "doc_id"),
    ],
)
def test_arguments_of_the_wrong_type_get_the_clear_message(folder, tmp_path, call, name):
    service = _service(folder, tmp_path).start()
    with pytest.raises(RequestError, match=f"'{name}'"):
        call(service)


def test_every_refusal_is_a_user_error(folder, tmp_path):
    assert api.USER_ERRORS == (NqaError,)
    assert issubclass(UploadError, NqaError) and issubclass(FeedbackError, NqaError)


# ---------------------------------------------------------------- uploads


def test_identical_uploads_at_once_give_one_success(folder, tmp_path):
    service = _service(folder, tmp_path).start()
    src = tmp_path / "cached" / "moi.md"  # Gradio's one cached copy for identical bytes
    src.parent.mkdir()
    src.write_text("# Mới")
    results: list = []

    def upload():
        try:
            results.append(api.upload(service, str(src), "s3cret")["doc_id"])
        except NqaError as exc:
            results.append(str(exc))

    threads = [threading.Thread(target=upload) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert results.count("moi") == 1
    assert sum("đã có trong kho" in r for r in results) == 2
    assert src.exists()  # the shared cached copy is left to Gradio's sweep


def test_an_upload_whose_file_is_gone_is_refused_clearly(folder, tmp_path):
    service = _service(folder, tmp_path).start()
    with pytest.raises(UploadError, match="không còn trên máy chủ"):
        service.add_upload(tmp_path / "gone.md", "gone.md", "s3cret")


def test_a_read_only_corpus_folder_refuses_uploads_clearly(folder, tmp_path, monkeypatch):
    service = _service(folder, tmp_path).start()

    def refused(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(folder))

    monkeypatch.setattr("serve.service.place_upload", refused)
    src = tmp_path / "moi.md"
    src.write_text("# Mới")
    with pytest.raises(ServiceError, match="chỉ đọc"):
        service.add_upload(src, "moi.md", "s3cret")


def _docx(tmp_path, paragraphs: int, filler: str = "Khoản") -> Path:
    body = "".join(f"<w:p><w:r><w:t>{filler} {i}.</w:t></w:r></w:p>" for i in range(paragraphs))
    path = tmp_path / "bom.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f"<w:document><w:body>{body}</w:body></w:document>")
    return path


def test_a_docx_that_inflates_too_far_is_refused(tmp_path):
    path = _docx(tmp_path, 200, filler="x" * 1000)
    with pytest.raises(UploadError, match="MB văn bản khi giải nén, vượt giới hạn"):
        check_upload(path, "bom.docx", limits=Limits(docx_text_bytes=100_000))


def test_a_docx_with_too_many_paragraphs_is_refused(tmp_path):
    path = _docx(tmp_path, 120)
    with pytest.raises(UploadError, match="đoạn văn, vượt giới hạn"):
        check_upload(path, "bom.docx", limits=Limits(paragraphs=100))
    check_upload(path, "bom.docx", limits=Limits(paragraphs=120))


def test_a_pdf_with_too_many_pages_is_refused(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "dai.pdf"
    pdf = canvas.Canvas(str(path))
    for n in range(3):
        pdf.drawString(72, 720, f"Trang {n}")
        pdf.showPage()
    pdf.save()
    with pytest.raises(UploadError, match="có 3 trang, vượt giới hạn 2 trang"):
        check_upload(path, "dai.pdf", limits=Limits(pages=2))


def test_an_upload_with_too_many_passages_is_refused(tmp_path):
    from tests.test_app_service import _doc

    src = tmp_path / "nhieu.md"
    src.write_text("# Nhiều")
    corpus = tmp_path / "kho"

    def two_passages(path):
        doc = _doc("x", path)
        return doc.__class__(doc.meta, (), doc.passages * 2)

    with pytest.raises(UploadError, match="có 2 đoạn, vượt giới hạn 1 đoạn"):
        place_upload(src, "nhieu.md", corpus, parse=two_passages, limits=Limits(passages=1))
    assert list(corpus.iterdir()) == []


def test_a_parse_that_takes_too_long_is_stopped(tmp_path):
    src = tmp_path / "cham.md"
    src.write_text("**Điều 1.** Nội dung.\n", encoding="utf-8")
    corpus = tmp_path / "kho"
    started = time.perf_counter()
    with pytest.raises(UploadError, match="quá nặng để đọc .đọc quá 0.01 giây"):
        place_upload(src, "cham.md", corpus, limits=Limits(parse_seconds=0.01))
    assert time.perf_counter() - started < 5
    assert list(corpus.iterdir()) == []


# ---------------------------------------------------------------- Gradio's upload route


def _post(guard, length: bytes | None, client="10.0.0.9") -> int:
    headers = [(b"content-length", length)] if length is not None else []
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/gradio_api/upload",
        "headers": headers,
        "client": (client, 1),
    }
    sent: list = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    asyncio.run(guard(scope, receive, send))
    return sent[0]["status"]


def test_gradio_upload_route_is_bounded():
    from serve.pages.guard import UploadGuard

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"[]"})

    guard = UploadGuard(app, max_bytes=1000, per_minute=2)
    assert _post(guard, None) == 411
    assert _post(guard, b"999999") == 413
    assert _post(guard, b"500") == 200
    assert _post(guard, b"500") == 200
    assert _post(guard, b"500") == 429  # a third in the same minute
    assert _post(guard, b"500", client="10.0.0.10") == 200


def test_the_upload_cache_is_swept_to_its_quota(tmp_path):
    for n in range(5):
        path = tmp_path / f"{n}.bin"
        path.write_bytes(b"x" * 100)
        old = time.time() - 100 + n
        os.utime(path, (old, old))
    assert sweep(tmp_path, quota_bytes=250) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["3.bin", "4.bin"]  # the newest kept
