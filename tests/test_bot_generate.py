"""The LLM generation path: the pure citation/figure check, the environment, and the HTTP client
against a small OpenAI-compatible server started on 127.0.0.1."""

from __future__ import annotations

import logging
import time

import pytest

from bot.generate import (
    NOT_FOUND,
    Generated,
    OpenAIChatGenerator,
    build_messages,
    check_citations,
    from_config,
)
from config import Config
from errors import ConfigError
from tests.fake_llm import Reply, chat, fake_llm_server

PASSAGES = (
    (
        1,
        "Nghị quyết KT-XH 2023 › Điều 2 › a) Các chỉ tiêu kinh tế",
        "- Tốc độ tăng trưởng kinh tế (GRDP): 8,5%.\n"
        "- Thu ngân sách nhà nước trên địa bàn tỉnh: 20.000 tỷ đồng.",
    ),
    (
        2,
        "Nghị quyết KT-XH 2023 › Điều 2 › b) Các chỉ tiêu xã hội",
        "- Tỷ lệ dân số tham gia bảo hiểm y tế: 95%.\n"
        "- Số đơn vị cấp huyện hoàn thành nhiệm vụ xây dựng nông thôn mới: Từ 01 đơn vị trở lên.",
    ),
    (
        3,
        "Nghị quyết KT-XH 2023 › Điều 3",
        "Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết.",
    ),
)


# ---------------------------------------------------------------- check_citations (pure)


@pytest.mark.parametrize(
    ("text", "kept", "cited"),
    [
        ("GRDP năm 2023 tăng 8,5% [1].", "GRDP năm 2023 tăng 8,5% [1].", (1,)),
        (
            "Tỷ lệ tham gia bảo hiểm y tế là 95% [2].",
            "Tỷ lệ tham gia bảo hiểm y tế là 95% [2].",
            (2,),
        ),
        ("Thu ngân sách đạt 20.000 tỷ đồng [1].", "Thu ngân sách đạt 20.000 tỷ đồng [1].", (1,)),
        # figures written another way but with the same value
        ("GRDP tăng 8.5% [1].", "GRDP tăng 8.5% [1].", (1,)),
        ("Ít nhất 1 đơn vị cấp huyện [2].", "Ít nhất 1 đơn vị cấp huyện [2].", (2,)),
        # a figure in the header (title, Điều) is in the passage
        ("Theo Điều 2, GRDP tăng 8,5% [1].", "Theo Điều 2, GRDP tăng 8,5% [1].", (1,)),
        # no figure at all: a valid citation is enough
        ("UBND tỉnh tổ chức thực hiện [3].", "UBND tỉnh tổ chức thực hiện [3].", (3,)),
        # several markers, several forms
        (
            "GRDP 8,5% và bảo hiểm y tế 95% [1, 2].",
            "GRDP 8,5% và bảo hiểm y tế 95% [1][2].",
            (1, 2),
        ),
        (
            "GRDP 8,5% và bảo hiểm y tế 95% [1][2].",
            "GRDP 8,5% và bảo hiểm y tế 95% [1][2].",
            (1, 2),
        ),
        ("GRDP tăng 8,5% [Đoạn 1].", "GRDP tăng 8,5% [1].", (1,)),
        (
            "GRDP tăng 8,5% [1] và thu 20.000 tỷ [1].",
            "GRDP tăng 8,5% [1] và thu 20.000 tỷ [1].",
            (1,),
        ),
        # a marker placed after the period belongs to that sentence
        (
            "GRDP tăng 8,5%. [1] Bảo hiểm y tế 95% [2].",
            "GRDP tăng 8,5%. [1] Bảo hiểm y tế 95% [2].",
            (1, 2),
        ),
        # a citation of a passage not given is removed, the valid one kept
        ("Bảo hiểm y tế 95% [2][7].", "Bảo hiểm y tế 95% [2].", (2,)),
        ("Bảo hiểm y tế 95% [2, 7].", "Bảo hiểm y tế 95% [2].", (2,)),
        # a numbered list keeps its lines; the numbering is not a figure to check
        (
            "1. GRDP: 8,5% [1]\n2. Bảo hiểm y tế: 95% [2]",
            "1. GRDP: 8,5% [1]\n2. Bảo hiểm y tế: 95% [2]",
            (1, 2),
        ),
        (
            "- GRDP: 8,5% [1]\n- Bảo hiểm y tế: 95% [2]",
            "- GRDP: 8,5% [1]\n- Bảo hiểm y tế: 95% [2]",
            (1, 2),
        ),
        # a reasoning model's thoughts are not part of the answer
        ("<think>Có lẽ 99%?</think>GRDP tăng 8,5% [1].", "GRDP tăng 8,5% [1].", (1,)),
    ],
)
def test_supported_sentences_are_kept(text, kept, cited):
    result = check_citations(text, PASSAGES)
    assert result == Generated(text=kept, cited=cited, dropped=())


@pytest.mark.parametrize(
    "sentence",
    [
        "GRDP tăng 9% [1].",  # figure in no passage
        "Bảo hiểm y tế đạt 95% [1].",  # figure in passage 2, but 1 is cited
        "Thu ngân sách 20,000 tỷ đồng [1].",  # English thousands: 20,000 is not 20.000
        "GRDP tăng 8,50% [1].",  # decimals as written
        "Thu ngân sách đạt 20.000 tỷ đồng.",  # no citation
        "Bảo hiểm y tế đạt 95% [7].",  # only a passage that was not given
        "Bảo hiểm y tế đạt 95% [0].",
        "Theo Điều 2, UBND tỉnh tổ chức thực hiện [3].",  # Điều 2 is not passage 3
        "Năm 2024 GRDP tăng 8,5% [1].",
        NOT_FOUND + ".",
    ],
)
def test_unsupported_sentences_are_dropped(sentence):
    result = check_citations(sentence, PASSAGES)
    assert result == Generated(text="", cited=(), dropped=(sentence,))


def test_mixed_answer_keeps_only_supported_sentences():
    text = (
        "GRDP năm 2023 tăng 8,5% [1]. Thu ngân sách đạt 25.000 tỷ đồng [1]. "
        "Đây là mức cao nhất từ trước đến nay. Bảo hiểm y tế đạt 95% [2]."
    )
    result = check_citations(text, PASSAGES)
    assert result.text == "GRDP năm 2023 tăng 8,5% [1]. Bảo hiểm y tế đạt 95% [2]."
    assert result.cited == (1, 2)
    assert result.dropped == (
        "Thu ngân sách đạt 25.000 tỷ đồng [1].",
        "Đây là mức cao nhất từ trước đến nay.",
    )


def test_cited_lists_only_passages_of_kept_sentences():
    result = check_citations("GRDP tăng 8,5% [1]. Bảo hiểm y tế 96% [2].", PASSAGES)
    assert result.cited == (1,)


def test_paragraphs_and_list_introductions():
    text = "Các chỉ tiêu chính:\n- GRDP: 8,5% [1]\n- Bảo hiểm y tế: 95% [2]\n\nUBND tỉnh thực hiện [3]."
    result = check_citations(text, PASSAGES)
    # the introduction cites nothing, so it goes; the layout of the rest stays
    assert result.text == "- GRDP: 8,5% [1]\n- Bảo hiểm y tế: 95% [2]\n\nUBND tỉnh thực hiện [3]."
    assert result.dropped == ("Các chỉ tiêu chính:",)


def test_period_after_dieu_or_list_number_does_not_end_a_sentence():
    result = check_citations("Theo Điều 2. Chỉ tiêu GRDP là 8,5% [1].", PASSAGES)
    assert result.text == "Theo Điều 2. Chỉ tiêu GRDP là 8,5% [1]."


def test_passage_numbers_need_not_start_at_one():
    passages = [(4, "NQ › Điều 2", "GRDP: 8,5%."), (9, "NQ › Điều 3", "Bảo hiểm y tế: 95%.")]
    result = check_citations("GRDP 8,5% [4]. Bảo hiểm y tế 95% [9]. Thêm [1].", passages)
    assert result.text == "GRDP 8,5% [4]. Bảo hiểm y tế 95% [9]."
    assert result.cited == (4, 9)


@pytest.mark.parametrize("text", ["", "   \n\n ", "[1]"])
def test_empty_text(text):
    assert check_citations(text, PASSAGES).text == ""


def test_no_passages_means_nothing_is_supported():
    assert check_citations("GRDP tăng 8,5% [1].", []).text == ""


def test_messages_number_the_passages_and_ask_for_citations():
    system, user = build_messages("GRDP năm 2023 tăng bao nhiêu?", PASSAGES)
    assert system["role"] == "system" and user["role"] == "user"
    assert NOT_FOUND in system["content"] and "[1]" in system["content"]
    assert (
        "[1] Nghị quyết KT-XH 2023 › Điều 2 › a) Các chỉ tiêu kinh tế\n- Tốc độ" in user["content"]
    )
    assert "[3] Nghị quyết KT-XH 2023 › Điều 3\n" in user["content"]
    assert user["content"].endswith("Câu hỏi: GRDP năm 2023 tăng bao nhiêu?")


# ---------------------------------------------------------------- from_config


def _config(**env):
    return Config.from_env({k: v for k, v in env.items()})


def test_from_config_unset_means_no_generator():
    assert from_config(_config()) is None
    assert from_config(_config(NQA_LLM_URL="  ")) is None


def test_from_config_reads_all_settings():
    config = _config(
        NQA_LLM_URL="http://127.0.0.1:8000/v1/",
        NQA_LLM_MODEL="qwen2.5",
        NQA_LLM_API_KEY="sk-test",
        NQA_LLM_TIMEOUT="3.5",
    )
    gen = from_config(config)
    assert gen.endpoint == "http://127.0.0.1:8000/v1/chat/completions"
    assert (gen.model, gen.api_key, gen.timeout) == ("qwen2.5", "sk-test", 3.5)
    assert "sk-test" not in repr(gen) and "sk-test" not in repr(config)


def test_from_config_defaults():
    gen = from_config(_config(NQA_LLM_URL="http://127.0.0.1:11434/v1", NQA_LLM_MODEL="llama3"))
    assert (gen.api_key, gen.timeout) == (None, 20.0)


@pytest.mark.parametrize("value", ["abc", "0", "-1"])
def test_a_bad_timeout_is_refused_naming_the_variable(value):
    with pytest.raises(ConfigError, match=f"NQA_LLM_TIMEOUT='{value}' is not allowed: expected"):
        _config(NQA_LLM_URL="http://127.0.0.1:8000/v1", NQA_LLM_MODEL="m", NQA_LLM_TIMEOUT=value)


def test_a_url_without_a_model_says_what_to_set():
    with pytest.raises(ConfigError, match="set NQA_LLM_MODEL"):
        _config(NQA_LLM_URL="http://127.0.0.1:8000/v1")


def test_endpoint_accepts_the_full_path():
    gen = OpenAIChatGenerator("http://h/v1/chat/completions", "m")
    assert gen.endpoint == "http://h/v1/chat/completions"


# ---------------------------------------------------------------- the fake OpenAI-compatible server


@pytest.fixture
def fake_llm():
    with fake_llm_server() as fake:
        yield fake


@pytest.mark.slow
def test_good_answer_citing_passage_one(fake_llm):
    fake_llm.reply = chat("Năm 2023, tốc độ tăng trưởng kinh tế (GRDP) đạt 8,5% [1].")
    gen = OpenAIChatGenerator(fake_llm.url, "test-model", api_key="sk-test", timeout=5)
    result = gen.generate("GRDP năm 2023 tăng bao nhiêu?", PASSAGES)
    assert result == Generated(
        text="Năm 2023, tốc độ tăng trưởng kinh tế (GRDP) đạt 8,5% [1].", cited=(1,), dropped=()
    )
    [request] = fake_llm.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["Authorization"] == "Bearer sk-test"
    assert request["json"]["model"] == "test-model"
    assert request["json"]["messages"] == build_messages("GRDP năm 2023 tăng bao nhiêu?", PASSAGES)


@pytest.mark.slow
def test_no_api_key_sends_no_authorization(fake_llm):
    OpenAIChatGenerator(fake_llm.url, "m", timeout=5).generate("GRDP?", PASSAGES)
    assert "Authorization" not in fake_llm.requests[0]["headers"]


@pytest.mark.slow
def test_citation_of_a_passage_not_given_fails(fake_llm, caplog):
    fake_llm.reply = chat("Tỷ lệ tham gia bảo hiểm y tế đạt 95% [7].")
    with caplog.at_level(logging.INFO, logger="bot.generate"):
        assert OpenAIChatGenerator(fake_llm.url, "m", timeout=5).generate("BHYT?", PASSAGES) is None
    assert "dropped" in caplog.text and "[7]" in caplog.text
    assert "answering extractively" in caplog.text


@pytest.mark.slow
def test_partly_supported_answer_reports_what_was_dropped(fake_llm):
    fake_llm.reply = chat("GRDP tăng 8,5% [1]. Thu ngân sách 30.000 tỷ đồng [1].")
    result = OpenAIChatGenerator(fake_llm.url, "m", timeout=5).generate("?", PASSAGES)
    assert result.text == "GRDP tăng 8,5% [1]."
    assert result.dropped == ("Thu ngân sách 30.000 tỷ đồng [1].",)


@pytest.mark.slow
def test_slow_server_times_out(fake_llm, caplog):
    fake_llm.reply = chat("GRDP tăng 8,5% [1].", delay=2.0)
    start = time.monotonic()
    assert OpenAIChatGenerator(fake_llm.url, "m", timeout=0.3).generate("?", PASSAGES) is None
    assert time.monotonic() - start < 1.5
    assert "answering extractively" in caplog.text


@pytest.mark.slow
@pytest.mark.parametrize(
    "reply",
    [
        Reply(body=b"{not json"),
        Reply(body=b'{"id": "x", "object": "chat.completion"}'),  # no choices
        Reply(body=b'{"choices": []}'),
        Reply(body=b'{"choices": [{"message": {"role": "assistant", "content": null}}]}'),
        Reply(body=b'{"choices": [{"message": {"role": "assistant", "content": "  "}}]}'),
        Reply(body=b"[1, 2]"),
        Reply(status=500, body=b'{"error": {"message": "CUDA out of memory"}}'),
        Reply(status=401, body=b'{"error": "invalid api key"}'),
    ],
    ids=["malformed", "no-choices", "empty-choices", "null", "blank", "array", "500", "401"],
)
def test_bad_replies_return_none(fake_llm, caplog, reply):
    fake_llm.reply = reply
    assert OpenAIChatGenerator(fake_llm.url, "m", timeout=5).generate("?", PASSAGES) is None
    assert "LLM generation failed" in caplog.text
    if reply.status != 200:
        assert f"HTTP {reply.status}" in caplog.text


@pytest.mark.slow
def test_not_found_reply_returns_none(fake_llm):
    fake_llm.reply = chat(NOT_FOUND + ".")
    assert OpenAIChatGenerator(fake_llm.url, "m", timeout=5).generate("?", PASSAGES) is None


def test_unreachable_server_returns_none():
    # port 9 (discard) on loopback: nothing listens there in a test environment
    assert (
        OpenAIChatGenerator("http://127.0.0.1:9/v1", "m", timeout=2).generate("?", PASSAGES) is None
    )


def test_no_passages_asks_nothing():
    # an unroutable URL: it would fail loudly if a request were made
    assert OpenAIChatGenerator("http://127.0.0.1:9/v1", "m").generate("?", []) is None
