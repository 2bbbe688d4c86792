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
    """A khoản that ends in ":" reads with its điểm when together they stay short."""
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
                and len(blocks[j].section) > depth
                and blocks[j].section[:depth] == block.section
            ):
                j += 1
        children = blocks[i + 1 : j]
        size = sum(len(line) + 1 for b in (block, *children) for line in b.lines)
        if children and size <= max_chars:
            lines = tuple(line for b in (block, *children) for line in b.lines)
            out.append(
                Block(block.kind, block.section, block.slug, block.article, lines, lead=False)
            )
            i = j
        else:
            out.append(block)
            i += 1
    return out


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
