"""Places a document classes into groups: a table that lists communes and wards under the kind
of area each belongs to ("Miền núi (9 xã miền núi thuộc thành phố Huế) — Xã A Lưới 2"). A
figure set per kind of area ("học phí ... Miền núi") answers a question about one of those
places once the place is read as its kind."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from corpus.types import Passage
from index.fold import fold

# a row's own cell that is a place: "Xã A Lưới 2", "Phường Phong Điền", "Thị trấn Đu"
_PLACE = re.compile(
    r"^(?:xã|phường|thị trấn|thị xã|huyện|quận)\s+[A-ZĐÀ-Ỹ0-9][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ0-9][\wÀ-ỹ]*)*$",
    re.IGNORECASE,
)
_NUMBERING = re.compile(r"^(?:s[ốo]\s*)?(?:stt|tt|thứ tự)\b", re.IGNORECASE)
MIN_NAME_WORDS = 2  # "A Lưới 2", "Phong Điền": a one-word name is too often a common word


@dataclass(frozen=True, slots=True)
class PlaceClass:
    place: str  # as the table writes it ("Xã A Lưới 2")
    group: str  # the kind of area, without its count ("Miền núi")
    row: Passage  # the table row that says so
    label: str = ""  # the group as the table writes it ("Miền núi (9 xã miền núi thuộc ...)")


def place_classes(passages: Iterable[Passage]) -> dict[str, PlaceClass]:
    """The places classed by the corpus's tables, by their folded name without the word for
    their kind ("a luoi 2"): rows whose one cell besides the numbering is a place, under a
    group label."""
    out: dict[str, PlaceClass] = {}
    for p in passages:
        if p.kind != "row" or not p.cells:
            continue
        cells = [v.strip() for h, v in p.cells if not _NUMBERING.match(h.strip())]
        if len(cells) != 1 or not _PLACE.match(cells[0]):
            continue
        labels = p.text.split(" — ")
        if len(labels) < 3 or labels[-1].strip() != cells[0]:
            continue
        group = labels[-2].split("(", 1)[0].strip()
        if not group or _PLACE.match(group):
            continue
        name = _folded(cells[0].split(None, 1)[1])
        if len(name.split()) >= MIN_NAME_WORDS:
            out.setdefault(name, PlaceClass(cells[0], group, p, labels[-2].strip()))
    return out


# "ngoài 5 xã A Lưới, ...": the places the question leaves out
_BESIDES = re.compile(r"\bngoai\s+([^,;?]+)")
_KIND_OR_COUNT = re.compile(r"\b(?:\d+|cac|nhung|xa|phuong|thi tran|thi xa|huyen|quan)\b")


def group_asked(question: str, classes: dict[str, PlaceClass], docs: set[str]) -> list[PlaceClass]:
    """The places of the one group a list question names ("những xã nào ... miền núi"), of a
    document among `docs`, in the table's order, less those it leaves out ("ngoài 5 xã A
    Lưới"); [] when it names no group or several."""
    asked = f" {_folded(question)} "
    groups = {
        (c.row.doc_id, c.group)
        for c in classes.values()
        if c.row.doc_id in docs and f" {_folded(c.group)} " in asked
    }
    if len(groups) != 1:
        return []
    doc, group = groups.pop()
    typed = fold(question).lower()  # its commas kept: "ngoài 5 xã A Lưới, những xã nào"
    left_out = [
        " ".join(_KIND_OR_COUNT.sub(" ", _folded(m.group(1))).split())
        for m in _BESIDES.finditer(typed)
    ]
    return [
        c
        for name, c in classes.items()
        if c.row.doc_id == doc
        and c.group == group
        and not any(out and (name == out or name.startswith(f"{out} ")) for out in left_out)
    ]


def classed_place(question: str, classes: dict[str, PlaceClass]) -> PlaceClass | None:
    """The classed place the question names (typed in any case, with or without marks), when
    it does not name the place's group itself."""
    asked = f" {_folded(question)} "
    for name, found in classes.items():
        if f" {name} " in asked and f" {_folded(found.group)} " not in asked:
            return found
    return None


def _folded(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text).lower()))
