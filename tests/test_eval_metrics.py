"""Metric functions on cases worked out by hand."""

from __future__ import annotations

import pytest

from eval.dataset import Gold, Question
from eval.metrics import (
    METRIC_KEYS,
    REPORT_KEYS,
    Record,
    Retrieved,
    abstention,
    answer_correct,
    answer_early,
    answer_end,
    doc_correct,
    failed_checks,
    first_rank,
    hit_at,
    is_relevant,
    mrr,
    percentile,
    recall_at,
    section_correct,
    summarize,
)


def _hit(doc="nq", article=None, text="", pid=None) -> Retrieved:
    articles = (article,) if article else ()
    return Retrieved(pid or f"{doc}#{article}#{text[:8]}", doc, articles, "", text, 1.0)


def _rec(q: Question, *, abstained=False, text="", section=None, hits=(), ms=10.0) -> Record:
    return Record(q, abstained, text, section, tuple(hits), ms)


def test_first_rank_hit_and_mrr_by_hand():
    ranks = [first_rank(f) for f in ([True], [False, False, True], [False] * 7 + [True], [False])]
    assert ranks == [1, 3, 8, None]
    assert hit_at(ranks, 1) == 0.25
    assert hit_at(ranks, 5) == 0.5
    assert hit_at(ranks, 10) == 0.75
    assert mrr(ranks, 10) == pytest.approx((1 + 1 / 3 + 1 / 8 + 0) / 4)
    assert mrr(ranks, 5) == pytest.approx((1 + 1 / 3) / 4)  # rank 8 is past the cut


def test_no_scorable_question_is_none_not_zero():
    assert hit_at([], 1) is None
    assert mrr([]) is None
    assert percentile([], 50) is None
    assert abstention([]) == (None, None, None)


def test_relevance_by_gold_article_and_by_evidence():
    q = Question("q", "?", gold=(Gold("luat-cu-tru", "38"),), evidence=("Sổ hộ khẩu",))
    assert is_relevant(q, _hit("luat-cu-tru", "38"))
    assert not is_relevant(q, _hit("luat-cu-tru", "3"))  # another article
    assert not is_relevant(q, _hit("luat-du-lich", "38"))  # another document
    assert is_relevant(q, _hit("x", None, "thông tin trong **sổ hộ  khẩu** còn hiệu lực"))
    assert not is_relevant(Question("q", "?"), _hit("luat-cu-tru", "38", "sổ hộ khẩu"))


def test_a_table_row_is_relevant_to_evidence_copied_from_the_printed_row():
    from types import SimpleNamespace

    from corpus.types import Passage
    from eval.run import to_retrieved

    def row(label, *values):
        heads = ("Mầm non", "Tiểu học", "Trung học cơ sở")
        cells = (("Địa bàn", label), *zip(heads, values, strict=True))
        text = f"Mức học phí — {label} — " + "; ".join(f"{h}: {v}" for h, v in cells[1:])
        passage = Passage(f"hp#{label}", "hp", ("Điều 2",), "2", text, "row", cells)
        return to_retrieved(SimpleNamespace(passage=passage, score=0.5))

    q = Question("q", "?", evidence=("Miền núi 105 105 80",))
    assert is_relevant(q, row("Miền núi", "105", "105", "80"))
    assert not is_relevant(q, row("Nông thôn", "140", "140", "95"))
    assert not is_relevant(q, _hit("hp", None, "Miền núi — Mầm non: 105; Tiểu học: 105"))
    # copied from the Markdown table: the cells, pipes and all
    piped = Question("q", "?", evidence=("| Miền núi | 105 | 105 | 80 |",))
    assert is_relevant(piped, row("Miền núi", "105", "105", "80"))
    assert not is_relevant(piped, row("Nông thôn", "140", "140", "95"))


def test_naive_chunk_spanning_two_articles_is_relevant_to_both():
    chunk = Retrieved("d#chunk-3", "d", ("31", "32"), "", "...", 0.5)
    assert is_relevant(Question("q", "?", gold=(Gold("d", "32"),)), chunk)
    assert is_relevant(Question("q", "?", gold=(Gold("d", "31"),)), chunk)


def test_recall_at_counts_distinct_gold_articles():
    q = Question("q", "?", gold=(Gold("d", "1"), Gold("d", "2")))
    hits = [_hit("d", "2"), _hit("d", "2"), _hit("e", "1"), _hit("d", "1")]
    assert recall_at(q, hits, 3) == 0.5
    assert recall_at(q, hits, 4) == 1.0
    assert recall_at(Question("q", "?"), hits, 10) is None


@pytest.mark.parametrize(
    ("answers", "abstained", "text", "expected"),
    [
        (("7,5%",), False, "GRDP tăng khoảng **7,5%** [1].", True),
        (("7,5%", "7.5%"), False, "tăng 7.5 %", False),
        (("7,5%",), True, "Tôi không tìm thấy ... 7,5%", False),  # abstained is never correct
        ((), True, "Không tìm thấy.", True),
        ((), False, "Thủ đô là Paris.", False),
        (None, False, "anything", None),
    ],
)
def test_answer_correct(answers, abstained, text, expected):
    assert answer_correct(Question("q", "?", answers=answers), abstained, text) is expected


@pytest.mark.parametrize(
    ("section", "answers", "abstained", "first", "expected"),
    [
        ("Điều 2 › I", ("x",), False, "Điều 2 › I. Mục tiêu › 1. Mục tiêu", True),
        ("điều 2", None, False, "**Điều 2** › II. Nhiệm vụ", True),
        ("Điều 3", ("x",), False, "Điều 2 › I. Mục tiêu", False),
        ("Điều 2", ("x",), True, "Điều 2", False),  # abstained counts as wrong
        ("Điều 2", ("x",), False, None, False),  # no citation
        ("Điều 2", (), True, None, None),  # unanswerable: not scored
        (None, ("x",), False, "Điều 2", None),
    ],
)
def test_section_correct(section, answers, abstained, first, expected):
    q = Question("q", "?", answers=answers, section=section)
    assert section_correct(q, abstained, first) is expected


def test_abstention_by_hand():
    # (answerable, abstained): abstained on 3, of which 2 unanswerable;
    # 3 unanswerable, 2 abstained on; 4 answerable, 1 abstained on.
    pairs = [
        (False, True),
        (False, True),
        (False, False),
        (True, True),
        (True, False),
        (True, False),
        (True, False),
    ]
    precision, recall, false_rate = abstention(pairs)
    assert precision == pytest.approx(2 / 3)
    assert recall == pytest.approx(2 / 3)
    assert false_rate == 0.25
    assert abstention([(True, False)]) == (None, None, 0.0)


def test_percentile_interpolates():
    assert percentile([10, 20, 30, 40], 50) == 25
    assert percentile([5.0], 95) == 5.0
    assert percentile(list(range(1, 101)), 95) == pytest.approx(95.05)


def test_summarize_counts_each_metric_over_its_own_questions():
    qa = Question(
        "a", "?", kind="số liệu", answers=("7,5%",), gold=(Gold("nq", "2"),), section="Điều 2"
    )
    qb = Question("b", "?", kind="số liệu", answers=("xanh",), evidence=("chuyển đổi số",))
    qc = Question("c", "?", kind="ngoài phạm vi", answers=(), evidence=("ignored",))
    qd = Question("d", "?", gold=(Gold("nq", "1"),))  # no answers: retrieval only, no kind
    records = [
        _rec(
            qa,
            text="khoảng 7,5%",
            section="Điều 2 › I",
            hits=[_hit("nq", "1"), _hit("nq", "2")],
            ms=10,
        ),
        _rec(qb, abstained=True, hits=[_hit(text="nói về chuyển đổi số")], ms=20),
        _rec(qc, abstained=True, hits=[_hit(text="ignored")], ms=30),
        _rec(qd, text="...", hits=[_hit("nq", "3")], ms=40),
    ]
    s = summarize(records, extra=True)
    assert tuple(s) == (*METRIC_KEYS, "recall@10", "by_kind")
    assert s["n"] == 4
    # retrieval over a (rank 2), b (rank 1), d (miss); c is unanswerable
    assert (s["hit@1"], s["hit@5"], s["hit@10"]) == (0.3333, 0.6667, 0.6667)
    assert s["mrr@10"] == round((1 / 2 + 1) / 3, 4)
    # answers over a (right), b (abstained: wrong), c (abstained: right)
    assert s["answer_accuracy"] == 0.6667
    assert (s["abstain_precision"], s["abstain_recall"], s["false_abstain_rate"]) == (0.5, 1.0, 0.5)
    assert s["section_accuracy"] == 1.0
    assert (s["latency_ms_p50"], s["latency_ms_p95"]) == (25.0, 38.5)
    assert s["recall@10"] == 0.5  # a found, d not
    assert set(s["by_kind"]) == {"số liệu", "ngoài phạm vi"}
    k = s["by_kind"]["ngoài phạm vi"]
    assert k["n"] == 1 and k["hit@1"] is None and k["abstain_recall"] == 1.0
    assert k["abstain_precision"] == 1.0 and k["false_abstain_rate"] is None


def test_summarize_without_answers_leaves_answer_metrics_null():
    q = Question("d", "?", gold=(Gold("nq", "1"),))
    s = summarize([_rec(q, hits=[_hit("nq", "1")])])
    assert tuple(s) == REPORT_KEYS
    assert s["hit@1"] == 1.0
    for key in (
        "answer_accuracy",
        "abstain_precision",
        "abstain_recall",
        "false_abstain_rate",
        "section_accuracy",
    ):
        assert s[key] is None


def test_failed_checks_names_each_failure():
    q = Question("a", "?", answers=("7,5%",), gold=(Gold("nq", "2"),), section="Điều 2")
    ok = _rec(q, text="7,5%", section="Điều 2", hits=[_hit("nq", "2")])
    assert failed_checks(ok, k=10) == []
    bad = _rec(q, abstained=True, hits=[_hit("nq", "1"), _hit("nq", "2")])
    assert failed_checks(bad, k=1) == ["retrieval", "answer", "section"]
    assert failed_checks(bad, k=2) == ["answer", "section"]
    refused = Record(q, True, "", None, (), 0.0, error="Câu hỏi quá dài")
    assert failed_checks(refused, k=10)[0] == "error"


@pytest.mark.parametrize(
    ("answers", "all_of", "prefix", "text", "expected"),
    [
        (("có",), (), True, "**Có**, người học được miễn.", True),
        (("có",), (), True, "Theo Điều 2, có.", False),  # must start with it
        (("không",), (), True, "Không, chỉ hộ nghèo.", True),
        (("hộ nghèo",), ("hộ nghèo", "hộ cận nghèo"), False, "Hộ nghèo và hộ cận nghèo", True),
        (("hộ nghèo",), ("hộ nghèo", "hộ cận nghèo"), False, "Chỉ hộ nghèo.", False),
        (None, ("50.000", "60.000"), False, "Huế 50.000, Vĩnh Long 60.000", True),
        (None, ("50.000", "60.000"), False, "Huế 50.000", False),
    ],
)
def test_answer_correct_with_prefix_and_all_of(answers, all_of, prefix, text, expected):
    q = Question("q", "?", answers=answers, all_of=all_of, prefix=prefix)
    assert answer_correct(q, False, text) is expected
    assert answer_correct(q, True, text) is False


def test_answer_end_and_early():
    q = Question("q", "?", answers=("650.000 đồng", "650000 đồng"))
    assert answer_end(q, False, "Mức chuẩn là **650.000 đồng**/tháng") == len(
        "mức chuẩn là 650.000 đồng"
    )
    assert answer_early(q, False, "Mức chuẩn là 650.000 đồng/tháng")
    late = "x" * 150 + " mức chuẩn 650.000 đồng"
    assert answer_correct(q, False, late) and not answer_early(q, False, late)
    assert answer_early(q, False, "không rõ") is False
    assert answer_early(q, True, "650.000 đồng") is False  # abstained
    assert answer_early(Question("q", "?", answers=()), True, "") is None  # unanswerable
    # the earliest match counts; all_of items may come later
    both = Question("q", "?", answers=("vùng i",), all_of=("5.310.000", "4.730.000"))
    text = "Vùng I cao hơn: " + "y" * 200 + " 5.310.000 so với 4.730.000"
    assert answer_end(both, False, text) == len("vùng i") and answer_early(both, False, text)
    assert answer_end(Question("q", "?", all_of=("b", "a")), False, "a b") == 1


def test_doc_at_1():
    q = Question("q", "?", answers=("x",), docs=("nq-hue-36", "nq-vinh-long-20"))
    assert doc_correct(q, [_hit("nq-vinh-long-20"), _hit("nq-hue-36")]) is True
    assert doc_correct(q, [_hit("nd-293"), _hit("nq-hue-36")]) is False
    assert doc_correct(q, []) is False
    assert doc_correct(Question("q", "?", answers=("x",)), [_hit("a")]) is None  # no docs
    assert doc_correct(Question("q", "?", answers=(), docs=("a",)), [_hit("a")]) is None


def test_summarize_doc_at_1_and_answer_in_160():
    qa = Question("a", "?", kind="bảng", answers=("5.310.000",), docs=("nd-293",))
    qb = Question("b", "?", kind="bảng", answers=("4.730.000",), docs=("nd-293",))
    qc = Question("c", "?", kind="ngoài", answers=(), docs=("nd-293",))
    records = [
        _rec(qa, text="Vùng I: 5.310.000 đồng", hits=[_hit("nd-293")]),
        _rec(qb, text="z" * 170 + " 4.730.000", hits=[_hit("tt-154"), _hit("nd-293")]),
        _rec(qc, abstained=True, hits=[_hit("nd-293")]),
    ]
    s = summarize(records)
    assert s["doc@1"] == 0.5  # c is unanswerable: not scored
    assert s["answer_accuracy"] == 1.0
    assert s["answer_in_160"] == 0.5
    assert s["by_kind"]["ngoài"]["doc@1"] is None
    assert s["by_kind"]["ngoài"]["answer_in_160"] is None
    assert failed_checks(records[1], k=10) == ["doc"]
