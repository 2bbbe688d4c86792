"""The parts a document is divided into or attaches (its chapters, its appendices), read from
the headings of its passages: what a part the question names is about ("Phụ lục I quy định
danh mục gì" -> its title) and which parts a document has ("có những phụ lục nào")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from corpus.casing import recase
from corpus.types import Passage
from index.fold import fold

# a part's heading: "Phụ lục I. CÔNG VIỆC ...", "Phụ lục 02.1. TỶ LỆ ...", "Phụ lục. BIỂU MỨC
# THU ...", "Chương II. ĐỐI TƯỢNG ..." (folded, lower case)
_HEADING = re.compile(
    r"^(phu luc|chuong)(?:\s+(?:so\s+)?([0-9]+(?:\.[0-9]+)?|[ivxlc]+)\b)?\s*[.:]?\s*"
)
# a part the question names, folded: "phụ lục I", "phu luc 01", "chương 3", "appendix II"
_NAMED = re.compile(
    r"\b(?:(phu luc|appendix|annex)(?:\s+(?:so\s+)?([0-9]+(?:\.[0-9]+)?|[ivxlc]+)\b)?|"
    r"(chuong|chapter)\s+(?:so\s+)?([0-9]+|[ivxlc]+)\b)"
)
_KIND = {"appendix": "phu luc", "annex": "phu luc", "chapter": "chuong"}
# the question asks what the part is: "... là gì", "quy định (danh mục) gì", "nói về gì",
# "về nội dung gì", "what is ... about"
_ASKS_WHAT = re.compile(
    r"(?:\bgi|\bgi (?:vay|v|z|a|ha|nhi))\s*\??\s*$|^what (?:is|does)\b|\bwhat\b.*\babout\s*\??\s*$"
)
# the question asks which parts there are: "có những phụ lục nào", "gồm mấy chương", "which
# appendices"
_PARTS = r"(phu luc|chuong(?! trinh)|appendices|annexes|chapters)\b"
_ASKS_WHICH = re.compile(
    rf"\b(?:may|bao nhieu|which|what|how many)\s+{_PARTS}|\b(?:nhung|cac)\s+{_PARTS}\s+(?:nao|gi)\b"
)
# what a question about a part may say besides naming it and its document: the rest is what it
# asks of the part's content ("tiêu chí đánh giá về đạo đức là gì"), which its title does not
# answer
_FRAME = re.compile(
    r"\b(?:phu luc|chuong|appendix|annex|chapter|so|[0-9ivxlc]+(?:[./-][0-9a-zđ-]+)*|"
    r"nghi dinh|nghi quyet|thong tu|luat|quyet dinh|nd|nq|tt|qd|decree|resolution|circular|law|"
    r"cua|theo|trong|kem theo|kem|ban hanh|nam|tinh|thanh pho|tp|hdnd|ubnd|chinh phu|quoc hoi|"
    r"la|gi|ve|quy dinh|noi|noi dung|danh muc|de cap|van de|dung de|dung|"
    r"what|is|does|do|about|cover|covers|the|of|in|say|vay|v|z|a|ha|nhi)\b"
)
# a form, an article or a clause named: the question asks that, inside the part
_INNER = re.compile(r"\b(?:mau|bieu|form|dieu|khoan|diem|article|clause)\b")
MAX_ASKED = 3  # words left besides the frame: a place name ("Vĩnh Long") at most
_PLURAL = {"appendices": "phu luc", "annexes": "phu luc", "chapters": "chuong"}
_LABEL_WORD = {"phu luc": "Phụ lục", "chuong": "Chương"}


@dataclass(frozen=True, slots=True)
class Part:
    kind: str  # "phu luc" or "chuong", folded
    key: str  # "I", "02.1"; "" for the one unnumbered appendix ("Phụ lục")
    heading: str  # as the document writes it: "Phụ lục I. CÔNG VIỆC KHAI THÁC THAN ..."
    title: str  # "công việc khai thác than trong hầm lò", in the document's own casing
    passage: Passage  # its first passage, cited for it
    rows: tuple[Passage, ...] = ()  # the rows of its first table ("Mẫu số 01 — Văn bản ...")

    @property
    def label(self) -> str:
        return f"{_LABEL_WORD[self.kind]} {self.key}".strip()


@dataclass(frozen=True, slots=True)
class PartQuestion:
    kind: str  # "phu luc" or "chuong"
    key: str | None  # the part named ("I"); None when the question asks which parts there are


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _number(key: str) -> str:
    """A part number as digits: "01" -> "1", "IV" -> "4" (people type "phụ lục 1" for "I")."""
    if key.isdigit():
        return key.lstrip("0") or "0"
    values = [_ROMAN[c] for c in key.upper() if c in _ROMAN]
    if len(values) != len(key):
        return key.upper()
    total = sum(
        -v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)
    )
    return str(total)


def _same_key(a: str, b: str) -> bool:
    """ "01" and "1", "I" and "1", "02.1" and "2.1" name the same part."""
    return [_number(x) for x in a.split(".")] == [_number(x) for x in b.split(".")]


def parts_of(passages: Iterable[Passage]) -> list[Part]:
    """A document's chapters and appendices, in the order of its passages, each with the first
    passage under it."""
    passages = list(passages)
    # the words as the document writes them in running text, not in its capitalized headings
    references = [
        piece for p in passages for piece in re.split(r"\n| — ", p.text) if not _shouted(piece)
    ]  # a table row's cells are " — " apart, its headers often in capitals
    found: dict[str, Part] = {}
    for p in passages:
        for element in p.section:
            folded = fold(element).lower()
            m = _HEADING.match(folded)
            if not m or element in found:
                continue
            kind, key = m.group(1), (m.group(2) or "").upper()
            caps = element[m.end() :].strip(" .:*")
            title = recase(caps, references) if caps.isupper() else caps
            found[element] = Part(kind, key, element, title, p)
            break  # the outermost part a passage lies in names it
    for element, part in found.items():
        rows = [p for p in passages if p.kind == "row" and p.section and p.section[0] == element]
        table = [p for p in rows if p.section == rows[0].section] if rows else []
        found[element] = replace(part, rows=tuple(table))
    return list(found.values())


def _shouted(line: str) -> bool:
    """A line written mostly in capitals (a heading, a table's header)."""
    letters = [c for c in line if c.isalpha()]
    return sum(c.isupper() for c in letters) > len(letters) / 3


def row_text(row: Passage) -> str:
    """A row of a part's table without the part's name before it: "Mẫu số 01 — Văn bản ..."."""
    head = row.section[0] if row.section else ""
    text = row.text
    if head and text.startswith(head):
        text = text[len(head) :].lstrip(" —-")
    return text


def part_question(question: str) -> PartQuestion | None:
    """What the question asks of a document's parts: what one it names is about, or which
    parts it has; None when it asks neither."""
    folded = fold(question).lower()
    which = _ASKS_WHICH.search(folded)
    if which:
        word = which.group(1) or which.group(2)
        return PartQuestion(_PLURAL.get(word, word), None)
    named = [(a or c, b or d) for a, b, c, d in _NAMED.findall(folded)]
    if len(named) != 1 or not _ASKS_WHAT.search(folded) or _INNER.search(folded):
        return None
    if len(re.findall(r"\w+", _FRAME.sub(" ", folded))) > MAX_ASKED:
        return None  # something inside the part is asked, not what the part is
    word, key = named[0]
    return PartQuestion(_KIND.get(word, word), key.upper())


def answer_part(asked: PartQuestion, parts: list[Part]) -> list[Part]:
    """The parts that answer: the one named (the only one of its kind, when the question gives
    no number), or every part of the kind asked; empty when the document has none such."""
    of_kind = [p for p in parts if p.kind == asked.kind]
    if asked.key is None:
        return of_kind
    if asked.key == "":
        return of_kind if len(of_kind) == 1 else []
    return [p for p in of_kind if p.key and _same_key(p.key, asked.key)][:1]
