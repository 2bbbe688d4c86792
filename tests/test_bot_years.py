"""An article that states its year scopes its passages: a resolution on 2022's results and
2023's targets answers "năm 2023" from its 2023 article and does not answer "năm 2022" with a
2023 target (real model, a small document written here)."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

PLAN = """\
---
title: "Nghị quyết về kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2022; mục tiêu, nhiệm vụ năm 2023"
kind: Nghị quyết
issuer: Hội đồng nhân dân tỉnh Bắc Sơn
date: 2022-12-08
---

NGHỊ QUYẾT

Về kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2022; mục tiêu, nhiệm vụ năm 2023

Điều 1. Thông qua kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2022 nêu trong báo
cáo của Ủy ban nhân dân tỉnh.

Điều 2. Thông qua mục tiêu, nhiệm vụ phát triển kinh tế - xã hội năm 2023 với các chỉ tiêu chủ
yếu sau:

1. Các chỉ tiêu kinh tế

- Tốc độ tăng trưởng kinh tế (GRDP): 8,5%.

- GRDP bình quân đầu người: 115 triệu đồng.

2. Các chỉ tiêu xã hội

- Tỷ lệ dân số tham gia bảo hiểm y tế: 95%.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-kt-xh-2023.md", PLAN)


def test_the_year_an_article_states_is_answered(bot):
    answer = bot.ask("Tốc độ tăng trưởng kinh tế năm 2023 là bao nhiêu?")
    assert answer.text.startswith("8,5%"), answer.text


def test_a_target_of_the_articles_year_does_not_answer_another_year(bot):
    # the title and the signing date say 2022, the article that holds the figure says 2023
    answer = bot.ask("Năm 2022 tốc độ tăng trưởng kinh tế thực tế đạt bao nhiêu phần trăm?")
    assert answer.abstained, answer.text
