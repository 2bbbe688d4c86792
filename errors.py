"""The project's domain errors: bad input or a state the user can fix, each with a message that
says what is wrong and what to do. Every stage raises a subclass of `NqaError`; the CLI and the
app show its message on one line, and treat any other exception as a bug.

    NqaError
    ├── ConfigError     an NQA_* variable holds a value that is not allowed
    ├── InputError      text that cannot be read (invalid UTF-8 in an argument, a stdin line, a file)
    ├── StorageError    the data folder cannot be written (read-only, full, no permission)
    ├── CorpusError     a document cannot be read (corpus.types.CorpusError, UploadError ...)
    ├── IndexStateError the index cannot be used as asked (missing, stale, damaged, StoreError)
    ├── ModelError      the embedding model is not on this machine (ModelNotFoundError)
    ├── QuestionError   a question or query that cannot be asked (bot.types.QuestionError,
    │                   index.types.QueryError)
    └── RequestError    a request the app refuses (serve.service.ServiceError, FeedbackError)

This module sits below every stage (corpus <- index <- bot <- serve all import it) and imports
nothing of the project.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable, Iterator


class NqaError(Exception):
    """A domain error: str() is a complete message for the user."""


class ConfigError(NqaError, ValueError):
    """An environment variable holds a value that is not allowed (the message names the
    variable, the value and what is allowed)."""


class InputError(NqaError, ValueError):
    """Text that cannot be read as given: the message says where (argument, line, file)."""


class StorageError(NqaError):
    """The data folder (or another folder the program writes) cannot be written."""


class CorpusError(NqaError):
    """A document cannot be read: the message names the file and the reason."""


class IndexStateError(NqaError):
    """The index cannot be used as asked; the message names the command that fixes it."""


class ModelError(NqaError):
    """The embedding model cannot be loaded; the message says how to provide it."""


class QuestionError(NqaError, ValueError):
    """A question (or search query) that cannot be asked; the message says what to change."""


class RequestError(NqaError, ValueError):
    """A request of the app that is refused; the message (Vietnamese) says why."""


# ----------------------------------------------------------------------------- storage

_STORAGE = {
    errno.EROFS: "the file system is read-only",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exhausted",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
}


def storage_error(exc: BaseException) -> StorageError | None:
    """`exc` as a StorageError when it is a write the machine refused (read-only, full, no
    permission), else None (any other OSError is not the user's to fix)."""
    if isinstance(exc, StorageError):
        return exc
    if not isinstance(exc, OSError) or exc.errno not in _STORAGE:
        return None
    where = exc.filename or "the data folder"
    fix = (
        "free some space"
        if exc.errno in (errno.ENOSPC, errno.EDQUOT)
        else "make the folder writable"
    )
    return StorageError(
        f"Cannot write to {where}: {_STORAGE[exc.errno]}. {fix.capitalize()}, or point "
        "NQA_DATA_DIR at a folder that can be written."
    )


# ----------------------------------------------------------------------------- text input


def decode(data: bytes, where: str) -> str:
    """UTF-8 bytes (a BOM allowed) as text, or InputError naming `where` and the bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex().upper()
        raise InputError(
            f"{where} is not valid UTF-8 (byte 0x{bad} at offset {exc.start}); "
            "save or type it as UTF-8."
        ) from None


def check_text(text: str, where: str) -> str:
    """`text` as given on the command line: Python keeps undecodable bytes of an argument as
    lone surrogates, which fail later when printed; refuse them here with a clear message."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogateescape")
        decode(raw, where)  # raises InputError naming the first bad byte
        raise InputError(f"{where} is not valid UTF-8; type it as UTF-8.") from None
    return text


def read_lines(stream: Iterable[bytes | str], what: str = "line") -> Iterator[str | InputError]:
    """Each line of a binary stream (standard input of `nqa ask -`) decoded on its own, without
    its line break: a line that is not UTF-8 yields an InputError for that line and the next
    lines are still read. (Lines of a text stream are passed through.)"""
    for number, raw in enumerate(stream, start=1):
        try:
            text = raw if isinstance(raw, str) else decode(raw, f"{what} {number}")
            yield text.rstrip("\r\n")
        except InputError as exc:
            yield exc
