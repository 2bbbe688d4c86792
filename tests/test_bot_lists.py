"""List answers read from the document's structure (real model, small documents written
here): a lead-in that announces the set asked ("Các trường hợp sau đây ...:") is answered by
the clauses under it, even when it stands alone before them."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

FEES = """\
THÔNG TƯ

Quy định mức thu, chế độ thu, nộp, miễn lệ phí cấp giấy phép khai thác nước

Điều 1. Phạm vi điều chỉnh

1. Thông tư này quy định mức thu, chế độ thu, nộp, miễn lệ phí cấp giấy phép khai thác nước
mặt và nước dưới đất.

2. Thông tư này áp dụng đối với người nộp lệ phí và tổ chức thu lệ phí.

Điều 2. Mức thu lệ phí

Mức thu lệ phí cấp giấy phép khai thác nước là 200.000 đồng/giấy phép.

Điều 3. Miễn lệ phí

Các trường hợp sau đây được miễn lệ phí:

1. Hộ gia đình khai thác nước phục vụ sinh hoạt với quy mô nhỏ.

2. Cơ quan đại diện ngoại giao, cơ quan lãnh sự nước ngoài theo điều ước quốc tế.

3. Đơn vị lực lượng vũ trang nhân dân khai thác nước phục vụ nhiệm vụ quốc phòng, an ninh.

Điều 4. Hiệu lực thi hành

Thông tư này có hiệu lực từ ngày 01 tháng 01 năm 2026.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "tt-le-phi-nuoc.md", FEES)


def test_a_lead_in_that_announces_the_set_asked_lists_the_clauses_under_it(bot):
    answer = bot.ask("Những trường hợp nào được miễn lệ phí cấp giấy phép khai thác nước?")
    assert not answer.abstained, answer.text
    for item in ("Hộ gia đình", "Cơ quan đại diện ngoại giao", "lực lượng vũ trang"):
        assert item in answer.text, answer.text
    assert "Thông tư này quy định" not in answer.text


PLAN = """\
NGHỊ QUYẾT

Về nhiệm vụ phát triển kinh tế - xã hội năm 2026

**Điều 1.** Thông qua nhiệm vụ phát triển kinh tế - xã hội năm 2026 như sau:

## **I. Nhiệm vụ và giải pháp**

### **1. Lĩnh vực kinh tế**

#### a) Phát triển công nghiệp

Thu hút các dự án công nghiệp chế biến, chế tạo có giá trị gia tăng cao. Hoàn thiện hạ tầng các
cụm công nghiệp đã được phê duyệt.

#### b) Quản lý tài chính công

Tăng cường công tác thanh tra, kiểm tra thuế; đẩy mạnh công tác quản lý thu nợ và cưỡng chế nợ
thuế, bảo đảm thu đúng, đủ, kịp thời các khoản thuế vào ngân sách nhà nước. Đẩy mạnh sắp xếp lại,
xử lý nhà, đất thuộc sở hữu nhà nước.

Tập trung đôn đốc các chủ đầu tư bàn giao quỹ đất đúng tiến độ, kịp thời tổ chức đấu giá quyền
sử dụng đất.

Siết chặt kỷ luật, kỷ cương tài chính; quản lý chặt chẽ các khoản chi thường xuyên.

### **2. Lĩnh vực xã hội**

Nâng cao chất lượng giáo dục phổ thông ở các cấp học.
"""


@pytest.fixture(scope="module")
def plan_bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-nhiem-vu.md", PLAN)


def test_what_is_done_about_a_topic_no_heading_names_lists_its_section(plan_bot):
    # the heading "Quản lý tài chính công" does not name "nợ thuế": the actions of the section
    # the answering clause lies in are listed, and its own item shows that clause
    answer = plan_bot.ask("Tỉnh sẽ làm gì để chống nợ thuế và thu ngân sách đúng, đủ?")
    assert not answer.abstained, answer.text
    lines = answer.text.split("\n")
    assert len(lines) >= 4, answer.text
    assert "cưỡng chế nợ thuế" in lines[1], answer.text
    assert "đấu giá" in answer.text and "Siết chặt kỷ luật" in answer.text, answer.text
    assert "công nghiệp" not in answer.text and "giáo dục" not in answer.text, answer.text


def test_a_lead_in_announcing_the_cases_asked_is_found_among_the_passages_read():
    from bot.concepts import concepts
    from bot.lists import Lists
    from corpus.types import Passage
    from index.types import Hit

    section = ("Điều 29. Trách nhiệm bồi thường thiệt hại", "Khoản 3")
    exempt = Passage(
        "luat#dieu-29/3#1",
        "luat",
        section,
        "29",
        "3. Bên triển khai được miễn trừ trách nhiệm bồi thường thiệt hại trong các trường hợp "
        "sau đây:\na) Thiệt hại do lỗi cố ý của người bị thiệt hại;\nb) Bất khả kháng.",
    )
    others = Passage(
        "luat#dieu-30/1#1",
        "luat",
        ("Điều 30. Đối tượng áp dụng", "Khoản 1"),
        "30",
        "1. Luật này áp dụng đối với các đối tượng sau đây:\na) Nhà cung cấp;\nb) Bên triển khai.",
    )
    idf = {w: 3.0 for w in "bên triển khai miễn bồi thường thiệt hại trường hợp".split()}
    question = "Bên triển khai được miễn bồi thường thiệt hại trong những trường hợp nào?"
    items = concepts(question, idf)
    assert Lists._announced(items, [Hit(exempt, 1.0)], question)
    # a lead-in announcing another set ("các đối tượng sau đây") is not the one asked
    assert not Lists._announced(items, [Hit(others, 1.0)], question)


RATING = """\
NGHỊ ĐỊNH

Về đánh giá, xếp loại chất lượng viên chức

Điều 1. Thời điểm xếp loại chất lượng viên chức

1. Việc xếp loại chất lượng viên chức được thực hiện theo năm công tác.

2. Thời điểm xếp loại chất lượng viên chức hằng năm được tiến hành trước ngày 15 tháng 12.

Điều 2. Mức xếp loại chất lượng viên chức

1. Hoàn thành xuất sắc nhiệm vụ: đạt từ 90 điểm trở lên.

2. Hoàn thành tốt nhiệm vụ: đạt từ 70 điểm đến dưới 90 điểm.

3. Hoàn thành nhiệm vụ: đạt từ 50 điểm đến dưới 70 điểm.

4. Không hoàn thành nhiệm vụ thuộc một trong các trường hợp sau:

a) Đạt dưới 50 điểm;

b) Bị xử lý kỷ luật trong năm đánh giá.

Điều 3. Lưu giữ tài liệu xếp loại chất lượng viên chức

1. Tài liệu xếp loại chất lượng viên chức lưu giữ điện tử, bao gồm: biên bản họp xếp loại; phiếu
xếp loại chất lượng viên chức hằng năm; nhận xét của cấp ủy nơi công tác.

2. Thời hạn lưu giữ tài liệu là 05 năm.
"""


@pytest.fixture(scope="module")
def rating_bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nd-xep-loai.md", RATING)


def test_which_levels_asks_the_set_of_levels_not_a_figure():
    from bot.understand import understand

    for question in ("Viên chức được xếp loại theo những mức nào?", "co nhung muc phi nao"):
        query = understand(question)
        assert query.listing and query.kind != "figure", query
    assert understand("Hộ nghèo được hỗ trợ ở mức nào?").kind == "figure"


def test_a_heading_naming_the_set_asked_is_read_though_search_missed_it(rating_bot):
    # retrieval found only the article on when rating is done; the article whose heading names
    # the levels asked is read first, the passage found after it
    from bot.understand import understand

    query = understand("Chất lượng viên chức được xếp loại theo những mức nào?")
    items = rating_bot._concepts(query, rating_bot.index.prepare(query.retrieval))
    found = rating_bot.index.search(query.retrieval, 10)
    when = [
        h
        for h in found
        if h.passage.section[:1] == ("Điều 1. Thời điểm xếp loại chất lượng viên chức",)
    ]
    read = rating_bot._listed_heading(query, items, when[:1])
    sections = [h.passage.section[0] for h in read]
    assert sections[0].startswith("Điều 2. Mức xếp loại"), sections
    assert any(s.startswith("Điều 1.") for s in sections[1:]), sections
    # a question whose set the passages found already name reads nothing more
    query = understand("Thời điểm xếp loại chất lượng viên chức gồm những gì?")
    items = rating_bot._concepts(query, rating_bot.index.prepare(query.retrieval))
    assert rating_bot._listed_heading(query, items, when[:1]) == when[:1]


def test_which_levels_lists_the_levels(rating_bot):
    answer = rating_bot.ask("Chất lượng viên chức được xếp loại theo những mức nào?")
    assert not answer.abstained, answer.text
    for level in ("Hoàn thành xuất sắc", "Hoàn thành tốt", "Không hoàn thành"):
        assert level in answer.text, answer.text


def test_a_heading_titled_by_the_set_asked_beats_a_lead_in_or_an_inline_list(rating_bot):
    # "những mức nào": the article titled "Mức xếp loại ..." is listed, not the enumeration of
    # documents that happens to name "hằng năm", nor the cases under its own fourth clause
    answer = rating_bot.ask("Chất lượng viên chức hằng năm được xếp loại theo những mức nào?")
    assert not answer.abstained, answer.text
    assert answer.text.startswith("Điều 2. Mức xếp loại"), answer.text
    for level in ("Hoàn thành xuất sắc", "Hoàn thành tốt", "Không hoàn thành"):
        assert level in answer.text, answer.text
    assert "biên bản" not in answer.text and "kỷ luật" not in answer.text, answer.text


FUND = """\
LUẬT

Về đổi mới sáng tạo

Điều 22. Quỹ Phát triển đổi mới sáng tạo quốc gia

1. Quỹ Phát triển đổi mới sáng tạo quốc gia là quỹ tài chính nhà nước ngoài ngân sách, hoạt
động không vì lợi nhuận, do Chính phủ thành lập để phát triển đổi mới sáng tạo quốc gia.

2. Nguồn tài chính của Quỹ bao gồm nguồn do ngân sách nhà nước cấp; đóng góp, viện trợ, tài trợ
của tổ chức, cá nhân; các nguồn hợp pháp khác theo quy định của pháp luật.

3. Quỹ hỗ trợ phát triển hạ tầng, doanh nghiệp và nhân lực đổi mới sáng tạo.

Điều 23. Đối tượng được tiếp nhận vào cơ sở trợ giúp xã hội

1. Người có hoàn cảnh khó khăn của thành phố được chăm sóc, nuôi dưỡng trong cơ sở trợ giúp xã
hội công lập gồm:

a) Trẻ em mồ côi cả cha và mẹ;

b) Người cao tuổi tâm thần nặng;

c) Người khuyết tật đặc biệt nặng;

d) Người lang thang vô gia cư.

2. Cơ sở trợ giúp xã hội bảo đảm chế độ ăn, mặc, ở cho người được tiếp nhận.
"""


@pytest.fixture(scope="module")
def fund_bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "luat-doi-moi.md", FUND)


def test_a_clause_opening_with_the_set_asked_lists_its_inline_items(fund_bot):
    # "Nguồn tài chính của Quỹ bao gồm A; B; C" (no colon) answers "những nguồn tài chính nào",
    # though the definition of the fund names the question better
    answer = fund_bot.ask("Quỹ Phát triển đổi mới sáng tạo quốc gia có những nguồn tài chính nào?")
    assert not answer.abstained, answer.text
    for item in ("ngân sách nhà nước cấp", "viện trợ", "nguồn hợp pháp khác"):
        assert item in answer.text, answer.text
    assert "không vì lợi nhuận" not in answer.text, answer.text


def test_a_lead_in_opening_with_a_long_set_asked_lists_the_items_under_it(fund_bot):
    # "những người có hoàn cảnh khó khăn nào" (a set named in five words) under "1. Người có
    # hoàn cảnh khó khăn ... gồm:"
    answer = fund_bot.ask(
        "Những người có hoàn cảnh khó khăn nào được chăm sóc trong cơ sở trợ giúp xã hội?"
    )
    assert not answer.abstained, answer.text
    for item in ("Trẻ em mồ côi", "tâm thần nặng", "đặc biệt nặng", "lang thang"):
        assert item in answer.text, answer.text


FEES_TERMS = """\
THÔNG TƯ

Quy định lệ phí đăng ký xe

Điều 1. Phạm vi điều chỉnh

Thông tư này quy định mức thu lệ phí đăng ký, cấp biển số xe mô tô và xe ô tô.

Điều 2. Giải thích từ ngữ

1. Phương tiện giao thông là xe cơ giới, gồm:

a) Xe ô tô, rơ moóc và các loại xe tương tự (sau đây gọi chung là xe ô tô);

b) Xe mô tô hai bánh, xe mô tô ba bánh, xe gắn máy (kể cả xe máy điện) và các loại xe tương tự
(sau đây gọi chung là xe mô tô).

2. Khu vực I gồm thành phố Hà Nội và Thành phố Hồ Chí Minh.

Điều 3. Mức thu lệ phí

1. Cấp mới chứng nhận đăng ký kèm biển số xe mô tô: 1.000.000 đồng/lần.

2. Cấp mới chứng nhận đăng ký kèm biển số xe ô tô: 20.000.000 đồng/lần.
"""


@pytest.fixture(scope="module")
def terms_bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "tt-le-phi-xe.md", FEES_TERMS)


@pytest.mark.parametrize(
    "question",
    [
        'Nhóm "xe mô tô" khi tính lệ phí đăng ký gồm những loại xe nào?',
        "Xe mô tô gồm những loại xe nào?",
    ],
)
def test_a_term_asked_is_spelled_out_by_the_clause_that_defines_it(terms_bot, question):
    # "(sau đây gọi chung là xe mô tô)" defines the term: that clause answers, not the fees
    answer = terms_bot.ask(question)
    assert not answer.abstained, answer.text
    assert "xe gắn máy" in answer.text and "xe máy điện" in answer.text, answer.text
    assert "1.000.000" not in answer.text and "rơ moóc" not in answer.text, answer.text


def test_a_term_is_asked_only_before_what_spells_it_out():
    from bot.retrieval import asked_terms

    assert "xe mo to" in asked_terms('Nhóm "xe mô tô" khi tính lệ phí gồm những loại xe nào?')
    assert "xe mo to" in asked_terms("Xe mô tô gồm những loại xe nào?")
    assert asked_terms("Lệ phí đăng ký xe mô tô là bao nhiêu?") == set()


def test_which_things_one_item_names_far_better_is_that_item(plan_bot):
    # "đôn đốc các chủ đầu tư vào những việc gì": the one action that says so, not the section
    answer = plan_bot.ask("Tỉnh sẽ đôn đốc các chủ đầu tư vào những việc gì?")
    assert not answer.abstained, answer.text
    assert "bàn giao quỹ đất" in answer.text, answer.text
    assert "Siết chặt" not in answer.text and "\n" not in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Tỉnh sẽ đôn đốc các chủ đầu tư những công việc gì?",  # a noun of two syllables
        "Tỉnh sẽ đôn đốc các chủ đầu tư những việc gì?",
    ],
)
def test_which_things_asked_with_a_longer_noun_is_the_item_too(plan_bot, question):
    answer = plan_bot.ask(question)
    assert not answer.abstained, answer.text
    assert "bàn giao quỹ đất" in answer.text and "\n" not in answer.text, answer.text


def test_what_tasks_there_are_is_the_whole_section(plan_bot):
    # "có những nhiệm vụ gì" asks what there is: every item, not the one that fits best
    answer = plan_bot.ask("Về quản lý tài chính công, tỉnh có những nhiệm vụ gì?")
    assert not answer.abstained, answer.text
    assert len(answer.text.split("\n")) >= 4, answer.text


FOREIGN = """\
NGHỊ QUYẾT

Về nhiệm vụ năm 2026

**Điều 1.** Nhiệm vụ năm 2026 như sau:

## **1. Công tác đối ngoại**

Tăng cường triển khai đường lối đối ngoại của Đảng; triển khai hoạt động đối ngoại đồng bộ,
hiệu quả; đẩy mạnh hội nhập quốc tế trên tất cả các lĩnh vực.

Phát triển quan hệ hợp tác với các địa phương nước ngoài; tăng cường các hoạt động ngoại giao
kinh tế; vận động viện trợ từ các tổ chức phi chính phủ nước ngoài.

## **2. Công tác xã hội**

Nâng cao chất lượng giáo dục phổ thông ở các cấp học.

Bảo đảm an sinh xã hội cho người có công.

Giảm nghèo bền vững ở các xã vùng cao.
"""


@pytest.fixture(scope="module")
def foreign_bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-doi-ngoai.md", FOREIGN)


def test_a_section_of_few_long_paragraphs_lists_their_clauses(foreign_bot):
    answer = foreign_bot.ask("Công tác đối ngoại năm 2026 gồm những nhiệm vụ nào?")
    assert not answer.abstained, answer.text
    lines = answer.text.split("\n")
    assert len(lines) >= 6, answer.text  # the clauses, not two opening sentences
    for task in ("hội nhập quốc tế", "ngoại giao kinh tế", "viện trợ"):
        assert task in answer.text, answer.text
    assert "giáo dục" not in answer.text, answer.text


RELIEF = """\
NGHỊ ĐỊNH

Quy định về chính sách hỗ trợ sản xuất nông nghiệp để khôi phục sản xuất vùng bị thiệt hại do
thiên tai

Điều 1. Phạm vi điều chỉnh

Nghị định này quy định về chính sách hỗ trợ sản xuất nông nghiệp để khôi phục sản xuất vùng bị
thiệt hại do thiên tai.

Điều 2. Mức hỗ trợ

1. Diện tích lúa thiệt hại trên 70% được hỗ trợ 6.000.000 đồng/ha.

2. Diện tích rau màu thiệt hại trên 70% được hỗ trợ 4.000.000 đồng/ha.

Điều 3. Nguồn lực, nguyên tắc hỗ trợ kinh phí

1. Nguồn lực hỗ trợ

a) Ngân sách trung ương.

b) Ngân sách địa phương.

c) Các nguồn tài chính hợp pháp khác theo quy định của pháp luật.

2. Ngân sách trung ương hỗ trợ địa phương theo tỷ lệ thiệt hại thực tế.

Điều 4. Trách nhiệm của Bộ Nông nghiệp và Môi trường

Hướng dẫn, kiểm tra việc thực hiện chính sách hỗ trợ sản xuất nông nghiệp để khôi phục sản xuất
vùng bị thiệt hại do thiên tai.

Điều 5. Trách nhiệm của Bộ Tài chính

Tổng hợp nhu cầu hỗ trợ sản xuất nông nghiệp để khôi phục sản xuất sau thiên tai của các địa
phương.

Điều 6. Trách nhiệm của Ủy ban nhân dân cấp tỉnh

Chỉ đạo việc hỗ trợ khôi phục sản xuất nông nghiệp sau thiên tai trên địa bàn tỉnh.

Điều 7. Trách nhiệm của Ủy ban nhân dân cấp xã

Thống kê thiệt hại sản xuất nông nghiệp do thiên tai và đề xuất hỗ trợ khôi phục sản xuất.

Điều 8. Công khai

Công khai danh sách hộ được hỗ trợ khôi phục sản xuất nông nghiệp sau thiên tai.

Điều 9. Hồ sơ

Hồ sơ đề nghị hỗ trợ khôi phục sản xuất nông nghiệp sau thiên tai gồm bản kê thiệt hại.

Điều 10. Quy định chuyển tiếp

Thiệt hại do thiên tai xảy ra trước ngày Nghị định này có hiệu lực mà chưa được hỗ trợ thì được
hỗ trợ sản xuất nông nghiệp để khôi phục sản xuất theo quy định của Nghị định này.
"""


@pytest.fixture(scope="module")
def relief_bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nd-ho-tro-thien-tai.md", RELIEF)


def test_the_heading_that_names_the_set_in_the_documents_terms_is_read_first(relief_bot):
    # the passages found repeat the document's title; "nguồn" is named only by the heading of
    # Điều 3, which the title and the heading together name best: its passages are read first
    from bot.understand import understand

    query = understand("Hỗ trợ khôi phục sản xuất nông nghiệp sau thiên tai từ những nguồn nào?")
    prepared = relief_bot.index.prepare(query.retrieval)
    items = relief_bot._concepts(query, prepared)
    found = [h for h in relief_bot._search(query.retrieval, prepared) if "Điều 3" not in
             h.passage.section_str][:6]  # fmt: skip
    hits = relief_bot._listed_heading(query, items, found)
    assert hits[0].passage.section[0].startswith("Điều 3. Nguồn lực"), hits[0].passage.section


def test_a_khoan_whose_first_line_titles_its_points_heads_the_list():
    from bot.lists import _titled_first_item

    items = [
        ("1. Nguồn lực hỗ trợ", 1),
        ("a) Ngân sách trung ương.", 1),
        ("b) Ngân sách địa phương.", 1),
    ]
    assert _titled_first_item("Khoản 1", items) == ("Nguồn lực hỗ trợ", items[1:])
    assert _titled_first_item("", items) == ("Nguồn lực hỗ trợ", items[1:])
    # under a titled heading, or when what follows is not its points, nothing moves
    assert _titled_first_item("Điều 3. Nguồn lực", items) == ("Điều 3. Nguồn lực", items)
    prose = [("1. Nguồn lực hỗ trợ", 1), ("2. Nguyên tắc hỗ trợ", 1), ("3. Điều khoản", 1)]
    assert _titled_first_item("", prose) == ("", prose)


CRITERIA = """\
QUYẾT ĐỊNH

Ban hành bộ tiêu chí trường học đạt chuẩn giai đoạn 2026 - 2030

Điều 1. Phạm vi áp dụng

Quyết định này áp dụng đối với các trường tiểu học, trung học cơ sở công lập trên địa bàn tỉnh.

Điều 2. Tiêu chí trường học đạt chuẩn

1. Tiêu chí đánh giá trường học đạt chuẩn:

a) Tiêu chí cơ sở vật chất:

Phòng học kiên cố đạt tối thiểu 80% tổng số phòng học.

b) Nhóm tiêu chí đánh giá chất lượng giáo dục:

Nhóm tiêu chí giáo viên gồm: tỷ lệ giáo viên đạt chuẩn, số giáo viên trên mỗi lớp.

Nhóm tiêu chí học sinh gồm: tỷ lệ học sinh lên lớp, tỷ lệ học sinh bỏ học.

Nhóm tiêu chí quản lý gồm: kế hoạch giáo dục của nhà trường, hồ sơ quản lý học sinh.

c) Cách chấm điểm từng tiêu chí theo Phụ lục ban hành kèm theo Quyết định này.

2. Trường đạt từ 85 điểm trở lên được công nhận đạt chuẩn.

Điều 3. Hiệu lực thi hành

Quyết định này có hiệu lực từ ngày 01 tháng 3 năm 2026.
"""


@pytest.fixture(scope="module")
def criteria_bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "qd-tieu-chi.md", CRITERIA)


def test_a_lettered_lead_in_lists_its_lines_up_to_the_next_letter(criteria_bot):
    # "b) ...:" heads plain lines; "c) ..." after them is its sibling, not one of its items
    answer = criteria_bot.ask(
        "Chất lượng giáo dục của trường được đánh giá theo những nhóm tiêu chí nào?"
    )
    assert not answer.abstained, answer.text
    for item in ("giáo viên", "học sinh", "quản lý"):
        assert f"Nhóm tiêu chí {item}" in answer.text, answer.text
    assert "Cách chấm điểm" not in answer.text


SHARES = """\
NGHỊ QUYẾT

Quy định tỷ lệ vốn đối ứng của ngân sách địa phương thực hiện chương trình giảm nghèo

Điều 1. Tỷ lệ vốn đối ứng

Tỷ lệ vốn đối ứng của ngân sách tỉnh và ngân sách xã theo Bảng sau:

| TT | Địa phương | Ngân sách tỉnh (%) | Ngân sách xã (%) | Ghi chú |
|---|---|---|---|---|
| 1 | Xã Tân Lập 1 | 80 | 20 | Áp dụng trên địa bàn các xã cũ: xã Hòa Bình, xã Phú Mỹ |
| 2 | Xã Tân Lập 2 | 70 | 30 | Áp dụng trên địa bàn các xã cũ: xã Yên Hòa, thị trấn Đông Xuân |
| 3 | Phường Trung Tâm | 30 | 70 | Áp dụng trên địa bàn các phường cũ: phường An Khê, phường Bình Minh |

Điều 2. Hiệu lực thi hành

Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026.
"""


@pytest.fixture(scope="module")
def shares_bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-doi-ung.md", SHARES)


def test_a_list_question_about_one_named_row_reads_that_rows_text(shares_bot):
    # the row's "Ghi chú" states no figure, yet it is what is asked of that row
    answer = shares_bot.ask("Xã Tân Lập 2 gồm địa bàn những xã, thị trấn cũ nào?")
    assert not answer.abstained, answer.text
    assert "Yên Hòa" in answer.text and "Đông Xuân" in answer.text, answer.text
    assert "Hòa Bình" not in answer.text and "An Khê" not in answer.text, answer.text


def test_a_rows_text_cell_does_not_answer_a_figure_question(shares_bot):
    answer = shares_bot.ask("Ngân sách tỉnh đối ứng bao nhiêu phần trăm cho xã Tân Lập 2?")
    assert not answer.abstained, answer.text
    assert answer.text.startswith("70"), answer.text


def test_which_place_a_rows_rate_applies_to_is_read_from_its_note(shares_bot):
    # "tỷ lệ ... phường cũ nào" asks which place, not the rate: the row's note answers
    answer = shares_bot.ask(
        "Tỷ lệ đối ứng của phường Trung Tâm được áp dụng trên địa bàn phường cũ nào?"
    )
    assert not answer.abstained, answer.text
    assert "An Khê" in answer.text and "Bình Minh" in answer.text, answer.text
    assert not answer.text.startswith("30"), answer.text


ARCHIVE = """\
NGHỊ ĐỊNH

Về đánh giá, xếp loại chất lượng viên chức

Điều 24. Lưu giữ tài liệu xếp loại chất lượng viên chức

1. Tài liệu kết quả đánh giá, xếp loại chất lượng viên chức được lưu giữ dưới dạng tài liệu điện tử.

2. Tài liệu xếp loại chất lượng viên chức điện tử, bao gồm:

a) Biên bản cuộc họp xếp loại chất lượng cuối năm.

b) Phiếu theo dõi, đánh giá viên chức theo tháng hoặc quý.

c) Phiếu xếp loại chất lượng viên chức hằng năm.

d) Các văn bản khác liên quan (nếu có).

Điều 25. Hiệu lực thi hành

Nghị định này có hiệu lực từ ngày 01 tháng 3 năm 2026.
"""


@pytest.fixture(scope="module")
def archive_bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nd-xep-loai.md", ARCHIVE)


def test_what_a_set_consists_of_is_read_from_the_lead_in_that_says_it_includes(archive_bot):
    # "gồm những gì" is answered by the items after "..., bao gồm:", even when the clause
    # retrieved first (khoản 1) names the question's rarest word and the lead-in does not
    answer = archive_bot.ask(
        "Tài liệu xếp loại chất lượng viên chức được lưu giữ dưới dạng điện tử gồm những gì?"
    )
    assert not answer.abstained, answer.text
    for item in ("Biên bản cuộc họp", "Phiếu theo dõi", "Phiếu xếp loại"):
        assert item in answer.text, answer.text


REGIONS = """\
THÔNG TƯ

Quy định mức thu lệ phí đăng ký, cấp biển phương tiện giao thông

Điều 4. Khu vực thu lệ phí

1. Tổ chức, cá nhân có trụ sở, nơi cư trú ở khu vực nào thì nộp lệ phí theo mức thu quy định tương
ứng với khu vực đó.

2. Các khu vực quy định tại Thông tư này được xác định theo địa giới hành chính, cụ thể như sau:

a) Khu vực I gồm: Thành phố Hà Nội, Thành phố Hồ Chí Minh bao gồm tất cả các xã, phường trực thuộc
thành phố.

b) Khu vực II gồm: các thành phố trực thuộc trung ương khác.

c) Khu vực III gồm: các khu vực khác ngoài khu vực I và khu vực II.

Điều 5. Mức thu lệ phí

1. Xe ô tô, xe mô tô của lực lượng công an sử dụng vào mục đích an ninh đăng ký tại khu vực I thì áp
dụng mức thu lệ phí tại khu vực I.
"""


@pytest.fixture(scope="module")
def regions_bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "tt-khu-vuc.md", REGIONS)


def test_which_places_a_named_set_includes_is_read_from_the_clause_that_opens_with_it(regions_bot):
    # "khu vực I ... gồm những địa phương nào": the clause "Khu vực I gồm: ..." answers, not a
    # clause that only mentions "khu vực I"
    answer = regions_bot.ask(
        "Khu vực I để áp dụng mức thu lệ phí đăng ký xe gồm những địa phương nào?"
    )
    assert not answer.abstained, answer.text
    assert "Hà Nội" in answer.text and "Hồ Chí Minh" in answer.text, answer.text


MERGERS = """\
NGHỊ QUYẾT

Về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh An Hòa năm 2025

Điều 1. Sắp xếp các đơn vị hành chính cấp xã của tỉnh An Hòa

1. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Đông và xã Tây thành xã mới có tên gọi
là xã Đông Tây.

2. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Nam và xã Bắc thành xã mới có tên gọi là
xã Nam Bắc.

3. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Thượng và xã Hạ thành xã mới có tên gọi
là xã Thượng Hạ.

4. Sau khi sắp xếp, tỉnh An Hòa có 5 đơn vị hành chính cấp xã; trong đó có 3 xã hình thành sau sắp
xếp và 02 xã không thực hiện sắp xếp là xã Sơn Mộc, xã Hà Quan.

Điều 2. Hiệu lực thi hành

Nghị quyết này có hiệu lực từ ngày 01 tháng 7 năm 2025.
"""


def test_which_ones_are_not_done_is_answered_by_the_clause_naming_them(tmp_path_factory):
    bot = bot_over(tmp_path_factory, "nq-sap-xep.md", MERGERS)
    answer = bot.ask("Những xã nào của tỉnh An Hòa không phải sắp xếp?")
    assert not answer.abstained, answer.text
    assert "Sơn Mộc" in answer.text and "Hà Quan" in answer.text, answer.text
    assert "Đông Tây" not in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "which"),
    [
        ("Xã nào được sáp nhập?", True),
        ("Ngành y tế sẽ ứng dụng công nghệ thông tin vào những việc gì?", True),
        ("Giáo viên được bồi dưỡng những nội dung gì?", True),
        # measures, solutions and tasks are asked all of them, like "làm gì"
        ("Để thu ngân sách đúng, đủ, tỉnh sẽ triển khai những biện pháp gì?", False),
        ("Tỉnh có những giải pháp gì để phát triển du lịch?", False),
        ("Ngành giáo dục có những nhiệm vụ gì?", False),
        ("Tỉnh sẽ làm gì để phát triển giáo dục?", False),
    ],
)
def test_which_ones_or_all_of_them(question, which):
    from bot.lists import _WHICH
    from index.fold import fold

    assert bool(_WHICH.search(fold(question).lower())) is which


def test_the_item_asked_about_keeps_its_opening_when_the_clause_asked_still_comes_early(
    plan_bot,
):
    # "chống nợ thuế" points at the second clause of the item; the first ("thanh tra, kiểm tra
    # thuế") is short, so the item is shown from its start, the clause asked still near the top
    answer = plan_bot.ask("Tỉnh sẽ làm gì để chống nợ thuế và thu ngân sách đúng, đủ?")
    first = answer.text.split("\n")[1]
    assert "kiểm tra thuế" in first and "cưỡng chế nợ thuế" in first, answer.text
    assert answer.text.index("cưỡng chế nợ thuế") < 160, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Xã Nam Bắc mới của tỉnh An Hòa được gộp lại từ những đơn vị hành chính nào?",
        "xa nam bac moi duoc gop tu nhung xa nao vay",
    ],
)
def test_a_list_item_named_by_the_question_answers_alone(tmp_path_factory, question):
    # the question names the new commune, which only one clause of the list names: that clause
    bot = bot_over(tmp_path_factory, "nq-sap-xep.md", MERGERS)
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert "xã Nam và xã Bắc" in answer.text, answer.text
    assert "Đông Tây" not in answer.text and "Thượng Hạ" not in answer.text, answer.text
    # "những xã nào" asks them all: no single one of them leads the answer
    assert not answer.text.startswith(("Xã Nam —", "Xã Bắc —")), answer.text


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("Huyện nào phải đạt chuẩn nông thôn mới năm 2023?", "huyện Định Hóa"),
        # "những xã nào" asks for all of them: no one name leads
        ("Xã Phú Lương mới được gộp từ những xã nào?", ""),
        ("xa phu luong duoc lap tu cac xa nao", ""),
    ],
)
def test_a_which_question_leads_with_one_name_only_when_it_asks_one(question, name):
    from bot.compose import named_answer

    clause = (
        "Sắp xếp toàn bộ diện tích tự nhiên của thị trấn Đu, xã Yên Lạc và xã Động Đạt thành xã "
        "mới có tên gọi là xã Phú Lương; hoàn thành xây dựng huyện Định Hóa đạt chuẩn."
    )
    assert named_answer(question, clause) == name


TEMPLE_FEES = """\
NGHỊ QUYẾT

Về phí tham quan di tích trên địa bàn phường An Hòa

PHỤ LỤC

A. QUY ĐỊNH VỀ PHÍ THAM QUAN DI TÍCH

1. Đơn vị tổ chức thu phí: Ban quản lý di tích phường An Hòa.

2. Đối tượng nộp phí: Các tổ chức, cá nhân tham quan di tích tại đền An Hòa.

3. Đối tượng miễn thu phí

- Người khuyết tật đặc biệt nặng theo quy định của pháp luật.

- Trẻ em: Người dưới 16 tuổi.

4. Mức thu phí

| Di tích | Đơn vị tính | Mức thu phí (đồng) |
|---|---|---|
| Đền An Hòa, số 76 phố Cổ | đồng/lượt/khách | 20.000 |
| Đình Bình Yên, số 42 phố Cổ | đồng/lượt/khách | 20.000 |
"""


def test_who_is_asked_under_the_heading_of_the_persons_not_a_table_of_fees(tmp_path_factory):
    # "những ai được miễn phí": the persons under "3. Đối tượng miễn thu phí", not the rows of
    # the fee table that name the temple asked about
    bot = bot_over(tmp_path_factory, "nq-phi-tham-quan.md", TEMPLE_FEES)
    answer = bot.ask("Những ai được miễn phí tham quan đền An Hòa?")
    assert not answer.abstained, answer.text
    assert "dưới 16 tuổi" in answer.text and "khuyết tật" in answer.text, answer.text
    assert "20.000" not in answer.text, answer.text


MINING = """\
NGHỊ ĐỊNH

Quy định chi tiết một số điều của Luật Bảo hiểm xã hội về bảo hiểm xã hội bắt buộc

Điều 1. Tuổi nghỉ hưu

Người lao động làm công việc khai thác than trong hầm lò quy định tại Phụ lục I được nghỉ hưu sớm hơn.

TM. CHÍNH PHỦ
KT. THỦ TƯỚNG
PHÓ THỦ TƯỚNG

Nguyễn Văn An

Phụ lục I. CÔNG VIỆC KHAI THÁC THAN TRONG HẦM LÒ

1. Khai thác mỏ hầm lò.

2. Khoan đá bằng búa máy cầm tay trong hầm lò.

3. Đội viên cứu hộ mỏ.

4. Sửa chữa cơ điện trong hầm lò.
"""


def test_items_numbered_without_a_title_are_read_by_their_text(tmp_path_factory):
    # an appendix whose items are numbered lines: each item is its line, not its bare number
    bot = bot_over(tmp_path_factory, "nd-bhxh.md", MINING)
    answer = bot.ask("Những công việc nào được xem là khai thác than trong hầm lò?")
    assert not answer.abstained, answer.text
    assert "Đội viên cứu hộ mỏ" in answer.text and "Khai thác mỏ hầm lò" in answer.text, answer.text


OLD_QUARTER_FEES = """\
NGHỊ QUYẾT

Sửa đổi, bổ sung quy định về phí tham quan di tích lịch sử, công trình văn hóa trên địa bàn thành phố

Điều 1. Bổ sung quy định về phí tham quan di tích

Bổ sung quy định về phí tham quan di tích tại Phụ lục kèm theo Nghị quyết này.

TM. HỘI ĐỒNG NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn An

PHỤ LỤC

A. BỔ SUNG QUY ĐỊNH VỀ PHÍ THAM QUAN DI TÍCH LỊCH SỬ, CÔNG TRÌNH VĂN HÓA TRÊN ĐỊA BÀN PHƯỜNG HOÀN KIẾM

1. Đơn vị tổ chức thu phí: Ban quản lý phố cổ.

2. Đối tượng nộp phí: Các tổ chức, cá nhân trong và ngoài nước tham quan di tích lịch sử, công trình văn hóa tại Đền Bạch Mã số 76 Hàng Buồm, Đình Kim Ngân số 42-44 Hàng Bạc, Di tích số 28 Hàng Buồm, Trung tâm Giao lưu Văn hóa Phố cổ số 50 Đào Duy Từ.

3. Đối tượng miễn thu phí:

Người khuyết tật đặc biệt nặng theo quy định của pháp luật.

Trẻ em: Người dưới 16 tuổi.

4. Đối tượng giảm 50% mức phí:

Người cao tuổi từ đủ 60 tuổi trở lên.

Học sinh, sinh viên từ 16 tuổi trở lên.

5. Mức thu phí

| Di tích | Đơn vị tính | Mức thu phí (đồng) |
|---|---|---|
| Đền Bạch Mã, số 76 Hàng Buồm | đồng/lượt/khách | 10.000 |
| Đình Kim Ngân, số 42-44 Hàng Bạc | đồng/lượt/khách | 20.000 |
"""


def test_the_heading_titled_by_the_set_and_the_act_asked_answers(tmp_path_factory):
    # the question names the temples, which the heading of those who pay names too: the
    # heading titled by the persons exempted ("3. Đối tượng miễn thu phí") answers
    bot = bot_over(tmp_path_factory, "nq-phi-tham-quan-pho-co.md", OLD_QUARTER_FEES)
    answer = bot.ask("Vào tham quan đền Bạch Mã, đình Kim Ngân ở phố cổ, những ai được miễn phí?")
    assert not answer.abstained, answer.text
    assert "dưới 16 tuổi" in answer.text and "khuyết tật" in answer.text, answer.text


RELIEF_SOURCES = """\
NGHỊ ĐỊNH

Quy định chính sách hỗ trợ sản xuất nông nghiệp để khôi phục sản xuất vùng bị thiệt hại do thiên tai

Điều 1. Phạm vi điều chỉnh

Nghị định này quy định chính sách hỗ trợ sản xuất nông nghiệp để khôi phục sản xuất vùng bị thiệt hại do thiên tai, dịch hại thực vật.

Điều 2. Mức hỗ trợ

1. Diện tích lúa thiệt hại trên 70%, hỗ trợ 8.000.000 đồng/ha.

2. Diện tích mạ thiệt hại trên 70%, hỗ trợ 30.000.000 đồng/ha.

Điều 3. Nguồn lực, nguyên tắc hỗ trợ kinh phí

1. Nguồn lực hỗ trợ

a) Ngân sách trung ương.

b) Ngân sách địa phương.

c) Các nguồn tài chính hợp pháp khác theo quy định của pháp luật.

2. Nguyên tắc hỗ trợ

Ngân sách trung ương hỗ trợ 80% mức ngân sách nhà nước hỗ trợ cho các địa phương nhận bổ sung cân đối.
"""


def test_a_set_is_read_under_the_clause_title_that_names_it(tmp_path_factory):
    # "lấy từ những nguồn nào": the clause titled "1. Nguồn lực hỗ trợ" lists the sources
    bot = bot_over(tmp_path_factory, "nd-ho-tro-khoi-phuc.md", RELIEF_SOURCES)
    answer = bot.ask(
        "Tiền hỗ trợ khôi phục sản xuất nông nghiệp sau thiên tai lấy từ những nguồn nào?"
    )
    assert not answer.abstained, answer.text
    for source in ("Ngân sách trung ương", "Ngân sách địa phương", "nguồn tài chính hợp pháp"):
        assert source in answer.text, answer.text
