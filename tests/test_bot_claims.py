"""A yes/no question that claims a place the documents never name is answered "Không" with the
place they do name; one that claims a date is answered by the date the documents give (real
model, small resolutions written here)."""

from __future__ import annotations

import pytest

from bot.claims import date_claim, place_claim, session_claim
from bot.evidence import without_claims
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


FEES = """\
HỘI ĐỒNG NHÂN DÂN TỈNH VĨNH LONG

NGHỊ QUYẾT

Quy định mức học phí năm học 2025 - 2026 trên địa bàn tỉnh Vĩnh Long

Điều 1. Mức học phí

Mức học phí đối với trẻ em mầm non ở thành thị: 200.000 đồng/học sinh/tháng.

Điều 2. Điều khoản thi hành

1. Nghị quyết này có hiệu lực từ ngày 28 tháng 11 năm 2025.

2. Nghị quyết này đã được Hội đồng nhân dân tỉnh Vĩnh Long khóa X, kỳ họp thứ 5 thông qua ngày
18 tháng 11 năm 2025.
"""


@pytest.mark.parametrize(
    ("question", "date", "which"),
    [
        (
            "Nghị quyết học phí có phải bắt đầu có hiệu lực từ 01/01/2026 không?",
            "2026-01-01",
            "Nghị quyết học phí bắt đầu có hiệu lực từ ngày nào",
        ),
        (
            "nghi quyet thong qua ngay 8 thang 12 nam 2022 dung ko",
            "2022-12-08",
            "nghi quyet thong qua ngày nào",
        ),
    ],
)
def test_a_yes_no_question_claiming_a_date_is_asked_as_when(question, date, which):
    claim = date_claim(question)
    assert claim is not None and (claim.date, claim.which) == (date, which)


def test_a_date_that_bounds_a_condition_or_a_question_without_one_claims_nothing():
    assert date_claim("Người nghỉ hưu trước ngày 01/7/2025 có được hưởng trợ cấp không?") is None
    assert date_claim("Nghị quyết có hiệu lực từ ngày nào?") is None  # not yes/no
    assert date_claim("Mức học phí mầm non là 200.000 đồng phải không?") is None
    # the date frames the claim, a figure
    assert date_claim("Từ 01/7/2026, khám ở cơ sở cấp cơ bản BHYT vẫn trả 100% không?") is None


@pytest.fixture(scope="module")
def fees_bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-hoc-phi-vinh-long.md", FEES)


@pytest.mark.parametrize(
    ("question", "start", "date"),
    [
        ("Nghị quyết học phí có phải có hiệu lực từ 01/01/2026 không?", "Không.", "28 tháng 11"),
        ("Nghị quyết học phí có hiệu lực từ ngày 28/11/2025 đúng không?", "Có.", "28 tháng 11"),
        ("Nghị quyết học phí được thông qua ngày 21/11/2025 phải không?", "Không.", "18 tháng 11"),
    ],
)
def test_a_claimed_date_is_checked_against_the_date_the_document_gives(
    fees_bot, question, start, date
):
    answer = fees_bot.ask(question)
    assert answer.text.startswith(start), answer.text
    assert date in answer.text and answer.citations, answer.text


@pytest.mark.parametrize(
    ("question", "number", "which"),
    [
        (
            "Nghị quyết được thông qua tại kỳ họp thứ chín phải không?",
            9,
            "Nghị quyết được thông qua tại kỳ họp thứ mấy",
        ),
        ("nghi quyet thong qua o ky hop thu muoi mot dung ko", 11, "nghi quyet thong qua o kỳ họp "
         "thứ mấy"),
        ("Luật được thông qua tại kỳ họp thứ 10 đúng không?", 10, "Luật được thông qua tại kỳ họp "
         "thứ mấy"),
    ],
)  # fmt: skip
def test_a_yes_no_question_claiming_a_session_is_asked_as_which(question, number, which):
    claim = session_claim(question)
    assert claim is not None and (claim.number, claim.which) == (number, which)
    assert session_claim("Nghị quyết được thông qua tại kỳ họp thứ mấy?") is None  # not yes/no


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("Nghị quyết học phí được thông qua tại kỳ họp thứ tư phải không?", "Không."),
        ("Nghị quyết học phí được thông qua tại kỳ họp thứ năm phải không?", "Có."),
        ("nghi quyet hoc phi thong qua o ky hop thu 5 dung ko", "Có."),
    ],
)
def test_a_claimed_session_is_checked_against_the_session_the_document_gives(
    fees_bot, question, start
):
    answer = fees_bot.ask(question)
    assert answer.text.startswith(start), answer.text
    assert "thứ 5" in answer.text and answer.citations, answer.text


ALLOWANCES = """\
CHÍNH PHỦ

NGHỊ ĐỊNH

Sửa đổi, bổ sung một số điều của Nghị định về chế độ tiền lương

Điều 1. Sửa đổi, bổ sung bảng phụ cấp chức vụ lãnh đạo

1. Sửa đổi tên bảng phụ cấp chức vụ lãnh đạo của chính quyền địa phương.

2. Bổ sung mục 8a như sau:

8a. Ủy ban nhân dân xã, phường, đặc khu trực thuộc tỉnh, thành phố

| Chức danh | Xã, phường, đặc khu trực thuộc thành phố Hà Nội, Thành phố Hồ Chí Minh (Hệ số) | Xã, phường, đặc khu trực thuộc tỉnh, thành phố còn lại (Hệ số) |
|---|---|---|
| Chủ tịch Ủy ban nhân dân | 0,70 | 0,60 |
| Phó Chủ tịch Ủy ban nhân dân | 0,60 | 0,50 |

Điều 2. Hiệu lực thi hành

Nghị định này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.
"""


@pytest.fixture(scope="module")
def allowances_bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nd-phu-cap-chuc-vu.md", ALLOWANCES)


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("Chủ tịch UBND phường ở Hà Nội hưởng hệ số phụ cấp chức vụ 0,60 đúng không?", "Không"),
        ("Chủ tịch UBND phường ở Hà Nội hưởng hệ số phụ cấp chức vụ 0,70 đúng không?", "Có"),
        ("Chủ tịch UBND phường ở Hà Nội được hưởng hệ số phụ cấp 0,60 đúng không?", "Không"),
    ],
)
def test_a_claimed_figure_is_checked_against_the_cell_for_what_is_asked(
    allowances_bot, question, start
):
    # the cell that happens to hold the claimed figure (another column, another row) is not
    # the one the question is about
    answer = allowances_bot.ask(question)
    assert answer.text.startswith(start), answer.text
    assert "0,70" in answer.text and "Hà Nội" in answer.text, answer.text


def test_the_figure_a_yes_no_question_claims_does_not_pick_its_evidence():
    text, numbers = without_claims("Chủ tịch UBND phường ở Hà Nội hưởng hệ số 0,60 đúng không?")
    assert "0,60" not in text and "Hà Nội" in text and numbers
    # an age says whom the question is about: it still finds the clause
    text, numbers = without_claims("Trẻ em dưới 16 tuổi được miễn phí tham quan phải không?")
    assert "16 tuổi" in text and not numbers
