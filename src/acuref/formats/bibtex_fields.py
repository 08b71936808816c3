"""One reference as a BibTeX or biblatex entry: the entry type and the fields, each written where its readers look.

The readers that decide: BibTeX's standard styles (``plain.bst``: only their own entry types, no warning), biber's
data model (``biber --validate-datamodel``), and Zotero's BibTeX import (translators/BibTeX.js, 2024), which drops
an entry of a type it does not know (``@dataset``, ``@standard``) and reads ``eprint`` only with ``eprinttype``.
docs/zotero.md tables what each field becomes in Zotero.
"""

from __future__ import annotations

from collections.abc import Iterable

from bibtexparser import model as bm

from acuref.formats import latex, markers
from acuref.model import Entry, Name, Reference
from acuref.normalize.language import babel_name
from acuref.normalize.vocabulary import BIBTEX_MONTHS

# CSL type → BibTeX entry type: only types the standard styles define and Zotero's importer keeps. A standard is
# a report with its number (Zotero has no BibTeX type for one); a preprint (CSL "article") is @misc with eprint.
BIBTEX_TYPES = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article", "article": "misc",
    "review": "article", "book": "book", "chapter": "incollection", "paper-conference": "inproceedings",
    "report": "techreport", "standard": "techreport", "thesis": "phdthesis", "manuscript": "unpublished",
}
# biblatex adds the types Zotero reads from it: @online (Web Page), @software (Computer Program), @report, @thesis.
# Not @dataset or @standard: Zotero's importer drops an entry of either type whole.
BIBLATEX_TYPES = {**BIBTEX_TYPES, "report": "report", "standard": "report", "thesis": "thesis", "webpage": "online",
                  "software": "software", "dataset": "misc"}
# Entry types whose `type` field biber's data model has and Zotero reads (Thesis, Report, Manuscript Type)
_TYPED = frozenset({"phdthesis", "mastersthesis", "thesis", "techreport", "report", "unpublished"})
# Who issued it, where the data model wants it (bibtex and biber warn on an empty institution or school; biblatex's
# @misc, @online and @software have an organization, no publisher). Zotero reads each as the publisher.
_ISSUER = {("techreport", False): "institution", ("report", True): "institution", ("phdthesis", False): "school",
           ("mastersthesis", False): "school", ("thesis", True): "institution", ("techreport", True): "institution",
           ("phdthesis", True): "institution", ("mastersthesis", True): "institution", ("misc", True): "organization",
           ("software", True): "organization"}


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


def verbatim(value: str) -> str:
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


class _Fields:
    """The fields of one entry in the order they are written, each escaped as its kind needs."""

    def __init__(self, biblatex: bool, ascii_only: bool):
        self.biblatex, self.ascii_only = biblatex, ascii_only
        self.fields: list[bm.Field] = []

    def add(self, key: str, value: str | None, *, verbatim_value: bool = False, enclosing: str | None = None) -> None:
        if value:
            text = verbatim(value) if verbatim_value else latex.escape(value, ascii_only=self.ascii_only)
            self.fields.append(bm.Field(key, text, enclosing=enclosing))

    def raw(self, key: str, value: str, enclosing: str | None = None) -> None:
        self.fields.append(bm.Field(key, value, enclosing=enclosing))


def entry_type(ref: Reference, biblatex: bool) -> str:
    etype = (BIBLATEX_TYPES if biblatex else BIBTEX_TYPES).get(ref.type, "misc")
    if etype == "phdthesis" and "master" in (ref.genre or "").lower():
        return "mastersthesis"  # Zotero reads the kind from the entry type too
    if biblatex and etype in ("report", "thesis") and not ref.genre and ref.type != "standard":
        # biblatex's @report and @thesis require a type: with none printed, its aliases that imply one (Zotero
        # reads them as BibTeX's, and shows no localisation key such as "techreport" as the kind)
        return "techreport" if etype == "report" else "phdthesis"
    if biblatex and etype == "book" and ref.editor and not ref.author:
        return "collection"  # biblatex's edited book (its @book requires an author); Zotero reads it as a Book
    return etype


def to_entry(entry: Entry, *, biblatex: bool = False, ascii_only: bool = False) -> bm.Entry:
    ref = markers.repository_once(entry.ref)
    etype = entry_type(ref, biblatex)
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
    # biblatex's @report has no series or isbn (biber's data model): printed at the end as its addendum instead
    report_extra = biblatex and etype in ("report", "techreport")
    f.add("series", ref.collection_title if not report_extra else None)
    f.add("edition", ref.edition)
    f.add("version", ref.version)  # biblatex's field; Zotero's importer has no place for it (docs/zotero.md)
    if not (biblatex and etype == "online"):  # @online: its organization is the site (_container)
        f.add(_ISSUER.get((etype, f.biblatex), "publisher"), ref.publisher)
    f.add("type", _genre(ref, etype))
    # Zotero reads `location` of a conference paper as the event's place (into Extra), `address` as its place;
    # biber reads `address` as `location`.
    f.add("location" if biblatex and etype != "inproceedings" else "address", ref.publisher_place)
    _identifiers(f, ref, isbn=not report_extra)
    if report_extra:
        f.add("addendum", "; ".join(p for p in (ref.collection_title, ref.ISBN and f"ISBN {ref.ISBN}") if p))
    # biber's hyphenation and pandoc's language: a babel name ("english"), which biblatex wants, not a code
    f.add("langid", babel_name(ref.language))
    f.add("language", ref.language)  # Zotero's Language (it does not read langid)
    _note(f, ref, etype)
    tags = markers.tags(ref)
    if tags:
        f.add("keywords", ", ".join(tags))  # Zotero turns keywords into tags: a visible, harmless marker
    return bm.Entry(etype, entry.id, f.fields)


def _genre(ref: Reference, etype: str) -> str | None:
    """The kind of thesis, report or manuscript as printed (Zotero's Thesis/Report/Manuscript Type); a standard
    says it is one (it is written as a report)."""
    if etype not in _TYPED:
        return None  # biber's data model has no type there, or Zotero's item type has no field for it
    if ref.genre:
        return ref.genre
    return "Standard" if ref.type == "standard" else None


def _note(f: _Fields, ref: Reference, etype: str) -> None:
    lines = markers.notes(ref)
    if f.biblatex and ref.PMCID:
        # biblatex has no pmcid field (biber warns and drops it); Zotero reads a note that starts "PMCID:" into Extra
        lines = [f"PMCID: {ref.PMCID}", *lines]
    if f.biblatex and ref.PMID and _arxiv(ref):
        lines = [f"PMID: {ref.PMID}", *lines]  # the eprint field holds the arXiv id; Zotero reads "PMID:" too
    if lines:
        f.add("note", "; ".join(lines))  # the printed DOI of a suspect stays readable, never a link
    elif etype == "unpublished" and not f.biblatex:
        f.add("note", "Unpublished manuscript")  # BibTeX's @unpublished requires a note (plain.bst warns)


def _container(f: _Fields, ref: Reference, etype: str) -> None:
    key = {"article": "journaltitle" if f.biblatex else "journal", "incollection": "booktitle",
           "inproceedings": "booktitle"}.get(etype)
    if key:
        f.add(key, ref.container_title)
        # biblatex's field, which Zotero, pandoc and Better BibTeX read in BibTeX files too; BibTeX styles ignore
        # it. Written even when it equals the journal field: Zotero keeps it as the Journal Abbr only from here.
        f.add("shortjournal", ref.container_title_short if etype == "article" else None)
    elif f.biblatex and etype == "online":
        # biblatex's @online has neither journaltitle nor publisher (biber drops both): the site's name, or else
        # who publishes it, is its organization. With both, the publisher is not written (docs/zotero.md).
        f.add("organization", ref.container_title or ref.publisher)
    elif ref.container_title and etype not in ("book", "software"):
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


def _arxiv(ref: Reference) -> str | None:
    return ref.number.removeprefix("arXiv:") if ref.number and ref.number.startswith("arXiv:") else None


def _locators(f: _Fields, ref: Reference, etype: str) -> None:
    f.add("volume", ref.volume)
    pages = ref.page.replace("-", "--") if ref.page else None
    if etype in ("techreport", "report") and ref.number and not ref.issue:
        f.add("number", ref.number)  # a report's or standard's own number (Zotero's Report Number)
        f.add("pages", pages, verbatim_value=True)
        return
    # a book's or chapter's `number` is its number in the series (Zotero's Series Number, biblatex's too)
    series_number = ref.collection_number if etype in ("book", "incollection") and not ref.issue else None
    f.add("number", ref.issue or series_number)
    f.add("pages", pages, verbatim_value=True)
    arxiv = _arxiv(ref)
    if arxiv:
        # biblatex's eprint fields, which Zotero reads (into Extra as "arXiv: …") only with eprinttype; natbib's
        # styles and BibTeX users' tools read archivePrefix.
        f.add("eprint", arxiv, verbatim_value=True)
        f.add("eprinttype", "arxiv")
        if not f.biblatex:
            f.add("archiveprefix", "arXiv")  # not in biblatex's data model (biber warns)
    elif ref.number:
        f.add("eid", ref.number)
        if not ref.page and not f.biblatex and etype in ("article", "inproceedings", "incollection"):
            # BibTeX styles, Zotero and pandoc ignore eid; biblatex prints eid itself (a pages copy printed it twice).
            # The reader maps pages == eid back to the number.
            f.add("pages", ref.number)


def _identifiers(f: _Fields, ref: Reference, *, isbn: bool = True) -> None:
    f.add("doi", ref.DOI, verbatim_value=True)
    f.add("url", ref.URL, verbatim_value=True)
    f.add("isbn", ref.ISBN if isbn else None, verbatim_value=True)
    f.add("issn", ref.ISSN, verbatim_value=True)
    # biblatex: the PMID as its eprint only (its data model has no pmid or pmcid: biber warns and drops them,
    # and Zotero read the PMID twice); BibTeX keeps pmid and pmcid, which Zotero and pandoc read.
    if f.biblatex:
        if ref.PMID and not _arxiv(ref):
            f.add("eprinttype", "pubmed")
            f.add("eprint", ref.PMID, verbatim_value=True)
        return
    f.add("pmid", ref.PMID, verbatim_value=True)
    f.add("pmcid", ref.PMCID, verbatim_value=True)
