"""Client-side rate limiting that follows what the server announces.

Crossref sends ``x-rate-limit-limit``/``x-rate-limit-interval`` (per request class) and
``x-concurrency-limit`` on every answer. Requests are spaced so that no more than ``limit`` start in
any ``interval``, and no more than ``concurrency`` are in flight; both follow the latest headers.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Mapping


SAFETY = 1.06  # start a little under the announced rate: clocks and schedulers are not exact


def parse_interval(value: str | None) -> float | None:
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*", value)
    if not m:
        return None
    n = float(m.group(1))
    return n / 1000 if m.group(2) == "ms" else n * 60 if m.group(2) == "m" else n


class RateLimiter:
    """Spacing per request class ("single", "list") and one shared concurrency limit."""

    def __init__(self, limits: Mapping[str, float], concurrency: int, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self._rate = dict(limits)  # requests per second, per class
        self._next = {k: 0.0 for k in limits}
        self.concurrency = max(1, concurrency)
        self._in_flight = 0
        self._cond = threading.Condition()
        self._clock = clock
        self._sleep = sleep

    def rate(self, kind: str) -> float:
        return self._rate[kind]

    def acquire(self, kind: str) -> None:
        """Wait for a free slot and for this class's next start time."""
        with self._cond:
            while self._in_flight >= self.concurrency:
                self._cond.wait()
            self._in_flight += 1
            now = self._clock()
            start = max(now, self._next[kind])
            self._next[kind] = start + SAFETY / self._rate[kind]
        wait = start - now
        if wait > 0:
            self._sleep(wait)

    def release(self) -> None:
        with self._cond:
            self._in_flight -= 1
            self._cond.notify()

    def update(self, kind: str, headers: Mapping[str, str]) -> None:
        """Follow the limits the server announced in its latest answer."""
        try:
            limit = float(headers.get("x-rate-limit-limit", "") or 0)
        except ValueError:
            limit = 0
        interval = parse_interval(headers.get("x-rate-limit-interval"))
        conc = headers.get("x-concurrency-limit")
        with self._cond:
            if limit > 0 and interval:
                # The announced limit is the pool's single-record rate. List queries have a stricter one that
                # is not announced: 1 in 5 on the public pool, 3 in 10 on the polite pool (late-2026 figures).
                rate = limit / interval
                factor = 0.2 if headers.get("x-api-pool", "").lower() == "public" else 0.3
                self._rate["single"] = rate
                if "list" in self._rate:
                    self._rate["list"] = max(rate * factor, 0.1)
            if conc and conc.strip().isdigit() and int(conc) > 0:
                self.concurrency = int(conc)
                self._cond.notify_all()

    def back_off(self, kind: str, seconds: float) -> None:
        """After a 429: nobody of this class starts before ``seconds`` from now."""
        with self._cond:
            self._next[kind] = max(self._next[kind], self._clock() + seconds)
