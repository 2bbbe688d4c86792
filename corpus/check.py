"""What staff need to see why a document answers badly: its metadata, how its text was cut,
what the reader noticed, and warnings computed from the Document alone."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from corpus.types import Document

TINY_WORDS = 3  # a content passage under this many words is a fragment
TINY_SHARE = 0.05  # ... and more than this share of them is a warning
GARBLED_RATE = 0.02  # share of word pieces that cannot be Vietnamese syllables
LONG_CHARS = 2000  # a passage longer than this is hard to cite and to embed
_VOWELS = set("aăâeêioôơuưy")
# one-letter words of Vietnamese, and the điểm labels "a" .. "y" ("điểm đ khoản 2")
_ONE_LETTER = set("aàạăâeêioôơởuưyýừđ") | set("bcdghklmnpqrstvx")
_ROMAN = set("IVXLCDM")
_PUNCT = ".,;:()[]{}“”\"'!?*…/|-–"


@dataclass(frozen=True, slots=True)
class Report:
    doc_id: str
    title: str
    number: str | None
    kind: str | None
    issuer: str | None
    date: str | None
    effective: str | None
    region: str | None
    passages: dict[str, int]  # by kind
    tables: int
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())


def check(doc: Document) -> Report:
    m = doc.meta
    return Report(
        doc_id=m.doc_id,
        title=m.title,
        number=m.number,
        kind=m.kind,
        issuer=m.issuer,
        date=m.date,
        effective=m.effective,
        region=m.region,
        passages=dict(Counter(p.kind for p in doc.passages)),
        tables=count_tables(doc),
        notes=doc.notes,
        warnings=tuple(warnings(doc)),
    )


def count_tables(doc: Document) -> int:
    """Whole-table passages, plus the sections whose rows came without one."""
    tables = {p.section for p in doc.passages if p.kind == "table"}
    rows = {p.section for p in doc.passages if p.kind == "row"}
    return sum(1 for p in doc.passages if p.kind == "table") + len(rows - tables)


def warnings(doc: Document) -> list[str]:
    m = doc.meta
    out: list[str] = []
    if m.title in (m.doc_id, m.kind):
        out.append("no title found (the title block gives no type and subject)")
    for value, name in ((m.number, "number"), (m.date, "date"), (m.issuer, "issuer")):
        if not value:
            out.append(f"no {name} found")
    content = [p for p in doc.passages if p.kind == "content"]
    tiny = [p for p in content if len(p.text.split()) < TINY_WORDS]
    if content and len(tiny) / len(content) > TINY_SHARE:
        out.append(
            f"many tiny passages: {len(tiny)} of {len(content)} content passages "
            f"({len(tiny) / len(content):.0%}) have fewer than {TINY_WORDS} words "
            "(a table or the text split apart?)"
        )
    rate, examples = garbled(" ".join(p.text for p in content))
    if rate > GARBLED_RATE:
        out.append(
            f"text looks garbled: {rate:.1%} of words are pieces of syllables "
            f"({', '.join(examples)}): words split by the reader?"
        )
    long = [p for p in doc.passages if len(p.text) > LONG_CHARS]
    if long:
        out.append(f"{len(long)} passages longer than {LONG_CHARS:,} characters")
    if any("ocr" in note.lower() for note in doc.notes):
        out.append("read through OCR: check numbers and names against the original")
    return out


def garbled(text: str) -> tuple[float, list[str]]:
    """The share of words that cannot be Vietnamese syllables: pieces without a vowel ("Ngh",
    "ng"), a lone capital ("H" of "H ồ Đức Phớc"), a lone marked vowel ("ự" of "T ự do")."""
    words = [w.strip(_PUNCT) for w in text.split()]
    words = [w for w in words if w.isalpha()]
    pieces = [w for w in words if _is_piece(w)]
    return (len(pieces) / len(words) if words else 0.0), list(dict.fromkeys(pieces))[:5]


def _is_piece(word: str) -> bool:
    if len(word) > 1:
        return not word.isupper() and not any(_base(c) in _VOWELS for c in word)
    if word.lower() in _ONE_LETTER:
        return False
    if word.isupper():
        return word not in _ROMAN and not word.isascii()  # "A", "B" name groups and zones
    return True


def _base(c: str) -> str:
    if c in "đĐ":
        return "d"
    return "".join(
        x for x in unicodedata.normalize("NFD", c.lower()) if not unicodedata.combining(x)
    )
