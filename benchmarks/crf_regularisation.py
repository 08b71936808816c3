"""Choose the CRF's L1/L2 weights on a dev split carved from the training split, never on the test split.

Usage: python benchmarks/crf_regularisation.py [--data ../shared/data/parsing] [--grid C1:C2 ...] [--iterations N]

The dev split is bucket 1 of the hash that makes bucket 0 the test split (about 1,400 strings); each setting
trains on the rest of the training split plus the strings rendered from its records (about 3 minutes per
setting on one core) and prints field micro-F1 of ``acuref.parse_reference`` on the dev strings, per domain,
with the model's size. The default grid is the one the shipped settings were chosen from.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

from acuref.parse import learned
from acuref.parse import rules as parse
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tools/ lives beside the package
from tools import train  # noqa: E402
from acuref.parse.crf import load_tagger

sys.path.insert(0, str(Path(__file__).resolve().parent))
from parse_eval import gold_fields, micro, ref_fields, tally  # noqa: E402  (a sibling script, not a package)

GRID = ("0.1:0.01", "0.1:0.1", "0.1:0.5", "0.1:1.0", "0.1:2.0", "0.1:4.0", "0.0:0.5", "0.03:0.5", "0.3:0.5",
        "0.6:0.5", "1.0:0.5")


def _weights(pair: str) -> tuple[float, float]:
    """``C1:C2`` → (c1, c2), or an argparse error naming what was wrong."""
    try:
        c1, c2 = (float(v) for v in pair.split(":"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{pair!r} is not C1:C2 (two numbers, such as 0.3:0.5)") from None
    return c1, c2


def _bucket(raw: str) -> int:
    return int(hashlib.sha1(train._key(raw).encode()).hexdigest(), 16) % 10


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=train.DEFAULT_DATA)
    ap.add_argument("--grid", nargs="+", type=_weights, default=[_weights(p) for p in GRID], help="C1:C2 pairs")
    ap.add_argument("--iterations", type=int, default=150)
    args = ap.parse_args()
    if not args.data.exists():
        print(f"{args.data} not found (it lives in ../shared/); nothing measured")
        return 1
    import pycrfsuite

    usable = [ex for ex in train.load(args.data) if not train.is_test(ex.raw) and ex.dataset not in train.EVALUATION_ONLY]
    dev = [ex for ex in usable if _bucket(ex.raw) == 1]
    rest = [ex for ex in usable if _bucket(ex.raw) != 1]
    rendered = [ex for ex in train.synthetic(rest) if _bucket(ex.raw) != 1]
    print(f"dev {len(dev)} strings; training on {len(rest)} + {len(rendered)} rendered")
    sequences = list(train.sequences(rest + rendered))  # the features once, for every setting
    for c1, c2 in args.grid:
        trainer = pycrfsuite.Trainer(verbose=False)
        for xseq, yseq in sequences:
            trainer.append(xseq, yseq)
        trainer.set_params({"c1": c1, "c2": c2, "max_iterations": args.iterations,
                            "feature.possible_transitions": True, "feature.minfreq": 2})
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "dev.model"
            trainer.train(str(path))
            tagger = load_tagger(str(path))
            learned.default_tagger = lambda tagger=tagger: tagger
            scores = []
            for domain in ("biomed", "general"):
                exs = [ex for ex in dev if ex.domain == domain]
                per, _ = tally((gold_fields(ex.raw, ex.spans), ref_fields(parse.parse_reference(ex.raw))) for ex in exs)
                scores.append(f"{domain} {micro(per):.4f}")
            print(f"c1 {c1:<5} c2 {c2:<5} " + "  ".join(scores) + f"  model {path.stat().st_size / 2**20:.1f} MiB",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
