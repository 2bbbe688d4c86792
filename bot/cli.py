"""`nqa ask`: one question (or one per line of standard input) -> a cited answer."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from bot.types import Answer, Citation, QuestionError
from corpus.types import SECTION_SEP
from errors import InputError, read_lines

RELATED = "Có thể liên quan:"


def register(sub: argparse._SubParsersAction) -> None:
    from corpus.paths import BUNDLED_CORPUS

    p = sub.add_parser(
        "ask",
        help="answer a question with citations",
        description=(
            "Answer a question from the documents of a corpus, citing the passages it rests on. "
            "A question of '-' reads one question per line from standard input and prints one "
            "JSON object per line. Set NQA_LLM_URL and NQA_LLM_MODEL to let an "
            "OpenAI-compatible model write the answer (checked against its citations)."
        ),
    )
    p.add_argument("question", help="the question, or '-' for one question per line of stdin")
    p.add_argument(
        "--corpus",
        type=Path,
        default=BUNDLED_CORPUS,
        metavar="DIR",
        help="corpus folder (default: the bundled corpus)",
    )
    p.add_argument("--json", action="store_true", help="print Answer.to_json() as one JSON object")
    p.add_argument(
        "--doc",
        action="append",
        metavar="ID",
        help="only answer from this document (repeatable); see `nqa corpus list` for ids",
    )
    p.set_defaults(func=ask)


def ask(args: argparse.Namespace) -> int:
    from bot import Bot
    from bot.generate import from_config
    from index import open_index
    from index.settings import Settings

    config = getattr(args, "config", None)
    settings = Settings.from_config(config) if config else None
    index = open_index(args.corpus, settings, progress=sys.stderr.isatty())
    docs = args.doc or None
    for doc_id in docs or ():
        index.corpus.document(doc_id)  # KeyError naming the known ids
    bot = Bot(index, generator=from_config(config))

    if args.question == "-":
        return _ask_lines(bot, read_lines(getattr(sys.stdin, "buffer", sys.stdin)), docs)
    answer = bot.ask(args.question, docs=docs)  # QuestionError -> "nqa: ..." and exit 2
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        print(render_text(answer))
    return 0


def _ask_lines(
    bot, lines: Iterable[str | InputError], docs: list[str] | None, out: TextIO | None = None
) -> int:
    """One JSON object per input line, in order; a question that cannot be asked (an empty
    line or one that is not UTF-8 included) gives {"error": ...} so output lines stay aligned
    with input lines."""
    out = out or sys.stdout
    for line in lines:
        try:
            if isinstance(line, InputError):
                raise line
            record = bot.ask(line.rstrip("\r\n"), docs=docs).to_json()
        except (QuestionError, InputError) as exc:
            record = {"error": str(exc)}
        print(json.dumps(record, ensure_ascii=False), file=out, flush=True)
    return 0


def render_text(answer: Answer) -> str:
    """The answer for a terminal: its text, then the numbered citations with the answering
    span marked «...», or the related passages when the bot abstained."""
    parts = [answer.text.strip()]
    if answer.citations:
        parts.extend(_citation_text(c) for c in answer.citations)
    elif answer.related:
        parts.append(RELATED)
        parts.extend(_citation_text(c) for c in answer.related)
    return "\n\n".join(parts)


def _citation_text(c: Citation) -> str:
    where = c.section or "Phần mở đầu"
    # the article, unless the section path already names it ("Điều 2 › a) ...")
    article = f"Điều {c.article}" if c.article else ""
    article = f" ({article})" if article and article not in c.section.split(SECTION_SEP) else ""
    body = "\n".join(f"    {line}" for line in mark_span(c.text, c.span).splitlines())
    return f"[{c.n}] {c.doc_title} — {where}{article}\n{body}"


def mark_span(text: str, span: tuple[int, int] | None) -> str:
    if not span:
        return text
    start, end = max(0, span[0]), min(len(text), span[1])
    if start >= end:
        return text
    return f"{text[:start]}«{text[start:end]}»{text[end:]}"
