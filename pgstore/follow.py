"""The thread that keeps a replica in step with the database: it LISTENs for the corpus version
that every write NOTIFYs, and reads the version itself every `poll` seconds in case a
notification was lost (a dropped connection, a writer that does not notify). Whenever the
database is ahead it calls `on_version(version)`; whether the database can be reached is what
the replica's health reports."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from pgstore.db import StoreError, _first_line
from pgstore.repository import Repository
from pgstore.schema import CHANNEL

log = logging.getLogger(__name__)

POLL_SECONDS = 5.0


class Follower:
    def __init__(
        self,
        repo: Repository,
        on_version: Callable[[int], None],
        poll: float = POLL_SECONDS,
    ):
        self.repo = repo
        self.poll = poll
        self._on_version = on_version
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: str | None = None  # why the database cannot be reached, if it cannot
        self.seen = 0  # the latest corpus version read from the database
        self.checked = 0.0  # time.time() of the last successful check

    def start(self) -> Follower:
        self._thread = threading.Thread(target=self._run, name="nqa-follow", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def connected(self) -> bool:
        return self.error is None

    def failed(self, exc: BaseException) -> None:
        """Another part of the replica found the database unreachable (until the next check)."""
        self.error = _first_line(exc)

    def _run(self) -> None:
        import psycopg

        delay = 0.5
        while not self._stop.is_set():
            try:
                with self.repo.connect(autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    delay = 0.5
                    while not self._stop.is_set():
                        self._check(conn)  # also right after (re)connecting: missed notifies
                        for _ in conn.notifies(timeout=self.poll, stop_after=1):
                            pass
            except (psycopg.Error, StoreError) as exc:
                if self.error is None:
                    log.warning("database unreachable, answering from memory: %s", exc)
                self.error = _first_line(exc)
                self._stop.wait(delay)
                delay = min(delay * 2, self.poll)

    def _check(self, conn) -> None:
        version = int(conn.execute("SELECT version FROM nqa_corpus").fetchone()[0])
        if self.error is not None:
            log.info("database reachable again (corpus version %d)", version)
        self.error = None
        self.seen, self.checked = version, time.time()
        try:
            self._on_version(version)
        except Exception:  # the live index keeps answering; the next check tries again
            log.exception("catching up with corpus version %d failed", version)
