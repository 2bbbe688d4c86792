"""Answers, citations, search hits and sections as HTML/Markdown for the web app.

Pure functions of values: every piece of document text is HTML-escaped here, so an uploaded
document cannot inject markup. Citation blocks are single-line HTML (newlines become <br>),
because a blank line would end the HTML block inside the chat's Markdown.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from bot.types import Answer, Citation
from corpus.types import SECTION_SEP, Document, DocumentMeta, Passage

NOT_FOUND_HINT = "Có thể liên quan"
SOURCES = "Nguồn trích dẫn"

# Vietnamese function words that would light up every line if highlighted.
_STOPWORDS = frozenset(
    """và của các có là được cho với trong theo tại về từ đến những một này khi đã sẽ
    thì mà như để do bị hay hoặc nào gì nhiêu không năm""".split()
)


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def _lines(escaped: str) -> str:
    return escaped.replace("\r\n", "\n").replace("\n", "<br>")


def highlight_span(text: str, span: tuple[int, int] | None) -> str:
    """`text` as HTML with the characters in `span` wrapped in <mark>."""
    if not span:
        return _lines(escape(text))
    start, end = max(0, span[0]), min(len(text), span[1])
    if start >= end:
        return _lines(escape(text))
    return _lines(
        escape(text[:start]) + "<mark>" + escape(text[start:end]) + "</mark>" + escape(text[end:])
    )


def _fold_char(c: str) -> str:
    if c in "đĐ":
        return "d"
    return unicodedata.normalize("NFD", c)[0].lower()[:1] or c


def fold(text: str) -> str:
    """Lower-case without diacritics, one character per character (offsets are kept)."""
    return "".join(_fold_char(c) for c in text)


def query_terms(query: str) -> list[str]:
    """Words of a query worth highlighting, longest first."""
    words = {w for w in re.findall(r"\w+", unicodedata.normalize("NFC", query).lower())}
    # one-letter words are list markers ("a)") unless they are words of their own ("y tế", "ở")
    keep = [w for w in words if w not in _STOPWORDS and (len(w) > 1 or not _is_marker(w))]
    return sorted(keep, key=lambda w: (-len(w), w))


def _is_marker(word: str) -> bool:
    return word.isascii() and word.isalpha() and word != "y"


def match_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) of whole-word matches of `terms` in `text`. A term
    written without diacritics matches with or without them ("tang" finds "tăng")."""
    text = unicodedata.normalize("NFC", text)
    lowered = "".join(c.lower()[:1] or c for c in text)
    folded = fold(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        plain = fold(term) == term
        haystack = folded if plain else lowered
        for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", haystack):
            spans.append(m.span())
    spans.sort(key=lambda s: (s[0], -s[1]))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            continue
        merged.append((s, e))
    return merged


def highlight_terms(text: str, query: str) -> str:
    """`text` as HTML with every word of `query` wrapped in <mark>."""
    text = unicodedata.normalize("NFC", text)
    out, pos = [], 0
    for s, e in match_spans(text, query_terms(query)):
        out.append(escape(text[pos:s]) + "<mark>" + escape(text[s:e]) + "</mark>")
        pos = e
    out.append(escape(text[pos:]))
    return _lines("".join(out))


def _doc_label(title: str, number: str | None) -> str:
    title = escape(title)
    return f"{title} ({escape(number)})" if number and number not in title else title


def _short(title: str, number: str | None, limit: int = 60) -> str:
    if number:
        return number
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def citation_html(c: Citation, *, open: bool = False) -> str:
    """A <details> block: [n] section · document, opening to the document's full title and
    the passage with its answering span marked."""
    where = escape(c.section) if c.section else "Phần mở đầu"
    return (
        f'<details class="nqa-cite"{" open" if open else ""}>'
        f"<summary>[{c.n}] {where} · <i>{escape(_short(c.doc_title, c.doc_number))}</i></summary>"
        f'<div class="nqa-doc">{_doc_label(c.doc_title, c.doc_number)}</div>'
        f'<div class="nqa-passage">{highlight_span(c.text, c.span)}</div>'
        "</details>"
    )


def answer_markdown(answer: Answer) -> str:
    """The chat message of an answer: the bot's words, then its numbered citations, or the
    closest passages under "Có thể liên quan" when it found nothing."""
    parts = [_lines(escape(answer.text.strip()))]
    if answer.citations:
        parts.append(f"**{SOURCES}**")
        parts.extend(citation_html(c) for c in answer.citations)
    elif answer.related:
        parts.append(f"**{NOT_FOUND_HINT}**")
        parts.extend(citation_html(c) for c in answer.related)
    return "\n\n".join(parts)


def hits_html(hits: Sequence, query: str, titles: Mapping[str, str] | None = None) -> str:
    """Search results (index.types.Hit) with the query's words highlighted; `titles` maps
    doc_id to the document's title."""
    titles = titles or {}
    if not hits:
        return '<p class="nqa-empty">Không tìm thấy đoạn văn nào khớp với từ khóa và bộ lọc.</p>'
    items = []
    for i, hit in enumerate(hits, 1):
        p: Passage = hit.passage
        where = escape(p.section_str) if p.section else "Phần mở đầu"
        items.append(
            '<div class="nqa-hit">'
            f'<div class="nqa-hit-head">{i}. <b>{escape(titles.get(p.doc_id, p.doc_id))}</b> — {where}'
            f' <span class="nqa-score">điểm {hit.score:.3f}</span></div>'
            f'<div class="nqa-passage">{highlight_terms(p.text, query)}</div>'
            "</div>"
        )
    return "".join(items)


def section_passages(document: Document, path: Sequence[str]) -> list[Passage]:
    """All passages of `document` at or under the heading `path` (all of them for ())."""
    path = tuple(path)
    return [p for p in document.passages if p.section[: len(path)] == path]


def parse_heading_path(heading: str) -> tuple[str, ...]:
    """Inverse of SECTION_SEP.join: "Điều 2 › I. Mục tiêu" -> ("Điều 2", "I. Mục tiêu")."""
    return tuple(part.strip() for part in heading.split(SECTION_SEP.strip()) if part.strip())


def section_html(document: Document, path: Sequence[str]) -> str:
    """A section read in full: its heading path, then every passage under it."""
    passages = section_passages(document, path)
    title = escape(SECTION_SEP.join(path)) if path else "Toàn văn"
    if not passages:
        return f'<p class="nqa-empty">Mục “{title}” không có đoạn văn nào.</p>'
    body, last = [], None
    for p in passages:
        if p.section != last and p.section[len(path) :]:
            body.append(
                f'<h4 class="nqa-sub">{escape(SECTION_SEP.join(p.section[len(path) :]))}</h4>'
            )
        last = p.section
        body.append(f'<p class="nqa-passage">{_lines(escape(p.text))}</p>')
    head = f"<h3>{_doc_label(document.meta.title, document.meta.number)}</h3><h4>{title}</h4>"
    return head + "".join(body)


def document_html(document: Document) -> str:
    """A document's metadata card, with how to read it."""
    m = document.meta
    rows = [
        ("Số hiệu", m.number),
        ("Loại văn bản", m.kind),
        ("Cơ quan ban hành", m.issuer),
        ("Ngày", m.date),
        ("Người ký", m.signer),
    ]
    cells = "".join(f"<tr><th>{k}</th><td>{escape(v)}</td></tr>" for k, v in rows if v)
    return (
        f'<h3>{escape(m.title)}</h3><table class="nqa-meta">{cells}</table>'
        f"<p>{len(document.passages)} đoạn, {len(document.toc)} mục. Chọn một mục (hoặc "
        "“Toàn văn”) để đọc.</p>"
    )


def toc_choices(document: Document) -> list[tuple[str, str]]:
    """(indented label, heading path joined with " › ") for a dropdown, in document order."""
    choices = [("Toàn văn", "")]
    for h in document.toc:
        indent = "\u2003" * (len(h.path) - 1)
        choices.append((f"{indent}{h.title}", SECTION_SEP.join(h.path)))
    return choices


def toc_json(document: Document) -> list[dict]:
    return [
        {"label": h.label, "title": h.title, "level": h.level, "path": list(h.path)}
        for h in document.toc
    ]


DOCUMENT_COLUMNS = ["Mã", "Tên văn bản", "Số hiệu", "Cơ quan ban hành", "Ngày", "Số đoạn"]


def document_row(document: Document) -> list:
    m = document.meta
    return [m.doc_id, m.title, m.number or "", m.issuer or "", m.date or "", len(document.passages)]


def documents_html(documents: Sequence[Document]) -> str:
    """The document list as a table, one row per document."""
    if not documents:
        return '<p class="nqa-empty">Kho chưa có văn bản nào.</p>'
    head = "".join(f"<th>{c}</th>" for c in DOCUMENT_COLUMNS)
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in document_row(d)) + "</tr>"
        for d in documents
    )
    return f'<table class="nqa-docs"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def document_json(document: Document) -> dict:
    m: DocumentMeta = document.meta
    return {
        "doc_id": m.doc_id,
        "title": m.title,
        "number": m.number,
        "issuer": m.issuer,
        "date": m.date,
        "kind": m.kind,
        "passages": len(document.passages),
        "headings": len(document.toc),
    }


def citation_json(c: Citation) -> dict:
    return {
        "n": c.n,
        "doc_id": c.doc_id,
        "doc_title": c.doc_title,
        "doc_number": c.doc_number,
        "section": c.section,
        "article": c.article,
        "text": c.text,
        "span": list(c.span) if c.span else None,
        "score": round(c.score, 4),
    }


def answer_json(answer: Answer) -> dict:
    """An answer for the API: Answer.to_json() with citation spans and related passages apart."""
    return {
        "question": answer.question,
        "answer": answer.text,
        "abstained": answer.abstained,
        "confidence": round(answer.confidence, 4),
        "citations": [citation_json(c) for c in answer.citations],
        "related": [citation_json(c) for c in answer.related],
    }


def hit_json(hit, query: str = "") -> dict:
    """A search hit for the API; `matches` are the (start, end) of the query's words."""
    p: Passage = hit.passage
    return {
        "passage_id": p.id,
        "doc_id": p.doc_id,
        "section": p.section_str,
        "article": p.article,
        "text": p.text,
        "score": round(hit.score, 4),
        "matches": [list(s) for s in match_spans(p.text, query_terms(query))],
    }
