"""Exact records a document carries, turned into references beside the ones found in its text.

Reference managers' citation fields, JATS ``<element-citation>`` and biblatex ``.bbl`` data arrive from the
read stage as CSL-JSON items (``read.documents.Record``); they become references as a CSL-JSON library's items
do (``formats.csl``), never through the parser. A typed bibliography in the same document is matched to
them: an entry a record explains is the same work and goes; one no record explains is kept as parsed. An
``.aux`` names keys; exactly those entries are taken from the ``.bib`` files it names.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from acuref import formats
from acuref.errors import InputError
from acuref.formats.csl import item_to_reference
from acuref.model import Origin, Reference, Source, Warning_
from acuref.normalize.identifiers import doi_key
from acuref.normalize.text import letters_key
from acuref.read.documents import Document, Record, decode, read_input


def rendered(item: dict) -> str:
    """A record as one readable citation string (what a report shows and a resolver searches with)."""
    names = []
    for n in item.get("author") or item.get("editor") or []:
        if isinstance(n, dict):
            names.append(n.get("literal") or ", ".join(p for p in (n.get("family"), n.get("given")) if p))
    year = ((item.get("issued") or {}).get("date-parts") or [[None]])[0][0] if isinstance(item.get("issued"), dict) else None
    where = " ".join(str(p) for p in (item.get("container-title"), item.get("volume")) if p)
    if item.get("issue"):
        where += f"({item['issue']})"
    if item.get("page") or item.get("number"):
        where += f", {item.get('page') or item.get('number')}"
    parts = ["; ".join(names), f"({year})" if year else "", str(item.get("title") or ""), where,
             str(item.get("publisher") or ""), f"doi:{item['DOI']}" if item.get("DOI") else ""]
    return ". ".join(p.strip() for p in parts if p and p.strip())


def from_record(record: Record, file: str) -> Reference:
    """One record as a reference: fields exactly as the record holds them, the manager named in its source."""
    item = json.loads(record.csl)
    ref = item_to_reference(item, file, record.line - 1)
    kind = "bibliography" if record.manager == "biblatex" else "field"  # a .bbl's keys are the user's own
    src = Source(rendered(item), record.line, record.line, record.id, kind, file, record.manager)
    return replace(ref, sources=(src,), origin=Origin("csl-json", record.csl, fields=tuple(item), present=ref.filled()))


def explained(typed: Reference, exact: list[Reference]) -> bool:
    """Whether a typed reference is one a record already gives: the same DOI, or the record's title printed in it."""
    raw = letters_key(typed.sources[0].raw) if typed.sources else ""
    for ref in exact:
        if typed.DOI and ref.DOI and doi_key(typed.DOI) == doi_key(ref.DOI):
            return True
        title = letters_key(ref.title or "")
        if len(title) >= 12 and title[:60] in raw:
            return True
    return False


def cited_entries(doc: Document) -> tuple[list[Reference], list[Warning_]]:
    """An ``.aux``'s cited keys, each taken once from the ``.bib`` files it names, crossrefs filled in."""
    load = formats.reader_for(".bib")
    assert load is not None
    library: dict[str, Reference] = {}
    raws: dict[str, str] = {}
    warnings: list[Warning_] = []
    for path in doc.libraries:
        if not Path(path).is_file():
            warnings.append(Warning_(f"{doc.name}: names {path}, which is not there", doc.name))
            continue
        try:
            refs, problems = load(decode(read_input(path), path)[0], path)
        except InputError as err:
            warnings.append(Warning_(str(err), path))
            continue
        warnings += problems
        for ref in refs:
            key = ref.sources[0].label if ref.sources else None
            if key and key not in library:
                library[key] = ref
                raws[key] = ref.origin.raw if ref.origin else ""
    wanted = list(library) if "*" in doc.cites else [k for k in doc.cites if k != "*"]
    out = []
    for key in wanted:
        ref = library.get(key)
        if ref is None:
            warnings.append(Warning_(f"{doc.name}: cites {key!r}, which no .bib it names holds", doc.name))
            continue
        parent = re.search(r"\bcrossref\s*=\s*[{\"]\s*([^}\"]+?)\s*[}\"]", raws[key], re.I)
        out.append(_inherit(ref, library.get(parent.group(1))) if parent else ref)
    return out, warnings


def _inherit(ref: Reference, parent: Reference | None) -> Reference:
    """BibTeX's crossref: what the child leaves empty comes from its parent (its title as the container)."""
    if parent is None:
        return ref
    filled = {f: getattr(parent, f) for f in ("editor", "publisher", "publisher_place", "issued", "volume", "ISBN",
                                               "collection_title", "edition") if not getattr(ref, f) and getattr(parent, f)}
    if not ref.container_title and (parent.title or parent.container_title):
        filled["container_title"] = parent.title or parent.container_title
    return replace(ref, **filled)
