"""The real documents of eval/data/realdocs: every figure of a table in a row passage with its
row label and column heading, for each shape tables arrive in; headers read as lines; text
that a user can read (no markup, no fragments)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus import ReadOptions, load_document
from corpus.readers import read_file
from corpus.structure import parse
from corpus.types import Document, Passage

DOCS = Path(__file__).resolve().parent.parent / "eval" / "data" / "realdocs" / "docs"
# PDFs are read by corpus/pdf.py and measured with it; these formats are read here
SUFFIXES = (".md", ".txt", ".docx")


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    files = [p for p in sorted(DOCS.iterdir()) if p.suffix in SUFFIXES and p.name != "SOURCES.md"]
    return {p.stem: load_document(p, ReadOptions(ocr=False)) for p in files}


def rows(doc: Document, *phrases: str) -> list[Passage]:
    return [p for p in doc.passages if p.kind == "row" and all(x in p.text for x in phrases)]


def the_row(doc: Document, *phrases: str) -> Passage:
    found = rows(doc, *phrases)
    assert len(found) == 1, f"{phrases}: {len(found)} row passages"
    return found[0]


# --- one test per shape ----------------------------------------------------------------------

MINIMUM_WAGE = [
    ("Vùng I", "5.310.000", "25.500"),
    ("Vùng II", "4.730.000", "22.700"),
    ("Vùng III", "4.140.000", "20.000"),
    ("Vùng IV", "3.700.000", "17.800"),
]
MONTH = "Mức lương tối thiểu tháng (Đơn vị: đồng/tháng)"
HOUR = "Mức lương tối thiểu giờ (Đơn vị: đồng/giờ)"


@pytest.mark.parametrize(("region", "month", "hour"), MINIMUM_WAGE)
def test_pipe_table_nd_293(docs: dict[str, Document], region: str, month: str, hour: str) -> None:
    row = the_row(docs["nd-293-2025-luong-toi-thieu-vung"], f"— {region} —")
    assert row.text == f"Mức lương tối thiểu — {region} — {MONTH}: {month}; {HOUR}: {hour}"
    assert row.cells == (("Vùng", region), (MONTH, month), (HOUR, hour))
    assert row.section == ("Điều 3. Mức lương tối thiểu", "Khoản 1")
    assert row.article == "3"


def test_small_table_is_also_kept_whole(docs: dict[str, Document]) -> None:
    (table,) = [p for p in docs["nd-293-2025-luong-toi-thieu-vung"].passages if p.kind == "table"]
    lines = table.text.split("\n")
    assert lines[0] == "Mức lương tối thiểu"
    assert lines[1:] == [f"{r} — {MONTH}: {m}; {HOUR}: {h}" for r, m, h in MINIMUM_WAGE]
    assert table.id.endswith("#dieu-3/1#table-1")


@pytest.mark.parametrize(
    ("phrases", "amount"),
    [
        (("A1, A, B1", "Sát hạch lý thuyết"), "60.000"),  # two rows written in one with <br>
        (("A1, A, B1", "Sát hạch thực hành"), "70.000"),
        (("ô tô", "Sát hạch lý thuyết"), "100.000"),
        (("ô tô", "Sát hạch thực hành trong hình"), "350.000"),
        (("Cấp, đổi, cấp lại giấy phép lái xe",), "115.000"),
        (("Đóng lại số khung, số máy",), "50.000"),
    ],
)
def test_fee_schedule_tt_154(
    docs: dict[str, Document], phrases: tuple[str, ...], amount: str
) -> None:
    doc = docs["tt-154-2025-btc-phi-sat-hach-lai-xe"]
    row = the_row(doc, *phrases, f"Mức thu (đồng): {amount}")
    assert "Đơn vị tính: Lần" in row.text
    assert row.section == ("Phụ lục. BIỂU MỨC THU PHÍ, LỆ PHÍ",)  # not the last Điều
    assert row.article is None


def test_group_rows_give_context_tt_154(docs: dict[str, Document]) -> None:
    row = the_row(docs["tt-154-2025-btc-phi-sat-hach-lai-xe"], "A1, A, B1", "Sát hạch lý thuyết")
    assert row.text == (
        "BIỂU MỨC THU PHÍ, LỆ PHÍ — Phí sát hạch lái xe — Đối với thi sát hạch lái xe các hạng xe"
        " A1, A, B1 — Sát hạch lý thuyết — Đơn vị tính: Lần; Mức thu (đồng): 60.000"
    )
    assert dict(row.cells)["Mức thu (đồng)"] == "60.000"


HUE_FEES = {
    "Đô thị": ("190", "190", "110", "130"),
    "Nông thôn": ("140", "140", "95", "115"),
    "Miền núi": ("105", "105", "80", "100"),
}
LEVELS = ("Mầm non", "Tiểu học", "Trung học cơ sở", "Trung học phổ thông")


@pytest.mark.parametrize("area", HUE_FEES)
def test_lone_pipe_dump_hue_36(docs: dict[str, Document], area: str) -> None:
    row = the_row(docs["nq-hdnd-hue-36-2025-hoc-phi"], f"— {area} —")
    values = "; ".join(f"{level}: {fee}" for level, fee in zip(LEVELS, HUE_FEES[area], strict=True))
    assert row.text == (
        f"Mức học phí (Đơn vị tính: 1.000 đồng/trẻ,học sinh/tháng) — {area} — {values}"
    )
    assert row.section == ("Điều 2", "1. Mức học phí")
    # the unit line is the table's, not a passage of its own
    assert not any(
        p.text.startswith("Đơn vị tính") for p in docs["nq-hdnd-hue-36-2025-hoc-phi"].passages
    )


def test_appendix_list_hue_36(docs: dict[str, Document]) -> None:
    doc = docs["nq-hdnd-hue-36-2025-hoc-phi"]
    row = the_row(doc, "Xã A Lưới 3")
    assert "Miền núi (9 xã miền núi thuộc thành phố Huế)" in row.text  # its group, from the STT
    assert row.section[0].startswith("Phụ lục. PHÂN LOẠI ĐỊA BÀN TẠI THÀNH PHỐ HUẾ")
    assert len(rows(doc, "Phường ")) == 21 and len(rows(doc, "— Xã ")) == 19


@pytest.mark.parametrize(
    ("phrases", "city", "commune"),
    [
        (("Các cuộc họp của Ban chỉ đạo", "Chủ trì cuộc họp"), "500.000", "400.000"),
        (("Các cuộc họp khác liên quan", "Chủ trì cuộc họp"), "300.000", "240.000"),
        (("Chi bồi dưỡng Đại biểu dự hội nghị",), "100.000", "80.000"),
        (("Chi khắc dấu",), "400.000", "400.000"),
        (("Chi đóng hòm phiếu",), "500.000", "500.000"),
    ],
)
def test_lone_pipe_dump_ha_noi_82(
    docs: dict[str, Document], phrases: tuple[str, ...], city: str, commune: str
) -> None:
    row = the_row(docs["nq-hdnd-ha-noi-82-2025-muc-chi-bau-cu"], *phrases)
    assert f"Mức chi (Cấp Thành phố): {city} đồng/" in row.text  # the two-row heading, joined
    assert f"Mức chi (Cấp xã): {commune} đồng/" in row.text
    assert row.section[0].startswith("Phụ lục. NỘI DUNG CHI, MỨC CHI")


def test_row_spans_nd_351(docs: dict[str, Document]) -> None:
    doc = docs["nd-351-2025-chuan-ngheo-da-chieu-2026-2030"]
    row = the_row(doc, "Bảo hiểm y tế")
    assert (
        "— 2. Y tế — Bảo hiểm y tế — Ngưỡng thiếu hụt: Hộ gia đình có ít nhất một người" in row.text
    )
    assert row.cells[0] == ("Các chiều thiếu hụt", "2. Y tế")  # the label the span left empty
    assert (
        "— 6. Nước sinh hoạt, vệ sinh và môi trường — Xử lý rác thải —"
        in the_row(doc, "rác thải").text
    )


@pytest.mark.parametrize(
    ("title", "first", "second"),
    [("Cục trưởng", "1,10", "1,00"), ("Phó Cục trưởng", "0,90", "0,80")],
)
def test_two_row_heading_nd_07(
    docs: dict[str, Document], title: str, first: str, second: str
) -> None:
    row = the_row(docs["nd-07-2026-sua-doi-nd-204-che-do-tien-luong"], f"— {title} —")
    assert row.text.endswith(
        f"— {title} — Cục loại 1 (Hệ số): {first}; Cục loại 2 (Hệ số): {second}"
    )


def test_word_header_table_reaches_the_title_block() -> None:
    lines = parse(read_file(DOCS / "luat-tri-tue-nhan-tao-2025.docx").lines).title_lines
    assert lines[:5] == (
        "QUỐC HỘI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Luật số: 134/2025/QH15",
        "Hà Nội, ngày 10 tháng 12 năm 2025",
    )


def test_word_signature_table(docs: dict[str, Document]) -> None:
    (signature,) = [p for p in docs["luat-tri-tue-nhan-tao-2025"].passages if p.kind == "signature"]
    assert signature.text == "CHỦ TỊCH QUỐC HỘI Trần Thanh Mẫn"


def test_pandoc_tables_ubtvqh_1683(docs: dict[str, Document]) -> None:
    lines = parse(
        read_file(DOCS / "nq-ubtvqh-1683-2025-sap-xep-xa-thai-nguyen.md").lines
    ).title_lines
    assert lines[:6] == (
        "ỦY BAN THƯỜNG VỤ",
        "QUỐC HỘI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 1683/NQ-UBTVQH15",
        "Hà Nội, ngày 16 tháng 6 năm 2025",
    )
    doc = docs["nq-ubtvqh-1683-2025-sap-xep-xa-thai-nguyen"]
    by_kind = {p.kind: p.text for p in doc.passages}
    assert by_kind["signature"] == "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI CHỦ TỊCH Trần Thanh Mẫn"
    assert by_kind["recipients"].startswith("Nơi nhận:\n- Chính phủ;\n- Ban Tổ chức Trung ương;")
    assert (
        "- Tỉnh ủy, HĐND, UBND, Đoàn ĐBQH, Ủy ban MTTQVN tỉnh Thái Nguyên;" in by_kind["recipients"]
    )


def test_header_lines_of_a_lone_pipe_dump() -> None:
    lines = parse(read_file(DOCS / "nq-hdnd-hue-36-2025-hoc-phi.md").lines).title_lines
    assert lines[:8] == (
        "HỘI ĐỒNG NHÂN DÂN",
        "THÀNH PHỐ HUẾ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 36/2025/NQ-HĐND",
        "Thành phố Huế, ngày 18 tháng 11 năm 2025",
        "NGHỊ QUYẾT",  # "**NGHỊ\nQUYẾT**" in the file
        "QUY ĐỊNH VỀ CHÍNH SÁCH HỌC PHÍ, HỖ TRỢ HỌC PHÍ TRÊN ĐỊA BÀN THÀNH PHỐ HUẾ TỪ NĂM HỌC 2025 - 2026",
    )


def test_signature_and_recipients_from_layout_tables(docs: dict[str, Document]) -> None:
    doc = docs["nq-hdnd-hue-36-2025-hoc-phi"]
    (signature,) = [p.text for p in doc.passages if p.kind == "signature"]
    (recipients,) = [p.text for p in doc.passages if p.kind == "recipients"]
    assert signature == "CHỦ TỊCH Lê Trường Lưu"
    assert recipients.split("\n")[:3] == [
        "Nơi nhận:",
        "- Như Điều 8;",
        "- UBTV Quốc hội, Chính phủ;",
    ]
    assert recipients.endswith("\n- Lưu: VT.")
    flat = docs["nd-293-2025-luong-toi-thieu-vung"]  # "TM. CHÍNH PHỦ<br>KT. THỦ TƯỚNG<br>..."
    assert [p.text for p in flat.passages if p.kind == "signature"] == [
        "TM. CHÍNH PHỦ KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG (Đã ký) Hồ Đức Phớc"
    ]


# --- the whole corpus ---------------------------------------------------------------------------


def test_big_flattened_tables_give_rows_not_fragments(docs: dict[str, Document]) -> None:
    doc = docs["nq-hdnd-ha-noi-48-2025-dinh-muc-phan-bo-ngan-sach"]
    found = [p for p in doc.passages if p.kind == "row"]
    assert 100 <= len(found) <= 999 and len(doc.passages) < 1000  # it was 1,638 fragments
    row = the_row(doc, "Thu từ hoạt động xổ số")
    assert row.text.endswith("— Thu từ hoạt động xổ số — NS Thành phố (%): 100")
    assert row.section[0].startswith("Phụ lục 02.1. TỶ LỆ PHẦN TRĂM (%) PHÂN CHIA NGUỒN THU")


def test_few_fragments(docs: dict[str, Document]) -> None:
    content = [p for d in docs.values() for p in d.passages if p.kind == "content"]
    tiny = [p.text for p in content if len(p.text.split()) < 3]
    assert len(tiny) <= 0.01 * len(content), tiny


def test_no_markup_in_any_passage(docs: dict[str, Document]) -> None:
    for doc in docs.values():
        for p in doc.passages:
            assert "**" not in p.text and "\\." not in p.text and "\\-" not in p.text, p.id
            assert not re.search(r"(?:^|\s)\|(?:\s|$)", p.text), p.id
            assert "\u200e" not in p.text and "\u00a0" not in p.text, p.id


def test_ids_unique_and_rows_carry_cells(docs: dict[str, Document]) -> None:
    for doc in docs.values():
        ids = [p.id for p in doc.passages]
        assert len(ids) == len(set(ids)), doc.meta.doc_id
        for p in doc.passages:
            if p.kind == "row":
                assert p.cells and re.search(r"#table-\d+/row-\d+(?:-\d+)?$", p.id), p.id


def test_appendix_headings_are_sections(docs: dict[str, Document]) -> None:
    doc = docs["nq-hdnd-vinh-long-22-2025-muc-chi-ky-thi"]
    appendices = [h for h in doc.toc if h.level == "phuluc"]
    assert [h.label for h in appendices][:3] == ["Phụ lục I", "Phụ lục II", "Phụ lục III"]
    row = the_row(doc, "Tốt nghiệp trung học phổ thông", "2. Hội đồng thi", "Phó Chủ tịch")
    assert row.section[0].startswith("Phụ lục I. NỘI DUNG CHI VÀ MỨC CHI")
    assert row.text.endswith(
        "— Phó Chủ tịch — Mức chi/ Tiền công (1.000đ): 623; Đơn vị tính: người/ngày"
    )
