"""`nqa db import DIR`: load a corpus folder into the database. A document whose file (and
sidecar) and versions are unchanged is skipped without being parsed; the others are parsed
and stored, a few per transaction, with only the text the database lacks embedded."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from corpus.types import CorpusError, Document, LoadError
from index.settings import Settings
from index.types import Embedder
from pgstore.documents import made_with, prepare
from pgstore.repository import Repository

log = logging.getLogger(__name__)


@dataclass
class ImportReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    passages: int = 0
    embedded: int = 0
    version: int = 0
    errors: list[LoadError] = field(default_factory=list)


def fingerprint(path: Path) -> str:
    """What corpus.load_document records as the document's fingerprint, without parsing."""
    from corpus.readers import find_sidecar

    digest = hashlib.sha256(path.read_bytes())
    sidecar = find_sidecar(path)
    if sidecar is not None:
        digest.update(b"\0" + sidecar.read_bytes())
    return digest.hexdigest()


def import_folder(
    repo: Repository,
    folder: Path,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
    *,
    batch: int = 8,
    on_progress: Callable[[str], None] | None = None,
) -> ImportReport:
    from corpus import list_files, load_document
    from index.build import _model_record, read_options

    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(f"{folder}: not a folder; pass the folder that holds the documents")
    settings = settings or Settings()
    model = _model_record(settings, embedder)
    loaded: list[Embedder] = [embedder] if embedder is not None else []

    def get_embedder() -> Embedder:
        if not loaded:
            from index.embedder import load_embedder

            loaded.append(load_embedder(settings))
        return loaded[0]

    report = ImportReport()
    stored = repo.fingerprints()
    current = made_with()
    pending: list[tuple[Document, Path]] = []
    listing = list_files(folder)  # the one listing every caller uses (same-stem pairs refused)
    report.errors.extend(listing.errors)
    for source in listing.sources:
        path = source.path
        if stored.get(path.stem) == (fingerprint(path), current):
            report.unchanged += 1
            continue
        try:
            document = load_document(path, read_options())
        except CorpusError as exc:
            report.errors.append(LoadError(str(path), str(exc)))
            continue
        except Exception as exc:  # a parser bug on one file is that file's error only
            report.errors.append(LoadError(str(path), f"cannot be parsed ({type(exc).__name__})"))
            continue
        pending.append((document, path))
        if len(pending) >= batch:
            _write(repo, pending, get_embedder, model, stored, report, on_progress)
    _write(repo, pending, get_embedder, model, stored, report, on_progress)
    report.version = repo.version()
    return report


def _write(repo, pending, get_embedder, model, stored, report, on_progress) -> None:
    if not pending:
        return
    prepared, embedded = prepare(pending, get_embedder, repo.vectors_for)
    report.version = repo.put(prepared, model)
    for document, _ in pending:
        if document.meta.doc_id in stored:
            report.replaced += 1
        else:
            report.added += 1
        report.passages += len(document.passages)
        if on_progress:
            on_progress(document.meta.doc_id)
    report.embedded += embedded
    pending.clear()
