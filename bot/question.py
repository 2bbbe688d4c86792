"""Understanding a question before retrieval: is it valid, what kind of answer does it want,
and is it an elliptical follow-up that needs the conversation to make sense?"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.types import QuestionError
from index.fold import fold
from index.search import MAX_QUERY_CHARS

MAX_CHARS = MAX_QUERY_CHARS  # one limit for questions and searches

# Answer types, recognized on the folded, lower-cased question.
_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"\b({pattern})\b"))
    for kind, pattern in (
        ("signer", r"ai ky|nguoi ky|ky ban hanh|ky nghi quyet|who signed|signed by|signatory"),
        (
            "date",
            r"ngay nao|ngay bao nhieu|khi nao|bao gio|thoi gian nao|thong qua ngay|"
            r"ngay thang nam|when|what date|which date",
        ),
        ("session", r"ky hop|khoa may|khoa nao|khoa bao nhieu|session|term"),
        ("basis", r"can cu|dua tren|legal basis|based on"),
        ("who", r"ai|co quan nao|don vi nao|who|which (body|agency|organization)"),
        (
            "where",
            r"o dau|noi nao|tinh nao|huyen nao|song nao|khu vuc nao|where|"
            r"which (province|district|river)",
        ),
        (
            "quantity",
            r"bao nhieu|may|ty le|ty trong|muc nao|muc bao|phan tram|how much|how many|"
            r"what percentage|what share|what rate|target|rate|percent|growth|"
            r"tang bao|dat bao|la bao",
        ),
    )
)
# A follow-up that leans on the previous question: "còn bảo hiểm xã hội thì sao?"
_ELLIPTICAL = re.compile(
    r"^(con|the con|vay con|va|con ve|con chi tieu|what about|how about|and)\b|"
    r"\b(ong ay|ba ay|nguoi do|van ban do|nghi quyet do|he|she|it|they)\b|"
    r"\b(thi sao|the nao|ra sao|thi the nao|nhu the nao)\s*\??$"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True, slots=True)
class Question:
    text: str  # cleaned
    kind: str  # "signer" | "date" | "session" | "quantity" | "who" | "where" | "other"
    retrieval: str  # what to search for (the text, or a rewrite for follow-ups)
    followup: bool = False


def clean(question: str) -> str:
    """The question as asked, or a QuestionError saying what is wrong with it."""
    if not isinstance(question, str):
        raise QuestionError("Câu hỏi phải là văn bản (the question must be text).")
    if _CONTROL.search(question):
        raise QuestionError(
            "Câu hỏi chứa ký tự điều khiển không hợp lệ: hãy gõ lại câu hỏi "
            "(the question contains control characters)."
        )
    text = " ".join(unicodedata.normalize("NFC", question).split())
    if not text:
        raise QuestionError("Câu hỏi trống: hãy nhập câu hỏi (the question is empty).")
    if len(text) > MAX_CHARS:
        raise QuestionError(
            f"Câu hỏi quá dài ({len(text)} ký tự, tối đa {MAX_CHARS}): hãy hỏi ngắn gọn hơn "
            f"(the question has {len(text)} characters; the limit is {MAX_CHARS})."
        )
    return text


def answer_kind(text: str) -> str:
    folded = fold(text).lower()
    for kind, pattern in _TYPES:
        if pattern.search(folded):
            return kind
    return "other"


def is_elliptical(text: str) -> bool:
    folded = fold(text).lower().strip(" ?!.")
    return bool(_ELLIPTICAL.search(folded)) or len(folded.split()) <= 2


def topic(text: str) -> str:
    """A follow-up without its connective: "còn bảo hiểm xã hội thì sao?" -> "bảo hiểm xã hội"."""
    words = text.strip(" ?!.").split()
    lead = {
        "còn",
        "con",
        "thế",
        "the",
        "vậy",
        "vay",
        "và",
        "va",
        "về",
        "ve",
        "what",
        "how",
        "about",
        "and",
    }
    while words and fold(words[0]).lower() in {fold(w) for w in lead}:
        words = words[1:]
    joined = " ".join(words)
    return re.sub(
        r"\s*(thì sao|thi sao|thế nào|the nao|ra sao|thì thế nào|như thế nào)\s*$",
        "",
        joined,
        flags=re.I,
    )


def understand(question: str, previous: str | None = None) -> Question:
    """Clean the question; when it is an elliptical follow-up, search for its topic in the frame
    of the previous question (its answer type, and its words as a weaker hint)."""
    text = clean(question)
    kind = answer_kind(text)
    if previous and is_elliptical(text):
        focus = topic(text) or text
        if kind == "other":
            kind = answer_kind(previous)
        return Question(text=text, kind=kind, retrieval=_frame(focus, previous), followup=True)
    return Question(text=text, kind=kind, retrieval=text)


def _frame(focus: str, previous: str) -> str:
    """The focus plus the previous question's framing words ("tỷ lệ", "năm 2023", "bao nhiêu")."""
    frame_words = re.findall(
        r"\b(?:năm \d{4}|\d{4}|tỷ lệ|chỉ tiêu|mục tiêu|bao nhiêu|kế hoạch|target|rate|percentage)\b",
        previous,
        re.I,
    )
    return " ".join([focus, *dict.fromkeys(frame_words)])
