"""Reading a question before retrieval: its answer type, yes/no, list and comparison flags, and
what it names (places, years, document types and numbers), typed with or without diacritics."""

from __future__ import annotations

import pytest

from bot.understand import compare_sides, understand


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Tỷ lệ hộ nghèo giảm bao nhiêu?", "figure"),
        ("ty le ho nghe giam bn", "figure"),
        ("mức chuẩn trợ giúp xã hội của Hà Nội", "figure"),  # a noun phrase naming an amount
        ("Hệ số phụ cấp chức vụ là mấy?", "figure"),  # "hệ số mấy" is not "số mấy"
        ("Mức lương cơ sở bao nhiêu?", "figure"),  # "cơ sở bao nhiêu" is not "số bao nhiêu"
        ("Nghị quyết này số hiệu là gì?", "number"),
        ("ai ky nghi quyet", "signer"),
        ("Chủ tịch tỉnh ký nghị quyết về dự toán là ai?", "signer"),
        ("Phó Thủ tướng nào ký Nghị định về bảo hiểm y tế?", "signer"),  # "<title> nào ký"
        ("bo truong nao da ky thong tu nay", "signer"),
        ("Nghị quyết áp dụng cho ai?", "who"),
        # a date that frames the figure asked: not a question about when it takes effect
        ("Lương tối thiểu áp dụng từ 1/1/2026 có phải là 4.960.000 đồng không?", "figure"),
        ("Mức phí có hiệu lực từ ngày 01/01/2026 là bao nhiêu?", "figure"),
        ("Nghị quyết có hiệu lực thi hành từ 1/1/2026 không?", "effective"),
        ("Người ký giữ chức vụ gì?", "position"),
        ("Cơ quan nào ban hành thông tư này?", "issuer"),
        ("Nghị định này có hiệu lực từ ngày nào?", "effective"),
        ("Nghị quyết được thông qua ngày nào?", "date"),
        ("Nghị quyết thay thế nghị quyết nào?", "amends"),
        ("Thông tư này thay cho thông tư nào trước đây?", "amends"),
        ("Thẻ căn cước được dùng thay cho giấy tờ nào?", "other"),  # a content question
        ("Cơ quan nào giám sát việc thực hiện?", "who"),
        ("Người đứng đầu tổ chức được xếp loại thế nào?", "other"),  # "đứng đầu" is not "ở đâu"
        ("When was the resolution passed?", "date"),
        ("Until when is the old poverty standard applied?", "date"),
        # "when" inside an English question opens a condition, not a question about a date
        ("What is the fee for the theory test when applying for a licence?", "figure"),
        ("Who pays for the damage when a system fails?", "who"),
        # a set of days, listed, not one date
        ("Chùa Hương không thu phí vào những ngày nào?", "other"),
        ("Kỳ thi diễn ra vào ngày nào?", "date"),
        # how long after a date: a span of time, not the date
        ("Từ khi luật có hiệu lực thì doanh nghiệp có bao lâu để tuân thủ?", "figure"),
        ("How long after the law takes effect must providers comply?", "figure"),
        ("Trị giá xe để tính lệ phí lấy theo giá nào?", "other"),  # which price, not how much
        ("Giá vé tham quan là bao nhiêu?", "figure"),
        # the number of a report the text cites, not the legal basis nor the document's number
        ("hdnd thong qua nghi quyet dua tren bao cao so bn cua ubnd", "figure"),
        ("Nghị quyết căn cứ vào đâu?", "basis"),
        # "mấy" after a noun that numbers its kinds asks which one; before a noun, how many
        ("Doanh nghiệp ở huyện này áp dụng lương tối thiểu vùng mấy?", "where"),
        ("xa o dao thi nop le phi theo khu vuc may", "where"),
        ("Học sinh lớp mấy được học chương trình mới?", "other"),
        ("Có mấy vùng áp dụng lương tối thiểu?", "figure"),
        ("Mất mấy ngày để được cấp lại thẻ?", "figure"),
    ],
)
def test_answer_kind(question, kind):
    assert understand(question).kind == kind


@pytest.mark.parametrize(
    ("question", "yesno"),
    [
        ("Học sinh có được miễn học phí không?", True),
        ("xuat khau tang 9% dung ko", True),
        ("Thất nghiệp được phép lên tới 5% phải không?", True),
        ("Hệ thống AI có thuộc phạm vi điều chỉnh không?", True),  # "AI" is not "ai" (who)
        ("Người đứng đầu có được xếp loại cao hơn tổ chức không?", True),
        ("Có bao nhiêu xã đạt chuẩn?", False),
        ("xe dien co dc mien phi ko ak", True),  # "ak" (ạ) and "ad" (admin) close the question
        ("ho ngheo co dc ho tro ko ad?", True),
        ("xe may dien dang ky bien so co dc mien le phi ko", True),  # "xe may" is a motorbike
        ("co may loai phi ko", False),
        ("Tỉnh có những nhiệm vụ gì?", False),
        ("Does the resolution set an inflation target?", True),
    ],
)
def test_yes_no_questions(question, yesno):
    assert understand(question).yesno is yesno


def test_lists_and_comparisons():
    assert understand("tỉnh sẽ làm gì để phát triển giáo dục?").listing
    assert understand("Chỉ tiêu về môi trường gồm những gì?").listing
    # a plural noun asked with "gì" asks for a set
    assert understand("Muốn được cấp giấy phép phải đáp ứng những điều kiện gì?").listing
    assert not understand("Điều kiện để được cấp giấy phép là gì?").listing
    # ... however many words the noun takes
    assert understand("Trợ cấp được điều chỉnh cho những nhóm thanh niên xung phong nào?").listing
    assert understand("chỉ tiêu nào cao hơn, BHYT hay BHXH?").compare
    assert compare_sides("chỉ tiêu nào cao hơn, BHYT hay BHXH?") == ("BHYT", "BHXH")
    assert compare_sides("tăng trưởng CN-TTCN so với nông lâm thủy sản") == (
        "tăng trưởng CN-TTCN",
        "nông lâm thủy sản",
    )
    # "so giữa A với B": the opener is no part of A, and what follows "thì" asks of both
    q = "So giữa tỷ lệ dân có BHYT với tỷ lệ lao động đóng BHXH thì mỗi cái bao nhiêu?"
    assert understand(q).compare
    assert compare_sides(q) == ("tỷ lệ dân có BHYT", "tỷ lệ lao động đóng BHXH")
    assert compare_sides("so sánh học phí THCS với học phí THPT") == (
        "học phí THCS",
        "học phí THPT",
    )
    # which grows faster is a comparison too
    assert understand("Công nghiệp hay nông nghiệp được đặt mục tiêu tăng nhanh hơn?").compare
    assert understand("cong nghiep voi nong nghiep ben nao tang cham hon").compare


@pytest.mark.parametrize(
    ("question", "places"),
    [
        ("học phí mầm non ở Huế bao nhiêu", ("Huế",)),
        ("hoc phi mam non o hue bn 1 thang", ("Huế",)),
        ("BHYT của tỉnh Thừa Thiên Huế", ("Huế",)),  # the province before it became the city
        ("mức chuẩn ở Hà Nội và Vĩnh Long", ("Hà Nội", "Vĩnh Long")),
        ("tỷ lệ hộ nghèo giảm bao nhiêu", ()),
    ],
)
def test_places(question, places):
    assert understand(question).places == places


def test_years_numbers_and_types():
    q = understand("Nghị định 293/2025/NĐ-CP áp dụng cho năm học 2025 - 2026 thế nào?")
    assert "293/2025/NĐ-CP" in q.numbers and "Nghị định" in q.doc_kinds
    assert "2025-2026" in q.years
    assert understand("nghi quyet 63 quy dinh gi").numbers == ("63",)


@pytest.mark.parametrize(
    ("question", "yesno", "kind"),
    [
        # "mấy" after the verb "có ... không" asks about points at some things, counts none
        ("Tỉnh có kiên quyết thu hồi mấy dự án chây ì, chậm tiến độ không?", True, "other"),
        ("tinh co thu hoi may du an cham tien do ko", True, "other"),
        # right after "có", or beside another asking word, it counts
        ("Năm 2023 có mấy xã đạt chuẩn nông thôn mới không?", False, "figure"),
        ("nha co may nguoi thi duoc ho tro khong", False, "figure"),
        ("Có mấy mức xếp loại?", False, "figure"),
    ],
)
def test_a_may_that_points_asks_yes_or_no(question, yesno, kind):
    q = understand(question)
    assert (q.yesno, q.kind) == (yesno, kind)


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("Theo Luật Bảo hiểm y tế, ai phải đóng?", ("Luật",)),
        ("Công chức chưa bị xử lý kỷ luật thì đóng bảo hiểm y tế bao nhiêu?", ()),
        ("cong chuc bi ky luat co bi tru luong ko", ()),
        ("Thuê luật sư tư vấn có được hỗ trợ không?", ()),
        ("vi phạm pháp luật về thuế thì sao", ()),
    ],
)
def test_discipline_lawyers_and_the_law_in_general_are_not_a_law(question, kinds):
    assert understand(question).doc_kinds == kinds


def test_chat_spellings_are_read_before_anything_else():
    q = understand("hoc phi bn 1 thang, co dc mien ko")
    assert "bao nhiêu" in q.standard and "được" in q.standard and "không" in q.standard


def test_follow_up_keeps_the_previous_frame():
    q = understand(
        "còn Vĩnh Long thì sao?", previous="Học phí mầm non ở Huế năm 2025 là bao nhiêu?"
    )
    assert q.followup and q.kind == "figure"
    assert q.places == ("Vĩnh Long",)
    assert "bao nhiêu" in q.retrieval


@pytest.mark.parametrize(
    "question",
    ["Người khuyết tật có được miễn phí không ạ?", "nguoi khuyet tat co dc mien phi ko vay",
     "Liệu người khuyết tật có được miễn phí?", "Người khuyết tật được miễn phí à?",
     "Người khuyết tật có được miễn phí không nhỉ?"],
)  # fmt: skip
def test_a_yes_no_question_closed_by_a_particle_is_still_yes_no(question):
    assert understand(question).yesno


def test_a_count_closed_by_a_particle_is_no_yes_no():
    assert not understand("Tỉnh có bao nhiêu xã vậy?").yesno


@pytest.mark.parametrize(
    ("question", "years"),
    [
        ("Học phí năm học 2025-2026.", ("2025-2026",)),  # the sentence's full stop ends it
        ("Chỉ tiêu năm 2025, năm 2024?", ("2025", "2024")),
        ("Mức 2.025.000 đồng", ()),  # part of a number, not a year
    ],
)
def test_years_and_school_years_the_question_names(question, years):
    from bot.understand import constraints

    assert constraints(question)["years"] == years


def test_each_side_of_a_comparison_is_asked_alone():
    from bot.understand import side_questions

    left, right, sides = side_questions("So sánh học phí mầm non ở Huế và Vĩnh Long.")
    assert (left, right) == ("học phí mầm non ở Huế.", "học phí mầm non ở Vĩnh Long.")
    assert sides == ("Huế", "Vĩnh Long")
    left, right, _ = side_questions("Lương tháng vùng I cao hơn vùng IV bao nhiêu?")
    assert (left, right) == ("Lương tháng vùng I bao nhiêu?", "Lương tháng vùng IV bao nhiêu?")
    # "theo Thông tư ..." is what both sides share, not the end of the second ("tư" folds to
    # "từ", a word that opens a shared phrase)
    left, right, sides = side_questions(
        "Phí sát hạch lý thuyết khi thi xe máy hạng A1 và khi thi ô tô hạng B theo Thông tư 154/2025"
        " lần lượt là bao nhiêu?"
    )
    assert sides == ("khi thi xe máy hạng A1", "khi thi ô tô hạng B")
    assert (
        left == "Phí sát hạch lý thuyết khi thi xe máy hạng A1 theo Thông tư 154/2025 là bao nhiêu?"
    )


@pytest.mark.parametrize(
    ("question", "numbers"),
    [
        ("Nghị quyết 63/2025 và 66/2025 có hiệu lực từ ngày nào?", ("63", "66")),
        ("Lương tối thiểu áp dụng từ 1/1/2026 của nghị định?", ()),  # a date
        ("Học phí năm học 2025/2026 theo nghị quyết?", ()),  # a school year
        ("Nghị định ban hành tháng 12/2025 có số hiệu là gì?", ()),  # a month
        ("nghi dinh ban hanh thang 12/2025 so hieu la gi", ()),
    ],
)
def test_document_numbers_the_question_names(question, numbers):
    assert understand(question).numbers == numbers


@pytest.mark.parametrize(
    ("question", "places", "excluded"),
    [
        (
            "Hệ số ở các tỉnh (không phải Hà Nội, TP.HCM) là bao nhiêu?",
            (),
            ("Hà Nội", "Hồ Chí Minh"),
        ),
        ("Ngoài học phí, Hà Nội còn hỗ trợ gì?", ("Hà Nội",), ()),  # "ngoài" leaves out a fee
        ("hoc phi o tinh khong phai ha noi", (), ("Hà Nội",)),
    ],
)
def test_places_the_question_leaves_out(question, places, excluded):
    query = understand(question)
    assert (query.places, query.excluded) == (places, excluded)


def test_a_year_from_which_a_figure_is_asked_is_a_year_the_evidence_must_hold():
    assert understand("Lương tối thiểu áp dụng từ ngày 01/01/2027 là bao nhiêu?").years == ("2027",)
    assert understand("Nộp hồ sơ ngày 5/3/2025 thì bao lâu có kết quả?").years == ()


def test_what_a_named_form_is_asks_its_name_not_a_figure():
    assert understand("Mẫu số 02 kèm Nghị định về trợ cấp hưu trí là mẫu gì?").kind == "other"
    assert understand("mức chuẩn trợ giúp xã hội của Hà Nội").kind == "figure"


@pytest.mark.parametrize(
    "question",
    [
        "Hệ số lương được tính thế nào?",
        "tien tro cap duoc chi tra nhu the nao",
        "Mức phí được thu ra sao?",
        "Học phí được nộp bằng cách nào?",
    ],
)
def test_how_an_amount_is_set_or_paid_asks_no_figure(question):
    # an amount noun with "thế nào", "ra sao", "bằng cách nào" asks how, not how much
    assert understand(question).kind == "other"
    assert (
        understand(question.split(" được")[0].split(" duoc")[0] + " là bao nhiêu").kind == "figure"
    )


def test_a_figure_asked_relative_to_another_is_no_comparison_and_no_amount_of_money():
    from bot.evidence import asked_measure

    query = understand("Người thứ ba đóng bằng bao nhiêu so với người thứ nhất?")
    assert not query.compare
    assert asked_measure(query.standard) is None  # "đóng" (pay) is no "đồng"
    assert asked_measure("Vùng I cao hơn vùng II bao nhiêu tiền?") == "money"


@pytest.mark.parametrize(
    ("question", "left", "right"),
    [  # what the two sides share is asked of each: a predicate, a measure, a year
        # ... each side's own share, not "lớn hơn"; a dash inside a side is no word
        ("CN-XD hay dịch vụ chiếm tỷ trọng lớn hơn?", "CN-XD chiếm tỷ trọng bao nhiêu?",
         "dịch vụ chiếm tỷ trọng bao nhiêu?"),
        ("Công nghiệp - xây dựng hay dịch vụ chiếm tỷ trọng lớn hơn trong kinh tế tỉnh?",
         "Công nghiệp - xây dựng chiếm tỷ trọng bao nhiêu trong kinh tế tỉnh?",
         "dịch vụ chiếm tỷ trọng bao nhiêu trong kinh tế tỉnh?"),
        # "khác nhau bao nhiêu" asks the difference: each side is asked its own figure
        ("Chuẩn nghèo ở nông thôn và ở thành thị khác nhau bao nhiêu?",
         "Chuẩn nghèo ở nông thôn?", "Chuẩn nghèo ở thành thị?"),
        ("Tăng trưởng CN-TTCN so với nông lâm thủy sản năm 2023 chênh nhau thế nào?",
         "Tăng trưởng CN-TTCN năm 2023", "Tăng trưởng nông lâm thủy sản năm 2023?"),
        # a place of two words is one side ("ở Vĩnh Long", not "ở Vĩnh"), asked without
        # "lần lượt"
        ("Lệ phí trước bạ ở Huế và ở Vĩnh Long lần lượt là bao nhiêu?",
         "Lệ phí trước bạ ở Huế là bao nhiêu?", "Lệ phí trước bạ ở Vĩnh Long là bao nhiêu?"),
        # a proper name goes on while its words are capitalized
        ("Phí để lại ở chùa Hương so với ở đền Bạch Mã khác nhau ra sao?",
         "Phí để lại ở chùa Hương?", "Phí để lại ở đền Bạch Mã?"),
        # each side keeps its own year
        ("Tăng trưởng của tỉnh năm 2023 và của cả nước năm 2025 lần lượt là bao nhiêu?",
         "Tăng trưởng của tỉnh năm 2023 là bao nhiêu?",
         "Tăng trưởng của cả nước năm 2025 là bao nhiêu?"),
        # a longer second phrase goes on to what both share ("... giáo dục | ở Vĩnh Long")
        ("Hội thi tổ chức ở cấp xã và tổ chức tại cơ sở giáo dục ở Vĩnh Long được chi bao nhiêu?",
         "Hội thi tổ chức ở cấp xã ở Vĩnh Long được chi bao nhiêu?",
         "Hội thi tổ chức tại cơ sở giáo dục ở Vĩnh Long được chi bao nhiêu?"),
    ],
)  # fmt: skip
def test_each_side_of_a_comparison_keeps_what_both_share(question, left, right):
    from bot.understand import side_questions

    assert side_questions(question)[:2] == (left, right)


def test_a_yes_no_question_asks_whether_not_how_much_unless_it_states_a_figure():
    assert understand("Ngày 23/11 đi tham quan đền Bạch Mã có mất phí không?").kind == "other"
    assert understand("Học phí có phải là 100 nghìn đồng không?").kind == "figure"


def test_which_document_or_body_asks_no_amount():
    # "kinh phí" names an amount, but "theo nghị quyết nào" asks which document
    question = "ho tro kinh phi thanh lap hop tac xa moi theo nghi quyet nao"
    assert understand(question).kind == "other"
    assert understand("Kinh phí hỗ trợ thành lập hợp tác xã mới là bao nhiêu?").kind == "figure"


def test_a_closing_vay_is_no_loan():
    from bot.evidence import asked_measure

    # "z" is chat for "vậy", which folds to "vay" (borrow): the question asks a grade
    question = understand("hs lớp mấy đc học ctrình mới z").standard
    assert "chương trình" in question
    assert asked_measure(question) is None
    assert asked_measure(understand("hộ nghèo vay vốn được bao nhiêu z").standard) == "money"


def test_a_date_after_ap_dung_tu_frames_the_amount_compared():
    query = understand("So sánh lương tối thiểu tháng của vùng I và vùng II áp dụng từ 01/01/2026.")
    assert query.kind == "figure" and query.compare
    assert understand("Mức lương tối thiểu mới áp dụng từ ngày nào?").kind == "effective"


@pytest.mark.parametrize(
    ("question", "left_out"),
    [
        ("Định mức cho mỗi học sinh ở khu vực không phải đô thị là bao nhiêu?", ("đô thị",)),
        ("dinh muc chi cho khu vuc ngoai do thi la bn", ("do thi",)),
        ("Làm thêm ngoài giờ được trả bao nhiêu?", ()),  # "ngoài giờ" leaves out no area
        # said the other way round
        ("Định mức y tế ở khu vực còn lại (ngoài khu vực đô thị) là bao nhiêu?", ("đô thị",)),
        ("định mức cho xã không thuộc địa bàn miền núi là bn", ("miền núi",)),
    ],
)
def test_an_area_the_question_leaves_out(question, left_out):
    assert understand(question).excluded == left_out


@pytest.mark.parametrize(
    ("question", "kinds", "numbers"),
    [
        # a document type abbreviated as documents abbreviate it in their own numbers
        ("phu luc cua nd 176 la gi vay", ("Nghị định",), ("176",)),
        ("Theo NĐ 188/2025, ai được hỗ trợ?", ("Nghị định",), ("188",)),
        ("tt154 quy dinh gi", ("Thông tư",), ("154",)),
        ("qđ 12 ban hành ngày nào", ("Quyết định",), ("12",)),
        # no number after it: not a document ("tt" is also "thông tin", "trung tâm")
        ("tt lien he o dau", (), ()),
    ],
)
def test_abbreviated_document_types(question, kinds, numbers):
    q = understand(question)
    assert (q.doc_kinds, q.numbers) == (kinds, numbers)
