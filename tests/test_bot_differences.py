"""By how much: "A cao hơn B bao nhiêu", "chênh (lệch) bao nhiêu" is answered with both figures,
which is higher, and the difference worked out from the two figures shown ("chênh 1,8 điểm phần
trăm (6,6% − 4,8%)"), so the reader can check it; figures of one unit only (pure logic, and
the real model over a small decision written here)."""

from __future__ import annotations

import pytest

from bot.compose import compare_answer
from bot.understand import side_questions
from tests.conftest import bot_over

DECISION = """\
NGHỊ QUYẾT

Quy định mức lãi suất cho vay từ nguồn vốn ngân sách thành phố ủy thác

Điều 1. Mức lãi suất cho vay

1. Đối với hộ nghèo: Áp dụng lãi suất cho vay là 4,8%/năm.

2. Đối với hộ mới thoát nghèo: Áp dụng mức lãi suất cho vay là 6,6%/năm.

Điều 2. Mức cho vay tối đa

Mức cho vay tối đa đối với hộ nghèo là 100 triệu đồng/hộ.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-lai-suat.md", DECISION)


@pytest.mark.parametrize(
    "question",
    [
        "Lãi suất cho vay đối với hộ mới thoát nghèo cao hơn hộ nghèo bao nhiêu điểm phần trăm?",
        "Lãi suất cho vay hộ mới thoát nghèo so với hộ nghèo chênh lệch bao nhiêu?",
    ],
)
def test_by_how_much_one_figure_exceeds_the_other(bot, question):
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert "6,6%" in answer.text and "4,8%" in answer.text, answer.text
    assert "chênh 1,8 điểm phần trăm" in answer.text, answer.text
    assert len(answer.citations) == 2


@pytest.mark.parametrize(
    ("sides", "question", "said"),
    [
        (
            [("5.310.000 đồng/tháng", "Vùng I", 1), ("4.730.000 đồng/tháng", "Vùng II", 2)],
            "Vùng I cao hơn vùng II bao nhiêu?",
            "chênh 580.000 đồng/tháng (5.310.000 − 4.730.000)",
        ),
        (  # one unit counted per one period, whatever it is per in between
            [
                ("200 nghìn đồng/người học/tháng", "Vĩnh Long", 1),
                ("130 nghìn đồng/trẻ,học sinh/tháng", "Huế", 2),
            ],
            "Vĩnh Long hay Huế cao hơn, chênh bao nhiêu?",
            "chênh 70 nghìn đồng/tháng (200 − 130)",
        ),
        (
            [("tối đa 1,36%", "năm 2025", 1), ("tối đa 1,23%", "năm 2027", 2)],
            "năm 2025 và năm 2027 chênh lệch thế nào?",
            "chênh 0,13 điểm phần trăm (1,36% − 1,23%)",
        ),
    ],
)
def test_the_difference_is_worked_out_from_the_figures_shown(sides, question, said):
    names = [label for _, label, _ in sides]
    assert said in compare_answer(sides, names, question)


def test_no_difference_unless_asked_or_across_units():
    sides = [("95%", "BHYT", 1), ("44%", "BHXH", 2)]
    assert "chênh" not in compare_answer(sides, ["BHYT", "BHXH"], "BHYT hay BHXH cao hơn?")
    mixed = [("5.310.000 đồng/tháng", "tháng", 1), ("25.500 đồng/giờ", "giờ", 2)]
    assert "chênh" not in compare_answer(mixed, ["tháng", "giờ"], "chênh nhau bao nhiêu?")


def test_the_second_side_ends_before_what_is_asked_of_it():
    _, _, sides = side_questions(
        "Lãi suất với hộ mới thoát nghèo cao hơn hộ nghèo bao nhiêu điểm phần trăm mỗi năm?"
    )
    assert sides == ("hộ mới thoát nghèo", "hộ nghèo")
