"""Markdown files -> text lines and tables.

Tables in any of the shapes `md_tables` knows become `Table` items; the rest is read paragraph
by paragraph (`paragraphs`), one output line per paragraph or hard line break, a blank line
wherever the source has one. OCR page markers and lone page numbers are dropped first.
"""

from __future__ import annotations

from collections.abc import Sequence

from corpus.cleanup import drop_page_marks
from corpus.layout import Item
from corpus.md_tables import find_table
from corpus.paragraphs import continues, is_markup_only, render


def read_markdown(raw: Sequence[str]) -> list[Item]:
    lines = drop_page_marks(raw, lone_numbers=True)
    out: list[Item] = []
    current: list[str] = []

    def flush() -> None:
        out.extend(render(current))
        current.clear()

    i = 0
    while i < len(lines):
        found = find_table(lines, i)
        if found is not None:
            flush()
            items, i = found
            out.extend(items)
            continue
        line = lines[i]
        i += 1
        if not line.strip() or is_markup_only(line):
            flush()
            out.append("")
            continue
        if current and not continues(current, line):
            flush()
        current.append(line)
    flush()
    return out
