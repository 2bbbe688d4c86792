""" "Khi nào ..." asked of what a document rules is answered by the clause that says when, not by
the date in the document's heading; the heading's date answers when the document itself was
issued (real model, a small circular written here)."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

CIRCULAR = """\
BỘ GIÁO DỤC VÀ ĐÀO TẠO
Số: 21/2025/TT-BGDĐT
Hà Nội, ngày 23 tháng 09 năm 2025

THÔNG TƯ

Quy định chế độ trả tiền lương dạy thêm giờ đối với nhà giáo

Điều 1. Định mức giờ dạy

1. Định mức tiết dạy/năm học đối với giáo viên phổ thông được tính theo quy định của Bộ.

Điều 2. Chi trả tiền lương dạy thêm giờ

1. Tiền lương dạy thêm giờ được tính theo số tiết dạy thêm thực tế.

2. Thời điểm chi trả tiền lương dạy thêm giờ cho nhà giáo được thực hiện sau khi kết thúc năm học.

Điều 3. Hiệu lực thi hành

Thông tư này có hiệu lực thi hành từ ngày 08 tháng 11 năm 2025.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "tt-21-2025-day-them-gio.md", CIRCULAR)


def test_when_a_rule_applies_is_read_in_the_clause_not_the_heading(bot):
    answer = bot.ask("Giáo viên dạy thêm giờ thì khi nào được trả tiền?")
    assert not answer.abstained, answer.text
    assert "sau khi kết thúc năm học" in answer.text
    assert "23 tháng" not in answer.text


@pytest.mark.parametrize(
    "question", ["Thông tư 21/2025 ban hành ngày nào?", "Thông tư này được ký ngày nào?"]
)
def test_the_heading_date_answers_when_the_document_was_issued(bot, question):
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert "23" in answer.text and "2025" in answer.text


CARDS = """\
NGHỊ ĐỊNH

Quy định chi tiết một số điều của Luật Bảo hiểm y tế

Điều 13. Thời điểm thẻ bảo hiểm y tế có giá trị sử dụng

8. Học sinh, sinh viên của cơ sở giáo dục đại học đóng bảo hiểm y tế hằng năm, trong đó:

a) Học sinh, sinh viên năm thứ nhất của khóa học: từ ngày nhập học;

b) Học sinh, sinh viên năm cuối của khóa học: từ ngày 01 tháng 01 đến ngày cuối của tháng kết
thúc khóa học.
"""


@pytest.mark.parametrize(
    "question",
    [
        "Sinh viên năm nhất mua BHYT ở trường thì thẻ có giá trị từ khi nào?",
        "sv nam nhat mua bhyt o truong thi the co gia tri tu luc nao vay",
    ],
)
def test_since_when_is_answered_by_the_day_an_event_names(tmp_path_factory, question):
    # "từ khi nào", "từ lúc nào": "từ ngày nhập học" names the day by what happens on it
    bot = bot_over(tmp_path_factory, "nd-bhyt.md", CARDS)
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert answer.text.startswith("từ ngày nhập học"), answer.text
