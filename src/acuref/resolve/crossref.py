"""The Crossref REST API client: the one place in acuref that speaks HTTP.

One ``requests.Session`` (connection reuse), a User-Agent naming acuref and, when given, a ``mailto``
for the polite pool; connect/read timeouts on every call; spacing and concurrency that follow the
server's rate-limit headers; exponential back-off with jitter on 429, 5xx and timeouts, honouring
``Retry-After``; and an optional SQLite cache so a repeated run makes no request. The base URL can point
at a mirror or a local stand-in (``--crossref-url``; the command line also reads ``ACUREF_CROSSREF_URL``).
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import quote

import requests

from acuref._version import __version__
from acuref.errors import NetworkError, UsageError
from acuref.normalize.identifiers import doi_key
from acuref.resolve import answers
from acuref.resolve.cache import Cache
from acuref.resolve.crossref_records import SELECT
from acuref.resolve.ratelimit import Limits, RateLimiter

DEFAULT_URL = "https://api.crossref.org"
MAX_URL = 4000  # Crossref answers 414 somewhere above ~5,000 characters
MAX_BATCH = 100
# Crossref's published limits (late 2026): public 5/s single-record, 1/s list, 1 at a time; polite 10/s, 3/s,
# 3 at a time. They are where a client starts and the most it runs at, whatever a server announces.
PUBLIC: Limits = ({"single": 5.0, "list": 1.0}, 1)
POLITE: Limits = ({"single": 10.0, "list": 3.0}, 3)
PUBLISHED = {"public": PUBLIC, "polite": POLITE}


class CrossrefClient:
    """Batch DOI lookups, bibliographic search and agency checks against the Crossref API."""

    def __init__(self, base_url: str | None = None, mailto: str | None = None, *, session: requests.Session | None = None,
                 cache: Cache | None = None, timeout: tuple[float, float] = (5.0, 30.0), max_retries: int = 5,
                 backoff: float = 1.0, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic, limits: Limits | None = None):
        if mailto is not None and ("@" not in mailto or mailto.startswith("@") or mailto.endswith("@")):
            raise UsageError(f"--mailto {mailto!r} is not an e-mail address (Crossref's polite pool needs one)")
        self.base_url = (base_url or DEFAULT_URL).rstrip("/")
        self.mailto = mailto
        self.session = session or requests.Session()
        agent = f"acuref/{__version__} (https://pypi.org/project/acuref/"
        agent += f"; mailto:{mailto})" if mailto else ")"
        self.session.headers.update({"User-Agent": agent, "Accept": "application/json"})
        self.cache = cache
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self._sleep = sleep
        # ``limits`` replaces the published ones, for a mirror or stand-in that is not bound by them.
        start, concurrency = limits or (POLITE if mailto else PUBLIC)
        self.limiter = RateLimiter(start, concurrency, ceilings=None if limits else PUBLISHED, clock=clock, sleep=sleep)
        self.requests_by_kind: Counter[str] = Counter()
        self.throttled = 0
        self._lock = threading.Lock()
        self._down: str | None = None  # set once the network is gone: later calls fail at once

    @property
    def requests_made(self) -> int:
        """Requests sent so far, of every class (retries included)."""
        return sum(self.requests_by_kind.values())

    # -------------------------------------------------------------------------------------------- HTTP

    def _get(self, path: str, params: dict[str, str] | None, kind: str) -> tuple[requests.Response, dict[str, Any]]:
        """GET with rate limiting and retries: a 2xx/4xx answer and, for a 200, its ``message`` object.

        A 429, a 5xx, a failed request and a broken 200 answer (``answers``: not a whole JSON object with an
        object ``message``) are retried; when they keep coming it raises NetworkError.
        """
        if self._down:
            raise NetworkError(self._down)
        url = f"{self.base_url}{path}"
        if self.mailto:
            params = {**(params or {}), "mailto": self.mailto}
        last = ""
        for attempt in range(self.max_retries + 1):
            resp, last, gone = self._send(url, params, kind, attempt)
            if resp is not None:
                message = (answers.json_object(resp) or {}).get("message") if resp.status_code == 200 else {}
                if _well_formed(message):
                    return resp, message
                last = f"sent {answers.broken(resp)}"
            if gone:
                break
            if attempt < self.max_retries:
                self._sleep(self._delay(attempt))
        message = f"Crossref at {self.base_url} {last}"
        if last.startswith(("cannot connect", "timed out")):
            self._down = message
        raise NetworkError(message)

    def _send(self, url: str, params: dict[str, str] | None, kind: str,
              attempt: int) -> tuple[requests.Response | None, str, bool]:
        """One request: the answer worth reading (or None), what went wrong, and whether to stop trying."""
        self.limiter.acquire(kind)
        try:
            with self._lock:
                self.requests_by_kind[kind] += 1
            resp = self.session.get(url, params=params, timeout=self.timeout, stream=True)
            answers.read_body(resp)
        except requests.exceptions.Timeout:
            return None, "timed out", attempt >= 2  # a server that keeps not answering is not waited for long
        except requests.exceptions.ConnectionError as err:
            # refused or unresolvable: not worth the long back-off of 429s and 5xx
            return None, f"cannot connect ({_cause(err)})", attempt >= 2
        except answers.FAILURES as err:
            return None, f"sent an answer that could not be read ({answers.failure(err)})", False
        finally:
            self.limiter.release()
        self.limiter.update(kind, {k.lower(): v for k, v in resp.headers.items()})
        if resp.status_code == 429:
            with self._lock:
                self.throttled += 1
            wait = _retry_after(resp.headers.get("Retry-After"))
            self.limiter.back_off(kind, wait if wait is not None else self._delay(attempt))
            return None, "rate limited (429)", False
        if resp.status_code >= 500:
            return None, f"server error {resp.status_code}", False
        return resp, "", False

    def _delay(self, attempt: int) -> float:
        """Exponential back-off with full jitter: 1, 2, 4, 8 … seconds at most, random below that."""
        return random.uniform(0.5, 1.0) * self.backoff * (2 ** attempt)

    # ------------------------------------------------------------------------------------------ lookups

    def works_by_dois(self, dois: Iterable[str]) -> dict[str, dict[str, Any] | None]:
        """Records for many DOIs, many per request; keyed by lower-cased DOI, ``None`` when Crossref has none."""
        wanted = list(dict.fromkeys(doi_key(d) for d in dois if d))
        out: dict[str, dict[str, Any] | None] = {}
        missing = []
        for key in wanted:
            hit = self.cache.get(f"doi:{key}") if self.cache is not None else None
            if hit is not None and "work" in hit and _fits("work", hit["work"]):
                out[key] = hit.get("work")
            else:
                missing.append(key)
        for batch in self._batches(missing):
            out.update(self._fetch_batch(batch))
        return out

    def _batches(self, dois: list[str]) -> Iterable[list[str]]:
        batch: list[str] = []
        length = 0
        for doi in dois:
            cost = len(quote(f"doi:{doi},", safe=""))
            if batch and (length + cost > MAX_URL - 200 or len(batch) >= MAX_BATCH):
                yield batch
                batch, length = [], 0
            batch.append(doi)
            length += cost
        if batch:
            yield batch

    def _fetch_batch(self, batch: list[str]) -> dict[str, dict[str, Any] | None]:
        params = {"filter": ",".join(f"doi:{d}" for d in batch), "rows": str(len(batch))}
        resp, message = self._get("/works", params, "list")
        if resp.status_code == 414 and len(batch) > 1:
            half = len(batch) // 2
            return {**self._fetch_batch(batch[:half]), **self._fetch_batch(batch[half:])}
        if resp.status_code != 200:
            raise NetworkError(f"Crossref refused a DOI batch: HTTP {resp.status_code} {_reason(resp)}")
        items = _items(message)
        found = {doi_key(str(item.get("DOI", ""))): item for item in items}
        out = {d: found.get(d) for d in batch}
        if self.cache is not None:
            for d, work in out.items():
                self.cache.put(f"doi:{d}", {"work": work})
        return out

    def _cached(self, key: str, field: str, fetch: Callable[[], Any]) -> Any:
        """The cached answer under ``key``, or ``fetch()``'s, stored for the next run (``None`` answers too)."""
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None and field in hit and _fits(field, hit[field]):
                return hit.get(field)
        value = fetch()
        if self.cache is not None:
            self.cache.put(key, {field: value})
        return value

    def agency(self, doi: str) -> str | None:
        """The registration agency of a DOI not in Crossref (``datacite``, ``medra`` …), or None if none knows it."""
        key = doi_key(doi)

        def fetch() -> str | None:
            resp, message = self._get(f"/works/{quote(key, safe='/')}/agency", None, "single")
            if resp.status_code == 200:
                agency = message.get("agency")
                return str(agency["id"]) if isinstance(agency, dict) and agency.get("id") else None
            if resp.status_code not in (400, 404):
                raise NetworkError(f"Crossref agency lookup failed: HTTP {resp.status_code}")
            return None

        return self._cached(f"agency:{key}", "agency", fetch)

    def work(self, doi: str) -> dict[str, Any] | None:
        """One record by DOI (``/works/{doi}``), or None on 404."""
        key = doi_key(doi)

        def fetch() -> dict[str, Any] | None:
            resp, message = self._get(f"/works/{quote(key, safe='/')}", None, "single")
            if resp.status_code not in (200, 404):
                raise NetworkError(f"Crossref record lookup failed: HTTP {resp.status_code} {_reason(resp)}")
            return (message or None) if resp.status_code == 200 else None

        return self._cached(f"work:{key}", "work", fetch)

    def search(self, query: str, rows: int = 5) -> list[dict[str, Any]]:
        """``query.bibliographic`` candidates for a reference string, best first."""
        norm = " ".join(query.split())[:1000]

        def fetch() -> list[dict[str, Any]]:
            resp, message = self._get("/works", {"query.bibliographic": norm, "rows": str(rows), "select": SELECT},
                                      "list")
            if resp.status_code != 200:
                raise NetworkError(f"Crossref search failed: HTTP {resp.status_code} {_reason(resp)}")
            return _items(message)

        return list(self._cached(f"query:{rows}:{norm.lower()}", "items", fetch) or [])


def _well_formed(message: Any) -> bool:
    """A Crossref ``message``: an object, whose ``items`` (on a list route) are a list of records."""
    if not isinstance(message, dict):
        return False
    items = message.get("items", [])
    return isinstance(items, list) and all(isinstance(item, dict) for item in items)


def _items(message: dict[str, Any]) -> list[dict[str, Any]]:
    return list(message.get("items") or [])


_CACHED_SHAPES = {"work": dict, "agency": str, "items": list}


def _fits(field: str, value: Any) -> bool:
    """Whether a cached answer has the shape this client stores (a cache written by another program may not)."""
    if value is None:
        return field != "items"
    if field == "items":
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    return isinstance(value, _CACHED_SHAPES.get(field, object))


def _cause(err: Exception) -> str:
    text = str(err)
    for hint in ("Name or service not known", "Temporary failure in name resolution", "Connection refused",
                 "Network is unreachable", "No route to host", "Connection reset"):
        if hint in text:
            return hint.lower()
    return type(err).__name__


MAX_RETRY_AFTER = 120.0  # a server asking for longer (or for ever) is not waited for past this, each time


def _retry_after(value: str | None) -> float | None:
    """A Retry-After header in seconds, capped: ``1e9`` or ``inf`` must not hang a run (nor ``nan`` crash it)."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError, OverflowError):
            return None
    if seconds != seconds:  # nan
        return None
    return min(max(0.0, seconds), MAX_RETRY_AFTER)


def _reason(resp: requests.Response) -> str:
    data = answers.json_object(resp)
    if isinstance(data, dict) and isinstance(data.get("message"), list) and data["message"]:
        first = data["message"][0]
        if isinstance(first, dict):
            return str(first.get("message") or first.get("type") or "")[:200]
    return (resp.text or "")[:200].strip()
