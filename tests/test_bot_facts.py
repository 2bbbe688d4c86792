"""Facts about a document itself, read from the document (real model, a small resolution
written here): the date a council passed it is the date its closing clause states, which may
differ from the date in its header."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

BUDGET = """\
HỘI ĐỒNG NHÂN DÂN TỈNH AN GIANG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc
Số: 41/NQ-HĐND
An Giang, ngày 20 tháng 12 năm 2018
NGHỊ QUYẾT
VỀ DỰ TOÁN NGÂN SÁCH ĐỊA PHƯƠNG NĂM 2019
HỘI ĐỒNG NHÂN DÂN TỈNH AN GIANG KHÓA IX, KỲ HỌP THỨ 8
Căn cứ Luật Ngân sách nhà nước năm 2015;
QUYẾT NGHỊ:
Điều 1. Tổng thu ngân sách nhà nước trên địa bàn năm 2019: 6.500.000 triệu đồng.
Điều 2. Nghị quyết này đã được Hội đồng nhân dân tỉnh An Giang khóa IX, kỳ họp thứ 8 thông qua ngày 18/12/2018 và có hiệu lực thi hành từ ngày thông qua./.
CHỦ TỊCH
Võ Anh Kiệt
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-an-giang-41-2018.txt", BUDGET)


def test_the_date_passed_is_the_sessions_date_not_the_headers(bot):
    answer = bot.ask("Nghị quyết dự toán ngân sách năm 2019 được thông qua ngày nào?")
    assert answer.text.startswith("ngày 18 tháng 12 năm 2018"), answer.text


def test_the_date_signed_is_the_headers(bot):
    answer = bot.ask("Nghị quyết dự toán ngân sách năm 2019 ký ngày nào?")
    assert answer.text.startswith("ngày 20 tháng 12 năm 2018"), answer.text
