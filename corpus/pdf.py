"""PDF -> paragraphs and tables, through pdfium (pypdfium2): words whole, reading order kept,
running headers and page numbers gone, ruled tables as Table items, scanned pages through OCR.

Measured against pdfminer.six and pypdf by scripts/bench_pdf.py: pdfium reads the gazette
PDFs 30 times faster than pdfminer.six and keeps the accented words whole that pypdf splits.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.layout import Item, Table
from corpus.normalize import normalize_line
from corpus.options import DEFAULT, ReadOptions
from corpus.pages import Line, Page, join_text, paragraphs, remove_running
from corpus.pdf_tables import (
    Cell,
    Grid,
    continues,
    find_grids,
    grid_table,
    is_layout,
    merge,
    page_rules,
)
from corpus.types import CorpusError

MAX_PAGES = 5000  # more is not a document but an archive: split it
NO_TEXT = "the PDF has no text layer (scanned images?)"
_BREAK = re.compile(r"\r\n|\r|\n")
_COMBINING = re.compile("[\u0300-\u036f]")
_SPLIT_GAP = 3.0  # ems of empty space inside a line that make two columns of it


@dataclass(frozen=True, slots=True)
class PdfText:
    items: list[Item]
    notes: tuple[str, ...] = ()
    pages: int = 0


def read_pdf(path: Path, options: ReadOptions = DEFAULT) -> PdfText:
    import pypdfium2 as pdfium

    from corpus.readers import ReadError

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise ReadError(path, _why_not(path, exc)) from None
    try:
        count = len(pdf)
        if count == 0:
            raise ReadError(path, "the PDF has no pages")
        if count > MAX_PAGES:
            raise ReadError(path, f"the PDF has {count} pages (at most {MAX_PAGES}); split it")
        pages, scanned = [], []
        for number in range(count):
            page = pdf[number]
            try:
                text = _read_page(page)
                if not text.blocks and _has_image(page):
                    scanned.append(number)
            finally:
                page.close()
            pages.append(text)
        notes: tuple[str, ...] = ()
        if scanned:
            from corpus.ocr import ocr_pages

            texts = ocr_pages(path, pdf, scanned, options)
            for number, ocr_text in zip(scanned, texts, strict=True):
                pages[number] = ocr_page(ocr_text)
            notes = (f"OCR (tesseract {options.ocr_lang}): {len(scanned)} pages",)
    except pdfium.PdfiumError as exc:
        raise ReadError(path, f"not a readable PDF ({_reason(exc)})") from None
    except CorpusError:
        raise
    finally:
        pdf.close()
    items = paragraphs(_merge_continued(remove_running(pages)))
    if not any(items):
        raise ReadError(path, f"{NO_TEXT}; it has no text to read")
    return PdfText(items=items, notes=notes, pages=count)


def ocr_page(text: str) -> Page:
    """OCR output of one page as Lines in reading order (y = line number); blank lines, which
    tesseract puts between paragraphs, end a paragraph."""
    lines = [normalize_line(t) for t in text.split("\n")]
    return Page(tuple(Line(t, y=float(i)) for i, t in enumerate(lines)))


def _why_not(path: Path, exc: Exception) -> str:
    """Why pdfium refused a file. Its error code can be left over from an earlier file, so
    the file itself says whether it is encrypted or has no pages."""
    data = path.read_bytes()
    if b"/Encrypt" in data:
        return "encrypted PDF (password protected); save an unprotected copy"
    if re.search(rb"/Type\s*/Pages\b[^>]*/Count\s+0\b", data):
        return "the PDF has no pages"
    return f"not a readable PDF ({_reason(exc)})"


def _reason(exc: Exception) -> str:
    return str(exc).strip().rstrip(".") or type(exc).__name__


def _has_image(page: Any) -> bool:
    import pypdfium2.raw as pdfium_c

    raw = page.raw
    return any(
        pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(raw, i))
        in (pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM)
        for i in range(pdfium_c.FPDFPage_CountObjects(raw))
    )


def _merge_continued(pages: list[Page]) -> list[Page]:
    """A table that ends a page and goes on at the top of the next is one table (over many
    pages too: a page that holds nothing but the table's rows is left empty)."""
    out: list[Page] = []
    holder = -1  # the page whose last block is the table that may go on
    for page in pages:
        blocks, columns = list(page.blocks), list(page.columns)
        prev = out[holder] if holder >= 0 else None
        head = blocks[0] if blocks else None
        if prev and isinstance(head, Table) and isinstance(prev.blocks[-1], Table):
            if continues(prev.blocks[-1], prev.columns[-1], head, columns[0]):
                joined = merge(prev.blocks[-1], head)
                out[holder] = Page(prev.blocks[:-1] + (joined,), prev.width, prev.columns)
                blocks, columns = blocks[1:], columns[1:]
        out.append(Page(tuple(blocks), page.width, tuple(columns)))
        if blocks:
            holder = len(out) - 1
    return out


# --- one page ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Chars:
    """ctypes access to the characters of one pdfium text page, y turned to grow downwards."""

    raw: Any
    top: float
    x: ctypes.c_double = field(default_factory=ctypes.c_double)
    r: ctypes.c_double = field(default_factory=ctypes.c_double)
    b: ctypes.c_double = field(default_factory=ctypes.c_double)
    t: ctypes.c_double = field(default_factory=ctypes.c_double)
    rect: Any = None
    name: Any = None

    def box(self, i: int) -> tuple[float, float, float, float]:
        import pypdfium2.raw as pdfium_c

        pdfium_c.FPDFText_GetCharBox(self.raw, i, self.x, self.r, self.b, self.t)
        return self.x.value, self.top - self.t.value, self.r.value, self.top - self.b.value

    def loose(self, i: int) -> tuple[float, float, float, float]:
        """The box of a character's advance and its font's height (the same for every letter
        of a line, unlike the ink box): left, top, right, bottom."""
        import pypdfium2.raw as pdfium_c

        if self.rect is None:
            self.rect = pdfium_c.FS_RECTF()
        r = self.rect
        pdfium_c.FPDFText_GetLooseCharBox(self.raw, i, r)
        return r.left, self.top - r.top, r.right, self.top - r.bottom

    def bold(self, i: int) -> bool:
        """From the font's weight, or its name where the weight is missing or nonsense."""
        import pypdfium2.raw as pdfium_c

        weight = pdfium_c.FPDFText_GetFontWeight(self.raw, i)
        if 100 <= weight <= 1000:
            return weight >= 600
        if self.name is None:
            self.name = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        pdfium_c.FPDFText_GetFontInfo(self.raw, i, self.name, 128, flags)
        name = self.name.value.decode("latin-1").lower()
        return "bold" in name or "black" in name or bool(flags.value & 0x40000)

    def generated(self, i: int) -> bool:
        import pypdfium2.raw as pdfium_c

        return pdfium_c.FPDFText_IsGenerated(self.raw, i) == 1


def _read_page(page: Any) -> Page:
    left, bottom, right, top = page.get_cropbox()
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        chars = _Chars(textpage.raw, top)
        grids = find_grids(*page_rules(page.raw, top)) if text.strip() else []
        blocks: list[Line | Grid] = []
        cells: dict[int, dict[tuple[int, int], list[tuple[int, list[str]]]]] = {}
        pos = 0
        for number, match in enumerate([*_BREAK.finditer(text), None]):
            end = match.start() if match else len(text)
            start, pos = pos, (match.end() if match else len(text))
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start == end:
                continue
            first = chars.loose(start)
            x0, y0, _, y1 = first
            grid = next((g for g in grids if g.contains(x0 + 1, (y0 + y1) / 2)), None)
            if grid is not None:
                if id(grid) not in cells:
                    cells[id(grid)] = {}
                    blocks.append(grid)
                _to_cells(grid, cells[id(grid)], chars, text, start, end, number)
                continue
            for line in _lines(chars, text, start, end, first):
                if (
                    left - line.em <= line.x1
                    and line.x0 <= right + line.em
                    and -line.em <= line.y <= top - bottom + line.em
                ):
                    _append(blocks, line)  # text outside the page is never seen
    finally:
        textpage.close()
    out: list[Line | Table] = []
    columns = []
    for block in blocks:
        if isinstance(block, Line):
            out.append(block)
            continue
        made = grid_table(block, {k: _cell(v, block) for k, v in cells[id(block)].items()})
        if made is None:
            continue
        table, edges = made
        if is_layout(table):
            out.extend(_layout_lines(block, cells[id(block)]))
        else:
            out.append(table)
            columns.append(edges)
    return Page(tuple(out), right - left, tuple(columns))


def _append(blocks: list, line: Line) -> None:
    """Add a line, or glue it to the one before when pdfium broke a printed line in two
    (both on one baseline, the second just after the first)."""
    prev = blocks[-1] if blocks else None
    if (
        isinstance(prev, Line)
        and abs(prev.y - line.y) < 0.3 * line.em
        and -0.3 * line.em < line.x0 - prev.x1 < line.em
    ):
        glue = " " if line.x0 - prev.x1 > 0.12 * line.em else ""
        text = prev.text + glue + line.text
        blocks[-1] = Line(text, prev.x0, line.x1, prev.y, prev.em, prev.bold, line.bold_end)
    else:
        blocks.append(line)


def _lines(chars: _Chars, text: str, start: int, end: int, first: tuple[float, ...]) -> list[Line]:
    """One pdfium line as Lines: split where a wide gap parts two columns printed on the same
    baseline ("BẢO HIỂM XÃ HỘI ...     CỘNG HÒA XÃ HỘI ..."). `first`: the first letter's box."""
    x0, top, _, y = first
    em = (y - top) or 10.0
    x1 = chars.loose(end - 1)[2]
    pieces = [(start, end)]
    if x1 - x0 > 0.5 * em * (end - start):  # wider than its letters: look for gaps
        pieces, begin = [], start
        for i in range(start + 1, end - 1):
            if text[i] == " " and chars.generated(i):
                gap = chars.box(i + 1)[0] - chars.box(i - 1)[2]
                if gap > _SPLIT_GAP * em:
                    pieces.append((begin, i))
                    begin = i + 1
        pieces.append((begin, end))
    out = []
    for a, z in pieces:
        piece = text[a:z]
        if _COMBINING.search(piece):
            piece = _place_marks(chars, text, a, z, em)
        piece = normalize_line(piece)
        if piece:
            left = x0 if a == start else chars.loose(a)[0]
            right = x1 if z == end else chars.loose(z - 1)[2]
            out.append(Line(piece, left, right, y, em, chars.bold(a), chars.bold(z - 1)))
    return out


def _place_marks(chars: _Chars, text: str, start: int, end: int, em: float) -> str:
    """A line whose combining marks the PDF placed apart from their letters ("dung c ̣ ông"
    for "dụng công"): letters in their order, each mark on the letter under it, spaces where
    the letters stand apart."""
    letters: list[list[Any]] = []  # [x0, x1, text]
    marks = []
    for i in range(start, end):
        c = text[i]
        if c.isspace():
            continue
        x0, _, x1, _ = chars.loose(i)  # the ink box of "." stands apart from its digit
        if unicodedata.combining(c):
            marks.append(((x0 + x1) / 2, c))
        else:
            letters.append([x0, x1, c])
    for center, mark in marks:
        if letters:
            best = min(letters, key=lambda item: abs((item[0] + item[1]) / 2 - center))
            best[2] += mark
    out = []
    for k, (x0, _, c) in enumerate(letters):
        if k and x0 - letters[k - 1][1] > 0.12 * em:
            out.append(" ")
        out.append(c)
    return unicodedata.normalize("NFC", "".join(out))


def _to_cells(
    grid: Grid, cells: dict, chars: _Chars, text: str, start: int, end: int, line: int
) -> None:
    """The characters of one pdfium line into the cells they stand in: (line, characters)
    pieces per cell, so a cell's wrapped text can be joined line by line."""
    current: list[str] | None = None
    for i in range(start, end):
        c = text[i]
        if c.isspace() or unicodedata.combining(c):
            if current is not None:
                current.append(c)
            continue
        x0, y0, x1, y1 = chars.box(i)
        cell = grid.cell((x0 + x1) / 2, (y0 + y1) / 2)
        if cell is None:
            continue
        pieces = cells.setdefault(cell, [])
        if not pieces or pieces[-1][0] != line:
            pieces.append((line, [], chars.bold(i)))
        current = pieces[-1][1]
        current.append(c)


def _cell(pieces: list[tuple[int, list[str], bool]], grid: Grid) -> Cell:
    lines = tuple(t for t in (normalize_line("".join(p[1])) for p in pieces) if t)
    text = ""
    for line in lines:
        text = join_text(text, line) if text else line
    return Cell(lines, text, bool(pieces) and pieces[0][2])


def _layout_lines(grid: Grid, cells: dict) -> list[Line]:
    """A layout table's text as lines, row by row and left to right, each cell's visual lines
    on their own."""
    out = []
    for key in sorted(cells):
        for text in _cell(cells[key], grid).lines:
            out += [Line(text), Line("")]
    return out
