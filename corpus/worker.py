"""Parsing one file in a separate process, bounded in time and memory: an upload that would
parse for minutes (a small .docx that inflates to millions of paragraphs, hundreds of scanned
pages) is stopped, and whatever memory it took goes with the process.

    document = parse_bounded(path, seconds=120)   # CorpusError, or ParseLimitError when over

The worker is `python -m corpus.worker`: it reads (path, options, memory limit) from standard
input and writes the Document back, pickled (the two ends are this module; nothing is stored).
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

from corpus.options import DEFAULT, ReadOptions
from corpus.types import CorpusError, Document

MEMORY_BYTES = 2 << 30  # address space of the worker: more is not a document


class ParseLimitError(CorpusError):
    """The file took longer (or more memory) to parse than allowed; `reason` says which."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def parse_bounded(
    path: Path, seconds: float, options: ReadOptions = DEFAULT, memory: int = MEMORY_BYTES
) -> Document:
    """`corpus.load_document(path, options)` run in a worker process that is killed after
    `seconds`; a parser error comes back as the CorpusError it was."""
    root = Path(__file__).resolve().parent.parent  # this checkout's corpus, not another install
    try:
        done = subprocess.run(
            [sys.executable, "-m", "corpus.worker"],
            input=pickle.dumps((str(Path(path).resolve()), options, memory)),
            capture_output=True,
            timeout=seconds,
            cwd=root,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ParseLimitError(f"parsing took longer than {seconds:g} s") from None
    try:
        kind, value = pickle.loads(done.stdout)
    except Exception:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        if done.returncode < 0 or "MemoryError" in tail[0]:
            raise ParseLimitError("parsing needed more memory than allowed") from None
        raise CorpusError(f"the parser stopped ({tail[0][:200]})") from None
    if kind == "ok":
        return value
    if kind == "memory":
        raise ParseLimitError("parsing needed more memory than allowed")
    raise CorpusError(value)


def _main() -> None:
    import resource

    path, options, memory = pickle.loads(sys.stdin.buffer.read())
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    from corpus import load_document

    try:
        result: tuple = ("ok", load_document(Path(path), options))
    except CorpusError as exc:
        result = ("corpus", str(exc))
    except MemoryError:
        result = ("memory", "")
    except Exception as exc:  # a parser bug on odd input is still a refused file
        result = ("corpus", f"{path}: cannot be parsed ({type(exc).__name__})")
    sys.stdout.buffer.write(pickle.dumps(result))


if __name__ == "__main__":
    _main()
