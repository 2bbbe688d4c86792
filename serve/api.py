"""The app's API as plain functions of a Service: JSON-ready values in and out, no Gradio.

app.py exposes each one as a named endpoint; USER_ERRORS are the refusals whose message is
meant for the user (anything else is a bug, logged and answered with a generic message).
"""

from __future__ import annotations

import secrets
import tempfile
import time
from pathlib import Path

from bot.types import QuestionError
from corpus.upload import UploadError
from index.types import IndexStateError, QueryError
from serve import render
from serve.feedback import FeedbackError
from serve.service import Service, ServiceError

USER_ERRORS = (QuestionError, QueryError, IndexStateError, ServiceError, UploadError, FeedbackError)
EXPORTS = "nqa-exports"  # under the system temp folder, from where Gradio may serve a copy


def ask(service: Service, question: str, follow_up_of: str = "") -> dict:
    """Answer a question; pass the id of the previous answer to ask a follow-up."""
    asked = service.ask(question, parent=follow_up_of or None)
    return {"id": asked.id, **render.answer_json(asked.answer)}


def feedback(service: Service, answer_id: str, rating: str, comment: str = "") -> dict:
    """Rate an answer: rating "up" (👍) or "down" (👎), optional comment."""
    return {"id": service.rate(answer_id, rating, comment)}


def search(
    service: Service,
    query: str,
    k: int = 10,
    docs: list[str] | None = None,
    year: int | None = None,
    issuer: str | None = None,
) -> list[dict]:
    """Passages matching a query, with optional filters (document ids, year, issuer)."""
    hits = service.search(query, k, docs=docs, year=year, issuer=issuer)
    return [render.hit_json(h, query) for h in hits]


def toc(service: Service, doc_id: str) -> dict:
    """A document's metadata and table of contents."""
    document = service.document(doc_id)
    return {**render.document_json(document), "toc": render.toc_json(document)}


def section(service: Service, doc_id: str, heading: str = "") -> dict:
    """All passages under a heading path ("Điều 2 › I. ..."); the whole text for ""."""
    document = service.document(doc_id)
    path = render.parse_heading_path(heading)
    passages = render.section_passages(document, path)
    if path and not passages:
        raise ServiceError(f"Văn bản '{doc_id}' không có mục “{heading}”.")
    return {
        "doc_id": doc_id,
        "heading": list(path),
        "passages": [
            {"id": p.id, "section": p.section_str, "article": p.article, "text": p.text}
            for p in passages
        ],
    }


def documents(service: Service) -> list[dict]:
    """Every document of the corpus with its metadata."""
    return [render.document_json(d) for d in service.documents()]


def upload(service: Service, file: str | Path, token: str) -> dict:
    """Add a document (admin token required); Gradio's temporary copy of the upload is deleted
    afterwards, the app keeps its own."""
    file = Path(file)
    try:
        return render.document_json(service.add_upload(file, file.name, token))
    finally:
        file.unlink(missing_ok=True)


def delete(service: Service, doc_id: str, token: str) -> dict:
    """Remove a document and its file (admin token required)."""
    service.delete(doc_id, token)
    return {"deleted": doc_id, "documents": len(service.documents())}


def export_feedback(service: Service, token: str) -> str:
    """Path of a fresh CSV of all feedback (UTF-8 with BOM, so Excel reads Vietnamese)."""
    service.authorize(token)
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
        "documents": [(d.meta.title, d.meta.doc_id) for d in docs],
        "years": sorted({d.meta.year for d in docs if d.meta.year}, reverse=True),
        "issuers": sorted({d.meta.issuer for d in docs if d.meta.issuer}),
        "table": render.documents_html(docs),
    }
