"""Worst-case time on strings built to make regular expressions backtrack, at growing sizes.

Usage: python benchmarks/adversarial.py

For each pattern the time to parse and to extract is printed at three sizes; a pattern that backtracks
exponentially or quadratically shows it in the ratio between sizes (linear is about 4x per 4x size).
"""

from __future__ import annotations

import time

from acuref import extract_references, parse_reference

PATTERNS = {
    "capitalised particles": "Van De La ",
    "hyphenated names": "Van-Der-",
    "apostrophe names": "D'Al ",
    "initials": "A. ",
    "author list": "Smith J, ",
    "open parentheses": "(",
    "DOI with brackets": "a(",
    "sentences": "Word. ",
    "year;volume": "2012;",
    "digits": "1",
    "APA names": "Smith, J., and ",
    "quotes": "“",
    "In:": "In: ",
    "pages": "12-",
}


def main() -> int:
    print(f"{'pattern':<24}{'chars':>9}{'parse s':>10}{'extract s':>11}   time ratio per 4x size")
    for name, unit in PATTERNS.items():
        times = []
        for size in (5_000, 20_000, 80_000):
            text = (unit * (size // len(unit) + 1))[:size]
            if name == "DOI with brackets":
                text = "10.1234/" + text
            t0 = time.perf_counter()
            parse_reference(text)
            t1 = time.perf_counter()
            extract_references(text + "\n" + text)
            t2 = time.perf_counter()
            times.append((size, t1 - t0, t2 - t1))
        ratio = (times[-1][1] + times[-1][2]) / max(times[-2][1] + times[-2][2], 1e-6)
        for size, p, e in times:
            print(f"{name:<24}{size:>9,}{p:>10.3f}{e:>11.3f}")
        print(f"{'':<24}{'':>9}{'':>10}{'':>11}   x{ratio:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
