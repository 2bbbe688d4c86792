"""A person's view, in Debian's headless Chromium at 1366×900 and at 390×844: the page is in
Vietnamese (lang="vi", none of Gradio's English strings), nothing is wider than the screen, the
answer is in view right after Enter, and axe-core finds no serious or critical violation on any
tab. Then a citizen's and a clerk's tasks: open a source from its [n], copy an answer, rate it
and comment, read the cited section in Tra cứu, search, upload a document, delete it.

Screenshots are kept in test-artifacts/ (chat-desktop.png, chat-phone.png, search-*.png, ...)."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from tests.app_server import TOKEN, running_app
from tests.browser import ARTIFACTS, DESKTOP, PHONE, browser, ensure_axe

pytestmark = [pytest.mark.slow, pytest.mark.browser]

QUESTION = "Tỷ lệ dân số tham gia bảo hiểm y tế năm 2024 là bao nhiêu?"
# English left on the page by Gradio or by us, as reported in issue 12 and from Gradio's strings
ENGLISH = [
    "Warning",
    "Error",
    "Info",
    "Connection to the server was lost",
    "Attempting reconnection",
    "processing",
    "queue:",
    "Clear",
    "Copy message",
    "Copy",
    "Copied",
    "Like",
    "Dislike",
    "Use via API",
    "Built with Gradio",
    "Settings",
    "Textbox",
    "Dropdown",
    "Slider",
    "Chatbot",
    "Loading",
    "Submit",
    "Retry",
    "Undo",
    "Drop File Here",
    "Click to Upload",
    "Upload file",
    "Download",
    "Remove",
    "Share",
    "Fullscreen",
    "the question is empty",
    "the query is empty",
    "No matches",
    "Select all",
    "Reset",
    "Show password",
    "Hide password",
]
TABS = {"chat": "Hỏi đáp", "search": "Tra cứu", "documents": "Văn bản"}
SIZES = {"desktop": DESKTOP, "phone": PHONE, "phone-dark": PHONE}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("browser")) as running:
        yield running


@pytest.fixture(scope="module")
def axe_js():
    return ensure_axe()


def _ready(page) -> None:
    page.wait_for("!!document.querySelector('#nqa-chat .nqa-welcome h2')", 90)


def _tab(page, name: str) -> None:
    label = json.dumps(TABS[name])
    page.js(
        f"[...document.querySelectorAll('button[role=tab]')].find(b => b.innerText.trim() === "
        f"{label}).click()"
    )
    page.wait_for(
        f"[...document.querySelectorAll('button[role=tab][aria-selected=true]')]"
        f".some(b => b.innerText.trim() === {label})"
    )
    time.sleep(0.3)


def _english(page) -> list[str]:
    """Known English strings in the page's text or in its labels, tooltips and placeholders."""
    found = page.js(
        "(() => { const words = " + json.dumps(ENGLISH) + ";"
        " const attrs = ['aria-label', 'title', 'placeholder', 'alt'];"
        " const texts = [document.body.innerText, document.title];"
        " for (const el of document.querySelectorAll('*')) for (const a of attrs) {"
        "   const v = el.getAttribute(a); if (v) texts.push(v); }"
        " const all = texts.join('\\n');"
        " return words.filter(w => new RegExp('(^|[^A-Za-z])' + w.replace(/[.*+?^${}()|[\\]\\\\]/g,"
        " '\\\\$&') + '($|[^A-Za-z])').test(all)); })()"
    )
    return found


def _overflow(page) -> int:
    """How many pixels the page is wider than the screen (0 is right)."""
    return page.js("document.documentElement.scrollWidth - window.innerWidth")


def _in_view(page, selector: str) -> bool:
    return page.js(
        f"(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return false;"
        " const r = e.getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0"
        " && r.height > 0; })()"
    )


def _ask(page, question: str) -> float:
    """Type `question`, press Enter; seconds until the new answer is on screen."""
    before = page.js("document.querySelectorAll('#nqa-chat .nqa-turn:not(.nqa-pending)').length")
    page.type_into("#nqa-question textarea", question)
    page.js(
        "window.__asked = performance.now(); window.__shown = 0;"
        f" (function poll() {{ const turns = document.querySelectorAll("
        f"'#nqa-chat .nqa-turn:not(.nqa-pending)'); const a = turns.length > {before} &&"
        " turns[turns.length - 1].querySelector('.nqa-text');"
        " if (a) { const r = a.getBoundingClientRect();"
        "   if (r.top >= 0 && r.top < innerHeight) { window.__shown = performance.now(); return; } }"
        " requestAnimationFrame(poll); })();"
    )
    page.press_enter()
    page.wait_for("window.__shown > 0", 60, step=0.02)
    return page.js("(window.__shown - window.__asked) / 1000")


def _tap_targets(page) -> list[str]:
    """Controls on screen smaller than 44×44 px (links inside a sentence, such as the [n]
    markers of an answer, are exempt)."""
    return page.js(
        "[...document.querySelectorAll('button, a[href], input:not([type=hidden]), textarea,"
        " select, summary, [role=tab]')].filter(e => e.offsetParent !== null"
        " && !e.closest('.nqa-text, p, li > span')).map(e => {"
        " const r = e.getBoundingClientRect(); return [e.tagName + '.' + e.className + ' '"
        " + (e.innerText || '').slice(0, 30), r.width, r.height]; })"
        ".filter(([, w, h]) => w < 44 || h < 44).map(x => x.join(' '))"
    )


@pytest.mark.parametrize("size", ["desktop", "phone", "phone-dark"])
def test_every_tab_is_vietnamese_fits_and_passes_axe(served, tmp_path, axe_js, size):
    dark = size.endswith("dark")
    with browser(tmp_path, served.url + "/", SIZES[size], dark=dark) as page:
        _ready(page)
        assert page.js("!!document.querySelector('.dark')") == dark
        assert page.js("document.documentElement.lang") == "vi"
        assert page.js("document.title") == "Hỏi đáp Nghị quyết"
        first = page.js("document.querySelector('#nqa-chat').innerText")
        assert "2 văn bản" in first and "Câu hỏi gợi ý" in first
        assert page.js("document.querySelectorAll('#nqa-chat .nqa-example').length") >= 1
        label = page.js(
            "(() => { const t = document.querySelector('#nqa-question textarea');"
            " return t.labels && t.labels[0] ? t.labels[0].innerText : t.getAttribute('aria-label'); })()"
        )
        assert "Câu hỏi" in label

        seconds = _ask(page, QUESTION)
        print(f"\n{size}: Enter to visible answer {seconds * 1000:.0f} ms")
        assert seconds < 5  # the figure to reach is 1 s on a quiet machine; CI may be busy
        assert _in_view(page, "#nqa-chat .nqa-turn:last-child .nqa-text")
        assert _in_view(page, "#nqa-question textarea"), "the question box is out of reach"
        answer = page.js("document.querySelector('#nqa-chat .nqa-turn:last-child').innerText")
        assert "96,5%" in answer and "Nguồn trích dẫn" in answer
        cards = page.js("document.querySelectorAll('#nqa-chat .nqa-sources .nqa-card').length")
        markers = page.js("document.querySelectorAll('#nqa-chat .nqa-text .nqa-ref').length")
        assert cards == markers == 1  # only the sources the answer points at
        assert _tap_targets(page) == []
        page.screenshot(ARTIFACTS / f"chat-{size}.png")

        for tab in ("chat", "search", "documents"):
            if tab != "chat":
                _tab(page, tab)
            if tab == "search":
                page.type_into("#nqa-query textarea, #nqa-query input", "bảo hiểm y tế")
                page.click("#nqa-search")
                page.wait_for("!!document.querySelector('#nqa-results .nqa-hit')")
                page.screenshot(ARTIFACTS / f"search-{size}.png")
            if tab == "documents":
                page.wait_for("!!document.querySelector('#nqa-docs table')")
                page.screenshot(ARTIFACTS / f"documents-{size}.png")
            assert _overflow(page) <= 0, f"{tab}: wider than the screen"
            assert _tap_targets(page) == [], tab
            assert _english(page) == [], tab
            violations = page.axe(axe_js)
            assert violations == [], (
                f"{tab} at {size}: {json.dumps(violations, ensure_ascii=False)}"
            )


def test_gradio_messages_that_appear_later_are_said_in_vietnamese(served, tmp_path):
    """Toasts and the reconnection notice come and go: the page's script says them again in
    Vietnamese whenever they appear (text, tooltips, labels)."""
    with browser(tmp_path, served.url + "/", PHONE) as page:
        _ready(page)
        page.js(
            "(() => { const d = document.createElement('div'); d.id = 'nqa-probe';"
            " d.innerHTML = '<span>Warning</span><span>Error</span><p>Connection to the server"
            ' was lost. Attempting reconnection...</p><button aria-label="Clear">x</button>'
            "<span>processing |</span>'; document.body.appendChild(d); })()"
        )
        page.wait_for("!document.querySelector('#nqa-probe').innerText.includes('Warning')")
        text = page.js("document.querySelector('#nqa-probe').innerText")
        assert "Cảnh báo" in text and "Lỗi" in text and "Mất kết nối tới máy chủ" in text
        assert "đang xử lý" in text
        assert (
            page.js("document.querySelector('#nqa-probe button').getAttribute('aria-label')")
            == "Xóa"
        )
        assert _english(page) == []


def test_a_source_opens_copies_rates_and_reads_in_full(served, tmp_path):
    with browser(tmp_path, served.url + "/", DESKTOP) as page:
        _ready(page)
        _ask(page, QUESTION)
        # the [1] marker opens its card, whose passage has the answer marked between its neighbours
        page.js("document.querySelector('#nqa-chat .nqa-card').open = false")
        page.click("#nqa-chat .nqa-text .nqa-ref")
        assert page.js("document.querySelector('#nqa-chat .nqa-card').open")
        card = page.js("document.querySelector('#nqa-chat .nqa-card').innerText")
        assert "45/NQ-HĐND" in card and "14/12/2023" in card and "Hòa Bình Xanh" in card
        assert "Điều 1 › 2. Các chỉ tiêu xã hội" in card
        marked = page.js("document.querySelector('#nqa-chat .nqa-card mark').innerText")
        assert "96,5%" in marked
        context = page.js(
            "[...document.querySelectorAll('#nqa-chat .nqa-card .nqa-ctx')].map(e => e.innerText)"
        )
        assert any("2,1%" in c for c in context)  # the sentence before, for context

        # plain-text copy: the answer and its source, no markup
        page.click("#nqa-chat [data-act=copy]")
        copied = page.wait_for("window.nqaLastCopy")
        assert "96,5%" in copied.split("\n")[0] and "Nguồn trích dẫn:" in copied
        assert "45/NQ-HĐND" in copied
        assert "<" not in copied

        # 👍 then a comment: one row in the feedback database
        page.click("#nqa-chat [data-act=rate][data-rating=up]")
        page.wait_for("!!document.querySelector('#nqa-chat .nqa-comment textarea')")
        assert (
            page.js("document.querySelector('[data-rating=up]').getAttribute('aria-pressed')")
            == "true"
        )
        page.type_into("#nqa-chat .nqa-comment textarea", "Rõ ràng, có nguồn")
        page.click("#nqa-chat .nqa-comment button")
        page.wait_for("document.querySelector('#nqa-chat').innerText.includes('Đã ghi nhận góp ý')")
        with sqlite3.connect(served.data / "feedback.sqlite3") as db:
            rows = db.execute("SELECT rating, comment, question FROM feedback").fetchall()
        assert (1, "Rõ ràng, có nguồn", QUESTION) in rows

        # the card's link reads the whole section in Tra cứu, the cited passage marked
        page.click("#nqa-chat .nqa-card .nqa-read")
        page.wait_for("!!document.querySelector('#nqa-section .nqa-focus')")
        assert (
            page.js(
                "document.querySelector('button[role=tab][aria-selected=true]').innerText"
            ).strip()
            == "Tra cứu"
        )
        section = page.js("document.querySelector('#nqa-section').innerText")
        assert "96,5%" in section and "2,1%" in section and "650 tỷ" not in section
        page.screenshot(ARTIFACTS / "section-desktop.png")

        # an empty question is answered by a hint; a new conversation asks first
        _tab(page, "chat")
        page.js("document.querySelector('#nqa-question textarea').focus()")
        page.press_enter()
        page.wait_for(
            "document.querySelector('#nqa-status').innerText.includes('Hãy nhập câu hỏi')"
        )
        page.click("#nqa-new-chat")
        page.wait_for(
            "(() => { const b = document.querySelector('#nqa-new-no');"
            " return b && b.offsetParent !== null; })()"
        )
        page.click("#nqa-new-no")
        time.sleep(0.5)
        assert page.js("document.querySelectorAll('#nqa-chat .nqa-turn').length") == 1
        page.click("#nqa-new-chat")
        page.wait_for(
            "(() => { const b = document.querySelector('#nqa-new-yes');"
            " return b && b.offsetParent !== null; })()"
        )
        page.click("#nqa-new-yes")
        page.wait_for("!!document.querySelector('#nqa-chat .nqa-welcome')")
        assert page.js("document.querySelectorAll('#nqa-chat .nqa-turn').length") == 0


def test_search_marks_phrases_and_says_when_nothing_matches(served, tmp_path):
    with browser(tmp_path, served.url + "/", PHONE) as page:
        _ready(page)
        _tab(page, "search")
        page.type_into("#nqa-query textarea, #nqa-query input", "bảo hiểm y tế")
        page.click("#nqa-search")
        page.wait_for("!!document.querySelector('#nqa-results .nqa-hit')")
        marks = page.js(
            "[...document.querySelectorAll('#nqa-results .nqa-hit:first-child mark')].map(m => m.innerText)"
        )
        assert marks == ["bảo hiểm y tế"]
        page.js("document.querySelector('#nqa-query textarea, #nqa-query input').value = ''")
        page.type_into("#nqa-query textarea, #nqa-query input", "xyzqwv phlogiston")
        page.click("#nqa-search")
        page.wait_for(
            "document.querySelector('#nqa-results').innerText.includes('Không có kết quả phù hợp')"
        )
        assert page.js("document.querySelectorAll('#nqa-results .nqa-hit').length") == 0


def test_upload_reports_then_delete_asks_first(served, tmp_path):
    src = tmp_path / "Quyết định hỗ trợ chè.md"
    src.write_text(
        "QUYẾT ĐỊNH\n\nVề hỗ trợ trồng chè hữu cơ\n\n"
        "**Điều 1.** Hỗ trợ 5 triệu đồng cho mỗi hộ trồng chè hữu cơ trên địa bàn huyện.\n\n"
        "**Điều 2.** Quyết định này có hiệu lực từ ngày ký.\n",
        encoding="utf-8",
    )
    with browser(tmp_path, served.url + "/", PHONE) as page:
        _ready(page)
        _tab(page, "documents")
        page.type_into("#nqa-token input", TOKEN)
        page.send("DOM.enable")
        root = page.send("DOM.getDocument")["root"]["nodeId"]
        node = page.send(
            "DOM.querySelector",
            nodeId=root,
            selector="#nqa-upload input[type=file], input[type=file]",
        )
        page.send("DOM.setFileInputFiles", nodeId=node["nodeId"], files=[str(src)])
        report = page.wait_for(
            "(() => { const r = document.querySelector('#nqa-admin-status .nqa-report');"
            " return r && r.innerText; })()",
            120,
        )
        assert "Đã thêm văn bản" in report and "quyet-dinh-ho-tro-che" in report
        assert "Số đoạn" in report and ("Cần kiểm tra" in report or "Không có cảnh báo" in report)
        assert "Không tìm thấy số hiệu" in report  # the test file has no number: said in Vietnamese
        page.screenshot(ARTIFACTS / "upload-phone.png")
        assert "quyet-dinh-ho-tro-che" in {d.meta.doc_id for d in served.service.documents()}

        # delete asks first; "Hủy" keeps the document
        page.js(
            "(() => { const i = document.querySelector('#nqa-delete-doc input'); i.focus(); })()"
        )
        page.send("Input.insertText", text="chè")
        option = "[...document.querySelectorAll('ul[role=listbox] li')].find(li => li.innerText.includes('chè'))"
        page.wait_for(f"!!{option}")
        page.js(f"{option}.dispatchEvent(new MouseEvent('mousedown', {{bubbles: true}}))")
        time.sleep(0.5)
        page.click("#nqa-delete")
        page.wait_for(
            "(() => { const b = document.querySelector('#nqa-delete-yes'); return b && b.offsetParent !== null; })()"
        )
        page.click("#nqa-delete-no")
        time.sleep(0.5)
        assert "quyet-dinh-ho-tro-che" in {d.meta.doc_id for d in served.service.documents()}
        page.click("#nqa-delete")
        page.wait_for(
            "(() => { const b = document.querySelector('#nqa-delete-yes'); return b && b.offsetParent !== null; })()"
        )
        page.click("#nqa-delete-yes")
        page.wait_for(
            "document.querySelector('#nqa-admin-status').innerText.includes('Đã xóa')", 120
        )
        assert "quyet-dinh-ho-tro-che" not in {d.meta.doc_id for d in served.service.documents()}
