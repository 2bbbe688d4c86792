"""Text normalization: tone marks, NFC, Markdown and HTML markup."""

from __future__ import annotations

import unicodedata

import pytest

from corpus.normalize import normalize_line, normalize_markdown, render_html, unify_tone_marks


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"),
        ("Hoà Bình", "Hòa Bình"),
        ("HOÀ", "HÒA"),
        ("hoá", "hóa"),
        ("thoả thuận", "thỏa thuận"),
        ("toạ độ", "tọa độ"),
        ("xoã", "xõa"),
        ("khoẻ", "khỏe"),
        ("thuỷ sản", "thủy sản"),
        ("Uỷ ban", "Ủy ban"),
        ("UỶ BAN", "ỦY BAN"),
        ("tuỳ", "tùy"),
        ("huỷ bỏ", "hủy bỏ"),
        ("Thuỵ", "Thụy"),
        ("văn hoá, xã hội", "văn hóa, xã hội"),
        ("hàng hoá.", "hàng hóa."),
    ],
)
def test_old_tone_placement_becomes_new(old: str, new: str) -> None:
    assert unify_tone_marks(old) == new


@pytest.mark.parametrize(
    "word",
    [
        "hòa",
        "thủy",
        "hoàn thành",
        "quý",
        "Quỳnh",
        "quỹ",
        "khuỷu",
        "ngoằn ngoèo",
        "hoạt động",
        "của",
    ],
)
def test_new_style_and_other_syllables_are_unchanged(word: str) -> None:
    assert unify_tone_marks(word) == word


def test_nfc_composes_decomposed_text() -> None:
    decomposed = unicodedata.normalize("NFD", "Nghị quyết Thái Nguyên")
    assert decomposed != "Nghị quyết Thái Nguyên"
    assert normalize_line(decomposed) == "Nghị quyết Thái Nguyên"


def test_decomposed_old_style_is_unified() -> None:
    assert normalize_line(unicodedata.normalize("NFD", "hoà thuỷ")) == "hòa thủy"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\u00a0b\u200b c\u00adđ", "a b cđ"),  # NBSP, zero-width space, soft hyphen
        ("\u200eHà\u200f Nội\u202a", "Hà Nội"),  # direction marks and embeddings
        ("Hạnh phúc --------", "Hạnh phúc"),
        ("Tỷ lệ ___ phần trăm", "Tỷ lệ phần trăm"),
        ("  Điều   1.\tPhạm vi  ", "Điều 1. Phạm vi"),
        ("\u00d0iều kiện", "Điều kiện"),  # Icelandic eth used for Đ
        (
            "“Người Việt Nam ưu tiên dùng hàng Việt Nam”",
            "“Người Việt Nam ưu tiên dùng hàng Việt Nam”",
        ),
    ],
)
def test_normalize_line(raw: str, clean: str) -> None:
    assert normalize_line(raw) == clean


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("23.090 m<sup>2</sup>.", "23.090 m²."),
        ("khí CO<sub>2</sub>", "khí CO₂"),
        ("10<sup>-3</sup>", "10⁻³"),
        ("x<sup>ab</sup>", "x^(ab)"),
        ("a&nbsp;b &amp; c", "a\u00a0b & c"),
        ("dòng<br/>mới", "dòng mới"),
        ("<span class='x'>chữ</span>", "chữ"),
    ],
)
def test_render_html(markup: str, text: str) -> None:
    assert render_html(markup) == text


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("**Điều 1.** Thông qua kết quả", "Điều 1. Thông qua kết quả"),
        (
            "*Căn cứ Luật Tổ chức chính quyền địa phương;*",
            "Căn cứ Luật Tổ chức chính quyền địa phương;",
        ),
        ("## **II. Nhiệm vụ và các giải pháp**", "II. Nhiệm vụ và các giải pháp"),
        ("#### e) Thu hút đầu tư", "e) Thu hút đầu tư"),
        ("### Điều 3. Tổ chức thực hiện ###", "Điều 3. Tổ chức thực hiện"),
        ("**Về kết quả thực hiện năm 2022;  ", "Về kết quả thực hiện năm 2022;"),
        ("KHÓA XIV, KỲ HỌP THỨ MƯỜI**", "KHÓA XIV, KỲ HỌP THỨ MƯỜI"),
        ("__in đậm__ và _nghiêng_", "in đậm và nghiêng"),
        ("- Tốc độ tăng trưởng: 8,5%.", "- Tốc độ tăng trưởng: 8,5%."),
        ("* Tốc độ tăng trưởng", "- Tốc độ tăng trưởng"),
        ("  - + Công nghiệp, xây dựng: 59,4%;", "+ Công nghiệp, xây dựng: 59,4%;"),
        ("+ Tỷ lệ cơ quan đạt chuẩn văn hóa", "+ Tỷ lệ cơ quan đạt chuẩn văn hóa"),
        ("    - mục con", "+ mục con"),
        ("1\\. Mục tiêu", "1. Mục tiêu"),
        ("giá \\*đặc biệt\\*", "giá *đặc biệt*"),
        ("[Cổng thông tin](https://example.vn) tỉnh", "Cổng thông tin tỉnh"),
        ("`mã`", "mã"),
        ("> trích dẫn", "trích dẫn"),
        ("---", ""),
        ("| Chỉ tiêu | Kết quả |", "Chỉ tiêu | Kết quả"),
        ("|---|---|", ""),
        ("Diện tích sàn: 23.090 m<sup>2</sup>.", "Diện tích sàn: 23.090 m²."),
        ("đô thị hoá", "đô thị hóa"),
        # broken bold from converters, pandoc escapes, rules and marks around a header cell
        ("**Điều 1. ****Sắp xếp các xã**", "Điều 1. Sắp xếp các xã"),
        ("năm 2025 ****với mục tiêu", "năm 2025 với mục tiêu"),
        ("**Địn****h**** mức**", "Định mức"),
        ("**Chương I****QUY ĐỊNH CHUNG**", "Chương I QUY ĐỊNH CHUNG"),
        ("**NGHỊ ĐỊNH**Quy định về", "NGHỊ ĐỊNH Quy định về"),
        (
            "*Thành phố Huế**, ngày 18 tháng 11 năm 2025*",
            "Thành phố Huế, ngày 18 tháng 11 năm 2025",
        ),
        ("*Căn cứ Luật Giáo dục số 43/2019/QH14; *", "Căn cứ Luật Giáo dục số 43/2019/QH14;"),
        ("3. Hỗ trợ học phí**** **", "3. Hỗ trợ học phí"),
        ("\\-\\-\\-\\-\\-\\--**", ""),
        ("** **", ""),
        ("* *", ""),
        ("CHÍNH PHỦ -------", "CHÍNH PHỦ"),
        ("Độc lập - Tự do - Hạnh phúc  ---------------", "Độc lập - Tự do - Hạnh phúc"),
        ("BỘ TÀI CHÍNH ______", "BỘ TÀI CHÍNH"),
        ("\u200eHà Nội, ngày 10 tháng 01 năm 2026", "Hà Nội, ngày 10 tháng 01 năm 2026"),
        ("hợp đồng lao động*.", "hợp đồng lao động*."),  # a footnote mark stays
        # a struck-through space left by a converter inside a header cell
        ("**Mức chi cấp xã, phường**~~ ~~(1.000đ)", "Mức chi cấp xã, phường (1.000đ)"),
    ],
)
def test_markdown_line_to_text(line: str, text: str) -> None:
    assert normalize_markdown(line) == text


def test_markdown_keeps_ordinary_asterisks_and_underscores() -> None:
    assert normalize_markdown("tên_tệp và 2 * 3") == "tên_tệp và 2 * 3"
