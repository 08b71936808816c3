"""refextract behind acuref's command line, so that realdocs' score.py measures it on the same documents.

score.py runs ``PYTHON -c "import acuref"`` and ``PYTHON -m acuref export FILE --no-resolve -f csl-json -o OUT
--report REPORT``. This script answers both: it runs refextract (INSPIRE's extractor: pdftotext for PDFs, its own
splitter and field rules for text) on FILE and writes its references as CSL-JSON items, with each item's raw string in
a report shaped like acuref's, so both tools are matched to the gold by the same code. It is run by
``benchmarks/peers/refextract-python`` with the interpreter of a venv that has refextract installed (never acuref's:
refextract is a peer measured beside acuref, not a dependency).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path


def _first(value):
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _family(name: str) -> str:
    """refextract prints authors as written ('J. Smith', 'Smith, J.'): the family name is the part without initials."""
    name = name.strip()
    if "," in name:
        return name.split(",")[0].strip()
    words = [w for w in re.split(r"\s+", name) if w and not re.fullmatch(r"(?:[A-Z]\.-?)+|[A-Z]", w)]
    return words[-1] if words else name


def _item(n: int, ref: dict) -> tuple[dict, dict]:
    raw = " ".join(ref.get("raw_ref") or [])
    item: dict = {"id": f"ref{n}", "type": "article-journal"}
    authors = ref.get("author") or []
    if authors:
        first = re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", authors[0])
        item["author"] = [{"family": _family(first[0] if "," not in authors[0][:20] else authors[0])}]
    for key, csl in (("title", "title"), ("journal_title", "container-title"), ("journal_volume", "volume"),
                     ("journal_page", "page")):
        value = _first(ref.get(key))
        if value:
            item[csl] = str(value)
    year = _first(ref.get("year")) or _first(ref.get("journal_year"))
    if year and str(year)[:4].isdigit():
        item["issued"] = {"date-parts": [[int(str(year)[:4])]]}
    doi = _first(ref.get("doi"))
    if doi:
        item["DOI"] = re.sub(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)", "", str(doi), flags=re.I)
    return item, {"id": item["id"], "sources": [{"raw": raw}]}


def main(argv: list[str]) -> int:
    if argv[:1] == ["-c"]:
        import refextract  # noqa: F401  (score.py's "is it importable" check)
        return 0
    if argv[:3] != ["-m", "acuref", "export"]:
        print(f"refextract_adapter: unexpected arguments {argv!r}", file=sys.stderr)
        return 2
    args = argv[3:]
    path = Path(args[0])
    out = Path(args[args.index("-o") + 1])
    report = Path(args[args.index("--report") + 1]) if "--report" in args else None
    from refextract import extract_references_from_file, extract_references_from_string

    if path.suffix.lower() == ".pdf":
        refs = extract_references_from_file(str(path))
    else:
        refs = extract_references_from_string(path.read_text(encoding="utf-8", errors="replace"))
    pairs = [_item(n, ref) for n, ref in enumerate(refs, start=1)]
    out.write_text(json.dumps([p[0] for p in pairs], ensure_ascii=False), encoding="utf-8")
    if report is not None:
        report.write_text(json.dumps({"items": [p[1] for p in pairs]}, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
