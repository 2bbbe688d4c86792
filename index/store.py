"""All disk IO of an index. One folder per corpus holds versioned builds and a `CURRENT` file
naming the live one; a build is written to a fresh folder and `CURRENT` is replaced atomically,
so a crash mid-build leaves the previous index in service.

    <data dir>/indexes/<corpus name>-<hash>/
        CURRENT                 -> "build-20261128T001500-3f2a"
        build-.../manifest.json  corpus fingerprint, model, settings, versions, and the size
                                 and sha256 of every other file of the build ("contents")
        build-.../documents.jsonl  DocumentMeta and table of contents per document
        build-.../passages.jsonl   one Passage per line (ensure_ascii=False)
        build-.../tokens.jsonl     lexical tokens per passage (re-used by incremental updates)
        build-.../dense.faiss      passage vectors
        build-.../bm25/            bm25s arrays (.npy) and vocabulary (.json)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from corpus.types import Document, DocumentMeta, Heading, Passage
from index.settings import data_dir
from index.types import IndexStateError

SCHEMA = 3  # 2: table rows (cells), reading notes, effective/amends/region; 3: "contents"
POINTER = "CURRENT"
MANIFEST = "manifest.json"
_CHUNK = 1 << 20


class DamagedIndexError(IndexStateError):
    """A stored build that does not match its manifest (or has no readable manifest or
    pointer); `problem` says which file and how, for the message that names the fix."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem


def index_home(corpus_dir: Path, root: Path | None = None) -> Path:
    """The folder of `corpus_dir`'s builds under the data folder `root` (default: the
    configuration's)."""
    resolved = corpus_dir.resolve()
    digest = hashlib.sha1(str(resolved).encode()).hexdigest()[:10]
    return (root or data_dir()) / "indexes" / f"{resolved.name or 'corpus'}-{digest}"


def current_build(home: Path) -> Path | None:
    """The build `CURRENT` names; None when there is none yet. A pointer that is not a small
    text file naming a build folder with a manifest raises DamagedIndexError."""
    pointer = home / POINTER
    if not pointer.exists() and not pointer.is_symlink():
        return None
    if not pointer.is_file():
        raise DamagedIndexError(f"{POINTER} is not a file naming the live build")
    try:
        raw = pointer.read_bytes()[:256]
        name = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise DamagedIndexError(f"{POINTER} holds binary data, not the live build's name") from None
    if not name.startswith("build-") or "/" in name or "\\" in name:
        raise DamagedIndexError(f"{POINTER} names {name[:60]!r}, not a build folder")
    build = home / name
    if not (build / MANIFEST).is_file():
        raise DamagedIndexError(f"{POINTER} names {name}, which has no {MANIFEST}")
    return build


def new_build_dir(home: Path) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    build = home / f"build-{stamp}-{uuid.uuid4().hex[:6]}"
    build.mkdir()
    return build


ABANDONED_SECONDS = 3600  # an unfinished build folder this old was left by a crash


def publish(home: Path, build: Path) -> None:
    """Make `build` the live index (atomic), then remove the builds nobody points to: finished
    ones, and unfinished ones left by a crash. A build another process is still writing (no
    manifest yet, recent) is left alone, so two builds of one corpus at once both finish."""
    if not (build / MANIFEST).is_file():  # removed meanwhile by another process's publish
        return
    tmp = home / f".{POINTER}.{uuid.uuid4().hex[:6]}"
    tmp.write_text(build.name, encoding="utf-8")
    pointer = home / POINTER
    if pointer.is_dir() and not pointer.is_symlink():  # a damaged pointer: a file replaces it
        shutil.rmtree(pointer)
    os.replace(tmp, pointer)
    now = datetime.now(UTC).timestamp()
    for old in home.glob("build-*"):
        if old == build:
            continue
        try:
            abandoned = now - old.stat().st_mtime > ABANDONED_SECONDS
        except OSError:  # removed meanwhile
            continue
        if (old / MANIFEST).is_file() or abandoned:
            shutil.rmtree(old, ignore_errors=True)


def discard(build: Path) -> None:
    shutil.rmtree(build, ignore_errors=True)


def write_manifest(build: Path, manifest: dict[str, Any]) -> None:
    (build / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
    )


def read_manifest(build: Path) -> dict[str, Any]:
    """The build's manifest; DamagedIndexError when it is not a JSON object."""
    try:
        manifest = json.loads((build / MANIFEST).read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DamagedIndexError(f"{MANIFEST} cannot be read ({type(exc).__name__})") from None
    if not isinstance(manifest, dict):
        raise DamagedIndexError(f"{MANIFEST} holds {type(manifest).__name__}, not an object")
    return manifest


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def contents(build: Path) -> dict[str, dict[str, Any]]:
    """Size and sha256 of every file of a build but its manifest, by path relative to it."""
    return {
        path.relative_to(build).as_posix(): {
            "bytes": path.stat().st_size,
            "sha256": sha256_file(path),
        }
        for path in sorted(build.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }


def read_checked(build: Path, name: str, recorded: dict[str, Any]) -> bytes:
    """The bytes of a build's file, checked against the size and sha256 its manifest
    recorded; DamagedIndexError naming the file otherwise."""
    entry = recorded.get(name)
    if not isinstance(entry, dict):
        raise DamagedIndexError(f"the manifest records no {name}")
    path = build / name
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DamagedIndexError(f"{name} is missing") from None
    except IsADirectoryError:
        raise DamagedIndexError(f"{name} is a folder, not a file") from None
    if len(data) != entry.get("bytes"):
        raise DamagedIndexError(
            f"{name} has {len(data)} bytes, the manifest records {entry.get('bytes')}"
        )
    if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
        raise DamagedIndexError(f"{name} differs from the checksum the build recorded")
    return data


def jsonl_rows(data: bytes, name: str) -> list[Any]:
    """The rows of a JSON-lines file's bytes; DamagedIndexError naming the bad line."""
    rows = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise DamagedIndexError(f"{name} line {number} is not JSON") from None
    return rows


def write_jsonl(path: Path, rows: list[Any]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[Any]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def document_row(doc: Document) -> dict[str, Any]:
    return {
        "meta": asdict(doc.meta),
        "toc": [asdict(h) for h in doc.toc],
        "notes": list(doc.notes),
    }


def document_from_row(row: dict[str, Any], passages: tuple[Passage, ...]) -> Document:
    toc = tuple(Heading(**{**h, "path": tuple(h["path"])}) for h in row["toc"])
    meta = dict(row["meta"])
    meta["amends"] = tuple(meta.get("amends") or ())
    return Document(
        meta=DocumentMeta(**meta),
        toc=toc,
        passages=passages,
        notes=tuple(row.get("notes") or ()),
    )


def passage_row(p: Passage) -> dict[str, Any]:
    return {
        "id": p.id,
        "doc_id": p.doc_id,
        "section": list(p.section),
        "article": p.article,
        "text": p.text,
        "kind": p.kind,
        **({"cells": [list(c) for c in p.cells]} if p.cells else {}),
    }


def passage_from_row(row: dict[str, Any]) -> Passage:
    return Passage(
        id=row["id"],
        doc_id=row["doc_id"],
        section=tuple(row["section"]),
        article=row["article"],
        text=row["text"],
        kind=row.get("kind", "content"),
        cells=tuple((str(h), str(v)) for h, v in row.get("cells") or ()),
    )


def file_fingerprints(corpus_dir: Path) -> dict[str, str]:
    """sha256 of every file the corpus is made of (documents and their metadata sidecars, as
    `corpus.list_files` lists them), by path relative to the folder."""
    from corpus.listing import list_files

    if not corpus_dir.is_dir():
        return {}
    return {
        path.relative_to(corpus_dir).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in list_files(corpus_dir).files
    }


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("hoidap-nghiquyet", "bm25s", "faiss-cpu", "sentence-transformers", "underthesea"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "missing"
    return found
