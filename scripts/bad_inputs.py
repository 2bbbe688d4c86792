"""The bad-input suite: a careless and a hostile user against the CLI and a live app.

    .venv/bin/python scripts/bad_inputs.py            # every case, about ten minutes on 2 cores
    .venv/bin/python scripts/bad_inputs.py --only cli # or: index, app

Everything runs in a temporary folder (corpus, data folder, index) with the converted model
shared (NQA_MODEL_DIR, default ~/.cache/hoidap-nghiquyet/models); nothing is fetched. The CLI
runs as subprocesses; the app is `python app.py` on a free port, driven with gradio_client and
plain HTTP, killed with SIGKILL and restarted. Cases that need a read-only or full file system
run inside a private mount namespace (`unshare -m`, root or user namespaces) and are reported
as skipped where that is not available.

Prints one line per case, then the figures (every one must be 0): tracebacks shown to a user,
wrong exit codes, unexpected ("generic") errors, documents lost, feedback rows lost, silent wrong
answers, restarts slower than 10 s. Exits 1 when any is not 0.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DOC_A = """---
title: Nghị quyết về kế hoạch phát triển kinh tế - xã hội năm 2024 của huyện Hòa Bình Xanh
number: 45/NQ-HĐND
issuer: Hội đồng nhân dân huyện Hòa Bình Xanh
date: 2023-12-14
kind: Nghị quyết
---

**Điều 1.** Thông qua kế hoạch phát triển kinh tế - xã hội năm 2024 với các chỉ tiêu sau:

**1. Các chỉ tiêu kinh tế**

- Tốc độ tăng trưởng giá trị sản xuất: 9,2%.
- Thu ngân sách nhà nước trên địa bàn huyện: 650 tỷ đồng.

**2. Các chỉ tiêu xã hội**

- Tỷ lệ hộ nghèo giảm còn 2,1%.
- Tỷ lệ dân số tham gia bảo hiểm y tế đạt 96,5%.

**Điều 2.** Nghị quyết này có hiệu lực kể từ ngày 01 tháng 01 năm 2024.
"""
DOC_B = """---
title: Kế hoạch chuyển đổi số của xã Đồi Thông năm 2025
issuer: Ủy ban nhân dân xã Đồi Thông
date: 2025-02-10
kind: Kế hoạch
---

**Điều 1.** Mục tiêu năm 2025: 100% hồ sơ thủ tục hành chính được tiếp nhận trực tuyến.

**Điều 2.** Kinh phí thực hiện kế hoạch là 1,5 tỷ đồng từ ngân sách xã.
"""
DOC_NEW = """**Điều 1.** Hỗ trợ 300 hộ trồng rừng gỗ lớn trong năm 2025.

**Điều 2.** Kinh phí hỗ trợ là 4,2 tỷ đồng.
"""
QUESTION, EXPECTED = "Tỷ lệ dân số tham gia bảo hiểm y tế đạt bao nhiêu?", "96,5%"
TOKEN = "ma-quan-tri-thu"
GENERIC = "lỗi ngoài dự kiến"  # serve.pages.common.UNEXPECTED: a bug, never a refusal
RESTART_SECONDS = 10.0


@dataclass
class Tally:
    cases: int = 0
    skipped: list[str] = field(default_factory=list)
    tracebacks: int = 0
    wrong_exit: int = 0
    unexpected: int = 0
    documents_lost: int = 0
    feedback_lost: int = 0
    silent_wrong: int = 0
    slow_restarts: int = 0
    failures: list[str] = field(default_factory=list)

    def record(self, name: str, ok: bool, detail: str = "", **counts: int) -> bool:
        self.cases += 1
        for key, value in counts.items():
            setattr(self, key, getattr(self, key) + value)
        if not ok:
            self.failures.append(f"{name}: {detail}")
        shown = f"  ({detail})" if detail and (not ok or detail.endswith(" s")) else ""
        print(f"  {'ok ' if ok else 'BAD'} {name}{shown}", flush=True)
        return ok

    def skip(self, name: str, why: str) -> None:
        self.skipped.append(f"{name}: {why}")
        print(f"  -- {name}  (skipped: {why})", flush=True)


T = Tally()


# ----------------------------------------------------------------------------- helpers


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nq-45-hoa-binh-xanh.md").write_text(DOC_A, encoding="utf-8")
    (folder / "kh-chuyen-doi-so.md").write_text(DOC_B, encoding="utf-8")
    return folder


def base_env(data: Path, **extra: str) -> dict[str, str]:
    from config import Config

    models = Config.from_env(os.environ).models
    env = {k: v for k, v in os.environ.items() if not k.startswith("NQA_")}
    env.update(NQA_DATA_DIR=str(data), NQA_MODEL_DIR=str(models), HF_HUB_OFFLINE="1")
    env.update(extra)
    return env


@dataclass
class Run:
    code: int
    out: str
    err: str


def nqa(args: list, env: dict, stdin: bytes | None = None, prefix: list | None = None) -> Run:
    done = subprocess.run(
        [*(prefix or []), sys.executable, "-m", "nqa", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )
    return Run(
        done.returncode,
        done.stdout.decode("utf-8", "replace"),
        done.stderr.decode("utf-8", "replace"),
    )


def check_cli(name: str, run: Run, code: int, *, one_line: bool = True, **extra) -> bool:
    """A CLI case: the exit code expected, no traceback, a refusal on one line."""
    traceback = "Traceback (most recent call last)" in run.err
    wrong = run.code != code
    lines = [
        line
        for line in run.err.splitlines()
        if line.startswith("nqa: ") and not line.startswith("nqa: WARNING:")
    ]
    many = code == 2 and one_line and len(lines) != 1
    detail = f"exit {run.code}, stderr {run.err.strip()[-300:]!r}"
    return T.record(
        name,
        not (traceback or wrong or many) and all(extra.values()),
        detail,
        tracebacks=int(traceback),
        wrong_exit=int(wrong),
    )


def mount_prefix(folder: Path, how: str) -> list[str] | None:
    """A command prefix running the command with `folder` read-only ("ro") or on a tiny file
    system ("full"), in a private mount namespace; None where namespaces are not available."""
    if not shutil.which("unshare"):
        return None
    if how == "ro":
        script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"'
    else:
        script = 'mount -t tmpfs -o size=12k tmpfs "$0" && exec "$@"'
    for flags in (["-m"], ["-rm"]):
        probe = subprocess.run(
            ["unshare", *flags, "sh", "-c", script, str(folder), "true"], capture_output=True
        )
        if probe.returncode == 0:
            return ["unshare", *flags, "sh", "-c", script, str(folder)]
    return None


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# ----------------------------------------------------------------------------- CLI


def cli_cases(work: Path) -> None:
    print("CLI", flush=True)
    corpus = write_corpus(work / "corpus")
    data = work / "data"
    env = base_env(data)
    run = nqa(["index", "build", "--corpus", str(corpus)], env)
    check_cli("index build of a clean corpus", run, 0)
    answer = nqa(["ask", QUESTION, "--corpus", str(corpus)], env)
    check_cli("a question answered", answer, 0, right=EXPECTED in answer.out)

    bad = b"b\xe1o hi\xffm"
    check_cli("argument not UTF-8 (ask)", nqa(["ask", bad, "--corpus", str(corpus)], env), 2)
    check_cli("argument not UTF-8 (search)", nqa(["search", bad, "--corpus", str(corpus)], env), 2)
    check_cli("argument not UTF-8 (option)", nqa(["ask", "x", "--corpus", bad], env), 2)
    lines = (
        b"\n".join([QUESTION.encode(), bad, b"", b"\xff\xfe", "Thu ngân sách huyện?".encode()])
        + b"\n"
    )
    for command in ("ask", "search"):
        run = nqa([command, "-", "--corpus", str(corpus)], env, stdin=lines)
        rows = json_lines(run.out) if run.code == 0 else []
        aligned = len(rows) == 5 and all("error" in rows[i] for i in (1, 2, 3))
        answered = aligned and "error" not in rows[0] and "error" not in rows[4]
        check_cli(
            f"stdin lines not UTF-8 ({command} -)", run, 0, aligned=aligned, answered=answered
        )
        if not aligned:
            T.silent_wrong += 1
    run = nqa(["ask", "-", "--corpus", str(corpus)], env, stdin=b"\xff" * 5000)
    check_cli("stdin all binary", run, 0, error=run.out.count('"error"') == 1)
    huge = "bảo hiểm " * 400
    check_cli("question too long", nqa(["ask", huge, "--corpus", str(corpus)], env), 2)
    check_cli("empty question", nqa(["ask", "   ", "--corpus", str(corpus)], env), 2)
    check_cli("control characters", nqa(["ask", "a\x07\x1bb", "--corpus", str(corpus)], env), 2)
    check_cli(
        "unknown document", nqa(["ask", "x?", "--doc", "nope", "--corpus", str(corpus)], env), 2
    )
    check_cli("missing corpus folder", nqa(["ask", "x?", "--corpus", str(work / "nope")], env), 2)
    check_cli(
        "search k=0", nqa(["search", "ngân sách", "--k", "0", "--corpus", str(corpus)], env), 0
    )

    for name, value in [
        ("NQA_BACKEND", "bogus"),
        ("NQA_LOG_LEVEL", "LOUD"),
        ("NQA_MODEL", "/missing"),
        ("NQA_FUSION", "max"),
        ("NQA_LLM_TIMEOUT", "abc"),
        ("NQA_LLM_URL", "http://127.0.0.1:9/v1"),  # without NQA_LLM_MODEL
        ("NQA_MAX_UPLOAD_MB", "-1"),
        ("NQA_DATA_DIR", str(corpus / "nq-45-hoa-binh-xanh.md")),  # a file
    ]:
        run = nqa(["ask", QUESTION, "--corpus", str(corpus)], {**env, name: value})
        check_cli(f"{name}={value[:30]}", run, 2, named=name in run.err)

    questions = work / "q.jsonl"
    questions.write_bytes(b'{"id": "1", "question": "a"}\n{"id": "2", "question": "b\xe1o"}\n')
    check_cli("eval file not UTF-8", nqa(["eval", str(questions), "--quiet"], env), 2)
    questions.write_text('{"id": "1", "question": "a"\n', encoding="utf-8")
    check_cli("eval file not JSON", nqa(["eval", str(questions), "--quiet"], env), 2)
    check_cli("eval file missing", nqa(["eval", str(work / "none.jsonl"), "--quiet"], env), 2)
    questions.write_bytes(b"\xff\xfe" + "{}".encode("utf-16-le"))
    check_cli("eval file in UTF-16", nqa(["eval", str(questions), "--quiet"], env), 2)

    mixed = write_corpus(work / "mixed")
    (mixed / "utf16-cut.txt").write_bytes("Điều 1. Nội dung.\n".encode("utf-16")[:-1])
    (mixed / "latin1.txt").write_bytes("Điều 1. Nội dung".encode()[:5] + b"\xe9\xe8 abc")
    (mixed / "hong.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (mixed / "nhi-phan.md").write_bytes(b"\x00\x01\x02" * 100)
    (mixed / "rong.md").write_bytes(b"")
    run = nqa(["index", "build", "--corpus", str(mixed)], env)
    check_cli(
        "corpus with unreadable files",
        run,
        0,
        one_line=False,
        kept="Indexed 2 documents" in run.out,
        named=all(
            n in run.err for n in ("utf16-cut.txt", "latin1.txt", "hong.docx", "nhi-phan.md")
        ),
    )
    run = nqa(["ask", QUESTION, "--corpus", str(mixed)], env)
    check_cli("questions on a corpus with unreadable files", run, 0, right=EXPECTED in run.out)

    prefix = mount_prefix(data, "ro")
    if prefix is None:
        T.skip("read-only data folder", "no mount namespaces")
    else:
        run = nqa(["ask", QUESTION, "--corpus", str(corpus)], env, prefix=prefix)
        check_cli("read-only data folder, index built", run, 0, right=EXPECTED in run.out)
        other = write_corpus(work / "other")
        run = nqa(["ask", QUESTION, "--corpus", str(other)], env, prefix=prefix)
        check_cli("read-only data folder, no index", run, 2, says="read-only" in run.err)
    tiny = work / "tiny-data"
    tiny.mkdir()
    prefix = mount_prefix(tiny, "full")
    if prefix is None:
        T.skip("full data folder", "no mount namespaces")
    else:
        run = nqa(["index", "build", "--corpus", str(corpus)], base_env(tiny), prefix=prefix)
        check_cli("full data folder", run, 2, says="full" in run.err)


# ----------------------------------------------------------------------------- index


def _build_of(data: Path) -> Path:
    home = next((data / "indexes").iterdir())
    return home / (home / "CURRENT").read_text().strip()


def _swap(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[1], lines[2] = lines[2], lines[1]
    path.write_text("\n".join(lines), encoding="utf-8")


def _drop(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")


def _edit(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace("96,5%", "69,5%"), encoding="utf-8")


def index_cases(work: Path) -> None:
    print("Damaged index", flush=True)
    corpus = write_corpus(work / "corpus")
    other = work / "other"
    other.mkdir()
    (other / "khac.md").write_text(DOC_B.replace("1,5 tỷ", "2,5 tỷ"), encoding="utf-8")
    data = work / "data"
    env = base_env(data)
    nqa(["index", "build", "--corpus", str(other)], base_env(work / "other-data"))
    check_cli("index build", nqa(["index", "build", "--corpus", str(corpus)], env), 0)
    pristine = work / "pristine"
    shutil.copytree(data / "indexes", pristine)
    foreign = _build_of(work / "other-data")

    def copy_from_other(name: str):
        def damage(build: Path) -> None:
            if (build / name).is_dir():
                shutil.rmtree(build / name)
                shutil.copytree(foreign / name, build / name)
            else:
                shutil.copyfile(foreign / name, build / name)

        return damage

    def pointer(content: bytes | None):
        def damage(build: Path) -> None:
            (build.parent / "CURRENT").unlink()
            if content is None:
                (build.parent / "CURRENT").mkdir()
            else:
                (build.parent / "CURRENT").write_bytes(content)

        return damage

    damages = {
        "passages.jsonl lines swapped": lambda b: _swap(b / "passages.jsonl"),
        "a passage edited": lambda b: _edit(b / "passages.jsonl"),
        "a line removed from tokens.jsonl": lambda b: _drop(b / "tokens.jsonl"),
        "passages.jsonl one line short": lambda b: _drop(b / "passages.jsonl"),
        "BM25 folder from another index": copy_from_other("bm25"),
        "vectors from another index": copy_from_other("dense.faiss"),
        "manifest.json holding [1,2]": lambda b: (b / "manifest.json").write_text("[1,2]"),
        "CURRENT a folder": pointer(None),
        "CURRENT binary": pointer(bytes(range(256))),
        "documents.jsonl emptied": lambda b: (b / "documents.jsonl").write_text(""),
    }
    for name, damage in damages.items():
        shutil.rmtree(data / "indexes")
        shutil.copytree(pristine, data / "indexes")
        damage(_build_of(data) if "CURRENT" not in name else _build_of_pristine(data))
        run = nqa(["index", "check", "--corpus", str(corpus)], env)
        check_cli(f"{name}: index check says so", run, 2, says="damaged" in run.err)
        answer = nqa(["ask", QUESTION, "--corpus", str(corpus), "--json"], env)
        right = answer.code == 0 and EXPECTED in answer.out
        check_cli(f"{name}: ask answers right", answer, 0, one_line=False, right=right)
        if answer.code == 0 and not right:
            T.silent_wrong += 1
        shutil.rmtree(data / "indexes")
        shutil.copytree(pristine, data / "indexes")
        damage(_build_of(data) if "CURRENT" not in name else _build_of_pristine(data))
        build = nqa(["index", "build", "--corpus", str(corpus)], env)
        repaired = "Indexed 2 documents" in build.out
        check_cli(f"{name}: index build repairs it", build, 0, one_line=False, repaired=repaired)
        if build.code == 0 and not repaired:
            T.silent_wrong += 1
        check_cli(
            f"{name}: index check after", nqa(["index", "check", "--corpus", str(corpus)], env), 0
        )


def _build_of_pristine(data: Path) -> Path:
    """The live build, found without reading CURRENT (the damage replaces it)."""
    home = next((data / "indexes").iterdir())
    return next(home.glob("build-*"))


# ----------------------------------------------------------------------------- app


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class App:
    """`python app.py` as a subprocess on a free port."""

    def __init__(self, corpus: Path, data: Path, log: Path, prefix: list | None = None, **env):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = base_env(
            data, NQA_CORPUS_DIR=str(corpus), NQA_ADMIN_TOKEN=TOKEN, NQA_PORT=str(self.port), **env
        )
        self.env.pop("GRADIO_TEMP_DIR", None)
        self.log = log
        self.prefix = prefix or []
        self.process: subprocess.Popen | None = None

    def start(self) -> float:
        """Start; seconds until it answers QUESTION (inf when it never does within a minute)."""
        began = time.perf_counter()
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [*self.prefix, sys.executable, "app.py"],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        while time.perf_counter() - began < 60:
            try:
                if self.health().get("documents") and EXPECTED in self.ask_http(QUESTION):
                    return time.perf_counter() - began
            except Exception:
                pass
            time.sleep(0.2)
        return float("inf")

    def ask_http(self, question: str) -> str:
        """The answer to `question` through Gradio's plain HTTP API (what any client does,
        without gradio_client's own start-up)."""
        import httpx

        call = f"{self.url}/gradio_api/call/ask"
        event = httpx.post(call, json={"data": [question, ""]}, timeout=30).json()["event_id"]
        with httpx.stream("GET", f"{call}/{event}", timeout=30) as stream:
            lines = list(stream.iter_lines())
        done = lines.index("event: complete") if "event: complete" in lines else None
        return json.loads(lines[done + 1][len("data: ") :])[0]["answer"] if done is not None else ""

    def health(self) -> dict:
        with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as r:
            return json.load(r)

    def client(self):
        from gradio_client import Client

        return Client(self.url + "/", verbose=False, ssl_verify=False)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def traceback_in_log(self) -> int:
        return self.log.read_text(encoding="utf-8", errors="replace").count(
            "Traceback (most recent call last)"
        )


def refused(name: str, call, *, words: str = "") -> bool:
    """An app call that must be refused with its own message (never the generic one)."""
    from gradio_client.exceptions import AppError

    try:
        call()
    except AppError as exc:
        message = str(exc)
        generic = GENERIC in message
        ok = not generic and (not words or words in message)
        return T.record(name, ok, message[:160], unexpected=int(generic))
    except Exception as exc:
        return T.record(name, False, f"{type(exc).__name__}: {exc}"[:160], unexpected=1)
    return T.record(name, False, "accepted")


def _docx(
    path: Path, paragraphs: int, text: str = "Khoản {i}. Nội dung điều khoản thứ {i}."
) -> Path:
    body = "".join(
        f"<w:p><w:r><w:t>{text.format(i=i)}</w:t></w:r></w:p>" for i in range(paragraphs)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr(
            "word/document.xml", f'<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
        )
    return path


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="'
    'application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def _pdf(path: Path, pages: int) -> Path:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    for n in range(pages):
        pdf.drawString(72, 720, f"Trang {n}")
        pdf.showPage()
    pdf.save()
    return path


def app_cases(work: Path) -> None:
    from gradio_client import handle_file

    print("App", flush=True)
    corpus = write_corpus(work / "corpus")
    (corpus / "utf16-cut.txt").write_bytes("Điều 1. Nội dung.\n".encode("utf-16")[:-1])
    data = work / "data"
    data.mkdir()
    (data / "feedback.sqlite3").write_bytes(b"\x00not a database" * 300)
    app = App(corpus, data, work / "app.log", NQA_PARSE_SECONDS="3")
    seconds = app.start()
    T.record(
        "app starts (garbage feedback.sqlite3, truncated UTF-16 .txt)",
        seconds < 60,
        f"{seconds:.1f} s",
    )
    client = app.client()
    documents = {d["doc_id"] for d in client.predict(api_name="/documents")}
    unreadable = client.predict(api_name="/unreadable")
    T.record(
        "unreadable file listed",
        [u["file"] for u in unreadable] == ["utf16-cut.txt"],
        str(unreadable),
    )
    T.record("feedback.sqlite3 moved aside", bool(list(data.glob("feedback.sqlite3.damaged-*"))))

    refused("ask(None)", lambda: client.predict(None, "", api_name="/ask"), words="question")
    refused("ask(123)", lambda: client.predict(123, "", api_name="/ask"), words="question")
    refused("ask('')", lambda: client.predict("", "", api_name="/ask"))
    refused("ask(10 000 characters)", lambda: client.predict("x" * 10000, "", api_name="/ask"))
    refused("ask(control characters)", lambda: client.predict("a\x00b\x1b", "", api_name="/ask"))
    refused("ask(follow-up of nothing)", lambda: client.predict("Còn?", "nope", api_name="/ask"))
    refused(
        "search(k='abc')",
        lambda: client.predict("ngân sách", "abc", api_name="/search"),
        words="'k'",
    )
    refused(
        "search(k=-1)", lambda: client.predict("ngân sách", -1, api_name="/search"), words="'k'"
    )
    refused("search(None)", lambda: client.predict(None, 5, api_name="/search"), words="query")
    refused(
        "search(year='x')",
        lambda: client.predict("a", 5, None, "x", api_name="/search"),
        words="year",
    )
    refused("toc(None)", lambda: client.predict(None, api_name="/toc"), words="doc_id")
    refused("toc(unknown)", lambda: client.predict("nope", api_name="/toc"))
    refused(
        "section(unknown heading)",
        lambda: client.predict(next(iter(documents)), "Điều 99", api_name="/section"),
    )
    refused(
        "feedback(None)",
        lambda: client.predict(None, "up", "", api_name="/feedback"),
        words="answer_id",
    )
    refused("feedback(bad rating)", lambda: client.predict("x", "maybe", "", api_name="/feedback"))
    refused(
        "delete without token",
        lambda: client.predict(next(iter(documents)), "", api_name="/delete"),
    )
    refused("export without token", lambda: client.predict("sai", api_name="/export_feedback"))

    from serve import render

    for text in (
        "![ảnh](http://evil.example/x.png) bảo hiểm y tế?",
        "[bấm](http://evil.example/) <img src=x>?",
    ):
        turn = client.predict(text, "", api_name="/ask")
        html = render.turn_html(turn)
        safe = "<img" not in html and 'href="http://evil' not in html
        T.record(f"question rendered as text: {text[:28]}", safe)

    # feedback: flood, de-duplication, formula in a comment, kept after kill -9
    asked = client.predict(QUESTION, "", api_name="/ask")
    ids = set()
    limited = 0
    from gradio_client.exceptions import AppError

    for n in range(25):
        try:
            ids.add(
                client.predict(
                    asked["id"],
                    "up" if n % 2 else "down",
                    '=HYPERLINK("http://x","y")',
                    api_name="/feedback",
                )["id"]
            )
        except AppError as exc:
            limited += "nhiều góp ý" in str(exc)
            T.unexpected += GENERIC in str(exc)
    T.record("feedback flood: one row per answer", len(ids) == 1, str(ids))
    T.record("feedback flood: rate-limited per client", limited == 5, f"{limited} refused")
    csv_path = client.predict(TOKEN, api_name="/export_feedback")
    csv_text = Path(csv_path).read_text(encoding="utf-8-sig")
    T.record("CSV formula neutralised", "'=HYPERLINK" in csv_text and ",=HYPERLINK" not in csv_text)
    confirmed = ids

    # uploads that cost too much, or are not what they claim
    uploads = work / "uploads"
    uploads.mkdir()
    cases = {
        "docx inflating to 60 MB": _docx(uploads / "bom.docx", 600_000, "Khoản {i}. " + "x" * 80),
        "docx with 60 000 paragraphs": _docx(uploads / "nhieu-doan.docx", 60_000, "{i}"),
        "docx parsing longer than the limit": _docx(uploads / "cham.docx", 49_000),
        "pdf with 1 500 pages": _pdf(uploads / "dai.pdf", 1500),
        "exe renamed .pdf": uploads / "virus.pdf",
        "zip cut short": uploads / "cut.docx",
        "txt not UTF-8": uploads / "latin.txt",
        "empty file": uploads / "rong.md",
        "unsupported type": uploads / "script.sh",
    }
    (uploads / "virus.pdf").write_bytes(b"MZ\x90\x00" + b"\x00" * 500)
    (uploads / "cut.docx").write_bytes(_docx(uploads / "tmp.docx", 50).read_bytes()[:300])
    (uploads / "latin.txt").write_bytes(
        "Điều 1. Nội dung".encode("cp1258", "replace") + b"\xe9\xff"
    )
    (uploads / "rong.md").write_bytes(b"")
    (uploads / "script.sh").write_text("rm -rf /")
    words = {
        "docx inflating to 60 MB": "khi giải nén, vượt giới hạn",
        "docx with 60 000 paragraphs": "đoạn văn, vượt giới hạn",
        "docx parsing longer than the limit": "quá nặng để đọc (đọc quá 3 giây)",
        "pdf with 1 500 pages": "có 1500 trang, vượt giới hạn 1000 trang",
    }
    for name, path in cases.items():
        before = sorted(p.name for p in corpus.iterdir())
        refused(
            f"upload: {name}",
            lambda p=path: client.predict(handle_file(str(p)), TOKEN, api_name="/upload"),
            words=words.get(name, ""),
        )
        after = sorted(p.name for p in corpus.iterdir())
        T.record(
            f"upload: {name}: corpus unchanged",
            before == after,
            f"{before} -> {after}",
            documents_lost=int(not set(before) <= set(after)),
        )

    # three identical uploads at once: one success, two "đã có"
    new = uploads / "ho-tro-trong-rung.md"
    new.write_text(DOC_NEW, encoding="utf-8")
    outcomes: list[str] = []

    def upload_once():
        try:
            outcomes.append(
                app.client().predict(handle_file(str(new)), TOKEN, api_name="/upload")["doc_id"]
            )
        except AppError as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=upload_once) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    successes = [o for o in outcomes if o.startswith("ho-tro")]
    already = [o for o in outcomes if "đã có trong kho" in o]
    generic = sum(GENERIC in o for o in outcomes)
    T.record(
        "3 identical uploads at once",
        len(successes) == 1 and len(already) == 2,
        str(outcomes),
        unexpected=generic,
    )
    documents = {d["doc_id"] for d in client.predict(api_name="/documents")}

    # Gradio's own upload route
    big = uploads / "big.bin"
    big.write_bytes(os.urandom(21 * 1024 * 1024))
    status = _post_file(app.url, big)
    T.record("Gradio upload route: 21 MB refused", status == 413, f"HTTP {status}")
    small = uploads / "small.bin"
    small.write_bytes(b"x" * 1000)
    statuses = [_post_file(app.url, small) for _ in range(40)]
    limited = 200 in statuses and 429 in statuses and statuses.index(429) > 0
    T.record("Gradio upload route: rate-limited", limited, str(sorted(set(statuses))))
    time.sleep(60)  # the route's minute passes: the uploads below are an admin's again

    # kill -9 while an accepted upload is being indexed, then restart
    slow = _docx(uploads / "giua-chung.docx", 4_800)  # accepted; its embedding takes a while
    thread = threading.Thread(
        target=lambda: _quiet(
            lambda: app.client().predict(handle_file(str(slow)), TOKEN, api_name="/upload")
        )
    )
    thread.start()
    time.sleep(4.0)
    app.kill()
    thread.join(30)
    seconds = app.start()
    T.record(
        "restart after kill -9 during an upload answers within 10 s",
        seconds <= RESTART_SECONDS,
        f"{seconds:.1f} s",
        slow_restarts=int(seconds > RESTART_SECONDS),
    )
    leftovers = [p.name for p in corpus.iterdir() if p.name.startswith((".upload-", ".deleting-"))]
    T.record("no temporary files left", not leftovers, str(leftovers))
    _wait_ready(app)
    client = app.client()
    now = {d["doc_id"] for d in client.predict(api_name="/documents")}
    lost = documents - now
    T.record("no document lost", not lost, str(lost), documents_lost=len(lost))
    rows = _feedback_ids(client)
    missing = confirmed - rows
    T.record(
        "no confirmed feedback row lost", not missing, str(missing), feedback_lost=len(missing)
    )
    for doc_id in sorted(now - {"nq-45-hoa-binh-xanh", "kh-chuyen-doi-so"}):
        gone = client.predict(doc_id, TOKEN, api_name="/delete")
        T.record(f"delete {doc_id}", gone["deleted"] == doc_id)

    # an interrupted delete (the index still holds the file: put back) and a damaged index
    app.kill()
    victim = corpus / "kh-chuyen-doi-so.md"
    os.replace(victim, corpus / f".deleting-0badc0de-{victim.name}")
    _swap(_build_of(data) / "passages.jsonl")
    seconds = app.start()
    T.record(
        "restart with an interrupted delete and a damaged index", seconds < 60, f"{seconds:.1f} s"
    )
    T.record("interrupted delete undone", victim.exists(), documents_lost=int(not victim.exists()))
    _wait_ready(app)
    answer = app.client().predict(QUESTION, "", api_name="/ask")["answer"]
    wrong = EXPECTED not in answer
    T.record("damaged index not served", not wrong, answer[:80], silent_wrong=int(wrong))
    app.kill()
    seconds = app.start()
    T.record(
        "restart after kill -9 answers within 10 s",
        seconds <= RESTART_SECONDS,
        f"{seconds:.1f} s",
        slow_restarts=int(seconds > RESTART_SECONDS),
    )
    app.kill()

    # a read-only data folder (and corpus): answers served, feedback and uploads say why
    prefix = mount_prefix(work, "ro")
    if prefix is None:
        T.skip("app on a read-only data folder", "no mount namespaces")
    else:
        ro = App(corpus, data, work.parent / "app-ro.log", prefix=prefix)
        seconds = ro.start()
        T.record("read-only data folder: app starts and answers", seconds < 60, f"{seconds:.1f} s")
        if seconds < 60:
            client = ro.client()
            asked = client.predict(QUESTION, "", api_name="/ask")
            refused(
                "read-only: feedback says why",
                lambda: client.predict(asked["id"], "up", "", api_name="/feedback"),
                words="Chưa lưu được góp ý",
            )
            refused(
                "read-only: upload says why",
                lambda: client.predict(handle_file(str(new)), TOKEN, api_name="/upload"),
                words="chỉ đọc",
            )
        ro.kill()
    print(f"  (server log: {app.traceback_in_log()} tracebacks logged for the operator)")


def _wait_ready(app: App, seconds: float = 120) -> None:
    began = time.perf_counter()
    while time.perf_counter() - began < seconds:
        try:
            if app.health().get("index") == "ready":
                return
        except Exception:
            pass
        time.sleep(0.3)


def _quiet(call) -> None:
    try:
        call()
    except Exception:
        pass


def _feedback_ids(client) -> set[int]:
    import csv
    import io

    path = client.predict(TOKEN, api_name="/export_feedback")
    rows = list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8-sig"))))
    return {int(r["id"]) for r in rows}


def _post_file(url: str, path: Path) -> int:
    import httpx

    try:
        with path.open("rb") as f:
            r = httpx.post(f"{url}/gradio_api/upload", files={"files": (path.name, f)}, timeout=60)
        return r.status_code
    except httpx.HTTPError:
        return 0


# ----------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the bad-input suite.")
    parser.add_argument("--only", choices=("cli", "index", "app"), action="append")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    parts = args.only or ["cli", "index", "app"]
    work = Path(tempfile.mkdtemp(prefix="nqa-bad-inputs-"))
    began = time.perf_counter()
    try:
        for part in parts:
            {"cli": cli_cases, "index": index_cases, "app": app_cases}[part](work / part)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    figures = {
        "cases run": T.cases,
        "tracebacks shown to a user": T.tracebacks,
        "wrong exit codes": T.wrong_exit,
        "unexpected (generic) errors": T.unexpected,
        "documents lost": T.documents_lost,
        "feedback rows lost": T.feedback_lost,
        "silent wrong answers": T.silent_wrong,
        "restarts slower than 10 s": T.slow_restarts,
        "other failed checks": len(T.failures),
    }
    print(
        f"\n{T.cases} cases in {time.perf_counter() - began:.0f} s (load average {os.getloadavg()[0]:.1f})"
    )
    for name, value in figures.items():
        print(f"{name:<28} {value}")
    for line in T.skipped:
        print(f"skipped: {line}")
    for line in T.failures:
        print(f"failed: {line}")
    bad = any(v for k, v in figures.items() if k != "cases run")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
