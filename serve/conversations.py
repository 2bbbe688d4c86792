"""Recent answers by id, so that a follow-up question or a rating can point at an earlier
answer (the web page and the API pass ids, never whole answers)."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass

from bot.types import Answer

CAPACITY = 5000  # answers kept; the oldest are forgotten first
TURNS = 4  # previous turns a follow-up carries


@dataclass(frozen=True, slots=True)
class Asked:
    id: str
    answer: Answer
    parent: str | None  # the answer this one follows up, if any
    seconds: float


class Conversations:
    def __init__(self, capacity: int = CAPACITY):
        self._capacity = capacity
        self._asked: OrderedDict[str, Asked] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, answer: Answer, parent: str | None, seconds: float) -> Asked:
        asked = Asked(secrets.token_hex(8), answer, parent, seconds)
        with self._lock:
            self._asked[asked.id] = asked
            while len(self._asked) > self._capacity:
                self._asked.popitem(last=False)
        return asked

    def recall(self, answer_id: str) -> Asked | None:
        with self._lock:
            return self._asked.get(answer_id)

    def history(self, parent: str, turns: int = TURNS) -> list[tuple[str, Answer]] | None:
        """The (question, answer) turns leading to `parent`, oldest first; None if `parent`
        is unknown (forgotten, or from before a restart)."""
        out: list[tuple[str, Answer]] = []
        node: str | None = parent
        while node and len(out) < turns:
            asked = self.recall(node)
            if asked is None:
                if node == parent:
                    return None
                break
            out.append((asked.answer.question, asked.answer))
            node = asked.parent
        return out[::-1]
