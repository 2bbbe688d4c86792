"""Question files: validation names the line and the problem; normalization for matching."""

from __future__ import annotations

import json

import pytest

from eval.dataset import DatasetError, Gold, Question, load_questions, normalize


def _write(tmp_path, lines: list[str]):
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _line(**obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def test_loads_every_field(tmp_path):
    path = _write(
        tmp_path,
        [
            _line(
                id="q1",
                question="Chỉ tiêu GRDP năm 2023?",
                kind="số liệu",
                answers=["7,5%"],
                evidence=["tăng trưởng kinh tế"],
                gold=[{"doc": "nq-35", "article": "2"}],
                section="Điều 2",
                history=["Nghị quyết nói gì?"],
            ),
            "",
            _line(id="q2", question="Thủ đô của Pháp?", answers=[]),
            _line(id="q3", question="Có gì mới?"),
        ],
    )
    q1, q2, q3 = load_questions(path)
    assert q1 == Question(
        id="q1",
        question="Chỉ tiêu GRDP năm 2023?",
        kind="số liệu",
        answers=("7,5%",),
        evidence=("tăng trưởng kinh tế",),
        gold=(Gold("nq-35", "2"),),
        section="Điều 2",
        history=("Nghị quyết nói gì?",),
    )
    assert (q1.answerable, q2.answerable, q3.answerable) == (True, False, None)
    assert q2.answers == () and q3.answers is None
    assert q1.has_relevance and not q2.has_relevance


def test_article_given_as_number_becomes_string(tmp_path):
    path = _write(tmp_path, [_line(id="a", question="?", gold=[{"doc": "luat", "article": 32}])])
    assert load_questions(path)[0].gold == (Gold("luat", "32"),)


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ('{"id": "x", "question": ', "bad JSON"),
        ("[1, 2]", "expected a JSON object"),
        (_line(question="Hỏi?"), "missing 'id'"),
        (_line(id="x"), "missing 'question'"),
        (_line(id="x", question="  "), "missing 'question'"),
        (_line(id="x", question="Hỏi?", answers="7,5%"), "'answers' must be a list of"),
        (_line(id="x", question="Hỏi?", answers=["a", 3]), "'answers' must be a list of"),
        (_line(id="x", question="Hỏi?", evidence=[None]), "'evidence' must be a list of"),
        (_line(id="x", question="Hỏi?", history="q"), "'history' must be a list of"),
        (_line(id="x", question="Hỏi?", gold=[{"doc": "d"}]), "gold[0] is missing article"),
        (_line(id="x", question="Hỏi?", gold=[{"article": "1"}]), "gold[0] is missing doc"),
        (_line(id="x", question="Hỏi?", gold=["d:1"]), "gold[0] must be an object"),
        (_line(id="x", question="Hỏi?", gold={"doc": "d"}), "'gold' must be a list"),
        (_line(id="x", question="Hỏi?", kind=3), "'kind' must be a string"),
        (_line(id="x", question="Hỏi?", section=""), "'section' must be a non-empty"),
    ],
)
def test_malformed_line_names_its_number_and_problem(tmp_path, bad_line, message):
    path = _write(tmp_path, [_line(id="ok", question="Hỏi?"), bad_line])
    with pytest.raises(DatasetError) as info:
        load_questions(path)
    assert f"{path}:2: " in str(info.value)
    assert message in str(info.value)


def test_duplicate_id_names_both_lines(tmp_path):
    path = _write(
        tmp_path,
        [_line(id="a", question="1?"), _line(id="b", question="2?"), _line(id="a", question="3?")],
    )
    with pytest.raises(DatasetError, match=r":3: duplicate id 'a' \(first used on line 1\)"):
        load_questions(path)


def test_empty_file_and_missing_file(tmp_path):
    with pytest.raises(DatasetError, match="no questions"):
        load_questions(_write(tmp_path, [""]))
    with pytest.raises(DatasetError, match="No question file"):
        load_questions(tmp_path / "absent.jsonl")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("**Điều 2.** Thông qua", "điều 2. thông qua"),
        ("## I. Mục tiêu", "i. mục tiêu"),
        ("“chuyển đổi số”   và\n ‘xanh’", "\"chuyển đổi số\" và 'xanh'"),
        ("_Căn cứ_  Luật", "căn cứ luật"),
        ("Tăng Trưởng", "tăng trưởng"),
        ("Nghi\u0323 quyê\u0301t", "nghị quyết"),  # decomposed -> NFC
        ("Hoà bình, UỶ BAN, khoẻ", "hòa bình, ủy ban, khỏe"),  # old tone placement -> new
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_normalize_makes_both_sides_match():
    assert normalize("khoảng **7,5%**") == normalize("Khoảng 7,5%")


def test_docs_all_of_and_prefix(tmp_path):
    path = _write(
        tmp_path,
        [
            _line(
                id="list",
                question="Gồm những ai?",
                answers=["hộ nghèo"],
                all_of=["hộ nghèo", "hộ cận nghèo"],
                docs=["nq-hue-37"],
            ),
            _line(id="yn", question="Có được miễn không?", answers=["có"], prefix=True),
            _line(id="both", question="Học phí hai tỉnh?", all_of=["50.000", "60.000"]),
        ],
    )
    listed, yes_no, both = load_questions(path)
    assert listed.docs == ("nq-hue-37",) and listed.all_of == ("hộ nghèo", "hộ cận nghèo")
    assert not listed.prefix and yes_no.prefix
    assert both.answers is None and both.answerable is True  # all_of alone is scored
    assert Question("q", "?").docs == () and Question("q", "?").all_of == ()


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        (_line(id="x", question="Hỏi?", docs="nq"), "'docs' must be a list of"),
        (_line(id="x", question="Hỏi?", all_of=[""]), "'all_of' must be a list of"),
        (_line(id="x", question="Có không?", answers=["có"], prefix="yes"), "true or false"),
        (_line(id="x", question="Có không?", prefix=True), "'prefix' needs non-empty"),
        (_line(id="x", question="Có không?", answers=[], prefix=True), "'prefix' needs"),
        (_line(id="x", question="Hỏi?", answers=[], all_of=["a"]), "contradictory"),
    ],
)
def test_new_fields_malformed(tmp_path, bad_line, message):
    path = _write(tmp_path, [bad_line])
    with pytest.raises(DatasetError, match=message):
        load_questions(path)
