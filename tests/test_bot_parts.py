"""A document divided into parts by capital letters ("A. ... PHƯỜNG HOÀN KIẾM", "B. ... CHÙA
HƯƠNG"): what is asked of a site named in one part's heading is answered from that part (real
model, a small document written here)."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

FEES = """\
NGHỊ QUYẾT

Về việc sửa đổi, bổ sung quy định về phí tham quan di tích lịch sử trên địa bàn Thành phố

Điều 1. Sửa đổi, bổ sung quy định về phí tham quan di tích lịch sử (chi tiết tại Phụ lục kèm
theo).

Điều 2. Nghị quyết có hiệu lực thi hành kể từ ngày 08 tháng 12 năm 2025.

PHỤ LỤC

DANH MỤC CÁC KHOẢN PHÍ

A. BỔ SUNG QUY ĐỊNH VỀ PHÍ THAM QUAN DI TÍCH LỊCH SỬ TRÊN ĐỊA BÀN PHƯỜNG HOÀN KIẾM

1. Đối tượng nộp phí

Các tổ chức, cá nhân tham quan di tích tại Đền Bạch Mã số 76 Hàng Buồm, Đình Kim Ngân số 42 Hàng
Bạc.

2. Quản lý sử dụng, phí thu được

Đơn vị thu phí được giữ lại: 90%; Nộp ngân sách nhà nước: 10%.

3. Thời gian không thu phí

Ngày Di sản văn hóa Việt Nam 23/11.

B. SỬA ĐỔI QUY ĐỊNH PHÍ THAM QUAN DI TÍCH CHÙA HƯƠNG, XÃ HƯƠNG SƠN

1. Quản lý sử dụng, phí thu được

Đơn vị thu phí được giữ lại: 60%; Nộp ngân sách nhà nước: 40%.

2. Thời gian không thu phí

- Ngày Di sản văn hóa Việt Nam 23/11.

- Ngày cuối cùng của năm âm lịch, ngày mùng 01, 02 tết Nguyên đán; ngày lễ Phật Đản (15 tháng 4
âm lịch).
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-phi-tham-quan.md", FEES)


def test_a_site_named_in_a_parts_heading_is_answered_from_that_part(bot):
    answer = bot.ask("Ở chùa Hương đơn vị thu phí được giữ lại bao nhiêu phần trăm?")
    assert answer.text.startswith("60%"), answer.text
    assert "CHÙA HƯƠNG" in answer.citations[0].section, answer.citations[0].section


def test_which_days_asks_for_the_days_listed_each_whole(bot):
    answer = bot.ask("Chùa Hương không thu phí tham quan vào những ngày nào?")
    assert not answer.abstained, answer.text
    assert "tết Nguyên đán" in answer.text and "Phật Đản" in answer.text, answer.text
    # part A's own days are not chùa Hương's
    assert "Hàng Buồm" not in answer.text and "HOÀN KIẾM" not in answer.text, answer.text
