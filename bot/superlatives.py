"""Which is highest or lowest: "khu vực nào chiếm tỷ trọng lớn nhất", "vùng nào có mức lương
thấp nhất", "dịch vụ có phải chiếm tỷ trọng lớn nhất không". The question is read without its
superlative to find the figure asked; the figures set beside it (the items of its list, the
cells of its table column) are compared, and the highest or lowest answers, each cited."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot import compose
from bot.compose import number_value, strip_yesno, unit_key
from bot.evidence import Unit
from bot.types import Answer
from bot.understand import is_yesno
from corpus.types import Passage
from index.fold import fold
from index.types import Hit

_SUPERLATIVE = re.compile(
    r"\b(cao|lớn|nhiều|thấp|nhỏ|ít|lon|nhieu|thap|nho|it)\s+(?:nhất|nhat)\b", re.IGNORECASE
)
_HIGH = {"cao", "lon", "nhieu"}
# the question asks which one: "vùng nào", "ngành gì", "which region", "what sector"
_WHICH = re.compile(r"\b(?:nao|gi|which|what)\b")
MIN_SIBLINGS = 2  # figures compared, the one answered among them


@dataclass(frozen=True, slots=True)
class Superlative:
    highest: bool
    said: str  # as the question says it ("lớn nhất")
    rest: str  # the question without it, asked for the figure ("khu vực nào chiếm tỷ trọng?")


def superlative(question: str) -> Superlative | None:
    m = _SUPERLATIVE.search(question)
    if m is None:
        return None
    # the figure itself asked: "chiếm tỷ trọng lớn nhất" -> "chiếm tỷ trọng bao nhiêu"
    how_much = "bao nhieu" if fold(question) == question else "bao nhiêu"
    rest = " ".join(f"{question[: m.start()]} {how_much} {question[m.end() :]}".split())
    rest = re.sub(r"\s+([?.,!])", r"\1", rest)
    return Superlative(fold(m.group(1)).lower() in _HIGH, m.group(0), rest)


def _unit_of(value: str) -> tuple[str, str]:
    """What a figure counts and per what period, its bound ("tối đa") and number left out."""
    return unit_key(re.sub(r"^[^\d]*[\d.,]+\s*", "", value).strip())


def siblings(
    best: Unit, units: Sequence[Unit], hits: Sequence[Hit], question: str = ""
) -> list[Unit]:
    """The figures set beside the best one: the items of its list in its passage (under the
    same lead), or the cells of its table column, or of its row when the question names the
    row ("ở khu vực đô thị, cấp học nào cao nhất"); each once, in the order read."""
    p = hits[best.rank].passage
    folded = fold(question).lower()
    row_named = p.kind == "row" and fold(label(best, p)).lower() in folded

    def beside(u: Unit) -> bool:
        q = hits[u.rank].passage
        if not u.value or _unit_of(u.value) != _unit_of(best.value or ""):
            return False
        if row_named:
            return q.id == p.id
        if p.kind in ("row", "table"):
            return q.kind == p.kind and q.section == p.section and u.heading == best.heading
        return q.id == p.id and u.heading == best.heading

    out: list[Unit] = []
    for u in [best, *units]:
        if beside(u) and all((x.rank, x.start) != (u.rank, u.start) for x in out):
            if number_value(u.value or "") is not None:
                out.append(u)
    return out


def extreme(found: Sequence[Unit], highest: bool) -> Unit:
    key = [number_value(u.value or "") or 0.0 for u in found]
    pick = max if highest else min
    return found[key.index(pick(key))]


def label(u: Unit, p: Passage) -> str:
    """What a figure is set for: a clause's indicator before its ':' ("Dịch vụ"), a row's
    own label."""
    text = u.text.strip().rstrip(";.,")
    if p.kind in ("row", "table") and u.heading and u.heading in text and " — " not in text:
        return u.heading
    if p.kind in ("row", "table"):
        return text.split(" — ")[0] if " — " in text else text
    before, colon, _ = text.rpartition(":")
    return before.strip() if colon and before.strip() else text


class Superlatives:
    """The bot's superlatives (a part of Bot: reads its index, metadata and helpers)."""

    def _superlative(self, question: str, docs: Sequence[str] | None):
        """ "X nào ... lớn nhất": the highest of the figures set beside the one asked, each
        cited; "X có phải ... lớn nhất không": "Có." or "Không," with the highest. None when the
        figure asked is not found with at least one other to compare it with."""
        asked = superlative(question)
        yesno = is_yesno(question)
        folded = fold(question).lower()
        claims = yesno and re.search(r"\bco phai\b", folded)  # "X có phải ... cao nhất không"
        if asked is None or not (claims or (not yesno and _WHICH.search(folded))):
            return None  # "... áp dụng mức cao nhất, đúng không": a rule stated, not asked
        rest = strip_yesno(asked.rest) if yesno else asked.rest
        found = self.evidence(rest, (), docs)
        hits, units = list(found.hits), list(found.units)
        valued = [u for u in units if u.value]
        if not valued:
            return None
        best = valued[0]
        # a yes/no question names the item it claims, not a row to read across
        beside = siblings(best, units, hits, "" if yesno else question)
        if len(beside) < MIN_SIBLINGS:
            return None
        features = self._features(found.query, found.prepared, list(found.topic), best, units, hits)
        verdict = self.judge(features)
        if verdict.abstain:
            return None
        top = extreme(beside, asked.highest)
        ordered = [top, *[u for u in beside if u is not top]]
        cited = [compose.Cited(hits[u.rank].passage, (u.start, u.end), 0.0) for u in ordered]
        p = hits[best.rank].passage
        across_row = p.kind == "row" and all(hits[u.rank].passage.id == p.id for u in ordered)
        # the cells of one row differ by their columns: each is named by its column heading
        names = [
            re.sub(r"\s*\(.*$", "", u.heading) if across_row else label(u, hits[u.rank].passage)
            for u in ordered
        ]
        lead = f"{names[0]}: {top.value} — {asked.said.lower()} [1]"
        if yesno:
            claimed = [
                i
                for i, n in enumerate(names)
                if n and re.search(rf"\b{re.escape(fold(n).lower().split(',')[0])}\b", folded)
            ]
            if not claimed:
                return None
            lead = (
                f"Có. {lead}"
                if claimed[0] == 0
                else f"Không, {names[0]} mới {asked.said.lower()} ({top.value}) [1]"
            )
        lines = [lead, *[f"- {n}: {u.value} [{i}]" for i, (n, u) in
                         enumerate(zip(names[1:], ordered[1:], strict=True), start=2)]]  # fmt: skip
        draft = compose.Draft("\n".join(lines), tuple(cited))
        citations = tuple(self._citation(i + 1, c) for i, c in enumerate(draft.cited))
        return Answer(
            found.query.text, draft.text, citations, verdict.confidence, False, (), tuple(hits)
        )
