"""Everyday wording citizens use and the administrative wording documents use for the same
thing ("người đi làm" -> "người lao động", "vùng quê" -> "nông thôn"). Questions get the
official wording appended, like abbreviations, so both retrievers can meet the text."""

from __future__ import annotations

import re

from index.fold import fold

# everyday phrase (with diacritics) -> official wording
SYNONYMS: dict[str, str] = {
    "người đi làm": "người lao động",
    "người làm công": "người lao động",
    "công nhân": "người lao động",
    "học nghề": "đào tạo nghề lao động qua đào tạo",
    "vùng quê": "nông thôn",
    "ở quê": "nông thôn",
    "làng quê": "nông thôn",
    "nhà nghèo": "hộ nghèo",
    "gia đình nghèo": "hộ nghèo",
    "bớt đi": "giảm",
    "cắt giảm": "giảm",
    "bán ra nước ngoài": "xuất khẩu",
    "mua từ nước ngoài": "nhập khẩu",
    "không có việc làm": "thất nghiệp",
    "mất việc": "thất nghiệp",
    "nghĩa vụ quân sự": "tuyển quân",
    "đi bộ đội": "tuyển quân",
    "nhập ngũ": "tuyển quân",
    "nước sạch": "nước sinh hoạt hợp vệ sinh",
    "lớn thêm": "tăng trưởng",
    "phát triển thêm": "tăng trưởng",
    "tiền thu vào": "thu ngân sách",
    "phủ xanh": "che phủ",
    "độ che phủ": "che phủ",
    "thẻ bảo hiểm": "tham gia bảo hiểm",
    "có bảo hiểm": "tham gia bảo hiểm",
    "trường chuẩn": "trường đạt chuẩn quốc gia",
    "trạm y tế": "y tế cơ sở",
    "người dân tộc": "dân tộc thiểu số",
    "nhà ở xã hội": "nhà ở cho các đối tượng xã hội",
    "làm thủ tục": "thủ tục hành chính",
    "giấy tờ": "thủ tục hành chính",
    "du khách": "du lịch",
    "khách du lịch": "du lịch",
    "công an": "an ninh trật tự",
    "quân đội": "quốc phòng",
    "nhà đất": "nhà, đất",
    "tiền của tỉnh": "ngân sách",
    "ngân sách tỉnh": "ngân sách",
    "internet": "chuyển đổi số thông tin và truyền thông",
    "mạng xã hội": "thông tin và truyền thông",
    "rác": "chất thải rác thải",
    "ô nhiễm": "ô nhiễm môi trường",
    "đường sá": "giao thông kết cấu hạ tầng",
    "làng văn hóa": "xóm, làng, tổ dân phố văn hóa",
    "gia đình văn hóa": "gia đình văn hóa",
}
_BY_FOLDED = {fold(k).lower(): v for k, v in SYNONYMS.items()}
_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(_BY_FOLDED, key=len, reverse=True)) + r")\b"
)


def everyday_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, official wording) for each everyday phrase, matched with or without
    diacritics."""
    folded = fold(text).lower()
    if len(folded) != len(text):
        return []
    return [(m.start(), m.end(), _BY_FOLDED[m.group(0)]) for m in _PATTERN.finditer(folded)]


def official_terms(text: str) -> str:
    return " ".join(dict.fromkeys(term for _, _, term in everyday_spans(text)))
