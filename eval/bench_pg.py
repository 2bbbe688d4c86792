"""Benchmark of the shared PostgreSQL store: `python -m eval.bench_pg` (needs the dev extra).

A corpus of the ALQAC laws and the real documents, repeated with distinct ids (copy i of
`luat-dat-dai` is `luat-dat-dai--c<i>`) up to >= --passages (100,000) at 1x, then 2x and 4x.
The base documents are embedded once; a copy re-uses their tokens and vectors (stored again for
every copy, as a distinct document would be). At each scale, in a fresh process:
replica start from the database (nothing embedded; wall and CPU seconds), RSS, warm search and
ask p50/p95 with exact in-memory vectors and with pgvector HNSW (recall@10 against exact). At
1x: two app replicas under 40 clients x 10 questions against one replica, and 20 uploads on one
replica until the other answers from them. Prints a table; --json FILE keeps the figures.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "eval/data/alqac/laws", ROOT / "eval/data/realdocs/docs"]
QUESTION_SETS = [ROOT / "eval/data/alqac/dev.jsonl", ROOT / "eval/data/realdocs/dev.jsonl"]


def questions(n: int = 40) -> list[str]:
    out: list[str] = []
    for path in QUESTION_SETS:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        out += [r["question"] for r in rows[: n // len(QUESTION_SETS)]]
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ---------------------------------------------------------------------- the corpus


def _copy(document, i: int):
    new = f"{document.meta.doc_id}--c{i}"
    old = document.meta.doc_id
    passages = tuple(replace(p, id=new + p.id[len(old) :], doc_id=new) for p in document.passages)
    return replace(document, meta=replace(document.meta, doc_id=new), passages=passages)


def fill(repo, copies: int, log, folders: list[Path] = FOLDERS) -> int:
    """Store copies 0..copies-1 of every base document (what is there already is kept)."""
    from corpus import list_files, load_document
    from index.build import _model_record, read_options
    from index.embedder import load_embedder
    from index.settings import Settings
    from pgstore.documents import prepare

    have = repo.doc_ids()
    settings = Settings()
    base = []
    started = time.perf_counter()
    for folder in folders:
        for source in list_files(folder).sources:
            if f"{source.doc_id}--c{copies - 1}" not in have:
                try:
                    base.append((load_document(source.path, read_options()), source.path))
                except Exception as exc:
                    log(f"skipped {source.path.name}: {exc}")
    if not base:
        return 0
    log(f"parsed {len(base)} documents in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    model = _model_record(settings, None)
    prepared, embedded = [], 0
    for start in range(0, len(base), 4):  # copy 0 is stored as it is embedded: a re-run resumes
        chunk, n = prepare(
            base[start : start + 4], lambda: load_embedder(settings), repo.vectors_for
        )
        first = [replace(p, document=_copy(p.document, 0)) for p in chunk]
        repo.put([p for p in first if p.document.meta.doc_id not in have], model)
        prepared += chunk
        embedded += n
    log(f"{embedded} passages embedded in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    written = 0
    for i in range(1, copies):
        batch = [replace(p, document=_copy(p.document, i)) for p in prepared]
        batch = [p for p in batch if p.document.meta.doc_id not in have]
        for start in range(0, len(batch), 16):
            repo.put(batch[start : start + 16], model)
        written += sum(len(p.document.passages) for p in batch)
    log(f"{written} passages written in {time.perf_counter() - started:.0f} s")
    return written


# ---------------------------------------------------------------------- one replica


def replica_main(url: str, dense: str) -> None:
    """In a fresh process: start a replica, then time warm searches and asks."""
    import index.embedder as embedder_module

    calls = {"passage": 0, "query": 0}
    load = embedder_module.load_embedder

    def counting(settings=None):
        model = load(settings)
        encode = model.encode

        def counted(texts, kind, **kw):
            calls[kind] = calls.get(kind, 0) + len(texts)
            return encode(texts, kind=kind, **kw)

        model.encode = counted
        return model

    embedder_module.load_embedder = counting
    from pgstore.service import SharedService

    started, cpu = time.perf_counter(), time.process_time()
    service = SharedService(url, replica=f"bench-{dense}", dense=dense).start()
    start_s, start_cpu_s = time.perf_counter() - started, time.process_time() - cpu
    index, _ = service._current()
    out = {"start_s": start_s, "start_cpu_s": start_cpu_s, "passages": len(index.passages)}
    out["embedded_passages"] = calls["passage"]  # at start: should be none
    out["rss_mb"] = rss_mb()
    qs = questions()
    for q in qs[:5]:
        service.ask(q)
    for name, fn in (("search", lambda q: service.search(q, 10)), ("ask", service.ask)):
        times = []
        for q in qs:
            t = time.perf_counter()
            fn(q)
            times.append(time.perf_counter() - t)
        out[f"{name}_p50_ms"] = pct(times, 50) * 1000
        out[f"{name}_p95_ms"] = pct(times, 95) * 1000
    out["rss_after_mb"] = rss_mb()
    out["embedded_clauses"] = calls["passage"] - out["embedded_passages"]  # the bot's, asking
    service.stop()
    print("RESULT " + json.dumps(out), flush=True)


def run_replica(url: str, dense: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "eval.bench_pg", "--replica", url, "--dense", dense],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"replica failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")


def recall_at_10(repo, qs: list[str]) -> float:
    """Share of HNSW's top 10 whose exact score reaches the exact 10th best (copies tie)."""
    from index.embedder import load_embedder
    from index.query import prepare as prepare_query
    from index.restore import DiacriticRestorer
    from index.settings import Settings
    from pgstore.dense import HnswDenseIndex

    snap = repo.snapshot(vectors=True)
    dense = HnswDenseIndex(repo, snap.pids, snap.dim)
    embedder = load_embedder(Settings())
    restorer = DiacriticRestorer({})
    found = 0
    for q in qs:
        vector = embedder.encode([prepare_query(q, restorer).dense_text], kind="query")[0]
        exact = snap.vectors @ vector
        tenth = np.sort(exact)[-10]
        rows = [row for row, _ in dense.top(vector)[:10]]
        found += sum(exact[row] >= tenth - 1e-5 for row in rows)
    return found / (10 * len(qs))


# ---------------------------------------------------------------------- two replicas


def start_app(url: str, port: int, name: str, folder: Path) -> subprocess.Popen:
    env = {**os.environ, "NQA_DATABASE_URL": url, "NQA_REPLICA": name, "NQA_PORT": str(port)}
    env |= {"NQA_ADMIN_TOKEN": "bench", "NQA_DATA_DIR": str(folder / name), "NQA_DENSE": "exact"}
    env |= {"HF_HUB_OFFLINE": "1", "NQA_DB_POLL_SECONDS": "5"}
    env.pop("NQA_LLM_URL", None)
    log = (folder / f"{name}.log").open("wb")
    return subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT)  # fmt: skip


def wait_health(port: int, timeout: float = 600) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                if json.loads(r.read()).get("index") == "ready":
                    return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"replica on port {port} did not become ready")


def load(urls: list[str], clients: int = 40, per_client: int = 10) -> dict:
    """`clients` users, each asking `per_client` questions, spread over `urls` in turn."""
    import threading

    from gradio_client import Client

    qs = questions()
    connections = [Client(urls[i % len(urls)], verbose=False, ssl_verify=False)
                   for i in range(clients)]  # fmt: skip
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients + 1)

    def user(i: int, client) -> None:
        barrier.wait()
        for j in range(per_client):
            t = time.perf_counter()
            try:
                client.predict(qs[(i * per_client + j) % len(qs)], "", api_name="/ask")
                error = None
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"[:200]
            with lock:
                latencies.append(time.perf_counter() - t)
                if error:
                    errors.append(error)

    threads = [threading.Thread(target=user, args=(i, c)) for i, c in enumerate(connections)]
    for t in threads:
        t.start()
    barrier.wait()
    began = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    return {"asks": len(latencies), "seconds": wall, "per_s": len(latencies) / wall,
            "p50_ms": pct(latencies, 50) * 1000, "p95_ms": pct(latencies, 95) * 1000,
            "errors": len(errors), "error_sample": errors[:3]}  # fmt: skip


UPLOAD = """\
---
title: Nghị quyết phát triển du lịch xã {place} năm 2026
issuer: Hội đồng nhân dân xã {place}
date: 2026-03-01
---

**Điều 1.** Thông qua các chỉ tiêu phát triển du lịch năm 2026 của xã {place}:

- Tổng lượt khách du lịch đến xã {place}: {n},5 nghìn lượt.
- Doanh thu từ du lịch của xã {place}: {n}0 tỷ đồng.

**Điều 2.** Giao Ủy ban nhân dân xã {place} tổ chức thực hiện Nghị quyết này.
"""
PLACES = [
    f"{a} {b}"
    for a in ("Bản", "Nà", "Khuổi", "Pác", "Lũng")
    for b in ("Chang", "Mạ", "Phìn", "Quang")
]


def uploads(
    a: str, b: str, folder: Path, count: int = 20, limit: float = 300
) -> tuple[list[float], list[str]]:
    """Seconds from an upload's reply on `a` until `b` cites the new document first (inf when
    it did not within `limit` seconds), and the ids of the uploaded documents."""
    from gradio_client import Client, handle_file

    ca, cb = Client(a, verbose=False, ssl_verify=False), Client(b, verbose=False, ssl_verify=False)
    out, added_ids = [], []
    for i in range(count):
        place = PLACES[i % len(PLACES)]
        path = folder / f"Du lịch xã {place} {i}.md"
        path.write_text(UPLOAD.format(place=place, n=11 + i), encoding="utf-8")
        added = ca.predict(handle_file(str(path)), "bench", api_name="/upload")
        added_ids.append(added["doc_id"])
        t = time.perf_counter()
        question = f"Năm 2026 xã {place} đón bao nhiêu lượt khách du lịch?"
        waited = math.inf
        while time.perf_counter() - t < limit:
            answer = cb.predict(question, "", api_name="/ask")
            cited = [c["doc_id"] for c in answer["citations"] or answer["related"]]
            if cited[:1] == [added["doc_id"]]:
                waited = time.perf_counter() - t
                break
            time.sleep(0.2)
        out.append(waited)
    return out, added_ids


# ---------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000, help="at least this many at 1x")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--hnsw-scales", type=int, nargs="*", default=[1, 2, 4])
    parser.add_argument("--folder", type=Path, default=None, help="keep the database here")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--base", type=Path, nargs="+", default=FOLDERS, help="base folders")
    parser.add_argument("--replica", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--dense", default="exact", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    import config

    config.use_environment()
    if args.replica:
        replica_main(args.replica, args.dense)
        return 0

    from pgstore import schema
    from pgstore.db import connect
    from pgstore.dense import build_hnsw
    from pgstore.embedded import EmbeddedPostgres
    from pgstore.repository import Repository

    def log(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)

    folder = args.folder or Path(tempfile.mkdtemp(prefix="nqa-bench-pg-"))
    server = EmbeddedPostgres(folder / "pg", durable=True).start()
    results: dict = {"scales": {}}
    try:
        schema.migrate(server.url)
        repo = Repository(server.url, "bench")
        fill(repo, 1, log, args.base)  # the base, embedded (once: kept in --folder)
        copies = math.ceil(args.passages / base_passages(server.url))
        results["copies"] = copies
        for scale in args.scales:
            fill(repo, copies * scale, log, args.base)
            row: dict = {"passages": repo.counts()["passages"]}
            log(f"{scale}x: {row['passages']} passages; exact replica ...")
            row["exact"] = run_replica(server.url, "exact")
            log(f"  {row['exact']}")
            if scale in args.hnsw_scales:
                started = time.perf_counter()
                with connect(server.url, "bench-hnsw", autocommit=True) as conn:
                    build_hnsw(conn, repo.counts()["dim"])
                row["hnsw_build_s"] = time.perf_counter() - started
                row["recall_at_10"] = recall_at_10(repo, questions())
                log(
                    f"  hnsw built in {row['hnsw_build_s']:.0f} s, recall@10 {row['recall_at_10']:.3f}"
                )
                row["hnsw"] = run_replica(server.url, "hnsw")
                log(f"  {row['hnsw']}")
                with connect(server.url, "bench-hnsw", autocommit=True) as conn:
                    conn.execute("DROP INDEX IF EXISTS nqa_passages_hnsw")  # copies go in faster
            results["scales"][scale] = row
            if scale == args.scales[0]:
                results["replicas"] = two_replicas(server.url, folder, log)
            if args.json:
                args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
        print_table(results)
    finally:
        server.stop()
    return 0


def base_passages(url: str) -> int:
    from pgstore.db import connect

    with connect(url, "bench") as conn:
        sql = "SELECT sum(passages) FROM nqa_documents WHERE doc_id LIKE '%--c0'"
        return int(conn.execute(sql).fetchone()[0])


def two_replicas(url: str, folder: Path, log) -> dict:
    from pgstore.embedded import free_port
    from pgstore.repository import Repository

    ports = [free_port(), free_port()]
    apps = [start_app(url, port, name, folder) for port, name in zip(ports, "AB", strict=True)]
    try:
        for port in ports:
            wait_health(port)
        urls = [f"http://127.0.0.1:{port}/" for port in ports]
        log("replicas up; warm-up ...")
        load(urls, clients=2, per_client=3)
        one = load(urls[:1])
        log(f"  one replica: {one}")
        two = load(urls)
        log(f"  two replicas: {two}")
        times, added = uploads(urls[0], urls[1], folder)
        log(f"  upload -> answerable on the other: {[round(t, 1) for t in times]}")
        repo = Repository(url, "bench")
        for doc_id in added:  # the next scales hold copies only
            repo.delete(doc_id)
        return {"one": one, "two": two, "upload_s": times}
    finally:
        for app in apps:
            app.terminate()
            try:
                app.wait(20)
            except subprocess.TimeoutExpired:
                app.kill()


def print_table(results: dict) -> None:
    print("\n| scale | passages | start (s) wall / CPU | embedded at start | RSS (MB) | search p50/p95 (ms) "
          "| ask p50/p95 (ms) | HNSW build (s) | HNSW recall@10 | HNSW start (s) wall / CPU "
          "| HNSW RSS (MB) | HNSW search p50/p95 | HNSW ask p50/p95 |")  # fmt: skip
    print("|---" * 13 + "|")
    for scale, row in results["scales"].items():
        e, h = row["exact"], row.get("hnsw")
        cells = [f"{scale}x", f"{row['passages']:,}", _start(e),
                 str(e["embedded_passages"]), f"{e['rss_after_mb']:.0f}",
                 f"{e['search_p50_ms']:.0f} / {e['search_p95_ms']:.0f}",
                 f"{e['ask_p50_ms']:.0f} / {e['ask_p95_ms']:.0f}"]  # fmt: skip
        if h:
            cells += [f"{row['hnsw_build_s']:.0f}", f"{row['recall_at_10']:.3f}",
                      _start(h), f"{h['rss_after_mb']:.0f}",
                      f"{h['search_p50_ms']:.0f} / {h['search_p95_ms']:.0f}",
                      f"{h['ask_p50_ms']:.0f} / {h['ask_p95_ms']:.0f}"]  # fmt: skip
        else:
            cells += ["-"] * 6
        print("| " + " | ".join(cells) + " |")
    if r := results.get("replicas"):
        print(
            "\n| replicas | asks | throughput (q/s) | p50 / p95 (ms) | errors |\n|---|---|---|---|---|"
        )
        for name, key in (("1", "one"), ("2", "two")):
            x = r[key]
            print(f"| {name} | {x['asks']} | {x['per_s']:.2f} | {x['p50_ms']:.0f} / "
                  f"{x['p95_ms']:.0f} | {x['errors']} |")  # fmt: skip
        up = sorted(r["upload_s"])
        missed = sum(math.isinf(t) for t in up)
        print(
            f"\nupload on A -> answered by B ({len(up)} uploads): median "
            f"{up[len(up) // 2]:.1f} s, max {up[-1]:.1f} s"
            + (f" ({missed} not answered within the limit)" if missed else "")
        )


def _start(replica: dict) -> str:
    cpu = replica.get("start_cpu_s")
    return f"{replica['start_s']:.1f}" + (f" / {cpu:.1f}" if cpu is not None else "")


if __name__ == "__main__":
    sys.exit(main())
