"""Question files (JSONL): load, validate, and the one text normalization every match uses."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from errors import InputError, decode


@dataclass(frozen=True, slots=True)
class Gold:
    doc: str  # document id (the file stem)
    article: str  # the Điều number, "32"


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    question: str
    kind: str | None = None
    # acceptable answer strings; () = the documents do not answer (abstain); None = not scored
    answers: tuple[str, ...] | None = None
    evidence: tuple[str, ...] = ()  # a passage is relevant when it contains one of these
    gold: tuple[Gold, ...] = ()  # ... or when it lies inside one of these articles
    section: str | None = None  # the first citation's section path must contain this
    history: tuple[str, ...] = ()  # earlier questions of the same conversation, asked first
    docs: tuple[str, ...] = ()  # acceptable document ids for the first retrieved passage
    all_of: tuple[str, ...] = ()  # strings the answer must all contain (lists, comparisons)
    prefix: bool = False  # the answer must start with one of `answers` (yes/no)

    @property
    def answerable(self) -> bool | None:
        if self.answers is None and not self.all_of:
            return None
        return bool(self.answers or self.all_of)

    @property
    def has_relevance(self) -> bool:
        return bool(self.evidence or self.gold)


class DatasetError(InputError):
    """A question file cannot be used; the message names the file, the line and the problem."""


_EMPHASIS = re.compile(r"[*_`~]+|^#+\s*", re.MULTILINE)
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """NFC, the corpus's tone-mark placement ("hoà" -> "hòa"), Markdown emphasis/heading marks
    removed, straight quotes, casefold, one space."""
    from corpus.normalize import unify_tone_marks

    text = unicodedata.normalize("NFC", text)
    text = unify_tone_marks(_EMPHASIS.sub("", text).translate(_QUOTES))
    return _SPACE.sub(" ", text.casefold()).strip()


def load_questions(path: Path | str) -> list[Question]:
    """Read and validate a question file; the first problem raises DatasetError("file:line: ...")."""
    path = Path(path)
    if not path.is_file():
        raise DatasetError(f"No question file at {path}: give the path of a .jsonl file.")
    questions: list[Question] = []
    first_line: dict[str, int] = {}
    with path.open("rb") as f:
        for number, raw in enumerate(f, start=1):
            where = f"{path}:{number}"
            try:
                line = decode(raw, f"{where}: the line")
            except InputError as exc:
                raise DatasetError(str(exc)) from None
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DatasetError(
                    f"{where}: bad JSON ({exc.msg} at column {exc.colno})."
                ) from None
            q = parse_question(obj, where)
            if q.id in first_line:
                raise DatasetError(
                    f"{where}: duplicate id '{q.id}' (first used on line {first_line[q.id]})."
                )
            first_line[q.id] = number
            questions.append(q)
    if not questions:
        raise DatasetError(f"{path}: no questions (expected one JSON object per line).")
    return questions


def parse_question(obj: object, where: str = "question") -> Question:
    if not isinstance(obj, dict):
        raise DatasetError(f"{where}: expected a JSON object, got {type(obj).__name__}.")
    for key in ("id", "question"):
        value = obj.get(key)
        if not isinstance(value, str) or not value.strip():
            raise DatasetError(f"{where}: missing '{key}' (a non-empty string).")
    kind = obj.get("kind")
    if kind is not None and not isinstance(kind, str):
        raise DatasetError(f"{where}: 'kind' must be a string.")
    section = obj.get("section")
    if section is not None and (not isinstance(section, str) or not section.strip()):
        raise DatasetError(f"{where}: 'section' must be a non-empty string.")
    answers = obj.get("answers")
    all_of = _strings(obj, "all_of", where)
    prefix = obj.get("prefix", False)
    if not isinstance(prefix, bool):
        raise DatasetError(f"{where}: 'prefix' must be true or false.")
    if prefix and not answers:
        raise DatasetError(
            f"{where}: 'prefix' needs non-empty 'answers' (the strings the answer starts with)."
        )
    if all_of and answers == []:
        raise DatasetError(
            f"{where}: 'all_of' with 'answers': [] is contradictory ([] means abstain); "
            "leave 'answers' out or give the strings one of which must appear."
        )
    return Question(
        id=obj["id"],
        question=obj["question"],
        kind=kind,
        answers=None if answers is None else _strings(obj, "answers", where),
        evidence=_strings(obj, "evidence", where),
        gold=_gold(obj.get("gold", []), where),
        section=section,
        history=_strings(obj, "history", where),
        docs=_strings(obj, "docs", where),
        all_of=all_of,
        prefix=prefix,
    )


def _strings(obj: dict, key: str, where: str) -> tuple[str, ...]:
    value = obj.get(key, [])
    if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() for s in value):
        raise DatasetError(f"{where}: '{key}' must be a list of non-empty strings.")
    return tuple(value)


def _gold(value: object, where: str) -> tuple[Gold, ...]:
    if not isinstance(value, list):
        raise DatasetError(f'{where}: \'gold\' must be a list of {{"doc", "article"}} objects.')
    gold = []
    for i, entry in enumerate(value):
        if not isinstance(entry, dict):
            raise DatasetError(f"{where}: gold[{i}] must be an object with 'doc' and 'article'.")
        missing = [k for k in ("doc", "article") if entry.get(k) in (None, "")]
        if missing:
            raise DatasetError(f"{where}: gold[{i}] is missing {' and '.join(missing)}.")
        if not isinstance(entry["doc"], str) or not isinstance(entry["article"], str | int):
            raise DatasetError(f"{where}: gold[{i}] needs 'doc' as a string, 'article' as \"N\".")
        gold.append(Gold(doc=entry["doc"], article=str(entry["article"])))
    return tuple(gold)
