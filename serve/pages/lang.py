"""The page's HTML says it is Vietnamese: an ASGI middleware that rewrites Gradio's
`<html lang="en">` (and its English link-preview texts) in every HTML response, and puts the
page's style and script in its <head>, so they act from the first paint (Gradio's own `head`
option adds them only once its configuration has loaded, after its English "Loading...")."""

from __future__ import annotations

TITLE = "Hỏi đáp Nghị quyết"
REPLACE = [
    (b'lang="en"', b'lang="vi"'),
    (b'content="Click to try out the app!"', f'content="{TITLE}"'.encode()),
    (b'property="og:title" content="Gradio"', f'property="og:title" content="{TITLE}"'.encode()),
    (b'name="twitter:title" content="Gradio"', f'name="twitter:title" content="{TITLE}"'.encode()),
]


class VietnameseHTML:
    def __init__(self, app, head: str = ""):
        self.app = app
        self.head = head.encode()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        start: dict | None = None
        body: list[bytes] = []

        async def patched(message):
            nonlocal start
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers") or [])
                if headers.get(b"content-type", b"").startswith(b"text/html"):
                    start = message  # held back until the body is complete
                    return
                await send(message)
            elif message["type"] == "http.response.body" and start is not None:
                body.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                html = b"".join(body)
                for old, new in REPLACE:
                    html = html.replace(old, new)
                if self.head:
                    html = html.replace(b"</head>", self.head + b"\n</head>", 1)
                headers = [(k, v) for k, v in start.get("headers", []) if k != b"content-length"]
                headers.append((b"content-length", str(len(html)).encode()))
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": html})
            else:
                await send(message)

        await self.app(scope, receive, patched)
