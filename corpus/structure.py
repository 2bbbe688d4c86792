"""Lines -> legal structure: headings, their nesting, and the blocks of text under them.

The hierarchy comes from the numbering itself (Phần > Chương > Mục > Điều > I. > 1. > a) > - > +),
never from Markdown heading levels, which converted documents get wrong.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.layout import Item, Table
from corpus.lines import (
    CLOSING,
    ENACTING,
    FINAL_PUNCTUATION,
    PREAMBLE,
    RECIPIENTS,
    SIGNED,
    SIGNER,
    Line,
    classify,
    is_caps,
    join_broken_lines,
)
from corpus.outline import RANK, Builder, frame
from corpus.sections import appendix_heading
from corpus.types import Heading

_KEEP_APPENDIX = RANK["phuluc"] + 0.5  # what a signature or closing ends: all but an appendix
_LEAD_IN = re.compile(r"như sau|sau đây|bao gồm|\bgồm\b")


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of text under one heading path, before it is cut into passages."""

    kind: str  # "content" | "heading" | "preamble" | "signature" | "recipients" | "table"
    section: tuple[str, ...]
    slug: str  # "dieu-2/i/2/b"
    article: str | None
    lines: tuple[str, ...]
    lead: bool = False  # a khoản/điểm whose children may be read together with it
    table: Table | None = None  # kind "table": the table, read into rows by corpus.tables
    caption: str = ""  # kind "table": the line above it or the heading it stands under
    unit: str | None = None  # kind "table": "Đơn vị tính: 1.000 đồng" written above it


@dataclass(frozen=True, slots=True)
class Structure:
    title_lines: tuple[str, ...]
    toc: tuple[Heading, ...]
    blocks: tuple[Block, ...]
    signature: tuple[str, ...]  # "CHỦ TỊCH", "Phạm Hoàng Sơn"
    closing: str | None  # "Nghị quyết này đã được ... thông qua ngày ..."


def _is_title(rest: str) -> bool:
    """A numbered line that names a part ("1. Mục tiêu") rather than states a rule."""
    if not rest or len(rest) > 200 or rest[-1] in ".;!?…":
        return False
    if rest.endswith(":"):
        return len(rest) <= 60 and not _LEAD_IN.search(rest)
    return True


def _title_line(line: Line | None, limit: int) -> bool:
    return (
        line is not None
        and line.level == "text"
        and len(line.text) <= limit
        and line.text[-1] not in FINAL_PUNCTUATION
    )


def _split_front(lines: list[Item]) -> tuple[list[str], list[str], int]:
    """The title block and the căn cứ lines before the body; returns where the body starts."""
    title: list[str] = []
    preamble: list[str] = []
    for i, text in enumerate(lines):
        if isinstance(text, Table) or appendix_heading(text, signed=False):
            return title, preamble, i
        if ENACTING.match(text):
            return title, preamble, i + 1
        if classify(text).level != "text" or CLOSING.match(text) or RECIPIENTS.match(text):
            return title, preamble, i
        if PREAMBLE.match(text):
            preamble.append(text)
        elif preamble or len(text) > (400 if is_caps(text) else 200) or len(title) >= 14:
            return title, preamble, i
        elif text.endswith(".") and not text.lower().startswith("số"):
            return title, preamble, i
        else:
            title.append(text)
    return title, preamble, len(lines)


def parse(raw_lines: Sequence[Item]) -> Structure:
    lines = join_broken_lines(raw_lines)
    title, preamble, start = _split_front(lines)
    b = Builder()
    if title:
        b.add("heading", title, root=True)
    if preamble:
        b.add("preamble", preamble, root=True)
    signature: dict | None = None  # the block being read
    closing: str | None = None
    mode = "body"
    i = start
    while i < len(lines):
        text = lines[i]
        i += 1
        if isinstance(text, Table):
            b.add_table(text)
            mode = "body"
            continue
        line = classify(text)
        following = lines[i] if i < len(lines) else None
        nxt = classify(following) if isinstance(following, str) and following else None
        heading = appendix_heading(text, signed=signature is not None)
        if heading is not None and line.level == "text":
            i = b.open_appendix(*heading, lines, i)
            mode = "body"
            continue
        if mode == "recipients" and line.level in ("dash", "plus"):
            b.blocks[-1]["lines"].append(text)
            continue
        recipients = b.blocks[-1]["lines"] if mode == "recipients" else []
        if recipients and recipients[-1][-1] not in FINAL_PUNCTUATION and not is_caps(text):
            recipients[-1] = f"{recipients[-1]} {text}"  # an item broken over two lines
            continue
        if mode == "signature" and signature and (is_caps(text) or SIGNED.match(text)):
            signature["lines"].append(text)
            continue
        if mode == "signature" and signature and len(text) <= 60 and len(text.split()) <= 6:
            signature["lines"].append(text)  # the signer's name ends the block
            mode = "body"
            continue
        mode = "body"
        if is_caps(text) and SIGNER.match(text) and line.level == "text":
            b.pop_to(_KEEP_APPENDIX)
            signature = b.add("signature", [text], root=True)
            mode = "signature"
        elif RECIPIENTS.match(text) and line.level == "text":
            b.pop_to(_KEEP_APPENDIX)
            b.add("recipients", [text], root=True)
            mode = "recipients"
        elif line.level == "text" and CLOSING.match(text):
            b.pop_to(_KEEP_APPENDIX)
            closing = text
            b.add("content", [text], root=True)
        elif line.level in RANK:
            rest = line.rest
            if line.level == "dieu":
                if not rest and _title_line(nxt, 300):
                    rest, i = lines[i], i + 1  # "Điều 1." / "Phạm vi điều chỉnh"
                named = bool(rest) and _is_title(rest) and not rest.endswith(":")
                element = f"Điều {line.key}. {rest}" if named else f"Điều {line.key}"
                b.push(frame(line, element, False, f"Điều {line.key}"))
                if rest and not named:
                    b.add("content", [rest])
            elif line.level in ("phan", "chuong", "muc"):
                if not rest and _title_line(nxt, 200):
                    rest, i = lines[i], i + 1  # "Phần thứ hai" / "QUYỀN SỞ HỮU ..."
                head = text.split(rest, 1)[0].strip(" .:-–") if rest else text.rstrip(" .:")
                b.push(frame(line, f"{head}. {rest}" if rest else head, False, head))
            elif _is_title(line.rest) and not (
                b.in_named_article and line.level not in ("roman", "part")
            ):
                b.push(frame(line, text.rstrip(" :"), False))
            else:  # a khoản or điểm: in a titled article even "1. Các trường hợp" is one
                b.push(frame(line, None, b.article is not None))
                b.add("content", [text], lead=text[-1] not in ".;!?…")
        elif line.level == "dash":
            group = b.add("content", [line.rest])
            b.group = group
        elif line.level == "plus":
            last = b.blocks[-1] if b.blocks else None
            if b.group is not None or (
                last is not None
                and last["kind"] == "content"
                and last["lines"][-1].endswith(":")
                and last["section"] == b.section
            ):
                target = b.group or last
                target["lines"].append(f"+ {line.rest}")
                b.group = target
            else:
                b.add("content", [line.rest])
        else:
            b.add("content", [text])
    b.pop_to(-1)
    blocks = tuple(
        Block(
            d["kind"],
            d["section"],
            d["slug"],
            d["article"],
            tuple(d["lines"]),
            d["lead"],
            d.get("table"),
            d.get("caption", ""),
            d.get("unit"),
        )  # fmt: skip
        for d in b.blocks
    )
    signed = _signature([d for d in b.blocks if not d.get("appendix")])
    return Structure(tuple(title), tuple(b.toc), blocks, signed, closing)


def _signature(blocks: Sequence[dict]) -> tuple[str, ...]:
    """The last signature block that names its signer ("CHỦ TỊCH", "Phạm Hoàng Sơn"), outside
    the appendices (a form's "NGƯỜI KHAI" is not the document's signer)."""
    signatures = [tuple(b["lines"]) for b in blocks if b["kind"] == "signature"]
    named = [s for s in signatures if not is_caps(s[-1]) and not SIGNED.match(s[-1])]
    return (named or signatures or [()])[-1]
