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
            out.setdefault(name, PlaceClass(cells[0], group, p))
    return out


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
