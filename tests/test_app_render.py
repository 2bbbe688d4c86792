"""Rendering answers, citations, hits and sections: escaping, <mark> spans, term matches."""

from __future__ import annotations

import pytest

from bot.types import Answer, Citation
from corpus.types import Document, DocumentMeta, Heading, Passage
from index.types import Hit
from serve import render


def _cite(n=1, text="Tốc độ tăng trưởng kinh tế (GRDP): 8,5%.", span=(35, 39)) -> Citation:
    return Citation(
        n=n,
        doc_id="nq-35",
        doc_title="Nghị quyết về phát triển kinh tế - xã hội",
        doc_number="35/NQ-HĐND",
        section="Điều 2 › I. Mục tiêu",
        article="2",
        text=text,
        span=span,
        score=0.9,
    )


def _document() -> Document:
    root = ("Điều 2. Mục tiêu",)
    sub = (*root, "a) Các chỉ tiêu kinh tế")
    passages = (
        Passage("d#0", "d", (), None, "Căn cứ Luật Tổ chức chính quyền địa phương;", "preamble"),
        Passage("d#1", "d", root, "2", "Thông qua mục tiêu năm 2023."),
        Passage("d#2", "d", sub, "2", "GRDP tăng 8,5%.\nThu ngân sách: 20.000 tỷ đồng."),
        Passage(
            "d#3", "d", ("Điều 3. Tổ chức thực hiện",), "3", "Giao UBND tỉnh <b>thực hiện</b>."
        ),
    )
    toc = (
        Heading("Điều 2", "Điều 2. Mục tiêu", "dieu", root, "2"),
        Heading("a)", "a) Các chỉ tiêu kinh tế", "letter", sub, "2"),
        Heading("Điều 3", "Điều 3. Tổ chức thực hiện", "dieu", ("Điều 3. Tổ chức thực hiện",), "3"),
    )
    meta = DocumentMeta("d", "Nghị quyết thử", number="1/NQ-HĐND", date="2022-12-08")
    return Document(meta, toc, passages)


def test_highlight_span_escapes_and_marks():
    assert render.highlight_span("a <b> 8,5% c", (6, 10)) == "a &lt;b&gt; <mark>8,5%</mark> c"
    assert render.highlight_span("x\ny", None) == "x<br>y"
    assert render.highlight_span("abc", (5, 9)) == "abc"


def test_citation_block_is_one_html_line_with_the_span_marked():
    html = render.citation_html(_cite(text="Dòng 1\n\nGRDP: 8,5%.", span=(14, 18)))
    assert "\n" not in html
    assert html.startswith('<details class="nqa-cite"><summary>[1] Điều 2 › I. Mục tiêu · ')
    assert "<i>35/NQ-HĐND</i></summary>" in html  # the number stands for the document
    assert '<div class="nqa-doc">Nghị quyết về phát triển kinh tế - xã hội (35/NQ-HĐND)' in html
    assert "<mark>8,5%</mark>" in html


def test_answer_markdown_lists_citations():
    answer = Answer("GRDP?", "GRDP tăng 8,5% [1].", (_cite(),), 0.9, False)
    md = render.answer_markdown(answer)
    assert md.startswith("GRDP tăng 8,5% [1].")
    assert "**Nguồn trích dẫn**" in md and md.count("<details") == 1


def test_not_found_answer_shows_related_passages():
    answer = Answer(
        "Giá vàng?", "Không tìm thấy thông tin này.", (), 0.1, True, related=(_cite(1), _cite(2))
    )
    md = render.answer_markdown(answer)
    assert "**Có thể liên quan**" in md and md.count("<details") == 2
    assert "Nguồn trích dẫn" not in md


def test_answer_text_cannot_inject_html():
    answer = Answer(
        "?",
        "<script>alert(1)</script>",
        (_cite(text="<img src=x onerror=1>", span=None),),
        1,
        False,
    )
    md = render.answer_markdown(answer)
    assert "<script>" not in md and "<img" not in md
    assert "&lt;script&gt;" in md and "&lt;img src=x onerror=1&gt;" in md


@pytest.mark.parametrize(
    ("text", "query", "marked"),
    [
        ("Tỷ lệ hộ nghèo giảm 1%.", "hộ nghèo", ["hộ", "nghèo"]),
        ("Tỷ lệ hộ nghèo giảm 1%.", "ho ngheo", ["hộ", "nghèo"]),  # typed without diacritics
        ("Tăng trưởng và tầng lớp", "tăng", ["Tăng"]),  # with diacritics: exact word only
        ("GRDP tăng 8,5%", "grdp của năm", ["GRDP"]),  # stopwords are not marked
        ("bảo hiểm y tế: 95%", "y tế 95", ["y", "tế", "95"]),
    ],
)
def test_highlight_terms(text, query, marked):
    html = render.highlight_terms(text, query)
    assert [s.split("</mark>")[0] for s in html.split("<mark>")[1:]] == marked


def test_match_spans_keeps_offsets_and_does_not_overlap():
    text = "Đào tạo nghề; đào tạo"
    spans = render.match_spans(text, render.query_terms("dao tao"))
    assert [text[s:e] for s, e in spans] == ["Đào", "tạo", "đào", "tạo"]


def test_hits_html_and_json():
    p = _document().passages[2]
    hits = [Hit(p, 0.5, 0.4, 0.6)]
    html = render.hits_html(hits, "ngân sách")
    assert "<mark>ngân</mark> <mark>sách</mark>" in html and "1. <b>d</b>" in html
    assert "Không tìm thấy" in render.hits_html([], "x")
    data = render.hit_json(hits[0], "ngân sách")
    assert data["passage_id"] == "d#2" and data["section"].endswith("a) Các chỉ tiêu kinh tế")
    assert [p.text[s:e] for s, e in data["matches"]] == ["ngân", "sách"]


def test_section_reads_every_passage_under_a_heading():
    doc = _document()
    assert [p.id for p in render.section_passages(doc, ("Điều 2. Mục tiêu",))] == ["d#1", "d#2"]
    assert len(render.section_passages(doc, ())) == 4
    html = render.section_html(doc, ("Điều 2. Mục tiêu",))
    assert "Thu ngân sách" in html and "Giao UBND" not in html
    assert '<h4 class="nqa-sub">a) Các chỉ tiêu kinh tế</h4>' in html
    assert "không có đoạn văn" in render.section_html(doc, ("Điều 9",))
    assert "&lt;b&gt;thực hiện&lt;/b&gt;" in render.section_html(doc, ())


def test_toc_choices_round_trip_through_the_heading_path():
    doc = _document()
    choices = render.toc_choices(doc)
    assert choices[0] == ("Toàn văn", "")
    label, value = choices[2]
    assert label.strip() == "a) Các chỉ tiêu kinh tế" and label.startswith("\u2003")
    assert render.parse_heading_path(value) == ("Điều 2. Mục tiêu", "a) Các chỉ tiêu kinh tế")
    assert render.parse_heading_path("") == ()


def test_json_shapes():
    doc = _document()
    assert render.document_json(doc)["passages"] == 4
    assert render.document_row(doc) == ["d", "Nghị quyết thử", "1/NQ-HĐND", "", "2022-12-08", 4]
    answer = Answer("q", "a", (_cite(),), 0.5, False)
    data = render.answer_json(answer)
    assert data["citations"][0]["span"] == [35, 39] and data["related"] == []


def test_document_list_and_card_escape_metadata():
    doc = _document()
    table = render.documents_html([doc])
    assert table.count("<tr>") == 2 and "<td>1/NQ-HĐND</td>" in table
    assert "chưa có văn bản" in render.documents_html([])
    card = render.document_html(doc)
    assert "<th>Số hiệu</th><td>1/NQ-HĐND</td>" in card and "Người ký" not in card
