"""`nqa`: the command line. It parses arguments and hands them to one function per subcommand;
each stage's `cli.py` registers its own subcommands."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from importlib import import_module

_STAGES = ("corpus.cli", "index.cli", "bot.cli", "eval.cli", "pgstore.cli")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nqa", description="Hỏi đáp Nghị quyết: cited answers over Vietnamese resolutions."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name in _STAGES:
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # stage not built yet
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from bot.types import QuestionError
    from corpus.types import CorpusError
    from index.types import IndexStateError, QueryError

    logging.basicConfig(
        level=os.environ.get("NQA_LOG_LEVEL", "WARNING").upper(),
        format="nqa: %(levelname)s: %(name)s: %(message)s",
    )
    for handler in logging.getLogger().handlers:  # bm25s sets its own logger to DEBUG
        handler.setLevel(logging.getLogger().level)
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (
        CorpusError,
        IndexStateError,
        QuestionError,
        QueryError,
        KeyError,
        FileNotFoundError,
    ) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"nqa: {message}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
