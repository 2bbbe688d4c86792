"""Line classification, page-break repair, hierarchy and passage cutting on small inputs."""

from __future__ import annotations

import pytest

from corpus.lines import classify, join_broken_lines, slugify
from corpus.passages import cut, split_text
from corpus.structure import parse


@pytest.mark.parametrize(
    ("line", "level", "key", "rest"),
    [
        ("Phần thứ hai", "phan", "thứ hai", ""),
        ("PHẦN I. QUY ĐỊNH CHUNG", "phan", "I", "QUY ĐỊNH CHUNG"),
        ("Chương II. QUYỀN CON NGƯỜI", "chuong", "II", "QUYỀN CON NGƯỜI"),
        ("CHƯƠNG 3", "chuong", "3", ""),
        ("Mục 1. ĐĂNG KÝ", "muc", "1", "ĐĂNG KÝ"),
        ("Điều 2. Thông qua mục tiêu", "dieu", "2", "Thông qua mục tiêu"),
        ("Điều 115.", "dieu", "115", ""),
        ("Điều 5a. Bổ sung", "dieu", "5a", "Bổ sung"),
        ("II. Nhiệm vụ và các giải pháp", "roman", "II", "Nhiệm vụ và các giải pháp"),
        ("IV. Tổ chức", "roman", "IV", "Tổ chức"),
        ("2. Các chỉ tiêu chủ yếu", "arabic", "2", "Các chỉ tiêu chủ yếu"),
        ("1.2. Mục tiêu cụ thể", "arabic", "1.2", "Mục tiêu cụ thể"),
        (
            "đ) Phát triển lĩnh vực kinh tế tập thể",
            "letter",
            "đ",
            "Phát triển lĩnh vực kinh tế tập thể",
        ),
        ("g) Quản lý thu - chi", "letter", "g", "Quản lý thu - chi"),
        ("- Tốc độ tăng trưởng: 8,5%.", "dash", "", "Tốc độ tăng trưởng: 8,5%."),
        ("– Gạch ngang dài", "dash", "", "Gạch ngang dài"),
        ("+ Số căn hoàn thành: 462 căn;", "plus", "", "Số căn hoàn thành: 462 căn;"),
        (
            "A. BỔ SUNG QUY ĐỊNH VỀ PHÍ THAM QUAN DI TÍCH",
            "part",
            "A",
            "BỔ SUNG QUY ĐỊNH VỀ PHÍ THAM QUAN DI TÍCH",
        ),
        # not structure
        ("Mục tiêu", "text", "", "Mục tiêu"),
        ("Điều 169 của Luật này.", "text", "", "Điều 169 của Luật này."),
        ("Điều 115", "text", "", "Điều 115"),
        ("Mục 3 Chương XI của Luật này", "text", "", "Mục 3 Chương XI của Luật này"),
        ("f) không phải điểm", "text", "", "f) không phải điểm"),
        ("VX. không phải số La Mã", "text", "", "VX. không phải số La Mã"),
        ("20.000 tỷ đồng", "text", "", "20.000 tỷ đồng"),
        ("Phần lớn các xã", "text", "", "Phần lớn các xã"),
        ("A. Nguyễn Văn Bình", "text", "", "A. Nguyễn Văn Bình"),  # a name, not a part
        ("B. Mức thu phí", "text", "", "B. Mức thu phí"),
    ],
)
def test_classify(line: str, level: str, key: str, rest: str) -> None:
    got = classify(line)
    assert (got.level, got.key, got.rest) == (level, key, rest)


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["trọng tâm là", "", "", "các dự án"], ["trọng tâm là các dự án"]),
        (["Câu trọn vẹn.", "", "tiếp theo"], ["Câu trọn vẹn.", "tiếp theo"]),
        (["quy định tại", "Điều 169 của Luật này."], ["quy định tại Điều 169 của Luật này."]),
        (["- Chỉ tiêu về văn hóa:", "", "+ Tỷ lệ"], ["- Chỉ tiêu về văn hóa:", "+ Tỷ lệ"]),
        (
            ["a) Chỉ tiêu kinh tế", "b) Chỉ tiêu xã hội"],
            ["a) Chỉ tiêu kinh tế", "b) Chỉ tiêu xã hội"],
        ),
        (["NGHỊ QUYẾT", "về việc"], ["NGHỊ QUYẾT", "về việc"]),
        (["Điều 1. Phạm vi", "Luật này quy định"], ["Điều 1. Phạm vi", "Luật này quy định"]),
        (["Căn cứ Luật số", "72/2025/QH15;"], ["Căn cứ Luật số 72/2025/QH15;"]),  # wants a number
        (
            ["có hiệu lực từ ngày", "", "01 tháng 7 năm 2025."],
            ["có hiệu lực từ ngày 01 tháng 7 năm 2025."],
        ),
        (["Mức chi như sau", "2. Mức chi khác"], ["Mức chi như sau", "2. Mức chi khác"]),
        (  # a title ending in "số" (dân tộc thiểu số) before its first khoản
            ["Điều 25. Chính sách đối với người dân tộc thiểu số", "1. Ưu tiên học tập."],
            ["Điều 25. Chính sách đối với người dân tộc thiểu số", "1. Ưu tiên học tập."],
        ),
    ],
)
def test_join_broken_lines(lines: list[str], joined: list[str]) -> None:
    assert join_broken_lines(lines) == joined


@pytest.mark.parametrize(
    ("text", "slug"),
    [("đ", "dd"), ("Điều 2", "dieu-2"), ("thứ hai", "thu-hai"), ("II", "ii"), ("1.2", "1-2")],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_hierarchy_from_numbering() -> None:
    structure = parse(
        [
            "Điều 1. Mục tiêu",  # a titled article: numbered lines are khoản / điểm
            "1. Mục tiêu chung:",
            "a) Tăng trưởng;",
            "b) Ổn định.",
            "2. Giao Ủy ban nhân dân tỉnh thực hiện.",
            "Điều 2. Nội dung cụ thể như sau:",  # a sentence: the article has no title
            "I. Nhiệm vụ",
            "2. Văn hóa",  # a sibling of nothing yet, under I.
            "c) Thể thao",
            "Tăng cường tập luyện.",
            "1. Kinh tế",
            "- Bullet",
        ]
    )
    sections = {b.lines[0]: (b.section, b.article) for b in structure.blocks}
    assert sections["1. Mục tiêu chung:"] == (("Điều 1. Mục tiêu", "Khoản 1"), "1")
    assert sections["a) Tăng trưởng;"] == (("Điều 1. Mục tiêu", "Khoản 1", "Điểm a"), "1")
    assert sections["Nội dung cụ thể như sau:"] == (("Điều 2",), "2")
    assert sections["Tăng cường tập luyện."][0] == (
        "Điều 2",
        "I. Nhiệm vụ",
        "2. Văn hóa",
        "c) Thể thao",
    )
    assert sections["Bullet"][0] == ("Điều 2", "I. Nhiệm vụ", "1. Kinh tế")
    assert [h.title for h in structure.toc] == [
        "Điều 1. Mục tiêu",
        "Điều 2",
        "I. Nhiệm vụ",
        "2. Văn hóa",
        "c) Thể thao",
        "1. Kinh tế",
    ]


def test_capital_letter_parts_hold_their_own_numbered_sections() -> None:
    # "A. ..." and "B. ..." in capitals divide an appendix: B's "1." is not A's "1." again
    structure = parse(
        [
            "PHỤ LỤC",
            "DANH MỤC CÁC KHOẢN PHÍ",
            "A. BỔ SUNG QUY ĐỊNH VỀ PHÍ THAM QUAN TRÊN ĐỊA BÀN PHƯỜNG HOÀN KIẾM",
            "1. Đơn vị tổ chức thu phí",
            "Ban quản lý phố cổ.",
            "2. Quản lý sử dụng, phí thu được",
            "Để lại 90%.",
            "B. SỬA ĐỔI QUY ĐỊNH PHÍ THAM QUAN DI TÍCH CHÙA HƯƠNG",
            "1. Đơn vị tổ chức thu phí",
            "Ban quản lý Hương Sơn.",
            "2. Quản lý sử dụng, phí thu được",
            "Để lại 60%.",
        ]
    )
    sections = {b.lines[0]: b.section for b in structure.blocks}
    assert sections["Để lại 60%."][1:] == (
        "B. SỬA ĐỔI QUY ĐỊNH PHÍ THAM QUAN DI TÍCH CHÙA HƯƠNG",
        "2. Quản lý sử dụng, phí thu được",
    )
    assert sections["Để lại 90%."][1].startswith("A. BỔ SUNG")


def test_heading_without_text_is_kept_as_content() -> None:
    structure = parse(["Điều 1. Hiệu lực thi hành", "Điều 2. Trách nhiệm", "Nội dung."])
    texts = [(b.section, b.lines) for b in structure.blocks]
    assert texts[0] == (("Điều 1. Hiệu lực thi hành",), ("Điều 1. Hiệu lực thi hành",))


def test_split_text_at_sentences() -> None:
    sentence = "Tăng cường công tác quản lý nhà nước về đất đai trên địa bàn tỉnh. "
    long = (sentence * 30).strip()
    chunks = split_text([long], 300)
    assert len(chunks) > 1
    assert all(len(c) <= 300 for c in chunks)
    assert " ".join(chunks) == long
    assert all(c.endswith("tỉnh.") for c in chunks)


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Một câu. Hai câu.", ["Một câu.", "Hai câu."]),
        ("Trụ sở tại TP. Hà Nội. Tiếp theo.", ["Trụ sở tại TP. Hà Nội.", "Tiếp theo."]),
        ("Ông A. Nguyễn ký.", ["Ông A. Nguyễn ký."]),  # a single letter is an initial
        ("Tăng 8,5%. Năm 2025.", ["Tăng 8,5%.", "Năm 2025."]),
        ("Hết câu? Có! “Trích dẫn” tiếp.", ["Hết câu?", "Có!", "“Trích dẫn” tiếp."]),
        ("từ ngày 01.7.2025 trở đi", ["từ ngày 01.7.2025 trở đi"]),
    ],
)
def test_sentences_split_by_rule(text: str, sentences: list[str]) -> None:
    from corpus.passages import sentences as split

    assert split(text) == sentences


def test_lead_and_points_grouped_in_even_parts() -> None:
    points = [
        f"{x}) Trường hợp thứ {i} được quy định rất chi tiết tại đây;"
        for i, x in enumerate("abcdđeg")
    ]
    structure = parse(["Điều 3. Các trường hợp", "1. Các trường hợp sau đây:", *points])
    passages = cut(structure.blocks, "luat", max_chars=250)
    assert [p.id for p in passages] == ["luat#dieu-3/1#1", "luat#dieu-3/1#2"]
    assert all(p.text.startswith("1. Các trường hợp sau đây:\n") for p in passages)
    counts = [len(p.text.split("\n")) - 1 for p in passages]
    assert counts == [4, 3] and all(len(p.text) <= 250 for p in passages)


def test_a_passage_starting_inside_a_point_repeats_the_point_line() -> None:
    dashes = [
        f"- Nhiệm vụ thứ {i} về giáo dục được giao cho các sở, ngành thực hiện;" for i in range(6)
    ]
    structure = parse(
        [
            "Điều 2. Nhiệm vụ",
            "1. Lĩnh vực văn hóa, xã hội:",
            "a) Về y tế:",
            "- Nâng cao chất lượng khám, chữa bệnh ở tuyến xã;",
            "b) Về giáo dục và đào tạo:",
            *dashes,
        ]
    )
    passages = cut(structure.blocks, "nq", max_chars=300)
    assert len(passages) >= 2
    for p in passages:
        lines = p.text.split("\n")
        assert lines[0] == "1. Lĩnh vực văn hóa, xã hội:"
        assert lines[-1] != "b) Về giáo dục và đào tạo:"  # a point's line is not left alone
        if any(line.startswith("Nhiệm vụ thứ") for line in lines):
            assert "b) Về giáo dục và đào tạo:" in lines, p.text
    assert sum(p.text.count("Nhiệm vụ thứ") for p in passages) == len(dashes)


def test_passage_kinds_and_ids() -> None:
    structure = parse(
        [
            "NGHỊ QUYẾT",
            "Căn cứ Luật Tổ chức chính quyền địa phương;",
            "QUYẾT NGHỊ:",
            "Điều 1. Phạm vi",
            "Nội dung.",
            "Nghị quyết này đã được Hội đồng nhân dân tỉnh thông qua ngày 01 tháng 02 năm 2023.",
            "Nơi nhận:",
            "- Như Điều 1;",
            "TM. HỘI ĐỒNG NHÂN DÂN",
            "CHỦ TỊCH",
            "Nguyễn Văn A",
        ]
    )
    passages = cut(structure.blocks, "nq")
    assert [(p.id, p.kind) for p in passages] == [
        ("nq#heading#1", "heading"),
        ("nq#preamble#1", "preamble"),
        ("nq#dieu-1#1", "content"),
        ("nq#root#1", "content"),
        ("nq#recipients#1", "recipients"),
        ("nq#signature#1", "signature"),
    ]
    assert passages[-1].text == "TM. HỘI ĐỒNG NHÂN DÂN CHỦ TỊCH Nguyễn Văn A"
    assert structure.signature[-1] == "Nguyễn Văn A"
