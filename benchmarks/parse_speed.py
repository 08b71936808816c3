"""Parsing speed end to end, the CRF beside the neural reader: references per second of CPU time on one core.

Usage: python benchmarks/parse_speed.py [--data ../shared/data/parsing] [--doc-size 40] [--limit N] [--general]

The strings are a mix: the held-out split of every annotated set (general and biomedical) and the glutton PubMed
Central strings, shuffled with a fixed seed and cut into "documents" of ``--doc-size`` strings; each document is
prepared (the neural reader tags it in batches) and then parsed string by string with
``acuref.parse_reference``, as ``pipeline.read_document`` does. Reported per reader:
- warm: references per CPU second over the whole mix, models loaded;
- cold: a fresh interpreter importing acuref and parsing one document, wall time (model load included);
- the model file's size, and the command line's start-up (``acuref --version``) which loads neither model.
``--general``: the held-out general strings only (humanities, books, chapters: the strings the rules hand to the
learned reader most often, so its speed counts most there).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tools/ lives beside the package
from tools.train import DEFAULT_DATA, DEFAULT_OUT, is_test, load  # noqa: E402

from acuref.parse import learned  # noqa: E402
from acuref.parse.rules import parse_reference  # noqa: E402

_COLD = """
import sys, time, json
t0 = time.perf_counter()
from acuref.parse import learned
from acuref.parse.rules import parse_reference
learned.use_reader(sys.argv[1])
texts = json.loads(sys.stdin.read())
learned.prepare(texts)
for t in texts:
    parse_reference(t)
print(time.perf_counter() - t0)
"""


def mixed(data: Path, limit: int, general: bool = False) -> list[str]:
    texts = [ex.raw for ex in load(data) if is_test(ex.raw) and (ex.domain == "general" or not general)]
    glutton = data / "glutton_pmc_dev.jsonl"
    if glutton.exists() and not general:
        texts += [json.loads(line)["reference"] for line in glutton.open(encoding="utf-8")]
    random.Random(5).shuffle(texts)
    return texts[:limit] if limit else texts


def warm(reader: str, docs: list[list[str]]) -> float:
    learned.use_reader(reader)
    learned.prepare(docs[0])  # load the model outside the timing
    t0 = time.process_time()
    n = 0
    for doc in docs:
        learned.prepare(doc)
        for text in doc:
            parse_reference(text)
        n += len(doc)
    return n / (time.process_time() - t0)


def cold(reader: str, doc: list[str]) -> float:
    out = subprocess.run([sys.executable, "-c", _COLD, reader], input=json.dumps(doc), capture_output=True,
                         text=True, check=True)
    return float(out.stdout.strip())


def startup() -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "acuref", "--version"], capture_output=True, check=True)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--doc-size", type=int, default=40)
    ap.add_argument("--limit", type=int, default=0, help="parse only the first N strings of the mix")
    ap.add_argument("--general", action="store_true", help="the held-out general strings only")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"{args.data} not found (it lives in ../shared/); nothing measured")
        return 1
    texts = mixed(args.data, args.limit, args.general)
    docs = [texts[i:i + args.doc_size] for i in range(0, len(texts), args.doc_size)]
    print(f"{len(texts)} {'general' if args.general else 'mixed'} strings in documents of {args.doc_size}; CLI start-up {startup() * 1000:.0f} ms")
    for reader, path in (("crf", DEFAULT_OUT), ("neural", DEFAULT_OUT.with_name("neural.npz"))):
        print(f"{reader:<7} warm {warm(reader, docs):>7,.0f} refs/s per core; cold (fresh process, load + one "
              f"document) {cold(reader, docs[0]) * 1000:,.0f} ms; model {path.stat().st_size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
