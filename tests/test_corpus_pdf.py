"""PDF reading: pages typeset here with reportlab (running headers, page numbers, paragraphs
across a page break, ruled tables), the real gazette PDFs, and damaged files."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from corpus import load_corpus
from corpus.layout import Table
from corpus.options import ReadOptions
from corpus.pages import Line, Page, header_key, is_page_number, join_text, remove_running
from corpus.pdf import read_pdf
from corpus.readers import ReadError, read_file

REALDOCS = Path(__file__).resolve().parent.parent / "eval" / "data" / "realdocs" / "docs"


def _font(name: str) -> Path | None:
    candidates = [Path("/usr/share/fonts/truetype/dejavu") / name]
    spec = importlib.util.find_spec("matplotlib")
    if spec and spec.origin:
        candidates.append(Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / name)
    return next((p for p in candidates if p.is_file()), None)


FONT, BOLD = _font("DejaVuSans.ttf"), _font("DejaVuSans-Bold.ttf")
needs_font = pytest.mark.skipif(not (FONT and BOLD), reason="needs DejaVuSans (Vietnamese glyphs)")


def _register() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT)))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(BOLD)))


def items(path: Path) -> list:
    return read_pdf(path, ReadOptions(ocr=False)).items


def lines(path: Path) -> list[str]:
    return [i for i in items(path) if isinstance(i, str) and i]


# --- running headers, page numbers, paragraphs ------------------------------------------------

PARAGRAPHS = [
    "Điều 1. Phạm vi điều chỉnh",
    "Nghị định này quy định chi tiết và hướng dẫn thi hành một số điều của Luật Bảo hiểm xã hội "
    "về bảo hiểm xã hội bắt buộc và chế độ đối với người lao động không đủ điều kiện hưởng lương "
    "hưu và chưa đủ tuổi hưởng trợ cấp hưu trí xã hội.",
    "Điều 2. Đối tượng áp dụng",
    "1. Người lao động quy định tại các điểm a, b, c, g, h, i, k, l, m và n khoản 1 và khoản 2 "
    "Điều 2 của Luật Bảo hiểm xã hội; trường hợp người lao động được cử đi học, thực tập, công "
    "tác trong và ngoài nước mà vẫn hưởng tiền lương ở trong nước thì thuộc đối tượng tham gia "
    "bảo hiểm xã hội bắt buộc.",
    "2. Người thụ hưởng chế độ bảo hiểm xã hội theo quy định của Luật Bảo hiểm xã hội.",
]


def _gazette(path: Path, paragraphs: list[str]) -> None:
    """Justified paragraphs with an indented first line, as the Công báo prints them, under a
    running header whose page number sits left on even pages and right on odd ones, and a page
    number at the foot."""
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    _register()
    style = ParagraphStyle(
        "body", fontName="DejaVuSans", fontSize=11, leading=15, firstLineIndent=24,
        alignment=TA_JUSTIFY, spaceAfter=4,
    )  # fmt: skip
    heading = ParagraphStyle("h", parent=style, fontName="DejaVuSans-Bold")

    def furniture(canvas, doc) -> None:
        number = doc.page + 2
        header = "CÔNG BÁO/Số 12/Ngày 1-1-2025"
        canvas.setFont("DejaVuSans", 10)
        if number % 2:
            canvas.drawString(50, A5[1] - 30, f"{header} {number}")
        else:
            canvas.drawString(50, A5[1] - 30, f"{number} {header}")
        canvas.drawCentredString(A5[0] / 2, 20, f"- {number} -")

    flow = [Paragraph(p, heading if p.startswith("Điều") else style) for p in paragraphs]
    doc = SimpleDocTemplate(str(path), pagesize=A5, topMargin=50, bottomMargin=45)
    doc.build(flow, onFirstPage=furniture, onLaterPages=furniture)


@needs_font
def test_running_headers_and_page_numbers_go_and_paragraphs_stay_whole(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    path = tmp_path / "cong-bao.pdf"
    _gazette(path, PARAGRAPHS * 5)
    pdf = pdfium.PdfDocument(str(path))
    pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    assert 3 <= len(pages) <= 5 and all("CÔNG BÁO/Số 12" in p for p in pages)
    bodies = [
        [t for t in p.splitlines() if "CÔNG BÁO" not in t and not re.fullmatch(r"- \d+ -", t)]
        for p in pages
    ]
    # some paragraph does go on over a page break: the next page starts in lower case
    assert any(body[0][0].islower() for body in bodies[1:]), [b[0] for b in bodies]
    assert lines(path) == PARAGRAPHS * 5


def test_header_shape_and_page_numbers() -> None:
    assert header_key("4 CÔNG BÁO/Số 977 + 978/Ngày 25-7-2025") == header_key(
        "CÔNG BÁO/Số 143 + 144/Ngày 21-01-2025 5"
    )
    assert header_key("Điều 4. Mức đóng") != header_key("Điều 5. Mức hưởng")
    for number in ("3", "- 3 -", "Trang 3/10", "3/10", "– 12 –"):
        assert is_page_number(number), number
    for text in ("3. Người lao động", "Điều 3", "2025-2027 là giai đoạn"):
        assert not is_page_number(text), text


def _page(*texts: str) -> Page:
    return Page(tuple(Line(t, y=float(i)) for i, t in enumerate(texts)), 595.0)


def test_only_lines_on_most_pages_are_running_headers() -> None:
    pages = [
        _page("Báo cáo tổng hợp số 7", "Mở đầu của báo cáo.", "1"),
        _page("Báo cáo tổng hợp số 7", "Nội dung chính.", "2"),
        _page("Một dòng lặp lại", "Báo cáo tổng hợp số 7", "Phần tiếp.", "Một dòng lặp lại"),
        _page("Một dòng lặp lại", "Kết luận.", "Báo cáo tổng hợp số 8", "4"),
    ]
    kept = [[b.text for b in p.blocks] for p in remove_running(pages)]
    # on three pages of four: a running header, and "... số 8" has its shape; a line on only
    # two pages stays, and so do numbers that are not at a page's edge
    assert kept == [
        ["Mở đầu của báo cáo."],
        ["Nội dung chính."],
        ["Một dòng lặp lại", "Phần tiếp.", "Một dòng lặp lại"],
        ["Một dòng lặp lại", "Kết luận."],
    ]


@pytest.mark.parametrize(
    ("a", "b", "joined"),
    [
        ("theo Nghị định số 158/2025/NĐ-", "CP ngày 25 tháng 6", "theo Nghị định số 158/2025/NĐ-CP ngày 25 tháng 6"),
        ("giai đoạn 2025-", "2027", "giai đoạn 2025-2027"),
        ("the informa-", "tion system", "the information system"),
        ("kinh tế -", "xã hội", "kinh tế - xã hội"),
        ("bảo hiểm", "xã hội", "bảo hiểm xã hội"),
    ],
)  # fmt: skip
def test_join_text(a: str, b: str, joined: str) -> None:
    assert join_text(a, b) == joined


# --- tables -----------------------------------------------------------------------------------

FEES = [
    ["STT", "Nội dung chi", "Mức chi (đồng)"],
    ["1", "Chi bồi dưỡng thành viên Ban chỉ đạo, Ủy ban bầu cử cấp tỉnh trong thời gian tổ chức bầu cử", "150.000/người/buổi"],
    ["2", "Chi hỗ trợ tổ bầu cử", "100.000/người/buổi"],
    ["3", "Chi in ấn tài liệu", "Theo thực tế"],
]  # fmt: skip


def _ruled(
    path: Path,
    data: list[list[str]],
    widths: tuple = (40, 190, 110),
    repeat: int = 1,
    before: int = 0,
) -> None:
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as RLTable

    _register()
    body = ParagraphStyle("cell", fontName="DejaVuSans", fontSize=9, leading=11)
    head = ParagraphStyle("head", parent=body, fontName="DejaVuSans-Bold")
    cells = [[Paragraph(c, head if i == 0 else body) for c in row] for i, row in enumerate(data)]
    table = RLTable(cells, colWidths=list(widths), repeatRows=repeat)
    table.setStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")])
    flow = [Paragraph("Điều 1. Mức chi", head), Spacer(1, before), table]
    SimpleDocTemplate(str(path), pagesize=A5).build(flow)


@needs_font
def test_ruled_table_is_a_table(tmp_path: Path) -> None:
    path = tmp_path / "bang.pdf"
    _ruled(path, FEES)
    (table,) = [i for i in items(path) if isinstance(i, Table)]
    assert table.rows == tuple(tuple(row) for row in FEES)  # wrapped cell text joined
    assert table.header_rows == 1
    assert "Điều 1. Mức chi" in lines(path)


@needs_font
def test_table_over_two_pages_is_one_table(tmp_path: Path) -> None:
    path = tmp_path / "bang-dai.pdf"
    rows = [FEES[0]] + [
        [str(n), f"Khoản chi số {n} cho công tác bầu cử", f"{n}0.000"] for n in range(1, 31)
    ]
    _ruled(path, rows, before=200)  # the heading row is printed again on page 2
    found = [i for i in items(path) if isinstance(i, Table)]
    assert len(found) == 1
    assert found[0].rows == tuple(tuple(r) for r in rows)
    assert found[0].header_rows == 1


@needs_font
def test_header_table_is_read_as_lines(tmp_path: Path) -> None:
    header = [
        ["HỘI ĐỒNG NHÂN DÂN TỈNH BẮC KẠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["Số: 12/NQ-HĐND", "Bắc Kạn, ngày 15 tháng 7 năm 2023"],
    ]
    path = tmp_path / "dau.pdf"
    _ruled(path, header, widths=(160, 180))
    assert not [i for i in items(path) if isinstance(i, Table)]
    found = lines(path)
    # row by row, the left cell before the right one (a cell's wrapped lines stay lines)
    after = " ".join(found[found.index("Điều 1. Mức chi") + 1 :])
    assert after == " ".join(cell for row in header for cell in row)


# --- the real gazette PDFs --------------------------------------------------------------------

REAL = sorted(p for p in REALDOCS.glob("*.pdf") if "scan" not in p.name)


@pytest.fixture(scope="module")
def real() -> dict[str, list]:
    return {p.name: items(p) for p in REAL}


def test_gazette_words_are_whole(real: dict[str, list]) -> None:
    head = real["nd-158-2025-bhxh-bat-buoc-congbao.pdf"][:40]
    assert "CHÍNH PHỦ" in head and "Số: 158/2025/NĐ-CP" in head
    assert "NGHỊ ĐỊNH" in head
    assert any(line.startswith("Chính phủ ban hành Nghị định quy định chi tiết") for line in head)


def test_no_running_header_is_left(real: dict[str, list]) -> None:
    assert len(real) == 5
    for name, found in real.items():
        text = [i for i in found if isinstance(i, str)]
        text += [c for i in found if isinstance(i, Table) for row in i.rows for c in row]
        assert not [t for t in text if "CÔNG BÁO/Số" in t.upper()], name


def test_gazette_paragraph_over_a_page_break(real: dict[str, list]) -> None:
    found = real["nd-188-2025-bhyt-congbao.pdf"]
    assert (
        "Nghị định này quy định chi tiết và hướng dẫn thi hành một số điều của Luật Bảo hiểm y tế "
        "số 25/2008/QH12 ngày 14 tháng 11 năm 2008 đã được sửa đổi, bổ sung một số điều theo "
        "Luật số 32/2013/QH13, Luật số 46/2014/QH13, Luật số 97/2015/QH13, Luật số 35/2018/QH14, "
        "Luật số 68/2020/QH14, Luật số 30/2023/QH15 và Luật số 51/2024/QH15 (sau đây gọi là Luật "
        "Bảo hiểm y tế), bao gồm:"
    ) in found


def test_landscape_table_rows_keep_their_columns(real: dict[str, list]) -> None:
    (table,) = [
        i
        for i in real["cv-vp-doan-dbqh-hdnd-thanh-hoa-danh-muc-san-pham-2026.pdf"]
        if isinstance(i, Table)
    ]
    assert table.width == 8 and table.header_rows == 2
    heading = table.rows[0]
    assert heading[:3] == ("STT", "NHÓM NHIỆM VỤ", "SẢN PHẨM ĐẦU RA")
    khung = heading.index("KHUNG ĐIỂM")
    coded = [row for row in table.rows if re.fullmatch(r"[IVX]+\.[A-Z]\.\d+", row[0])]
    assert len(coded) > 40
    assert all(re.fullmatch(r"≤\s?\d+", row[khung]) for row in coded), [r[:6] for r in coded]
    first = next(row for row in coded if row[0] == "I.A.1")
    assert first[1] == "Chỉ đạo, điều hành thực hiện nhiệm vụ chuyên môn của Văn phòng"
    assert first[3:7] == ("N3", "≤300", "200–280", "40–56")


def test_appendix_tables(real: dict[str, list]) -> None:
    (forms,) = [i for i in real["nd-158-2025-bhxh-bat-buoc-congbao.pdf"] if isinstance(i, Table)]
    assert forms.rows[0] == ("STT", "Số thứ tự mẫu", "Tên mẫu") and forms.header_rows == 1
    assert forms.rows[3] == ("3", "Mẫu số 03", "Đơn đề nghị giải quyết chế độ tử tuất")
    scores = [
        i for i in real["nd-335-2025-danh-gia-xep-loai-cong-chuc.pdf"] if isinstance(i, Table)
    ]
    assert scores[0].rows[0] == (
        "TT",
        "Tiêu chí chấm điểm",
        "Điểm tối đa",
        "Điểm do cá nhân tự chấm",
    )
    assert ("2", "Ý thức kỷ luật, kỷ cương trong thực thi công vụ", "5", "") in scores[0].rows


# --- damaged files ----------------------------------------------------------------------------


def _encrypted(path: Path) -> None:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("mat-khau", canPrint=0))
    pdf.drawString(50, 800, "Dieu 1. Noi dung bi mat")
    pdf.save()


def _no_pages(path: Path) -> None:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(body)
    body += b"xref\n0 3\n0000000000 65535 f \n"
    body += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(body)


def _truncated(path: Path) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.drawString(50, 800, "Dieu 1. Pham vi")
    pdf.save()
    path.write_bytes(path.read_bytes()[:120])


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4), "not a readable PDF"),
        (_truncated, "not a readable PDF"),
        (_encrypted, "encrypted PDF (password protected)"),
        (_no_pages, "the PDF has no pages"),
    ],
)
def test_damaged_pdf_is_a_read_error(tmp_path: Path, make, reason: str) -> None:
    path = tmp_path / "hong.pdf"
    make(path)
    with pytest.raises(ReadError) as error:
        read_file(path)
    assert str(error.value).startswith(f"{path}: ") and reason in str(error.value)


def test_too_many_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.pdfgen import canvas

    import corpus.pdf

    path = tmp_path / "luu-tru.pdf"
    pdf = canvas.Canvas(str(path))
    for n in range(4):
        pdf.drawString(50, 800, f"Trang {n}")
        pdf.showPage()
    pdf.save()
    monkeypatch.setattr(corpus.pdf, "MAX_PAGES", 3)
    with pytest.raises(ReadError, match=r"has 4 pages \(at most 3\); split it"):
        read_file(path)


def test_corrupt_pdf_is_that_files_error_only(tmp_path: Path) -> None:
    (tmp_path / "tot.md").write_text("# Điều 1. Phạm vi\n\nNội dung rõ ràng.\n", encoding="utf-8")
    (tmp_path / "hong.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    corpus = load_corpus(tmp_path)
    assert [d.meta.doc_id for d in corpus.documents] == ["tot"]
    assert [Path(e.path).name for e in corpus.errors] == ["hong.pdf"]
    assert "not a readable PDF" in corpus.errors[0].reason
