"""corpus stage: files (.md .txt .docx .pdf) -> Document, Passage.

from corpus import load_corpus, load_document
corpus = load_corpus()              # the bundled corpus; bad files land in corpus.errors
document = load_document(path)      # raises CorpusError("<file>: <reason>")
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from corpus.meta import build_meta
from corpus.options import DEFAULT, ReadOptions
from corpus.passages import cut
from corpus.paths import BUNDLED_CORPUS
from corpus.readers import SIDECAR_SUFFIXES, SUPPORTED_SUFFIXES, ReadError, read_file
from corpus.structure import parse
from corpus.types import Corpus, CorpusError, Document, LoadError

__all__ = [
    "BUNDLED_CORPUS",
    "PARSER_VERSION",
    "ReadOptions",
    "SUPPORTED_SUFFIXES",
    "Corpus",
    "CorpusError",
    "Document",
    "load_corpus",
    "load_document",
]

PARSER_VERSION = "2"  # bump when the same file would give different passages


def load_document(path: Path | str, options: ReadOptions = DEFAULT) -> Document:
    path = Path(path)
    raw = read_file(path, options)
    digest = hashlib.sha256(path.read_bytes())
    if raw.sidecar is not None:  # metadata edits must count as a change too
        digest.update(b"\0" + raw.sidecar.read_bytes())
    structure = parse(raw.lines)
    meta = build_meta(path.stem, structure, raw.front, path, digest.hexdigest())
    passages = cut(structure.blocks, meta.doc_id)
    if not any(p.kind in ("content", "row", "table") for p in passages):
        raise ReadError(path, "no text found besides headings")
    return Document(meta=meta, toc=structure.toc, passages=passages, notes=raw.notes)


def corpus_files(folder: Path) -> list[Path]:
    """The files load_corpus reads: everything but hidden files, Office lock files and sidecars."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and not p.name.startswith((".", "~$"))
        and not p.name.lower().endswith(SIDECAR_SUFFIXES)
    )


def load_corpus(folder: Path | str | None = None, options: ReadOptions = DEFAULT) -> Corpus:
    folder = Path(folder) if folder is not None else BUNDLED_CORPUS
    if not folder.is_dir():
        raise CorpusError(f"{folder}: not a folder; pass the folder that holds the documents")
    documents: list[Document] = []
    errors: list[LoadError] = []
    seen: dict[str, Path] = {}
    for path in corpus_files(folder):
        if path.stem in seen and path.suffix.lower() in SUPPORTED_SUFFIXES:
            errors.append(
                LoadError(
                    str(path),
                    f"duplicate document id '{path.stem}' (also {seen[path.stem].name}); rename one",
                )
            )
            continue
        try:
            document = load_document(path, options)
        except ReadError as exc:
            errors.append(LoadError(exc.path, exc.reason))
            continue
        except Exception as exc:  # one file never stops the corpus
            errors.append(LoadError(str(path), f"cannot be parsed ({type(exc).__name__}: {exc})"))
            continue
        seen[path.stem] = path
        documents.append(document)
    return Corpus(documents=tuple(documents), errors=tuple(errors))
