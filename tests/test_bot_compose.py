"""Pure pieces of answering: the figures a text states, the yes/no a clause gives, document
weights from what a question names, and how much of a question a text covers."""

from __future__ import annotations

import pytest

from bot.compose import compare_answer, denies, figure_verdict, list_answer, number_value, shorten
from bot.concepts import concepts, coverage, syllable_set, syllables
from bot.figures import figures, unit_of
from bot.steer import OTHER_PLACE, doc_weights
from bot.understand import understand
from corpus.types import DocumentMeta


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Mức chuẩn trợ giúp xã hội là 650.000 đồng/tháng.", ["650.000 đồng/tháng"]),
        ("Tốc độ tăng trưởng kinh tế (GRDP): 8,5%.", ["8,5%"]),
        (
            "mức trợ cấp bằng 02 lần mức chuẩn trợ giúp xã hội",
            ["bằng 02 lần mức chuẩn trợ giúp xã hội"],
        ),
        (  # the base ends where the sentence goes on to say something else of it
            "trợ cấp bằng 02 lần mức chuẩn trợ giúp xã hội theo quy định hiện hành",
            ["bằng 02 lần mức chuẩn trợ giúp xã hội"],
        ),
        (
            "hỗ trợ từ 6.000.000 đồng/ha đến 30.000.000 đồng/ha",
            ["từ 6.000.000 đồng/ha đến 30.000.000 đồng/ha"],
        ),
        ("Nghị quyết số 16/2023/NQ-HĐND ngày 16 tháng 7 năm 2024", []),  # a number and a date
        ("lớp 4, 8, 11 trong năm học 2023 - 2024", []),  # grades and years are not figures
        ("Tỷ lệ thất nghiệp ở thành thị: Dưới 3%.", ["Dưới 3%"]),
        # "hằng tháng", "mỗi năm" say how often: the amount after them is a figure
        ("được hỗ trợ thêm hằng tháng 150.000 đồng", ["150.000 đồng"]),
        ("tổ chức mỗi năm 2 lần", ["2 lần"]),
        ("từ tháng 7 năm 2025", []),
        ("Mức học phí (Đơn vị tính: 1.000 đồng/học sinh/tháng)", []),  # a unit, not an amount
        # a PDF's superscript read apart: "m 2" is square metres, "m 2,5" is not
        ("bình quân đầu người nhỏ hơn 8 m 2 .", ["8 m 2"]),
        ("cao 1 m 2,5", ["1 m", "2,5"]),
        # an amount per a counted quantity
        ("hỗ trợ 30.000.000 đồng/100 m3 thể tích nuôi", ["30.000.000 đồng/100 m3"]),
        ("tỷ lệ 2/3 số xã", []),
        # weeks and minutes are counted too
        ("x 44 tuần trong năm học", ["44 tuần"]),
        ("trả lời trong 30 phút", ["30 phút"]),
        # the pay of one period names a quantity per unit: its "01" counts nothing
        ("Tiền lương 01 tiết dạy = Tổng tiền lương của 12 tháng", ["12 tháng"]),
        ("được hỗ trợ 01 lần", ["01 lần"]),
        # a share glued to what it is a share of, as OCR reads it; a word's letters are not
        ("bội chi tương đương 0,24%GDP.", ["0,24%"]),
        ("5 hat giống", ["5"]),
    ],
)
def test_figures(text, found):
    assert [f for _, _, f in figures(text)] == found


def test_units_from_table_headings():
    assert unit_of("Mức lương tối thiểu tháng (Đơn vị: đồng/tháng)") == "đồng/tháng"
    assert unit_of("Mức thu (đồng)") == "đồng"
    assert unit_of("Địa bàn") is None
    assert unit_of("Định mức (Đồng/người/năm)") == "Đồng/người/năm"
    # a caption in capitals is no unit, though a slash joins two of its words
    assert unit_of("ĐIỂM CHẤM (KHOẢNG) (DANH MỤC SẢN PHẨM/CÔNG VIỆC QUY ĐỔI)") is None


def test_number_values_read_vietnamese_notation():
    assert number_value("5.310.000 đồng") == 5310000
    assert number_value("8,5%") == 8.5


ASKED = frozenset("ty le lao dong tham gia bao hiem xa hoi thong tu ap dung nha giao".split())


@pytest.mark.parametrize(
    ("question", "clause", "yes"),
    [
        (
            "Tỷ lệ BHXH có cao hơn 50% không?",
            "Tỷ lệ người lao động tham gia bảo hiểm xã hội: 44%.",
            False,
        ),
        (
            "Tỷ lệ BHXH có cao hơn 40% không?",
            "Tỷ lệ người lao động tham gia bảo hiểm xã hội: 44%.",
            True,
        ),
        (
            "Tỷ lệ tham gia BHXH là 44% phải không?",
            "Tỷ lệ người lao động tham gia bảo hiểm xã hội: 44%.",
            True,
        ),
        (
            "Tỷ lệ tham gia BHXH là 45% phải không?",
            "Tỷ lệ người lao động tham gia bảo hiểm xã hội: 44%.",
            False,
        ),
        # a share of a share is not the share claimed of the whole
        (
            "Nhà giáo bị tạm giam đóng BHXH bằng 4,5% tiền lương tháng phải không?",
            "Người bị tạm giam đóng hằng tháng bằng 4,5% của 50% mức tiền lương tháng.",
            False,
        ),
        (
            "Nhà giáo bị tạm giam đóng BHXH bằng 4,5% của 50% tiền lương tháng phải không?",
            "Người bị tạm giam đóng hằng tháng bằng 4,5% của 50% mức tiền lương tháng.",
            True,
        ),
    ],
)
def test_yes_no_on_a_stated_figure(question, clause, yes):
    assert figure_verdict(question, clause, ASKED) is yes


SHARES = (
    "Riêng 05 xã A Lưới 1, A Lưới 2, A Lưới 3 ngân sách thành phố hỗ trợ 80%, ngân sách xã hỗ"
    " trợ 10% và các nguồn xã hội hóa khác là 10%."
)


@pytest.mark.parametrize(
    ("question", "yes"),
    [
        ("Ở các xã A Lưới thì ngân sách thành phố có chi tới 80% không?", True),
        ("Ở các xã A Lưới thì ngân sách thành phố có hỗ trợ 90% không?", False),
        ("Ở các xã A Lưới ngân sách xã có hỗ trợ 10% không?", True),
        ("Ở các xã A Lưới ngân sách xã có hỗ trợ 80% không?", False),
    ],
)
def test_a_claimed_share_is_checked_against_the_share_of_whom_it_names(question, yes):
    """Not against "xã A Lưới 3", nor the share stated for another budget in the sentence."""
    assert figure_verdict(question, SHARES, frozenset(syllables(question))) is yes


LOANS = (
    "Đối với chương trình tín dụng nước sạch và vệ sinh môi trường: Mức cho vay tối đa là 30"
    " triệu đồng/công trình nước sạch và 50 triệu đồng/công trình vệ sinh."
)


@pytest.mark.parametrize(
    ("question", "yes"),
    [
        ("Vay làm công trình nước sạch được vay tối đa 50 triệu đồng phải không?", False),
        ("Vay làm công trình nước sạch được vay tối đa 30 triệu đồng phải không?", True),
        ("Vay làm công trình vệ sinh được vay tối đa 50 triệu đồng phải không?", True),
    ],
)
def test_a_claimed_amount_is_checked_against_the_one_counted_per_what_it_names(question, yes):
    """ "30 triệu đồng/công trình nước sạch": the words after "/" name the amount before them."""
    assert figure_verdict(question, LOANS, frozenset(syllables(question))) is yes


def test_yes_no_on_negation_of_the_question_own_words():
    clause = "Thông tư này không áp dụng đối với nhà giáo trong các cơ sở thuộc Bộ Quốc phòng."
    assert denies("Thông tư có áp dụng cho nhà giáo trường quân đội không?", clause, ASKED)
    other = "Kinh phí hỗ trợ các xã chưa đạt chuẩn nông thôn mới."
    assert not denies(
        "Tỉnh có hỗ trợ kinh phí không?", other, frozenset("tinh ho tro kinh phi".split())
    )
    assert figure_verdict("Tỉnh có hỗ trợ kinh phí không?", other, ASKED) is None


def test_list_answers_cite_each_item_and_count_the_rest():
    items = [(f"Nhiệm vụ số {i}: triển khai nội dung {i}", i) for i in range(1, 12)]
    text = list_answer("b) Về giáo dục", items)
    assert text.startswith("b) Về giáo dục:")
    assert "- Nhiệm vụ số 1: triển khai nội dung 1 [1]" in text
    assert "nội dung 7 [7]" in text and "nội dung 8" not in text
    assert text.rstrip().endswith("và 4 nội dung khác.")
    # two items left over are listed, not counted
    text = list_answer("b) Về giáo dục", items[:9])
    assert "- Nhiệm vụ số 9: triển khai nội dung 9 [9]" in text
    assert "nội dung khác" not in text
    assert (
        shorten("Tỷ lệ gia đình văn hóa: Từ 90% trở lên.")
        == "Tỷ lệ gia đình văn hóa: Từ 90% trở lên"
    )


def _meta(doc_id: str, region: str | None, number: str | None = None, amends=()) -> DocumentMeta:
    return DocumentMeta(doc_id=doc_id, title=doc_id, region=region, number=number, amends=amends)


def test_documents_of_the_place_asked_about_weigh_most():
    metas = [_meta("hue", "Huế"), _meta("vl", "Vĩnh Long"), _meta("nd", None)]
    weights = doc_weights(understand("học phí mầm non ở Huế"), metas)
    assert weights["hue"] == 1.0
    assert weights["vl"] == OTHER_PLACE
    assert OTHER_PLACE < weights["nd"] < 1.0  # a national document applies everywhere
    assert set(doc_weights(understand("học phí mầm non"), metas).values()) == {1.0}
    # what the state pays someone in Huế is set nationally: a national document weighs fully
    state = doc_weights(understand("cụ ông ở Huế hưởng trợ cấp, nhà nước trả bao nhiêu"), metas)
    assert state["nd"] == state["hue"] == 1.0


def test_a_named_number_and_an_amending_document_steer_too():
    metas = [_meta("a", "Hà Nội", "63/2025/NQ-HĐND"), _meta("b", "Hà Nội", "56/2025/NQ-HĐND")]
    weights = doc_weights(understand("nghị quyết 63 quy định gì"), metas)
    assert weights["a"] > weights["b"]
    amended = [_meta("new", "Hà Nội", "66/2025/NQ-HĐND", ("16/2023/NQ-HĐND",)),
               _meta("old", "Hà Nội", "16/2023/NQ-HĐND")]  # fmt: skip
    weights = doc_weights(understand("phí tham quan"), amended)
    assert weights["new"] > weights["old"]


def test_a_word_typed_with_the_question_s_diacritics_is_read_as_typed():
    idf = {w: 1.0 for w in "tong chi thu ngan sach vay von".split()}

    def labels(question: str, marked: bool) -> set[str]:
        return {c.label.lower() for c in concepts(question, idf, marked=marked)}

    # "chi" (spend) in a question typed with diacritics is no "chị" (a word of address)
    assert "chi" in labels("Tổng chi ngân sách nhà nước là bao nhiêu?", marked=True)
    assert "vay" in labels("Hộ nghèo vay vốn tối đa bao nhiêu?", marked=True)  # not "vậy"
    # typed without any, the word may be either: "chi oi cho em hoi" keeps its address out
    assert "chi" not in labels("chi oi cho em hoi muc luong", marked=False)


@pytest.mark.parametrize(
    ("question", "marked", "content"),
    [
        # "bao nhiêu phần trăm" asks in what unit: "phần" is no content the evidence must hold
        ("Tỷ lệ hộ nghèo giảm bao nhiêu phần trăm?", True, "tỷ lệ hộ nghèo giảm"),
        ("muc chuan tang bao nhieu phan tram", False, "mức chuẩn tăng"),
        # question phrases of several words go whole, their words elsewhere stay
        ("Hiện nay thời hạn cụ thể là bao lâu?", True, "thời hạn"),
        ("Phần vốn còn lại chia thế nào?", True, "phần vốn lại chia"),
        # the asker's condition and the figure asked for frame the question
        ("Nếu tăng lương thì mức đóng là con số bao nhiêu?", True, "tăng lương mức đóng"),
    ],
)
def test_question_phrases_of_several_words_are_no_content(question, marked, content):
    idf = dict.fromkeys(syllables(question), 1.0)
    found = " ".join(c.label for c in concepts(question, idf, marked=marked))
    assert syllables(found) == syllables(content)


def test_coverage_counts_abbreviations_roman_numerals_and_headings():
    idf = {w: 1.0 for w in "muc luong toi thieu vung 1 bao hiem y te ty le".split()}
    items = concepts("mức lương tối thiểu vùng 1", idf)
    assert (
        coverage(items, syllable_set("Vùng I: 5.310.000"), syllable_set("Mức lương tối thiểu"))
        > 0.7
    )
    bhyt = concepts("tỷ lệ BHYT", idf)
    assert coverage(bhyt, syllable_set("Tỷ lệ dân số tham gia bảo hiểm y tế"), frozenset()) == 1.0


@pytest.mark.parametrize(
    "clause",
    [
        "Thực hiện hoàn thành 100% chỉ tiêu tuyển quân.",
        "Tổ chức khám sức khỏe, gọi công dân thực hiện nghĩa vụ quân sự.",
    ],
)
def test_each_official_wording_of_an_everyday_phrase_stands_for_it_alone(clause):
    # "đi bộ đội" is "nghĩa vụ quân sự" or "tuyển quân": either one names it
    idf = {w: 1.0 for w in "di bo doi nghia vu quan su tuyen".split()}
    (army,) = [c for c in concepts("thanh niên đi bộ đội", idf) if c.label == "đi bộ đội"]
    assert army.found_in(syllable_set(clause))
    assert not army.found_in(syllable_set("Thực hiện nghĩa vụ thuế."))


@pytest.mark.parametrize(
    ("question", "clause", "yes"),
    [
        (  # the question's "loại trừ" and the clause's "không áp dụng" agree
            "Thông tư có loại trừ nhà giáo ở trường quân đội không?",
            "Thông tư này không áp dụng đối với nhà giáo trong các cơ sở giáo dục thuộc Bộ "
            "Quốc phòng.",
            True,
        ),
        (  # "miễn" on both sides
            "Người khuyết tật có được miễn lệ phí không?",
            "Miễn lệ phí đối với người khuyết tật.",
            True,
        ),
        (  # "chưa" restricts "các tiêu chí": the clause does assign the task
            "Tỉnh có giao cấp huyện bố trí ngân sách đối ứng cho nông thôn mới không?",
            "Cấp huyện chủ động bố trí ngân sách đối ứng, hỗ trợ hoàn thành các tiêu chí chưa "
            "đạt chuẩn nông thôn mới.",
            True,
        ),
        (  # coordinated restrictions of one noun phrase on both sides: "chậm ..., sai ..."
            "Có yêu cầu thu hồi các dự án chậm tiến độ, sai cam kết không?",
            "Kiên quyết thu hồi các dự án không thực hiện theo đúng tiến độ và cam kết đầu tư.",
            True,
        ),
        (  # a negation in the question's premise is not what it asks; the clause's rule
            # is what follows "thì"
            "Đã nộp phí mà không đi thi thì có được trả lại tiền phí không?",
            "Trường hợp người dự sát hạch không tham dự kỳ sát hạch thì không được hoàn trả "
            "tiền phí đã nộp.",
            False,
        ),
        (
            "Người từ trần mà chưa được điều chỉnh trợ cấp thì gia đình có được truy lĩnh không?",
            "Trường hợp đã từ trần nhưng chưa được điều chỉnh trợ cấp thì người tổ chức mai "
            "táng được truy lĩnh khoản tiền chênh lệch.",
            True,
        ),
        (  # the same determiner opening the clause is its subject: that says no
            "Các xã có được hỗ trợ ngân sách đối ứng không?",
            "Các xã không được hỗ trợ ngân sách đối ứng.",
            False,
        ),
        (
            "Người vay có phải thế chấp tài sản không?",
            "người vay vốn không cần phải có tài sản bảo đảm tiền vay",
            False,
        ),
        (  # "mấy" opens a noun phrase like "các": "chậm tiến độ" restricts the projects
            "Tỉnh có kiên quyết thu hồi mấy dự án chây ì, chậm tiến độ không?",
            "kiên quyết thu hồi các dự án không thực hiện theo đúng tiến độ và cam kết đầu tư",
            True,
        ),
    ],
)
def test_yes_no_reads_the_polarity_of_question_and_clause(question, clause, yes):
    asked = frozenset(
        "nha giao quan doi mien le phi nguoi khuyet tat the chap tai san huyen bo tri ngan sach "
        "doi ung nong thon moi xa ho tro thu hoi du an cham tien do sai cam ket nop tra lai tien "
        "di thi dieu chinh tro cap truy linh gia dinh".split()
    )
    assert denies(question, clause, asked) is not yes


def test_a_figure_before_the_asked_predicate_is_a_premise_not_a_claim():
    clause = "Mức cho vay tối đa là 300 triệu đồng, người vay không cần tài sản bảo đảm."
    question = "Vay đến 300 triệu đồng có phải thế chấp tài sản không?"
    assert figure_verdict(question, clause, ASKED) is None
    assert figure_verdict("Mức cho vay tối đa là 300 triệu đồng phải không?", clause, ASKED)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Có phải năm 2023 tỉnh muốn 100% dân có bảo hiểm y tế không?", False),
        ("Có phải năm 2023 tỉnh đặt mục tiêu 95% dân có bảo hiểm y tế không?", True),
        ("Có đúng là tỉnh muốn 100% dân có bảo hiểm y tế không?", False),
        ("Phải chăng 95% dân có bảo hiểm y tế?", True),
        # "X có đặt mục tiêu 100% dân có ... không": the first "có" asks, the figure after it
        # is claimed, and the second "có" is a verb of the claim
        ("Nghị quyết có đặt mục tiêu 100% người dân có bảo hiểm y tế không?", False),
        ("Nghị quyết có đặt mục tiêu 95% người dân có bảo hiểm y tế không?", True),
    ],
)
def test_a_claim_framed_by_co_phai_is_the_whole_sentence(question, expected):
    # "Có phải ... không?" asks the whole sentence; the "có" of "dân có bảo hiểm" is its verb
    clause = "Tỷ lệ dân số tham gia bảo hiểm y tế: 95%."
    assert figure_verdict(question, clause, frozenset({"bao", "hiem", "y", "te"})) is expected


@pytest.mark.parametrize(
    ("question", "per"),
    [("Giá điện bao nhiêu một kWh?", "kwh"), ("hoc phi mam non bn 1 thang", "thang"),
     ("Lợn được hỗ trợ mỗi con bao nhiêu?", "con"), ("Mức lương tối thiểu là bao nhiêu?", None),
     # a labelled number and a year are not "per year": "vùng 1 năm 2026", "1 tháng 7"
     ("luong toi thieu vung 1 nam 2026 la bao nhieu", None),
     ("Hạng 1 năm 2025 được hỗ trợ bao nhiêu 1 tháng?", "thang"),
     ("Khoản hỗ trợ chi trả từ 1 tháng 7 là bao nhiêu?", None)],
)  # fmt: skip
def test_the_unit_an_amount_is_asked_per(question, per):
    from bot.evidence import asked_per

    assert asked_per(question) == per


def test_an_amount_counted_per_another_unit_does_not_answer():
    from bot.evidence import value_for

    query = understand("Lợn chết được hỗ trợ bao nhiêu tiền một con?")
    assert value_for(query, "hỗ trợ 3.000.000 đồng/con") == "3.000.000 đồng/con"
    assert value_for(query, "hỗ trợ 6.000.000 đồng/ha") is None
    # a unit the question names anywhere counts, the last word before "?" too
    query = understand("Chi giáo dục cho mỗi trẻ mầm non bao nhiêu một năm?")
    cell = value_for(query, "18.000.000", "Định mức (Khu vực còn lại)", "Đồng/học sinh/năm")
    assert cell == "18.000.000 Đồng/học sinh/năm"


def test_how_long_is_answered_by_a_span_of_time_not_by_money():
    from bot.evidence import asked_measure, value_for

    query = understand("Chủ tịch UBND xã quyết định hỗ trợ chi phí mai táng trong bao lâu?")
    assert asked_measure(query.standard) == "duration"
    clause = (
        "Trong thời hạn 03 ngày làm việc kể từ ngày nhận đủ hồ sơ, Chủ tịch Ủy ban nhân dân "
        "cấp xã quyết định hỗ trợ chi phí mai táng 5.000.000 đồng."
    )
    assert value_for(query, clause) == "03 ngày làm việc"
    assert value_for(query, "Mức hỗ trợ chi phí mai táng là 5.000.000 đồng.") is None
    # periods asked are counted in periods, not in the weeks of a formula beside them
    query = understand("Mỗi năm học được tính tối đa bao nhiêu tiết?")
    assert value_for(query, "Định mức tiết dạy/năm học x 44 tuần / 52 tuần") is None
    clause = "Tổng số tiết dạy thêm trong một năm học không quá 200 tiết"
    assert value_for(query, clause) == "không quá 200 tiết"


def test_a_count_per_period_is_counted_in_its_own_unit_not_in_the_period():
    from bot.evidence import value_for

    # "9 tháng/năm học" counts months (per school year); "đồng/tháng" counts money per month
    query = understand("Được hỗ trợ học phí tối đa mấy tháng trong một năm học?")
    clause = "Thời gian hỗ trợ: theo thời gian học thực tế và không quá 9 tháng/năm học."
    assert value_for(query, clause) == "không quá 9 tháng/năm"
    assert value_for(query, "Mức hỗ trợ 150.000 đồng/tháng.") is None
    query = understand("Hệ thống phải vận hành mấy giờ mỗi ngày?")
    assert value_for(query, "Hệ thống vận hành liên tục 24 giờ/ngày, 7 ngày/tuần.") == "24 giờ/ngày"


def test_litres_asked_are_answered_in_litres_not_by_the_money_the_question_names():
    from bot.evidence import asked_measure, value_for

    query = understand("BHYT thanh toán tiền xăng theo định mức bao nhiêu lít cho mỗi km?")
    assert asked_measure(query.standard) == "lit"
    clause = "Mức thanh toán được tính theo định mức 0,2 lít xăng/km và giá xăng tại thời điểm."
    assert value_for(query, clause) == "0,2 lít"
    assert value_for(query, "Mức hỗ trợ tiền xăng là 200.000 đồng/lượt.") is None


def test_a_year_by_year_breakdown_does_not_answer_for_the_whole_period():
    from bot.evidence import _breaks_down

    by_year = "trong đó, năm 2025 tối đa 1,36%, năm 2026 tối đa 1,26% và năm 2027 tối đa 1,23%;"
    assert _breaks_down(by_year, ("2025-2027",))
    assert not _breaks_down(by_year, ("2026",))
    assert not _breaks_down("bình quân giai đoạn 2025 - 2027 tối đa 1,28%", ("2025-2027",))


def test_a_coefficient_asked_is_a_bare_number_not_the_age_beside_it():
    from bot.evidence import asked_measure, value_for
    from bot.figures import figures

    query = understand("Người 85 tuổi ở Hà Nội được trợ cấp hệ số mấy?")
    assert asked_measure(query.standard) == "coefficient"
    assert value_for(query, "b) Người cao tuổi từ đủ 80 tuổi trở lên: 2.0") == "2.0"
    assert value_for(query, "b) Hệ số 4,0 đối với các đối tượng từ đủ 04 tuổi trở lên.") == "4,0"
    assert value_for(query, "Người từ đủ 80 tuổi trở lên được hưởng trợ cấp.") is None
    # "hệ số 4,0" states a figure; "văn bản số 5" numbers a text
    assert [f for _, _, f in figures("Hệ số 4,0 đối với trẻ em")] == ["4,0"]
    assert figures("theo văn bản số 5 của Sở") == ()
    # "cấp 2" is a level; "trợ cấp 500.000 đồng", "phụ cấp 0,60" state amounts
    assert figures("học sinh cấp 2") == ()
    assert [f for _, _, f in figures("mức trợ cấp 500.000 đồng/tháng")] == ["500.000 đồng/tháng"]
    assert [f for _, _, f in figures("hưởng phụ cấp 0,60")] == ["0,60"]
    # a coefficient named beside money asked is no coefficient asked
    money = understand("Trợ cấp bằng hệ số nhân mức chuẩn là bao nhiêu tiền?")
    assert asked_measure(money.standard) != "coefficient"


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("Within how many working days must the agency reply?", "ngay"),
        ("How many teaching weeks are counted in a year?", "tuan"),
        ("How many households received support?", "ho"),
        ("How long does the exemption last?", "duration"),
        ("How old must a child be to pay the fee?", "tuoi"),
        ("How much is the fee?", "money"),
    ],
)
def test_an_english_question_counts_in_the_unit_it_names(question, measure):
    from bot.evidence import asked_measure, value_for

    query = understand(question)
    assert query.kind == "figure"
    assert asked_measure(query.standard) == measure
    if measure == "ngay":
        clause = "trả lời trong thời hạn 15 ngày làm việc; tạm dừng đóng không quá 12 tháng"
        assert value_for(query, clause).startswith("15 ngày")


def test_until_when_is_answered_by_the_date_a_span_runs_to():
    from bot.evidence import value_for

    clause = (
        "Tiếp tục thực hiện chuẩn nghèo đa chiều giai đoạn 2022 - 2025 theo Nghị định số "
        "07/2021/NĐ-CP ngày 27 tháng 01 năm 2021 từ ngày 01 tháng 01 năm 2026 đến hết ngày 31 "
        "tháng 12 năm 2026."
    )
    # the period names what is asked about, the number another document: neither is the date
    until = understand(
        "Theo Nghị định 351/2025, chuẩn nghèo giai đoạn 2022 - 2025 áp dụng đến khi nào?"
    )
    assert value_for(until, clause) == "ngày 31 tháng 12 năm 2026"
    since = understand("Chuẩn nghèo giai đoạn 2022 - 2025 được áp dụng từ ngày nào?")
    assert value_for(since, clause) == "ngày 01 tháng 01 năm 2026"
    # the date of the very document the question names by its number is its date
    cited = understand("Nghị định 07/2021/NĐ-CP được ban hành ngày nào?")
    assert value_for(cited, clause) == "ngày 27 tháng 01 năm 2021"


def test_a_bound_asked_is_answered_by_the_figure_with_that_bound():
    from bot.evidence import value_for

    clause = "Hộ gia đình có ít nhất 1 trẻ em từ 3 tuổi đến dưới 16 tuổi không được đi học"
    assert value_for(understand("Trẻ từ bao nhiêu tuổi trở lên?"), clause) == "từ 3 tuổi"
    assert value_for(understand("tre duoi bn tuoi thi tinh"), clause) == "dưới 16 tuổi"


def test_a_long_lead_in_is_cut_before_the_items():
    lead = (
        "1. Người có hoàn cảnh khó khăn của thành phố có nguyện vọng hoặc do các cơ quan chức "
        "năng có thẩm quyền đề xuất được chăm sóc, nuôi dưỡng trong cơ sở trợ giúp xã hội gồm:"
    )
    from bot import compose

    text = compose.list_answer(lead, [("a) Trẻ em mồ côi", 1), ("b) Người cao tuổi", 2)])
    first, *items = text.split("\n")
    assert first.endswith("…:") and len(first) <= compose.MAX_HEADING_CHARS + 2
    assert items == ["- a) Trẻ em mồ côi [1]", "- b) Người cao tuổi [2]"]
    assert compose.list_answer("c) Các chỉ tiêu xã hội:", [("Tỷ lệ: 95%", 1)]).startswith(
        "c) Các chỉ tiêu xã hội:\n"
    )


def test_the_date_of_a_cited_document_does_not_answer_when():
    from bot.evidence import value_for

    when = understand("Tiền hỗ trợ được chi trả vào ngày nào?")
    cited = (
        "Việc chi trả thực hiện theo Thông tư số 15/2020/TT-BTC ngày 10 tháng 3 năm 2020 của Bộ "
        "Tài chính, sau khi kết thúc năm học."
    )
    assert when.kind == "date"
    assert value_for(when, cited) is None
    assert value_for(when, "căn cứ Luật số 16/2021/QH15 ngày 27/7/2021") is None
    own = (
        "Theo Nghị định số 09/2025/NĐ-CP, tiền hỗ trợ được chi trả trước ngày 15 tháng 12 hằng năm."
    )
    assert value_for(when, own) == "ngày 15 tháng 12 hằng năm"
    # asked about the cited document itself, its date is the answer
    which = understand("Thông tư 15/2020/TT-BTC ban hành ngày nào?")
    assert value_for(which, cited) == "ngày 10 tháng 3 năm 2020"


def test_a_list_shows_its_outer_items_once():
    from bot.lists import _top_level
    from corpus.types import Passage

    p = Passage("d#1", "d", ("Điều 7",), "7", "x")
    entries = [(t, p, (0, 0)) for t in (
        "1. Lợi dụng hệ thống để vi phạm pháp luật;", "2. Sử dụng hệ thống nhằm mục đích sau đây:",
        "a) Lừa dối người dùng;", "b) Thao túng nhận thức;", "3. Thu thập dữ liệu trái phép.",
        "1. Lợi dụng hệ thống để vi phạm pháp luật;",
    )]  # fmt: skip
    assert [t[:2] for t, _, _ in _top_level(entries)] == ["1.", "2.", "3."]


def test_an_item_under_a_prohibiting_heading_answers_yes_to_is_it_forbidden():
    from bot.compose import yesno_answer
    from bot.evidence import Unit
    from corpus.types import Passage

    lead = "2. Sử dụng hệ thống trí tuệ nhân tạo nhằm mục đích sau đây:"
    item = "a) Tạo ra nội dung giả mạo gây nguy hại đến an ninh quốc gia."
    text = f"{lead}\n{item}"
    passage = Passage(
        "luat#dieu-7/2", "luat", ("Chương I", "Điều 7. Các hành vi bị nghiêm cấm"), "7", text
    )
    start = text.index(item)
    unit = Unit(0, start, len(text), item, None, lead, 1.0, 1.0, 1.0)
    asked = frozenset("cam dung tao noi dung gia mao nguy hai an ninh quoc gia".split())
    forbidden = "Luật có cấm dùng AI để tạo nội dung giả mạo gây nguy hại đến an ninh không?"
    allowed = "Luật có cho phép dùng AI để tạo nội dung giả mạo gây nguy hại đến an ninh không?"
    assert yesno_answer(understand(forbidden), unit, passage, asked).startswith("Có.")
    assert yesno_answer(understand(allowed), unit, passage, asked).startswith("Không,")
    # the same item under a neutral heading: what it states is allowed, not forbidden
    plain = Passage("luat#dieu-8/2", "luat", ("Điều 8. Phạm vi áp dụng",), "8", text)
    assert yesno_answer(understand(forbidden), unit, plain, asked).startswith("Không,")


def test_an_item_that_enumerates_after_its_colon_keeps_the_enumeration():
    item = (
        "1. Đối tượng hưởng trợ cấp: Người bị mắc một trong các bệnh hiểm nghèo sau đây: ung thư, "
        "suy thận phải chạy thận nhân tạo, xơ gan giai đoạn mất bù, suy tim độ 4 hoặc bệnh hiểm "
        "nghèo khác theo quy định của cơ quan y tế."
    )
    assert "suy tim" in shorten(item)
    # "như:" opens an enumeration too
    item = (
        "Tiếp tục đôn đốc các doanh nghiệp khai thác khoáng sản chấp hành các nghĩa vụ về tài "
        "chính như: tiền cấp quyền khai thác khoáng sản, thuế tài nguyên, phí bảo vệ môi trường "
        "nhằm chống thất thu."
    )
    assert "phí bảo vệ môi trường" in shorten(item)
    plain = "Tiếp tục thực hiện hiệu quả các nhiệm vụ " + "phát triển kinh tế xã hội " * 12
    assert len(shorten(plain)) <= 141


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("ho ngheo vay von thi lai suat bn 1 nam", "percent"),  # an interest rate is a share
        ("Trẻ cao bao nhiêu thì được miễn phí? Chiều cao bao nhiêu?", None),  # not money
        ("Phí tham quan bao nhiêu một lượt?", "money"),
        ("Trợ cấp được tăng thêm bao nhiêu?", None),  # a rise: money or a share of the amount
        ("Trợ cấp được tăng thêm bao nhiêu tiền?", "money"),
        ("Kim ngạch nhập khẩu đạt bao nhiêu tỷ USD?", "money"),  # large money units
        ("vốn đầu tư mấy trăm triệu", "money"),
        ("Tổng sản phẩm đạt bao nhiêu tỉ đô la Mỹ?", "money"),
        ("Độ che phủ là bao nhiêu tỷ lệ?", "percent"),  # "tỷ lệ" is a share, not "tỷ"
        ("Hộ nghèo vay vốn phải trả lãi bao nhiêu?", "percent"),  # the interest rate
        ("Vay 100 triệu thì trả lãi bao nhiêu tiền?", "money"),
        ("Mức phạt khi đi xe máy năm 2025 là bao nhiêu?", None),  # "xe máy": no "mấy năm"
        ("Mấy năm thì được xét lại?", "nam"),
        # chat "ở mấy phường" beside "bn" is "các phường" (the wards), not how many of them
        ("hoc phi mam non o may phuong cua tp hue bn 1 thang", "money"),
        ("Nghị quyết áp dụng ở mấy phường?", "phuong"),
        # a closing "vay" typed without marks is "vậy" (so), not a loan; "mức cho vay" is one
        ("co tong cong bao nhieu vi tri viec lam vay?", None),
        ("ho ngheo duoc bao nhieu von vay?", "money"),
        # a share the question states is a premise when it says money
        ("Lúa thiệt hại trên 70% được hỗ trợ bao nhiêu tiền một ha?", "money"),
        ("Thiệt hại trên 70% thì được quỹ thanh toán mức nào?", "percent"),
        # "chiếm bao nhiêu" asks a share of a whole, unless it counts or says money
        ("Công nghiệp, xây dựng chiếm bao nhiêu trong nền kinh tế?", "percent"),
        ("Rừng chiếm bao nhiêu ha?", "ha"),
    ],
)
def test_what_a_question_asks_to_be_measured_in(question, measure):
    from bot.evidence import asked_measure

    assert asked_measure(understand(question).standard) == measure


def test_a_figure_the_question_states_as_a_premise_is_not_its_answer():
    from bot.evidence import value_for

    query = understand("Trẻ dưới 16 tuổi không có giấy tờ thì căn cứ chiều cao bao nhiêu?")
    text = "Trường hợp không có giấy tờ xác định dưới 16 tuổi thì áp dụng chiều cao dưới 1,3m"
    assert value_for(query, text) == "dưới 1,3m"


def test_a_day_of_every_month_answers_when_no_full_date_does():
    from bot.evidence import value_for

    query = understand("Phải chuyển chứng từ cho xã trước ngày nào hằng tháng?")
    text = "chuyển chứng từ cho Ủy ban nhân dân cấp xã trước ngày 20 hằng tháng để quyết toán."
    assert value_for(query, text) == "trước ngày 20 hằng tháng"


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("nguoi thu 3 trong ho dong bhyt bn %", "60%"),  # "thứ 3" is "thứ ba"
        ("Người thứ hai đóng bao nhiêu?", "bằng 70%"),
        ("Người thứ năm đóng bao nhiêu?", None),  # not one of the items paired
        ("Mức đóng bảo hiểm y tế hộ gia đình?", None),  # names no item
    ],
)
def test_a_respectively_sentence_gives_the_figure_of_the_item_asked(question, figure):
    from bot.evidence import respective

    text = (
        "người thứ nhất đóng bằng 4,5% mức lương cơ sở; người thứ hai, thứ ba, thứ tư đóng lần "
        "lượt bằng 70%, 60%, 50% mức đóng của người thứ nhất; từ người thứ năm trở đi"
    )
    assert respective(question, text) == figure


def test_yes_no_reads_a_denying_heading_and_a_rule_that_allows_only_one():
    from bot.compose import yesno_answer
    from bot.evidence import Unit
    from corpus.types import Passage

    item = "Ngày cuối cùng của năm âm lịch, ngày mùng 01, 02 tết Nguyên đán."
    passage = Passage("nq#pl/5", "nq", ("Phụ lục", "5. Thời gian không thu phí"), None, item)
    unit = Unit(0, 0, len(item), item, None, "", 1.0, 1.0, 1.0)
    asked = frozenset("mung tet tham quan mat phi".split())
    answer = yesno_answer(
        understand("Mùng 1 Tết đi tham quan có mất phí không?"), unit, passage, asked
    )
    assert answer.startswith("Không, 5. Thời gian không thu phí:"), answer
    rule = "Trường hợp một người làm nhiều nhiệm vụ trong một ngày thì chỉ được hưởng một mức cao nhất."
    passage = Passage("nq#d3/2", "nq", ("Điều 3. Mức chi",), "3", rule)
    unit = Unit(0, 0, len(rule), rule, None, "", 1.0, 1.0, 1.0)
    asked = frozenset("nguoi lam nhieu nhiem vu ngay huong muc".split())
    question = understand("Một người làm nhiều nhiệm vụ có được hưởng tất cả các mức không?")
    assert yesno_answer(question, unit, passage, asked).startswith("Không,")


@pytest.mark.parametrize(
    ("question", "yes"),
    [
        ("Tỉnh hình thành cụm liên kết sản xuất với Hải Phòng và Quảng Ninh phải không?", False),
        ("Tỉnh hình thành cụm liên kết sản xuất với Bắc Ninh phải không?", True),
        ("Tỉnh có hình thành cụm liên kết sản xuất không?", True),  # names no province
    ],
)
def test_provinces_claimed_are_checked_against_those_the_clause_names(question, yes):
    from bot.compose import yesno_answer
    from bot.evidence import Unit
    from corpus.types import Passage

    text = "Hình thành cụm liên kết sản xuất với các tỉnh Bắc Giang, Bắc Ninh."
    passage = Passage("nq#d2/1", "nq", ("Điều 2",), "2", text)
    unit = Unit(0, 0, len(text), text, None, "", 1.0, 1.0, 1.0)
    asked = frozenset("tinh hinh thanh cum lien ket san xuat".split())
    answer = yesno_answer(understand(question), unit, passage, asked)
    assert answer.startswith("Có." if yes else "Không,"), answer


def test_a_commune_named_like_a_province_is_no_province():
    from bot.compose import other_provinces

    clause = "Sắp xếp các xã Bình Thuận, Khôi Kỳ và Mỹ Yên thành xã mới có tên gọi là xã Đại Từ."
    question = "Xã Đại Từ của tỉnh Thái Nguyên có được lập từ xã Khôi Kỳ không?"
    assert not other_provinces(question, clause)


@pytest.mark.parametrize(
    ("question", "evidence", "missing"),
    [
        (
            "Phó thôn đội trưởng được phụ cấp bao nhiêu?",
            "Thôn (tổ) đội trưởng: 2.340.000 đồng",
            True,
        ),
        ("Phó Chủ tịch UBND xã hệ số bao nhiêu?", "Phó Chủ tịch Ủy ban nhân dân: 0,50", False),
        ("Phó trưởng phòng hệ số bao nhiêu?", "Phó Trưởng phòng, Phó Đội trưởng: 0,20", False),
        ("Chủ tịch UBND xã hệ số bao nhiêu?", "Phó Chủ tịch Ủy ban nhân dân: 0,50", False),
        # the deputy named after the unit: "đội phó" is not the "đội trưởng"
        ("Thôn đội phó được phụ cấp bao nhiêu?", "Thôn (tổ) đội trưởng: 2.340.000 đồng", True),
        ("thon doi pho dc phu cap bn", "Thôn (tổ) đội trưởng: 2.340.000 đồng", True),
        ("Tổ phó được phụ cấp bao nhiêu?", "Tổ trưởng, tổ phó: 1.000.000 đồng", False),
        ("Thôn đội trưởng được phụ cấp bao nhiêu?", "Thôn (tổ) đội trưởng: 2.340.000 đồng", False),
        ("Ở thành phố Huế học phí bao nhiêu?", "Thành phố: 300.000 đồng", False),
    ],
)
def test_a_deputy_asked_is_not_answered_by_the_chief(question, evidence, missing):
    from bot.checks import deputy_missing

    assert deputy_missing(question, evidence) is missing


def test_an_amount_asked_per_item_is_not_answered_by_one_counted_per_something_else():
    from bot.evidence import value_for

    query = understand("Mức chi mua máy tính là bao nhiêu một chiếc?")
    assert value_for(query, "Chi công tác kiểm tra: 5.600.000 đồng/báo cáo") is None
    assert value_for(query, "Chi công tác kiểm tra: 240.000 đồng/người/tháng") is None
    assert value_for(query, "Mua máy tính: 15.000.000 đồng/chiếc") == "15.000.000 đồng/chiếc"


def test_a_unit_named_after_its_classifier_is_the_one_asked_per():
    from bot.evidence import value_for

    query = understand("Chi khắc dấu là bao nhiêu một con dấu?")  # "con" classifies "dấu"
    assert value_for(query, "Chi khắc dấu: 400.000 đồng/dấu") == "400.000 đồng/dấu"


def test_a_year_asked_takes_that_years_figure_from_a_text_that_goes_year_by_year():
    from bot.evidence import value_for

    clause = (
        "trong đó, năm 2025 tối đa 1,36%, năm 2026 tối đa 1,26% và năm 2027 tối đa 1,23% dự "
        "toán thu, chi"
    )
    query = understand(
        "Năm 2026 mức chi tổ chức và hoạt động được trích tối đa bao nhiêu phần trăm?"
    )
    assert value_for(query, clause) == "tối đa 1,26%"
    later = understand("Mức chi tối đa năm 2027 là bao nhiêu phần trăm?")
    assert value_for(later, clause) == "tối đa 1,23%"


def test_a_cell_unit_said_by_both_heading_and_row_is_said_once():
    from bot.evidence import _with_unit

    # "Mức thu phí (đồng)" over a row whose unit column says "đồng/lượt/khách"
    assert _with_unit("20.000", "đồng", "đồng/lượt/khách") == "20.000 đồng/lượt/khách"
    assert _with_unit("50.000", None, "đồng/lượt") == "50.000 đồng/lượt"


def test_a_text_cell_leads_its_answer_before_the_labels_that_place_it():
    from bot.compose import value_answer
    from bot.evidence import Unit
    from corpus.types import Passage

    row = "CHỈ SỐ THIẾU HỤT — 2. Y tế — Bảo hiểm y tế — Ngưỡng thiếu hụt: Có người không có thẻ."
    p = Passage(
        id="d#t/row-1", doc_id="d", section=("Phụ lục",), article=None, text=row, kind="row"
    )
    unit = Unit(0, 0, len(row), row, None, "", 1.0, 1.0, 1.0)
    assert value_answer(unit, p).startswith("Có người không có thẻ. — CHỈ SỐ THIẾU HỤT")


@pytest.mark.parametrize(
    ("question", "clause", "opposite"),
    [
        (
            "Doanh nghiệp được chọn áp dụng mức thấp nhất, đúng không?",
            "thì áp dụng theo địa bàn có mức lương tối thiểu cao nhất.",
            True,
        ),
        ("Phí được thu tối thiểu 10.000 đồng phải không?", "Mức thu tối đa 20.000 đồng.", True),
        ("tham gia bao hiem nay la tu nguyen dung ko", "Người lao động bắt buộc tham gia.", True),
        # opposite courses of action
        (
            "Tỉnh có nới lỏng kỷ luật tài chính không?",
            "Siết chặt kỷ luật, kỷ cương tài chính.",
            True,
        ),
        ("Quy mô trường lớp có bị thu hẹp không?", "Mở rộng quy mô trường, lớp học.", True),
        ("Tỉnh có hạn chế khai thác khoáng sản không?", "Khuyến khích khai thác khoáng sản.", True),
        (
            "Tỉnh có siết chặt kỷ luật tài chính không?",
            "Siết chặt kỷ luật, kỷ cương tài chính.",
            False,
        ),
        # the clause states both, or the same word: nothing is contradicted
        ("Được áp dụng mức cao nhất không?", "áp dụng theo địa bàn có mức cao nhất.", False),
        ("Mức tối đa là bao nhiêu?", "tối thiểu 5 triệu, tối đa 10 triệu đồng.", False),
        ("Có được hỗ trợ không?", "Mức hỗ trợ cao nhất 5 triệu đồng.", False),
    ],
)
def test_a_clause_stating_the_opposite_of_the_question_says_no(question, clause, opposite):
    from bot.compose import opposed

    assert opposed(question, clause) is opposite


def test_yes_no_says_no_when_the_clause_states_the_opposite():
    from bot.compose import yesno_answer
    from bot.evidence import Unit
    from corpus.types import Passage

    text = (
        "c) Người sử dụng lao động hoạt động trên các địa bàn có mức lương tối thiểu khác nhau thì"
        " áp dụng theo địa bàn có mức lương tối thiểu cao nhất."
    )
    passage = Passage("nd#dieu-3/3", "nd", ("Điều 3. Mức lương tối thiểu",), "3", text)
    unit = Unit(0, 0, len(text), text, None, "", 1.0, 1.0, 1.0)
    asked = frozenset("dia ban muc luong toi thieu khac nhau ap dung thap nhat".split())
    question = "Công ty trên nhiều địa bàn có mức lương tối thiểu khác nhau được áp dụng mức thấp nhất không?"
    assert yesno_answer(understand(question), unit, passage, asked).startswith("Không,")


def test_a_short_item_is_kept_whole_a_long_one_cut_at_its_first_clause():
    days = "Ngày cuối cùng của năm âm lịch, ngày mùng 01, 02 tết Nguyên đán; ngày lễ Phật Đản."
    assert shorten(days).endswith("ngày lễ Phật Đản")
    long = "Tăng cường công tác thanh tra, kiểm tra thuế; " + "đẩy mạnh thu nợ thuế " * 8
    assert shorten(long) == "Tăng cường công tác thanh tra, kiểm tra thuế"


def test_a_lead_clause_just_over_the_limit_is_not_cut_before_its_last_words():
    lead = (
        "Chỉ đạo các hợp tác xã tiếp tục chuyển đổi, củng cố và đổi mới hoạt động theo đúng "
        "tính chất và mô hình hợp tác xã kiểu mới của Luật Hợp tác xã năm 2023"
    )
    assert 140 < len(lead) < 160
    assert shorten(f"{lead}; tập trung tổ chức sản xuất theo chuỗi giá trị.") == lead
    far = lead + " và các văn bản hướng dẫn thi hành của Chính phủ, các bộ, ngành trung ương"
    assert shorten(far).endswith("…") and len(shorten(far)) <= 141


def test_a_folded_name_is_matched_as_whole_words():
    from bot.concepts import has_words

    assert has_words("di tich chua huong, xa huong son", "huong")
    assert not has_words("tren dia ban phuong hoan kiem", "huong")  # "phường" folds to "phuong"


@pytest.mark.parametrize(
    ("question", "clause", "denied"),
    [
        (
            "Bà tôi 72 tuổi, nhà không thuộc hộ nghèo hay cận nghèo, có được trợ cấp không?",
            "Công dân từ đủ 70 tuổi đến dưới 75 tuổi thuộc hộ nghèo, hộ cận nghèo.",
            True,
        ),
        # the clause itself leaves the group out: no contradiction
        (
            "Nhà không thuộc hộ nghèo có được hỗ trợ không?",
            "Hộ gia đình không thuộc hộ nghèo được hỗ trợ 50%.",
            False,
        ),
        # "không có" is left alone: "không có lương hưu hoặc có lương hưu thấp hơn"
        (
            "Tôi không có lương hưu, có được trợ cấp không?",
            "Người không có lương hưu hoặc có lương hưu thấp hơn mức trợ cấp.",
            False,
        ),
    ],
)
def test_a_condition_the_asker_says_they_do_not_meet_says_no(question, clause, denied):
    from bot.compose import requires_what_is_denied

    assert requires_what_is_denied(question, clause) is denied


def test_a_negated_bound_is_a_condition_not_a_denial():
    # "chưa đủ 06 tháng" bounds the time served; "không xếp loại" is what says no
    clause = "Công chức có thời gian công tác chưa đủ 06 tháng không xếp loại chất lượng."
    asked = frozenset("cong chuc xep loai chat luong".split())
    question = "Công chức làm được 5 tháng có được xếp loại chất lượng không?"
    assert denies(question, clause, asked)
    assert not denies(question, "Công chức làm việc không quá 05 năm được xếp loại.", asked)


def test_a_yes_no_question_needs_no_figure_unless_it_states_one():
    from bot.evidence import Unit
    from bot.features import Features

    text = "Dự án đã phê duyệt tiếp tục thực hiện theo tỷ lệ cũ."
    clause = Unit(0, 0, len(text), text, None, "", 0.9, 0.9, 1.0)
    # "có hiệu lực" makes it a question of dates, yet yes or no is what is asked
    asked = understand(
        "Dự án được phê duyệt trước khi nghị quyết có hiệu lực có phải áp dụng tỷ lệ mới không?"
    )
    assert asked.yesno and asked.kind == "effective"
    assert Features._has_value(asked, clause, None)
    claimed = understand("Tỷ lệ đối ứng có phải là 80% không?")
    assert not Features._has_value(claimed, clause, None)


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        (
            "Dự án đã phê duyệt trước khi nghị quyết có hiệu lực có phải áp dụng tỷ lệ mới không?",
            "Không,",
        ),
        ("Dự án đã phê duyệt có được tiếp tục thực hiện theo quyết định cũ không?", "Có."),
    ],
)
def test_a_transitional_clause_keeps_the_earlier_rule(question, verdict):
    from bot.compose import yesno_answer
    from bot.evidence import Unit
    from corpus.types import Passage

    rule = (
        "Đối với dự án được phê duyệt quyết định hỗ trợ trước ngày Nghị quyết này có hiệu lực thi "
        "hành thì tiếp tục triển khai thực hiện theo quyết định đã được phê duyệt."
    )
    passage = Passage("nq#d3/2", "nq", ("Điều 3. Điều khoản thi hành",), "3", rule)
    unit = Unit(0, 0, len(rule), rule, None, "", 1.0, 1.0, 1.0)
    asked = frozenset("du an phe duyet ap dung ty le moi".split())
    assert yesno_answer(understand(question), unit, passage, asked).startswith(verdict)


def test_the_number_of_a_cited_document_answers_which_number():
    from bot.evidence import asked_measure, value_for

    clause = (
        "Sau khi nghe Báo cáo số 271/BC-UBND ngày 21 tháng 11 năm 2022 của Ủy ban nhân dân tỉnh; "
        "xét Tờ trình số 171/TTr-UBND"
    )
    report = understand("HĐND tỉnh đã nghe báo cáo số mấy của UBND?")
    assert asked_measure(report.standard) == "docnumber"
    assert value_for(report, clause) == "271/BC-UBND"
    assert value_for(understand("xet to trinh so bao nhieu"), clause) == "171/TTr-UBND"
    # "nghị quyết này số mấy" asks the document's own number, a fact of its metadata
    assert asked_measure(understand("Nghị quyết này số mấy?").standard) != "docnumber"


@pytest.mark.parametrize(
    ("question", "clause", "verdict"),
    [
        (
            "Nghị quyết được thông qua ngày 08/12/2023 đúng không?",
            "Nghị quyết này đã được thông qua ngày 08 tháng 12 năm 2022.",
            False,
        ),
        (
            "Nghị quyết được thông qua ngày 8/12/2022 phải không?",
            "Nghị quyết này đã được thông qua ngày 08 tháng 12 năm 2022.",
            True,
        ),
        (
            "Chương trình mới cho lớp 4, 8, 11 bắt đầu từ năm học 2024 - 2025 phải không?",
            "triển khai chương trình mới đối với lớp 4, 8, 11 trong năm học 2023 - 2024.",
            False,
        ),
        ("Học phí có tăng không?", "Học phí năm học 2023 - 2024 giữ nguyên.", None),
    ],
)
def test_a_date_or_school_year_the_question_states_is_checked(question, clause, verdict):
    from bot.compose import date_verdict

    assert date_verdict(question, clause) is verdict


_FIFTH = "bằng 40% mức đóng của người thứ nhất"


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("nha e 5 nguoi thi nguoi thu 5 dong bn % so voi nguoi dau tien", _FIFTH),
        ("Người thứ năm trở đi đóng bao nhiêu?", _FIFTH),
        ("Người thứ nhất đóng bao nhiêu?", "bằng 4,5% mức lương cơ sở"),
        ("Người thứ ba đóng bao nhiêu?", None),  # its part gives three figures ("lần lượt")
        ("Mức đóng bảo hiểm y tế hộ gia đình?", None),  # names no ordinal
    ],
)
def test_the_part_of_a_clause_naming_the_ordinal_asked_gives_its_figure(question, figure):
    from bot.evidence import ordinal_figure

    text = (
        "người thứ nhất đóng bằng 4,5% mức lương cơ sở; người thứ hai, thứ ba, thứ tư đóng lần "
        "lượt bằng 70%, 60%, 50% mức đóng của người thứ nhất; từ người thứ năm trở đi đóng bằng "
        "40% mức đóng của người thứ nhất"
    )
    assert ordinal_figure(question, text) == figure


BHYT_BHXH = [("95%", "Tỷ lệ dân số tham gia bảo hiểm y tế: 95%.", 1),
             ("44%", "Tỷ lệ người lao động tham gia bảo hiểm xã hội: 44%.", 2)]  # fmt: skip


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Chỉ tiêu nào cao hơn, BHYT hay BHXH?", "BHYT (95%) cao hơn BHXH (44%)."),
        ("BHYT với BHXH bên nào thấp hơn?", "BHXH (44%) thấp hơn BHYT (95%)."),
        ("bhyt hay bhxh nhieu hon", "BHYT (95%) cao hơn BHXH (44%)."),  # the default words
    ],
)
def test_a_comparison_says_which_side_is_higher_in_the_question_words(question, lead):
    answer = compare_answer(BHYT_BHXH, ("BHYT", "BHXH"), question)
    assert answer.startswith(lead), answer
    assert ". [" not in answer and answer.endswith("[2].")  # one full stop, after the last
    assert "95% — Tỷ lệ dân số" in answer and "[2]" in answer


def test_figures_of_other_units_or_bounds_are_not_ranked():
    money = [("190 nghìn đồng/tháng", "Huế", 1), ("80 nghìn đồng/năm", "Vĩnh Long", 2)]
    assert compare_answer(money, ("Huế", "Vĩnh Long"), "bên nào cao hơn").startswith("190")
    bound = [("Dưới 3%", "thất nghiệp", 1), ("1,5%", "hộ nghèo", 2)]
    assert compare_answer(bound, ("thất nghiệp", "hộ nghèo"), "cái nào cao hơn").startswith("Dưới")


@pytest.mark.parametrize(
    ("question", "evidence", "other"),
    [
        ("Định mức chi cho mỗi học sinh THPT là bao nhiêu?", "Trung học cơ sở (THCS): 9.500.000", True),
        ("Định mức chi cho mỗi học sinh THCS là bao nhiêu?", "Trung học cơ sở (THCS): 9.500.000", False),
        ("hoc phi cap 3 o hue bn", "Đô thị — Trung học phổ thông: 130", False),
        ("hoc phi cap 3 o hue bn", "Đô thị — Tiểu học: 190", True),
        # no level named on one side or the other: nothing to check
        ("Học phí ở Huế là bao nhiêu?", "Đô thị — Tiểu học: 190", False),
        ("Học phí mầm non là bao nhiêu?", "Mức thu học phí: 190.000 đồng/tháng", False),
    ],
)  # fmt: skip
def test_a_level_of_schooling_asked_is_not_answered_by_another_levels_figure(
    question, evidence, other
):
    from bot.checks import other_school_level

    assert other_school_level(question, evidence) is other


@pytest.mark.parametrize(
    ("question", "evidence", "other"),
    [
        ("Tỷ lệ hộ cận nghèo phải giảm bao nhiêu?", "Giảm tỷ lệ hộ nghèo: Từ 1% trở lên", True),
        ("Tỷ lệ hộ nghèo phải giảm bao nhiêu?", "Giảm tỷ lệ hộ nghèo: Từ 1% trở lên", False),
        ("Chuẩn hộ có mức sống trung bình ở đô thị?", "Chuẩn nghèo: Ở khu vực đô thị: 2.800.000", True),
        ("Chuẩn hộ cận nghèo ở nông thôn?", "c) Hộ cận nghèo khu vực nông thôn: 2.200.000", False),
        # both classes asked: a figure for either answers
        ("Hộ nghèo và hộ cận nghèo được hỗ trợ bao nhiêu?", "Hộ cận nghèo được hỗ trợ 70%", False),
        ("Học phí ở Huế là bao nhiêu?", "Hộ nghèo được miễn học phí", False),  # no class asked
    ],
)  # fmt: skip
def test_a_class_of_household_asked_is_not_answered_by_another_class(question, evidence, other):
    from bot.checks import other_household

    assert other_household(question, evidence) is other


def test_a_short_list_reads_each_item_further_than_a_long_one():
    from bot import compose

    # three items: each is shown whole, not cut at its first ";" (the youth recruited to
    # cooperatives is the second clause of the second item)
    second = (
        "Tăng cường công tác đào tạo nghề, tập huấn, bồi dưỡng kiến thức về quản lý, kỹ thuật, "
        "tiếp cận thị trường cho cán bộ quản lý hợp tác xã; đẩy mạnh thu hút cán bộ trẻ tốt "
        "nghiệp đại học, cao đẳng về làm việc tại các hợp tác xã."
    )
    few = [("Thực hiện các nhiệm vụ theo Nghị quyết số 20-NQ/TW.", 1), (second, 2),
           ("Chỉ đạo các hợp tác xã chuyển đổi theo mô hình hợp tác xã kiểu mới.", 3)]  # fmt: skip
    assert "cán bộ trẻ tốt nghiệp đại học" in list_answer("đ) Kinh tế tập thể", few)
    # seven or more: each item is its lead clause, so the list stays readable
    many = few + [(f"Nhiệm vụ số {i}: triển khai nội dung {i}", i) for i in range(4, 9)]
    text = list_answer("đ) Kinh tế tập thể", many)
    assert "cán bộ trẻ" not in text and "cán bộ quản lý hợp tác xã [2]" in text
    # however few the items, one is never longer than a few lines
    long = "Triển khai " + "các nội dung của chương trình, " * 30 + "đúng kế hoạch."
    assert len(list_answer("Gồm", [(long, 1)]).split("\n")[1]) <= compose.MAX_FEW_ITEM_CHARS + 10


def test_an_item_of_a_short_list_shows_the_whole_clauses_its_share_holds():
    # the auction is in the second sentence of the second item; a list of three has room for it
    land = (
        "Quyết liệt chỉ đạo, thực hiện các giải pháp thu tiền sử dụng đất phù hợp với tình hình "
        "thực tế. Tập trung đôn đốc các chủ đầu tư bàn giao quỹ đất đúng tiến độ, kịp thời tổ "
        "chức đấu giá thu tiền sử dụng đất nộp ngân sách nhà nước. Thực hiện tốt cải cách hành "
        "chính trong lĩnh vực đất đai, giải quyết, tháo gỡ các vướng mắc trong quá trình thu hồi "
        "đất, các thủ tục cho thuê đất, cấp Giấy chứng nhận quyền sử dụng đất."
    )
    few = [("Tăng cường công tác thanh tra, kiểm tra thuế.", 1), (land, 2),
           ("Siết chặt kỷ luật, kỷ cương tài chính - ngân sách.", 3)]  # fmt: skip
    item = list_answer("g) Quản lý thu - chi ngân sách nhà nước", few).split("\n")[2]
    assert "đấu giá thu tiền sử dụng đất nộp ngân sách nhà nước [2]" in item  # whole clauses
    assert "cải cách hành chính" not in item  # what does not fit is left out, not cut mid-way
    # a long list keeps to each item's lead clause
    many = few + [(f"Nhiệm vụ số {i}: triển khai nội dung {i}", i) for i in range(4, 9)]
    assert "- Quyết liệt chỉ đạo" in list_answer("g)", many) and "đấu giá" not in list_answer(
        "g)", many
    )


def test_a_clause_under_a_bare_label_reads_the_title_above_it():
    # "Khoản 4" says nothing; "Điều 6. Miễn lệ phí" over it says the item is exempted
    from bot.compose import yesno_answer
    from bot.evidence import Unit
    from corpus.types import Passage

    text = "4. Xe mô tô ba bánh chuyên dùng cho người khuyết tật"
    passage = Passage("tt#dieu-6/4", "tt", ("Điều 6. Miễn lệ phí", "Khoản 4"), "6", text)
    unit = Unit(0, 3, len(text), text[3:], None, "", 1.0, 1.0, 1.0)
    asked = frozenset("xe mo to ba banh khuyet tat mien le phi dang ky".split())
    question = (
        "Xe mô tô ba bánh chuyên dùng cho người khuyết tật có được miễn lệ phí đăng ký không?"
    )
    answer = yesno_answer(understand(question), unit, passage, asked)
    assert answer.startswith("Có. Điều 6. Miễn lệ phí: Xe mô tô ba bánh"), answer


def test_two_caps_of_the_same_kind_are_ranked():
    caps = [
        ("tối đa 1,36%", "năm 2025 tối đa 1,36%", 1),
        ("tối đa 1,23%", "năm 2027 tối đa 1,23%", 2),
    ]
    answer = compare_answer(caps, ("năm 2025", "năm 2027"), "năm 2025 hay năm 2027 cao hơn?")
    assert answer.startswith("Năm 2025 (tối đa 1,36%) cao hơn năm 2027 (tối đa 1,23%)."), answer
    # "lần lượt là bao nhiêu" asks each figure, not which is higher
    each = compare_answer(
        caps, ("năm 2025", "năm 2027"), "năm 2025 và năm 2027 lần lượt là bao nhiêu?"
    )
    assert each.startswith("tối đa 1,36% — năm 2025 tối đa 1,36% [1]; tối đa 1,23%"), each
    # a cap against a floor, or a range, is not ranked
    mixed = [("tối đa 1,36%", "a", 1), ("tối thiểu 1,23%", "b", 2)]
    assert compare_answer(mixed, ("a", "b"), "cái nào cao hơn").startswith("tối đa")
    ranges = [("từ 1% đến 2%", "a", 1), ("từ 3% đến 4%", "b", 2)]
    assert compare_answer(ranges, ("a", "b"), "cái nào cao hơn").startswith("từ 1%")


def test_growth_is_asked_as_a_rate():
    from bot.evidence import asked_measure, value_for

    query = understand("Thái Nguyên đặt mục tiêu tăng trưởng kinh tế năm 2024 là bao nhiêu?")
    assert asked_measure(query.standard) == "percent"
    # a span of years in the clause read is no growth rate
    assert value_for(query, "kế hoạch phát triển kinh tế - xã hội 05 năm") is None
    assert value_for(query, "Tốc độ tăng trưởng kinh tế (GRDP): 8,5%.") == "8,5%"


def test_round_the_clock_answers_how_long_and_how_many_hours():
    from bot.evidence import value_for

    clause = "Đảm bảo vận hành các hệ thống thông tin (DC, SOC, IOC) được thực hiện 24/7."
    for question in ("Các hệ thống phải vận hành trong bao lâu?", "Hệ thống chạy mấy giờ 1 ngày?"):
        assert value_for(understand(question), clause) == "24/7", question
    # a date or a ratio is no such span
    assert value_for(understand("Hệ thống vận hành trong bao lâu?"), "ngày 24/7/2025") is None


def test_from_what_age_asks_an_age():
    from bot.evidence import asked_measure, value_for

    query = understand("From what age can a citizen without a pension receive the allowance?")
    assert asked_measure(query.standard) == "tuoi"
    clause = "Công dân Việt Nam từ đủ 75 tuổi trở lên được hưởng trợ cấp 500.000 đồng/tháng."
    assert value_for(query, clause) == "75 tuổi trở lên"
