"""A short article is read as one: the question describes who is meant in one of its clauses
and the figure stands in the clause beside it, which answers rather than a figure of another
article that shares the question's words (real model, a small resolution written here)."""

from __future__ import annotations

import pytest

from tests.conftest import bot_over

RESOLUTION = """\
NGHỊ QUYẾT

Quy định chính sách trợ giúp xã hội trên địa bàn thành phố

Điều 1. Phạm vi điều chỉnh

Nghị quyết này quy định chính sách trợ giúp xã hội đối với các đối tượng có hoàn cảnh khó khăn.

Điều 2. Trợ cấp xã hội hằng tháng đối với người cao tuổi tại cộng đồng

1. Đối tượng hưởng trợ cấp: Người cao tuổi thuộc diện hộ nghèo, hộ cận nghèo, không có người
có nghĩa vụ và quyền phụng dưỡng hoặc có người phụng dưỡng nhưng người này không có khả năng
lao động.

2. Hệ số trợ cấp xã hội hằng tháng:

a) Người cao tuổi từ đủ 60 tuổi đến dưới 80 tuổi: 1.5

b) Người cao tuổi từ đủ 80 tuổi trở lên: 2.0

Điều 3. Đối tượng được nuôi dưỡng trong cơ sở trợ giúp xã hội

1. Người có hoàn cảnh khó khăn không có người phụng dưỡng được tiếp nhận, chăm sóc, nuôi
dưỡng trong cơ sở trợ giúp xã hội của thành phố.

2. Hệ số để xác định mức trợ cấp nuôi dưỡng hằng tháng trong cơ sở trợ giúp xã hội:

a) Hệ số 5,0 đối với trẻ em dưới 04 tuổi.

b) Hệ số 4,0 đối với các đối tượng từ đủ 04 tuổi trở lên.

Điều 4. Tổ chức thực hiện

Ủy ban nhân dân thành phố tổ chức thực hiện Nghị quyết này.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    return bot_over(tmp_path_factory, "nq-tro-giup-xa-hoi.md", RESOLUTION)


def test_the_figure_beside_the_clause_that_describes_the_person_answers(bot):
    answer = bot.ask(
        "Người cao tuổi 85 tuổi thuộc hộ nghèo không có ai phụng dưỡng thì được hưởng trợ cấp "
        "hằng tháng hệ số bao nhiêu?"
    )
    assert not answer.abstained, answer.text
    assert answer.text.startswith("2.0"), answer.text


def test_the_other_article_still_answers_what_it_is_about(bot):
    answer = bot.ask("Trẻ em dưới 4 tuổi nuôi dưỡng trong cơ sở trợ giúp xã hội hệ số bao nhiêu?")
    assert not answer.abstained, answer.text
    assert answer.text.startswith("5,0"), answer.text


def test_a_clause_retrieved_low_shares_the_strength_of_its_short_article(bot):
    # retrieval over many documents ranks the coefficient clause of the article low, below the
    # other article's coefficients (as it does on the real resolution): the article lends it
    # the strength of its best passage, so its figure still answers
    from bot.evidence import rank_units
    from bot.scope import topic_of
    from index.types import Hit

    question = "Cụ 85 tuổi thuộc hộ nghèo không ai phụng dưỡng được trợ cấp hệ số mấy?"
    found = bot.evidence(question)
    by_id = {h.passage.id.split("#")[1]: h.passage for h in found.hits}
    order = [("dieu-2/1", 1.0), ("dieu-3/2", 0.84), ("dieu-3/1", 0.8), ("dieu-1", 0.72),
             ("heading", 0.7), ("dieu-2/2", 0.68)]  # fmt: skip
    hits = [Hit(by_id[key], score) for key, score in order]
    topic = topic_of(found.query, list(found.items), bot.regions)

    def first(articles):
        units = rank_units(found.query, found.items, hits, bot.metas, topic, bot.pairs, articles)
        return next(u for u in units if u.value).value

    assert first(bot.articles) == "2.0"
    assert first({}) == "4,0"  # read passage by passage, the other article's figure wins


def test_grandparents_are_read_as_the_elderly(bot):
    # "ông bà" is the everyday word; the resolution says "người cao tuổi"
    from index.synonyms import official_terms

    assert "người cao tuổi" in official_terms("ong ba toi 85 tuoi")
    answer = bot.ask("Ông bà tôi 85 tuổi, nhà thuộc hộ nghèo, không ai phụng dưỡng, hệ số mấy?")
    assert not answer.abstained, answer.text
    assert answer.text.startswith("2.0"), answer.text
