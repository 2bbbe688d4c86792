"""Which is highest or lowest: the figures set beside the one asked (the items of its list, the
cells of its table column) are compared; the highest or lowest answers first, the others after
it, each cited; a yes/no question is answered against the one that is (real model, a small
decree written here; pure reading of the question besides)."""

from __future__ import annotations

import pytest

from bot.superlatives import superlative
from tests.conftest import bot_over

DECREE = """\
NGHỊ ĐỊNH

Quy định mức phụ cấp trách nhiệm của nhân viên thư viện theo vùng

Điều 1. Mức phụ cấp theo vùng

| Vùng | Mức phụ cấp tháng (Đơn vị: đồng/tháng) |
|---|---|
| Vùng I | 900.000 |
| Vùng II | 780.000 |
| Vùng III | 650.000 |
| Vùng IV | 520.000 |

Điều 2. Cơ cấu nguồn kinh phí

Cơ cấu nguồn kinh phí: + Ngân sách trung ương: 60%; + Ngân sách địa phương: 30%; + Nguồn thu sự nghiệp: 10%.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nd-phu-cap-thu-vien.md", DECREE)


@pytest.mark.parametrize(
    ("question", "first", "others"),
    [
        ("Vùng nào có mức phụ cấp tháng thấp nhất?", "Vùng IV: 520.000", ("900.000", "650.000")),
        ("vung nao co muc phu cap thang cao nhat", "Vùng I: 900.000", ("520.000",)),
        (
            "Trong cơ cấu nguồn kinh phí, nguồn nào chiếm nhiều nhất?",
            "Ngân sách trung ương: 60%",
            ("10%",),
        ),
    ],
)
def test_the_highest_or_lowest_of_the_figures_set_beside_it(bot, question, first, others):
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert answer.text.startswith(first), answer.text
    assert all(o in answer.text for o in others), answer.text
    assert len(answer.citations) >= 3


def test_a_yes_no_superlative_is_answered_against_the_one_that_is(bot):
    no = bot.ask("Vùng II có phải có mức phụ cấp tháng cao nhất không?")
    assert no.text.startswith("Không, Vùng I mới cao nhất (900.000"), no.text
    yes = bot.ask("Vùng I có phải có mức phụ cấp tháng cao nhất không?")
    assert yes.text.startswith("Có. Vùng I: 900.000"), yes.text


@pytest.mark.parametrize(
    ("question", "highest", "rest"),
    [
        ("Vùng nào có mức lương thấp nhất?", False, "Vùng nào có mức lương bao nhiêu?"),
        ("nganh nao chiem ti trong lon nhat", True, "nganh nao chiem ti trong bao nhieu"),
        ("Tạo điều kiện tốt nhất cho nhà đầu tư là gì?", None, None),  # no figure compared
    ],
)
def test_what_a_superlative_asks(question, highest, rest):
    found = superlative(question)
    if highest is None:
        assert found is None
    else:
        assert found is not None and (found.highest, found.rest) == (highest, rest)
