"""Run a Bot over questions and record what it did, one Record per question."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from eval.dataset import Question
from eval.metrics import Record, Retrieved

MODES = ("hybrid", "bm25", "dense", "naive")  # "naive": 500-char chunks, dense only

ArticlesOf = Callable[[Any], tuple[str, ...]]


def passage_articles(passage: Any) -> tuple[str, ...]:
    return (passage.article,) if passage.article else ()


def to_retrieved(hit: Any, articles_of: ArticlesOf = passage_articles) -> Retrieved:
    p = hit.passage
    return Retrieved(
        passage_id=p.id,
        doc_id=p.doc_id,
        articles=articles_of(p),
        section=p.section_str,
        text=p.text,
        score=float(hit.score),
        printed=" ".join(value for _, value in p.cells if value),
    )


def ask_one(
    bot: Any, q: Question, *, k: int = 10, articles_of: ArticlesOf = passage_articles
) -> Record:
    """Ask the conversation's earlier questions first, then time the question itself."""
    from bot.types import QuestionError
    from index.types import QueryError

    history: list[tuple[str, Any]] = []
    try:
        for earlier in q.history:
            history.append((earlier, bot.ask(earlier, history=tuple(history))))
        start = time.perf_counter()
        answer = bot.ask(q.question, history=tuple(history))
        latency_ms = (time.perf_counter() - start) * 1000
    except (QuestionError, QueryError) as exc:
        return Record(q, True, "", None, (), 0.0, error=str(exc))
    return Record(
        question=q,
        abstained=bool(answer.abstained),
        text=answer.text,
        first_section=answer.citations[0].section if answer.citations else None,
        retrieved=tuple(to_retrieved(h, articles_of) for h in answer.hits[:k]),
        latency_ms=latency_ms,
    )


def run_questions(
    bot: Any,
    questions: Sequence[Question],
    *,
    k: int = 10,
    articles_of: ArticlesOf = passage_articles,
    label: str = "",
    progress: bool = False,
) -> list[Record]:
    """One uncounted warm-up question, then every question in order."""
    if questions:
        try:
            bot.ask(questions[0].question)
        except Exception:  # noqa: BLE001 - a warm-up failure shows again on the real question
            pass
    records = []
    for i, q in enumerate(questions, start=1):
        records.append(ask_one(bot, q, k=k, articles_of=articles_of))
        if progress and (i % 10 == 0 or i == len(questions)):
            print(f"  {label}: {i}/{len(questions)}", file=sys.stderr, flush=True)
    return records


def run_modes(
    questions: Sequence[Question],
    corpus_dir: Path | None,
    modes: Sequence[str],
    *,
    k: int = 10,
    progress: bool = False,
) -> dict[str, list[Record]]:
    """Each mode's records on the same questions; the index of `corpus_dir` is built or reused."""
    from bot import Bot
    from index import open_index

    unknown = [m for m in modes if m not in MODES]
    if unknown:
        raise ValueError(f"Unknown mode {unknown[0]!r}: use one of {', '.join(MODES)} or all.")
    index = open_index(corpus_dir, build=True, progress=progress)
    results: dict[str, list[Record]] = {}
    for mode in modes:
        if progress:
            print(f"{mode}: {len(questions)} questions", file=sys.stderr, flush=True)
        if mode == "naive":
            from eval.naive import naive_index

            naive, articles_of = naive_index(index)
            bot, label = Bot(naive, mode="dense"), mode
            results[mode] = run_questions(
                bot, questions, k=k, articles_of=articles_of, label=label, progress=progress
            )
        else:
            bot = Bot(index, mode=mode)
            results[mode] = run_questions(bot, questions, k=k, label=mode, progress=progress)
    return results
