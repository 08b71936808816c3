"""Printed DOIs as the parser returns them: right, held back as incomplete, or wrong; never incomplete.

Over every string that prints a DOI prefix (``10.NNNN/``) in glutton's 5,149 PubMed Central strings (gold DOI per
string) and in the unified annotated sets (gold DOI span), after the parser's own cleaning. A string's gold DOI
that is not the printed one (glutton sometimes gives another work's) is counted apart, as is printed text
damaged past repair (a SICI DOI whose ``<`` and ``>`` the PDF lost).

Usage: python benchmarks/doi_eval.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from acuref import parse_reference
from acuref.normalize.identifiers import doi_key, is_complete_doi, join_broken_dois, trim_doi
from acuref.normalize.text import squash

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "parsing"
PREFIX = re.compile(r"10\s*\.\s*\d{4,9}\s*/")
# A gold span may hold its label and the punctuation around it ("(doi:10.1017/…)", "[doi>10.1007/…]", "89" for a
# span that is no DOI at all): the DOI is what the span holds in DOI form, up to a glued "Epub" or "PMID".
GOLD = re.compile(r"10\.\d{4,9}/[^\s\"]+?(?=\.?(?:Epub|PMID)|$)")


def printed_form(raw: str, gold: str) -> bool:
    """Does the string print this gold DOI (whitespace and line breaks aside)?"""
    return doi_key(gold).replace(" ", "") in re.sub(r"\s+", "", raw).lower()


def main() -> int:
    if not DATA.exists():
        print(f"{DATA} not found (it lives in ../shared/); nothing measured")
        return 1
    rows = []
    for line in (DATA / "glutton_pmc_dev.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        rows.append(("glutton PMC", r["reference"], (r.get("doi") or "").replace(" ", "") or None))
    for path in sorted((DATA / "unified").glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            r = json.loads(line)
            gold = next((r["raw"][a:b] for a, b, label in r["spans"] if label == "doi"), None)
            m = GOLD.search(squash(join_broken_dois(gold)).replace(" ", "")) if gold else None
            rows.append((path.stem, r["raw"], trim_doi(m.group(0)) if m else None))
    table: dict[str, dict[str, int]] = {}
    incomplete_emitted = []
    for name, raw, gold in rows:
        if not PREFIX.search(raw):
            continue
        t = table.setdefault(name, {"print a DOI": 0, "gold printed": 0, "right": 0, "none": 0, "wrong": 0,
                                    "gold not printed": 0})
        t["print a DOI"] += 1
        got = parse_reference(raw).DOI
        if got and not is_complete_doi(got):
            incomplete_emitted.append((raw, got))
        if not gold or not printed_form(raw, gold):
            t["gold not printed"] += 1
            continue
        t["gold printed"] += 1
        key = "right" if got and doi_key(got) == doi_key(gold) else "none" if not got else "wrong"
        t[key] += 1
        if key != "right":
            print(f"  {name}: {key}: got {got!r}, gold {gold!r}: …{squash(raw)[-90:]!r}")
    print(f"{'set':<34}{'print a DOI':>12}{'gold printed':>13}{'right':>7}{'none':>6}{'wrong':>7}{'share right':>12}"
          f"{'gold not printed':>17}")
    for name, t in table.items():
        print(f"{name:<34}{t['print a DOI']:>12}{t['gold printed']:>13}{t['right']:>7}{t['none']:>6}{t['wrong']:>7}"
              f"{t['right'] / max(t['gold printed'], 1):>12.4f}{t['gold not printed']:>17}")
    print(f"incomplete DOIs emitted: {len(incomplete_emitted)}")
    for raw, got in incomplete_emitted[:10]:
        print(f"  {got!r}: {squash(raw)[-100:]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
