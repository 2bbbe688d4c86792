"""Formats -> normalized text lines plus the metadata the file carries (front matter, sidecar).

Each reader turns one file into lines; a file that cannot be read raises ReadError naming the
file and the reason, so one bad file never stops the rest of a corpus from loading.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.layout import Item, Table
from corpus.normalize import normalize_line, normalize_markdown
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
            raw = _read_docx(path)
        elif suffix == ".pdf":
            pdf = _read_pdf(path, options)
            raw, notes = pdf.items, pdf.notes
        else:
            raw = _decode(path, path.read_bytes())
        sidecar = find_sidecar(path)
        extra = (
            _load_yaml(sidecar, "\n".join(_decode(sidecar, sidecar.read_bytes())))
            if sidecar
            else {}
        )
    except OSError as exc:
        raise ReadError(exc.filename or path, f"cannot be read ({exc.strerror or exc})") from None
    front, raw = _split_front_matter(path, raw) if suffix != ".pdf" else ({}, raw)
    normalize = normalize_markdown if suffix == ".md" else normalize_line
    lines = tuple(line if isinstance(line, Table) else normalize(line) for line in raw)
    if not any(lines):
        raise ReadError(path, "the file has no text")
    return RawText(lines=lines, front={**front, **extra}, sidecar=sidecar, notes=notes)


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
        text = data.decode("utf-16")
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


def _read_docx(path: Path) -> list[str]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not zipfile.is_zipfile(path):
        raise ReadError(path, "not a .docx file (damaged, or another format renamed .docx)")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zipfile, KeyError, lxml errors alike
        raise ReadError(path, f"not a readable .docx file ({_describe(exc)})") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.extend(_docx_paragraph(block))
        elif isinstance(block, Table):
            seen: set[int] = set()
            for row in block.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    for paragraph in cell.paragraphs:
                        lines.extend(_docx_paragraph(paragraph))
        lines.append("")
    return lines


def _docx_paragraph(paragraph: Any) -> list[str]:
    from corpus.normalize import render_html

    if any(run.font.superscript or run.font.subscript for run in paragraph.runs):
        parts = []
        for run in paragraph.runs:
            tag = "sup" if run.font.superscript else "sub" if run.font.subscript else None
            parts.append(f"<{tag}>{run.text}</{tag}>" if tag else run.text)
        text = render_html("".join(parts))
    else:
        text = paragraph.text
    style = (paragraph.style.name or "") if paragraph.style is not None else ""
    if style.startswith("List Bullet") and text.strip() and not re.match(r"\s*[-+•]", text):
        text = ("+ " if style.rstrip().endswith(("2", "3")) else "- ") + text
    return text.split("\n")


# --- .pdf -----------------------------------------------------------------------------------


def _read_pdf(path: Path, options: ReadOptions) -> PdfText:
    from corpus.pdf import read_pdf

    return read_pdf(path, options)


def _describe(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
