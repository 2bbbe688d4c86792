"""count_spellings gives the table that counting every n-gram of every text one by one gives:
the same keys, spellings, counts and ties."""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict

import pytest

from index.fold import syllable_key
from index.spellings import MAX_N, count_spellings


def one_by_one(texts):
    """The plain definition: runs of syllables between punctuation, digits and underscores."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        for chunk in re.split(r"[^\w\s]|\d|_", text):
            lowered = [w.lower() for w in re.findall(r"[^\W\d_]+", chunk)]
            folded = [syllable_key(w) for w in lowered]
            for n in range(1, MAX_N + 1):
                for i in range(len(lowered) - n + 1):
                    counts[" ".join(folded[i : i + n])][" ".join(lowered[i : i + n])] += 1
    table = {key: (c.most_common(1)[0][0], sum(c.values())) for key, c in counts.items()}
    syllables: Counter[str] = Counter()
    for key, c in counts.items():
        if " " not in key:
            syllables.update(c)
    return table, syllables


@pytest.mark.parametrize(
    "texts",
    [
        [],
        [""],
        ["123, 456."],
        ["Bảo hiểm y tế"],
        ["báo cáo", "bảo cáo"],  # a tie: the spelling seen first
        ["bảo cáo", "báo cáo", "báo cáo"],
        ["Tỷ lệ hộ nghèo", "tỉ lệ", "TỶ LỆ"],  # y and i after a consonant are one key
        ["hộ nghèo", "giảm"],  # no n-gram across two texts
        ["giảm 2,5% hộ nghèo_mới (năm 2025) theo chuẩn"],  # nor across digits or punctuation
        ["Điều 1. Mục tiêu"] * 3 + ["dieu 1"] * 2,
        ["a\u00a0b\u2003c d\te\nf"],  # any white space separates syllables
        ["x²y İstanbul ǅemal ﬁnal ΣΑΣ"],  # letters that lower-case oddly
    ],
)
def test_the_table_of_counting_one_by_one(texts):
    assert count_spellings(texts) == one_by_one(texts)


def test_random_texts_of_look_alike_syllables():
    rng = random.Random(7)
    pieces = ["bảo", "bão", "báo", "Bảo", "hiểm", "hiem", "y", "tế", "tê", "đ", "d"]
    pieces += [",", "1", "_", " ", " ", "\n"]
    texts = [
        "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(0, 40)))
        for _ in range(2000)
    ]
    assert count_spellings(texts) == one_by_one(texts)


def test_many_texts_in_several_batches(monkeypatch):
    import index.spellings

    monkeypatch.setattr(index.spellings, "_BATCH", 3)
    texts = [f"hộ nghèo giảm {i} hộ cận nghèo, hô ngheo" for i in range(10)] + ["hồ nghẹo"]
    assert count_spellings(texts) == one_by_one(texts)
