"""The "Hỏi đáp" tab: the first screen, the conversation, the question box.

The conversation is one HTML block rendered from the answers' JSON (serve.api.ask): its
buttons (rate, comment, read a source in Tra cứu) reach Python through the block's `trigger`;
copying, opening a source from its [n] and the "finding the answer" line are the page's script.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import gradio as gr

from serve import api, render
from serve.limits import client_of
from serve.pages.common import attempt, message_html

# The conversation block's behaviour: its buttons call Python through `trigger`, and after
# each update the new answer is brought into view.
CHAT_JS = """
element.addEventListener('click', (e) => {
  const rate = e.target.closest('[data-act="rate"]');
  if (rate) { e.preventDefault(); trigger('click', {act: 'rate', turn: rate.dataset.turn,
    rating: rate.dataset.rating}); return; }
  const read = e.target.closest('.nqa-read');
  if (read) { e.preventDefault(); trigger('click', {act: 'read', doc: read.dataset.doc,
    section: read.dataset.section, passage: read.dataset.passage}); }
});
element.addEventListener('submit', (e) => {
  const form = e.target.closest('.nqa-comment');
  if (!form) return;
  e.preventDefault();
  trigger('click', {act: 'comment', turn: form.dataset.turn,
    text: form.querySelector('textarea').value});
});
watch('value', () => { if (window.nqaShow) window.nqaShow(element); });
"""
# Runs in the browser before the question goes to the server: the question and a waiting line
# appear at once.
PENDING_JS = "(question, turns) => { if (window.nqaPending) window.nqaPending(question); return [question, turns]; }"
OWN = (
    '<div class="nqa-own" role="log" aria-live="polite" aria-label="Cuộc trò chuyện">${value}</div>'
)


@dataclass
class Chat:
    turns: gr.State
    view: gr.HTML
    status: gr.HTML
    question: gr.Textbox
    send: gr.Button
    new_chat: gr.Button
    confirm: gr.Row
    confirm_yes: gr.Button
    confirm_no: gr.Button
    refresh: Any = None  # set by wire(): re-read the first screen after an upload or delete


def build(service) -> Chat:
    turns = gr.State([])
    view = gr.HTML(
        render.conversation_html([], None),
        html_template=OWN,
        js_on_load=CHAT_JS,
        elem_id="nqa-chat",
    )
    status = gr.HTML("", elem_id="nqa-status", js_on_load=None)
    with gr.Row(elem_id="nqa-composer", equal_height=False):
        question = gr.Textbox(
            label="Câu hỏi của bạn",
            show_label=False,
            placeholder="Nhập câu hỏi rồi bấm Gửi hoặc Enter…",
            lines=1,
            max_lines=4,
            scale=8,
            elem_id="nqa-question",
            autofocus=False,
        )
        send = gr.Button("Gửi", variant="primary", scale=0, elem_id="nqa-send")
    new_chat = gr.Button("Cuộc trò chuyện mới", size="sm", elem_id="nqa-new-chat")
    with gr.Row(visible=False, elem_classes=["nqa-confirm"]) as confirm:
        gr.HTML(
            '<p class="nqa-own">Bắt đầu cuộc trò chuyện mới? Các câu hỏi và trả lời hiện tại '
            "sẽ bị xóa khỏi màn hình.</p>",
            js_on_load=None,
        )
        confirm_yes = gr.Button("Xóa và bắt đầu mới", variant="stop", elem_id="nqa-new-yes")
        confirm_no = gr.Button("Hủy", elem_id="nqa-new-no")
    return Chat(turns, view, status, question, send, new_chat, confirm, confirm_yes, confirm_no)


def _overview(service) -> dict:
    ok, overview = attempt(api.overview, service)
    return overview if ok else {}


def _html(turns: list[dict], service, focus: str = "") -> str:
    body = render.conversation_html(turns, None if turns else _overview(service))
    return f'<div data-focus="{render.escape(focus)}"></div>{body}' if focus else body


def wire(service, chat: Chat, look, tabs: gr.Tabs) -> None:
    """The chat's events; `look` is the search tab (a source's link opens it)."""
    from serve.pages import search

    def answer_question(question: str, turns: list[dict]):
        question = (question or "").strip()
        if not question:
            return gr.update(), turns, gr.update(), message_html("Hãy nhập câu hỏi.", "info")
        follow = turns[-1]["id"] if turns else ""
        ok, asked = attempt(api.ask, service, question, follow)
        if not ok:
            return _html(turns, service), turns, gr.update(), message_html(asked)
        turns = [*turns, asked]
        return _html(turns, service, asked["id"]), turns, "", ""

    def act(turns: list[dict], evt: gr.EventData, request: gr.Request):
        data = getattr(evt, "_data", None) or {}
        keep = (gr.update(),) * 5
        what = data.get("act")
        if what == "read":
            return (
                gr.update(),
                turns,
                gr.update(),
                *search.open_section(
                    service, data.get("doc", ""), data.get("section", ""), data.get("passage", "")
                ),
                gr.Tabs(selected="search"),
            )
        turn = next((t for t in turns if t["id"] == data.get("turn")), None)
        if turn is None:
            return (
                gr.update(),
                turns,
                message_html("Không tìm thấy câu trả lời này."),
                *keep[:3],
                gr.update(),
            )
        if what == "rate":
            ok, result = attempt(
                api.feedback, service, turn["id"], data.get("rating", ""), "", client_of(request)
            )
            if ok:
                turn = {
                    **turn,
                    "rating": data["rating"],
                    "feedback_id": result["id"],
                    "commented": False,
                }
        elif what == "comment" and turn.get("feedback_id"):
            ok, result = attempt(
                api.comment, service, turn["feedback_id"], data.get("text", ""), client_of(request)
            )
            if ok:
                turn = {**turn, "commented": True}
        else:
            return (gr.update(), turns, gr.update(), *keep[:3], gr.update())
        if not ok:
            return (gr.update(), turns, message_html(result), *keep[:3], gr.update())
        turns = [turn if t["id"] == turn["id"] else t for t in turns]
        return (_html(turns, service), turns, "", *keep[:3], gr.update())

    def reset():
        return _html([], service), [], "", "", gr.update(visible=False)

    def ask_to_reset(turns: list[dict]):
        if not turns:
            return (*reset()[:4], gr.update(visible=False))
        return gr.update(), turns, gr.update(), gr.update(), gr.update(visible=True)

    private = {"api_visibility": "private", "show_progress": "hidden"}
    outputs = [chat.view, chat.turns, chat.question, chat.status]
    for event in (chat.send.click, chat.question.submit):
        event(
            answer_question,
            [chat.question, chat.turns],
            outputs,
            js=PENDING_JS,
            concurrency_id="bot",
            **private,
        )
    act_out = [chat.view, chat.turns, chat.status, *look.section_outputs, tabs]
    chat.view.click(act, [chat.turns], act_out, concurrency_limit=None, **private)
    reset_out = [chat.view, chat.turns, chat.question, chat.status, chat.confirm]
    chat.new_chat.click(ask_to_reset, [chat.turns], reset_out, queue=False, **private)
    chat.confirm_yes.click(reset, None, reset_out, queue=False, **private)
    chat.confirm_no.click(
        lambda: gr.update(visible=False), None, chat.confirm, queue=False, **private
    )

    def first_screen(turns: list[dict]):
        return gr.update() if turns else _html([], service)

    chat.refresh = (first_screen, [chat.turns], [chat.view])
