"""Digests of what acuref writes, to show a refactoring changed nothing: run before and after, compare.

Covers the seed pages (every export format, the report and the review page, offline), every held-out parse
set (each string's Reference), the generated extraction documents (every found string), and the labelled
dedup sets (the clusters). Prints one sha256 per part; ``--save FILE`` writes them, ``--check FILE`` compares.

Usage: python benchmarks/identity.py [--save FILE | --check FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT.parent / "shared" / "data" / "parsing"


def digest(parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:16]


def seeds() -> dict[str, str]:
    from acuref import run
    from acuref.report import summary as report
    from acuref.report import html as report_html
    from acuref.formats import names, render

    result = run([str(ROOT / "refs")])
    out = {f"seeds {fmt}": digest([render(result.entries, fmt)]) for fmt in names()}
    out["seeds report"] = digest([report.dumps(result.entries, result.warnings, result.dedupe, result.skipped)])
    out["seeds html"] = digest([report_html.render(result.entries, result.warnings, result.dedupe,
                                                   skipped=result.skipped)])
    return out


def parse_sets() -> dict[str, str]:
    from acuref import parse_reference

    out = {}
    rows = [json.loads(line)["reference"] for line in (DATA / "glutton_pmc_dev.jsonl").open(encoding="utf-8")]
    out["parse glutton"] = digest(parse_reference(r) for r in rows)
    for path in sorted((DATA / "unified").glob("*.jsonl")):
        raws = [json.loads(line)["raw"] for line in path.open(encoding="utf-8")]
        out[f"parse {path.stem}"] = digest(parse_reference(r) for r in raws)
    return out


def documents() -> dict[str, str]:
    sys.path.insert(0, str(HERE))
    import extract_docs
    from extract_eval import pools

    from acuref import load_text
    from acuref.read.extract import extract_with_report

    docs = extract_docs.build(pools(DATA)[0], 300, 13)
    return {"extract docs": digest(extract_with_report(load_text(doc.text, doc.name)) for doc in docs)}


def dedup_sets() -> dict[str, str]:
    sys.path.insert(0, str(HERE))
    from dedup_data import asysd, cora, respiratory

    from acuref.dedupe.stage import find_duplicates

    return {f"dedup {name}": digest(find_duplicates(load()[0])[0]) for name, load in
            (("asysd", asysd), ("respiratory", respiratory), ("cora", cora))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--save")
    ap.add_argument("--check")
    args = ap.parse_args()
    got = {**seeds(), **parse_sets(), **documents(), **dedup_sets()}
    for k, v in got.items():
        print(f"{k:<40}{v}")
    if args.save:
        Path(args.save).write_text(json.dumps(got, indent=1) + "\n", encoding="utf-8")
    if args.check:
        want = json.loads(Path(args.check).read_text(encoding="utf-8"))
        changed = [k for k in want if want[k] != got.get(k)]
        print("identical" if not changed else "CHANGED: " + ", ".join(changed))
        return 1 if changed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
