"""The "Văn bản" tab: the documents with their metadata and, with the admin token, upload (with
the document's parse report), delete (after a confirmation) and the feedback export."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from corpus.upload import SUFFIXES
from serve import api, library
from serve.pages.common import attempt, message_html
from serve.render import escape

OWN = '<div class="nqa-own">${value}</div>'


@dataclass
class Documents:
    table: gr.HTML
    refresh_btn: gr.Button
    token: gr.Textbox
    upload: gr.UploadButton
    status: gr.HTML
    pick: gr.Dropdown
    delete: gr.Button
    confirm: gr.Row
    confirm_text: gr.HTML
    confirm_yes: gr.Button
    confirm_no: gr.Button
    export: gr.Button
    export_file: gr.DownloadButton
    refresh: Any = None


def build(service) -> Documents:
    table = gr.HTML("", html_template=OWN, js_on_load=None, elem_id="nqa-docs")
    refresh_btn = gr.Button("Làm mới danh sách", size="sm")
    admin = service.admin_enabled
    if not admin:
        gr.HTML(
            '<p class="nqa-own">Chức năng quản trị (tải lên, xóa, xuất góp ý) đang tắt. Để bật, '
            "khởi động ứng dụng với biến môi trường <code>NQA_ADMIN_TOKEN</code>.</p>",
            js_on_load=None,
        )
    with gr.Column(visible=admin):
        gr.HTML('<h2 class="nqa-own">Quản trị kho văn bản</h2>', js_on_load=None)
        token = gr.Textbox(label="Mã quản trị", type="password", elem_id="nqa-token")
        upload = gr.UploadButton(
            f"Chọn tệp và tải lên ({', '.join(SUFFIXES)}, tối đa "
            f"{service.limits.max_bytes // 1048576} MB)",
            file_types=list(SUFFIXES),
            file_count="single",
            type="filepath",
            variant="primary",
            elem_id="nqa-upload",
        )
        status = gr.HTML("", html_template=OWN, js_on_load=None, elem_id="nqa-admin-status")
        pick = gr.Dropdown(label="Văn bản cần xóa", choices=[], elem_id="nqa-delete-doc")
        delete = gr.Button("Xóa văn bản…", variant="stop", elem_id="nqa-delete")
        with gr.Row(visible=False, elem_classes=["nqa-confirm"]) as confirm:
            confirm_text = gr.HTML("", html_template=OWN, js_on_load=None)
            confirm_yes = gr.Button("Xóa vĩnh viễn", variant="stop", elem_id="nqa-delete-yes")
            confirm_no = gr.Button("Hủy", elem_id="nqa-delete-no")
        with gr.Row():
            export = gr.Button("Xuất góp ý (CSV)", size="sm")
            export_file = gr.DownloadButton("Tải tệp CSV", size="sm", visible=False)
    return Documents(
        table,
        refresh_btn,
        token,
        upload,
        status,
        pick,
        delete,
        confirm,
        confirm_text,
        confirm_yes,
        confirm_no,
        export,
        export_file,
    )


def wire(service, d: Documents, refresh: list[tuple]) -> None:
    """`refresh`: (fn, inputs, outputs) of the other tabs, run again after a change."""

    def lists():
        ok, docs = attempt(api.documents, service)
        if not ok:
            return message_html(docs), gr.update()
        choices = [(f"{x['label']} – {x['short_title']}", x["doc_id"]) for x in docs]
        _, unreadable = attempt(api.unreadable, service)
        problems = library.unreadable_html(unreadable) if isinstance(unreadable, list) else ""
        return library.documents_html(docs) + problems, gr.update(choices=choices)

    def uploading(file):
        if not file:
            return message_html("Hãy chọn tệp cần tải lên.", "info")
        name = escape(str(file).rsplit("/", 1)[-1])
        return (
            f'<p class="nqa-msg nqa-info" role="status"><span class="nqa-spinner" aria-hidden="true">'
            f"</span>Đang đọc và lập chỉ mục “{name}”… Việc này có thể mất vài chục giây.</p>"
        )

    def add(file, token):
        if not file:
            return message_html("Hãy chọn tệp cần tải lên.", "info")
        ok, doc = attempt(api.upload, service, file, token)
        if not ok:
            return message_html(f"Chưa thêm được văn bản: {doc}")
        return library.report_html(doc)

    def ask_delete(doc_id):
        if not doc_id:
            return message_html("Hãy chọn văn bản cần xóa.", "info"), gr.update(visible=False), ""
        ok, document = attempt(api.toc, service, doc_id)
        if not ok:
            return message_html(document), gr.update(visible=False), ""
        text = (
            f'<p role="alert">Xóa vĩnh viễn “{escape(document["title"])}” (mã {escape(doc_id)}) '
            "khỏi kho? Tệp gốc cũng bị xóa; không hoàn tác được.</p>"
        )
        return "", gr.update(visible=True), text

    def remove(doc_id, token):
        ok, result = attempt(api.delete, service, doc_id or "", token)
        if not ok:  # the selection stays, to try again
            return message_html(f"Chưa xóa được: {result}"), gr.update(visible=False), gr.update()
        note = f"Đã xóa văn bản mã {result['deleted']}; kho còn {result['documents']} văn bản."
        return message_html(note, "info"), gr.update(visible=False), gr.update(value=None)

    def export(token):
        ok, path = attempt(api.export_feedback, service, token)
        if not ok:
            return message_html(path), gr.update(visible=False)
        return message_html("Đã tạo tệp góp ý, bấm “Tải tệp CSV”.", "info"), gr.update(
            value=path, visible=True
        )

    private = {"api_visibility": "private", "show_progress": "hidden"}
    outs = [d.table, d.pick]
    d.refresh = (lists, None, outs)
    after = [(lists, None, outs), *refresh]

    def chain(event):
        for fn, inputs, outputs in after:
            event = event.then(fn, inputs, outputs, **private)
        return event

    chain(d.refresh_btn.click(lists, None, outs, **private))
    chain(
        d.upload.upload(uploading, d.upload, d.status, queue=False, **private).then(
            add, [d.upload, d.token], d.status, **private
        )
    )
    d.delete.click(
        ask_delete, d.pick, [d.status, d.confirm, d.confirm_text], queue=False, **private
    )
    chain(d.confirm_yes.click(remove, [d.pick, d.token], [d.status, d.confirm, d.pick], **private))
    d.confirm_no.click(lambda: gr.update(visible=False), None, d.confirm, queue=False, **private)
    d.export.click(export, d.token, [d.status, d.export_file], **private)
