"""Metadata a document states about itself, and front matter that overrides it."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.meta import extract, from_front_matter
from corpus.structure import parse
from corpus.types import CorpusError

DECISION = [
    "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 12/QĐ-UBND",
    "Thái Nguyên, ngày 05 tháng 01 năm 2023",
    "QUYẾT ĐỊNH",
    "Về việc giao chỉ tiêu kế hoạch",
    "năm 2023",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN",
    "Căn cứ Luật Tổ chức chính quyền địa phương;",
    "QUYẾT ĐỊNH:",
    "Điều 1. Giao chỉ tiêu kế hoạch năm 2023 cho các sở, ngành.",
    "Nơi nhận:",
    "- Như Điều 1;",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "(Đã ký)",
    "NGUYỄN VĂN BA",
]


def test_decision_header() -> None:
    assert extract(parse(DECISION)) == {
        "kind": "Quyết định",
        "title": "Quyết định về việc giao chỉ tiêu kế hoạch năm 2023",
        "issuer": "Ủy ban nhân dân tỉnh Thái Nguyên",
        "number": "12/QĐ-UBND",
        "date": "2023-01-05",
        "signer": "Nguyễn Văn Ba",
    }


@pytest.mark.parametrize(
    ("first_line", "kind", "title"),
    [
        ("LUẬT AN NINH MẠNG", "Luật", "Luật An ninh mạng"),
        ("BỘ LUẬT DÂN SỰ", "Bộ luật", "Bộ luật Dân sự"),
        ("HIẾN PHÁP", "Hiến pháp", "Hiến pháp"),
        ("LUẬT QUỐC TỊCH VIỆT NAM", "Luật", "Luật Quốc tịch Việt Nam"),
        ("Kế hoạch phát triển du lịch", None, "Kế hoạch phát triển du lịch"),
    ],
)
def test_title_from_the_first_line(first_line: str, kind: str | None, title: str) -> None:
    found = extract(parse([first_line, "Điều 1. Phạm vi", "Nội dung."]))
    assert (found["kind"], found["title"]) == (kind, title)


def test_closing_formula_gives_issuer_session_and_date() -> None:
    found = extract(
        parse(
            [
                "LUẬT GIÁO DỤC",
                "Điều 1. Phạm vi",
                "Nội dung.",
                "Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIV, kỳ họp thứ 7 "
                "thông qua ngày 14 tháng 6 năm 2019.",
                "CHỦ TỊCH QUỐC HỘI",
                "(Đã ký)",
                "Nguyễn Thị Kim Ngân",
            ]
        )
    )
    assert (found["issuer"], found["session"], found["date"], found["signer"]) == (
        "Quốc hội",
        "Khóa XIV, Kỳ họp thứ 7",
        "2019-06-14",
        "Nguyễn Thị Kim Ngân",
    )


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ({"date": "2022-12-08"}, {"date": "2022-12-08"}),
        ({"date": "08/12/2022"}, {"date": "2022-12-08"}),
        ({"date": "ngày 08 tháng 12 năm 2022"}, {"date": "2022-12-08"}),
        (
            {"issuing_body": "Hội đồng nhân dân tỉnh Thái Nguyên"},
            {"issuer": "Hội đồng nhân dân tỉnh Thái Nguyên"},
        ),
        ({"url": "https://example.vn"}, {"source_url": "https://example.vn"}),
        ({"number": None, "title": ""}, {}),
        ({"signer": "Phạm Hoàng Sơn", "unknown": 1}, {"signer": "Phạm Hoàng Sơn"}),
        ({"title": "Nghị quyết về hoà giải"}, {"title": "Nghị quyết về hòa giải"}),
    ],
)
def test_front_matter_fields(front: dict, expected: dict) -> None:
    assert from_front_matter(front, Path("nq.md")) == expected


def test_front_matter_date_from_yaml_is_a_date_object() -> None:
    import datetime as dt

    assert from_front_matter({"date": dt.date(2022, 12, 8)}, Path("nq.md")) == {
        "date": "2022-12-08"
    }


def test_front_matter_bad_date_names_the_file() -> None:
    with pytest.raises(
        CorpusError, match=r"^nq\.md: front matter: date '31/02/2022' is not a date"
    ):
        from_front_matter({"date": "31/02/2022"}, Path("nq.md"))
