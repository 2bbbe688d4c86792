"""A yes/no question that states a circumstance (a day, an age, a height) is answered from the
clause that rules on it (pure parsing; and the real model on a small document written here)."""

from __future__ import annotations

import pytest

from bot.conditions import rules_on, stated_age, stated_day, stated_height
from tests.conftest import bot_over


@pytest.mark.parametrize(
    ("question", "day", "age", "height"),
    [
        ("ngay 23/11 di tham quan co mat phi ko", (23, 11), None, None),
        ("Nghị quyết ngày 23/11/2025 có hiệu lực chưa?", None, None, None),  # a date, not a day
        ("be nha e 10t vao tham quan co mat phi ko", None, 10, None),  # chat "10t": 10 tuổi
        ("Cụ bà 85 tuổi có được trợ cấp không?", None, 85, None),
        ("Con tôi cao 1,25 m có được miễn phí không?", None, None, 1.25),
        ("be cao 1m25 co mat tien ve ko", None, None, 1.25),
        ("Tháng 10 có được nghỉ không?", None, None, None),
    ],
)
def test_the_circumstance_a_question_states(question, day, age, height):
    assert (stated_day(question), stated_age(question), stated_height(question)) == (
        day,
        age,
        height,
    )


@pytest.mark.parametrize(
    ("question", "clause", "rules"),
    [
        ("ngày 23/11 có mất phí không", "Ngày Di sản văn hóa Việt Nam 23/11.", True),
        ("ngày 24/11 có mất phí không", "Ngày Di sản văn hóa Việt Nam 23/11.", False),
        ("bé 10 tuổi có mất phí không", "Trẻ em: Người dưới 16 tuổi.", True),
        ("cháu 17 tuổi có mất phí không", "Trẻ em: Người dưới 16 tuổi.", False),
        ("ông 72 tuổi có được giảm không", "Người từ đủ 60 tuổi trở lên.", True),
        ("cao 1,25 m có được miễn không", "thì áp dụng chiều cao dưới 1,3m.", True),
        ("cao 1,4 m có được miễn không", "thì áp dụng chiều cao dưới 1,3m.", False),
        ("làm được 5 tháng có được xếp loại không", "chưa đủ 06 tháng không xếp loại.", True),
        ("làm được 8 tháng có được xếp loại không", "chưa đủ 06 tháng không xếp loại.", False),
        ("tháng 5 có được xếp loại không", "chưa đủ 06 tháng không xếp loại.", False),
    ],
)
def test_a_clause_rules_on_the_stated_circumstance(question, clause, rules):
    assert rules_on(question, clause) is rules


FEES = """\
NGHỊ QUYẾT

Quy định phí tham quan di tích lịch sử trên địa bàn phường

Điều 1. Mức thu phí

Mức thu phí tham quan Đền Bạch Mã là 20.000 đồng/lượt/khách.

Điều 2. Đối tượng miễn thu phí

1. Người khuyết tật đặc biệt nặng.

2. Trẻ em: Người dưới 16 tuổi.

Điều 3. Thời gian không thu phí

Đối với tất cả các di tích: Ngày Di sản văn hóa Việt Nam 23/11.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-phi-den.md", FEES)


def test_a_stated_day_is_answered_from_the_clause_naming_it(bot):
    answer = bot.ask("Ngày 23/11 đi tham quan Đền Bạch Mã có mất phí không?")
    assert answer.text.startswith("Không"), answer.text
    assert "23/11" in answer.text, answer.text


def test_a_ruling_clause_is_found_in_the_document_when_no_clause_read_holds_it(bot):
    # only the fee clause was read; the clause on children stands elsewhere in the document
    from bot.conditions import ruling_clause
    from bot.evidence import Unit
    from index.types import Hit

    fee = next(p for p in bot.index.passages if "20.000" in p.text)
    best = Unit(0, 0, len(fee.text), fee.text, None, "", 1.0, 1.0, 1.0)
    found = ruling_clause(
        "Bé 10t vào đền Bạch Mã có mất phí không?", best, [Hit(fee, 1.0)], bot.index.passages
    )
    assert found is not None
    passage, start, end = found
    assert "Trẻ em: Người dưới 16 tuổi" in passage.text[start:end]
    # a question that states no age, day, span or height asks for no ruling clause
    assert (
        ruling_clause("Đền Bạch Mã thu phí không?", best, [Hit(fee, 1.0)], bot.index.passages)
        is None
    )


def test_a_temple_named_with_its_street_is_two_names():
    from bot.checks import _held

    row = "den bach ma, so 76 hang buom — muc thu phi (dong): 20.000"
    assert _held(row, "bach ma hang buom")
    assert not _held(row, "quan de hang buom")
    assert not _held(row, "bach ma hang")  # three words are one name


LOANS = """\
NGHỊ QUYẾT

Quy định lãi suất cho vay từ nguồn vốn ngân sách thành phố ủy thác qua Ngân hàng Chính sách xã hội

Điều 1. Phạm vi điều chỉnh

Nghị quyết này quy định mức cho vay, thời hạn cho vay, lãi suất cho vay đối với hộ nghèo vay vốn ngân sách thành phố ủy thác qua Ngân hàng Chính sách xã hội.

Điều 2. Mức cho vay

Mức cho vay tối đa là 100 triệu đồng/hộ.

Điều 3. Lãi suất

Áp dụng lãi suất cho vay là 4,8%/năm.
"""


@pytest.fixture(scope="module")
def loans(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-cho-vay.md", LOANS)


@pytest.mark.parametrize(
    ("claimed", "verdict"),
    [("6,6%/năm", "Không"), ("4,8%/năm", "Có")],
)
def test_a_claimed_rate_is_checked_against_the_clause_stating_one(loans, claimed, verdict):
    # the clause that names "lãi suất" best states no rate; the one stating it rules
    answer = loans.ask(
        "Hộ nghèo vay vốn ngân sách thành phố ủy thác qua Ngân hàng Chính sách xã hội "
        f"có phải chịu lãi suất {claimed} không?"
    )
    assert answer.text.startswith(verdict), answer.text
    assert "4,8%/năm" in answer.text, answer.text
