"""The web page: one builder per tab (chat, search, documents), the API endpoints, and the
wiring between them. Handlers call serve.api and render with serve.render / serve.library."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

ASSETS = Path(__file__).with_name("assets")
TITLE = "Hỏi đáp Nghị quyết"
FONTS = ["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "Noto Sans", "sans-serif"]
MONO = ["ui-monospace", "Consolas", "monospace"]


@cache
def vi_strings() -> dict[str, str]:
    """Gradio's English strings and what the page says instead."""
    return json.loads((ASSETS / "vi.json").read_text(encoding="utf-8"))


@cache
def head() -> str:
    """The <head> additions: the page's style and script (Vietnamese strings inlined). The
    style goes here rather than through launch(css=...), which scopes every rule inside
    Gradio's content box, so rules for the page around it (margins, footer) would not apply;
    serve.pages.lang puts it in the served HTML."""
    style = (ASSETS / "app.css").read_text(encoding="utf-8")
    script = (ASSETS / "app.js").read_text(encoding="utf-8")
    script = script.replace("__NQA_VI__", json.dumps(vi_strings(), ensure_ascii=False))
    return (
        f'<meta name="description" content="{TITLE}">\n<style>{style}</style>\n'
        f"<script>{script}</script>"
    )


def theme():
    """Gradio's default theme with local fonts (nothing fetched) and a blue that keeps white
    text at 6.7:1."""
    import gradio as gr

    return gr.themes.Default(primary_hue="blue", font=FONTS, font_mono=MONO).set(
        button_primary_background_fill="*primary_700",
        button_primary_background_fill_hover="*primary_800",
        button_primary_text_color="white",
        button_primary_border_color="*primary_700",
        button_cancel_background_fill="#b91c1c",  # white on it 6.5:1
        button_cancel_background_fill_hover="#991b1b",
        button_cancel_border_color="#b91c1c",
        button_cancel_text_color="white",
        color_accent="*primary_700",
        color_accent_soft="*primary_50",
        link_text_color="*primary_700",
        body_text_color_subdued="*neutral_600",
        block_info_text_color="*neutral_600",
        input_placeholder_color="*neutral_500",
    )


def build(service):
    """The whole page for `service`."""
    import gradio as gr

    from serve.pages import chat, documents, endpoints, search

    # Gradio keeps uploads and returned files in its cache: sweep hourly what is over an hour old
    with gr.Blocks(title=TITLE, delete_cache=(3600, 3600)) as demo:
        gr.HTML(
            f'<header id="nqa-header" class="nqa-own"><h1>{TITLE}</h1><p>Hỏi về nội dung các '
            "nghị quyết, văn bản pháp luật trong kho; mỗi câu trả lời ghi rõ nguồn.</p></header>",
            padding=False,
        )
        with gr.Tabs(elem_id="nqa-tabs") as tabs:
            with gr.Tab("Hỏi đáp", id="chat"):
                talk = chat.build(service)
            with gr.Tab("Tra cứu", id="search"):
                look = search.build(service)
            with gr.Tab("Văn bản", id="documents"):
                docs = documents.build(service)
        chat.wire(service, talk, look, tabs)
        search.wire(service, look, tabs)
        documents.wire(service, docs, refresh=[talk.refresh, look.refresh])
        endpoints.register(service)
        for fn, inputs, outputs in (talk.refresh, look.refresh, docs.refresh):
            demo.load(fn, inputs, outputs, api_visibility="private", show_progress="hidden")
    return demo


def middleware(max_upload_bytes: int | None = None) -> list:
    """ASGI middleware for the app: the HTML says lang="vi" and carries the page's style and
    script in its <head>; Gradio's upload route is bounded (serve.pages.guard)."""
    from starlette.middleware import Middleware

    from serve.pages.guard import UploadGuard
    from serve.pages.lang import VietnameseHTML

    out = [Middleware(VietnameseHTML, head=head())]
    if max_upload_bytes is not None:
        out.append(Middleware(UploadGuard, max_bytes=max_upload_bytes))
    return out
