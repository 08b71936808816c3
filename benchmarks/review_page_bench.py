"""The review page (--report-html) at scale: generated pages (the Dask benchmark's documents: real reference
strings, works cited on many pages) at 100, 1,000 and 5,000 documents, no resolution. For each size: the
references on the page, rendering time in Python, the page's size, and in headless Chromium the time to load it,
apply the needs-attention filter, sort by confidence, take a decision and download the decisions file, beside
the baseline: the same page without its layout containment (Chromium lays out every document, as before it).
Then the page's figures per 1,000 references against the smallest page's, so growth worse than linear shows
as a ratio above 1.

Needs Debian's chromium and tests/js's playwright-core (.ci/run installs both).
Usage: python benchmarks/review_page_bench.py [--sizes 100,1000,5000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from acuref import run
from acuref.report import html as report_html
from acuref.settings import Settings
from dask_bench import pages

HERE = Path(__file__).resolve().parent


def measure(docs: int, tmp: Path) -> list[dict]:
    """The page for ``docs`` generated documents, then the baseline: the same page without its layout
    containment (every document laid out, as before it)."""
    folder = tmp / f"docs{docs}"
    folder.mkdir()
    pages(folder, docs, seed=17)
    result = run([str(folder)], settings=Settings(resolver=None))
    refs = sum(len(e.ref.sources) for e in result.entries)
    t0 = time.perf_counter()
    text = report_html.render(result.entries, result.warnings, result.dedupe, skipped=result.skipped)
    render_s = time.perf_counter() - t0
    out = []
    for label, html in (("page", text), ("baseline", text.replace(report_html.CONTAINMENT, "", 1))):
        page = tmp / f"review{docs}-{label}.html"
        page.write_text(html, encoding="utf-8")
        download = tmp / f"d{docs}-{label}.json"
        proc = subprocess.run(["node", str(HERE / "review_page_timing.js"), str(page), str(download)],
                              capture_output=True, text=True, timeout=3600,
                              env={**os.environ, "CHROMIUM": os.environ.get("CHROMIUM", "/usr/bin/chromium")})
        if proc.returncode != 0:
            raise SystemExit(f"chromium run failed: {proc.stderr.strip()}")
        browser = json.loads(proc.stdout)
        decided = json.loads(download.read_text(encoding="utf-8"))["decisions"]
        out.append({"docs": docs, "label": label, "refs": refs, "MB": page.stat().st_size / 1e6,
                    "render ms": render_s * 1000, **browser["ms"], "errors": browser["errors"],
                    "shown": browser["shown"], "decided": len(decided), "rows": refs + len(result.skipped)})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000,5000")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmpdir:
        rows = [r for n in sizes for r in measure(n, Path(tmpdir))]
    keys = ["MB", "render ms", "load", "needs attention", "sort by confidence", "all again", "decide", "download"]
    print("milliseconds, except MB; 'baseline' is the same page without its layout containment")
    print(f"{'documents':>10} {'references':>11} {'':>9}" + "".join(f"{k:>19}" for k in keys))
    for r in rows:
        print(f"{r['docs']:>10,} {r['refs']:>11,} {r['label']:>9}" + "".join(f"{r[k]:>19,.1f}" for k in keys)
              + ("" if not r["errors"] else f"  errors: {r['errors']}"))
    print("\nbaseline / page (how many times faster the page is):")
    for page, base in zip(rows[::2], rows[1::2]):
        print(f"{page['docs']:>10,} {page['refs']:>11,} {'':>9}" + " " * 38 + "".join(
            f"{base[k] / page[k]:>19.2f}" if page[k] else f"{'-':>19}" for k in keys[2:]))
    first = rows[0]
    print("\nthe page, per 1,000 references, as a ratio to the first size (1.00 = linear growth):")
    for r in rows[2::2]:
        ratios = [(r[k] / r["refs"]) / (first[k] / first["refs"]) if first[k] else float("nan") for k in keys]
        print(f"{r['docs']:>10,} {r['refs']:>11,} {'':>9}" + "".join(f"{x:>19.2f}" for x in ratios))
    bad = sorted({r["docs"] for r in rows if r["errors"] or r["shown"] != r["rows"] or r["decided"] != 1})
    print("\nevery page: no script error, every row (references and skipped candidates) shown after the filters are "
          "undone, one decision downloaded: " + ("yes" if not bad else f"NO (sizes {bad})"))
    return 0 if not bad else 1


if __name__ == "__main__":
    sys.exit(main())
