"""Metadata a document states about itself, and front matter that overrides it."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.meta import extract, from_front_matter
from corpus.structure import parse
from corpus.types import CorpusError

DECISION = [
    "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 12/QĐ-UBND",
    "Thái Nguyên, ngày 05 tháng 01 năm 2023",
    "QUYẾT ĐỊNH",
    "Về việc giao chỉ tiêu kế hoạch",
    "năm 2023",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN",
    "Căn cứ Luật Tổ chức chính quyền địa phương;",
    "QUYẾT ĐỊNH:",
    "Điều 1. Giao chỉ tiêu kế hoạch năm 2023 cho các sở, ngành.",
    "Nơi nhận:",
    "- Như Điều 1;",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "(Đã ký)",
    "NGUYỄN VĂN BA",
]


def test_decision_header() -> None:
    found = extract(parse(DECISION))
    assert {k: found[k] for k in ("kind", "title", "issuer", "number", "date", "signer")} == {
        "kind": "Quyết định",
        "title": "Quyết định về việc giao chỉ tiêu kế hoạch năm 2023",
        "issuer": "Ủy ban nhân dân tỉnh Thái Nguyên",
        "number": "12/QĐ-UBND",
        "date": "2023-01-05",
        "signer": "Nguyễn Văn Ba",
    }
    assert found["region"] == "Thái Nguyên" and found["notes"] == []


@pytest.mark.parametrize(
    ("first_line", "kind", "title"),
    [
        ("LUẬT AN NINH MẠNG", "Luật", "Luật An ninh mạng"),
        ("BỘ LUẬT DÂN SỰ", "Bộ luật", "Bộ luật Dân sự"),
        ("HIẾN PHÁP", "Hiến pháp", "Hiến pháp"),  # the one type that is its own name
        ("LUẬT QUỐC TỊCH VIỆT NAM", "Luật", "Luật Quốc tịch Việt Nam"),
        ("Kế hoạch phát triển du lịch", "Kế hoạch", "Kế hoạch phát triển du lịch"),
    ],
)
def test_title_from_the_first_line(first_line: str, kind: str | None, title: str) -> None:
    found = extract(parse([first_line, "Điều 1. Phạm vi", "Nội dung."]))
    assert (found["kind"], found["title"]) == (kind, title)


def test_closing_formula_gives_issuer_session_and_date() -> None:
    found = extract(
        parse(
            [
                "LUẬT GIÁO DỤC",
                "Điều 1. Phạm vi",
                "Nội dung.",
                "Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIV, kỳ họp thứ 7 "
                "thông qua ngày 14 tháng 6 năm 2019.",
                "CHỦ TỊCH QUỐC HỘI",
                "(Đã ký)",
                "Nguyễn Thị Kim Ngân",
            ]
        )
    )
    assert (found["issuer"], found["session"], found["date"], found["signer"]) == (
        "Quốc hội",
        "Khóa XIV, Kỳ họp thứ 7",
        "2019-06-14",
        "Nguyễn Thị Kim Ngân",
    )


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ({"date": "2022-12-08"}, {"date": "2022-12-08"}),
        ({"date": "08/12/2022"}, {"date": "2022-12-08"}),
        ({"date": "ngày 08 tháng 12 năm 2022"}, {"date": "2022-12-08"}),
        (
            {"issuing_body": "Hội đồng nhân dân tỉnh Thái Nguyên"},
            {"issuer": "Hội đồng nhân dân tỉnh Thái Nguyên"},
        ),
        ({"url": "https://example.vn"}, {"source_url": "https://example.vn"}),
        ({"number": None, "title": ""}, {}),
        ({"signer": "Phạm Hoàng Sơn", "unknown": 1}, {"signer": "Phạm Hoàng Sơn"}),
        ({"title": "Nghị quyết về hoà giải"}, {"title": "Nghị quyết về hòa giải"}),
    ],
)
def test_front_matter_fields(front: dict, expected: dict) -> None:
    assert from_front_matter(front, Path("nq.md")) == expected


def test_front_matter_date_from_yaml_is_a_date_object() -> None:
    import datetime as dt

    assert from_front_matter({"date": dt.date(2022, 12, 8)}, Path("nq.md")) == {
        "date": "2022-12-08"
    }


def test_front_matter_bad_date_names_the_file() -> None:
    with pytest.raises(
        CorpusError, match=r"^nq\.md: front matter: date '31/02/2022' is not a date"
    ):
        from_front_matter({"date": "31/02/2022"}, Path("nq.md"))


def _doc(*header: str, body: tuple[str, ...] = ("Điều 1. Phạm vi", "Nội dung.")) -> list[str]:
    return [*header, *body]


CAN_CU = "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;"


# One title block in the shapes real files leave it: cells on their own lines, table rows
# flattened with "|", hard wraps inside names and dates, rules, a gazette's running header,
# OCR misspellings, a pandoc table whose two columns share each line.
@pytest.mark.parametrize(
    "header",
    [
        pytest.param(
            [
                "HỘI ĐỒNG NHÂN DÂN",
                "THÀNH PHỐ HÀ NỘI",
                "-------",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Số: 82/2025/NQ-HĐND",
                "Hà Nội, ngày 27 tháng 11 năm 2025",
            ],
            id="cells-as-lines",
        ),
        pytest.param(
            [
                "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
                "Độc lập - Tự do - Hạnh phúc ---------------",
                "Số: 82/2025/NQ-HĐND | Hà Nội, ngày 27 tháng 11 năm 2025",
            ],
            id="table-rows",
        ),
        pytest.param(
            [
                "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI _ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - "
                "Tự do - Hạnh phúc | Số: 82/2025/NQ-HĐND | Hà Nội, ngày 27 tháng 11 năm 2025",
            ],
            id="one-line",
        ),
        pytest.param(
            [
                "|",
                "HỘI",
                "ĐỒNG NHÂN",
                "DÂN",
                "THÀNH PHỐ HÀ NỘI",
                "|",
                "CỘNG HÒA XÃ",
                "HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "|",
                "Số:",
                "82/2025/NQ-HĐND",
                "|",
                "Hà Nội, ngày 27",
                "tháng 11 năm 2025",
            ],
            id="hard-wraps",
        ),
        pytest.param(
            [
                "2 CÔNG BÁO/Số 977 + 978/Ngày 25-7-2025",
                "VĂN BẢN QUY PHẠM PHÁP LUẬT",
                "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI",
                "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI",
                "Số: 82/2025/NQ-HĐND",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Hà Nội, ngày 27 tháng 11 năm 2025",
            ],
            id="gazette",
        ),
        pytest.param(
            [
                "HỘI ĐỒNG NHÂN DÂN\\ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\\",
                "THÀNH PHỐ HÀ NỘI\\ Độc lập - Tự do - Hạnh phúc\\",
                "--------* ---------------",
                "Số: 82/2025/NQ-HĐND Hà Nội, ngày 27 tháng 11 năm 2025",
            ],
            id="pandoc-columns",
        ),
    ],
)
def test_title_block_shapes(header: list[str]) -> None:
    found = extract(
        parse(
            _doc(
                *header,
                "NGHỊ QUYẾT",
                "QUY ĐỊNH MỨC CHI PHỤC VỤ BẦU CỬ ĐẠI BIỂU QUỐC HỘI KHÓA XVI CỦA THÀNH PHỐ",
                "HÀ NỘI",
                CAN_CU,
                "Hội đồng nhân dân ban hành Nghị quyết quy định mức chi phục vụ bầu cử đại biểu "
                "Quốc hội khóa XVI của thành phố Hà Nội.",
            )
        )
    )
    assert found["title"] == (
        "Nghị quyết quy định mức chi phục vụ bầu cử đại biểu Quốc hội khóa XVI của thành phố Hà Nội"
    )
    assert (found["kind"], found["number"], found["date"]) == (
        "Nghị quyết",
        "82/2025/NQ-HĐND",
        "2025-11-27",
    )
    assert (found["issuer"], found["region"]) == ("Hội đồng nhân dân thành phố Hà Nội", "Hà Nội")


def test_ocr_misspellings_in_the_title_block() -> None:
    found = extract(
        parse(
            _doc(
                "QUOC HOI CONG HÒA XÃ HOI CHỦ NGHĨA VIET NAM",
                "Nghị quyết số: 86/2019/QH14 Độc lập - Tự do - Hạnh phúc",
                "NGHỊ QUYẾT",
                "Về dự toán ngân sách nhà nước năm 2020",
                "QUÓC HỘI",
                "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam,",
                "QUYÉT NGHỊ:",
            )
        )
    )
    assert (found["title"], found["number"], found["issuer"]) == (
        "Nghị quyết về dự toán ngân sách nhà nước năm 2020",
        "86/2019/QH14",
        "Quốc hội",
    )
    assert found["region"] is None  # a national body governs no province


def test_without_a_header_the_body_line_and_the_closing_give_issuer_and_date() -> None:
    found = extract(
        parse(
            [
                "NGHỊ QUYẾT",
                "Về bổ sung Kế hoạch phát triển kinh tế - xã hội năm 2025",
                "QUỐC HỘI",
                "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
                "QUYẾT NGHỊ:",
                "Điều 1. Mục tiêu",
                "Tăng trưởng 8%.",
                "Nghị quyết này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XV, "
                "Kỳ họp bất thường lần thứ 9, thông qua ngày 19 tháng 02 năm 2025.",
            ]
        )
    )
    assert found["title"] == "Nghị quyết về bổ sung Kế hoạch phát triển kinh tế - xã hội năm 2025"
    assert (found["issuer"], found["date"], found["number"]) == ("Quốc hội", "2025-02-19", None)
    assert found["session"] == "Khóa XV, Kỳ họp bất thường lần thứ 9"


def test_a_working_copy_of_a_cong_van_notes_the_blank_number_and_date() -> None:
    found = extract(
        parse(
            [
                "VĂN PHÒNG ĐOÀN ĐBQH",
                "VÀ HĐND TỈNH THANH HÓA",
                "Số: /VP-CTHĐND",
                "V/v gửi Danh mục sản phẩm/công",
                "việc quy đổi theo Nghị định số",
                "335/2025/NĐ-CP.",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Thanh Hóa, ngày tháng 5 năm 2026",
                "Kính gửi: Sở Nội vụ",
                "Văn phòng trân trọng gửi Sở Nội vụ để tổng hợp./.",
                "Nơi nhận:",
                "- Như trên;",
                "CHÁNH VĂN PHÒNG",
                "Trần Mạnh Long",
            ]
        )
    )
    assert found["title"] == (
        "Công văn về việc gửi Danh mục sản phẩm/công việc quy đổi theo Nghị định số 335/2025/NĐ-CP"
    )
    assert found["issuer"] == (
        "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Thanh Hóa"
    )
    assert (found["number"], found["date"], found["signer"]) == (None, None, "Trần Mạnh Long")
    assert [n.split(" (")[0] for n in found["notes"]] == [
        "number left blank in the title block",
        "date left blank in the title block",
    ]


def test_a_law_names_itself() -> None:
    found = extract(
        parse(
            [
                "QUỐC HỘI",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Luật số: 134/2025/QH15",
                "Hà Nội, ngày 10 tháng 12 năm 2025",
                "LUẬT",
                "TRÍ TUỆ NHÂN TẠO",
                "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
                "Quốc hội ban hành Luật Trí tuệ nhân tạo.",
                "Điều 1. Phạm vi điều chỉnh",
                "Luật này quy định về trí tuệ nhân tạo.",
                "Điều 2. Hiệu lực thi hành",
                "Luật này có hiệu lực thi hành từ ngày 01 tháng 3 năm 2026.",
            ]
        )
    )
    assert (found["title"], found["kind"], found["number"]) == (
        "Luật Trí tuệ nhân tạo",
        "Luật",
        "134/2025/QH15",
    )
    assert (found["issuer"], found["effective"]) == ("Quốc hội", "2026-03-01")


def test_type_from_the_number_when_the_type_line_is_missing() -> None:
    found = extract(
        parse(
            [
                "HỘI ĐỒNG NHÂN DÂN TỈNH PHÚ YÊN",
                "Số: 57/NQ-HĐND",
                "Phú Yên, ngày 16 tháng 12 năm 2016",
                "Căn cứ Luật Ngân sách nhà nước năm 2015;",
                "Điều 1. Thông qua dự toán.",
            ]
        )
    )
    assert (found["kind"], found["title"], found["issuer"]) == (
        "Nghị quyết",
        None,
        "Hội đồng nhân dân tỉnh Phú Yên",
    )
    assert found["notes"] == [
        "no type line in the title block; type from the number (Nghị quyết)",
        "no title found in the title block",
    ]


def _body(*lines: str) -> dict:
    header = ["CHÍNH PHỦ", "Số: 10/2025/NĐ-CP", "Hà Nội, ngày 10 tháng 01 năm 2025", "NGHỊ ĐỊNH",
              "Quy định thử nghiệm", "Căn cứ Luật Tổ chức Chính phủ;"]  # fmt: skip
    return extract(parse([*header, "Điều 1. Phạm vi", "Nội dung.", *lines]))


@pytest.mark.parametrize(
    ("lines", "effective"),
    [
        (["Điều 2. Hiệu lực", "Nghị định này có hiệu lực thi hành từ ngày 25 tháng 02 năm 2025."],
         "2025-02-25"),
        (["Điều 2. Hiệu lực", "1. Nghị định này có hiệu lực thi hành kể từ ngày ký."],
         "2025-01-10"),
        (["Điều 2. Hiệu lực", "Nghị định có hiệu lực thi hành kể từ ngày ký ban hành."],
         "2025-01-10"),
        (["Điều 2. Hiệu lực", "Nghị định này có hiệu lực từ ngày", "01 tháng 3 năm 2025."],
         "2025-03-01"),  # a hard wrap before the number
        (["Điều 2. Hiệu lực", "1. Hợp đồng có hiệu lực kể từ ngày ký hợp đồng."], None),
        (["Điều 2. Hiệu lực", "1. Nghị định này có hiệu lực từ ngày 15 tháng 8 năm 2025.",
          "2. Điều 3 của Nghị định này có hiệu lực từ ngày 01 tháng 7 năm 2025."], "2025-08-15"),
    ],
)  # fmt: skip
def test_effective_date(lines: list[str], effective: str | None) -> None:
    assert _body(*lines)["effective"] == effective


@pytest.mark.parametrize(
    ("lines", "amends"),
    [
        (["Điều 2. Hiệu lực", "2. Nghị định này thay thế Nghị định số 02/2017/NĐ-CP ngày 09 "
          "tháng 01 năm 2017 của Chính phủ."], ("02/2017/NĐ-CP",)),
        (["Điều 2. Hiệu lực", "3. Bãi bỏ khoản 7 Điều 15 của Nghị định số 128/2025/NĐ-CP."],
         ("128/2025/NĐ-CP",)),
        (["Điều 2. Hiệu lực", "2. Nghị định số 74/2024/NĐ-CP ngày 30 tháng 6 năm 2024 của Chính "
          "phủ quy định mức lương; lương giờ hết hiệu lực kể từ ngày Nghị định này có hiệu lực."],
         ("74/2024/NĐ-CP",)),
        (["Điều 2. Hiệu lực", "2. Nghị định này bãi bỏ các văn bản sau:",
          "a) Nghị định số 11/2020/NĐ-CP ngày 20 tháng 01 năm 2020;",
          "b) Khoản 2 Điều 3 của Nghị định số 135/2020/NĐ-CP ngày 18 tháng 11 năm 2020."],
         ("11/2020/NĐ-CP", "135/2020/NĐ-CP")),
        # the passive, a description or a task does not amend anything
        (["Điều 2. Áp dụng", "Thực hiện theo Nghị định số 20/2021/NĐ-CP được sửa đổi, bổ sung "
          "bởi Nghị định số 76/2024/NĐ-CP.", "Nghị định số 74/2025/NĐ-CP của Chính phủ sửa đổi "
          "Nghị định số 70/2015/NĐ-CP vẫn áp dụng.", "Bộ Tài chính rà soát, sửa đổi Thông tư số "
          "85/2019/TT-BTC."], ()),
    ],
)  # fmt: skip
def test_amends(lines: list[str], amends: tuple[str, ...]) -> None:
    assert _body(*lines)["amends"] == amends


def test_amends_from_the_subject() -> None:
    found = extract(
        parse(
            [
                "NGHỊ QUYẾT",
                "VỀ VIỆC SỬA ĐỔI, BỔ SUNG QUY ĐỊNH VỀ PHÍ THAM QUAN TẠI NGHỊ QUYẾT SỐ",
                "16/2023/NQ-HĐND CỦA HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI",
                CAN_CU,
                "Điều 1. Sửa đổi",
                "Nội dung.",
            ]
        )
    )
    assert found["amends"] == ("16/2023/NQ-HĐND",)


@pytest.mark.parametrize(
    ("lines", "signer"),
    [
        (["| | TM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG (Đã ký) Lê Thành Long |"],
         "Lê Thành Long"),
        (["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "Hồ Đức Phớc"], "Hồ Đức Phớc"),
        (["KT. BỘ TRƯỞNG THỨ TRƯỞNG (Đã ký) NGUYỄN VĂN BA"], "Nguyễn Văn Ba"),
        (["- Lưu: VT. | KT. BỘ TRƯỞNG THỨ TRƯỞNG (Đã ký) Phạm Thị T |"], None),  # cut short
        # a closing table drawn with "|": the right-hand column holds title and name
        (["* * | TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\\", "| CHỦ TỊCH\\", "Nơi nhận:* | \\",
          "- Chính phủ;\\ | Trần Thanh Mẫn", "- Lưu: HC. |"], "Trần Thanh Mẫn"),
    ],
)  # fmt: skip
def test_signer_shapes(lines: list[str], signer: str | None) -> None:
    assert (
        _body("Điều 2. Hiệu lực", "Nghị định này có hiệu lực từ ngày ký.", *lines)["signer"]
        == signer
    )


def test_front_matter_new_fields() -> None:
    assert from_front_matter(
        {"effective": "01/01/2026", "amends": ["16/2023/NQ-HĐND"], "region": "Hà Nội"},
        Path("nq.md"),
    ) == {"effective": "2026-01-01", "amends": ("16/2023/NQ-HĐND",), "region": "Hà Nội"}


def test_type_printed_above_the_number() -> None:
    found = extract(
        parse(
            [
                "ỦY BAN NHÂN DÂN TỈNH BẮC NINH",
                "QUYẾT ĐỊNH",
                "Về việc phê duyệt kế hoạch",
                "Số: 15/QĐ-UBND",
                "Bắc Ninh, ngày 02 tháng 3 năm 2024",
                "Căn cứ Luật Tổ chức chính quyền địa phương;",
                "Điều 1. Phê duyệt kế hoạch.",
            ]
        )
    )
    assert (found["title"], found["number"], found["date"], found["issuer"]) == (
        "Quyết định về việc phê duyệt kế hoạch",
        "15/QĐ-UBND",
        "2024-03-02",
        "Ủy ban nhân dân tỉnh Bắc Ninh",
    )


def test_a_scan_read_by_ocr_with_a_stamp_over_the_title_block() -> None:
    """What tesseract makes of a signed scan: a receipt stamp ("ĐẾN") read as specks around
    the header and into the subject line, and misread marks ("đôi với", "kế từ")."""
    found = extract(
        parse(
            [
                "-“",
                "TT?)",
                "CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM-",
                "Độc lập - Tự do - Hạnh phúc",
                "Số: 335/2025/NĐ-CP Hà Nội, ngày 21 tháng 12 năm 2025",
                "NGHỊ ĐỊNH",
                "N % 1212025... :",
                "dưng = Quy định về đánh giá, xếp loại chất lượng đối với",
                "cơ quan hành chính nhà nước và công chức",
                "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;",
                "__ Chính phủ ban hành Nghị định quy định về đánh giá, xếp loại chất lượng",
                "đôi với cơ quan hành chính nhà nước và công chức.",
                "Điều 1. Hiệu lực thi hành",
                "1. Nghị định này có hiệu lực thi hành kế từ ngày 01 tháng 01 năm 2026.",
            ]
        )
    )
    assert found["title"] == (
        "Nghị định quy định về đánh giá, xếp loại chất lượng đối với cơ quan hành chính nhà "
        "nước và công chức"
    )
    assert (found["issuer"], found["number"], found["date"], found["effective"]) == (
        "Chính phủ",
        "335/2025/NĐ-CP",
        "2025-12-21",
        "2026-01-01",
    )
