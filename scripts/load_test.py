"""Load test of a running app: concurrent gradio_client users asking questions.

    .venv/bin/python app.py &                       # the app on the bundled corpus
    .venv/bin/python scripts/load_test.py           # 20 clients x 10 questions
    .venv/bin/python scripts/load_test.py http://127.0.0.1:7860 --clients 5 --questions 4
    NQA_ADMIN_TOKEN=... .venv/bin/python scripts/load_test.py --upload some.docx
                                                    # ... while that file is uploaded, then deleted

Reports throughput, latency percentiles (each ask's round trip as a client sees it, queueing
included) and errors; exits 1 if any question (or the upload or delete) failed. Only meant for
an app on this machine.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field

QUESTIONS = [
    "Chỉ tiêu tốc độ tăng trưởng kinh tế (GRDP) năm 2023 là bao nhiêu?",
    "Thu ngân sách nhà nước trên địa bàn tỉnh năm 2023 là bao nhiêu?",
    "Tỷ lệ dân số tham gia bảo hiểm y tế năm 2023?",
    "GRDP bình quân đầu người năm 2023 đạt bao nhiêu?",
    "Tỷ lệ lao động qua đào tạo là bao nhiêu?",
    "Năm 2023 có bao nhiêu xã đạt chuẩn nông thôn mới?",
    "Tỷ lệ thất nghiệp ở thành thị là bao nhiêu?",
    "Giá trị xuất khẩu năm 2023 tăng bao nhiêu?",
    "Tỷ lệ trường đạt chuẩn quốc gia là bao nhiêu?",
    "Cơ cấu kinh tế công nghiệp, xây dựng chiếm bao nhiêu phần trăm?",
    "ty le ho ngheo giam bao nhieu",
    "Nghị quyết có hiệu lực từ ngày nào?",
    "Ai ký nghị quyết này?",
    "Giá vàng hôm nay là bao nhiêu?",  # not in the corpus: an honest "not found"
]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    abstained: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    admin: dict = field(default_factory=dict)  # the upload and delete run alongside, if any


def _user(client, questions: list[str], start: threading.Barrier, tally: Tally) -> None:
    start.wait()
    for question in questions:
        began = time.perf_counter()
        try:
            answer = client.predict(question, "", api_name="/ask")
            ok = isinstance(answer, dict) and "answer" in answer
            error = None if ok else f"unexpected reply: {answer!r}"[:200]
        except Exception as exc:  # counted and reported, the run goes on
            answer, error = None, f"{type(exc).__name__}: {exc}"[:200]
        elapsed = time.perf_counter() - began
        with tally.lock:
            tally.latencies.append(elapsed)
            if error:
                tally.errors.append(error)
            elif answer["abstained"]:
                tally.abstained += 1


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def _admin(client, path: str, token: str, start: threading.Barrier, tally: Tally) -> None:
    """One upload a second after the questions start, then its delete."""
    from gradio_client import handle_file

    start.wait()
    time.sleep(1.0)
    for what, call in (
        ("upload", lambda: client.predict(handle_file(path), token, api_name="/upload")),
        ("delete", lambda: client.predict(tally.admin["doc_id"], token, api_name="/delete")),
    ):
        began = time.perf_counter()
        try:
            result = call()
            if what == "upload":
                tally.admin["doc_id"] = result["doc_id"]
                tally.admin["passages"] = result["passages"]
            tally.admin[what] = f"ok in {time.perf_counter() - began:.1f} s"
        except Exception as exc:
            tally.admin[what] = f"failed: {type(exc).__name__}: {exc}"[:200]
            tally.errors.append(f"{what}: {exc}"[:200])
            return


def run(
    url: str,
    clients: int,
    questions: int,
    seed: int = 0,
    upload: str | None = None,
    token: str = "",
) -> Tally:
    from gradio_client import Client

    rng = random.Random(seed)
    print(f"connecting {clients} clients to {url} ...", flush=True)
    # Plain http on loopback: with ssl_verify on, gradio_client loads the CA bundle for every
    # request (~50 ms of CPU each), and the load test would mostly measure itself.
    connections = [Client(url, verbose=False, ssl_verify=False) for _ in range(clients)]
    health = connections[0].predict(api_name="/health")
    print(f"health: {health}", flush=True)
    connections[0].predict(QUESTIONS[0], "", api_name="/ask")  # warm-up, not counted
    load = os.getloadavg()
    tally = Tally()
    start = threading.Barrier(clients + 1 + bool(upload))
    threads = [
        threading.Thread(
            target=_user,
            args=(c, [rng.choice(QUESTIONS) for _ in range(questions)], start, tally),
            daemon=True,
        )
        for c in connections
    ]
    if upload:
        admin = Client(url, verbose=False, ssl_verify=False)
        threads.append(
            threading.Thread(target=_admin, args=(admin, upload, token, start, tally), daemon=True)
        )
    for t in threads:
        t.start()
    start.wait()
    began = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    n = len(tally.latencies)
    lat = tally.latencies
    print(
        f"\n{clients} clients x {questions} questions = {n} asks in {wall:.1f} s\n"
        f"throughput  {n / wall:.1f} questions/s\n"
        f"latency     p50 {percentile(lat, 50) * 1000:.0f} ms   p95 {percentile(lat, 95) * 1000:.0f} ms"
        f"   p99 {percentile(lat, 99) * 1000:.0f} ms   max {max(lat) * 1000:.0f} ms"
        f"   mean {statistics.fmean(lat) * 1000:.0f} ms\n"
        f"answers     {n - len(tally.errors) - tally.abstained} cited, {tally.abstained} not found\n"
        f"errors      {len(tally.errors)}"
    )
    if upload:
        print(
            f"admin       upload {tally.admin.get('upload', 'not run')} "
            f"({tally.admin.get('passages', '?')} passages), "
            f"delete {tally.admin.get('delete', 'not run')}"
        )
    print(f"load average before the run {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    for error in sorted(set(tally.errors))[:5]:
        print(f"  - {error}")
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load test a running Hỏi đáp Nghị quyết app.")
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:7860")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--questions", type=int, default=10, help="questions per client")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--upload", help="a document to upload (then delete) during the run")
    parser.add_argument(
        "--token", default=os.environ.get("NQA_ADMIN_TOKEN", ""), help="admin token"
    )
    args = parser.parse_args(argv)
    if not args.url.startswith(("http://127.", "http://localhost", "http://[::1]")):
        parser.error("only an app on this machine (127.0.0.1 / localhost) may be load tested")
    tally = run(
        args.url.rstrip("/") + "/",
        args.clients,
        args.questions,
        args.seed,
        upload=args.upload,
        token=args.token,
    )
    return 1 if tally.errors else 0


if __name__ == "__main__":
    sys.exit(main())
