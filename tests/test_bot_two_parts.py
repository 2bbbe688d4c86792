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


DECREE = """\
NGHỊ ĐỊNH

Quy định chi tiết về trợ cấp hưu trí xã hội

Điều 3. Mức trợ cấp hưu trí xã hội

Đối tượng quy định tại Điều 2 Nghị định này được hưởng trợ cấp hưu trí xã hội hằng tháng mức 500.000
đồng/tháng.
"""


def test_what_the_state_pays_in_a_province_is_the_national_figure(tmp_path_factory):
    from bot import Bot
    from index import open_index

    folder = tmp_path_factory.mktemp("two-docs")
    (folder / "nq-hdnd-ha-noi-tro-giup.md").write_text(
        RESOLUTION.replace(
            "của thành phố Hà Nội", "của thành phố Hà Nội\n\nHỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI"
        ),
        encoding="utf-8",
    )
    (folder / "nd-tro-cap-huu-tri.md").write_text(DECREE, encoding="utf-8")
    bot = Bot(open_index(folder))
    # "ở Hà Nội ... nhà nước trả": the state's figure holds in Hà Nội, though the decree does
    # not name it
    answer = bot.ask(
        "Một cụ ở Hà Nội đang hưởng trợ cấp hưu trí xã hội: mức nhà nước trả mỗi tháng là bao "
        "nhiêu và thành phố cho thêm bao nhiêu?"
    )
    assert not answer.abstained, answer.text
    first, second = answer.text.split("\n2) ")
    assert first.startswith("1) 500.000 đồng"), answer.text
    assert second.startswith("150.000 đồng"), answer.text
