"""When a rule applies and when its document takes effect are different questions: a decree in
force from 2026 may date its new allowance from 2025 (real model, a small decree written here)."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

DECREE = """\
CHÍNH PHỦ

Số: 344/2025/NĐ-CP

NGHỊ ĐỊNH

Điều chỉnh trợ cấp hằng tháng đối với thanh niên xung phong

Điều 1. Mức trợ cấp hằng tháng

1. Điều chỉnh mức trợ cấp hằng tháng đối với thanh niên xung phong đã hoàn thành nhiệm vụ
trong kháng chiến lên 1.650.000 đồng/tháng.

2. Mức trợ cấp hằng tháng quy định tại khoản 1 Điều này được áp dụng từ ngày 01 tháng 7 năm
2025.

Điều 2. Hiệu lực thi hành

1. Nghị định này có hiệu lực thi hành từ ngày 15 tháng 02 năm 2026.

2. Quyết định số 29/2016/QĐ-TTg của Thủ tướng Chính phủ hết hiệu lực thi hành kể từ ngày 15
tháng 02 năm 2026.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nd-344-2025-tro-cap-tnxp.md", DECREE)


@pytest.mark.parametrize(
    ("question", "date"),
    [
        ("Mức trợ cấp thanh niên xung phong mới áp dụng từ ngày nào?", "01 tháng 7 năm 2025"),
        ("tro cap tnxp theo nghi dinh 344 moi dc ap dung tu ngay nao", "01 tháng 7 năm 2025"),
        ("Nghị định 344/2025 có hiệu lực từ ngày nào?", "15 tháng 02 năm 2026"),
    ],
)
def test_when_a_rule_applies_and_when_its_document_takes_effect(bot, question, date):
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert answer.text.startswith(f"ngày {date}"), answer.text


WAGES = """\
CHÍNH PHỦ

Số: 293/2025/NĐ-CP

NGHỊ ĐỊNH

Quy định mức lương tối thiểu đối với người lao động làm việc theo hợp đồng lao động

Điều 1. Mức lương tối thiểu

1. Quy định mức lương tối thiểu tháng và mức lương tối thiểu giờ đối với người lao động làm
việc cho người sử dụng lao động theo vùng: vùng I là 5.310.000 đồng/tháng.

2. Đối với trường hợp do điều chỉnh địa bàn mà mức lương tối thiểu thấp hơn thì tiếp tục áp
dụng mức cũ cho đến hết ngày 31 tháng 12 năm 2025.

Điều 2. Áp dụng mức lương tối thiểu theo địa bàn

a) Người sử dụng lao động hoạt động trên địa bàn thuộc vùng nào thì áp dụng mức lương tối thiểu
quy định đối với địa bàn đó.

b) Người sử dụng lao động có đơn vị, chi nhánh hoạt động trên các địa bàn có mức lương tối thiểu
khác nhau thì đơn vị, chi nhánh hoạt động ở địa bàn nào, áp dụng mức lương tối thiểu quy định
đối với địa bàn đó.

c) Người sử dụng lao động hoạt động trong khu công nghiệp nằm trên các địa bàn có mức lương tối
thiểu khác nhau thì áp dụng theo địa bàn có mức lương tối thiểu cao nhất.

d) Người sử dụng lao động hoạt động trên địa bàn có sự thay đổi tên hoặc chia tách thì tạm thời
áp dụng mức lương tối thiểu quy định đối với địa bàn trước khi thay đổi tên hoặc chia tách.

Điều 3. Hiệu lực thi hành

Nghị định này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.
"""


# the decree's many clauses on where each minimum wage applies, which outrank its short clause
# on when it takes effect in a search for "mức lương tối thiểu vùng áp dụng"
PLACES = "".join(
    f"\n{n}. Mức lương tối thiểu vùng {region} áp dụng đối với người sử dụng lao động hoạt động "
    f"trên địa bàn {place}.\n"
    for n, (region, place) in enumerate(
        [(r, p) for r in ("I", "II", "III", "IV") for p in ("phường", "xã", "đặc khu")], start=1
    )
)


@pytest.fixture(scope="module")
def wages_bot(tmp_path_factory):
    text = WAGES.replace(
        "Điều 3. Hiệu lực", f"Điều 2a. Địa bàn áp dụng\n{PLACES}\nĐiều 3. Hiệu lực"
    )
    return bot_over(tmp_path_factory, "nd-293-2025-luong-toi-thieu.md", text)


def test_a_rule_no_clause_dates_applies_when_its_document_takes_effect(wages_bot):
    # the question names no document; the one that answers dates no rule apart from itself
    answer = wages_bot.ask("Mức lương tối thiểu vùng áp dụng từ ngày nào?")
    assert answer.text.startswith("ngày 01 tháng 01 năm 2026"), answer.text
