"""Formats -> normalized text lines and tables, plus the metadata the file carries (front
matter, sidecar).

Each reader turns one file into items, a text line or a whole `Table`: Markdown through
corpus/markdown.py (paragraphs joined, tables in every shape converters write), plain text line
by line, .docx through corpus/docx_reader.py, PDF below. Tables that only lay out a header or
a signature become lines (corpus/layout_tables.py). A file that cannot be read raises
ReadError naming the file and the reason, so one bad file never stops the rest of a corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.cleanup import drop_page_marks
from corpus.layout import Item, Table
from corpus.layout_tables import unlayout
from corpus.normalize import normalize_line
from corpus.options import DEFAULT, ReadOptions
from corpus.types import CorpusError

if TYPE_CHECKING:
    from corpus.pdf import PdfText

SUPPORTED_SUFFIXES = (".md", ".txt", ".docx", ".pdf")
SIDECAR_SUFFIXES = (".meta.yaml", ".yaml", ".meta.yml", ".yml")


class ReadError(CorpusError):
    """A file that cannot be read: str() is "<file>: <reason>"."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class RawText:
    # normalized lines, blank lines kept (page breaks show as runs of them), and whole tables
    lines: tuple[Item, ...]
    front: dict[str, Any] = field(default_factory=dict)  # front matter merged with the sidecar
    sidecar: Path | None = None
    notes: tuple[str, ...] = ()  # how the file was read, for staff ("OCR: 29 pages", ...)


def read_file(path: Path, options: ReadOptions = DEFAULT) -> RawText:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReadError(
            path,
            f"unsupported file type '{suffix or path.name}' (supported: {', '.join(SUPPORTED_SUFFIXES)})",
        )
    if not path.is_file():
        raise ReadError(path, "no such file")
    notes: tuple[str, ...] = ()
    try:
        if suffix == ".docx":
            items, front = _read_docx(path), {}
        elif suffix == ".pdf":
            pdf = _read_pdf(path, options)
            items, front, notes = list(pdf.items), {}, pdf.notes
        else:
            front, raw = _split_front_matter(path, _decode(path, path.read_bytes()))
            items = _read_markdown(raw) if suffix == ".md" else drop_page_marks(raw)
        sidecar = find_sidecar(path)
        extra = (
            _load_yaml(sidecar, "\n".join(_decode(sidecar, sidecar.read_bytes())))
            if sidecar
            else {}
        )
    except OSError as exc:
        raise ReadError(exc.filename or path, f"cannot be read ({exc.strerror or exc})") from None
    lines = tuple(unlayout(items if suffix == ".md" else _normalized(items)))
    if not any(lines):
        raise ReadError(path, "the file has no text")
    return RawText(lines=lines, front={**front, **extra}, sidecar=sidecar, notes=notes)


def _normalized(items: list[Item]) -> list[Item]:
    """Every line and every cell line in one spelling (NFC, tone marks, no invisible marks)."""
    out: list[Item] = []
    for item in items:
        if isinstance(item, Table):
            rows = tuple(
                tuple("\n".join(t for t in map(normalize_line, c.split("\n")) if t) for c in row)
                for row in item.rows
            )
            out.append(Table(rows=rows, header_rows=item.header_rows))
        else:
            out.append(normalize_line(item))
    return out


def _read_markdown(raw: list[str]) -> list[Item]:
    from corpus.markdown import read_markdown

    return read_markdown(raw)


def find_sidecar(path: Path) -> Path | None:
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_name(path.stem + suffix)
        if candidate.is_file():
            return candidate
    return None


# --- front matter ---------------------------------------------------------------------------


def _split_front_matter(path: Path, lines: list[str]) -> tuple[dict[str, Any], list[str]]:
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or lines[start].strip() != "---":
        return {}, lines
    for end in range(start + 1, min(len(lines), start + 200)):
        if lines[end].strip() in ("---", "..."):
            front = _load_yaml(path, "\n".join(lines[start + 1 : end]))
            return front, lines[end + 1 :]
    return {}, lines  # a lone "---" is a horizontal rule, not front matter


def _load_yaml(path: Path, text: str) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        reason = str(exc).replace("\n", " ")
        raise ReadError(path, f"front matter is not valid YAML ({reason})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ReadError(path, "front matter must be a mapping of 'key: value' lines")
    return {str(k).strip().lower(): v for k, v in data.items()}


# --- plain text -----------------------------------------------------------------------------


def _decode(path: Path, data: bytes) -> list[str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        if len(data) % 2:
            raise ReadError(
                path, f"truncated UTF-16 text (an odd number of bytes, {len(data)}); save it again"
            )
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(
                path, f"damaged UTF-16 text (at byte {exc.start}); save it again"
            ) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ReadError(
                path, f"not UTF-8 text (invalid byte at offset {exc.start}); save it as UTF-8"
            ) from None
    if "\x00" in text:
        raise ReadError(path, "binary data in a text file")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


# --- .docx ----------------------------------------------------------------------------------


def _read_docx(path: Path) -> list[Item]:
    from corpus.docx_reader import DocxError, read_docx

    try:
        return read_docx(path)
    except DocxError as exc:
        raise ReadError(path, str(exc)) from None


# --- .pdf -----------------------------------------------------------------------------------


def _read_pdf(path: Path, options: ReadOptions) -> PdfText:
    from corpus.pdf import read_pdf

    return read_pdf(path, options)


def _describe(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
