"""A local stand-in for the Crossref REST API, for benchmarks: 127.0.0.1 only, bounded, stops by itself.

It serves works from an index (JSON lines of Crossref-like work records) on the routes acuref uses:
``/works?filter=doi:…``, ``/works?query.bibliographic=…``, ``/works/{doi}`` and ``/works/{doi}/agency``.
It enforces the pool limits Crossref announces (public 5/s single, 1/s list, 1 at a time; polite — with a
``mailto`` — 10/s, 3/s, 3 at a time), answers 429 without a body beyond them, sends the rate-limit headers,
and waits a realistic time before answering.

Usage (normally started by resolve_bench.py):
    python benchmarks/crossref_standin.py INDEX.jsonl [--latency] [--no-limits] [--max-seconds 1800]
It prints ``PORT <n>`` on its first line. ``--announce single`` (the default, what the real API sends today) puts
the pool's single-record limit in ``x-rate-limit-limit`` on every answer; ``--announce list`` puts the
list-route limit there on list answers, the other convention a server may follow.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import threading
import time
from collections import Counter, defaultdict, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlparse

LIMITS = {"public": ({"single": 5, "list": 1}, 1), "polite": ({"single": 10, "list": 3}, 3)}
_TOKEN = re.compile(r"[a-z0-9]+")
STOP = frozenset("a an and as at by for from in into of on or the to with et al vol no pp doi".split())


def tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.lower()) if t not in STOP and len(t) > 1]


class Index:
    """Works by DOI, and a small BM25 search over title, authors, journal, volume and first page."""

    def __init__(self, works: list[dict]):
        self.by_doi = {w["DOI"].lower(): w for w in works}
        self.docs = works
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.length = []
        for i, w in enumerate(works):
            text = " ".join([" ".join(w.get("title", [])), " ".join(a.get("family", "") for a in w.get("author", [])),
                             " ".join(w.get("container-title", [])), str(w.get("volume", "")), str(w.get("page", ""))])
            counts = Counter(tokens(text))
            self.length.append(sum(counts.values()))
            for t, c in counts.items():
                self.postings[t].append((i, c))
        self.avg = sum(self.length) / max(1, len(self.length))
        n = len(works)
        self.idf = {t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}

    def search(self, query: str, rows: int) -> list[dict]:
        scores: dict[int, float] = defaultdict(float)
        for t in set(tokens(query)):
            idf = self.idf.get(t)
            if idf is None:
                continue
            for i, c in self.postings[t]:
                scores[i] += idf * c * 2.2 / (c + 1.2 * (0.25 + 0.75 * self.length[i] / self.avg))
        best = sorted(scores.items(), key=lambda kv: -kv[1])[:rows]
        return [dict(self.docs[i], score=round(s, 3)) for i, s in best]


class Limits:
    """Sliding one-second windows per pool and class, and concurrency per pool."""

    def __init__(self, enforce: bool):
        self.enforce = enforce
        self.lock = threading.Lock()
        self.starts: dict[tuple[str, str], deque] = defaultdict(deque)
        self.in_flight: Counter = Counter()
        self.counts: Counter = Counter()

    def enter(self, pool: str, kind: str) -> bool:
        limits, concurrency = LIMITS[pool]
        with self.lock:
            self.counts["requests"] += 1
            if not self.enforce:
                return True
            now = time.monotonic()
            window = self.starts[(pool, kind)]
            while window and window[0] <= now - 1.0:
                window.popleft()
            if len(window) >= limits[kind] or self.in_flight[pool] >= concurrency:
                self.counts["429"] += 1
                return False
            window.append(now)
            self.in_flight[pool] += 1
            return True

    def leave(self, pool: str) -> None:
        with self.lock:
            if self.enforce:
                self.in_flight[pool] -= 1


def make_handler(index: Index, limits: Limits, latency: bool, announce: str = "single"):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def _send(self, status: int, body: bytes, ctype: str, pool: str, kind: str = "single") -> None:
            lim, conc = LIMITS[pool] if limits.enforce else ({"single": 1000, "list": 1000}, 4)
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("x-api-pool", pool)
            self.send_header("x-rate-limit-limit", str(lim[kind] if announce == "list" else lim["single"]))
            self.send_header("x-rate-limit-interval", "1s")
            self.send_header("x-concurrency-limit", str(conc))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802
            url = urlparse(self.path)
            qs = parse_qs(url.query)
            pool = "polite" if qs.get("mailto") or "mailto:" in self.headers.get("User-Agent", "") else "public"
            path = unquote(url.path)
            kind = "list" if path.rstrip("/") == "/works" else "single"
            if path == "/_stats":
                self._send(200, json.dumps(limits.counts).encode(), "application/json", pool)
                return
            if not limits.enter(pool, kind):
                self._send(429, b"", "text/plain", pool, kind)
                return
            try:
                status, payload, ctype = self._answer(path, qs)
                if latency:
                    time.sleep(self._delay(path, qs))
            finally:
                limits.leave(pool)  # the slot frees as the answer goes out
            self._send(status, payload, ctype, pool, kind)

        @staticmethod
        def _delay(path: str, qs: dict) -> float:
            if "query.bibliographic" in qs:
                return random.uniform(0.25, 0.45)
            if "filter" in qs:
                return 0.12 + 0.002 * qs["filter"][0].count("doi:")
            return random.uniform(0.05, 0.09)

        def _answer(self, path: str, qs: dict) -> tuple[int, bytes, str]:
            if path.rstrip("/") == "/works":
                if "filter" in qs:
                    dois = [d[4:].lower() for d in qs["filter"][0].split(",") if d.startswith("doi:")]
                    items = [dict(index.by_doi[d], DOI=d, score=0.0) for d in dois if d in index.by_doi]
                    random.shuffle(items)  # Crossref returns them in another order
                else:
                    query = (qs.get("query.bibliographic") or [""])[0]
                    items = index.search(query, int((qs.get("rows") or ["5"])[0]))
                body = {"status": "ok", "message-type": "work-list",
                        "message": {"items": items, "total-results": len(items)}}
                return 200, json.dumps(body).encode(), "application/json"
            m = re.fullmatch(r"/works/(.+?)(/agency)?", path)
            if m:
                work = index.by_doi.get(m.group(1).lower())
                if work is None:
                    return 404, b"Resource not found.", "text/plain"
                if m.group(2):
                    body = {"status": "ok", "message-type": "work-agency",
                            "message": {"DOI": work["DOI"], "agency": {"id": "crossref", "label": "Crossref"}}}
                else:
                    body = {"status": "ok", "message-type": "work", "message": work}
                return 200, json.dumps(body).encode(), "application/json"
            return 404, b"Resource not found.", "text/plain"

    return Handler


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("index")
    ap.add_argument("--latency", action="store_true")
    ap.add_argument("--no-limits", action="store_true")
    ap.add_argument("--max-seconds", type=float, default=1800)
    ap.add_argument("--announce", choices=("single", "list"), default="single")
    args = ap.parse_args()
    works = [json.loads(line) for line in open(args.index, encoding="utf-8")]
    limits = Limits(enforce=not args.no_limits)
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(Index(works), limits, args.latency, args.announce))
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    threading.Timer(args.max_seconds, server.shutdown).start()  # bounded: stops by itself
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
