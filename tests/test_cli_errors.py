"""The CLI's contract for bad input and faults: a domain error is one line on stderr and exit 2,
anything else is a bug (one line, exit 70, the traceback in a log file), and text that is not
UTF-8 is refused where it is (argument, stdin line, dataset line)."""

from __future__ import annotations

import errno
import io
import json

import pytest

import nqa
from errors import InputError, read_lines


@pytest.fixture
def run(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("NQA_DATA_DIR", str(tmp_path / "data"))

    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = nqa.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_an_argument_that_is_not_utf8(run):
    bad = b"b\xe1o hi\xffm".decode("utf-8", "surrogateescape")  # as Python passes argv
    code, out, err = run("ask", bad)
    assert code == 2 and out == ""
    assert err == (
        "nqa: Argument 2 is not valid UTF-8 (byte 0xE1 at offset 1); save or type it as UTF-8.\n"
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [("NQA_BACKEND", "bogus"), ("NQA_LOG_LEVEL", "LOUD"), ("NQA_MODEL", "/missing")],
)
def test_a_bad_variable_is_one_line(run, monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    code, _, err = run("ask", "câu hỏi")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(f"nqa: {name}={value!r} is not allowed: ")


def test_a_bug_says_so_and_where_its_traceback_is(run, monkeypatch, tmp_path):
    def broken(_args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("corpus.cli.cmd_list", broken)
    code, _, err = run("corpus", "list")
    assert code == nqa.BUG == 70
    assert err.count("\n") == 1 and "internal error" in err and "ZeroDivisionError" in err
    log = tmp_path / "data" / "logs" / nqa.LOG_NAME
    assert str(log) in err
    assert "Traceback" in log.read_text() and "broken" in log.read_text()


@pytest.mark.parametrize(("code", "words"), [(errno.EROFS, "read-only"), (errno.ENOSPC, "full")])
def test_a_data_folder_that_cannot_be_written(run, monkeypatch, code, words):
    def refused(_args):
        raise OSError(code, "refused", "/data/indexes/x")

    monkeypatch.setattr("corpus.cli.cmd_list", refused)
    exit_code, _, err = run("corpus", "list")
    assert exit_code == 2 and err.count("\n") == 1
    assert "/data/indexes/x" in err and words in err and "NQA_DATA_DIR" in err


def test_an_eval_file_that_is_not_utf8(run, tmp_path):
    dataset = tmp_path / "q.jsonl"
    dataset.write_bytes(b'{"id": "1", "question": "a"}\n{"id": "2", "question": "b\xe1o"}\n')
    code, _, err = run("eval", str(dataset), "--quiet")
    assert code == 2 and err.count("\n") == 1
    assert f"{dataset}:2: the line is not valid UTF-8 (byte 0xE1" in err


def test_each_stdin_line_is_decoded_on_its_own():
    lines = list(read_lines(io.BytesIO(b"m\xe1\xbb\x99t\nb\xe1o\n\nba\r\n")))
    assert lines[0] == "một" and lines[2] == "" and lines[3] == "ba"
    assert isinstance(lines[1], InputError) and "line 2 is not valid UTF-8" in str(lines[1])


def test_a_bad_stdin_line_gets_its_own_error_and_the_next_are_answered():
    from bot.cli import _ask_lines
    from bot.types import Answer

    class Bot:
        def ask(self, question, docs=None):
            return Answer(question, f"trả lời: {question}", (), 1.0, False)

    out = io.StringIO()
    _ask_lines(Bot(), read_lines(io.BytesIO(b"mot\nb\xe1o\nhai\n")), None, out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert records[0]["answer"] == "trả lời: mot" and records[2]["answer"] == "trả lời: hai"
    assert set(records[1]) == {"error"} and "line 2" in records[1]["error"]
