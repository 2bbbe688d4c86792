"""The real model and the real index on the bundled resolution: questions typed every way a
citizen types them land on the right passage; the index persists, notices staleness, and
survives a crash mid-build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index import IndexStateError, build_index, open_index, store
from tests.conftest import SEED_DOC

pytestmark = pytest.mark.slow

BHYT = "Tỷ lệ dân số tham gia bảo hiểm y tế: 95%"


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("seed-corpus")
    shutil.copy(SEED_DOC, folder)
    return folder


@pytest.fixture(scope="module")
def index(seed_dir):
    return open_index(seed_dir)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Tỷ lệ dân số tham gia bảo hiểm y tế năm 2023", BHYT),  # with diacritics
        ("ty le dan so tham gia bao hiem y te", BHYT),  # without
        ("chi tieu BHYT 2023 la bao nhieu", BHYT),  # abbreviation, no diacritics
        ("bao nhiêu phần trăm dân có thẻ BHYT", BHYT),  # paraphrase
        ("BHXH", "bảo hiểm xã hội: 44%"),
        ("tốc độ tăng trưởng GRDP 8.5%", "Tốc độ tăng trưởng kinh tế (GRDP): 8,5%"),  # 8.5 = 8,5
        ("ty le che phu rung", "che phủ rừng: Từ 46% trở lên"),
        ("04/2021/NQ-HĐND", "Nghị quyết số 04/2021/NQ-HĐND"),  # document number
        ("Nghị quyết 11-NQ/TW", "Nghị quyết số 11-NQ/TW"),
        ("xa dat chuan NTM", "Số xã đạt chuẩn nông thôn mới trong năm: 11 xã"),
        ("What is the target for health insurance coverage?", BHYT),  # English
        (
            "Which provinces will the electronics manufacturing cluster be built with?",
            "cụm liên kết sản xuất trong ngành công nghiệp điện, điện tử",
        ),
    ],
)
def test_questions_land_on_the_right_passage(index, query, expected):
    hits = index.search(query, k=5)
    assert expected in " ".join(h.passage.text for h in hits[:3]), [h.passage.text for h in hits]


def test_hits_carry_section_and_article(index):
    hit = index.search("bảo hiểm y tế 95%", k=1)[0]
    assert hit.passage.article == "2"
    assert hit.passage.section_str.endswith("b) Các chỉ tiêu xã hội")
    assert hit.dense is not None and hit.bm25 is not None


def test_k_larger_than_corpus(index):
    assert len(index.search("nông thôn mới", k=10_000)) == len(index.passages)


def test_reopening_loads_without_rebuilding(seed_dir, index):
    home = store.index_home(seed_dir)
    before = store.current_build(home)
    again = open_index(seed_dir)
    assert store.current_build(home) == before
    assert [p.id for p in again.passages] == [p.id for p in index.passages]
    assert again.search("BHYT", k=1)[0].passage.id == index.search("BHYT", k=1)[0].passage.id


def test_added_document_is_indexed_without_reembedding_others(seed_dir, index, monkeypatch):
    (seed_dir / "extra.md").write_text(
        "# Nghị quyết về hỗ trợ nông dân\n\n**Điều 1.** Hỗ trợ mỗi hộ trồng chè 5 triệu đồng.\n",
        encoding="utf-8",
    )
    with pytest.raises(IndexStateError, match="nqa index build --corpus"):
        open_index(seed_dir, build=False)
    calls = []
    embedder = index.embedder
    original = embedder.encode
    monkeypatch.setattr(
        embedder,
        "encode",
        lambda texts, kind, **kw: calls.append(len(texts)) or original(texts, kind, **kw),
    )
    updated = open_index(seed_dir)
    assert calls and max(calls) <= 3  # only the new document's passages
    assert updated.search("hộ trồng chè", k=1)[0].passage.doc_id == "extra"
    (seed_dir / "extra.md").unlink()
    assert "extra" not in {d.meta.doc_id for d in open_index(seed_dir).corpus.documents}


def test_crash_during_build_leaves_old_index(seed_dir, index):
    home = store.index_home(seed_dir)
    before = store.current_build(home)

    def crash(_build):
        raise RuntimeError("simulated crash while writing")

    with pytest.raises(RuntimeError, match="simulated"):
        build_index(seed_dir, embedder=None, previous=index, on_written=crash)
    assert store.current_build(home) == before
    assert len(list(home.glob("build-*"))) == 1
    assert open_index(seed_dir, build=False).search("BHYT", k=1)


def test_model_change_makes_the_index_stale(seed_dir, index):
    from index.settings import Settings

    other = Settings(model="some/other-model")
    with pytest.raises(IndexStateError, match="another model"):
        open_index(seed_dir, other, build=False)


def test_empty_corpus_is_a_clear_error(tmp_path):
    with pytest.raises(IndexStateError, match="No readable documents"):
        open_index(tmp_path)
    with pytest.raises(IndexStateError, match="does not exist"):
        open_index(tmp_path / "missing")


def test_lexical_change_keeps_the_vectors(seed_dir, index, monkeypatch):
    import index.build as build_module

    open_index(seed_dir)  # up to date first
    monkeypatch.setattr(build_module, "LEXICAL_VERSION", build_module.LEXICAL_VERSION + 1)
    with pytest.raises(IndexStateError, match="lexical settings changed"):
        open_index(seed_dir, build=False)
    embedder = index.embedder
    calls = []
    original = embedder.encode
    monkeypatch.setattr(
        embedder,
        "encode",
        lambda texts, kind, **kw: calls.append((kind, len(texts))) or original(texts, kind, **kw),
    )
    rebuilt = open_index(seed_dir)
    assert not [c for c in calls if c[0] == "passage"]
    assert rebuilt.search("BHYT", k=1)[0].passage.text.startswith("Tỷ lệ dân số")


def test_a_new_parser_reads_every_document_again(seed_dir, index, monkeypatch):
    import corpus

    open_index(seed_dir)  # up to date first
    parsed = []
    original = corpus.load_document

    def spy(path, *args, **kwargs):
        parsed.append(Path(path).name)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(corpus, "PARSER_VERSION", corpus.PARSER_VERSION + "-next")
    monkeypatch.setattr(corpus, "load_document", spy)
    rebuilt = open_index(seed_dir)
    assert rebuilt.manifest["settings"]["parser"].endswith("-next")
    assert parsed == [SEED_DOC.name]  # parsed again, not taken from the previous build
