"""Text-level repairs shared by the plain-text and Markdown readers: OCR page markers and bare
page numbers, and the evidence that two hard-wrapped lines are one paragraph."""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.lines import PREAMBLE, RECIPIENTS, classify, is_caps

_PAGE_MARK = re.compile(r"^\s*[-=_*]{2,}\s*page\s*break\s*[-=_*]{2,}\s*$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^\s*[-–(]?\s*(?:Trang\s+)?\d{1,4}\s*[-–)]?\s*$", re.IGNORECASE)
_SENTENCE_END = ".!?…"
# a numbering label with nothing after it, left alone by a hard wrap: "1.", "a)", "Điều", "II."
_BARE_LABEL = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[a-zđ]\)|[IVXLC]{1,6}\.|[-–+•]|(?:Điều|Chương|Mục|Phần|Khoản|Điểm)"
    r"(?:\s+\d+[a-zđ]?\.?)?)$"
)


def drop_page_marks(lines: Sequence[str], *, lone_numbers: bool = False) -> list[str]:
    """Converter page markers ("--- PAGE BREAK ---") become blank lines, and the page number
    printed next to one goes; with lone_numbers, so does any number alone between blank
    lines (a Markdown paragraph that is only "2" is a page number, never a sentence)."""
    out = list(lines)
    marks = [i for i, line in enumerate(out) if _PAGE_MARK.match(line)]
    for i in marks:
        out[i] = ""
        for step in (1, -1):  # the first non-blank line on either side of the marker
            j = i + step
            while 0 <= j < len(out) and not out[j].strip():
                j += step
            if 0 <= j < len(out) and _PAGE_NUMBER.match(out[j]):
                out[j] = ""
    if lone_numbers:
        for i, line in enumerate(out):
            before = out[i - 1] if i > 0 else ""
            after = out[i + 1] if i + 1 < len(out) else ""
            if _PAGE_NUMBER.match(line) and not before.strip() and not after.strip():
                out[i] = ""
    return out


def is_bare_label(text: str) -> bool:
    return bool(_BARE_LABEL.match(text.strip()))


_NATIONAL_MOTTO = re.compile(r"^(?:CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*[-–]\s*Tự do)")


def starts_unit(text: str) -> bool:
    """A plain line that begins something of its own: a numbered unit, a bullet (alone too), a
    căn cứ line, the recipients block, the quốc hiệu of a header."""
    return (
        classify(text).level != "text"
        or text in ("-", "–", "+", "•")
        or bool(PREAMBLE.match(text))
        or bool(RECIPIENTS.match(text))
        or bool(_NATIONAL_MOTTO.match(text))
    )


def wraps(prev: str, line: str) -> bool:
    """Evidence, from the text alone, that `line` continues `prev` (a hard wrap, not a new
    paragraph): prev leaves a label or a sentence unfinished and line does not start anything
    of its own; capitals on one side and not the other mean a new line ("CỘNG HÒA ..." /
    "Độc lập - Tự do - Hạnh phúc") unless the line starts in lower case."""
    if not prev or not line:
        return False
    if is_bare_label(prev):
        return True
    if starts_unit(line):
        return False
    if line[0].islower():
        return True
    if prev[-1] in _SENTENCE_END:
        return False
    if not any(c.isalpha() for c in line):
        return True  # "... TỈNH THÁI NGUYÊN NĂM" / "2025"
    if prev[-1] == "," or classify(prev).level in ("dash", "plus"):
        return True  # a list item or an enumeration goes on, in capitals or not
    return is_caps(prev) == is_caps(line) or not (_caps_phrase(prev) or _caps_phrase(line))


def _caps_phrase(text: str) -> bool:
    """Two or more words in capitals ("HỘI ĐỒNG NHÂN DÂN"), not an abbreviation ("- UBTV")."""
    return is_caps(text) and sum(1 for w in text.split() if any(c.isalpha() for c in w)) >= 2
