"""A citation as a source card's data: the document it comes from (type, number, short title,
issuer, dates), where in the document, and the cited sentence with one sentence of context on
each side (from the neighbouring passage when the cited one starts or ends there).

Pure functions of values; the JSON they return is what the API's `ask` gives for each citation
and what the page renders.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.types import Citation
from corpus.types import Document, DocumentMeta, Passage

TITLE_CHARS = 110  # a longer title keeps its start and its end (the place and the year)
EXCERPT_CHARS = 600  # a longer cited sentence is cut around the answer
CONTEXT_CHARS = 240  # a longer context sentence is cut towards the cited one
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=\S)|\s*\n+\s*")
_LINE_END = re.compile(r"\s*\n+\s*")
_CONTEXT_KINDS = ("content", "preamble")


def iso_to_vn(date: str | None) -> str | None:
    """ "2022-12-08" -> "08/12/2022"; anything else unchanged."""
    if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        y, m, d = date.split("-")
        return f"{d}/{m}/{y}"
    return date


def short_title(meta: DocumentMeta, limit: int = TITLE_CHARS) -> str:
    """The title without its leading document type ("Nghị quyết về X" -> "Về X"); a long one
    keeps its first and last words, since Vietnamese titles end with the place and the year."""
    title = " ".join(meta.title.split())
    kind = meta.kind or ""
    if kind and title.lower().startswith(kind.lower() + " ") and len(title) > len(kind) + 3:
        title = title[len(kind) :].strip()
        title = title[:1].upper() + title[1:]
    if len(title) <= limit:
        return title
    head = title[: limit * 5 // 9].rsplit(" ", 1)[0]
    tail = title[-(limit * 4 // 9) :].split(" ", 1)[-1]
    return f"{head} … {tail}"


def document_label(meta: DocumentMeta) -> str:
    """ "Nghị quyết 45/NQ-HĐND", else the type, else the title."""
    kind = meta.kind or ""
    if meta.number:
        return f"{kind} {meta.number}".strip() if meta.number not in kind else kind
    return kind or short_title(meta)


def meta_json(meta: DocumentMeta | None) -> dict:
    if meta is None:
        return {}
    return {
        "kind": meta.kind,
        "number": meta.number,
        "label": document_label(meta),
        "title": meta.title,
        "short_title": short_title(meta),
        "issuer": meta.issuer,
        "date": meta.date,
        "date_vn": iso_to_vn(meta.date),
        "effective": meta.effective,
        "effective_vn": iso_to_vn(meta.effective),
    }


_MARKER_ONLY = re.compile(r"\s*(?:\d+(?:\.\d+)*|[a-zđ]|[IVXLC]+)[.)]\s*")


def sentences(text: str, *, lines: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text` (split after . ! ? ; and at line breaks; a colon
    introduces what follows, so it does not end a sentence). With `lines`, each line is one
    (a table's rows)."""
    out, start = [], 0
    for m in (_LINE_END if lines else _SENTENCE_END).finditer(text):
        if text[start : m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    # a list marker ("2.", "b)", "IV.") opens the sentence after it, it is not one of its own
    merged: list[tuple[int, int]] = []
    for s, e in out:
        if merged and _MARKER_ONLY.fullmatch(text[merged[-1][0] : merged[-1][1]]):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def excerpt(
    text: str,
    span: tuple[int, int] | None,
    before: str = "",
    after: str = "",
    *,
    lines: bool = False,
) -> dict:
    """The sentences of `text` holding `span`, with the sentence before and after (taken from
    `before` / `after`, the neighbouring passages, at the passage's edges); with `lines`, the
    lines (rows of a table) instead of sentences."""
    parts = sentences(text, lines=lines) or [(0, len(text))]
    if span:
        lo, hi = max(0, span[0]), min(len(text), span[1])
        inside = [i for i, (s, e) in enumerate(parts) if s < hi and e > lo] or [0]
    else:
        inside = [0]
    first, last = inside[0], inside[-1]
    start, end = parts[first][0], parts[last][1]
    prev = text[slice(*parts[first - 1])] if first > 0 else _last_sentence(before, lines)
    nxt = text[slice(*parts[last + 1])] if last + 1 < len(parts) else _first_sentence(after, lines)
    cited = text[start:end]
    local = (max(0, span[0] - start), min(len(cited), span[1] - start)) if span else None
    cited, local = _trim(cited, local, EXCERPT_CHARS)
    return {
        "before": _clip(prev, CONTEXT_CHARS, keep_end=True),
        "text": cited,
        "span": list(local) if local and local[0] < local[1] else None,
        "after": _clip(nxt, CONTEXT_CHARS, keep_end=False),
    }


def _first_sentence(text: str, lines: bool = False) -> str:
    parts = sentences(text, lines=lines)
    return text[slice(*parts[0])] if parts else ""


def _last_sentence(text: str, lines: bool = False) -> str:
    parts = sentences(text, lines=lines)
    return text[slice(*parts[-1])] if parts else ""


def _clip(text: str, limit: int, *, keep_end: bool) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    if keep_end:
        return "… " + text[-limit:].split(" ", 1)[-1]
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _trim(text: str, span: tuple[int, int] | None, limit: int):
    """`text` cut to about `limit` characters around `span`, with the span's new offsets."""
    if len(text) <= limit:
        return text, span
    lo, hi = span if span else (0, 0)
    room = max(0, limit - (hi - lo))
    start = max(0, lo - room // 2)
    end = min(len(text), max(hi, start + limit))
    if start > 0:
        start = text.find(" ", start, lo) + 1 if " " in text[start:lo] else start
    if end < len(text) and " " in text[hi:end]:
        end = text.rfind(" ", hi, end)
    head = "… " if start > 0 else ""
    tail = " …" if end < len(text) else ""
    new_span = (lo - start + len(head), hi - start + len(head)) if span else None
    return head + text[start:end] + tail, new_span


def _neighbours(document: Document | None, passage_id: str) -> tuple[Passage | None, str, str]:
    """The cited passage and the text of the passages just before and after it."""
    if document is None:
        return None, "", ""
    passages = document.passages
    for i, p in enumerate(passages):
        if p.id == passage_id:
            prev = _near(passages, i, -1, p.kind)
            nxt = _near(passages, i, 1, p.kind)
            return p, prev, nxt
    return None, "", ""


def _near(passages: Sequence[Passage], i: int, step: int, kind: str) -> str:
    """The text of the passage next to passages[i] in `step` direction, if it reads on from
    it: a row's neighbour is a row of the same table, a sentence's a sentence of the same
    article (a heading or the signature is no context)."""
    here = passages[i]
    j = i + step
    while kind == "row" and 0 <= j < len(passages) and passages[j].kind == "table":
        j += step  # the whole-table passage repeats the rows
    if not 0 <= j < len(passages):
        return ""
    p = passages[j]
    wanted = ("row",) if kind == "row" else _CONTEXT_KINDS
    return p.text if p.kind in wanted and p.section[:1] == here.section[:1] else ""


def source_json(c: Citation, document: Document | None) -> dict:
    """A citation for the API and the page: its old fields, the document's metadata and the
    excerpt to show."""
    passage, before, after = _neighbours(document, c.passage_id)
    span = tuple(c.span) if c.span else None
    data = {
        "n": c.n,
        "doc_id": c.doc_id,
        "doc_title": c.doc_title,
        "doc_number": c.doc_number,
        "passage_id": c.passage_id,
        "section": c.section,
        "article": c.article,
        "text": c.text,
        "span": list(span) if span else None,
        "score": round(c.score, 4),
        **meta_json(document.meta if document else None),
        "passage_kind": passage.kind if passage else "content",
        "cells": [list(cell) for cell in passage.cells] if passage else [],
        "excerpt": excerpt(
            c.text, span, before, after, lines=bool(passage) and passage.kind in ("table", "row")
        ),
    }
    if document is None:  # the document left the corpus since: what the citation knows
        data.update(label=c.doc_number or c.doc_title, short_title=c.doc_title, title=c.doc_title)
    return data
