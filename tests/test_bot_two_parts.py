"""A question that asks two things gets two answers: when the same clause would answer both
parts, the part it fits less is answered from the other passages, or said not to be found; the
same clause is never given twice (real model, a small resolution written here)."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

RESOLUTION = """\
NGHỊ QUYẾT

Quy định chính sách trợ giúp xã hội của thành phố Hà Nội

Điều 1. Trợ cấp hưu trí xã hội

1. Người cao tuổi đang hưởng trợ cấp hưu trí xã hội được thành phố hỗ trợ thêm hằng tháng 150.000 đồng (ngoài chính sách của nhà nước).

2. Người cao tuổi được thăm hỏi, tặng quà vào dịp Tết Nguyên đán.

Điều 2. Học phí

Học phí mầm non công lập là 190.000 đồng/tháng.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-ha-noi-tro-giup.md", RESOLUTION)


def test_one_clause_is_not_given_as_the_answer_to_both_parts(bot):
    answer = bot.ask(
        "Cụ ông đang hưởng trợ cấp hưu trí xã hội: nhà nước trả bao nhiêu mỗi tháng "
        "và thành phố hỗ trợ thêm bao nhiêu?"
    )
    assert not answer.abstained, answer.text
    first, second = answer.text.split("\n2) ")
    assert second.startswith("150.000 đồng"), answer.text  # the part the clause answers
    assert "150.000" not in first, answer.text  # the other is not answered by it again
    assert "Không tìm thấy" in first, answer.text
