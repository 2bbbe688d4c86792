"""The tier of government a question names ("ở cấp xã") scopes its answer: the same row in the
city tier's table is not the answer, and evidence set for another tier only is abstained on
(real model, a small document written here)."""

from __future__ import annotations

import pytest

from bot.levels import levels, other_level
from tests.conftest import bot_over

NORMS = """\
NGHỊ QUYẾT

Quy định định mức phân bổ dự toán chi thường xuyên ngân sách địa phương năm 2026

Điều 1. Ban hành kèm theo Nghị quyết này định mức phân bổ dự toán chi thường xuyên tại Phụ lục.

Điều 2. Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026.

## PHỤ LỤC. ĐỊNH MỨC PHÂN BỔ DỰ TOÁN CHI THƯỜNG XUYÊN

### I. Định mức phân bổ chi thường xuyên ngân sách cấp tỉnh

#### 1. Định mức cho hợp đồng lao động làm công việc hỗ trợ, phục vụ

| Loại cơ quan | Đơn vị tính | Định mức |
|---|---|---|
| Cơ quan hành chính | Đồng/người/năm | 168.000.000 |
| Đơn vị sự nghiệp | Đồng/người/năm | 150.000.000 |

### II. Định mức phân bổ chi thường xuyên ngân sách cấp xã

#### 1. Định mức cho hợp đồng lao động làm công việc hỗ trợ, phục vụ

| Loại cơ quan | Đơn vị tính | Định mức |
|---|---|---|
| Cơ quan hành chính | Đồng/người/năm | 157.000.000 |
| Đơn vị sự nghiệp | Đồng/người/năm | 139.000.000 |
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-dinh-muc.md", NORMS)


def test_the_tier_asked_picks_its_own_table(bot):
    for tier, figure in (("cấp xã", "157.000.000"), ("cấp tỉnh", "168.000.000")):
        answer = bot.ask(
            f"Ở {tier}, định mức cho mỗi hợp đồng lao động làm công việc hỗ trợ, phục vụ tại "
            "cơ quan hành chính là bao nhiêu một năm?"
        )
        assert not answer.abstained, answer.text
        assert answer.text.startswith(figure), (tier, answer.text)


def test_a_tier_the_documents_do_not_set_figures_for_is_abstained_on(bot):
    answer = bot.ask(
        "Ở cấp huyện, định mức cho mỗi hợp đồng lao động làm công việc hỗ trợ, phục vụ tại cơ "
        "quan hành chính là bao nhiêu một năm?"
    )
    assert answer.abstained, answer.text


def test_tiers_are_read_from_their_names():
    assert levels("ngân sách cấp Thành phố") == {"province"}
    assert levels("o cap xa cua ha noi") == {"commune"}
    assert levels("ngân sách cấp tỉnh, cấp huyện") == {"province", "district"}
    assert levels("cấp giấy phép cho xã") == set()  # "cấp" issuing something is no tier
    assert other_level("định mức ở cấp xã", "Định mức ngân sách cấp tỉnh: 168.000.000")
    assert not other_level("định mức ở cấp xã", "Định mức: 157.000.000")  # no tier named


AREA_NORMS = """\
NGHỊ QUYẾT

Quy định định mức phân bổ dự toán chi thường xuyên ngân sách cấp xã

Điều 1. Định mức phân bổ theo tiêu chí dân số

| Nội dung | Đơn vị tính | Định mức (Khu vực đô thị) | Định mức (Khu vực còn lại) |
|---|---|---|---|
| Hoạt động sự nghiệp y tế | Đồng/người/năm | 162.000 | 224.000 |
| Hoạt động sự nghiệp văn hóa | Đồng/người/năm | 35.000 | 41.000 |
| Sự nghiệp kinh tế | Đồng/người/năm | 146.300 | 229.900 |
"""


def test_the_area_left_out_before_its_name_is_not_the_column_answered(tmp_path_factory):
    # "(ngoài khu vực đô thị)" leaves the urban column out, though it names it
    bot = bot_over(tmp_path_factory, "nq-dinh-muc-dan-so.md", AREA_NORMS)
    answer = bot.ask(
        "Định mức chi sự nghiệp y tế ở khu vực còn lại (ngoài khu vực đô thị) là bao nhiêu?"
    )
    assert not answer.abstained, answer.text
    assert answer.text.startswith("224.000"), answer.text
