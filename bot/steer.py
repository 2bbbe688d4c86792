"""Steering retrieval by what the question names: a province or city, a document number, a
document type, a year. Each becomes a weight on the documents whose metadata match, so the
right document comes first without hiding the others (they stay as "related" passages).

A document of another province cannot answer a question about this one, so it weighs little;
a national document (no region) applies everywhere and keeps most of its weight."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.understand import Query
from corpus.places import same_place
from corpus.types import DocumentMeta
from index.fold import fold

OTHER_PLACE = 0.35  # a document of another province than the one asked about
NATIONAL = 0.85  # a national document, when the question names a province
OTHER_NUMBER = 0.4  # a document whose number is not the one asked about
OTHER_KIND = 0.8  # a document of another type than the one asked about
AMENDED = 0.85  # a document that another document of the corpus amends


def doc_weights(query: Query, metas: Iterable[DocumentMeta]) -> dict[str, float]:
    metas = list(metas)
    weights = {m.doc_id: 1.0 for m in metas}
    # a place no document governs (a ward, an old province) steers nothing: it is a name the
    # answering text holds, and the place check reads it there
    places = [p for p in query.places if any(m.region and same_place(m.region, p) for m in metas)]
    numbers = [_number_key(n) for n in query.numbers]
    by_number = {m.doc_id for m in metas if m.number and _matches_number(m.number, numbers)}
    # "ở Hà Nội ... nhà nước trả bao nhiêu": what the state pays is set by a national document
    state_acts = bool(_STATE_ACTS.search(fold(query.standard).lower()))
    for m in metas:
        w = 1.0
        if places:
            if m.region is None:
                w *= 1.0 if state_acts else NATIONAL
            elif not any(same_place(m.region, p) for p in places):
                w *= OTHER_PLACE
        if by_number and m.doc_id not in by_number:
            w *= OTHER_NUMBER
        if (
            query.doc_kinds
            and not by_number
            and m.kind
            and not _same_family(m.kind, query.doc_kinds)
        ):
            w *= OTHER_KIND
        weights[m.doc_id] = w
    amended = {_number_key(n) for m in metas for n in m.amends}
    for m in metas:
        if m.number and _number_key(m.number) in amended:
            weights[m.doc_id] *= AMENDED
    return weights


# Types of document people name loosely: a code or the constitution is "a law" too.
_FAMILIES = ({"Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh"}, {"Thông tư", "Thông tư liên tịch"})


def _same_family(kind: str, named: tuple[str, ...]) -> bool:
    family = next((f for f in _FAMILIES if kind in f), {kind})
    return any(n in family for n in named)


# the state as the one who pays or sets ("nhà nước trả", "mức nhà nước hỗ trợ"), not a budget,
# an office or a body of the state ("ngân sách nhà nước", "cơ quan nhà nước"), folded
_STATE_ACTS = re.compile(
    r"(?<!ngan sach )(?<!kho bac )(?<!co quan )(?<!quan ly )(?<!doanh nghiep )(?<!von )"
    r"\bnha nuoc (?:tra|ho tro|cho|chi|cap|dong|quy dinh|tro cap)\b|\btrung uong (?:tra|ho tro|quy dinh)\b"
)


def places_covered(query: Query, meta: DocumentMeta | None, text: str) -> bool:
    """Does the evidence hold for every place the question names? Its document governs that
    place, or names it, or is national and the text names it, or is national and the question
    asks what the state pays ("ở Hà Nội ... nhà nước trả bao nhiêu")."""
    if not query.places:
        return True
    if meta is not None and not meta.region and _STATE_ACTS.search(fold(query.standard).lower()):
        return True
    from corpus.places import find_places

    named = find_places(
        " ".join([text, meta.title if meta else "", meta.issuer or "" if meta else ""])
    )
    for place in query.places:
        if meta is not None and meta.region and same_place(meta.region, place):
            continue
        if any(same_place(place, n) for n in named):
            continue
        return False
    return True


def _number_key(number: str) -> str:
    return re.sub(r"\s+", "", number).lower()


def _matches_number(number: str, wanted: list[str]) -> bool:
    """ "63/2025/NQ-HĐND" matches "63/2025/nq-hđnd" and the bare "63"."""
    key = _number_key(number)
    return any(key == w or key.split("/", 1)[0] == w for w in wanted)


def other_document(query: Query, doc_id: str, metas: dict[str, DocumentMeta]) -> bool:
    """The question names the number of a document the corpus holds ("Nghị quyết 192 của Quốc
    hội ...") and the evidence comes from another one that does not amend it: that document's
    silence is the answer, not another's figure."""
    numbers = [_number_key(n) for n in query.numbers]
    if not numbers:
        return False
    named = {m.doc_id for m in metas.values() if m.number and _matches_number(m.number, numbers)}
    if not named or doc_id in named:
        return False
    meta = metas.get(doc_id)
    amended = {_number_key(metas[d].number or "") for d in named}
    return meta is None or not any(_number_key(n) in amended for n in meta.amends)


# the whole country asked: "mức chuẩn ... cấp quốc gia", "GDP cả nước", "trên toàn quốc"
_NATION = re.compile(r"\b(?:cap quoc gia|ca nuoc|toan quoc|nationwide|national level)\b")


def nation_asked_of_a_province(query: Query, meta: DocumentMeta | None, evidence: str) -> bool:
    """The question asks the country's figure and names no province, and the evidence is a
    province's or city's document that does not speak of the country there: "mức chuẩn trợ
    giúp xã hội cấp quốc gia" is not answered by Hà Nội's own level."""
    if query.places or meta is None or not meta.region:
        return False
    if not _NATION.search(fold(query.standard).lower()):
        return False
    return not _NATION.search(fold(evidence).lower())
