"""The resolution check of issue 14, in one run: DOI precision and recovery, and wall time against the floor.

A Crossref stand-in (benchmarks/crossref_standin.py, realistic latency, the polite pool's limits enforced with
429s) serves an index built from the gold metadata of held-out glutton PMC references (rows whose gold first
author opens the string and whose gold volume is printed: glutton's gold is sometimes another work's, or the
second of two references run together, and a DOI held back there is right). 525 references:
- 380 print their right DOI;
- 20 print a corrupted DOI one character from the right one: 10 point at another real work (the stand-in
  holds a different work under that DOI), 10 at nothing;
- 100 print no DOI and are indexed; 25 print no DOI and are not indexed (a wrong DOI there is a false match).
Run under both header conventions (``--announce single``: the single-record limit on every answer, as the
real API does today; ``--announce list``: the list-route limit on list answers), then once more on the warm
cache, and against a naive sequential client (one request at a time, GET /works/{doi} or one search per
reference, no spacing, 1 s pause after a 429). The floor is what the limits allow for the requests acuref
makes: max(list requests / 3 per s, single requests / 10 per s).

Usage: python benchmarks/resolve_check.py [--n 525] [--seed 14]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import requests

from acuref import parse_reference
from acuref.resolve.cache import Cache
from acuref.resolve.crossref import CrossrefClient
from acuref.normalize.identifiers import doi_key
from acuref.normalize.text import fold
from acuref.resolve.stage import resolve
from resolve_bench import GLUTTON, MAILTO, StandIn, work_of

CHARS = "0123456789abcdefghijklmnopqrstuvwxyz"


def corrupt(doi: str, rng: random.Random) -> str:
    """One character of the suffix changed (a digit for a digit, a letter for a letter)."""
    prefix, suffix = doi.split("/", 1)
    spots = [i for i, c in enumerate(suffix) if c.isalnum()]
    i = rng.choice(spots[len(spots) // 2:])  # typos and OCR slips land anywhere; keep the journal code intact
    old = suffix[i]
    pool = "0123456789" if old.isdigit() else "abcdefghijklmnopqrstuvwxyz"
    new = rng.choice([c for c in pool if c != old.lower()])
    return f"{prefix}/{suffix[:i]}{new.upper() if old.isupper() else new}{suffix[i + 1:]}"


def build(rows: list[dict], n: int, seed: int, index: Path) -> list[dict]:
    rng = random.Random(seed)
    # Rows whose gold belongs to the string: glutton's gold is sometimes another work's (its first author not
    # in the string) or the second of two references run together (the first author far from the start).
    rows = [r for r in rows if r.get("doi") and r.get("atitle") and r.get("firstAuthor")
            and fold(r["firstAuthor"]) in fold(r["reference"][:60])
            and (not r.get("volume") or r["volume"] in r["reference"])]
    rng.shuffle(rows)
    n_printed, n_bad, n_unindexed = round(n * 380 / 525), 20, 25
    n_search = n - n_printed - n_bad - n_unindexed
    printed, bad = rows[:n_printed], rows[n_printed:n_printed + n_bad]
    end = n_printed + n_bad + n_search
    search = rows[n_printed + n_bad:end]
    unindexed = rows[end:end + n_unindexed]
    # other works that a corrupted DOI points at; rows from n + 10 on, as in the run the README reports
    decoys = rows[n + 10:n + 10 + n_bad // 2]
    cases = []
    with index.open("w", encoding="utf-8") as fh:
        for r in printed + bad + search:
            fh.write(json.dumps(work_of(r)) + "\n")
        for k, r in enumerate(bad):
            wrong = corrupt(r["doi"], rng)
            if k < len(decoys):
                fh.write(json.dumps(dict(work_of(decoys[k]), DOI=wrong)) + "\n")
            cases.append({"row": r, "printed": wrong, "kind": "corrupted, another work" if k < len(decoys)
                          else "corrupted, unregistered"})
    cases += [{"row": r, "printed": r["doi"], "kind": "printed"} for r in printed]
    cases += [{"row": r, "printed": None, "kind": "no DOI, indexed"} for r in search]
    cases += [{"row": r, "printed": None, "kind": "no DOI, not indexed"} for r in unindexed]
    rng.shuffle(cases)
    return cases


def refs_of(cases: list[dict]):
    out = []
    for c in cases:
        ref = parse_reference(c["row"]["reference"])
        out.append(replace(ref, DOI=c["printed"]))
    return out


def naive(url: str, cases: list[dict]) -> tuple[float, int, int]:
    session = requests.Session()
    session.headers["User-Agent"] = f"naive (mailto:{MAILTO})"
    made = throttled = 0
    t0 = time.perf_counter()
    for c in cases:
        while True:
            made += 1
            if c["printed"]:
                r = session.get(f"{url}/works/{c['printed']}", params={"mailto": MAILTO}, timeout=30)
            else:
                r = session.get(f"{url}/works", params={"query.bibliographic": c["row"]["reference"], "rows": "5",
                                                        "mailto": MAILTO}, timeout=30)
            if r.status_code != 429:
                break
            throttled += 1
            time.sleep(1.0)
    return time.perf_counter() - t0, made, throttled


def score(cases: list[dict], resolved) -> dict:
    exported = right = wrong_bad = recovered = printed_ok = indexed_ok = 0
    counts = {"printed": 0, "no DOI, indexed": 0}
    for c, ref in zip(cases, resolved):
        gold = doi_key(c["row"]["doi"])
        got = doi_key(ref.DOI) if ref.DOI else None
        if got:
            exported += 1
            right += got == gold
        if c["kind"].startswith("corrupted") or c["kind"] == "no DOI, not indexed":
            wrong_bad += bool(got) and got != gold
        if c["kind"].startswith("corrupted"):
            recovered += got == gold
        if c["kind"] == "printed":
            printed_ok += got == gold
        if c["kind"] == "no DOI, indexed":
            indexed_ok += got == gold
        if c["kind"] in counts:
            counts[c["kind"]] += 1
    return {"precision": right / max(exported, 1), "wrong on the 45": wrong_bad, "recovered of 20": recovered,
            "recall printed": printed_ok / max(counts["printed"], 1),
            "recall no DOI": indexed_ok / max(counts["no DOI, indexed"], 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=525)
    ap.add_argument("--seed", type=int, default=14)
    args = ap.parse_args()
    if not GLUTTON.exists():
        print(f"{GLUTTON} not found (it lives in ../shared/); nothing measured")
        return 1
    rows = [json.loads(line) for line in GLUTTON.open(encoding="utf-8")]
    print(f"{'convention':<10}{'client':<22}{'list':>6}{'single':>7}{'429s':>6}{'wall s':>8}{'floor s':>8}"
          f"{'ratio':>7}  accuracy")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        index = tmp / "index.jsonl"
        cases = build(rows, args.n, args.seed, index)
        refs = refs_of(cases)
        for convention in ("single", "list"):
            server = StandIn(index, "--latency", "--announce", convention)
            try:
                cache = Cache(tmp / f"cache-{convention}.sqlite")
                client = CrossrefClient(server.url, MAILTO, cache=cache)
                t0 = time.perf_counter()
                resolved, _ = resolve(refs, client)
                wall = time.perf_counter() - t0
                t429 = server.stats().get("429", 0)
                lists, singles = client.requests_by_kind["list"], client.requests_by_kind["single"]
                floor = max(lists / 3, singles / 10)
                acc = score(cases, resolved)
                print(f"{convention:<10}{'acuref, cold':<22}{lists:>6}{singles:>7}{t429:>6}{wall:>8.1f}{floor:>8.1f}"
                      f"{wall / floor:>7.2f}  " + ", ".join(f"{k} {v:.4f}" if isinstance(v, float) else f"{k} {v}"
                                                           for k, v in acc.items()))
                again = CrossrefClient(server.url, MAILTO, cache=Cache(tmp / f"cache-{convention}.sqlite"))
                t0 = time.perf_counter()
                second, _ = resolve(refs, again)
                print(f"{convention:<10}{'acuref, warm cache':<22}{again.requests_made:>6}{'':>7}{'':>6}"
                      f"{time.perf_counter() - t0:>8.1f}{'':>8}{'':>7}  same DOIs: "
                      f"{[r.DOI for r in second] == [r.DOI for r in resolved]}")
                before = server.stats().get("429", 0)
                secs, made, throttled = naive(server.url, cases)
                print(f"{convention:<10}{'naive sequential':<22}{made:>6}{'':>7}{server.stats().get('429', 0) - before:>6}"
                      f"{secs:>8.1f}{'':>8}{secs / floor:>7.2f}  acuref is {secs / wall:.2f}x faster")
            finally:
                server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
