"""Field precision/recall/F1 per label and whole-reference accuracy of the CRF parser on the held-out split.

Usage: python benchmarks/parse_eval.py [--data ../shared/data/parsing] [--model PATH] [--markdown]

The split is the one `python -m acuref.train` uses (a fixed hash of each normalised string). A field is
correct when its text equals the gold text after trimming punctuation, spaces and case ("soft"), or
exactly as printed ("strict"). Gold labels of every set are mapped onto acuref's CSL-based labels first.
Also reports tagging speed and model load time.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from acuref.crf import LABEL_MAP, Tagger, segments
from acuref.train import DEFAULT_DATA, DEFAULT_OUT, is_test, load

IGNORED = {"O", "label"}


def soft(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def strict(text: str) -> str:
    return " ".join(text.split()).strip(" .,;:")


def gold_fields(raw: str, spans) -> Counter:
    out: Counter = Counter()
    for start, end, name in spans:
        label = LABEL_MAP.get(name, "note")
        if label not in IGNORED:
            out[(label, raw[start:end])] += 1
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--model", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--markdown", action="store_true", help="print the tables as Markdown for the README")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"{args.data} not found (it lives in ../shared/); nothing measured")
        return 1
    t0 = time.perf_counter()
    tagger = Tagger(str(args.model))
    load_s = time.perf_counter() - t0
    tests = [ex for ex in load(args.data) if is_test(ex.raw)]
    by_set: dict[str, list] = defaultdict(list)
    for ex in tests:
        by_set[ex.dataset].append(ex)
        by_set["ALL " + ex.domain].append(ex)

    t0 = time.perf_counter()
    tagged = {id(ex): tagger.tag(ex.raw) for ex in tests}
    tag_s = time.perf_counter() - t0

    def score(examples, norm) -> tuple[dict[str, list[int]], float]:
        per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
        whole = 0
        for ex in examples:
            tokens, tags, _ = tagged[id(ex)]
            gold = Counter({(lab, norm(t)): c for (lab, t), c in gold_fields(ex.raw, ex.spans).items()})
            pred = Counter((lab, norm(t)) for lab, t in segments(ex.raw, tokens, tags) if lab not in IGNORED)
            ok = True
            for key in set(gold) | set(pred):
                tp = min(gold[key], pred[key])
                per[key[0]][0] += tp
                per[key[0]][1] += pred[key] - tp
                per[key[0]][2] += gold[key] - tp
                ok = ok and gold[key] == pred[key]
            whole += ok
        return per, whole / max(len(examples), 1)

    def f1(tp, fp, fn):
        p = tp / max(tp + fp, 1)
        r = tp / max(tp + fn, 1)
        return p, r, 2 * p * r / max(p + r, 1e-9)

    print(f"held-out strings: {len(tests)}; model load {load_s * 1000:.0f} ms; "
          f"tagging {len(tests) / tag_s:,.0f} references/s (one core)")
    print(f"\n{'dataset':<34}{'n':>6}{'micro-F1 soft':>15}{'micro-F1 strict':>17}{'whole ref soft':>16}")
    order = sorted(by_set, key=lambda k: (not k.startswith("ALL"), k))
    for name in order:
        exs = by_set[name]
        per_soft, whole_soft = score(exs, soft)
        per_strict, _ = score(exs, strict)
        tot_s = [sum(v[i] for v in per_soft.values()) for i in range(3)]
        tot_x = [sum(v[i] for v in per_strict.values()) for i in range(3)]
        print(f"{name:<34}{len(exs):>6}{f1(*tot_s)[2]:>15.4f}{f1(*tot_x)[2]:>17.4f}{whole_soft:>16.3f}")
    for domain in ("ALL biomed", "ALL general"):
        per, _ = score(by_set[domain], soft)
        print(f"\n{domain} — per label (soft): label, precision, recall, F1, support")
        for label, (tp, fp, fn) in sorted(per.items(), key=lambda kv: -(kv[1][0] + kv[1][2])):
            p, r, f = f1(tp, fp, fn)
            print(f"  {label:<12}{p:>8.3f}{r:>8.3f}{f:>8.3f}{tp + fn:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
