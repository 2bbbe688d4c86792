"""Metrics: pure functions over what the bot returned for each question (no model, no IO).

A metric with no question to score is None (null in JSON), never 0.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from eval.dataset import Question, normalize

METRIC_KEYS = (
    "n",
    "hit@1",
    "hit@5",
    "hit@10",
    "mrr@10",
    "doc@1",
    "answer_accuracy",
    "answer_in_160",
    "abstain_precision",
    "abstain_recall",
    "false_abstain_rate",
    "section_accuracy",
    "latency_ms_p50",
    "latency_ms_p95",
)
REPORT_KEYS = (*METRIC_KEYS, "by_kind")


@dataclass(frozen=True, slots=True)
class Retrieved:
    """One ranked retrieval hit, reduced to what relevance needs and failures show."""

    passage_id: str
    doc_id: str
    articles: tuple[str, ...]  # Điều numbers the passage lies in (a naive chunk may span several)
    section: str
    text: str
    score: float
    # a table row as the document prints it (its cells in order, one space apart), which the
    # passage text renders as "label — column: value; ...": evidence copied from the document's
    # row is found in it
    printed: str = ""


@dataclass(frozen=True, slots=True)
class Record:
    """What the bot did with one question."""

    question: Question
    abstained: bool
    text: str  # the answer text
    first_section: str | None  # section path of the first citation, if any
    retrieved: tuple[Retrieved, ...]  # Answer.hits, ranked, cut at k
    latency_ms: float
    error: str | None = None  # the bot refused the question (QuestionError)


def is_relevant(q: Question, r: Retrieved) -> bool:
    if any(g.doc == r.doc_id and g.article in r.articles for g in q.gold):
        return True
    if q.evidence:
        texts = [normalize(r.text)] + ([normalize(r.printed)] if r.printed else [])
        return any(_as_printed(e) in text for e in q.evidence for text in texts)
    return False


def _as_printed(evidence: str) -> str:
    """Evidence copied from a Markdown table row ("| Vùng I | 5.310.000 | 25.500 |") is the
    row's cells in order, one space apart, as `Retrieved.printed` holds them."""
    if "|" in evidence:
        evidence = " ".join(cell.strip() for cell in evidence.split("|") if cell.strip())
    return normalize(evidence)


def first_rank(flags: Sequence[bool]) -> int | None:
    """1-based rank of the first relevant hit, None when nothing relevant was retrieved."""
    return next((i for i, relevant in enumerate(flags, start=1) if relevant), None)


def hit_at(ranks: Sequence[int | None], k: int) -> float | None:
    """Fraction of questions with a relevant hit in the top k."""
    return _mean([r is not None and r <= k for r in ranks])


def mrr(ranks: Sequence[int | None], k: int = 10) -> float | None:
    return _mean([1.0 / r if r is not None and r <= k else 0.0 for r in ranks])


def recall_at(q: Question, retrieved: Sequence[Retrieved], k: int) -> float | None:
    """Fraction of the gold articles that some hit in the top k lies in."""
    if not q.gold:
        return None
    wanted = {(g.doc, g.article) for g in q.gold}
    found = {(r.doc_id, a) for r in retrieved[:k] for a in r.articles} & wanted
    return len(found) / len(wanted)


EARLY_CHARS = 160  # answer_in_160: the answer is found within this many (normalized) characters


def answer_end(q: Question, abstained: bool, text: str) -> int | None:
    """Where the correct answer ends in the normalized text (chars), None when it is not correct.

    Correct: one of `answers` occurs (at the start when `prefix`) and every `all_of` string
    occurs. The position is the earliest end of a matching `answers` string, or, with `all_of`
    only, the earliest end of an `all_of` string."""
    if not q.answerable or abstained:
        return None
    answer = normalize(text)
    if not all(normalize(s) in answer for s in q.all_of):
        return None
    if q.answers:
        found = [normalize(a) for a in q.answers]
        if q.prefix:
            ends = [len(a) for a in found if answer.startswith(a)]
        else:
            ends = [answer.index(a) + len(a) for a in found if a in answer]
    else:
        ends = [answer.index(a) + len(a) for a in map(normalize, q.all_of)]
    return min(ends, default=None)


def answer_correct(q: Question, abstained: bool, text: str) -> bool | None:
    if q.answerable is None:
        return None
    if not q.answerable:
        return abstained
    return answer_end(q, abstained, text) is not None


def answer_early(q: Question, abstained: bool, text: str) -> bool | None:
    """answer_in_160 for one answerable question: correct, and found within EARLY_CHARS."""
    if not q.answerable:
        return None
    end = answer_end(q, abstained, text)
    return end is not None and end <= EARLY_CHARS


def doc_correct(q: Question, retrieved: Sequence[Retrieved]) -> bool | None:
    """doc@1 for one answerable question with `docs`: the first hit comes from one of them."""
    if not q.docs or not q.answerable:
        return None
    return bool(retrieved) and retrieved[0].doc_id in q.docs


def section_correct(q: Question, abstained: bool, first_section: str | None) -> bool | None:
    if q.section is None or q.answerable is False:
        return None
    if abstained or first_section is None:
        return False
    return normalize(q.section) in normalize(first_section)


def abstention(pairs: Iterable[tuple[bool, bool]]) -> tuple[float | None, ...]:
    """(precision, recall, false_abstain_rate) from (answerable, abstained) pairs."""
    pairs = list(pairs)
    precision = _mean([not answerable for answerable, abstained in pairs if abstained])
    recall = _mean([abstained for answerable, abstained in pairs if not answerable])
    false_rate = _mean([abstained for answerable, abstained in pairs if answerable])
    return precision, recall, false_rate


def percentile(values: Sequence[float], p: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * p / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def retrieval_ranks(records: Sequence[Record]) -> list[int | None]:
    """First relevant rank of each question retrieval is scored on (answerable, with relevance)."""
    return [
        first_rank([is_relevant(r.question, h) for h in r.retrieved])
        for r in records
        if r.question.answerable is not False and r.question.has_relevance
    ]


def summarize(records: Sequence[Record], *, by_kind: bool = True, extra: bool = False) -> dict:
    """The report object: METRIC_KEYS (+ by_kind), and recall@10 when `extra`."""
    ranks = retrieval_ranks(records)
    answers = [answer_correct(r.question, r.abstained, r.text) for r in records]
    early = [answer_early(r.question, r.abstained, r.text) for r in records]
    docs = [doc_correct(r.question, r.retrieved) for r in records]
    sections = [section_correct(r.question, r.abstained, r.first_section) for r in records]
    precision, recall, false_rate = abstention(
        (r.question.answerable, r.abstained) for r in records if r.question.answerable is not None
    )
    latencies = [r.latency_ms for r in records]
    out: dict = {
        "n": len(records),
        "hit@1": _round(hit_at(ranks, 1)),
        "hit@5": _round(hit_at(ranks, 5)),
        "hit@10": _round(hit_at(ranks, 10)),
        "mrr@10": _round(mrr(ranks, 10)),
        "doc@1": _round(_mean([d for d in docs if d is not None])),
        "answer_accuracy": _round(_mean([a for a in answers if a is not None])),
        "answer_in_160": _round(_mean([e for e in early if e is not None])),
        "abstain_precision": _round(precision),
        "abstain_recall": _round(recall),
        "false_abstain_rate": _round(false_rate),
        "section_accuracy": _round(_mean([s for s in sections if s is not None])),
        "latency_ms_p50": _round(percentile(latencies, 50), 1),
        "latency_ms_p95": _round(percentile(latencies, 95), 1),
    }
    if extra:
        recalls = [recall_at(r.question, r.retrieved, 10) for r in records]
        out["recall@10"] = _round(_mean([x for x in recalls if x is not None]))
    if by_kind:
        out["by_kind"] = {
            kind: summarize(group, by_kind=False, extra=extra)
            for kind, group in group_by(records, lambda r: r.question.kind).items()
        }
    return out


def failed_checks(record: Record, k: int) -> list[str]:
    """Which scored checks a question failed: "retrieval", "doc", "answer", "section", "error"."""
    q = record.question
    failed = ["error"] if record.error else []
    if q.answerable is not False and q.has_relevance:
        rank = first_rank([is_relevant(q, h) for h in record.retrieved[:k]])
        if rank is None:
            failed.append("retrieval")
    if doc_correct(q, record.retrieved) is False:
        failed.append("doc")
    if answer_correct(q, record.abstained, record.text) is False:
        failed.append("answer")
    if section_correct(q, record.abstained, record.first_section) is False:
        failed.append("section")
    return failed


def group_by(records: Sequence[Record], key: Callable[[Record], str | None]) -> dict:
    groups: dict[str, list[Record]] = {}
    for r in records:
        name = key(r)
        if name is not None:
            groups.setdefault(name, []).append(r)
    return groups


def _mean(values: Sequence[float | bool]) -> float | None:
    return sum(values) / len(values) if values else None


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)
