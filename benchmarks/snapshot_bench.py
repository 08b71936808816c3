"""The local snapshot index against the API path, in one run (issue 17):

A. Build: the resolve_check references' works (the 500 indexed ones and the decoys a corrupted DOI points at)
   plus N filler works (default 1,000,000; synthetic Crossref records whose titles, authors and journals are
   drawn from the real glutton gold metadata, so they are realistic distractors): works/s, file size, size per
   million works.
B. Matching, on the same 525 held-out references as benchmarks/resolve_check.py (380 print their DOI, 20 a
   corrupted one, 100 print none and are indexed, 25 print none and are not): DOI precision, wrong DOIs on
   the 45 that must not get one, recall on printed and on DOI-less references, and references/s —
   --resolver local:PATH (1.0 M+ works) side by side with the API path (the Crossref stand-in serving only
   the 525 references' works, under the polite pool's limits, no added latency).
C. Search throughput alone: 5,000 glutton references resolved without their DOI against the big index, with
   acuref's ranking (idf sums in SQL, the best 64 re-ranked by BM25's length factor) side by side with the
   baseline it replaced (FTS5's bm25() over every matching work), same index, same validation.

Usage: python benchmarks/snapshot_bench.py [--filler 1000000] [--skip-api]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import zlib
from dataclasses import replace
from pathlib import Path

from acuref import parse_reference
from acuref.normalize.identifiers import doi_key
from acuref.resolve import snapshot
from acuref.resolve.crossref import CrossrefClient
from acuref.resolve.local_backend import LocalResolver
from acuref.resolve.stage import resolve
from resolve_bench import GLUTTON, MAILTO, StandIn, work_of
from resolve_check import build, refs_of, score


def filler(rows: list[dict], n: int, path: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    words = [w for r in rows for w in (r.get("atitle") or "").split() if len(w) > 2]
    families = [r["firstAuthor"] for r in rows if r.get("firstAuthor")]
    journals = [r["jtitle"] for r in rows if r.get("jtitle")]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            first = rng.randint(1, 3000)
            work = {"DOI": f"10.5555/filler.{i}", "type": "journal-article",
                    "title": [" ".join(rng.choice(words) for _ in range(rng.randint(5, 14)))],
                    "author": [{"family": rng.choice(families), "given": rng.choice("ABCDEFGHJKLMNPRST")}
                               for _ in range(rng.randint(1, 6))],
                    "container-title": [rng.choice(journals)], "volume": str(rng.randint(1, 300)),
                    "issue": str(rng.randint(1, 12)), "page": f"{first}-{first + rng.randint(2, 15)}",
                    "issued": {"date-parts": [[rng.randint(1950, 2025)]]}}
            fh.write(json.dumps(work) + "\n")


class Bm25Snapshot(snapshot.Snapshot):
    """The baseline: the same term choice, ranked by FTS5's bm25() over every matching work."""

    def search(self, query: str, rows: int = snapshot.ROWS) -> list[tuple[dict, float]]:
        chosen = self.query_terms(query)
        if not chosen:
            return []
        con = self._con()
        hits = con.execute("SELECT rowid, -bm25(search) FROM search WHERE search MATCH ? ORDER BY rank LIMIT ?",
                           (" OR ".join(f'"{t}"' for t in chosen), rows)).fetchall()
        if not hits:
            return []
        blobs = dict(con.execute(f"SELECT id, record FROM works WHERE id IN ({','.join('?' * len(hits))})",
                                 [h[0] for h in hits]))
        return [(json.loads(zlib.decompress(blobs[r])), round(s, 3)) for r, s in hits if r in blobs]


def line(label: str, acc: dict, secs: float, n: int) -> str:
    return f"{label:<34}{n / secs:>9.0f}  " + ", ".join(
        f"{k} {v:.4f}" if isinstance(v, float) else f"{k} {v}" for k, v in acc.items())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--filler", type=int, default=1_000_000)
    ap.add_argument("--skip-api", action="store_true")
    args = ap.parse_args()
    if not GLUTTON.exists():
        print(f"{GLUTTON} not found (it lives in ../shared/); nothing measured")
        return 1
    rows = [json.loads(x) for x in GLUTTON.open(encoding="utf-8")]
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        index_jsonl, fill = tmp / "index.jsonl", tmp / "filler.jsonl"
        cases = build(rows, 525, 14, index_jsonl)
        filler(rows, args.filler, fill)
        path = tmp / "snapshot.sqlite"
        built = snapshot.build([index_jsonl, fill], path)
        print(f"A. build: {built.works:,} works in {built.seconds:.1f} s = {built.works / built.seconds:,.0f} works/s; "
              f"{built.bytes / 1e6:.0f} MB = {built.bytes / 1e6 / (built.works / 1e6):.0f} MB per million works")
        refs = refs_of(cases)
        print(f"\nB. {'resolver':<31}{'refs/s':>9}  accuracy on the 525 held-out references")
        local = LocalResolver(snapshot.Snapshot(path))
        resolve(refs[:20], local)  # open the file and warm the page cache, as a second run would find it
        t0 = time.perf_counter()
        got, _ = resolve(refs, local)
        secs = time.perf_counter() - t0
        print(line(f"local:PATH ({built.works / 1e6:.2f} M works)", score(cases, got), secs, len(refs)))
        baseline = LocalResolver(Bm25Snapshot(path))
        resolve(refs[:20], baseline)
        t0 = time.perf_counter()
        old, _ = resolve(refs, baseline)
        print(line("  baseline: FTS5 bm25() ranking", score(cases, old), time.perf_counter() - t0, len(refs)))
        if not args.skip_api:
            server = StandIn(index_jsonl, "--announce", "single")
            try:
                client = CrossrefClient(server.url, MAILTO)
                t0 = time.perf_counter()
                api, _ = resolve(refs, client)
                print(line("crossref (stand-in, polite pool)", score(cases, api), time.perf_counter() - t0, len(refs)))
            finally:
                server.close()
            same = sum(doi_key(a.DOI or '') == doi_key(b.DOI or '') for a, b in zip(got, api))
            print(f"   same DOI (or none) from both: {same} of {len(refs)}")
        picked = [r for r in rows if r.get("doi")][:5000]
        search = [replace(parse_reference(r["reference"]), DOI=None) for r in picked]
        print(f"\nC. search only, {len(search):,} glutton references without their DOI (most not indexed):")
        rates = {}
        for label, store in (("acuref (idf sums + length)", snapshot.Snapshot(path)),
                             ("baseline (FTS5 bm25())", Bm25Snapshot(path))):
            resolver = LocalResolver(store)
            resolve(search[:20], resolver)
            t0 = time.perf_counter()
            found, _ = resolve(search, resolver)
            secs = time.perf_counter() - t0
            rates[label] = len(search) / secs
            assigned = [(f, r) for f, r in zip(found, picked) if f.DOI]
            right = sum(f.DOI.lower() == r["doi"].lower() for f, r in assigned)
            # glutton's gold sometimes gives a string another work's DOI (or the same work twice under two DOIs):
            # a record that agrees with the string on its title and two more fields is the work the string cites
            gold_slip = sum(f.DOI.lower() != r["doi"].lower() and "title" in f.resolution.evidence
                            and len(set(f.resolution.evidence) & {"author", "year", "volume", "page", "journal"}) >= 2
                            for f, r in assigned)
            print(f"   {label:<28}{rates[label]:>7,.0f} refs/s; {len(assigned)} DOIs assigned: {right} right, "
                  f"{len(assigned) - right} not the gold DOI, of which {gold_slip} agree with the string on title and "
                  f"two more fields (glutton's gold is another DOI) and {len(assigned) - right - gold_slip} are false "
                  "matches")
        first, second = rates.values()
        print(f"   ratio: {first / second:.2f}x the baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
