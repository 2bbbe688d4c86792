// Hỏi đáp Nghị quyết: the page's behaviour that needs no server round trip. Loaded in <head>.
(() => {
  // the page is Vietnamese whatever locale Gradio's own i18n picks for the browser
  const root = document.documentElement;
  root.lang = "vi";
  new MutationObserver(() => { if (root.lang !== "vi") root.lang = "vi"; })
    .observe(root, { attributes: true, attributeFilter: ["lang"] });

  // ---------------------------------------------------------------- Gradio's own strings
  // Gradio ships no Vietnamese, and a custom locale is never picked by its frontend: its
  // strings are said again in Vietnamese wherever they appear (text, tooltips, labels).
  const VI = __NQA_VI__;
  const PATTERNS = [
    [/^processing\s*\|?\s*([\d.]+)\s*\/\s*([\d.]+)s$/i, "đang xử lý $1/$2 giây"],
    [/^processing\s*\|?\s*([\d.]+)s$/i, "đang xử lý $1 giây"],
    [/^queue:\s*(\d+)\s*\/\s*(\d*)\s*(\|?)$/i, "đang chờ: $1/$2 $3"],
    [/^In queue: (\d+) of (\d+)$/, "Đang chờ: $1 trên $2"],
    [/^Connection to the server was lost/i, VI["Connection to the server was lost. Attempting reconnection..."]],
  ];
  const ATTRS = ["aria-label", "title", "placeholder", "alt", "aria-roledescription"];
  const say = (text) => {
    const key = text.trim();
    if (!key || !/[A-Za-z]/.test(key)) return null;
    if (Object.prototype.hasOwnProperty.call(VI, key)) return text.replace(key, VI[key]);
    for (const [re, vi] of PATTERNS) if (re.test(key)) return text.replace(key, key.replace(re, vi));
    return null;
  };
  const translate = (root) => {
    if (root.nodeType === Node.TEXT_NODE) {
      const vi = say(root.data);
      if (vi !== null && vi !== root.data) root.data = vi;
      return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    if (root.closest && root.closest(".nqa-own")) return; // our own markup is Vietnamese already
    for (const el of [root, ...root.querySelectorAll("*")]) {
      for (const a of ATTRS) {
        const v = el.getAttribute && el.getAttribute(a);
        if (v) {
          const vi = say(v);
          if (vi !== null && vi !== v) el.setAttribute(a, vi);
        }
      }
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const vi = say(n.data);
      if (vi !== null && vi !== n.data) n.data = vi;
    }
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "characterData") translate(r.target);
      else if (r.type === "attributes") translate(r.target);
      else r.addedNodes.forEach(translate);
    }
  });
  const start = () => {
    translate(document.body);
    observer.observe(document.body, {
      subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRS,
    });
  };
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
  window.nqaTranslate = translate;

  // ---------------------------------------------------------------- answers
  const openSource = (link) => {
    const card = document.getElementById(link.getAttribute("href").slice(1));
    if (!card) return;
    card.open = true;
    card.scrollIntoView({ block: "nearest" });
    card.classList.add("nqa-flash");
    setTimeout(() => card.classList.remove("nqa-flash"), 1600);
    const summary = card.querySelector("summary");
    if (summary) summary.focus({ preventScroll: true });
  };
  const copy = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (_) {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      const ok = document.execCommand("copy");
      area.remove();
      return ok;
    }
  };
  window.nqaLastCopy = "";
  const ask = (question) => {
    const box = document.querySelector("#nqa-question textarea");
    const send = document.querySelector("#nqa-send");
    if (!box || !send) return;
    box.value = question;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    setTimeout(() => send.click(), 0);
  };
  document.addEventListener("click", async (e) => {
    const ref = e.target.closest(".nqa-ref");
    if (ref) {
      e.preventDefault();
      openSource(ref);
      return;
    }
    const example = e.target.closest(".nqa-example");
    if (example) {
      e.preventDefault();
      ask(example.dataset.q);
      return;
    }
    const button = e.target.closest('[data-act="copy"]');
    if (button) {
      e.preventDefault();
      const turn = button.closest(".nqa-turn");
      const plain = turn && turn.querySelector(".nqa-plain");
      if (!plain) return;
      window.nqaLastCopy = plain.textContent;
      const ok = await copy(plain.textContent);
      const label = button.lastChild;
      const before = label.data;
      label.data = ok ? " Đã sao chép" : " Không sao chép được";
      setTimeout(() => { label.data = before; }, 2000);
    }
  });

  // Right after Enter: the question and a "finding the answer" line, in view.
  window.nqaPending = (question) => {
    const chat = document.querySelector("#nqa-chat .nqa-own");
    if (!chat || !question || !question.trim()) return;
    const turn = document.createElement("article");
    turn.className = "nqa-turn nqa-pending";
    const q = document.createElement("p");
    q.className = "nqa-q";
    q.textContent = question.trim();
    const a = document.createElement("p");
    a.className = "nqa-text";
    a.setAttribute("role", "status");
    a.innerHTML = '<span class="nqa-spinner" aria-hidden="true"></span>Đang tìm câu trả lời…';
    turn.append(q, a);
    const welcome = chat.querySelector(".nqa-welcome");
    if (welcome) welcome.remove();
    chat.appendChild(turn);
    turn.scrollIntoView({ block: "nearest" });
  };

  // After an answer arrives: its question at the top of the screen, the answer focused.
  window.nqaShow = (element) => {
    const box = element.querySelector("[data-focus]");
    const id = box && box.dataset.focus;
    if (!id) return;
    const turn = document.getElementById("nqa-t-" + id);
    if (!turn) return;
    turn.scrollIntoView({ block: "start" });
    const answer = turn.querySelector(".nqa-a");
    if (answer) answer.focus({ preventScroll: true });
  };
})();
