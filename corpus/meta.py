"""Metadata: what the front matter or sidecar says, else what the document states about itself
(its title block, the closing "... thông qua ngày 08 tháng 12 năm 2022", the signature)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from corpus.lines import SIGNED, SIGNER, is_caps
from corpus.normalize import normalize_line
from corpus.readers import ReadError
from corpus.structure import Structure
from corpus.types import DocumentMeta

_KINDS = (
    "THÔNG TƯ LIÊN TỊCH", "NGHỊ QUYẾT", "QUYẾT ĐỊNH", "BỘ LUẬT", "LUẬT", "HIẾN PHÁP", "NGHỊ ĐỊNH",
    "THÔNG TƯ", "CHỈ THỊ", "PHÁP LỆNH", "KẾ HOẠCH", "QUY ĐỊNH", "QUY CHẾ", "ĐỀ ÁN", "BÁO CÁO",
    "HƯỚNG DẪN", "THÔNG BÁO", "CÔNG VĂN", "CHƯƠNG TRÌNH",
)  # fmt: skip
_BODIES = (
    "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "HỘI ĐỒNG NHÂN DÂN", "ỦY BAN NHÂN DÂN", "QUỐC HỘI",
    "THỦ TƯỚNG CHÍNH PHỦ", "CHÍNH PHỦ",
)  # fmt: skip
_UNIT = re.compile(r"^(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN)\s+(.+)$")
_PROPER = ("Việt Nam", "Nhà nước", "Thủ đô", "Hà Nội")
_SESSION = re.compile(r"^KHÓA\s+([IVXLC]+)\s*,?\s*KỲ HỌP\s+(.+)$", re.IGNORECASE)
_NUMBER = re.compile(r"^Số\s*:?\s*(\d+[\w/.\-]*)", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^[^,]{2,40}, ngày\s+\d", re.IGNORECASE)
_DATE_WORDS = r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
_PASSED = re.compile(
    r"\bđược\s+(?P<issuer>.+?)\s+(?:nước Cộng hòa xã hội chủ nghĩa Việt Nam\s+)?"
    r"(?:(?P<session>khóa\s+[IVXLC]+\s*,\s*kỳ họp\s+.+?)\s+)?thông qua\s+" + _DATE_WORDS,
    re.IGNORECASE,
)
_ALIASES = {
    "issuing_body": "issuer", "issued_by": "issuer", "date_issued": "date", "issued": "date",
    "signed_by": "signer", "source": "source_url", "url": "source_url", "type": "kind",
}  # fmt: skip
_FIELDS = ("title", "number", "issuer", "date", "signer", "source_url", "kind", "session")


def build_meta(
    doc_id: str, structure: Structure, front: dict[str, Any], path: Path, fingerprint: str
) -> DocumentMeta:
    found = extract(structure)
    given = from_front_matter(front, path)
    values = {name: given.get(name) or found.get(name) for name in _FIELDS}
    return DocumentMeta(
        doc_id=doc_id,
        title=values.pop("title") or doc_id,
        path=str(path),
        fingerprint=fingerprint,
        **values,
    )


def from_front_matter(front: dict[str, Any], path: Path) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    for key, value in front.items():
        name = _ALIASES.get(key, key)
        if name not in _FIELDS or value is None or value == "":
            continue
        if name == "date":
            values[name] = _parse_date(value, path)
        else:
            values[name] = normalize_line(str(value))
    return values


def extract(structure: Structure) -> dict[str, str | None]:
    """Metadata the text states: title block, closing formula, signature."""
    lines = list(structure.title_lines)
    found: dict[str, str | None] = {}
    found["kind"], found["title"] = _title(lines)
    for line in lines:
        number = _NUMBER.match(line)
        if number and not found.get("number"):
            found["number"] = number.group(1).rstrip(".")
        session = _SESSION.match(line)
        if session and is_caps(line):
            found["session"] = f"Khóa {session.group(1).upper()}, Kỳ họp {session.group(2).lower()}"
        if is_caps(line) and not found.get("issuer"):
            found["issuer"] = _issuer(line)
        date = re.search(_DATE_WORDS, line)
        if date and not found.get("date"):
            found["date"] = _iso(*date.groups())
    passed = _PASSED.search(structure.closing or "")
    if passed:
        found["issuer"] = passed["issuer"].strip()
        found["date"] = _iso(*passed.group(3, 4, 5)) or found.get("date")
        if passed["session"]:
            found["session"] = _capitalize_words(passed["session"], ("khóa", "kỳ"))
    found["signer"] = _signer(structure.signature)
    return found


def _signer(lines: tuple[str, ...]) -> str | None:
    """The name under the title: "Phạm Hoàng Sơn", or "PHẠM HOÀNG SƠN" as "Phạm Hoàng Sơn"."""
    names = [s for s in lines if not is_caps(s) and not SIGNED.match(s)]
    if names:
        return names[-1]
    last = lines[-1] if lines else ""
    if (
        last
        and not SIGNER.match(last)
        and not last.startswith(_BODIES)
        and 2 <= len(last.split()) <= 5
    ):
        return last.title()
    return None


def _title(lines: list[str]) -> tuple[str | None, str | None]:
    for i, line in enumerate(lines):
        kind = next((k for k in _KINDS if is_caps(line) and re.match(rf"{k}\b", line)), None)
        if kind is None:
            continue
        name = _sentence(kind)
        rest = line[len(kind) :].strip(" :")
        if rest:
            return name, f"{name} {_sentence(rest)}"
        subject: list[str] = []
        for following in lines[i + 1 :]:
            if _NUMBER.match(following) or _PLACE_DATE.match(following):
                continue
            if is_caps(following) or (subject and not following[0].islower()):
                break
            subject.append(following)
        if not subject:
            return name, name
        text = " ".join(subject)
        return name, f"{name} {text[0].lower()}{text[1:]}"
    if lines:
        first = lines[0]
        return None, _sentence(first) if is_caps(first) else first
    return None, None


def _sentence(caps: str) -> str:
    """ "LUẬT AN NINH MẠNG" -> "Luật An ninh mạng"; "BỘ LUẬT DÂN SỰ" -> "Bộ luật Dân sự"."""
    lower = caps.lower()
    for kind in _KINDS:
        if caps.startswith(kind + " "):
            return f"{_sentence(kind)} {_sentence(caps[len(kind) + 1 :])}"
    text = lower[:1].upper() + lower[1:]
    for proper in _PROPER:
        text = re.sub(proper, proper, text, flags=re.IGNORECASE)
    return text


def _issuer(line: str) -> str | None:
    for body in _BODIES:
        if line.startswith(body):
            rest = line[len(body) :].strip()
            unit = _UNIT.match(rest)
            place = f" {unit.group(1).lower()} {unit.group(2).title()}" if unit else ""
            return _sentence(body) + place if unit or not rest else None
    return None


def _capitalize_words(text: str, words: tuple[str, ...]) -> str:
    for word in words:
        text = re.sub(rf"\b{word}\b", word.capitalize(), text, flags=re.IGNORECASE)
    return text


def _iso(day: str, month: str, year: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _parse_date(value: Any, path: Path) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    dmy = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    words = re.search(_DATE_WORDS, text)
    parsed = (
        _iso(iso.group(3), iso.group(2), iso.group(1))
        if iso
        else _iso(*dmy.groups())
        if dmy
        else _iso(*words.groups())
        if words
        else None
    )
    if parsed is None:
        raise ReadError(path, f"front matter: date {text!r} is not a date; write it as YYYY-MM-DD")
    return parsed
