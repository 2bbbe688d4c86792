"""A proper name the question gives a temple or ward must be where the answer comes from: a
table row about a neighbouring site is not its answer (real model, a small resolution
written here)."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

SITES = """\
NGHỊ QUYẾT

Quy định mức thu phí tham quan di tích trên địa bàn thành phố

Điều 1. Mức thu phí tham quan

| Di tích | Mức thu (đồng/lượt) | Tỷ lệ để lại cho đơn vị thu |
|---|---|---|
| Đền Bạch Mã | 20.000 | 90% |
| Đền Quan Đế | 15.000 | 90% |
| Đình Kim Ngân | 10.000 | 80% |

Điều 2. Chùa Trấn Quốc

Việc thu phí tham quan chùa Trấn Quốc do Ủy ban nhân dân thành phố quyết định sau.

Điều 3. Hiệu lực thi hành

Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-phi-tham-quan.md", SITES)


def test_the_row_of_the_site_named_answers(bot):
    answer = bot.ask("Phí tham quan đền Quan Đế là bao nhiêu một lượt?")
    assert answer.text.startswith("15.000"), answer.text


def test_a_site_the_table_does_not_list_is_not_answered_from_a_neighbours_row(bot):
    from bot.understand import understand

    # the resolution names chùa Trấn Quốc, but no row of its table is about it
    row = next(p for p in bot.index.passages if p.kind in ("row", "table") and "Quan Đế" in p.text)
    line = next(x for x in row.text.split("\n") if "Quan Đế" in x)
    asked = understand("Tỷ lệ phí để lại cho đơn vị thu ở chùa Trấn Quốc là bao nhiêu?")
    assert not bot._names_held(asked, row, line)
    assert bot._names_held(understand("Phí tham quan đền Quan Đế là bao nhiêu?"), row, line)
    answer = bot.ask("Tỷ lệ phí tham quan để lại cho đơn vị thu ở chùa Trấn Quốc là bao nhiêu?")
    assert answer.abstained, answer.text
