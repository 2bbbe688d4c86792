"""One listing of a corpus folder, seen the same way by every caller: load_corpus, the index
build and its fingerprints, and the upload's duplicate check."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import load_corpus
from corpus.listing import Source, doc_id_of, list_files, sidecars_of
from corpus.types import CorpusError
from corpus.upload import duplicate_of, seed_corpus
from index import build_index, store
from tests.fakes import BagOfWordsEmbedder

RESOLUTION = "NGHỊ QUYẾT\nVề mức chi\nĐiều 1. Mức chi\nMức chi là 100.000 đồng/người.\n"
OTHER = "NGHỊ QUYẾT\nVề học phí\nĐiều 1. Học phí\nHọc phí là 300.000 đồng/tháng.\n"


def _write(folder: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    """Same stem twice, an Office lock file, a hidden file, a backup, a sidecar, a stray file,
    an orphan sidecar and a subfolder, beside one good document."""
    return _write(
        tmp_path / "corpus",
        {
            "muc-chi.md": RESOLUTION,
            "muc-chi.meta.yaml": "title: Nghị quyết về mức chi\n",
            "hoc-phi.txt": OTHER,
            "hoc-phi.pdf": b"%PDF-1.4 not really",
            "~$muc-chi.docx": b"lock",
            ".an.md": "hidden",
            "muc-chi.md~": "backup",
            "ghi-chu.doc": b"\xd0\xcf\x11\xe0",
            "cu.yaml": "title: mồ côi\n",
            "luu-tru/nq-cu.md": OTHER,
        },
    )


def _names(errors) -> list[str]:
    return sorted(Path(e.path).name for e in errors)


def test_listing_sorts_files_into_documents_sidecars_and_errors(messy: Path) -> None:
    listing = list_files(messy)
    assert listing.sources == (Source(messy / "muc-chi.md", messy / "muc-chi.meta.yaml"),)
    assert _names(listing.errors) == [
        "cu.yaml",
        "ghi-chu.doc",
        "hoc-phi.pdf",
        "hoc-phi.txt",
        "luu-tru",
    ]
    reasons = {Path(e.path).name: e.reason for e in listing.errors}
    for name in ("hoc-phi.pdf", "hoc-phi.txt"):
        assert "hoc-phi.pdf, hoc-phi.txt" in reasons[name] and "rename one" in reasons[name]
    assert "unsupported file type '.doc'" in reasons["ghi-chu.doc"]
    assert "subfolders are not read" in reasons["luu-tru"]
    assert "without a document" in reasons["cu.yaml"]


def test_every_caller_sees_the_same_documents_and_errors(messy: Path) -> None:
    corpus = load_corpus(messy)
    assert [d.meta.doc_id for d in corpus.documents] == ["muc-chi"]
    assert corpus.documents[0].meta.title == "Nghị quyết về mức chi"  # the sidecar is read
    listed = _names(list_files(messy).errors)
    assert _names(corpus.errors) == listed

    index = build_index(messy, embedder=BagOfWordsEmbedder(["mức", "chi", "học", "phí"]))
    assert [d.meta.doc_id for d in index.corpus.documents] == ["muc-chi"]
    assert _names(index.corpus.errors) == listed
    assert len({p.id for p in index.passages}) == len(index.passages)

    assert sorted(store.file_fingerprints(messy)) == ["muc-chi.md", "muc-chi.meta.yaml"]

    upload = _write(messy.parent, {"upload.txt": OTHER}) / "upload.txt"
    assert duplicate_of(upload, messy) is None  # hoc-phi.txt is refused, not a document
    lock = _write(messy.parent, {"lock.docx": b"lock"}) / "lock.docx"
    assert duplicate_of(lock, messy) is None  # ~$muc-chi.docx is not a document
    assert duplicate_of(messy / "muc-chi.md", messy) == messy / "muc-chi.md"


def test_a_lock_file_or_a_stray_file_does_not_make_the_index_stale(messy: Path) -> None:
    before = store.file_fingerprints(messy)
    _write(messy, {"~$hoc-phi.docx": b"lock", ".tmp.md": "x", "thumbs.db": b"x"})
    assert store.file_fingerprints(messy) == before
    _write(messy, {"muc-chi.meta.yaml": "title: Nghị quyết về mức chi mới\n"})
    assert store.file_fingerprints(messy) != before  # a metadata edit is a change


def test_renaming_one_of_two_same_stem_files_brings_both_back(messy: Path) -> None:
    (messy / "hoc-phi.pdf").unlink()
    assert [d.meta.doc_id for d in load_corpus(messy).documents] == ["hoc-phi", "muc-chi"]


def test_a_parser_bug_in_one_file_is_that_files_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import corpus

    folder = _write(tmp_path, {"a.md": RESOLUTION, "b.md": OTHER})
    real = corpus.load_document

    def broken(path, options=None):
        if Path(path).name == "b.md":
            raise IndexError("list index out of range")
        return real(path, options) if options else real(path)

    monkeypatch.setattr(corpus, "load_document", broken)
    index = build_index(folder, embedder=BagOfWordsEmbedder(["mức", "chi"]))
    assert [d.meta.doc_id for d in index.corpus.documents] == ["a"]
    (error,) = index.corpus.errors
    assert error.path.endswith("b.md") and "IndexError" in error.reason


def test_the_build_reuses_unchanged_documents(tmp_path: Path) -> None:
    folder = _write(tmp_path, {"a.md": RESOLUTION, "b.md": OTHER})
    embedder = BagOfWordsEmbedder(["mức", "chi", "học", "phí"])
    first = build_index(folder, embedder=embedder)
    _write(folder, {"b.meta.yaml": "title: Nghị quyết về học phí\n"})
    second = build_index(folder, embedder=embedder, previous=first)
    a1, b1 = first.corpus.documents
    a2, b2 = second.corpus.documents
    assert a2 is a1  # taken from the previous index, not parsed again
    assert b2 is not b1 and b2.meta.title == "Nghị quyết về học phí"


def test_seeding_copies_documents_with_their_sidecars(messy: Path, tmp_path: Path) -> None:
    target = tmp_path / "new"
    assert seed_corpus(target, messy) == 1
    assert sorted(p.name for p in target.iterdir()) == ["muc-chi.md", "muc-chi.meta.yaml"]
    empty = tmp_path / "empty"
    _write(empty, {"~$x.docx": b"lock", "ghi-chu.doc": b"x"})
    assert seed_corpus(empty, messy) == 1  # a lock file or a stray file is no document


@pytest.mark.parametrize(
    ("name", "doc_id"),
    [("a.md", "a"), ("a.meta.yaml", "a"), ("a.yml", "a"), ("nq-35.2023.pdf", "nq-35.2023")],
)
def test_doc_id_of(name: str, doc_id: str) -> None:
    assert doc_id_of(name) == doc_id


def test_sidecars_of_lists_every_metadata_file(tmp_path: Path) -> None:
    _write(tmp_path, {"a.md": RESOLUTION, "a.meta.yaml": "title: A\n", "a.yml": "title: B\n"})
    assert sidecars_of(tmp_path / "a.md") == [tmp_path / "a.meta.yaml", tmp_path / "a.yml"]
    listing = list_files(tmp_path)
    assert listing.sources[0].sidecar == tmp_path / "a.meta.yaml"
    (error,) = listing.errors
    assert error.path.endswith("a.yml") and "second metadata file" in error.reason


def test_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not a folder"):
        list_files(tmp_path / "missing")
