"""The JSON the API gives for documents: metadata, table of contents, a section's passages."""

from __future__ import annotations

from collections.abc import Sequence

from corpus.types import SECTION_SEP, Document, Passage
from serve.sources import meta_json


def document_json(document: Document) -> dict:
    m = document.meta
    return {
        "doc_id": m.doc_id,
        **meta_json(m),
        "region": m.region,
        "signer": m.signer,
        "amends": list(m.amends),
        "passages": len(document.passages),
        "headings": len(document.toc),
    }


def toc_json(document: Document) -> dict:
    headings = [
        {"label": h.label, "title": h.title, "level": h.level, "path": list(h.path)}
        for h in document.toc
    ]
    return {**document_json(document), "toc": headings}


def parse_heading_path(heading: str) -> tuple[str, ...]:
    """Inverse of SECTION_SEP.join: "Điều 2 › I. Mục tiêu" -> ("Điều 2", "I. Mục tiêu")."""
    return tuple(part.strip() for part in heading.split(SECTION_SEP.strip()) if part.strip())


def section_passages(document: Document, path: Sequence[str]) -> list[Passage]:
    """All passages of `document` at or under the heading `path` (all of them for ())."""
    path = tuple(path)
    return [p for p in document.passages if p.section[: len(path)] == path]


def section_json(document: Document, heading: str = "") -> dict:
    """The passages under `heading` (a path joined with " › "; "" for the whole text)."""
    path = parse_heading_path(heading)
    return {
        "doc_id": document.meta.doc_id,
        "heading": list(path),
        "passages": [
            {
                "id": p.id,
                "section": p.section_str,
                "article": p.article,
                "kind": p.kind,
                "text": p.text,
                "cells": [list(c) for c in p.cells],
            }
            for p in section_passages(document, path)
        ],
    }
