"""corpus stage: files (.md .txt .docx .pdf) -> Document, Passage.

from corpus import load_corpus, load_document
corpus = load_corpus()              # the bundled corpus; bad files land in corpus.errors
document = load_document(path)      # raises CorpusError("<file>: <reason>")
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from corpus.listing import Listing, Source, list_files
from corpus.meta import read_meta
from corpus.options import DEFAULT, ReadOptions
from corpus.passages import cut
from corpus.paths import BUNDLED_CORPUS
from corpus.readers import SUPPORTED_SUFFIXES, ReadError, read_file
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
    "Listing",
    "Source",
    "list_files",
    "load_corpus",
    "load_document",
]

PARSER_VERSION = "8"  # bump when the same file would give different passages or metadata


def load_document(path: Path | str, options: ReadOptions = DEFAULT) -> Document:
    path = Path(path)
    raw = read_file(path, options)
    digest = hashlib.sha256(path.read_bytes())
    if raw.sidecar is not None:  # metadata edits must count as a change too
        digest.update(b"\0" + raw.sidecar.read_bytes())
    structure = parse(raw.lines)
    meta, meta_notes = read_meta(path.stem, structure, raw.front, path, digest.hexdigest())
    passages = cut(structure.blocks, meta.doc_id)
    if not any(p.kind in ("content", "row", "table") for p in passages):
        raise ReadError(path, "no text found besides headings")
    notes = tuple(dict.fromkeys((*raw.notes, *meta_notes)))
    return Document(meta=meta, toc=structure.toc, passages=passages, notes=notes)


def load_corpus(
    folder: Path | str | None = None,
    options: ReadOptions = DEFAULT,
    *,
    reuse: Callable[[Source], Document | None] | None = None,
) -> Corpus:
    """Every document of `folder` (default: the bundled corpus) as listed by `list_files`;
    files that cannot be read land in `corpus.errors`. `reuse` may return an already parsed
    document for a source (the index passes the ones whose files did not change)."""
    listing = list_files(Path(folder) if folder is not None else BUNDLED_CORPUS)
    documents: list[Document] = []
    errors = list(listing.errors)
    for source in listing.sources:
        try:
            document = (reuse(source) if reuse else None) or load_document(source.path, options)
        except ReadError as exc:
            errors.append(LoadError(exc.path, exc.reason))
            continue
        except Exception as exc:  # a parser bug on one file never stops the corpus
            errors.append(
                LoadError(str(source.path), f"cannot be parsed ({type(exc).__name__}: {exc})")
            )
            continue
        documents.append(document)
    return Corpus(documents=tuple(documents), errors=tuple(errors))
