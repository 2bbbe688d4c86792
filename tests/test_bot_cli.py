"""`nqa ask`: rendering and batch mode with hand-made answers (fast), then the whole command on a
tiny corpus with the real model (slow)."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from bot.cli import RELATED, _ask_lines, mark_span, register, render_text
from bot.types import Answer, Citation, QuestionError
from tests.fake_llm import Reply, chat, fake_llm_server


def _citation(n=1, span=(28, 32), article="2", section="Điều 2 › a) Các chỉ tiêu kinh tế"):
    return Citation(
        n=n,
        doc_id="nq-2023",
        doc_title="Nghị quyết phát triển kinh tế - xã hội năm 2023",
        doc_number="35/NQ-HĐND",
        section=section,
        article=article,
        text="Tốc độ tăng trưởng kinh tế: 8,5%.\nThu ngân sách: 20.000 tỷ đồng.",
        span=span,
        score=0.8123,
        passage_id="nq-2023#dieu-2#1",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nqa")
    register(parser.add_subparsers(dest="command", required=True))
    return parser


def test_render_answer_with_citations():
    answer = Answer(
        question="GRDP tăng bao nhiêu?",
        text="Tốc độ tăng trưởng kinh tế năm 2023 là 8,5% [1].",
        citations=(_citation(),),
        confidence=0.9,
        abstained=False,
    )
    assert render_text(answer) == (
        "Tốc độ tăng trưởng kinh tế năm 2023 là 8,5% [1].\n"
        "\n"
        "[1] Nghị quyết phát triển kinh tế - xã hội năm 2023 — Điều 2 › a) Các chỉ tiêu kinh tế\n"
        "    Tốc độ tăng trưởng kinh tế: «8,5%».\n"
        "    Thu ngân sách: 20.000 tỷ đồng."
    )


def test_render_abstained_answer_lists_related_passages():
    answer = Answer(
        question="Lương tối thiểu vùng là bao nhiêu?",
        text="Không tìm thấy thông tin này trong các văn bản hiện có.",
        citations=(),
        confidence=0.1,
        abstained=True,
        related=(_citation(span=None, article=None, section=""), _citation(n=2, span=None)),
    )
    lines = render_text(answer).split("\n")
    assert lines[0] == "Không tìm thấy thông tin này trong các văn bản hiện có."
    assert lines[2] == RELATED == "Có thể liên quan:"
    assert lines[4] == "[1] Nghị quyết phát triển kinh tế - xã hội năm 2023 — Phần mở đầu"
    assert "[2] Nghị quyết phát triển kinh tế - xã hội năm 2023 — Điều 2" in lines[8]
    assert "«" not in render_text(answer)


@pytest.mark.parametrize(
    ("section", "article", "head"),
    [
        ("Điều 2 › a) Các chỉ tiêu kinh tế", "2", "— Điều 2 › a) Các chỉ tiêu kinh tế"),
        ("Chương I › Điều 5", "5", "— Chương I › Điều 5"),
        ("Mục 1. Chỉ tiêu", "2", "— Mục 1. Chỉ tiêu (Điều 2)"),
        ("", None, "— Phần mở đầu"),
    ],
)
def test_citation_head_names_the_article_once(section, article, head):
    answer = Answer("?", "x [1]", (_citation(section=section, article=article),), 0.9, False)
    assert render_text(answer).split("\n")[2].endswith(head)


@pytest.mark.parametrize(
    ("span", "marked"),
    [
        ((0, 3), "«abc»def"),
        ((3, 6), "abc«def»"),
        ((2, 99), "ab«cdef»"),  # clamped to the text
        ((4, 4), "abcdef"),  # empty
        (None, "abcdef"),
    ],
)
def test_mark_span(span, marked):
    assert mark_span("abcdef", span) == marked


class _FakeBot:
    """Raises QuestionError for an empty question, like the real bot; records what it was asked."""

    def __init__(self):
        self.asked = []

    def ask(self, question, history=(), docs=None):
        self.asked.append((question, docs))
        if not question.strip():
            raise QuestionError("Câu hỏi trống: hãy nhập một câu hỏi.")
        return Answer(question, f"Trả lời: {question}", (_citation(),), 0.5, False)


def test_batch_gives_one_json_line_per_input_line_in_order():
    bot, out = _FakeBot(), io.StringIO()
    assert _ask_lines(bot, io.StringIO("GRDP?\n\nBHYT?\r\n"), ["nq-2023"], out) == 0
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r.get("answer") for r in records] == ["Trả lời: GRDP?", None, "Trả lời: BHYT?"]
    assert records[1] == {"error": "Câu hỏi trống: hãy nhập một câu hỏi."}
    assert bot.asked == [("GRDP?", ["nq-2023"]), ("", ["nq-2023"]), ("BHYT?", ["nq-2023"])]
    assert "Trả lời" in out.getvalue()  # not \u-escaped


def test_arguments_and_defaults():
    from corpus.paths import BUNDLED_CORPUS

    args = _parser().parse_args(["ask", "GRDP?"])
    assert (args.question, args.corpus, args.json, args.doc) == (
        "GRDP?",
        BUNDLED_CORPUS,
        False,
        None,
    )
    args = _parser().parse_args(["ask", "-", "--json", "--doc", "a", "--doc", "b"])
    assert (args.question, args.json, args.doc) == ("-", True, ["a", "b"])


# ---------------------------------------------------------------- the whole command (real model)

KINH_TE = """---
title: "Nghị quyết về nhiệm vụ phát triển kinh tế tỉnh Bình An năm 2023"
kind: Nghị quyết
number: 12/NQ-HĐND
issuer: Hội đồng nhân dân tỉnh Bình An
date: 2022-12-10
---

**Điều 1.** Thông qua các chỉ tiêu kinh tế năm 2023 của tỉnh Bình An như sau:

- Tốc độ tăng trưởng kinh tế (GRDP): 7,2%.
- Thu ngân sách nhà nước trên địa bàn tỉnh: 15.000 tỷ đồng.
- Giá trị xuất khẩu: tăng 12%.

**Điều 2.** Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.
"""

GIAO_DUC = """---
title: "Nghị quyết về phát triển giáo dục tỉnh Bình An năm 2023"
kind: Nghị quyết
number: 13/NQ-HĐND
issuer: Hội đồng nhân dân tỉnh Bình An
date: 2022-12-10
---

**Điều 1.** Thông qua các chỉ tiêu giáo dục năm 2023 của tỉnh Bình An như sau:

- Tỷ lệ trường đạt chuẩn quốc gia: 80%.
- Tỷ lệ học sinh hoàn thành chương trình tiểu học: 99,5%.
- Số phòng học được xây mới: 250 phòng.

**Điều 2.** Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.
"""

GRDP = "Tốc độ tăng trưởng kinh tế năm 2023 là bao nhiêu?"


@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("tiny-corpus")
    (folder / "nq-kinh-te-2023.md").write_text(KINH_TE, encoding="utf-8")
    (folder / "nq-giao-duc-2023.md").write_text(GIAO_DUC, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def _indexes(tiny_corpus):
    """The real open_index, called once per corpus folder so the model loads once per module."""
    import index

    real, cache = index.open_index, {}

    def open_once(corpus_dir=None, *args, **kwargs):
        key = Path(corpus_dir).resolve()
        if key not in cache:
            cache[key] = real(corpus_dir, *args, **kwargs)
        return cache[key]

    return open_once


@pytest.fixture
def nqa(_indexes, monkeypatch, capsys):
    """Run `nqa` in this process; returns (exit code, stdout, stderr). No LLM unless a test sets
    NQA_LLM_URL."""
    import nqa as cli

    monkeypatch.setattr("index.open_index", _indexes)
    for name in ("NQA_LLM_URL", "NQA_LLM_MODEL", "NQA_LLM_API_KEY", "NQA_LLM_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)

    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.mark.slow
def test_ask_json_is_one_object_with_the_answer_keys(nqa, tiny_corpus):
    code, out, _ = nqa("ask", GRDP, "--corpus", str(tiny_corpus), "--json")
    assert code == 0
    [line] = out.splitlines()
    record = json.loads(line)
    assert set(record) == {"answer", "abstained", "confidence", "citations"}
    assert record["abstained"] is False and "7,2%" in record["answer"]
    assert "7,2%" in out  # not \\u-escaped
    first = record["citations"][0]
    assert set(first) == {"doc_id", "doc_title", "section", "article", "text", "score"}
    assert first["doc_id"] == "nq-kinh-te-2023"
    assert first["text"] == "Tốc độ tăng trưởng kinh tế (GRDP): 7,2%."


@pytest.mark.slow
def test_ask_prints_answer_then_numbered_citations(nqa, tiny_corpus):
    code, out, _ = nqa("ask", GRDP, "--corpus", str(tiny_corpus))
    assert code == 0
    text, *citations = out.rstrip("\n").split("\n\n")
    assert "7,2%" in text and "[1]" in text
    assert citations[0] == (
        "[1] Nghị quyết về nhiệm vụ phát triển kinh tế tỉnh Bình An năm 2023 — Điều 1\n"
        "    «Tốc độ tăng trưởng kinh tế (GRDP): 7,2%.»"
    )


@pytest.mark.slow
def test_ask_abstains_with_related_passages(nqa, tiny_corpus):
    code, out, _ = nqa(
        "ask", "Mức lương tối thiểu vùng I là bao nhiêu?", "--corpus", str(tiny_corpus)
    )
    assert code == 0
    blocks = out.rstrip("\n").split("\n\n")
    assert blocks[0].startswith("Không tìm thấy thông tin này trong các văn bản hiện có.")
    assert "Văn bản gần nhất với câu hỏi" in blocks[0]  # what the corpus does cover
    assert blocks[1] == RELATED
    assert blocks[2].startswith("[1] Nghị quyết về ")


@pytest.mark.slow
def test_batch_reads_stdin_one_json_line_per_question(nqa, tiny_corpus, monkeypatch):
    questions = f"{GRDP}\n\nTỷ lệ trường đạt chuẩn quốc gia là bao nhiêu?\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(questions))
    code, out, _ = nqa("ask", "-", "--corpus", str(tiny_corpus))
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 3
    assert "7,2%" in records[0]["answer"]
    assert set(records[1]) == {"error"} and "trống" in records[1]["error"]
    assert "80%" in records[2]["answer"]
    assert records[2]["citations"][0]["doc_id"] == "nq-giao-duc-2023"


@pytest.mark.slow
@pytest.mark.parametrize("question", ["", "   "])
def test_empty_question_exits_2_with_a_clear_message(nqa, tiny_corpus, question):
    code, out, err = nqa("ask", question, "--corpus", str(tiny_corpus))
    assert (code, out) == (2, "")
    assert err.startswith("nqa: Câu hỏi trống") and "the question is empty" in err


@pytest.mark.slow
def test_doc_restricts_the_answer_to_those_documents(nqa, tiny_corpus):
    args = ("ask", "Tỷ lệ là bao nhiêu phần trăm?", "--corpus", str(tiny_corpus), "--json")
    for doc_id in ("nq-kinh-te-2023", "nq-giao-duc-2023"):
        code, out, _ = nqa(*args, "--doc", doc_id)
        assert code == 0
        cited = {c["doc_id"] for c in json.loads(out)["citations"]}
        assert cited == {doc_id}


@pytest.mark.slow
def test_unknown_doc_names_the_known_ones(nqa, tiny_corpus):
    code, out, err = nqa("ask", GRDP, "--corpus", str(tiny_corpus), "--doc", "nq-khong-co")
    assert (code, out) == (2, "")
    assert "nq-khong-co" in err and "nq-kinh-te-2023" in err and "nq-giao-duc-2023" in err


# ---------------------------------------------------------------- Bot + generator, end to end


@pytest.fixture
def fake_llm():
    with fake_llm_server() as fake:
        yield fake


GENERATED = "Năm 2023, tỉnh Bình An đặt mục tiêu tăng trưởng kinh tế (GRDP) 7,2% [1]."


@pytest.mark.slow
def test_bot_answers_with_the_generated_text_when_supported(_indexes, tiny_corpus, fake_llm):
    from bot import Bot
    from bot.generate import OpenAIChatGenerator

    index = _indexes(tiny_corpus)
    extractive = Bot(index).ask(GRDP)
    fake_llm.reply = chat(f"{GENERATED} Thu ngân sách đạt 99.000 tỷ đồng [1].")
    answer = Bot(index, generator=OpenAIChatGenerator(fake_llm.url, "m", timeout=5)).ask(GRDP)
    assert answer.text == GENERATED  # the unsupported figure was dropped
    assert answer.citations == extractive.citations and not answer.abstained
    # the model was shown the bot's numbered citations
    prompt = fake_llm.requests[0]["json"]["messages"][1]["content"]
    assert "[1] Nghị quyết về nhiệm vụ phát triển kinh tế tỉnh Bình An năm 2023 › Điều 1" in prompt
    assert "Tốc độ tăng trưởng kinh tế (GRDP): 7,2%." in prompt


@pytest.mark.slow
def test_bot_falls_back_to_the_extractive_answer_on_timeout(_indexes, tiny_corpus, fake_llm):
    from bot import Bot
    from bot.generate import OpenAIChatGenerator

    index = _indexes(tiny_corpus)
    extractive = Bot(index).ask(GRDP)
    fake_llm.reply = chat(GENERATED, delay=2.0)
    answer = Bot(index, generator=OpenAIChatGenerator(fake_llm.url, "m", timeout=0.3)).ask(GRDP)
    assert answer.text == extractive.text and "7,2%" in answer.text
    assert len(fake_llm.requests) == 1


@pytest.mark.slow
def test_cli_uses_the_model_set_by_environment(nqa, tiny_corpus, fake_llm, monkeypatch):
    fake_llm.reply = chat(GENERATED)
    monkeypatch.setenv("NQA_LLM_URL", fake_llm.url)
    monkeypatch.setenv("NQA_LLM_MODEL", "qwen-test")
    monkeypatch.setenv("NQA_LLM_API_KEY", "sk-test")
    code, out, _ = nqa("ask", GRDP, "--corpus", str(tiny_corpus), "--json")
    assert code == 0 and json.loads(out)["answer"] == GENERATED
    request = fake_llm.requests[0]
    assert request["json"]["model"] == "qwen-test"
    assert request["headers"]["Authorization"] == "Bearer sk-test"


@pytest.mark.slow
def test_cli_falls_back_when_the_model_fails(nqa, tiny_corpus, fake_llm, monkeypatch, caplog):
    fake_llm.reply = Reply(status=500, body=b'{"error": "overloaded"}')
    monkeypatch.setenv("NQA_LLM_URL", fake_llm.url)
    monkeypatch.setenv("NQA_LLM_MODEL", "m")
    code, out, _ = nqa("ask", GRDP, "--corpus", str(tiny_corpus), "--json")
    assert code == 0
    assert "7,2%" in json.loads(out)["answer"]
    assert "HTTP 500" in caplog.text and "overloaded" in caplog.text
    assert "answering extractively" in caplog.text
