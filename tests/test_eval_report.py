"""Report rendering and the naive baseline's chunks, on hand-made records and documents."""

from __future__ import annotations

import json

from corpus.types import Corpus, Document, DocumentMeta, Passage
from eval.dataset import Gold, Question
from eval.metrics import REPORT_KEYS, Record, Retrieved, summarize
from eval.naive import chunk_document, full_text, naive_corpus
from eval.report import failures, failures_path, format_table, report_json, save_chart, write_jsonl


def _records(found: bool) -> list[Record]:
    q1 = Question("q1", "Chỉ tiêu?", kind="số liệu", answers=("7,5%",), gold=(Gold("nq", "2"),))
    q2 = Question("q2", "Paris?", kind="ngoài phạm vi", answers=())
    hit = Retrieved("nq#2", "nq", ("2" if found else "1",), "Điều 2", "GRDP tăng 7,5%", 0.9)
    return [
        Record(q1, False, "7,5%" if found else "không rõ", "Điều 2", (hit,), 12.0),
        Record(q2, found, "", None, (), 8.0),
    ]


def _summaries():
    return {
        "hybrid": summarize(_records(True), extra=True),
        "bm25": summarize(_records(False), extra=True),
    }


def test_report_json_has_exactly_the_required_keys_plus_modes():
    one = report_json({"hybrid": summarize(_records(True), extra=True)})
    assert tuple(one) == REPORT_KEYS
    assert "recall@10" not in one["by_kind"]["số liệu"]
    several = report_json(_summaries())
    assert tuple(several) == (*REPORT_KEYS, "modes")
    assert list(several["modes"]) == ["hybrid", "bm25"]
    assert several["hit@1"] == 1.0 and several["modes"]["bm25"]["hit@1"] == 0.0
    json.dumps(several)  # serializable


def test_table_shows_modes_ratios_and_kinds():
    table = format_table(_summaries(), "seed")
    lines = table.splitlines()
    assert lines[0] == "seed"
    assert lines[1].split() == ["metric", "hybrid", "bm25", "hybrid/bm25"]
    answer_row = next(line for line in lines if line.startswith("answer_accuracy"))
    assert answer_row.split() == ["answer_accuracy", "1.000", "0.000", "-"]
    hit_row = next(line for line in lines if line.startswith("latency_ms_p50"))
    assert hit_row.split() == ["latency_ms_p50", "10.0", "10.0", "1.00x"]
    assert "\nngoài phạm vi" in table and "\nsố liệu" in table


def test_failures_list_what_was_retrieved(tmp_path):
    rows = failures({"hybrid": _records(True), "bm25": _records(False)}, k=10)
    assert [(r["mode"], r["id"], r["failed"]) for r in rows] == [
        ("bm25", "q1", ["retrieval", "answer"]),
        ("bm25", "q2", ["answer"]),
    ]
    assert rows[0]["retrieved"][0]["relevant"] is False
    assert rows[0]["retrieved"][0]["passage_id"] == "nq#2"
    path = failures_path(tmp_path / "seed.json")
    assert path.name == "seed.failures.jsonl"
    write_jsonl(path, rows)
    assert [json.loads(line)["id"] for line in path.read_text().splitlines()] == ["q1", "q2"]


def test_chart_is_a_png(tmp_path):
    path = save_chart(_summaries(), tmp_path / "sub" / "report.png")
    assert path.read_bytes()[:4] == b"\x89PNG"


def _doc() -> Document:
    meta = DocumentMeta(doc_id="luat", title="LUẬT")
    passages = (
        Passage("luat#1", "luat", ("Điều 1",), "1", "a" * 300),
        Passage("luat#2", "luat", ("Điều 2",), "2", "b" * 400),
        Passage("luat#3", "luat", ("Điều 3",), "3", "c" * 10),
    )
    return Document(meta=meta, toc=(), passages=passages)


def test_naive_chunks_are_fixed_size_without_structure():
    chunked, articles = chunk_document(_doc(), size=500)
    # no file to read: the passages joined, 300 + 1 + 400 + 1 + 10 = 712 chars
    assert [len(p.text) for p in chunked.passages] == [500, 212]
    assert all(p.section == () and p.article is None for p in chunked.passages)
    assert chunked.toc == () and chunked.meta.doc_id == "luat"
    assert articles == {"luat#chunk-0": ("1", "2"), "luat#chunk-1": ("2", "3")}


def test_naive_corpus_keeps_documents_apart():
    corpus, articles = naive_corpus(Corpus(documents=(_doc(),)), size=100)
    assert len(corpus.documents) == 1
    assert len(corpus.passages()) == 8  # ceil(712 / 100)
    assert articles["luat#chunk-0"] == ("1",)


LAW = """LUẬT THỬ NGHIỆM

Điều 1.
Phạm vi điều chỉnh
Luật này quy định {a}.

Điều 2.
Giải thích từ ngữ
Điều 1 của Luật này được hiểu {b}.

Điều 3.
Hiệu lực thi hành
Luật này có hiệu lực từ ngày 01 tháng 01 năm 2025.
"""


def test_naive_chunks_read_the_file_and_know_their_articles(tmp_path):
    from corpus import load_document

    path = tmp_path / "luat-thu.txt"
    path.write_text(LAW.format(a="a" * 400, b="b" * 300), encoding="utf-8")
    doc = load_document(path)
    assert [article for _, _, article in full_text(doc)[1]] == ["1", "2", "3"]
    chunked, articles = chunk_document(doc, size=500)
    text = "".join(p.text for p in chunked.passages)
    assert text.startswith("LUẬT THỬ NGHIỆM\nĐiều 1.\nPhạm vi điều chỉnh\n")
    assert "Điều 3.\nHiệu lực thi hành" in text  # the headings are plain text in the chunks
    assert all(p.section == () and p.article is None for p in chunked.passages)
    # "Điều 1 của Luật này" starts a line inside Điều 2 but is not a heading
    assert [articles[p.id] for p in chunked.passages] == [("1", "2"), ("2", "3")]


def test_table_and_json_carry_doc_at_1_and_answer_in_160():
    q = Question("q", "?", kind="bảng", answers=("7,5%",), docs=("nq",))
    hit = Retrieved("nq#2", "nq", ("2",), "Điều 2", "GRDP tăng 7,5%", 0.9)
    summary = summarize([Record(q, False, "7,5%", "Điều 2", (hit,), 5.0)], extra=True)
    table = format_table({"hybrid": summary})
    rows = {line.split()[0]: line.split()[1:] for line in table.splitlines() if line.strip()}
    assert rows["doc@1"] == ["1.000"] and rows["answer_in_160"] == ["1.000"]
    out = report_json({"hybrid": summary})
    assert out["doc@1"] == 1.0 and out["by_kind"]["bảng"]["answer_in_160"] == 1.0
