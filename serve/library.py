"""The staff side as HTML: search results, a section read in full, a document's card and table
of contents, the document list, and an upload's parse report.

Pure functions of values (Documents, and the JSON of serve.api.search / serve.api.upload).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from corpus.types import SECTION_SEP
from serve.render import escape, lines, marked
from serve.shapes import parse_heading_path

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


def _row_table(rows: Sequence[Mapping], focus: str) -> str:
    """Consecutive row passages as one table that scrolls sideways on a narrow screen."""
    headings = [h for h, _ in rows[0]["cells"]]
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headings)
    body = []
    for p in rows:
        values = dict(map(tuple, p["cells"]))
        mark = f' id="nqa-p-{escape(p["id"])}" class="nqa-focus"' if p["id"] == focus else ""
        cells = "".join(f"<td>{lines(escape(values.get(h, '')))}</td>" for h in headings)
        body.append(f"<tr{mark}>{cells}</tr>")
    return (
        '<div class="nqa-scroll" tabindex="0" role="region" aria-label="Bảng">'
        f'<table class="nqa-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody>'
        "</table></div>"
    )


def section_html(section: Mapping, document: Mapping, focus: str = "") -> str:
    """A section read in full (serve.api.section JSON; `document` is serve.api.toc's): the
    document, its heading path, then every passage under it, table rows as a table; the
    passage `focus` (an id) is marked and scrolled to."""
    path = tuple(section["heading"])
    title = escape(SECTION_SEP.join(path)) if path else "Toàn văn"
    passages = section["passages"]
    if not passages:
        return f'<p class="nqa-empty">Mục “{title}” không có đoạn văn nào.</p>'
    # a whole-table passage repeats rows shown one by one
    with_rows = {p["section"] for p in passages if p["kind"] == "row" and p["cells"]}
    shown = [p for p in passages if not (p["kind"] == "table" and p["section"] in with_rows)]
    body, last, i = [], None, 0
    while i < len(shown):
        p = shown[i]
        below = parse_heading_path(p["section"])[len(path) :]
        if p["section"] != last and below:
            body.append(f'<h4 class="nqa-sub">{escape(SECTION_SEP.join(below))}</h4>')
        last = p["section"]
        if p["kind"] == "row" and p["cells"]:
            j = i
            while j < len(shown) and shown[j]["kind"] == "row" and shown[j]["section"] == last:
                j += 1
            body.append(_row_table(shown[i:j], focus))
            i = j
            continue
        mark = f' id="nqa-p-{escape(p["id"])}"' if p["id"] == focus else ""
        focused = " nqa-focus" if p["id"] == focus else ""
        body.append(f'<p{mark} class="nqa-passage{focused}">{lines(escape(p["text"]))}</p>')
        i += 1
    head = (
        f'<h3 class="nqa-doc-title">{escape(document.get("label"))}: '
        f'{escape(document.get("short_title"))}</h3><p class="nqa-where">{title}</p>'
    )
    return f'<div class="nqa-section">{head}{"".join(body)}</div>'


def document_html(document: Mapping) -> str:
    """A document's metadata card (serve.api.toc JSON), with how to read it."""
    rows = [
        ("Loại văn bản", document.get("kind")),
        ("Số hiệu", document.get("number")),
        ("Cơ quan ban hành", document.get("issuer")),
        ("Ngày ban hành", document.get("date_vn")),
        ("Ngày có hiệu lực", document.get("effective_vn")),
        ("Người ký", document.get("signer")),
        ("Sửa đổi, thay thế", ", ".join(document.get("amends") or [])),
    ]
    cells = "".join(f'<tr><th scope="row">{k}</th><td>{escape(v)}</td></tr>' for k, v in rows if v)
    return (
        f'<h3 class="nqa-doc-title">{escape(document.get("title"))}</h3>'
        f'<table class="nqa-meta">{cells}</table><p>{document.get("passages", 0)} đoạn, '
        f"{document.get('headings', 0)} mục. Chọn một mục (hoặc “Toàn văn”) để đọc.</p>"
    )


def toc_choices(document: Mapping) -> list[tuple[str, str]]:
    """(indented label, heading path joined with " › ") for a dropdown, in document order,
    from serve.api.toc JSON."""
    choices = [("Toàn văn", "")]
    for h in document.get("toc", []):
        indent = "\u2003" * (len(h["path"]) - 1)
        choices.append((f"{indent}{h['title']}", SECTION_SEP.join(h["path"])))
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


def unreadable_html(files: Sequence[Mapping]) -> str:
    """Corpus files that could not be read (serve.api.unreadable JSON), with the reason."""
    if not files:
        return ""
    items = "".join(f"<li><b>{escape(f['file'])}</b>: {escape(f['reason'])}</li>" for f in files)
    return (
        '<div class="nqa-msg nqa-error" role="status"><p>Không đọc được '
        f"{len(files)} tệp trong thư mục kho (các văn bản khác vẫn dùng được). Hãy lưu lại tệp "
        f"đúng định dạng rồi tải lên lại:</p><ul>{items}</ul></div>"
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
