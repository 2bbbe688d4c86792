"""The child side of `python -m eval.bench`: one measurement per process, so that peak memory
(ru_maxrss, which includes native FAISS/ONNX allocations) and cold start belong to it alone.

    python -m eval.probe prepare
    python -m eval.probe build CORPUS
    python -m eval.probe serve CORPUS QUESTIONS.jsonl N
    python -m eval.probe cold CORPUS QUESTION

Each prints one JSON object on its last stdout line. The parent sets NQA_DATA_DIR.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def prepare() -> dict:
    """Convert/load the embedding model once, so no later measurement pays for it."""
    from index.settings import Settings

    try:
        from index.embedder import load_embedder
    except ImportError:  # older checkouts kept it in index.dense
        from index.dense import load_embedder

    start = time.perf_counter()
    embedder = load_embedder(Settings())
    embedder.encode(["khởi động"], kind="query")
    return {"model_load_s": time.perf_counter() - start}


def build(corpus_dir: str) -> dict:
    from index import open_index

    start, cpu = time.perf_counter(), _cpu_s()
    idx = open_index(Path(corpus_dir), build=True)
    seconds = time.perf_counter() - start
    return {
        "build_s": seconds,
        "build_cpu_s": _cpu_s() - cpu,  # all threads; less sensitive to other load than wall time
        "docs": len(idx.corpus.documents),
        "passages": len(idx.corpus.passages()),
        "build_rss_mb": _maxrss_mb(),
    }


def serve(corpus_dir: str, questions_file: str, n: str) -> dict:
    from bot import Bot
    from eval.dataset import load_questions
    from eval.metrics import percentile
    from index import open_index

    questions = [q.question for q in load_questions(questions_file)][: int(n)]
    start = time.perf_counter()
    idx = open_index(Path(corpus_dir), build=False)
    bot = Bot(idx)
    load_s = time.perf_counter() - start
    idx.search(questions[0], k=10)  # warm-up, not counted
    bot.ask(questions[0])
    search_ms, ask_ms = [], []
    for q in questions:
        t = time.perf_counter()
        idx.search(q, k=10)
        search_ms.append((time.perf_counter() - t) * 1000)
    for q in questions:
        t = time.perf_counter()
        bot.ask(q)
        ask_ms.append((time.perf_counter() - t) * 1000)
    return {
        "questions": len(questions),
        "load_s": load_s,
        "search_ms_p50": percentile(search_ms, 50),
        "search_ms_p95": percentile(search_ms, 95),
        "ask_ms_p50": percentile(ask_ms, 50),
        "ask_ms_p95": percentile(ask_ms, 95),
        "serve_rss_mb": _maxrss_mb(),
    }


def cold(corpus_dir: str, question: str) -> dict:
    from bot import Bot
    from index import open_index

    answer = Bot(open_index(Path(corpus_dir), build=False)).ask(question)
    print("answered", flush=True)  # the parent stops its clock on this line
    return {"abstained": answer.abstained, "cold_rss_mb": _maxrss_mb()}


_COMMANDS = {"prepare": prepare, "build": build, "serve": serve, "cold": cold}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in _COMMANDS:
        print(f"usage: python -m eval.probe {{{','.join(_COMMANDS)}}} ...", file=sys.stderr)
        return 2
    import config

    config.use_environment()
    result = _COMMANDS[argv[0]](*argv[1:])
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
