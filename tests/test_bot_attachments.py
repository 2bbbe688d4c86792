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


RESOLUTION = """\
HỘI ĐỒNG NHÂN DÂN TỈNH AN HÒA

NGHỊ QUYẾT

Quy định mức chi khen thưởng học sinh giỏi trên địa bàn tỉnh An Hòa

Điều 1. Phạm vi điều chỉnh

Nghị quyết này quy định mức chi khen thưởng học sinh giỏi.

Điều 2. Mức chi

Mức chi khen thưởng thực hiện theo Phụ lục I và Phụ lục II ban hành kèm theo Nghị quyết này.

Điều 3. Hiệu lực thi hành

Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026.

**PHỤ LỤC I**

**MỨC CHI KHEN THƯỞNG HỌC SINH GIỎI CẤP TỈNH**

| STT | Giải | Mức chi (1.000 đồng) |
|---|---|---|
| 1 | Giải nhất | 3.000 |
| 2 | Giải nhì | 2.400 |

**PHỤ LỤC II**

**MỨC CHI KHEN THƯỞNG HỌC SINH GIỎI CẤP XÃ**

| STT | Giải | Mức chi (1.000 đồng) |
|---|---|---|
| 1 | Giải nhất | 1.500 |
| 2 | Giải nhì | 1.200 |
"""


@pytest.fixture(scope="module")
def resolution_bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-khen-thuong.md", RESOLUTION)


def test_an_appendix_numbered_in_roman_numerals_that_the_document_holds_answers(resolution_bot):
    answer = resolution_bot.ask(
        "Theo Phụ lục II của nghị quyết, học sinh đạt giải nhì cấp xã được thưởng bao nhiêu?"
    )
    assert not answer.abstained, answer.text
    assert "1.200" in answer.text, answer.text


def test_an_appendix_in_roman_numerals_that_the_document_lacks_is_said_to_be_missing(
    resolution_bot,
):
    answer = resolution_bot.ask(
        "Theo Phụ lục IV của nghị quyết, học sinh đạt giải nhì cấp xã được thưởng bao nhiêu?"
    )
    assert answer.abstained, answer.text
    assert "Phụ lục IV" in answer.text and "không có trong kho" in answer.text, answer.text


DECREE_WITH_FORMS = """\
CHÍNH PHỦ

NGHỊ ĐỊNH

Quy định đánh giá, xếp loại viên chức thư viện

Điều 1. Phiếu đánh giá

Viên chức tự đánh giá theo Mẫu số 01 tại Phụ lục kèm theo Nghị định này.

**PHỤ LỤC**
CÁC MẪU PHIẾU
*(Kèm theo Nghị định này)*

Mẫu số 01

PHIẾU TỰ ĐÁNH GIÁ VIÊN CHỨC THƯ VIỆN

| Tiêu chí | Điểm tối đa |
|---|---|
| Thái độ phục vụ bạn đọc | 20 |
| Kỹ năng tra cứu tài liệu | 15 |
"""


@pytest.fixture(scope="module")
def forms_bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nd-danh-gia-vien-chuc-thu-vien.md", DECREE_WITH_FORMS)


def test_a_form_printed_under_its_appendix_is_not_said_to_be_missing(forms_bot):
    # the form has no heading of its own: its passage opens with its label ("Mẫu số 01")
    answer = forms_bot.ask(
        "Trong Mẫu số 01, tiêu chí kỹ năng tra cứu tài liệu được tối đa mấy điểm?"
    )
    assert "không có trong kho" not in answer.text, answer.text
