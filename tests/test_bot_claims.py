"""A yes/no question that claims a place the documents never name is answered "Không" with the
place they do name (real model, a small resolution written here)."""

from __future__ import annotations

import pytest

from bot.claims import place_claim
from tests.conftest import bot_over

PLAN = """\
NGHỊ QUYẾT

Về nhiệm vụ phát triển kinh tế - xã hội năm 2023 của tỉnh Thái Nguyên

Điều 1. Xây dựng nông thôn mới

1. Số xã đạt chuẩn nông thôn mới trong năm: 11 xã.

2. Hoàn thành mục tiêu xây dựng huyện Định Hóa đạt chuẩn nông thôn mới trong năm 2023.

Điều 2. Chuyển đổi số

Xây dựng chính quyền số, phát triển kinh tế số, xã hội số trên địa bàn tỉnh.
"""


@pytest.mark.parametrize(
    ("question", "kind", "name", "which"),
    [
        (
            "Có phải Phú Bình là huyện được nhắm về đích nông thôn mới năm 2023 không?",
            "huyện",
            "Phú Bình",
            "huyện nào được nhắm về đích nông thôn mới năm 2023",
        ),
        (
            "Huyện Phú Bình có được nhắm về đích nông thôn mới năm 2023 không?",
            "huyện",
            "Phú Bình",
            "huyện nào được nhắm về đích nông thôn mới năm 2023",
        ),
        ("Xã A Lưới 2 có thuộc miền núi không?", "xã", "A Lưới 2", "xã nào thuộc miền núi"),
    ],
)
def test_a_yes_no_question_claiming_a_place_is_asked_as_which(question, kind, name, which):
    claim = place_claim(question)
    assert claim is not None and (claim.kind, claim.name, claim.which) == (kind, name, which)


def test_questions_that_claim_no_place_are_left_alone():
    assert place_claim("Tỷ lệ hộ nghèo giảm 1% phải không?") is None
    assert place_claim("Học phí ở các xã miền núi có được giảm không?") is None
    assert place_claim("Huyện Định Hóa đạt chuẩn nông thôn mới năm nào?") is None  # not yes/no


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-nhiem-vu-2023.md", PLAN)


def test_a_place_the_documents_never_name_is_answered_no_with_the_one_they_do(bot):
    answer = bot.ask("Có phải Phú Bình là huyện được nhắm về đích nông thôn mới năm 2023 không?")
    assert answer.text.startswith("Không."), answer.text
    assert "Định Hóa" in answer.text and answer.citations, answer.text
    # the place they do name is confirmed as any yes/no question
    answer = bot.ask("Có phải Định Hóa là huyện được nhắm về đích nông thôn mới năm 2023 không?")
    assert answer.text.startswith("Có."), answer.text
