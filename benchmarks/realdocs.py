"""The extraction benchmark: acuref on real documents (``../shared/realdocs``), beside refextract on the same ones.

Usage:
    python benchmarks/realdocs.py                       # acuref only, every document
    python benchmarks/realdocs.py --kind pdf            # one kind (pdf | web | html | md | rst | txt)
    python benchmarks/realdocs.py --peer /path/to/python-with-refextract   # refextract beside it
    python benchmarks/realdocs.py --peer-json rx.json   # refextract's figures from an earlier run (it takes minutes)
    python benchmarks/realdocs.py --corpus DIR          # another corpus built the same way (manifest.jsonl + score.py)

The corpus's own ``score.py`` does the scoring, for both tools, with the same matching: it runs ``python -m acuref
export FILE --no-resolve`` per document and matches the output to the gold references. refextract (INSPIRE's
extractor, the one offline Python peer) is run in acuref's place through ``benchmarks/peers/refextract-python``.
Figures are by kind, language and style; the last lines check the bar of issue 24 (found >= 0.95 overall and >= 0.90
for each kind and each language with 50 or more references, false entries <= 1.5 per 50, first author, year,
volume, first page and DOI >= 0.93, title and container >= 0.85, and on PDFs more found than refextract with at most
a tenth of its false entries). The generated documents of ``extract_eval.py`` are regression tests only: they share
the generator's assumptions and are no evidence of how acuref does on documents people have.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "realdocs"
PEER = HERE / "peers" / "refextract-python"
FIELDS = ("author", "year", "title", "container", "volume", "page", "doi")
BAR = {"author": 0.93, "year": 0.93, "volume": 0.93, "page": 0.93, "doi": 0.93, "title": 0.85, "container": 0.85}


def score(corpus: Path, python: str, kind: str | None, env: dict | None = None) -> dict:
    """The corpus's score.py run on one tool; its --json figures."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "figures.json"
        cmd = [sys.executable, str(corpus / "score.py"), "--python", python, "--json", str(out)]
        if kind:
            cmd += ["--kind", kind]
        done = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if not out.exists():
            sys.exit(f"realdocs: score.py failed ({done.returncode}): {done.stderr.strip()[-400:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def _cells(fig: dict | None) -> str:
    if fig is None:
        return f"{'':>6} {'':>6} {'':>6}"
    fields = sum(fig[f] for f in FIELDS) / len(FIELDS)
    return f"{fig['found']:6.3f} {fig['fp_per_50']:6.2f} {fields:6.3f}"


def table(title: str, ours: dict, peer: dict | None) -> None:
    """One group table: refs, then found / fp per 50 / mean of the seven fields for acuref and the peer."""
    head = "acuref found  fp/50 fields"
    print(f"\n{title:<36} {'refs':>5}  {head}" + ("   refextract  found  fp/50 fields" if peer else ""))
    for name, fig in sorted(ours.items(), key=lambda kv: -kv[1]["refs"]):
        other = peer.get(name) if peer else None
        print(f"{name[:36]:<36} {fig['refs']:>5}  {'':>6} {_cells(fig)}" + (f"   {'':>10} {_cells(other)}" if peer else ""))


def bar(ours: dict, peer: dict | None) -> list[str]:
    """The issue's bar, line by line: what holds and what does not, with the figure."""
    total, lines = ours["total"], []
    lines.append(f"found overall {total['found']:.3f} (>= 0.95: {'yes' if total['found'] >= 0.95 else 'NO'})")
    for group in ("kind", "language"):
        for name, fig in ours["groups"][group].items():
            if fig["refs"] >= 50 and fig["found"] < 0.90:
                lines.append(f"found {group} {name} {fig['found']:.3f} over {fig['refs']} refs (< 0.90)")
    lines.append(f"false entries {total['fp_per_50']:.2f} per 50 (<= 1.5: {'yes' if total['fp_per_50'] <= 1.5 else 'NO'})")
    for f, need in BAR.items():
        lines.append(f"{f} {total[f]:.3f} (>= {need}: {'yes' if total[f] >= need else 'NO'})")
    if peer is not None and "pdf" in ours["groups"]["kind"] and "pdf" in peer["groups"]["kind"]:
        a, r = ours["groups"]["kind"]["pdf"], peer["groups"]["kind"]["pdf"]
        ok = a["found"] > r["found"] and a["fp_per_50"] <= r["fp_per_50"] / 10
        lines.append(f"PDFs: acuref found {a['found']:.3f} fp/50 {a['fp_per_50']:.2f}, refextract found {r['found']:.3f} "
                     f"fp/50 {r['fp_per_50']:.2f} (more found, a tenth of the false entries: {'yes' if ok else 'NO'})")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--kind", choices=("pdf", "web", "html", "md", "rst", "txt"))
    ap.add_argument("--peer", help="a Python with refextract installed: run refextract on the same documents")
    ap.add_argument("--peer-json", type=Path, help="refextract's figures saved by an earlier run (--save-peer)")
    ap.add_argument("--save-peer", type=Path, help="write refextract's figures here, for --peer-json")
    ap.add_argument("--json", type=Path, help="write acuref's figures here")
    args = ap.parse_args()
    if not (args.corpus / "score.py").exists() or not (args.corpus / "manifest.jsonl").exists():
        print(f"realdocs: no corpus at {args.corpus} (score.py and manifest.jsonl); nothing measured")
        return 0
    ours = score(args.corpus, sys.executable, args.kind)
    peer = None
    if args.peer_json:
        peer = json.loads(args.peer_json.read_text(encoding="utf-8"))
    elif args.peer:
        peer = score(args.corpus, str(PEER), args.kind, env={**os.environ, "REFEXTRACT_PYTHON": args.peer})
        if args.save_peer:
            args.save_peer.write_text(json.dumps(peer), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(ours, indent=1), encoding="utf-8")
    t = ours["total"]
    print(f"realdocs ({args.corpus}): docs {t['docs']} refs {t['refs']} found {t['found']:.3f} "
          f"fp/50 {t['fp_per_50']:.2f} fields " + " ".join(f"{f} {t[f]:.3f}" for f in FIELDS) + f" all7 {t['all7']:.3f}")
    for group in ("kind", "language", "style"):
        table(f"by {group}", ours["groups"][group], peer["groups"][group] if peer else None)
    print("\nthe bar (issue 24):")
    for line in bar(ours, peer):
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
