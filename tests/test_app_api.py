"""The web app through gradio_client, launched in-process on a tiny corpus with the real index,
model and bot: ask, feedback, search, browse, upload, delete, export, health, file routes."""

from __future__ import annotations

import csv
import http.client
import json
import re
import sqlite3
import urllib.request
from pathlib import Path

import pytest

from tests.app_server import TOKEN, running_app

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("app")) as running:
        yield running


@pytest.fixture(scope="module")
def client(served):
    from gradio_client import Client

    return Client(served.url + "/", verbose=False, ssl_verify=False)  # http on loopback


def _error(client, *args, api_name):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError) as info:
        client.predict(*args, api_name=api_name)
    return str(info.value)


def _doc_ids(client) -> list[str]:
    return sorted(d["doc_id"] for d in client.predict(api_name="/documents"))


def test_named_endpoints(client):
    names = set(client.view_api(print_info=False, return_format="dict")["named_endpoints"])
    assert names == {
        f"/{n}"
        for n in (
            "ask feedback search toc section documents unreadable overview upload delete"
            " export_feedback health"
        ).split()
    }


def test_health(client, served):
    health = client.predict(api_name="/health")
    assert health == {
        "status": "ok",
        "index": "ready",
        "documents": 2,
        "passages": health["passages"],
    }
    assert health["passages"] >= 6
    with urllib.request.urlopen(served.url + "/healthz", timeout=10) as r:
        assert json.load(r)["status"] == "ok"


def test_ask_answers_with_a_cited_span(client):
    r = client.predict(
        "Tỷ lệ dân số tham gia bảo hiểm y tế năm 2024 là bao nhiêu?", "", api_name="/ask"
    )
    assert not r["abstained"] and "96,5%" in r["answer"]
    cite = r["citations"][0]
    assert cite["doc_id"] == "nq-45-hoa-binh-xanh-2024"
    start, end = cite["span"]
    assert "96,5%" in cite["text"][start:end]
    # only the sources the answer points at; a source card's data
    assert {f"[{c['n']}]" for c in r["citations"]} <= set(re.findall(r"\[\d+\]", r["answer"]))
    assert cite["label"] == "Nghị quyết 45/NQ-HĐND" and cite["date_vn"] == "14/12/2023"
    assert cite["issuer"] == "Hội đồng nhân dân huyện Hòa Bình Xanh"
    ex = cite["excerpt"]
    assert "96,5%" in ex["text"][ex["span"][0] : ex["span"][1]] and "2,1%" in ex["before"]
    follow = client.predict("Còn tỷ lệ hộ nghèo thì sao?", r["id"], api_name="/ask")
    assert follow["id"] != r["id"] and follow["question"] == "Còn tỷ lệ hộ nghèo thì sao?"
    assert "2,1%" in follow["answer"]


def test_bad_questions_get_a_message(client):
    assert "trống" in _error(client, "   ", "", api_name="/ask")
    assert "quá dài" in _error(client, "thuế " * 1000, "", api_name="/ask")
    assert "hãy hỏi lại" in _error(client, "Còn gì nữa?", "khong-co", api_name="/ask")


def test_feedback_is_stored_and_exported(client, served):
    r = client.predict("Thu ngân sách nhà nước trên địa bàn huyện năm 2024?", "", api_name="/ask")
    assert client.predict(r["id"], "down", "Cần thêm số liệu năm trước", api_name="/feedback")["id"]
    with sqlite3.connect(served.data / "feedback.sqlite3") as db:
        row = db.execute(
            "SELECT rating, comment, question, answer, citations FROM feedback ORDER BY id DESC"
        ).fetchone()
    assert row[:4] == (-1, "Cần thêm số liệu năm trước", r["question"], r["answer"])
    assert json.loads(row[4])[0]["doc_id"] == r["citations"][0]["doc_id"]
    assert "up" in _error(client, r["id"], "meh", "", api_name="/feedback")

    assert "không đúng" in _error(client, "sai", api_name="/export_feedback")
    path = client.predict(TOKEN, api_name="/export_feedback")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[-1]["question"] == r["question"] and rows[-1]["rating"] == "-1"


def test_search_highlights_and_filters(client):
    hits = client.predict("ngân sách", 5, None, None, None, api_name="/search")
    assert {h["doc_id"] for h in hits} == {
        "nq-45-hoa-binh-xanh-2024",
        "kh-chuyen-doi-so-doi-thong-2025",
    }
    first = hits[0]
    assert [first["text"][s:e].lower() for s, e in first["matches"]][:1] == ["ngân sách"]
    assert all(h["relevance"] >= 0.5 for h in hits)
    assert client.predict("xyzqwv phlogiston", 5, None, None, None, api_name="/search") == []
    bhyt = client.predict(
        "BHYT", 3, None, None, None, api_name="/search"
    )  # the index's abbreviation
    assert "96,5%" in bhyt[0]["text"] and bhyt[0]["relevance"] == 1.0
    only_2025 = client.predict("ngân sách", 5, None, 2025, None, api_name="/search")
    assert {h["doc_id"] for h in only_2025} == {"kh-chuyen-doi-so-doi-thong-2025"}
    by_issuer = client.predict(
        "ngân sách", 5, None, None, "huyện Hòa Bình Xanh", api_name="/search"
    )
    assert {h["doc_id"] for h in by_issuer} == {"nq-45-hoa-binh-xanh-2024"}
    by_doc = client.predict(
        "ngân sách", 5, ["kh-chuyen-doi-so-doi-thong-2025"], None, None, api_name="/search"
    )
    assert {h["doc_id"] for h in by_doc} == {"kh-chuyen-doi-so-doi-thong-2025"}
    assert "từ khóa" in _error(client, " ", 5, None, None, None, api_name="/search")
    plans = client.predict("ngân sách", 5, None, None, None, "Kế hoạch", None, api_name="/search")
    assert {h["doc_id"] for h in plans} == {"kh-chuyen-doi-so-doi-thong-2025"}
    in_force_2024 = client.predict("ngân sách", 5, None, None, None, None, 2024, api_name="/search")
    assert {h["doc_id"] for h in in_force_2024} == {"nq-45-hoa-binh-xanh-2024"}


def test_overview_says_what_the_corpus_holds_and_its_examples_are_answered(client):
    info = client.predict(api_name="/overview")
    assert info["documents"] == 2 and info["years"] == [2023, 2025]
    assert sorted(k for k, _ in info["kinds"]) == ["Kế hoạch", "Nghị quyết"]
    assert len(info["examples"]) >= 2
    for question in info["examples"]:
        assert not client.predict(question, "", api_name="/ask")["abstained"], question


def test_toc_and_section(client):
    toc = client.predict("nq-45-hoa-binh-xanh-2024", api_name="/toc")
    assert toc["number"] == "45/NQ-HĐND" and toc["issuer"].endswith("Hòa Bình Xanh")
    heading = next(h for h in toc["toc"] if h["title"].startswith("2. Các chỉ tiêu xã hội"))
    section = client.predict(
        "nq-45-hoa-binh-xanh-2024", " › ".join(heading["path"]), api_name="/section"
    )
    text = " ".join(p["text"] for p in section["passages"])
    assert "2,1%" in text and "96,5%" in text and "650 tỷ" not in text
    whole = client.predict("nq-45-hoa-binh-xanh-2024", "", api_name="/section")
    assert len(whole["passages"]) > len(section["passages"])
    assert "Không có văn bản" in _error(client, "khong-co", api_name="/toc")


def test_upload_requires_the_token(client, served, tmp_path):
    from gradio_client import handle_file

    src = tmp_path / "Quyết định mới.md"
    src.write_text("**Điều 1.** Hỗ trợ 5 triệu đồng cho mỗi hộ trồng chè hữu cơ.", encoding="utf-8")
    before = _doc_ids(client)
    assert "không đúng" in _error(client, handle_file(src), "", api_name="/upload")
    assert "không đúng" in _error(client, handle_file(src), "sai-ma", api_name="/upload")
    assert _doc_ids(client) == before
    assert not (served.corpus / "quyet-dinh-moi.md").exists()


def test_corrupted_upload_changes_nothing(client, served, tmp_path):
    from gradio_client import handle_file

    fake = tmp_path / "bao-cao.docx"
    fake.write_bytes(b"PK\x03\x04 this is junk, not a Word file" * 10)
    files_before = sorted(p.name for p in served.corpus.iterdir())
    before = _doc_ids(client)
    message = _error(client, handle_file(fake), TOKEN, api_name="/upload")
    assert "bao-cao.docx" in message and "không phải tệp .docx hợp lệ" in message
    assert _doc_ids(client) == before
    assert sorted(p.name for p in served.corpus.iterdir()) == files_before


def test_upload_is_searchable_at_once_then_delete(client, served, tmp_path):
    from gradio_client import handle_file

    src = tmp_path / "Quyết định hỗ trợ chè.md"
    src.write_text(
        "**Điều 1.** Hỗ trợ 5 triệu đồng cho mỗi hộ trồng chè hữu cơ trên địa bàn huyện.\n\n"
        "**Điều 2.** Quyết định này có hiệu lực từ ngày ký.\n",
        encoding="utf-8",
    )
    doc = client.predict(handle_file(src), TOKEN, api_name="/upload")
    assert doc["doc_id"] == "quyet-dinh-ho-tro-che" and doc["passages"] >= 1
    assert doc["report"]["passages"]["content"] >= 1
    assert "Không tìm thấy số hiệu văn bản." in doc["report"]["warnings"]
    assert (served.corpus / "quyet-dinh-ho-tro-che.md").exists()
    assert "quyet-dinh-ho-tro-che" in _doc_ids(client)
    hits = client.predict("chè hữu cơ", 3, None, None, None, api_name="/search")
    assert hits[0]["doc_id"] == "quyet-dinh-ho-tro-che"
    r = client.predict("Mỗi hộ trồng chè hữu cơ được hỗ trợ bao nhiêu?", "", api_name="/ask")
    assert "5 triệu" in r["answer"]
    assert "đã có trong kho" in _error(client, handle_file(src), TOKEN, api_name="/upload")

    assert "không đúng" in _error(client, "quyet-dinh-ho-tro-che", "x", api_name="/delete")
    out = client.predict("quyet-dinh-ho-tro-che", TOKEN, api_name="/delete")
    assert out == {"deleted": "quyet-dinh-ho-tro-che", "documents": 2}
    assert "quyet-dinh-ho-tro-che" not in _doc_ids(client)
    assert not (served.corpus / "quyet-dinh-ho-tro-che.md").exists()
    hits = client.predict("chè hữu cơ", 3, None, None, None, api_name="/search")
    assert all(h["doc_id"] != "quyet-dinh-ho-tro-che" for h in hits)


def test_admin_endpoints_refuse_when_no_token_is_configured(client, served, tmp_path):
    from gradio_client import handle_file

    src = tmp_path / "a.md"
    src.write_text("**Điều 1.** Nội dung.", encoding="utf-8")
    token, served.service._admin_token = served.service._admin_token, ""
    try:
        for args, name in [
            ((handle_file(src), ""), "/upload"),
            ((handle_file(src), TOKEN), "/upload"),
            (("nq-45-hoa-binh-xanh-2024", ""), "/delete"),
            (("",), "/export_feedback"),
        ]:
            assert "NQA_ADMIN_TOKEN" in _error(client, *args, api_name=name)
    finally:
        served.service._admin_token = token
    assert len(_doc_ids(client)) == 2


TRAVERSALS = [
    "/gradio_api/file=/etc/passwd",
    "/gradio_api/file=../../../../etc/passwd",
    "/gradio_api/file=..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "/gradio_api/file=%2Fetc%2Fpasswd",
    "/gradio_api/file=%252Fetc%252Fpasswd",
    "/gradio_api/file=%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/gradio_api/file=//etc/passwd",
    "/gradio_api/file=/proc/self/environ",
    "/file=/etc/passwd",
    "/file=../../../../etc/passwd",
    "/file=%2Fetc%2Fpasswd",
    "/static/../../../../etc/passwd",
    "/assets/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_file_routes_refuse_traversal(served, path):
    status, body = _raw_get(served.url, path)
    assert status in (400, 403, 404)
    assert b"root:" not in body


def test_app_files_are_not_served(served):
    """The corpus, the feedback database and the index live under the data folder, unserved."""
    paths = [served.corpus / "nq-45-hoa-binh-xanh-2024.md", served.data / "feedback.sqlite3"]
    paths += [p for p in (served.data / "indexes").rglob("*") if p.is_file()][:3]
    for p in paths:
        for route in (f"/gradio_api/file={p}", f"/file={p}"):
            status, body = _raw_get(served.url, route)
            assert status in (400, 403, 404), route


def _raw_get(url: str, path: str) -> tuple[int, bytes]:
    """GET with the path sent byte for byte (no client-side normalization of ../)."""
    host, port = url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _docx(path, lines):
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)


def _pdf(path, lines):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = "Helvetica"
    for candidate in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",):
        try:
            pdfmetrics.registerFont(TTFont("DejaVu", candidate))
            font = "DejaVu"
        except Exception:
            pass
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(font, 11)
    y = 800
    for line in lines:
        c.drawString(50, y, line)
        y -= 18
    c.save()


@pytest.mark.parametrize(("suffix", "write"), [(".docx", _docx), (".pdf", _pdf)])
def test_upload_word_and_pdf(client, served, tmp_path, suffix, write):
    from gradio_client import handle_file

    if suffix == ".pdf" and not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists():
        pytest.skip("no DejaVu font to write Vietnamese into a PDF")
    lines = [
        "QUYẾT ĐỊNH",
        "Về hỗ trợ nuôi ong lấy mật",
        "Điều 1. Hỗ trợ 2 triệu đồng cho mỗi hộ nuôi ong lấy mật.",
        "Điều 2. Quyết định này có hiệu lực từ ngày ký.",
    ]
    src = tmp_path / f"Hỗ trợ nuôi ong{suffix}"
    write(src, lines)
    doc = client.predict(handle_file(src), TOKEN, api_name="/upload")
    try:
        assert doc["doc_id"] == "ho-tro-nuoi-ong"
        assert (served.corpus / f"ho-tro-nuoi-ong{suffix}").exists()
        hits = client.predict("nuôi ong lấy mật", 3, None, None, None, api_name="/search")
        assert hits[0]["doc_id"] == "ho-tro-nuoi-ong"
    finally:
        client.predict("ho-tro-nuoi-ong", TOKEN, api_name="/delete")
    assert "ho-tro-nuoi-ong" not in _doc_ids(client)


def test_the_page_is_served_as_vietnamese(served):
    """lang="vi" and the page's style and script are in the HTML as served, before any script
    runs (screen readers, search engines, the first paint)."""
    status, body = _raw_get(served.url, "/")
    html = body.decode("utf-8")
    assert status == 200 and '<html\n\tlang="vi"' in html and 'lang="en"' not in html
    assert "Click to try out the app!" not in html and html.count("const PATTERNS") == 1
    assert html.index("nqa-own") < html.index("</head>")
