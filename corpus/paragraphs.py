"""Markdown paragraphs -> text lines: hard-wrapped lines joined, hard breaks kept.

Markdown's rule is that consecutive non-blank lines are one paragraph and that two trailing
spaces, a trailing backslash or `<br>` break the line. Converted legal texts break the rule
both ways: thuvienphapluat dumps wrap every ~80 characters inside words of a heading
("**Điều\\n2. Quy định ...**") and leave no blank line between paragraphs, so a line also
starts a new paragraph when it starts a unit ("Điều 2.", "1.", "a)", "- ", "Căn cứ"), when the
paragraph so far is one closed emphasis span ("**Điều 1. Phạm vi điều chỉnh**"), or when the
text gives other evidence (cleanup.wraps). An emphasis span left open continues whatever the
next line starts with, within a short paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from corpus.cleanup import is_bare_label, starts_unit, wraps
from corpus.normalize import normalize_markdown

_HARD_BREAK = re.compile(r"(?: {2,}|\\|<br\s*/?>)$", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ATX = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_WORD = re.compile(r"[^\W_]")
_OPEN_LIMIT = 400  # an emphasis span left open longer than this is broken markup, not a heading


@lru_cache(maxsize=8192)
def plain(line: str) -> str:
    return normalize_markdown(line)


def is_markup_only(line: str) -> bool:
    """A line with no text once markup is gone ("** **", "* *", "\\-\\-\\-", "-------")."""
    stripped = line.strip()
    if stripped in ("-", "–", "+", "•"):
        return False  # a bullet whose text a wrap put on the next line
    return bool(stripped) and (not _WORD.search(line) or not plain(line))


def _open_emphasis(text: str) -> bool:
    text = text.replace("\\*", "*").replace("****", "")
    if text.count("**") % 2:
        return True
    text = text.replace("**", "")
    return text.lstrip().startswith("*") and text.count("*") % 2 == 1


def _closed_emphasis(text: str) -> bool:
    """The paragraph so far is one emphasis span: "**Điều 1. Phạm vi**", "*Căn cứ ...;*"."""
    text = text.strip().replace("\\*", "*").replace("****", "")
    return text.startswith(("*", "_")) and text.endswith(("*", "_")) and not _open_emphasis(text)


def continues(paragraph: Sequence[str], line: str) -> bool:
    """Whether raw Markdown `line` belongs to the paragraph whose raw lines are given."""
    prev = paragraph[-1]
    if _HARD_BREAK.search(prev):
        return True  # a line break inside the paragraph: rendered as its own line anyway
    if _ATX.match(line) or _ATX.match(prev):
        return False
    text = " ".join(paragraph)
    if len(text) < _OPEN_LIMIT and _open_emphasis(text):
        return True
    here = plain(line)
    if not here:
        return True
    if len(text) < 24 and is_bare_label(plain(text)):
        return True  # "1." / "Phạm vi điều chỉnh"
    if starts_unit(here):
        return False
    if _closed_emphasis(text) and not here[0].islower():
        return False
    before = plain(prev)
    stripped = line.lstrip()
    if stripped.startswith(("*", "_")) and (
        prev.rstrip().endswith(("*", "_")) or before[-1:] in ".;:!?…"
    ):
        return False  # "...QH15;*" / "*Căn cứ ..."
    return wraps(before, here)


def render(paragraph: Sequence[str]) -> list[str]:
    """A paragraph's raw lines -> its text lines: joined, split only at hard breaks."""
    out: list[str] = []
    segment: list[str] = []
    for raw in paragraph:
        parts = _BREAK.split(raw)
        for n, part in enumerate(parts):
            last = n == len(parts) - 1
            hard = not last or bool(_HARD_BREAK.search(part))
            segment.append(re.sub(r"\\$", "", part.rstrip()) if hard else part.strip())
            if hard:
                out.append(plain(" ".join(segment)))
                segment = []
    if segment:
        out.append(plain(" ".join(segment)))
    return [line for line in out if line]


def paragraphs(lines: Iterable[str]) -> list[str]:
    """Raw Markdown lines without blank lines (a table cell, a block) -> text lines."""
    out: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line.strip() or is_markup_only(line):
            out.extend(render(current))
            current = []
            continue
        if current and not continues(current, line):
            out.extend(render(current))
            current = []
        current.append(line)
    out.extend(render(current))
    return out
