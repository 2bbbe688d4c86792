"""Opening a stored build, checked: every file against the size and sha256 its manifest
recorded, and the counts against each other (documents, passages, tokens, vectors, BM25), so a
damaged index is never served. Then whether the build still fits the corpus and settings.

sha256 runs at about 1.5 GB/s here and the JSON files are read in full anyway, so checking
every file costs a few percent of a load (measured in the README).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from corpus.types import Corpus, LoadError
from index import store
from index.dense import FAISS_FILE, DenseIndex
from index.lexical import LexicalIndex
from index.search import Index
from index.settings import Settings
from index.store import DamagedIndexError

log = logging.getLogger(__name__)

JSON_FILES = ("documents.jsonl", "passages.jsonl", "tokens.jsonl")


def load_build(build: Path, corpus_dir: Path, settings: Settings, embedder=None) -> Index:
    """The index stored in `build`, after checking every file; DamagedIndexError says what
    does not match."""
    manifest = store.read_manifest(build)
    recorded = manifest.get("contents")
    if not isinstance(recorded, dict):
        raise DamagedIndexError("the manifest records no file sizes and checksums")
    _no_strays(build, recorded)
    rows = {
        name: store.jsonl_rows(store.read_checked(build, name, recorded), name)
        for name in JSON_FILES
    }
    for name in recorded:
        if name not in JSON_FILES:
            store.read_checked(build, name, recorded)  # the binary files: size and checksum
    try:
        passages = [store.passage_from_row(r) for r in rows["passages.jsonl"]]
        by_doc: dict[str, list] = {}
        for p in passages:
            by_doc.setdefault(p.doc_id, []).append(p)
        documents = tuple(
            store.document_from_row(row, tuple(by_doc.get(row["meta"]["doc_id"], ())))
            for row in rows["documents.jsonl"]
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DamagedIndexError(f"a row of the index does not parse ({exc})") from None
    _check_counts(manifest, documents, passages, rows["tokens.jsonl"])
    errors = tuple(
        LoadError(*e.split(": ", 1)) for e in manifest.get("errors", []) if ": " in str(e)
    )
    try:
        lexical = LexicalIndex.load(build / "bm25", len(passages))
        dense = DenseIndex.load(build) if (build / FAISS_FILE).exists() else None
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise DamagedIndexError(f"the BM25 or vector files do not load ({exc})") from None
    if dense is None or len(dense.vectors) != len(passages):
        held = "no" if dense is None else len(dense.vectors)
        raise DamagedIndexError(f"{FAISS_FILE} holds {held} vectors for {len(passages)} passages")
    if manifest.get("dim") not in (None, dense.dim):
        raise DamagedIndexError(
            f"{FAISS_FILE} vectors have {dense.dim} dimensions, not {manifest['dim']}"
        )
    corpus = Corpus(documents=documents, errors=errors)
    index = Index(corpus, rows["tokens.jsonl"], lexical, dense, settings, embedder, corpus_dir)
    index.file_prints = manifest.get("files", {})
    index.manifest = manifest
    return index


def _no_strays(build: Path, recorded: dict[str, Any]) -> None:
    """Every recorded file is there, and nothing else is (a BM25 file copied from elsewhere)."""
    present = {
        p.relative_to(build).as_posix()
        for p in build.rglob("*")
        if p.is_file() and p.name != store.MANIFEST
    }
    if missing := sorted(set(recorded) - present):
        raise DamagedIndexError(f"{missing[0]} is missing")
    if extra := sorted(present - set(recorded)):
        raise DamagedIndexError(f"{extra[0]} is not part of this build")


def _check_counts(manifest: dict, documents, passages, tokens) -> None:
    wanted = manifest.get("passages")
    if len(passages) != wanted:
        raise DamagedIndexError(
            f"passages.jsonl has {len(passages)} passages, the manifest says {wanted}"
        )
    if len(tokens) != len(passages):
        raise DamagedIndexError(f"tokens.jsonl has {len(tokens)} rows for {len(passages)} passages")
    per_doc = manifest.get("documents")
    if not isinstance(per_doc, dict) or len(documents) != len(per_doc):
        count = len(per_doc) if isinstance(per_doc, dict) else "no"
        raise DamagedIndexError(
            f"documents.jsonl has {len(documents)} documents, the manifest says {count}"
        )
    for d in documents:
        if per_doc.get(d.meta.doc_id) != len(d.passages):
            raise DamagedIndexError(
                f"document {d.meta.doc_id} has {len(d.passages)} passages in passages.jsonl, "
                f"the manifest says {per_doc.get(d.meta.doc_id)}"
            )


def stale_reason(manifest: dict, corpus_dir: Path, settings: Settings, model: str) -> str | None:
    """Why a sound build cannot serve this corpus and settings, or None when it can."""
    from index.build import settings_record

    if manifest.get("model") != model:
        return f"built with another model ({manifest.get('model')}, settings say {model})"
    stored, wanted = manifest.get("settings", {}), settings_record(settings)
    # a new lexical version or parser keeps every vector whose text reads the same
    lexical_keys = {"lexical", "bm25_k1", "bm25_b", "parser"}
    if {k: v for k, v in stored.items() if k not in lexical_keys} != {
        k: v for k, v in wanted.items() if k not in lexical_keys
    }:
        return "built with other settings"
    if stored != wanted:
        return "out of date (parser or lexical settings changed: passages that read the same keep their vectors, tokens are recomputed)"
    if manifest.get("files") != store.file_fingerprints(corpus_dir):
        return "out of date (documents were added, changed or removed)"
    return None


def check(build: Path) -> list[str]:
    """What is wrong with a stored build (empty when every file matches its manifest)."""
    try:
        load_build(build, Path("."), Settings())
    except DamagedIndexError as exc:
        return [exc.problem]
    return []
