"""Each format on a small file made here; bad files give a CorpusError naming the file and the
reason, and the rest of the corpus still loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import SUPPORTED_SUFFIXES, load_corpus, load_document
from corpus.types import CorpusError, Document

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

RESOLUTION = """NGHỊ QUYẾT
Về hỗ trợ hộ nghèo xây nhà ở
HỘI ĐỒNG NHÂN DÂN TỈNH BẮC KẠN
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
QUYẾT NGHỊ:
Điều 1. Mức hỗ trợ
1. Hỗ trợ 40 triệu đồng mỗi hộ để xây mới nhà ở.
2. Hỗ trợ 20 triệu đồng mỗi hộ để sửa chữa nhà ở.
Điều 2. Tổ chức thực hiện
Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.
Nghị quyết này đã được Hội đồng nhân dân tỉnh Bắc Kạn Khóa X, Kỳ họp thứ năm thông qua ngày 15 tháng 7 năm 2023.
CHỦ TỊCH
Nguyễn Văn A
"""


def texts(doc: Document) -> dict[str, str]:
    return {p.text: p.section_str for p in doc.passages}


def check_resolution(doc: Document) -> None:
    found = texts(doc)
    assert (
        found["1. Hỗ trợ 40 triệu đồng mỗi hộ để xây mới nhà ở."] == "Điều 1. Mức hỗ trợ › Khoản 1"
    )
    assert (
        found["Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này."]
        == "Điều 2. Tổ chức thực hiện"
    )
    assert doc.meta.title == "Nghị quyết về hỗ trợ hộ nghèo xây nhà ở"
    assert doc.meta.issuer == "Hội đồng nhân dân tỉnh Bắc Kạn"
    assert doc.meta.date == "2023-07-15"
    assert doc.meta.signer == "Nguyễn Văn A"
    assert doc.meta.session == "Khóa X, Kỳ họp thứ năm"
    assert [h.title for h in doc.toc] == ["Điều 1. Mức hỗ trợ", "Điều 2. Tổ chức thực hiện"]


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (".md", ".txt", ".docx", ".pdf")


def test_txt(tmp_path: Path) -> None:
    path = tmp_path / "nq-bac-kan.txt"
    path.write_text(RESOLUTION, encoding="utf-8")
    doc = load_document(path)
    check_resolution(doc)
    assert doc.meta.doc_id == "nq-bac-kan"
    assert doc.meta.path == str(path)


def test_txt_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbf" + RESOLUTION.replace("\n", "\r\n").encode("utf-8"))
    check_resolution(load_document(path))


def test_md_with_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "nq.md"
    path.write_text(
        "---\ntitle: Nghị quyết số 12 về nhà ở\nnumber: 12/NQ-HĐND\ndate: 2023-07-20\n"
        "source_url: https://example.vn/nq-12\nissuer: Hội đồng nhân dân tỉnh Bắc Kạn\n---\n\n"
        + RESOLUTION.replace("Điều 1.", "**Điều 1.**").replace("HỘI ĐỒNG", "## HỘI ĐỒNG"),
        encoding="utf-8",
    )
    doc = load_document(path)
    assert doc.meta.title == "Nghị quyết số 12 về nhà ở"  # front matter wins over the text
    assert doc.meta.number == "12/NQ-HĐND"
    assert doc.meta.date == "2023-07-20"
    assert doc.meta.source_url == "https://example.vn/nq-12"
    assert doc.meta.signer == "Nguyễn Văn A"  # what the front matter leaves out comes from the text
    assert not any("---" in p.text or "title:" in p.text for p in doc.passages)


@pytest.mark.parametrize("sidecar", ["nq.yaml", "nq.meta.yaml"])
def test_sidecar_metadata(tmp_path: Path, sidecar: str) -> None:
    path = tmp_path / "nq.txt"
    path.write_text(RESOLUTION, encoding="utf-8")
    before = load_document(path).meta.fingerprint
    (tmp_path / sidecar).write_text(
        "number: 35/NQ-HĐND\ndate: 15/07/2023\nsigner: Nguyễn Văn B\nkind: Nghị quyết\n",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert doc.meta.number == "35/NQ-HĐND"
    assert doc.meta.date == "2023-07-15"
    assert doc.meta.signer == "Nguyễn Văn B"
    assert doc.meta.fingerprint != before  # editing metadata is a change the index must see
    corpus = load_corpus(tmp_path)  # the sidecar is not a document of its own
    assert [d.meta.doc_id for d in corpus.documents] == ["nq"]
    assert corpus.errors == ()


def test_docx(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in RESOLUTION.strip().split("\n"):
        document.add_paragraph(line)
    paragraph = document.add_paragraph("Diện tích tối thiểu: 30 m")
    paragraph.add_run("2").font.superscript = True
    paragraph.add_run(".")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Nơi nhận:\n- Như Điều 2;"
    table.cell(0, 1).text = "TM. HỘI ĐỒNG NHÂN DÂN"
    path = tmp_path / "nq.docx"
    document.save(str(path))
    doc = load_document(path)
    check_resolution(doc)
    assert "Diện tích tối thiểu: 30 m²." in texts(doc)
    kinds = {p.kind for p in doc.passages}
    assert {"recipients", "signature", "preamble"} <= kinds


def _pdf(path: Path, pages: list[list[str]]) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = "Helvetica"
    if DEJAVU.exists():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
        font = "DejaVuSans"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number, lines in enumerate(pages, start=1):
        pdf.setFont(font, 10)
        for i, line in enumerate(lines):
            pdf.drawString(50, 800 - 14 * i, line)
        pdf.drawString(290, 30, str(number))  # page number, dropped by the reader
        pdf.showPage()
    pdf.save()


@pytest.mark.skipif(not DEJAVU.exists(), reason="needs a font with Vietnamese glyphs")
def test_pdf(tmp_path: Path) -> None:
    lines = RESOLUTION.strip().split("\n")
    path = tmp_path / "nq.pdf"
    # a page break in the middle of a sentence, and a paragraph wrapped over two lines
    _pdf(
        path,
        [
            [*lines[:9], "Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này, bảo đảm đúng đối tượng và"],
            ["công khai, minh bạch trong toàn tỉnh.", *lines[10:]],
        ],
    )  # fmt: skip
    doc = load_document(path)
    found = texts(doc)
    assert (
        found["1. Hỗ trợ 40 triệu đồng mỗi hộ để xây mới nhà ở."] == "Điều 1. Mức hỗ trợ › Khoản 1"
    )
    assert (
        "Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này, bảo đảm đúng đối tượng và "
        "công khai, minh bạch trong toàn tỉnh." in found
    )
    assert doc.meta.date == "2023-07-15"
    assert doc.meta.signer == "Nguyễn Văn A"
    assert not any(p.text in ("1", "2") for p in doc.passages)


def test_pdf_ascii(tmp_path: Path) -> None:
    path = tmp_path / "ascii.pdf"
    _pdf(path, [["Ke hoach ho tro nha o", "Muc ho tro la 40 trieu dong moi ho."]])
    doc = load_document(path)
    assert doc.meta.title == "Ke hoach ho tro nha o"
    assert [p.text for p in doc.passages if p.kind == "content"] == [
        "Muc ho tro la 40 trieu dong moi ho."
    ]


# --- bad files --------------------------------------------------------------------------------


def _corrupt_docx(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")


def _garbage_pdf(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)


def _encrypted_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    plain = path.with_name("plain.pdf.tmp")
    _pdf(plain, [["Dieu 1. Pham vi", "Noi dung bi mat."]])
    writer = PdfWriter(clone_from=str(plain))
    writer.encrypt(user_password="secret", owner_password="owner")
    writer.write(str(path))
    plain.unlink()


def _image_only_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.rect(50, 50, 200, 300, fill=1)
    pdf.showPage()
    pdf.save()


def _xlsx(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04 spreadsheet")


def _latin1_txt(path: Path) -> None:
    path.write_bytes("Điều 1. Phạm vi".encode("utf-16-le"))


def _truncated_utf16_txt(path: Path) -> None:
    path.write_bytes(b"\xff\xfe" + "Điều 1. Phạm vi".encode("utf-16-le")[:-1])


def _docx_without_document(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", "<styles/>")


def _empty_md(path: Path) -> None:
    path.write_text("\n  \n\n", encoding="utf-8")


def _bad_front_matter(path: Path) -> None:
    path.write_text("---\ntitle: [unclosed\n---\nĐiều 1. Phạm vi\nNội dung.\n", encoding="utf-8")


def _bad_date(path: Path) -> None:
    path.write_text("---\ndate: sometime\n---\nĐiều 1. Phạm vi\nNội dung.\n", encoding="utf-8")


BAD_FILES = [
    ("hong.docx", _corrupt_docx, "not a .docx file"),
    ("rac.pdf", _garbage_pdf, "not a readable PDF"),
    ("khoa.pdf", _encrypted_pdf, "encrypted"),
    ("anh.pdf", _image_only_pdf, "no text layer"),
    ("bang.xlsx", _xlsx, "unsupported file type '.xlsx'"),
    ("utf16.txt", _latin1_txt, "not UTF-8"),
    ("cut-utf16.txt", _truncated_utf16_txt, "truncated UTF-16"),
    ("rong.docx", _docx_without_document, "no word/document.xml"),
    ("rong.md", _empty_md, "no text"),
    ("yaml-hong.md", _bad_front_matter, "front matter is not valid YAML"),
    ("ngay-sai.md", _bad_date, "date 'sometime' is not a date"),
]


@pytest.mark.parametrize(("name", "make", "reason"), BAD_FILES)
def test_bad_file_gives_a_clear_error(tmp_path: Path, name: str, make, reason: str) -> None:
    path = tmp_path / name
    make(path)
    with pytest.raises(CorpusError) as error:
        load_document(path)
    message = str(error.value)
    assert message.startswith(f"{path}: ")
    assert reason in message


def _small_docx(path: Path, paragraphs: int) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Điều 1. Phạm vi")
    for n in range(paragraphs):
        document.add_paragraph(f"Nội dung đoạn thứ {n} của văn bản.")
    document.save(str(path))


@pytest.mark.parametrize(
    ("limit", "value", "reason"),
    [
        ("MAX_INFLATED", 10_000, "the archive inflates to"),  # a zip bomb, scaled down
        ("MAX_PARAGRAPHS", 50, "more than 50 paragraphs"),
        ("MAX_CHARS", 1_000, "or 1,000 characters"),
    ],
)
def test_docx_beyond_what_a_document_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str, value: int, reason: str
) -> None:
    import corpus.docx_reader

    path = tmp_path / "lon.docx"
    _small_docx(path, 200)
    load_document(path)  # within the real limits it reads
    monkeypatch.setattr(corpus.docx_reader, limit, value)
    with pytest.raises(CorpusError) as error:
        load_document(path)
    assert str(error.value).startswith(f"{path}: ") and reason in str(error.value)


def test_corpus_loads_the_good_files_and_reports_the_bad(tmp_path: Path) -> None:
    (tmp_path / "tot.txt").write_text(RESOLUTION, encoding="utf-8")
    (tmp_path / "tot-2.md").write_text("# Điều 1. Phạm vi\n\nNội dung rõ ràng.\n", encoding="utf-8")
    for name, make, _ in BAD_FILES:
        make(tmp_path / name)
    (tmp_path / ".an.md").write_text("hidden", encoding="utf-8")
    (tmp_path / "~$tot.docx").write_bytes(b"lock")
    corpus = load_corpus(tmp_path)
    assert sorted(d.meta.doc_id for d in corpus.documents) == ["tot", "tot-2"]
    assert sorted(Path(e.path).name for e in corpus.errors) == sorted(n for n, _, _ in BAD_FILES)
    for error in corpus.errors:
        assert str(error).startswith(f"{error.path}: ") and error.reason


def test_duplicate_document_id(tmp_path: Path) -> None:
    (tmp_path / "nq.md").write_text("Điều 1. Phạm vi\nNội dung.\n", encoding="utf-8")
    (tmp_path / "nq.txt").write_text("Điều 1. Phạm vi\nNội dung khác.\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.documents == ()  # both refused: one id cannot have two texts
    assert [Path(e.path).name for e in corpus.errors] == ["nq.md", "nq.txt"]
    assert all("nq.md, nq.txt" in e.reason and "rename one" in e.reason for e in corpus.errors)


def test_empty_and_missing_folders(tmp_path: Path) -> None:
    assert load_corpus(tmp_path).documents == ()
    with pytest.raises(CorpusError, match="not a folder"):
        load_corpus(tmp_path / "missing")


@pytest.mark.skipif(not DEJAVU.exists(), reason="needs a font with Vietnamese glyphs")
def test_seed_as_a_wrapped_pdf_keeps_its_structure(seed_doc: Path, tmp_path: Path) -> None:
    """The seed typeset as a PDF (lines wrapped at the page width, page breaks anywhere): each
    visual line comes back as part of its paragraph and every target lands where it did."""
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate
    from test_corpus_seed import TARGET_TABLE

    from corpus.readers import read_file

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
    style = ParagraphStyle("body", fontName="DejaVuSans", fontSize=11, leading=14)
    lines = [line for line in read_file(seed_doc).lines if line]
    path = tmp_path / "seed.pdf"
    SimpleDocTemplate(str(path)).build([Paragraph(escape(line), style) for line in lines])
    doc = load_document(path)
    for phrase, section in TARGET_TABLE:
        (passage,) = [p for p in doc.passages if phrase in p.text]
        assert passage.section_str == section, phrase
    markdown = load_document(seed_doc)
    assert doc.meta.title == markdown.meta.title
    assert [h.title for h in doc.toc] == [h.title for h in markdown.toc]


# --- hard wraps and converter marks -----------------------------------------------------------

WRAPPED = """**Điều
2. Quy định mức học phí của cơ sở giáo dục công lập như
sau:**

1.
Phạm vi điều chỉnh

Nghị
quyết này quy định về học phí.
**Điều 3. Hỗ trợ học phí**
Trẻ em mầm non được hỗ trợ bằng mức học phí quy định tại khoản 1 Điều 2 Nghị
quyết này.
Thời gian hỗ trợ theo thời gian học thực tế.
*Căn cứ Luật Giáo dục số
43/2019/QH14; *
*Căn cứ Nghị định số 238/2025/NĐ-CP;*
- UBTV Quốc hội, Chính phủ;
- Tỉnh ủy, HĐND,
UBND tỉnh;
-
Lưu: VT.
Dòng thứ nhất  
dòng thứ hai<br>dòng thứ ba
**HỘI ĐỒNG NHÂN DÂN**
THÀNH PHỐ HUẾ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
"""


def test_markdown_hard_wraps_joined_and_units_kept_apart() -> None:
    from corpus.markdown import read_markdown

    assert [line for line in read_markdown(WRAPPED.split("\n")) if line] == [
        "Điều 2. Quy định mức học phí của cơ sở giáo dục công lập như sau:",
        "1. Phạm vi điều chỉnh",
        "Nghị quyết này quy định về học phí.",
        "Điều 3. Hỗ trợ học phí",
        "Trẻ em mầm non được hỗ trợ bằng mức học phí quy định tại khoản 1 Điều 2 Nghị quyết này.",
        "Thời gian hỗ trợ theo thời gian học thực tế.",
        "Căn cứ Luật Giáo dục số 43/2019/QH14;",
        "Căn cứ Nghị định số 238/2025/NĐ-CP;",
        "- UBTV Quốc hội, Chính phủ;",
        "- Tỉnh ủy, HĐND, UBND tỉnh;",
        "- Lưu: VT.",
        "Dòng thứ nhất",
        "dòng thứ hai",
        "dòng thứ ba",
        "HỘI ĐỒNG NHÂN DÂN",
        "THÀNH PHỐ HUẾ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]


OCR = """Điều 1. Dự toán

1. Thực hiện điều chỉnh mức lương cơ sở, trợ cấp ưu đãi


--- PAGE BREAK ---

4

người có công với cách mạng từ ngày 01 tháng 7 năm 2020.
"""


def test_ocr_page_markers_and_page_numbers_go(tmp_path: Path) -> None:
    for suffix in (".md", ".txt"):
        path = tmp_path / f"ocr{suffix}"
        path.write_text(OCR, encoding="utf-8")
        texts = [p.text for p in load_document(path).passages]
        assert (
            "1. Thực hiện điều chỉnh mức lương cơ sở, trợ cấp ưu đãi người có công với cách mạng"
            " từ ngày 01 tháng 7 năm 2020." in texts
        ), suffix
        assert not any("PAGE BREAK" in t or t == "4" for t in texts)


def test_text_wrap_before_a_number_is_joined(tmp_path: Path) -> None:
    path = tmp_path / "nq.txt"
    path.write_text(
        "Điều 1. Phạm vi\nCăn cứ Luật Tổ chức chính quyền địa phương số\n72/2025/QH15 và\n"
        "các văn bản hướng dẫn.\n",
        encoding="utf-8",
    )
    texts = [p.text for p in load_document(path).passages]
    assert (
        "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 và các văn bản hướng dẫn."
        in texts
    )


def test_mixed_nfc_nfd_and_nbsp(tmp_path: Path) -> None:
    import unicodedata

    path = tmp_path / "nq.md"
    text = (
        "Điều 1. Phạm vi\n\n"
        + unicodedata.normalize("NFD", "Nghị quyết này")
        + "\u00a0áp dụng từ ngày ký."
    )
    path.write_text(text, encoding="utf-8")
    assert "Nghị quyết này áp dụng từ ngày ký." in [p.text for p in load_document(path).passages]
