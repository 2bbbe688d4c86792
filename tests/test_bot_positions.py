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


BUDGET = """\
NGHỊ QUYẾT

Quy định định mức phân bổ dự toán chi thường xuyên ngân sách thành phố

Điều 1. Định mức phân bổ chi hoạt động thường xuyên

| Cơ quan | Đơn vị | Quy mô | Định mức (đồng/biên chế/năm) |
| --- | --- | --- | --- |
| Cơ quan hành chính | Đơn vị dự toán trực thuộc đơn vị dự toán cấp I | Dưới 30 biên chế | 91.000.000 |
| Cơ quan hành chính | Đơn vị dự toán trực thuộc đơn vị dự toán cấp I | Từ 30 biên chế trở lên | 88.000.000 |
| Cơ quan hành chính | Đơn vị dự toán cấp I | Dưới 30 biên chế | 95.000.000 |
| Cơ quan hành chính | Đơn vị dự toán cấp I | Từ 30 biên chế trở lên | 92.000.000 |
"""


def test_the_row_whose_label_the_question_quotes_answers(tmp_path_factory):
    from bot.evidence import _quoted_labels

    asked = " van phong so don vi du toan cap i co duoi 30 bien che "
    row = (
        "Cơ quan hành chính — Đơn vị: Đơn vị dự toán cấp I; Quy mô: Dưới 30 biên chế; Định mức: 95"
    )
    assert _quoted_labels(row, asked) == 2
    other = row.replace("Đơn vị dự toán cấp I", "Đơn vị dự toán trực thuộc đơn vị dự toán cấp I")
    assert _quoted_labels(other, asked) == 1
    bot = bot_over(tmp_path_factory, "nq-dinh-muc.md", BUDGET)
    answer = bot.ask(
        "Văn phòng một sở (đơn vị dự toán cấp I) có dưới 30 biên chế thì được định mức chi hoạt "
        "động thường xuyên bao nhiêu một biên chế một năm?"
    )
    assert answer.text.startswith("95.000.000"), answer.text
