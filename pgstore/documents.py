"""A parsed Document -> the rows the database keeps for it. Tokens are computed here; vectors
are taken from the database wherever the same text was embedded before (by any replica, for
any document), so only text the database lacks is embedded."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from corpus.types import Document
from index.build import CONTEXT_VERSION, LEXICAL_VERSION, lexical_text
from index.dense import passage_context
from index.tokenize import tokenize
from index.types import Embedder

log = logging.getLogger(__name__)


def made_with() -> dict[str, str | int]:
    """The versions that decide a document's rows: a different one means they are stale."""
    from corpus import PARSER_VERSION

    return {"parser": PARSER_VERSION, "lexical": LEXICAL_VERSION, "context": CONTEXT_VERSION}


@dataclass(frozen=True)
class Prepared:
    """Everything stored for one document (written in one transaction)."""

    document: Document
    file_name: str
    file: bytes
    sidecar: bytes | None
    tokens: list[list[str]]
    context_shas: list[bytes]
    vectors: np.ndarray  # float32 (passages, dim)

    @property
    def file_sha(self) -> str:
        return hashlib.sha256(self.file).hexdigest()


def context_sha(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def prepare(
    documents: Sequence[tuple[Document, Path]],
    embedder: Callable[[], Embedder],
    known: Callable[[list[bytes]], dict[bytes, np.ndarray]],
) -> tuple[list[Prepared], int]:
    """Rows for each (document, file it was read from); `known(shas)` gives the vectors the
    database already has. The embedder is only loaded when some text is new. Returns the
    prepared documents and how many passages were embedded."""
    contexts = []
    for document, _ in documents:
        meta = document.meta
        contexts.append([passage_context(meta, p) for p in document.passages])
    shas = [[context_sha(t) for t in texts] for texts in contexts]
    wanted = list(dict.fromkeys(s for doc in shas for s in doc))
    vectors = known(wanted) if wanted else {}
    todo = {}
    for doc_shas, texts in zip(shas, contexts, strict=True):
        for sha, text in zip(doc_shas, texts, strict=True):
            if sha not in vectors:
                todo.setdefault(sha, text)
    if todo:
        fresh = embedder().encode(list(todo.values()), kind="passage")
        vectors.update(zip(todo, np.asarray(fresh, dtype=np.float32), strict=True))
    log.info("Embedded %d passages, re-used %d", len(todo), len(wanted) - len(todo))
    prepared = []
    for (document, path), doc_shas in zip(documents, shas, strict=True):
        sidecar = _sidecar(path)
        stored = replace(document, meta=replace(document.meta, path=path.name))
        prepared.append(
            Prepared(
                document=stored,
                file_name=path.name,
                file=path.read_bytes(),
                sidecar=sidecar.read_bytes() if sidecar else None,
                tokens=[tokenize(lexical_text(p)) for p in document.passages],
                context_shas=doc_shas,
                vectors=np.array([vectors[s] for s in doc_shas], dtype=np.float32).reshape(
                    len(doc_shas), -1
                ),
            )
        )
    return prepared, len(todo)


def _sidecar(path: Path) -> Path | None:
    from corpus.readers import find_sidecar

    return find_sidecar(path)
