"""Hỏi đáp Nghị quyết in the browser: `python app.py` serves http://127.0.0.1:7860.

Gradio wiring only: every handler calls one operation of serve.service.Service and renders the
result with serve.render. Known errors become a Vietnamese message, never a traceback.
"""

from __future__ import annotations

import argparse
import functools
import inspect
import logging
import os
from pathlib import Path
from typing import Any

import gradio as gr

from corpus.upload import SUFFIXES, max_upload_bytes, seed_corpus
from serve import api, render
from serve.service import Service, corpus_folder

log = logging.getLogger("nqa.app")

TITLE = "Hỏi đáp Nghị quyết"
EXAMPLES = [
    "Chỉ tiêu tốc độ tăng trưởng kinh tế (GRDP) năm 2023 của tỉnh Thái Nguyên là bao nhiêu?",
    "Tỷ lệ dân số tham gia bảo hiểm y tế năm 2023 là bao nhiêu?",
    "Thu ngân sách nhà nước trên địa bàn tỉnh năm 2023 là bao nhiêu?",
    "Năm 2023 có bao nhiêu xã đạt chuẩn nông thôn mới?",
]
ALL = "Tất cả"
UNEXPECTED = "Đã có lỗi ngoài dự kiến, vui lòng thử lại. Chi tiết đã được ghi vào nhật ký máy chủ."
FONTS = ["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "Noto Sans", "sans-serif"]
MONO = ["ui-monospace", "Consolas", "monospace"]
CSS = """
.nqa-cite summary { cursor: pointer; font-size: .95em; }
.nqa-doc { font-weight: 600; margin-top: .4em; }
.nqa-passage { white-space: normal; line-height: 1.5; margin: .4em 0 .8em; }
.nqa-hit { border-bottom: 1px solid #ddd; padding: .5em 0; }
.nqa-score { color: #888; font-size: .85em; }
mark { background: #ffe58a; color: inherit; padding: 0 .1em; }
.nqa-docs, .nqa-meta { border-collapse: collapse; margin: .5em 0; }
.nqa-docs th, .nqa-docs td, .nqa-meta th, .nqa-meta td {
  border: 1px solid #ddd; padding: .3em .6em; text-align: left; vertical-align: top;
}
"""


def _api(fn):
    """An API endpoint: user errors become gr.Error with their message, others are logged."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except api.USER_ERRORS as exc:
            raise gr.Error(str(exc), print_exception=False) from None
        except Exception:
            log.exception("%s failed", getattr(fn, "__name__", fn))
            raise gr.Error(UNEXPECTED, print_exception=False) from None

    return wrapper


def _endpoint(fn, service: Service):
    """`fn(service, ...)` from serve.api as an endpoint taking the rest of its typed arguments
    (Gradio reads the signature and type hints to describe the API)."""
    wrapper = _api(functools.partial(fn, service))
    functools.update_wrapper(wrapper, fn)
    signature = inspect.signature(fn)
    wrapper.__signature__ = signature.replace(parameters=list(signature.parameters.values())[1:])
    wrapper.__annotations__ = {k: v for k, v in fn.__annotations__.items() if k != "service"}
    return wrapper


def _try(fn, *args, **kwargs) -> tuple[bool, Any]:
    """Run an operation for the UI: (True, result) or (False, message to show)."""
    try:
        return True, fn(*args, **kwargs)
    except api.USER_ERRORS as exc:
        return False, str(exc)
    except Exception:
        log.exception("%s failed", getattr(fn, "__name__", "operation"))
        return False, UNEXPECTED


def _failed(message: str) -> str:
    return f"**Chưa thực hiện được:** {render.escape(message)}"


def _messages(turns: list[dict]) -> list[dict]:
    """Chatbot messages from the conversation's turns (kept in gr.State)."""
    out = []
    for t in turns:
        out.append({"role": "user", "content": render.escape(t["question"])})
        out.append({"role": "assistant", "content": t["html"]})
    return out


def build_app(service: Service) -> gr.Blocks:
    # ---------------------------------------------------------------- UI handlers
    def respond(question: str, turns: list[dict]):
        ok, asked = _try(service.ask, question or "", turns[-1]["id"] if turns else None)
        if not ok:
            gr.Warning(asked)
            return gr.update(), turns, _messages(turns)
        html = render.answer_markdown(asked.answer)
        turns = [*turns, {"id": asked.id, "question": question.strip(), "html": html}]
        return "", turns, _messages(turns)

    def on_like(turns: list[dict], data: gr.LikeData):
        hidden = gr.update(visible=False)
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        turn = int(index) // 2  # messages alternate: question, answer
        if data.liked not in (True, False) or not 0 <= turn < len(turns):
            return None, hidden, hidden, ""
        ok, result = _try(service.rate, turns[turn]["id"], "up" if data.liked else "down")
        if not ok:
            return None, hidden, hidden, _failed(result)
        thanks = "Cảm ơn bạn đã đánh giá! Bạn có thể để lại góp ý thêm (không bắt buộc)."
        return result, gr.update(visible=True, value=""), gr.update(visible=True), thanks

    def on_comment(feedback_id: int | None, comment: str):
        if feedback_id is None:
            return "Hãy bấm 👍 hoặc 👎 dưới một câu trả lời trước.", gr.update(), gr.update()
        ok, result = _try(service.feedback.set_comment, feedback_id, comment)
        if not ok:
            return _failed(result), gr.update(), gr.update()
        return "Đã ghi nhận góp ý. Xin cảm ơn!", gr.update(visible=False), gr.update(visible=False)

    def run_search(query, docs, year, issuer, k):
        year = int(year) if year and year != ALL else None
        issuer = issuer if issuer and issuer != ALL else None
        ok, hits = _try(service.search, query, int(k), docs=docs, year=year, issuer=issuer)
        if not ok:
            return f'<p class="nqa-empty">{render.escape(hits)}</p>'
        titles = {d.meta.doc_id: d.meta.title for d in service.documents()}
        return render.hits_html(hits, query, titles)

    def pick_document(doc_id):
        if not doc_id:
            return gr.update(choices=[], value=None), ""
        ok, document = _try(service.document, doc_id)
        if not ok:
            return gr.update(choices=[], value=None), f"<p>{render.escape(document)}</p>"
        choices = gr.update(choices=render.toc_choices(document), value=None)
        return choices, render.document_html(document)

    def read_section(doc_id, heading):
        if not doc_id or heading is None:
            return gr.update()
        ok, document = _try(service.document, doc_id)
        if not ok:
            return f"<p>{render.escape(document)}</p>"
        return render.section_html(document, render.parse_heading_path(heading))

    def refresh():
        ok, f = _try(api.filters, service)
        if not ok:
            return (*(gr.update(),) * 5, f'<p class="nqa-empty">{render.escape(f)}</p>')
        docs = f["documents"]
        return (
            gr.update(choices=docs, value=[]),
            gr.update(choices=[ALL, *map(str, f["years"])], value=ALL),
            gr.update(choices=[ALL, *f["issuers"]], value=ALL),
            gr.update(choices=docs, value=docs[0][1] if docs else None),
            gr.update(choices=docs, value=None),
            f["table"],
        )

    def ui_upload(file, token):
        if not file:
            return "Hãy chọn tệp cần tải lên."
        ok, doc = _try(api.upload, service, file, token)
        if not ok:
            return _failed(doc)
        return (
            f"**Đã thêm** “{render.escape(doc['title'])}” (mã {doc['doc_id']}, "
            f"{doc['passages']} đoạn). Có thể tìm kiếm ngay."
        )

    def ui_delete(doc_id, token):
        if not doc_id:
            return "Hãy chọn văn bản cần xóa."
        ok, result = _try(service.delete, doc_id, token)
        return f"**Đã xóa** “{render.escape(result.meta.title)}”." if ok else _failed(result)

    def ui_export(token):
        ok, path = _try(api.export_feedback, service, token)
        if not ok:
            gr.Warning(path)
            return gr.update(visible=False)
        return gr.update(value=path, visible=True)

    # ---------------------------------------------------------------- layout
    admin = service.admin_enabled
    # Gradio keeps uploads and returned files in its cache: sweep hourly what is over an hour old
    with gr.Blocks(title=TITLE, delete_cache=(3600, 3600)) as demo:
        gr.Markdown(
            f"# {TITLE}\nHỏi về nội dung các nghị quyết, văn bản pháp luật trong kho; mỗi câu "
            "trả lời ghi rõ nguồn trích dẫn. Bấm vào một nguồn để xem đoạn văn gốc."
        )
        with gr.Tabs():
            with gr.Tab("Hỏi đáp", id="chat"):
                turns = gr.State([])
                feedback_id = gr.State(None)
                chatbot = gr.Chatbot(
                    label="Trò chuyện",
                    height=520,
                    latex_delimiters=[],
                    feedback_options=("Like", "Dislike"),
                    buttons=["copy", "copy_all"],
                    placeholder="Đặt câu hỏi về nội dung nghị quyết, ví dụ một chỉ tiêu năm 2023.",
                    elem_id="nqa-chat",
                )
                with gr.Row():
                    question = gr.Textbox(
                        show_label=False,
                        placeholder="Nhập câu hỏi của bạn rồi bấm Gửi…",
                        scale=8,
                        max_lines=4,
                        elem_id="nqa-question",
                    )
                    send = gr.Button("Gửi", variant="primary", scale=1, elem_id="nqa-send")
                gr.Markdown("**Câu hỏi gợi ý**")
                with gr.Row():
                    examples = [gr.Button(q, size="sm") for q in EXAMPLES]
                with gr.Row():
                    new_chat = gr.Button("Cuộc trò chuyện mới", size="sm")
                feedback_note = gr.Markdown("", elem_id="nqa-feedback-note")
                with gr.Row():
                    comment = gr.Textbox(
                        label="Góp ý thêm (không bắt buộc)",
                        visible=False,
                        scale=8,
                        max_lines=4,
                        elem_id="nqa-comment",
                    )
                    send_comment = gr.Button(
                        "Gửi góp ý", visible=False, scale=1, elem_id="nqa-send-comment"
                    )

            with gr.Tab("Tra cứu", id="search"):
                with gr.Row():
                    query = gr.Textbox(label="Từ khóa", placeholder="ví dụ: bảo hiểm y tế", scale=4)
                    k = gr.Slider(1, 50, value=10, step=1, label="Số kết quả", scale=1)
                with gr.Row():
                    doc_filter = gr.Dropdown(label="Văn bản", multiselect=True, choices=[])
                    year_filter = gr.Dropdown(label="Năm", choices=[ALL], value=ALL)
                    issuer_filter = gr.Dropdown(label="Cơ quan ban hành", choices=[ALL], value=ALL)
                search_btn = gr.Button("Tìm kiếm", variant="primary")
                results = gr.HTML()
                gr.Markdown("### Đọc theo mục lục")
                with gr.Row():
                    toc_doc = gr.Dropdown(label="Văn bản", choices=[])
                    toc_heading = gr.Dropdown(label="Mục", choices=[], elem_id="nqa-toc-heading")
                section_view = gr.HTML()

            with gr.Tab("Văn bản", id="documents"):
                table = gr.HTML()
                refresh_btn = gr.Button("Làm mới danh sách", size="sm")
                if not admin:
                    gr.Markdown(
                        "Chức năng quản trị (tải lên, xóa, xuất góp ý) đang tắt. Để bật, khởi "
                        "động ứng dụng với biến môi trường `NQA_ADMIN_TOKEN`."
                    )
                with gr.Column(visible=admin):
                    gr.Markdown("### Quản trị kho văn bản")
                    token = gr.Textbox(label="Mã quản trị", type="password")
                    with gr.Row():
                        upload_btn = gr.UploadButton(
                            f"Chọn tệp và tải lên ({', '.join(SUFFIXES)}, tối đa "
                            f"{max_upload_bytes() // 1048576} MB)",
                            file_types=list(SUFFIXES),
                            file_count="single",
                            type="filepath",
                            variant="primary",
                        )
                        delete_doc = gr.Dropdown(label="Văn bản cần xóa", choices=[], scale=2)
                        delete_btn = gr.Button("Xóa văn bản", variant="stop")
                    admin_status = gr.Markdown("")
                    with gr.Row():
                        export_btn = gr.Button("Xuất góp ý (CSV)", size="sm")
                        export_file = gr.DownloadButton("Tải tệp CSV", size="sm", visible=False)

        # API-only endpoints whose inputs or outputs are files.
        with gr.Group(visible=False):
            api_file = gr.File(type="filepath")
            api_token = gr.Textbox()
            api_out = gr.JSON()
            api_csv = gr.File()
            api_upload = gr.Button()
            api_export = gr.Button()

        # ---------------------------------------------------------------- events
        private = {"api_visibility": "private"}
        chat_out = [question, turns, chatbot]
        send.click(respond, [question, turns], chat_out, concurrency_id="bot", **private)
        question.submit(respond, [question, turns], chat_out, concurrency_id="bot", **private)
        for button in examples:
            button.click(respond, [button, turns], chat_out, concurrency_id="bot", **private)

        def reset():
            return "", [], [], None, gr.update(visible=False), gr.update(visible=False), ""

        reset_out = [question, turns, chatbot, feedback_id, comment, send_comment, feedback_note]
        new_chat.click(reset, None, reset_out, queue=False, **private)
        chatbot.clear(reset, None, reset_out, queue=False, **private)
        chatbot.like(
            on_like, [turns], [feedback_id, comment, send_comment, feedback_note], **private
        )
        send_comment.click(
            on_comment, [feedback_id, comment], [feedback_note, comment, send_comment], **private
        )
        search_inputs = [query, doc_filter, year_filter, issuer_filter, k]
        search_btn.click(run_search, search_inputs, results, concurrency_id="bot", **private)
        query.submit(run_search, search_inputs, results, concurrency_id="bot", **private)
        toc_doc.change(pick_document, toc_doc, [toc_heading, section_view], **private)
        toc_heading.change(read_section, [toc_doc, toc_heading], section_view, **private)
        lists = [doc_filter, year_filter, issuer_filter, toc_doc, delete_doc, table]
        demo.load(refresh, None, lists, **private)
        refresh_btn.click(refresh, None, lists, **private)
        upload_btn.upload(ui_upload, [upload_btn, token], admin_status, **private).then(
            refresh, None, lists, **private
        )
        delete_btn.click(ui_delete, [delete_doc, token], admin_status, **private).then(
            refresh, None, lists, **private
        )
        export_btn.click(ui_export, token, export_file, **private)

        def endpoint(name: str):
            return _endpoint(getattr(api, name), service)

        api_upload.click(endpoint("upload"), [api_file, api_token], api_out, api_name="upload")
        api_export.click(
            endpoint("export_feedback"), api_token, api_csv, api_name="export_feedback"
        )
        for name in ("ask", "search"):
            gr.api(endpoint(name), api_name=name, concurrency_id="bot")
        for name in ("feedback", "toc", "section", "documents"):
            gr.api(endpoint(name), api_name=name, concurrency_limit=None)
        gr.api(endpoint("delete"), api_name="delete")
        gr.api(service.health, api_name="health", concurrency_limit=None)
    return demo


def concurrency() -> int:
    """NQA_CONCURRENCY, else one worker per core within 2..4: questions answered at once.
    Answering is CPU-bound (the model), so more workers than cores only add contention."""
    raw = os.environ.get("NQA_CONCURRENCY", "").strip()
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return min(4, max(2, os.cpu_count() or 2))


def launch(
    service: Service,
    *,
    host: str = "127.0.0.1",
    port: int = 7860,
    prevent_thread_lock: bool = False,
    quiet: bool = False,
):
    """Build the Blocks, queue them and serve; returns (demo, FastAPI app, local URL)."""
    from fastapi.responses import JSONResponse
    from starlette.routing import Route

    def healthz(_request):
        return JSONResponse(service.health())

    demo = build_app(service)
    # queue positions pushed once a second rather than on every change: under load the
    # per-change updates to every waiting client cost more than the answers
    demo.queue(default_concurrency_limit=concurrency(), max_size=512, status_update_rate=1.0)
    app, url, _ = demo.launch(
        server_name=host,
        server_port=port,
        prevent_thread_lock=prevent_thread_lock,
        quiet=quiet,
        allowed_paths=[],
        max_file_size=max_upload_bytes(),
        show_error=False,
        ssr_mode=False,
        mcp_server=False,
        footer_links=["api"],
        app_kwargs={"routes": [Route("/healthz", healthz, methods=["GET"])]},
        css=CSS,
        theme=gr.themes.Default(font=FONTS, font_mono=MONO),  # local fonts: nothing fetched
    )
    return demo, app, url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=f"{TITLE}: the web app.")
    parser.add_argument("--host", default=os.environ.get("NQA_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("NQA_PORT", "7860")))
    parser.add_argument("--corpus", type=Path, default=None, help="corpus folder (NQA_CORPUS_DIR)")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    for noisy in ("httpx", "bm25s", "faiss.loader"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from index.settings import data_dir

    os.environ.setdefault("GRADIO_TEMP_DIR", str(data_dir() / "gradio"))
    from pgstore import database_url

    if url := database_url():  # one of several replicas of one PostgreSQL (pgstore/)
        from pgstore.service import from_env

        service = from_env(url, admin_token=os.environ.get("NQA_ADMIN_TOKEN"))
        log.info("opening the index from the database %s", service.corpus_dir)
    else:
        folder = args.corpus or corpus_folder()
        if seeded := seed_corpus(folder):
            log.info("seeded %s with %d bundled documents", folder, seeded)
        service = Service(folder, admin_token=os.environ.get("NQA_ADMIN_TOKEN"))
        log.info("opening the index of %s (built on first start, may take a minute)", folder)
    service.start()
    launch(service, host=args.host, port=args.port)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
