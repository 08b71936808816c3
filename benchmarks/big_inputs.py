"""Large inputs in bounded memory: a 200 MB document and a folder of 10,000 documents.

Usage: python benchmarks/big_inputs.py [--mb 200] [--docs 10000]

Each run is `acuref export … --no-resolve` in its own process; the figures are wall time and the
process's peak resident memory. For scale, the baseline row is a process that only reads the 200 MB file
into memory as text (what reading it whole would cost before any parsing).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(cmd: list[str]) -> tuple[float, float, int]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # MiB, largest child so far
    return secs, peak, proc.returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=int, default=200)
    ap.add_argument("--docs", type=int, default=10_000)
    args = ap.parse_args()
    seeds = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "refs").glob("*.txt")))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big = tmp / "big.txt"
        with big.open("w", encoding="utf-8") as fh:
            written = 0
            while written < args.mb * 2**20:
                fh.write(seeds + "\n\n")
                written += len(seeds.encode()) + 2
        folder = tmp / "pages"
        folder.mkdir()
        for i in range(args.docs):
            (folder / f"page{i:05d}.txt").write_text(seeds[(i * 997) % 20000:][:6000], encoding="utf-8")
        print(f"{'input':<40}{'seconds':>9}{'peak RSS MiB':>14}{'exit':>6}")
        rows = [
            (f"baseline: read {args.mb} MB into memory", [sys.executable, "-c",
             f"import pathlib; t = pathlib.Path({str(big)!r}).read_text(encoding='utf-8'); print(len(t))"]),
            (f"acuref: one {args.mb} MB document", [sys.executable, "-m", "acuref", "export", str(big), "--no-resolve",
                                                   "-o", str(tmp / "a.json"), "-q"]),
            (f"acuref: {args.docs:,} documents", [sys.executable, "-m", "acuref", "export", str(folder), "--no-resolve",
                                                 "-o", str(tmp / "b.json"), "-q"]),
        ]
        for label, cmd in rows:
            # ru_maxrss of RUSAGE_CHILDREN is the maximum over all children so far: run each in a fresh
            # interpreter that reports its own peak instead.
            wrapper = [sys.executable, "-c",
                       "import resource,subprocess,sys,time; t=time.perf_counter(); r=subprocess.run(sys.argv[1:]);"
                       "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024, "
                       "r.returncode)", *cmd]
            out = subprocess.run(wrapper, capture_output=True, text=True).stdout.strip().splitlines()[-1].split()
            print(f"{label:<40}{float(out[0]):>9.1f}{float(out[1]):>14.0f}{int(out[2]):>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
