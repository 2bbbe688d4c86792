"""The Index: passages with their BM25 and dense representations, and `search`."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from corpus.types import Corpus, Document, Passage
from index.dense import DenseIndex
from index.lexical import LexicalIndex
from index.query import PreparedQuery, prepare
from index.restore import DiacriticRestorer
from index.settings import Settings
from index.spelling import Speller
from index.types import Embedder, Hit, IndexStateError, Mode, QueryError

MAX_QUERY_CHARS = 2000
CANDIDATES = 100  # per retriever, before fusion
# A document number typed by staff ("20-NQ/TW") names its passage exactly; the model only sees
# "a resolution of the Central Committee", so an exact match must beat a semantic near-miss.
EXACT_ID_BONUS = 0.3
# Headings alone, the căn cứ block, signatures and distribution lists answer little on their own.
LOW_PRIORITY = {"heading": 0.6, "preamble": 0.6, "recipients": 0.5, "signature": 0.8}
# An appendix's caption, "(Ban hành kèm theo Nghị quyết số ... của ...)", names a document and
# its date, which questions share, but states nothing: it ranks like a heading.
_CAPTION = re.compile(r"^\(?\s*(?:ban hành\s+)?kèm theo\b[^\n]{0,300}\)?\s*$", re.IGNORECASE)


def _priority(p: Passage) -> float:
    if p.kind == "content" and _CAPTION.match(p.text):
        return LOW_PRIORITY["heading"]
    return LOW_PRIORITY.get(p.kind, 1.0)


class Index:
    def __init__(
        self,
        corpus: Corpus,
        tokens: list[list[str]],
        lexical: LexicalIndex,
        dense: DenseIndex,
        settings: Settings,
        embedder: Embedder | None = None,
        corpus_dir: Path | None = None,
    ):
        self.corpus = corpus
        self.passages: list[Passage] = corpus.passages()
        self.tokens = tokens
        self.lexical = lexical
        self.dense = dense
        self.settings = settings
        self.corpus_dir = corpus_dir
        self._embedder = embedder
        self._restorer: DiacriticRestorer | None = None
        self._speller: Speller | None = None
        self._query_vectors = None
        self._priority = np.array([_priority(p) for p in self.passages])
        self._meta = {d.meta.doc_id: d.meta for d in corpus.documents}
        self.file_prints: dict[str, str] = {}  # corpus files this index was built from
        self.manifest: dict = {}

    # -- construction -----------------------------------------------------------------------
    @classmethod
    def in_memory(
        cls, corpus: Corpus, settings: Settings | None = None, embedder: Embedder | None = None
    ) -> Index:
        """An index that lives only in this process (baselines, tests)."""
        from index.build import representations

        settings = settings or Settings()
        embedder = embedder or _load_embedder(settings)
        tokens, vectors = representations(corpus, embedder)
        lexical = LexicalIndex.build(tokens, settings.bm25_k1, settings.bm25_b)
        return cls(corpus, tokens, lexical, DenseIndex(vectors), settings, embedder)

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = _load_embedder(self.settings)
        return self._embedder

    @property
    def restorer(self) -> DiacriticRestorer:
        if self._restorer is None:
            self._restorer = DiacriticRestorer.from_texts(
                text for p in self.passages for text in (p.text, *p.section)
            )
        return self._restorer

    @property
    def speller(self) -> Speller:
        if self._speller is None:
            self._speller = Speller.from_syllables(
                word for p in self.passages for word in p.text.split()
            )
        return self._speller

    def query_vector(self, text: str) -> np.ndarray:
        """The model's vector of a question (the last few are kept: the bot asks again)."""
        if self._query_vectors is None:
            from functools import lru_cache

            encode = self.embedder.encode
            self._query_vectors = lru_cache(maxsize=64)(lambda t: encode([t], kind="query")[0])
        return self._query_vectors(text)

    def document(self, doc_id: str) -> Document:
        return self.corpus.document(doc_id)

    # -- search ----------------------------------------------------------------------------
    def prepare(self, query: str) -> PreparedQuery:
        if not query or not query.strip():
            raise QueryError("Câu hỏi trống: hãy nhập nội dung cần tìm (the query is empty).")
        if len(query) > MAX_QUERY_CHARS:
            raise QueryError(
                f"Câu hỏi quá dài ({len(query)} ký tự, tối đa {MAX_QUERY_CHARS}): hãy rút gọn "
                f"(the query has {len(query)} characters, the limit is {MAX_QUERY_CHARS})."
            )
        return prepare(query, self.restorer, self.speller)

    def search(
        self,
        query: str,
        k: int = 10,
        *,
        docs: Sequence[str] | None = None,
        year: int | None = None,
        issuer: str | None = None,
        mode: Mode = "hybrid",
        prepared: PreparedQuery | None = None,
        weights: Mapping[str, float] | None = None,
    ) -> list[Hit]:
        """The k best passages for `query`, best first, optionally within some documents;
        `weights` scale the scores of some documents' passages (doc id -> factor), e.g. to
        prefer the documents of the province a question names."""
        if mode not in ("hybrid", "bm25", "dense"):
            raise QueryError(f"Unknown mode '{mode}': use hybrid, bm25 or dense.")
        q = prepared or self.prepare(query)
        if not self.passages:
            raise IndexStateError(
                "The corpus has no passages: add .md, .txt, .docx or .pdf documents to "
                f"{self.corpus_dir or 'the corpus folder'} and rebuild (nqa index build)."
            )
        allowed = self._allowed(docs, year, issuer)
        if k <= 0 or (allowed is not None and not allowed.any()):
            return []
        lexical = self.lexical.scores(list(q.tokens)) if mode != "dense" else None
        dense = None
        if mode != "bm25":
            dense = self.dense.scores(self.query_vector(q.dense_text))
        candidates = self._candidates(lexical, dense, allowed, max(CANDIDATES, 5 * k))
        if mode == "bm25":
            fused = lexical[candidates]
        elif mode == "dense":
            fused = dense[candidates]
        elif self.settings.fusion == "rrf":
            from index.fusion import rrf

            rankings = [np.argsort(-s[candidates], kind="stable") for s in (lexical, dense)]
            fused = rrf(rankings, len(candidates))
        else:
            from index.fusion import fuse

            fused = fuse(lexical[candidates], dense[candidates], q.w_dense)
            fused = fused + EXACT_ID_BONUS * self._exact_ids(q.tokens, candidates)
        fused = fused * self._priority[candidates]
        if weights:
            factors = np.array([weights.get(self.passages[i].doc_id, 1.0) for i in candidates])
            fused = fused * factors
        order = np.argsort(-fused, kind="stable")[:k]
        return [
            Hit(
                passage=self.passages[candidates[i]],
                score=float(fused[i]),
                bm25=None if lexical is None else float(lexical[candidates[i]]),
                dense=None if dense is None else float(dense[candidates[i]]),
            )
            for i in order
        ]

    def _exact_ids(self, tokens, candidates: np.ndarray) -> np.ndarray:
        wanted = {t for t in tokens if t.startswith("doc:")}
        if not wanted:
            return np.zeros(len(candidates))
        return np.array([bool(wanted.intersection(self.tokens[i])) for i in candidates], float)

    def _allowed(self, docs, year, issuer) -> np.ndarray | None:
        if not docs and year is None and not issuer:
            return None
        ok_docs = set()
        for doc_id, meta in self._meta.items():
            if docs and doc_id not in docs:
                continue
            if year is not None and meta.year != year:
                continue
            if issuer and (not meta.issuer or issuer.casefold() not in meta.issuer.casefold()):
                continue
            ok_docs.add(doc_id)
        return np.array([p.doc_id in ok_docs for p in self.passages], dtype=bool)

    @staticmethod
    def _candidates(lexical, dense, allowed, limit: int) -> np.ndarray:
        """Row ids worth fusing: the best of each ranking within the allowed passages."""
        picked: list[np.ndarray] = []
        for scores in (lexical, dense):
            if scores is None:
                continue
            masked = scores if allowed is None else np.where(allowed, scores, -np.inf)
            top = np.argsort(-masked, kind="stable")[:limit]
            picked.append(top[np.isfinite(masked[top])])
        return np.unique(np.concatenate(picked))


def _load_embedder(settings: Settings) -> Embedder:
    from index.embedder import load_embedder

    return load_embedder(settings)
