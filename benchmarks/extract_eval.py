"""Extraction recall, false positives and field accuracy on documents of every kind (extract_docs.py).

Usage: python benchmarks/extract_eval.py [--data ../shared/data/parsing] [--docs 300] [--seed 13] [--show N]

A printed reference counts as found when one extracted string matches it (folded text, similarity >= 0.9,
one to one); an extracted string that matches none is a false positive. Every reference string comes
from the held-out split of the annotated sets (``tools.train.is_test``) or from the hand-written table of
other kinds in ``tests/data/reference_kinds.tsv``. Fields of found references are those of
``parse_reference`` on the extracted string, compared with the gold spans (annotated strings only) on first
author, year, title, container, volume, first page and DOI, as ``parse_eval.py`` compares them. The
``skipped`` column counts rejected candidates the extractor listed (inside a reference section).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from rapidfuzz import fuzz

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import extract_docs  # noqa: E402
import parse_eval  # noqa: E402

from acuref import parse_reference  # noqa: E402
from acuref.read.documents import load_text  # noqa: E402
from acuref.read.extract import extract_with_report  # noqa: E402
from acuref.normalize.text import fold  # noqa: E402
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tools/ lives beside the package
from tools.train import is_test, load  # noqa: E402

KINDS = HERE.parent / "tests" / "data" / "reference_kinds.tsv"
FIELDS = ("author", "date", "title", "container", "volume", "pages", "doi")


def _norm(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())


def pools(data: Path) -> tuple[dict[str, list[str]], dict[str, tuple]]:
    pool: dict[str, list[str]] = defaultdict(list)
    spans: dict[str, tuple] = {}
    for ex in load(data):
        if not is_test(ex.raw) or len(ex.raw) < 25:
            continue
        field = "biomed" if ex.domain == "biomed" else ex.dataset
        pool[field].append(ex.raw)
        spans[ex.raw] = ex.spans
    for line in KINDS.read_text(encoding="utf-8").splitlines()[1:]:
        kind, ref = line.split("\t", 1)
        pool["kinds"].append(ref)
    pool["kinds"] = pool["kinds"] * 4  # a small table: drawn more often than its size
    return dict(pool), spans


def match(golds: tuple[str, ...], found: list[str]) -> tuple[dict[int, int], list[int]]:
    """Gold index -> found index (one to one, best first), and the found strings that match nothing."""
    g = [_norm(x) for x in golds]
    f = [_norm(x) for x in found]
    pairs = []
    for i, gi in enumerate(g):
        for j, fj in enumerate(f):
            score = fuzz.ratio(gi, fj) / 100
            if score >= 0.9:
                pairs.append((score, i, j))
    pairs.sort(reverse=True)
    got: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in got and j not in used:
            got[i] = j
            used.add(j)
    return got, [j for j in range(len(f)) if j not in used]


def field_ok(raw: str, spans: tuple, found: str) -> dict[str, bool]:
    gold = parse_eval.gold_fields(raw, spans)
    pred = parse_eval.ref_fields(parse_reference(found))
    out = {}
    for label in FIELDS:
        g = [v for (lab, v), n in gold.items() if lab == label]
        if not g:
            continue
        p = [v for (lab, v), n in pred.items() if lab == label]
        if label == "author":
            g, p = [x.split()[0] for x in g if x], [x.split()[0] for x in p if x]
        if label == "pages":
            g, p = [x.split("-")[0] for x in g], [x.split("-")[0] for x in p]
        out[label] = bool(p) and p[0] == g[0]
    return out


def _pdfs(pool: dict[str, list[str]], seed: int, papers: int = 20) -> list[tuple[str, Counter]]:
    """Recall and DOIs on two-column papers of held-out strings, numbered and with hanging indents."""
    import random

    sys.path.insert(0, str(HERE.parent / "tests"))
    import pdfgen

    from acuref.read.documents import load_bytes

    latin = [r for refs in pool.values() for r in refs if all(ord(ch) < 0x250 or ch in "–—‘’“”…•·" for ch in r)]
    rng = random.Random(seed)
    rows = []
    for numbered in (True, False):
        c: Counter = Counter()
        for k in range(papers):
            refs = list(dict.fromkeys(rng.sample(latin, rng.randint(25, 60))))
            sources, _ = extract_with_report(load_bytes(pdfgen.paper(refs, numbered=numbered), f"p{k}.pdf"))
            found = [s.raw for s in sources]
            got, fps = match(tuple(refs), found)
            c["docs"] += 1
            c["refs"] += len(refs)
            c["found"] += len(got)
            c["fp"] += len(fps)
            for i, j in got.items():
                printed = parse_reference(refs[i]).DOI
                if printed:
                    c["dois"] += 1
                    c["whole"] += parse_reference(found[j]).DOI == printed
        rows.append(("numbered [n]" if numbered else "hanging indent", c))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=HERE.parents[1] / "shared" / "data" / "parsing")
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--pdf", type=int, default=20, help="two-column PDF papers per layout (0: none)")
    ap.add_argument("--show", type=int, default=0, help="print this many missed references and false positives")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"extract_eval: {args.data} not found (the annotated sets live in ../shared/data/parsing)", file=sys.stderr)
        return 2
    pool, spans = pools(args.data)
    docs = extract_docs.build(pool, args.docs, args.seed)
    by: dict[str, Counter] = defaultdict(Counter)
    fields: Counter = Counter()
    whole = Counter()
    missed, false = [], []
    t0 = time.perf_counter()
    n_found_total = 0
    for doc in docs:
        document = load_text(doc.text, doc.name)
        sources, skipped = extract_with_report(document)
        found = [s.raw for s in sources]
        n_found_total += len(found)
        got, fps = match(doc.refs, found)
        for key in ("ALL", f"lang {doc.lang}", f"format {doc.fmt}", f"style {doc.style}",
                    "heading none" if doc.heading is None else "heading yes"):
            c = by[key]
            c["refs"] += len(doc.refs)
            c["found"] += len(got)
            c["fp"] += len(fps)
            c["skipped"] += len(skipped)
            c["docs"] += 1
            c["empty"] += not found
        for i, ref in enumerate(doc.refs):
            if i not in got:
                missed.append((doc.name, ref))
            elif ref in spans:
                ok = field_ok(ref, spans[ref], found[got[i]])
                for label, good in ok.items():
                    fields[(label, good)] += 1
                whole[all(ok.values())] += 1
        false.extend((doc.name, found[j]) for j in fps)
    elapsed = time.perf_counter() - t0
    pdf_rows = _pdfs(pool, args.seed, args.pdf) if args.pdf else []
    print(f"{len(docs)} documents, {by['ALL']['refs']} references, extracted and parsed in {elapsed:.1f} s\n")
    print("| slice | docs | refs | found | recall | false pos. | FP per 50 refs | skipped listed | docs with none |")
    print("|---|---|---|---|---|---|---|---|---|")
    for key in sorted(by, key=lambda k: (k != "ALL", k)):
        c = by[key]
        print(f"| {key} | {c['docs']} | {c['refs']} | {c['found']} | {c['found'] / c['refs']:.3f} | {c['fp']} | "
              f"{50 * c['fp'] / c['refs']:.2f} | {c['skipped']} | {c['empty']} |")
    if pdf_rows:
        print("\nTwo-column PDFs (tests/pdfgen.py, reportlab; Latin-script strings; DOIs compared after parsing):")
        print("| layout | papers | refs | found | recall | false pos. | printed DOIs | DOIs whole |")
        print("|---|---|---|---|---|---|---|---|")
        for layout, c in pdf_rows:
            print(f"| {layout} | {c['docs']} | {c['refs']} | {c['found']} | {c['found'] / c['refs']:.3f} | {c['fp']} | "
                  f"{c['dois']} | {c['whole']} |")
    print("\nFields of found annotated references (parse of the extracted string against the gold spans):")
    for label in FIELDS:
        good, bad = fields[(label, True)], fields[(label, False)]
        if good + bad:
            print(f"  {label:10s} {good / (good + bad):.3f}  ({good + bad})")
    print(f"  all seven right on {whole[True] / max(1, sum(whole.values())):.3f} of {sum(whole.values())} references")
    for title, rows in (("missed", missed), ("false positives", false)):
        if args.show:
            print(f"\n{title} ({len(rows)}):")
            for name, text in rows[: args.show]:
                print(f"  {name}: {text[:160]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
