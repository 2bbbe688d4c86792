"""Word .docx files -> text lines and tables, through python-docx.

Paragraphs become lines (superscripts kept as ², list styles as "- "); tables become `Table`
values with merged cells resolved on the grid (a cell spanning columns, `gridSpan`, or rows,
`vMerge`, is written once, at its top-left position). The archive is checked before it is
opened: no word/document.xml, or parts that would inflate to far more than a document needs,
is the file's error, and so is a body with more paragraphs or characters than any document.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from corpus.cells import guess_header_rows
from corpus.layout import Item, Table

MAX_INFLATED = 256 * 1024 * 1024  # bytes, all parts together once unzipped
MAX_PARAGRAPHS = 200_000
MAX_CHARS = 20_000_000


class DocxError(Exception):
    """The reason a .docx cannot be read (the caller adds the file name)."""


def _check_archive(path: Path) -> None:
    if not zipfile.is_zipfile(path):
        raise DocxError("not a .docx file (damaged, or another format renamed .docx)")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise DocxError(f"not a readable .docx file ({exc})") from None
    if not any(info.filename == "word/document.xml" for info in infos):
        raise DocxError(
            "not a .docx file: it has no word/document.xml (another format renamed .docx?)"
        )
    inflated = sum(info.file_size for info in infos)
    if inflated > MAX_INFLATED:
        raise DocxError(
            f"the archive inflates to {inflated // 2**20} MB (limit {MAX_INFLATED // 2**20} MB); "
            "save the document again from Word, without embedded files"
        )


class _Budget:
    """What has been read so far, against the limits; and the style names by id."""

    def __init__(self, styles: dict[str, str]) -> None:
        self.styles = styles
        self.paragraphs = 0
        self.chars = 0

    def spend(self, text: str) -> str:
        self.paragraphs += 1
        self.chars += len(text)
        if self.paragraphs > MAX_PARAGRAPHS or self.chars > MAX_CHARS:
            raise DocxError(
                f"more than {MAX_PARAGRAPHS:,} paragraphs or {MAX_CHARS:,} characters: "
                "not a document this reader takes; split it into smaller files"
            )
        return text


def read_docx(path: Path) -> list[Item]:
    """The document's lines and tables, in reading order; raises DocxError."""
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    _check_archive(path)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zipfile, KeyError, lxml errors alike
        raise DocxError(f"not a readable .docx file ({_describe(exc)})") from None
    budget = _Budget({s.style_id: s.name or "" for s in document.styles})
    items: list[Item] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            items.extend(_paragraph(block, budget))
        elif isinstance(block, DocxTable):
            items.append(_table(block, budget))
            items.append("")
    return items


def _paragraph(paragraph: Any, budget: _Budget) -> list[str]:
    from corpus.normalize import render_html

    if paragraph._p.find(".//" + _qn("w:vertAlign")) is not None:  # superscripts, subscripts
        parts = []
        for run in paragraph.runs:
            tag = "sup" if run.font.superscript else "sub" if run.font.subscript else None
            parts.append(f"<{tag}>{run.text}</{tag}>" if tag else run.text)
        text = render_html("".join(parts))
    else:
        text = paragraph.text
    style = budget.styles.get(paragraph._p.style or "", "")
    if style.startswith("List Bullet") and text.strip() and not re.match(r"\s*[-+•]", text):
        text = ("+ " if style.rstrip().endswith(("2", "3")) else "- ") + text
    return budget.spend(text).split("\n")


def _cell_text(tc: Any, parent: Any, budget: _Budget) -> str:
    from docx.table import Table as DocxTable
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for block in _Cell(tc, parent).iter_inner_content():
        if isinstance(block, Paragraph):
            lines.extend(_paragraph(block, budget))
        elif isinstance(block, DocxTable):  # a table inside a cell: its text, row by row
            nested = _table(block, budget)
            lines.extend(line for row in nested.rows for cell in row for line in cell.split("\n"))
    return "\n".join(line.strip() for line in lines if line.strip())


def _table(table: Any, budget: _Budget) -> Table:
    rows: list[list[str]] = []
    header = 0
    for tr in table._tbl.tr_lst:
        row = [""] * int(getattr(tr, "grid_before", 0) or 0)
        for tc in tr.tc_lst:
            span = max(1, int(tc.grid_span or 1))
            text = "" if tc.vMerge == "continue" else _cell_text(tc, table, budget)
            row.extend([text] + [""] * (span - 1))
        rows.append(row)
        trPr = tr.trPr
        if (
            trPr is not None
            and trPr.find(_qn("w:tblHeader")) is not None
            and header == len(rows) - 1
        ):
            header += 1
    width = max((len(r) for r in rows), default=0)
    grid = tuple(tuple(r + [""] * (width - len(r))) for r in rows)
    return Table(rows=grid, header_rows=header or guess_header_rows(grid))


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _describe(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
