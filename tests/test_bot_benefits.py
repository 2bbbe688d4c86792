"""A person's situation matches the article on who qualifies for a benefit ("Điều 2. Đối tượng
và điều kiện hưởng trợ cấp ..."); the amount asked lies in its sibling on the level ("Điều 3.
Mức trợ cấp ..."), which is read with it (real model, small documents written here)."""

from __future__ import annotations

import pytest

from bot import Bot
from index import open_index

DECREE = """\
NGHỊ ĐỊNH

Quy định chính sách trợ cấp hưu trí xã hội

Điều 1. Phạm vi điều chỉnh

Nghị định này quy định chi tiết về trợ cấp hưu trí xã hội.

Điều 2. Đối tượng và điều kiện hưởng trợ cấp hưu trí xã hội

1. Công dân Việt Nam từ đủ 75 tuổi trở lên không hưởng lương hưu hoặc trợ cấp bảo hiểm xã hội hằng tháng.

2. Công dân Việt Nam từ đủ 70 tuổi đến dưới 75 tuổi thuộc hộ nghèo, hộ cận nghèo, không hưởng lương hưu hoặc trợ cấp bảo hiểm xã hội hằng tháng.

Điều 3. Mức trợ cấp hưu trí xã hội

Đối tượng quy định tại Điều 2 Nghị định này được hưởng trợ cấp hưu trí xã hội hằng tháng mức 500.000 đồng/tháng.

Điều 4. Thủ tục

Người đề nghị gửi văn bản đề nghị đến Chủ tịch Ủy ban nhân dân cấp xã.

Điều 5. Hỗ trợ chi phí mai táng

Người lo mai táng cho người đang hưởng trợ cấp hưu trí xã hội được hỗ trợ chi phí mai táng bằng 7.200.000 đồng.
"""

CITY = """\
NGHỊ QUYẾT

Quy định chính sách trợ giúp xã hội của thành phố Hà Nội

Điều 1. Hỗ trợ thêm

Đối tượng đang hưởng trợ cấp hưu trí xã hội được hỗ trợ thêm hằng tháng 150.000 đồng (ngoài chính sách của nhà nước).
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Bot:
    folder = tmp_path_factory.mktemp("benefits")
    (folder / "nd-tro-cap-huu-tri-xa-hoi.md").write_text(DECREE, encoding="utf-8")
    (folder / "nq-ha-noi-tro-giup-xa-hoi.md").write_text(CITY, encoding="utf-8")
    return Bot(open_index(folder))


@pytest.mark.parametrize(
    "question",
    [
        "Bố em 72 tuổi, hộ cận nghèo, không có lương hưu thì được trợ cấp hưu trí xã hội bao nhiêu tiền một tháng?",
        "bo e 72t, ho can ngheo, ko co luong huu thi dc tro cap huu tri xa hoi bn 1 thang",
    ],
)
def test_the_amount_of_the_benefit_a_situation_qualifies_for(bot, question):
    answer = bot.ask(question)
    assert not answer.abstained, answer.text
    assert answer.text.startswith("500.000"), answer.text
    assert answer.citations[0].section.startswith("Điều 3"), answer.citations[0]
