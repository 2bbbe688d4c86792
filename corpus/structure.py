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
    LEVELS,
    PREAMBLE,
    RECIPIENTS,
    SIGNED,
    SIGNER,
    Line,
    classify,
    is_caps,
    join_broken_lines,
    slugify,
)
from corpus.sections import (
    appendix_heading,
    appendix_title,
    caption_of,
    split_attached,
    table_caption,
    unit_of,
)
from corpus.types import Heading

_RANK = {level: rank for rank, level in enumerate(LEVELS)}
_KEEP_APPENDIX = _RANK["phuluc"] + 0.5  # what a signature or closing ends: all but an appendix
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


@dataclass(slots=True)
class _Frame:
    rank: float
    level: str
    key: str
    label: str  # "Điều 3", "I.", "2.", "b)"
    element: str  # how the frame shows in a section path
    slug: str
    text: str  # the line as printed
    is_heading: bool
    used: bool = False  # has text or children; an empty heading becomes a content block


class _Builder:
    def __init__(self) -> None:
        self.stack: list[_Frame] = []
        self.toc: list[Heading] = []
        self.blocks: list[dict] = []
        self.group: dict | None = None  # the "-" block that following "+" items join
        self.appendices = 0
        self.slugs: set[str] = set()

    @property
    def section(self) -> tuple[str, ...]:
        return tuple(f.element for f in self.stack)

    @property
    def article(self) -> str | None:
        return next((f.key for f in reversed(self.stack) if f.level == "dieu"), None)

    @property
    def in_named_article(self) -> bool:
        """Inside "Điều 3. Tổ chức thực hiện" (law style), numbered lines are khoản and điểm."""
        return any(f.level == "dieu" and f.element != f.label for f in self.stack)

    def add(self, kind: str, lines: list[str], *, lead: bool = False, root: bool = False) -> dict:
        if self.stack and not root:
            self.stack[-1].used = True
        block = {
            "kind": kind,
            "section": () if root else self.section,
            "slug": "" if root else "/".join(f.slug for f in self.stack),
            "article": None if root else self.article,
            "lines": lines,
            "lead": lead,
            "appendix": any(f.level == "phuluc" for f in self.stack),
        }
        self.blocks.append(block)
        self.group = None
        return block

    def add_table(self, table: Table) -> None:
        """A table in the current section, named by the line above it (a unit line above it
        is its unit, not a passage) or by the heading it stands under."""
        unit = caption = None
        last = self._last_here()
        if last is not None and len(last["lines"]) == 1 and unit_of(last["lines"][0]):
            unit = unit_of(last["lines"][0])
            self.blocks.remove(last)
            last = self._last_here()
        if last is not None:
            caption = caption_of(last["lines"][-1])
        if caption is None:
            caption = table_caption([(f.label, f.element, f.is_heading) for f in self.stack])
        block = self.add("table", [])
        block.update(table=table, caption=caption, unit=unit)

    def _last_here(self) -> dict | None:
        """The block just before, if it is text of the current section."""
        last = self.blocks[-1] if self.blocks else None
        if last is None or last["kind"] != "content" or last["section"] != self.section:
            return None
        return last

    def open_appendix(self, label: str, title: str, lines: Sequence[Item], i: int) -> int:
        """ "PHỤ LỤC" (+ its title lines): a section above any Phần, until the next one."""
        tail = ""
        if not title:
            title, i, tail = appendix_title(lines, i)
        title, attached = split_attached(title)
        element = f"{label}. {title}" if title and title != label else label
        key = label[len("Phụ lục") :] if label.startswith("Phụ lục") else label
        slug = "-".join(filter(None, ["phu-luc", slugify(key)[:40].strip("-")]))
        self.appendices += 1
        if slug in self.slugs:
            slug = f"{slug}-{self.appendices}"
        self.slugs.add(slug)
        self.pop_to(-1)
        self.push(_Frame(_RANK["phuluc"], "phuluc", label, label, element, slug, element, True))
        for text in (attached, tail):
            if text:
                self.add("content", [text])
        return i

    def pop_to(self, rank: float) -> None:
        while self.stack and self.stack[-1].rank >= rank:
            frame = self.stack[-1]
            if frame.is_heading and not frame.used:  # a heading with nothing under it is content
                self.add("content", [frame.text])
            self.stack.pop()
        self.group = None

    def push(self, frame: _Frame) -> None:
        self.pop_to(frame.rank)
        if self.stack:
            self.stack[-1].used = True
        self.stack.append(frame)
        if frame.is_heading:
            self.toc.append(
                Heading(frame.label, frame.element, frame.level, self.section, self.article)
            )


def _frame(line: Line, title: str | None, in_article: bool, label: str = "") -> _Frame:
    """The stack frame for a numbered line; title is None when the line states content."""
    level, key = line.level, line.key
    rank = float(_RANK[level]) + (key.count(".") * 0.1 if level == "arabic" else 0.0)
    slug = {
        "phan": "phan-" + slugify(key),
        "chuong": "chuong-" + key.lower(),
        "muc": "muc-" + key.lower(),
        "dieu": "dieu-" + slugify(key),
        "roman": key.lower(),
    }.get(level, slugify(key))
    label = label or line.text.split(" ", 1)[0]
    if title is not None:
        return _Frame(rank, level, key, label, title, slug, title, True)
    if in_article and level in ("arabic", "letter"):
        element = f"Khoản {key}" if level == "arabic" else f"Điểm {key}"
    else:
        element = label
    return _Frame(rank, level, key, label, element, slug, line.text, False)


def parse(raw_lines: Sequence[Item]) -> Structure:
    lines = join_broken_lines(raw_lines)
    title, preamble, start = _split_front(lines)
    b = _Builder()
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
        elif line.level in _RANK:
            rest = line.rest
            if line.level == "dieu":
                if not rest and _title_line(nxt, 300):
                    rest, i = lines[i], i + 1  # "Điều 1." / "Phạm vi điều chỉnh"
                named = bool(rest) and _is_title(rest) and not rest.endswith(":")
                element = f"Điều {line.key}. {rest}" if named else f"Điều {line.key}"
                b.push(_frame(line, element, False, f"Điều {line.key}"))
                if rest and not named:
                    b.add("content", [rest])
            elif line.level in ("phan", "chuong", "muc"):
                if not rest and _title_line(nxt, 200):
                    rest, i = lines[i], i + 1  # "Phần thứ hai" / "QUYỀN SỞ HỮU ..."
                head = text.split(rest, 1)[0].strip(" .:-–") if rest else text.rstrip(" .:")
                b.push(_frame(line, f"{head}. {rest}" if rest else head, False, head))
            elif _is_title(line.rest) and not (b.in_named_article and line.level != "roman"):
                b.push(_frame(line, text.rstrip(" :"), False))
            else:  # a khoản or điểm: in a titled article even "1. Các trường hợp" is one
                b.push(_frame(line, None, b.article is not None))
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
