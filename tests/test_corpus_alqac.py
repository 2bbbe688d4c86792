"""The ALQAC laws: 2,250 articles, numbered as in the files, every passage inside its article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus import load_corpus
from corpus.types import Corpus


@pytest.fixture(scope="module")
def laws() -> Corpus:
    return load_corpus(Path(__file__).resolve().parent.parent / "eval/data/alqac/laws")


def file_articles(path: Path) -> list[str]:
    """Article numbers as the file states them: a line "Điều N." (the README's format)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return [m.group(1) for line in lines if (m := re.match(r"Điều (\d+)\.", line))]


def test_all_laws_load(laws: Corpus) -> None:
    assert laws.errors == ()
    assert len(laws.documents) == 17


def test_article_count(laws: Corpus) -> None:
    articles = [h for d in laws.documents for h in d.toc if h.level == "dieu"]
    assert len(articles) == 2250


def test_articles_numbered_as_in_the_file(laws: Corpus) -> None:
    for doc in laws.documents:
        numbers = [h.article for h in doc.toc if h.level == "dieu"]
        assert numbers == file_articles(Path(doc.meta.path)), doc.meta.doc_id
        values = [int(n) for n in numbers]
        assert values == sorted(set(values)), f"{doc.meta.doc_id}: not strictly increasing"


def test_every_article_has_content(laws: Corpus) -> None:
    for doc in laws.documents:
        with_text = {p.article for p in doc.passages if p.kind == "content"}
        assert {h.article for h in doc.toc if h.level == "dieu"} <= with_text, doc.meta.doc_id


def test_passages_carry_article_numbers(laws: Corpus) -> None:
    for passage in laws.passages():
        if passage.kind == "content" and passage.section:
            assert passage.article is not None and passage.article.isdigit(), passage.id
            assert passage.section[0].startswith(("Điều ", "Phần ")), passage.id
        assert len(passage.text) <= 900, passage.id


@pytest.mark.parametrize(
    ("doc_id", "title"),
    [
        ("bo-luat-dan-su", "Bộ luật Dân sự"),
        ("hien-phap", "Hiến pháp"),
        ("luat-an-ninh-mang", "Luật An ninh mạng"),
        ("luat-phong-chong-ma-tuy", "Luật Phòng, chống ma túy"),
        ("luat-hon-nhan-va-gia-dinh", "Luật Hôn nhân và gia đình"),
    ],
)
def test_title_from_the_first_line(laws: Corpus, doc_id: str, title: str) -> None:
    meta = laws.document(doc_id).meta
    assert meta.title == title
    assert meta.kind in ("Luật", "Bộ luật", "Hiến pháp")


def test_article_headings(laws: Corpus) -> None:
    civil = laws.document("bo-luat-dan-su")
    first = civil.toc[0]
    assert (first.label, first.title, first.level, first.article) == (
        "Điều 1",
        "Điều 1. Phạm vi điều chỉnh",  # "Điều 1." with its title on the next line
        "dieu",
        "1",
    )
    constitution = laws.document("hien-phap")
    assert constitution.toc[0].title == "Điều 1"  # no title: the next line is the article's text
    assert constitution.passages[1].text.startswith("Nước Cộng hòa xã hội chủ nghĩa Việt Nam")
    parts = [h.title for h in civil.toc if h.level == "phan"]
    assert parts[0] == "Phần thứ hai. QUYỀN SỞ HỮU VÀ QUYỀN KHÁC ĐỐI VỚI TÀI SẢN"


def test_khoan_and_diem(laws: Corpus) -> None:
    doc = laws.document("luat-an-ninh-mang")
    article_2 = [p for p in doc.passages if p.article == "2"]
    assert article_2[0].section == ("Điều 2. Giải thích từ ngữ",)
    assert article_2[0].text == "Trong Luật này, các từ ngữ dưới đây được hiểu như sau:"
    khoan_5 = next(p for p in article_2 if p.section[-1] == "Khoản 5")
    assert khoan_5.text.startswith("5. Cơ sở hạ tầng không gian mạng quốc gia")
    assert "\na) Hệ thống truyền dẫn" in khoan_5.text  # the điểm read with their khoản


def test_sentence_broken_by_a_reference_is_joined(laws: Corpus) -> None:
    doc = laws.document("luat-to-tung-hanh-chinh")
    (passage,) = [p for p in doc.passages if "khai mạc phiên tòa theo quy định tại" in p.text]
    assert "theo quy định tại Điều 169 của Luật này." in passage.text


def test_closing_formula_and_signer(laws: Corpus) -> None:
    meta = laws.document("luat-giao-duc").meta
    assert (meta.issuer, meta.date, meta.session, meta.signer) == (
        "Quốc hội",
        "2019-06-14",
        "Khóa XIV, Kỳ họp thứ 7",
        "Nguyễn Thị Kim Ngân",
    )
