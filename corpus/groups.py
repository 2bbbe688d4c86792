"""Group rows of a table: the rows that only name a group ("1 | Phí sát hạch lái xe | | |"),
nested by their numbering (Phần I > A > I > 1 > 1.1 > a > - > +, "I.A" under "I"), and what
the rows above say about the current one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.lines import classify

_ROMAN = re.compile(r"^[IVXLC]+$")
_DOTTED = re.compile(r"(?:[IVXLC]+|[A-ZĐ])(?:\.(?:[IVXLC]+|[A-ZĐ]|\d{1,2}))+")  # "I.A", "II.B.10"
_DOTTED_LABEL = re.compile(rf"^({_DOTTED.pattern})\.?\s")


def level(key: str) -> float:
    """Depth of a numbering key: Phần I > A > I > 1 > 1.1 > a > - > +; a dotted key one step
    under its first part for each dot ("I.A" under "I", "I.A.1" under "I.A")."""
    key = key.strip().rstrip(".)")
    if not key:
        return 9.0
    if key.startswith("Phần "):
        return -1.0
    if _ROMAN.match(key):
        return 1.0
    if re.fullmatch(r"[A-ZĐ]", key):
        return 0.0
    if re.fullmatch(r"\d+(?:\.\d+)*", key):
        return 2.0 + 0.1 * key.count(".")
    if _DOTTED.fullmatch(key):
        return level(key.split(".", 1)[0]) + 0.1 * key.count(".")
    if re.fullmatch(r"[a-zđ]", key):
        return 3.0
    return {"-": 4.0, "–": 4.0, "+": 5.0}.get(key, 9.0)


def marker(text: str) -> str:
    """The numbering a label starts with: "1." -> "1", "a)" -> "a", "- x" -> "-",
    "I.A. Lãnh đạo" -> "I.A", "PHẦN II. ..." -> "Phần II"."""
    first = text.split("\n", 1)[0]
    line = classify(first)
    if line.level in ("dash", "plus"):
        return "-" if line.level == "dash" else "+"
    if line.level == "phan":
        return f"Phần {line.key}"
    if line.level == "text" and (dotted := _DOTTED_LABEL.match(first)):
        return dotted.group(1)
    return line.key if line.level in ("roman", "arabic", "letter") else ""


@dataclass
class Grouping:
    """What the rows above say about the current one: (depth, heading, kind), outermost first;
    kind "numbered" or "plain" for a group row, "row" for a data row whose parts follow it."""

    stack: list[tuple[float, str, str]]

    def close(self, depth: float) -> None:
        while self.stack and self.stack[-1][0] >= depth:
            self.stack.pop()

    def open(self, key: str, texts: Sequence[str], after_rows: bool) -> None:
        """A group row; one without a number sits just under the group it is in, so rows
        numbered under that group stay under it too, and after rows of its own it is the
        next of its kind ("▶ Lĩnh vực A", rows, "▶ Lĩnh vực B")."""
        if key:
            depth = level(key)
        else:
            while after_rows and self.stack and self.stack[-1][2] == "row":
                self.stack.pop()
            if after_rows and self.stack and self.stack[-1][2] == "plain":
                self.stack.pop()
            depth = (self.stack[-1][0] if self.stack else 1.0) + 0.01
        self.close(depth)
        kind = "numbered" if key else "plain"
        for i, text in enumerate(texts):  # "I | Tốt nghiệp | 1. Ban Chỉ đạo thi": two groups
            sub = level(marker(text)) if i else depth
            self.stack.append((sub if sub > depth else depth + 0.01 * i, text, kind))

    def push(self, key: str, text: str) -> None:
        self.stack.append((level(key), text, "row"))
