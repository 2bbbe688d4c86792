"""A person's view: headless Chromium loads the page, asks a question, and the answer appears
with a numbered citation that opens onto the passage with the answering span highlighted.

Driven through the DevTools protocol over a websocket (the `websockets` package); the screenshot
is kept as test-artifacts/chat.png."""

from __future__ import annotations

import base64
import itertools
import json
import re
import shutil
import sqlite3
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.app_server import running_app

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,1500",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    pytest.skip("Chromium is not installed (apt-get install -y chromium); .ci/run installs it")


class Page:
    """Just enough of the DevTools protocol: evaluate JavaScript, type, screenshot."""

    def __init__(self, ws_url: str):
        from websockets.sync.client import connect

        self._ws = connect(ws_url, max_size=64 * 1024 * 1024, open_timeout=20)
        self._ids = itertools.count(1)

    def send(self, method: str, **params) -> dict:
        call_id = next(self._ids)
        self._ws.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads(self._ws.recv(timeout=60))
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def js(self, expression: str):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 60.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.2)
        raise AssertionError(f"timed out after {timeout:.0f} s waiting for: {expression}")

    def screenshot(self, path: Path) -> None:
        data = self.send("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data["data"]))

    def close(self) -> None:
        self._ws.close()


def _open_browser(tmp_path: Path, url: str):
    profile = tmp_path / "chromium-profile"
    proc = subprocess.Popen(
        [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    port = None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and port is None:
        line = proc.stderr.readline()
        if m := re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line):
            port = int(m.group(1))
        elif not line and proc.poll() is not None:
            break
    if port is None:
        proc.kill()
        raise AssertionError("Chromium did not start its DevTools endpoint")
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
        target = next(t for t in json.load(r) if t["type"] == "page")
    page = Page(target["webSocketDebuggerUrl"])
    page.send("Page.enable")
    page.send("Page.navigate", url=url)
    return proc, page


def test_chat_in_the_browser(tmp_path):
    with running_app(tmp_path) as served:
        proc, page = _open_browser(tmp_path, served.url + "/")
        try:
            page.wait_for("document.querySelector('#nqa-question textarea') !== null")
            assert page.js("document.title") == "Hỏi đáp Nghị quyết"
            assert "Câu hỏi gợi ý" in page.js("document.body.innerText")
            page.js("document.querySelector('#nqa-question textarea').focus()")
            page.send(
                "Input.insertText",
                text="Tỷ lệ dân số tham gia bảo hiểm y tế năm 2024 là bao nhiêu?",
            )
            page.js("document.querySelector('#nqa-send').click()")
            page.wait_for("document.querySelector('#nqa-chat details.nqa-cite summary') !== null")
            answer = page.js(
                "[...document.querySelectorAll('#nqa-chat .message')].map(m => m.innerText).join('\\n')"
            )
            assert "96,5%" in answer and "[1]" in answer and "Nguồn trích dẫn" in answer
            page.js("document.querySelector('#nqa-chat details.nqa-cite summary').click()")
            marked = page.wait_for(
                "(() => { const m = document.querySelector('#nqa-chat details[open] mark');"
                " return m && m.innerText; })()"
            )
            assert "96,5%" in marked
            time.sleep(0.5)  # let the opened citation settle before the picture
            page.screenshot(ARTIFACTS / "chat.png")

            # 👍 on the answer, then an optional comment: one row in the feedback database
            page.js("document.querySelector('#nqa-chat button[aria-label=Like]').click()")
            page.wait_for("!!document.querySelector('#nqa-comment textarea')")
            page.js("document.querySelector('#nqa-comment textarea').focus()")
            page.send("Input.insertText", text="Rõ ràng, có nguồn")
            page.js("document.querySelector('#nqa-send-comment').click()")
            page.wait_for(
                "document.querySelector('#nqa-feedback-note').innerText.includes('Đã ghi nhận')"
            )
            with sqlite3.connect(served.data / "feedback.sqlite3") as db:
                rows = db.execute("SELECT rating, comment, question FROM feedback").fetchall()
            assert rows == [
                (
                    1,
                    "Rõ ràng, có nguồn",
                    "Tỷ lệ dân số tham gia bảo hiểm y tế năm 2024 là bao nhiêu?",
                )
            ]
        finally:
            page.close()
            proc.kill()
            proc.wait(10)
