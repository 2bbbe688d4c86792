"""Choosing the answering clause or cell: quantities against stated ranges, the candidates of a
passage, and the ranker's features (pure functions, no model)."""

from __future__ import annotations

import math

import pytest

from bot import ranker
from bot.candidates import candidates
from bot.concepts import concepts
from bot.evidence import added, excepted
from bot.ranges import Interval, quantities
from corpus.types import Passage
from tests.conftest import bot_over


@pytest.mark.parametrize(
    ("text", "unit", "interval"),
    [
        ("85 tuổi", "tuoi", Interval(85, True, 85, True)),
        ("từ đủ 80 tuổi trở lên", "tuoi", Interval(80, True, math.inf, False)),
        ("dưới 50 điểm", "diem", Interval(-math.inf, False, 50, False)),
        ("từ 50 điểm đến dưới 70 điểm", "diem", Interval(50, True, 70, False)),
        ("từ 50 đến dưới 70 điểm", "diem", Interval(50, True, 70, False)),
        ("hon 45 ngay", "ngay", Interval(45, False, math.inf, False)),
        ("từ trên 10 ngày đến 45 ngày", "ngay", Interval(10, False, 45, True)),
        ("thiệt hại trên 70%", "%", Interval(70, False, math.inf, False)),
        ("không quá 300 triệu đồng", "trieu", Interval(-math.inf, False, 300, True)),
    ],
)
def test_quantities_read_their_bounds(text, unit, interval):
    (found,) = quantities(text)
    assert (found.unit, found.range) == (unit, interval)


@pytest.mark.parametrize(
    ("asked", "stated", "meets"),
    [
        ("85 tuổi", "từ đủ 80 tuổi trở lên", True),
        ("75 điểm", "từ 50 điểm đến dưới 70 điểm", False),
        ("75 điểm", "từ 70 điểm trở lên đến dưới 90 điểm", True),
        ("dưới 50 điểm", "từ 50 điểm đến dưới 70 điểm", False),
        ("hơn 45 ngày", "trên 45 ngày", True),
        ("hơn 45 ngày", "từ trên 10 ngày đến 45 ngày", False),
    ],
)
def test_a_quantity_lies_in_a_stated_range_or_not(asked, stated, meets):
    (q,) = quantities(asked)
    ranges = [s.range for s in quantities(stated) if s.unit == q.unit]
    assert any(q.range.meets(r) for r in ranges) is meets


def test_the_tightest_range_a_quantity_meets_fits_best():
    # 85 years meet both "từ đủ 80 tuổi" and "từ đủ 04 tuổi"; the provision for the elderly,
    # whose bound lies nearest, is the one that rules
    from bot.ranker import _fit

    asked = tuple(quantities("85 tuổi"))
    near, _ = _fit(asked, "b) Người cao tuổi từ đủ 80 tuổi trở lên: 2.0")
    far, _ = _fit(asked, "b) Hệ số 4,0 đối với các đối tượng từ đủ 04 tuổi trở lên.")
    assert near > 0.9 and far < 0.2
    assert _fit(asked, "trẻ em dưới 16 tuổi") == (0.0, 1.0)


def _row(text: str, cells: list[tuple[str, str]]) -> Passage:
    return Passage(
        id="d#t/row-1", doc_id="d", section=("Phụ lục",), article=None, text=text,
        kind="row", cells=tuple(cells),
    )  # fmt: skip


def test_a_row_gives_one_candidate_per_value_cell_named_by_its_own_label():
    p = _row(
        "Mức chi (Đơn vị: 1.000 đồng) — 1. Ban Chỉ đạo thi — Trưởng ban — Đơn vị tính: "
        "người/ngày; Mức chi: 692",
        [("STT", "a"), ("Nội dung", "Trưởng ban"), ("Đơn vị tính", "người/ngày"),
         ("Mức chi", "692")],
    )  # fmt: skip
    (c,) = candidates(p)
    assert c.label == "Trưởng ban" and c.column == "Mức chi" and c.per == "người/ngày"
    assert p.text[c.start : c.end] == "692"


def test_a_clause_is_named_by_its_indicator():
    p = Passage("d#1", "d", ("Điều 2",), "2", "Tỷ lệ hộ nghèo: giảm 1,5%.\nTăng cường đầu tư.")
    first, second = candidates(p)
    assert first.label == "Tỷ lệ hộ nghèo" and second.label == "Tăng cường đầu tư."


def _features(question: str, text: str, label: str, column: str = "") -> dict[str, float]:
    idf = {w: 1.0 for w in "truong ban pho chu tich uy nhan dan muc chi diem duoi".split()}
    items = concepts(question, idf)
    asked = ranker.asked(question, items, items, wants_value=True)
    return ranker.features(
        asked, text=text, label=label, column=column, frame=frozenset(), value="692",
        retrieval=1.0, rank=0, lead_in=False, caption=False, doc_number=False,
        kind_match=False, row=True,
    )  # fmt: skip


def test_a_label_with_words_not_asked_is_less_precise():
    question = "Chủ tịch UBND phường được phụ cấp bao nhiêu?"
    exact = _features(question, "Chủ tịch Ủy ban nhân dân — Hệ số: 0,7", "Chủ tịch Ủy ban nhân dân")
    deputy = _features(
        question, "Phó Chủ tịch Ủy ban nhân dân — Hệ số: 0,6", "Phó Chủ tịch Ủy ban nhân dân"
    )
    assert exact["precision"] == 1.0 > deputy["precision"]


def test_a_question_quantity_outside_the_stated_range_is_a_misfit():
    question = "khám ngoại trú dưới 50 điểm thì BHYT trả bao nhiêu %"
    inside = _features(question, "đạt số điểm dưới 50 điểm được thanh toán 100%", "")
    outside = _features(question, "đạt từ 50 điểm đến dưới 70 điểm được thanh toán 50%", "")
    assert (inside["fits"], inside["misfits"]) == (1.0, 0.0)
    assert (outside["fits"], outside["misfits"]) == (0.0, 1.0)
    assert inside["pairs"] > outside["pairs"]  # "dưới 50" stands together only in the first


@pytest.mark.parametrize(
    ("question", "clause", "result"),
    [
        # the question's "đặc khu" is named only in the exception the clause makes
        (
            "dac khu thuoc tp hcm dang ky xe thi nop le phi theo khu vuc nao",
            "Khu vực I gồm: Thành phố Hồ Chí Minh bao gồm các xã, phường, trừ đặc khu trực thuộc"
            " thành phố.",
            True,
        ),
        # a ward is what the clause covers, not what it excepts
        (
            "phuong thuoc tp hcm dang ky xe thi nop le phi theo khu vuc nao",
            "Khu vực I gồm: Thành phố Hồ Chí Minh bao gồm các xã, phường, trừ đặc khu trực thuộc"
            " thành phố.",
            False,
        ),
        # a question about the exception itself
        (
            "Khu vực I có trừ đặc khu không?",
            "Khu vực I gồm: Thành phố Hồ Chí Minh bao gồm các xã, phường, trừ đặc khu trực thuộc"
            " thành phố.",
            False,
        ),
    ],
)
def test_a_clause_that_excepts_what_is_asked(question, clause, result):
    assert excepted(question, clause) is result


REGIONS = """\
THÔNG TƯ

Quy định mức thu lệ phí đăng ký xe

Điều 1. Khu vực thu lệ phí

1. Các khu vực được xác định theo địa giới hành chính như sau:

a) Khu vực I gồm: Thành phố Hà Nội, Thành phố Hồ Chí Minh bao gồm tất cả các xã, phường trực thuộc thành phố, trừ đặc khu trực thuộc thành phố.

b) Khu vực II gồm: Đặc khu trực thuộc thành phố tại khu vực I và các thành phố trực thuộc trung ương khác.

c) Khu vực III gồm: các khu vực khác ngoài khu vực I và khu vực II.
"""


def test_the_clause_that_excepts_what_is_asked_does_not_answer(tmp_path_factory):
    bot = bot_over(tmp_path_factory, "tt-le-phi-xe.md", REGIONS)
    answer = bot.ask(
        "Người ở đặc khu thuộc Thành phố Hồ Chí Minh nộp lệ phí đăng ký xe theo khu vực nào?"
    )
    assert not answer.abstained, answer.text
    assert "Khu vực II" in answer.text, answer.text


SUPPLEMENT = (
    "Đối tượng đang hưởng trợ cấp hưu trí xã hội được hỗ trợ thêm hằng tháng 150.000 đồng "
    "(ngoài chính sách của nhà nước) đảm bảo tổng mức hưởng bằng mức chuẩn trợ giúp xã hội."
)


@pytest.mark.parametrize(
    ("question", "clause", "result"),
    [
        # "(ngoài chính sách của nhà nước)": what the state pays is what the clause adds to
        ("Người hưởng trợ cấp hưu trí xã hội được nhà nước trả bao nhiêu mỗi tháng?",
         SUPPLEMENT, True),
        # what the city adds is what it states
        ("Người hưởng trợ cấp hưu trí xã hội được hỗ trợ thêm bao nhiêu mỗi tháng?",
         SUPPLEMENT, False),
        # "nước ngoài" is no exception
        ("Người lao động làm việc ở nước ngoài được hỗ trợ bao nhiêu?",
         "Người lao động đi làm việc ở nước ngoài theo hợp đồng được hỗ trợ 10 triệu đồng.", False),
    ],
)  # fmt: skip
def test_a_clause_that_adds_to_what_is_asked(question, clause, result):
    assert excepted(question, clause) is result


@pytest.mark.parametrize(
    ("question", "clause", "result"),
    [
        # an amount paid on top of another answers what is paid only when the addition is asked
        ("Người không có lương hưu được trợ cấp hưu trí xã hội bao nhiêu một tháng?",
         SUPPLEMENT, True),
        ("ko co luong huu thi dc tro cap huu tri xh bn 1 thang", SUPPLEMENT, True),
        ("Thành phố hỗ trợ thêm bao nhiêu cho người hưởng trợ cấp hưu trí xã hội?",
         SUPPLEMENT, False),
        ("Ngoài trợ cấp của nhà nước, thành phố còn hỗ trợ bao nhiêu?", SUPPLEMENT, False),
        # "tăng thêm" naming what grows, the figure far after it, is no addition to a payment
        ("Năm 2023 tỉnh xây bao nhiêu nhà ở cho các đối tượng xã hội?",
         "Chỉ tiêu về nhà ở tăng thêm cho các đối tượng xã hội: Diện tích sàn: 23.090 m²", False),
        ("Người hưởng trợ cấp hưu trí xã hội được bao nhiêu một tháng?",
         "Người hưởng trợ cấp hưu trí xã hội được trợ cấp hằng tháng 500.000 đồng.", False),
    ],
)  # fmt: skip
def test_an_amount_added_on_top_is_told_from_the_amount_asked(question, clause, result):
    assert added(question, clause) is result


NATIONAL = """\
CHÍNH PHỦ

NGHỊ ĐỊNH

Quy định về trợ cấp hưu trí xã hội

Điều 1. Đối tượng

Công dân Việt Nam từ đủ 75 tuổi trở lên không hưởng lương hưu hoặc trợ cấp bảo hiểm xã hội.

Điều 2. Mức trợ cấp

Đối tượng quy định tại Điều 1 Nghị định này được hưởng trợ cấp hưu trí xã hội hằng tháng mức
500.000 đồng/tháng.

Điều 3. Hiệu lực thi hành

Nghị định này có hiệu lực từ ngày 01 tháng 7 năm 2025.
"""

CITY = """\
HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ AN HÒA

NGHỊ QUYẾT

Quy định chính sách trợ giúp xã hội trên địa bàn thành phố An Hòa

Điều 1. Chính sách hỗ trợ

Đối tượng đang hưởng trợ cấp hưu trí xã hội được hỗ trợ thêm hằng tháng 150.000 đồng/tháng.

Điều 2. Hiệu lực thi hành

Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026.
"""


def test_the_amount_paid_is_not_answered_by_an_amount_added_on_top(tmp_path_factory):
    from bot import Bot
    from index import open_index

    folder = tmp_path_factory.mktemp("supplement")
    (folder / "nd-tro-cap.md").write_text(NATIONAL, encoding="utf-8")
    (folder / "nq-an-hoa.md").write_text(CITY, encoding="utf-8")
    bot = Bot(open_index(folder))
    answer = bot.ask("Người không có lương hưu được nhận trợ cấp hưu trí xã hội bao nhiêu 1 tháng?")
    assert not answer.abstained, answer.text
    assert answer.text.startswith("500.000"), answer.text
    answer = bot.ask("Thành phố hỗ trợ thêm bao nhiêu cho người hưởng trợ cấp hưu trí xã hội?")
    assert "150.000" in answer.text.split("\n")[0], answer.text


TEMPLE = """\
HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ AN HÒA

NGHỊ QUYẾT

Về phí tham quan di tích trên địa bàn thành phố An Hòa

Điều 1. Ban hành kèm theo Nghị quyết này danh mục các khoản phí tham quan di tích.

Điều 2. Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026.

**CHỦ TỊCH**

Nguyễn Văn An

**PHỤ LỤC**

DANH MỤC CÁC KHOẢN PHÍ

**A. QUY ĐỊNH VỀ PHÍ THAM QUAN DI TÍCH TRÊN ĐỊA BÀN PHƯỜNG AN HÒA**

**1. Đơn vị tổ chức thu phí:**

Ban quản lý di tích phường An Hòa.

**2. Đối tượng miễn thu phí**

Trẻ em dưới 16 tuổi.

**3. Đối tượng giảm 50% mức phí**

Người khuyết tật nặng theo quy định của pháp luật.

Người cao tuổi là công dân Việt Nam từ đủ 60 tuổi trở lên có thẻ người cao tuổi.

**4. Mức thu phí**

Đền An Hòa: 20.000 đồng/lượt/khách.
"""


def test_a_share_the_heading_of_the_clause_states_answers_for_it(tmp_path_factory):
    bot = bot_over(tmp_path_factory, "nq-phi-den.md", TEMPLE)
    answer = bot.ask("ng cao tuoi di tham quan den An Hoa dc giam phi bn %")
    assert not answer.abstained, answer.text
    assert answer.text.startswith("50%"), answer.text


@pytest.mark.parametrize(
    "question",
    [
        # a reduction asked without naming its measure: the share, not the age in the clause
        "Người cao tuổi được giảm bao nhiêu phí tham quan đền An Hòa?",
        "me em 65t la ng cao tuoi, di tham quan den An Hoa dc giam phi ko, giam bn",
    ],
)
def test_a_reduction_asked_is_the_share_of_the_heading_not_the_age(tmp_path_factory, question):
    bot = bot_over(tmp_path_factory, "nq-phi-den.md", TEMPLE)
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert "50%" in answer.text[:40], answer.text


@pytest.mark.parametrize(
    ("question", "clause", "result"),
    [
        # the question asks of what is not done; the clause says what is not done
        ("Những xã nào của tỉnh không phải sắp xếp?",
         "trong đó có 75 xã hình thành sau sắp xếp và 02 xã không thực hiện sắp xếp là xã A, xã B.",
         True),
        ("nhung ai ko duoc huong luong huu",
         "Người từ đủ 75 tuổi trở lên không được hưởng lương hưu thì được trợ cấp.", True),
        # a compound with "không" is no negation asked
        ("Thiết bị bay không người lái được phân thành những nhóm nào?",
         "Thiết bị bay không người lái được phân loại như sau:", False),
        # the clause states the same thing without the negation, or negates something else
        ("Những xã nào của tỉnh không phải sắp xếp?",
         "Sau khi sắp xếp, tỉnh có 92 đơn vị hành chính cấp xã.", False),
        ("Những xã nào của tỉnh không phải sắp xếp?",
         "Các xã không có tên trong danh sách được giữ nguyên.", False),
        ("Những xã nào được sắp xếp?", "02 xã không thực hiện sắp xếp.", False),
    ],
)  # fmt: skip
def test_a_clause_that_negates_what_the_question_negates(question, clause, result):
    from bot.evidence import negates_as_asked

    assert negates_as_asked(question, clause) is result


LOANS = """# NGHỊ QUYẾT

Về mức cho vay tín dụng chính sách trên địa bàn thành phố An Hòa

Điều 1. Mức cho vay

1. Mức cho vay tối đa đối với hộ nghèo là 100 triệu đồng/hộ.

2. Áp dụng lãi suất cho vay là 4,8%/năm đối với hộ nghèo; lãi suất cho vay đối với hộ cận
nghèo bằng 120% lãi suất cho vay hộ nghèo.

Điều 2. Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026.
"""


def test_a_dialect_spelling_is_read_as_the_word_the_corpus_uses(tmp_path_factory):
    # "lãi xuất" is "lãi suất" as northern speech spells it: the rate is asked, not an amount
    bot = bot_over(tmp_path_factory, "nq-cho-vay.md", LOANS)
    answer = bot.ask("ho ngheo vay von thi lai xuat bn 1 nam")
    assert not answer.abstained, answer.text
    assert answer.text.startswith("4,8%"), answer.text


PLAN = """# NGHỊ QUYẾT

Về kế hoạch phát triển kinh tế - xã hội năm 2025 của tỉnh An Hòa

Điều 1. Các chỉ tiêu chủ yếu

1. Giá trị xuất khẩu: Tăng 9%, trong đó xuất khẩu địa phương tăng 12% so với năm 2024.

2. Năm 2025, phấn đấu đón và phục vụ 2 - 3 triệu lượt khách du lịch quốc tế, 20 - 30 triệu lượt
khách du lịch nội địa.

Điều 2. Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2025.
"""


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        # of two figures in one sentence, the one whose own words name what is asked
        ("Năm 2025 tỉnh phấn đấu đón bao nhiêu lượt khách du lịch nội địa?", "20 - 30 triệu"),
        ("Năm 2025 tỉnh phấn đấu đón bao nhiêu khách du lịch quốc tế?", "2 - 3 triệu"),
        ("How many international tourists does the province aim to welcome in 2025?", "2 - 3"),
        ("Xuất khẩu địa phương tăng bao nhiêu so với năm trước?", "12%"),
        ("Giá trị xuất khẩu tăng bao nhiêu?", "9%"),
    ],
)
def test_the_figure_whose_own_words_name_what_is_asked(tmp_path_factory, question, figure):
    bot = bot_over(tmp_path_factory, "nq-ke-hoach.md", PLAN)
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert answer.text.startswith(figure), answer.text


FORMS = """# NGHỊ ĐỊNH

Quy định chi tiết một số điều của Luật Bảo hiểm y tế

Điều 30. Thanh toán trong trường hợp người bệnh tự mua thuốc

6. Cơ sở khám bệnh, chữa bệnh có trách nhiệm cung cấp phiếu xác nhận tình trạng thiếu thuốc, thiết
bị y tế theo Mẫu số 11 Phụ lục ban hành kèm theo Nghị định này cho người bệnh để làm cơ sở thanh
toán.

Điều 31. Hồ sơ đề nghị thanh toán

Hồ sơ gồm tờ khai đề nghị thanh toán theo Mẫu số 9 Phụ lục ban hành kèm theo Nghị định này.
"""


@pytest.mark.parametrize(
    ("question", "form"),
    [
        ("Bệnh viện hết thuốc, người bệnh tự đi mua thì phiếu xác nhận thiếu thuốc lập theo mẫu số mấy?",
         "Mẫu số 11"),
        ("to khai de nghi thanh toan theo mau nao", "Mẫu số 9"),
    ],
)  # fmt: skip
def test_a_form_asked_by_number_is_answered_with_it(tmp_path_factory, question, form):
    bot = bot_over(tmp_path_factory, "nd-bhyt.md", FORMS)
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert answer.text.startswith(form), answer.text


WAGES = """# NGHỊ QUYẾT

Về dự toán ngân sách nhà nước năm 2020

Điều 1. Tiền lương

Thực hiện điều chỉnh mức lương cơ sở từ 1,49 triệu đồng/tháng lên 1,6 triệu đồng/tháng, thời điểm
thực hiện từ ngày 01 tháng 7 năm 2020.
"""


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("Năm 2020 mức lương cơ sở được điều chỉnh lên bao nhiêu?", "1,6 triệu"),
        ("luong co so nam 2020 tang len bn", "1,6 triệu"),
        ("Mức lương cơ sở được điều chỉnh từ bao nhiêu?", "từ 1,49 triệu"),
    ],
)
def test_a_change_asked_by_where_it_ends_or_starts(tmp_path_factory, question, figure):
    bot = bot_over(tmp_path_factory, "nq-du-toan.md", WAGES)
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert answer.text.startswith(figure), answer.text


def test_a_week_is_read_as_seven_days():
    # "mới gieo được 1 tuần" lies in "từ 01 đến 10 ngày", not in "trên 45 ngày"
    (asked,) = quantities("ruộng lúa mới gieo được 1 tuần thì bị lũ")
    (early,) = quantities("Sau gieo trồng từ 01 đến 10 ngày")
    (late,) = quantities("Sau gieo trồng trên 45 ngày")
    assert asked.unit == early.unit == "ngay"
    assert asked.range.meets(early.range) and not asked.range.meets(late.range)


def test_money_asked_in_so_many_words_beside_an_area():
    from bot.evidence import asked_measure

    # "mất hơn 70% diện tích ... hỗ trợ bao nhiêu tiền": the area is the premise, money is asked
    question = "ruong lua bi lu mat hon 70% dien tich, nha nuoc ho tro bao nhieu tien 1 ha"
    assert asked_measure(question) == "money"
    assert asked_measure("dien tich san nha o xa hoi tang them bao nhieu") != "money"
