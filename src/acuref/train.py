"""Train the CRF reference parser: ``python -m acuref.train [--data ../shared/data/parsing] [--out PATH]``.

The training data are annotated reference strings: the unified JSON-lines sets (GROBID, PubMed, synthetic
Vancouver, Cora) and AnyStyle's XML sets (core, good, bad, ugly). Strings are deduplicated by their
normalised text across sets, then split by a hash of that text: the same 10% are always the test split,
whatever order the files come in. The model is written to ``src/acuref/data/crf.model``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .crf import features, labels_for, tokenize

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "parsing"
DEFAULT_OUT = Path(__file__).resolve().parent / "data" / "crf.model"
# Biomedical sets first: a string found in several sets counts for the first.
UNIFIED = (("biomed", "biomed_grobid_pubmed2000.jsonl"), ("biomed", "synthetic_vancouver_from_pmc.jsonl"),
           ("biomed", "biomed_vancouver_misc.jsonl"), ("general", "grobid_citations.jsonl"),
           ("general", "grobid_other_sample.jsonl"), ("general", "grobid_evaluation.jsonl"),
           ("general", "parscit_cora.jsonl"))
ANYSTYLE = ("core", "good", "bad", "ugly")


@dataclass(frozen=True, slots=True)
class Example:
    dataset: str
    domain: str
    raw: str
    spans: tuple[tuple[int, int, str], ...]


def _key(raw: str) -> str:
    return re.sub(r"[^a-z0-9]", "", raw.lower())


def is_test(raw: str) -> bool:
    return int(hashlib.sha1(_key(raw).encode()).hexdigest(), 16) % 10 == 0


def _anystyle(path: Path, name: str) -> Iterator[Example]:
    for seq in ET.parse(path).getroot().iter("sequence"):
        raw, spans = "", []
        for el in seq:
            text = " ".join((el.text or "").split())
            if not text:
                continue
            if raw:
                raw += " "
            spans.append((len(raw), len(raw) + len(text), el.tag))
            raw += text
        if raw:
            yield Example(f"anystyle_{name}", "general", raw, tuple(spans))


def load(data: Path) -> list[Example]:
    """Every annotated string, deduplicated by normalised text (first set wins)."""
    seen: set[str] = set()
    out: list[Example] = []

    def add(ex: Example) -> None:
        key = _key(ex.raw)
        if key and key not in seen:
            seen.add(key)
            out.append(ex)

    for domain, name in UNIFIED:
        path = data / "unified" / name
        if path.exists():
            for line in path.open(encoding="utf-8"):
                row = json.loads(line)
                add(Example(name.removesuffix(".jsonl"), domain, row["raw"],
                            tuple((s, e, lab) for s, e, lab in row["spans"])))
    for name in ANYSTYLE:
        path = data / "anystyle" / f"{name}.xml"
        if path.exists():
            for ex in _anystyle(path, name):
                add(ex)
    return out


def sequences(examples: list[Example]) -> Iterator[tuple[list[list[str]], list[str]]]:
    for ex in examples:
        tokens = tokenize(ex.raw)
        if tokens:
            yield features(tokens, ex.raw), labels_for(tokens, list(ex.spans))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--c1", type=float, default=0.1, help="L1 weight: higher gives a smaller model")
    ap.add_argument("--c2", type=float, default=0.01)
    args = ap.parse_args(argv)
    if not args.data.exists():
        print(f"training data not found at {args.data} (it lives in ../shared/data/parsing/)", file=sys.stderr)
        return 1
    import pycrfsuite

    examples = load(args.data)
    train = [ex for ex in examples if not is_test(ex.raw)]
    print(f"{len(examples)} distinct strings; training on {len(train)}, {len(examples) - len(train)} held out")
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in sequences(train):
        trainer.append(xseq, yseq)
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.possible_transitions": True, "feature.minfreq": 2})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    trainer.train(str(args.out))
    print(f"trained in {time.perf_counter() - t0:.0f} s; model {args.out} ({args.out.stat().st_size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
