"""serve.service.Service over the shared database: one of several replicas.

It opens its index from the database (nothing is embedded when the vectors are there), writes
an upload or a delete in one transaction, and then, like every other replica that hears of
it, loads just the documents that changed and swaps the next index in as the Service always
does. While the database cannot be reached it answers from memory and its health says so;
uploads and deletes are refused until the database is back.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import tempfile
import threading
from pathlib import Path
from typing import Any

from config import Config, current
from corpus.types import Document
from corpus.upload import place_upload
from index.build import _model_record
from index.settings import Settings
from index.types import Embedder
from pgstore.conversations import PgConversations
from pgstore.db import StoreError, redact
from pgstore.dense import dense_mode
from pgstore.documents import prepare
from pgstore.feedback import PgFeedbackStore
from pgstore.follow import POLL_SECONDS, Follower
from pgstore.replica import index_version, next_index, open_index
from pgstore.repository import Repository
from serve.service import Service, ServiceError, _find

log = logging.getLogger("nqa.app")

_UNREACHABLE = (
    "Không ghi được vào cơ sở dữ liệu ({}): kho văn bản chưa thay đổi, vui lòng thử lại sau."
)


def replica_name() -> str:
    """NQA_REPLICA, else host name and process id: recorded with feedback and in the logs."""
    return current().replica or f"{socket.gethostname()}-{os.getpid()}"


class SharedService(Service):
    def __init__(
        self,
        url: str,
        *,
        replica: str | None = None,
        settings: Settings | None = None,
        embedder: Embedder | None = None,
        make_bot=None,
        admin_token: str | None = None,
        dense: str | None = None,
        poll: float = POLL_SECONDS,
        config: Config | None = None,
    ):
        replica = replica or replica_name()
        self.repo = Repository(url, replica)
        self._settings = settings or Settings()
        self._query_embedder = embedder
        self._dense = dense or dense_mode()
        self.follower = Follower(self.repo, self._on_version, poll)
        super().__init__(
            Path(redact(url)),
            open_index=self._open,
            update_index=lambda _folder, live: _warmed(next_index(self.repo, live)),
            make_bot=make_bot,
            feedback=PgFeedbackStore(url, replica),
            conversations=PgConversations(url, replica, on_error=self.follower.failed),
            admin_token=admin_token,
            config=config,
        )

    def _open(self, _folder: Path) -> Any:
        index = open_index(self.repo, self._settings, self._query_embedder, dense=self._dense)
        return _warmed(index)

    def start(
        self, *, background: bool = False, serving: threading.Event | None = None
    ) -> SharedService:
        """As Service.start (app.py passes `serving`), then follow the database."""
        super().start(background=background, serving=serving)
        self.follower.start()
        return self

    def stop(self) -> None:
        self.follower.stop()

    # ------------------------------------------------------------------ following

    def _on_version(self, version: int) -> None:
        with self._ref_lock:
            live = self._index
        if live is None or version <= index_version(live):
            return
        with self._write_lock:
            with self._ref_lock:
                live = self._index
            if version > index_version(live):
                self._build(self._next_index, "followed")

    def health(self) -> dict:
        out = super().health()
        with self._ref_lock:
            index = self._index
        out["replica"] = self.repo.replica
        out["database"] = "ok" if self.follower.connected else "unreachable"
        if not self.follower.connected:
            out["database_error"] = self.follower.error
            if out["status"] == "ok":
                out["status"] = "degraded"  # still answering, from memory
        out["corpus_version"] = index_version(index) if index is not None else None
        out["database_version"] = self.follower.seen
        return out

    # ------------------------------------------------------------------ staff

    def add_upload(self, src: Path, name: str, token: str | None) -> Document:
        """Check and parse the upload, embed what the database lacks, store it in one
        transaction; searchable here on return, on the other replicas once they hear of it."""
        self.authorize(token)
        src = Path(src)
        with self._write_lock:
            live, _ = self._current()
            try:
                twin = self.repo.duplicate(hashlib.sha256(src.read_bytes()).hexdigest())
                if twin:
                    raise ServiceError(f"Tệp này đã có trong kho: '{twin[1]}' (mã {twin[0]}).")
                with tempfile.TemporaryDirectory(prefix="nqa-upload-") as folder:
                    taken = self.repo.doc_ids()
                    placed = place_upload(src, name, Path(folder), taken=taken, limits=self.limits)
                    prepared = self._prepare(placed.path, live)
                model = _model_record(self._settings, self._query_embedder)
                self.repo.put(prepared, model, replace=False)
            except _taken() as exc:  # another replica chose the same name at the same moment
                raise ServiceError("Một văn bản cùng tên vừa được thêm: hãy tải lên lại.") from exc
            except StoreError as exc:
                self.follower.failed(exc)
                raise ServiceError(_UNREACHABLE.format(exc)) from exc
            except _db_errors() as exc:
                self.follower.failed(exc)
                raise ServiceError(_UNREACHABLE.format(type(exc).__name__)) from exc
            index = self._build(self._next_index, "updated")
        document = _find(index, placed.path.stem, name)
        count = len(document.passages)
        log.info("added %s (%d passages) from %r", document.meta.doc_id, count, name)
        return document

    def _prepare(self, path: Path, live: Any) -> list:
        from corpus.worker import parse_bounded
        from index.build import read_options

        try:  # parsed in time once already (place_upload): the same bound again
            document = parse_bounded(path, self.limits.parse_seconds, read_options(self._settings))
        except Exception as exc:
            raise ServiceError(f"Không đọc được tệp '{path.name}': {exc}") from exc
        prepared, _ = prepare([(document, path)], lambda: live.embedder, self.repo.vectors_for)
        return prepared

    def delete(self, doc_id: str, token: str | None) -> Document:
        """Remove a document and its passages from the database (one transaction)."""
        self.authorize(token)
        with self._write_lock:
            document = self.document(doc_id)
            if len(self.documents()) == 1:
                raise ServiceError("Không thể xóa văn bản cuối cùng: kho phải còn ít nhất một.")
            try:
                self.repo.delete(doc_id)
            except StoreError as exc:
                self.follower.failed(exc)
                raise ServiceError(_UNREACHABLE.format(exc)) from exc
            except _db_errors() as exc:
                self.follower.failed(exc)
                raise ServiceError(_UNREACHABLE.format(type(exc).__name__)) from exc
            self._build(self._next_index, "updated")
        log.info("deleted %s", doc_id)
        return document


WARM_UP_QUESTION = "Nghị quyết này có hiệu lực từ ngày nào?"


def _warmed(index: Any) -> Any:
    """The index with its query model, diacritic restorer and speller made where it is built
    (the builder thread, below the answers' priority), not when it is swapped in."""
    try:
        index.search(WARM_UP_QUESTION, 1)
    except Exception as exc:  # an empty corpus, say: the first real question will tell
        log.warning("warm-up search failed: %s", exc)
    return index


def _taken() -> type[BaseException]:
    from psycopg.errors import UniqueViolation

    return UniqueViolation


def _db_errors() -> tuple[type[BaseException], ...]:
    import psycopg

    return (psycopg.Error,)


def from_config(config: Config) -> SharedService:
    """The app's service when NQA_DATABASE_URL is set (NQA_DB_POLL_SECONDS: the fallback poll)."""
    return SharedService(
        config.database_url,
        replica=config.replica,
        settings=Settings.from_config(config),
        admin_token=config.admin_token,
        dense=config.dense,
        poll=config.db_poll_seconds,
        config=config,
    )
