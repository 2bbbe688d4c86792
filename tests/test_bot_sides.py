"""The two sides of a comparison, each answered by the clause said of it (real model, a small
decree written here)."""

from __future__ import annotations

import pytest

from bot.understand import compare_sides
from tests.conftest import bot_over

CRITERIA = """\
NGHỊ ĐỊNH

Quy định về đánh giá, xếp loại chất lượng cơ quan hành chính và công chức

Điều 12. Tiêu chí theo dõi, đánh giá, xếp loại chất lượng công chức

1. Việc theo dõi, đánh giá công chức được thực hiện hằng tháng, hằng quý và hằng năm.

2. Tiêu chí chung được chấm tối đa là 30 điểm (trong thang điểm 100), bao gồm:
a) Phẩm chất chính trị, phẩm chất đạo đức, văn hóa thực thi công vụ và ý thức kỷ luật, kỷ \
cương trong thực thi công vụ.
b) Năng lực chuyên môn, nghiệp vụ theo yêu cầu của vị trí việc làm; khả năng đáp ứng yêu cầu \
thực hiện nhiệm vụ được giao.

3. Tiêu chí về kết quả thực hiện nhiệm vụ được chấm tối đa là 70 điểm (trong thang điểm 100). \
Phương pháp và cách xác định điểm tiêu chí đánh giá kết quả thực hiện nhiệm vụ quy định tại \
Điều 13 Nghị định này.

Điều 13. Xác định điểm kết quả thực hiện nhiệm vụ

Điểm kết quả thực hiện nhiệm vụ được tính theo số lượng, chất lượng và tiến độ sản phẩm.
"""

QUESTION = (
    "Tiêu chí chung và tiêu chí kết quả thực hiện nhiệm vụ mỗi loại được chấm tối đa bao "
    "nhiêu điểm?"
)


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nd-danh-gia-cong-chuc.md", CRITERIA)


def test_a_long_second_side_is_read_to_the_words_both_share():
    assert compare_sides(QUESTION) == ("Tiêu chí chung", "tiêu chí kết quả thực hiện nhiệm vụ")


def test_each_side_is_answered_by_the_clause_said_of_it(bot):
    answer = bot.ask(QUESTION)
    assert not answer.abstained, answer.text
    assert "30 điểm" in answer.text and "70 điểm" in answer.text, answer.text


def test_a_side_takes_the_clause_said_of_it_before_a_better_ranked_one_of_the_other_side():
    from bot.concepts import syllable_set
    from bot.evidence import Unit
    from bot.sides import said_of

    def unit(text, value):
        return Unit(0, 0, len(text), text, value, "", 0.5, 0.5, 1.0)

    seventy = unit("Tiêu chí về kết quả thực hiện nhiệm vụ được chấm tối đa là 70 điểm", "70 điểm")
    thirty = unit("Tiêu chí chung được chấm tối đa là 30 điểm, bao gồm:", "30 điểm")
    units = [seventy, thirty]
    near = lambda u: syllable_set(u.text)  # noqa: E731
    other = "tiêu chí kết quả thực hiện nhiệm vụ"
    assert said_of("tiêu chí chung", other, units, near, {}) is thirty
    assert said_of(other, "tiêu chí chung", units, near, {}) is seventy
    assert said_of("tiêu chí chung", other, [seventy], near, {}) is seventy  # none says it
    assert said_of("tiêu chí chung", other, [], near, {}) is None


STRUCTURE = """\
NGHỊ QUYẾT

Về kế hoạch phát triển kinh tế - xã hội năm 2026

Điều 1. Các chỉ tiêu chủ yếu

1. Tốc độ tăng trưởng kinh tế: 8,5%.

2. Cơ cấu kinh tế:
+ Công nghiệp, xây dựng: 59,4%;
+ Dịch vụ và thuế, trợ cấp sản phẩm: 30,5%;
+ Nông, lâm nghiệp, thủy sản: 10,1%.

3. Tỷ lệ hộ nghèo giảm 1%.
"""


@pytest.fixture(scope="module")
def structure_bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-ke-hoach-2026.md", STRUCTURE)


@pytest.mark.parametrize(
    "question",
    [
        "Công nghiệp - xây dựng hay dịch vụ chiếm tỷ trọng lớn hơn trong cơ cấu kinh tế?",
        "Trong cơ cấu kinh tế, công nghiệp, xây dựng hay dịch vụ chiếm phần lớn hơn?",
    ],
)
def test_two_items_of_one_list_are_compared_together(structure_bot, question):
    # the side whose words the list item shares less is read with the side found beside it
    answer = structure_bot.ask(question)
    assert not answer.abstained, answer.text
    assert "59,4%" in answer.text and "30,5%" in answer.text, answer.text
    assert "không tìm thấy" not in answer.text, answer.text


PAYMENTS = """# NGHỊ ĐỊNH

Quy định mức thanh toán chi phí khám bệnh, chữa bệnh bảo hiểm y tế

Điều 57. Mức thanh toán trực tiếp

1. Trường hợp người bệnh đến khám bệnh, chữa bệnh tại cơ sở cấp cơ bản đã được xác định là tuyến
huyện và không có hợp đồng khám bệnh, chữa bệnh bảo hiểm y tế, mức thanh toán như sau:

a) Trường hợp khám bệnh, chữa bệnh ngoại trú, quỹ bảo hiểm y tế thanh toán tối đa không quá 0,15
lần mức lương cơ sở;

b) Trường hợp khám bệnh, chữa bệnh nội trú, quỹ bảo hiểm y tế thanh toán tối đa không quá 0,5 lần
mức lương cơ sở.

2. Trường hợp người bệnh đến khám bệnh, chữa bệnh nội trú tại cơ sở cấp cơ bản đã được xác định là
tuyến tỉnh không có hợp đồng khám bệnh, chữa bệnh bảo hiểm y tế, quỹ bảo hiểm y tế thanh toán tối
đa không quá 1,0 lần mức lương cơ sở.
"""


def test_the_sides_of_one_question_are_read_side_by_side(tmp_path_factory):
    bot = bot_over(tmp_path_factory, "nd-thanh-toan.md", PAYMENTS)
    answer = bot.ask(
        "Khám tại cơ sở cấp cơ bản không có hợp đồng BHYT thì quỹ thanh toán tối đa bao nhiêu "
        "cho khám ngoại trú và cho điều trị nội trú?"
    )
    assert not answer.abstained, answer.text
    assert "0,15 lần" in answer.text and "0,5 lần" in answer.text, answer.text
    assert "1,0 lần" not in answer.text, answer.text
