"""What a table cell holds, read from its text alone: an STT key, a number, a label with its
own numbering, a short word or unit, or text; the heading of each column, read from the header
rows and their spans; and what a column heading promises."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from corpus.lines import classify

_PART = r"(?:[IVXLC]{1,6}|[A-ZĐ]|\d{1,2})"  # one part of a dotted STT: "II", "B", "10"
_KEY = re.compile(
    rf"^(?:[IVXLC]{{1,6}}|[A-ZĐ]|\d{{1,2}}(?:\.\d{{1,2}}){{1,3}}|{_PART}(?:\.{_PART}){{1,3}}|[a-zđ])"
    r"[.)]?$|^\d{1,3}[.)]$"
)  # "II", "1.2", "I.A.1", "II.B.10", "a", "3."
_INT = re.compile(r"^\d{1,3}$")
_FIGURE = r"\(?\d+(?:[.,]\d+)*\)?"
_NUMBER = re.compile(
    r"^(?!(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d$)"  # a span of years is a heading, "2026-2030"
    rf"(?:[-+]|[≤≥<>~]\s*)?{_FIGURE}(?:\s*[-–]\s*{_FIGURE})?(?:\s*%|đ\b)?(?:\s+\S+){{0,3}}$"
)  # "5.310.000", "90%", "≤300", "200–280", "100.000 đồng/người/buổi"
_COLUMN_NUMBER = re.compile(r"^\(?[A-Za-z]?\d{0,2}\)?(?:\s*[-+=x×÷*/]\s*\(?[A-Za-z]?\d{1,2}\)?)*$")
_MARK = re.compile(r"^[xX×✓✔]$")
_KEY_HEADING = re.compile(r"^(?:STT|TT|Số\s*TT|Số\s+thứ\s+tự)\.?$", re.IGNORECASE)
_UNIT_HEADING = re.compile(r"^(?:Đơn vị(?:\s+tính)?|ĐVT)\b", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)  # a dump is read at two widths, several times over
def cell_kind(text: str, first: bool = False) -> str:
    """ "key" (an STT: "II", "1.2", "a", or a small integer first in its row), "number"
    ("5.310.000", "90%", "100.000 đồng/người/buổi", a tick "X"), "label" (text that starts
    with its own numbering or bullet: "2. Hội đồng thi", "- Trưởng ban"), "short" (a word or
    a unit: "Lần", "người/ngày"), "text", or ""."""
    text = text.strip()
    if not text:
        return ""
    if _MARK.match(text) and not first:
        return "number"  # a tick "X", not the STT "X" (10)
    if _KEY.match(text) or first and _INT.match(text):
        return "key"
    if _NUMBER.match(text):
        return "number"
    if classify(text.split("\n", 1)[0]).level != "text":
        return "label"
    words = text.split()
    unit = len(words) <= 3 and ("/" in text or "%" in text)  # "người/ngày", "Tỷ lệ %"
    return "short" if len(words) == 1 or unit else "text"


def is_numbering_row(row: Sequence[str]) -> bool:
    """The row under the headings that numbers the columns: "(1) (2) (3)", "A B 1 2 4=2-3"."""
    filled = [t.strip() for t in row if t.strip()]
    return len(filled) * 2 >= len(row) and all(_COLUMN_NUMBER.match(t) for t in filled)


def column_headings(rows: Sequence[Sequence[str]], count: int) -> list[str]:
    """One heading per column from the header rows: "Mức đóng (Phụ cấp, Chức vụ)". An empty
    heading cell with a heading under it is covered by a span from the left: it takes the
    nearest heading to its left under the same headings above ("Phụ cấp" over "Chức vụ" and
    "Thâm niên nghề (%)"). The row numbering the columns ("(1) (2) (3)") is no heading."""
    width = len(rows[0]) if rows else 0
    kept = [r for r in range(count) if not (r and is_numbering_row(rows[r]))]
    grid = [[" ".join(rows[r][c].split()) for c in range(width)] for r in kept]
    for i in range(len(kept)):
        for c in range(1, width):
            if grid[i][c] or not any(grid[j][c] for j in range(i + 1, len(kept))):
                continue
            above = [grid[j][c] for j in range(i)]
            for k in range(c - 1, -1, -1):
                if [grid[j][k] for j in range(i)] != above:
                    break  # another parent: the span cannot reach across it
                if grid[i][k]:
                    grid[i][c] = grid[i][k]
                    break
    out = []
    for c in range(width):
        parts = list(dict.fromkeys(row[c] for row in grid if row[c]))
        out.append(f"{parts[0]} ({', '.join(parts[1:])})" if len(parts) > 1 else "".join(parts))
    return out


def guess_header_rows(rows: Sequence[Sequence[str]]) -> int:
    """Leading rows before the first that reads as data (an STT key first, or a number); in
    a table of words, a first row of short phrases over rows that open with their own
    numbering ("Trung ương tính cho cấp tỉnh | Thành phố tính cho cấp xã" over "1. Tiêu chí")."""
    for n, row in enumerate(rows[:4]):
        first = next((c for c in row if c), "")
        if cell_kind(first, first=True) == "key" or any(cell_kind(c) == "number" for c in row):
            return n
    if len(rows) > 2 and len(rows[0]) > 1 and all(_PHRASE.match(c.strip()) for c in rows[0]):
        opening = [cell_kind(next((c for c in r if c), "")) for r in rows[1:4]]
        return int("label" in opening)
    return 0


_PHRASE = re.compile(r"^[^\d\n]{2,80}$")  # a heading of words: no figure, one line


_NUMBER_HEADING = re.compile(
    r"\b(?:Mức|Số tiền|Tỷ lệ|Hệ số|Định mức|Số lượng|Giá|Kinh phí|Dự toán|Tổng số|Năm\s+\d{4})\b"
    r"|\((?:đồng|%|1\.000|triệu|nghìn|tỷ)|(?:đồng|%)\s*\)",
    re.IGNORECASE,
)
_NOTE_HEADING = re.compile(r"^Ghi chú\b", re.IGNORECASE)


def heading_prior(text: str) -> dict[str, float]:
    """What a column heading says its cells hold: {"key": .9} under "STT", numbers under
    "Mức chi (đồng)", text under "Đơn vị tính", little under "Ghi chú", anything under a heading
    that promises nothing ("Nội dung"); nothing without a heading."""
    text = " ".join(text.split())
    if not text:
        return {}
    if is_key_heading(text):
        return {"key": 0.9}
    if _NOTE_HEADING.match(text):
        return {"text": 0.6}
    if _UNIT_HEADING.match(text):
        return {"short": 0.6}
    if _NUMBER_HEADING.search(text):
        return {"number": 0.7}
    return dict.fromkeys(("key", "number", "label", "text", "short"), 0.5)  # "Nội dung": anything


# how well a cell of one kind (first key) sits in a column that mostly holds the other
KIND_FIT = {
    "key": {"key": 1.0},
    "number": {"number": 1.0},
    "label": {"label": 1.0, "text": 0.6},
    "text": {"text": 1.0, "label": 0.6},  # a sentence is no unit: none under "Đơn vị tính"
    "short": {"short": 1.0, "text": 0.3},
}


def unit_heading(text: str) -> bool:
    """ "Đơn vị tính", "ĐVT": a column that names the unit of the values beside it."""
    return bool(_UNIT_HEADING.match(text))


def is_key_heading(text: str) -> bool:
    return bool(_KEY_HEADING.match(" ".join(text.split())))
