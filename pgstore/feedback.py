"""Feedback in the shared database: serve.feedback.FeedbackStore's interface, one table for
every replica (each row says which replica took it)."""

from __future__ import annotations

import json

from bot.types import Answer
from pgstore.db import Pool
from serve.feedback import RATINGS, Feedback, FeedbackError, _clean_comment, to_csv


class PgFeedbackStore:
    def __init__(self, url: str, replica: str = ""):
        self.replica = replica
        self._pool = Pool(url, f"nqa-{replica}-feedback", size=2)

    def add(self, answer: Answer, rating: str, comment: str = "") -> int:
        """Store a rating ("up" or "down") of an answer; returns the row id."""
        if rating not in RATINGS:
            raise FeedbackError(f"Đánh giá phải là 'up' hoặc 'down' (nhận được {rating!r}).")
        comment = _clean_comment(comment)
        citations = answer.to_json()["citations"]
        with self._pool.connection() as db:
            row = db.execute(
                "INSERT INTO nqa_feedback (rating, comment, question, answer, abstained, "
                "confidence, citations, replica) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
                "RETURNING id",
                (
                    RATINGS[rating],
                    comment,
                    answer.question,
                    answer.text,
                    bool(answer.abstained),
                    float(answer.confidence),
                    json.dumps(citations, ensure_ascii=False),
                    self.replica,
                ),
            ).fetchone()
        return int(row[0])

    def set_comment(self, feedback_id: int, comment: str) -> None:
        """Attach (or replace) the comment of a stored rating."""
        with self._pool.connection() as db:
            cursor = db.execute(
                "UPDATE nqa_feedback SET comment = %s WHERE id = %s",
                (_clean_comment(comment), int(feedback_id)),
            )
        if cursor.rowcount == 0:
            raise FeedbackError(f"Không có góp ý số {feedback_id}.")

    def set_rating(self, feedback_id: int, rating: str, comment: str = "") -> None:
        """Change a stored rating (and its comment, when one is given)."""
        if rating not in RATINGS:
            raise FeedbackError(f"Đánh giá phải là 'up' hoặc 'down' (nhận được {rating!r}).")
        comment = _clean_comment(comment)
        with self._pool.connection() as db:
            db.execute(
                "UPDATE nqa_feedback SET rating = %s, comment = CASE WHEN %s = '' THEN comment "
                "ELSE %s END WHERE id = %s",
                (RATINGS[rating], comment, comment, int(feedback_id)),
            )

    def rows(self) -> list[Feedback]:
        with self._pool.connection() as db:
            cursor = db.execute(
                "SELECT id, to_char(created_at AT TIME ZONE 'UTC', "
                '\'YYYY-MM-DD"T"HH24:MI:SS"+00:00"\'), rating, comment, question, answer, '
                "abstained, confidence, citations::text FROM nqa_feedback ORDER BY id"
            )
            return [Feedback(*r) for r in cursor.fetchall()]

    def count(self) -> int:
        with self._pool.connection() as db:
            return int(db.execute("SELECT count(*) FROM nqa_feedback").fetchone()[0])

    def to_csv(self) -> str:
        """All rows as CSV text (UTF-8, header line first), for spreadsheets."""
        return to_csv(self.rows())
