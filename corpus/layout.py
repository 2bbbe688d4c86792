"""What a reader hands to the structure parser: the document's lines in reading order, with
the tables it found kept whole as `Table` values instead of flattened into lines."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Table:
    """A table as printed: `rows` all have the same number of cells; a position covered by a
    row or column span is "" (the cell is written once, at its top-left position). A cell's
    own line breaks (paragraphs, `<br>`) are kept as "\n" inside its text."""

    rows: tuple[tuple[str, ...], ...]
    header_rows: int = 1  # how many leading rows are column headings (0: none)

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


Item = str | Table  # one element of a reader's output: a text line or a whole table
