"""BibTeX and biblatex: writing through bibtexparser 2, and reading .bib files back into the model.

Writing is a mapping table from CSL types and fields; text values go through :mod:`acuref.latex`,
identifiers (DOI, URL, PMID) are written verbatim. Reading keeps each entry's key as its label and
reports every block bibtexparser could not parse, with its line, instead of dropping it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

import bibtexparser
from bibtexparser import model as bm

from acuref.errors import InputError
from acuref.formats import bibtex_library, latex
from acuref.formats.bibtex_fields import BIBLATEX_TYPES, BIBTEX_TYPES, to_entry
from acuref.formats.registry import Format, WriteOptions
from acuref.model import Date, Entry, Name, Reference, Source, Warning_
from acuref.normalize.language import from_babel
from acuref.normalize.names import parse_author_list
from acuref.normalize.pages import normalize_pages
from acuref.normalize.vocabulary import BIBTEX_MONTHS

__all__ = ["BIBLATEX", "BIBLATEX_TYPES", "BIBTEX", "BIBTEX_TYPES", "CSL_TYPES", "added_fields", "dumps",
           "entry_to_reference", "loads", "to_entry"]

# BibTeX / biblatex entry type → CSL type when reading.
CSL_TYPES = {
    "article": "article-journal", "book": "book", "inbook": "chapter", "incollection": "chapter",
    "inproceedings": "paper-conference", "conference": "paper-conference", "proceedings": "book",
    "techreport": "report", "report": "report", "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "online": "webpage", "electronic": "webpage", "www": "webpage", "unpublished": "manuscript", "misc": "document",
    "software": "software", "dataset": "dataset", "standard": "standard",
    "booklet": "pamphlet", "manual": "report", "collection": "book", "periodical": "periodical",
}
_FORMAT = bibtexparser.BibtexFormat()
_FORMAT.indent = "  "
_FORMAT.block_separator = "\n"


def dumps(entries: Iterable[Entry], *, biblatex: bool = False, ascii_only: bool = False) -> str:
    """The entries as BibTeX; one read from a .bib library is written back as it was, plus added fields."""
    parts: list[str] = []
    pending = bibtexparser.Library()

    def flush() -> None:
        nonlocal pending
        if pending.entries:
            text = bibtexparser.write_string(pending, bibtex_format=_FORMAT)
            if parts and not parts[-1].endswith("\n\n"):
                parts.append("\n" if parts[-1].endswith("\n") else "\n\n")
            parts.append(text if text.endswith("\n") else text + "\n")
            pending = bibtexparser.Library()

    written: set[str] = set()  # keys of entries written back as the user wrote them
    utf8: list[str] = []  # --ascii: the values left in UTF-8
    for e in entries:
        generated = to_entry(e, biblatex=biblatex, ascii_only=ascii_only)
        if ascii_only:
            utf8 += [str(f.value) for f in generated.fields if not str(f.value).isascii()]
        origin = e.ref.origin
        if origin is not None and origin.format == "bibtex":
            flush()
            back = bibtex_library.written_back(origin, generated, _FORMAT)
            back, key = bibtex_library.rekeyed(back, e.id, written)
            written.add(key)
            parts.append(origin.before + back + origin.after)
        else:
            pending.add(generated)
    flush()
    text = "".join(parts)
    if utf8:
        text = _ascii_note(utf8) + text
    return text if text.endswith("\n") else text + "\n"


def added_fields(entry: Entry) -> list[str]:
    """For an entry read from a .bib library: the model fields acuref wrote into it (as BibTeX), for --report."""
    origin = entry.ref.origin
    if origin is None or origin.format != "bibtex":
        return []
    return bibtex_library.added_names(origin, to_entry(entry), entry.ref)


def _ascii_note(values: list[str]) -> str:
    """A comment line above the entries (BibTeX, biber and Zotero skip text outside an entry): --ascii wrote as
    LaTeX every letter whose LaTeX Zotero reads back, and left these fields in UTF-8."""
    names = [n if n == "CJK" else n.lower() if n == "OTHER" else n.title()
             for n in sorted(set().union(*(latex.scripts(v) for v in values)))]
    return (f"% acuref --ascii: {len(values)} field{'s' if len(values) != 1 else ''} kept in UTF-8 "
            f"({', '.join(names or ['other'])}: no ASCII LaTeX that Zotero, biber and pandoc read back)\n\n")


# ---------------------------------------------------------------------------------------------- reading

def _unverbatim(value: str) -> str:
    """A DOI or URL the writer percent-encoded (unbalanced braces, backslashes) as it was."""
    if "%" not in value:
        return value
    return value.replace("%7B", "{").replace("%7D", "}").replace("%5C", "\\").replace("%25", "%")


_VERBATIM_FIELDS = frozenset({"doi", "url", "pmid", "pmcid", "isbn", "issn", "eprint", "file"})


_GLUED_NAMES_RE = re.compile(r"(?<=[A-Z]\.)(?=[A-Z][a-z'’-])")


def _split_names(value: str) -> tuple[tuple[Name, ...], bool]:
    """``Family, Given and {Organisation} and others`` → names (BibTeX's own ``and`` rule, brace-aware).

    Exports that ignore the rule are read too: ``A. Smith; B. Jones`` and ``Smith A.Jones B. C.``.
    """
    if not re.search(r"\s+and\s+", value) and "{" not in value:
        pieces = value.split(";") if ";" in value else _GLUED_NAMES_RE.split(value)
        if len(pieces) > 1:
            names: list[Name] = []
            for piece in (p.strip() for p in pieces if p.strip()):
                parsed, _ = parse_author_list(piece) if "," not in piece else _split_names(piece)
                names.extend(parsed[:1] if parsed else [Name(literal=piece)])
            return tuple(names), False
    parts, depth, cur = [], 0, []
    tokens = re.split(r"(\s+and\s+|[{}])", value)
    for tok in tokens:
        if tok == "{":
            depth += 1
        elif tok == "}":
            depth -= 1
        if depth == 0 and re.fullmatch(r"\s+and\s+", tok or ""):
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(tok)
    parts.append("".join(cur))
    names: list[Name] = []
    truncated = False
    for raw in (p.strip() for p in parts):
        if not raw:
            continue
        if raw == "others":
            truncated = True
            continue
        if _wholly_braced(raw):  # {World Health Organization}: one name, never split
            names.append(Name(literal=latex.decode(raw[1:-1])))
            continue
        pieces = [latex.decode(p).strip() for p in _top_level_commas(raw)]
        if len(pieces) == 1:
            words = pieces[0].split()
            if not words:  # a name that is only markup ({\relax}, "\ "): nothing to keep, and no crash
                continue
            if len(words) == 1:
                names.append(Name(family=words[0]))
            else:
                parsed, _ = parse_author_list(pieces[0])
                names.append(parsed[0] if parsed else Name(family=words[-1], given=" ".join(words[:-1])))
        elif len(pieces) == 2:
            names.append(Name(family=pieces[0], given=pieces[1]))
        else:
            names.append(Name(family=pieces[0], suffix=pieces[1], given=", ".join(pieces[2:])))
    return tuple(names), truncated


def _wholly_braced(value: str) -> bool:
    if not (value.startswith("{") and value.endswith("}")):
        return False
    depth = 0
    for i, ch in enumerate(value):
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0 and i < len(value) - 1:
            return False
    return True


def _top_level_commas(value: str) -> list[str]:
    out, depth, cur = [], 0, []
    for ch in value:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if ch == "," and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


def _date(fields: dict[str, str]) -> Date | None:
    if fields.get("date"):
        m = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", fields["date"])
        if m:
            return Date(int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None)
    year = re.search(r"\d{4}", fields.get("year", ""))
    if not year:
        return None
    month = None
    mv = fields.get("month", "").strip().lower()[:3]
    if mv.isdigit():
        month = int(mv) if 1 <= int(mv) <= 12 else None
    elif mv in BIBTEX_MONTHS:
        month = BIBTEX_MONTHS.index(mv) + 1
    return Date(int(year.group(0)), month)


# biblatex's localisation keys for `type`: the kind is the entry type's, nothing printed
_GENRE_KEYS = frozenset({"phdthesis", "mathesis", "mastersthesis", "candthesis", "techreport", "resreport"})


def _csl_type(etype: str, f: dict[str, str], container: str | None) -> str:
    """``@misc`` holding only a link and a title is a web page (how BibTeX, which has no type for one, writes it);
    ``@misc`` with an arXiv eprint a preprint; a report of type Standard a standard (how acuref writes them)."""
    if etype == "misc" and (f.get("archiveprefix") or f.get("eprinttype") or "").lower() == "arxiv":
        return "article"
    if etype in ("techreport", "report") and f.get("type", "").lower() == "standard":
        return "standard"
    if etype == "misc" and f.get("url") and not (container or f.get("publisher") or f.get("organization") or f.get("volume")):
        return "webpage"
    return CSL_TYPES.get(etype, "document")


def _genre(f: dict[str, str]) -> str | None:
    kind = f.get("type") or ""
    return None if kind.lower() in _GENRE_KEYS or kind.lower() == "standard" else kind or None


def _note_pmcid(note: str | None) -> str | None:
    """The PMCID biblatex output carries in its note (``PMCID: PMC…``)."""
    m = re.match(r"PMCID:\s*(PMC\d+)", note or "")
    return m.group(1) if m else None


def _organization(etype: str, f: dict[str, str]) -> str | None:
    """biblatex's organization: acuref writes an @online page's site name there, and the publisher of @misc."""
    return None if etype == "online" else f.get("organization")


_OWN_NUMBER = frozenset({"techreport", "report", "book", "incollection", "inbook"})  # `number` is not an issue
_SERIES_NUMBER = frozenset({"book", "incollection", "inbook"})


def etype_of(entry: bm.Entry) -> str:
    return entry.entry_type.lower()


def entry_to_reference(entry: bm.Entry, file: str | None) -> Reference:
    raw_fields = {k.lower(): str(f.value) for k, f in entry.fields_dict.items()}
    f = {k: (v.strip() if k in _VERBATIM_FIELDS else latex.decode(v)) for k, v in raw_fields.items()}
    for k in ("doi", "url"):
        if k in f:
            f[k] = f[k].replace(r"\_", "_").replace(r"\%", "%").replace(r"\&", "&")
            if "%7B" in f[k] or "%7D" in f[k] or "%5C" in f[k]:
                f[k] = _unverbatim(f[k])
    author, truncated = _split_names(raw_fields["author"]) if "author" in raw_fields else ((), False)
    editor, _ = _split_names(raw_fields["editor"]) if "editor" in raw_fields else ((), False)
    pages = f.get("pages", "").replace("--", "-").replace("–", "-").strip() or None
    number = f.get("eid") or (f.get("number") if etype_of(entry) in ("techreport", "report") else None) or None
    if not number and f.get("eprint") and (f.get("archiveprefix") or f.get("eprinttype") or "").lower() == "arxiv":
        number = f"arXiv:{f['eprint']}"
    if pages and number and pages == number:
        pages = None
    if pages:  # a single page stays a page (k1, 41): acuref marks an article number with eid
        pages = normalize_pages(pages)
    doi = f.get("doi")
    if doi:
        doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.IGNORECASE)
    pmid = f.get("pmid") or (f.get("eprint") if f.get("eprinttype", "").lower() == "pubmed" else None)
    etype = entry.entry_type.lower()
    container = f.get("journal") or f.get("journaltitle") or f.get("booktitle") or None
    if etype in ("misc", "online") and not container:
        container = f.get("howpublished") if f.get("howpublished") and "\\url" not in raw_fields.get("howpublished", "") else None
        container = container or (f.get("organization") if etype == "online" else None)
    src = Source(raw=entry.raw or "", line=(entry.start_line or 0) + 1, end_line=(entry.start_line or 0) + 1,
                 label=entry.key, kind="bibliography", file=file)
    return Reference(
        type=_csl_type(etype, f, container), author=author, author_truncated=truncated, editor=editor,
        title=f.get("title") or None, container_title=container,
        container_title_short=f.get("shortjournal") or None, issued=_date(f),
        accessed=_date({"date": f["urldate"]}) if f.get("urldate") else None,
        volume=f.get("volume") or None, page=pages, number=number,
        issue=(f.get("issue") if etype in _OWN_NUMBER else f.get("number") or f.get("issue")) or None,
        collection_title=f.get("series") or None, genre=_genre(f), version=f.get("version") or None,
        collection_number=(f.get("number") if etype in _SERIES_NUMBER else None) or None, edition=f.get("edition") or None, publisher=f.get("publisher") or f.get("institution") or f.get("school") or _organization(etype, f) or None,
        publisher_place=f.get("address") or f.get("location") or None, DOI=doi or None, PMID=pmid or None,
        PMCID=f.get("pmcid") or _note_pmcid(f.get("note")), URL=f.get("url") or None, ISBN=f.get("isbn") or None, ISSN=f.get("issn") or None,
        language=f.get("language") or from_babel(f.get("langid")) or None, sources=(src,),
        parsed="acuref-unparsed" not in f.get("keywords", ""),
    )


def loads(text: str, file: str | None = None) -> tuple[list[Reference], list[Warning_]]:
    """Read a .bib file: every entry as a Reference; every block that fails is a warning with its line."""
    try:
        library = bibtexparser.parse_string(text)
    except RecursionError:  # bibtexparser recurses once per nested brace
        raise InputError(f"{file or '<bibtex>'}: braces nested beyond reason; not a BibTeX file acuref can read") \
            from None
    entries, twice = bibtex_library.every_entry(library)
    refs = [entry_to_reference(e, file) for e in entries]
    kept = bibtex_library.origins(text, entries, [r.filled() for r in refs])
    refs = [replace(r, origin=o) for r, o in zip(refs, kept)]
    warnings = [Warning_(f"BibTeX key {b.key!r} is used by an earlier entry too; both are kept, this one under "
                         "a key of its own", file, (b.start_line or 0) + 1) for b in twice]
    for block in library.failed_blocks:
        if block in twice:
            continue
        line = (block.start_line or 0) + 1
        first = (block.raw or "").strip().splitlines()[0][:60] if (block.raw or "").strip() else ""
        reason = (str(getattr(block, "error", "") or "").strip().splitlines() or ["syntax error"])[0][:120]
        warnings.append(Warning_(f"BibTeX entry could not be read ({reason}): {first}", file, line))
    return refs, warnings


def _dump_bibtex(entries: Sequence[Entry], options: WriteOptions) -> str:
    return dumps(entries, ascii_only=options.ascii_only)


def _dump_biblatex(entries: Sequence[Entry], options: WriteOptions) -> str:
    return dumps(entries, biblatex=True, ascii_only=options.ascii_only)


BIBTEX = Format("bibtex", (".bib", ".bibtex"), _dump_bibtex, loads, "BibTeX (bibtex, Zotero, JabRef)")
BIBLATEX = Format("biblatex", (), _dump_biblatex, None, "biblatex (biber)")
