"""The naive RAG baseline most templates ship: each document's full text cut into fixed
500-character chunks, no headings, no sections, dense retrieval only.

The bot never sees structure, but the evaluation still needs to know which Điều a chunk lies
in to judge gold relevance: that is kept beside the index, as passage id -> article numbers
(every article the chunk overlaps).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from corpus.types import Corpus, Document, Passage

CHUNK_CHARS = 500
_JOIN = "\n\n"


def full_text(doc: Document) -> tuple[str, list[tuple[int, int, str | None]]]:
    """The document's text as one string, and (start, end, article) of each passage in it."""
    parts, spans, pos = [], [], 0
    for p in doc.passages:
        if parts:
            pos += len(_JOIN)
        parts.append(p.text)
        spans.append((pos, pos + len(p.text), p.article))
        pos += len(p.text)
    return _JOIN.join(parts), spans


def chunk_document(
    doc: Document, size: int = CHUNK_CHARS
) -> tuple[Document, dict[str, tuple[str, ...]]]:
    """The document as fixed-size chunks, and the articles each chunk overlaps."""
    text, spans = full_text(doc)
    passages, articles = [], {}
    for n, start in enumerate(range(0, len(text), size)):
        end = min(start + size, len(text))
        chunk = text[start:end]
        if not chunk.strip():
            continue
        pid = f"{doc.meta.doc_id}#chunk-{n}"
        passages.append(
            Passage(id=pid, doc_id=doc.meta.doc_id, section=(), article=None, text=chunk)
        )
        overlapping = [a for s, e, a in spans if a and s < end and e > start]
        articles[pid] = tuple(dict.fromkeys(overlapping))
    return Document(meta=doc.meta, toc=(), passages=tuple(passages)), articles


def naive_corpus(
    corpus: Corpus, size: int = CHUNK_CHARS
) -> tuple[Corpus, dict[str, tuple[str, ...]]]:
    docs, articles = [], {}
    for doc in corpus.documents:
        chunked, doc_articles = chunk_document(doc, size)
        docs.append(chunked)
        articles.update(doc_articles)
    return Corpus(documents=tuple(docs)), articles


def naive_index(
    index: Any, size: int = CHUNK_CHARS
) -> tuple[Any, Callable[[Any], tuple[str, ...]]]:
    """An in-memory index of the naive chunks of `index.corpus`, reusing its embedder if it
    exposes one, and the lookup that tells which articles a naive passage lies in."""
    from index import Index

    corpus, articles = naive_corpus(index.corpus, size)
    embedder = getattr(index, "embedder", None)
    naive = Index.in_memory(corpus, embedder=embedder)
    return naive, lambda passage: articles.get(passage.id, ())
