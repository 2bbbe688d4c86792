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
