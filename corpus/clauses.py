"""Metadata the body states in fixed formulas: the entry into force ("Nghị quyết này có hiệu
lực thi hành từ ngày ..."), what the document amends, replaces or repeals ("sửa đổi, bổ sung
... Nghị quyết số 16/2023/NQ-HĐND", "thay thế ...", "bãi bỏ ...", "... hết hiệu lực"), and the
signer (the name under "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / (Đã ký)")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.casing import LOWER as _LOWER
from corpus.casing import UPPER as _UPPER
from corpus.lines import PREAMBLE, SIGNED, is_caps
from corpus.structure import Block

_KINDS = (
    r"(?:Thông tư liên tịch|Nghị quyết liên tịch|Nghị quyết|Nghị định|Quyết định|Thông tư|"
    r"Bộ luật|Luật|Pháp lệnh|Chỉ thị|Hiến pháp)"
)
_DATE = r"ngày\s*(\d{1,2})\s*(?:tháng\s*|/\s*)(\d{1,2})\s*(?:năm\s*|/\s*)(\d{4})"
_EFFECTIVE = re.compile(
    rf"(?P<kind>{_KINDS})(?:\s+này)?(?:[^.;]{{0,200}}?(?:\s+và|,))?\s+(?:chính thức\s+)?"
    r"có hiệu lực(?:\s+thi hành)?\s+(?:k[ểếe]\s+)?từ\s+(?P<when>"
    rf"{_DATE}|ngày\s+(?:được\s+)?(?:thông qua|ký(?:\s+ban hành)?|ban hành))",
    re.IGNORECASE,
)
# "Nghị định số 146/2018/NĐ-CP", "Luật Công nghiệp công nghệ số số 71/2025/QH15" (a law by name)
_NUMBER = re.compile(
    rf"{_KINDS}(?:\s+(?:số\s*:?\s*)?|(?:\s+[^\s,;.:]+){{1,8}}?\s+số\s*:?\s*)(?P<num>\d+[A-Za-zĐđ]?(?:\s?/\s?[0-9A-Za-zĐđ&.\-]+)+)",
    re.IGNORECASE,
)
# the document's own act: at the start of a clause ("3. Bãi bỏ ..."), after "này" ("Nghị quyết
# này thay thế ...") or after a comma in a clause about the document itself ("Nghị quyết này có
# hiệu lực từ ..., thay thế ..."); a verb inside a description ("... của Chính phủ sửa đổi
# Nghị định số ..."), a task ("xem xét, sửa đổi ...") or the passive ("được sửa đổi bởi") is not
_ACT = r"(sửa đổi|thay thế|bãi bỏ)\b"
_VERB = re.compile(
    r"(?:^|(?<=^\d\. )|(?<=^\d\d\. )|(?<=^[a-zđ]\) )|(?<=\bnày ))" + _ACT, re.IGNORECASE
)
_SELF = re.compile(rf"^(?:\d+\.\s*|[a-zđ]\)\s*)?{_KINDS}(?:\s+này)?\s", re.IGNORECASE)
_AFTER_COMMA = re.compile(r"(?<=, )" + _ACT, re.IGNORECASE)
_SUBJECT_VERB = re.compile(r"(?<!được )(?<!bị )\b" + _ACT, re.IGNORECASE)  # in the title
_NOT_THE_OBJECT = re.compile(r"\b(?:bởi|theo quy định|quy định tại|căn cứ|dẫn chiếu)\b", re.I)
_ENDED = re.compile(r"hết hiệu lực", re.IGNORECASE)
_ACTS = re.compile(r"sửa đổi|thay thế|bãi bỏ|hết hiệu lực", re.IGNORECASE)
_TITLES = (
    "CHỦ TỊCH", "THỦ TƯỚNG", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "CHÁNH VĂN PHÒNG", "GIÁM ĐỐC",
    "TRƯỞNG BAN", "CHỦ NHIỆM", "TỔNG THƯ KÝ", "CHÁNH ÁN", "VIỆN TRƯỞNG", "TỔNG KIỂM TOÁN",
    "CỤC TRƯỞNG", "VỤ TRƯỞNG", "THỐNG ĐỐC", "BÍ THƯ", "TRƯỞNG ĐOÀN", "TỔNG GIÁM ĐỐC",
)  # fmt: skip
_WORD = rf"[{_UPPER}][{_LOWER}]+"
_SIGN = re.compile(
    rf"(?<![{_LOWER}{_UPPER}])(?:(?:TM|T\.M|KT|TL|TUQ|Q)\.\s*)?(?:PHÓ\s+)?(?:{'|'.join(_TITLES)})"
    rf"(?:\s+[{_UPPER}]+)*\s*(?P<signed>\(\s*(?:[Đđ]ã ký|[Kk]ý)[^)]*\)\s*)?"
    rf"(?P<name>(?:{_WORD}\s+){{1,4}}{_WORD}(?![{_LOWER}{_UPPER}])(?!\s+[{_LOWER}])"
    rf"(?!\s+[{_UPPER}](?![{_LOWER}{_UPPER}]))"  # a name cut short ("Phạm Thị T") is no name
    rf"|(?:[{_UPPER}]+\s+){{1,4}}[{_UPPER}]+(?![{_LOWER}{_UPPER}]))",
)
_TITLE_LINE = re.compile(
    rf"^(?:(?:TM|T\.M|KT|TL|TUQ|Q)\.|(?:PHÓ\s+)?(?:{'|'.join(_TITLES)})\b|"
    r"CHÍNH PHỦ|QUỐC HỘI|ỦY BAN|HỘI ĐỒNG)"
)
_ROOT = ("content",)
_SENTENCES = re.compile(r"(?<=\.)\s+(?=\S)")
_CLAUSES = re.compile(r"(?<=;)\s+(?=\S)")
_QUOTE = re.compile(r"[:“\"]")  # amended text quoted after "như sau:" is not the object


def _paragraphs(blocks: Sequence[Block]) -> list[tuple[int, str]]:
    """Body text by paragraph, with the index of the block it starts in; a block that ends
    mid-sentence continues into the next one of the same section (a hard wrap before a
    number: "kể từ ngày" / "01 tháng 01 năm 2026")."""
    out: list[tuple[int, str]] = []
    previous: Block | None = None
    for i, block in enumerate(blocks):
        if block.kind not in _ROOT:
            previous = None
            continue
        text = " ".join(block.lines)
        if (
            out
            and previous is not None
            and previous.section == block.section
            and out[-1][1][-1:] not in ".;:!?"
            and text[:1].isdigit()
        ):
            out[-1] = (out[-1][0], f"{out[-1][1]} {text}")
        else:
            out.append((i, text))
        previous = block
    return out


def effective(blocks: Sequence[Block], *, signed: str | None, passed: str | None) -> str | None:
    """The date the document itself takes effect: its own "... này có hiệu lực (thi hành) từ
    ngày ...", preferring a clause that starts with it over a provision's own date."""
    later: str | None = None
    for _, text in _paragraphs(blocks):
        if "hiệu lực" not in text:
            continue
        for match in _EFFECTIVE.finditer(text):
            when = match["when"].lower()
            if match.group(3):
                value = _iso(match.group(3), match.group(4), match.group(5))
            elif "thông qua" in when:
                value = passed or signed
            else:
                value = signed
            before = text[: match.start()].rstrip()
            if value and (
                not before or before[-1] in ".;:" or re.fullmatch(r"\d+\.|[a-zđ]\)", before)
            ):
                return value
            later = later or value
    return later


def amended(subject: str | None, blocks: Sequence[Block], *, own: str | None) -> tuple[str, ...]:
    """Numbers of the documents this one amends, supplements, replaces or repeals, as printed:
    from its subject, its articles' titles ("Điều 33. Bãi bỏ ... Luật số 71/2025/QH15") and the
    clauses that act ("3. Bãi bỏ ...", "... hết hiệu lực", "bãi bỏ các văn bản sau:" + list)."""
    found: list[str] = []
    if subject:
        found += _objects(subject, _SUBJECT_VERB)
    titles = dict.fromkeys(h for b in blocks for h in b.section if h.startswith("Điều "))
    for title in titles:
        found += _objects(re.sub(r"^Điều\s+\S+\s*", "", title), _VERB)
    for i, text in _paragraphs(blocks):
        if PREAMBLE.match(text) or not _ACTS.search(text):
            continue
        for sentence in _SENTENCES.split(text):
            ended = _ENDED.search(sentence)
            if ended:
                found += _numbers(sentence[: ended.start()])[:1]
            for clause in _CLAUSES.split(sentence):
                found += _objects(clause, _VERB)
                if _SELF.match(clause):
                    found += _objects(clause, _AFTER_COMMA)
        block = blocks[i]
        if text.endswith(":") and (_VERB.search(text) or _ENDED.search(text)):
            depth = len(block.section)
            for child in blocks[i + 1 :]:
                if len(child.section) <= depth or child.section[:depth] != block.section:
                    break
                first = re.split(r"[;.](?:\s|$)", " ".join(child.lines), maxsplit=1)[0]
                found += _numbers(first)[:1]
    own_key = _key(own) if own else None
    out: list[str] = []
    for number in found:
        if _key(number) != own_key and _key(number) not in {_key(n) for n in out}:
            out.append(number)
    return tuple(out)


def _objects(text: str, verbs: re.Pattern[str]) -> list[str]:
    """The first document number after each amending verb ("bãi bỏ Nghị quyết số ...")."""
    out: list[str] = []
    for verb in verbs.finditer(text):
        window = _QUOTE.split(text[verb.end() : verb.end() + 260], maxsplit=1)[0]
        number = _NUMBER.search(window)
        if number and not _NOT_THE_OBJECT.search(window[: number.start()]):
            out.append(_clean(number["num"]))
    return out


def _numbers(text: str) -> list[str]:
    out = []
    for m in _NUMBER.finditer(text):
        if not _NOT_THE_OBJECT.search(text[max(0, m.start() - 30) : m.start()]):
            out.append(_clean(m["num"]))
    return out


def _clean(number: str) -> str:
    return re.sub(r"\s+", "", number).rstrip(".,;:-")


def _key(number: str) -> str:
    return _clean(number).upper()


def signer(signature: Sequence[str], blocks: Sequence[Block]) -> str | None:
    """The name under the signature title: the structure's signature block when it names one,
    else the first "TITLE (Đã ký) Name" found in the text (a flattened signature table),
    reading the right-hand column of a closing table on its own."""
    named = _from_lines(signature)
    if named:
        return named
    streams: list[str] = []
    rows = (getattr(getattr(b, "table", None), "rows", None) or () for b in blocks)
    cells = [cell for table in rows for row in table for cell in row if cell]
    lines = [line for b in blocks if b.section or b.kind != "heading" for line in b.lines]
    streams.extend(cells)  # a signature drawn as a table: title and name in one cell
    for i, line in enumerate(lines):
        streams.append(line)
        if line == line.upper() and line != line.lower():  # a title, the name on a next line
            streams.append(" ".join(lines[i : i + 5]))
    right: list[str] = []  # the right-hand column of a closing table drawn with "|"
    for line in [*lines, ""]:
        if "|" in line:
            right.append(line.rsplit("|", 1)[1].replace("\\", " "))
        elif right:
            streams.append(" ".join(right))
            right = []
    for text in streams:
        for match in _SIGN.finditer(" ".join(text.split())):
            name = match["name"]
            if is_caps(name) and not match["signed"]:
                continue  # "CHỦ TỊCH ỦY BAN NHÂN DÂN" is a title, not a name
            if _is_name(name):
                return name.title() if is_caps(name) else name
    return None


def _from_lines(lines: Sequence[str]) -> str | None:
    """ "CHỦ TỊCH", "Phạm Hoàng Sơn" -> the name; a name in capitals is title-cased."""
    lines = [line.strip(" *") for line in lines if line.strip(" *")]
    names = [s for s in lines if not is_caps(s) and not SIGNED.match(s) and _is_name(s)]
    if names:
        return names[-1]
    last = lines[-1] if lines else ""
    if len(lines) > 1 and is_caps(last) and _is_name(last) and not _TITLE_LINE.match(last):
        return last.title()
    return None


def _is_name(text: str) -> bool:
    """A person's name: two to six words, each capitalized, no digits or punctuation."""
    words = text.split()
    return 2 <= len(words) <= 6 and all(
        re.fullmatch(rf"[{_UPPER}][{_LOWER}{_UPPER}]*", w) for w in words
    )


def _iso(day: str, month: str, year: str) -> str | None:
    import datetime as dt

    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
