"""Issue 26's sizes: parse_reference on run-together strings up to 320 KB, and 100,000 numbered references.

Usage: python benchmarks/hostile_sizes.py [--refs 100000] [--export]

Printed beside each figure is its baseline: for a long string, the same shape at 10 KB (below the length
parse_reference reads field by field) scaled linearly to the size; for the 100,000 references, 1,000 of the
same kind parsed the same way and scaled linearly. With --export the whole `acuref export --no-resolve` of a
text file of that many numbered references is timed too (read, extract, parse, dedupe, write).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from acuref import parse_reference

SHAPES = {
    "initials": "A. ",
    "sentences": "Word of the study. ",
    "Vancouver run together": "Okafor N, Lindqvist B. Grip strength in adults. J Aging Res. 2011;12(3):45-52. ",
    "author list": "Smith J, ",
}
FAMILIES = "Okafor Lindqvist Haddad Moreau Kowalski Tanaka Novak Rossi Dubois Garcia".split()
JOURNALS = ["J Aging Res", "Sleep Med", "Lancet", "BMJ Open", "Phys Rev Lett", "J Biol Chem"]


def timed(text: str) -> float:
    t0 = time.perf_counter()
    parse_reference(text)
    return time.perf_counter() - t0


def reference(rng: random.Random, i: int) -> str:
    authors = ", ".join(f"{rng.choice(FAMILIES)} {rng.choice('ABCDEFGH')}" for _ in range(rng.randint(1, 5)))
    return (f"{authors}. Study {i} of grip strength and sleep in adults. {rng.choice(JOURNALS)}. "
            f"{rng.randint(1960, 2024)};{rng.randint(1, 300)}({rng.randint(1, 12)}):{rng.randint(1, 800)}-"
            f"{rng.randint(801, 999)}.")


def long_strings() -> None:
    print(f"{'shape':<26}{'chars':>9}{'parse s':>10}{'linear from 10 KB':>19}")
    for name, unit in SHAPES.items():
        base = timed((unit * (10_000 // len(unit) + 1))[:10_000])
        for size in (40_000, 80_000, 160_000, 320_000):
            text = (unit * (size // len(unit) + 1))[:size]
            print(f"{name:<26}{size:>9,}{timed(text):>10.3f}{base * size / 10_000:>19.3f}")


def many(n: int, export: bool) -> None:
    rng = random.Random(26)
    refs = [reference(rng, i) for i in range(n)]
    t0 = time.perf_counter()
    for r in refs[:1000]:
        parse_reference(r)
    small = time.perf_counter() - t0
    t0 = time.perf_counter()
    for r in refs:
        parse_reference(r)
    whole = time.perf_counter() - t0
    print(f"\nparse_reference on {n:,} numbered references: {whole:.1f} s "
          f"(1,000 of them took {small:.2f} s: linear would be {small * n / 1000:.1f} s)")
    if not export:
        return
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "refs.txt"
        page.write_text("A study.\n\nReferences\n\n" + "".join(f"{i}. {r}\n" for i, r in enumerate(refs, 1)),
                        encoding="utf-8")
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "acuref", "export", str(page), "--no-resolve", "-q", "-o",
                               str(Path(tmp) / "out.json")], capture_output=True, text=True)
        print(f"acuref export of a text file of {n:,} numbered references: {time.perf_counter() - t0:.1f} s, "
              f"exit {proc.returncode}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--refs", type=int, default=100_000)
    ap.add_argument("--export", action="store_true")
    args = ap.parse_args()
    long_strings()
    many(args.refs, args.export)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
