"""Client-side rate limiting that follows what the server announces, never above the published limits.

Crossref sends ``x-rate-limit-limit``/``x-rate-limit-interval`` and ``x-concurrency-limit`` on every answer,
but which limit a list answer carries has changed over time: the single-record limit (10/s in the polite
pool) on every route, or the list-route limit (3/s) on list routes. Taking a class's rate as the smaller of
what the server announces on that class's answers and the published limit for that class and pool is right
under either convention: a list route never runs above 3/s, nor above what it was told.
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections.abc import Callable, Mapping

SAFETY = 1.06  # start a little under the allowed rate: clocks and schedulers are not exact
Limits = tuple[Mapping[str, float], int]  # requests per second per class, and requests in flight


def parse_interval(value: str | None) -> float | None:
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*", value)
    if not m:
        return None
    n = float(m.group(1))
    return n / 1000 if m.group(2) == "ms" else n * 60 if m.group(2) == "m" else n


class RateLimiter:
    """Spacing per request class ("single", "list") and one shared concurrency limit.

    ``limits``/``concurrency`` are where it starts and, unless ``ceilings`` names limits per pool (the
    ``x-api-pool`` header), the most it will ever run at.
    """

    def __init__(self, limits: Mapping[str, float], concurrency: int, *, ceilings: Mapping[str, Limits] | None = None,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self._rate = dict(limits)
        # The first request of each class waits one interval too: the run before this one (another process)
        # may have used the server's window up to its last moment, and together they must not exceed it.
        self._next = {k: clock() + SAFETY / rate for k, rate in self._rate.items()}
        self._ceilings = dict(ceilings or {})
        self._ceiling: Limits = (dict(limits), max(1, concurrency))
        self._announced: dict[str, float] = {}
        self._announced_concurrency: int | None = None
        self.concurrency = max(1, concurrency)
        self._in_flight = 0
        self._cond = threading.Condition()
        self._clock = clock
        self._sleep = sleep

    def rate(self, kind: str) -> float:
        return self._rate[kind]

    def acquire(self, kind: str) -> None:
        """Wait for a free slot and for this class's next start time.

        A request waiting for its class's turn holds no slot, so a single-record lookup is not kept
        behind searches that are only waiting for the list route's spacing.
        """
        woke = 0.0
        while True:
            with self._cond:
                while self._in_flight >= self.concurrency:
                    self._cond.wait()
                now = max(self._clock(), woke)  # an injected sleep may not move the injected clock
                start = self._next[kind]
                if start <= now:
                    self._in_flight += 1
                    self._next[kind] = now + SAFETY / self._rate[kind]
                    return
            self._sleep(start - now)
            woke = start

    def release(self) -> None:
        with self._cond:
            self._in_flight -= 1
            self._cond.notify()

    def update(self, kind: str, headers: Mapping[str, str]) -> None:
        """Follow the limits announced on an answer to a request of class ``kind``."""
        try:
            limit = float(headers.get("x-rate-limit-limit", "") or 0)
        except ValueError:
            limit = 0
        interval = parse_interval(headers.get("x-rate-limit-interval"))
        conc = (headers.get("x-concurrency-limit") or "").strip()
        pool = (headers.get("x-api-pool") or "").strip().lower()
        with self._cond:
            if pool in self._ceilings:
                self._ceiling = self._ceilings[pool]
            if limit > 0 and interval and kind in self._rate:
                self._announced[kind] = limit / interval
            if conc.isdigit() and int(conc) > 0:
                self._announced_concurrency = int(conc)
            ceiling, most = self._ceiling
            for k in self._rate:
                self._rate[k] = max(min(self._announced.get(k, math.inf), ceiling.get(k, self._rate[k])), 0.05)
            self.concurrency = max(1, min(self._announced_concurrency or most, most))
            self._cond.notify_all()

    def back_off(self, kind: str, seconds: float) -> None:
        """After a 429: nobody of this class starts before ``seconds`` from now."""
        with self._cond:
            self._next[kind] = max(self._next[kind], self._clock() + seconds)
