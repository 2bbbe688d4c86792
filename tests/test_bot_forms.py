"""A decree with its forms: a form's bare label is no answer to what the form is, and "ký nhận"
(signing for receipt) in a question is no question about when the decree was signed."""

from __future__ import annotations

import pytest

from bot import Bot
from index import open_index

DECREE = """\
| CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |
|---|---|
| Số: 77/2025/NĐ-CP | Hà Nội, ngày 30 tháng 6 năm 2025 |

NGHỊ ĐỊNH

Quy định chi tiết về trợ cấp cho người cao tuổi

Điều 1. Chi trả trợ cấp

1. Hằng tháng, tổ chức dịch vụ chi trả chuyển chứng từ (danh sách đã ký nhận) cho Ủy ban nhân \
dân cấp xã trước ngày 20 hằng tháng để tổng hợp quyết toán.

2. Người lo mai táng gửi Tờ khai theo Mẫu số 02 ban hành kèm theo Nghị định này.

Điều 2. Hiệu lực thi hành

Nghị định này có hiệu lực từ ngày 01 tháng 7 năm 2025.

PHỤ LỤC

| Mẫu số | Tên mẫu |
|---|---|
| Mẫu số 01 | Văn bản đề nghị hưởng trợ cấp |
| Mẫu số 02 | Tờ khai đề nghị hỗ trợ chi phí mai táng |

Mẫu số 02

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc

TỜ KHAI ĐỀ NGHỊ HỖ TRỢ CHI PHÍ MAI TÁNG
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Bot:
    folder = tmp_path_factory.mktemp("forms")
    (folder / "nd-tro-cap-nguoi-cao-tuoi.md").write_text(DECREE, encoding="utf-8")
    return Bot(open_index(folder))


def test_what_a_form_is_is_answered_by_its_name_not_its_bare_label(bot):
    answer = bot.ask("Mẫu số 02 ban hành kèm Nghị định 77/2025 về trợ cấp là mẫu gì?")
    assert not answer.abstained, answer.text
    assert "mai táng" in answer.text.lower(), answer.text


def test_signing_for_receipt_is_no_question_about_the_decree_signing_date(bot):
    answer = bot.ask("Danh sách đã ký nhận phải chuyển cho xã trước ngày nào hằng tháng?")
    assert "ngày 20 hằng tháng" in answer.text, answer.text
    assert "30 tháng 6" not in answer.text


def test_a_day_asked_is_not_answered_by_a_clause_that_states_none(bot):
    answer = bot.ask("Người lo mai táng gửi tờ khai vào ngày nào?")
    assert answer.abstained, answer.text


FORMS_APPENDIX = """\
NGHỊ ĐỊNH

Quy định chi tiết một số điều của Luật Bảo hiểm xã hội

Điều 1. Hồ sơ

Thân nhân nộp đơn đề nghị theo Mẫu số 03 Phụ lục II ban hành kèm theo Nghị định này.

TM. CHÍNH PHỦ
THỦ TƯỚNG

Nguyễn Văn An

PHỤ LỤC I. DANH MỤC NGHỀ

| STT | Nghề |
|---|---|
| 1 | Khai thác mỏ hầm lò |
| 2 | Đội viên cứu hộ mỏ |

PHỤ LỤC II. DANH MỤC BIỂU MẪU

| Mẫu số | Tên mẫu |
|---|---|
| Mẫu số 01 | Đơn đề nghị xác nhận |
| Mẫu số 02 | Giấy xác nhận |
| Mẫu số 03 | Đơn đề nghị giải quyết chế độ tử tuất |
| Mẫu số 04 | Tờ khai của thân nhân |
"""


def test_a_form_named_inside_the_appendix_named_is_that_form(tmp_path_factory):
    # "Mẫu số 03 trong Phụ lục II": the row of form 03, not the first rows of the appendix
    folder = tmp_path_factory.mktemp("forms-appendix")
    (folder / "nd-bhxh-bat-buoc.md").write_text(FORMS_APPENDIX, encoding="utf-8")
    bot = Bot(open_index(folder))
    answer = bot.ask("Mẫu số 03 trong Phụ lục II của Nghị định là mẫu gì?")
    assert not answer.abstained, answer.text
    assert "tử tuất" in answer.text.split("\n")[0], answer.text
