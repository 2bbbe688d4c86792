"""The restorer's table: the most frequent spelling of each folded n-gram, counted over every
occurrence of a text (repeated headings count each time), ties to the spelling seen first."""

from __future__ import annotations

import pytest

from index.restore import DiacriticRestorer


@pytest.mark.parametrize(
    ("texts", "typed", "restored"),
    [
        (["bảo hiểm y tế", "bão hiểm", "bảo hiểm"], "bao hiem", "bảo hiểm"),
        (["bão hiểm", "bảo hiểm", "bão hiểm", "bảo hiểm", "bão hiểm"], "bao hiem", "bão hiểm"),
        (["báo cáo", "bảo cáo"], "bao cao", "báo cáo"),  # a tie: the first spelling seen
        (["Điều 1. Mục tiêu"] * 3 + ["dieu 1"] * 2, "dieu", "điều"),  # a repeated heading
    ],
)
def test_most_frequent_spelling_wins(texts, typed, restored):
    assert DiacriticRestorer.from_texts(texts).restore(typed).text == restored
