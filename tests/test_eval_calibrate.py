"""The judge's fit: a logistic model of the evidence features and the threshold chosen on dev
(pure logic on made-up feature rows)."""

from __future__ import annotations

import random

from bot.judge import FEATURES
from eval.calibrate import decide, fit


def _rows(n: int, seed: int) -> list[tuple[dict[str, float], bool, bool, bool]]:
    """Questions whose coverage tells answerable from unanswerable, with a little overlap."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        answerable = i % 4 != 0
        covered = rng.uniform(0.5, 1.0) if answerable else rng.uniform(0.0, 0.6)
        features = dict.fromkeys(FEATURES, 0.0) | {"covered": covered, "unit_dense": 0.85}
        rows.append((features, answerable, answerable, False))
    return rows


def test_a_fit_carries_to_questions_it_was_not_fitted_on():
    model = fit(_rows(400, seed=1))
    assert model["weights"]["covered"] > 0  # coverage is a sign of an answer
    held = decide(model, _rows(200, seed=2))
    assert held["right_decisions"] > 0.9, held
    assert held["false_abstain"] <= 0.08, held


def test_a_forced_abstention_is_never_answered():
    model = fit(_rows(200, seed=3))
    features = dict.fromkeys(FEATURES, 0.0) | {"covered": 1.0}
    forced = [(features, True, True, True)]  # a place the evidence does not hold
    assert decide(model, forced) == {
        "right_decisions": 0.0,
        "false_abstain": 1.0,
        "abstain_on_unanswerable": 0.0,
    }
