"""Formats -> normalized text lines and tables, plus the metadata the file carries (front
matter, sidecar).

Each reader turns one file into items, a text line or a whole `Table`: Markdown through
corpus/markdown.py (paragraphs joined, tables in every shape converters write), plain text line
by line, .docx through corpus/docx_reader.py, PDF below. Tables that only lay out a header or
a signature become lines (corpus/layout_tables.py). A file that cannot be read raises
ReadError naming the file and the reason, so one bad file never stops the rest of a corpus.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.cleanup import drop_page_marks
from corpus.layout import Item, Table
from corpus.layout_tables import unlayout
from corpus.lines import classify, is_caps
from corpus.normalize import normalize_line
from corpus.options import DEFAULT, ReadOptions
from corpus.types import CorpusError

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
    try:
        if suffix == ".docx":
            items, front = _read_docx(path), {}
        elif suffix == ".pdf":
            items, front = list(_read_pdf(path, options)), {}
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
    return RawText(lines=lines, front={**front, **extra}, sidecar=sidecar)


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

_PAGE_NUMBER = re.compile(r"^[-–\s]*(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?[-–\s]*$", re.IGNORECASE)


def _read_pdf(path: Path, options: ReadOptions) -> list[str]:
    from pypdf import PdfReader

    # pypdf logs warnings about damaged files; they are reported once, as a ReadError
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as exc:
                raise ReadError(
                    path, f"encrypted PDF that cannot be opened ({_describe(exc)})"
                ) from None
            if not opened:
                raise ReadError(
                    path, "encrypted PDF (password protected); save an unprotected copy"
                )
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        raise ReadError(path, f"not a readable PDF ({_describe(exc)})") from None
    if not any(page.strip() for page in pages):
        raise ReadError(
            path, "the PDF has no text layer (scanned images?); run OCR on it first, e.g. ocrmypdf"
        )
    lines: list[str] = []
    for page in pages:
        page_lines = [line.strip() for line in page.split("\n")]
        while page_lines and (not page_lines[0] or _PAGE_NUMBER.match(page_lines[0])):
            page_lines.pop(0)
        while page_lines and (not page_lines[-1] or _PAGE_NUMBER.match(page_lines[-1])):
            page_lines.pop()
        lines.extend(page_lines)
        lines.extend(["", ""])  # a page break, repaired later like any other
    return _reflow(lines)


def _reflow(lines: list[str]) -> list[str]:
    """Join the visual lines of a PDF paragraph, across page breaks too: a line that fills the
    page width and does not end a sentence continues on the next, unless the next starts a new
    unit ("Điều 2.", "b)", "- ") or only one of the two is in capitals. A numbered line that
    fills the width (a heading, a khoản) continues only into one that does not start with a
    capital. Splitting a paragraph at a sentence end is harmless; merging two is not."""
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return lines
    full = lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))] * 0.8
    out: list[str] = []
    last = -1  # the last non-blank paragraph in out
    visual = ""  # ... and its last visual line
    for line in lines:
        if (
            line
            and visual
            and len(visual) >= full
            and visual[-1] not in ".!?…"
            and is_caps(visual) == is_caps(line)
            and not _starts_unit(line)
            and (not _starts_unit(out[last]) or not line[0].isupper())
        ):
            out[last] = f"{out[last]} {line}"
        else:
            out.append(line)
            if line:
                last = len(out) - 1
        visual = line or visual
    return out


def _starts_unit(line: str) -> bool:
    return classify(line).level != "text"


def _describe(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
