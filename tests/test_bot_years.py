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


BUDGET_2020 = """\
QUỐC HỘI

NGHỊ QUYẾT

Về dự toán ngân sách nhà nước năm 2020

Điều 1. Thông qua dự toán ngân sách nhà nước năm 2020

1. Tổng số thu ngân sách nhà nước là 1.512.300.000 triệu đồng.

2. Mức bội chỉ ngân sách nhà nước là 234.800.000 triệu đồng, tương đương 3,44% tổng sản phẩm
trong nước (GDP).

Điều 2. Nghị quyết này được Quốc hội thông qua ngày 12 tháng 11 năm 2019.
"""

PLAN_2025 = """\
QUỐC HỘI

NGHỊ QUYẾT

Về bổ sung Kế hoạch phát triển kinh tế - xã hội năm 2025

Điều 1. Nhiệm vụ và giải pháp chủ yếu

1. Trường hợp cần thiết, Quốc hội cho phép điều chỉnh bội chi ngân sách nhà nước lên mức khoảng
4 - 4,5% GDP để huy động nguồn lực cho đầu tư phát triển.

2. Tốc độ tăng tổng sản phẩm trong nước (GDP) đạt 8% trở lên.

3. Bổ sung khoảng 84,3 nghìn tỷ đồng vốn đầu tư công từ nguồn tăng thu, tiết kiệm chi ngân sách
nhà nước năm 2024.

Điều 2. Nghị quyết này được Quốc hội thông qua ngày 19 tháng 02 năm 2025.
"""


@pytest.fixture(scope="module")
def budgets(tmp_path_factory):
    from bot import Bot
    from index import open_index

    folder = tmp_path_factory.mktemp("budgets")
    (folder / "nq-du-toan-2020.md").write_text(BUDGET_2020, encoding="utf-8")
    (folder / "nq-ke-hoach-2025.md").write_text(PLAN_2025, encoding="utf-8")
    return Bot(open_index(folder))


def test_the_year_asked_picks_the_clause_of_that_year_among_close_ones(budgets):
    from dataclasses import replace

    question = "Bội chi ngân sách nhà nước năm 2020 được Quốc hội duyệt bằng bao nhiêu % GDP?"
    answer = budgets.ask(question)
    assert not answer.abstained and answer.text.startswith("3,44%"), answer.text
    # the 2025 clause scored as well as the 2020 one, first: the year asked puts 2020's first
    found = budgets.evidence(question)
    units, hits = list(found.units), list(found.hits)
    other = next(u for u in units if "4,5%" in u.text)
    right = next(u for u in units if "3,44%" in u.text)
    rest = [u for u in units if u is not other and u is not right]
    first = [replace(other, score=right.score), right, *rest]
    assert budgets._scoped_first(found.query, first, hits)[0] is right
    # a year the clause mentions in passing does not make it about that year
    answer = budgets.ask("Tốc độ tăng trưởng GDP năm 2024 là bao nhiêu?")
    assert answer.abstained, answer.text
    answer = budgets.ask(
        "Năm 2025 bội chi ngân sách nhà nước được nâng lên khoảng bao nhiêu % GDP?"
    )
    assert not answer.abstained and "4,5%" in answer.text[:40], answer.text


DECREE_IN_FORCE_NEXT_YEAR = """\
CHÍNH PHỦ

Số: 301/2025/NĐ-CP

Hà Nội, ngày 10 tháng 11 năm 2025

NGHỊ ĐỊNH

Quy định mức phụ cấp trách nhiệm của nhân viên thư viện

Điều 1. Mức phụ cấp

Nhân viên thư viện được hưởng phụ cấp trách nhiệm 350.000 đồng/tháng.

Điều 2. Hiệu lực thi hành

Nghị định này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.
"""


@pytest.fixture(scope="module")
def next_year_bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nd-301-2025-phu-cap-thu-vien.md", DECREE_IN_FORCE_NEXT_YEAR)


def test_a_document_in_force_from_a_later_year_sets_nothing_for_the_year_it_was_signed(
    next_year_bot,
):
    # signed in 2025, in force from 2026: its amount is no answer for 2025
    before = next_year_bot.ask("Phụ cấp trách nhiệm của nhân viên thư viện năm 2025 là bao nhiêu?")
    assert before.abstained, before.text
    assert "350.000" not in before.text.split("\n")[0]
    during = next_year_bot.ask("Phụ cấp trách nhiệm của nhân viên thư viện năm 2026 là bao nhiêu?")
    assert "350.000" in during.text, during.text
    # a year that names the document, not the period
    named = next_year_bot.ask(
        "Theo nghị định năm 2025, phụ cấp trách nhiệm của nhân viên thư viện là bao nhiêu?"
    )
    assert "350.000" in named.text, named.text


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Theo nghị định năm 2025, phụ cấp là bao nhiêu?", True),
        ("Luật Trí tuệ nhân tạo 2025 quy định gì?", True),
        ("Under Vietnam's 2025 Law on Artificial Intelligence, who is notified?", True),
        ("Mức lương tối thiểu vùng I áp dụng trong năm 2025 là bao nhiêu?", False),
    ],
)
def test_a_year_that_names_a_document(question, names):
    from bot.checks import _names_document_year

    assert _names_document_year(question, "2025") is names
