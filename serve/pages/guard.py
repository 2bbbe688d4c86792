"""Gradio's own upload route (`POST /gradio_api/upload`) bounded: it stores whatever anyone
sends into its cache before any handler of ours runs. This ASGI middleware refuses a request
without a length or longer than one upload may be (413), and more than UPLOADS_PER_MINUTE
requests from one client a minute (429); the cache itself is held within a quota by a sweep
(serve.housekeeping.sweep, run by app.py)."""

from __future__ import annotations

import json

from serve.limits import RateLimiter

UPLOADS_PER_MINUTE = 30
_OVERHEAD = 64 * 1024  # multipart headers around the file


class UploadGuard:
    def __init__(self, app, max_bytes: int, per_minute: int = UPLOADS_PER_MINUTE):
        self.app = app
        self.max_bytes = max_bytes + _OVERHEAD
        self.limiter = RateLimiter(per_minute, 60.0)

    async def __call__(self, scope, receive, send):
        if (
            scope["type"] != "http"
            or scope.get("method") != "POST"
            or not scope.get("path", "").rstrip("/").endswith("/upload")
        ):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length", b"").decode("latin-1").strip()
        client = (scope.get("client") or ("", 0))[0]
        if not length.isdigit():
            await _refuse(send, 411, "Cần độ dài tệp (Content-Length) để tải lên.")
        elif int(length) > self.max_bytes:
            limit = (self.max_bytes - _OVERHEAD) / 1048576
            await _refuse(send, 413, f"Tệp vượt giới hạn {limit:g} MB.")
        elif not self.limiter.allow(client):
            await _refuse(send, 429, "Tải lên quá nhiều trong một phút; vui lòng thử lại sau.")
        else:
            await self.app(scope, receive, send)


async def _refuse(send, status: int, message: str) -> None:
    body = json.dumps({"error": message}, ensure_ascii=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
