"""Abbreviations citizens and documents use, and their long forms. Both passages and questions
get the long form appended, so "BHYT", "bhyt", "bảo hiểm y tế" and "bao hiem y te" all meet."""

from __future__ import annotations

import re

from index.fold import fold

# Keys are folded, upper-case. Long forms are written with diacritics (the dense model needs them).
ABBREVIATIONS: dict[str, str] = {
    "BHYT": "bảo hiểm y tế",
    "BHXH": "bảo hiểm xã hội",
    "BHTN": "bảo hiểm thất nghiệp",
    "GRDP": "tổng sản phẩm trên địa bàn tăng trưởng kinh tế",
    "GDP": "tổng sản phẩm trong nước",
    "NTM": "nông thôn mới",
    "HDND": "Hội đồng nhân dân",
    "UBND": "Ủy ban nhân dân",
    "KT-XH": "kinh tế - xã hội",
    "KTXH": "kinh tế - xã hội",
    "THCS": "trung học cơ sở",
    "THPT": "trung học phổ thông",
    "CNTT": "công nghệ thông tin",
    "DTTS": "dân tộc thiểu số",
    "MTTQ": "Mặt trận Tổ quốc",
    "TTHC": "thủ tục hành chính",
    "CCHC": "cải cách hành chính",
    "DBQH": "đại biểu Quốc hội",
    "NSNN": "ngân sách nhà nước",
    "FDI": "đầu tư trực tiếp nước ngoài",
    "KCN": "khu công nghiệp",
    "CCN": "cụm công nghiệp",
    "ANTT": "an ninh trật tự",
    "QP-AN": "quốc phòng an ninh",
    "QPAN": "quốc phòng an ninh",
    "TDTT": "thể dục thể thao",
    "GD-DT": "giáo dục và đào tạo",
    "GDDT": "giáo dục và đào tạo",
    "ATTP": "an toàn thực phẩm",
    "BVMT": "bảo vệ môi trường",
    "KHCN": "khoa học và công nghệ",
    "KH-CN": "khoa học và công nghệ",
    "TNMT": "tài nguyên và môi trường",
    "SXKD": "sản xuất kinh doanh",
    "HTX": "hợp tác xã",
    "CN-XD": "công nghiệp, xây dựng",
    "CN-TTCN": "công nghiệp - tiểu thủ công nghiệp",
    "TTCN": "tiểu thủ công nghiệp",
    "XKLD": "xuất khẩu lao động",
    "CSXH": "chính sách xã hội",
    "HSSV": "học sinh sinh viên",
    "TP": "thành phố",
    "SX": "sản xuất",
    "XD": "xây dựng",
    "CN": "công nghiệp",
    "NLD": "người lao động",
    "LD": "lao động",
    "HS": "học sinh",
    "DTNT": "dân tộc nội trú",
    "GD": "giáo dục",
    "YT": "y tế",
    "NN": "nông nghiệp",
    "TW": "Trung ương",
    "QH": "Quốc hội",
    "CP": "Chính phủ",
    "TU": "Tỉnh ủy",
    "NQ": "Nghị quyết",
    "QD": "Quyết định",
}

# Two-letter keys collide with ordinary syllables ("cp", "tu", "qd"), so they count only in capitals
# and never inside a document number such as 11-NQ/TW (those are kept whole by the tokenizer).
_TOKEN = re.compile(r"(?<![\w/-])[A-Za-zĐđ]+(?:[-&][A-Za-zĐđ]+)?(?![\w/-])")


def expansions(text: str) -> list[str]:
    """Long forms of the abbreviations found in `text`, in order of appearance, without repeats."""
    found: list[str] = []
    for match in _TOKEN.finditer(text):
        raw = match.group(0)
        key = fold(raw).upper().replace("&", "-")
        long_form = ABBREVIATIONS.get(key) or ABBREVIATIONS.get(key.replace("-", ""))
        if not long_form:
            continue
        if len(key.replace("-", "")) <= 2 and raw != raw.upper():
            continue
        if long_form not in found:
            found.append(long_form)
    return found


def expand(text: str) -> str:
    """`text` followed by the long forms of its abbreviations (for retrieval, never for display)."""
    extra = expansions(text)
    return f"{text} ({'; '.join(extra)})" if extra else text
