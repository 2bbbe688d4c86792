"""Optional answer generation through an OpenAI-compatible chat endpoint (vLLM, Ollama, a cloud API).

The model sees numbered passages and must cite them as [n]. What it writes is not trusted:
`check_citations` keeps only sentences that cite a passage it was given and whose figures all
appear in the passages they cite. Any failure returns None, and the bot answers extractively.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from config import Config, current

log = logging.getLogger(__name__)

NOT_FOUND = "Không tìm thấy thông tin này trong các văn bản hiện có"

SYSTEM_PROMPT = (
    "Bạn là trợ lý hỏi đáp về các văn bản nghị quyết, luật của Việt Nam. "
    "Chỉ trả lời dựa trên các đoạn văn bản được đánh số bên dưới, không dùng kiến thức bên ngoài. "
    "Trả lời ngắn gọn, bằng tiếng Việt. "
    "Mỗi câu trả lời phải ghi nguồn bằng số thứ tự đoạn trong ngoặc vuông, ví dụ [1] hoặc [1][2], "
    "đặt ở cuối câu. Chỉ nêu các con số có trong đoạn được trích dẫn, giữ nguyên cách viết. "
    f'Nếu các đoạn không trả lời được câu hỏi, chỉ trả lời: "{NOT_FOUND}".'
)

Passages = Sequence[tuple[int, str, str]]  # (n, header "doc title › section path", text)


@dataclass(frozen=True, slots=True)
class Generated:
    """What survived checking."""

    text: str  # answer text with [n] markers, only supported sentences
    cited: tuple[int, ...]  # passage numbers (1-based) actually cited
    dropped: tuple[str, ...]  # sentences removed as unsupported (for logs / flags)


class Generator(Protocol):
    def generate(self, question: str, passages: Passages) -> Generated | None:
        """A checked answer, or None on any failure (error, timeout, malformed, nothing supported)."""
        ...


# ---------------------------------------------------------------- checking (pure)

# [1]  [1, 2]  [1][2]  [đoạn 3]  [1-2] is read as 1 and 2, never as a range
_MARKER = re.compile(r"\[\s*(?:đoạn\s*)?(\d+(?:\s*[,;\-–]\s*(?:đoạn\s*)?\d+)*)\s*\]", re.IGNORECASE)
_LEADING_MARKERS = re.compile(rf"^(?:{_MARKER.pattern}\s*)+", re.IGNORECASE)
# a sentence ends at . ! ? … (perhaps closed by a quote, bracket or bold) before a space ...
_SENTENCE_END = re.compile(r"[.!?…][\"”’)*]*[ \t]+")
# ... unless the period closes a list number, "Điều 2." or an abbreviation
_NOT_AN_END = re.compile(
    r"(?:^\s*(?:[-*•+]\s*)?(?:\d{1,2}|[a-zđ]|[IVXL]+)\.|"
    r"\b(?:Điều|Khoản|Mục|Chương|Phần)\s+[\dIVXL]+[a-zđ]?\.|\b(?:TP|Tp|TS|ThS|PGS|GS|BS)\.)$",
    re.IGNORECASE,
)
_LIST_PREFIX = re.compile(r"^\s*(?:[-*•+]\s+|\d{1,2}[.)]\s+|[a-zđ][.)]\s+|[IVXL]+\.\s+)+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_THINK = re.compile(r"<think>.*?(?:</think>|\Z)", re.DOTALL | re.IGNORECASE)


def check_citations(text: str, passages: Passages) -> Generated:
    """Keep the sentences of `text` that cite a given passage and whose figures all appear
    in the passages they cite; drop the rest. Citations of passages not given are removed."""
    given = {n: f"{header}\n{body}" for n, header, body in passages}
    figures = {n: _figures(t) for n, t in given.items()}
    kept: list[tuple[str, str]] = []  # (sentence, separator after it)
    cited: set[int] = set()
    dropped: list[str] = []
    for sentence, sep in _sentences(_THINK.sub("", text)):
        numbers = {int(x) for m in _MARKER.finditer(sentence) for x in re.findall(r"\d+", m[1])}
        valid = numbers & given.keys()
        if not valid:
            dropped.append(sentence)
            continue
        claim = _LIST_PREFIX.sub("", _MARKER.sub(" ", sentence))
        supported = set().union(*(figures[n] for n in valid))
        if not _figures(claim) <= supported:
            dropped.append(sentence)
            continue
        kept.append((_rewrite_markers(sentence, given.keys()), sep))
        cited |= valid
    out = "".join(s + sep for s, sep in kept).strip()
    return Generated(text=out, cited=tuple(sorted(cited)), dropped=tuple(dropped))


def _sentences(text: str) -> list[tuple[str, str]]:
    """Split into (sentence, separator) pairs. A marker right after a sentence end
    ("... 8,5%. [1] Thu ...") belongs to the sentence before it."""
    out: list[tuple[str, str]] = []
    for line in text.splitlines():
        if not line.strip():
            if out:
                out[-1] = (out[-1][0], "\n\n")
            continue
        for piece in _split_line(line.strip()):
            lead = _LEADING_MARKERS.match(piece)
            if lead and out and out[-1][1] == " ":
                out[-1] = (f"{out[-1][0]} {lead[0].strip()}", " ")
                piece = piece[lead.end() :]
            if _has_words(piece):
                out.append((piece.strip(), " "))
            elif piece.strip() and out:  # stray markers or punctuation close the sentence before
                out[-1] = (f"{out[-1][0]} {piece.strip()}", " ")
        if out:
            out[-1] = (out[-1][0], "\n")
    return out


def _split_line(line: str) -> list[str]:
    pieces, start = [], 0
    for m in _SENTENCE_END.finditer(line):
        if not _NOT_AN_END.search(line[start : m.start() + 1]):
            pieces.append(line[start : m.end()].strip())
            start = m.end()
    return [*pieces, line[start:].strip()]


def _has_words(piece: str) -> bool:
    return any(ch.isalnum() for ch in _MARKER.sub("", piece))


def _rewrite_markers(sentence: str, given) -> str:
    """Keep only markers of given passages, one [n] per passage: "[1, 7]" -> "[1]", "[7]" -> ""."""

    def repl(m: re.Match) -> str:
        ns = [int(x) for x in re.findall(r"\d+", m[1])]
        return "".join(f"[{n}]" for n in dict.fromkeys(ns) if n in given)

    out = _MARKER.sub(repl, sentence)
    return re.sub(r"[ \t]+([.,;:!?…])", r"\1", re.sub(r"[ \t]{2,}", " ", out)).strip()


def _figures(text: str) -> set[tuple[str, str]]:
    return {_canonical(m[0]) for m in _NUMBER.finditer(text)}


def _canonical(number: str) -> tuple[str, str]:
    """(integer part, decimal part) in Vietnamese notation, where "." groups thousands and ","
    marks decimals: "20.000" -> ("20000", ""), "8,5" -> ("8", "5"), "01" -> ("1", "").
    A dot not followed by exactly three digits can only be a decimal point ("8.5" -> ("8", "5"))."""
    integer, _, decimal = number.partition(",")
    groups = integer.split(".")
    if "," not in number and len(groups) == 2 and len(groups[1]) != 3:
        integer, decimal = groups
    else:
        integer = "".join(groups)
    return integer.lstrip("0") or "0", decimal.replace(",", "")


# ---------------------------------------------------------------- the HTTP client


def build_messages(question: str, passages: Passages) -> list[dict[str, str]]:
    blocks = "\n\n".join(f"[{n}] {header}\n{text}" for n, header, text in passages)
    user = f"Các đoạn văn bản:\n\n{blocks}\n\nCâu hỏi: {question}"
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


class OpenAIChatGenerator:
    """A `Generator` over POST {url}/chat/completions, standard library only."""

    def __init__(
        self, url: str, model: str, api_key: str | None = None, timeout: float = 20.0
    ) -> None:
        url = url.rstrip("/")
        self.endpoint = url if url.endswith("/chat/completions") else f"{url}/chat/completions"
        self.model = model
        self.api_key = api_key
        self.timeout = timeout

    def __repr__(self) -> str:  # never show the key
        return (
            f"OpenAIChatGenerator({self.endpoint!r}, model={self.model!r}, timeout={self.timeout})"
        )

    def generate(self, question: str, passages: Passages) -> Generated | None:
        if not passages:
            return None
        try:
            content = self._complete(build_messages(question, passages))
        except Exception as exc:  # the bot must answer anyway: any failure means extractive
            log.warning(
                "LLM generation failed (%s: %s); answering extractively", type(exc).__name__, exc
            )
            return None
        result = check_citations(content, passages)
        for sentence in result.dropped:
            log.info("LLM sentence dropped as unsupported: %r", sentence)
        if not result.text and NOT_FOUND.casefold() in content.casefold():
            log.info("LLM found no answer in the passages; answering extractively")
            return None
        if not result.text:
            log.warning(
                "LLM answer had no supported sentence (%d dropped); answering extractively",
                len(result.dropped),
            )
            return None
        return result

    def _complete(self, messages: list[dict[str, str]]) -> str:
        body = {"model": self.model, "messages": messages, "temperature": 0, "stream": False}
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(
            self.endpoint, data=json.dumps(body).encode(), headers=headers, method="POST"
        )
        deadline = time.monotonic() + self.timeout
        # urllib's timeout bounds each socket operation; the deadline bounds the whole read
        try:
            with _opener(self.endpoint).open(request, timeout=self.timeout) as response:
                chunks = []
                while chunk := response.read1(65536):
                    chunks.append(chunk)
                    if time.monotonic() > deadline:
                        raise TimeoutError(f"no complete answer within {self.timeout:g} s")
        except urllib.error.HTTPError as exc:  # say what the server said, not just the status
            detail = exc.read(300).decode("utf-8", "replace").strip()
            raise RuntimeError(f"HTTP {exc.code} from {self.endpoint}: {detail}") from None
        data = json.loads(b"".join(chunks))
        try:
            content = data["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise ValueError(
                f"no choices[0].message.content in the reply: {str(data)[:200]}"
            ) from None
        if not isinstance(content, str) or not content.strip():
            raise ValueError("the reply's message content is empty")
        return content


def _opener(url: str) -> urllib.request.OpenerDirector:
    """A local server (Ollama, vLLM on this machine) is reached directly, never through a proxy."""
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        local = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    return urllib.request.build_opener(urllib.request.ProxyHandler({} if local else None))


def from_config(config: Config | None = None) -> OpenAIChatGenerator | None:
    """The generator the configuration names (NQA_LLM_URL, NQA_LLM_MODEL, NQA_LLM_API_KEY,
    NQA_LLM_TIMEOUT, validated by config.Config.from_env); None (extractive answers only) when
    no URL is set. Default: the installed configuration."""
    config = config or current()
    if not config.llm_url or not config.llm_model:
        return None
    return OpenAIChatGenerator(
        config.llm_url, config.llm_model, api_key=config.llm_api_key, timeout=config.llm_timeout
    )
