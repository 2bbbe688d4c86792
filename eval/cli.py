"""`nqa eval DATASET`: run the bot over a question file, print the table, write the reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eval.run import MODES


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eval",
        help="measure retrieval, answers, abstention and latency on a question file",
        description="Run every question of DATASET (JSONL) through the bot and report metrics; "
        "--mode all compares the shipped hybrid with BM25, dense and a naive RAG baseline.",
    )
    p.add_argument("dataset", type=Path, help="question file, one JSON object per line")
    p.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: bundled)")
    p.add_argument("--k", type=int, default=10, help="retrieval hits scored per question")
    p.add_argument("--mode", default="hybrid", choices=[*MODES, "all"])
    p.add_argument("--json", type=Path, default=None, dest="json_out", metavar="OUT")
    p.add_argument(
        "--chart",
        type=Path,
        default=None,
        help="PNG of the mode comparison (default with several modes: eval/report.png)",
    )
    p.add_argument("--limit", type=int, default=None, help="only the first N questions")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(func=run_eval)


def run_eval(args: argparse.Namespace) -> int:
    from eval.dataset import DatasetError, load_questions
    from eval.metrics import summarize
    from eval.report import (
        failures,
        failures_path,
        format_table,
        report_json,
        save_chart,
        write_json,
        write_jsonl,
    )
    from eval.run import run_modes

    if args.k < 1:
        print("nqa: --k must be at least 1.", file=sys.stderr)
        return 2
    try:
        questions = load_questions(args.dataset)
    except DatasetError as exc:
        print(f"nqa: {exc}", file=sys.stderr)
        return 2
    if args.limit:
        questions = questions[: args.limit]
    modes = list(MODES) if args.mode == "all" else [args.mode]
    records = run_modes(questions, args.corpus, modes, k=args.k, progress=not args.quiet)
    summaries = {mode: summarize(recs, extra=True) for mode, recs in records.items()}

    corpus_name = args.corpus.name if args.corpus else "bundled corpus"
    title = f"{args.dataset.name} on {corpus_name}: {len(questions)} questions, k={args.k}"
    print(format_table(summaries, title))
    if args.json_out:
        write_json(args.json_out, report_json(summaries))
        print(f"\nreport: {args.json_out}")
    failed = failures(records, args.k)
    path = failures_path(args.json_out)
    write_jsonl(path, failed)
    print(f"failures: {path} ({len(failed)} lines)")
    chart = args.chart or (Path(__file__).parent / "report.png" if len(modes) > 1 else None)
    if chart:
        print(f"chart: {save_chart(summaries, chart, title)}")
    return 0
