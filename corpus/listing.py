"""The one listing of a corpus folder: which files are documents, which metadata sidecar goes
with each, and which files cannot be documents and why. Every caller (load_corpus, the index
build and its fingerprints, uploads, deletes) asks this module, so they all see one corpus.

Rules:
- a document is a file directly in the folder whose suffix a reader supports; its id is the
  file's stem, so two files with one stem ("a.pdf", "a.txt") are both refused: they would be
  one id with two texts. The message names both and says to rename one.
- "<stem>.meta.yaml" (or ".yaml", ".meta.yml", ".yml") beside a document is its metadata;
  the first of those suffixes that exists is used, as the reader does.
- hidden files (".x", temporary uploads, LibreOffice locks), Office lock files ("~$x.docx"),
  editor backups ("x.md~") and desktop files (Thumbs.db, desktop.ini) are skipped silently.
- subfolders are not read: a document's id is its stem, which must stay unique and stable, and
  the app adds and deletes files only directly in the folder. A visible subfolder is reported
  so that nobody wonders why its documents are missing.
- any other file is reported as unsupported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from corpus.readers import SIDECAR_SUFFIXES, SUPPORTED_SUFFIXES
from corpus.types import CorpusError, LoadError

_DESKTOP_FILES = {"thumbs.db", "desktop.ini"}


@dataclass(frozen=True, slots=True)
class Source:
    """One document file of a corpus folder and its metadata sidecar, if any."""

    path: Path
    sidecar: Path | None = None

    @property
    def doc_id(self) -> str:
        return self.path.stem

    @property
    def files(self) -> tuple[Path, ...]:
        return (self.path,) if self.sidecar is None else (self.path, self.sidecar)


@dataclass(frozen=True, slots=True)
class Listing:
    sources: tuple[Source, ...]
    errors: tuple[LoadError, ...] = ()

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file the corpus is made of: documents and their sidecars."""
        return tuple(f for s in self.sources for f in s.files)


def is_skipped(name: str) -> bool:
    """Files that are never documents nor worth a warning (hidden, locks, backups)."""
    return name.startswith((".", "~$")) or name.endswith("~") or name.lower() in _DESKTOP_FILES


def sidecar_stem(name: str) -> str | None:
    """ "a.meta.yaml" -> "a"; None when the name is not a metadata sidecar."""
    lower = name.lower()
    for suffix in SIDECAR_SUFFIXES:
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return None


def doc_id_of(name: str) -> str:
    """The id of the document a file name belongs to: its sidecar stem or its stem."""
    return sidecar_stem(name) or Path(name).stem


def sidecars_of(path: Path) -> list[Path]:
    """Every metadata file beside `path` (the one in use first); deleting a document removes
    them all, so an old sidecar never describes a later file."""
    return [c for s in SIDECAR_SUFFIXES if (c := path.with_name(path.stem + s)).is_file()]


def list_files(folder: Path | str) -> Listing:
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(f"{folder}: not a folder; pass the folder that holds the documents")
    errors: list[LoadError] = []
    by_stem: dict[str, list[Path]] = {}
    sidecars: set[str] = set()
    for path in sorted(folder.iterdir()):
        name = path.name
        if is_skipped(name):
            continue
        if path.is_dir():
            errors.append(
                LoadError(
                    str(path),
                    "is a folder: documents in subfolders are not read; "
                    f"move them into {folder} to include them",
                )
            )
            continue
        if not path.is_file():
            continue
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            by_stem.setdefault(path.stem, []).append(path)
        elif sidecar_stem(name) is not None:
            sidecars.add(name)
        else:
            supported = ", ".join(SUPPORTED_SUFFIXES)
            errors.append(
                LoadError(
                    str(path),
                    f"unsupported file type '{path.suffix or name}' (supported: {supported})",
                )
            )
    sources: list[Source] = []
    for stem, paths in sorted(by_stem.items()):
        found = sidecars_of(paths[0])
        sidecars.difference_update(f.name for f in found)
        if len(paths) > 1:
            names = ", ".join(p.name for p in paths)
            for path in paths:
                errors.append(
                    LoadError(
                        str(path),
                        f"two documents would have the id '{stem}' ({names}); "
                        "rename one of them (each file name without its extension is an id)",
                    )
                )
            continue
        sources.append(Source(paths[0], found[0] if found else None))
        for extra in found[1:]:
            errors.append(
                LoadError(
                    str(extra),
                    f"second metadata file for '{stem}' ({found[0].name} is used); remove one",
                )
            )
    for name in sorted(sidecars):
        errors.append(
            LoadError(
                str(folder / name),
                f"metadata file without a document (no '{sidecar_stem(name)}' with a suffix "
                f"{', '.join(SUPPORTED_SUFFIXES)})",
            )
        )
    errors.sort(key=lambda e: e.path)
    return Listing(tuple(sources), tuple(errors))
