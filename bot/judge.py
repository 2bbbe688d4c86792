"""Deciding whether the documents answer: one confidence from a few features of the chosen
evidence, through a logistic model whose weights and threshold are fitted on the dev split of
the question sets (`python -m eval.calibrate`, stored in `bot/data/confidence.json`)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODEL = Path(__file__).parent / "data" / "confidence.json"
FEATURES = (
    "covered",  # weighted share of the question's topic concepts in the evidence and its headings
    "own",  # ... in the evidence itself
    "dense",  # cosine of the evidence passage and the question (0.8 when not computed)
    "unit_dense",  # cosine of the evidence clause (with its title and headings) and the question
    "missing",  # weight of the weightiest topic concept found nowhere near the evidence (0..1)
    "unknown",  # weight share of the concepts no passage of the corpus uses
    "top_missing",  # 1 when the question's weightiest concept is not near the evidence
    "pairs",  # share of the question's adjacent word pairs found adjacent in the evidence
    "named",  # weighted share of the topic concepts in the words naming the evidence
    "unheard",  # words of the question no passage of the corpus uses ("tiêm chủng"), 0, 0.5, 1
    "value",  # 1 when the evidence holds what the question asks for (figure, date, name)
    "places",  # 1 when every place the question names is covered by the evidence's document
    "years",  # 1 when every year the question names appears with the evidence
    "margin",  # how much better the evidence ranks than the best one of another passage
    "rank",  # retrieval rank of the evidence passage (0 = first)
    "english",  # 1 for an English question
    # weight (0..1) of the rarest compound word of the question ("giám đốc", "nước sạch") that
    # the corpus uses but the evidence, its passage and headings do not
    "absent_term",
)
# Used until a model is fitted: a reasoned prior, not a fit to any question.
_PRIOR = {
    "weights": {
        "covered": 6.0,
        "own": 1.0,
        "dense": 4.0,
        "unit_dense": 4.0,
        "missing": -4.0,
        "unknown": -4.0,
        "top_missing": -1.0,
        "pairs": 1.0,
        "unheard": -3.0,
        "named": 1.0,
        "value": 1.5,
        "places": 2.5,
        "years": 2.0,
        "margin": 0.2,
        "rank": -0.1,
        "english": 0.5,
        "absent_term": -1.0,
    },
    "bias": -13.0,
    "threshold": 0.5,
}


@dataclass(frozen=True, slots=True)
class Verdict:
    abstain: bool
    confidence: float
    reason: str  # why, for logs and the evaluation's failure list ("" when answering)


@cache
def model() -> dict:
    if MODEL.is_file():
        return json.loads(MODEL.read_text(encoding="utf-8"))
    return _PRIOR


def confidence(features: dict[str, float], fitted: dict | None = None) -> float:
    """The probability that the evidence answers, by the committed model or a `fitted` one."""
    m = fitted or model()
    z = m["bias"] + sum(m["weights"].get(name, 0.0) * features[name] for name in FEATURES)
    return 1.0 / (1.0 + math.exp(-z))


def threshold() -> float:
    return model()["threshold"]


def judge(features: dict[str, float]) -> Verdict:
    p = confidence(features)
    if p >= threshold():
        return Verdict(False, p, "")
    return Verdict(True, p, _reason(features))


def _reason(f: dict[str, float]) -> str:
    if not f["places"]:
        return "địa danh được hỏi không có trong văn bản trả lời"
    if not f["years"]:
        return "năm được hỏi không có trong đoạn trích"
    if not f["value"]:
        return "đoạn trích không nêu điều được hỏi (con số, ngày, tên)"
    if f["missing"] > 0.3:
        return "câu hỏi có khái niệm văn bản không đề cập"
    return f"đoạn trích ít liên quan (độ bao phủ {f['covered']:.0%})"
