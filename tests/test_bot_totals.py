"""A clause that states a total and then breaks it down ("Mức bội chi ... tương đương 3,44%
GDP, gồm:") answers for the total; its items answer for their parts (real model, a small
budget resolution written here)."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

BUDGET = """\
NGHỊ QUYẾT

Về dự toán ngân sách nhà nước năm 2020

Điều 1. Dự toán ngân sách nhà nước năm 2020

1. Tổng số thu ngân sách nhà nước là 1.512.300 tỷ đồng.

2. Mức bội chi ngân sách nhà nước là 234.800 tỷ đồng, tương đương 3,44% tổng sản phẩm trong nước (GDP), gồm:

a) Bội chi ngân sách trung ương là 217.800 tỷ đồng, tương đương 3,2% GDP;

b) Bội chi ngân sách địa phương là 17.000 tỷ đồng, tương đương 0,24%GDP.

Điều 2. Tổ chức thực hiện

Chính phủ tổ chức thực hiện Nghị quyết này.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-du-toan-2020.md", BUDGET)


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("Bội chi ngân sách nhà nước năm 2020 bằng bao nhiêu phần trăm GDP?", "3,44%"),
        ("Bội chi ngân sách địa phương năm 2020 tương đương bao nhiêu % GDP?", "0,24%"),
        ("Bội chi ngân sách trung ương năm 2020 là bao nhiêu % GDP?", "3,2%"),
    ],
)
def test_the_total_and_each_part_are_answered_by_their_own_clause(bot, question, figure):
    answer = bot.ask(question)
    assert answer.text.startswith(figure), answer.text
