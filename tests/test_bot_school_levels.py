"""A level of schooling the question names (THPT, cấp 2, mầm non) is answered only by a figure
set for that level: a table that has no row for it says nothing of it (real model, a small
resolution written here)."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

NORMS = """\
NGHỊ QUYẾT

Quy định định mức phân bổ chi thường xuyên ngân sách cấp xã năm 2026

Điều 1. Định mức phân bổ chi sự nghiệp giáo dục

| Cấp học | Đơn vị tính | Định mức |
|---|---|---|
| Mầm non | Đồng/trẻ/năm | 8.000.000 |
| Tiểu học | Đồng/học sinh/năm | 7.500.000 |
| Trung học cơ sở (THCS) | Đồng/học sinh/năm | 9.500.000 |

Điều 2. Tổ chức thực hiện

Ủy ban nhân dân thành phố tổ chức thực hiện Nghị quyết này.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-dinh-muc-giao-duc.md", NORMS)


def test_the_level_asked_is_answered_by_its_row(bot):
    answer = bot.ask("Định mức phân bổ chi giáo dục cho mỗi học sinh THCS là bao nhiêu?")
    assert not answer.abstained, answer.text
    assert answer.text.startswith("9.500.000"), answer.text


def test_a_level_the_table_has_no_row_for_is_not_answered(bot):
    answer = bot.ask("Định mức phân bổ chi giáo dục cho mỗi học sinh THPT là bao nhiêu?")
    assert answer.abstained, answer.text


TUITION = """\
NGHỊ QUYẾT

Quy định mức học phí năm học 2025 - 2026 trên địa bàn tỉnh An Hòa

Điều 1. Mức học phí

Đơn vị tính: 1.000 đồng/học sinh/tháng

| Địa bàn | Mầm non | Tiểu học | Trung học cơ sở | Trung học phổ thông |
|---|---|---|---|---|
| Đô thị | 190 | 180 | 110 | 130 |
| Nông thôn | 140 | 135 | 95 | 115 |

Điều 2. Nghị quyết này có hiệu lực từ ngày 01 tháng 9 năm 2025.
"""


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        # a grade is read as its level: "lớp 7" is lower secondary, "lop 11" upper secondary
        ("Học phí lớp 7 trường công ở vùng nông thôn An Hòa bao nhiêu một tháng?", "95"),
        ("hoc phi lop 11 o do thi an hoa bn 1 thang", "130"),
        ("con hoc lop 2 o nong thon thi hoc phi bao nhieu", "135"),
    ],
)
def test_a_grade_is_answered_by_the_figure_of_its_level(tmp_path_factory, question, figure):
    bot = bot_over(tmp_path_factory, "nq-hoc-phi.md", TUITION)
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert answer.text.startswith(f"{figure} nghìn"), answer.text
