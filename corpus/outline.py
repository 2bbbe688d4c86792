"""The headings open at a point of the document (a stack of frames, Phụ lục > Phần > Chương >
Mục > Điều > I. > 1. > a)) and the blocks of text found under them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from corpus.layout import Item, Table
from corpus.lines import LEVELS, Line, slugify
from corpus.sections import appendix_title, caption_of, split_attached, table_caption, unit_of
from corpus.types import Heading

RANK = {level: rank for rank, level in enumerate(LEVELS)}


@dataclass(slots=True)
class Frame:
    rank: float
    level: str
    key: str
    label: str  # "Điều 3", "I.", "2.", "b)"
    element: str  # how the frame shows in a section path
    slug: str
    text: str  # the line as printed
    is_heading: bool
    used: bool = False  # has text or children; an empty heading becomes a content block


class Builder:
    def __init__(self) -> None:
        self.stack: list[Frame] = []
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
        self.push(Frame(RANK["phuluc"], "phuluc", label, label, element, slug, element, True))
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

    def push(self, frame: Frame) -> None:
        self.pop_to(frame.rank)
        if self.stack:
            self.stack[-1].used = True
        self.stack.append(frame)
        if frame.is_heading:
            self.toc.append(
                Heading(frame.label, frame.element, frame.level, self.section, self.article)
            )


def frame(line: Line, title: str | None, in_article: bool, label: str = "") -> Frame:
    """The stack frame for a numbered line; title is None when the line states content."""
    level, key = line.level, line.key
    rank = float(RANK[level]) + (key.count(".") * 0.1 if level == "arabic" else 0.0)
    slug = {
        "phan": "phan-" + slugify(key),
        "chuong": "chuong-" + key.lower(),
        "muc": "muc-" + key.lower(),
        "dieu": "dieu-" + slugify(key),
        "roman": key.lower(),
    }.get(level, slugify(key))
    label = label or line.text.split(" ", 1)[0]
    if title is not None:
        return Frame(rank, level, key, label, title, slug, title, True)
    if in_article and level in ("arabic", "letter"):
        element = f"Khoản {key}" if level == "arabic" else f"Điểm {key}"
    else:
        element = label
    return Frame(rank, level, key, label, element, slug, line.text, False)
