"""Values of the bot stage: an answer and the citations it rests on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import errors


@dataclass(frozen=True, slots=True)
class Citation:
    n: int  # 1-based number used in the answer text: [1], [2] ...
    doc_id: str
    doc_title: str
    doc_number: str | None
    section: str  # heading path joined with " › "
    article: str | None
    text: str  # the whole passage
    span: tuple[int, int] | None  # the answering span inside `text`, as character offsets
    score: float
    passage_id: str = ""


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    text: str
    citations: tuple[Citation, ...]
    confidence: float  # in [0, 1]
    abstained: bool
    related: tuple[Citation, ...] = field(default=())  # "có thể liên quan" when abstaining
    # the retrieval hits the answer was chosen from (index.types.Hit), for evaluation
    hits: tuple[Any, ...] = field(default=(), repr=False, compare=False)
    # what the confidence was computed from (bot/judge.py FEATURES), for calibration and logs
    features: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    def to_json(self) -> dict:
        return {
            "answer": self.text,
            "abstained": self.abstained,
            "confidence": round(self.confidence, 4),
            "citations": [
                {
                    "doc_id": c.doc_id,
                    "doc_title": c.doc_title,
                    "section": c.section,
                    "article": c.article,
                    "text": c.text,
                    "score": round(c.score, 4),
                }
                for c in (self.citations or self.related)
            ],
        }


class QuestionError(errors.QuestionError):
    """The question itself cannot be asked (empty, too long ...); the message says what to do."""
