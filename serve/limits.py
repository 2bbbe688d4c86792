"""Per-client rate limits: how many times one client may do something in a window (feedback,
uploads through Gradio's own route). A client is its address as the server sees it."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque

MAX_CLIENTS = 10_000  # clients remembered; the least recently seen are forgotten first


class RateLimiter:
    """At most `events` per `seconds` per client (a sliding window)."""

    def __init__(self, events: int, seconds: float, clock=time.monotonic):
        self.events = events
        self.seconds = seconds
        self._clock = clock
        self._seen: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        """Count one event of `client`; False (and not counted) when it is over the limit."""
        now = self._clock()
        with self._lock:
            times = self._seen.pop(client, None) or deque()
            while times and now - times[0] >= self.seconds:
                times.popleft()
            allowed = len(times) < self.events
            if allowed:
                times.append(now)
            self._seen[client] = times
            while len(self._seen) > MAX_CLIENTS:
                self._seen.popitem(last=False)
        return allowed


def client_of(request) -> str:
    """The client's address from a Gradio or Starlette request ("" when unknown)."""
    if request is None:
        return ""
    client = getattr(request, "client", None)
    return str(getattr(client, "host", "") or "")
