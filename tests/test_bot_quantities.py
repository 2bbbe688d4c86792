"""A quantity the question states scopes its answer: "mẹ em 82 tuổi" is answered by the clause
whose range holds 82 ("từ đủ 80 tuổi trở lên"), not by a figure set with no age (real model, a
small document written here)."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

ASSISTANCE = """\
NGHỊ QUYẾT

Quy định mức chuẩn trợ giúp xã hội và chính sách trợ giúp xã hội của thành phố

Điều 1. Trợ cấp xã hội hằng tháng đối với người khuyết tật

1. Đối tượng hưởng trợ cấp: Người khuyết tật nặng không có việc làm, không có thu nhập.

2. Hệ số trợ cấp xã hội hằng tháng: 1.5.

Điều 2. Trợ cấp xã hội hằng tháng đối với người cao tuổi tại cộng đồng

1. Đối tượng hưởng trợ cấp: Người cao tuổi thuộc diện hộ nghèo, hộ cận nghèo, không có người có nghĩa vụ và quyền phụng dưỡng.

2. Hệ số trợ cấp xã hội hằng tháng:

a) Người cao tuổi từ đủ 60 tuổi đến dưới 80 tuổi: 1.2

b) Người cao tuổi từ đủ 80 tuổi trở lên: 2.0
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-tro-giup-xa-hoi.md", ASSISTANCE)


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("Mẹ em 82 tuổi, hộ nghèo, trợ cấp xã hội hằng tháng tính hệ số bao nhiêu?", "2.0"),
        ("bà tôi 65 tuổi thuộc hộ cận nghèo thì hệ số trợ cấp xã hội hằng tháng là bn", "1.2"),
    ],
)
def test_the_range_that_holds_the_age_stated_answers(bot, question, figure):
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert answer.text.startswith(figure), answer.text


def test_a_year_is_no_quantity_a_range_must_hold():
    from bot.ranges import quantities

    assert quantities("GDP năm 2025 đạt khoảng bao nhiêu") == []
    assert quantities("từ ngày 15 tháng 7 năm 2025") == []
    assert [q.unit for q in quantities("mẹ em 82 tuổi, nhà có 3 ha lúa")] == ["tuoi", "ha"]


DISASTER = """\
NGHỊ ĐỊNH

Quy định chính sách hỗ trợ cây trồng bị thiệt hại do thiên tai

Điều 5. Mức hỗ trợ đối với cây trồng

1. Diện tích lúa:

a) Thiệt hại trên 70% diện tích, hỗ trợ 30.000.000 đồng/ha;

b) Thiệt hại từ 30% đến 70% diện tích, hỗ trợ 15.000.000 đồng/ha.

2. Diện tích cây ăn quả lâu năm bị thiệt hại trên 70% diện tích, hỗ trợ 40.000.000 đồng/ha.
"""


@pytest.fixture(scope="module")
def disaster_bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nd-ho-tro-thien-tai.md", DISASTER)


def test_a_case_no_range_holds_is_not_answered_by_another_range(disaster_bot):
    # the decree sets amounts for "từ 30% đến 70%" and "trên 70%", none for under 30%
    answer = disaster_bot.ask(
        "Lúa bị thiệt hại dưới 30% diện tích thì được hỗ trợ bao nhiêu một ha?"
    )
    assert answer.abstained, answer.text
    held = disaster_bot.ask("Lúa bị thiệt hại 50% diện tích thì được hỗ trợ bao nhiêu một ha?")
    assert held.text.startswith("15.000.000"), held.text


def test_a_share_the_question_states_is_no_share_asked_per_hectare(disaster_bot):
    # "trên 70%" is the case; "bao nhiêu một ha" asks the amount per hectare
    answer = disaster_bot.ask(
        "Lúa bị thiệt hại trên 70% diện tích thì được hỗ trợ bao nhiêu một ha?"
    )
    assert answer.text.startswith("30.000.000 đồng/ha"), answer.text


TOURISM = """\
NGHỊ QUYẾT

Về nhiệm vụ phát triển kinh tế - xã hội năm 2023 của tỉnh

Điều 1. Các chỉ tiêu chủ yếu

1. Tốc độ tăng trưởng kinh tế (GRDP): 8,5%.

2. Số xã đạt chuẩn nông thôn mới: 12 xã.

Điều 2. Phát triển du lịch

Tăng cường hoạt động quảng bá, thu hút khách du lịch, giới thiệu văn hóa và con người của tỉnh đến du khách trong nước và quốc tế.
"""


@pytest.fixture(scope="module")
def tourism_bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-kt-xh-2023.md", TOURISM)


def test_how_many_is_not_answered_by_a_clause_that_counts_nothing(tourism_bot):
    from bot.evidence import asked_measure

    assert asked_measure("How many tourists does the province expect to welcome in 2023?")
    answer = tourism_bot.ask("How many tourists does the province expect to welcome in 2023?")
    assert answer.abstained, answer.text  # the tourism clause states no number of visitors
    counted = tourism_bot.ask("How many communes are to meet the new-countryside standard?")
    assert not counted.abstained and "12 xã" in counted.text, counted.text
