"""The word lists are data (index/data/*.tsv, bot/data/*.tsv): every entry has a reason, and no
list was fitted to the questions we report on. A phrase key (words separated by spaces) that
occurs verbatim in a test-split question is how a list copied from test questions shows itself,
so it fails here. Two kinds of key are the closed vocabulary every question uses and are not
checked: single tokens (chat spellings such as "ko", "bn"; official abbreviations such as
"KT-XH") and the interrogative phrases of question_words.tsv ("bao nhiêu", "khi nào")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eval.dataset import load_questions
from index.fold import fold
from index.lexicon import DATA, entries

ROOT = Path(__file__).resolve().parent.parent
# closed classes every question uses: interrogatives ("bao nhiêu", "ở đâu", "khi nào") and the
# question's own framing words ("phần trăm", "hiện nay", "như thế nào")
CLOSED = {"question_words", "question_vocab"}
LISTS = [(DATA, p.stem) for p in sorted(DATA.glob("*.tsv"))] + [
    (ROOT / "bot" / "data", p.stem) for p in sorted((ROOT / "bot" / "data").glob("*.tsv"))
]
TEST_SPLITS = sorted((ROOT / "eval" / "data").glob("*/test.jsonl"))


def _folded(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text).lower()))


@pytest.fixture(scope="module")
def test_questions() -> list[str]:
    assert TEST_SPLITS, "no test split found under eval/data/*/test.jsonl"
    return [_folded(q.question) for path in TEST_SPLITS for q in load_questions(path)]


@pytest.mark.parametrize(("folder", "name"), LISTS, ids=[n for _, n in LISTS])
def test_every_entry_gives_a_reason(folder, name):
    for entry in entries(name, folder):
        assert len(entry.reason.split()) >= 2, f"{name}: '{entry.key}' needs a reason"


@pytest.mark.parametrize(("folder", "name"), LISTS, ids=[n for _, n in LISTS])
def test_no_phrase_key_is_copied_from_a_test_question(folder, name, test_questions):
    if name in CLOSED:
        pytest.skip(f"{name}: closed class of interrogative phrases")
    copied = []
    for entry in entries(name, folder):
        if " " not in entry.key.strip():
            continue
        key = _folded(entry.key)
        pattern = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)")
        hits = [q for q in test_questions if pattern.search(q)]
        if hits:
            copied.append(f"'{entry.key}' in: {hits[0]}")
    assert not copied, f"{name}.tsv keys found verbatim in test questions: {copied}"
