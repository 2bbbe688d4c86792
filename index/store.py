"""All disk IO of an index. One folder per corpus holds versioned builds and a `CURRENT` file
naming the live one; a build is written to a fresh folder and `CURRENT` is replaced atomically,
so a crash mid-build leaves the previous index in service.

    <data dir>/indexes/<corpus name>-<hash>/
        CURRENT                 -> "build-20261128T001500-3f2a"
        build-.../manifest.json  corpus fingerprint, model, settings, versions
        build-.../documents.jsonl  DocumentMeta and table of contents per document
        build-.../passages.jsonl   one Passage per line (ensure_ascii=False)
        build-.../tokens.jsonl     lexical tokens per passage (re-used by incremental updates)
        build-.../dense.faiss      passage vectors
        build-.../bm25/            bm25s arrays (.npy) and vocabulary (.json)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corpus.types import Document, DocumentMeta, Heading, Passage
from index.settings import data_dir

SCHEMA = 2  # 2: table rows (cells), reading notes, effective/amends/region
POINTER = "CURRENT"


def index_home(corpus_dir: Path) -> Path:
    resolved = corpus_dir.resolve()
    digest = hashlib.sha1(str(resolved).encode()).hexdigest()[:10]
    return data_dir() / "indexes" / f"{resolved.name or 'corpus'}-{digest}"


def current_build(home: Path) -> Path | None:
    pointer = home / POINTER
    if not pointer.exists():
        return None
    build = home / pointer.read_text(encoding="utf-8").strip()
    return build if (build / "manifest.json").exists() else None


def new_build_dir(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    build = home / f"build-{stamp}-{uuid.uuid4().hex[:6]}"
    build.mkdir()
    return build


def publish(home: Path, build: Path) -> None:
    """Make `build` the live index (atomic), then remove builds nobody points to."""
    tmp = home / f".{POINTER}.{uuid.uuid4().hex[:6]}"
    tmp.write_text(build.name, encoding="utf-8")
    os.replace(tmp, home / POINTER)
    for old in home.glob("build-*"):
        if old != build:
            shutil.rmtree(old, ignore_errors=True)


def discard(build: Path) -> None:
    shutil.rmtree(build, ignore_errors=True)


def write_manifest(build: Path, manifest: dict[str, Any]) -> None:
    (build / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
    )


def read_manifest(build: Path) -> dict[str, Any]:
    return json.loads((build / "manifest.json").read_text(encoding="utf-8"))


def write_jsonl(path: Path, rows: list[Any]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[Any]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def document_row(doc: Document) -> dict[str, Any]:
    return {
        "meta": asdict(doc.meta),
        "toc": [asdict(h) for h in doc.toc],
        "notes": list(doc.notes),
    }


def document_from_row(row: dict[str, Any], passages: tuple[Passage, ...]) -> Document:
    toc = tuple(Heading(**{**h, "path": tuple(h["path"])}) for h in row["toc"])
    meta = dict(row["meta"])
    meta["amends"] = tuple(meta.get("amends") or ())
    return Document(
        meta=DocumentMeta(**meta),
        toc=toc,
        passages=passages,
        notes=tuple(row.get("notes") or ()),
    )


def passage_row(p: Passage) -> dict[str, Any]:
    return {
        "id": p.id,
        "doc_id": p.doc_id,
        "section": list(p.section),
        "article": p.article,
        "text": p.text,
        "kind": p.kind,
        **({"cells": [list(c) for c in p.cells]} if p.cells else {}),
    }


def passage_from_row(row: dict[str, Any]) -> Passage:
    return Passage(
        id=row["id"],
        doc_id=row["doc_id"],
        section=tuple(row["section"]),
        article=row["article"],
        text=row["text"],
        kind=row.get("kind", "content"),
        cells=tuple((str(h), str(v)) for h, v in row.get("cells") or ()),
    )


def file_fingerprints(corpus_dir: Path) -> dict[str, str]:
    """sha256 of every file the corpus is made of (documents and their metadata sidecars, as
    `corpus.list_files` lists them), by path relative to the folder."""
    from corpus.listing import list_files

    if not corpus_dir.is_dir():
        return {}
    return {
        path.relative_to(corpus_dir).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in list_files(corpus_dir).files
    }


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("hoidap-nghiquyet", "bm25s", "faiss-cpu", "sentence-transformers", "underthesea"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "missing"
    return found
