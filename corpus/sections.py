"""Headings the numbering does not give: appendices after the signature ("PHỤ LỤC", "Phụ lục
số 01", "BIỂU MỨC THU PHÍ ..."), and what names a table (the line above it, or the heading it
stands under) and its unit ("Đơn vị tính: 1.000 đồng/trẻ/tháng")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from corpus.lines import FINAL_PUNCTUATION, PREAMBLE, SIGNER, appendix, classify, is_caps
from corpus.tables import UNIT_LINE

# an attachment that names itself by its kind, in capitals, after the signature
_ATTACHMENT = re.compile(r"^(?:BIỂU|DANH MỤC|BẢNG|QUY ĐỊNH|QUY CHẾ|ĐỊNH MỨC|MẪU|HƯỚNG DẪN)\b")
_ATTACHED = re.compile(r"\s*(\((?:Ban hành )?(?:kèm|Kèm) theo[^()]*(?:\([^()]*\)[^()]*)*\))\s*$")
_MAX_CAPTION = 100


def appendix_heading(text: str, signed: bool) -> tuple[str, str] | None:
    """(label, title) when the line opens an appendix: "PHỤ LỤC I" anywhere; "Phụ lục số 01"
    or "BIỂU MỨC THU PHÍ" once the document is signed."""
    found = appendix(text)
    if found is not None:
        label, rest = found
        if is_caps(text) or signed or (label != "Phụ lục" and not rest):
            return found
        return None
    if signed and is_caps(text) and _ATTACHMENT.match(text) and not SIGNER.match(text):
        return text, ""
    return None


def split_attached(text: str) -> tuple[str, str]:
    """ "BIỂU MỨC THU PHÍ (Kèm theo Thông tư số 154/2025/TT-BTC ...)" -> title, "(Kèm theo ...)"."""
    match = _ATTACHED.search(text)
    if not match or match.start() == 0:
        return text, ""
    return text[: match.start()].strip(), match.group(1)


def appendix_title(lines: Sequence[object], i: int) -> tuple[str, int, str]:
    """The title under a bare "PHỤ LỤC" starting at lines[i]: up to three lines in capitals,
    or one title-like line; returns (title, next index, an "(Kèm theo ...)" tail to keep)."""
    parts: list[str] = []
    tail = ""
    j = i
    while j < len(lines) and len(parts) < 3:
        text = lines[j]
        if not isinstance(text, str) or not text or classify(text).level != "text":
            break
        head, tail = split_attached(text)
        if is_caps(head) and not SIGNER.match(head) and not UNIT_LINE.match(head):
            parts.append(head)
            j += 1
            if tail:
                break
            continue
        if not parts and _title_like(head) and not tail:
            parts.append(head)
            j += 1
        tail = "" if not parts or j == i else tail
        break
    return " ".join(parts), j, tail


def _title_like(text: str) -> bool:
    return (
        bool(text)
        and len(text) <= 200
        and text[-1] not in FINAL_PUNCTUATION
        and not text.startswith("(")
        and not PREAMBLE.match(text)
    )


def unit_of(text: str) -> str | None:
    """ "Đơn vị tính: 1.000 đồng/trẻ,học sinh/tháng" -> that; None for any other line."""
    match = UNIT_LINE.match(text)
    return match.group(1) if match else None


def caption_of(text: str) -> str | None:
    """A line that names the table under it: short, not a sentence, not a parenthesis."""
    text = text.strip().strip("\"“”'")
    if not text or len(text) > 150 or text.startswith("(") or text[-1] in ".;!?…":
        return None
    if text.endswith(":") and len(text) > 100:
        return None
    line = classify(text)
    if line.level in ("roman", "arabic", "letter") and line.rest:
        text = line.rest  # "a) Hệ số phụ cấp ..." names the table without its letter
    return text.rstrip(" :")


def table_caption(elements: Sequence[tuple[str, str, bool]]) -> str:
    """The innermost heading (label, element, is_heading) without its number: "Điều 3. Mức
    lương tối thiểu" -> "Mức lương tối thiểu"; "" under no heading."""
    for label, element, is_heading in reversed(elements):
        if not is_heading:
            continue
        rest = element[len(label) :].strip(" .:-–") if element.startswith(label) else element
        text = rest or element
        return (
            text if len(text) <= _MAX_CAPTION else text[: _MAX_CAPTION - 1].rsplit(" ", 1)[0] + "…"
        )
    return ""
