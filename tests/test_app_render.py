"""The page's pure parts: source cards (metadata, context, markers), the conversation and first
screen, plain-text copy, phrase-aware highlighting and the relevance floor, example questions,
the staff views (hits, sections, document list, upload report), and escaping everywhere."""

from __future__ import annotations

import pytest

from bot.types import Citation
from corpus.types import Document, DocumentMeta, Heading, Passage
from serve import highlight, library, overview, render, shapes, sources

META = DocumentMeta(
    "nq-35",
    "Nghị quyết về nhiệm vụ phát triển kinh tế - xã hội năm 2023 của tỉnh Thái Nguyên",
    number="35/NQ-HĐND",
    issuer="Hội đồng nhân dân tỉnh Thái Nguyên",
    date="2022-12-08",
    effective="2023-01-01",
    kind="Nghị quyết",
)
SECTION = ("Điều 2. Mục tiêu", "b) Các chỉ tiêu xã hội")


def _document() -> Document:
    passages = (
        Passage(
            "d#0", "nq-35", (), None, "Căn cứ Luật Tổ chức chính quyền địa phương;", "preamble"
        ),
        Passage(
            "d#1",
            "nq-35",
            SECTION,
            "2",
            "Tỷ lệ hộ nghèo giảm 1,5%. Tỷ lệ lao động qua đào tạo đạt 70%.",
        ),
        Passage(
            "d#2",
            "nq-35",
            SECTION,
            "2",
            "Tỷ lệ dân số tham gia bảo hiểm y tế đạt 96,5%. Số xã đạt chuẩn: 12 xã.",
        ),
        Passage("d#3", "nq-35", SECTION, "2", "Số bác sĩ trên 1 vạn dân: 14 bác sĩ."),
        Passage(
            "d#4", "nq-35", ("Điều 3. Tổ chức thực hiện",), "3", "Giao UBND tỉnh <b>thực hiện</b>."
        ),
        Passage(
            "d#5",
            "nq-35",
            ("Phụ lục",),
            None,
            "Vùng I — Mức lương: 5.310.000",
            "row",
            (("Vùng", "Vùng I"), ("Mức lương tối thiểu tháng (đồng/tháng)", "5.310.000")),
        ),
    )
    toc = (
        Heading("Điều 2", SECTION[0], "dieu", SECTION[:1], "2"),
        Heading("b)", SECTION[1], "letter", SECTION, "2"),
        Heading("Điều 3", "Điều 3. Tổ chức thực hiện", "dieu", ("Điều 3. Tổ chức thực hiện",), "3"),
    )
    return Document(META, toc, passages)


def _cite(n=1, passage="d#2", answer: str | None = "96,5%") -> Citation:
    p = next(p for p in _document().passages if p.id == passage)
    span = (p.text.index(answer), p.text.index(answer) + len(answer)) if answer else None
    return Citation(
        n, "nq-35", META.title, META.number, p.section_str, p.article, p.text, span, 0.9, passage
    )


def test_dates_titles_and_labels():
    assert sources.iso_to_vn("2022-12-08") == "08/12/2022" and sources.iso_to_vn(None) is None
    assert sources.document_label(META) == "Nghị quyết 35/NQ-HĐND"
    assert sources.short_title(META).startswith("Về nhiệm vụ phát triển")
    long = DocumentMeta(
        "x", "Nghị quyết " + "về việc rất dài " * 12 + "của tỉnh Vĩnh Long năm 2025"
    )
    short = sources.short_title(long)
    assert len(short) <= sources.TITLE_CHARS + 4 and short.endswith("tỉnh Vĩnh Long năm 2025")
    assert " … " in short


def test_a_source_has_its_document_and_a_sentence_of_context_each_side():
    data = sources.source_json(_cite(), _document())
    assert data["label"] == "Nghị quyết 35/NQ-HĐND" and data["date_vn"] == "08/12/2022"
    assert data["issuer"] == META.issuer and data["effective_vn"] == "01/01/2023"
    ex = data["excerpt"]
    assert ex["before"] == "Tỷ lệ lao động qua đào tạo đạt 70%."  # the passage before, its end
    assert ex["text"] == "Tỷ lệ dân số tham gia bảo hiểm y tế đạt 96,5%."
    assert ex["text"][ex["span"][0] : ex["span"][1]] == "96,5%"
    assert ex["after"] == "Số xã đạt chuẩn: 12 xã."  # a colon does not end a sentence


def test_context_stays_within_the_article():
    data = sources.source_json(_cite(passage="d#3", answer="14 bác sĩ"), _document())
    assert data["excerpt"]["before"] == "Số xã đạt chuẩn: 12 xã." and data["excerpt"]["after"] == ""


def test_a_long_sentence_is_cut_around_the_answer():
    text = "Mở đầu " * 200 + "đạt 96,5% " + "kết thúc " * 200
    start = text.index("96,5%")
    ex = sources.excerpt(text, (start, start + 5))
    assert len(ex["text"]) <= sources.EXCERPT_CHARS + 4
    assert ex["text"].startswith("… ") and ex["text"].endswith(" …")
    assert ex["text"][ex["span"][0] : ex["span"][1]] == "96,5%"


def _turn(**extra) -> dict:
    doc = _document()
    return {
        "id": "abc123",
        "question": "Tỷ lệ tham gia BHYT?",
        "answer": "96,5% [1].",
        "abstained": False,
        "citations": [sources.source_json(_cite(), doc)],
        "related": [sources.source_json(_cite(2, "d#3", None), doc)],
        **extra,
    }


def test_markers_link_to_their_cards_and_related_passages_stand_apart():
    html = render.turn_html(_turn())
    assert '<a class="nqa-ref" href="#nqa-src-abc123-1" data-n="1"' in html
    assert 'id="nqa-src-abc123-1" open' in html and 'id="nqa-src-abc123-r1"' in html
    assert html.index("Nguồn trích dẫn") < html.index("Có thể liên quan")
    assert "<mark>96,5%</mark>" in html and "ngày 08/12/2022" in html
    assert 'data-doc="nq-35"' in html and "Đọc toàn bộ mục này trong Tra cứu" in html
    # a marker with no such source stays text
    assert "[7]" in render.answer_text_html("xem [7]", "t", {1})


def test_a_table_row_source_shows_its_cells():
    data = sources.source_json(_cite(1, "d#5", "5.310.000"), _document())
    html = render.source_card(data, "t")
    assert "<dt>Vùng</dt><dd>Vùng I</dd>" in html and "<mark>5.310.000</mark>" in html


def test_plain_text_copy_has_the_sources_and_no_markup():
    text = render.plain_text(_turn())
    assert text.startswith("96,5% [1].")
    assert "Nguồn trích dẫn:" in text and "[1] Nghị quyết 35/NQ-HĐND" in text
    assert "Hội đồng nhân dân tỉnh Thái Nguyên, ngày 08/12/2022" in text and "<" not in text


def test_rating_shows_the_comment_form_then_thanks():
    assert "nqa-comment" not in render.turn_html(_turn())
    rated = render.turn_html(_turn(rating="up"))
    assert 'data-rating="up" data-turn="abc123" aria-pressed="true"' in rated
    assert "nqa-comment" in rated
    assert "Đã ghi nhận góp ý" in render.turn_html(_turn(rating="up", commented=True))


def test_document_text_cannot_inject_markup_or_template_placeholders():
    doc = _document()
    evil = Passage(
        "d#9",
        "nq-35",
        ("<img src=x onerror=1>",),
        None,
        "${alert(1)} {{x}} `y` <script>",
        "content",
    )
    doc = Document(doc.meta, doc.toc, (*doc.passages, evil))
    c = Citation(1, "nq-35", "<b>t</b>", None, evil.section_str, None, evil.text, None, 0.5, "d#9")
    html = render.turn_html(
        {**_turn(), "question": "<i>?</i>", "citations": [sources.source_json(c, doc)]}
    )
    for bad in ("<script>", "<img", "${", "{{", "`", "<i>?"):
        assert bad not in html
    assert "&lt;script&gt;" in html and "&#36;&#123;alert(1)&#125;" in html


def test_first_screen_says_what_the_corpus_covers():
    info = {**overview.coverage([_document()]), "examples": ["Câu hỏi <1>?"]}
    assert info["kinds"] == [["Nghị quyết", 1]] and info["years"] == [2022, 2022]
    html = render.conversation_html([], info)
    assert "<b>1 văn bản</b> (1 nghị quyết)" in html and "ban hành năm 2022" in html
    assert 'data-q="Câu hỏi &lt;1&gt;?"' in html
    assert "đang trống" in render.conversation_html([], {"documents": 0})
    assert "Đang tải" in render.conversation_html([], None)


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        ("- Tỷ lệ hộ nghèo giảm còn 2,1%.", "Tỷ lệ hộ nghèo giảm còn bao nhiêu?"),
        (
            "Thu ngân sách nhà nước trên địa bàn huyện: 650 tỷ đồng.",
            "Thu ngân sách nhà nước trên địa bàn huyện là bao nhiêu?",
        ),
        ("Số xã đạt chuẩn nông thôn mới nâng cao: thêm 3 xã.", None),  # no figure after the cue
        (
            "b) Kinh phí thực hiện kế hoạch là 1,5 tỷ đồng từ ngân sách xã.",
            "Kinh phí thực hiện kế hoạch là bao nhiêu?",
        ),
        ("Có 12 xã đạt chuẩn.", None),
        ("Căn cứ Nghị định số 35/2022: về việc", None),
    ],
)
def test_example_questions_from_stated_figures(sentence, question):
    assert overview.question_from(sentence) == question


def test_example_questions_from_table_rows_and_dates():
    row = (
        ("STT", "1"),
        ("Vùng", "Vùng I"),
        ("Mức lương tối thiểu tháng (đồng/tháng)", "5.310.000"),
    )
    assert overview.question_from_row(row) == "Mức lương tối thiểu tháng vùng I là bao nhiêu?"
    assert overview.question_from_row((("Số TT", "1"), ("Tên", "Hà Nội"))) is None
    questions = overview.examples([_document()])
    assert questions[0] == ("Tỷ lệ hộ nghèo giảm bao nhiêu?", "nq-35")  # one document: not named
    plan = DocumentMeta("b", "Kế hoạch B", kind="Kế hoạch", effective="2025-01-01")
    two = overview.examples([_document(), Document(plan, (), ())], 12)
    assert two[0] == ("Theo Nghị quyết 35/NQ-HĐND, tỷ lệ hộ nghèo giảm bao nhiêu?", "nq-35")
    assert ("Tỷ lệ hộ nghèo giảm bao nhiêu?", "nq-35") in two  # then as it stands
    assert ("Kế hoạch B có hiệu lực từ ngày nào?", "b") in two


@pytest.mark.parametrize(
    ("text", "query", "marked"),
    [
        (
            "Đảm bảo tỷ lệ tham gia bảo hiểm y tế",
            "bảo hiểm y tế",
            ["bảo hiểm y tế"],
        ),  # not "bảo" of "Đảm bảo"
        ("Tỷ lệ hộ nghèo giảm 1%.", "ho ngheo", ["hộ nghèo"]),  # typed without diacritics
        ("Tăng trưởng và tầng lớp", "tăng", ["Tăng"]),  # one word: marked alone, exact diacritics
        ("GRDP tăng 8,5%", "GRDP của năm", ["GRDP"]),  # function words never
        (
            "bảo hiểm y tế: 95%",
            "y tế 95",
            ["y tế", "95"],
        ),  # a phrase stops at punctuation; figures alone
        ("Thu ngân sách nhà nước", '"ngân sách nhà nước" năm 2023', ["ngân sách nhà nước"]),
        ("Thu ngân sách tỉnh", '"ngân sách nhà nước"', []),  # a quoted phrase only whole
        ("Đào tạo nghề; đào tạo", "dao tao", ["Đào tạo", "đào tạo"]),
    ],
)
def test_phrase_aware_highlighting(text, query, marked):
    assert [text[s:e] for s, e in highlight.match_spans(text, query)] == marked


def test_relevance_is_the_share_of_content_words_found():
    assert highlight.coverage("Tỷ lệ hộ nghèo giảm", "tỷ lệ hộ nghèo năm 2023") == 0.8
    assert highlight.coverage("Tỷ lệ hộ nghèo", "xyzqwv phlogiston") == 0.0
    assert highlight.coverage("bất kỳ", "của và") == 1.0


def test_an_abbreviation_meets_its_long_form():
    q = highlight.parse("BHYT năm 2024", {"BHYT": "bảo hiểm y tế"})
    text = "Tỷ lệ tham gia bảo hiểm y tế đạt 96,5%; bảo hiểm xã hội 40%."
    assert [text[s:e] for s, e in highlight.match_spans(text, q)] == ["bảo hiểm y tế"]
    assert highlight.coverage(text, q) == 0.5  # BHYT found, 2024 not
    assert highlight.coverage("bảo hiểm xã hội", q) == 0.0


def _hit(text="Thu ngân sách: 20.000 tỷ đồng.") -> dict:
    spans = highlight.match_spans(text, "ngân sách")
    return {
        "doc_id": "nq-35",
        "section": "Điều 2",
        "text": text,
        "matches": spans,
        "passage_id": "d#1",
        "relevance": 1.0,
    }


def test_hits_name_the_document_and_say_relevance_in_percent():
    html = library.hits_html([_hit()], "ngân sách", {"nq-35": sources.meta_json(META)})
    assert "<mark>ngân sách</mark>" in html and "<b>Nghị quyết 35/NQ-HĐND</b>" in html
    assert "Độ liên quan: 100%" in html and "điểm" not in html and "ngày 08/12/2022" in html
    assert library.NO_MATCH in library.hits_html([], "xyz", {})


def test_section_reads_every_passage_under_a_heading_with_rows_as_a_table():
    doc = _document()
    info = shapes.toc_json(doc)
    assert [p.id for p in shapes.section_passages(doc, SECTION[:1])] == ["d#1", "d#2", "d#3"]
    part = shapes.section_json(doc, SECTION[0])
    assert part["heading"] == [SECTION[0]] and len(part["passages"]) == 3
    html = library.section_html(part, info, focus="d#2")
    assert 'id="nqa-p-d#2" class="nqa-passage nqa-focus"' in html and "Giao UBND" not in html
    assert f'<h4 class="nqa-sub">{SECTION[1]}</h4>' in html
    assert "Nghị quyết 35/NQ-HĐND: Về nhiệm vụ" in html
    assert "&lt;b&gt;thực hiện&lt;/b&gt;" in library.section_html(shapes.section_json(doc), info)
    table = library.section_html(shapes.section_json(doc, "Phụ lục"), info, focus="d#5")
    assert '<div class="nqa-scroll"' in table and '<th scope="col">Vùng</th>' in table
    assert '<tr id="nqa-p-d#5" class="nqa-focus"><td>Vùng I</td>' in table
    assert "không có đoạn văn" in library.section_html(shapes.section_json(doc, "Điều 9"), info)


def test_toc_choices_round_trip_through_the_heading_path():
    choices = library.toc_choices(shapes.toc_json(_document()))
    assert choices[0] == ("Toàn văn", "")
    label, value = choices[2]
    assert label.strip() == SECTION[1] and label.startswith("\u2003")
    assert shapes.parse_heading_path(value) == SECTION and shapes.parse_heading_path("") == ()


def test_document_list_reflows_and_card_has_dates():
    row = {"doc_id": "nq-35", "passages": 6, **sources.meta_json(META)}
    table = library.documents_html([row])
    assert '<td data-label="Ngày ban hành">08/12/2022</td>' in table and "2022-12-08" not in table
    assert "chưa có văn bản" in library.documents_html([])
    card = library.document_html(shapes.toc_json(_document()))
    assert '<th scope="row">Số hiệu</th><td>35/NQ-HĐND</td>' in card and "Người ký" not in card
    assert "6 đoạn, 3 mục" in card


def test_upload_report_in_vietnamese():
    assert library.warning_vi("no number found") == "Không tìm thấy số hiệu văn bản."
    assert "3 trên 10" in library.warning_vi(
        "many tiny passages: 3 of 10 content passages (30%) have fewer than 3 words (a table?)"
    )
    doc = {
        "doc_id": "x",
        "title": "Quyết định X",
        "label": "Quyết định",
        "passages": 3,
        "report": {
            "passages": {"content": 2, "row": 1},
            "tables": 1,
            "warnings": ["Không tìm thấy số hiệu văn bản."],
        },
    }
    html = library.report_html(doc)
    assert "Đã thêm văn bản" in html and "3 (2 đoạn nội dung, 1 dòng bảng)" in html
    assert "Cần kiểm tra" in html and "Không tìm thấy số hiệu" in html


def test_a_whole_table_passage_gives_a_row_of_context_each_side():
    text = (
        "Thanh tra thuộc Cục\nChánh Thanh tra — Hệ số: 0,70; Loại 2: 0,60\nPhó Chánh — Hệ số: 0,50"
    )
    start = text.index("0,70")
    ex = sources.excerpt(text, (start, start + 4), lines=True)
    assert ex["before"] == "Thanh tra thuộc Cục" and ex["after"] == "Phó Chánh — Hệ số: 0,50"
    assert ex["text"] == "Chánh Thanh tra — Hệ số: 0,70; Loại 2: 0,60"  # the row, not cut at ";"
    card = render.source_card({"n": 1, "doc_id": "d", "passage_kind": "table", "excerpt": ex}, "t")
    assert '<span class="nqa-ctx">Thanh tra thuộc Cục</span><br>' in card


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        (
            "Câu hỏi trống: hãy nhập câu hỏi (the question is empty).",
            "Câu hỏi trống: hãy nhập câu hỏi.",
        ),
        (
            "Câu hỏi quá dài (5000 ký tự, tối đa 2000): hãy rút gọn.",
            "Câu hỏi quá dài (5000 ký tự, tối đa 2000): hãy rút gọn.",
        ),
        ("Mã quản trị không đúng.", "Mã quản trị không đúng."),
    ],
)
def test_the_page_leaves_out_an_english_gloss(message, shown):
    from serve.pages.common import vietnamese

    assert vietnamese(message) == shown


MARKDOWN = "![ảnh](http://evil.example/x.png) [bấm vào](http://evil.example/) <a href=x>a</a>"


def test_markdown_in_a_question_or_a_document_is_shown_as_text():
    doc = _document()
    evil = Passage("d#9", "nq-35", (MARKDOWN,), None, f"Nội dung {MARKDOWN}", "content")
    doc = Document(doc.meta, doc.toc, (*doc.passages, evil))
    c = Citation(1, "nq-35", MARKDOWN, None, evil.section_str, None, evil.text, None, 0.5, "d#9")
    turn = {**_turn(), "question": MARKDOWN, "answer": f"Đáp: {MARKDOWN} [1]"}
    html = render.turn_html({**turn, "citations": [sources.source_json(c, doc)]})
    part = shapes.section_json(doc)
    pages = [
        html,
        library.section_html(part, shapes.toc_json(doc)),
        library.hits_html([{**_hit(), "text": MARKDOWN, "section": MARKDOWN}], MARKDOWN, {}),
        library.unreadable_html([{"file": MARKDOWN, "reason": MARKDOWN}]),
    ]
    for page in pages:
        assert "<img" not in page and "evil.example/x.png)" in page  # the characters, as typed
        assert 'href="http://evil' not in page and "<a href=x>" not in page
