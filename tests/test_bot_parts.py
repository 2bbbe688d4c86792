"""A document's parts: what a chapter or an appendix the question names is about ("Phụ lục I
quy định gì" -> its title), which ones a document has ("có những phụ lục nào"), and an
appendix without a title told by what its table lists (real model, a small decree written
here); pure reading of the question and the headings besides."""

from __future__ import annotations

import pytest

from bot.parts import part_question
from tests.conftest import bot_over

DECREE = """\
CHÍNH PHỦ

Số: 77/2025/NĐ-CP

NGHỊ ĐỊNH

Quy định chế độ hỗ trợ người làm nghề muối

Chương I

QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh

Nghị định này quy định chế độ hỗ trợ người làm nghề muối tại các tỉnh ven biển.

Điều 2. Đối tượng áp dụng

Người trực tiếp sản xuất muối có hợp đồng với hợp tác xã.

Chương II

MỨC HỖ TRỢ VÀ THỦ TỤC

Điều 3. Mức hỗ trợ

Người làm nghề muối được hỗ trợ 1.200.000 đồng/người/tháng trong mùa mưa bão.

Điều 4. Hồ sơ đề nghị

Hồ sơ gồm đơn đề nghị theo Mẫu số 01 và bảng kê theo Mẫu số 02 tại Phụ lục II ban hành kèm theo Nghị định này.

**PHỤ LỤC I**
DANH MỤC CÁC TỈNH VEN BIỂN CÓ ĐỒNG MUỐI
*(Kèm theo Nghị định số 77/2025/NĐ-CP của Chính phủ)*

1. Tỉnh Nam Định.

2. Tỉnh Ninh Thuận.

**PHỤ LỤC II**
*(Kèm theo Nghị định số 77/2025/NĐ-CP của Chính phủ)*

| Mẫu số | Tên mẫu |
|---|---|
| Mẫu số 01 | Đơn đề nghị hỗ trợ người làm nghề muối |
| Mẫu số 02 | Bảng kê người làm nghề muối được hỗ trợ |
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nd-77-2025-ho-tro-nghe-muoi.md", DECREE)


@pytest.mark.parametrize(
    "question",
    [
        "Phụ lục I của Nghị định 77/2025 quy định danh mục gì?",
        "phu luc 1 nghi dinh 77/2025 la gi vay",
        "What is Appendix I of Decree 77/2025 about?",
    ],
)
def test_an_appendix_named_is_told_by_its_title(bot, question):
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    first = answer.text.split("\n")[0]
    assert first.startswith("Phụ lục I của Nghị định 77/2025/NĐ-CP"), answer.text
    assert "danh mục các tỉnh ven biển có đồng muối" in first.lower(), answer.text
    assert "DANH MỤC" not in first  # written as a sentence, not in the heading's capitals
    assert answer.citations and answer.citations[0].section.startswith("Phụ lục I")


def test_a_chapter_named_is_told_by_its_title(bot):
    answer = bot.ask("Chương II của Nghị định 77/2025 nói về gì?")
    assert "mức hỗ trợ và thủ tục" in answer.text.lower(), answer.text
    assert answer.citations[0].section.startswith("Chương II")


def test_the_parts_of_a_document_are_listed_each_cited(bot):
    answer = bot.ask("Nghị định 77/2025 có những phụ lục nào?")
    lines = answer.text.split("\n")
    assert lines[0] == "Nghị định 77/2025/NĐ-CP có 2 phụ lục:", answer.text
    assert lines[1].startswith("- Phụ lục I: Danh mục các tỉnh ven biển"), answer.text
    assert lines[2].startswith("- Phụ lục II") and lines[2].endswith("[2]"), answer.text
    assert len(answer.citations) == 2
    chapters = bot.ask("Nghị định 77/2025 gồm mấy chương?")
    assert chapters.text.startswith("Nghị định 77/2025/NĐ-CP có 2 chương:"), chapters.text


def test_an_untitled_appendix_is_told_by_what_its_table_lists(bot):
    answer = bot.ask("Phụ lục II của Nghị định 77/2025 gồm gì?")
    assert answer.text.startswith("Phụ lục II của Nghị định 77/2025/NĐ-CP gồm:"), answer.text
    assert "Mẫu số 01" in answer.text and "Đơn đề nghị hỗ trợ người làm nghề muối" in answer.text
    assert "Mẫu số 02" in answer.text and len(answer.citations) == 2


def test_what_lies_inside_a_part_is_not_answered_by_its_title(bot):
    # a figure set in the decree, a form named inside an appendix: the usual reading answers
    answer = bot.ask("Người làm nghề muối được hỗ trợ bao nhiêu tiền một tháng?")
    assert "1.200.000" in answer.text, answer.text
    form = bot.ask("Mẫu số 01 trong Phụ lục II là mẫu gì?")
    assert "Đơn đề nghị hỗ trợ người làm nghề muối" in form.text, form.text


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Phụ lục I Nghị định 158/2025 quy định danh mục gì?", ("phu luc", "I")),
        ("phụ lục của thông tư 154 là gì", ("phu luc", "")),
        ("Chương 3 của luật này nói về gì?", ("chuong", "3")),
        ("Nghị quyết 22/2025 có những phụ lục nào?", ("phu luc", None)),
        ("Which appendices does Resolution 22 have?", ("phu luc", None)),
        ("có mấy chương", ("chuong", None)),
        # not about a part itself
        ("Các chương trình nào được hỗ trợ?", None),
        ("mấy chương trình tín dụng", None),
        ("Mức chi quy định tại các phụ lục kèm theo là bao nhiêu?", None),
        ("Mẫu số 03 trong Phụ lục II là gì?", None),
        ("Trong phụ lục I của Nghị định 335, tiêu chí đánh giá về đạo đức là gì?", None),
        ("Phụ lục I quy định mức chi cho giám thị bao nhiêu?", None),
    ],
)
def test_what_a_question_asks_of_parts(question, asked):
    found = part_question(question)
    assert (found and (found.kind, found.key)) == asked or (found is None and asked is None)
