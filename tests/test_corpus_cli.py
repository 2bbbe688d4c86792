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
    assert all(set(r) == {"id", "doc_id", "section", "article", "text"} for r in records)
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
