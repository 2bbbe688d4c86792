"""`nqa eval` end to end: a tiny corpus written here, five questions, the real pipeline."""

from __future__ import annotations

import json

import pytest

from eval.metrics import METRIC_KEYS, REPORT_KEYS

RESOLUTION = """\
**NGHỊ QUYẾT**

**Về phát triển du lịch tỉnh Thái Nguyên năm 2024**

**HỘI ĐỒNG NHÂN DÂN TỈNH THÁI NGUYÊN**

**QUYẾT NGHỊ:**

**Điều 1. Mục tiêu**

Năm 2024 đón 4,5 triệu lượt khách du lịch; tổng thu từ du lịch đạt 3.000 tỷ đồng.

**Điều 2. Nhiệm vụ và giải pháp**

1. Phát triển sản phẩm du lịch gắn với vùng chè Tân Cương và hồ Núi Cốc.

2. Đẩy mạnh chuyển đổi số trong quản lý và quảng bá du lịch, xây dựng bản đồ du lịch số.

**Điều 3. Tổ chức thực hiện**

Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.
"""

QUESTIONS = [
    {
        "id": "so-khach",
        "question": "Năm 2024 tỉnh đặt mục tiêu đón bao nhiêu lượt khách du lịch?",
        "kind": "số liệu",
        "answers": ["4,5 triệu"],
        "gold": [{"doc": "nq-du-lich-2024", "article": "1"}],
        "section": "Điều 1",
    },
    {
        "id": "to-chuc",
        "question": "Ai được giao tổ chức thực hiện Nghị quyết?",
        "kind": "thẩm quyền",
        "answers": ["Ủy ban nhân dân tỉnh"],
        "evidence": ["giao ủy ban nhân dân tỉnh"],
    },
    {
        "id": "ngoai-pham-vi",
        "question": "Giá vé máy bay từ Hà Nội đi Paris là bao nhiêu?",
        "kind": "ngoài phạm vi",
        "answers": [],
    },
    {
        "id": "hoi-tiep",
        "question": "Còn chuyển đổi số thì sao?",
        "kind": "hội thoại",
        "history": ["Nhiệm vụ phát triển du lịch gồm những gì?"],
        "evidence": ["chuyển đổi số"],
    },
    {
        "id": "che-tan-cuong",
        "question": "Sản phẩm du lịch gắn với vùng chè nào?",
        "gold": [{"doc": "nq-du-lich-2024", "article": "2"}],
    },
]


@pytest.fixture
def tiny(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "nq-du-lich-2024.md").write_text(RESOLUTION, encoding="utf-8")
    dataset = tmp_path / "questions.jsonl"
    dataset.write_text(
        "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in QUESTIONS), encoding="utf-8"
    )
    return corpus, dataset


def test_bad_question_file_is_a_one_line_error(tmp_path, capsys):
    from nqa import main

    dataset = tmp_path / "bad.jsonl"
    dataset.write_text('{"id": "a", "question": "?"}\n{"id": "b"}\n', encoding="utf-8")
    assert main(["eval", str(dataset)]) == 2
    assert f"{dataset}:2: missing 'question'" in capsys.readouterr().err


@pytest.mark.slow
def test_eval_all_modes_end_to_end(tiny, tmp_path, capsys):
    if not (
        hasattr(pytest.importorskip("index"), "open_index")
        and hasattr(pytest.importorskip("bot"), "Bot")
    ):
        pytest.skip("index or bot stage not built yet")
    from nqa import main

    corpus, dataset = tiny
    out, chart = tmp_path / "out" / "tiny.json", tmp_path / "tiny.png"
    argv = ["eval", str(dataset), "--corpus", str(corpus), "--mode", "all", "--quiet"]
    assert main([*argv, "--json", str(out), "--chart", str(chart)]) == 0

    printed = capsys.readouterr().out
    assert "hybrid/naive" in printed and "answer_accuracy" in printed
    report = json.loads(out.read_text(encoding="utf-8"))
    assert list(report) == [*REPORT_KEYS, "modes"]
    assert list(report["modes"]) == ["hybrid", "bm25", "dense", "naive"]
    assert report["n"] == 5
    assert set(report["by_kind"]) == {"số liệu", "thẩm quyền", "ngoài phạm vi", "hội thoại"}
    assert all(list(s) == list(METRIC_KEYS) for s in report["by_kind"].values())
    for mode, summary in report["modes"].items():
        assert summary["n"] == 5, mode
        assert summary["latency_ms_p50"] > 0, mode
        assert summary["abstain_recall"] is not None, mode
    # four answerable questions have relevance; the tiny corpus fits in the top 10
    assert report["hit@10"] == 1.0
    assert (out.parent / "tiny.failures.jsonl").is_file()
    assert chart.read_bytes()[:4] == b"\x89PNG"
