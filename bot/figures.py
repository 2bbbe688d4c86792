"""Figures, dates, names and document numbers as Vietnamese documents write them."""

from __future__ import annotations

import re
from functools import lru_cache

_SCALE = r"(?:nghìn tỷ|ngàn tỷ|nghìn|ngàn|triệu|tỷ)"
_UNIT = (
    # "m 2": a PDF's superscript read apart from its metre
    r"(?:%|‰|đồng|VNĐ|VND|USD|lần|ha|héc[- ]?ta|m²|m2|m 2(?![\d.,]\d)|m³|km²|km|m|kg|tấn|lít|"
    r"người|lượt|hộ|xã|"
    r"phường|căn|trường|lớp|giờ|phút|ngày làm việc|ngày|tuần|tháng|năm|buổi|tiết|điểm|tuổi|"
    r"đơn vị|doanh nghiệp|cơ sở|dự án|nhóm|bước|đợt|kỳ|phòng|cơ quan|sản phẩm)"
)
# "/tháng", "/người /buổi", "/ha", "/100 m3" (per a counted quantity)
_PER = r"(?:\s?/\s?(?:\d{1,3}(?:\.\d{3})*\s?)?[^\W\d_][^\s/;,.:)]*)"
_AFTER_BASE = r"(?:theo|tại|được|do|và|hoặc|khi|nếu|quy)\b"
NUMBER = r"\d{1,3}(?:[.,]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_AMOUNT = rf"(?:{NUMBER})(?:\s*{_SCALE})?(?:\s*{_UNIT}(?:{_PER}){{0,2}})?"
FIGURE = re.compile(
    rf"(?:(?:từ|trên|dưới|khoảng|tối thiểu|tối đa|không quá|không dưới|ít nhất|đạt|bằng)\s+)?"
    rf"(?<![\w/.,]){_AMOUNT}(?:\s*(?:-|–|đến)\s*{_AMOUNT})?"
    # "02 lần mức chuẩn trợ giúp xã hội": the base named, up to a word that goes on to say
    # something else of it ("... theo quy định hiện hành")
    rf"(?:\s+(?:mức|lần mức)\s+[^\W\d_]+(?:\s+(?!{_AFTER_BASE})[^\W\d_]+){{0,5}})?"
    # a share may be glued to what it is a share of ("0,24%GDP" as OCR reads it)
    rf"(?:\s+trở lên|\s+trở xuống)?(?:(?<=[%‰])(?=[^\W\d_])|(?![\w/]))",
    re.IGNORECASE,
)
DATE = re.compile(
    r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\b\d{1,2}/\d{1,2}/\d{4}\b|"
    r"\b\d{1,2}-\d{1,2}-\d{4}\b|"
    # a day of every year: "trước ngày 15 tháng 12 hằng năm"
    r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+(?:hằng|hàng|mỗi)\s+năm)?(?!\s*(?:năm\s+)?\d)",
    re.IGNORECASE,
)
DOC_NUMBER = re.compile(
    r"(?<![\w/])\d{1,5}(?:/\d{4})?/[A-ZĐ][A-ZĐa-zđ0-9]*(?:-[A-ZĐ][A-ZĐa-zđ0-9]*)*|"
    r"(?<![\w/])\d{1,5}-[A-ZĐ]{2,}[A-ZĐ0-9]*/[A-ZĐ]{1,}[A-ZĐ0-9]*"
)
SESSION = re.compile(r"[Kk]hóa\s+[IVXLC]+|[Kk]ỳ họp\s+(?:thứ\s+)?[\wà-ỹ]+(?:\s+[\wà-ỹ]+)?")
_YEARLIKE = re.compile(r"^(?:19|20)\d{2}$")
# A number right after these words is a year, a grade, a rank or a reference, not a figure.
_NOT_A_FIGURE = re.compile(
    # "hằng tháng 150.000 đồng", "mỗi năm 2 lần": how often, not which month or year; "số 5"
    # numbers a thing, "hệ số 4,0" states a coefficient; "cấp 2" is a level, but "trợ cấp
    # 500.000 đồng" and "phụ cấp 0,60" state an amount
    r"(?<!hằng )(?<!hàng )(?<!mỗi )(?<!từng )"
    r"(?:năm|năm học|giai đoạn|đến năm|từ năm|lần thứ|khóa|lớp|điều|khoản|điểm|mục|chương|"
    r"phụ lục|(?<!hệ )số|vùng|loại|hạng|(?<!trợ )(?<!phụ )cấp|nhóm|tổ|quý|ngày|mùng|tháng|thứ|phần|bước|mẫu số|tiết|"
    r"đơn vị(?: tính)?\s*:)"  # "Đơn vị tính: 1.000 đồng" states the unit, not an amount
    r"(?:\s+\d+(?:\s*,\s*\d+)*\s*(?:,|và|hoặc))?\s*$",  # ... and the rest of a list: "lớp 4, 8, 11"
    re.IGNORECASE,
)


# the pay or price of one thing ("tiền lương 01 tiết dạy", "đơn giá 01 m2") names a quantity
# per unit; its "01" counts nothing
_PRICE_OF_ONE = re.compile(r"\b(?:tiền lương|tiền công|đơn giá|giá|lương)\s*$", re.IGNORECASE)


def _blank(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


@lru_cache(maxsize=65536)
def figures(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, figure) for each figure stated in `text`: amounts with their unit, shares,
    counts, "02 lần mức chuẩn ..."; never a year, a date, a document number or a reference."""
    plain = _blank(DOC_NUMBER, _blank(DATE, text))
    out = []
    for m in FIGURE.finditer(plain):
        figure = m.group(0).strip()
        digits = re.search(r"\d", figure)
        if not digits:
            continue
        number = re.match(NUMBER, figure[digits.start() :])
        if number and _YEARLIKE.match(number.group(0)) and figure[digits.start() :] == number[0]:
            continue
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        before = plain[max(0, start + digits.start() - 60) : start + digits.start()]
        if _NOT_A_FIGURE.search(before):
            continue
        if number and number.group(0).lstrip("0") == "1" and _PRICE_OF_ONE.search(before):
            continue  # "tiền lương 01 tiết dạy = ...": the pay of one period, named, not a count
        out.append((start, start + len(figure), figure))
    return tuple(out)


def has_unit(figure: str) -> bool:
    return bool(re.search(rf"\d\s*{_SCALE}|\d\s*(?:{_UNIT})", figure, re.IGNORECASE))


def is_money(figure: str) -> bool:
    """An amount of money, or one given as a multiple of another ("02 lần mức chuẩn ...")."""
    return bool(re.search(r"đồng|\bđ\b|VNĐ|VND|USD|lần mức", figure, re.IGNORECASE))


# what a table heading's unit must name to be a unit of measure ("(xã)" in "Khu vực nông thôn
# (xã)" says where, not in what)
_MEASURE = re.compile(
    # "/" as in "người/ngày", not between the capitals of a caption ("SẢN PHẨM/CÔNG VIỆC")
    r"đồng|đ\b|VNĐ|VND|USD|%|‰|triệu|tỷ|nghìn|ngàn|1\.000|\bha\b|m²|m2|m³|km|kg|tấn|lần|"
    r"/\s*(?-i:[a-zà-ỹđ])",
    re.IGNORECASE,
)


def unit_of(heading: str) -> str | None:
    """The unit a table heading or caption states: "Mức lương (Đơn vị: đồng/tháng)" ->
    "đồng/tháng", "Mức thu (đồng)" -> "đồng", "Tỷ lệ (%)" -> "%", "(Đơn vị tính: Nghìn
    đồng/người học/tháng)" -> "Nghìn đồng/người học/tháng"; None for "Khu vực nông thôn (xã)"."""
    m = re.search(r"đơn vị(?: tính)?\s*:\s*([^;()]{1,50})", heading, re.IGNORECASE)
    if m and _MEASURE.search(m.group(1)):
        return m.group(1).strip(" .")
    # the last parenthesis that states a measure: "Tỷ lệ vốn đối ứng (%) (Xã)" -> "%"
    for inner in reversed(re.findall(r"\(\s*([^()]{1,40})\)", heading)):
        if _MEASURE.search(inner):
            return inner.strip()
    return None


def person_name(text: str) -> str | None:
    """The first run of 2-5 capitalized (not all-caps) words: "Phạm Hoàng Sơn"."""
    run: list[str] = []
    for word in [*text.split(), ""]:
        bare = word.strip(".,;:()")
        if bare[:1].isupper() and not bare.isupper() and bare.isalpha():
            run.append(bare)
            continue
        if 2 <= len(run) <= 5:
            return " ".join(run)
        run = []
    return None
