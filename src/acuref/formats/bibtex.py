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
from acuref.formats import bibtex_library, latex, markers
from acuref.formats.registry import Format, WriteOptions
from acuref.model import Date, Entry, Name, Reference, Source, Warning_
from acuref.normalize.names import parse_author_list
from acuref.normalize.pages import normalize_pages
from acuref.normalize.vocabulary import BIBTEX_MONTHS

# CSL type → BibTeX entry type; only types Zotero's importer keeps.
BIBTEX_TYPES = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article", "article": "article",
    "review": "article", "book": "book", "chapter": "incollection", "paper-conference": "inproceedings",
    "report": "techreport", "thesis": "phdthesis", "manuscript": "unpublished",
}
BIBLATEX_TYPES = {**BIBTEX_TYPES, "report": "report", "thesis": "thesis", "webpage": "online", "dataset": "misc"}
# BibTeX / biblatex entry type → CSL type when reading.
CSL_TYPES = {
    "article": "article-journal", "book": "book", "inbook": "chapter", "incollection": "chapter",
    "inproceedings": "paper-conference", "conference": "paper-conference", "proceedings": "book",
    "techreport": "report", "report": "report", "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "online": "webpage", "electronic": "webpage", "www": "webpage", "unpublished": "manuscript", "misc": "document",
    "booklet": "pamphlet", "manual": "report", "collection": "book", "periodical": "periodical",
}
_FORMAT = bibtexparser.BibtexFormat()
_FORMAT.indent = "  "
_FORMAT.block_separator = "\n"


def _names(names: Iterable[Name], ascii_only: bool) -> str:
    parts = []
    for n in names:
        if n.literal:
            parts.append("{" + latex.escape(n.literal, ascii_only=ascii_only) + "}")  # organisations stay whole
            continue
        family = latex.escape(n.family, ascii_only=ascii_only)
        if " and " in family or "," in family:
            family = "{" + family + "}"
        given = latex.escape(n.given, ascii_only=ascii_only)
        suffix = latex.escape(n.suffix, ascii_only=ascii_only)
        parts.append(", ".join(p for p in (family, suffix, given) if p) if suffix else
                     (f"{family}, {given}" if given else family))
    # No "and others" for an "et al." list: Zotero's importer makes an author named "others" of it. The cost is
    # that a style prints the names given without "et al."; a resolved reference has its full list anyway.
    return " and ".join(parts)


def _verbatim(value: str) -> str:
    """DOIs and URLs are written as they are. Only braces that do not balance, and backslashes, would break
    the file: those are percent-encoded (the reader decodes them)."""
    depth = 0
    balanced = True
    for ch in value:
        depth += (ch == "{") - (ch == "}")
        balanced = balanced and depth >= 0
    if balanced and depth == 0 and "\\" not in value:
        return value
    return value.replace("%", "%25").replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")


def _unverbatim(value: str) -> str:
    if "%" not in value:
        return value
    return value.replace("%7B", "{").replace("%7D", "}").replace("%5C", "\\").replace("%25", "%")


class _Fields:
    """The fields of one entry in the order they are written, each escaped as its kind needs."""

    def __init__(self, biblatex: bool, ascii_only: bool):
        self.biblatex, self.ascii_only = biblatex, ascii_only
        self.fields: list[bm.Field] = []

    def add(self, key: str, value: str | None, *, verbatim: bool = False, enclosing: str | None = None) -> None:
        if value:
            text = _verbatim(value) if verbatim else latex.escape(value, ascii_only=self.ascii_only)
            self.fields.append(bm.Field(key, text, enclosing=enclosing))

    def raw(self, key: str, value: str, enclosing: str | None = None) -> None:
        self.fields.append(bm.Field(key, value, enclosing=enclosing))


def to_entry(entry: Entry, *, biblatex: bool = False, ascii_only: bool = False) -> bm.Entry:
    ref = entry.ref
    etype = (BIBLATEX_TYPES if biblatex else BIBTEX_TYPES).get(ref.type, "misc")
    f = _Fields(biblatex, ascii_only)
    if ref.author:
        f.raw("author", _names(ref.author, ascii_only))
    if ref.editor:
        f.raw("editor", _names(ref.editor, ascii_only))
    title = ref.title
    if not title and not ref.parsed and ref.sources:
        title = ref.sources[0].raw
    if title:
        f.raw("title", latex.title_to_bibtex(title, ascii_only=ascii_only))
    _container(f, ref, etype)
    _issued(f, ref)
    if ref.accessed:  # biblatex's field; Zotero's BibTeX import reads it as Accessed in BibTeX files too
        f.add("urldate", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(ref.accessed.parts())))
    _locators(f, ref, etype)
    f.add("series", ref.collection_title)
    f.add("edition", ref.edition)
    # Reports and theses name who issued them in their own field: bibtex and biber warn on an empty one.
    f.add(_ISSUER.get((etype, f.biblatex), "publisher"), ref.publisher)
    if biblatex and etype in ("thesis", "report"):
        f.add("type", "phdthesis" if etype == "thesis" else "techreport")  # biblatex's data model requires it
    f.add("location" if biblatex else "address", ref.publisher_place)
    _identifiers(f, ref)
    f.add("langid" if biblatex else "language", ref.language)
    lines = markers.notes(ref)
    if biblatex and ref.PMCID:
        # biblatex has no pmcid field (biber warns and drops it); Zotero reads a note that starts "PMCID:" into Extra
        lines = [f"PMCID: {ref.PMCID}", *lines]
    if lines:
        f.add("note", "; ".join(lines))  # the printed DOI of a suspect stays readable, never a link
    elif etype == "unpublished" and not biblatex:
        f.add("note", "Unpublished manuscript")  # BibTeX's @unpublished requires a note (plain.bst warns)
    tags = markers.tags(ref)
    if tags:
        f.add("keywords", ", ".join(tags))  # Zotero turns keywords into tags: a visible, harmless marker
    return bm.Entry(etype, entry.id, f.fields)


def _container(f: _Fields, ref: Reference, etype: str) -> None:
    key = {"article": "journaltitle" if f.biblatex else "journal", "incollection": "booktitle",
           "inproceedings": "booktitle"}.get(etype)
    if key:
        f.add(key, ref.container_title)
        # biblatex's field, which Zotero, pandoc and Better BibTeX read in BibTeX files too; BibTeX styles ignore
        # it. Written even when it equals the journal field: Zotero keeps it as the Journal Abbr only from here.
        f.add("shortjournal", ref.container_title_short if etype == "article" else None)
    elif ref.container_title and etype != "book":
        f.add("howpublished" if not f.biblatex else "journaltitle", ref.container_title)


def _issued(f: _Fields, ref: Reference) -> None:
    if not ref.issued:
        return
    if f.biblatex:
        f.add("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(ref.issued.parts())))
        return
    f.add("year", str(ref.issued.year))
    if ref.issued.month:
        f.raw("month", BIBTEX_MONTHS[ref.issued.month - 1], enclosing="no-enclosing")
    if ref.issued.day:  # BibTeX has no day; Zotero and biblatex read a full ISO date
        f.add("date", f"{ref.issued.year}-{ref.issued.month:02d}-{ref.issued.day:02d}")


_ISSUER = {("techreport", False): "institution", ("report", True): "institution", ("phdthesis", False): "school",
           ("thesis", True): "institution"}


def _locators(f: _Fields, ref: Reference, etype: str) -> None:
    f.add("volume", ref.volume)
    if etype in ("techreport", "report") and ref.number and not ref.issue:
        f.add("number", ref.number)  # a report's own number, not an article number
        if ref.page:
            f.add("pages", ref.page.replace("-", "--"), verbatim=True)
        return
    f.add("number", ref.issue)
    if ref.page:
        f.add("pages", ref.page.replace("-", "--"), verbatim=True)
    if ref.number and ref.number.startswith("arXiv:"):
        # arXiv: biblatex's eprint fields (BibTeX styles and Zotero's translator read eprint + archivePrefix).
        f.add("eprint", ref.number.removeprefix("arXiv:"), verbatim=True)
        f.add("eprinttype" if f.biblatex else "archiveprefix", "arxiv" if f.biblatex else "arXiv")
    elif ref.number:
        f.add("eid", ref.number)
        if not ref.page and not f.biblatex:
            # BibTeX styles, Zotero and pandoc ignore eid; biblatex prints eid itself (a pages copy printed it twice).
            # The reader maps pages == eid back to the number.
            f.add("pages", ref.number)


def _identifiers(f: _Fields, ref: Reference) -> None:
    f.add("doi", ref.DOI, verbatim=True)
    f.add("url", ref.URL, verbatim=True)
    f.add("isbn", ref.ISBN, verbatim=True)
    f.add("issn", ref.ISSN, verbatim=True)
    # biblatex: the PMID as its eprint only (its data model has no pmid or pmcid: biber warns and drops them,
    # and Zotero read the PMID twice); BibTeX keeps pmid and pmcid, which Zotero and pandoc read.
    if f.biblatex:
        if ref.PMID:
            f.add("eprinttype", "pubmed")
            f.add("eprint", ref.PMID, verbatim=True)
        return
    f.add("pmid", ref.PMID, verbatim=True)
    f.add("pmcid", ref.PMCID, verbatim=True)


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
    for e in entries:
        generated = to_entry(e, biblatex=biblatex, ascii_only=ascii_only)
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
    return text if text.endswith("\n") else text + "\n"


# ---------------------------------------------------------------------------------------------- reading

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


def _csl_type(etype: str, f: dict[str, str], container: str | None) -> str:
    """``@misc`` holding only a link and a title is a web page (how BibTeX, which has no type for one, writes it)."""
    if etype == "misc" and f.get("url") and not (container or f.get("publisher") or f.get("volume")):
        return "webpage"
    return CSL_TYPES.get(etype, "document")


def _note_pmcid(note: str | None) -> str | None:
    """The PMCID biblatex output carries in its note (``PMCID: PMC…``)."""
    m = re.match(r"PMCID:\s*(PMC\d+)", note or "")
    return m.group(1) if m else None


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
    src = Source(raw=entry.raw or "", line=(entry.start_line or 0) + 1, end_line=(entry.start_line or 0) + 1,
                 label=entry.key, kind="bibliography", file=file)
    return Reference(
        type=_csl_type(etype, f, container), author=author, author_truncated=truncated, editor=editor,
        title=f.get("title") or None, container_title=container,
        container_title_short=f.get("shortjournal") or None, issued=_date(f),
        accessed=_date({"date": f["urldate"]}) if f.get("urldate") else None,
        volume=f.get("volume") or None, page=pages, number=number,
        issue=(f.get("issue") if etype in ("techreport", "report") else f.get("number") or f.get("issue")) or None,
        collection_title=f.get("series") or None, edition=f.get("edition") or None, publisher=f.get("publisher") or f.get("institution") or f.get("school") or None,
        publisher_place=f.get("address") or f.get("location") or None, DOI=doi or None, PMID=pmid or None,
        PMCID=f.get("pmcid") or _note_pmcid(f.get("note")), URL=f.get("url") or None, ISBN=f.get("isbn") or None, ISSN=f.get("issn") or None,
        language=f.get("langid") or f.get("language") or None, sources=(src,),
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
