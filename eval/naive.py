"""The naive RAG baseline most templates ship: each document's full text cut into fixed
500-character chunks, no headings, no sections, dense retrieval only.

The bot never sees structure, but the evaluation still needs to know which Điều a chunk lies
in to judge gold relevance: that is kept beside the index, as passage id -> article numbers
(every article the chunk overlaps).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from corpus.types import Corpus, Document, Passage

CHUNK_CHARS = 500
_ARTICLE_LINE = re.compile(r"^Điều\s+(\d+[a-zđ]?)\b", re.IGNORECASE)


def full_text(doc: Document) -> tuple[str, list[tuple[int, int, str | None]]]:
    """The document's text as a template's file loader gives it (the file's non-blank lines),
    and the (start, end, article) span of each Điều in it.

    An article runs from its heading line to the next article's (a chapter heading or the
    signature after the last article counts as part of it). Article headings are matched in
    the order of the document's table of contents, so "Điều 5 của Luật này" at the start of a
    line is not taken for a heading. Falls back to the passages' texts when the file is gone.
    """
    lines = _file_lines(doc)
    if lines is None:
        return _passages_text(doc)
    expected = [h.article for h in doc.toc if h.level == "dieu" and h.article]
    spans: list[tuple[int, int, str | None]] = []
    pos, nxt, current, start = 0, 0, None, 0
    for line in lines:
        match = _ARTICLE_LINE.match(line)
        if match and match.group(1) in expected[nxt:]:
            if current is not None:
                spans.append((start, pos, current))
            current, start = match.group(1), pos
            nxt = expected.index(current, nxt) + 1
        pos += len(line) + 1
    text = "\n".join(lines)
    if current is not None:
        spans.append((start, len(text), current))
    return text, spans


def _file_lines(doc: Document) -> list[str] | None:
    from corpus.readers import read_file

    path = Path(doc.meta.path) if doc.meta.path else None
    if path is None or not path.is_file():
        return None
    try:
        items = read_file(path).lines
    except Exception:  # noqa: BLE001 - unreadable now: fall back to the passages
        return None
    lines: list[str] = []
    for item in items:  # a table as one line per row
        rows = [item] if isinstance(item, str) else [" | ".join(r) for r in item.rows]
        lines.extend(row for row in rows if row.strip())
    return lines


def _passages_text(doc: Document) -> tuple[str, list[tuple[int, int, str | None]]]:
    parts, spans, pos = [], [], 0
    for p in doc.passages:
        if parts:
            pos += 1
        parts.append(p.text)
        spans.append((pos, pos + len(p.text), p.article))
        pos += len(p.text)
    return "\n".join(parts), spans


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
