"""A position and its deputy: "Trưởng ban" asked is the chief's row, not "Phó Trưởng ban", and
the deputy asked is the deputy's (real model, a small document written here)."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

EXAMS = """\
NGHỊ QUYẾT

Quy định nội dung chi, mức chi tổ chức các kỳ thi trên địa bàn tỉnh

Điều 1. Mức chi tổ chức kỳ thi tốt nghiệp trung học phổ thông

| STT | Nội dung chi | Đơn vị tính | Mức chi (1.000đ) |
|---|---|---|---|
| 1 | Ban Chỉ đạo thi - Phó Trưởng ban thường trực | người/ngày | 650 |
| 2 | Ban Chỉ đạo thi - Phó Trưởng ban | người/ngày | 623 |
| 3 | Ban Chỉ đạo thi - Trưởng ban | người/ngày | 692 |
| 4 | Ban Chỉ đạo thi - Ủy viên, thư ký | người/ngày | 450 |
| 5 | Ban Thư ký Hội đồng thi - Phó Trưởng ban | người/ngày | 498 |
| 6 | Ban Thư ký Hội đồng thi - Trưởng ban | người/ngày | 554 |

Điều 2. Hiệu lực thi hành

Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-muc-chi-thi.md", EXAMS)


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("Trưởng Ban Chỉ đạo thi tốt nghiệp THPT được chi bao nhiêu một ngày?", "692"),
        ("Trưởng ban chỉ đạo thi trung học phổ thông được chi bao nhiêu?", "692"),
        ("truong ban chi dao thi tot nghiep thpt dc chi bn 1 ngay", "692"),
        ("Phó Trưởng ban Chỉ đạo thi tốt nghiệp được chi bao nhiêu một ngày?", "623"),
        ("Trưởng ban Thư ký Hội đồng thi THPT được chi bao nhiêu mỗi ngày?", "554"),
    ],
)
def test_the_position_asked_is_not_its_deputy(bot, question, figure):
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert answer.text.startswith(figure), answer.text


COUNCIL = """\
NGHỊ QUYẾT

Quy định mức chi tổ chức kỳ thi tốt nghiệp trung học phổ thông trên địa bàn tỉnh

Điều 1. Mức chi

| STT | Nội dung chi | Đơn vị tính | Mức chi (1.000đ) |
|---|---|---|---|
| 2 | **Hội đồng thi** | | |
| | Chủ tịch Hội đồng thi tốt nghiệp | người/ngày | 692 |
| | Phó Chủ tịch | người/ngày | 623 |
| | Ủy viên, thư ký | người/ngày | 450 |
"""


def test_the_deputy_asked_is_answered_by_the_deputy_row_under_its_group(tmp_path_factory):
    # "Phó Chủ tịch Hội đồng thi": the row "Phó Chủ tịch" under "Hội đồng thi", not the row
    # "Chủ tịch Hội đồng thi tốt nghiệp", which names more of the question's words
    bot = bot_over(tmp_path_factory, "nq-hoi-dong-thi.md", COUNCIL)
    answer = bot.ask("Phó Chủ tịch Hội đồng thi tốt nghiệp THPT được bồi dưỡng bao nhiêu một ngày?")
    assert not answer.abstained, answer.text
    assert answer.text.startswith("623"), answer.text
