"""An index that checks itself: every damage to a stored build is found when it is opened, and
either rebuilt or reported with what is wrong and the command that fixes it, never served.
Small corpora and a hand-checkable embedder; one slow test runs `nqa index check` for real."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from index import IndexStateError, open_index, store
from index.build import stored_index
from index.settings import Settings
from tests.fakes import BagOfWordsEmbedder

WORDS = ["bao", "hiem", "ngan", "sach", "duong", "truong", "hoc", "ngheo", "rung"]
DOC_A = """---
title: Nghị quyết thử A
---

**Điều 1.** Tỷ lệ dân số tham gia bảo hiểm y tế đạt 95%.

**Điều 2.** Thu ngân sách nhà nước đạt 650 tỷ đồng.

**Điều 3.** Xây mới 12 trường học đạt chuẩn.
"""
DOC_B = """---
title: Kế hoạch thử B
---

**Điều 1.** Làm mới 40 km đường giao thông nông thôn.

**Điều 2.** Tỷ lệ hộ nghèo giảm còn 2,1%.

**Điều 3.** Tỷ lệ che phủ rừng giữ ở mức 53%.
"""


def _corpus(folder: Path, docs: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def embedder():
    return BagOfWordsEmbedder(WORDS)


@pytest.fixture
def corpus(tmp_path, embedder) -> Path:
    folder = _corpus(tmp_path / "kho", {"a.md": DOC_A, "b.md": DOC_B})
    open_index(folder, Settings(), embedder=embedder)
    return folder


def _build(folder: Path) -> Path:
    home = store.index_home(folder)
    return home / (home / store.POINTER).read_text().strip()


def _swap_lines(path: Path, i: int, j: int) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[i], lines[j] = lines[j], lines[i]
    path.write_text("\n".join(lines), encoding="utf-8")


def _edit_passage(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "95%" in text
    path.write_text(text.replace("95%", "59%"), encoding="utf-8")  # same size, another figure


def _drop_line(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")


def _from_other_index(tmp_path, embedder, name: str):
    other = _corpus(tmp_path / "khac", {"c.md": DOC_B.replace("40 km", "45 km")})
    open_index(other, Settings(), embedder=embedder)

    def damage(build: Path) -> None:
        target = build / name
        if target.is_dir():
            shutil.rmtree(target)
            shutil.copytree(_build(other) / name, target)
        else:
            shutil.copyfile(_build(other) / name, target)

    return damage


DAMAGES = {
    "swapped passages": lambda b, t, e: _swap_lines(b / "passages.jsonl", 0, 1),
    "edited passage": lambda b, t, e: _edit_passage(b / "passages.jsonl"),
    "tokens line removed": lambda b, t, e: _drop_line(b / "tokens.jsonl"),
    "passages line removed": lambda b, t, e: _drop_line(b / "passages.jsonl"),
    "documents emptied": lambda b, t, e: (b / "documents.jsonl").write_text(""),
    "bm25 from another index": lambda b, t, e: _from_other_index(t, e, "bm25")(b),
    "vectors from another index": lambda b, t, e: _from_other_index(t, e, "dense.faiss")(b),
    "manifest holds a list": lambda b, t, e: (b / "manifest.json").write_text("[1, 2]"),
    "manifest not json": lambda b, t, e: (b / "manifest.json").write_bytes(b"\xff\x00{"),
    "file missing": lambda b, t, e: (b / "tokens.jsonl").unlink(),
    "stray file": lambda b, t, e: (b / "bm25" / "extra.npy").write_bytes(b"x"),
    "CURRENT a folder": lambda b, t, e: _replace_pointer(b, folder=True),
    "CURRENT binary": lambda b, t, e: _replace_pointer(b, data=b"\x00\xff\xfe\x01garbage"),
    "CURRENT names nothing": lambda b, t, e: _replace_pointer(b, data=b"build-gone"),
}


def _replace_pointer(build: Path, *, folder: bool = False, data: bytes = b"") -> None:
    pointer = build.parent / store.POINTER
    pointer.unlink()
    if folder:
        pointer.mkdir()
    else:
        pointer.write_bytes(data)


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_index_is_reported_with_the_fix(corpus, tmp_path, embedder, damage):
    DAMAGES[damage](_build(corpus), tmp_path, embedder)
    with pytest.raises(IndexStateError) as info:
        open_index(corpus, Settings(), build=False, embedder=embedder)
    message = str(info.value)
    assert "damaged" in message and f"nqa index build --corpus {corpus}" in message


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_index_is_rebuilt_and_answers_right(corpus, tmp_path, embedder, damage):
    DAMAGES[damage](_build(corpus), tmp_path, embedder)
    index = open_index(corpus, Settings(), embedder=embedder)  # what `nqa index build` does
    assert sorted(d.meta.doc_id for d in index.corpus.documents) == ["a", "b"]
    top = index.search("bảo hiểm y tế", 1, mode="bm25")[0].passage
    assert "95%" in top.text and top.doc_id == "a"
    assert index.search("rừng", 1, mode="dense")[0].passage.text.endswith("53%.")
    assert stored_index(corpus, Settings(), embedder)[1] is None  # sound and up to date again


def test_emptied_documents_are_never_indexed_as_zero(corpus, embedder):
    (_build(corpus) / "documents.jsonl").write_text("")
    index = open_index(corpus, Settings(), embedder=embedder)
    assert len(index.corpus.documents) == 2 and len(index.passages) > 0


def test_the_manifest_records_every_file(corpus):
    build = _build(corpus)
    manifest = json.loads((build / "manifest.json").read_text())
    files = {p.relative_to(build).as_posix() for p in build.rglob("*") if p.is_file()}
    assert set(manifest["contents"]) == files - {"manifest.json"}
    for name, entry in manifest["contents"].items():
        assert entry["bytes"] == (build / name).stat().st_size
        assert entry["sha256"] == store.sha256_file(build / name)


def test_a_sound_index_opens_without_rebuilding(corpus, embedder):
    before = _build(corpus)
    open_index(corpus, Settings(), embedder=embedder)
    assert _build(corpus) == before


@pytest.mark.slow
def test_nqa_index_check(tmp_path, capsys):
    import nqa

    folder = _corpus(tmp_path / "kho", {"a.md": DOC_A})
    assert nqa.main(["index", "check", "--corpus", str(folder)]) == 2
    assert "missing" in capsys.readouterr().err
    assert nqa.main(["index", "build", "--corpus", str(folder)]) == 0
    assert nqa.main(["index", "check", "--corpus", str(folder)]) == 0
    assert "match their recorded sizes and sha256" in capsys.readouterr().out
    _swap_lines(_build(folder) / "passages.jsonl", 0, 1)
    assert nqa.main(["index", "check", "--corpus", str(folder)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "passages.jsonl differs from the checksum" in err
    assert f"nqa index build --corpus {folder}" in err
    assert nqa.main(["index", "build", "--corpus", str(folder)]) == 0
    assert nqa.main(["index", "check", "--corpus", str(folder)]) == 0


def test_a_build_another_process_is_writing_survives_a_rebuild(corpus, embedder):
    """Two builds of one corpus at once (two evaluations started together): the one that
    publishes first must not remove the folder the other is still writing."""
    import os
    import time

    from index.build import build_index

    home = store.index_home(corpus, Settings().data_dir)
    writing = store.new_build_dir(home)  # another process's build: no manifest yet
    (writing / "passages.jsonl").write_text("", encoding="utf-8")
    abandoned = store.new_build_dir(home)  # left by a crash two hours ago
    old = time.time() - 2 * 3600
    os.utime(abandoned, (old, old))
    previous = _build(corpus)
    build_index(corpus, Settings(), embedder=embedder)
    assert writing.is_dir() and (writing / "passages.jsonl").is_file()
    assert not abandoned.exists() and not previous.exists()
    assert open_index(corpus, Settings(), embedder=embedder).passages
