"""The running product: the operations the web app offers on the live index and bot of one
corpus folder (serve.holder.Live): ask, search, browse, upload, delete, feedback, health.

Uploads and deletes build the next index off to the side and swap it in (Live), one at a time;
a failed one puts the corpus folder back as it was.
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bot.types import Answer
from config import Config, current
from corpus.listing import sidecars_of
from corpus.types import Document
from corpus.upload import Limits, duplicate_of, place_upload
from errors import storage_error
from serve.conversations import Asked, Conversations
from serve.feedback import FILE_NAME, FeedbackStore, Ratings, open_feedback
from serve.holder import Forbidden, Live, ServiceError, _default_update_index
from serve.housekeeping import hidden_name

__all__ = ["Forbidden", "Service", "ServiceError", "corpus_folder"]

log = logging.getLogger("nqa.app")

_FORGOTTEN = (
    "Không còn câu trả lời mã '{}' (máy chủ đã khởi động lại hoặc câu trả lời quá cũ): hãy hỏi lại."
)
_BUSY = "Kho đang được lập chỉ mục lại sau khi khởi động; vui lòng thử lại sau ít phút."
MAX_SEARCH_CHARS = 500


def corpus_folder(config: Config | None = None) -> Path:
    """The app's corpus folder: NQA_CORPUS_DIR, else <data dir>/corpus."""
    return (config or current()).app_corpus


class Service(Live):
    def __init__(
        self,
        corpus_dir: Path,
        *,
        config: Config | None = None,
        open_index: Callable[[Path], Any] | None = None,
        update_index: Callable[[Path, Any], Any] = _default_update_index,
        make_bot: Callable[[Any], Any] | None = None,
        feedback: FeedbackStore | None = None,
        admin_token: str | None = None,
        conversations: Conversations | None = None,
        stored_index: Callable[[Path], tuple[Any, str | None]] | None = None,
        parse: Callable[[Path], Document] | None = None,
    ):
        super().__init__(
            corpus_dir,
            config=config,
            open_index=open_index,
            update_index=update_index,
            make_bot=make_bot,
            stored_index=stored_index,
        )
        self.limits = Limits.from_config(self.config)
        self._parse = parse  # of uploads; None: corpus.worker, bounded by self.limits
        self.feedback = feedback or open_feedback(self.config.data_dir / FILE_NAME)
        self.ratings = Ratings(self.feedback)
        token = self.config.admin_token if admin_token is None else admin_token
        self._admin_token = token or ""
        self.conversations = conversations or Conversations()

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
                str(question)[:200],
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

    def rate(self, answer_id: str, rating: str, comment: str = "", client: str = "") -> int:
        """Store 👍 ("up") or 👎 ("down") with an optional comment; returns the feedback id.
        One row per answer (rating it again changes that row); a client sending too many
        ratings or comments a minute is asked to wait (serve.feedback.Ratings)."""
        return self.ratings.rate(answer_id, self.recall(answer_id).answer, rating, comment, client)

    def comment(self, feedback_id: int, text: str, client: str = "") -> None:
        self.ratings.comment(feedback_id, text, client)

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
        if len(query) > MAX_SEARCH_CHARS:
            raise ServiceError(
                f"Từ khóa dài {len(query)} ký tự, tối đa {MAX_SEARCH_CHARS}: hãy rút gọn."
            )
        k = max(1, min(int(k), 50))
        index, _ = self._current()
        return index.search(query, k, docs=docs or None, year=year, issuer=issuer or None)

    def documents(self) -> list[Document]:
        index, _ = self._current()
        return list(index.corpus.documents)

    def unreadable(self) -> list[tuple[str, str]]:
        """(file name, reason) of every corpus file the live index could not read."""
        index, _ = self._current()
        return [(Path(e.path).name, e.reason) for e in index.corpus.errors]

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

    def _writing(self) -> None:
        """Refuse a change while the start-up rebuild runs (it can take minutes)."""
        if self._starting:
            raise ServiceError(_BUSY)

    def add_upload(self, src: Path, name: str, token: str | None) -> Document:
        """Place an uploaded file in the corpus folder and index it; searchable on return.
        Identical uploads at the same moment take turns: the first is added, the others are
        told it is already there."""
        self.authorize(token)
        self._writing()
        with self._write_lock, _writable(self.corpus_dir):
            live, _ = self._current()
            if Path(src).is_file() and (twin := duplicate_of(Path(src), self.corpus_dir)):
                titles = {d.meta.doc_id: d.meta.title for d in live.corpus.documents}
                title = titles.get(twin.stem, twin.name)
                raise ServiceError(f"Tệp này đã có trong kho: '{title}' (mã {twin.stem}).")
            taken = {d.meta.doc_id for d in live.corpus.documents}
            placed = place_upload(
                Path(src), name, self.corpus_dir, taken=taken, limits=self.limits, parse=self._parse
            )
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

    def delete(self, doc_id: str, token: str | None) -> Document:
        """Remove a document's file (and metadata sidecar) and its passages from the index.
        The files are hidden first and removed once the index without them is live; if the
        process dies in between, the next start finishes or undoes it (serve.housekeeping)."""
        self.authorize(token)
        self._writing()
        with self._write_lock, _writable(self.corpus_dir):
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
                    hidden = hidden_name(file, secrets.token_hex(4))
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


@contextmanager
def _writable(folder: Path) -> Iterator[None]:
    """A write the machine refuses (read-only, full) as a refusal that says so."""
    try:
        yield
    except OSError as exc:
        if storage_error(exc) is None:
            raise
        log.error("corpus change refused by the file system: %s", exc)
        raise ServiceError(
            f"Không ghi được vào thư mục dữ liệu ({exc.strerror or exc}): thư mục chỉ đọc hoặc "
            "đã đầy. Kho tài liệu không thay đổi; hãy báo quản trị viên máy chủ."
        ) from exc


def _find(index: Any, doc_id: str, name: str) -> Document:
    for d in index.corpus.documents:
        if d.meta.doc_id == doc_id:
            return d
    raise ServiceError(f"Không lập chỉ mục được tệp '{name}'. Kho tài liệu không thay đổi.")
