"""Metadata: what the front matter or sidecar says, else what the document states about itself:
its title block (corpus.header), the enacting formula ("Chính phủ ban hành Nghị định ..."), the
closing formula ("... được Hội đồng nhân dân tỉnh X khóa XIV, kỳ họp thứ 10 thông qua ngày
..."), the article on its entry into force ("có hiệu lực thi hành từ ngày ...") and on what it
amends, replaces or repeals, and the signature ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / (Đã ký) / name").
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path
from typing import Any

from corpus.casing import apply_names, name_case, recase, region_of
from corpus.clauses import amended, effective, signer
from corpus.frontmatter import FIELDS as _FIELDS
from corpus.frontmatter import from_front_matter
from corpus.header import NAMED_KINDS, Header, fuzzy, read_header
from corpus.lines import ENACTING, PREAMBLE, is_caps
from corpus.structure import Structure
from corpus.types import DocumentMeta

_DATE_WORDS = r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})"
_DATE_DMY = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
_KIND_WORDS = (
    "Thông tư liên tịch|Nghị quyết liên tịch|Nghị quyết|Nghị định|Quyết định|Thông tư|Bộ luật|"
    "Luật|Pháp lệnh|Chỉ thị|Kế hoạch|Quy định|Quy chế"
)
_PASSED = re.compile(
    rf"(?:{_KIND_WORDS}|Hiến pháp)\s+này\s+(?:đã\s+)?được\s+(?P<issuer>[^.;:]{{3,160}}?)\s*,?\s*"
    rf"(?:{fuzzy('nước Cộng hòa xã hội chủ nghĩa Việt Nam', upper=False)}\s*,?\s*)?"
    r"(?:(?P<session>khóa\s+[IVXLC]+\b[^.;]{0,120}?)\s*,?\s*)?thông qua\s*"
    r"(?:ngày\s*(?P<date>\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4}|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}))?",
    re.IGNORECASE,
)
_ENACTS = re.compile(
    rf"^(?P<who>[^.;:]{{2,140}}?)\s+ban hành\s+(?P<kind>{_KIND_WORDS})\b\s*[“\"]?"
    r"(?P<subject>[^“”\"]+?)[”\"]?\s*[.;]?\s*(?:/\.)?$"
)
_WHO = re.compile(
    r"^(?:Chính phủ|Quốc hội|Ủy ban Thường vụ Quốc hội|Thủ tướng Chính phủ|Chủ tịch nước|"
    r"Hội đồng nhân dân|Ủy ban nhân dân|Bộ trưởng|Chủ tịch|Tổng Kiểm toán|Thống đốc|Chánh án|"
    r"Viện trưởng|Giám đốc)",
    re.IGNORECASE,
)
_CODES = {
    "NQ": "Nghị quyết", "NĐ": "Nghị định", "QĐ": "Quyết định", "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch", "CT": "Chỉ thị", "KH": "Kế hoạch", "BC": "Báo cáo",
    "TB": "Thông báo", "HD": "Hướng dẫn", "QC": "Quy chế", "ĐA": "Đề án", "CTr": "Chương trình",
    "TTr": "Tờ trình", "CĐ": "Công điện", "L": "Lệnh", "PL": "Pháp lệnh",
}  # fmt: skip
_LOCAL = re.compile(r"^(?:Hội đồng nhân dân|Ủy ban nhân dân)", re.IGNORECASE)
_FRONT_LIMIT = 80
_NOTE_FIELDS = (("number", "number"), ("date", "date"), ("no type", "kind"), ("no title", "title"))


def build_meta(
    doc_id: str, structure: Structure, front: dict[str, Any], path: Path, fingerprint: str
) -> DocumentMeta:
    return read_meta(doc_id, structure, front, path, fingerprint)[0]


def read_meta(
    doc_id: str, structure: Structure, front: dict[str, Any], path: Path, fingerprint: str
) -> tuple[DocumentMeta, tuple[str, ...]]:
    """The document's metadata, and notes on what its title block lacks (for staff)."""
    found = extract(structure)
    given = from_front_matter(front, path)
    values = {name: given.get(name) or found.get(name) for name in _FIELDS}
    if "issuer" in given and "region" not in given:
        values["region"] = region_of(given["issuer"])
    values["amends"] = tuple(values["amends"] or ())
    meta = DocumentMeta(
        doc_id=doc_id,
        title=values.pop("title") or doc_id,
        path=str(path),
        fingerprint=fingerprint,
        **values,
    )
    notes = [n for n in found["notes"] if not _answered(n, given)]
    return meta, tuple(notes)


def _answered(note: str, given: dict[str, Any]) -> bool:
    """A note about a field the front matter supplies is no longer news."""
    return any(note.startswith(prefix) and name in given for prefix, name in _NOTE_FIELDS)


def front_lines(structure: Structure) -> list[str]:
    """The lines before the body: the title block and the căn cứ, also when the structure
    parser left part of the title block in root-level blocks."""
    lines = list(structure.title_lines)
    for block in structure.blocks:
        if block.section or block.kind in ("signature", "recipients") or len(lines) > _FRONT_LIMIT:
            break
        if block.kind == "heading" and tuple(block.lines) == tuple(structure.title_lines):
            continue
        lines.extend(block_texts(block))
    return lines


def block_texts(block) -> list[str]:
    """A block's lines, and the cells of a table it holds (a title block or a signature drawn
    as a table), one per line."""
    rows = getattr(getattr(block, "table", None), "rows", None) or ()
    return [*block.lines, *(cell for row in rows for cell in row if cell)]


def extract(structure: Structure) -> dict[str, Any]:
    """Metadata the text states; "notes" lists what looked wrong on the way."""
    front = front_lines(structure)
    header = read_header(front)
    paragraphs = _paragraphs(front)
    formula = next((m for p in paragraphs if (m := _enacts(p))), None)
    texts = [line for block in structure.blocks for line in block_texts(block)]
    body = " ".join(texts)
    passed = _PASSED.search(body)
    found: dict[str, Any] = {"notes": list(header.notes)}
    kind = header.kind or header.number_kind or _kind_of_number(header.number)
    if kind and not header.kind and header.number_kind is None and kind != "Công văn":
        found["notes"].append(f"no type line in the title block; type from the number ({kind})")
    found["kind"] = kind
    found["title"] = _title(kind, header, formula, paragraphs + texts[:200], front)
    found["number"] = header.number
    found["issuer"] = _issuer(header, passed, formula, structure.signature, texts)
    found["region"] = region_of(found["issuer"])
    found["session"] = header.session or (
        _session(passed["session"]) if passed and passed["session"] else None
    )
    passed_on = _date_text(passed["date"]) if passed and passed["date"] else None
    found["date"] = header.date or passed_on
    found["signer"] = signer(structure.signature, structure.blocks)
    found["effective"] = effective(structure.blocks, signed=found["date"], passed=passed_on)
    found["amends"] = amended(header.subject, structure.blocks, own=header.number)
    if not found["title"]:
        found["notes"].append("no title found in the title block")
    return found


def _paragraphs(lines: list[str]) -> list[str]:
    """Front lines joined into sentences: a line not ending in . ; : continues on the next."""
    out: list[str] = []
    for line in lines:
        line = re.sub(r"^[\W_]+(?=\w)", "", line.strip(" *"))  # "__ Chính phủ ban hành ..."
        if not line:
            continue
        if out and out[-1][-1:] not in ".;:" and not PREAMBLE.match(line) and not is_caps(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _enacts(paragraph: str) -> re.Match[str] | None:
    if PREAMBLE.match(paragraph) or ENACTING.match(paragraph):
        return None
    match = _ENACTS.match(paragraph)
    return match if match and _WHO.match(match["who"]) else None


def _title(
    kind: str | None, header: Header, formula, references: list[str], front: list[str]
) -> str | None:
    if not kind:
        return _first_line(header, front, references)
    named = kind in NAMED_KINDS
    subject = header.subject
    if subject and formula and formula["kind"].lower() == kind.lower():
        subject = _without_lead(subject, formula["subject"])
    if subject and is_caps(subject):
        refs = [formula.group(0)] * 5 + references if formula else references
        subject = recase(subject, refs, name=named)
    elif not subject and formula and formula["kind"].lower() == kind.lower():
        subject = formula["subject"].strip()
    if not subject:
        return kind if kind == "Hiến pháp" else None  # the one type that is its own name
    subject = subject[:1].upper() + subject[1:] if named else _lower_first(subject)
    return f"{kind} {subject}"


def _first_line(header: Header, front: list[str], references: list[str]) -> str | None:
    """A text without a title block (no type, number or issuer) may open with its title:
    a short line of several words that is not a sentence."""
    if header.number or header.issuer or header.date:
        return None
    first = next((line.strip(" *#") for line in front if line.strip(" *#")), "")
    words = first.split()
    if not 3 <= len(words) <= 30 or first[-1] in ".;:," or PREAMBLE.match(first):
        return None
    text = recase(first, references) if is_caps(first) else first
    return text[:1].upper() + text[1:]


def _without_lead(subject: str, restated: str) -> str:
    """The subject without the specks before the words the enacting formula restates (a
    stamp OCR read into the line: "dưng = Quy định về ..."); marks are ignored in the
    comparison, since OCR misreads them in one place or the other."""
    words, again = subject.split(), restated.split()
    if not 0 < len(again) < len(words):
        return subject
    lead = words[: len(words) - len(again)]
    if not any(not _bare(w) for w in lead):
        return subject  # the formula just words it shorter ("về việc quy định ...")
    if [_bare(w) for w in words[-len(again) :]] == [_bare(w) for w in again]:
        return " ".join(words[-len(again) :])
    return subject


def _bare(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if c.isalnum()).replace(
        "đ", "d"
    )


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text if len(first) > 1 and first.isupper() else text[:1].lower() + text[1:]


def _issuer(header: Header, passed, formula, signature, texts) -> str | None:
    issuer = _tidy(header.issuer) or _tidy(header.authority)
    closing = _tidy(passed["issuer"]) if passed else None
    if closing and (issuer is None or (_LOCAL.match(issuer) and not region_of(issuer))):
        issuer = closing
    if issuer is None:
        behalf = next((s[3:].strip() for s in signature if s.startswith(("TM.", "T.M."))), None)
        issuer = _tidy(behalf)
    if issuer is None and formula:
        who = re.sub(r"^(?:Bộ trưởng|Chủ tịch)\s+(?=\S)", "", formula["who"])
        issuer = _tidy(who) if who != formula["who"] or _WHO.match(who) else None
    return issuer


def _tidy(name: str | None) -> str | None:
    """An issuer in normal case, with its unit word in lower case ("thành phố Hà Nội")."""
    if not name:
        return None
    name = " ".join(name.split()).strip(" ,.")
    if is_caps(name):
        return name_case(name)
    name = re.sub(r"\b(Thành phố|Tỉnh)\s+(?=[A-ZĐÀ-Ỹ])", lambda m: m.group(1).lower() + " ", name)
    return apply_names(name)


def _session(text: str) -> str:
    text = " ".join(text.split()).strip(" ,")
    text = re.sub(r"(?i)^(khóa\s+[IVXLC]+)\s*,?\s*(?:k[ỳy]|phiên)(?=\s+họp)", _sitting, text)
    return re.sub(r"(?i)\b(khóa|kỳ họp|phiên họp)\b", lambda m: m.group(1).capitalize(), text)


def _sitting(match: re.Match[str]) -> str:
    word = "phiên" if match.group(0).lower().endswith("phiên") else "kỳ"
    return f"{match.group(1)}, {word}"


def _kind_of_number(number: str | None) -> str | None:
    """The type its number's code stands for: "57/NQ-HĐND" -> Nghị quyết."""
    if not number:
        return None
    for part in number.split("/")[1:]:
        code = part.split("-")[0]
        if code in _CODES:
            return _CODES[code]
    return None


def _date_text(text: str) -> str | None:
    words = re.search(_DATE_WORDS, "ngày " + text)
    dmy = re.search(_DATE_DMY, text)
    return _iso(*words.groups()) if words else _iso(*dmy.groups()) if dmy else None


def dates_in(text: str) -> set[str]:
    """Every full date a text states, in words or as dd/mm/yyyy, as ISO dates."""
    found = (m.groups() for p in (_DATE_WORDS, _DATE_DMY) for m in re.finditer(p, text, re.I))
    return {iso for d, m, y in found if (iso := _iso(d, m, y))}


def _iso(day: str, month: str, year: str) -> str | None:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
