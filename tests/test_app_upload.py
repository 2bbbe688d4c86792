"""Safe placement of uploads: size, suffix and content checks, slug names, nothing changed on error."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from corpus.types import CorpusError, Document, DocumentMeta, Passage
from corpus.upload import (
    UploadError,
    check_upload,
    duplicate_of,
    max_upload_bytes,
    place_upload,
    slugify,
    unique_stem,
)


def _fake_parse(path: Path) -> Document:
    text = path.read_bytes()
    if b"junk" in text:
        raise CorpusError(f"{path}: cannot read the file (bad structure)")
    meta = DocumentMeta(doc_id=path.stem, title="Văn bản thử", path=str(path))
    return Document(meta, (), (Passage(f"{path.stem}#0", path.stem, (), None, "Nội dung."),))


def _docx_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Nghị quyết 35/NQ-HĐND", "nghi-quyet-35-nq-hdnd"),
        ("  Đề án  ĐỔI MỚI__2023 ", "de-an-doi-moi-2023"),
        ("../../etc/passwd", "etc-passwd"),
        ("....", "tai-lieu"),
        ("文件", "tai-lieu"),
        ("a" * 200, "a" * 80),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


def test_unique_stem_avoids_every_suffix_and_taken(tmp_path):
    (tmp_path / "nq.md").write_text("x")
    (tmp_path / "nq-2.meta.yaml").write_text("x")
    assert unique_stem(tmp_path, "nq", taken={"nq-3"}) == "nq-4"
    assert unique_stem(tmp_path, "khac") == "khac"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.exe", b"MZ", "chỉ nhận"),
        ("a.docx", b"junk bytes, not a zip", "zip"),
        ("a.docx", None, "word/document.xml"),
        ("a.pdf", b"<html>not a pdf</html>", "%PDF"),
        ("a.txt", "Quyết định café".encode()[:-1] + b"\xe9 ok", "UTF-8"),
        ("a.md", b"abc\x00def", "NUL"),
        ("a.txt", b"", "rỗng"),
    ],
)
def test_check_upload_refuses(tmp_path, name, data, message):
    if data is None:  # a zip, but not a Word document
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("hello.txt", "hi")
        data = buf.getvalue()
    with pytest.raises(UploadError, match=message):
        check_upload(_write(tmp_path, name, data), name)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.docx", _docx_bytes()),
        ("A.PDF", b"%PDF-1.7\n..."),
        ("a.md", "\ufeff# Nghị quyết".encode()),
        ("a.txt", "Điều 1. Nội dung".encode()),
    ],
)
def test_check_upload_accepts(tmp_path, name, data):
    assert check_upload(_write(tmp_path, name, data), name) == Path(name).suffix.lower()


def test_size_limit_from_configuration(tmp_path):
    from config import Config, using

    with using(Config.from_env({"NQA_MAX_UPLOAD_MB": "0.001"})):
        assert max_upload_bytes() == 1048
        with pytest.raises(UploadError, match="vượt giới hạn"):
            check_upload(_write(tmp_path, "a.txt", b"x" * 2000), "a.txt")
    with pytest.raises(ValueError, match="NQA_MAX_UPLOAD_MB='lots' is not allowed"):
        Config.from_env({"NQA_MAX_UPLOAD_MB": "lots"})


def test_docx_zip_bomb_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("corpus.upload.MAX_UNZIPPED_BYTES", 1000)
    data = _docx_bytes({"word/media/big.bin": b"\0" * 5000})
    with pytest.raises(UploadError, match="quá lớn"):
        check_upload(_write(tmp_path, "a.docx", data), "a.docx")


def test_place_upload_renames_to_a_slug(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "nghi-quyet-so-1.md").write_text("cũ")
    src = _write(tmp_path, "Nghị quyết số 1.txt", "Điều 1. Mới".encode())
    placed = place_upload(src, "Nghị quyết số 1.txt", corpus, parse=_fake_parse)
    assert placed.path == corpus / "nghi-quyet-so-1-2.txt"
    assert placed.path.read_text(encoding="utf-8") == "Điều 1. Mới"
    assert sorted(p.name for p in corpus.iterdir()) == [
        "nghi-quyet-so-1-2.txt",
        "nghi-quyet-so-1.md",
    ]


def test_place_upload_of_a_corrupted_file_changes_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("x")
    src = _write(tmp_path, "bad.txt", b"junk junk")
    with pytest.raises(UploadError, match="Không đọc được tệp 'bad.txt': cannot read") as info:
        place_upload(src, "bad.txt", corpus, parse=_fake_parse)
    assert ".upload-" not in str(info.value)
    assert [p.name for p in corpus.iterdir()] == ["a.md"]


def test_place_upload_takes_only_the_base_name(tmp_path):
    corpus = tmp_path / "corpus"
    src = _write(tmp_path, "x.md", b"# ok")
    placed = place_upload(src, "../../../etc/cron.d/evil.md", corpus, parse=_fake_parse)
    assert placed.path.parent == corpus and placed.path.name == "evil.md"


def test_untitled_upload_keeps_its_file_name_as_title(tmp_path):
    from corpus import load_document

    corpus = tmp_path / "corpus"
    src = _write(
        tmp_path, "x.md", "**Điều 1.** Hỗ trợ 7 triệu đồng cho mỗi hộ nuôi cá lồng.".encode()
    )
    placed = place_upload(src, "Nuôi cá: lồng.md", corpus)
    assert sorted(p.name for p in corpus.iterdir()) == ["nuoi-ca-long.md", "nuoi-ca-long.meta.yaml"]
    assert load_document(placed.path).meta.title == "Nuôi cá: lồng"
    placed.remove()
    assert list(corpus.iterdir()) == []


def test_titled_upload_gets_no_sidecar(tmp_path):
    corpus = tmp_path / "corpus"
    src = _write(tmp_path, "x.md", b"# x")
    place_upload(src, "x.md", corpus, parse=_fake_parse)  # the parser found "Văn bản thử"
    assert [p.name for p in corpus.iterdir()] == ["x.md"]


def test_duplicate_of_compares_bytes(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_bytes(b"# A")
    (corpus / ".upload-x.md").write_bytes(b"# B")  # hidden: not a document
    assert duplicate_of(_write(tmp_path, "n.md", b"# A"), corpus) == corpus / "a.md"
    assert duplicate_of(_write(tmp_path, "m.md", b"# B"), corpus) is None
    assert duplicate_of(_write(tmp_path, "m.md", b"# B"), tmp_path / "none") is None
