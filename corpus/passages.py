"""Blocks -> passages: the smallest units that stand on their own, with stable ids.

An id is "<doc_id>#<section slug>#<n>", n counting passages within that section, so editing
one part of a document leaves the ids of every other part unchanged.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from corpus.structure import Block
from corpus.types import Passage

MAX_CHARS = 900  # longer units are split at sentence boundaries


def cut(blocks: Sequence[Block], doc_id: str, max_chars: int = MAX_CHARS) -> tuple[Passage, ...]:
    ordinals: Counter[str] = Counter()
    passages: list[Passage] = []
    for block in _merge_leads(blocks, max_chars):
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
    while True:
        out: list[Block] = []
        group: list[str] = []
        size = groups = 0
        for child, child_size, fit in zip(children, sizes, fits, strict=True):
            if fit and group and size + child_size <= limit:
                group.extend(child.lines)
                size += child_size
                continue
            if group:
                out.append(_grouped(lead, group))
            group, size = ([*lead.lines, *child.lines], head + child_size) if fit else ([], 0)
            groups += fit
            if not fit:
                out.append(child)
        if group:
            out.append(_grouped(lead, group))
        if groups <= parts or limit >= max_chars:
            return out
        limit = min(max_chars, limit + 50)


def _grouped(lead: Block, lines: list[str]) -> Block:
    return Block(lead.kind, lead.section, lead.slug, lead.article, tuple(lines))


def split_text(lines: Sequence[str], max_chars: int = MAX_CHARS) -> list[str]:
    """Lines joined by newlines, in chunks of at most max_chars where sentences allow."""
    pieces: list[str] = []
    for line in lines:
        pieces.extend([line] if len(line) <= max_chars else _sentences(line, max_chars))
    return _pack(pieces, max_chars, "\n")


def _sentences(text: str, max_chars: int) -> list[str]:
    from underthesea import sent_tokenize

    sentences: list[str] = []
    for sentence in sent_tokenize(text):
        if len(sentence) <= max_chars:
            sentences.append(sentence)
        else:  # a very long sentence: its clauses
            sentences.extend(_pack(re.split(r"(?<=;) ", sentence), max_chars, " "))
    return _pack(sentences, max_chars, " ")


def _pack(pieces: Sequence[str], max_chars: int, sep: str) -> list[str]:
    chunks: list[str] = []
    for piece in pieces:
        if chunks and len(chunks[-1]) + len(sep) + len(piece) <= max_chars:
            chunks[-1] = f"{chunks[-1]}{sep}{piece}"
        else:
            chunks.append(piece)
    return chunks
