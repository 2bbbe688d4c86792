"""`nqa corpus list | show | passages`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nqa import main

DOC_ID = "nq-hdnd-thai-nguyen-kt-xh-2023"


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    (tmp_path / "luat-a.txt").write_text(
        "LUẬT THỬ NGHIỆM\n\nĐiều 1. Phạm vi\nLuật này quy định thử nghiệm.\n\n"
        "Điều 2. Giải thích\n1. Thử là làm.\n",
        encoding="utf-8",
    )
    (tmp_path / "hong.pdf").write_bytes(b"not a pdf")
    return tmp_path


def test_list_bundled(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "list"]) == 0
    out = capsys.readouterr().out
    assert DOC_ID in out
    assert "Hội đồng nhân dân tỉnh Thái Nguyên" in out


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "list", "--json"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    record = json.loads(line)
    assert record["doc_id"] == DOC_ID
    assert record["date"] == "2022-12-08"
    assert record["signer"] == "Phạm Hoàng Sơn"
    assert "Thái Nguyên" in line  # ensure_ascii=False


def test_show_prints_indented_toc(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "show", DOC_ID]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Nghị quyết về kết quả")
    assert "Điều 2" in lines
    assert "  I. Mục tiêu và các chỉ tiêu chủ yếu" in lines
    assert "      b) Các chỉ tiêu xã hội" in lines
    assert "Điều 3. Tổ chức thực hiện" in lines


def test_passages_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "passages", DOC_ID, "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert all(set(r) == {"id", "doc_id", "section", "article", "kind", "text"} for r in records)
    assert {r["kind"] for r in records} >= {"content", "heading", "signature"}
    target = next(r for r in records if r["text"].startswith("Tỷ lệ dân số tham gia bảo hiểm y tế"))
    assert target["section"] == (
        "Điều 2 › I. Mục tiêu và các chỉ tiêu chủ yếu › 2. Các chỉ tiêu chủ yếu › b) Các chỉ tiêu xã hội"
    )
    assert target["article"] == "2"
    assert any(r["article"] is None for r in records)


def test_passages_of_all_documents_with_warnings(
    small_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["corpus", "passages", "--corpus", str(small_corpus), "--json"]) == 0
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert {r["doc_id"] for r in records} == {"luat-a"}
    assert {
        "section": "Điều 2. Giải thích › Khoản 1",
        "article": "2",
        "text": "1. Thử là làm.",
    }.items() <= records[-1].items()
    assert captured.err.startswith(f"nqa: warning: {small_corpus / 'hong.pdf'}: ")


def test_passages_text_output(small_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "passages", "luat-a", "--corpus", str(small_corpus)]) == 0
    out = capsys.readouterr().out
    assert "luat-a#dieu-1#1\n  Điều 1. Phạm vi\n  Luật này quy định thử nghiệm." in out


def test_list_reports_bad_files_and_lists_the_rest(
    small_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["corpus", "list", "--corpus", str(small_corpus)]) == 0
    captured = capsys.readouterr()
    assert "luat-a" in captured.out and "Luật Thử nghiệm" in captured.out
    assert "hong.pdf: not a readable PDF" in captured.err


@pytest.mark.parametrize("command", ["show", "passages"])
def test_unknown_document(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", command, "khong-co"]) == 2
    err = capsys.readouterr().err
    assert "khong-co" in err and DOC_ID in err


def test_missing_corpus_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "list", "--corpus", str(tmp_path / "nope")]) == 2
    assert "not a folder" in capsys.readouterr().err


GOOD = """HỘI ĐỒNG NHÂN DÂN TỈNH THÁI NGUYÊN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 35/2025/NQ-HĐND
Thái Nguyên, ngày 10 tháng 12 năm 2025
NGHỊ QUYẾT
QUY ĐỊNH MỨC HỌC PHÍ NĂM HỌC 2025 - 2026 TRÊN ĐỊA BÀN TỈNH THÁI NGUYÊN
Căn cứ Luật Giáo dục số 43/2019/QH14;
Hội đồng nhân dân ban hành Nghị quyết quy định mức học phí năm học 2025 - 2026 trên địa bàn tỉnh Thái Nguyên.
Điều 1. Mức học phí
Mức học phí mầm non ở thành thị là 300.000 đồng/tháng.
Điều 2. Hiệu lực thi hành
Nghị quyết này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.
"""
# pypdf's splitting of accented glyphs, as the real gazette PDFs came out
GARBLED = """CH ÍNH PH Ủ
Số: 158/2025/NĐ-CP
Hà N ội, ngày 25 tháng 6 năm 2025
NGH Ị ĐỊNH
Quy định chi tiết về bảo hiểm xã hội bắt buộc
Điều 1. Ph ạm vi đi ều ch ỉnh
Ngh ị đ ịnh n ày quy đ ịnh chi ti ết v ề b ảo hi ểm x ã h ội b ắt bu ộc v à ch ế đ ộ đ ối v ới ng ư ời lao đ ộng.
"""


@pytest.fixture
def check_folder(tmp_path: Path) -> Path:
    (tmp_path / "nq-tot.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "nq-khong-so.txt").write_text(
        GOOD.replace("Số: 35/2025/NQ-HĐND\n", ""), encoding="utf-8"
    )
    (tmp_path / "nd-vo-chu.txt").write_text(GARBLED, encoding="utf-8")
    (tmp_path / "hong.docx").write_bytes(b"PK not a zip")
    return tmp_path


def test_check_prints_metadata_warnings_and_unreadable_files(
    check_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["corpus", "check", str(check_folder)]) == 0  # warnings never fail the command
    out = capsys.readouterr().out
    good = out.split("nq-tot\n", 1)[1].split("\n\n", 1)[0]
    assert (
        "title:     Nghị quyết quy định mức học phí năm học 2025 - 2026 trên địa bàn tỉnh" in good
    )
    assert "number:    35/2025/NQ-HĐND" in good and "effective: 2026-01-01" in good
    assert "region:    Thái Nguyên" in good and "warning" not in good
    missing = out.split("nq-khong-so\n", 1)[1].split("\n\n", 1)[0]
    assert "warning:   no number found" in missing
    garbled = out.split("nd-vo-chu\n", 1)[1].split("\n\n", 1)[0]
    assert "warning:   text looks garbled" in garbled
    assert "Files that could not be read:" in out and "hong.docx: not a .docx file" in out


def test_check_json(check_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "check", str(check_folder), "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    documents = {r["doc_id"]: r for r in records if r["type"] == "document"}
    assert set(documents) == {"nq-tot", "nq-khong-so", "nd-vo-chu"}
    good = documents["nq-tot"]
    assert (good["number"], good["kind"], good["issuer"], good["date"]) == (
        "35/2025/NQ-HĐND",
        "Nghị quyết",
        "Hội đồng nhân dân tỉnh Thái Nguyên",
        "2025-12-10",
    )
    assert good["warnings"] == [] and good["passages"]["content"] >= 2 and good["tables"] == 0
    assert any(w.startswith("text looks garbled") for w in documents["nd-vo-chu"]["warnings"])
    (error,) = [r for r in records if r["type"] == "error"]
    assert error["path"].endswith("hong.docx") and error["reason"]


def test_check_bad_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "check", str(tmp_path / "nope")]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_check_counts_tables_and_warns_on_tiny_passages_and_ocr() -> None:
    from corpus.check import check
    from corpus.types import Document, DocumentMeta, Passage

    def passage(n: int, text: str, kind: str = "content", section=("Phụ lục",)) -> Passage:
        return Passage(f"d#{n}", "d", section, None, text, kind)

    doc = Document(
        meta=DocumentMeta(doc_id="d", title="Nghị quyết", kind="Nghị quyết"),
        toc=(),
        passages=(
            passage(1, "Mức học phí mầm non ở thành thị là 300.000 đồng/tháng."),
            passage(2, "Thành thị"),
            passage(3, "300.000"),
            passage(4, "Bảng mức học phí", "table"),
            passage(5, "Mầm non — Thành thị: 300.000", "row"),
            passage(6, "Cấp xã — 100.000", "row", ("Phụ lục II",)),
        ),
        notes=("OCR: 3 pages",),
    )
    report = check(doc)
    assert report.tables == 2  # one whole table, and rows of a second without one
    assert report.passages == {"content": 3, "table": 1, "row": 2}
    assert report.warnings[:4] == (
        "no title found (the title block gives no type and subject)",
        "no number found",
        "no date found",
        "no issuer found",
    )
    assert report.warnings[4].startswith("many tiny passages: 2 of 3 content passages (67%)")
    assert report.warnings[-1].startswith("read through OCR")
