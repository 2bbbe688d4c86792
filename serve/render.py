"""The conversation as HTML: each answer with clickable [n] markers, its sources as cards
(document type and number, short title, issuer, date, section, the cited sentence highlighted
between a sentence of context on each side, a link to read the section), related passages apart
and labelled, a plain-text copy; and the first screen (what the corpus covers, examples).

Pure functions of the JSON the API returns (serve.api.ask, serve.api.overview), so the page
shows exactly what a gradio_client user gets. All document text is escaped here (also `{`, `}`,
`$` and backticks, which the page's HTML templates would read as placeholders).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

SOURCES = "Nguồn trích dẫn"
RELATED = "Có thể liên quan"
RELATED_NOTE = "Các đoạn gần với câu hỏi nhưng không được dùng để trả lời, để bạn tự đối chiếu."
MARKERS = re.compile(r"\[(\d+(?:\s*[,;–-]\s*\d+)*)\]")
_ICON = (
    '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">'
    '<path fill="currentColor" d="{}"/></svg>'
)
ICONS = {  # Material Design icons (Apache 2.0): drawn, so no emoji font is needed
    "copy": "M16 1H4a2 2 0 0 0-2 2v14h2V3h12V1zm3 4H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 "
    "0 2-2V7a2 2 0 0 0-2-2zm0 16H8V7h11v14z",
    "up": "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06"
    "L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-"
    "7.05c.09-.23.14-.47.14-.73v-2z",
    "down": "M15 3H6c-.83 0-1.54.5-1.84 1.22l-3.02 7.05c-.09.23-.14.47-.14.73v2c0 1.1.9 2 2 2"
    "h6.31l-.95 4.57-.03.32c0 .41.17.79.44 1.06L9.83 23l6.59-6.59c.36-.36.58-.86.58-1.41V5c0-"
    "1.1-.9-2-2-2zm4 0v12h4V3h-4z",
}


def icon(name: str) -> str:
    return _ICON.format(ICONS[name])


_TEMPLATE = str.maketrans({"{": "&#123;", "}": "&#125;", "$": "&#36;", "`": "&#96;"})


def escape(text: str | None) -> str:
    return html.escape(text or "", quote=True).translate(_TEMPLATE)


def lines(escaped: str) -> str:
    return escaped.replace("\r\n", "\n").replace("\n", "<br>")


def highlight_span(text: str, span: Sequence[int] | None) -> str:
    """`text` as HTML with the characters in `span` wrapped in <mark>."""
    if not span or not 0 <= span[0] < span[1]:
        return lines(escape(text))
    start, end = span[0], min(len(text), span[1])
    return lines(
        escape(text[:start]) + "<mark>" + escape(text[start:end]) + "</mark>" + escape(text[end:])
    )


def marked(text: str, spans: Sequence[Sequence[int]]) -> str:
    """`text` as HTML with each (start, end) of `spans` (sorted, apart) wrapped in <mark>."""
    out, pos = [], 0
    for s, e in spans:
        out.append(escape(text[pos:s]) + "<mark>" + escape(text[s:e]) + "</mark>")
        pos = e
    out.append(escape(text[pos:]))
    return lines("".join(out))


# ---------------------------------------------------------------------------- answers


def _anchor(turn_id: str, n: int | str) -> str:
    return f"nqa-src-{escape(turn_id)}-{n}"


def answer_text_html(text: str, turn_id: str, cited: set[int]) -> str:
    """The answer's words with each [n] of a cited source as a link that opens its card."""

    def link(m: re.Match) -> str:
        numbers = [int(x) for x in re.findall(r"\d+", m.group(1))]
        if not numbers or not set(numbers) <= cited:
            return m.group(0)
        return "".join(
            f'<a class="nqa-ref" href="#{_anchor(turn_id, n)}" data-n="{n}" '
            f'aria-label="Xem nguồn {n}">[{n}]</a>'
            for n in numbers
        )

    escaped = lines(escape(text.strip()))
    return MARKERS.sub(link, escaped)


def _cells_html(cells: Sequence[Sequence[str]], cited: str) -> str:
    """A table row as heading/value pairs; the value holding the cited words is marked."""
    items = []
    for heading, value in cells:
        if not value:
            continue
        shown = escape(value)
        if cited and (value in cited or cited in value):
            shown = f"<mark>{shown}</mark>"
        items.append(f"<div><dt>{escape(heading)}</dt><dd>{lines(shown)}</dd></div>")
    return f'<dl class="nqa-cells">{"".join(items)}</dl>'


def _byline(source: Mapping) -> str:
    parts = [escape(source.get("issuer"))] if source.get("issuer") else []
    if source.get("date_vn"):
        parts.append(f"ngày {escape(source['date_vn'])}")
    return " · ".join(parts)


def source_card(source: Mapping, turn_id: str, *, open: bool = True, related: int = 0) -> str:
    """A source as a card: what the document is, where, and the passage with the answer
    marked between its neighbouring sentences; a link reads the whole section."""
    n = related or source["n"]  # a related passage is numbered apart: r1, r2 ...
    label = escape(source.get("label") or source.get("doc_number") or source.get("doc_title"))
    title = escape(source.get("short_title") or source.get("doc_title"))
    where = escape(source.get("section")) or "Phần mở đầu"
    ex = source.get("excerpt") or {"text": source.get("text", ""), "span": source.get("span")}
    if source.get("passage_kind") == "row" and source.get("cells"):
        span = source.get("span")
        cited = source["text"][span[0] : span[1]] if span else ""
        body = _cells_html(source["cells"], cited)
    else:
        gap = "<br>" if source.get("passage_kind") in ("table", "row") else " "  # rows: lines
        before = after = ""
        if ex.get("before"):
            before = f'<span class="nqa-ctx">{escape(ex["before"])}</span>{gap}'
        if ex.get("after"):
            after = f'{gap}<span class="nqa-ctx">{escape(ex["after"])}</span>'
        body = f"<p>{before}{highlight_span(ex['text'], ex.get('span'))}{after}</p>"
    number = "" if related else f'<span class="nqa-n" aria-hidden="true">[{n}]</span> '
    kind = "liên quan" if related else "nguồn"
    anchor = _anchor(turn_id, f"r{n}" if related else n)
    return (
        f'<details class="nqa-card" id="{anchor}"{" open" if open else ""}>'
        f'<summary aria-label="{"Đoạn " if related else "Nguồn "}{n}: {label}, {title}">'
        f'{number}<span class="nqa-doc"><b>{label}</b> <span class="nqa-title">{title}</span></span>'
        f'<span class="nqa-by">{_byline(source)}</span>'
        + (f'<span class="nqa-by">{where}</span>' if related else "")
        + "</summary>"
        f'<div class="nqa-card-body"><p class="nqa-where">{where}</p>'
        f'<blockquote class="nqa-excerpt" aria-label="Trích đoạn {kind} {n}">{body}</blockquote>'
        f'<a class="nqa-read" href="#" data-doc="{escape(source["doc_id"])}" '
        f'data-section="{escape(source.get("section"))}" '
        f'data-passage="{escape(source.get("passage_id"))}">Đọc toàn bộ mục này trong Tra cứu</a>'
        "</div></details>"
    )


def plain_text(turn: Mapping) -> str:
    """An answer and its sources as plain text, for the copy button."""
    out = [turn.get("answer", "").strip()]

    def add(title: str, sources: Sequence[Mapping]) -> None:
        if not sources:
            return
        out.extend(["", f"{title}:"])
        for s in sources:
            by = ", ".join(
                x
                for x in (s.get("issuer"), f"ngày {s['date_vn']}" if s.get("date_vn") else None)
                if x
            )
            head = f"[{s['n']}] {s.get('label') or s.get('doc_title')} – {s.get('title') or s.get('doc_title')}"
            out.append(head + (f" ({by})" if by else ""))
            if s.get("section"):
                out.append(f"    {s['section']}")
            ex = s.get("excerpt") or {}
            out.append(f"    “{' '.join((ex.get('text') or s.get('text', '')).split())}”")

    add(SOURCES, turn.get("citations") or [])
    add(RELATED, turn.get("related") or [])
    return "\n".join(out).strip()


def _actions(turn: Mapping) -> str:
    tid = escape(turn["id"])
    rating = turn.get("rating")
    buttons = [
        f'<button type="button" class="nqa-act" data-act="copy" data-turn="{tid}">'
        f"{icon('copy')} Sao chép</button>"
    ]
    for value, label in (("up", "Hữu ích"), ("down", "Chưa đúng")):
        pressed = "true" if rating == value else "false"
        buttons.append(
            f'<button type="button" class="nqa-act" data-act="rate" data-rating="{value}" '
            f'data-turn="{tid}" aria-pressed="{pressed}">{icon(value)} '
            f"{label}</button>"
        )
    note = ""
    if rating and not turn.get("commented"):
        note = (
            f'<form class="nqa-comment" data-turn="{tid}"><label for="nqa-c-{tid}">Cảm ơn bạn '
            "đã đánh giá! Góp ý thêm (không bắt buộc):</label>"
            f'<textarea id="nqa-c-{tid}" rows="2" maxlength="2000"></textarea>'
            '<button type="submit" class="nqa-act nqa-primary">Gửi góp ý</button></form>'
        )
    elif turn.get("commented"):
        note = '<p class="nqa-thanks" role="status">Đã ghi nhận góp ý. Xin cảm ơn!</p>'
    return f'<div class="nqa-actions">{"".join(buttons)}</div>{note}'


def turn_html(turn: Mapping) -> str:
    """One question and its answer."""
    tid = turn["id"]
    cited = turn.get("citations") or []
    related = turn.get("related") or []
    parts = [
        f'<article class="nqa-turn" id="nqa-t-{escape(tid)}" aria-label="Câu hỏi và trả lời">',
        f'<p class="nqa-q"><span class="nqa-sr">Bạn hỏi: </span>{escape(turn["question"])}</p>',
        f'<div class="nqa-a{" nqa-abstained" if turn.get("abstained") else ""}" tabindex="-1">',
        '<h3 class="nqa-sr">Trả lời</h3>',
        f'<p class="nqa-text">{answer_text_html(turn.get("answer", ""), tid, {c["n"] for c in cited})}</p>',
    ]
    if cited:
        parts.append(f'<section class="nqa-sources" aria-label="{SOURCES}">')
        parts.append(f'<h4>{SOURCES} <span class="nqa-count">({len(cited)})</span></h4>')
        parts.extend(source_card(c, tid) for c in cited)
        parts.append("</section>")
    if related:
        parts.append(f'<section class="nqa-related" aria-label="{RELATED}">')
        parts.append(f'<h4>{RELATED}</h4><p class="nqa-note">{RELATED_NOTE}</p>')
        parts.extend(source_card(c, tid, open=False, related=i) for i, c in enumerate(related, 1))
        parts.append("</section>")
    parts.append(_actions(turn))
    parts.append(f'<pre class="nqa-plain" hidden>{escape(plain_text(turn))}</pre>')
    parts.append("</div></article>")
    return "".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n:,}".replace(",", ".") + f" {noun}"


def welcome_html(overview: Mapping) -> str:
    """The first screen: what the corpus covers and example questions from its documents."""
    n = overview.get("documents", 0)
    if not n:
        return (
            '<section class="nqa-welcome"><h2>Kho văn bản đang trống</h2><p>Chưa có văn bản '
            "nào để hỏi. Người quản trị có thể tải văn bản lên ở thẻ “Văn bản”.</p></section>"
        )
    kinds = ", ".join(_count(c, k.lower()) for k, c in overview.get("kinds", []))
    issuers = overview.get("issuers", [])
    years = overview.get("years") or []
    span = ""
    if years:
        span = (
            f", ban hành năm {years[0]}"
            if years[0] == years[-1]
            else (f", ban hành từ năm {years[0]} đến {years[-1]}")
        )
    who = "".join(f"<li>{escape(name)} ({c})</li>" for name, c in issuers)
    examples = "".join(
        f'<li><button type="button" class="nqa-example" data-act="ask" data-q="{escape(q)}">'
        f"{escape(q)}</button></li>"
        for q in overview.get("examples", [])
    )
    return (
        '<section class="nqa-welcome" aria-labelledby="nqa-welcome-h">'
        '<h2 id="nqa-welcome-h">Hỏi đáp về văn bản trong kho</h2>'
        f"<p>Kho gồm <b>{_count(n, 'văn bản')}</b> ({kinds}) của "
        f"<b>{_count(len(issuers), 'cơ quan ban hành')}</b>{span}. Mỗi câu trả lời ghi rõ "
        "nguồn: bấm vào số [1] để xem đoạn văn gốc.</p>"
        f'<details class="nqa-issuers"><summary>Các cơ quan ban hành</summary><ul>{who}</ul>'
        "</details>"
        + (f'<h3>Câu hỏi gợi ý</h3><ul class="nqa-examples">{examples}</ul>' if examples else "")
        + "</section>"
    )


LOADING = '<p class="nqa-welcome" role="status">Đang tải thông tin kho văn bản…</p>'


def conversation_html(turns: Sequence[Mapping], overview: Mapping | None = None) -> str:
    """The whole chat: the first screen until something is asked (`overview` None: still
    loading), then every turn."""
    if not turns:
        return LOADING if overview is None else welcome_html(overview)
    return '<div class="nqa-log">' + "".join(turn_html(t) for t in turns) + "</div>"
