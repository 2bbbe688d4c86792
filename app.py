"""Hỏi đáp Nghị quyết in the browser: `python app.py` serves http://127.0.0.1:7860.

Gradio wiring only: every handler calls one operation of bot.service.Service and renders the
result with bot.render. Known errors become a Vietnamese message, never a traceback.
"""

from __future__ import annotations

import argparse
import functools
import logging
import os
import secrets
import tempfile
import time
from pathlib import Path

import gradio as gr

from bot import render
from bot.feedback import FeedbackError
from bot.service import Service, ServiceError, corpus_folder, seed_corpus
from bot.types import QuestionError
from corpus.upload import SUFFIXES, UploadError, max_upload_bytes
from index.types import IndexStateError, QueryError

log = logging.getLogger("nqa.app")

TITLE = "Hỏi đáp Nghị quyết"
EXAMPLES = [
    "Chỉ tiêu tốc độ tăng trưởng kinh tế (GRDP) năm 2023 của tỉnh Thái Nguyên là bao nhiêu?",
    "Tỷ lệ dân số tham gia bảo hiểm y tế năm 2023 là bao nhiêu?",
    "Thu ngân sách nhà nước trên địa bàn tỉnh năm 2023 là bao nhiêu?",
    "Năm 2023 có bao nhiêu xã đạt chuẩn nông thôn mới?",
]
ALL = "Tất cả"
USER_ERRORS = (QuestionError, QueryError, IndexStateError, ServiceError, UploadError, FeedbackError)
UNEXPECTED = "Đã có lỗi ngoài dự kiến, vui lòng thử lại. Chi tiết đã được ghi vào nhật ký máy chủ."
FONTS = ["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "Noto Sans", "sans-serif"]
MONO = ["ui-monospace", "Consolas", "monospace"]
CSS = """
.nqa-cite summary { cursor: pointer; font-size: .95em; }
.nqa-cite summary b { font-weight: 600; }
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
        except USER_ERRORS as exc:
            raise gr.Error(str(exc), print_exception=False) from None
        except gr.Error:
            raise
        except Exception:
            log.exception("%s failed", fn.__name__)
            raise gr.Error(UNEXPECTED, print_exception=False) from None

    return wrapper


def _message(fn, *args) -> tuple[bool, str]:
    """Run an operation for the UI: (ok, message to show)."""
    try:
        return True, fn(*args)
    except USER_ERRORS as exc:
        return False, str(exc)
    except Exception:
        log.exception("%s failed", getattr(fn, "__name__", "operation"))
        return False, UNEXPECTED


def _messages(turns: list[dict]) -> list[dict]:
    out = []
    for t in turns:
        out.append({"role": "user", "content": render.escape(t["question"])})
        out.append({"role": "assistant", "content": t["html"]})
    return out


def _export_path(csv_text: str) -> str:
    """CSV in a temp folder (Gradio serves a copy from its cache); stale exports are removed."""
    folder = Path(tempfile.gettempdir()) / "nqa-exports"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("feedback-*.csv"):
        if time.time() - old.stat().st_mtime > 600:
            old.unlink(missing_ok=True)
    path = folder / f"feedback-{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(4)}.csv"
    path.write_text(csv_text, encoding="utf-8-sig")  # BOM: Excel reads Vietnamese correctly
    return str(path)


def _filters(service: Service):
    docs = service.documents()
    years = sorted({d.meta.year for d in docs if d.meta.year}, reverse=True)
    issuers = sorted({d.meta.issuer for d in docs if d.meta.issuer})
    doc_choices = [(d.meta.title, d.meta.doc_id) for d in docs]
    return (
        gr.update(choices=doc_choices, value=[]),
        gr.update(choices=[ALL, *map(str, years)], value=ALL),
        gr.update(choices=[ALL, *issuers], value=ALL),
        gr.update(choices=doc_choices, value=doc_choices[0][1] if doc_choices else None),
        render.documents_html(docs),
        gr.update(choices=doc_choices, value=None),
    )


def build_app(service: Service) -> gr.Blocks:
    # ---------------------------------------------------------------- API (gradio_client)
    @_api
    def ask(question: str, follow_up_of: str = "") -> dict:
        """Answer a question; pass the id of the previous answer to ask a follow-up."""
        asked = service.ask(question, parent=follow_up_of or None)
        return {"id": asked.id, **render.answer_json(asked.answer)}

    @_api
    def feedback(answer_id: str, rating: str, comment: str = "") -> dict:
        """Rate an answer: rating "up" (👍) or "down" (👎), optional comment."""
        return {"id": service.rate(answer_id, rating, comment)}

    @_api
    def search(
        query: str,
        k: int = 10,
        docs: list[str] | None = None,
        year: int | None = None,
        issuer: str | None = None,
    ) -> list[dict]:
        """Passages matching a query, with optional filters (document ids, year, issuer)."""
        hits = service.search(query, k, docs=docs, year=year, issuer=issuer)
        return [render.hit_json(h, query) for h in hits]

    @_api
    def toc(doc_id: str) -> dict:
        """A document's metadata and table of contents."""
        document = service.document(doc_id)
        return {**render.document_json(document), "toc": render.toc_json(document)}

    @_api
    def section(doc_id: str, heading: str = "") -> dict:
        """All passages under a heading path ("Điều 2 › I. ..."); the whole text for ""."""
        document = service.document(doc_id)
        path = render.parse_heading_path(heading)
        passages = render.section_passages(document, path)
        if path and not passages:
            raise ServiceError(f"Văn bản '{doc_id}' không có mục “{heading}”.")
        return {
            "doc_id": doc_id,
            "heading": list(path),
            "passages": [
                {"id": p.id, "section": p.section_str, "article": p.article, "text": p.text}
                for p in passages
            ],
        }

    @_api
    def documents() -> list[dict]:
        """Every document of the corpus with its metadata."""
        return [render.document_json(d) for d in service.documents()]

    @_api
    def upload(file: str, token: str) -> dict:
        try:
            document = service.add_upload(Path(file), Path(file).name, token)
        finally:
            Path(file).unlink(missing_ok=True)  # the app keeps its own copy, Gradio's goes
        return render.document_json(document)

    @_api
    def delete(doc_id: str, token: str) -> dict:
        """Remove a document (admin token required)."""
        service.delete(doc_id, token)
        return {"deleted": doc_id, "documents": len(service.documents())}

    @_api
    def export_feedback(token: str) -> str:
        service.authorize(token)
        return _export_path(service.feedback.to_csv())

    def health() -> dict:
        """{"status": "ok", "documents": N, "passages": M, "index": "ready" | "rebuilding"}"""
        return service.health()

    # ---------------------------------------------------------------- UI handlers
    def respond(question: str, turns: list[dict]):
        parent = turns[-1]["id"] if turns else None
        ok, asked = _message(service.ask, question or "", parent)
        if not ok:
            gr.Warning(asked)
            return gr.update(), turns, _messages(turns)
        turns = [
            *turns,
            {
                "id": asked.id,
                "question": question.strip(),
                "html": render.answer_markdown(asked.answer),
            },
        ]
        return "", turns, _messages(turns)

    def on_like(turns: list[dict], data: gr.LikeData):
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        turn = int(index) // 2
        if data.liked not in (True, False) or not 0 <= turn < len(turns):
            return None, gr.update(visible=False), gr.update(visible=False), ""
        rating = "up" if data.liked else "down"
        ok, result = _message(service.rate, turns[turn]["id"], rating, "")
        if not ok:
            return (
                None,
                gr.update(visible=False),
                gr.update(visible=False),
                f"**Chưa thực hiện được:** {render.escape(result)}",
            )
        thanks = "Cảm ơn bạn đã đánh giá! Bạn có thể để lại góp ý thêm (không bắt buộc)."
        return result, gr.update(visible=True, value=""), gr.update(visible=True), thanks

    def on_comment(feedback_id: int | None, comment: str):
        if feedback_id is None:
            return "Hãy bấm 👍 hoặc 👎 dưới một câu trả lời trước.", gr.update(), gr.update()
        ok, result = _message(service.feedback.set_comment, feedback_id, comment)
        if not ok:
            return f"**Chưa thực hiện được:** {render.escape(result)}", gr.update(), gr.update()
        return "Đã ghi nhận góp ý. Xin cảm ơn!", gr.update(visible=False), gr.update(visible=False)

    def run_search(query, docs, year, issuer, k):
        year_value = int(year) if year and year != ALL else None
        issuer_value = issuer if issuer and issuer != ALL else None
        ok, hits = _message(
            functools.partial(service.search, docs=docs, year=year_value, issuer=issuer_value),
            query,
            int(k),
        )
        if not ok:
            return f'<p class="nqa-empty">{render.escape(hits)}</p>'
        titles = {d.meta.doc_id: d.meta.title for d in service.documents()}
        return render.hits_html(hits, query, titles)

    def pick_document(doc_id):
        if not doc_id:
            return gr.update(choices=[], value=None), ""
        ok, document = _message(service.document, doc_id)
        if not ok:
            return gr.update(choices=[], value=None), f"<p>{render.escape(document)}</p>"
        return gr.update(choices=render.toc_choices(document), value=None), render.document_html(
            document
        )

    def read_section(doc_id, heading):
        if not doc_id or heading is None:
            return gr.update()
        ok, document = _message(service.document, doc_id)
        if not ok:
            return f"<p>{render.escape(document)}</p>"
        return render.section_html(document, render.parse_heading_path(heading or ""))

    def refresh():
        ok, result = _message(_filters, service)
        if not ok:
            return (*(gr.update(),) * 4, [], gr.update())
        return result

    def ui_upload(file, token):
        if not file:
            return "Hãy chọn tệp cần tải lên."
        try:
            ok, result = _message(service.add_upload, Path(file), Path(file).name, token)
        finally:
            Path(file).unlink(missing_ok=True)
        if not ok:
            return f"**Chưa thực hiện được:** {render.escape(result)}"
        return (
            f"**Đã thêm** “{render.escape(result.meta.title)}” (mã {result.meta.doc_id}, "
            f"{len(result.passages)} đoạn). Có thể tìm kiếm ngay."
        )

    def ui_delete(doc_id, token):
        if not doc_id:
            return "Hãy chọn văn bản cần xóa."
        ok, result = _message(service.delete, doc_id, token)
        return (
            f"**Đã xóa** “{render.escape(result.meta.title)}”."
            if ok
            else f"**Chưa thực hiện được:** {render.escape(result)}"
        )

    def ui_export(token):
        ok, result = _message(lambda t: (service.authorize(t), service.feedback.to_csv())[1], token)
        if not ok:
            gr.Warning(result)
            return gr.update(visible=False)
        return gr.update(value=_export_path(result), visible=True)

    # ---------------------------------------------------------------- layout
    admin = service.admin_enabled
    with gr.Blocks(title=TITLE) as demo:
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
                    toc_heading = gr.Dropdown(label="Mục", choices=[])
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
        lists = [doc_filter, year_filter, issuer_filter, toc_doc, table, delete_doc]
        demo.load(refresh, None, lists, **private)
        refresh_btn.click(refresh, None, lists, **private)
        upload_btn.upload(ui_upload, [upload_btn, token], admin_status, **private).then(
            refresh, None, lists, **private
        )
        delete_btn.click(ui_delete, [delete_doc, token], admin_status, **private).then(
            refresh, None, lists, **private
        )
        export_btn.click(ui_export, token, export_file, **private)

        api_upload.click(upload, [api_file, api_token], api_out, api_name="upload")
        api_export.click(export_feedback, api_token, api_csv, api_name="export_feedback")
        gr.api(ask, api_name="ask", concurrency_id="bot")
        gr.api(feedback, api_name="feedback", concurrency_limit=None)
        gr.api(search, api_name="search", concurrency_id="bot")
        gr.api(toc, api_name="toc", concurrency_limit=None)
        gr.api(section, api_name="section", concurrency_limit=None)
        gr.api(documents, api_name="documents", concurrency_limit=None)
        gr.api(delete, api_name="delete")
        gr.api(health, api_name="health", concurrency_limit=None)
    return demo


def concurrency() -> int:
    """NQA_CONCURRENCY, else 3: questions answered at once (the model is the bottleneck)."""
    raw = os.environ.get("NQA_CONCURRENCY", "").strip()
    return max(1, int(raw)) if raw.isdigit() else 3


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
    demo.queue(default_concurrency_limit=concurrency(), max_size=512)
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
