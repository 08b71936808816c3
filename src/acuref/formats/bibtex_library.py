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

from acuref.model import Origin

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


def written_back(origin: Origin, generated: bm.Entry, bibtex_format: bibtexparser.BibtexFormat) -> str:
    """The entry as the user wrote it, with acuref's added fields before its closing brace."""
    extra = added_fields(origin, generated)
    raw = origin.raw
    if not extra:
        return raw
    body = raw.rstrip()
    close = body[-1] if body and body[-1] in "})" else ""
    inner = body[:-1].rstrip() if close else body
    lines = _field_lines(generated, extra, bibtex_format)
    sep = "" if inner.endswith(",") else ","
    return f"{inner}{sep}\n" + ",\n".join(lines) + ",\n" + close + raw[len(body):]


def _field_lines(generated: bm.Entry, fields: list[bm.Field], bibtex_format: bibtexparser.BibtexFormat) -> list[str]:
    """The fields as bibtexparser's writer formats them (indent, braces), without the entry around them."""
    lib = bibtexparser.Library()
    lib.add(bm.Entry(generated.entry_type, generated.key, list(fields)))
    text = bibtexparser.write_string(lib, bibtex_format=bibtex_format)
    inner = text.strip().splitlines()[1:-1]
    return [line.rstrip().rstrip(",") for line in inner]
