"""A share asked ("chiếm tỷ trọng bao nhiêu", "chiếm tỉ lệ lớn hơn") is answered from the list
that states the shares ("Cơ cấu kinh tế: + Công nghiệp, xây dựng: 52,5%"), which never says
"chiếm" nor names the measure the question asks it in (real model, a small resolution written
here)."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

RESOLUTION = """\
NGHỊ QUYẾT

Về kế hoạch phát triển kinh tế - xã hội năm 2026 của tỉnh

Điều 1. Các chỉ tiêu chủ yếu

1. Các chỉ tiêu kinh tế

- Tốc độ tăng trưởng kinh tế (GRDP): 8%.
- Cơ cấu kinh tế: + Công nghiệp, xây dựng: 52,5%; + Dịch vụ: 36,2%; + Nông, lâm nghiệp, thủy sản: 11,3%.
- Thu ngân sách nhà nước trên địa bàn: 15.000 tỷ đồng.

2. Các chỉ tiêu xã hội

- Tỷ lệ hộ nghèo giảm: 1,5%.
- Tỷ lệ trường đạt chuẩn quốc gia: 80%.

Điều 2. Nhiệm vụ và giải pháp

1. Phát triển công nghiệp - xây dựng

Thu hút đầu tư vào các khu, cụm công nghiệp; phát triển công nghiệp chế biến, chế tạo.

2. Phát triển dịch vụ

Phát triển thương mại, du lịch; mở rộng thị trường xuất khẩu.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-kh-2026.md", RESOLUTION)


@pytest.mark.parametrize(
    ("question", "share"),
    [
        ("Trong cơ cấu kinh tế, dịch vụ chiếm tỷ trọng bao nhiêu?", "36,2%"),
        ("nong lam thuy san chiem ti trong bn trong co cau kinh te", "11,3%"),
    ],
)
def test_a_share_asked_in_a_measure_the_list_does_not_name(bot, question, share):
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert share in answer.text.split("\n")[0], answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Công nghiệp - xây dựng hay dịch vụ chiếm tỷ trọng lớn hơn trong cơ cấu kinh tế?",
        "cn xay dung hay dich vu chiem ti trong lon hon trong co cau kinh te",
    ],
)
def test_which_share_is_larger_gives_both(bot, question):
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert "52,5%" in answer.text and "36,2%" in answer.text, answer.text
    assert len(answer.citations) == 2


def test_each_side_of_a_share_compared_is_asked_as_a_share():
    from bot.understand import side_questions

    left, right, _ = side_questions("Dịch vụ hay nông nghiệp chiếm tỷ trọng lớn hơn?")
    assert (left, right) == (
        "Dịch vụ chiếm tỷ trọng bao nhiêu?",
        "nông nghiệp chiếm tỷ trọng bao nhiêu?",
    )
    # a side that asks already keeps its own asking word
    left, _, _ = side_questions("chỉ tiêu nào cao hơn, BHYT hay BHXH?")
    assert left == "chỉ tiêu nào, BHYT?"


def test_a_list_lead_on_the_items_line_heads_every_item():
    from bot.candidates import candidates
    from corpus.types import Passage

    text = "Cơ cấu kinh tế: + Công nghiệp, xây dựng: 52,5%; + Dịch vụ: 36,2%; + Nông nghiệp: 11,3%."
    p = Passage(id="x#1", doc_id="x", section=("Điều 1",), article="1", text=text)
    found = {c.text.strip(" ;."): c.heading for c in candidates(p)}
    # the first item is read alone, like the others, and the lead heads all three
    assert found == {
        "Công nghiệp, xây dựng: 52,5%": "Cơ cấu kinh tế:",
        "Dịch vụ: 36,2%": "Cơ cấu kinh tế:",
        "Nông nghiệp: 11,3%": "Cơ cấu kinh tế:",
    }
    # a clause with a colon that opens no list keeps its text
    plain = Passage(
        id="y#1", doc_id="y", section=(), article=None, text="Mức hỗ trợ: 500.000 đồng."
    )
    assert [c.text for c in candidates(plain)] == ["Mức hỗ trợ: 500.000 đồng."]


def test_a_figure_detailed_with_trong_do_is_a_figure_of_its_own():
    from bot.candidates import candidates
    from corpus.types import Passage

    text = "Giá trị xuất khẩu: Tăng 9%, trong đó xuất khẩu địa phương tăng 10% so với năm 2022."
    p = Passage(id="x#1", doc_id="x", section=("Điều 1",), article="1", text=text)
    found = {c.text.strip(" ;."): c.heading for c in candidates(p)}
    # the detail is read apart too, with the indicator it details as its subject
    assert found == {
        text.rstrip("."): "",
        "trong đó xuất khẩu địa phương tăng 10% so với năm 2022": "Giá trị xuất khẩu",
    }


def test_two_figures_of_one_clause_compared(bot):
    answer = bot.ask(
        "Tỷ lệ hộ nghèo giảm với tỷ lệ trường đạt chuẩn quốc gia chênh lệch nhau bao nhiêu?"
    )
    assert "1,5%" in answer.text and "80%" in answer.text, answer.text


def test_a_comma_inside_a_side_does_not_end_it():
    from bot.understand import side_questions

    _, right, sides = side_questions(
        "Tỷ lệ lao động qua đào tạo với tỷ lệ lao động có bằng cấp, chứng chỉ chênh lệch nhau bao nhiêu?"
    )
    assert sides == ("Tỷ lệ lao động qua đào tạo", "tỷ lệ lao động có bằng cấp, chứng chỉ")
    assert right.startswith("tỷ lệ lao động có bằng cấp, chứng chỉ")


def test_only_a_share_compared_is_asked_as_a_figure():
    from bot.understand import side_questions

    # "chiếm hữu ... nhiều hơn" compares rights, not shares: no "bao nhiêu" is put in
    found = side_questions("Chồng có quyền chiếm hữu tài sản chung nhiều hơn so với vợ?")
    assert found is None or not any("bao nhiêu" in side for side in found[:2])
