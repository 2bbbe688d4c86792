"""Pure index logic with a hand-checkable embedder: folding, tokens, restoration, fusion,
filters, persistence and its failure modes."""

from __future__ import annotations

import numpy as np
import pytest

from corpus.types import Corpus, Document, DocumentMeta, Passage
from index import Index, QueryError
from index.abbrev import expand
from index.fold import diacritic_ratio, fold, has_diacritics
from index.fusion import dense_weight, fuse, minmax
from index.restore import DiacriticRestorer
from index.tokenize import canonical_number, special_tokens, tokenize
from tests.fakes import BagOfWordsEmbedder


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("bảo hiểm y tế", "bao hiem y te"),
        ("Đường ĐỊNH HÓA", "Duong DINH HOA"),
        ("thuỷ sản", "thuy san"),
        ("95%", "95%"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_diacritic_detection():
    assert has_diacritics("tỷ lệ") and not has_diacritics("ty le")
    assert diacritic_ratio("chi tieu BHYT") == 0.0
    assert diacritic_ratio("tỷ lệ hộ nghèo") == 1.0


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [("8,5", "8.5"), ("8.5", "8.5"), ("20.000", "20000"), ("20,000", "20000"), ("05", "5")],
)
def test_numbers_are_written_one_way(raw, canonical):
    assert canonical_number(raw) == canonical


def test_a_particle_s_look_alike_typed_with_diacritics_is_a_word():
    from index.tokenize import strip_question_words

    # "vay vốn" (borrow) in a question typed with diacritics; "vậy" is the closing particle
    assert "vay vốn" in strip_question_words("Hộ nghèo vay vốn tối đa bao nhiêu?", marked=True)
    assert "vậy" not in strip_question_words("Mức lương vậy là bao nhiêu?", marked=True)
    assert "A Lưới" in strip_question_words("Học phí ở xã A Lưới là bao nhiêu ạ?", marked=True)
    # typed without diacritics, "vay" may be either: read as the particle
    assert "vay" not in strip_question_words("muc luong bao nhieu vay").split()


def test_document_numbers_and_dates_are_whole_tokens():
    tokens = special_tokens("Nghị quyết số 04/2021/NQ-HĐND ngày 23 tháng 3 năm 2021 và 11-NQ/TW")
    assert "doc:04/2021/nq-hdnd" in tokens
    assert "doc:11-nq/tw" in tokens
    assert "date:2021-03-23" in tokens
    assert "date:2021-03-23" in special_tokens("ban hành 23/3/2021")


@pytest.mark.parametrize(
    ("text", "token"),
    [("Xã A Lưới 2", "n:luoi_2"), ("vùng II", "n:vung_2"), ("Mẫu số 03", "n:so_3"),
     ("xa a luoi 2", "n:luoi_2")],
)  # fmt: skip
def test_a_name_ending_in_a_number_is_one_token(text, token):
    assert token in special_tokens(text)


def test_a_number_inside_a_figure_or_year_names_nothing():
    assert not [t for t in special_tokens("1.000 đồng, năm 2023, mức 1,5 lần") if t[:2] == "n:"]


def test_question_words_do_not_match_content():
    tokens = tokenize("chi tieu BHYT 2023 la bao nhieu", query=True)
    assert tokens.count("bao") == 1  # from the expansion "bảo hiểm y tế", not from "bao nhiêu"
    assert "nhieu" not in tokens


def test_abbreviations_expand_both_ways_of_typing():
    assert "bảo hiểm y tế" in expand("thẻ BHYT")
    assert "bảo hiểm y tế" in expand("the bhyt")
    assert "Hội đồng nhân dân" in expand("HĐND tỉnh")
    assert expand("Cơ cấu kinh tế") == "Cơ cấu kinh tế"  # "cp", "tu" ... only in capitals


def test_everyday_wording_gets_the_official_terms():
    from index.synonyms import official_terms

    assert official_terms("Bao nhiêu phần trăm người đi làm được học nghề?") == "người lao động"
    assert "điều chỉnh tiền lương" in official_terms("khi nào tăng lương")
    assert official_terms("xa nay sap nhap vao xa nao") == "sắp xếp hợp nhất"
    assert official_terms("tỉnh kêu gọi đầu tư hạ tầng ở đâu") == "thu hút đầu tư"
    assert official_terms("ty le nha ngheo o vung que") == "hộ nghèo nông thôn"
    assert official_terms("Tỷ lệ hộ nghèo") == ""
    # cities and towns named together are the urban areas; "thành phố Huế" alone is a city
    assert official_terms("o thanh pho, thi tran thi ty le that nghiep") == "thành thị"
    assert official_terms("Học phí ở thành phố Huế") == ""


def test_restoration_uses_the_corpus_words():
    restorer = DiacriticRestorer.from_texts(["Tỷ lệ hộ nghèo giảm", "bảo hiểm y tế"])
    result = restorer.restore("ty le ho ngheo la bao nhieu")
    assert result.text == "tỷ lệ hộ nghèo là bao nhiêu"
    assert result.coverage == 1.0
    assert restorer.restore("xyz abc").coverage == 0.0


def test_no_corpus_phrase_takes_part_of_a_question_phrase():
    # "trợ cấp bảo hiểm" must not turn "tro cap bao nhieu" into "trợ cấp bảo nhiều"
    corpus = ["Mức trợ cấp bảo hiểm xã hội", "mức đóng bảo hiểm y tế", "bảo hiểm"] * 5
    restorer = DiacriticRestorer.from_texts(corpus)
    assert restorer.restore("tro cap bao nhieu").text == "trợ cấp bao nhiêu"
    assert restorer.restore("muc dong bao nhieu 1 thang").text.startswith("mức đóng bao nhiêu")
    assert restorer.restore("muc dong bao hiem y te").text == "mức đóng bảo hiểm y tế"
    # "mất" (costs) in a question, though the corpus says "mặt bằng"
    restorer = DiacriticRestorer.from_texts(["Hỗ trợ mặt bằng sản xuất", "mức phí"] * 5)
    assert restorer.restore("co mat phi khong").text == "có mất phí không"
    assert restorer.restore("ho tro mat bang").text == "hỗ trợ mặt bằng"


def test_rrf_adds_reciprocal_ranks():
    from index.fusion import rrf

    fused = rrf([np.array([2, 0, 1]), np.array([0, 2, 1])], size=3, k=1)
    assert fused.tolist() == pytest.approx([1 / 3 + 1 / 2, 1 / 4 + 1 / 4, 1 / 2 + 1 / 3])


def test_fusion_weights_and_normalization():
    assert minmax(np.array([2.0, 4.0, 3.0])).tolist() == [0.0, 1.0, 0.5]
    fused = fuse(np.array([0.0, 10.0]), np.array([0.9, 0.5]), w_dense=0.6)
    assert fused.tolist() == pytest.approx([0.6, 0.4])
    assert dense_weight(True, 0.0) == 0.6
    assert dense_weight(False, 0.0) == 0.2
    assert dense_weight(False, 1.0) == pytest.approx(0.6)


def _corpus() -> Corpus:
    def doc(doc_id, year, issuer, texts):
        meta = DocumentMeta(doc_id=doc_id, title=doc_id, date=f"{year}-01-01", issuer=issuer)
        passages = tuple(
            Passage(f"{doc_id}#{i}", doc_id, ("Điều 1",), "1", t) for i, t in enumerate(texts)
        )
        return Document(meta, (), passages)

    return Corpus(
        (
            doc("a", 2022, "HĐND tỉnh Thái Nguyên", ["Tỷ lệ dân số tham gia bảo hiểm y tế: 95%."]),
            doc("b", 2023, "UBND tỉnh", ["Tỷ lệ hộ nghèo giảm 1%.", "Che phủ rừng 46%."]),
        )
    )


def _index() -> Index:
    words = ["bao", "hiem", "y", "te", "ho", "ngheo", "rung", "che", "phu"]
    return Index.in_memory(_corpus(), embedder=BagOfWordsEmbedder(words))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bảo hiểm y tế", "a#0"),
        ("bao hiem y te", "a#0"),
        ("BHYT", "a#0"),
        ("ho ngheo", "b#0"),
        ("che phủ rừng", "b#1"),
    ],
)
def test_search_finds_the_passage(query, expected):
    assert _index().search(query, k=1)[0].passage.id == expected


def test_filters_restrict_documents_year_and_issuer():
    index = _index()
    assert {h.passage.doc_id for h in index.search("tỷ lệ", k=5, docs=["b"])} == {"b"}
    assert {h.passage.doc_id for h in index.search("tỷ lệ", k=5, year=2022)} == {"a"}
    assert {h.passage.doc_id for h in index.search("tỷ lệ", k=5, issuer="ubnd")} == {"b"}
    assert index.search("tỷ lệ", k=5, docs=["nope"]) == []


def test_k_larger_than_the_corpus_returns_everything_once():
    hits = _index().search("tỷ lệ", k=50)
    assert len(hits) == 3
    assert len({h.passage.id for h in hits}) == 3


def test_modes_rank_by_their_own_scores():
    index = _index()
    assert index.search("bao hiem", k=1, mode="bm25")[0].dense is None
    assert index.search("bao hiem", k=1, mode="dense")[0].bm25 is None


@pytest.mark.parametrize("query", ["", "   ", "x" * 5000])
def test_bad_queries_say_what_is_wrong(query):
    with pytest.raises(QueryError, match="Câu hỏi"):
        _index().search(query)


def test_english_administrative_terms_meet_the_documents_wording():
    from index.glossary import translate_terms

    terms = translate_terms("How many points are deducted when the steering committee is late?")
    for vietnamese in ("trừ", "ban chỉ đạo", "chậm"):
        assert vietnamese in terms, terms
    assert translate_terms("Hello there") == ""
    terms = translate_terms("Which businesses are behind schedule on their land projects?")
    for vietnamese in ("doanh nghiệp", "chậm tiến độ", "đất", "dự án"):
        assert vietnamese in terms, terms


def test_everyday_wording_typed_without_diacritics_is_read_as_typed():
    from index.query import prepare

    # the corpus knows "về" and "thẩm định", so "mua ve" may be restored "mua về": the everyday
    # phrase is still read in the question as typed
    restorer = DiacriticRestorer.from_texts(["trở về địa phương", "phí tham quan"] * 5)
    prepared = prepare("di chua co phai mua ve ko", restorer)
    assert "phí" in prepared.restored.split("(")[-1]
    assert "phí" in prepare("đi chùa có phải mua vé không", restorer).restored
    assert "(" not in prepare("đi chùa có phải mua về không", restorer).restored


def test_english_terms_are_read_in_the_plural_too():
    from index.glossary import glossary_spans, translate_terms

    # the list gives "election"; a question says "elections"
    assert "bầu cử" in translate_terms("How much is spent on the 2026 elections?")
    spans = glossary_spans("the 2026 elections")
    assert [("the 2026 elections"[a:b], v) for a, b, v in spans] == [("elections", "bầu cử")]
    # a listed plural keeps its own entry, and a longer word is no plural of a shorter one
    assert translate_terms("contributions") == translate_terms("contribution")
    assert "bầu cử" not in translate_terms("electionsx")


def test_an_english_noun_in_the_list_is_read_as_its_verb_too():
    from index.glossary import glossary_spans, translate_terms

    # the list gives "allocation" and "exemption"; a question says "allocated", "exempted"
    assert "phân bổ" in translate_terms("What share is allocated to the fund?")
    assert translate_terms("allocating") == translate_terms("allocation")
    spans = glossary_spans("fees are exempted for")
    assert [("fees are exempted for"[a:b]) for a, b, _ in spans][-1] == "exempted"
    # a word that only begins like a listed noun's stem is not read as it
    assert "phân bổ" not in translate_terms("allocatedness")


def test_an_english_plural_in_the_list_is_read_in_the_singular_too():
    from index.glossary import translate_terms

    # the list gives "tourists" and "households"; a question says "tourist arrivals"
    assert "khách du lịch" in translate_terms("How many international tourist arrivals?")
    assert translate_terms("each household") == translate_terms("households")
    # "business" is no singular of a listed "businesses" cut short, nor "status" a plural
    assert translate_terms("status") == ""


def test_a_civil_servant_rating_asked_in_english_meets_its_vietnamese_name():
    from index.glossary import translate_terms

    # "completed tasks" is the rating "hoàn thành nhiệm vụ" of a civil servant's year
    assert "hoàn thành nhiệm vụ" in translate_terms("the rating 'completed tasks well'")
    assert "hoàn thành" in translate_terms("Has the project been completed?")


@pytest.mark.parametrize(
    ("question", "gone", "kept"),
    [
        (
            "Công nghiệp chiếm tỷ trọng bao nhiêu trong cơ cấu kinh tế?",
            "chiếm tỷ trọng",
            "Công nghiệp",
        ),
        ("cn hay dich vu chiem ti trong lon hon", "chiem ti trong", "dich vu"),
        ("Nông nghiệp chiếm tỉ lệ là bao nhiêu?", "chiếm tỉ lệ", "Nông nghiệp"),
        ("Dịch vụ chiếm bao nhiêu?", "chiếm", "Dịch vụ"),
        # "chiếm" with what is taken, not a share asked: kept
        ("Chiếm đoạt tài sản bao nhiêu thì bị xử lý hình sự?", "", "Chiếm đoạt tài sản"),
    ],
)
def test_the_measure_a_share_is_asked_in_is_no_content(question, gone, kept):
    from index.tokenize import strip_question_words

    stripped = " ".join(strip_question_words(question).split())
    assert kept in stripped
    if gone:
        assert gone not in stripped and gone.split()[-1] not in stripped.split()
