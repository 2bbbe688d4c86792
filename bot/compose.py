"""Writing the answer from the chosen evidence: the figure, date or name first, then what it
measures and where it holds, every statement cited [n]. Nothing here invents text: values,
clauses and labels are copied from the cited passages or from the documents' metadata."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.evidence import Unit
from bot.understand import Query
from corpus.types import DocumentMeta, Passage

MAX_ITEMS = 7  # list answers show this many items, then "và N nội dung khác"
MAX_ITEM_CHARS = 140


@dataclass(frozen=True, slots=True)
class Cited:
    """A passage an answer cites, with the span it uses."""

    passage: Passage
    span: tuple[int, int] | None
    score: float


@dataclass(frozen=True, slots=True)
class Draft:
    text: str
    cited: tuple[Cited, ...]


def clause_of(unit: Unit, passage: Passage) -> str:
    """The unit's text as a statement: a table cell with its row label and heading; a clause
    with the lead-in line it belongs to ("Cơ cấu kinh tế: Công nghiệp, xây dựng: 59,4%")."""
    text = unit.text.strip().rstrip(";,")
    if passage.kind == "row":
        return text
    first = passage.text.split("\n", 1)[0]
    if unit.start > len(first) and first.rstrip().endswith(":"):
        text = f"{first.rstrip()} {text}"
    return text


def where(meta: DocumentMeta | None) -> str:
    """ "Nghị quyết 63/2025/NQ-HĐND của Hội đồng nhân dân thành phố Hà Nội" (what a reader
    needs to know where a figure holds)."""
    if meta is None:
        return ""
    kind = meta.kind or "Văn bản"
    head = f"{kind} {meta.number}" if meta.number else (meta.title or kind)
    if meta.issuer and meta.issuer.lower() not in head.lower():
        head = f"{head} của {meta.issuer}"
    return head


def figure_answer(query: Query, unit: Unit, passage: Passage, meta: DocumentMeta | None) -> str:
    clause = clause_of(unit, passage)
    value = unit.value or _first_figure(clause)
    body = clause if value not in clause or len(clause) > len(value) + 3 else ""
    source = where(meta)
    text = f"{value} — {body}" if body else value
    if source and passage.kind == "row":
        text = f"{text} ({source})"
    return f"{text} [1]"


def leads_with_figure(unit: Unit, passage: Passage) -> bool:
    """ "GRDP bình quân đầu người: 115 triệu đồng/người/năm": an indicator and its figure, which
    an answer leads with even when the question did not say "bao nhiêu"."""
    from bot.figures import figures

    clause = clause_of(unit, passage)
    label, _, rest = clause.partition(":")
    found = figures(rest) if rest else []
    return bool(found) and len(label) <= 120 and unit.value is None


def _first_figure(clause: str) -> str:
    from bot.figures import figures

    _, _, rest = clause.partition(":")
    found = figures(rest or clause)
    return found[0][2] if found else ""


def value_answer(unit: Unit, passage: Passage) -> str:
    clause = clause_of(unit, passage)
    if unit.value and unit.value != clause:
        return f"{unit.value} — {clause} [1]"
    return f"{clause} [1]"


def yesno_answer(query: Query, unit: Unit, passage: Passage) -> str:
    clause = clause_of(unit, passage)
    return f"{'Không' if _denies(query.standard, clause) else 'Có'}. {clause} [1]"


_NEGATION = re.compile(
    r"\b(?:không|chưa|chẳng|không được|không phải|miễn|cấm|nghiêm cấm|trừ)\b", re.IGNORECASE
)


def _denies(question: str, clause: str) -> bool:
    """The clause says no to the question: it negates where the question does not."""
    asked = set(m.lower() for m in _NEGATION.findall(_strip_yesno(question)))
    stated = set(m.lower() for m in _NEGATION.findall(clause))
    return bool(stated - asked)


def _strip_yesno(question: str) -> str:
    """The question without its closing "... không?" / "... chưa?" / "có phải ... không"."""
    q = re.sub(r"\s*(?:hay|hoặc)?\s*(?:không|chưa|phải không|đúng không)\s*\??\s*$", "", question)
    return re.sub(r"^\s*(?:có phải|có)\s+", "", q, flags=re.IGNORECASE)


def list_answer(heading: str, items: Sequence[tuple[str, int]]) -> str:
    """ "<heading>:" then one line per item, each cited; more than MAX_ITEMS: the rest counted."""
    lines = [f"{heading.rstrip(':')}:" if heading else "Gồm:"]
    for text, n in items[:MAX_ITEMS]:
        lines.append(f"- {shorten(text)} [{n}]")
    if len(items) > MAX_ITEMS:
        lines.append(f"- và {len(items) - MAX_ITEMS} nội dung khác.")
    return "\n".join(lines)


def shorten(text: str, limit: int = MAX_ITEM_CHARS) -> str:
    """An item's lead clause: up to its first sentence end, or the limit at a word."""
    text = " ".join(text.split()).lstrip("-+• ")
    m = re.search(r"[.;:](?:\s|$)", text)
    if m and m.start() >= 20:
        text = text[: m.start()]
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text.rstrip(" ,;.")


def compare_answer(sides: Sequence[tuple[str, str, int]]) -> str:
    """Each side's value with what it measures, cited: "95% — BHYT [1]; 44% — BHXH [2]"."""
    parts = [f"{value} — {label} [{n}]" for value, label, n in sides]
    return "; ".join(parts) + "."


def places_answer(answers: Sequence[tuple[str, str]]) -> str:
    """One line per document that answers: "Huế: 190 ... [1]"."""
    return "\n".join(f"{place}: {text}" for place, text in answers)
