"""Deduplication quality and speed on the labelled sets of ../shared/data/dedup/, side by side with bib-dedupe.

Usage: python benchmarks/dedup_bench.py [--no-bib-dedupe]     (bib-dedupe: pip install bib-dedupe)

Conventions (../shared/data/README.md):
- ASySD diabetes: one record is kept per predicted cluster — the one the labels mark `unique` when the
  cluster has one (the labels pick one record per work arbitrarily), else the lowest record_id — and removed
  records are counted against the `source` column (duplicate / unique).
- SRA respiratory: a record is predicted duplicate when its cluster has two or more members.
- Cora: pairs after transitive closure of the predicted clusters, against the gold pairs.
- bib_dedupe_test_cases.json: each of the 25 pairs is decided as duplicate or not.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
import warnings
from collections.abc import Callable

from dedup_data import DEDUP, asysd, bib_dedupe_cases, cora, reference, respiratory

from acuref.dedupe.stage import decide, find_duplicates, fingerprint
from acuref.model import Reference


def clusters_acuref(refs: list[Reference]) -> list[list[int]]:
    return find_duplicates(refs, pause_gc=True)[0]


def clusters_bib_dedupe(rows: list[dict], fields: Callable[[dict], dict]) -> list[list[int]]:
    import pandas as pd
    from bib_dedupe.bib_dedupe import block, cluster, match, prep

    records = pd.DataFrame([{"ID": str(i), **fields(r)} for i, r in enumerate(rows)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        prepared = prep(records, verbosity_level=0, cpu=1)
        pairs = block(prepared, verbosity_level=0, cpu=1)
        matched = match(pairs, verbosity_level=0, cpu=1)
        sets = cluster(matched, verbosity_level=0)
    seen = set()
    out = []
    for s in sets:
        group = sorted(int(x) for x in s)
        out.append(group)
        seen.update(group)
    out.extend([i] for i in range(len(rows)) if i not in seen)
    return out


def _bd_fields(r: dict) -> dict:
    keep = ("ENTRYTYPE", "author", "title", "year", "journal", "booktitle", "volume", "number", "pages", "doi",
            "abstract", "isbn")
    out = {k: ("" if r.get(k) in (None, "NA") else str(r.get(k))) for k in keep}
    out["ENTRYTYPE"] = out["ENTRYTYPE"] or "article"
    return out


def asysd_scores(rows: list[dict], clusters: list[list[int]]) -> tuple[float, float]:
    tp = fp = fn = tn = 0
    for group in clusters:
        # The labels mark one record per work, arbitrarily, as the one to keep: keep it when the cluster has
        # it, so that only clusters joining two works (two such records) count as false merges.
        labelled = [i for i in group if rows[i]["source"] == "unique"]
        keep = labelled[0] if labelled else min(group, key=lambda i: int(rows[i]["record_id"]))
        for i in group:
            dup = rows[i]["source"] == "duplicate"
            removed = i != keep
            tp += removed and dup
            fp += removed and not dup
            fn += (not removed) and dup
            tn += (not removed) and not dup
    return tp / max(tp + fn, 1), tn / max(tn + fp, 1)


def member_scores(rows: list[dict], clusters: list[list[int]], gold: str) -> tuple[float, float]:
    predicted = {i for g in clusters if len(g) > 1 for i in g}
    tp = sum(1 for i, r in enumerate(rows) if r[gold] == "1" and i in predicted)
    fn = sum(1 for i, r in enumerate(rows) if r[gold] == "1" and i not in predicted)
    fp = sum(1 for i, r in enumerate(rows) if r[gold] != "1" and i in predicted)
    tn = sum(1 for i, r in enumerate(rows) if r[gold] != "1" and i not in predicted)
    return tp / max(tp + fn, 1), tn / max(tn + fp, 1)


def pair_scores(rows: list[dict], clusters: list[list[int]], gold: set[tuple[str, str]]) -> tuple[float, float, float]:
    predicted = set()
    for g in clusters:
        ids = sorted(rows[i]["Entity Id"] for i in g)
        predicted.update(tuple(sorted(p)) for p in itertools.combinations(ids, 2))
    tp = len(predicted & gold)
    p = tp / max(len(predicted), 1)
    r = tp / max(len(gold), 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def timed(fn, *args):
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-bib-dedupe", action="store_true")
    args = ap.parse_args()
    if not DEDUP.exists():
        print(f"{DEDUP} not found (it lives in ../shared/); nothing measured")
        return 1
    use_bd = not args.no_bib_dedupe
    if use_bd:
        try:
            import bib_dedupe  # noqa: F401
        except ImportError:
            print("bib-dedupe is not installed (pip install bib-dedupe); its column is left out")
            use_bd = False

    cases = bib_dedupe_cases()
    right = 0
    for c in cases:
        a = reference(c["record_a"], label="a", file="case")
        b = reference(c["record_b"], label="b", file="case")
        d = decide(fingerprint(0, a), fingerprint(1, b))
        right += bool(d and d.duplicate) == c["expected_duplicate"]
    print(f"bib_dedupe_test_cases.json: {right}/{len(cases)} pairs decided right (target 25/25)\n")

    print(f"{'set':<22}{'measure':<24}{'acuref':>10}{'seconds':>9}{'bib-dedupe':>12}{'seconds':>9}   target")
    refs, rows = asysd()
    ours, t_ours = timed(clusters_acuref, refs)
    bd, t_bd = timed(clusters_bib_dedupe, rows, _bd_fields) if use_bd else (None, 0.0)
    for name, idx in (("sensitivity", 0), ("specificity", 1)):
        a = asysd_scores(rows, ours)[idx]
        b = f"{asysd_scores(rows, bd)[idx]:>12.4f}{t_bd:>9.2f}" if bd else f"{'—':>12}{'':>9}"
        print(f"{'ASySD diabetes':<22}{name:<24}{a:>10.4f}{t_ours:>9.2f}{b}   {'>= 0.99' if idx == 0 else '1.000'}")

    refs, rows = respiratory()
    ours, t_ours = timed(clusters_acuref, refs)
    resp_fields = lambda r: _bd_fields({**r, "ENTRYTYPE": "article", "number": ""})  # noqa: E731
    bd, t_bd = timed(clusters_bib_dedupe, rows, resp_fields) if use_bd else (None, 0.0)
    for name, idx in (("sensitivity", 0), ("specificity", 1)):
        a = member_scores(rows, ours, "gold_is_duplicate_member")[idx]
        b = (f"{member_scores(rows, bd, 'gold_is_duplicate_member')[idx]:>12.4f}{t_bd:>9.2f}" if bd
             else f"{'—':>12}{'':>9}")
        print(f"{'SRA respiratory':<22}{name:<24}{a:>10.4f}{t_ours:>9.2f}{b}   {'>= 0.99' if idx == 0 else '1.000'}")

    refs, rows, gold = cora()
    ours, t_ours = timed(clusters_acuref, refs)
    cora_fields = lambda r: _bd_fields({"author": r.get("author"), "title": r.get("title"),  # noqa: E731
                                        "journal": r.get("venue"), "year": r.get("year"), "volume": r.get("volume"),
                                        "pages": r.get("pages"), "ENTRYTYPE": "article"})
    bd, t_bd = timed(clusters_bib_dedupe, rows, cora_fields) if use_bd else (None, 0.0)
    pa = pair_scores(rows, ours, gold)
    pb = pair_scores(rows, bd, gold) if bd else None
    for name, idx in (("pairwise precision", 0), ("pairwise recall", 1), ("pairwise F1", 2)):
        b = f"{pb[idx]:>12.4f}{t_bd:>9.2f}" if pb else f"{'—':>12}{'':>9}"
        print(f"{'Cora':<22}{name:<24}{pa[idx]:>10.4f}{t_ours:>9.2f}{b}   {'>= 0.85' if idx == 2 else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
