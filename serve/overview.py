"""What the corpus covers (documents by type, issuers, years) and example questions drawn from
its own documents, for the first screen.

An example is a sentence of a document that states a figure after a cue ("Tỷ lệ hộ nghèo giảm
còn 2,1%", "Kinh phí thực hiện là 1,5 tỷ đồng"), asked back with the figure replaced by "bao
nhiêu" and the document named; a document without one is asked when it takes effect. Nothing
here knows any one document.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from corpus.types import Document
from serve.sources import document_label, iso_to_vn, short_title

EXAMPLES = 4
_MARKER = re.compile(r"^\s*(?:[-–•+*]|\(?[a-zđ]\)|\d+(?:\.\d+)*[.)]|[IVXLC]+\.)\s+")
_FIGURE = r"\d[\d.,]*(?:\s?%|\s+(?:phần trăm|tỷ đồng|triệu đồng|nghìn đồng|đồng|[^\W\d]+))?"
# a cue then a figure: "<lead> đạt 96,5%", "<lead>: 650 tỷ đồng", "<lead> là 1,5 tỷ đồng"
_STATED = re.compile(
    rf"^(?P<lead>[^\d:;]{{8,140}}?)(?:\s*:\s*|\s+(?P<cue>đạt|là|còn|tăng|giảm|bằng|khoảng"
    rf"|ở mức|tối thiểu|tối đa)\s+)(?P<figure>{_FIGURE})(?=[\s.;,]|$)"
)
_COUNTED = re.compile(r"^\d[\d.,]*\s+(?P<noun>[^\W\d]+)$")
_MONEY_OR_SHARE = ("%", "phần trăm", "đồng", "triệu", "tỷ", "nghìn")
# a table column whose heading names a measure ("Mức thu (đồng)", "Tỷ lệ hỗ trợ") holds figures
# that answer "<heading> <row label> là bao nhiêu?"
_MEASURES = (
    "mức",
    "tỷ lệ",
    "số",
    "giá",
    "phí",
    "lệ phí",
    "học phí",
    "chi phí",
    "kinh phí",
    "định mức",
    "hệ số",
    "tổng",
    "tiền",
)
_NUMBER = re.compile(r"^\d[\d.,]*\s?%?$")
_PARENS = re.compile(r"\s*\([^)]*\)")
_NUMBERING = re.compile(r"^(?:số\s*)?tt$|^stt$", re.IGNORECASE)  # "STT", "Số TT": row numbers


def coverage(documents: Sequence[Document]) -> dict:
    """Counts of documents by type, the issuers (most documents first) and the years."""
    kinds = Counter(d.meta.kind or "Văn bản khác" for d in documents)
    issuers = Counter(d.meta.issuer for d in documents if d.meta.issuer)
    years = sorted({d.meta.year for d in documents if d.meta.year})
    return {
        "documents": len(documents),
        "passages": sum(len(d.passages) for d in documents),
        "kinds": [[k, n] for k, n in kinds.most_common()],
        "issuers": [[k, n] for k, n in issuers.most_common()],
        "years": [years[0], years[-1]] if years else [],
    }


def question_from(sentence: str) -> str | None:
    """ "Tỷ lệ hộ nghèo giảm còn 2,1%." -> "Tỷ lệ hộ nghèo giảm còn bao nhiêu?"; None when the
    sentence states no figure after a cue."""
    text = _MARKER.sub("", " ".join(sentence.split()))
    m = _STATED.match(text)
    if not m:
        return None
    lead = m.group("lead").strip(" ,-–")
    words = lead.split()
    if not 3 <= len(words) <= 16 or "," in lead:
        return None
    if lead.lower().startswith(("căn cứ", "theo ", "trong đó")):
        return None
    figure = m.group("figure").strip()
    counted = _COUNTED.match(figure)
    what = "bao nhiêu"
    if counted and not any(u in figure for u in _MONEY_OR_SHARE):
        what = f"bao nhiêu {counted.group('noun')}"
    cue = m.group("cue")
    return f"{lead} {cue} {what}?" if cue else f"{lead} là {what}?"


def question_from_row(cells) -> str | None:
    """A table row (heading, value) -> "<measure heading> <row label> là bao nhiêu?" when a
    column named for a measure holds a number and a text cell labels the row."""
    labels = [v for _, v in cells if v and len(v) <= 60 and _is_words(v)]
    for heading, value in cells:
        name = _PARENS.sub("", heading).strip()
        if not (labels and _NUMBER.match(value or "") and _is_words(name)):
            continue
        if name.lower().startswith(_MEASURES) and not _NUMBERING.match(name):
            if 2 <= len(name.split()) <= 8:
                return f"{name} {_lower_first(labels[0])} là bao nhiêu?"
    return None


def _is_words(text: str) -> bool:
    """Letters and spaces only: a label, not a figure, a unit ("đồng/tháng") or a code."""
    return all(c.isalpha() or c.isspace() for c in text) and len(text.split()) >= 2


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if first.isupper() and len(first) > 1:  # an abbreviation keeps its capitals: GRDP, HĐND
        return text
    return text[:1].lower() + text[1:]


def _name(document: Document) -> str:
    """How a question names the document: its type and number, else its short title."""
    meta = document.meta
    if meta.number:
        return document_label(meta)
    when = f" ngày {iso_to_vn(meta.date)}" if meta.date else ""
    by = f" của {meta.issuer}" if meta.issuer else ""
    return f"{meta.kind or 'Văn bản'}{when}{by}" if when or by else short_title(meta, 80)


def examples_of(document: Document, named: bool) -> tuple[list[str], list[str]]:
    """(figure questions, other questions) this document answers: figures stated in its text
    first, then figures of its tables, then when it takes effect. `named`: each figure
    question is asked first with the document named ("Theo Nghị quyết 45/NQ-HĐND, ..."), then
    as it stands."""
    name = _name(document)
    stated, tabled = [], []
    for p in document.passages:
        if p.kind == "row" and len(tabled) < 2:
            q = question_from_row(p.cells)
            if q and q not in tabled:
                tabled.append(q)
        elif p.kind == "content" and p.article and len(stated) < 2:
            q = next(filter(None, map(question_from, p.text.split("\n"))), None)
            if q and q not in stated:
                stated.append(q)
    figures = (stated + tabled)[:3]
    if named:
        figures = [v for q in figures for v in (f"Theo {name}, {_lower_first(q)}", q)]
    other = [f"{name} có hiệu lực từ ngày nào?"] if document.meta.effective else []
    return figures, other


def examples(documents: Sequence[Document], k: int = EXAMPLES) -> list[tuple[str, str]]:
    """Up to k (example question, doc_id it comes from), best first: one document after
    another (newest first, issuers not seen yet first), figures before dates."""
    return list(_examples(tuple(documents), k))


@lru_cache(maxsize=8)
def _examples(documents: tuple[Document, ...], k: int) -> tuple[tuple[str, str], ...]:
    named = len(documents) > 1
    ordered = sorted(documents, key=lambda d: (d.meta.date or "", d.meta.doc_id), reverse=True)
    # documents of an issuer not seen yet come first, so the examples show the corpus's range
    seen: set[str | None] = set()
    fresh, again = [], []
    for d in ordered:
        (again if d.meta.issuer in seen else fresh).append(d)
        seen.add(d.meta.issuer)
    pools = [(d.meta.doc_id, *examples_of(d, named)) for d in fresh + again]
    out: list[tuple[str, str]] = []
    for rank in range(6):  # every document's best question before any second one
        for doc_id, figures, _ in pools:
            if rank < len(figures) and (figures[rank], doc_id) not in out:
                out.append((figures[rank], doc_id))
    dates = [(other[0], doc_id) for doc_id, _, other in pools if other]
    # a question of another kind early on, the rest of them after every figure
    out = out[: max(1, k - 1)] + dates[:1] + out[max(1, k - 1) :] + dates[1:]
    return tuple(out[:k])
