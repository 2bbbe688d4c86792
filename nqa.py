"""`nqa`: the command line. It reads the configuration, parses arguments and hands them to one
function per subcommand; each stage's `cli.py` registers its own subcommands.

Exit codes: 0 done; 2 a domain error (errors.NqaError: bad input, configuration, index state
...), printed as one line on stderr that says what to do; 70 a bug (any other exception): one
line saying so, with the traceback written to a log file it names.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import traceback
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path

import config as configuration
from errors import NqaError, check_text, storage_error

_STAGES = ("corpus.cli", "index.cli", "bot.cli", "eval.cli", "pgstore.cli")
BUG = 70  # EX_SOFTWARE: an internal error, not the user's input
LOG_NAME = "nqa-errors.log"


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
    argv = sys.argv[1:] if argv is None else list(argv)
    config = None
    try:
        config = configuration.Config.from_env(os.environ)
        configuration.prepare_process(os.environ)
        _log_to_stderr(config)
        for position, arg in enumerate(argv, start=1):
            check_text(arg, f"Argument {position}")
        args = build_parser().parse_args(argv)
        args.config = config
        with configuration.using(config):
            return int(args.func(args) or 0)
    except NqaError as exc:
        return _fail(str(exc))
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if storage := storage_error(exc):
            return _fail(str(storage))
        return _bug(exc, config)


def _fail(message: str) -> int:
    print(f"nqa: {message}", file=sys.stderr)
    return 2


def _bug(exc: BaseException, config: configuration.Config | None) -> int:
    """One line on stderr saying this is a bug and where its traceback is."""
    where = _write_traceback(exc, config)
    detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
    saved = f"the traceback is in {where}" if where else "the traceback could not be saved"
    print(
        f"nqa: internal error, a bug rather than your input ({detail}); {saved}. "
        "Please report it with that file.",
        file=sys.stderr,
    )
    return BUG


def _write_traceback(exc: BaseException, config: configuration.Config | None) -> Path | None:
    folders = [(config or configuration.Config()).data_dir / "logs", Path(tempfile.gettempdir())]
    text = "".join(traceback.format_exception(exc))
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / LOG_NAME
            with path.open("a", encoding="utf-8") as f:
                f.write(f"--- {stamp} nqa {' '.join(map(repr, sys.argv[1:]))}\n{text}\n")
            return path
        except OSError:
            continue
    return None


def _log_to_stderr(config: configuration.Config) -> None:
    level = configuration.log_level(config, "WARNING")
    logging.basicConfig(level=level, format="nqa: %(levelname)s: %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:  # bm25s sets its own logger to DEBUG
        handler.setLevel(logging.getLogger().level)


if __name__ == "__main__":
    sys.exit(main())
