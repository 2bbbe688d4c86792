"""`nqa corpus list | show | passages`: look at what the corpus stage reads."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from corpus import load_corpus
from corpus.types import Corpus, Document


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("corpus", help="list documents, tables of contents, passages")
    sub = parser.add_subparsers(dest="corpus_command", required=True)
    corpus_opt = argparse.ArgumentParser(add_help=False)
    corpus_opt.add_argument(
        "--corpus",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder of documents (default: bundled)",
    )

    p = sub.add_parser("list", parents=[corpus_opt], help="documents and their metadata")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", parents=[corpus_opt], help="a document's table of contents")
    p.add_argument("doc", metavar="DOC", help="document id (the file name without extension)")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("passages", parents=[corpus_opt], help="passages of one or all documents")
    p.add_argument("doc", metavar="DOC", nargs="?", help="document id (default: all)")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_passages)


def _load(args: argparse.Namespace) -> Corpus:
    corpus = load_corpus(args.corpus)
    for error in corpus.errors:
        print(f"nqa: warning: {error}", file=sys.stderr)
    return corpus


def _dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)


def cmd_list(args: argparse.Namespace) -> int:
    corpus = _load(args)
    for doc in corpus.documents:
        m = doc.meta
        if args.json:
            print(
                _dumps(
                    {
                        "doc_id": m.doc_id,
                        "title": m.title,
                        "number": m.number,
                        "kind": m.kind,
                        "issuer": m.issuer,
                        "date": m.date,
                        "signer": m.signer,
                        "session": m.session,
                        "source_url": m.source_url,
                        "path": m.path,
                        "fingerprint": m.fingerprint,
                        "articles": sum(1 for h in doc.toc if h.level == "dieu"),
                        "passages": len(doc.passages),
                    }
                )
            )
        else:
            facts = [x for x in (m.number, m.issuer, m.date) if x]
            print(f"{m.doc_id}  ({len(doc.passages)} passages)")
            print(f"    {m.title}")
            if facts:
                print(f"    {' · '.join(facts)}")
    if not args.json and not corpus.documents:
        print("(no documents)")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    doc: Document = _load(args).document(args.doc)
    m = doc.meta
    print(m.title)
    for label, value in (
        ("Số", m.number),
        ("Cơ quan ban hành", m.issuer),
        ("Ngày", m.date),
        ("Người ký", m.signer),
    ):
        if value:
            print(f"{label}: {value}")
    print()
    for heading in doc.toc:
        print("  " * (len(heading.path) - 1) + heading.title)
    return 0


def cmd_passages(args: argparse.Namespace) -> int:
    corpus = _load(args)
    documents = [corpus.document(args.doc)] if args.doc else list(corpus.documents)
    for doc in documents:
        for p in doc.passages:
            if args.json:
                print(
                    _dumps(
                        {
                            "id": p.id,
                            "doc_id": p.doc_id,
                            "section": p.section_str,
                            "article": p.article,
                            "text": p.text,
                        }
                    )
                )
            else:
                kind = "" if p.kind == "content" else f" [{p.kind}]"
                print(f"{p.id}{kind}")
                if p.section:
                    print(f"  {p.section_str}")
                print("  " + p.text.replace("\n", "\n  "))
                print()
    return 0
