"""Feedback on answers: 👍/👎 with an optional comment, kept in one SQLite file.

One connection per call, so the store is safe to share between the web server's threads;
SQLite serializes the writes (``timeout`` waits for a concurrent writer instead of failing).

A file that is not a database is moved aside (logged) and a new one started; a folder that
cannot be written leaves the store read-only, and each rating then says why it was not kept.
The app never fails to start over its feedback. `Ratings` keeps one row per answer and limits
how often one client may write; the CSV export neutralises cells a spreadsheet would run as a
formula.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.types import Answer
from errors import RequestError
from serve.limits import RateLimiter

log = logging.getLogger("nqa.app")

FILE_NAME = "feedback.sqlite3"
RATINGS = {"up": 1, "down": -1}
MAX_COMMENT = 2000
PER_MINUTE = 20  # ratings and comments one client may send in a minute
_NOT_KEPT = "Chưa lưu được góp ý: {}. Vui lòng báo quản trị viên."
_FORMULA = ("=", "+", "-", "@", "\t", "\r")

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


class FeedbackError(RequestError):
    """The feedback cannot be stored as given; the message says why."""


class FeedbackStore:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.problem: str | None = None  # why ratings cannot be kept, when they cannot
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        if self.problem and self.path.is_file():  # read-only: the rows can still be exported
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            connection = sqlite3.connect(uri, uri=True, timeout=30)
        else:
            connection = sqlite3.connect(self.path, timeout=30)
        with closing(connection) as db, db:
            yield db

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """A connection for a write; a write the disk refuses is a FeedbackError saying why."""
        if self.problem:
            raise FeedbackError(_NOT_KEPT.format(self.problem))
        try:
            with self._connect() as db:
                yield db
        except sqlite3.OperationalError as exc:
            log.error("feedback not stored in %s: %s", self.path, exc)
            raise FeedbackError(_NOT_KEPT.format(f"cơ sở dữ liệu góp ý báo lỗi ({exc})")) from exc

    def add(self, answer: Answer, rating: str, comment: str = "") -> int:
        """Store a rating ("up" or "down") of an answer; returns the row id."""
        if rating not in RATINGS:
            raise FeedbackError(f"Đánh giá phải là 'up' hoặc 'down' (nhận được {rating!r}).")
        comment = _clean_comment(comment)
        payload = answer.to_json()
        with self._writing() as db:
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
        with self._writing() as db:
            cursor = db.execute(
                "UPDATE feedback SET comment = ? WHERE id = ?",
                (_clean_comment(comment), _row_id(feedback_id)),
            )
        if cursor.rowcount == 0:
            raise FeedbackError(f"Không có góp ý số {feedback_id}.")

    def set_rating(self, feedback_id: int, rating: str, comment: str = "") -> None:
        """Change a stored rating (and its comment, when one is given)."""
        if rating not in RATINGS:
            raise FeedbackError(f"Đánh giá phải là 'up' hoặc 'down' (nhận được {rating!r}).")
        comment = _clean_comment(comment)
        with self._writing() as db:
            db.execute(
                "UPDATE feedback SET rating = ?, comment = CASE WHEN ? = '' THEN comment "
                "ELSE ? END WHERE id = ?",
                (RATINGS[rating], comment, comment, _row_id(feedback_id)),
            )

    def rows(self) -> list[Feedback]:
        with self._connect() as db:
            cursor = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM feedback ORDER BY id")
            return [_row(r) for r in cursor.fetchall()]

    def count(self) -> int:
        with self._connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])

    def to_csv(self) -> str:
        """All rows as CSV text (UTF-8, header line first), for spreadsheets."""
        return to_csv(self.rows())


def to_csv(rows: list[Feedback]) -> str:
    """Feedback rows as CSV text, header first. Text a visitor typed (comment, question) or
    that quotes it is written so that a spreadsheet shows it and never runs it as a formula."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_COLUMNS)
    for f in rows:
        writer.writerow(
            [
                f.id,
                f.created_at,
                f.rating,
                cell(f.comment),
                cell(f.question),
                cell(f.answer),
                int(f.abstained),
                f.confidence,
                cell(f.citations),
            ]
        )
    return out.getvalue()


def cell(text: str) -> str:
    """`text` for a spreadsheet cell: one starting with = + - @ (or a tab or carriage return)
    gets a leading apostrophe, so it is shown as text (OWASP's CSV injection advice)."""
    return f"'{text}" if text and text.startswith(_FORMULA) else text


def open_feedback(path: Path) -> FeedbackStore:
    """The feedback store at `path`, whatever state the file and its folder are in: a file
    that is not a database is moved aside and a new one created; a folder that cannot be
    written gives a read-only store whose writes say why."""
    try:
        return FeedbackStore(path)
    except sqlite3.OperationalError as exc:  # read-only, full, cannot open
        return _read_only(path, f"thư mục dữ liệu không ghi được ({exc})")
    except sqlite3.DatabaseError as exc:  # not a database, or a damaged one
        moved = path.with_name(f"{path.name}.damaged-{int(time.time())}-{os.getpid()}")
        try:
            os.replace(path, moved)
            log.warning("feedback file %s is not a database (%s): moved to %s", path, exc, moved)
            return FeedbackStore(path)
        except (OSError, sqlite3.Error) as again:
            return _read_only(path, f"tệp góp ý hỏng và không thay được ({again})")
    except OSError as exc:
        return _read_only(path, f"thư mục dữ liệu không ghi được ({exc.strerror or exc})")


def _read_only(path: Path, problem: str) -> FeedbackStore:
    log.warning("feedback cannot be stored in %s: %s", path, problem)
    store = FeedbackStore.__new__(FeedbackStore)
    store.path, store.problem = Path(path), problem
    return store


class Ratings:
    """One feedback row per answer (rating an answer again changes its row) and at most
    PER_MINUTE ratings or comments per client a minute, over any store with add / set_rating /
    set_comment (this module's or pgstore's)."""

    def __init__(self, store, remembered: int = 5000, per_minute: int = PER_MINUTE):
        self.store = store
        self._rows: OrderedDict[str, int] = OrderedDict()  # answer id -> its row
        self._remembered = remembered
        self._limit = RateLimiter(per_minute, 60.0)
        self._lock = threading.Lock()

    def rate(self, answer_id: str, answer: Answer, rating: str, comment: str, client: str) -> int:
        self._check(client)
        with self._lock:
            if (row := self._rows.get(answer_id)) is not None:
                self.store.set_rating(row, rating, comment)
                return row
            row = self.store.add(answer, rating, comment)
            self._rows[answer_id] = row
            while len(self._rows) > self._remembered:
                self._rows.popitem(last=False)
        return row

    def comment(self, feedback_id: int, text: str, client: str) -> None:
        self._check(client)
        self.store.set_comment(feedback_id, text)

    def _check(self, client: str) -> None:
        if not self._limit.allow(client):
            raise FeedbackError(
                "Bạn đã gửi nhiều góp ý trong một phút; vui lòng thử lại sau ít phút."
            )


def _row_id(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise FeedbackError(f"Mã góp ý không hợp lệ: {value!r}.") from None


def _clean_comment(comment: str | None) -> str:
    if comment is not None and not isinstance(comment, str):
        raise FeedbackError("Góp ý phải là một chuỗi văn bản.")
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
