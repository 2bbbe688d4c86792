"""The title block of a Vietnamese document as Nghị định 30/2020/NĐ-CP lays it out: the issuing
body (tên cơ quan) beside the quốc hiệu and tiêu ngữ; the number (số, ký hiệu) beside the place
and date (địa danh, ngày tháng năm); then the type (tên loại: NGHỊ QUYẾT, THÔNG TƯ ...) and the
subject (trích yếu nội dung), or for a công văn the "V/v ..." line under its number; for a
resolution of an elected body, its name (and session) on a line of its own under the subject.

Converters leave that block in many shapes: the two table columns read row by row or flattened
onto one line with "|" between the cells, names wrapped inside ("HỘI\\nĐỒNG NHÂN DÂN"), rules
("-------", "____"), a gazette's running header above it, OCR misspellings ("QUÓC HỘI").
So the cells are cleaned first, and every field is searched in the block's joined text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.casing import LOWER as _LOWER
from corpus.casing import UPPER as _UPPER
from corpus.casing import fuzzy
from corpus.lines import ENACTING, PREAMBLE, classify, is_caps

KINDS = (
    "THÔNG TƯ LIÊN TỊCH", "NGHỊ QUYẾT LIÊN TỊCH", "NGHỊ QUYẾT", "NGHỊ ĐỊNH", "QUYẾT ĐỊNH",
    "THÔNG TƯ", "BỘ LUẬT", "LUẬT", "HIẾN PHÁP", "PHÁP LỆNH", "CHỈ THỊ", "KẾ HOẠCH", "QUY ĐỊNH",
    "QUY CHẾ", "ĐỀ ÁN", "BÁO CÁO", "HƯỚNG DẪN", "THÔNG BÁO", "CÔNG VĂN", "CHƯƠNG TRÌNH",
    "TỜ TRÌNH", "CÔNG ĐIỆN",
)  # fmt: skip
NAMED_KINDS = ("Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh")  # the subject is a name
_KIND = re.compile(
    rf"(?<![{_LOWER}{_UPPER}])(?P<kind>{'|'.join(fuzzy(k) for k in KINDS)})"
    rf"(?=$|[^{_LOWER}{_UPPER}]|[{_UPPER}][{_LOWER}])"
)
_KIND_TEXT = re.compile(rf"^(?P<kind>{'|'.join(k[:1] + k[1:].lower() for k in KINDS)})\s+(?=\S)")
_VV = re.compile(r"(?<!\w)V/v\b\.?\s*", re.IGNORECASE)
BODIES = (
    "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "QUỐC HỘI", "THỦ TƯỚNG CHÍNH PHỦ", "CHÍNH PHỦ", "CHỦ TỊCH NƯỚC",
    "HỘI ĐỒNG NHÂN DÂN", "ỦY BAN NHÂN DÂN",
)  # fmt: skip
_BODY = re.compile("|".join(fuzzy(b) for b in BODIES))
_AUTHORITY = re.compile(rf"^(?:{_BODY.pattern})(?:\s+[^\s,].*)?$")
_SESSION = re.compile(
    rf"{fuzzy('KHÓA', upper=False)}\s+([IVXLC]+)\s*,?\s*((?:{fuzzy('KỲ HỌP', upper=False)}|"
    rf"{fuzzy('PHIÊN HỌP', upper=False)})\s+.+?)\s*$",
    re.IGNORECASE,
)
_NATION = re.compile(fuzzy("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
_MOTTO = re.compile(
    r"\s*[-–—]\s*".join(fuzzy(w, upper=False) for w in ("Độc lập", "Tự do", "Hạnh phúc"))
)
_LABELS = "Luật|Bộ luật|Nghị quyết|Pháp lệnh|Lệnh|Nghị định|Quyết định|Thông tư|Chỉ thị"
_NUMBER = re.compile(
    rf"(?:(?P<label>{_LABELS})\s+)?(?<!\w)số\s*:?\s*"
    rf"(?:(?P<num>\d+[{_UPPER}{_LOWER}]?(?:\s?[/-]\s?[0-9{_UPPER}{_LOWER}&.]+)+)|(?P<blank>/\S*))",
    re.IGNORECASE,
)
_PLACE_DATE = re.compile(
    r"(?P<place>[^\s,|]+(?:\s+[^\s,|]+){0,3})?,\s*ngày\s*(?P<d>\d{1,2}|[.…_]*)\s*(?:tháng|/)\s*"
    r"(?P<m>\d{1,2}|[.…_]*)\s*(?:năm|/)\s*(?P<y>\d{4}|[.…_\d]*)"
)
_GAZETTE = re.compile(
    rf"(?:\b\d{{1,4}}\s+)?{fuzzy('CÔNG BÁO', upper=False)}\s*/\s*[Ss][ốỐoO]\s*[\d\s+]*/\s*"
    r"[Nn]g[àa]y\s*\d{1,2}\s*-\s*\d{1,2}\s*-\s*\d{4}(?:\s+\d{1,4}\b)?"
)
_GAZETTE_SECTION = re.compile(r"^VĂN BẢN (?:QUY PHẠM PHÁP LUẬT|HỢP NHẤT|KHÁC)\b.*$")
_RULE = re.compile(r"[-_=~*]{3,}|(?<!\S)[_*~]+(?!\S)")
_NOISE = re.compile(r"[\\*\u200e\u200f\u202a-\u202e]")
_ACRONYMS = {
    "ĐBQH": "ĐẠI BIỂU QUỐC HỘI", "HĐND": "HỘI ĐỒNG NHÂN DÂN", "UBND": "ỦY BAN NHÂN DÂN",
    "UBTVQH": "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
}  # fmt: skip
_SUB_BODY = re.compile(
    r"(?<!\w)(?<!TỔNG )(?<!CHI )(?<!ỦY )(?<!THƯỜNG )(?<!VĂN )"
    r"(SỞ|CỤC|TỔNG CỤC|CHI CỤC|VĂN PHÒNG|TRUNG TÂM|BAN|VỤ|PHÒNG)\s"
)
_CONNECTOR = re.compile(r"(?:\b(?:của|và|về|cho|với|tại|theo|thuộc|đối với|trên|giai đoạn)|[,-])$")


@dataclass(frozen=True, slots=True)
class Header:
    kind: str | None = None  # "Nghị quyết"
    subject: str | None = None  # as printed, possibly in capitals
    number: str | None = None
    date: str | None = None  # ISO
    issuer: str | None = None  # as printed, in capitals when the block prints it so
    authority: str | None = None  # the body's line under the subject ("QUỐC HỘI")
    session: str | None = None  # "Khóa XIV, Kỳ họp thứ mười"
    number_kind: str | None = None  # the label before the number ("Luật số:")
    notes: tuple[str, ...] = field(default=())


def clean_cells(lines: list[str]) -> list[str]:
    """Table cells of the block, one per item; "" where a rule stood (it ends a subject)."""
    cells: list[str] = []
    for line in lines:
        line = _GAZETTE.sub(" ", _NOISE.sub(" ", line))
        had_rule = bool(_RULE.search(line))
        for cell in line.split("|"):
            cell = " ".join(_RULE.sub(" ", cell).split())
            if cell and not re.fullmatch(r"\d{1,3}", cell) and not _GAZETTE_SECTION.match(cell):
                cells.append(cell)
        if had_rule:
            cells.append("")
    return cells


def read_header(lines: list[str]) -> Header:
    cells = clean_cells(lines)
    text, starts = "", []
    for cell in cells:
        starts.append(len(text))
        text += cell + " "
    kind = _KIND.search(text)
    vv = _VV.search(text)
    cut = min([m.start() for m in (kind, vv) if m] or [len(text)])
    head = text[:cut]
    notes: list[str] = []
    number = _NUMBER.search(head)
    number_text = None
    if number and number["num"]:
        number_text = re.sub(r"\s+", "", number["num"]).rstrip(".,;")
    elif number:
        notes.append(
            f"number left blank in the title block ({head[number.start() : number.end() + 12].strip()})"
        )
    date = _PLACE_DATE.search(head)
    iso = None
    if date and all(date[g] and date[g].isdigit() for g in "dmy"):
        iso = _iso(date["d"], date["m"], date["y"])
    elif date:
        notes.append(f"date left blank in the title block ({_from_day(date.group(0))})")
    rest = head
    for pattern in (_NATION, _MOTTO):
        rest = pattern.sub(" ", rest)
    for match in (number, date):
        if match:
            rest = rest.replace(match.group(0), " ")
    subject, end = (None, len(text))
    found_kind = None
    if kind and (not vv or kind.start() < vv.start()):
        found_kind = _sentence_kind(kind["kind"])
        subject, end = _subject(cells, starts, kind.end())
    elif vv:
        found_kind = "Công văn"
        subject, end = _subject(cells, starts, vv.end())
        subject = f"về việc {subject}" if subject else None
    elif cells and (line := _KIND_TEXT.match(cells[0])):  # "Kế hoạch phát triển du lịch"
        found_kind = line["kind"]
        subject, end = _subject(cells, starts, line.end())
    authority, session = _authority(cells, starts, end)
    tail = _tail(cells, starts, end)
    if number is None and (number := _NUMBER.search(tail)):
        # a block that prints its type above the number
        number_text = re.sub(r"\s+", "", number["num"]).rstrip(".,;") if number["num"] else None
    if date is None:
        # a công văn prints its place and date after the "V/v" subject (the right column)
        date = _PLACE_DATE.search(tail)
        if date and all(date[g] and date[g].isdigit() for g in "dmy"):
            iso = _iso(date["d"], date["m"], date["y"])
        elif date:
            notes.append(f"date left blank in the title block ({_from_day(date.group(0))})")
    label = number["label"] if number and number["label"] else None
    return Header(
        kind=found_kind,
        subject=subject,
        number=number_text,
        date=iso,
        issuer=_issuer(rest),
        authority=authority,
        session=session,
        number_kind=label[:1].upper() + label[1:].lower() if label else None,
        notes=tuple(notes),
    )


_KIND_PATTERNS = [(kind, re.compile(fuzzy(kind))) for kind in KINDS]
_BODY_PATTERNS = [(body, re.compile(fuzzy(body))) for body in BODIES]


def _sentence_kind(caps: str) -> str:
    caps = " ".join(caps.split())
    for kind, pattern in _KIND_PATTERNS:
        if pattern.fullmatch(caps):
            return kind[:1] + kind[1:].lower()
    return caps[:1] + caps[1:].lower()


def _cell_at(starts: list[int], offset: int) -> int:
    index = 0
    for i, start in enumerate(starts):
        if start <= offset:
            index = i
    return index


def _stops(cell: str) -> bool:
    return bool(
        PREAMBLE.match(cell)
        or ENACTING.match(cell)
        or classify(cell).level != "text"
        or re.match(r"(?i)kính gửi\b", cell)
        or _NATION.search(cell)
        or _MOTTO.search(cell)
        or _PLACE_DATE.search(cell)
        or re.match(r"(?i)số\s*:", cell)
    )


def _subject(cells: list[str], starts: list[int], offset: int) -> tuple[str | None, int]:
    """The subject lines after the type (or "V/v"), up to the body's line, a rule, the căn cứ
    or a change from capitals to running text; returns it and where it ends."""
    i = _cell_at(starts, offset)
    first = cells[i][offset - starts[i] :].strip(" :.-") if i < len(cells) else ""
    parts = [first] if first and not _noise(first) else []
    j = i + 1
    while j < len(cells) and len(parts) < 10:
        cell = cells[j]
        if cell and _noise(cell):
            pass  # a stamp or a scan's speck read by OCR ("N % 1212025... :")
        elif cell == "":
            if parts:
                break
        elif _stops(cell):
            break
        elif parts and not re.search(r"[^\W\d_]", cell):
            parts.append(cell)  # "2025" wrapped off a capitals line
        elif (
            parts
            and _AUTHORITY.match(cell)
            and is_caps(cell)
            and not _CONNECTOR.search(parts[-1].lower())
        ):
            break
        elif (
            parts
            and _caps(" ".join(parts)) is not None
            and _caps(cell) not in (None, _caps(" ".join(parts)))
        ):
            break
        elif (
            parts and not is_caps(cell) and cell[:1].isupper() and not _CONNECTOR.search(parts[-1])
        ):
            break
        else:
            parts.append(cell)
        j += 1
    subject = " ".join(" ".join(parts).split()).strip(" .;:_-")
    return (subject or None), (starts[j] if j < len(starts) else sum(len(c) + 1 for c in cells))


def _noise(cell: str) -> bool:
    """Letters, but not one word of two: what OCR makes of a stamp or a speck ("N % 12 :")."""
    words = [w for w in cell.split() if sum(c.isalpha() for c in w) >= 2]
    return any(c.isalpha() for c in cell) and not words


def _from_day(text: str) -> str:
    return text[text.find("ngày") :].strip()


def _tail(cells: list[str], starts: list[int], end: int) -> str:
    """The title block's cells after the subject, up to the căn cứ or the body."""
    out = []
    for cell in cells[_cell_at(starts, end) if starts else 0 :]:
        if PREAMBLE.match(cell) or ENACTING.match(cell) or classify(cell).level != "text":
            break
        if re.match(r"(?i)kính gửi\b", cell):
            break
        out.append(cell)
    return " ".join(out)


def _caps(text: str) -> bool | None:
    """Whether the words of `text` (codes like "335/2025/NĐ-CP" aside) are in capitals."""
    words = [
        w for w in text.split() if not any(c.isdigit() for c in w) and re.search(r"[^\W\d_]", w)
    ]
    return is_caps(" ".join(words)) if words else None


def _authority(cells: list[str], starts: list[int], end: int) -> tuple[str | None, str | None]:
    """The elected body's own line under the subject, and the session line with it."""
    i = _cell_at(starts, end) if starts else 0
    for j in range(i, min(i + 3, len(cells))):
        cell = cells[j]
        if is_caps(cell) and _AUTHORITY.match(cell):
            tail = cells[j + 1] if j + 1 < len(cells) else ""
            line = f"{cell} {tail}" if _SESSION.search(tail) and is_caps(tail) else cell
            session = _SESSION.search(line)
            body = line[: session.start()].strip(" ,") if session else line
            found = None
            if session:
                found = f"Khóa {session.group(1).upper()}, {_cap(session.group(2).lower())}"
            return body, found
    return None, None


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _issuer(rest: str) -> str | None:
    """The capitals left once the quốc hiệu, number and date are taken out; a body printed
    under its parent ("BỘ TÀI CHÍNH / TỔNG CỤC THUẾ") is the lower one."""
    tokens: list[str] = []  # the first run of words in capitals
    for token in rest.split():
        if re.fullmatch(r"[\W\d_]+", token) or re.search(r"[^\w\-&,.]|\d", token):
            continue  # punctuation, or OCR noise ("TT?)", "T97")
        if is_caps(token):
            tokens.append(token)
        elif tokens:
            break
    if not tokens:
        return None
    half = len(tokens) // 2
    if len(tokens) % 2 == 0 and tokens[:half] == tokens[half:]:
        tokens = tokens[:half]  # the gazette repeats the body above the document's own block
    caps = " ".join(_ACRONYMS.get(t, t) for t in tokens)
    subs = [m.start(1) for m in _SUB_BODY.finditer(caps) if m.start(1) > 0]
    if subs and not re.search(r"\b(?:VÀ|CỦA)\s*$", caps[: subs[-1]]):
        caps = caps[subs[-1] :]
    words = caps.split()
    for start in range(len(words)):
        if start and any(len(w) > 2 for w in words[:start]):
            break  # only specks may stand before a known body ("TT CHÍNH PHỦ")
        for body, pattern in _BODY_PATTERNS:
            if pattern.fullmatch(" ".join(words[start:])):
                return body
    return caps


def _iso(day: str, month: str, year: str) -> str | None:
    import datetime as dt

    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
