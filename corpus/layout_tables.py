"""Tables that only lay text out on the page -> the lines they hold.

The two-column document header (issuer | quốc hiệu; "Số: ..." | "<place>, ngày ..."), the
signature and "Nơi nhận" block, a formula set as numerator and denominator rows, and a table
of one row or one column are not data: their cells become lines, row by row, left cell then
right, each cell's own lines kept apart. A cell that a converter flattened onto one line is
split where the layout evidently broke it: between the quốc hiệu in capitals and the motto,
before each "- " item of a recipients list, around "(Đã ký)", before "KT." / "TM.".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from corpus.layout import Item, Table
from corpus.lines import RECIPIENTS, SIGNED, SIGNER, is_caps

_MARKS = (
    re.compile(r"CỘNG HÒA XÃ HỘI CHỦ NGHĨA|Độc lập\s*[-–]\s*Tự do", re.IGNORECASE),
    re.compile(r"^(?:\S+\s+){0,3}số\s*:", re.IGNORECASE),  # "Số: 36/...", "Luật số: 134/..."
    re.compile(r"^[^,]{2,40},\s*ngày\b|ngày\s*[.…]{2,}\s*tháng", re.IGNORECASE),
    re.compile(r"\(\s*(?:đã ký|ký,|ký tên|ký và|ký, ghi rõ)", re.IGNORECASE),
    RECIPIENTS,
)
_OPERATORS = {"=", "x", "×", "+", "-", "–", ":"}
_ITEM = re.compile(r"(?<=[;:.])\s+(?=[-–+]\s)")  # "Nơi nhận: - Ban Bí thư; - Thủ tướng"
_SIGNED = re.compile(r"\s*(\((?:đã ký|ký tên)[^)]*\))\s*", re.IGNORECASE)
_TITLE = re.compile(r"\s+(?=(?:TM|T\.M|KT|TL|TUQ|Q)\.\s)")  # "TM. CHÍNH PHỦ KT. THỦ TƯỚNG"
_WORD = re.compile(r"\S+")


def _cells(table: Table) -> list[str]:
    return [line for row in table.rows for cell in row for line in cell.split("\n") if line]


def is_formula(table: Table) -> bool:
    cells = [c.strip() for row in table.rows for c in row]
    return "=" in cells and len(table.rows) <= 3


def is_layout(table: Table) -> bool:
    columns = sum(1 for c in range(table.width) if any(r[c].strip() for r in table.rows))
    if len(table.rows) <= 1 or columns <= 1:
        return True
    if len(table.rows) > 4 or columns > 3:
        return False
    lines = _cells(table)
    return any(mark.search(line) for mark in _MARKS for line in lines) or any(
        is_caps(line) and SIGNER.match(line) or SIGNED.match(line) for line in lines
    )


def _caps_then_words(line: str) -> list[str]:
    """ "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do" -> the capitals, then the rest;
    not a list item ("- UBTV Quốc hội;") nor an abbreviation before a name."""
    words = list(_WORD.finditer(line))
    caps = 0
    while caps < len(words) and is_caps(words[caps].group()):
        caps += 1
    named = sum(1 for w in words[:caps] if sum(ch.isalpha() for ch in w.group()) >= 2)
    if (
        named >= 2
        and caps < len(words)
        and words[caps].group()[:1].isupper()
        and not line.startswith(("-", "+", "–"))
        and not words[caps - 1].group().endswith(",")
    ):
        cut = words[caps].start()
        return [line[:cut].strip(), *_caps_then_words(line[cut:].strip())]
    return [line]


def split_flat(line: str) -> list[str]:
    out: list[str] = []
    for part in _ITEM.split(line):
        for piece in _SIGNED.split(part):
            for titled in _TITLE.split(piece):
                out.extend(p for p in _caps_then_words(titled.strip()) if p)
    return out


def layout_lines(table: Table) -> list[str]:
    if is_formula(table):
        top, *rest = table.rows
        bottom = rest[0] if rest else ("",) * table.width
        parts = []
        for upper, lower in zip(top, bottom, strict=True):
            upper, lower = " ".join(upper.split()), " ".join(lower.split())
            parts.append(f"{upper} / {lower}" if upper and lower else upper or lower)
        return [" ".join(p for p in parts if p)]
    return [piece for line in _cells(table) for piece in split_flat(line)]


def unlayout(items: Iterable[Item]) -> list[Item]:
    """Layout tables replaced by their lines; data tables kept."""
    out: list[Item] = []
    for item in items:
        if isinstance(item, Table) and (is_formula(item) or is_layout(item)):
            out.extend(["", *layout_lines(item), ""])
        else:
            out.append(item)
    return out
