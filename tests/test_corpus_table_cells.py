"""Each figure of a table read under its own column heading and with its own row label: one
small table per layout that once came out shifted, written here in the shape of the real one;
then, on the real documents, a sample of cells of each shape tables arrive in, and the rule
that every figure of a row stands in a passage with its label and heading."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus import ReadOptions, load_document
from corpus.cells import cell_kind
from corpus.layout import Table
from corpus.markdown import read_markdown
from corpus.readers import SUPPORTED_SUFFIXES as SUFFIXES
from corpus.readers import ReadError
from corpus.tables import Row, plain_lines, rows_of
from corpus.tvpl import pipe_rows
from corpus.types import Document, Passage


def dump(*rows: list[str]) -> list[str]:
    """A thuvienphapluat dump: each row as "|", then each cell's lines followed by "|"."""
    lines: list[str] = []
    for row in rows:
        lines.append("|")
        for cell in row:
            lines.extend([cell, "|"] if cell else ["|"])
    return lines


def table_of(lines: list[str]) -> Table:
    (table,) = [i for i in read_markdown(lines) if isinstance(i, Table)]
    return table


# --- thuvienphapluat dumps: sub-headings printed only under their spanning parent -------------

HEADING = (["**TT**", "**Nội dung**", "**Đơn vị tính**", "**Định mức**"],
           ["**Khu vực đô thị**", "**Khu vực còn lại**"])  # fmt: skip
HEALTH = ["", "Hoạt động sự nghiệp y tế", "Đồng/người/năm", "162.000", "224.000"]
OF_WHICH = ["", "*Trong đó: Chi tối thiểu cho công tác phòng bệnh*", "Đồng/người/năm", "8.000",
            "6.000"]  # fmt: skip
EXPECTED_HEALTH = (
    ("TT", ""),
    ("Nội dung", "Hoạt động sự nghiệp y tế"),
    ("Đơn vị tính", "Đồng/người/năm"),
    ("Định mức (Khu vực đô thị)", "162.000"),
    ("Định mức (Khu vực còn lại)", "224.000"),
)


def test_sub_headings_under_a_span_and_rows_opening_with_an_empty_cell() -> None:
    # the table is one column wider than any printed run: the empty TT cell of each data row
    # is a cell, not the end of a row; a reading that cannot place the last row is not taken
    (first, second) = rows_of(table_of(dump(*HEADING, HEALTH, OF_WHICH)))
    assert first.cells == EXPECTED_HEALTH
    assert second.cells[3:] == (
        ("Định mức (Khu vực đô thị)", "8.000"),
        ("Định mức (Khu vực còn lại)", "6.000"),
    )


def test_sub_headings_under_a_span_with_one_data_row() -> None:
    # "| Hoạt động ... | Đồng/người/năm | 162.000 | 224.000 |" under "| TT | Nội dung | ... |"
    # would put a text under TT: the wider reading is the one that fits the headings
    (row,) = rows_of(table_of(dump(*HEADING, HEALTH)))
    assert row.cells == EXPECTED_HEALTH
    assert row.path == ("Hoạt động sự nghiệp y tế",)


def test_short_rows_read_again_with_what_the_columns_hold() -> None:
    # STT and Tên kỳ thi span down many rows, Ghi chú is always empty: most rows are short,
    # and a first reading that glues them into full rows must not decide where "II" goes
    rows = [["Số TT", "Tên kỳ thi", "Nội dung chi", "Mức chi (1.000đ)", "Đơn vị tính", "Ghi chú"]]
    for key, exam, groups in (
        ("I", "Tốt nghiệp trung học phổ thông", ("1. Ban Chỉ đạo thi", "2. Hội đồng thi",
                                                "3. Ban in sao đề thi", "4. Ban Thư ký")),
        ("II", "Thi chọn học sinh giỏi cấp quốc gia", ("1. Hội đồng/Ban Coi thi",)),
    ):  # fmt: skip
        for n, group in enumerate(groups):
            rows.append([key, exam, group, ""] if n == 0 else [group, ""])
            for title, amount in (("- Trưởng ban", "692"), ("- Phó Trưởng ban", "623"),
                                  ("- Ủy viên", "554")):  # fmt: skip
                rows.append([title, amount, "người/ngày", ""])
    grid, header = pipe_rows([t for row in rows for t in [None, *[c or None for c in row]]][1:])
    assert header == 1
    second = ["II", "Thi chọn học sinh giỏi cấp quốc gia", "1. Hội đồng/Ban Coi thi"]
    assert [*second, "", "", ""] in grid
    last = rows_of(Table(tuple(tuple(r) for r in grid), header))[-1]
    assert last.path[:2] == ("Thi chọn học sinh giỏi cấp quốc gia", "1. Hội đồng/Ban Coi thi")
    assert ("Mức chi (1.000đ)", "554") in last.values


def test_words_among_figures_span_the_figure_columns_they_leave_empty() -> None:
    # "| 1.2 | Các nội dung chi khác | Thực hiện theo ... | (empty Ghi chú) |": one cell over
    # both "Mức chi" columns, read once under the heading they share
    lines = dump(
        ["**STT**", "**Nội dung**", "**Mức chi**", "**Ghi chú**"],
        ["**Cấp tỉnh**", "**Cấp xã**", "** **"],
        ["1.1", "Chi bồi dưỡng đại biểu", "100.000 đồng/người/buổi", "80.000 đồng/người/buổi", ""],
        ["1.2", "Các nội dung chi khác", "Thực hiện theo Nghị quyết số 05/2025/NQ-HĐND", ""],
        ["1.3", "Chi nước uống", "30.000 đồng/người/buổi", "20.000 đồng/người/buổi", ""],
    )
    other = rows_of(table_of(lines))[1]
    rule = "Thực hiện theo Nghị quyết số 05/2025/NQ-HĐND"
    assert other.cells[2:4] == (("Mức chi (Cấp tỉnh)", rule), ("Mức chi (Cấp xã)", rule))
    assert other.values == (("Mức chi", rule),)


def test_a_figure_ending_its_row_short_spans_the_figure_columns_after_it() -> None:
    # no empty cell printed after 28.800.000: it stands under both sub-headings of "Định mức"
    lines = dump(
        ["**STT**", "**Nội dung**", "**Đơn vị tính**", "**Định mức**", "** **"],
        ["**Khu vực đô thị**", "**Khu vực còn lại**"],
        ["3", "Trung học cơ sở", "Đồng/học sinh/năm", "9.500.000", "11.000.000"],
        ["4", "Học sinh khuyết tật", "Đồng/học sinh/năm", "28.800.000"],
    )
    disabled = rows_of(table_of(lines))[1]
    assert disabled.values[-2:] == (
        ("Định mức (Khu vực đô thị)", "28.800.000"),
        ("Định mức (Khu vực còn lại)", "28.800.000"),
    )


def test_words_beside_the_label_stand_in_the_figure_columns_not_under_the_unit() -> None:
    # "| 6 | Các khoản chi khác | Căn cứ Hợp đồng ... |": a rule in place of the figures, never a unit
    lines = dump(
        ["STT", "Nội dung chi", "Mức chi (1.000đ)", "Đơn vị tính", "Ghi chú"],
        ["1", "Trưởng ban", "442", "người/ngày", ""],
        ["2", "Phó Trưởng ban", "398", "người/ngày", ""],
        ["3", "Ủy viên", "353", "người/ngày", ""],
        ["6", "Các khoản chi khác", "Căn cứ Hợp đồng, hóa đơn, chứng từ hợp pháp"],
    )
    other = rows_of(table_of(lines))[-1]
    assert other.values == (("Mức chi (1.000đ)", "Căn cứ Hợp đồng, hóa đơn, chứng từ hợp pháp"),)


# --- blank forms and empty columns -------------------------------------------------------------


def test_a_column_with_a_heading_stays_though_its_cells_are_empty() -> None:
    table = Table(
        (
            ("TT", "Nội dung", "Định mức", "Ghi chú"),
            ("", "Hoạt động sự nghiệp phát thanh", "2.100", ""),
            ("", "Hoạt động sự nghiệp văn hóa", "42.000", ""),
        ),
        header_rows=1,
    )
    (first, _) = rows_of(table)
    assert first.cells == (
        ("TT", ""),
        ("Nội dung", "Hoạt động sự nghiệp phát thanh"),
        ("Định mức", "2.100"),
        ("Ghi chú", ""),
    )
    assert first.values == (("Định mức", "2.100"),)


def test_a_blank_form_keeps_its_rows() -> None:
    # no figure filled in anywhere: no row names a group, each row is one of its own
    table = Table(
        (
            ("Số thứ tự", "Đối tượng", "Số thẻ đã phát hành", "Số tiền"),
            ("1", "Trẻ em dưới 6 tuổi", "", ""),
            ("2", "Người thuộc hộ gia đình nghèo", "", ""),
            ("", "- Đối tượng được hỗ trợ 100%", "", ""),
        ),
        header_rows=1,
    )
    found = rows_of(table)
    assert [r.path[-1] for r in found] == [
        "Trẻ em dưới 6 tuổi",
        "Người thuộc hộ gia đình nghèo",
        "Đối tượng được hỗ trợ 100%",
    ]
    assert all(isinstance(r, Row) and len(r.cells) == 4 for r in found)


# --- ruled tables (PDF, Word): captions across the row, dotted STT, column numbers --------------


CATALOGUE = Table(
    (
        (
            "STT",
            "NHÓM NHIỆM VỤ",
            "SẢN PHẨM ĐẦU RA",
            "KHUNG ĐIỂM",
            "ĐIỂM CHẤM (KHOẢNG)",
            "THAM CHIẾU",
        ),
        ("(1)", "(2)", "(3)", "(4)", "(5)", "(6)"),
        ("PHẦN I. LÃNH ĐẠO, QUẢN LÝ", "", "", "", "", ""),
        ("I.A. LÃNH ĐẠO VĂN PHÒNG", "", "", "", "", ""),
        ("Phạm vi toàn Văn phòng", "", "", "", "", ""),
        ("I.A.1", "Chỉ đạo, điều hành", "Kế hoạch công tác", "≤300", "200–280", "Nhóm 3"),
        ("I.A.2", "Ký ban hành văn bản", "Văn bản đã ký", "≤300", "180–260", ""),
        ("PHẦN II. CHUYÊN MÔN, NGHIỆP VỤ", "", "", "", "", ""),
        ("▶ Lĩnh vực Đoàn ĐBQH", "", "", "", "", ""),
        ("II.B.1", "Tham mưu chương trình", "Báo cáo định kỳ", "≤300", "200–280", ""),
        ("▶ Lĩnh vực HĐND", "", "", "", "", ""),
        ("II.B.8", "Phục vụ Thường trực", "Tài liệu phiên họp", "≤300", "220–300", ""),
        ("Tổng cộng", "", "", "≤600", "", ""),
    ),
    header_rows=2,
)


def test_column_numbers_under_the_headings_are_not_headings() -> None:
    first = rows_of(CATALOGUE)[0]
    assert [h for h, _ in first.cells] == [
        "STT",
        "NHÓM NHIỆM VỤ",
        "SẢN PHẨM ĐẦU RA",
        "KHUNG ĐIỂM",
        "ĐIỂM CHẤM (KHOẢNG)",
        "THAM CHIẾU",
    ]
    assert first.cells[0] == ("STT", "I.A.1")  # a dotted STT, read as the row's key
    assert ("ĐIỂM CHẤM (KHOẢNG)", "200–280") in first.values  # a range is a figure


def test_caption_rows_across_the_table_nest_by_their_numbering() -> None:
    found = {r.cells[0][1]: r for r in rows_of(CATALOGUE)}
    assert found["I.A.2"].path == (
        "PHẦN I. LÃNH ĐẠO, QUẢN LÝ",
        "I.A. LÃNH ĐẠO VĂN PHÒNG",
        "Phạm vi toàn Văn phòng",  # no number: under I.A., and still over I.A.2
        "Ký ban hành văn bản",
        "Văn bản đã ký",
    )
    # after rows of its own, a caption without a number is the next of its kind
    assert found["II.B.8"].path[:2] == ("PHẦN II. CHUYÊN MÔN, NGHIỆP VỤ", "▶ Lĩnh vực HĐND")
    assert found["II.B.1"].path[1] == "▶ Lĩnh vực Đoàn ĐBQH"


def test_a_total_row_stands_under_no_group() -> None:
    total = rows_of(CATALOGUE)[-1]
    assert total.path == ("Tổng cộng",)
    assert total.values == (("KHUNG ĐIỂM", "≤600"),)


# --- tables of words and parts of a row ----------------------------------------------------------


def test_a_table_of_words_with_a_heading_row_and_numbered_captions() -> None:
    lines = dump(
        ["Trung ương tính cho cấp tỉnh", "Thành phố tính cho cấp xã"],
        ["1. Tiêu chí dân số"],
        ["- Dân số cả nước 101.300.081 người", "- Dân số Hà Nội 8.857.500 người"],
        ["2. Tiêu chí diện tích"],
        ["- Cả nước 331.338 km2", "- Hà Nội 3.359 km2"],
    )
    (_, area) = rows_of(table_of(lines))
    assert area.path == ("2. Tiêu chí diện tích", "Cả nước 331.338 km2")
    assert area.cells[1] == ("Thành phố tính cho cấp xã", "- Hà Nội 3.359 km2")


def test_an_of_which_row_reads_under_the_row_above() -> None:
    table = Table(
        (
            ("Nội dung", "Đơn vị tính", "Định mức"),
            ("Hoạt động sự nghiệp văn hóa", "Đồng/người/năm", "42.000"),
            ("Trong đó: Chi tối thiểu cho hoạt động", "Đồng/người/năm", "22.000"),
        ),
        header_rows=1,
    )
    part = rows_of(table)[1]
    assert part.path == ("Hoạt động sự nghiệp văn hóa", "Trong đó: Chi tối thiểu cho hoạt động")
    assert part.values[-1] == ("Định mức", "22.000")


def test_three_heading_rows_with_spans_from_the_left_at_each_level() -> None:
    # "Mức đóng" spans four columns, "Phụ cấp" three of them; the form has no figure filled in
    table = Table(
        (
            ("STT", "Họ và tên", "Mức đóng", "", "", "", "Ghi chú"),
            ("", "", "Tiền lương", "Phụ cấp", "", "", ""),
            ("", "", "", "Chức vụ", "Thâm niên vượt khung (%)", "Thâm niên nghề (%)", ""),
            ("A", "B", "1", "2", "3", "4", "5"),
            ("(1)", "", "", "", "", "", ""),
        ),
        header_rows=4,
    )
    assert plain_lines(table) == [
        "STT; Họ và tên; Mức đóng (Tiền lương); Mức đóng (Phụ cấp, Chức vụ); "
        "Mức đóng (Phụ cấp, Thâm niên vượt khung (%)); Mức đóng (Phụ cấp, Thâm niên nghề (%)); "
        "Ghi chú",
        "(1)",
    ]


def test_a_bulleted_row_is_not_the_parent_of_the_bullets_after_it() -> None:
    table = Table(
        (
            ("STT", "Nội dung", "Mức chi (1.000đ)", "Đơn vị tính"),
            ("4", "Chi khen thưởng", "", ""),
            ("4.2", "+ Giải nhất (vàng)", "520", "Giải"),
            ("", "+ Giải nhì (bạc)", "390", "Giải"),
        ),
        header_rows=1,
    )
    assert rows_of(table)[-1].path == ("Chi khen thưởng", "Giải nhì (bạc)")


# --- the real documents: each shape a table arrives in --------------------------------------------

DOCS = Path(__file__).resolve().parent.parent / "eval" / "data" / "realdocs" / "docs"
HN48 = "nq-hdnd-ha-noi-48-2025-dinh-muc-phan-bo-ngan-sach"
VL22 = "nq-hdnd-vinh-long-22-2025-muc-chi-ky-thi"
HN82 = "nq-hdnd-ha-noi-82-2025-muc-chi-bau-cu"
CV = "cv-vp-doan-dbqh-hdnd-thanh-hoa-danh-muc-san-pham-2026"
ND335 = "nd-335-2025-danh-gia-xep-loai-cong-chuc"


@pytest.fixture(scope="module")
def real() -> dict[str, Document]:
    files = [p for p in sorted(DOCS.iterdir()) if p.suffix in SUFFIXES and p.name != "SOURCES.md"]
    found = {}
    for path in files:
        try:
            found[path.stem] = load_document(path, ReadOptions(ocr=False))
        except ReadError:  # the scan without OCR
            continue
    return found


# (document, the row's own label, its groups, column heading, value): one or more per table
SAMPLES = [
    # Markdown pipe tables
    ("nd-293-2025-luong-toi-thieu-vung", "Vùng III", (),
     "Mức lương tối thiểu giờ (Đơn vị: đồng/giờ)", "20.000"),
    ("nd-07-2026-sua-doi-nd-204-che-do-tien-luong", "Phó Cục trưởng", (),
     "Cục loại 2 (Hệ số)", "0,80"),
    ("tt-154-2025-btc-phi-sat-hach-lai-xe", "Sát hạch thực hành trong hình",
     ("Phí sát hạch lái xe",), "Mức thu (đồng)", "350.000"),
    # thuvienphapluat dumps: sub-headings under a span, an empty TT cell opening each row
    (HN48, "Hoạt động sự nghiệp y tế", (), "Định mức (Khu vực đô thị)", "162.000"),
    (HN48, "Hoạt động sự nghiệp y tế", (), "Định mức (Khu vực còn lại)", "224.000"),
    (HN48, "Trong đó: Chi tối thiểu cho công tác phòng bệnh, các hoạt động sự nghiệp y tế; "
     "phòng chống HIV/AIDS, vệ sinh an toàn thực phẩm.", ("Hoạt động sự nghiệp y tế",),
     "Định mức (Khu vực còn lại)", "6.000"),
    (HN48, "Hoạt động sự nghiệp phát thanh", (), "Định mức (Khu vực còn lại)", "10.500"),
    (HN48, "Từ người dân thứ 40.001 đến 60.000", (), "Định mức (Khu vực đô thị)", "68.000"),
    (HN48, "Sự nghiệp kinh tế", (), "Định mức (Khu vực còn lại)", "229.900"),
    (HN48, "Trung học cơ sở (THCS)", (), "Định mức (Khu vực còn lại)", "11.000.000"),
    (HN48, "Thu từ hoạt động xổ số", ("CÁC KHOẢN THU NGÂN SÁCH ĐỊA PHƯƠNG HƯỞNG 100%",),
     "NS Thành phố (%)", "100"),
    (HN48, "Phường Đống Đa", ("Lệ phí trước bạ xe máy, ô tô, tàu thuyền và tài sản khác trên địa "
     "bàn các phường",), "NS Thành phố", "96,5"),
    (HN82, "Chủ trì cuộc họp", ("Các cuộc họp khác liên quan đến công tác bầu cử",),
     "Mức chi (Cấp xã)", "240.000 đồng/người/ buổi"),
    (VL22, "Ủy viên, thư ký, giám thị", ("Thi chọn học sinh giỏi cấp quốc gia",
     "1. Hội đồng/Ban Coi thi"), "Mức chi/ Tiền công (1.000đ)", "554"),
    ("nq-hdnd-hue-36-2025-hoc-phi", "Nông thôn", (), "Trung học cơ sở", "95"),
    ("nq-hdnd-hue-33-2025-phan-bo-von-giam-ngheo", "Xã Phú Vinh", (),
     "Tỷ lệ vốn đối ứng ngân sách địa phương (%) (Xã)", "65"),
    ("nq-hdnd-ha-noi-66-2025-phi-tham-quan", "Đình Kim Ngân, số 42-44 Hàng Bạc", (),
     "Quản lý sử dụng (Nộp ngân sách nhà nước)", "10%"),
    ("nq-hdnd-vinh-long-20-2025-hoc-phi", "Trung học phổ thông", ("Giáo dục phổ thông",),
     "Khu vực thành thị (phường)", "200"),
    # PDF ruled tables
    (CV, "Phục vụ tổ chức kỳ họp HĐND", ("▶ Lĩnh vực tham mưu, phục vụ HĐND tỉnh (13 nhóm – hỗn hợp "
     "N2, N3, N4)",), "HỆ SỐ QUY ĐỔI", "64–80"),
    (ND335, "Tinh thần trách nhiệm trong thực thi công vụ", (), "Điểm tối đa", "2,5"),
    (ND335, "Tổng cộng", (), "Điểm tối đa", "30"),
]  # fmt: skip


@pytest.mark.parametrize(("doc", "label", "groups", "heading", "value"), SAMPLES)
def test_a_figure_comes_with_its_row_label_and_column_heading(
    real: dict[str, Document],
    doc: str,
    label: str,
    groups: tuple[str, ...],
    heading: str,
    value: str,
) -> None:
    found = [
        p
        for p in real[doc].passages
        if p.kind == "row" and label in p.text.split(" — ") and (heading, value) in p.cells
    ]
    assert len(found) == 1, [p.text for p in found]
    (row,) = found
    assert f"— {label} —" in row.text and f"{heading}: {value}" in row.text
    assert all(f"— {group} —" in row.text for group in groups)


def test_every_figure_of_a_table_stands_with_its_heading(real: dict[str, Document]) -> None:
    """Issue 9: each figure of a table row is in a passage with the row's label and its column
    heading (a long row cut in parts gives each piece its heading again)."""
    parts: dict[str, list[Passage]] = {}
    for doc in real.values():
        for p in doc.passages:
            if p.kind == "row":
                parts.setdefault(re.sub(r"(/row-\d+)-\d+$", r"\1", p.id), []).append(p)
    figures = 0
    for group in parts.values():
        labels = {s for p in group for s in p.text.split(" — ")}
        for heading, value in group[0].cells:
            if not re.search(r"\d", value) or cell_kind(value, first=True) == "key":
                continue
            figures += 1
            if value in labels or " ".join(value.split("; ")) in labels:
                continue  # a label of the row, in its path
            shown = {heading, heading.split(" (", 1)[0]}
            assert any(f"{h}: {value[:40]}" in p.text for p in group for h in shown) or any(
                f"{heading}, " in p.text or f", {heading}: " in p.text for p in group
            ), (group[0].id, heading, value)
    assert figures > 600
