"""Deciding that the documents do not answer. Each check names what the question asks for that
the best passage does not have: a year, a place, a figure, or words the corpus never uses."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.fold import fold

# Thresholds calibrated on the team's seed question set (eval/data/seed_questions.jsonl).
MIN_DENSE = 0.80  # cosine of the best passage (multilingual-e5-small compresses cosines high)
MAX_UNKNOWN = 0.42  # weighted share of the question's words the corpus never uses
# An indicator named with words the corpus never uses ("hộ cận nghèo", "tuổi thọ") is not one
# the documents set, even when a similar-looking indicator answers with a figure.
MIN_UNKNOWN_INDICATOR = 0.2
MIN_DENSE_ENGLISH = 0.76  # English questions sit lower against Vietnamese passages
# Questions about an amount of money want a figure in đồng, not a percentage.
_MONEY = re.compile(
    r"\b(tien|von|ngan sach|thu nhap|du toan|kinh phi|money|budget|income|capital|investment)\b"
)

PROVINCES = tuple(
    fold(p).lower()
    for p in (
        "An Giang|Bà Rịa|Vũng Tàu|Bắc Giang|Bắc Kạn|Bạc Liêu|Bắc Ninh|Bến Tre|Bình Định|Bình Dương|"
        "Bình Phước|Bình Thuận|Cà Mau|Cần Thơ|Cao Bằng|Đà Nẵng|Đắk Lắk|Đắk Nông|Điện Biên|Đồng Nai|"
        "Đồng Tháp|Gia Lai|Hà Giang|Hà Nam|Hà Nội|Hà Tĩnh|Hải Dương|Hải Phòng|Hậu Giang|Hòa Bình|"
        "Hưng Yên|Khánh Hòa|Kiên Giang|Kon Tum|Lai Châu|Lâm Đồng|Lạng Sơn|Lào Cai|Long An|Nam Định|"
        "Nghệ An|Ninh Bình|Ninh Thuận|Phú Thọ|Phú Yên|Quảng Bình|Quảng Nam|Quảng Ngãi|Quảng Ninh|"
        "Quảng Trị|Sóc Trăng|Sơn La|Tây Ninh|Thái Bình|Thái Nguyên|Thanh Hóa|Thừa Thiên Huế|Huế|"
        "Tiền Giang|Hồ Chí Minh|Trà Vinh|Tuyên Quang|Vĩnh Long|Vĩnh Phúc|Yên Bái|Đà Lạt|Sài Gòn"
    ).split("|")
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


@dataclass(frozen=True, slots=True)
class Verdict:
    abstain: bool
    reason: str  # why, for logs and the evaluation's failure list ("" when answering)
    confidence: float


def judge(
    *,
    question: str,
    kind: str,
    context: str,
    overlap: float,
    unknown: float,
    dense: float | None,
    lead: str | None,
    english: bool,
    from_signature: bool = False,
) -> Verdict:
    """`context`: the answering passage with its section path and its article's opening;
    `overlap`/`unknown`: weighted word shares; `dense`: cosine of the answering passage."""
    folded_q = fold(question).lower()
    folded_ctx = fold(context).lower()
    missing_years = [y for y in _YEAR.findall(question) if y not in context]
    if missing_years:
        return Verdict(True, f"năm {', '.join(missing_years)} không có trong đoạn trích", 0.1)
    for place in PROVINCES:
        if re.search(rf"\b{re.escape(place)}\b", folded_q) and place not in folded_ctx:
            return Verdict(True, f"địa danh '{place}' không có trong đoạn trích", 0.1)
    if from_signature:  # the signature block answers "who signed" whatever the wording
        return Verdict(False, "", 0.8)
    if not english and unknown > MAX_UNKNOWN:
        return Verdict(True, f"câu hỏi có từ văn bản không dùng ({unknown:.0%})", 0.15)
    if kind == "quantity":
        if not lead:
            return Verdict(True, "không tìm thấy con số trả lời", 0.2)
        if _MONEY.search(folded_q) and "đồng" not in lead:
            return Verdict(True, "câu hỏi về số tiền nhưng đoạn trích không nêu số tiền", 0.2)
        if not english and unknown >= MIN_UNKNOWN_INDICATOR and overlap < 0.55:
            return Verdict(True, f"chỉ tiêu được hỏi có từ văn bản không dùng ({unknown:.0%})", 0.2)
        if re.fullmatch(r"[\d.,]+", lead.strip()):
            return Verdict(True, f"con số '{lead}' không rõ là chỉ tiêu gì", 0.2)
    semantic = dense if dense is not None else 0.0
    if dense is not None and dense < (MIN_DENSE_ENGLISH if english else MIN_DENSE):
        return Verdict(True, f"đoạn trích ít liên quan (cosine {dense:.2f})", 0.25)
    confidence = min(
        1.0, 0.35 + 0.4 * overlap + (0.25 * (semantic - MIN_DENSE) / 0.15 if dense else 0)
    )
    return Verdict(False, "", max(0.3, confidence))
