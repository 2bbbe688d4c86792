"""A rule stated for a period answers a year inside it, not a year outside it that only the
document's title covers; a yes/no question claiming its figure for such a year is answered
"Không", with the period (real model, a small decree written here)."""

from __future__ import annotations

import pytest

from bot.compose import covers, period_apart
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


def test_a_figure_set_for_a_later_period_is_no_for_the_year_asked(bot):
    answer = bot.ask("Năm 2026 có áp dụng chuẩn nghèo nông thôn 2.200.000 đồng/người/tháng không?")
    assert not answer.abstained, answer.text
    assert answer.text.startswith("Không"), answer.text
    assert "2027 - 2030" in answer.text, answer.text


def test_the_same_figure_in_its_own_period_is_yes(bot):
    answer = bot.ask("Năm 2028 chuẩn nghèo nông thôn là 2.200.000 đồng/người/tháng phải không?")
    assert answer.text.startswith("Có"), answer.text


@pytest.mark.parametrize(
    ("years", "section", "expected"),
    [
        (("2026",), ("Điều 3. Chuẩn nghèo giai đoạn 2027 - 2030", "1. Tiêu chí"), "Điều 3. Chuẩn nghèo giai đoạn 2027 - 2030"),
        (("2028",), ("Điều 3. Chuẩn nghèo giai đoạn 2027 - 2030",), None),
        (("2026",), ("Điều 3. Mức chuẩn",), None),  # no heading names a year: nothing to say
        # the nearest heading that names a year decides
        (("2026",), ("Chương I giai đoạn 2026 - 2030", "Điều 3. Năm 2027"), "Điều 3. Năm 2027"),
    ],
)  # fmt: skip
def test_the_nearest_heading_naming_a_year_sets_the_period(years, section, expected):
    assert period_apart(years, section) == expected


def test_a_document_covers_the_years_its_title_sets():
    assert covers(("2026",), "Quy định chuẩn nghèo giai đoạn 2026 - 2030")
    assert not covers(("2024",), "Mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm 2023")


@pytest.mark.parametrize(
    "question",
    [
        "Chuẩn hộ cận nghèo năm 2028 ở khu vực nông thôn là bao nhiêu?",
        "Chuẩn hộ có mức sống trung bình năm 2028 ở khu vực thành thị là bao nhiêu?",
    ],
)
def test_a_class_of_household_the_decree_sets_no_figure_for_is_not_answered(bot, question):
    # the decree gives the poverty line only: not the near-poor or middle-living standard
    answer = bot.ask(question)
    assert answer.abstained, answer.text
