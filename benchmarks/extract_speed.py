"""Extraction time grows with the document, not faster: a large web page of prose with three references at
the end, and a list of 100,000 numbered references.

Usage: python benchmarks/extract_speed.py [--mb 20] [--refs 100000] [--profile]

Each document is built in memory (every paragraph different, so no cache hides the work), loaded with
``load_text`` and extracted with ``extract_with_report`` in this process, on one core. The page is measured at
a quarter, half and all of its size, so that the time per MB can be compared; the brief's bars are 30 s for
the 20 MB page and well under 60 s for the 100,000 references.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from acuref.read import extract_with_report  # noqa: E402
from acuref.read.documents import load_text  # noqa: E402

WORDS = ("the river valley farmers market season water birds village council road bridge school winter "
         "summer harvest people walked along north south field forest old new small large quiet busy morning "
         "evening story letter house garden wall gate path hill stone light rain wind").split()
REFS = ["Amsel K, Brenner P. Birds of the northern valleys. J Field Ornithol. 2011;12:101-109.",
        "Corvo L, Neri P. Crows in the city. Urban Birds. 2016;12(3):45-61. doi:10.1000/ub.2016.45",
        "Dunlin S. Waders on mudflats. Coastal Studies 2019;8:112-120."]


def _paragraph(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(40, 90))]
    words[0] = words[0].capitalize()
    return f"Paragraph {n}: " + " ".join(words) + "."


def prose_page(mb: float, seed: int = 1) -> str:
    """An HTML page of about ``mb`` megabytes of prose paragraphs with a reference list of three at the end."""
    rng = random.Random(seed)
    parts, size, n = ["<html><body><h1>Notes from the valley</h1>"], 0, 0
    while size < mb * 1_000_000:
        n += 1
        para = f"<p>{_paragraph(rng, n)}</p>\n"
        parts.append(para)
        size += len(para)
    parts.append("<h2>References</h2><ol>" + "".join(f"<li>{r}</li>" for r in REFS) + "</ol></body></html>")
    return "".join(parts)


def numbered_list(count: int) -> str:
    """A plain-text list of ``count`` numbered references under one heading."""
    rows = [f"{n}. Author{n} A, Writer{n % 97} B. Study number {n} of the valley birds. "
            f"J Field Ornithol. {1950 + n % 70};{n % 300 + 1}:{n % 900 + 1}-{n % 900 + 9}." for n in range(1, count + 1)]
    return "References\n\n" + "\n".join(rows) + "\n"


def timed(text: str, name: str) -> tuple[float, int, int]:
    t0 = time.perf_counter()
    sources, skipped = extract_with_report(load_text(text, name))
    return time.perf_counter() - t0, len(sources), len(skipped)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20)
    ap.add_argument("--refs", type=int, default=100_000)
    ap.add_argument("--profile", action="store_true", help="profile the page at a quarter of its size")
    args = ap.parse_args()
    if args.profile:
        text = prose_page(args.mb / 4)
        cProfile.runctx("extract_with_report(load_text(text, 'page.html'))", globals(), {"text": text}, "/tmp/x.prof")
        pstats.Stats("/tmp/x.prof").sort_stats("cumulative").print_stats(25)
        return 0
    print("document                         MB   seconds  s/MB  found  skipped")
    for share in (0.25, 0.5, 1.0):
        text = prose_page(args.mb * share)
        secs, found, skipped = timed(text, "page.html")
        mb = len(text.encode()) / 1e6
        print(f"prose page, 3 references   {mb:8.1f} {secs:8.1f} {secs / mb:5.2f} {found:6d} {skipped:8d}")
    text = numbered_list(args.refs)
    secs, found, skipped = timed(text, "refs.txt")
    mb = len(text.encode()) / 1e6
    print(f"{args.refs:,} numbered references {mb:6.1f} {secs:8.1f} {secs / mb:5.2f} {found:6d} {skipped:8d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
