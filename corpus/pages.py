"""Printed pages -> paragraphs: running headers, footers and page numbers removed, the visual
lines of a paragraph joined again (across a page break too), tables kept whole.

Shared by the PDF text layer (lines with their position on the page) and OCR output (lines in
reading order only: `em == 0`), so a scanned page is cleaned by the same rules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.layout import Item, Table
from corpus.lines import classify

_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:Trang|Page)\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?$", re.IGNORECASE
)
_EDGE_NUMBER = re.compile(r"^\d{1,4}\s+|\s+\d{1,4}$")  # "2 CÔNG BÁO/..." / "... 25-7-2025 3"
_SENTENCE_END = ".!?…"
_WORDY = re.compile(r"[^\W_]")
_WORD = re.compile(r"\b[^\W\d_]{2,}\b")
_NUMBERED = re.compile(r"\d{1,3}\. |[a-zđ]\) ")  # "2. ", "b) ": list items, often indented
_ZONE = 4  # lines at the top and at the bottom of a page that may be running headers


@dataclass(frozen=True, slots=True)
class Line:
    """One visual line. Positions in points, y growing down the page (y: the foot of the
    line's font box); em is the line's font height (0 when the position is unknown, as for
    OCR text, where y is the line's index)."""

    text: str
    x0: float = 0.0
    x1: float = 0.0
    y: float = 0.0
    em: float = 0.0
    bold: bool = False  # its first letter
    bold_end: bool = False  # its last letter


@dataclass(frozen=True, slots=True)
class Page:
    blocks: tuple[Line | Table, ...]  # in reading order
    width: float = 0.0
    columns: tuple[tuple[float, ...], ...] = ()  # per Table block: its column edges (x)


def header_key(text: str) -> str:
    """The shape of a running header: page numbers at its ends dropped, other digits "#"
    ("4 CÔNG BÁO/Số 977 + 978/Ngày 25-7-2025" -> "CÔNG BÁO/Số # + #/Ngày #-#-#")."""
    return re.sub(r"\d+", "#", _EDGE_NUMBER.sub("", text.strip())).casefold()


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def running_keys(pages: Sequence[Page]) -> set[str]:
    """Shapes of lines printed at the top or bottom of most pages (three at least)."""
    counts: Counter[str] = Counter()
    printed = 0
    for page in pages:
        lines = _by_height([b for b in page.blocks if isinstance(b, Line)])
        if not lines:
            continue
        printed += 1
        edge = lines[:_ZONE] + lines[-_ZONE:]
        counts.update({header_key(line.text) for line in edge})
    need = max(3, (printed + 1) // 2)
    return {k for k, n in counts.items() if n >= need and re.search(r"[^\W\d_]", k)}


def remove_running(pages: Sequence[Page]) -> list[Page]:
    """Drop running headers and footers (and any line of their shape, wherever it stands:
    another issue's header left on a page) and bare page numbers at a page's top or bottom."""
    keys = running_keys(pages)
    sizes = {n for k in keys for n in range(len(k) - 12, len(k) + 12)}  # "#" stands for digits
    out = []
    for page in pages:
        lines = [b for b in page.blocks if isinstance(b, Line)]
        drop = {
            id(line) for line in lines if len(line.text) in sizes and header_key(line.text) in keys
        }
        ordered = [line for line in _by_height(lines) if id(line) not in drop]
        for edge in (ordered[:_ZONE], ordered[::-1][:_ZONE]):
            for line in edge:
                if not is_page_number(line.text):
                    break
                drop.add(id(line))
        blocks = tuple(b for b in page.blocks if id(b) not in drop)
        out.append(Page(blocks, page.width, page.columns))
    return out


def _by_height(lines: list[Line]) -> list[Line]:
    return sorted(lines, key=lambda line: line.y)


# --- paragraphs -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Margins:
    left: float
    right: float
    indents: bool  # paragraphs start indented: a line at the left margin continues one


def _margins(pages: Sequence[Page]) -> dict[float, _Margins]:
    """Left and right text edges per page width (portrait and landscape pages differ)."""
    groups: dict[float, list[Line]] = {}
    for page in pages:
        lines = [b for b in page.blocks if isinstance(b, Line) and b.em]
        groups.setdefault(round(page.width), []).extend(lines)
    margins = {}
    for width, lines in groups.items():
        if not lines:
            continue
        x0 = sorted(line.x0 for line in lines)
        x1 = sorted(line.x1 for line in lines)
        left, right = x0[len(x0) // 10], x1[len(x1) * 9 // 10]
        starts = [
            line
            for line in lines
            if _NUMBERED.match(line.text) and classify(line.text).level in ("arabic", "letter")
        ]
        indented = sum(line.x0 > left + 0.8 * line.em for line in starts)
        margins[width] = _Margins(left, right, bool(starts) and indented * 2 > len(starts))
    return margins


def paragraphs(pages: Sequence[Page]) -> list[Item]:
    """Items for the structure parser: one line per paragraph, "" between paragraphs, two ""
    at a page break that does not fall inside a paragraph, tables whole. A Line without a
    letter or digit (OCR's blank line, a rule typed as "_____") ends a paragraph."""
    margins = _margins(pages)
    lengths = sorted(
        len(b.text) for p in pages for b in p.blocks if isinstance(b, Line) and not b.em
    )
    full = lengths[min(len(lengths) - 1, len(lengths) * 9 // 10)] * 0.8 if lengths else 0.0
    out: list[Item] = []
    last: Line | None = None  # the previous visual line, while its paragraph is open
    page_break = False  # owed before the next paragraph, unless the open one goes on
    for page in pages:
        m = margins.get(round(page.width))
        for block in page.blocks:
            if isinstance(block, Line) and not _WORDY.search(block.text):
                last = None  # a blank, or a rule or form blank typed as "____", "......"
                continue
            if (
                isinstance(block, Line)
                and last
                and _continues(last, block, str(out[-1]), m, full, page_break)
            ):
                out[-1] = join_text(str(out[-1]), block.text)
            else:
                if out:
                    out.extend(["", ""] if page_break else [""])
                out.append(block if isinstance(block, Table) else block.text)
            last = block if isinstance(block, Line) else None
            page_break = False
        page_break = bool(out)
    return out


def _continues(
    a: Line, b: Line, para: str, m: _Margins | None, full: float, page_break: bool
) -> bool:
    """Whether visual line b goes on with paragraph `para`, whose last visual line is a."""
    if _starts_unit(b.text) or _caps(a.text) != _caps(b.text):
        return False
    if not (a.em and b.em and m):
        # OCR text: tesseract parts paragraphs by blank lines; inside one, a long line that
        # does not end a sentence goes on (a short one ends a heading or a paragraph), and a
        # numbered heading only into a line in lower case
        return (
            len(a.text) >= full
            and a.text[-1] not in _SENTENCE_END
            and (not _starts_unit(para) or not b.text[0].isupper())
        )
    if abs(a.em - b.em) > 0.2 * a.em or a.bold_end != b.bold:
        return False
    if not page_break and b.y - a.y > 2.2 * a.em:  # a blank line between them
        return False
    if b.x0 > m.left + 0.8 * b.em:  # b is indented: a paragraph (or list item) of its own
        return False
    first = b.text.split(" ", 1)[0]
    char = (b.x1 - b.x0) / max(1, len(b.text))
    if m.right - a.x1 > (len(first) + 1.5) * char + 0.3 * a.em:
        return False  # b's first word would have fitted on a's line: a ended its paragraph
    if a.text[-1] in _SENTENCE_END or (_starts_unit(para) and b.text[0].isupper()):
        # a sentence, or a numbered heading, ends at the margin: only where paragraphs start
        # indented does a line at the left margin say that the paragraph goes on
        return m.indents
    return True


def join_text(a: str, b: str) -> str:
    """Two visual lines of one paragraph: a space between them, or none after a hyphen that
    joins a code or number ("NĐ-" + "CP"); a soft hyphen or a Latin word broken at a hyphen
    ("informa-" + "tion") loses it. Vietnamese syllables are never hyphenated."""
    a = a.rstrip()
    if a.endswith(("\u00ad", "\x02")):
        return a[:-1] + b
    if len(a) >= 2 and a[-1] == "-" and a[-2].isalnum():
        if a[-2].isascii() and a[-2].islower() and b[:1].isascii() and b[:1].islower():
            return a[:-1] + b
        return a + b
    return f"{a} {b}"


def _caps(text: str) -> bool:
    """A line in capitals: no lower case, and a word of letters (a code such as
    "58/2014/QH13" is not a heading in capitals)."""
    return text == text.upper() and _WORD.search(text) is not None


def _starts_unit(text: str) -> bool:
    return classify(text).level != "text"
