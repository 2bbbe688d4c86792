"""One line of a legal text: what it is (Điều, khoản, điểm, bullet, closing formula ...), and
the repair of lines that a page break cut in two."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.layout import Item

# "part": a capital letter over a heading in capitals ("A. BỔ SUNG QUY ĐỊNH ...", "B. SỬA ĐỔI ...")
LEVELS = ("phuluc", "phan", "chuong", "muc", "dieu", "part", "roman", "arabic", "letter")
LETTERS = "abcdđeghiklmnopqrstuvxy"  # Vietnamese order of điểm: no f, j, w, z
FINAL_PUNCTUATION = ".;:!?…"

_NUMBERED_HEAD = r"(?:\s*[.:\-–]\s*|\s+|$)(.*)$"
_PATTERNS = (
    ("phan", re.compile(r"^(?:PHẦN|Phần)\s+((?:THỨ|thứ)\s+\S+|[IVXLC]+|\d+)" + _NUMBERED_HEAD)),
    ("chuong", re.compile(r"^(?:CHƯƠNG|Chương)\s+([IVXLC]+|\d+)" + _NUMBERED_HEAD)),
    ("muc", re.compile(r"^(?:MỤC|Mục)\s+(\d+|[IVXLC]+)" + _NUMBERED_HEAD)),
    ("dieu", re.compile(r"^(?:ĐIỀU|Điều)\s+(\d+[a-zđ]?)\s*[.:]\s*(.*)$")),
    ("part", re.compile(r"^([A-H])\.\s+(.*)$")),
    ("roman", re.compile(r"^([IVX]{1,6})\.\s+(.*)$")),
    ("arabic", re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.\s+(.*)$")),
    ("letter", re.compile(r"^([a-zđ])\)\s+(.*)$")),
    ("dash", re.compile(r"^[-–—•*]\s+(.*)$")),
    ("plus", re.compile(r"^\+\s*(.*)$")),
)
_ROMAN = re.compile(r"^X{0,3}(IX|IV|V?I{0,3})$")
_CROSS_REFERENCE = re.compile(
    r"^(?:Điều|Khoản|Điểm|Chương|Mục|Phần)\s+\S+\s+(?:[a-zđ]|(?:Điều|Chương|Mục|Phần)\s)"
)
_REFERENCE_TAIL = re.compile(r"[a-zđ]|(?:Điều|Chương|Mục|Phần)\s")  # "Mục 3 Chương XI của ..."

PREAMBLE = re.compile(r"^(?:Căn cứ|Sau khi|Xét |Theo đề nghị|Trên cơ sở|Thực hiện )")
# "QUYÉT NGHỊ": OCR reads Ế as É
ENACTING = re.compile(r"^(?:QUY[ẾÉE]T NGHỊ|QUY[ẾÉE]T ĐỊNH|BAN HÀNH|NGHỊ QUY[ẾÉE]T)\s*:$")
CLOSING = re.compile(
    r"^(?:Nghị quyết|Luật|Bộ luật|Hiến pháp|Pháp lệnh|Quyết định|Nghị định)\s+này\s+"
    r"(?:đã\s+)?được\b.*\bthông qua\b",
    re.IGNORECASE,
)
RECIPIENTS = re.compile(r"^Nơi nhận\b\s*:?\s*(.*)$", re.IGNORECASE)
SIGNER = re.compile(
    r"^(?:(?:TM|T\.M|KT|TL|TUQ|Q)\.\s*|(?:PHÓ\s+|NỮ\s+)?(?:CHỦ TỊCH|CHAIRMAN|THỦ TƯỚNG|BỘ TRƯỞNG|CHÁNH ÁN|"
    r"VIỆN TRƯỞNG|TỔNG KIỂM TOÁN|TỔNG GIÁM ĐỐC|GIÁM ĐỐC|TRƯỞNG BAN|BÍ THƯ|CHỦ NHIỆM|THỨ TRƯỞNG|"
    r"CHÁNH VĂN PHÒNG|CỤC TRƯỞNG|VỤ TRƯỞNG|TRƯỞNG PHÒNG|TỔNG CỤC TRƯỞNG|TỔNG THƯ KÝ)\b)"
)
SIGNED = re.compile(r"^\(?\s*(?:đã ký|ký tên|ký và đóng dấu)[^)]*\)?$", re.IGNORECASE)
_APPENDIX = re.compile(
    r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:SỐ|Số|số))?(?:\s*([0-9]+[a-z]?(?:[.\-][0-9A-Za-z]+)*|[IVXLC]+)(?![\w/]))?"
    r"\s*[.:\-–]?\s*(.*)$"
)


def appendix(text: str) -> tuple[str, str] | None:
    """An appendix heading: ("Phụ lục số 01", "title or ''"); None for a sentence that only
    starts with the words ("Phụ lục I kèm theo Nghị định này quy định ...")."""
    match = _APPENDIX.match(text)
    if not match:
        return None
    key, rest = match.group(1), match.group(2).strip()
    if rest and (rest[0].islower() or not key and not is_caps(text)):
        return None
    head = text[: match.start(2)].strip(" .:-–") if rest else text.strip(" .:-–")
    return "Phụ lục" + head[len("Phụ lục") :].replace("SỐ", "số").replace("Số", "số"), rest


@dataclass(frozen=True, slots=True)
class Line:
    level: str  # one of LEVELS, "dash", "plus" or "text"
    key: str  # the number or letter ("2", "IV", "đ"); "" for bullets and text
    rest: str  # text after the number or marker ("" for a bare "Điều N.")
    text: str  # the whole line


def classify(text: str) -> Line:
    for level, pattern in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        if level in ("dash", "plus"):
            return Line(level, "", match.group(1).strip(), text)
        key, rest = match.group(1), (match.group(2) or "").strip()
        if level == "roman" and not _ROMAN.match(key):
            continue
        if level == "part" and not (len(rest) >= 10 and is_caps(rest)):
            continue  # "A. Nguyễn Văn B", "B. Mức thu": not a part of the document
        if level == "letter" and key not in LETTERS:
            continue
        if level in ("phan", "chuong", "muc") and rest and _REFERENCE_TAIL.match(rest):
            return Line("text", "", text, text)  # a reference: "Mục 3 Chương XI của Luật này"
        return Line(level, key, rest, text)
    return Line("text", "", text, text)


def is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


_NEEDS_NUMBER = re.compile(r"\b(?:số|ngày|tháng|năm|khoản|điểm|Điều|Chương|Mục|Phần|lục)$")


def join_broken_lines(lines: Sequence[Item]) -> list[Item]:
    """Repair page breaks: a line that ends without final punctuation, followed (after any
    blank lines) by one that starts in lower case or mid-reference ("Điều 169 của ..."), is
    the same paragraph; so is one ending in a word that wants a number ("số", "ngày") and one
    that starts with a number (not "1. ..."). Tables pass through and end the paragraph."""
    out: list[Item] = []
    for line in lines:
        if not isinstance(line, str):
            out.append(line)
            continue
        if not line:
            continue
        prev = out[-1] if out and isinstance(out[-1], str) else ""
        if (
            prev
            and prev[-1] not in FINAL_PUNCTUATION
            and not is_caps(prev)
            and classify(line).level == "text"
            and (
                line[0].islower()
                or _CROSS_REFERENCE.match(line)
                or line[0].isdigit()
                and _NEEDS_NUMBER.search(prev)
            )
        ):
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
    return out


def slugify(text: str) -> str:
    """ASCII for ids: "Điều 2" -> "dieu-2"; the letter "đ" alone -> "dd", apart from "d"."""
    text = text.replace("đ", "dd" if len(text) == 1 else "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
