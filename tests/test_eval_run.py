"""Running questions through a bot: history first, the question timed, hits cut at k; and the
benchmark's pure parts (scaled copies, the printed table)."""

from __future__ import annotations

from corpus.types import Passage
from eval.bench import format_bench, scaled_copy
from eval.dataset import Gold, Question
from eval.run import ask_one, run_questions


class _Hit:
    def __init__(self, article: str) -> None:
        self.passage = Passage(f"luat#{article}", "luat", (f"Điều {article}",), article, "văn bản")
        self.score = 1.0 / int(article)


class _Answer:
    def __init__(self, text: str, abstained: bool, hits: tuple) -> None:
        self.text, self.abstained, self.hits = text, abstained, hits
        self.citations = ()


class FakeBot:
    """Answers "Điều N" questions with N hits; records what it was asked and with what history."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, tuple[str, ...]]] = []

    def ask(self, question, history=()):
        from bot.types import QuestionError

        if not question.strip("? "):
            raise QuestionError("Câu hỏi trống.")
        self.asked.append((question, tuple(q for q, _ in history)))
        hits = tuple(_Hit(str(n)) for n in range(1, 13))
        return _Answer(f"trả lời: {question}", question.startswith("không"), hits)


def test_history_is_asked_first_and_passed_along():
    bot = FakeBot()
    q = Question("f", "còn điều 3?", history=("điều 1?", "điều 2?"), gold=(Gold("luat", "3"),))
    record = ask_one(bot, q, k=10)
    assert bot.asked == [
        ("điều 1?", ()),
        ("điều 2?", ("điều 1?",)),
        ("còn điều 3?", ("điều 1?", "điều 2?")),
    ]
    assert record.text == "trả lời: còn điều 3?" and not record.abstained
    assert [r.articles for r in record.retrieved][:3] == [("1",), ("2",), ("3",)]
    assert len(record.retrieved) == 10  # cut at k
    assert record.latency_ms > 0 and record.first_section is None


def test_refused_question_is_recorded_not_raised():
    record = ask_one(FakeBot(), Question("e", "?", answers=("x",)))
    assert record.abstained and record.error == "Câu hỏi trống."


def test_one_warm_up_question_is_not_recorded():
    bot = FakeBot()
    questions = [Question("a", "một?"), Question("b", "không hai?", answers=())]
    records = run_questions(bot, questions, k=5)
    assert [q for q, _ in bot.asked] == ["một?", "một?", "không hai?"]
    assert [r.question.id for r in records] == ["a", "b"]
    assert [r.abstained for r in records] == [False, True]
    assert all(len(r.retrieved) == 5 for r in records)


def test_scaled_copy_gives_each_copy_its_own_doc_id(tmp_path):
    laws = tmp_path / "laws"
    laws.mkdir()
    (laws / "luat-a.txt").write_text("LUẬT A", encoding="utf-8")
    (laws / "luat-b.txt").write_text("LUẬT B", encoding="utf-8")
    dest = scaled_copy(laws, 3, tmp_path / "x3")
    assert sorted(p.name for p in dest.iterdir()) == [
        "luat-a-ban-2.txt",
        "luat-a-ban-3.txt",
        "luat-a.txt",
        "luat-b-ban-2.txt",
        "luat-b-ban-3.txt",
        "luat-b.txt",
    ]


def test_bench_table():
    row = {"corpus": "bundled", "docs": 1, "passages": 87, "build_s": 4.25, "build_rss_mb": 612.0}
    row |= {"questions": 30, "search_ms_p50": 12.5, "ask_ms_p95": 80.0, "cold_start_s": 3.5}
    scaling = [
        {"scale": 1, "docs": 17, "passages": 9000, "build_s": 100.0, "build_rss_mb": 900.0},
        {"scale": 2, "docs": 34, "passages": 18000, "build_s": 210.0, "build_rss_mb": 1100.0}
        | {"build_cpu_s": 300.0},
    ]
    text = format_bench({"model_load_s": 1.5}, [row], scaling)
    lines = text.splitlines()
    assert lines[0] == "model load (first use in a process): 1.5 s"
    assert lines[3].split()[:6] == ["bundled", "1", "87", "4.25", "612.0", "30"]
    assert lines[-1].split() == ["2x", "34", "18000", "210.0", "300.0", "1100.0", "2.10x", "-"]
    assert "-" in lines[3].split()  # a missing measurement prints as "-"
