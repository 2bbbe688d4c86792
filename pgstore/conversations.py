"""Recent answers in the shared database, so that a follow-up question or a rating sent to
another replica (no sticky sessions) still finds the answer it points at. The interface of
serve.conversations.Conversations; each replica keeps its own answers in memory too, so asking
costs one insert and recalling a local answer none. A database that cannot be reached only
costs the other replicas' answers."""

from __future__ import annotations

import logging
from dataclasses import asdict, fields
from typing import Any

from bot.types import Answer, Citation
from pgstore.db import Pool
from serve.conversations import Asked, Conversations

log = logging.getLogger(__name__)

KEEP_DAYS = 7  # answers older than this are forgotten
_PRUNE_EVERY = 500  # answers remembered between two prunings


class PgConversations(Conversations):
    def __init__(self, url: str, replica: str = "", on_error=None):
        super().__init__()
        self.replica = replica
        self._pool = Pool(url, f"nqa-{replica}-conversations", size=2)
        self._on_error = on_error or (lambda exc: None)
        self._count = 0

    def remember(self, answer: Answer, parent: str | None, seconds: float) -> Asked:
        asked = super().remember(answer, parent, seconds)
        try:
            with self._pool.connection() as db:
                db.execute(
                    "INSERT INTO nqa_conversations (id, parent, answer, seconds, replica) "
                    "VALUES (%s, %s, %s, %s, %s)",
                    (asked.id, parent, _json(answer_row(answer)), seconds, self.replica),
                )
                self._count += 1
                if self._count % _PRUNE_EVERY == 0:
                    db.execute(
                        "DELETE FROM nqa_conversations WHERE created_at < now() - %s::interval",
                        (f"{KEEP_DAYS} days",),
                    )
        except Exception as exc:  # answering goes on; only other replicas miss this one
            log.warning("answer %s kept in memory only: %s", asked.id, exc)
            self._on_error(exc)
        return asked

    def recall(self, answer_id: str) -> Asked | None:
        local = super().recall(answer_id)
        if local is not None or not answer_id:
            return local
        try:
            with self._pool.connection() as db:
                row = db.execute(
                    "SELECT parent, answer, seconds FROM nqa_conversations WHERE id = %s",
                    (answer_id,),
                ).fetchone()
        except Exception as exc:
            log.warning("answer %s not looked up in the database: %s", answer_id, exc)
            self._on_error(exc)
            return None
        if row is None:
            return None
        return Asked(answer_id, answer_from_row(row[1]), row[0], float(row[2]))


def answer_row(answer: Answer) -> dict[str, Any]:
    """An Answer as JSON, citations whole (the retrieval hits are not kept)."""
    row = {f.name: getattr(answer, f.name) for f in fields(Answer) if f.name != "hits"}
    row["citations"] = [asdict(c) for c in answer.citations]
    row["related"] = [asdict(c) for c in answer.related]
    return row


def answer_from_row(row: dict[str, Any]) -> Answer:
    def citation(c: dict) -> Citation:
        known = {f.name for f in fields(Citation)}
        c = {k: v for k, v in c.items() if k in known}
        span = c.get("span")
        return Citation(**{**c, "span": tuple(span) if span is not None else None})

    known = {f.name for f in fields(Answer)}
    values = {k: v for k, v in row.items() if k in known}
    values["citations"] = tuple(citation(c) for c in row.get("citations", ()))
    values["related"] = tuple(citation(c) for c in row.get("related", ()))
    return Answer(**values)


def _json(value: Any) -> Any:
    from psycopg.types.json import Jsonb

    return Jsonb(value)
