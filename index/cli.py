"""`nqa index build` and `nqa search`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    index = sub.add_parser("index", help="build the search index of a corpus")
    index_sub = index.add_subparsers(dest="index_command", required=True)
    build = index_sub.add_parser("build", help="build (or update) the index of a corpus folder")
    build.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: bundled)")
    build.add_argument("--full", action="store_true", help="re-embed every passage")
    build.set_defaults(func=_build)
    check = index_sub.add_parser(
        "check",
        help="check the stored index: every file against its recorded size and sha256, and "
        "against the corpus folder",
    )
    check.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: bundled)")
    check.set_defaults(func=_check)

    search = sub.add_parser("search", help="search passages ('-' reads one query per line)")
    search.add_argument("query")
    search.add_argument("--corpus", type=Path, default=None)
    search.add_argument("--k", type=int, default=10)
    search.add_argument("--mode", choices=("hybrid", "bm25", "dense"), default="hybrid")
    search.add_argument("--doc", action="append", default=None, help="restrict to a document id")
    search.add_argument("--year", type=int, default=None)
    search.add_argument("--issuer", default=None)
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(func=_search)


def _build(args: argparse.Namespace) -> int:
    import time

    from corpus.paths import BUNDLED_CORPUS
    from index import build_index, open_index

    corpus_dir = args.corpus or BUNDLED_CORPUS
    settings = _settings(args)
    start = time.perf_counter()
    if args.full:
        index = build_index(corpus_dir, settings, progress=sys.stderr.isatty())
    else:
        index = open_index(corpus_dir, settings, progress=sys.stderr.isatty())
    for error in index.corpus.errors:
        print(f"nqa: warning: {error}", file=sys.stderr)
    print(
        f"Indexed {len(index.corpus.documents)} documents, {len(index.passages)} passages "
        f"from {corpus_dir} in {time.perf_counter() - start:.1f}s"
    )
    return 0


def _check(args: argparse.Namespace) -> int:
    """Exit 0 when the stored index is sound and up to date; otherwise an IndexStateError (exit
    2) saying what is wrong and the command that fixes it."""
    from corpus.paths import BUNDLED_CORPUS
    from index.build import stored_index
    from index.settings import Settings
    from index.types import IndexStateError

    corpus_dir = args.corpus or BUNDLED_CORPUS
    if not corpus_dir.is_dir():
        raise IndexStateError(f"Corpus folder {corpus_dir} does not exist: pass --corpus DIR.")
    index, reason = stored_index(corpus_dir, _settings(args) or Settings())
    if reason is not None:
        fix = f"nqa index build --corpus {corpus_dir}"
        raise IndexStateError(f"The index of {corpus_dir} is {reason}. Fix it with: {fix}")
    files = len(index.manifest["contents"])
    print(
        f"ok: the index of {corpus_dir} ({len(index.corpus.documents)} documents, "
        f"{len(index.passages)} passages, built {index.manifest.get('created')}) matches its "
        f"corpus folder, and its {files} files match their recorded sizes and sha256."
    )
    return 0


def _search(args: argparse.Namespace) -> int:
    from errors import InputError, read_lines
    from index import QueryError, open_index

    index = open_index(args.corpus, _settings(args))
    options = dict(k=args.k, docs=args.doc, year=args.year, issuer=args.issuer, mode=args.mode)
    if args.query == "-":
        for line in read_lines(getattr(sys.stdin, "buffer", sys.stdin)):
            query = "" if isinstance(line, InputError) else line
            try:
                if isinstance(line, InputError):
                    raise line
                row = _result(query, index.search(query, **options))
            except (QueryError, InputError) as exc:
                row = {"query": query, "error": str(exc), "hits": []}
            print(json.dumps(row, ensure_ascii=False), flush=True)
        return 0
    hits = index.search(args.query, **options)
    if args.json:
        print(json.dumps(_result(args.query, hits), ensure_ascii=False))
        return 0
    if not hits:
        print("Không có kết quả.")
    for rank, hit in enumerate(hits, 1):
        p = hit.passage
        where = p.section_str or "(không có mục)"
        print(f"{rank:>2}. [{hit.score:.3f}] {p.doc_id} — {where}")
        print("    " + p.text.replace("\n", "\n    "))
    return 0


def _settings(args: argparse.Namespace):
    """The index settings of the configuration `nqa` read at start."""
    from index.settings import Settings

    config = getattr(args, "config", None)
    return Settings.from_config(config) if config else None


def _result(query: str, hits) -> dict:
    return {
        "query": query,
        "hits": [
            {
                "doc_id": h.passage.doc_id,
                "section": h.passage.section_str,
                "article": h.passage.article,
                "text": h.passage.text,
                "score": round(h.score, 4),
            }
            for h in hits
        ],
    }
