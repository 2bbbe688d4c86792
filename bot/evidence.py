"""Choosing the evidence: every clause, list item and table cell of the retrieved passages is a
candidate, scored by how much of the question it covers (in itself or through its headings),
whether it holds what the question asks for (a figure, a date, a name), and how well its passage
was retrieved."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.concepts import Concept, coverages, syllable_set
from bot.figures import DATE, SESSION, figures, has_unit, is_money, person_name, unit_of
from bot.understand import Query
from corpus.types import DocumentMeta, Passage
from index.types import Hit

# sentences end at . ! ? before a capital; clauses at ";" (long sentences of objectives list
# several tasks separated by semicolons)
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ+\-\d])|(?<=;)\s+|\n+")
_MONEY_Q = re.compile(
    r"\b(tien|dong|von|ngan sach|thu nhap|du toan|kinh phi|hoc phi|le phi|phi|luong|"
    r"phu cap|tro cap|muc chi|muc thu|gia|ho tro|cho vay|vay|nop|money|fee|wage|budget|cost|"
    r"pay|paid|allowance|loan)\b"
)
_PERCENT_Q = re.compile(r"\b(ty le|phan tram|ty trong|percent|percentage|share|rate)\b")


# How a candidate is scored: how well its passage was retrieved, how much of the question it
# and its headings cover, and how much it covers by itself (the clause that names the asked
# indicator beats its neighbours under the same heading).
W_RETRIEVAL, W_COVERED, W_OWN = 0.45, 0.45, 0.1


@dataclass(frozen=True, slots=True)
class Unit:
    """One candidate answer inside a retrieved passage."""

    rank: int  # which hit (0-based)
    start: int  # offsets of the unit in the passage text
    end: int
    text: str  # what the unit says ("Vùng I — Mức lương tối thiểu tháng: 5.310.000")
    value: str | None  # the figure, date or name it answers with, if any
    heading: str  # a table cell's column heading, or the clause's lead-in ("" if none)
    own: float  # coverage of the question by the unit itself
    covered: float  # coverage by the unit and its context (headings, title)
    score: float


def passage_context(passage: Passage, meta: DocumentMeta | None) -> str:
    """What frames a passage: its section path, the document's title and issuer."""
    parts = list(passage.section)
    if meta is not None:
        parts += [meta.title or "", meta.issuer or "", meta.kind or "", meta.number or ""]
    return " ".join(p for p in parts if p)


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


def value_for(query: Query, text: str, heading: str = "", per: str = "") -> str | None:
    """The figure, date or name this text answers the query with; `heading` and `per` are a
    table cell's column heading and the row's unit column ("người/ngày"), if any."""
    kind = query.kind
    if kind in ("figure", "other") or query.compare:
        unit = unit_of(heading) if heading else None
        if unit:  # "(1.000đ)" or "(1.000 đồng/trẻ/tháng)" is read "nghìn đồng ..."
            unit = re.sub(r"^1\.000\s*(?:đồng|đ)\b", "nghìn đồng", unit)
        found = [_with_unit(f, unit, per) for _, _, f in figures(text)]
        asks = asked_measure(query.standard)
        if asks == "money":  # an amount of money is answered by one, not by a count or a share
            found = [f for f in found if is_money(f)]
        elif asks == "percent":
            found = [f for f in found if "%" in f or "‰" in f]
        elif asks:  # "bao nhiêu tuổi": a figure counted in that unit, if the text has one
            found = [f for f in found if asks in _folded(f).split()] or found
        if not found:
            return None
        value = max(found, key=lambda f: (has_unit(f), len(f))) if len(found) > 1 else found[0]
        return value if kind == "figure" or query.compare else None
    if kind in ("date", "effective"):
        m = DATE.search(text)
        return m.group(0) if m else None
    if kind == "signer":
        return person_name(text)
    if kind == "session":
        found = SESSION.findall(text)
        return ", ".join(found) if found else None
    return None


_NOT_MONEY_Q = re.compile(r"\b(he so|bao nhieu lan|may lan|ty le|ty trong|phan tram)\b")


# "bao nhiêu tuổi", "mấy tiết", "bao nhiêu ngày": the noun after the question word is the unit
_ASKED_UNIT = re.compile(r"\b(?:bao nhieu|may)\s+([a-z]+)")
_NOT_UNITS = {"phan", "tien", "dong", "la", "mot", "moi", "thi", "duoc", "vay", "nhi", "a", "ha"}


def asked_measure(question: str) -> str | None:
    """ "money" when the question asks an amount of money, "percent" a share, the unit word
    it names ("tuoi", "tiet", "ngay": folded) when it asks a count of something, else None."""
    folded = _folded(question)
    if _PERCENT_Q.search(folded) or "%" in question:
        return "percent"
    unit = _ASKED_UNIT.search(folded)
    if unit and unit.group(1) not in _NOT_UNITS:
        return unit.group(1)
    if _MONEY_Q.search(folded) and not _NOT_MONEY_Q.search(folded):
        return "money"
    return None


def _with_unit(figure: str, unit: str | None, per: str = "") -> str:
    """The figure with the unit its column heading states and the row's unit column:
    "692" -> "692 nghìn đồng/người/ngày"."""
    figure = _with_heading_unit(figure, unit)
    if per and per.lower() not in figure.lower():
        figure = f"{figure}/{per}" if has_unit(figure) else f"{figure} {per}"
    return figure


def _with_heading_unit(figure: str, unit: str | None) -> str:
    if not unit or has_unit(figure):
        return figure
    if unit in ("%", "‰"):
        return f"{figure}{unit}"
    return f"{figure} ({unit})" if re.match(r"[\d.]", unit) else f"{figure} {unit}"


def _folded(text: str) -> str:
    from index.fold import fold

    return fold(text).lower()


def rank_units(
    query: Query,
    items: Sequence[Concept],
    hits: Sequence[Hit],
    metas: dict[str, DocumentMeta],
) -> list[Unit]:
    """Every candidate unit of the hits, best first."""
    best_hit = max((h.score for h in hits), default=1.0) or 1.0
    out: list[Unit] = []
    for rank, hit in enumerate(hits):
        p = hit.passage
        context = syllable_set(passage_context(p, metas.get(p.doc_id)))
        relative = max(0.0, hit.score) / best_hit
        for start, end, text, heading, per in _units(p):
            own_words = syllable_set(text)
            frame = context | syllable_set(heading) | syllable_set(_lead_in(p, start))
            own, covered = coverages(items, own_words, frame)
            value = value_for(query, text, heading, per)
            score = W_RETRIEVAL * relative + W_COVERED * covered + W_OWN * own - 0.015 * rank
            score += _type_bonus(query, text, value, p)
            out.append(Unit(rank, start, end, text, value, heading, own, covered, score))
    out.sort(key=lambda u: -u.score)
    return out


# A column that gives each row's unit ("Đơn vị tính": "người/ngày", "Lần").
_UNIT_COLUMN = re.compile(r"^đơn vị(?: tính)?\b", re.IGNORECASE)


def _is_value(cell: str) -> bool:
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


# Columns that number or code the rows (STT, Mã số): labels, never the answer.
_LABEL_COLUMN = re.compile(r"^(?:s[ốo]\s*)?(?:stt|tt|thứ tự|mã(?: số)?|ký hiệu)\b", re.IGNORECASE)


def _units(p: Passage) -> list[tuple[int, int, str, str, str]]:
    """(start, end, text, heading, per) of each candidate in a passage: a table row's value
    cells (each read with the row's labels; `per` is the row's unit column), a whole table's
    lines cell by cell, or clauses."""
    if p.kind == "row" and p.cells:
        parts = p.text.split(" — ")
        caption = parts[0]
        label = " — ".join(parts[1:-1])[:200] if len(parts) > 2 else ""  # group and row labels
        per = next((v for h, v in p.cells if _UNIT_COLUMN.match(h) and v), "")
        out = []
        for heading, value in p.cells:
            if not _is_value(value) or _LABEL_COLUMN.match(heading) or _UNIT_COLUMN.match(heading):
                continue
            where = p.text.rfind(value)
            start, end = (where, where + len(value)) if where >= 0 else (0, len(p.text))
            unit_heading = heading if unit_of(heading) else f"{heading} ({caption})"
            out.append((start, end, f"{label} — {heading}: {value}", unit_heading, per))
        return out or [(0, len(p.text), p.text, "", "")]
    if p.kind == "table":
        out = []
        lines = p.text.split("\n")
        caption = lines[0] if lines else ""
        offset = 0
        for line in lines:
            at = p.text.find(line, offset)
            offset = at + len(line)
            label, _, cells = line.rpartition(" — ")
            for cell in cells.split("; ") if label else [line]:
                heading, _, value = cell.rpartition(": ")
                if value and re.search(r"\d", value):
                    start = p.text.find(cell, at)
                    out.append(
                        (
                            start,
                            start + len(cell),
                            f"{label} — {cell}",
                            f"{heading} ({caption})",
                            "",
                        )
                    )
        return out or [(0, len(p.text), p.text, "", "")]
    return [(s, e, p.text[s:e], "", "") for s, e in clauses(p.text)]


def _lead_in(p: Passage, start: int) -> str:
    """The line that leads into the unit's list ("Cơ cấu kinh tế:"), if the unit is an item."""
    first = p.text.split("\n", 1)[0]
    return first if start > len(first) and first.rstrip().endswith(":") else ""


# an appendix's caption "(Ban hành kèm theo Nghị quyết số ...)" names a document, answers nothing
_CAPTION = re.compile(r"^\(?\s*(?:ban hành\s+)?kèm theo\b", re.IGNORECASE)


def _type_bonus(query: Query, text: str, value: str | None, p: Passage) -> float:
    bonus = -0.1 if text.rstrip().endswith(":") else 0.0  # a lead-in answers nothing alone
    if _CAPTION.match(text):
        bonus -= 0.4
    kind = query.kind
    if kind == "figure" or query.compare:
        bonus += 0.15 if value else -0.2
    elif kind in ("date", "effective"):
        bonus += 0.2 if value else -0.1
        if kind == "effective":
            bonus += 0.25 if value and "hiệu lực" in text.lower() else 0.0
    elif kind == "session":
        bonus += 0.2 if value else -0.1
    elif kind == "signer":
        bonus += 0.3 if p.kind == "signature" and value else -0.1
    if query.numbers:
        stated = set(re.findall(r"\d{1,5}/\d{4}/[\wĐđ-]+|\d{1,5}/[\wĐđ-]+", text))
        bonus += 0.2 if any(n in s for n in query.numbers for s in stated) else 0.0
    return bonus
