"""Crossref stage benchmark against a local stand-in (benchmarks/crossref_standin.py), in one run:

A. Speed under the polite pool's limits with realistic latency — 1,000 references that print a DOI and
   200 that do not: requests made, 429s received, wall time; then the same input again (cache: 0
   requests); side by side with a one-request-per-DOI baseline (GET /works/{doi}) under the same limits.
B. Matching accuracy — the stand-in serves an index built from the gold metadata of
   ../shared/data/parsing/glutton_pmc_dev.jsonl with a fifth of the records left out; every reference is
   resolved without its DOI. Precision (of the DOIs assigned, how many are right), recall (of the indexed
   references, how many got their DOI), and false matches among the left-out ones.

Usage: python benchmarks/resolve_bench.py [--skip-speed] [--skip-accuracy]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import requests

from acuref import parse_reference
from acuref.resolve.cache import Cache
from acuref.resolve.crossref import CrossrefClient
from acuref.normalize.identifiers import doi_key
from acuref.resolve.ratelimit import RateLimiter
from acuref.resolve.stage import resolve

HERE = Path(__file__).resolve().parent
GLUTTON = HERE.parents[1] / "shared" / "data" / "parsing" / "glutton_pmc_dev.jsonl"
MAILTO = "bench@example.org"


def left_out(doi: str) -> bool:
    return int(hashlib.md5(doi.lower().encode()).hexdigest(), 16) % 5 == 0


def work_of(row: dict) -> dict:
    work = {"DOI": row["doi"], "type": "journal-article", "title": [row.get("atitle") or ""],
            "container-title": [row.get("jtitle") or ""], "volume": row.get("volume") or "",
            "page": row.get("firstPage") or ""}
    if row.get("firstAuthor"):
        work["author"] = [{"family": row["firstAuthor"], "sequence": "first"}]
    return work


class StandIn:
    def __init__(self, index: Path, *flags: str):
        self.proc = subprocess.Popen([sys.executable, str(HERE / "crossref_standin.py"), str(index), *flags],
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        self.url = f"http://127.0.0.1:{int(line.split()[1])}"

    def stats(self) -> dict:
        return requests.get(f"{self.url}/_stats", timeout=5).json()

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def baseline(url: str, dois: list[str]) -> tuple[float, int, int]:
    """One GET /works/{doi} per reference, with the same limits and concurrency as acuref's client."""
    session = requests.Session()
    session.headers["User-Agent"] = f"baseline (mailto:{MAILTO})"
    limiter = RateLimiter({"single": 10.0}, 3)
    made = throttled = 0

    def one(doi: str) -> None:
        nonlocal made, throttled
        while True:
            limiter.acquire("single")
            try:
                made += 1
                r = session.get(f"{url}/works/{doi}", params={"mailto": MAILTO}, timeout=30)
            finally:
                limiter.release()
            if r.status_code != 429:
                return
            throttled += 1
            time.sleep(1.0)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=3) as pool:
        list(pool.map(one, dois))
    return time.perf_counter() - t0, made, throttled


def speed(rows: list[dict], index: Path, tmp: Path) -> None:
    indexed = [r for r in rows if not left_out(r["doi"])]
    with_doi = [replace(parse_reference(r["reference"]), DOI=r["doi"]) for r in indexed[:1000]]
    without = [replace(parse_reference(r["reference"]), DOI=None) for r in indexed[1000:1200]]
    server = StandIn(index, "--latency")
    try:
        cache = tmp / "cache.sqlite"
        out = {}
        for label, refs in (("1,000 with printed DOI", with_doi), ("200 without DOI", without)):
            before = server.stats().get("429", 0)
            client = CrossrefClient(server.url, MAILTO, cache=Cache(cache))
            t0 = time.perf_counter()
            resolved, _ = resolve(refs, client)
            out[label] = (time.perf_counter() - t0, client.requests_made, server.stats().get("429", 0) - before,
                          sum(r.resolution.status in ("verified", "matched") for r in resolved))
        again = CrossrefClient(server.url, MAILTO, cache=Cache(cache))
        resolve(with_doi + without, again)
        base = baseline(server.url, [r.DOI for r in with_doi])
    finally:
        server.close()
    print("A. speed, polite pool limits (10/s single, 3/s list, 3 at a time), realistic latency")
    print(f"{'':<34}{'requests':>9}{'req/ref':>9}{'429s':>6}{'wall s':>9}{'resolved':>10}")
    for label, (secs, made, t429, ok) in out.items():
        n = 1000 if "1,000" in label else 200
        print(f"{'acuref: ' + label:<34}{made:>9}{made / n:>9.3f}{t429:>6}{secs:>9.1f}{ok:>10}")
    secs, made, t429 = base
    print(f"{'baseline: GET /works/{doi} each':<34}{made:>9}{made / 1000:>9.3f}{t429:>6}{secs:>9.1f}")
    ours = out["1,000 with printed DOI"][0]
    print(f"printed-DOI verification: acuref {ours:.1f} s vs baseline {secs:.1f} s = {secs / ours:.0f}x faster")
    print(f"second run of all 1,200 with the cache: {again.requests_made} requests")


def accuracy(rows: list[dict], index: Path) -> None:
    server = StandIn(index, "--no-limits")
    try:
        refs = [replace(parse_reference(r["reference"]), DOI=None) for r in rows]
        # The stand-in runs without limits here: the client is told so, or it keeps to Crossref's published ones.
        client = CrossrefClient(server.url, MAILTO, limits=({"single": 200.0, "list": 200.0}, 4))
        t0 = time.perf_counter()
        resolved, _ = resolve(refs, client)
        secs = time.perf_counter() - t0
    finally:
        server.close()
    assigned = correct = indexed = indexed_correct = leftout_assigned = ambiguous = 0
    for row, ref in zip(rows, resolved):
        got = ref.resolution.doi if ref.resolution.status == "matched" else None
        ambiguous += ref.resolution.status == "ambiguous"
        ok = got is not None and doi_key(got) == doi_key(row["doi"])
        if left_out(row["doi"]):
            leftout_assigned += got is not None
        else:
            indexed += 1
            indexed_correct += ok
        assigned += got is not None
        correct += ok
    print("B. matching accuracy on glutton_pmc_dev (index = gold metadata, a fifth left out)")
    print(f"references {len(rows)}, indexed {indexed}, left out {len(rows) - indexed}; {secs:.0f} s")
    print(f"DOIs assigned {assigned}: correct {correct}, wrong {assigned - correct} "
          f"(of which to left-out references {leftout_assigned}); ambiguous {ambiguous}")
    print(f"precision {correct / max(assigned, 1):.4f}   recall of indexed {indexed_correct / max(indexed, 1):.4f}"
          f"   (targets 0.99 / 0.94; Crossref's own matcher: 0.981 / 0.946)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--skip-accuracy", action="store_true")
    args = ap.parse_args()
    if not GLUTTON.exists():
        print(f"{GLUTTON} not found (it lives in ../shared/); nothing measured")
        return 1
    rows = [json.loads(line) for line in GLUTTON.open(encoding="utf-8")]
    rows = [r for r in rows if r.get("doi")]
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        index = tmp / "index.jsonl"
        with index.open("w", encoding="utf-8") as fh:
            for r in rows:
                if not left_out(r["doi"]):
                    fh.write(json.dumps(work_of(r)) + "\n")
        if not args.skip_accuracy:
            accuracy(rows, index)
        if not args.skip_speed:
            speed(rows, index, tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
