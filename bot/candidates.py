"""The candidate answers inside a passage: its clauses and list items, or a table row's value
cells, each read with what names it (an indicator before its ':', a row's own label, the
column heading)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.figures import unit_of
from corpus.types import Passage

# sentences end at . ! ? before a capital; clauses at ";" (long sentences of objectives list
# several tasks separated by semicolons)
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ+\-\d])|(?<=;)\s+|\n+")
# "Tỷ lệ lao động qua đào tạo: 73%, trong đó có bằng cấp, chứng chỉ: 36%": the part a figure
# details is also a figure of its own, read with the indicator it details
_DETAIL = re.compile(r"(?<=%),\s+(?=trong đó\b)", re.IGNORECASE)
# A column that gives each row's unit ("Đơn vị tính": "người/ngày", "Lần").
_UNIT_COLUMN = re.compile(r"^đơn vị(?: tính)?\b", re.IGNORECASE)
# Columns that number or code the rows (STT, Mã số): labels, never the answer.
_LABEL_COLUMN = re.compile(r"^(?:s[ốo]\s*)?(?:stt|tt|thứ tự|mã(?: số)?|ký hiệu)\b", re.IGNORECASE)
MIN_TEXT_CELL = 20  # a row's text cell this long says something beyond a word or a mark
_MAX_VALUE_AFTER_COLON = 60  # "Tỷ lệ hộ nghèo: giảm 1,5%": an indicator and its short value


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int  # offsets in the passage text
    end: int
    text: str  # what it says ("Vùng I — Mức lương tối thiểu tháng: 5.310.000")
    heading: str  # a cell's column heading with the unit it is read in ("" for a clause)
    per: str  # a row's unit column ("người/ngày"), if any
    label: str  # what names it: a row's own label, an indicator; the clause itself otherwise
    column: str  # a cell's column heading as printed ("" for a clause)
    cell: str = ""  # a table cell's own value ("64–80"), read apart from the row's labels
    figure: bool = True  # False for a row's text cell ("Ghi chú: Áp dụng trên địa bàn ...")


def clauses(text: str) -> list[tuple[int, int]]:
    """Sentence/clause boundaries of a passage: lines, then sentences within lines."""
    out = []
    pos = 0
    for piece in _SPLIT.split(text):
        start = text.find(piece, pos)
        if start < 0:
            continue
        end = start + len(piece)
        pos = end
        stripped = piece.strip(" +-\t")
        if len(stripped) >= 3:
            lead = len(piece) - len(piece.lstrip(" +-\t"))
            out.append((start + lead, end))
    return out or [(0, len(text))]


def line_around(text: str, at: int) -> tuple[int, int]:
    """The span of the line of `text` that holds position `at`."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def is_value(cell: str) -> bool:
    """A cell that states a figure ("692", "60.000", "từ 200 đến 280") rather than a text
    that happens to hold a number ("4. Bồi dưỡng học sinh tham gia tập huấn")."""
    if not cell or not re.search(r"\d", cell):
        return False
    return bool(
        re.match(
            r"\s*(?:[-–≤≥<>~]|từ|trên|dưới|tối đa|tối thiểu|không quá|khoảng)?\s*\d",
            cell,
            re.IGNORECASE,
        )
    ) and not re.match(r"\s*\d{1,2}\.\s+[^\W\d]", cell)


def candidates(p: Passage) -> list[Candidate]:
    """Each candidate of a passage: a table row's value cells (each read with the row's
    labels and its unit column), a whole table's lines cell by cell, or clauses."""
    if p.kind == "row" and p.cells:
        return _row(p)
    if p.kind == "table":
        return _table(p)
    out = []
    previous = ""
    listed = ""  # the lead of the items being read: "Cơ cấu kinh tế:" of "+ Dịch vụ: 30,5%"
    last = 0
    for s, e in clauses(p.text):
        marked = bool(_ITEM_MARK.search(p.text[last:s]))
        last = e
        text = p.text[s:e]
        inline = _INLINE_LEAD.match(text)
        if inline:  # "Cơ cấu kinh tế: + Công nghiệp, xây dựng: 59,4%;": the lead is the
            # items' heading, and the first item is read on its own like the others
            listed = inline.group(1).strip()
            s += inline.end()
            text = p.text[s:e]
        elif not marked:
            listed = ""
        named = _named(text)
        # "...; trên 06 tháng tuổi, hỗ trợ ...": a clause that opens on a qualifier speaks of
        # the subject the clause before it named ("Trâu, bò thịt, ngựa")
        subject = (
            _subject(previous)
            if previous.rstrip().endswith(";") and _ELLIPTICAL.match(text)
            else ""
        )
        out.append(Candidate(s, e, text, subject or listed, "", named, ""))
        detail = _DETAIL.search(text)
        if detail and ":" in text[: detail.start()]:
            # "trong đó xuất khẩu địa phương tăng 10%" details "Giá trị xuất khẩu: Tăng 9%"
            lead = text[: detail.start()].rpartition(":")[0].strip()
            part = text[detail.end() :]
            out.append(Candidate(s + detail.end(), e, part, lead, "", _named(part), ""))
        previous = text
    return out


# a lead that opens a list on its own line, its first item after it: "Cơ cấu kinh tế: + Công
# nghiệp, xây dựng: 59,4%;" (the lead holds no figure)
_INLINE_LEAD = re.compile(r"^([^:;+\d]{3,80}:)\s*[+\-–]\s+(?=\S)")
# what marks an item of such a list in the text before it
_ITEM_MARK = re.compile(r"(?:^|\s)[+\-–]\s*$")


def _named(text: str) -> str:
    """What names a clause: an indicator before its ':' with a short value after it ("Tỷ lệ
    hộ nghèo: giảm 1,5%"), otherwise the clause itself."""
    label, colon, rest = text.rpartition(":")
    return label if colon and label and len(rest) <= _MAX_VALUE_AFTER_COLON else text


# a clause that opens on a qualifier, without a subject of its own, or on "trong đó" (of
# which), which details the clause before it
_ELLIPTICAL = re.compile(
    r"(?:trên|dưới|từ|đến|không quá|tối đa|tối thiểu|còn lại|trong đó)[\s,]", re.IGNORECASE
)
# where a subject ends: a qualifier, a figure, or a comma before "hỗ trợ", "mức"
_SUBJECT_END = re.compile(
    r"\s(?:trên|dưới|từ|đến|không quá|tối đa|tối thiểu)\s|\d|,\s*(?:hỗ trợ|mức)\b", re.IGNORECASE
)


def _subject(clause: str) -> str:
    """What a clause speaks of, before its qualifiers and figures: "đ) Trâu, bò thịt, ngựa đến
    06 tháng tuổi, hỗ trợ ..." -> "Trâu, bò thịt, ngựa"."""
    text = re.sub(r"^\s*[a-zđ]\)\s*", "", clause)
    end = _SUBJECT_END.search(text)
    return text[: end.start()].strip(" ,;") if end else ""


def _row(p: Passage) -> list[Candidate]:
    parts = p.text.split(" — ")
    caption = parts[0]
    labels = parts[1:-1]
    label = " — ".join(labels)[:200]  # group and row labels
    own = labels[-1] if labels else ""
    per = next((v for h, v in p.cells if _UNIT_COLUMN.match(h) and v), "")
    out, texts = [], []
    for heading, value in p.cells:
        if _LABEL_COLUMN.match(heading) or _UNIT_COLUMN.match(heading):
            continue
        where = p.text.rfind(value)
        start, end = (where, where + len(value)) if where >= 0 else (0, len(p.text))
        text = f"{label} — {heading}: {value}"
        if is_value(value):
            unit_heading = heading if unit_of(heading) else f"{heading} ({caption})"
            out.append(Candidate(start, end, text, unit_heading, per, own, heading, value))
        elif len(value) >= MIN_TEXT_CELL and value not in labels:
            # a row's text beside its figures ("Ghi chú: Áp dụng trên địa bàn xã ..."): what
            # a question about that row may ask, though it states no figure of its own
            texts.append(Candidate(start, end, text, heading, per, own, heading, value, False))
    if not out:  # a row of text alone is read whole
        return [Candidate(0, len(p.text), p.text, "", "", own or p.text, "")]
    return out + texts


def _table(p: Passage) -> list[Candidate]:
    out = []
    lines = p.text.split("\n")
    caption = lines[0] if lines else ""
    offset = 0
    for line in lines:
        at = p.text.find(line, offset)
        offset = at + len(line)
        label, _, cells = line.rpartition(" — ")
        own = label.rpartition(" — ")[2]
        for cell in cells.split("; ") if label else [line]:
            heading, _, value = cell.rpartition(": ")
            if value and re.search(r"\d", value):
                start = p.text.find(cell, at)
                text = f"{label} — {cell}"
                out.append(
                    Candidate(
                        start,
                        start + len(cell),
                        text,
                        f"{heading} ({caption})",
                        "",
                        own,
                        heading,
                        value,
                    )
                )
    return out or [Candidate(0, len(p.text), p.text, "", "", p.text, "")]
