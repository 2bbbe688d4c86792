"""Debian's headless Chromium driven over the DevTools protocol (the `websockets` package), for
the browser tests: open a page at a viewport, run JavaScript, type, screenshot, and scan it with
axe-core (the npm package, installed on first use by `ensure_axe`)."""

from __future__ import annotations

import base64
import itertools
import json
import os
import re
import shutil
import subprocess
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
AXE_PREFIX = ROOT / ".venv" / "npm"  # `make axe` installs axe-core here
AXE_VERSION = "4.10.3"
DESKTOP = (1366, 900)
PHONE = (390, 844)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--lang=en-US",  # the page must be Vietnamese whatever the browser's language
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
]


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    pytest.skip("Chromium is not installed (apt-get install -y chromium); .ci/run installs it")


def ensure_axe() -> str:
    """The text of axe.min.js: NQA_AXE_JS, else the copy `make axe` installed, else installed
    now from the npm registry into .venv/npm."""
    if env := os.environ.get("NQA_AXE_JS"):
        return Path(env).read_text(encoding="utf-8")
    path = AXE_PREFIX / "node_modules" / "axe-core" / "axe.min.js"
    if not path.exists():
        npm = shutil.which("npm")
        if not npm:
            pytest.skip("npm is not installed: install axe-core with `make axe` (needs npm)")
        subprocess.run(
            [
                npm,
                "install",
                "--no-save",
                "--no-audit",
                "--no-fund",
                "--silent",
                "--prefix",
                str(AXE_PREFIX),
                f"axe-core@{AXE_VERSION}",
            ],
            check=True,
            timeout=300,
        )
    return path.read_text(encoding="utf-8")


class Page:
    """Just enough of the DevTools protocol: evaluate JavaScript, type, press keys, screenshot."""

    def __init__(self, ws_url: str):
        from websockets.sync.client import connect

        self._ws = connect(ws_url, max_size=64 * 1024 * 1024, open_timeout=20)
        self._ids = itertools.count(1)
        self.dialogs: list[str] = []

    def send(self, method: str, **params) -> dict:
        call_id = next(self._ids)
        self._ws.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads(self._ws.recv(timeout=120))
            if message.get("method") == "Page.javascriptDialogOpening":
                self.dialogs.append(message["params"].get("message", ""))
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def js(self, expression: str, *, wait: bool = False):
        result = self.send(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=wait
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:200]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 60.0, step: float = 0.05):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(step)
        raise AssertionError(f"timed out after {timeout:.0f} s waiting for: {expression}")

    def type_into(self, selector: str, text: str) -> None:
        self.js(f"document.querySelector({json.dumps(selector)}).focus()")
        self.send("Input.insertText", text=text)

    def press_enter(self) -> None:
        for kind in ("keyDown", "keyUp"):
            self.send(
                "Input.dispatchKeyEvent",
                type=kind,
                key="Enter",
                code="Enter",
                windowsVirtualKeyCode=13,
                text="\r" if kind == "keyDown" else "",
            )

    def click(self, selector: str) -> None:
        self.js(f"document.querySelector({json.dumps(selector)}).click()")

    def viewport(self, width: int, height: int) -> None:
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 600,
        )

    def screenshot(self, path: Path, *, full: bool = False) -> None:
        params = {"format": "png", "captureBeyondViewport": full}
        data = self.send("Page.captureScreenshot", **params)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data["data"]))

    def axe(self, source: str) -> list[dict]:
        """Serious and critical violations of WCAG 2 A/AA rules on the page as it is."""
        if not self.js("typeof window.axe === 'object'"):
            self.js(source)
        found = self.js(
            "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', "
            "'wcag21a', 'wcag21aa', 'best-practice']}, resultTypes: ['violations']})"
            ".then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact))"
            ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5)"
            ".map(n => n.target.join(' ') + ' :: ' + n.failureSummary)})))",
            wait=True,
        )
        return found or []

    def close(self) -> None:
        self._ws.close()


@contextmanager
def browser(tmp_path: Path, url: str, size: tuple[int, int] = DESKTOP, *, dark: bool = False):
    """A fresh headless Chromium showing `url` at `size` (in dark mode: the system asks for a
    dark colour scheme); closed afterwards."""
    profile = tmp_path / f"chromium-{size[0]}"
    proc = subprocess.Popen(
        [
            chromium(),
            *FLAGS,
            f"--window-size={size[0]},{size[1]}",
            f"--user-data-dir={profile}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    page = None
    try:
        port = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and port is None:
            line = proc.stderr.readline()
            if m := re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line):
                port = int(m.group(1))
            elif not line and proc.poll() is not None:
                break
        if port is None:
            raise AssertionError("Chromium did not start its DevTools endpoint")
        threading.Thread(target=proc.stderr.read, daemon=True).start()  # never block on a full pipe
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            target = next(t for t in json.load(r) if t["type"] == "page")
        page = Page(target["webSocketDebuggerUrl"])
        page.send("Page.enable")
        page.viewport(*size)
        if dark:
            page.send(
                "Emulation.setEmulatedMedia",
                features=[{"name": "prefers-color-scheme", "value": "dark"}],
            )
        page.send("Page.navigate", url=url)
        yield page
    finally:
        if page is not None:
            page.close()
        proc.kill()
        proc.wait(10)
