"""Values and interfaces of the index stage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np

from corpus.types import Passage
from errors import IndexStateError, QuestionError

Mode = Literal["hybrid", "bm25", "dense"]
TextKind = Literal["query", "passage"]


@dataclass(frozen=True, slots=True)
class Hit:
    passage: Passage
    score: float  # fused score (or the single ranking's score), higher is better
    bm25: float | None = None  # normalized lexical score in [0, 1], if computed
    dense: float | None = None  # cosine similarity, if computed


class Embedder(Protocol):
    """Turns texts into L2-normalized float32 vectors, one row per text."""

    name: str

    def encode(self, texts: list[str], kind: TextKind) -> np.ndarray: ...


class QueryError(QuestionError):
    """The query cannot be searched (empty, too long); the message says what to do."""


__all__ = ["Embedder", "Hit", "IndexStateError", "Mode", "QueryError", "TextKind"]
