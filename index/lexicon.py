"""Word lists as data: `index/data/*.tsv`, one entry per line, `key<TAB>value<TAB>reason`.

Every entry says why it is general Vietnamese (or general English) rather than a fit to some
question; `#` starts a comment line. Keys are matched on folded, lower-cased text unless the
list says otherwise, so each list is loaded once and kept in memory."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from errors import InputError

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    value: str
    reason: str


class LexiconError(InputError):
    """A word-list file is malformed; the message names the file, the line and the fix."""


@cache
def entries(name: str, folder: Path = DATA) -> tuple[Entry, ...]:
    """The entries of `<folder>/<name>.tsv` (default `index/data/`), in file order."""
    path = folder / f"{name}.tsv"
    out: list[Entry] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not all(p.strip() for p in parts):
            raise LexiconError(
                f"{path}:{number}: expected 'key<TAB>value<TAB>reason', got {line!r}"
            )
        key, value, reason = (p.strip() for p in parts)
        if key in seen:
            raise LexiconError(f"{path}:{number}: '{key}' repeats line {seen[key]}; keep one")
        seen[key] = number
        out.append(Entry(key, value, reason))
    return tuple(out)


def alternatives(wording: str) -> list[str]:
    """The wordings an entry's value lists, separated by ";", each of which stands for the key
    on its own: "nghĩa vụ quân sự; tuyển quân" -> ["nghĩa vụ quân sự", "tuyển quân"]."""
    return [w.strip() for w in wording.split(";") if w.strip()]


def mapping(name: str, folder: Path = DATA) -> dict[str, str]:
    return {e.key: e.value for e in entries(name, folder)}
