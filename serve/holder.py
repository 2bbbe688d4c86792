"""The live (index, bot) pair of one corpus folder, never changed in place: opening, uploading
and deleting build the next index off to the side (re-using the live index's parsed documents,
tokens and vectors, so only a new document is embedded) while the live one keeps answering,
then swap it in under a lock. Rebuilds are serialized.

At start the last good index on disk (checked file by file) is served at once and the rebuild
it may need runs behind it; with `start(background=True)` both happen in a thread, so the app
opens its port first. What interrupted uploads and deletes left is cleaned up before that.
serve.service.Service adds the operations of the app on top.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from config import Config, current
from errors import RequestError
from serve.housekeeping import tidy_corpus

log = logging.getLogger("nqa.app")


class ServiceError(RequestError):
    """A request the service refuses; the message (Vietnamese) says why and what to do."""


class Forbidden(ServiceError):
    """Admin operation without the right token, or with admin operations switched off."""


def _default_update_index(corpus_dir: Path, live: Any) -> Any:
    """The index of the corpus folder as it is now, built from `live` (only changed files are
    parsed and embedded) and published atomically."""
    from index import build_index

    return build_index(corpus_dir, live.settings, previous=live)


def _yield_cpu() -> None:
    """Lower this thread's priority (Linux: each thread has its own nice value), so building
    an index (at start, for an upload or a delete) leaves the CPU to the answers."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    except (AttributeError, OSError):
        pass


def _warm_up(index: Any, bot: Any = None) -> None:
    """Load the query model and what the bot derives from the index now, rather than on the
    first visitor's question."""
    try:
        index.search("nghị quyết", 1)
        if bot is not None and hasattr(bot, "warm_up"):
            bot.warm_up()
    except Exception as exc:  # an empty corpus, say: the first real question will tell
        log.warning("warm-up failed: %s", exc)


class Live:
    """The index and bot the app answers with, and how they are opened and replaced."""

    def __init__(
        self,
        corpus_dir: Path,
        *,
        config: Config | None = None,
        open_index: Callable[[Path], Any] | None = None,
        update_index: Callable[[Path, Any], Any] = _default_update_index,
        make_bot: Callable[[Any], Any] | None = None,
        stored_index: Callable[[Path], tuple[Any, str | None]] | None = None,
    ):
        from index.settings import Settings

        self.config = config or current()
        self.settings = Settings.from_config(self.config)
        self.corpus_dir = Path(corpus_dir)
        # the index on disk as it is, served at once at start (a test's fake opener has none)
        self._stored_index = stored_index or (self._stored if open_index is None else None)
        self._open_index = open_index or self._open
        self._update_index = update_index
        self._make_bot = make_bot or self._bot_of
        self._index: Any = None
        self._bot: Any = None
        self._ref_lock = threading.Lock()  # guards the (index, bot) pair
        self._write_lock = threading.Lock()  # one upload / delete / rebuild at a time
        self._rebuilding = False
        self._starting = False
        self._error: str | None = None
        self._ready = threading.Event()
        self._builder = ThreadPoolExecutor(1, "nqa-build", initializer=_yield_cpu)

    def _open(self, corpus_dir: Path) -> Any:
        from index import open_index

        return open_index(corpus_dir, self.settings, build=True)

    def _stored(self, corpus_dir: Path) -> tuple[Any, str | None]:
        from index.build import stored_index

        return stored_index(corpus_dir, self.settings)

    def _bot_of(self, index: Any) -> Any:
        from bot import Bot
        from bot.generate import from_config

        return Bot(index, generator=from_config(self.config))

    def start(self, *, background: bool = False, serving: threading.Event | None = None) -> Live:
        """Serve the last good index of the corpus folder, then build what it lacks; with
        `background` both run in a thread and this returns at once (health: "rebuilding").
        `serving` is set by the caller once its port is open: a rebuild behind a served index
        waits for it (a minute at most), then runs at a lower priority than the answers."""
        self._tidy()
        if background:
            self._starting = True
            thread = threading.Thread(target=self._start, args=(True, serving), daemon=True)
            thread.name = "nqa-index"
            thread.start()
        else:
            self._start(quiet=False)
        return self

    def _start(self, quiet: bool = True, serving: threading.Event | None = None) -> None:
        try:
            with self._write_lock:
                if self._serve_stored():
                    return
                if quiet and self._index is not None:  # an out-of-date index answers meanwhile
                    if serving is not None:
                        serving.wait(60)
                    _yield_cpu()
                self._build(lambda _live: self._open_index(self.corpus_dir), "opened")
        except Exception:
            if not quiet:
                raise  # logged by _build; in the background the health check reports it
        finally:
            self._starting = False

    def _serve_stored(self) -> bool:
        """Swap in the index stored on disk if it is sound; True when it is also up to date.
        An index that is only out of date answers while its successor is built."""
        if self._stored_index is None:
            return False
        started = time.perf_counter()
        try:
            index, reason = self._stored_index(self.corpus_dir)
        except Exception:
            log.exception("stored index of %s could not be read", self.corpus_dir)
            return False
        if index is None or not (reason is None or reason.startswith("out of date")):
            log.info("index of %s is %s: building it", self.corpus_dir, reason)
            return False
        self._swap(index, self._make_bot(index))
        log.info(
            "index loaded in %.1f s (%d documents)%s",
            time.perf_counter() - started,
            len(index.corpus.documents),
            "" if reason is None else f"; it is {reason}: building the next one",
        )
        return reason is None

    def _tidy(self) -> None:
        """What interrupted uploads and deletes left in the corpus folder (file store only)."""
        if self._stored_index is None:
            return
        try:
            tidy_corpus(self.corpus_dir, self._indexed_files())
        except OSError as exc:
            log.warning("could not tidy %s: %s", self.corpus_dir, exc)

    def _indexed_files(self) -> set[str] | None:
        """File names the stored index was built from; None when it cannot be read."""
        from index import store

        try:
            build = store.current_build(store.index_home(self.corpus_dir, self.settings.data_dir))
            files = store.read_manifest(build).get("files") if build else None
        except Exception:
            return None
        return set(files) if isinstance(files, dict) else None

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
            # in the builder thread, whose priority is below the answers'
            index = self._builder.submit(make, live).result()
            bot = self._make_bot(index)
        except Exception as exc:
            if live is None:
                self._error = f"{type(exc).__name__}: {exc}"
            log.exception("index of %s could not be %s", self.corpus_dir, what)
            raise
        finally:
            self._rebuilding = False
        self._swap(index, bot)
        log.info(
            "index %s: %d documents, %d passages in %.1f s",
            what,
            len(index.corpus.documents),
            len(index.corpus.passages()),
            time.perf_counter() - started,
        )
        return index

    def _swap(self, index: Any, bot: Any) -> None:
        _warm_up(index, bot)
        with self._ref_lock:
            self._index, self._bot = index, bot
        self._error = None
        self._ready.set()

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
        busy = self._rebuilding or self._starting
        status = "rebuilding" if busy or index is None else "ready"
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

    def _next_index(self, live: Any) -> Any:
        return self._update_index(self.corpus_dir, live)
