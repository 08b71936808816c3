"""Writes 100,000 entries in each format and reports entries/s and peak memory, each format in its own process.

Usage: python benchmarks/export_bench.py [N]

The entries are the 47 works of refs/ repeated with varied titles, keys and DOIs, so every code path of
the writers (names, escapes, case protection, dates, pages, identifiers) is exercised. The baseline row is
``json.dumps`` of the same data as plain dicts: the cheapest possible serialisation, for scale.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(n: int):
    from acuref import run
    from acuref.model import Entry

    seeds = [e.ref for e in run([str(ROOT / "refs")]).entries]
    out = []
    for i in range(n):
        ref = seeds[i % len(seeds)]
        ref = replace(ref, title=f"{ref.title or 'Untitled'} {i} & more_{i % 7}",
                      DOI=f"10.5555/bench.{i}" if i % 3 else ref.DOI, PMID=str(10_000_000 + i) if i % 2 else None)
        out.append(Entry(f"k{i}", ref))
    return out


def child(fmt: str, n: int) -> None:
    from acuref.formats import render
    from acuref.formats.csl import to_csl

    entries = build(n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    if fmt == "baseline-json":
        text = json.dumps([to_csl(e) for e in entries])
    else:
        text = render(entries, fmt)
    dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"format": fmt, "seconds": dt, "rate": n / dt, "peak_mib": peak / 1024,
                      "render_mib": (peak - before) / 1024, "bytes": len(text.encode())}))


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]))
        return 0
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(f"writing {n:,} entries per format (one process each, one core)")
    print(f"{'format':<15}{'entries/s':>12}{'seconds':>10}{'peak RSS MiB':>14}{'of which writing':>18}{'output MiB':>12}")
    for fmt in ("baseline-json", "csl-json", "bibtex", "biblatex", "ris"):
        proc = subprocess.run([sys.executable, __file__, "--child", fmt, str(n)], capture_output=True, text=True)
        if proc.returncode:
            print(f"{fmt:<15} failed: {proc.stderr.strip().splitlines()[-1]}")
            continue
        r = json.loads(proc.stdout)
        print(f"{fmt:<15}{r['rate']:>12,.0f}{r['seconds']:>10.2f}{r['peak_mib']:>14.0f}{r['render_mib']:>18.0f}"
              f"{r['bytes'] / 2**20:>12.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
