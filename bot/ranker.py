"""Scoring a candidate answer (a clause, a list item, a table cell): a few features of how
well it answers the question, weighed by a linear model fitted on the dev splits of the
question sets (`python -m eval.fit_ranker`, stored in `bot/data/ranker.json`).

Every feature is a property of language or document structure (words and word pairs shared
with the question, the numbers it states, whether it holds the kind of value asked for), never
of a particular question or document."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from bot.concepts import Concept, coverages, syllable_set, syllables
from bot.ranges import Interval, Quantity, quantities
from index.tokenize import STOPWORDS

MODEL = Path(__file__).parent / "data" / "ranker.json"
FEATURES = (
    "retrieval",  # the passage's retrieval score relative to the best hit (0..1)
    "rank",  # retrieval rank of the passage, tenths (0 = first)
    "own",  # weighted share of the question's topic concepts in the unit itself
    "framed",  # ... in the unit with its headings, lead-in and document title
    "pairs",  # share of the question's adjacent word pairs found adjacent in the unit
    "named",  # weighted share of the topic concepts in the words naming the unit
    "precision",  # share of the words naming the unit (a row's label, an indicator) asked for
    "column",  # share of a table cell's column heading words asked for (0 for a clause)
    "numbers",  # share of the numbers the question states that the unit states too
    "extra_numbers",  # numbers the unit states besides its value that the question does not
    "fits",  # share of the question's quantities ("85 tuổi") inside a range the unit states
    "misfits",  # ... outside every range the unit states for the same unit ("dưới 50 điểm")
    "value",  # the question asks for a figure, date or name and the unit holds one
    "no_value",  # the question asks for one and the unit holds none
    "lead_in",  # the unit is a lead-in ending with ":" (answers nothing alone)
    "caption",  # an appendix caption "(Kèm theo Nghị định số ...)"
    "doc_number",  # the unit names the document number the question names
    "kind_match",  # "hiệu lực" for an effective date, a signature block for a signer
    "row",  # the unit is a table cell
)
# Scores are log-odds that a candidate beats another one of the same question: a difference of
# NEAR or less between two candidates is no clear preference.
NEAR = 1.0
# Until a model is fitted: the hand weights the bot used before (times 7, the scale of the
# fitted weights), as a reasoned prior.
_PRIOR = {
    "retrieval": 0.45,
    "rank": -0.15,
    "own": 0.1,
    "framed": 0.45,
    "pairs": 0.0,
    "named": 0.0,
    "precision": 0.0,
    "column": 0.0,
    "numbers": 0.0,
    "extra_numbers": 0.0,
    "fits": 0.0,
    "misfits": 0.0,
    "value": 0.15,
    "no_value": -0.2,
    "lead_in": -0.1,
    "caption": -0.4,
    "doc_number": 0.2,
    "kind_match": 0.25,
    "row": 0.0,
}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# list markers and numbering that open a clause or label: "a)", "2.1.", "II."
_MARKER = re.compile(r"(?:^|(?<=[\s—]))(?:\d+(?:\.\d+)*\.|[a-zđ]\)|[IVXLC]+\.)(?=\s)")
_DOC_OR_DATE = re.compile(
    r"\d{1,5}(?:/\d{4})?/[A-ZĐa-zđ][\wĐđ-]*|\d{1,2}/\d{1,2}/\d{4}|"
    r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Asked:
    """What the ranker reads of a question, computed once per question."""

    topic: tuple[Concept, ...]  # concepts, places, years and document names left out
    pairs: tuple[tuple[str, float], ...]  # adjacent content-word pairs, each with its weight
    words: frozenset[str]  # every syllable of the question and of its concepts' other forms
    numbers: frozenset[str]  # canonical numbers it states (document numbers left out)
    wants_value: bool  # it asks for a figure, a date, a name or a session
    quantities: tuple[Quantity, ...]  # "85 tuổi", "dưới 50 điểm"


def asked(
    text: str,
    topic: Sequence[Concept],
    all_concepts: Sequence[Concept],
    wants_value: bool,
    pair_weights: Mapping[str, float] | None = None,
) -> Asked:
    """What the ranker reads of a question; `pair_weights` weigh its word pairs by how rare
    they are in the corpus (a pair no passage uses weighs 1)."""
    from bot.concepts import plain_words
    from index.tokenize import strip_question_words

    plain = _DOC_OR_DATE.sub(" ", text)
    words = syllables(strip_question_words(plain))
    content = [w for w in words if w not in STOPWORDS]
    weights = pair_weights or {}
    pairs = [
        (pair, weights.get(pair, 1.0) if pair_weights is not None else 1.0)
        for pair in dict.fromkeys(f"{a} {b}" for a, b in zip(content, content[1:], strict=False))
    ]
    every = set(syllables(text))
    for c in all_concepts:
        for alt in c.alternatives:
            every |= plain_words(alt)
    numbers = frozenset(n for n in (syllables(m.group(0))[0] for m in _NUMBER.finditer(plain)))
    return Asked(
        tuple(topic), tuple(pairs), frozenset(every), numbers, wants_value, tuple(quantities(plain))
    )


def features(
    question: Asked,
    *,
    text: str,
    label: str,
    column: str,
    frame: frozenset[str],
    value: str | None,
    retrieval: float,
    rank: int,
    lead_in: bool,
    caption: bool,
    doc_number: bool,
    kind_match: bool,
    row: bool,
) -> dict[str, float]:
    """The features of one unit: `text` is what it says, `label` what names it (a row's own
    label, an indicator before its ':'), `column` a table cell's column heading, `frame` the
    syllables of its headings, lead-in and document title."""
    own_words = syllable_set(text)
    own, framed = coverages(question.topic, own_words, frame)
    total_pairs = sum(w for _, w in question.pairs)
    found_pairs = sum(w for p, w in question.pairs if p in own_words)
    fits, misfits = _fit(question.quantities, text)
    named, _ = coverages(question.topic, syllable_set(f"{label} {column}"), frozenset())
    stated = _numbers(text)
    value_numbers = _numbers(value or "")
    numbers = len(question.numbers & stated) / len(question.numbers) if question.numbers else 0.0
    extra = len(stated - value_numbers - question.numbers)
    return {
        "retrieval": retrieval,
        "rank": rank / 10,
        "own": own,
        "framed": framed,
        "pairs": found_pairs / total_pairs if total_pairs else 0.0,
        "named": named,
        "precision": _precision(label, question.words),
        "column": _precision(column, question.words),
        "numbers": numbers,
        "extra_numbers": min(extra, 3) / 3,
        "fits": fits,
        "misfits": misfits,
        "value": float(question.wants_value and value is not None),
        "no_value": float(question.wants_value and value is None),
        "lead_in": float(lead_in),
        "caption": float(caption),
        "doc_number": float(doc_number),
        "kind_match": float(kind_match),
        "row": float(row),
    }


def _precision(label: str, asked: frozenset[str]) -> float:
    """Share of the content words of a label that the question uses."""
    words = _label_words(label)
    return sum(w in asked for w in words) / len(words) if words else 0.0


@lru_cache(maxsize=65536)
def _label_words(label: str) -> tuple[str, ...]:
    words = [w for w in syllables(_MARKER.sub(" ", label)) if w not in STOPWORDS]
    return tuple(w for w in words if not w.isdigit() or len(w) < 3)


def _fit(asked: tuple[Quantity, ...], text: str) -> tuple[float, float]:
    if not asked:
        return 0.0, 0.0
    stated = _quantities(text)
    inside = outside = 0
    for q in asked:
        same = [s.range for s in stated if s.unit == q.unit]
        met = [r for r in same if q.range.meets(r)]
        if met:  # the tightest range counts most: "từ đủ 80 tuổi" for 85, not "từ đủ 04 tuổi"
            inside += max(_closeness(q.range, r) for r in met)
        elif same:
            outside += 1
    return inside / len(asked), outside / len(asked)


def _closeness(asked: Interval, stated: Interval) -> float:
    """How near a stated range's bound lies to the asked value (1.0 at it, small far from it;
    1.0 for a range with no finite bound)."""
    values = [v for v in (asked.lo, asked.hi) if math.isfinite(v)]
    bounds = [b for b in (stated.lo, stated.hi) if math.isfinite(b)]
    if not values or not bounds:
        return 1.0
    value = values[0]
    return max(
        (min(abs(value), abs(b)) / max(abs(value), abs(b)) if max(abs(value), abs(b)) else 1.0)
        for b in bounds
    )


@lru_cache(maxsize=65536)
def _quantities(text: str) -> tuple[Quantity, ...]:
    return tuple(quantities(text))


@lru_cache(maxsize=65536)
def _numbers(text: str) -> frozenset[str]:
    """Canonical numbers a text states, its list markers, document numbers and dates left out."""
    plain = _MARKER.sub(" ", _DOC_OR_DATE.sub(" ", text))
    return frozenset(syllables(m.group(0))[0] for m in _NUMBER.finditer(plain))


@cache
def model() -> dict[str, float]:
    if MODEL.is_file():
        return json.loads(MODEL.read_text(encoding="utf-8"))["weights"]
    return {name: 7 * w for name, w in _PRIOR.items()}


def score(values: dict[str, float]) -> float:
    weights = model()
    return sum(weights.get(name, 0.0) * values[name] for name in FEATURES)
