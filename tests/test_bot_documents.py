"""Answers on small documents written here, with the real model: a figure read from a table row
with its column heading and unit, the same topic in two provinces, a list from the structure,
yes/no, dates, an amending resolution preferred to the text it amends, a missing appendix said
to be missing, and questions typed as people type them."""

from __future__ import annotations

import pytest

from bot import Bot
from index import open_index

HA_NOI = """\
| HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |
|---|---|
| Số: 12/2025/NQ-HĐND | Hà Nội, ngày 10 tháng 12 năm 2025 |

NGHỊ QUYẾT

Quy định mức học phí đối với cơ sở giáo dục công lập trên địa bàn thành phố Hà Nội năm học 2025 - 2026

Căn cứ Luật Giáo dục số 43/2019/QH14;

Hội đồng nhân dân thành phố Hà Nội ban hành Nghị quyết quy định mức học phí.

Điều 1. Mức học phí

Đơn vị tính: nghìn đồng/học sinh/tháng

| Cấp học | Khu vực thành thị | Khu vực nông thôn |
|---|---|---|
| Mầm non | 315 | 95 |
| Tiểu học | 310 | 90 |
| Trung học cơ sở | 300 | 85 |

Điều 2. Hiệu lực thi hành

Nghị quyết này có hiệu lực thi hành từ ngày 20 tháng 12 năm 2025.

| CHỦ TỊCH Nguyễn Văn Minh |
|---|
"""

VINH_LONG = """\
| HỘI ĐỒNG NHÂN DÂN TỈNH VĨNH LONG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |
|---|---|
| Số: 07/2025/NQ-HĐND | Vĩnh Long, ngày 05 tháng 12 năm 2025 |

NGHỊ QUYẾT

Quy định mức học phí đối với cơ sở giáo dục công lập trên địa bàn tỉnh Vĩnh Long năm học 2025 - 2026

Hội đồng nhân dân tỉnh Vĩnh Long ban hành Nghị quyết quy định mức học phí.

Điều 1. Mức học phí

Đơn vị tính: nghìn đồng/học sinh/tháng

| Cấp học | Khu vực thành thị | Khu vực nông thôn |
|---|---|---|
| Mầm non | 160 | 70 |
| Tiểu học | 150 | 65 |

Điều 2. Hiệu lực thi hành

Nghị quyết này có hiệu lực thi hành từ ngày 15 tháng 12 năm 2025.
"""

AMENDING = """\
| HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |
|---|---|
| Số: 30/2025/NQ-HĐND | Hà Nội, ngày 12 tháng 12 năm 2025 |

NGHỊ QUYẾT

Sửa đổi, bổ sung Nghị quyết số 05/2023/NQ-HĐND về phí tham quan di tích trên địa bàn thành phố Hà Nội

Điều 1. Sửa đổi, bổ sung Nghị quyết số 05/2023/NQ-HĐND

1. Mức thu phí tham quan Văn Miếu - Quốc Tử Giám đối với người lớn là 70.000 đồng/lượt.

2. Người khuyết tật đặc biệt nặng được miễn phí tham quan.

Điều 2. Hiệu lực thi hành

Nghị quyết này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.
"""

DECREE = """\
CHÍNH PHỦ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM

Số: 99/2025/NĐ-CP

Hà Nội, ngày 01 tháng 12 năm 2025

NGHỊ ĐỊNH

Quy định chính sách hỗ trợ người lao động mất việc làm

Căn cứ Luật Việc làm số 38/2013/QH13;

Theo đề nghị của Bộ trưởng Bộ Nội vụ;

Chính phủ ban hành Nghị định quy định chính sách hỗ trợ người lao động mất việc làm.

Điều 1. Đối tượng được hỗ trợ

1. Người lao động bị chấm dứt hợp đồng lao động do doanh nghiệp giải thể.

2. Người lao động là người khuyết tật bị mất việc làm.

3. Người lao động thuộc hộ nghèo bị mất việc làm.

Điều 2. Mức hỗ trợ

1. Mức hỗ trợ một lần là 3.000.000 đồng/người.

2. Danh mục địa bàn được ưu tiên hỗ trợ quy định tại Phụ lục ban hành kèm theo Nghị định này.

3. Người lao động nộp đơn đề nghị hỗ trợ mất việc làm tại Ủy ban nhân dân cấp xã nơi cư trú.

Điều 3. Hiệu lực thi hành

Nghị định này có hiệu lực thi hành từ ngày 15 tháng 01 năm 2026.
"""

TASKS = """\
HỘI ĐỒNG NHÂN DÂN TỈNH BẮC KẠN

Số: 40/2025/NQ-HĐND

NGHỊ QUYẾT

Về nhiệm vụ phát triển kinh tế - xã hội tỉnh Bắc Kạn năm 2026

Điều 1. Nhiệm vụ và giải pháp

I. Nhiệm vụ và các giải pháp phát triển ngành, lĩnh vực

1. Lĩnh vực kinh tế

a) Phát triển công nghiệp

- Thu hút đầu tư vào các khu công nghiệp, ưu tiên công nghiệp chế biến nông sản.

- Hoàn thiện hạ tầng cụm công nghiệp Thanh Bình.

b) Phát triển nông nghiệp

- Phát triển vùng trồng cây ăn quả đặc sản theo chuỗi giá trị.

2. Lĩnh vực văn hóa, xã hội

a) Về y tế:

- Nâng cao chất lượng khám, chữa bệnh ở tuyến xã; củng cố mạng lưới trạm y tế, bảo đảm đủ thuốc \
thiết yếu và trang thiết bị cơ bản; đẩy mạnh tiêm chủng mở rộng và chăm sóc sức khỏe người cao \
tuổi, phụ nữ và trẻ em ở vùng sâu, vùng xa.

- Phát triển nguồn nhân lực y tế; thu hút bác sĩ về công tác tại các trạm y tế xã bằng chính sách \
hỗ trợ nhà ở và phụ cấp; tăng tỷ lệ người dân tham gia bảo hiểm y tế.

b) Về giáo dục và đào tạo:

- Sắp xếp mạng lưới trường lớp phù hợp với địa bàn miền núi, giữ các điểm trường lẻ nơi học sinh \
phải đi xa; duy trì kết quả phổ cập giáo dục mầm non cho trẻ 5 tuổi và phổ cập tiểu học.

- Kiên cố hóa phòng học, xây nhà công vụ cho giáo viên ở các xã đặc biệt khó khăn; bổ sung thiết \
bị dạy học tối thiểu cho các lớp thực hiện chương trình giáo dục phổ thông mới.

- Bảo đảm đủ giáo viên tiếng Anh và tin học cho các trường tiểu học; bồi dưỡng đội ngũ cán bộ \
quản lý và giáo viên đáp ứng yêu cầu đổi mới căn bản, toàn diện giáo dục và đào tạo.

Điều 2. Tổ chức thực hiện

Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.
"""

LAW = """\
QUỐC HỘI

Luật số: 99/2025/QH15

LUẬT

Thiết bị bay không người lái

Điều 5. Các nhóm thiết bị bay không người lái và việc phân loại

1. Thiết bị bay không người lái được phân loại theo các nhóm sau đây:

a) Nhóm nhỏ, có khối lượng cất cánh dưới 2 kilôgam;

b) Nhóm trung bình, có khối lượng cất cánh từ 2 kilôgam đến dưới 25 kilôgam;

c) Nhóm lớn, có khối lượng cất cánh từ 25 kilôgam trở lên.

2. Việc phân loại thiết bị bay không người lái được ghi trong giấy chứng nhận đăng ký.

3. Chính phủ quy định chi tiết Điều này.
"""

FORMS = """\
BỘ TÀI CHÍNH

Số: 55/2025/TT-BTC

THÔNG TƯ

Quy định hồ sơ hỗ trợ đào tạo nghề cho lao động nông thôn

Điều 1. Hồ sơ đề nghị hỗ trợ

1. Hồ sơ đề nghị hỗ trợ đào tạo nghề cho lao động nông thôn lập theo Mẫu số 01 và Mẫu số 03 \
Phụ lục ban hành kèm theo Thông tư này.

2. Cơ sở đào tạo nghề lập danh sách học viên theo Mẫu số 04 Phụ lục ban hành kèm theo Thông tư này.

PHỤ LỤC

DANH MỤC MẪU HỒ SƠ HỖ TRỢ ĐÀO TẠO NGHỀ

| Mẫu số | Tên mẫu |
|---|---|
| Mẫu số 01 | Đơn đề nghị hỗ trợ đào tạo nghề |
| Mẫu số 02 | Giấy xác nhận hoàn thành khóa đào tạo nghề |
| Mẫu số 03 | Bản cam kết của người học |
| Mẫu số 04 | Danh sách học viên được hỗ trợ |
"""

FEES = """\
BỘ TÀI CHÍNH

Số: 66/2025/TT-BTC

THÔNG TƯ

Quy định mức thu phí sát hạch cấp giấy phép điều khiển phương tiện

Điều 1. Mức thu phí

Mức thu phí sát hạch thực hiện theo Biểu mức thu phí sau đây.

BIỂU MỨC THU PHÍ SÁT HẠCH

| STT | Tên phí | Đơn vị tính | Mức thu (đồng) |
|---|---|---|---|
| I | Phí sát hạch điều khiển xe mô tô | | |
| 1 | Sát hạch lý thuyết | Lần | 60.000 |
| 2 | Sát hạch thực hành | Lần | 70.000 |
| II | Phí sát hạch điều khiển xe ô tô | | |
| 1 | Sát hạch lý thuyết | Lần | 100.000 |
| 2 | Sát hạch thực hành trong hình | Lần | 350.000 |
| 3 | Sát hạch thực hành trên đường | Lần | 80.000 |
"""

CATALOGUE = """\
VĂN PHÒNG HỘI ĐỒNG NHÂN DÂN TỈNH

Số: 12/VP-HĐND

DANH MỤC SẢN PHẨM QUY ĐỔI

| STT | NHÓM NHIỆM VỤ | PHÂN NHÓM | ĐIỂM CHẤM (KHOẢNG) | HỆ SỐ QUY ĐỔI |
|---|---|---|---|---|
| I | Lĩnh vực tham mưu, phục vụ kỳ họp (13 nhóm) | | | |
| 1 | Phục vụ tổ chức kỳ họp | N4 | 320–400 | 64–80 |
| 2 | Phục vụ giám sát chuyên đề | N3 | 220–300 | 44–60 |
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Bot:
    folder = tmp_path_factory.mktemp("documents")
    for name, text in (
        ("nq-ha-noi-hoc-phi.md", HA_NOI),
        ("nq-vinh-long-hoc-phi.md", VINH_LONG),
        ("nq-ha-noi-sua-doi-phi-tham-quan.md", AMENDING),
        ("nd-ho-tro-mat-viec.md", DECREE),
        ("nq-bac-kan-nhiem-vu-2026.md", TASKS),
        ("luat-thiet-bi-bay.md", LAW),
        ("tt-ho-so-dao-tao-nghe.md", FORMS),
        ("tt-phi-sat-hach.md", FEES),
        ("cv-danh-muc-san-pham.md", CATALOGUE),
    ):
        (folder / name).write_text(text, encoding="utf-8")
    return Bot(open_index(folder))


pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "question",
    [
        "Học phí mầm non khu vực thành thị ở Hà Nội là bao nhiêu?",
        "hoc phi mam non o thanh thi ha noi bn 1 thang",  # no diacritics, chat spelling
        "học phí mầm non ở hn khu vưc thanh thi bao nhiu",  # typos
    ],
)
def test_a_table_figure_comes_with_its_row_column_and_unit(bot, question):
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert answer.text.startswith("315"), answer.text
    assert "nghìn đồng" in answer.text.lower()
    first = answer.citations[0]
    assert first.doc_id == "nq-ha-noi-hoc-phi"
    assert "Mầm non" in first.text and "Khu vực thành thị" in first.text


def test_the_same_topic_in_two_provinces_is_answered_for_each(bot):
    answer = bot.ask("Học phí mầm non khu vực thành thị là bao nhiêu?")
    assert not answer.abstained
    assert "Hà Nội" in answer.text and "Vĩnh Long" in answer.text
    assert "315" in answer.text and "160" in answer.text
    assert {c.doc_id for c in answer.citations} == {"nq-ha-noi-hoc-phi", "nq-vinh-long-hoc-phi"}


def test_two_figures_asked_side_by_side_are_both_answered(bot):
    answer = bot.ask(
        "Học phí mầm non khu vực thành thị và khu vực nông thôn ở Hà Nội là bao nhiêu?"
    )
    assert not answer.abstained, answer.text
    assert "315" in answer.text and "95" in answer.text, answer.text
    assert len(answer.citations) == 2


def test_a_comparison_gives_each_side_with_its_source(bot):
    answer = bot.ask("Học phí tiểu học khu vực nông thôn ở Hà Nội hay Vĩnh Long cao hơn?")
    assert "90" in answer.text and "65" in answer.text, answer.text
    assert {c.doc_id for c in answer.citations} == {"nq-ha-noi-hoc-phi", "nq-vinh-long-hoc-phi"}


def test_a_comparison_of_two_places_names_each_and_a_comparative_between_two_rows(bot):
    answer = bot.ask("So sánh học phí tiểu học khu vực thành thị của Hà Nội và Vĩnh Long")
    assert not answer.abstained, answer.text
    assert "310" in answer.text and "150" in answer.text and "Hà Nội" in answer.text
    assert {c.doc_id for c in answer.citations} == {"nq-ha-noi-hoc-phi", "nq-vinh-long-hoc-phi"}
    answer = bot.ask(
        "Học phí mầm non ở Hà Nội khu vực thành thị cao hơn khu vực nông thôn bao nhiêu?"
    )
    assert "315" in answer.text and "95" in answer.text, answer.text
    assert len(answer.citations) == 2


def test_yes_no_on_a_table_figure_reads_the_unit_of_its_column(bot):
    right = bot.ask("Học phí mầm non khu vực thành thị ở Hà Nội có phải 315.000 đồng không?")
    assert right.text.startswith("Có."), right.text
    wrong = bot.ask("Học phí mầm non khu vực thành thị ở Hà Nội có phải 300.000 đồng không?")
    assert wrong.text.startswith("Không,") and "315 nghìn đồng" in wrong.text, wrong.text


def test_a_fact_asked_of_two_documents_named_by_number_is_answered_for_each(bot):
    answer = bot.ask("Nghị quyết 12/2025 và Nghị quyết 07/2025 có hiệu lực từ ngày nào?")
    assert not answer.abstained, answer.text
    lines = answer.text.splitlines()
    assert lines[0].startswith("Nghị quyết 12/2025/NQ-HĐND: ") and "20/12/2025" in lines[0]
    assert lines[1].startswith("Nghị quyết 07/2025/NQ-HĐND: ") and "15/12/2025" in lines[1]
    assert {c.doc_id for c in answer.citations} == {"nq-ha-noi-hoc-phi", "nq-vinh-long-hoc-phi"}


def test_a_table_cell_is_answered_with_its_own_value_not_a_count_in_its_labels(bot):
    answer = bot.ask("Phục vụ tổ chức kỳ họp có hệ số quy đổi bao nhiêu?")
    assert answer.text.startswith("64–80"), answer.text
    assert "13 nhóm" not in answer.text.split(" — ", 1)[0]


def test_a_term_the_corpus_uses_but_the_evidence_does_not_weighs_against_answering(bot):
    asked = bot.ask("Học phí trung học cơ sở khu vực nông thôn của Hà Nội bao nhiêu?")
    assert asked.features["absent_term"] == 0.0, asked.features
    # "sát hạch" is a word of the corpus (the fee decree), not of the tuition table
    other = bot.ask("Phí sát hạch trung học cơ sở khu vực nông thôn của Hà Nội bao nhiêu?")
    assert other.features["absent_term"] > 0.3, other.features


def test_a_place_the_question_leaves_out_is_not_answered_for(bot):
    answer = bot.ask("Học phí mầm non khu vực thành thị ở tỉnh không phải Hà Nội là bao nhiêu?")
    assert answer.text.startswith("160"), answer.text
    assert answer.citations[0].doc_id == "nq-vinh-long-hoc-phi"


def test_a_named_province_picks_its_document(bot):
    answer = bot.ask("Ở Vĩnh Long học phí tiểu học vùng nông thôn bao nhiêu?")
    assert answer.text.startswith("65"), answer.text
    assert answer.citations[0].doc_id == "nq-vinh-long-hoc-phi"


def test_a_list_question_over_a_table_lists_the_rows_of_its_group_each_cited(bot):
    answer = bot.ask("Thi sát hạch xe ô tô phải nộp những khoản phí nào?")
    assert not answer.abstained, answer.text
    for row in ("lý thuyết: ", "trong hình: ", "trên đường: "):
        assert row in answer.text, answer.text
    assert "60.000" not in answer.text  # a row of the other group (xe mô tô)
    assert len(answer.citations) == 3


def test_list_questions_list_the_items_each_cited(bot):
    answer = bot.ask("Những đối tượng nào được hỗ trợ khi mất việc làm?")
    assert not answer.abstained
    for item in ("doanh nghiệp giải thể", "người khuyết tật", "hộ nghèo"):
        assert item in answer.text
    assert answer.text.count("[") >= 3


def test_a_list_reads_the_heading_that_names_the_topic_under_its_parents(bot):
    # "phát triển" is in the parent heading, "giáo dục" in the sub-heading: the answer is the
    # items under "b) Về giáo dục và đào tạo", not the parent's sub-headings
    answer = bot.ask("tỉnh sẽ làm gì để phát triển giáo dục?")
    assert answer.text.startswith("b) Về giáo dục và đào tạo"), answer.text
    for item in ("Sắp xếp mạng lưới trường lớp", "Kiên cố hóa phòng học", "giáo viên tiếng Anh"):
        assert item in answer.text
    assert "Lĩnh vực kinh tế" not in answer.text


def test_a_list_reads_the_lead_in_line_before_the_article_heading(bot):
    # the article's title names the topic as much as the lead-in line does: the items are the
    # points after the lead-in, not the article's clauses
    answer = bot.ask("Luật phân loại thiết bị bay không người lái thành những nhóm nào?")
    for item in ("Nhóm nhỏ", "Nhóm trung bình", "Nhóm lớn"):
        assert item in answer.text, answer.text
    assert "Chính phủ quy định chi tiết" not in answer.text


def test_a_school_year_the_documents_do_not_set_is_not_answered(bot):
    asked = bot.ask("Học phí tiểu học khu vực thành thị ở Hà Nội năm học 2025 - 2026 là bao nhiêu?")
    assert asked.text.startswith("310"), asked.text
    # "2025 - 2026" holds the year 2026 but not the school year 2026 - 2027
    later = bot.ask("Học phí tiểu học khu vực thành thị ở Hà Nội năm học 2026 - 2027 là bao nhiêu?")
    assert later.abstained, later.text


def test_who_proposed_a_document_is_read_from_its_preamble(bot):
    # the clause on the worker's "đơn đề nghị hỗ trợ" shares the words, not the meaning
    answer = bot.ask(
        "Nghị định hỗ trợ người lao động mất việc làm ban hành theo đề nghị của bộ nào?"
    )
    assert answer.text.startswith("Theo đề nghị của Bộ trưởng Bộ Nội vụ"), answer.text


def test_a_form_named_is_read_from_the_list_of_forms(bot):
    # a clause citing "Mẫu số 01 và Mẫu số 03" names forms too, but not the one asked
    answer = bot.ask("Mẫu số 02 hồ sơ hỗ trợ đào tạo nghề cho lao động nông thôn là mẫu gì?")
    assert "Giấy xác nhận hoàn thành khóa đào tạo nghề" in answer.text, answer.text


def test_yes_no_questions_start_with_the_answer(bot):
    yes = bot.ask("Người khuyết tật đặc biệt nặng có được miễn phí tham quan không?")
    assert yes.text.startswith("Có."), yes.text
    figure = bot.ask("Mức hỗ trợ một lần cho người lao động mất việc có cao hơn 5 triệu không?")
    assert figure.text.startswith("Không"), figure.text


def test_dates_and_document_facts(bot):
    effective = bot.ask("Nghị quyết học phí của Vĩnh Long có hiệu lực từ ngày nào?")
    assert "15 tháng 12 năm 2025" in effective.text
    assert effective.citations[0].doc_id == "nq-vinh-long-hoc-phi"
    signer = bot.ask("Ai ký nghị quyết học phí của Hà Nội?")
    assert "Nguyễn Văn Minh" in signer.text


def test_an_amending_document_says_what_it_amends(bot):
    answer = bot.ask("Vé tham quan Văn Miếu cho người lớn bao nhiêu tiền?")
    assert answer.text.startswith("70.000 đồng"), answer.text
    assert "05/2023/NQ-HĐND" in answer.text  # the answer says it amends that resolution
    assert answer.citations[0].doc_id == "nq-ha-noi-sua-doi-phi-tham-quan"


def test_a_missing_appendix_is_said_to_be_missing(bot):
    answer = bot.ask("Danh mục địa bàn được ưu tiên hỗ trợ người mất việc gồm những xã nào?")
    assert answer.abstained
    assert "phụ lục" in answer.text.lower() and "không có trong kho" in answer.text


def test_the_content_of_an_attachment_the_corpus_lacks_is_said_to_be_missing(bot):
    answer = bot.ask("Phụ lục kèm theo Nghị định 99/2025/NĐ-CP gồm những địa bàn nào?")
    assert answer.abstained
    assert "Phụ lục" in answer.text and "không có trong kho" in answer.text, answer.text
    numbered = bot.ask("Mẫu số 02 kèm theo Nghị định 99/2025/NĐ-CP gồm những mục nào?")
    assert numbered.abstained and "Mẫu số 02" in numbered.text, numbered.text


@pytest.mark.parametrize(
    "question",
    [
        "Mức lương tối thiểu vùng I năm 2026 là bao nhiêu?",
        "Thủ tục cấp hộ chiếu như thế nào?",
        "Học phí mầm non ở Đà Nẵng là bao nhiêu?",  # a province the corpus does not cover
    ],
)
def test_questions_the_documents_do_not_answer_abstain(bot, question):
    answer = bot.ask(question)
    assert answer.abstained, answer.text
    assert answer.text.startswith("Không tìm thấy")
    assert answer.related


def test_a_named_ward_the_documents_do_not_mention_is_not_answered_from_a_neighbour(bot):
    from bot.checks import named_entities

    assert named_entities("Học phí ở phường Kim Long (Huế) là bao nhiêu?") == ["Kim Long"]
    assert named_entities("Xã A Lưới 2 có thuộc miền núi không?") == ["A Lưới 2"]
    # "trường THCS" says what kind of school, not which one
    assert named_entities("Học phí trường THCS công lập ở xã đồng bằng là bao nhiêu?") == []
    assert named_entities("trường THCS Nguyễn Du ở Huế") == ["Nguyễn Du"]
    answer = bot.ask("Mức thu phí tham quan đền Bạch Mã đối với người lớn là bao nhiêu?")
    assert answer.abstained, answer.text  # only Văn Miếu's fee is in the corpus


def test_a_row_asked_without_a_column_gives_each_column_labelled(bot):
    answer = bot.ask("Học phí tiểu học ở Hà Nội bao nhiêu?")
    assert not answer.abstained, answer.text
    assert "310" in answer.text and "90" in answer.text, answer.text
    assert "Khu vực thành thị" in answer.text and "Khu vực nông thôn" in answer.text
    assert len(answer.citations) == 2


def test_a_column_asked_without_a_row_gives_each_row_labelled(bot):
    answer = bot.ask("Học phí khu vực thành thị ở Hà Nội là bao nhiêu một tháng?")
    assert not answer.abstained, answer.text
    lines = answer.text.splitlines()
    for figure, row in (("315", "Mầm non"), ("310", "Tiểu học"), ("300", "Trung học cơ sở")):
        assert any(line.startswith(figure) and row in line for line in lines), answer.text
    assert len(answer.citations) == 3
    named = bot.ask("Học phí tiểu học khu vực thành thị ở Hà Nội là bao nhiêu một tháng?")
    assert named.text.startswith("310") and "315" not in named.text, named.text  # one row


def test_an_english_question_is_not_held_to_the_glossary_wording(bot):
    # "workers" reads "người lao động", a term of the corpus (the decree) the tuition table lacks
    answer = bot.ask("What is the urban primary tuition in Hanoi for workers?")
    assert answer.features["absent_term"] == 0.0


def test_two_questions_in_one_are_each_answered_and_cited(bot):
    answer = bot.ask(
        "Học phí mầm non khu vực thành thị của Hà Nội là bao nhiêu, và Nghị quyết học phí của "
        "Vĩnh Long có hiệu lực từ ngày nào?"
    )
    lines = answer.text.splitlines()
    assert lines[0].startswith("1) 315") and lines[1].startswith("2) "), answer.text
    assert "15/12/2025" in lines[1] and "[2]" in lines[1], answer.text
    assert [c.n for c in answer.citations] == [1, 2]


def test_one_question_with_a_plain_and_is_not_split():
    from bot.understand import two_questions

    assert two_questions("Học phí mầm non và tiểu học ở Hà Nội là bao nhiêu?") is None
    assert two_questions("Mức lương là bao nhiêu, và áp dụng cho ai?") is None  # too short
    # "A và B khác nhau thế nào": the clauses "và" joins do not each ask
    assert (
        two_questions(
            "Đại biểu dự hội nghị được bồi dưỡng bao nhiêu một buổi, cấp thành phố và cấp xã "
            "khác nhau thế nào?"
        )
        is None
    )


def test_two_questions_joined_by_a_plain_and_share_the_premise_before_them():
    from bot.understand import two_questions

    assert two_questions(
        "Một cụ ông 80 tuổi đang hưởng trợ cấp hưu trí xã hội: nhà nước trả bao nhiêu mỗi tháng "
        "và thành phố hỗ trợ thêm bao nhiêu?"
    ) == (
        "Một cụ ông 80 tuổi đang hưởng trợ cấp hưu trí xã hội: nhà nước trả bao nhiêu mỗi tháng",
        "Một cụ ông 80 tuổi đang hưởng trợ cấp hưu trí xã hội: thành phố hỗ trợ thêm bao nhiêu?",
    )


def test_an_area_left_out_is_not_the_column_read(bot):
    answer = bot.ask("Học phí tiểu học ở Hà Nội cho khu vực không phải thành thị là bao nhiêu?")
    assert answer.text.startswith("90"), answer.text


def test_a_fact_asked_of_two_documents_described_in_brackets_is_read_from_each(bot):
    # the documents' descriptions in brackets and "lần lượt" do not make it a comparison of
    # figures: what each amends is a fact of each document
    answer = bot.ask(
        "Hai nghị quyết 30/2025 (phí tham quan di tích) và 12/2025 (học phí) lần lượt sửa đổi "
        "nghị quyết nào?"
    )
    assert not answer.abstained, answer.text
    assert "05/2023/NQ-HĐND" in answer.text, answer.text
    assert "70.000" not in answer.text, answer.text


def test_a_document_named_by_its_number_answers_or_the_answer_is_not_found(tmp_path_factory):
    from bot import Bot
    from index import open_index

    folder = tmp_path_factory.mktemp("numbered")
    (folder / "nq-10-hoc-phi.md").write_text(
        "HỘI ĐỒNG NHÂN DÂN\nTỈNH AN HÒA\n\nSố: 10/2025/NQ-HĐND\n\nNGHỊ QUYẾT\n\nQuy định mức học phí\n\n"
        "Điều 1. Mức học phí mầm non là 190.000 đồng/tháng.\n",
        encoding="utf-8",
    )
    (folder / "nq-11-ho-tro.md").write_text(
        "HỘI ĐỒNG NHÂN DÂN\nTỈNH AN HÒA\n\nSố: 11/2025/NQ-HĐND\n\nNGHỊ QUYẾT\n\nQuy định mức hỗ trợ\n\n"
        "Điều 1. Mức hỗ trợ tiền ăn trưa cho trẻ mầm non là 160.000 đồng/tháng.\n",
        encoding="utf-8",
    )
    bot = Bot(open_index(folder))
    answer = bot.ask("Nghị quyết 11/2025 hỗ trợ tiền ăn trưa cho trẻ mầm non bao nhiêu một tháng?")
    assert answer.text.startswith("160.000"), answer.text
    # the resolution named says nothing of it: the other one's figure is no answer
    answer = bot.ask("Nghị quyết 10/2025 hỗ trợ tiền ăn trưa cho trẻ mầm non bao nhiêu một tháng?")
    assert answer.abstained, answer.text


def test_the_number_of_a_text_the_resolution_cites_is_read_from_its_preamble(tmp_path_factory):
    from tests.conftest import bot_over

    bot = bot_over(
        tmp_path_factory,
        "nq-ke-hoach.md",
        "NGHỊ QUYẾT\n\nVề kế hoạch phát triển kinh tế - xã hội năm 2023\n\n"
        "HỘI ĐỒNG NHÂN DÂN TỈNH AN HÒA\n\n"
        "Xét Tờ trình số 171/TTr-UBND ngày 21 tháng 11 năm 2022 của Ủy ban nhân dân tỉnh về việc "
        "đề nghị thông qua kế hoạch phát triển kinh tế - xã hội năm 2023;\n\n"
        "QUYẾT NGHỊ:\n\nĐiều 1. Thông qua kế hoạch phát triển kinh tế - xã hội năm 2023.\n",
    )
    # "Tờ trình ... mang số mấy": the cited text's number, not the resolution's own (none)
    answer = bot.ask("Tờ trình của UBND tỉnh đề nghị thông qua nghị quyết này mang số mấy?")
    assert not answer.abstained, answer.text
    assert answer.text.startswith("171/TTr-UBND"), answer.text


def test_places_listed_in_a_missing_appendix_are_said_to_be_missing(bot):
    # "gồm những địa bàn nào" asks where as a list: the list is the appendix, not in the corpus
    answer = bot.ask("Danh mục địa bàn được ưu tiên hỗ trợ người mất việc gồm những địa bàn nào?")
    assert answer.abstained, answer.text
    assert "phụ lục" in answer.text.lower() and "không có trong kho" in answer.text
