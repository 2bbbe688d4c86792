"""Building, updating and opening the persisted index of a corpus folder."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from corpus.types import Corpus, Document
from index import store
from index.dense import DenseIndex, passage_context
from index.lexical import LexicalIndex
from index.load import load_build, stale_reason
from index.search import Index
from index.settings import Settings
from index.store import DamagedIndexError
from index.tokenize import tokenize
from index.types import Embedder, IndexStateError

log = logging.getLogger(__name__)
_BARE_LABEL = re.compile(r"(Điều|Khoản|Điểm|Mục|Chương|Phần)\s+[\w.]+\.?")
CONTEXT_VERSION = 1  # bump when passage_context changes: every passage is embedded again
LEXICAL_VERSION = 4  # bump when lexical_text or the tokenizer change: tokens only, vectors kept


def lexical_text(passage) -> str:
    """BM25 sees the passage with its article's title ("Điều 3. Giải thích từ ngữ") and its
    nearest titled heading ("b) Các chỉ tiêu xã hội"); bare labels ("Điều 2", "Khoản 1") add
    nothing but noise."""
    titled = [h for h in passage.section if not _BARE_LABEL.fullmatch(h)]
    article = [h for h in titled if h.startswith("Điều ")][:1]
    context = list(dict.fromkeys([*article, *titled[-1:]]))
    return "\n".join([*context, passage.text])


def _dim(embedder: Embedder) -> int:
    return int(getattr(embedder, "dim", 0) or embedder.encode(["x"], kind="passage").shape[1])


def open_index(
    corpus_dir: Path | None = None,
    settings: Settings | None = None,
    *,
    build: bool = True,
    progress: bool = False,
    embedder: Embedder | None = None,
) -> Index:
    """The index of `corpus_dir` (default: the bundled corpus), brought up to date.

    The stored build is checked file by file against its manifest (index.load). With
    build=False a missing, damaged or stale index is an IndexStateError saying what is wrong
    and naming the command that rebuilds it; otherwise it is built (from scratch when damaged),
    or updated for the documents that changed."""
    from corpus.paths import BUNDLED_CORPUS

    corpus_dir = Path(corpus_dir or BUNDLED_CORPUS)
    if not corpus_dir.is_dir():
        raise IndexStateError(
            f"Corpus folder {corpus_dir} does not exist: create it or pass --corpus DIR."
        )
    settings = settings or Settings()
    old, reason = stored_index(corpus_dir, settings, embedder)
    if reason is None and old is not None:
        return old
    if not build:
        fix = f"nqa index build --corpus {corpus_dir}"
        raise IndexStateError(f"The index of {corpus_dir} is {reason}. Build it with: {fix}")
    log_at = log.warning if reason.startswith("damaged") else log.info
    log_at("Index of %s is %s: building", corpus_dir, reason)
    reuse = old if reason.startswith("out of date") else None
    retokenize = reuse is not None and "lexical" in reason
    return build_index(
        corpus_dir,
        settings,
        previous=reuse,
        retokenize=retokenize,
        progress=progress,
        embedder=embedder,
    )


def stored_index(
    corpus_dir: Path, settings: Settings, embedder: Embedder | None = None
) -> tuple[Index | None, str | None]:
    """(the stored index if its files are sound, why it cannot serve as is or None):
    "missing", "damaged (<file>: <what>)", "from an older format ...", "out of date ..." """
    home = store.index_home(corpus_dir, settings.data_dir)
    try:
        current = store.current_build(home)
        if current is None:
            return None, "missing"
        manifest = store.read_manifest(current)
        if manifest.get("schema") != store.SCHEMA:
            return None, (
                f"from an older format (schema {manifest.get('schema')}, now {store.SCHEMA})"
            )
        index = load_build(current, corpus_dir, settings, embedder)
    except DamagedIndexError as exc:
        return None, f"damaged ({exc.problem})"
    except OSError as exc:
        return None, f"damaged ({exc.filename or 'a file'} cannot be read: {exc.strerror})"
    return index, stale_reason(
        index.manifest, corpus_dir, settings, _model_record(settings, embedder)
    )


def build_index(
    corpus_dir: Path,
    settings: Settings | None = None,
    *,
    previous: Index | None = None,
    retokenize: bool = False,
    progress: bool = False,
    embedder: Embedder | None = None,
    on_written: Callable[[Path], None] | None = None,
) -> Index:
    """Parse, tokenize and embed the corpus (re-using `previous` for unchanged documents; with
    `retokenize`, only its vectors), write a new build folder, then publish it atomically."""
    settings = settings or Settings()
    prints = store.file_fingerprints(corpus_dir)
    corpus = _load_documents(corpus_dir, previous, prints, settings)
    if not corpus.documents:
        detail = "; ".join(str(e) for e in corpus.errors)
        raise IndexStateError(
            f"No readable documents in {corpus_dir}: add .md, .txt, .docx or .pdf files"
            + (f" ({detail})" if detail else "")
        )
    model_record = _model_record(settings, embedder)
    embedder = embedder or (previous.embedder if previous else None) or _embedder(settings)
    tokens, vectors = representations(corpus, embedder, previous, retokenize, progress)
    lexical = LexicalIndex.build(tokens, settings.bm25_k1, settings.bm25_b)
    index = Index(corpus, tokens, lexical, DenseIndex(vectors), settings, embedder, corpus_dir)
    home = store.index_home(corpus_dir, settings.data_dir)
    build = store.new_build_dir(home)
    try:
        _write(build, index, prints, embedder, model_record)
        if on_written:
            on_written(build)
    except BaseException:
        store.discard(build)
        raise
    store.publish(home, build)
    return index


def representations(
    corpus: Corpus,
    embedder: Embedder,
    previous: Index | None = None,
    retokenize: bool = False,
    progress: bool = False,
) -> tuple[list[list[str]], np.ndarray]:
    """Tokens and vectors per passage; passages `previous` already has keep what it computed
    (its vectors only, with `retokenize`)."""
    # a passage keeps its vector when the model would read the same text: same passage, same
    # document title and headings around it (passage_context)
    known: dict[tuple[str, str], int] = {}
    if previous is not None:
        before = {d.meta.doc_id: d.meta for d in previous.corpus.documents}
        known = {
            (p.id, passage_context(before.get(p.doc_id), p)): row
            for row, p in enumerate(previous.passages)
        }
    meta = {d.meta.doc_id: d.meta for d in corpus.documents}
    passages = corpus.passages()
    contexts = [passage_context(meta[p.doc_id], p) for p in passages]
    todo = [i for i, p in enumerate(passages) if (p.id, contexts[i]) not in known]
    texts = [contexts[i] for i in todo]
    extra = {"progress": True} if progress else {}
    new_vectors = embedder.encode(texts, kind="passage", **extra) if todo else None
    fresh = {i: j for j, i in enumerate(todo)}
    tokens: list[list[str]] = []
    rows: list[np.ndarray] = []
    for i, p in enumerate(passages):
        if i in fresh:
            tokens.append(tokenize(lexical_text(p)))
            rows.append(new_vectors[fresh[i]])
        else:
            old = known[(p.id, contexts[i])]
            tokens.append(tokenize(lexical_text(p)) if retokenize else previous.tokens[old])
            rows.append(previous.dense.vectors[old])
    log.info("Embedded %d passages, re-used %d", len(todo), len(passages) - len(todo))
    dim = rows[0].shape[0] if rows else _dim(embedder)
    return tokens, np.array(rows, dtype=np.float32).reshape(len(rows), dim)


def _load_documents(
    corpus_dir: Path, previous: Index | None, prints: dict[str, str], settings: Settings
) -> Corpus:
    """Parse the corpus folder through `load_corpus` (one listing, one error per bad file);
    documents none of whose files changed are taken from `previous`."""
    from corpus import PARSER_VERSION, load_corpus
    from corpus.listing import doc_id_of

    reuse: dict[str, Document] = {}
    # another parser version reads the same file differently: nothing is taken from before
    if (
        previous is not None
        and previous.manifest.get("settings", {}).get("parser") == PARSER_VERSION
    ):
        old = previous.file_prints
        changed = {
            doc_id_of(Path(f).name) for f in set(old) | set(prints) if old.get(f) != prints.get(f)
        }
        reuse = {
            d.meta.doc_id: d for d in previous.corpus.documents if d.meta.doc_id not in changed
        }
    corpus = load_corpus(
        corpus_dir, read_options(settings), reuse=lambda source: reuse.get(source.doc_id)
    )
    for error in corpus.errors:
        log.warning("Skipped %s", error)
    return corpus


def read_options(settings: Settings | None = None):
    """How the index reads its corpus: OCR output is cached under the data folder."""
    from corpus import ReadOptions

    return ReadOptions(cache_dir=(settings or Settings()).data_dir / "ocr")


def _embedder(settings: Settings) -> Embedder:
    from index.embedder import load_embedder

    return load_embedder(settings)


def settings_record(settings: Settings) -> dict:
    from corpus import PARSER_VERSION

    return {
        "bm25_k1": settings.bm25_k1,
        "bm25_b": settings.bm25_b,
        "context": CONTEXT_VERSION,
        "lexical": LEXICAL_VERSION,
        "parser": PARSER_VERSION,
    }


def _write(
    build: Path, index: Index, prints: dict[str, str], embedder: Embedder, model: str
) -> None:
    docs = index.corpus.documents
    store.write_jsonl(build / "documents.jsonl", [store.document_row(d) for d in docs])
    store.write_jsonl(build / "passages.jsonl", [store.passage_row(p) for p in index.passages])
    store.write_jsonl(build / "tokens.jsonl", index.tokens)
    (build / "bm25").mkdir()
    index.lexical.save(build / "bm25")
    index.dense.save(build)
    manifest = {
        "schema": store.SCHEMA,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "corpus_dir": str(index.corpus_dir.resolve()) if index.corpus_dir else None,
        "files": prints,
        "documents": {d.meta.doc_id: len(d.passages) for d in docs},
        "errors": [str(e) for e in index.corpus.errors],
        "passages": len(index.passages),
        "model": model,
        "embedder": embedder.name,
        "dim": index.dense.dim,
        "settings": settings_record(index.settings),
        "versions": store.versions(),
        "contents": store.contents(build),  # read back from disk: what a load will check
    }
    store.write_manifest(build, manifest)
    index.file_prints = prints
    index.manifest = manifest


def _model_record(settings: Settings, embedder: Embedder | None) -> str:
    """What identifies the vectors: the configured model and backend (no model load needed),
    or the name of an embedder passed in explicitly (tests, baselines)."""
    if embedder is not None:
        return embedder.name
    return f"{settings.model}@{settings.backend}"
