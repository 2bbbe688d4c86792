"""The SQLite feedback store: ratings with comments, kept with question, answer and citations."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading

import pytest

from bot.types import Answer, Citation
from serve.feedback import FeedbackError, FeedbackStore


def _answer(question: str = "GRDP năm 2023 tăng bao nhiêu?") -> Answer:
    cite = Citation(
        n=1,
        doc_id="nq-35",
        doc_title="Nghị quyết 35",
        doc_number="35/NQ-HĐND",
        section="Điều 2 › I. Mục tiêu › 2. Các chỉ tiêu chủ yếu",
        article="2",
        text="Tốc độ tăng trưởng kinh tế (GRDP): 8,5%.",
        span=(33, 37),
        score=0.91,
    )
    return Answer(question, "GRDP tăng 8,5% [1].", (cite,), 0.8, False)


def test_add_stores_question_answer_and_citations(tmp_path):
    store = FeedbackStore(tmp_path / "fb" / "feedback.sqlite3")
    fid = store.add(_answer(), "up", "  Rất rõ ràng  ")
    assert fid == 1
    with sqlite3.connect(tmp_path / "fb" / "feedback.sqlite3") as db:
        row = db.execute(
            "SELECT rating, comment, question, answer, citations FROM feedback"
        ).fetchone()
    assert row[:4] == (1, "Rất rõ ràng", "GRDP năm 2023 tăng bao nhiêu?", "GRDP tăng 8,5% [1].")
    citations = json.loads(row[4])
    assert citations[0]["doc_id"] == "nq-35" and citations[0]["section"].startswith("Điều 2")


def test_down_rating_then_comment(tmp_path):
    store = FeedbackStore(tmp_path / "f.sqlite3")
    fid = store.add(_answer(), "down")
    store.set_comment(fid, "Thiếu số liệu")
    (row,) = store.rows()
    assert (row.rating, row.comment) == (-1, "Thiếu số liệu")


@pytest.mark.parametrize("rating", ["", "like", "UP", "1"])
def test_unknown_rating_is_refused(tmp_path, rating):
    store = FeedbackStore(tmp_path / "f.sqlite3")
    with pytest.raises(FeedbackError, match="up"):
        store.add(_answer(), rating)
    assert store.count() == 0


def test_comment_too_long_and_unknown_id(tmp_path):
    store = FeedbackStore(tmp_path / "f.sqlite3")
    with pytest.raises(FeedbackError, match="tối đa"):
        store.add(_answer(), "up", "x" * 5000)
    with pytest.raises(FeedbackError, match="42"):
        store.set_comment(42, "ok")


def test_csv_export_round_trips_vietnamese_and_commas(tmp_path):
    store = FeedbackStore(tmp_path / "f.sqlite3")
    store.add(_answer(), "up", 'Hay, "đúng"\nxuống dòng')
    store.add(_answer("Tỷ lệ hộ nghèo?"), "down")
    rows = list(csv.DictReader(io.StringIO(store.to_csv())))
    assert [r["rating"] for r in rows] == ["1", "-1"]
    assert rows[0]["comment"] == 'Hay, "đúng"\nxuống dòng'
    assert rows[1]["question"] == "Tỷ lệ hộ nghèo?"
    assert json.loads(rows[0]["citations"])[0]["doc_title"] == "Nghị quyết 35"


def test_concurrent_writers(tmp_path):
    store = FeedbackStore(tmp_path / "f.sqlite3")
    threads = [
        threading.Thread(target=lambda: [store.add(_answer(), "up") for _ in range(10)])
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert store.count() == 40
