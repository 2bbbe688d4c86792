"""Tables on small inputs written here: spans, header rows, groups, cells holding several rows,
units, layout tables, and each shape a reader meets them in."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import load_document
from corpus.cells import cell_kind
from corpus.layout import Table
from corpus.layout_tables import is_layout, layout_lines, unlayout
from corpus.markdown import read_markdown
from corpus.passages import cut
from corpus.structure import parse
from corpus.tables import row_line, rows_of
from corpus.tvpl import pipe_rows


def lines_of(table: Table) -> list[str]:
    return [row_line(r) for r in rows_of(table)]


# --- spans and headings ---------------------------------------------------------------------


def test_two_row_heading_under_a_column_span() -> None:
    table = Table(
        rows=(
            ("STT", "Nội dung", "Mức chi", "", "Ghi chú"),
            ("", "", "Cấp tỉnh", "Cấp xã", ""),
            ("1", "Chi bồi dưỡng đại biểu", "100.000", "80.000", ""),
            ("2", "Chi nước uống", "30.000", "20.000", "Theo thực tế"),
        ),
        header_rows=2,
    )
    (first, second) = rows_of(table)
    assert (
        row_line(first)
        == "Chi bồi dưỡng đại biểu — Mức chi (Cấp tỉnh): 100.000; Mức chi (Cấp xã): 80.000"
    )
    assert first.cells == (
        ("STT", "1"),
        ("Nội dung", "Chi bồi dưỡng đại biểu"),
        ("Mức chi (Cấp tỉnh)", "100.000"),
        ("Mức chi (Cấp xã)", "80.000"),
        ("Ghi chú", ""),
    )
    assert second.values[-1] == ("Ghi chú", "Theo thực tế")


def test_a_second_heading_row_found_under_a_pipe_tables_first() -> None:
    table = Table(
        rows=(
            ("Số TT", "Chức danh", "Cục loại 1", "Cục loại 2"),
            ("", "", "Hệ số", "Hệ số"),
            ("1", "Cục trưởng", "1,10", "1,00"),
        ),
        header_rows=1,
    )
    assert lines_of(table) == ["Cục trưởng — Cục loại 1 (Hệ số): 1,10; Cục loại 2 (Hệ số): 1,00"]


def test_a_data_row_written_as_the_heading() -> None:
    table = Table(
        rows=(
            ("Mẫu số 01", "Văn bản đề nghị"),
            ("Mẫu số 02", "Tờ khai"),
            ("Mẫu số 03", "Giấy hẹn"),
        ),
        header_rows=1,
    )
    assert lines_of(table) == [
        "Mẫu số 01 — Văn bản đề nghị",
        "Mẫu số 02 — Tờ khai",
        "Mẫu số 03 — Giấy hẹn",
    ]


def test_row_span_leaves_the_label_above() -> None:
    table = Table(
        rows=(
            ("Chiều", "Chỉ số", "Ngưỡng"),
            ("1. Việc làm", "Việc làm", "Có người thất nghiệp."),
            ("", "Người phụ thuộc", "Trên 50% người phụ thuộc."),
            ("2. Y tế", "Bảo hiểm y tế", "Có người không có thẻ."),
        ),
    )
    assert lines_of(table) == [
        "1. Việc làm — Việc làm — Ngưỡng: Có người thất nghiệp.",
        "1. Việc làm — Người phụ thuộc — Ngưỡng: Trên 50% người phụ thuộc.",
        "2. Y tế — Bảo hiểm y tế — Ngưỡng: Có người không có thẻ.",
    ]
    assert rows_of(table)[1].cells[0] == ("Chiều", "1. Việc làm")


def test_empty_columns_and_stray_quotes_are_dropped() -> None:
    table = Table(
        rows=(("Vùng", "Mức", ""), ("Vùng I", "5.310.000", ""), ("Vùng II", "4.730.000", '"'))
    )
    assert lines_of(table) == ["Vùng I — Mức: 5.310.000", "Vùng II — Mức: 4.730.000"]


# --- groups ---------------------------------------------------------------------------------


def test_group_rows_nest_by_their_stt() -> None:
    table = Table(
        rows=(
            ("STT", "Nội dung", "Đơn vị tính", "Mức thu"),
            ("I", "Phí", "", ""),
            ("1", "Phí sát hạch", "", ""),
            ("a", "Hạng A1:", "", ""),
            ("", "- Lý thuyết", "Lần", "60.000"),
            ("b", "Hạng B:", "", ""),
            ("", "- Lý thuyết", "Lần", "100.000"),
            ("2", "Phí cấp bằng", "Lần", "115.000"),
            ("II", "Lệ phí", "", ""),
            ("1", "Đăng ký xe", "Lần", "140.000"),
        ),
    )
    assert lines_of(table) == [
        "Phí — Phí sát hạch — Hạng A1 — Lý thuyết — Đơn vị tính: Lần; Mức thu: 60.000",
        "Phí — Phí sát hạch — Hạng B — Lý thuyết — Đơn vị tính: Lần; Mức thu: 100.000",
        "Phí — Phí cấp bằng — Đơn vị tính: Lần; Mức thu: 115.000",
        "Lệ phí — Đăng ký xe — Đơn vị tính: Lần; Mức thu: 140.000",
    ]


def test_list_without_values_groups_by_stt_depth() -> None:
    table = Table(
        rows=(
            ("STT", "Địa bàn"),
            ("I", "Đô thị"),
            ("1", "Phường An Cựu"),
            ("2", "Phường Vỹ Dạ"),
            ("II", "Nông thôn"),
            ("1", "Xã Phú Vang"),
        ),
    )
    assert lines_of(table) == [
        "Đô thị — Phường An Cựu",
        "Đô thị — Phường Vỹ Dạ",
        "Nông thôn — Xã Phú Vang",
    ]


def test_rows_under_a_numbered_row_read_as_its_parts() -> None:
    table = Table(
        rows=(
            ("STT", "Nội dung", "Mức chi"),
            ("7", "Chi khoán cước điện thoại", "Theo thực tế"),
            ("", "Trưởng ban", "500.000"),
            ("8", "Chi khắc dấu", "400.000"),
        ),
    )
    assert lines_of(table) == [
        "Chi khoán cước điện thoại — Mức chi: Theo thực tế",
        "Chi khoán cước điện thoại — Trưởng ban — Mức chi: 500.000",
        "Chi khắc dấu — Mức chi: 400.000",
    ]


def test_a_cell_of_several_rows_is_split() -> None:
    table = Table(
        rows=(
            ("STT", "Tên phí", "Đơn vị tính", "Mức thu"),
            ("", "- Lý thuyết\n- Thực hành", "Lần\nLần", "60.000\n70.000"),
            ("", "- Trưởng ban, Phó ban\n- Ủy viên", "Người", "300.000"),  # one row, two lines
        ),
    )
    assert lines_of(table) == [
        "Lý thuyết — Đơn vị tính: Lần; Mức thu: 60.000",
        "Thực hành — Đơn vị tính: Lần; Mức thu: 70.000",
        "Trưởng ban, Phó ban; Ủy viên — Đơn vị tính: Người; Mức thu: 300.000",
    ]


@pytest.mark.parametrize(
    ("text", "first", "kind"),
    [
        ("II", False, "key"),
        ("1.2", False, "key"),
        ("12", True, "key"),
        ("12", False, "number"),
        ("5.310.000", False, "number"),
        ("100.000 đồng/người/buổi", False, "number"),
        ("90%", False, "number"),
        ("X", False, "number"),
        ("2. Hội đồng thi", False, "label"),
        ("- Trưởng ban", False, "label"),
        ("người/ngày", False, "short"),
        ("Chi bồi dưỡng đại biểu", False, "text"),
        ("", False, ""),
    ],
)
def test_cell_kind(text: str, first: bool, kind: str) -> None:
    assert cell_kind(text, first=first) == kind


# --- units and captions, through the structure parser -----------------------------------------

FEES = Table(
    rows=(("Địa bàn", "Mầm non", "Tiểu học"), ("Đô thị", "190", "190"), ("Miền núi", "105", "80"))
)


def test_unit_line_above_and_heading_caption() -> None:
    structure = parse(
        [
            "Điều 2. Mức học phí",
            "1. Mức thu",
            "Đơn vị tính: 1.000 đồng/học sinh/tháng",
            FEES,
            "2. Khác.",
        ]
    )
    passages = cut(structure.blocks, "nq")
    texts = {p.id: p.text for p in passages}
    assert texts["nq#dieu-2/1#table-1/row-1"] == (
        "Mức thu (Đơn vị tính: 1.000 đồng/học sinh/tháng) — Đô thị — Mầm non: 190; Tiểu học: 190"
    )
    assert texts["nq#dieu-2/1#table-1"].split("\n") == [
        "Mức thu (Đơn vị tính: 1.000 đồng/học sinh/tháng)",
        "Đô thị — Mầm non: 190; Tiểu học: 190",
        "Miền núi — Mầm non: 105; Tiểu học: 80",
    ]
    assert not any(t.startswith("Đơn vị tính") for t in texts.values())
    kinds = {p.id: p.kind for p in passages}
    assert kinds["nq#dieu-2/1#table-1"] == "table" and kinds["nq#dieu-2/1#table-1/row-2"] == "row"


def test_caption_from_the_line_above_and_unit_as_a_row() -> None:
    table = Table(rows=(("Đơn vị: triệu đồng", "", ""), *FEES.rows), header_rows=0)
    structure = parse(["Điều 3. Kinh phí", "Bảng phân bổ theo địa bàn", table])
    rows = [p.text for p in cut(structure.blocks, "nq") if p.kind == "row"]
    assert (
        rows[0]
        == "Bảng phân bổ theo địa bàn (Đơn vị: triệu đồng) — Đô thị — Mầm non: 190; Tiểu học: 190"
    )


def test_a_big_table_gives_rows_only() -> None:
    body = tuple((str(n), f"Xã thứ {n} của huyện", f"{n}.000") for n in range(1, 701))
    table = Table(rows=(("STT", "Tên xã", "Mức hỗ trợ (đồng)"), *body))
    passages = cut(parse(["Điều 1. Hỗ trợ", table]).blocks, "nq")
    assert [p.kind for p in passages].count("row") == 700
    assert "table" not in [p.kind for p in passages]  # 2,100 cells, too long to keep whole
    assert len({p.id for p in passages}) == len(passages)


# --- appendices -------------------------------------------------------------------------------


def test_appendix_after_the_signature_is_a_section() -> None:
    structure = parse(
        [
            "Điều 5. Hiệu lực",
            "Nghị quyết có hiệu lực từ ngày ký.",
            "CHỦ TỊCH",
            "Nguyễn Văn A",
            "Phụ lục số 01",
            "MỨC CHI HỖ TRỢ",
            "(Kèm theo Nghị quyết số 12/2025/NQ-HĐND)",
            "I. Chi cho cá nhân",
            "1. Mức chi là 100.000 đồng.",
            FEES,
        ]
    )
    by_text = {b.lines[0] if b.lines else "table": b for b in structure.blocks}
    assert by_text["(Kèm theo Nghị quyết số 12/2025/NQ-HĐND)"].section == (
        "Phụ lục số 01. MỨC CHI HỖ TRỢ",
    )
    assert by_text["1. Mức chi là 100.000 đồng."].section == (
        "Phụ lục số 01. MỨC CHI HỖ TRỢ",
        "I. Chi cho cá nhân",
        "1.",  # outside any Điều a numbered line is no khoản
    )
    assert by_text["1. Mức chi là 100.000 đồng."].article is None
    heading = next(h for h in structure.toc if h.level == "phuluc")
    assert (heading.label, heading.title) == ("Phụ lục số 01", "Phụ lục số 01. MỨC CHI HỖ TRỢ")
    assert structure.signature == ("CHỦ TỊCH", "Nguyễn Văn A")


def test_attachment_named_by_its_kind_after_the_signature() -> None:
    structure = parse(
        [
            "Điều 1. Mức thu",
            "Theo biểu kèm theo.",
            "KT. BỘ TRƯỞNG",
            "Trần B",
            "BIỂU MỨC THU PHÍ",
            FEES,
        ]
    )
    (table,) = [b for b in structure.blocks if b.kind == "table"]
    assert table.section == ("BIỂU MỨC THU PHÍ",) and table.caption == "BIỂU MỨC THU PHÍ"


def test_appendix_words_in_a_sentence_are_text() -> None:
    structure = parse(["Điều 1. Phạm vi", "Phụ lục I kèm theo Nghị định này quy định danh mục."])
    assert not any(h.level == "phuluc" for h in structure.toc)


# --- layout tables ----------------------------------------------------------------------------

HEADER = Table(
    rows=(
        (
            "HỘI ĐỒNG NHÂN DÂN\nTỈNH VĨNH LONG",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
        ),
        ("Số: 20/2025/NQ-HĐND", "Vĩnh Long, ngày 18 tháng 11 năm 2025"),
    )
)
SIGNATURE = Table(
    rows=(
        (
            "Nơi nhận: - Như Điều 3; - Lưu: VT.",
            "TM. HỘI ĐỒNG NHÂN DÂN CHỦ TỊCH (Đã ký) Nguyễn Văn A",
        ),
    )
)


def test_header_table_becomes_lines() -> None:
    assert is_layout(HEADER) and not is_layout(FEES)
    assert layout_lines(HEADER) == [
        "HỘI ĐỒNG NHÂN DÂN",
        "TỈNH VĨNH LONG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 20/2025/NQ-HĐND",
        "Vĩnh Long, ngày 18 tháng 11 năm 2025",
    ]


def test_signature_table_becomes_lines_the_parser_understands() -> None:
    lines = layout_lines(SIGNATURE)
    assert lines == [
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Lưu: VT.",
        "TM. HỘI ĐỒNG NHÂN DÂN CHỦ TỊCH",
        "(Đã ký)",
        "Nguyễn Văn A",
    ]
    structure = parse(["Điều 1. Phạm vi", "Nội dung.", *unlayout([SIGNATURE])])
    assert structure.signature[-1] == "Nguyễn Văn A"
    assert [b.kind for b in structure.blocks][-2:] == ["recipients", "signature"]


def test_formula_table_becomes_one_line() -> None:
    formula = Table(
        rows=(
            ("Tiền lương 01 tiết dạy", "=", "Tổng tiền lương 12 tháng", "x", "Số tuần giảng dạy"),
            ("", "", "Định mức tiết dạy/năm học", "", "52 tuần"),
        )
    )
    assert unlayout([formula]) == [
        "",
        "Tiền lương 01 tiết dạy = Tổng tiền lương 12 tháng / Định mức tiết dạy/năm học x "
        "Số tuần giảng dạy / 52 tuần",
        "",
    ]


# --- the shapes in Markdown -------------------------------------------------------------------


def test_pipe_table_with_br_cells() -> None:
    (table,) = [
        i
        for i in read_markdown(
            [
                "| Số TT | Tên phí | Đơn vị tính | Mức thu (đồng) |",
                "|---|---|---|---|",
                "| 1 | Phí sát hạch |  |  |",
                "|  | - Lý thuyết<br>- Thực hành | Lần<br>Lần | 60.000<br>70.000 |",
            ]
        )
        if isinstance(i, Table)
    ]
    assert table.rows[2] == ("", "- Lý thuyết\n- Thực hành", "Lần\nLần", "60.000\n70.000")
    assert (
        lines_of(table)[1] == "Phí sát hạch — Thực hành — Đơn vị tính: Lần; Mức thu (đồng): 70.000"
    )


LONE_PIPES = """Đơn vị tính: nghìn đồng
|
**STT**
|
**Nội dung**
|
**Mức chi**
|
**Ghi chú**
|
|
**Cấp tỉnh**
|
**Cấp xã**
|
** **
|
|
1
|
Chi hội nghị
|
|
|
|
|
|
Chủ trì cuộc
họp
|
500
|
400
|
|
|
|
Thành viên
|
200
|
160
|
|
|
2
|
Chi khắc dấu
|
400
|
400
|
|

Sau bảng."""


def test_lone_pipe_dump_with_spans_left_out() -> None:
    items = read_markdown(LONE_PIPES.split("\n"))
    (table,) = [i for i in items if isinstance(i, Table)]
    assert table.header_rows == 2
    assert table.rows == (
        ("STT", "Nội dung", "Mức chi", "", "Ghi chú"),
        ("", "", "Cấp tỉnh", "Cấp xã", ""),
        ("1", "Chi hội nghị", "", "", ""),
        ("", "Chủ trì cuộc họp", "500", "400", ""),
        ("", "Thành viên", "200", "160", ""),
        ("2", "Chi khắc dấu", "400", "400", ""),
    )
    assert items[0] == "Đơn vị tính: nghìn đồng" and items[-1] == "Sau bảng."
    assert (
        lines_of(table)[1]
        == "Chi hội nghị — Thành viên — Mức chi (Cấp tỉnh): 200; Mức chi (Cấp xã): 160"
    )


def test_pipe_rows_reads_a_short_row_under_its_own_columns() -> None:
    # a row whose first two cells are covered by row spans prints only the last three
    tokens = ["STT", "Kỳ thi", "Nội dung", "Mức chi", "Đơn vị", None,
              "I", "Tốt nghiệp", "Ban chỉ đạo", "692", "người/ngày", None,
              "- Phó ban", "623", "người/ngày", None,
              "- Ủy viên", "554", "người/ngày"]  # fmt: skip
    rows, header = pipe_rows(tokens)
    assert header == 1
    assert rows[2] == ["", "", "- Phó ban", "623", "người/ngày"]


PANDOC = """  ----------------------- ------------------------------
    **ỦY BAN THƯỜNG VỤ\\        **CỘNG HÒA XÃ HỘI CHỦ NGHĨA\\
         QUỐC HỘI\\                 Độc lập - Tự do - Hạnh phúc\\
     \\-\\-\\-\\-\\-\\-\\--**            \\-\\-\\-\\-\\-\\-\\--**

   Số: 12/NQ-UBTVQH15         *Hà Nội, ngày 16 tháng 6 năm 2025*
  ----------------------- ------------------------------

+-------------------+--------------------+
| ***Nơi nhận:\\*** | **TM. ỦY BAN\\      |
| - Chính phủ;\\    | CHỦ TỊCH\\          |
| - Lưu: HC.       | Trần Thanh Mẫn**   |
+-------------------+--------------------+"""


def test_pandoc_multiline_and_grid_tables() -> None:
    items = unlayout(read_markdown(PANDOC.split("\n")))
    lines = [i for i in items if i]
    assert lines == [
        "ỦY BAN THƯỜNG VỤ",
        "QUỐC HỘI",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/NQ-UBTVQH15",
        "Hà Nội, ngày 16 tháng 6 năm 2025",
        "Nơi nhận:",
        "- Chính phủ;",
        "- Lưu: HC.",
        "TM. ỦY BAN",
        "CHỦ TỊCH",
        "Trần Thanh Mẫn",
    ]


def test_pandoc_simple_table() -> None:
    items = read_markdown(
        [
            "Vùng     Mức tháng",
            "-------- ----------",
            "Vùng I   5.310.000",
            "Vùng II  4.730.000",
            "",
        ]
    )
    (table,) = [i for i in items if isinstance(i, Table)]
    assert lines_of(table) == ["Vùng I — Mức tháng: 5.310.000", "Vùng II — Mức tháng: 4.730.000"]


# --- Word tables ------------------------------------------------------------------------------


def test_word_table_with_merged_cells(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Điều 1. Mức chi")
    table = document.add_table(rows=4, cols=4)
    for r, row in enumerate(
        [
            ("STT", "Nội dung", "Mức chi", ""),
            ("", "", "Cấp tỉnh", "Cấp xã"),
            ("1", "Chi hội nghị", "100.000", "80.000"),
            ("", "Nước uống", "30.000", "20.000"),
        ]
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 2).merge(table.cell(0, 3))  # "Mức chi" over two columns
    table.cell(0, 0).merge(table.cell(1, 0))  # "STT" and "Nội dung" over two rows
    table.cell(0, 1).merge(table.cell(1, 1))
    table.cell(2, 0).merge(table.cell(3, 0))  # the STT "1" over two rows
    path = tmp_path / "nq.docx"
    document.save(str(path))
    rows = [p for p in load_document(path).passages if p.kind == "row"]
    assert [p.text for p in rows] == [
        "Mức chi — Chi hội nghị — Mức chi (Cấp tỉnh): 100.000; Mức chi (Cấp xã): 80.000",
        "Mức chi — Chi hội nghị — Nước uống — Mức chi (Cấp tỉnh): 30.000; Mức chi (Cấp xã): 20.000",
    ]
    assert rows[0].cells[0] == ("STT", "1")
