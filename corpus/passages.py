"""Blocks -> passages: the smallest units that stand on their own, with stable ids.

An id is "<doc_id>#<section slug>#<n>", n counting passages within that section, so editing
one part of a document leaves the ids of every other part unchanged. A table gives one
passage per data row ("<doc_id>#<slug>#table-<t>/row-<r>", kind "row") and, when it is small,
one for the whole table ("<doc_id>#<slug>#table-<t>", kind "table").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from corpus.structure import Block
from corpus.tables import SEP, Row, caption_line, plain_lines, row_line, rows_of, table_text
from corpus.types import Passage

MAX_CHARS = 900  # longer units are split at sentence boundaries


def cut(blocks: Sequence[Block], doc_id: str, max_chars: int = MAX_CHARS) -> tuple[Passage, ...]:
    ordinals: Counter[str] = Counter()
    tables: Counter[str] = Counter()
    passages: list[Passage] = []
    for block in _merge_leads(_attach_short_leads(blocks), max_chars):
        if block.kind == "table":
            key = block.slug or "root"
            tables[key] += 1
            passages.extend(
                _table_passages(block, f"{doc_id}#{key}#table-{tables[key]}", doc_id, max_chars)
            )
            continue
        if block.kind == "content":
            key = block.slug or "root"
        else:
            key = f"{block.slug}/{block.kind}" if block.slug else block.kind
        if block.kind == "signature":
            texts = [" ".join(block.lines)]
        else:
            texts = split_text(block.lines, max_chars)
        for text in texts:
            ordinals[key] += 1
            passages.append(
                Passage(
                    id=f"{doc_id}#{key}#{ordinals[key]}",
                    doc_id=doc_id,
                    section=block.section,
                    article=block.article,
                    text=text,
                    kind=block.kind,
                )
            )
    return tuple(passages)


def _table_passages(block: Block, table_id: str, doc_id: str, max_chars: int) -> list[Passage]:
    assert block.table is not None
    units = [block.unit] if block.unit else []
    rows = rows_of(block.table, units)
    unit = units[0] if units else None
    head = caption_line(block.caption, unit)

    def passage(pid: str, text: str, kind: str, cells: tuple[tuple[str, str], ...] = ()) -> Passage:
        return Passage(pid, doc_id, block.section, block.article, text, kind, cells)

    if not rows:  # a table with headings only: its text, so nothing is lost
        lines = plain_lines(block.table)
        text = "\n".join([head, *lines] if head else lines)
        return [passage(table_id, t, "table") for t in split_text(text.split("\n"), max_chars)]
    out = []
    whole = table_text(block.caption, unit, rows)
    if len(whole) <= max_chars:
        out.append(passage(table_id, whole, "table"))
    for n, row in enumerate(rows, start=1):
        for part, text in enumerate(_row_texts(head, row, max_chars), start=1):
            pid = f"{table_id}/row-{n}" + (f"-{part}" if part > 1 else "")
            out.append(passage(pid, text, "row", row.cells))
    return out


def _row_texts(head: str, row: Row, max_chars: int) -> list[str]:
    """ "Caption — label — heading: value; ..."; a row too long for one passage is cut between
    its values (or within a long value), each part repeating the caption and the labels."""
    text = f"{head}{SEP}{row_line(row)}" if head else row_line(row)
    if len(text) <= max_chars:
        return [text]
    prefix = SEP.join([p for p in [head, *row.path] if p])
    room = max(200, max_chars - len(prefix) - len(SEP))
    # a value too long for one part is cut too, each piece under its heading again
    pieces = [
        f"{h}: {piece}" if h else piece
        for h, v in row.values
        for piece in split_text([v], room - len(h) - 2 if h else room)
    ] or [prefix]
    return [f"{prefix}{SEP}{chunk}" if prefix else chunk for chunk in _pack(pieces, room, "; ")]


def _attach_short_leads(blocks: Sequence[Block]) -> list[Block]:
    """ "Trong đó:" or "Ghi chú:" alone says nothing: it opens the text that follows it in
    its section (or under it), and is read with that."""
    out: list[Block] = []
    pending: Block | None = None
    for block in blocks:
        if pending is not None:
            depth = len(pending.section)
            if block.kind == "content" and block.section[:depth] == pending.section:
                block = Block(
                    block.kind, block.section, block.slug, block.article,
                    (*pending.lines, *block.lines), block.lead,
                )  # fmt: skip
            else:
                out.append(pending)
            pending = None
        short = block.kind == "content" and len(" ".join(block.lines).split()) < 3
        if short and block.lines[-1].endswith(":"):
            pending = block
        else:
            out.append(block)
    if pending is not None:
        out.append(pending)
    return out


def _merge_leads(blocks: Sequence[Block], max_chars: int) -> list[Block]:
    """A khoản that leads into its điểm (it ends in ":" or mid-sentence) is read with them."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        j = i + 1
        if block.lead:
            depth = len(block.section)
            while (
                j < len(blocks)
                and blocks[j].kind == "content"
                and blocks[j].section[:depth] == block.section  # its paragraphs and điểm
            ):
                j += 1
        children = blocks[i + 1 : j]
        if children:
            out.extend(_with_lead(block, children, max_chars))
            i = j
        else:
            out.append(block)
            i += 1
    return out


def _with_lead(lead: Block, children: Sequence[Block], max_chars: int) -> list[Block]:
    """The lead with all its children, or, when that is too long, with as many as fit in each
    passage, in groups of similar size: "a) ..." alone does not say what it is a case of.
    A child too long to share a passage with the lead stands alone."""
    head = len("\n".join(lead.lines))
    sizes = [len("\n".join(c.lines)) + 1 for c in children]
    fits = [head + size <= max_chars for size in sizes]
    if not any(fits):
        return [lead, *children]
    total = sum(size for size, fit in zip(sizes, fits, strict=True) if fit)
    parts = -(-total // (max_chars - head))  # the fewest groups that can hold them
    limit = head + -(-total // parts)  # ... filled evenly
    # the point a child continues ("b) Về giáo dục và đào tạo:" above its dashes), repeated
    # after the lead when a passage starts inside that point
    opened = [_opening(children, i) for i in range(len(children))]
    while True:
        out: list[Block] = []
        group: list[str] = []
        size = groups = 0
        for i, (child, child_size, fit, point) in enumerate(
            zip(children, sizes, fits, opened, strict=True)
        ):
            # a point's own line goes with its first paragraph, not alone at a passage's end
            after = sizes[i + 1] if i + 1 < len(children) and opened[i + 1] is child else 0
            if fit and group and size + child_size + after <= limit:
                group.extend(child.lines)
                size += child_size
                continue
            if group:
                out.append(_grouped(lead, group))
            again = list(point.lines) if point is not None else []
            extra = len("\n".join(again)) + 1 if again else 0
            if head + extra + child_size > max_chars:
                again, extra = [], 0
            group, size = (
                ([*lead.lines, *again, *child.lines], head + extra + child_size) if fit else ([], 0)
            )
            groups += fit
            if not fit:
                out.append(child)
        if group:
            out.append(_grouped(lead, group))
        if groups <= parts or limit >= max_chars:
            return out
        limit = min(max_chars, limit + 50)


def _opening(children: Sequence[Block], i: int) -> Block | None:
    """The lead-in child (a point's own line "b) ...") that child i continues, if any."""
    child = children[i]
    if child.lead:
        return None
    for j in range(i - 1, -1, -1):
        before = children[j]
        if before.section != child.section:
            return None
        if before.lead:
            return before if len(before.section) > 0 else None
    return None


def _grouped(lead: Block, lines: list[str]) -> Block:
    return Block(lead.kind, lead.section, lead.slug, lead.article, tuple(lines))


def split_text(lines: Sequence[str], max_chars: int = MAX_CHARS) -> list[str]:
    """Lines joined by newlines, in chunks of at most max_chars where sentences allow."""
    pieces: list[str] = []
    for line in lines:
        pieces.extend([line] if len(line) <= max_chars else _sentences(line, max_chars))
    return _pack(pieces, max_chars, "\n")


_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*\s+(?=[\"“(]?[^\W\d_])")


def sentences(text: str) -> list[str]:
    """Text cut after ".", "!", "?" or "…" before a capital letter, except after an abbreviation
    ("TP. Hà Nội", "TS. Nguyễn": a short word in capitals, or a single letter)."""
    out: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if not text[match.end() :].lstrip('"“(')[:1].isupper():
            continue
        word = text[start : match.start()].rsplit(" ", 1)[-1]
        if text[match.start()] == "." and len(word) <= 3 and (word.isupper() or len(word) == 1):
            continue
        out.append(text[start : match.end()].strip())
        start = match.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def _sentences(text: str, max_chars: int) -> list[str]:
    pieces: list[str] = []
    for sentence in sentences(text):
        if len(sentence) <= max_chars:
            pieces.append(sentence)
        else:  # a very long sentence: its clauses, and at worst its words
            pieces.extend(_parts(sentence, max_chars, (r"(?<=;) ", r"(?<=,) ", " ")))
    return _pack(pieces, max_chars, " ")


def _parts(text: str, max_chars: int, cuts: Sequence[str]) -> list[str]:
    if len(text) <= max_chars or not cuts:
        return [text]
    out = []
    for part in re.split(cuts[0], text):
        out.extend(_parts(part, max_chars, cuts[1:]))
    return _pack(out, max_chars, " ")


def _pack(pieces: Sequence[str], max_chars: int, sep: str) -> list[str]:
    chunks: list[str] = []
    for piece in pieces:
        if chunks and len(chunks[-1]) + len(sep) + len(piece) <= max_chars:
            chunks[-1] = f"{chunks[-1]}{sep}{piece}"
        else:
            chunks.append(piece)
    return chunks
