"""The model as CSL-JSON: near identity, since the model speaks CSL."""

from __future__ import annotations

import json
from typing import Any

from .model import Entry, Name, Reference

# model attribute → CSL-JSON key, for plain string fields
_STRING_FIELDS = (
    ("title", "title"), ("container_title", "container-title"), ("container_title_short", "container-title-short"),
    ("collection_title", "collection-title"), ("volume", "volume"), ("issue", "issue"), ("page", "page"),
    ("number", "number"), ("edition", "edition"), ("publisher", "publisher"), ("publisher_place", "publisher-place"),
    ("DOI", "DOI"), ("PMID", "PMID"), ("PMCID", "PMCID"), ("URL", "URL"), ("ISBN", "ISBN"), ("ISSN", "ISSN"),
    ("language", "language"),
)


def name_to_csl(name: Name) -> dict[str, str]:
    if name.literal:
        return {"literal": name.literal}
    out = {"family": name.family}
    if name.given:
        out["given"] = name.given
    if name.suffix:
        out["suffix"] = name.suffix
    return out


def note_lines(ref: Reference) -> list[str]:
    """Lines for CSL ``note``: Zotero reads ``PMID: …`` lines there into its fields."""
    lines = []
    if ref.PMID:
        lines.append(f"PMID: {ref.PMID}")
    if ref.PMCID:
        lines.append(f"PMCID: {ref.PMCID}")
    if not ref.parsed:
        lines.append("acuref: unparsed reference, kept as printed")
    if ref.note:
        lines.append(ref.note)
    return lines


def to_csl(entry: Entry) -> dict[str, Any]:
    ref = entry.ref
    item: dict[str, Any] = {"id": entry.id, "type": ref.type}
    if ref.author:
        item["author"] = [name_to_csl(n) for n in ref.author]
    if ref.editor:
        item["editor"] = [name_to_csl(n) for n in ref.editor]
    for attr, key in _STRING_FIELDS:
        value = getattr(ref, attr)
        if value:
            item[key] = value
    if ref.container_title_short:
        item["journalAbbreviation"] = ref.container_title_short
    if ref.issued:
        item["issued"] = {"date-parts": [ref.issued.parts()]}
    if not ref.parsed and not ref.title and ref.sources:
        item["title"] = ref.sources[0].raw  # never drop what could not be parsed
    note = note_lines(ref)
    if note:
        item["note"] = "\n".join(note)
    return item


def dumps(entries: list[Entry] | tuple[Entry, ...]) -> str:
    """A CSL-JSON array, UTF-8, one item per entry in order."""
    return json.dumps([to_csl(e) for e in entries], ensure_ascii=False, indent=2) + "\n"
