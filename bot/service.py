"""The running product: the current Index and Bot of one corpus folder, and the operations the
web app offers on them (ask, search, browse, upload, delete, feedback, health).

The Index and Bot are swapped as a pair under a lock. A rebuild makes a new index off to the
side while the old one keeps answering; uploads and deletes are serialized, and readers never
see an index in the middle of a change (a readers-writer lock around in-place updates).
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.feedback import FILE_NAME, FeedbackStore
from bot.rwlock import RWLock
from bot.types import Answer
from corpus.types import Document
from corpus.upload import place_upload

log = logging.getLogger("nqa.app")

MAX_REMEMBERED = 5000  # answers kept for follow-ups and feedback by id
MAX_HISTORY = 4  # previous turns passed to the bot
SIDECARS = (".meta.yaml", ".meta.yml", ".yaml", ".yml")  # metadata files beside a document


class ServiceError(ValueError):
    """A request the service refuses; the message (Vietnamese) says why and what to do."""


class Forbidden(ServiceError):
    """Admin operation without the right token, or with admin operations switched off."""


def corpus_folder() -> Path:
    """The app's corpus folder: NQA_CORPUS_DIR, else <data dir>/corpus."""
    from index.settings import data_dir

    env = os.environ.get("NQA_CORPUS_DIR", "").strip()
    return Path(env).expanduser() if env else data_dir() / "corpus"


@dataclass(frozen=True, slots=True)
class Asked:
    id: str
    answer: Answer
    parent: str | None
    seconds: float


def _default_open_index(corpus_dir: Path) -> Any:
    from index import open_index

    return open_index(corpus_dir, build=True)


def _default_make_bot(index: Any) -> Any:
    from bot import Bot
    from bot.generate import from_env

    return Bot(index, generator=from_env())


def _warm_up(index: Any) -> None:
    """Load the query model now rather than on the first visitor's question."""
    try:
        index.search("nghị quyết", 1)
    except Exception as exc:  # an empty corpus, say: the first real question will tell
        log.warning("warm-up search failed: %s", exc)


class Service:
    def __init__(
        self,
        corpus_dir: Path,
        *,
        open_index: Callable[[Path], Any] = _default_open_index,
        make_bot: Callable[[Any], Any] = _default_make_bot,
        feedback: FeedbackStore | None = None,
        admin_token: str | None = None,
    ):
        from index.settings import data_dir

        self.corpus_dir = Path(corpus_dir)
        self._open_index = open_index
        self._make_bot = make_bot
        self.feedback = feedback or FeedbackStore(data_dir() / FILE_NAME)
        self._admin_token = admin_token or ""
        self._index: Any = None
        self._bot: Any = None
        self._ref_lock = threading.Lock()  # guards the (index, bot) pair
        self._rw = RWLock()  # in-place index updates vs. readers
        self._write_lock = threading.Lock()  # one upload / delete / rebuild at a time
        self._rebuilding = False
        self._error: str | None = None
        self._ready = threading.Event()
        self._asked: OrderedDict[str, Asked] = OrderedDict()
        self._asked_lock = threading.Lock()

    # ------------------------------------------------------------------ lifecycle

    def start(self, *, background: bool = False) -> Service:
        """Open (building if needed) the index of the corpus folder."""
        if background:
            threading.Thread(target=self.rebuild, name="nqa-index", daemon=True).start()
        else:
            self.rebuild()
        return self

    def rebuild(self) -> None:
        """Open or build the index off to the side and swap it in; the old one serves meanwhile."""
        with self._write_lock:
            self._rebuilding = True
            started = time.perf_counter()
            try:
                index = self._open_index(self.corpus_dir)
                bot = self._make_bot(index)
                _warm_up(index)
            except Exception as exc:
                self._error = f"{type(exc).__name__}: {exc}"
                log.exception("index of %s could not be opened", self.corpus_dir)
                raise
            finally:
                self._rebuilding = False
            with self._ref_lock:
                self._index, self._bot = index, bot
            self._error = None
            self._ready.set()
            log.info(
                "index ready: %d documents, %d passages in %.1f s",
                len(index.corpus.documents),
                len(index.corpus.passages()),
                time.perf_counter() - started,
            )

    def wait_ready(self, timeout: float | None = None) -> bool:
        return self._ready.wait(timeout)

    def _current(self) -> tuple[Any, Any]:
        with self._ref_lock:
            index, bot = self._index, self._bot
        if index is None:
            if self._error:
                raise ServiceError(f"Chỉ mục không mở được ({self._error}). Xem nhật ký máy chủ.")
            raise ServiceError("Chỉ mục đang được xây dựng, vui lòng thử lại sau ít phút.")
        return index, bot

    def health(self) -> dict:
        """{"status": "ok", "index": "ready" | "rebuilding", "documents": N, "passages": M}"""
        with self._ref_lock:
            index = self._index
        status = "rebuilding" if self._rebuilding or index is None else "ready"
        if index is None and self._error:
            status = "error"
        out: dict[str, Any] = {"status": "ok" if index is not None else status, "index": status}
        if index is not None:
            with self._rw.read():
                out["documents"] = len(index.corpus.documents)
                out["passages"] = len(index.corpus.passages())
        else:
            out["documents"] = out["passages"] = 0
        if self._error:
            out["error"] = self._error
        return out

    # ------------------------------------------------------------------ questions

    def ask(self, question: str, parent: str | None = None) -> Asked:
        """Answer `question`, as a follow-up of the remembered answer `parent` if given.
        Raises bot.types.QuestionError for a question that cannot be asked."""
        history = self._history(parent) if parent else []
        _, bot = self._current()
        started = time.perf_counter()
        try:
            with self._rw.read():
                answer = bot.ask(question, history=history)
        except Exception as exc:
            log.info(
                "ask %.0f ms error=%s q=%r",
                (time.perf_counter() - started) * 1000,
                type(exc).__name__,
                question[:200],
            )
            raise
        seconds = time.perf_counter() - started
        asked = Asked(secrets.token_hex(8), answer, parent, seconds)
        with self._asked_lock:
            self._asked[asked.id] = asked
            while len(self._asked) > MAX_REMEMBERED:
                self._asked.popitem(last=False)
        log.info(
            "ask %.0f ms abstained=%s citations=%d confidence=%.2f followup=%s q=%r",
            seconds * 1000,
            answer.abstained,
            len(answer.citations),
            answer.confidence,
            bool(history),
            question[:200],
        )
        return asked

    def recall(self, answer_id: str) -> Asked:
        with self._asked_lock:
            asked = self._asked.get(answer_id)
        if asked is None:
            raise ServiceError(
                f"Không còn câu trả lời mã '{answer_id}' (máy chủ đã khởi động lại hoặc câu trả "
                "lời quá cũ): hãy hỏi lại."
            )
        return asked

    def _history(self, parent: str) -> list[tuple[str, Answer]]:
        turns: list[tuple[str, Answer]] = []
        node: str | None = parent
        while node and len(turns) < MAX_HISTORY:
            asked = self.recall(node)
            turns.append((asked.answer.question, asked.answer))
            node = asked.parent
        return turns[::-1]

    def rate(self, answer_id: str, rating: str, comment: str = "") -> int:
        """Store 👍 ("up") or 👎 ("down") with an optional comment; returns the feedback id."""
        return self.feedback.add(self.recall(answer_id).answer, rating, comment)

    # ------------------------------------------------------------------ staff

    def search(
        self,
        query: str,
        k: int = 10,
        *,
        docs: Sequence[str] | None = None,
        year: int | None = None,
        issuer: str | None = None,
    ) -> list:
        query = (query or "").strip()
        if not query:
            raise ServiceError("Hãy nhập từ khóa cần tìm.")
        if len(query) > 500:
            raise ServiceError(f"Từ khóa dài {len(query)} ký tự, tối đa 500: hãy rút gọn.")
        k = max(1, min(int(k), 50))
        index, _ = self._current()
        with self._rw.read():
            return index.search(query, k, docs=docs or None, year=year, issuer=issuer or None)

    def documents(self) -> list[Document]:
        index, _ = self._current()
        with self._rw.read():
            return list(index.corpus.documents)

    def document(self, doc_id: str) -> Document:
        for d in self.documents():
            if d.meta.doc_id == doc_id:
                return d
        raise ServiceError(f"Không có văn bản mã '{doc_id}' trong kho.")

    @property
    def admin_enabled(self) -> bool:
        return bool(self._admin_token)

    def authorize(self, token: str | None) -> None:
        if not self._admin_token:
            raise Forbidden("Chức năng quản trị đang tắt: đặt biến môi trường NQA_ADMIN_TOKEN.")
        if not hmac.compare_digest((token or "").encode(), self._admin_token.encode()):
            raise Forbidden("Mã quản trị không đúng.")

    def add_upload(self, src: Path, name: str, token: str | None) -> Document:
        """Place an uploaded file in the corpus folder and index it; searchable on return."""
        self.authorize(token)
        with self._write_lock:
            index, _ = self._current()
            taken = {d.meta.doc_id for d in index.corpus.documents}
            placed = place_upload(Path(src), name, self.corpus_dir, taken=taken)
            fingerprint = placed.document.meta.fingerprint
            for d in index.corpus.documents:
                if fingerprint and d.meta.fingerprint == fingerprint:
                    placed.path.unlink(missing_ok=True)
                    raise ServiceError(
                        f"Tệp này đã có trong kho: '{d.meta.title}' (mã {d.meta.doc_id})."
                    )
            self._rebuilding = True
            try:
                with self._rw.write():
                    document = index.add_document(placed.path)
            except Exception:
                placed.path.unlink(missing_ok=True)
                log.exception("indexing %s failed", placed.path.name)
                raise
            finally:
                self._rebuilding = False
        log.info("added %s (%d passages) from %r", placed.path.name, len(document.passages), name)
        return document

    def delete(self, doc_id: str, token: str | None) -> Document:
        """Remove a document from the index, then its file from the corpus folder."""
        self.authorize(token)
        with self._write_lock:
            document = self.document(doc_id)
            path = self._file_of(document)
            index, _ = self._current()
            self._rebuilding = True
            try:
                with self._rw.write():
                    index.remove_document(doc_id)
            finally:
                self._rebuilding = False
            if path is not None:
                path.unlink(missing_ok=True)
                for suffix in SIDECARS:
                    path.with_name(path.stem + suffix).unlink(missing_ok=True)
        log.info("deleted %s", doc_id)
        return document

    def _file_of(self, document: Document) -> Path | None:
        """The document's file, only if it lies directly in the corpus folder."""
        raw = document.meta.path
        if not raw:
            return None
        path = Path(raw)
        if not path.is_absolute():
            path = self.corpus_dir / path
        folder = self.corpus_dir.resolve()
        resolved = path.resolve()
        return resolved if resolved.parent == folder else None
