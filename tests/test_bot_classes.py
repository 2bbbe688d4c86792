"""A place a resolution's table classes into a kind of area ("Miền núi — Xã Núi Cao") is read as
that kind, so the figure set per kind answers a question about the place, and the row that
classes it is cited (real model, a small resolution written here)."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

TUITION = """\
NGHỊ QUYẾT

Quy định mức học phí năm học 2025 - 2026 trên địa bàn tỉnh An Hòa

Điều 1. Mức học phí

Đơn vị tính: 1.000 đồng/học sinh/tháng

| Địa bàn | Mầm non | Tiểu học | Trung học cơ sở |
|---|---|---|---|
| Đô thị | 190 | 180 | 110 |
| Nông thôn | 140 | 135 | 95 |
| Miền núi | 105 | 100 | 80 |

Điều 2. Phân loại địa bàn theo Phụ lục kèm theo Nghị quyết này.

PHỤ LỤC

PHÂN LOẠI ĐỊA BÀN TẠI TỈNH AN HÒA ĐỂ ÁP DỤNG HỌC PHÍ

| STT | Địa bàn/tên xã, phường |
|---|---|
| **I** | **Đô thị (2 phường)** |
| 1 | Phường Bình Minh |
| 2 | Phường Hòa Lạc |
| **II** | **Miền núi (3 xã)** |
| 1 | Xã Núi Cao 1 |
| 2 | Xã Núi Cao 2 |
| 3 | Xã Suối Đá |
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-hoc-phi.md", TUITION)


@pytest.mark.parametrize(
    ("question", "figure", "group"),
    [
        ("nha e o xa nui cao 2, con hoc lop 1 truong cong thi hoc phi bn 1 thang", "100", "Miền núi"),
        ("Con tôi học THCS ở phường Hòa Lạc thì học phí mỗi tháng bao nhiêu?", "110", "Đô thị"),
    ],
)  # fmt: skip
def test_a_classed_place_is_answered_by_the_figure_of_its_kind(bot, question, figure, group):
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert answer.text.startswith(f"{figure} nghìn"), answer.text
    # the row that classes the place is cited
    assert f"thuộc địa bàn {group}" in answer.text, answer.text
    assert any(group in c.text for c in answer.citations[1:]), answer.citations


def test_place_classes_are_read_from_rows_naming_one_place_under_a_group():
    from bot.classes import classed_place, place_classes
    from corpus.types import Passage

    def row(text, cells):
        return Passage(f"d#t/row-{len(text)}", "d", (), None, text, kind="row", cells=cells)

    classes = place_classes(
        [
            row(
                "PHÂN LOẠI — Miền núi (9 xã) — Xã A Lưới 2",
                (("STT", "6"), ("Tên xã", "Xã A Lưới 2")),
            ),
            # a row that states figures for the place classes nothing
            row(
                "Tỷ lệ — Xã Phú Vinh — Thành phố: 80",
                (("Tên xã", "Xã Phú Vinh"), ("Thành phố", "80")),
            ),
        ]
    )
    assert list(classes) == ["a luoi 2"]
    assert classed_place("nha o xa a luoi 2 hoc phi bn", classes).group == "Miền núi"
    assert classed_place("hoc phi mien nui o xa a luoi 2", classes) is None  # the kind is named
    assert classed_place("xa a luoi 20 hoc phi", classes) is None


@pytest.mark.parametrize(
    ("question", "listed", "left_out"),
    [
        ("Ở An Hòa, những xã nào thuộc địa bàn miền núi để tính học phí?",
         ("Xã Núi Cao 1", "Xã Núi Cao 2", "Xã Suối Đá"), ("Phường Bình Minh",)),
        ("Ngoài 2 xã Núi Cao, những xã nào của An Hòa được xếp vào địa bàn miền núi?",
         ("Xã Suối Đá",), ("Xã Núi Cao 1", "Xã Núi Cao 2")),
    ],
)  # fmt: skip
def test_the_places_of_a_group_are_listed_from_the_table(bot, question, listed, left_out):
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert answer.text.startswith("Miền núi (3 xã):"), answer.text
    for place in listed:
        assert place in answer.text, answer.text
    for place in left_out:
        assert place not in answer.text, answer.text
