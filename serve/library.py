"""The staff side as HTML: search results, a section read in full, a document's card and table
of contents, the document list, and an upload's parse report.

Pure functions of values (Documents, and the JSON of serve.api.search / serve.api.upload).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from corpus.types import SECTION_SEP, Document, Passage
from serve.render import escape, lines, marked
from serve.sources import document_label, iso_to_vn, short_title

NO_MATCH = "Không có kết quả phù hợp"
PASSAGE_KINDS = {
    "content": "đoạn nội dung",
    "row": "dòng bảng",
    "table": "bảng",
    "heading": "tiêu đề",
    "preamble": "căn cứ",
    "signature": "chữ ký",
    "recipients": "nơi nhận",
}


def hits_html(hits: Sequence[Mapping], query: str, metas: Mapping[str, Mapping]) -> str:
    """Search results (serve.api.search JSON) with the query's phrases marked; `metas` maps
    doc_id to serve.sources.meta_json of the document."""
    if not hits:
        return (
            f'<div class="nqa-empty" role="status"><b>{NO_MATCH}</b> với “{escape(query)}”. '
            "Hãy thử từ khóa khác, ít từ hơn, hoặc bỏ bớt bộ lọc.</div>"
        )
    items = []
    for hit in hits:
        meta = metas.get(hit["doc_id"], {})
        where = escape(hit["section"]) or "Phần mở đầu"
        label = escape(meta.get("label") or hit["doc_id"])
        date = f" · ngày {escape(meta['date_vn'])}" if meta.get("date_vn") else ""
        items.append(
            '<li class="nqa-hit">'
            f'<p class="nqa-hit-head"><b>{label}</b> <span class="nqa-title">'
            f"{escape(meta.get('short_title'))}</span>{date}</p>"
            f'<p class="nqa-where">{where}</p>'
            f'<p class="nqa-passage">{marked(hit["text"], hit["matches"])}</p>'
            f'<p class="nqa-hit-foot"><span class="nqa-score">Độ liên quan: '
            f"{round(100 * hit.get('relevance', 0))}%</span> "
            f'<a class="nqa-read" href="#" data-doc="{escape(hit["doc_id"])}" '
            f'data-section="{escape(hit["section"])}" data-passage="{escape(hit["passage_id"])}"'
            f">Đọc cả mục</a></p></li>"
        )
    count = f'<p class="nqa-count" role="status">{len(hits)} kết quả cho “{escape(query)}”</p>'
    return f'{count}<ol class="nqa-hits" aria-label="Kết quả tìm kiếm">{"".join(items)}</ol>'


def section_passages(document: Document, path: Sequence[str]) -> list[Passage]:
    """All passages of `document` at or under the heading `path` (all of them for ())."""
    path = tuple(path)
    return [p for p in document.passages if p.section[: len(path)] == path]


def parse_heading_path(heading: str) -> tuple[str, ...]:
    """Inverse of SECTION_SEP.join: "Điều 2 › I. Mục tiêu" -> ("Điều 2", "I. Mục tiêu")."""
    return tuple(part.strip() for part in heading.split(SECTION_SEP.strip()) if part.strip())


def _row_table(rows: Sequence[Passage], focus: str) -> str:
    """Consecutive row passages as one table that scrolls sideways on a narrow screen."""
    headings = [h for h, _ in rows[0].cells]
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headings)
    body = []
    for p in rows:
        values = dict(p.cells)
        cls = ' class="nqa-focus"' if p.id == focus else ""
        pid = f' id="nqa-p-{escape(p.id)}"' if p.id == focus else ""
        body.append(
            f"<tr{cls}{pid}>"
            + "".join(f"<td>{lines(escape(values.get(h, '')))}</td>" for h in headings)
            + "</tr>"
        )
    return (
        '<div class="nqa-scroll" tabindex="0" role="region" aria-label="Bảng">'
        f'<table class="nqa-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody>'
        "</table></div>"
    )


def section_html(document: Document, path: Sequence[str], focus: str = "") -> str:
    """A section read in full: the document, its heading path, then every passage under it
    (table rows as a table); the passage `focus` (an id) is marked and scrolled to."""
    path = tuple(path)
    passages = section_passages(document, path)
    title = escape(SECTION_SEP.join(path)) if path else "Toàn văn"
    if not passages:
        return f'<p class="nqa-empty">Mục “{title}” không có đoạn văn nào.</p>'
    body, last, i = [], None, 0
    shown = [p for p in passages if p.kind != "table" or not p.cells]
    has_rows = {p.section for p in passages if p.kind == "row"}
    shown = [p for p in shown if not (p.kind == "table" and p.section in has_rows)]
    while i < len(shown):
        p = shown[i]
        if p.section != last and p.section[len(path) :]:
            body.append(
                f'<h4 class="nqa-sub">{escape(SECTION_SEP.join(p.section[len(path) :]))}</h4>'
            )
        last = p.section
        if p.kind == "row" and p.cells:
            j = i
            while j < len(shown) and shown[j].kind == "row" and shown[j].section == p.section:
                j += 1
            body.append(_row_table(shown[i:j], focus))
            i = j
            continue
        attrs = (
            f' id="nqa-p-{escape(p.id)}" class="nqa-passage nqa-focus"'
            if p.id == focus
            else ' class="nqa-passage"'
        )
        body.append(f"<p{attrs}>{lines(escape(p.text))}</p>")
        i += 1
    m = document.meta
    head = (
        f'<h3 class="nqa-doc-title">{escape(document_label(m))}: {escape(short_title(m))}</h3>'
        f'<p class="nqa-where">{title}</p>'
    )
    return f'<div class="nqa-section">{head}{"".join(body)}</div>'


def document_html(document: Document) -> str:
    """A document's metadata card, with how to read it."""
    m = document.meta
    rows = [
        ("Loại văn bản", m.kind),
        ("Số hiệu", m.number),
        ("Cơ quan ban hành", m.issuer),
        ("Ngày ban hành", iso_to_vn(m.date)),
        ("Ngày có hiệu lực", iso_to_vn(m.effective)),
        ("Người ký", m.signer),
        ("Sửa đổi, thay thế", ", ".join(m.amends)),
    ]
    cells = "".join(f'<tr><th scope="row">{k}</th><td>{escape(v)}</td></tr>' for k, v in rows if v)
    return (
        f'<h3 class="nqa-doc-title">{escape(m.title)}</h3><table class="nqa-meta">{cells}</table>'
        f"<p>{len(document.passages)} đoạn, {len(document.toc)} mục. Chọn một mục (hoặc "
        "“Toàn văn”) để đọc.</p>"
    )


def toc_choices(document: Document) -> list[tuple[str, str]]:
    """(indented label, heading path joined with " › ") for a dropdown, in document order."""
    choices = [("Toàn văn", "")]
    for h in document.toc:
        indent = "\u2003" * (len(h.path) - 1)
        choices.append((f"{indent}{h.title}", SECTION_SEP.join(h.path)))
    return choices


DOCUMENT_COLUMNS = [
    "Văn bản",
    "Trích yếu",
    "Cơ quan ban hành",
    "Ngày ban hành",
    "Hiệu lực",
    "Số đoạn",
]


def documents_html(documents: Sequence[Mapping]) -> str:
    """The document list (serve.api.documents JSON) as a table that reflows into cards on a
    narrow screen (each cell says its column)."""
    if not documents:
        return '<p class="nqa-empty">Kho chưa có văn bản nào.</p>'
    head = "".join(f'<th scope="col">{c}</th>' for c in DOCUMENT_COLUMNS)
    rows = []
    for d in documents:
        values = [
            d.get("label") or d["doc_id"],
            d.get("short_title") or d["title"],
            d.get("issuer") or "",
            d.get("date_vn") or "",
            d.get("effective_vn") or "",
            str(d["passages"]),
        ]
        cells = "".join(
            f'<td data-label="{c}">{escape(v)}</td>'
            for c, v in zip(DOCUMENT_COLUMNS, values, strict=True)
        )
        rows.append(f'<tr title="{escape(d["doc_id"])}">{cells}</tr>')
    count = f'<p class="nqa-count">{len(documents)} văn bản trong kho</p>'
    return (
        f'{count}<table class="nqa-docs" aria-label="Các văn bản trong kho"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


# corpus/check.py words its warnings for developers, in English: said again for staff
_WARNINGS = [
    (r"no title found.*", "Không tìm thấy trích yếu (tên) văn bản ở phần đầu."),
    (r"no number found", "Không tìm thấy số hiệu văn bản."),
    (r"no date found", "Không tìm thấy ngày ban hành."),
    (r"no issuer found", "Không tìm thấy cơ quan ban hành."),
    (
        r"many tiny passages: (\d+) of (\d+) .*",
        r"Nhiều đoạn quá ngắn (\1 trên \2 đoạn nội dung): có thể văn bản hoặc bảng bị tách rời.",
    ),
    (
        r"text looks garbled: ([\d.]+%) .*",
        r"Văn bản có vẻ bị lỗi chữ (\1 số từ là mảnh âm tiết): có thể trình đọc tách sai chữ.",
    ),
    (r"(\d+) passages longer than ([\d,]+) characters", r"\1 đoạn dài quá \2 ký tự."),
    (
        r"read through OCR.*",
        "Văn bản được đọc bằng nhận dạng ký tự (OCR): hãy đối chiếu số liệu và tên với bản gốc.",
    ),
]


def warning_vi(warning: str) -> str:
    for pattern, said in _WARNINGS:
        if re.fullmatch(pattern, warning, flags=re.DOTALL):
            return re.sub(pattern, said, warning, flags=re.DOTALL)
    return f"Cảnh báo khi đọc văn bản: {warning}"


def report_html(doc: Mapping) -> str:
    """What an upload became (serve.api.upload JSON): title, number, passages, warnings."""
    report = doc.get("report", {})
    kinds = ", ".join(
        f"{n} {PASSAGE_KINDS.get(k, k)}" for k, n in sorted(report.get("passages", {}).items())
    )
    rows = [
        ("Trích yếu", doc.get("title")),
        ("Loại, số hiệu", doc.get("label")),
        ("Cơ quan ban hành", doc.get("issuer")),
        ("Ngày ban hành", doc.get("date_vn")),
        ("Ngày có hiệu lực", doc.get("effective_vn")),
        (
            "Số đoạn",
            f"{doc.get('passages', 0)} ({kinds})" if kinds else str(doc.get("passages", 0)),
        ),
        ("Số bảng", str(report.get("tables", 0))),
    ]
    cells = "".join(f'<tr><th scope="row">{k}</th><td>{escape(v)}</td></tr>' for k, v in rows if v)
    warnings = report.get("warnings") or []
    notes = (
        '<div class="nqa-warn" role="alert"><b>Cần kiểm tra:</b><ul>'
        + "".join(f"<li>{escape(w)}</li>" for w in warnings)
        + "</ul></div>"
        if warnings
        else '<p class="nqa-ok">Không có cảnh báo khi đọc văn bản.</p>'
    )
    return (
        f'<div class="nqa-report" role="status"><p><b>Đã thêm văn bản</b> (mã '
        f"{escape(doc.get('doc_id'))}). Có thể hỏi đáp và tìm kiếm ngay.</p>"
        f'<table class="nqa-meta">{cells}</table>{notes}</div>'
    )
