"""A rule stated for a period answers a year inside it, not a year outside it that only the
document's title covers (real model, a small decree written here)."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

POVERTY = """\
NGHỊ ĐỊNH

Quy định chuẩn nghèo đa chiều quốc gia giai đoạn 2026 - 2030

Điều 1. Chuẩn nghèo năm 2026

Năm 2026 tiếp tục áp dụng chuẩn nghèo theo quy định hiện hành của Chính phủ.

Điều 2. Chuẩn nghèo giai đoạn 2027 - 2030

1. Tiêu chí thu nhập giai đoạn 2027 - 2030: Ở khu vực nông thôn: 2.200.000 đồng/người/tháng;
ở khu vực thành thị: 2.800.000 đồng/người/tháng.

2. Tiêu chí mức độ thiếu hụt dịch vụ xã hội cơ bản gồm việc làm, y tế, giáo dục, nhà ở.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nd-chuan-ngheo.md", POVERTY)


def test_a_year_inside_the_period_is_answered(bot):
    answer = bot.ask("Chuẩn nghèo năm 2028 ở khu vực thành thị là bao nhiêu một người một tháng?")
    assert answer.text.startswith("2.800.000"), answer.text


def test_a_year_outside_the_period_is_not_answered_from_it(bot):
    answer = bot.ask("Chuẩn nghèo năm 2026 ở khu vực thành thị là bao nhiêu một người một tháng?")
    assert "2.800.000" not in answer.text.split("\n")[0], answer.text
