"""`nqa corpus list | show | passages | check`: look at what the corpus stage reads."""

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

    p = sub.add_parser(
        "check",
        parents=[corpus_opt],
        help="per document: metadata, passages, tables, reading notes and warnings",
    )
    p.add_argument("dir", metavar="DIR", nargs="?", type=Path, help="folder (default: bundled)")
    p.add_argument("--json", action="store_true", help="one JSON object per document or error")
    p.set_defaults(func=cmd_check)


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
                        "effective": m.effective,
                        "amends": list(m.amends),
                        "region": m.region,
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
                            "kind": p.kind,
                            "text": p.text,
                            **({"cells": [list(c) for c in p.cells]} if p.cells else {}),
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


def cmd_check(args: argparse.Namespace) -> int:
    """Exit 0 whatever the warnings say: they are for reading, not for failing a script."""
    from dataclasses import asdict

    from corpus.check import check

    corpus = load_corpus(args.dir or args.corpus)
    reports = [check(doc) for doc in corpus.documents]
    if args.json:
        for report in reports:
            print(_dumps({"type": "document", **asdict(report)}))
        for error in corpus.errors:
            print(_dumps({"type": "error", "path": error.path, "reason": error.reason}))
        return 0
    for r in reports:
        print(r.doc_id)
        print(f"    title:     {r.title}")
        for label, value in (
            ("number", r.number),
            ("type", r.kind),
            ("issuer", r.issuer),
            ("date", r.date),
            ("effective", r.effective),
            ("region", r.region),
        ):
            print(f"    {label + ':':<10} {value or '-'}")
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(r.passages.items()))
        print(f"    passages:  {sum(r.passages.values())} ({kinds}); tables: {r.tables}")
        for note in r.notes:
            print(f"    note:      {note}")
        for warning in r.warnings:
            print(f"    warning:   {warning}")
        print()
    if corpus.errors:
        print("Files that could not be read:")
        for error in corpus.errors:
            print(f"    {error.path}: {error.reason}")
    warned = sum(1 for r in reports if r.warnings)
    print(f"{len(reports)} documents ({warned} with warnings), {len(corpus.errors)} files not read")
    return 0
