"""Feedback on answers: 👍/👎 with an optional comment, kept in one SQLite file.

One connection per call, so the store is safe to share between the web server's threads;
SQLite serializes the writes (``timeout`` waits for a concurrent writer instead of failing).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.types import Answer

FILE_NAME = "feedback.sqlite3"
RATINGS = {"up": 1, "down": -1}
MAX_COMMENT = 2000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    abstained INTEGER NOT NULL,
    confidence REAL NOT NULL,
    citations TEXT NOT NULL  -- JSON list, as in Answer.to_json()["citations"]
)
"""
_COLUMNS = (
    "id",
    "created_at",
    "rating",
    "comment",
    "question",
    "answer",
    "abstained",
    "confidence",
    "citations",
)


@dataclass(frozen=True, slots=True)
class Feedback:
    id: int
    created_at: str  # ISO 8601, UTC
    rating: int  # +1 (👍) or -1 (👎)
    comment: str
    question: str
    answer: str
    abstained: bool
    confidence: float
    citations: str  # JSON


class FeedbackError(ValueError):
    """The feedback cannot be stored as given; the message says why."""


class FeedbackStore:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.path, timeout=30)) as db, db:
            yield db

    def add(self, answer: Answer, rating: str, comment: str = "") -> int:
        """Store a rating ("up" or "down") of an answer; returns the row id."""
        if rating not in RATINGS:
            raise FeedbackError(f"Đánh giá phải là 'up' hoặc 'down' (nhận được {rating!r}).")
        comment = _clean_comment(comment)
        payload = answer.to_json()
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO feedback (created_at, rating, comment, question, answer, abstained,"
                " confidence, citations) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    datetime.now(UTC).isoformat(timespec="seconds"),
                    RATINGS[rating],
                    comment,
                    answer.question,
                    answer.text,
                    int(answer.abstained),
                    float(answer.confidence),
                    json.dumps(payload["citations"], ensure_ascii=False),
                ),
            )
            return int(cursor.lastrowid or 0)

    def set_comment(self, feedback_id: int, comment: str) -> None:
        """Attach (or replace) the comment of a stored rating."""
        with self._connect() as db:
            cursor = db.execute(
                "UPDATE feedback SET comment = ? WHERE id = ?",
                (_clean_comment(comment), int(feedback_id)),
            )
        if cursor.rowcount == 0:
            raise FeedbackError(f"Không có góp ý số {feedback_id}.")

    def rows(self) -> list[Feedback]:
        with self._connect() as db:
            cursor = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM feedback ORDER BY id")
            return [_row(r) for r in cursor.fetchall()]

    def count(self) -> int:
        with self._connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])

    def to_csv(self) -> str:
        """All rows as CSV text (UTF-8, header line first), for spreadsheets."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(_COLUMNS)
        for f in self.rows():
            writer.writerow(
                [
                    f.id,
                    f.created_at,
                    f.rating,
                    f.comment,
                    f.question,
                    f.answer,
                    int(f.abstained),
                    f.confidence,
                    f.citations,
                ]
            )
        return out.getvalue()


def _clean_comment(comment: str | None) -> str:
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise FeedbackError(
            f"Góp ý dài {len(comment)} ký tự, tối đa {MAX_COMMENT}: vui lòng rút gọn."
        )
    return comment


def _row(r: tuple) -> Feedback:
    return Feedback(
        id=r[0],
        created_at=r[1],
        rating=r[2],
        comment=r[3],
        question=r[4],
        answer=r[5],
        abstained=bool(r[6]),
        confidence=r[7],
        citations=r[8],
    )
