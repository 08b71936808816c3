"""The model as CSL-JSON: near identity, since the model speaks CSL."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from acuref import jsontext
from acuref.errors import InputError
from acuref.formats import markers
from acuref.formats.registry import Format, WriteOptions
from acuref.model import Date, Entry, Name, Origin, Reference, Source, Status, Warning_, require_items
from acuref.normalize.controls import without_controls
from acuref.normalize.pages import is_range, normalize_pages

# model attribute → CSL-JSON key, for plain string fields
_STRING_FIELDS = (
    ("title", "title"), ("container_title", "container-title"), ("container_title_short", "container-title-short"),
    ("collection_title", "collection-title"), ("collection_number", "collection-number"), ("volume", "volume"),
    ("issue", "issue"), ("page", "page"), ("number", "number"), ("edition", "edition"), ("genre", "genre"),
    ("version", "version"), ("publisher", "publisher"), ("publisher_place", "publisher-place"), ("DOI", "DOI"),
    ("PMID", "PMID"), ("PMCID", "PMCID"), ("URL", "URL"), ("ISBN", "ISBN"), ("ISSN", "ISSN"), ("language", "language"),
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


# The CSL variables acuref writes that the Zotero item type of each CSL type has no field for (schema 29, the
# one translation-server pins; derived from its item types and CSL mappings). Zotero's CSL import drops them; a
# note line "variable: value" is kept in Extra, where Zotero itself keeps such a value and its citeproc reads it.
ZOTERO_LACKS = {
    "article-journal": "collection-number edition genre version publisher publisher-place ISBN",
    "article": "container-title volume issue page edition version ISBN ISSN",
    "book": "container-title issue page number genre DOI ISSN",
    "chapter": "issue number genre version DOI ISSN",
    "paper-conference": "collection-number issue number edition genre version ISSN",
    "report": "container-title collection-number volume issue edition version DOI ISBN ISSN",
    "thesis": "container-title collection-title collection-number volume issue page number edition version DOI ISBN ISSN",
    "webpage": "collection-title collection-number volume issue page number edition version publisher publisher-place DOI "
               "ISBN ISSN",
    "dataset": "container-title collection-title collection-number volume issue page edition ISBN ISSN",
    "software": "container-title collection-number volume issue page number edition DOI ISSN",
    "standard": "container-title collection-title collection-number volume issue page edition ISBN ISSN",
    "manuscript": "container-title collection-title collection-number volume issue page number edition version publisher "
                  "DOI ISBN ISSN",
    "document": "container-title collection-title collection-number volume issue page number edition genre version "
                "publisher-place DOI ISBN ISSN",
}


def zotero_lines(item: dict[str, Any], ctype: str) -> list[str]:
    """``variable: value`` lines for what the item's Zotero type has no field for (a chapter's DOI, a web page's
    publisher …), in the order of the item."""
    lacks = ZOTERO_LACKS.get(ctype, "").split()
    copied = item.get("page") == item.get("number")  # an article number also written as page, which Zotero keeps
    # a preprint's "journal" that is its repository is already Zotero's Repository (the publisher)
    return [f"{key}: {item[key]}" for key in item if key in lacks and not (key == "number" and copied)
            and not (key == "container-title" and markers.is_repository(item[key], item.get("publisher")))]


def note_lines(ref: Reference) -> list[str]:
    """Lines for CSL ``note``, which Zotero keeps as Extra: ``PMID: …`` (older Zotero reads it there), provenance."""
    lines = []
    if ref.PMID:
        lines.append(f"PMID: {ref.PMID}")
    if ref.PMCID:
        lines.append(f"PMCID: {ref.PMCID}")
    if not ref.parsed:
        lines.append("acuref: unparsed reference, kept as printed")
    res = ref.resolution
    if res is not None:
        line = f"acuref: {res.status}"
        if res.score is not None and res.status in (Status.MATCHED, Status.VERIFIED, Status.AMBIGUOUS, Status.SUSPECT, Status.CORRECTED):
            line += f" (score {res.score:.2f})"
        if res.message:
            line += f"; {res.message}"
        if res.status in (Status.SUSPECT, Status.AMBIGUOUS) and (res.doi or res.candidates):
            line += "; Crossref: " + ", ".join(res.candidates or (res.doi or "",))
        lines.append(line)
        lines += markers.notes(ref)
    if ref.note:
        lines.append(ref.note)
    return lines


def _csl_type(ref: Reference) -> str:
    """CSL 1.0.2's ``software`` is written as ``book``: Zotero's CSL JSON importer (2022) does not know the type and
    refuses the whole file; a ``book`` with a ``version`` is what it reads as a Computer Program (and CSL 1.0.1's
    way to write one). The reader maps it back."""
    return "book" if ref.type == "software" else ref.type


def to_csl(entry: Entry) -> dict[str, Any]:
    ref = entry.ref
    item: dict[str, Any] = {"id": entry.id, "type": _csl_type(ref)}
    if ref.author:
        item["author"] = [name_to_csl(n) for n in ref.author]
    if ref.editor:
        item["editor"] = [name_to_csl(n) for n in ref.editor]
    for attr, key in _STRING_FIELDS:
        value = getattr(ref, attr)
        if value:
            item[key] = value
    if ref.number and not ref.page and ref.type in ("article-journal", "paper-conference") \
            and not ref.number.startswith("arXiv:"):  # an arXiv id is an archive ID, never a page
        item["page"] = ref.number  # Zotero's CSL import keeps page, not number: an article number goes in both
    if ref.container_title_short:
        item["journalAbbreviation"] = ref.container_title_short
    if ref.issued:
        item["issued"] = {"date-parts": [ref.issued.parts()]}
    if ref.accessed:
        item["accessed"] = {"date-parts": [ref.accessed.parts()]}
    if not ref.parsed and not ref.title and ref.sources:
        item["title"] = ref.sources[0].raw  # never drop what could not be parsed
    note = zotero_lines(item, ref.type) + note_lines(ref)
    if note:
        item["note"] = "\n".join(note)
    return item


def dumps(entries: list[Entry] | tuple[Entry, ...]) -> str:
    """A CSL-JSON array, UTF-8, one item per entry in order; an item read from CSL-JSON keeps every key it had."""
    require_items("to_csl_json", "entries", entries, Entry)
    return json.dumps([_item(e) for e in entries], ensure_ascii=False, indent=2) + "\n"


def _item(entry: Entry) -> dict[str, Any]:
    item = to_csl(entry)
    origin = entry.ref.origin
    if origin is None or origin.format != "csl-json":
        return item
    kept = json.loads(origin.raw)  # the user's item as it was: unknown keys and their values included
    for key, value in item.items():
        if key not in kept:
            kept[key] = value  # only what acuref adds
    return kept


# ---------------------------------------------------------------------------------------------- reading

_CSL_TYPES = frozenset({
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast", "chapter",
    "classic", "collection", "dataset", "document", "entry", "entry-dictionary", "entry-encyclopedia", "event",
    "figure", "graphic", "hearing", "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
    "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical", "personal_communication",
    "post", "post-weblog", "regulation", "report", "review", "review-book", "software", "song", "speech", "standard",
    "thesis", "treaty", "webpage",
})


def _name_from_csl(value: Any) -> Name | None:
    if isinstance(value, str):
        return Name(literal=value)
    if not isinstance(value, dict):
        return None
    if value.get("literal"):
        return Name(literal=str(value["literal"]))
    family = " ".join(str(value[k]) for k in ("non-dropping-particle", "family") if value.get(k))
    given = " ".join(str(value[k]) for k in ("given", "dropping-particle") if value.get(k))
    if not family and not given:
        return None
    return Name(family=family, given=given, suffix=str(value.get("suffix") or ""))


def _names_from_csl(value: Any) -> tuple[Name, ...]:
    """A CSL name list; a library written by hand may give one name, a string, or anything else (then none)."""
    values = value if isinstance(value, list) else [value] if isinstance(value, (dict, str)) else []
    return tuple(n for n in map(_name_from_csl, values) if n)


def _date_from_csl(value: Any) -> Date | None:
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            nums = [int(p) for p in parts[0][:3]]
        except (TypeError, ValueError):
            nums = []
        if nums:
            return Date(nums[0], nums[1] if len(nums) > 1 and 1 <= nums[1] <= 12 else None,
                        nums[2] if len(nums) > 2 and len(nums) > 1 and 1 <= nums[2] <= 31 else None)
    raw = str(value.get("raw") or value.get("literal") or "")
    m = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", raw)
    if m:
        return Date(int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None)
    return None


def _text(item: dict[str, Any], key: str) -> str | None:
    value = item.get(key)
    if value is None or value == "":
        return None
    return without_controls(str(value)) or None


def item_to_reference(item: dict[str, Any], file: str | None, index: int) -> Reference:
    note = _text(item, "note") or ""
    pmid = _text(item, "PMID") or (re.search(r"^PMID:\s*(\d+)", note, re.M) or [None, None])[1]
    pmcid = _text(item, "PMCID") or (re.search(r"^PMCID:\s*(PMC\d+)", note, re.M) or [None, None])[1]
    page = _text(item, "page")
    number = _text(item, "number")
    if page:
        page = page.replace("–", "-").replace("--", "-")
        if page == number:
            page = None  # the article number acuref writes in page too, for Zotero
        elif is_range(page):  # a single page stays one: acuref marks an article number with number
            page = normalize_pages(page)
    ctype = str(item.get("type") or "document")
    if ctype == "book" and _text(item, "version"):
        ctype = "software"  # how acuref (and CSL 1.0.1) write one
    authors, editors = _names_from_csl(item.get("author")), _names_from_csl(item.get("editor"))
    label = str(item.get("id")) if item.get("id") is not None else None
    src = Source(raw=json.dumps(item, ensure_ascii=False), line=index + 1, end_line=index + 1, label=label,
                 kind="bibliography", file=file)
    return Reference(
        type=ctype if ctype in _CSL_TYPES else "document", author=authors, editor=editors,
        title=_text(item, "title"), container_title=_text(item, "container-title"),
        container_title_short=_text(item, "container-title-short") or _text(item, "journalAbbreviation"),
        collection_title=_text(item, "collection-title"), collection_number=_text(item, "collection-number"),
        genre=_text(item, "genre"), version=_text(item, "version"), issued=_date_from_csl(item.get("issued")),
        accessed=_date_from_csl(item.get("accessed")), volume=_text(item, "volume"), issue=_text(item, "issue"), page=page, number=number,
        edition=_text(item, "edition"), publisher=_text(item, "publisher"),
        publisher_place=_text(item, "publisher-place"), DOI=_text(item, "DOI"), PMID=pmid, PMCID=pmcid,
        URL=_text(item, "URL"), ISBN=_text(item, "ISBN"), ISSN=_text(item, "ISSN"), language=_text(item, "language"),
        sources=(src,), parsed="acuref: unparsed" not in note,
    )


def loads(text: str, file: str | None = None) -> tuple[list[Reference], list[Warning_]]:
    """Read CSL-JSON (an array of items, one item, or ``{"items": [...]}``); bad items become warnings."""
    try:
        data = jsontext.loads(text)
    except jsontext.JSONError as err:
        raise InputError(f"{file or '<json>'}{f':{err.line}' if err.line else ''}: {err}") from None
    if isinstance(data, dict) and any(k in data for k in ("acuref_version", "acuref_decisions")):
        what = "an acuref --report" if "acuref_version" in data else "an acuref decisions file (give it with --decisions)"
        raise InputError(f"{file or '<json>'}: {what}, not a bibliography")
    if isinstance(data, dict):
        data = data.get("items", [data]) if "items" in data else [data]
    if not isinstance(data, list):
        raise InputError(f"{file or '<json>'}: not CSL-JSON (expected an array of items)")
    refs, warnings = [], []
    for i, item in enumerate(data):
        known = isinstance(item, dict) and any(item.get(k) for k in (
            "title", "author", "editor", "DOI", "PMID", "URL", "container-title", "issued", "volume", "page", "number"))
        if not known:
            warnings.append(Warning_(f"CSL-JSON item {i + 1} holds no bibliographic field; kept as unparsed", file, i + 1))
            raw = json.dumps(item, ensure_ascii=False)
            refs.append(Reference(type="document", parsed=False, confidence=0.0,
                                  sources=(Source(raw=raw, line=i + 1, end_line=i + 1, label=None,
                                                  kind="bibliography", file=file),)))
            continue
        ref = item_to_reference(item, file, i)
        refs.append(replace(ref, origin=Origin("csl-json", json.dumps(item, ensure_ascii=False), fields=tuple(item),
                                               present=ref.filled())))
    return refs, warnings


def _dump(entries: Sequence[Entry], options: WriteOptions) -> str:
    return dumps(list(entries))


FORMAT = Format("csl-json", (".json", ".csljson"), _dump, loads, "CSL-JSON (Zotero, pandoc, citeproc)")
