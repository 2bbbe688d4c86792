"""The app's API as plain functions of a Service: JSON-ready values in and out, no Gradio.

app.py exposes each one as a named endpoint, and the page's handlers call the same functions
and render what they return, so the page and gradio_client take one path. USER_ERRORS are the
refusals whose message is meant for the user (anything else is a bug, logged and answered with
a generic message). Every argument is checked for its type first (serve.arguments).
"""

from __future__ import annotations

import re
import secrets
import tempfile
import threading
import time
from pathlib import Path

from corpus.types import Document
from errors import NqaError
from serve import arguments, highlight, shapes
from serve import overview as corpus_overview
from serve.library import warning_vi
from serve.render import MARKERS
from serve.service import Service, ServiceError
from serve.sources import document_label, short_title, source_json

USER_ERRORS = (NqaError,)  # every domain error: question, index state, upload, feedback ...
EXPORTS = "nqa-exports"  # under the system temp folder, from where Gradio may serve a copy


def ask(service: Service, question: str, follow_up_of: str = "") -> dict:
    """Answer a question; pass the id of the previous answer to ask a follow-up. Each citation
    is a source card's data: the document's type, number, short title, issuer and dates, the
    section, and an excerpt with the answer's span and a sentence of context on each side."""
    question = arguments.text(question, "question")
    follow_up_of = arguments.text(follow_up_of, "follow_up_of", optional=True)
    asked = service.ask(question, parent=follow_up_of or None)
    answer = asked.answer
    documents = {d.meta.doc_id: d for d in service.documents()}
    cited, unused = _cited(answer)
    return {
        "id": asked.id,
        "question": answer.question,
        "answer": answer.text,
        "abstained": answer.abstained,
        "confidence": round(answer.confidence, 4),
        "citations": [source_json(c, documents.get(c.doc_id)) for c in cited],
        "related": [source_json(c, documents.get(c.doc_id)) for c in (*unused, *answer.related)],
    }


def _cited(answer) -> tuple[list, list]:
    """(the citations the text points at with [n], the others). A text with no marker at all
    (a generator that does not number its sources) keeps every citation as cited."""
    numbers = {int(n) for group in MARKERS.findall(answer.text) for n in re.findall(r"\d+", group)}
    if not numbers:
        return list(answer.citations), []
    cited = [c for c in answer.citations if c.n in numbers]
    return cited, [c for c in answer.citations if c.n not in numbers]


def feedback(
    service: Service, answer_id: str, rating: str, comment: str = "", client: str = ""
) -> dict:
    """Rate an answer: rating "up" (👍) or "down" (👎), optional comment. One rating per
    answer (rating it again changes it); `client` (set by the server) is rate-limited."""
    answer_id = arguments.text(answer_id, "answer_id")
    rating = arguments.text(rating, "rating")
    comment = arguments.text(comment, "comment", optional=True)
    return {"id": service.rate(answer_id, rating, comment, client)}


def comment(service: Service, feedback_id: int, text: str, client: str = "") -> dict:
    """Add a comment to a rating given before (the page's two-step feedback)."""
    feedback_id = arguments.integer(feedback_id, "feedback_id", 1, 2**62)
    service.comment(feedback_id, arguments.text(text, "text", optional=True), client)
    return {"id": feedback_id}


def _effective_year(document: Document) -> int | None:
    date = document.meta.effective or document.meta.date
    return int(date[:4]) if date else None


def search(
    service: Service,
    query: str,
    k: int = 10,
    docs: list[str] | None = None,
    year: int | None = None,
    issuer: str | None = None,
    kind: str | None = None,
    effective_year: int | None = None,
) -> list[dict]:
    """Passages matching a query, best first, with optional filters (document ids, year of
    issue, issuer, document type, year of effect: the effective date's, else the date of
    issue). Hits holding less than half of the query's
    content words are left out, so a query nothing matches returns []. `matches` are the
    (start, end) of the query's phrases in the text, `relevance` the share of its words found."""
    query = arguments.text(query, "query")
    k = arguments.integer(k, "k", 1, 1000)
    docs = arguments.texts(docs, "docs")
    year = arguments.integer(year, "year", 1, 9999, optional=True)
    issuer = arguments.text(issuer, "issuer", optional=True) or None
    kind = arguments.text(kind, "kind", optional=True) or None
    effective_year = arguments.integer(effective_year, "effective_year", 1, 9999, optional=True)
    if kind or effective_year:
        chosen = [
            d.meta.doc_id
            for d in service.documents()
            if (not kind or (d.meta.kind or "") == kind)
            and (not effective_year or _effective_year(d) == int(effective_year))
            and (not docs or d.meta.doc_id in docs)
        ]
        if not chosen:
            return []
        docs = chosen
    hits = service.search(query, k, docs=docs, year=year, issuer=issuer)
    q = highlight.parse(query, _aliases(query))
    out = []
    for hit in hits:
        p = hit.passage
        relevance = highlight.coverage(f"{p.text} {p.section_str}", q)
        if relevance < highlight.FLOOR:
            continue
        out.append(
            {
                "passage_id": p.id,
                "doc_id": p.doc_id,
                "section": p.section_str,
                "article": p.article,
                "kind": p.kind,
                "text": p.text,
                "score": round(hit.score, 4),
                "relevance": round(relevance, 3),
                "matches": [list(s) for s in highlight.match_spans(p.text, q)],
            }
        )
    return out


def _aliases(query: str) -> dict[str, str]:
    """The query's abbreviations and their long forms, as the index expands them."""
    from index.abbrev import expansions

    out = {}
    for word in re.findall(r"\w+", query):
        if long_forms := expansions(word):
            out[word] = long_forms[0]
    return out


def toc(service: Service, doc_id: str) -> dict:
    """A document's metadata and table of contents."""
    return shapes.toc_json(service.document(arguments.text(doc_id, "doc_id")))


def section(service: Service, doc_id: str, heading: str = "") -> dict:
    """All passages under a heading path ("Điều 2 › I. ..."); the whole text for ""."""
    doc_id = arguments.text(doc_id, "doc_id")
    heading = arguments.text(heading, "heading", optional=True)
    data = shapes.section_json(service.document(doc_id), heading)
    if data["heading"] and not data["passages"]:
        raise ServiceError(f"Văn bản '{doc_id}' không có mục “{heading}”.")
    return data


def documents(service: Service) -> list[dict]:
    """Every document of the corpus with its metadata."""
    return [shapes.document_json(d) for d in service.documents()]


def unreadable(service: Service) -> list[dict]:
    """Files of the corpus folder that could not be read, and why: [{"file", "reason"}]."""
    return [{"file": name, "reason": reason} for name, reason in service.unreadable()]


_EXAMPLES: dict[tuple, list[str]] = {}  # per corpus version: the examples the bot answers
_EXAMPLES_LOCK = threading.Lock()  # the first visitors after a change wait for one check


def overview(service: Service) -> dict:
    """What the corpus covers (documents by type, issuers, years) and example questions
    drawn from its documents, each one the bot answers from the document it was drawn from
    (checked once per corpus version)."""
    docs = service.documents()
    key = tuple(d.meta.fingerprint or d.meta.doc_id for d in docs)
    with _EXAMPLES_LOCK:
        if key not in _EXAMPLES:
            _EXAMPLES[key] = _answered_examples(service, docs)
    return {**corpus_overview.coverage(docs), "examples": _EXAMPLES[key]}


def _answered_examples(service: Service, docs: list[Document]) -> list[str]:
    """Candidate questions (serve.overview) the bot answers citing the document first that
    they were drawn from, one per document while others are left."""
    if len(_EXAMPLES) > 4:
        _EXAMPLES.clear()
    answered: list[str] = []
    used: set[str] = set()
    for q, doc_id in corpus_overview.examples(docs, 4 * corpus_overview.EXAMPLES):
        if doc_id in used and len(used) < len(docs):
            continue
        try:
            answer = service.ask(q).answer
        except USER_ERRORS:
            continue
        if not answer.abstained and answer.citations and answer.citations[0].doc_id == doc_id:
            answered.append(q)
            used.add(doc_id)
        if len(answered) == corpus_overview.EXAMPLES:
            break
    return answered


def upload(service: Service, file: str | Path, token: str) -> dict:
    """Add a document (admin token required): its metadata and parse report (passages by kind,
    tables, warnings). Gradio's cached copy of the upload is left to its cache sweep: identical
    uploads share one cached file, which another request may still be reading."""
    from corpus.check import check

    if not isinstance(file, str | Path):
        raise arguments.ArgumentError(
            "Tham số 'file' phải là tệp tải lên (handle_file(đường dẫn))."
        )
    file = Path(file)
    document = service.add_upload(file, file.name, arguments.text(token, "token", optional=True))
    report = check(document)
    return {
        **shapes.document_json(document),
        "report": {
            "passages": report.passages,
            "tables": report.tables,
            "warnings": [warning_vi(w) for w in report.warnings],
        },
    }


def delete(service: Service, doc_id: str, token: str) -> dict:
    """Remove a document and its file (admin token required)."""
    doc_id = arguments.text(doc_id, "doc_id")
    service.delete(doc_id, arguments.text(token, "token", optional=True))
    return {"deleted": doc_id, "documents": len(service.documents())}


def export_feedback(service: Service, token: str) -> str:
    """Path of a fresh CSV of all feedback (UTF-8 with BOM, so Excel reads Vietnamese)."""
    service.authorize(arguments.text(token, "token", optional=True))
    folder = Path(tempfile.gettempdir()) / EXPORTS
    folder.mkdir(exist_ok=True)
    for old in folder.glob("feedback-*.csv"):
        if time.time() - old.stat().st_mtime > 600:
            old.unlink(missing_ok=True)
    path = folder / f"feedback-{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(4)}.csv"
    path.write_text(service.feedback.to_csv(), encoding="utf-8-sig")
    return str(path)


def filters(service: Service) -> dict:
    """Choices for the search filters and document pickers."""
    docs = service.documents()
    return {
        "documents": [
            (f"{document_label(d.meta)} – {short_title(d.meta)}", d.meta.doc_id) for d in docs
        ],
        "kinds": sorted({d.meta.kind for d in docs if d.meta.kind}),
        "years": sorted({y for d in docs if (y := _effective_year(d))}, reverse=True),
        "issuers": sorted({d.meta.issuer for d in docs if d.meta.issuer}),
    }
