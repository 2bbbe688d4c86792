"""Keeping the app's folders tidy: what an interrupted upload or delete left in the corpus
folder (cleaned at start), and Gradio's upload cache held within a quota.

- `.upload-*`: an upload's temporary copy, never a document: removed.
- `.deleting-<hex>-<name>`: a document hidden by a delete that did not finish. If the live
  index still holds `<name>`, the delete never took effect and is undone (the file is put
  back); otherwise it is finished (the hidden file is removed). Both are logged.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Container
from pathlib import Path

from corpus.upload import TEMP_PREFIX

log = logging.getLogger("nqa.app")

DELETING_PREFIX = ".deleting-"
_DELETING = re.compile(r"^\.deleting-[0-9a-f]+-(?P<name>.+)$")


def hidden_name(file: Path, token: str) -> Path:
    """Where a delete hides `file` until the index no longer holds it."""
    return file.with_name(f"{DELETING_PREFIX}{token}-{file.name}")


def tidy_corpus(folder: Path, indexed: Container[str] | None) -> list[str]:
    """Clean what interrupted uploads and deletes left in `folder`; `indexed` holds the file
    names the live index was built from (None when unknown: deletes are then undone, which
    loses nothing). Returns what was done, one line each (also logged)."""
    done: list[str] = []
    if not folder.is_dir():
        return done
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.startswith(TEMP_PREFIX) and path.is_file():
            path.unlink(missing_ok=True)
            done.append(f"removed {name}, the temporary copy of an interrupted upload")
        elif (m := _DELETING.match(name)) and path.is_file():
            original = folder / m.group("name")
            if original.exists():
                path.unlink(missing_ok=True)
                done.append(f"removed {name}: {original.name} is in place")
            elif indexed is None or original.name in indexed:
                os.replace(path, original)
                done.append(f"undid an interrupted delete: {original.name} is back")
            else:
                path.unlink(missing_ok=True)
                done.append(f"finished an interrupted delete of {original.name}")
    for line in done:
        log.warning("corpus folder %s: %s", folder, line)
    return done


def sweep(folder: Path, quota_bytes: int, max_age: float | None = None) -> int:
    """Remove files of `folder` (Gradio's upload cache), oldest first, until it holds at most
    `quota_bytes`, and any older than `max_age` seconds; returns how many were removed."""
    if not folder.is_dir():
        return 0
    files = []
    for path in folder.rglob("*"):
        try:
            if path.is_file():
                stat = path.stat()
                files.append((stat.st_mtime, stat.st_size, path))
        except OSError:
            continue
    files.sort()
    total = sum(size for _, size, _ in files)
    now, removed = time.time(), 0
    for mtime, size, path in files:
        if total <= quota_bytes and (max_age is None or now - mtime <= max_age):
            continue
        try:
            path.unlink()
        except OSError:
            continue
        total -= size
        removed += 1
    return removed
