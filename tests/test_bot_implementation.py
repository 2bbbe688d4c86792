"""Who carries a document out: "ai được giao triển khai nghị quyết này" is answered by the
article that puts the document to work ("Tổ chức thực hiện"), not by a task that carries out
another resolution, and overseeing it is not carrying it out (real model, a small document
written here)."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

TASKS = "\n".join(
    f"- Tiếp tục triển khai thực hiện Nghị quyết số {n}-NQ/TW của Ban Chấp hành Trung ương về {topic};"
    for n, topic in [
        (19, "nông nghiệp, nông dân, nông thôn"),
        (20, "kinh tế tập thể"),
        (21, "công tác dân số"),
        (18, "sắp xếp tổ chức bộ máy"),
        (36, "phát triển văn hóa"),
        (43, "an ninh quốc phòng"),
        (45, "đội ngũ trí thức"),
        (52, "chuyển đổi số"),
    ]
)
RESOLUTION = f"""\
NGHỊ QUYẾT

Về nhiệm vụ phát triển kinh tế - xã hội năm 2024 của tỉnh

Điều 1. Mục tiêu

Tốc độ tăng trưởng kinh tế (GRDP): 7%.

Điều 2. Nhiệm vụ và giải pháp

1. Lĩnh vực kinh tế

{TASKS}
- Thực hiện nghiêm Nghị quyết số 11-NQ/TW; giao các sở, ngành triển khai kế hoạch của tỉnh.

Điều 3. Tổ chức thực hiện

1. Giao Ủy ban nhân dân tỉnh chỉ đạo, triển khai thực hiện hoàn thành các mục tiêu, chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội năm 2024.

2. Giao Thường trực Hội đồng nhân dân tỉnh, các Ban Hội đồng nhân dân tỉnh và đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.

Nghị quyết này đã được Hội đồng nhân dân tỉnh thông qua ngày 08 tháng 12 năm 2023.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-kt-xh-2024.md", RESOLUTION)


@pytest.mark.parametrize(
    ("question", "body"),
    [
        ("Ai được giao triển khai nghị quyết này?", "Ủy ban nhân dân tỉnh"),
        ("ai dc giao trien khai thuc hien nghi quyet nay v", "Ủy ban nhân dân tỉnh"),
        ("Cơ quan nào tổ chức thực hiện nghị quyết này?", "Ủy ban nhân dân tỉnh"),
        ("Ai giám sát việc thực hiện nghị quyết này?", "Thường trực Hội đồng nhân dân tỉnh"),
    ],
)
def test_who_carries_the_document_out(bot, question, body):
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert body in answer.text.split("\n")[0], answer.text
    assert answer.citations[0].section.startswith("Điều 3"), answer.citations[0]


def test_a_resolution_named_by_its_number_is_not_this_one(bot):
    # "Nghị quyết số 20" is a resolution this one carries out: its task answers
    answer = bot.ask("Tỉnh triển khai thực hiện Nghị quyết số 20-NQ/TW về lĩnh vực gì?")
    assert "kinh tế tập thể" in answer.text, answer.text
