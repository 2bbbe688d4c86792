"""The "Tra cứu" tab: search with filters (document type, issuer, year of effect, documents),
and reading a document by its table of contents; a source's link from the chat opens here."""

from __future__ import annotations

from dataclasses import dataclass, field

import gradio as gr

from serve import api, library
from serve.pages.common import ALL, attempt, choice, message_html

READ_JS = """
element.addEventListener('click', (e) => {
  const read = e.target.closest('.nqa-read');
  if (read) { e.preventDefault(); trigger('click', {act: 'read', doc: read.dataset.doc,
    section: read.dataset.section, passage: read.dataset.passage}); }
});
"""
# the section read in full scrolls to the passage a source pointed at
SECTION_JS = """
watch('value', () => {
  const focus = element.querySelector('.nqa-focus');
  if (focus) focus.scrollIntoView({block: 'center'});
  else if (element.querySelector('.nqa-section')) element.scrollIntoView({block: 'start'});
});
"""
OWN = '<div class="nqa-own">${value}</div>'
SIZES = [5, 10, 20, 50]


@dataclass
class Search:
    query: gr.Textbox
    k: gr.Dropdown
    kind: gr.Dropdown
    issuer: gr.Dropdown
    year: gr.Dropdown
    docs: gr.Dropdown
    go: gr.Button
    results: gr.HTML
    toc_doc: gr.Dropdown
    toc_heading: gr.Dropdown
    section: gr.HTML
    section_outputs: list = field(default_factory=list)
    refresh: tuple | None = None


def build(service) -> Search:
    with gr.Row(equal_height=False):
        query = gr.Textbox(
            label="Từ khóa",
            placeholder='ví dụ: bảo hiểm y tế, hoặc "mức lương tối thiểu"',
            scale=4,
            elem_id="nqa-query",
        )
        k = gr.Dropdown(
            SIZES, value=10, label="Số kết quả", scale=1, min_width=120, filterable=False
        )
    with gr.Row(elem_classes=["nqa-filters"]):
        kind = gr.Dropdown([ALL], value=ALL, label="Loại văn bản", min_width=160)
        issuer = gr.Dropdown([ALL], value=ALL, label="Cơ quan ban hành", min_width=200)
        year = gr.Dropdown([ALL], value=ALL, label="Năm có hiệu lực", min_width=140)
    docs = gr.Dropdown(label="Chỉ trong các văn bản (tùy chọn)", multiselect=True, choices=[])
    go = gr.Button("Tìm kiếm", variant="primary", elem_id="nqa-search")
    results = gr.HTML("", html_template=OWN, js_on_load=READ_JS, elem_id="nqa-results")
    gr.HTML('<h2 class="nqa-own" id="nqa-read-h">Đọc theo mục lục</h2>', js_on_load=None)
    toc_doc = gr.Dropdown(label="Văn bản", choices=[], elem_id="nqa-toc-doc")
    toc_heading = gr.Dropdown(label="Mục", choices=[], elem_id="nqa-toc-heading")
    section = gr.HTML("", html_template=OWN, js_on_load=SECTION_JS, elem_id="nqa-section")
    s = Search(query, k, kind, issuer, year, docs, go, results, toc_doc, toc_heading, section)
    s.section_outputs = [toc_doc, toc_heading, section]
    return s


def _metas(service) -> dict[str, dict]:
    ok, docs = attempt(api.documents, service)
    return {d["doc_id"]: d for d in docs} if ok else {}


def _read(service, doc_id: str, heading: str, focus: str = "") -> str:
    """The section `heading` of `doc_id` as HTML (serve.api.toc and serve.api.section)."""
    ok, document = attempt(api.toc, service, doc_id)
    if ok:
        ok, section = attempt(api.section, service, doc_id, heading)
    if not ok:
        return message_html(document if isinstance(document, str) else section)
    return library.section_html(section, document, focus)


def open_section(service, doc_id: str, heading: str = "", focus: str = "") -> tuple:
    """(document picker, section picker, section view) showing `heading` of `doc_id`."""
    ok, document = attempt(api.toc, service, doc_id)
    if not ok:
        return gr.update(), gr.update(), message_html(document)
    choices = library.toc_choices(document)
    value = heading if any(v == heading for _, v in choices) else ""
    return (
        gr.update(value=doc_id),
        gr.update(choices=choices, value=value),
        _read(service, doc_id, value, focus),
    )


def wire(service, s: Search, tabs: gr.Tabs) -> None:
    def run(query, k, kind, issuer, year, docs):
        year = choice(year)
        ok, hits = attempt(
            api.search,
            service,
            query or "",
            int(k or 10),
            docs=choice(docs),
            issuer=choice(issuer),
            kind=choice(kind),
            effective_year=int(year) if year else None,
        )
        if not ok:
            return message_html(hits)
        return library.hits_html(hits, query, _metas(service))

    def pick(doc_id):
        if not doc_id:
            return gr.update(choices=[], value=None), ""
        ok, document = attempt(api.toc, service, doc_id)
        if not ok:
            return gr.update(choices=[], value=None), message_html(document)
        choices = gr.update(choices=library.toc_choices(document), value=None)
        return choices, library.document_html(document)

    def read(doc_id, heading):
        if not doc_id or heading is None:
            return gr.update()
        return _read(service, doc_id, heading)

    def act(evt: gr.EventData):
        data = getattr(evt, "_data", None) or {}
        if data.get("act") != "read":
            return (gr.update(),) * 3
        return open_section(
            service, data.get("doc", ""), data.get("section", ""), data.get("passage", "")
        )

    private = {"api_visibility": "private", "show_progress": "hidden"}
    inputs = [s.query, s.k, s.kind, s.issuer, s.year, s.docs]
    s.go.click(run, inputs, s.results, concurrency_id="bot", **private)
    s.query.submit(run, inputs, s.results, concurrency_id="bot", **private)
    s.toc_doc.input(pick, s.toc_doc, [s.toc_heading, s.section], **private)
    s.toc_heading.input(read, [s.toc_doc, s.toc_heading], s.section, **private)
    s.results.click(act, None, s.section_outputs, concurrency_limit=None, **private)

    def lists():
        ok, f = attempt(api.filters, service)
        if not ok:
            return (gr.update(),) * 5
        pickers = [(label, doc_id) for label, doc_id in f["documents"]]
        return (
            gr.update(choices=[ALL, *f["kinds"]], value=ALL),
            gr.update(choices=[ALL, *f["issuers"]], value=ALL),
            gr.update(choices=[ALL, *map(str, f["years"])], value=ALL),
            gr.update(choices=pickers, value=[]),
            gr.update(choices=pickers),
        )

    s.refresh = (lists, None, [s.kind, s.issuer, s.year, s.docs, s.toc_doc])
