"""A user's .bib file written back as it was: every entry, field and block byte for byte, plus what acuref added.

Each entry read from a library carries its :class:`~acuref.model.Origin`: its raw text and the text before it
(``@string``, ``@comment`` — JabRef keeps its groups there —, ``@preamble``, comments, blank lines). Writing it back
is that text again; a field acuref added (a DOI Crossref found, a PMID from a merged citation) is inserted before
the closing brace. A field the user wrote is never rewritten, reordered or removed.
"""

from __future__ import annotations

import re

import bibtexparser
from bibtexparser import model as bm

from acuref.model import Origin, Reference

# Field names that say the same thing: a user's ``date`` stands for ``year``, ``journaltitle`` for ``journal``…
_SAME = [{"journal", "journaltitle"}, {"year", "date"}, {"address", "location"}, {"number", "issue"},
         {"pages", "eid"}, {"language", "langid"}, {"shortjournal", "journalabbreviation", "journal-abbreviation"},
         {"eprint", "pmid"}, {"archiveprefix", "eprinttype"}]


def every_entry(library: bibtexparser.Library) -> tuple[list[bm.Entry], list[bm.DuplicateBlockKeyBlock]]:
    """Every entry of a parsed .bib in file order, and the blocks of those whose key an earlier entry has: such
    an entry is an entry all the same (bibtexparser sets it aside), kept and written under a key of its own."""
    twice = [b for b in library.blocks if isinstance(b, bm.DuplicateBlockKeyBlock)
             and isinstance(b.ignore_error_block, bm.Entry)]
    entries = [b.ignore_error_block if isinstance(b, bm.DuplicateBlockKeyBlock) else b for b in library.blocks
               if isinstance(b, bm.Entry) or b in twice]
    return entries, twice


def origins(text: str, entries: list[bm.Entry], present: list[tuple[str, ...]]) -> list[Origin]:
    """Each entry's raw text and what stood before it; the file's tail goes with its last entry."""
    out: list[Origin] = []
    pos = 0
    for entry, filled in zip(entries, present):
        raw = entry.raw or ""
        start = text.find(raw, pos) if raw else -1
        if start < 0:  # not found verbatim (should not happen): keep the entry, lose nothing of it
            out.append(Origin("bibtex", raw, "", "", _names(entry), filled))
            continue
        out.append(Origin("bibtex", raw, text[pos:start], "", _names(entry), filled))
        pos = start + len(raw)
    if out:
        last = out[-1]
        out[-1] = Origin(last.format, last.raw, last.before, text[pos:], last.fields, last.present)
    return out


_KEY_RE = re.compile(r"(\s*@\s*\w+\s*[{(]\s*)([^,\s]*)")


def rekeyed(raw: str, key: str, taken: set[str]) -> tuple[str, str]:
    """An entry written back under its own key, or under ``key`` when an earlier entry written has that key
    (a .bib that used one key twice): the entry and the key it is written under."""
    m = _KEY_RE.match(raw)
    if m is None or m.group(2) not in taken:
        return raw, m.group(2) if m else key
    return raw[:m.start(2)] + key + raw[m.end(2):], key


def _names(entry: bm.Entry) -> tuple[str, ...]:
    return tuple(k.lower() for k in entry.fields_dict)


def _known(name: str, had: set[str]) -> bool:
    return name in had or any(name in group and group & had for group in _SAME)


def added_fields(origin: Origin, generated: bm.Entry) -> list[bm.Field]:
    """The fields of acuref's entry that the user's entry lacks, under any of its names.

    A shortjournal that only repeats the journal is not added: new entries carry it for Zotero's Journal Abbr, but
    a user's own entry gains nothing from the copy.
    """
    had = set(origin.fields)
    journal = generated.fields_dict.get("journal") or generated.fields_dict.get("journaltitle")
    return [f for f in generated.fields if not _known(f.key.lower(), had)
            and not (f.key == "shortjournal" and journal is not None and f.value == journal.value)]


# A written BibTeX field → the model (CSL) fields it may carry, in the order they are tried
_MODEL_NAMES = {
    "author": ("author",), "editor": ("editor",), "title": ("title",), "journal": ("container_title",),
    "journaltitle": ("container_title",), "booktitle": ("container_title",), "howpublished": ("container_title",),
    "shortjournal": ("container_title_short",), "year": ("issued",), "month": ("issued",), "date": ("issued",),
    "urldate": ("accessed",), "volume": ("volume",), "number": ("issue", "number", "collection_number"),
    "pages": ("page", "number"), "eid": ("number",), "eprint": ("number", "PMID"), "series": ("collection_title",),
    "edition": ("edition",), "version": ("version",), "publisher": ("publisher",), "institution": ("publisher",),
    "school": ("publisher",), "type": ("genre",), "address": ("publisher_place",),
    "location": ("publisher_place",), "doi": ("DOI",), "url": ("URL",), "isbn": ("ISBN",), "issn": ("ISSN",),
    "pmid": ("PMID",), "pmcid": ("PMCID",), "language": ("language",), "langid": ("language",),
    "organization": ("publisher", "container_title"),
}


def added_names(origin: Origin, generated: bm.Entry, ref: Reference) -> list[str]:
    """The model fields of the fields written into the user's entry (``month`` is ``issued``), each once, in the
    model's order: what --report's ``added_fields`` lists. A field the user's entry had under another name is not
    written, so not listed; markers (``keywords``, ``note``, ``eprinttype``) are not fields of the reference."""
    names: list[str] = []
    for f in added_fields(origin, generated):
        candidates = [c for c in _MODEL_NAMES.get(f.key.lower(), ()) if getattr(ref, c, None)]
        match = [c for c in candidates if str(getattr(ref, c)) in str(f.value)]
        name = (match or candidates or [None])[0]
        if name and name not in names:
            names.append(name)
    order = list(ref.filled())
    return sorted(names, key=lambda n: order.index(n) if n in order else len(order))


def written_back(origin: Origin, generated: bm.Entry, bibtex_format: bibtexparser.BibtexFormat) -> str:
    """The entry as the user wrote it, with acuref's added fields before its closing brace, indented as the
    entry's own fields are (tabs in a tab-indented entry)."""
    extra = added_fields(origin, generated)
    raw = origin.raw
    if not extra:
        return raw
    body = raw.rstrip()
    close = body[-1] if body and body[-1] in "})" else ""
    inner = body[:-1].rstrip() if close else body
    lines = _field_lines(generated, extra, bibtex_format)
    indent = _indent(inner)
    if indent is not None:
        lines = [indent + line.lstrip() for line in lines]
    sep = "" if inner.endswith(",") else ","
    return f"{inner}{sep}\n" + ",\n".join(lines) + ",\n" + close + raw[len(body):]


_INDENT_RE = re.compile(r"\n([ \t]+)\w[\w-]*\s*=")


def _indent(raw: str) -> str | None:
    """The whitespace before the entry's last field name, or None when its fields start no line of their own."""
    found = _INDENT_RE.findall(raw)
    return found[-1] if found else None


def _field_lines(generated: bm.Entry, fields: list[bm.Field], bibtex_format: bibtexparser.BibtexFormat) -> list[str]:
    """The fields as bibtexparser's writer formats them (indent, braces), without the entry around them."""
    lib = bibtexparser.Library()
    lib.add(bm.Entry(generated.entry_type, generated.key, list(fields)))
    text = bibtexparser.write_string(lib, bibtex_format=bibtex_format)
    inner = text.strip().splitlines()[1:-1]
    return [line.rstrip().rstrip(",") for line in inner]
