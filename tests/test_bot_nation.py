"""The country's figure asked ("cấp quốc gia", "cả nước") is not answered by a province's own
level: a city's resolution does not state the national one (real model, a small document
written here)."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

CITY = """\
| HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |
|---|---|
| Số: 63/2025/NQ-HĐND | Hà Nội, ngày 10 tháng 12 năm 2025 |

NGHỊ QUYẾT

Quy định mức chuẩn trợ giúp xã hội và chính sách trợ giúp xã hội của thành phố Hà Nội

Điều 1. Mức chuẩn trợ giúp xã hội

Mức chuẩn trợ giúp xã hội của thành phố Hà Nội là 650.000 đồng/tháng.

Điều 2. Hiệu lực thi hành

Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-hdnd-ha-noi-63-2025.md", CITY)


def test_the_country_asked_is_not_answered_by_the_city(bot):
    answer = bot.ask("Mức chuẩn trợ giúp xã hội cấp quốc gia hiện hành là bao nhiêu một tháng?")
    assert answer.abstained, answer.text
    assert "Nghị quyết 63/2025" in answer.text, answer.text  # the closest document is shown


@pytest.mark.parametrize(
    "question",
    [
        "Mức chuẩn trợ giúp xã hội của Hà Nội là bao nhiêu?",
        "muc chuan tro giup xa hoi bn 1 thang",
    ],
)
def test_the_city_asked_or_no_place_is_answered(bot, question):
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert answer.text.startswith("650.000"), answer.text
