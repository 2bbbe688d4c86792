"""A clause that states a rule "đối với" someone: the figure asked for a person named in the
question is the one stated for that person, not the one stated for someone else in the same
sentence (real model, a small document written here)."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

LOANS = """\
NGHỊ QUYẾT

Quy định mức cho vay từ nguồn vốn ngân sách tỉnh ủy thác qua Ngân hàng Chính sách xã hội

Điều 1. Mức cho vay

1. Đối tượng cho vay

Người lao động và cơ sở sản xuất kinh doanh trên địa bàn tỉnh theo quy định hiện hành.

2. Mức cho vay

- Đối với chương trình tín dụng hỗ trợ tạo việc làm: Mức cho vay tối đa đối với người lao động là
120 triệu đồng, người vay không cần tài sản bảo đảm; đối với đối tượng vay vốn là cơ sở sản
xuất kinh doanh mức cho vay tối đa theo quy định của Trung ương, không quá 400 triệu đồng cho
01 người lao động được tạo việc làm.

- Đối với chương trình nước sạch: Mức cho vay tối đa là 25 triệu đồng/công trình.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-cho-vay.md", LOANS)


def test_the_figure_is_the_one_stated_for_whom_the_question_names(bot):
    answer = bot.ask("Người lao động vay vốn tạo việc làm được vay tối đa bao nhiêu?")
    assert answer.text.startswith("120 triệu đồng"), answer.text


def test_the_other_party_gets_its_own_figure(bot):
    answer = bot.ask("Cơ sở sản xuất kinh doanh vay vốn tạo việc làm được vay tối đa bao nhiêu?")
    assert "400 triệu đồng" in answer.text[:60], answer.text


def test_words_after_the_askers_own_parenthesis_are_read(bot):
    from bot.understand import understand

    # "(tối đa 120 triệu)" is the asker's aside; what is asked comes after it
    question = "Người lao động vay vốn (tối đa 120 triệu) có phải thế chấp tài sản không?"
    prepared = bot.index.prepare(question)
    labels = {c.label.lower() for c in bot._concepts(understand(question), prepared)}
    assert {"thế", "chấp", "tài", "sản"} <= labels or {"thế chấp", "tài sản"} <= labels, labels
    answer = bot.ask(question)
    assert answer.text.startswith("Không"), answer.text


def test_a_clause_opening_on_a_qualifier_speaks_of_the_subject_before_it():
    from bot.candidates import candidates
    from corpus.types import Passage

    text = (
        "d) Bò sữa đến 06 tháng tuổi, hỗ trợ 2.000.000 đồng/con; trên 06 tháng tuổi, hỗ trợ "
        "5.000.000 đồng/con.\nđ) Trâu, bò thịt, ngựa đến 06 tháng tuổi, hỗ trợ 1.500.000 "
        "đồng/con; trên 06 tháng tuổi, hỗ trợ 3.100.000 đồng/con."
    )
    p = Passage(id="x#1", doc_id="x", section=("Điều 5",), article="5", text=text)
    found = {c.text.strip(" ;."): c.heading for c in candidates(p)}
    assert found["trên 06 tháng tuổi, hỗ trợ 3.100.000 đồng/con"] == "Trâu, bò thịt, ngựa"
    assert found["trên 06 tháng tuổi, hỗ trợ 5.000.000 đồng/con"] == "Bò sữa"


SPENDING = """\
NGHỊ QUYẾT

Về mức chi tổ chức và hoạt động bảo hiểm giai đoạn 2025 - 2027

Điều 1. Mức chi tổ chức và hoạt động

1. Mức chi tổ chức và hoạt động giai đoạn 2025 - 2027 như sau:

a) Mức chi tổ chức và hoạt động bảo hiểm xã hội bình quân giai đoạn 2025 - 2027 tối đa 1,30% dự
toán thu, chi bảo hiểm xã hội; trong đó, năm 2025 tối đa 1,40%, năm 2026 tối đa 1,30% và năm 2027
tối đa 1,20%;

b) Mức chi tổ chức và hoạt động bảo hiểm thất nghiệp bình quân giai đoạn 2025 - 2027 tối đa 1,10%
dự toán thu, chi bảo hiểm thất nghiệp; trong đó, năm 2025 tối đa 1,15%, năm 2026 tối đa 1,08% và
năm 2027 tối đa 1,05%;
"""


def test_a_clause_opening_on_trong_do_details_the_clause_before_it(tmp_path_factory):
    # "...; trong đó, năm 2026 tối đa 1,08%": the year's figure of the insurance named before
    bot = bot_over(tmp_path_factory, "nq-muc-chi.md", SPENDING)
    answer = bot.ask(
        "Năm 2026 mức chi tổ chức và hoạt động bảo hiểm thất nghiệp tối đa bao nhiêu %?"
    )
    assert answer.text.startswith("tối đa 1,08%"), answer.text
    answer = bot.ask("Năm 2026 mức chi tổ chức và hoạt động bảo hiểm xã hội tối đa bao nhiêu %?")
    assert answer.text.startswith("tối đa 1,30%"), answer.text


CROPS = """\
NGHỊ ĐỊNH

Về chính sách hỗ trợ sản xuất nông nghiệp bị thiệt hại do thiên tai

Điều 5. Mức hỗ trợ

1. Mức hỗ trợ đối với cây trồng bị thiệt hại do thiên tai

a) Diện tích lúa:

Sau gieo trồng từ 01 đến 10 ngày: thiệt hại trên 70% diện tích, hỗ trợ 6.000.000 đồng/ha; thiệt hại từ 30% đến 70% diện tích, hỗ trợ 3.000.000 đồng/ha;

Sau gieo trồng trên 10 ngày: thiệt hại trên 70% diện tích, hỗ trợ 8.000.000 đồng/ha; thiệt hại từ 30% đến 70% diện tích, hỗ trợ 4.000.000 đồng/ha.

b) Diện tích mạ:

Thiệt hại trên 70% diện tích, hỗ trợ 30.000.000 đồng/ha; thiệt hại từ 30% đến 70% diện tích, hỗ trợ 15.000.000 đồng/ha.

2. Mức hỗ trợ đối với nuôi trồng thủy sản bị thiệt hại do thiên tai là 10.000.000 đồng/ha.
"""


def test_an_item_is_read_with_the_nearest_line_leading_into_it(tmp_path_factory):
    # "thiệt hại từ 30% đến 70% ..." under "b) Diện tích mạ:", not the same words under lúa
    bot = bot_over(tmp_path_factory, "nd-ho-tro.md", CROPS)
    answer = bot.ask("Diện tích mạ thiệt hại từ 30% đến 70% được hỗ trợ bao nhiêu tiền một ha?")
    assert "15.000.000 đồng/ha" in answer.text[:40], answer.text
    assert "Diện tích mạ" in answer.text, answer.text
