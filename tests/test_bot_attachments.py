"""A figure kept in a fee schedule the document attaches but the corpus does not hold is said to
be missing, naming the schedule, instead of being guessed (real model, a small circular written
here)."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

CIRCULAR = """\
BỘ TÀI CHÍNH

THÔNG TƯ

Quy định mức thu, chế độ thu, nộp lệ phí đăng ký, cấp biển phương tiện giao thông

Điều 1. Phạm vi điều chỉnh

Thông tư này quy định mức thu, chế độ thu, nộp lệ phí đăng ký, cấp biển phương tiện giao thông.

Điều 2. Người nộp lệ phí

Tổ chức, cá nhân khi được cấp chứng nhận đăng ký xe và biển số xe thì phải nộp lệ phí theo quy
định tại Thông tư này.

Điều 3. Mức thu lệ phí

1. Mức thu lệ phí cấp chứng nhận đăng ký xe và biển số xe quy định tại Biểu mức thu lệ phí ban
hành kèm theo Thông tư này.

2. Tổ chức, cá nhân có trụ sở, nơi cư trú ở khu vực nào thì nộp lệ phí theo mức thu quy định
tương ứng với khu vực đó.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "tt-le-phi-dang-ky-xe.md", CIRCULAR)


@pytest.mark.parametrize(
    "question",
    [
        "Lệ phí đăng ký ô tô mới và cấp biển số ở Hà Nội là bao nhiêu?",
        "dang ky xe may o tp hcm mat bao nhieu tien le phi",
    ],
)
def test_a_figure_in_a_schedule_the_corpus_lacks_is_said_to_be_missing(bot, question):
    answer = bot.ask(question)
    assert answer.abstained, answer.text
    assert "biểu mức thu" in answer.text and "không có trong kho" in answer.text, answer.text
