"""A small OpenAI-compatible chat server on 127.0.0.1 whose replies each test scripts."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    delay: float = 0.0  # seconds to wait before answering


def chat(content: str, delay: float = 0.0) -> Reply:
    """A well-formed chat completion whose message is `content`."""
    body = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
    }
    return Reply(body=json.dumps(body, ensure_ascii=False).encode(), delay=delay)


@dataclass
class FakeLLM:
    """POST /v1/chat/completions answers with `reply`; every request is recorded."""

    reply: Reply = field(default_factory=lambda: chat("GRDP tăng 8,5% [1]."))
    requests: list[dict] = field(default_factory=list)
    url: str = ""  # base URL, e.g. http://127.0.0.1:PORT/v1


@contextmanager
def fake_llm_server() -> Iterator[FakeLLM]:
    fake = FakeLLM()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            fake.requests.append(
                {"path": self.path, "headers": dict(self.headers), "json": json.loads(body)}
            )
            reply = fake.reply
            time.sleep(reply.delay)
            try:
                self.send_response(reply.status if self.path == "/v1/chat/completions" else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)
            except OSError:  # the client gave up waiting
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
