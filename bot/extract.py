"""Picking the sentence or clause that answers, and the figure, date or name to lead with."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.tokenize import strip_question_words, syllables

_SPLIT = re.compile(r"(?<=[.;!?])\s+(?=[A-ZĐÀ-Ỹ+\-])|\n+")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_FIGURE = re.compile(
    r"(?:(?:tăng|giảm|từ|dưới|trên|khoảng|tối thiểu|tối đa)\s+)?"
    r"\d[\d.,]*\s*(?:%|‰|triệu đồng(?:/người/năm)?|tỷ đồng|nghìn tỷ đồng|xã|căn|m²|m2|km|ha|đơn vị|lớp|người|trường|giờ|ngày)?"
    r"(?:\s+trở lên|\s+trở xuống)?",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\b\d{1,2}/\d{1,2}/\d{4}\b", re.IGNORECASE
)
_DOCNUM = re.compile(r"(?<![\w/])\d{1,4}(?:/\d{4})?[-/][A-Za-zĐđ][\wĐđ]*(?:[-/][A-Za-zĐđ][\wĐđ]*)*")
_SESSION = re.compile(r"Khóa\s+[IVXLC]+|Kỳ họp thứ\s+[\wà-ỹ]+|khóa\s+[IVXLC]+", re.IGNORECASE)


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """`text` with the matches of `pattern` replaced by spaces (offsets stay valid)."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def person_name(text: str) -> str | None:
    """The first run of 2-4 capitalized (not all-caps) words: "Phạm Hoàng Sơn"."""
    words = text.split()
    run: list[str] = []
    for word in [*words, ""]:
        if word[:1].isupper() and not word.isupper() and word.isalpha():
            run.append(word)
            continue
        if 2 <= len(run) <= 4:
            return " ".join(run)
        run = []
    return None


@dataclass(frozen=True, slots=True)
class Span:
    hit_rank: int  # which retrieved passage (0-based)
    start: int  # character offsets in the passage text
    end: int
    text: str
    score: float
    overlap: float  # weighted share of the question's words found in the span or its heading


def spans(text: str) -> list[tuple[int, int]]:
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


def content_words(question: str) -> list[str]:
    """Folded syllables that carry the question's meaning (question words removed)."""
    return [w for w in syllables(strip_question_words(question)) if len(w) > 1 or w.isdigit()]


def figures(text: str) -> list[str]:
    """Figures stated in the text: not years, dates or the digits of a document number."""
    plain = _blank(_DOCNUM, _blank(_DATE, text))
    plain = re.sub(
        r"(năm|giai đoạn|năm học|đến năm|lần thứ|khóa|lớp)\s+\d{1,4}(\s*-\s*\d{4})?",
        lambda m: " " * len(m.group(0)),
        plain,
        flags=re.I,
    )
    out = []
    for m in _FIGURE.finditer(plain):
        figure = m.group(0).strip()
        if re.search(r"\d", figure) and not _YEAR.fullmatch(figure):
            out.append(figure)
    return out


def has_figure(text: str) -> bool:
    return bool(figures(text))


def lead_for(kind: str, span_text: str) -> str | None:
    """The words an answer of this kind starts with, taken from the span itself."""
    if kind == "quantity":
        value = span_text.split(":", 1)[1].strip() if ":" in span_text else ""
        if value and figures(value) and len(value) <= 90:
            return value.rstrip(".;")
        found = figures(span_text)
        return found[0] if found else None
    if kind == "date":
        m = _DATE.search(span_text)
        return m.group(0) if m else None
    if kind == "signer":
        return person_name(span_text)
    if kind == "session":
        found = _SESSION.findall(span_text)
        return ", ".join(found) if found else None
    return None


def rank_spans(
    question: str,
    kind: str,
    passages: Sequence[tuple[str, tuple[str, ...], float]],
    idf: dict[str, float],
) -> list[Span]:
    """Every clause of the retrieved passages, best first. `passages`: (text, section, hit score)."""
    words = content_words(question)
    asked_numbers = set(_DOCNUM.findall(question))
    weights = {w: idf.get(w, max(idf.values(), default=1.0)) for w in words}
    total = sum(weights.values()) or 1.0
    best_hit = max((s for _, _, s in passages), default=1.0) or 1.0
    out: list[Span] = []
    for rank, (text, section, hit_score) in enumerate(passages):
        first_line = text.split("\n", 1)[0]
        # a "+" item under "Cơ cấu kinh tế:" is read with its parent line
        heading = set(syllables(" ".join([*section[-1:], first_line if "\n" in text else ""])))
        whole = set(syllables(text))
        for start, end in spans(text):
            piece = text[start:end]
            own = set(syllables(piece))
            overlap = (
                sum(
                    weights[w]
                    * (1.0 if w in own else 0.6 if w in heading else 0.3 if w in whole else 0.0)
                    for w in weights
                )
                / total
            )
            score = 0.55 * (hit_score / best_hit) + 0.45 * overlap - 0.02 * rank
            if piece.rstrip().endswith(":"):  # a lead-in ("Cơ cấu kinh tế:") answers nothing alone
                score -= 0.1
            if kind == "quantity":
                score += 0.15 if has_figure(piece) else -0.2
            elif kind == "date":
                score += 0.2 if _DATE.search(piece) else -0.1
            elif kind == "session":
                score += 0.2 if _SESSION.search(piece) else -0.1
            if asked_numbers:
                stated = set(_DOCNUM.findall(piece))
                score += 0.3 if asked_numbers & stated else -0.15 if stated else 0.0
            out.append(Span(rank, start, end, piece, score, overlap))
    out.sort(key=lambda s: -s.score)
    return out


def idf_table(token_lists: Sequence[Sequence[str]]) -> dict[str, float]:
    """Inverse document frequency of folded syllables over the passages."""
    df: dict[str, int] = {}
    for tokens in token_lists:
        for t in set(tokens):
            if not t.startswith(("w:", "doc:", "date:")):
                df[t] = df.get(t, 0) + 1
    n = max(len(token_lists), 1)
    return {t: math.log(1 + n / c) for t, c in df.items()}
