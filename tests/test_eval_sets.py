"""The committed question sets load, their dev/test splits do not overlap, and every realdocs and
realdocs2/realdocs3 question points at real documents whose text contains its evidence (this catches typos)."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import pytest

from eval.dataset import load_questions

DATA = Path(__file__).resolve().parents[1] / "eval" / "data"
DOCS = DATA / "realdocs" / "docs"
SETS = (
    "seed",
    "realdocs",
    "informal",
    "realdocs2",
    "realdocs3",
    "realdocs4",
    "bundled2",
    "realdocs5",
    "bundled3",
    "realdocs6",
    "realdocs7",
    "bundled4",
    "bundled5",
    "realdocs8",
    "realdocs9",
    "bundled6",
    "realdocs10",
    "bundled7",
    "bundled8",
    "realdocs11",
    "bundled9",
    "realdocs12",
    "bundled10",
    "realdocs13",
    "bundled11",
    "realdocs14",
    "bundled12",
    "realdocs15",
    "bundled13",
    "realdocs16",
    "bundled14",
    "realdocs17",
)
DEV_ONLY = {"bundled3", "realdocs6"}  # written for tuning only: no test split
REALDOCS_SETS = (
    "realdocs",
    "realdocs2",
    "realdocs3",
    "realdocs4",
    "realdocs5",
    "realdocs6",
    "realdocs7",
    "realdocs8",
    "realdocs9",
    "realdocs10",
    "realdocs11",
    "realdocs12",
    "realdocs13",
    "realdocs14",
    "realdocs15",
    "realdocs16",
    "realdocs17",
)  # questions over realdocs/docs, with `docs`
SCANNED = {"nd-335-2025-danh-gia-xep-loai-cong-chuc-ban-ky-scan"}  # no text layer
INFORMAL_DOC = DATA.parents[1] / "corpus" / "data" / "nq-hdnd-thai-nguyen-kt-xh-2023.md"


def _split(name: str) -> dict[str, list]:
    parts = ("dev",) if name in DEV_ONLY else ("dev", "test")
    return {part: load_questions(DATA / name / f"{part}.jsonl") for part in parts}


@functools.cache
def _doc_stems() -> dict[str, Path]:
    return {p.stem: p for p in DOCS.iterdir() if p.suffix in {".md", ".txt", ".pdf", ".docx"}}


_MARKS = re.compile(r"\*\*|[*_\\|]")
_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    """NFC, Markdown emphasis / escapes / cell bars removed, one space, casefold."""
    text = _MARKS.sub("", unicodedata.normalize("NFC", text))
    return _SPACE.sub(" ", text).strip().casefold()


@functools.cache
def _doc_text(path: Path) -> str:
    if path.suffix == ".pdf":
        import pypdfium2

        pdf = pypdfium2.PdfDocument(str(path))
        raw = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    elif path.suffix == ".docx":
        raw = _docx_text(path)
    else:
        raw = path.read_text(encoding="utf-8")
    return _norm(raw)


def _docx_text(path: Path) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    parts = []
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            parts.append(Paragraph(element, document).text)
        elif element.tag.endswith("}tbl"):
            for row in Table(element, document).rows:
                parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


@pytest.mark.parametrize("name", SETS)
def test_set_loads_and_splits_do_not_overlap(name):
    parts = _split(name)
    dev = {q.id for q in parts["dev"]}
    test = {q.id for q in parts.get("test", [])}
    assert dev and (test or name in DEV_ONLY)
    if name in DEV_ONLY:
        assert not (DATA / name / "test.jsonl").exists(), f"{name} is for tuning only"
    assert not dev & test, f"{name}: ids in both dev and test: {sorted(dev & test)}"
    kinds = {q.kind for qs in parts.values() for q in qs}
    assert None not in kinds, f"{name}: every question needs a kind"


def test_seed_split_is_the_seed_file():
    parts = _split("seed")
    original = load_questions(DATA / "seed_questions.jsonl")
    assert sorted(q.id for qs in parts.values() for q in qs) == sorted(q.id for q in original)
    by_id = {q.id: q for q in original}
    assert all(by_id[q.id] == q for qs in parts.values() for q in qs)


@pytest.mark.parametrize("name", [s for s in SETS if s != "seed"])  # seed: sections
def test_answerable_questions_have_evidence(name):
    for qs in _split(name).values():
        for q in qs:
            assert q.answerable is not None, f"{q.id}: needs answers or all_of"
            if q.answerable:
                assert q.evidence, f"{q.id}: an answerable question needs evidence"


@pytest.mark.parametrize("name", REALDOCS_SETS)
def test_realdocs_questions_name_existing_documents(name):
    stems = _doc_stems()
    for qs in _split(name).values():
        for q in qs:
            unknown = [d for d in q.docs if d not in stems]
            assert not unknown, f"{q.id}: no document {unknown} in {DOCS}"
            if q.answerable:
                assert q.docs, f"{q.id}: an answerable realdocs question needs docs"


@pytest.mark.parametrize("name", REALDOCS_SETS)
def test_realdocs_evidence_occurs_in_its_documents(name):
    stems = _doc_stems()
    missing = []
    for qs in _split(name).values():
        for q in qs:
            texts = [_doc_text(stems[d]) for d in q.docs if d not in SCANNED]
            for e in q.evidence:
                if not any(_norm(e) in text for text in texts):
                    missing.append(f"{q.id}: {e!r} not in {list(q.docs)}")
    assert not missing, "\n".join(missing)


# the sets written whole first and split afterwards keep their source as questions.jsonl
WRITTEN_WHOLE = tuple(name for name in SETS if (DATA / name / "questions.jsonl").is_file())


def test_the_later_sets_keep_the_file_they_were_split_from():
    assert set(WRITTEN_WHOLE) >= {"realdocs2", "realdocs6", "realdocs7", "bundled2", "bundled4"}


@pytest.mark.parametrize("name", WRITTEN_WHOLE)
def test_the_split_is_the_questions_file(name):
    parts = _split(name)
    original = load_questions(DATA / name / "questions.jsonl")
    assert sorted(q.id for qs in parts.values() for q in qs) == sorted(q.id for q in original)
    by_id = {q.id: q for q in original}
    assert all(by_id[q.id] == q for qs in parts.values() for q in qs)


@pytest.mark.parametrize(
    "name",
    (
        "informal",
        "bundled2",
        "bundled3",
        "bundled4",
        "bundled5",
        "bundled6",
        "bundled7",
        "bundled8",
        "bundled9",
        "bundled10",
        "bundled11",
        "bundled12",
        "bundled13",
        "bundled14",
    ),
)
def test_evidence_occurs_in_the_bundled_resolution(name):
    text = _doc_text(INFORMAL_DOC)
    missing = [
        f"{q.id}: {e!r}"
        for qs in _split(name).values()
        for q in qs
        for e in q.evidence
        if _norm(e) not in text
    ]
    assert not missing, "\n".join(missing)
