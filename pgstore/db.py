"""Connections and pgvector's binary wire format (no client library needed for it).

A vector travels as int16 dimension, int16 zero, then float4 values in network byte order;
a batch of them is decoded with one numpy call."""

from __future__ import annotations

import queue
import re
import struct
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from index.types import IndexStateError


class StoreError(IndexStateError):
    """The database cannot be used as asked; the message says why and what to do."""


class Vector:
    """One vector, already in pgvector's binary format (see `to_vectors`)."""

    __slots__ = ("data",)

    def __init__(self, data: bytes):
        self.data = data


def to_vectors(matrix: np.ndarray) -> list[Vector]:
    matrix = np.asarray(matrix, dtype=">f4")
    if matrix.ndim != 2:
        raise ValueError(f"expected a 2-d array of vectors, got shape {matrix.shape}")
    header = struct.pack(">HH", matrix.shape[1], 0)
    return [Vector(header + row.tobytes()) for row in matrix]


def from_vectors(rows: list[bytes], dim: int) -> np.ndarray:
    """float32 (len(rows), dim) from pgvector binary values (the 4-byte header is one slot)."""
    if not rows:
        return np.zeros((0, dim), dtype=np.float32)
    flat = np.frombuffer(b"".join(rows), dtype=">f4").reshape(len(rows), dim + 1)
    return flat[:, 1:].astype(np.float32)


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return re.sub(r"(//[^:/@]+):[^@]*@", r"\1:***@", url)


def connect(url: str, application: str = "nqa", *, autocommit: bool = False) -> Any:
    """A psycopg connection with the vector adapters registered; a StoreError that names the
    server when it cannot be reached."""
    import psycopg

    try:
        conn = psycopg.connect(
            url,
            autocommit=autocommit,
            application_name=application[:60],
            connect_timeout=5,
            keepalives=1,
            keepalives_idle=10,
            keepalives_interval=5,
            keepalives_count=2,
        )
    except psycopg.Error as exc:
        raise StoreError(
            f"Cannot connect to the database {redact(url)} ({_first_line(exc)}): check "
            "NQA_DATABASE_URL and that the server is running."
        ) from exc
    register_vector(conn)
    return conn


def register_vector(conn: Any) -> None:
    from psycopg.adapt import Dumper, Loader
    from psycopg.pq import Format
    from psycopg.types import TypeInfo

    info = TypeInfo.fetch(conn, "vector")
    if info is None:  # before `nqa db init` created the extension
        return
    info.register(conn)

    class VectorDumper(Dumper):
        format = Format.BINARY
        oid = info.oid

        def dump(self, obj: Vector) -> bytes:
            return obj.data

    class VectorLoader(Loader):
        format = Format.BINARY

        def load(self, data) -> bytes:
            return bytes(data)

    conn.adapters.register_dumper(Vector, VectorDumper)
    conn.adapters.register_loader(info.oid, VectorLoader)


class Pool:
    """A few open connections shared by the web server's threads (HNSW queries, feedback)."""

    def __init__(self, url: str, application: str, size: int = 4):
        self._url = url
        self._application = application
        self._idle: queue.LifoQueue = queue.LifoQueue(maxsize=size)

    @contextmanager
    def connection(self) -> Iterator[Any]:
        conn = None
        while conn is None:
            try:
                conn, idle_since = self._idle.get_nowait()
            except queue.Empty:
                conn = connect(self._url, self._application, autocommit=True)
                break
            if time.monotonic() - idle_since > 5 and not _alive(conn):
                conn.close()  # the server went away (and maybe came back) meanwhile
                conn = None
        try:
            yield conn
        except BaseException:
            conn.close()  # a broken or busy connection is not handed out again
            raise
        if conn.closed or conn.info.transaction_status != 0:
            conn.close()
            return
        try:
            self._idle.put_nowait((conn, time.monotonic()))
        except queue.Full:
            conn.close()

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait()[0].close()
            except queue.Empty:
                return


def _alive(conn: Any) -> bool:
    try:
        conn.execute("SELECT 1")
        return True
    except Exception:
        return False


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
