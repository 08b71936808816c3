"""Readers for the labelled dedup sets in ../shared/data/dedup/ (CSV columns and BibTeX-like dicts → References).

Benchmark use only: the sets are not copied into the repository (see ../shared/data/README.md for licences).
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from acuref.formats.bibtex import _split_names
from acuref.model import Date, Name, Reference, Source
from acuref.normalize.identifiers import find_doi
from acuref.normalize.names import parse_author_list
from acuref.normalize.pages import is_range, normalize_pages

DEDUP = Path(__file__).resolve().parents[2] / "shared" / "data" / "dedup"
_MISSING = {"", "na", "n/a", "none", "null", "unknown"}


def _clean(value) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return None if value.lower() in _MISSING else value


def names(value: str | None) -> tuple[Name, ...]:
    value = _clean(value)
    if not value:
        return ()
    if " and " in value:
        return _split_names(value)[0]
    if ";" in value:
        parts = [p.strip() for p in value.split(";") if p.strip()]
    else:
        # ASySD exports glue names: "Adeli K.Lewis G. F." → "Adeli K.", "Lewis G. F."
        parts = [p for p in re.split(r"(?<=\.)(?=[A-Z][a-z'’-])", value) if p.strip()]
    out = []
    for p in parts:
        parsed, _ = parse_author_list(p)
        out.extend(parsed[:1] if parsed else [Name(family=p.split()[0])])
    return tuple(out)


def reference(rec: dict, *, label: str, file: str) -> Reference:
    get = lambda *keys: next((_clean(rec.get(k)) for k in keys if _clean(rec.get(k))), None)  # noqa: E731
    pages = get("pages")
    page = number = None
    if pages:
        pages = pages.replace("--", "-")
        if is_range(pages):
            page = normalize_pages(pages)
        else:
            number = pages
    doi = get("doi")
    if doi:
        found = find_doi(doi)
        doi = found[0] if found else None
    year = re.search(r"\d{4}", get("year") or "")
    etype = (get("ENTRYTYPE", "ref_type") or "article").lower()
    ctype = "paper-conference" if etype in ("inproceedings", "conference") or get("booktitle") else \
        "book" if etype == "book" else "article-journal"
    return Reference(
        type=ctype, author=names(get("author")), title=get("title"),
        container_title=get("journal", "booktitle", "alt_journal"), issued=Date(int(year.group(0))) if year else None,
        volume=get("volume"), issue=get("number", "issue"), page=page, number=number, DOI=doi,
        sources=(Source(raw=json.dumps(rec, ensure_ascii=False, default=str)[:500], label=label, kind="bibliography",
                        file=file),),
    )


def bib_dedupe_cases() -> list[dict]:
    return json.loads((DEDUP / "bib_dedupe_test_cases.json").read_text(encoding="utf-8"))["cases"]


def asysd() -> tuple[list[Reference], list[dict]]:
    rows = list(csv.DictReader(open(DEDUP / "asysd_diabetes_labelled_test_set.csv", encoding="latin-1")))
    return [reference(r, label=r["record_id"], file="asysd") for r in rows], rows


def respiratory() -> tuple[list[Reference], list[dict]]:
    rows = list(csv.DictReader(open(DEDUP / "sra_respiratory.csv", encoding="utf-8")))
    # The export's `number` column is an EndNote record number (504, 505 … on one article), not the issue.
    return [reference({**r, "number": None}, label=r["rec_number"], file="sra") for r in rows], rows


def cora() -> tuple[list[Reference], list[dict], set[tuple[str, str]]]:
    text = (DEDUP / "cora.csv").read_text(encoding="utf-8", errors="replace").splitlines()
    header = text[0].rstrip("|").split("|")
    rows = []
    for line in text[1:]:
        cells = line.split("|")
        rows.append(dict(zip(header, cells)))
    refs = []
    for r in rows:
        # Cora is lower-cased and loosely split: restore name case, strip "pages"/"pp." and trailing commas.
        authors = (r.get("author") or "").strip(" ,.")
        authors = re.sub(r",?\s+and\s+", ", ", authors).title()
        pages = re.sub(r"^(?:pages|pp?)\.?\s*", "", (r.get("pages") or "").strip(" ,."), flags=re.IGNORECASE)
        volume = (r.get("volume") or "").strip(" ,.")
        vm = re.match(r"(?:vol(?:ume)?\.?\s*)?(\d+)\s*(?:\((\d+)\))?", volume, re.IGNORECASE)
        rec = {"author": authors.replace(", ", "; "), "title": (r.get("title") or "").strip(" ,.'\""),
               "journal": r.get("venue"), "year": r.get("year"), "volume": vm.group(1) if vm else None,
               "number": vm.group(2) if vm else None, "pages": pages, "ENTRYTYPE": "article"}
        refs.append(reference(rec, label=r["Entity Id"], file="cora"))
    pairs = set()
    for line in (DEDUP / "cora_gt.csv").read_text().splitlines()[1:]:
        a, _, b = line.partition("|")
        pairs.add(tuple(sorted((a.strip(), b.strip()))))
    return refs, rows, pairs
