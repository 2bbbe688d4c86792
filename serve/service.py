"""The running product: the current Index and Bot of one corpus folder, and the operations the
web app offers on them (ask, search, browse, upload, delete, feedback, health).

The Index and Bot are swapped as a pair under a lock, and never changed in place: opening,
uploading and deleting all build the next index off to the side (re-using the live index's
parsed documents, tokens and vectors, so only a new document is embedded) while the live one
keeps answering, then swap it in. Uploads, deletes and rebuilds are serialized.
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bot.types import Answer
from corpus.listing import sidecars_of
from corpus.types import Document
from corpus.upload import duplicate_of, place_upload
from serve.conversations import Asked, Conversations
from serve.feedback import FILE_NAME, FeedbackStore

log = logging.getLogger("nqa.app")


_FORGOTTEN = (
    "Không còn câu trả lời mã '{}' (máy chủ đã khởi động lại hoặc câu trả lời quá cũ): hãy hỏi lại."
)


class ServiceError(ValueError):
    """A request the service refuses; the message (Vietnamese) says why and what to do."""


class Forbidden(ServiceError):
    """Admin operation without the right token, or with admin operations switched off."""


def corpus_folder() -> Path:
    """The app's corpus folder: NQA_CORPUS_DIR, else <data dir>/corpus."""
    from index.settings import data_dir

    env = os.environ.get("NQA_CORPUS_DIR", "").strip()
    return Path(env).expanduser() if env else data_dir() / "corpus"


def _default_open_index(corpus_dir: Path) -> Any:
    from index import open_index

    return open_index(corpus_dir, build=True)


def _default_update_index(corpus_dir: Path, live: Any) -> Any:
    """The index of the corpus folder as it is now, built from `live` (only changed files are
    parsed and embedded) and published atomically."""
    from index import build_index

    return build_index(corpus_dir, live.settings, previous=live)


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
        update_index: Callable[[Path, Any], Any] = _default_update_index,
        make_bot: Callable[[Any], Any] = _default_make_bot,
        feedback: FeedbackStore | None = None,
        admin_token: str | None = None,
        conversations: Conversations | None = None,
    ):
        from index.settings import data_dir

        self.corpus_dir = Path(corpus_dir)
        self._open_index = open_index
        self._update_index = update_index
        self._make_bot = make_bot
        self.feedback = feedback or FeedbackStore(data_dir() / FILE_NAME)
        self._admin_token = admin_token or ""
        self._index: Any = None
        self._bot: Any = None
        self._ref_lock = threading.Lock()  # guards the (index, bot) pair
        self._write_lock = threading.Lock()  # one upload / delete / rebuild at a time
        self._rebuilding = False
        self._error: str | None = None
        self._ready = threading.Event()
        self.conversations = conversations or Conversations()

    # ------------------------------------------------------------------ lifecycle

    def start(self, *, background: bool = False) -> Service:
        """Open (building if needed) the index of the corpus folder."""
        if background:
            threading.Thread(target=self.rebuild, name="nqa-index", daemon=True).start()
        else:
            self.rebuild()
        return self

    def rebuild(self) -> None:
        """Open (or build) the index of the corpus folder and swap it in."""
        with self._write_lock:
            self._build(lambda _live: self._open_index(self.corpus_dir), "opened")

    def _build(self, make: Callable[[Any], Any], what: str) -> Any:
        """Make the next index from the live one (None at start) off to the side, then swap it
        in with a fresh bot; the live pair answers until then. Caller holds _write_lock."""
        with self._ref_lock:
            live = self._index
        self._rebuilding = True
        started = time.perf_counter()
        try:
            index = make(live)
            bot = self._make_bot(index)
            _warm_up(index)
        except Exception as exc:
            if live is None:
                self._error = f"{type(exc).__name__}: {exc}"
            log.exception("index of %s could not be %s", self.corpus_dir, what)
            raise
        finally:
            self._rebuilding = False
        with self._ref_lock:
            self._index, self._bot = index, bot
        self._error = None
        self._ready.set()
        log.info(
            "index %s: %d documents, %d passages in %.1f s",
            what,
            len(index.corpus.documents),
            len(index.corpus.passages()),
            time.perf_counter() - started,
        )
        return index

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
        asked = self.conversations.remember(answer, parent, seconds)
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
        asked = self.conversations.recall(answer_id)
        if asked is None:
            raise ServiceError(_FORGOTTEN.format(answer_id))
        return asked

    def _history(self, parent: str) -> list[tuple[str, Answer]]:
        history = self.conversations.history(parent)
        if history is None:
            raise ServiceError(_FORGOTTEN.format(parent))
        return history

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
        return index.search(query, k, docs=docs or None, year=year, issuer=issuer or None)

    def documents(self) -> list[Document]:
        index, _ = self._current()
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
            live, _ = self._current()
            if twin := duplicate_of(Path(src), self.corpus_dir):
                titles = {d.meta.doc_id: d.meta.title for d in live.corpus.documents}
                title = titles.get(twin.stem, twin.name)
                raise ServiceError(f"Tệp này đã có trong kho: '{title}' (mã {twin.stem}).")
            taken = {d.meta.doc_id for d in live.corpus.documents}
            placed = place_upload(Path(src), name, self.corpus_dir, taken=taken)
            swapped = False
            try:
                index = self._build(self._next_index, "updated")
                swapped = True
                document = _find(index, placed.path.stem, name)
            except Exception:
                placed.remove()
                if swapped:  # the index saw the file: bring it back in line with the folder
                    self._build(self._next_index, "restored")
                raise
        log.info("added %s (%d passages) from %r", placed.path.name, len(document.passages), name)
        return document

    def _next_index(self, live: Any) -> Any:
        return self._update_index(self.corpus_dir, live)

    def delete(self, doc_id: str, token: str | None) -> Document:
        """Remove a document's file (and metadata sidecar) and its passages from the index."""
        self.authorize(token)
        with self._write_lock:
            document = self.document(doc_id)
            if len(self.documents()) == 1:
                raise ServiceError("Không thể xóa văn bản cuối cùng: kho phải còn ít nhất một.")
            path = self._file_of(document)
            if path is None:
                raise ServiceError(f"Tệp của văn bản '{doc_id}' không nằm trong thư mục kho.")
            # hidden names first: the rebuild no longer sees them, and a failure can put them back
            moved = []
            for file in [path, *sidecars_of(path)]:
                if file.exists():
                    hidden = file.with_name(f".deleting-{secrets.token_hex(4)}-{file.name}")
                    os.replace(file, hidden)
                    moved.append((file, hidden))
            try:
                self._build(self._next_index, "updated")
            except Exception:
                for file, hidden in moved:
                    os.replace(hidden, file)
                raise
            for _, hidden in moved:
                hidden.unlink(missing_ok=True)
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


def _find(index: Any, doc_id: str, name: str) -> Document:
    for d in index.corpus.documents:
        if d.meta.doc_id == doc_id:
            return d
    raise ServiceError(f"Không lập chỉ mục được tệp '{name}'. Kho tài liệu không thay đổi.")
