"""List answers read from the document's structure (real model, small documents written
here): a lead-in that announces the set asked ("Các trường hợp sau đây ...:") is answered by
the clauses under it, even when it stands alone before them."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

FEES = """\
THÔNG TƯ

Quy định mức thu, chế độ thu, nộp, miễn lệ phí cấp giấy phép khai thác nước

Điều 1. Phạm vi điều chỉnh

1. Thông tư này quy định mức thu, chế độ thu, nộp, miễn lệ phí cấp giấy phép khai thác nước
mặt và nước dưới đất.

2. Thông tư này áp dụng đối với người nộp lệ phí và tổ chức thu lệ phí.

Điều 2. Mức thu lệ phí

Mức thu lệ phí cấp giấy phép khai thác nước là 200.000 đồng/giấy phép.

Điều 3. Miễn lệ phí

Các trường hợp sau đây được miễn lệ phí:

1. Hộ gia đình khai thác nước phục vụ sinh hoạt với quy mô nhỏ.

2. Cơ quan đại diện ngoại giao, cơ quan lãnh sự nước ngoài theo điều ước quốc tế.

3. Đơn vị lực lượng vũ trang nhân dân khai thác nước phục vụ nhiệm vụ quốc phòng, an ninh.

Điều 4. Hiệu lực thi hành

Thông tư này có hiệu lực từ ngày 01 tháng 01 năm 2026.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "tt-le-phi-nuoc.md", FEES)


def test_a_lead_in_that_announces_the_set_asked_lists_the_clauses_under_it(bot):
    answer = bot.ask("Những trường hợp nào được miễn lệ phí cấp giấy phép khai thác nước?")
    assert not answer.abstained, answer.text
    for item in ("Hộ gia đình", "Cơ quan đại diện ngoại giao", "lực lượng vũ trang"):
        assert item in answer.text, answer.text
    assert "Thông tư này quy định" not in answer.text
