"""`python -m eval.bench`: latency, cold start, index build time and peak memory on the bundled
corpus and the ALQAC laws, and how the ALQAC build grows with corpus size.

Every measurement runs in its own child process (eval/probe.py) with a fresh NQA_DATA_DIR, so
build time is a real build and peak memory (ru_maxrss) is that process's alone.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALQAC = ROOT / "eval" / "data" / "alqac"
SEED_QUESTIONS = ROOT / "eval" / "data" / "seed_questions.jsonl"
_FALLBACK_QUESTION = "Chỉ tiêu tăng trưởng kinh tế năm 2023 là bao nhiêu?"


def _env(data_dir: Path) -> dict[str, str]:
    """A fresh data folder per measurement, but the converted model shared with this machine's
    (converting it again is a one-time install cost, not part of a build)."""
    from index.settings import model_dir

    env = dict(os.environ, NQA_DATA_DIR=str(data_dir), HF_HUB_OFFLINE="1")
    env["NQA_MODEL_DIR"] = str(model_dir())
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def probe(data_dir: Path, *args: str) -> dict:
    """Run one measurement in a child process and return the JSON it printed last."""
    proc = subprocess.run(
        [sys.executable, "-m", "eval.probe", *args],
        env=_env(data_dir),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"probe {args[0]} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def cold_start(data_dir: Path, corpus: Path, question: str) -> float:
    """Seconds from process start to the first answer (interpreter, imports, index, model)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "eval.probe", "cold", str(corpus), question],
        env=_env(data_dir),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    seconds = None
    for line in proc.stdout:
        if line.strip() == "answered" and seconds is None:
            seconds = time.perf_counter() - start
    err = proc.stderr.read() if proc.stderr else ""
    if proc.wait() != 0 or seconds is None:
        raise RuntimeError(f"cold start probe failed:\n{err[-3000:]}")
    return seconds


REALDOCS = Path(__file__).parent / "data" / "realdocs"


def questions_for(corpus: Path) -> Path | None:
    if corpus.resolve() == (ALQAC / "laws").resolve():
        return ALQAC / "dev.jsonl"
    if corpus.resolve() == (REALDOCS / "docs").resolve():
        return REALDOCS / "test.jsonl"
    return SEED_QUESTIONS if SEED_QUESTIONS.is_file() else None


def measure_corpus(name: str, corpus: Path, n: int, work: Path) -> dict:
    data_dir = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=work))
    row: dict = {"corpus": name, **probe(data_dir, "build", str(corpus))}
    qfile = questions_for(corpus)
    if qfile is None:  # no question file beside this corpus: ask one generic question
        qfile = work / f"{name}-questions.jsonl"
        line = {"id": "q", "question": _FALLBACK_QUESTION}
        qfile.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    row.update(probe(data_dir, "serve", str(corpus), str(qfile), str(n)))
    first = json.loads(qfile.read_text(encoding="utf-8").splitlines()[0])["question"]
    row["cold_start_s"] = cold_start(data_dir, corpus, first)
    return row


def scaled_copy(laws: Path, scale: int, dest: Path) -> Path:
    """`scale` copies of every law, each copy with its own doc id (the file stem)."""
    dest.mkdir(parents=True)
    for path in sorted(laws.iterdir()):
        if path.is_file():
            for i in range(1, scale + 1):
                name = path.name if i == 1 else f"{path.stem}-ban-{i}{path.suffix}"
                shutil.copyfile(path, dest / name)
    return dest


def measure_scaling(laws: Path, scales: list[int], work: Path, base: dict | None) -> list[dict]:
    rows = []
    for scale in scales:
        if scale == 1 and base is not None:
            row = {
                k: base.get(k)
                for k in ("docs", "passages", "build_s", "build_cpu_s", "build_rss_mb")
            }
        else:
            corpus = scaled_copy(laws, scale, work / f"alqac-x{scale}")
            data_dir = Path(tempfile.mkdtemp(prefix=f"scale{scale}-", dir=work))
            row = probe(data_dir, "build", str(corpus))
            shutil.rmtree(corpus)
        rows.append({"scale": scale, **row})
    return rows


def format_bench(prep: dict, corpora: list[dict], scaling: list[dict]) -> str:
    load = prep.get("loadavg")
    lines = [f"model load (first use in a process): {prep['model_load_s']:.1f} s"]
    if load:
        lines.append(
            f"load average at start / end: {load[0]:.2f} / {load[1]:.2f} (2+ means contention)"
        )
    lines.append("")
    head = ("corpus", "docs", "passages", "build_s", "build_rss_mb", "questions", "search_p50_ms",
            "search_p95_ms", "ask_p50_ms", "ask_p95_ms", "serve_rss_mb", "cold_start_s")  # fmt: skip
    keys = ("corpus", "docs", "passages", "build_s", "build_rss_mb", "questions", "search_ms_p50",
            "search_ms_p95", "ask_ms_p50", "ask_ms_p95", "serve_rss_mb", "cold_start_s")  # fmt: skip
    lines += _grid([list(head)] + [[_fmt(row.get(k)) for k in keys] for row in corpora])
    if scaling:
        base = scaling[0] if scaling[0]["scale"] == 1 else None
        lines += ["", "ALQAC build time by corpus size"]
        keys = ["docs", "passages", "build_s", "build_cpu_s", "build_rss_mb"]
        rows = [["scale", *keys, "wall vs 1x", "cpu vs 1x"]]
        for r in scaling:
            ratios = [_ratio(r.get(k), base.get(k) if base else None) for k in keys[2:4]]
            rows.append([f"{r['scale']}x", *(_fmt(r.get(k)) for k in keys), *ratios])
        lines += _grid(rows)
    return "\n".join(lines)


def _ratio(value: float | None, base: float | None) -> str:
    return f"{value / base:.2f}x" if value and base else "-"


def _fmt(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.1f}" if value >= 10 else f"{value:.2f}"
    return str(value)


def _grid(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(r))
        for r in rows
    ]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--corpus", type=Path, action="append", help="corpus folder (repeatable; "
                   "default: the bundled corpus, the real documents and the ALQAC laws)")  # fmt: skip
    p.add_argument("--scales", default="1,2", help="ALQAC size multiples to build, e.g. 1,2,4")
    p.add_argument("--n", type=int, default=30, help="questions timed per corpus")
    p.add_argument("--json", type=Path, default=None, dest="json_out", metavar="OUT")
    args = p.parse_args(argv)
    import config

    config.use_environment()
    from corpus.paths import BUNDLED_CORPUS

    corpora = [
        ("bundled", BUNDLED_CORPUS),
        ("realdocs", REALDOCS / "docs"),
        ("alqac-laws", ALQAC / "laws"),
    ]
    if args.corpus:
        corpora = [(c.name, c) for c in args.corpus]
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="nqa-bench-") as tmp:
        work = Path(tmp)
        prep = probe(work, "prepare")
        load_start = os.getloadavg()[0]
        rows = []
        for name, corpus in corpora:
            print(f"measuring {name} ...", file=sys.stderr, flush=True)
            rows.append(measure_corpus(name, corpus, args.n, work))
        alqac = next((r for r in rows if r["corpus"] == "alqac-laws"), None)
        if scales:
            print(f"ALQAC build at {args.scales} x ...", file=sys.stderr, flush=True)
        scaling = measure_scaling(ALQAC / "laws", scales, work, alqac) if scales else []
        prep["loadavg"] = [load_start, os.getloadavg()[0]]
    print(format_bench(prep, rows, scaling))
    if args.json_out:
        from eval.report import write_json

        write_json(args.json_out, {"prepare": prep, "corpora": rows, "scaling": scaling})
    return 0


if __name__ == "__main__":
    sys.exit(main())
