"""DOIs, PMIDs, PMCIDs, URLs and ISBNs: find them in a string and normalise them."""

from __future__ import annotations

import re

# A DOI runs to the first space; what ends it is decided by trim_doi (balanced brackets stay).
_DOI_RE = re.compile(
    r"(?:(?:https?://)?(?:dx\.)?doi\.org/|\bdoi\s*[:.]?\s*|\b)(10\.\d{4,9}/[^\s\"]*[^\s\".,;:])",
    re.IGNORECASE,
)
_PMID_RE = re.compile(r"\b(?:PubMed\s+)?PMID\s*:?\s*(\d{1,9})\b", re.IGNORECASE)
_PMCID_RE = re.compile(r"\b(?:PMCID\s*:?\s*)?(PMC\s?\d{4,9})\b", re.IGNORECASE)
# The words that say where a work can be read, in the languages acuref reads ("Retrieved from", "Geraadpleegd van").
LINK_CUE = (r"(?:(?:Available|Retrieved|Accessed|Cited)(?:\s+(?:from|at|on|online))?|URL|Beschikbaar\s+(?:via|op)|"
            r"Geraadpleegd(?:\s+(?:van|via|op))?|Opgehaald\s+van|Abgerufen(?:\s+(?:von|unter))?|Verfügbar\s+unter|"
            r"Online\s+unter|Récupéré\s+(?:de|sur)|Disponible\s+(?:sur|en)|Recuperado\s+de|Disponível\s+em|"
            r"Disponibile\s+(?:su|in)|Dostępne\s+(?:w|na|online)|Режим\s+доступа)\b")
_URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_HOST_RE = re.compile(r"(?:https?://)?(?:[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}|\d{1,3}(?:\.\d{1,3}){3})(?:[:/?#]|$)",
                      re.IGNORECASE)
_ISBN_RE = re.compile(r"\bISBN(?:-1[03])?\s*:?\s*((?:97[89][\s-]?)?(?:\d[\s-]?){9}[\dXx])\b")
_DOI_URL_RE = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/", re.IGNORECASE)
_CLOSERS = {")": "(", "]": "[", ">": "<", "}": "{", "⟩": "⟨", "〉": "〈", "»": "«"}  # ABNT prints links in ⟨…⟩


def trim_doi(doi: str) -> str:
    """Remove trailing punctuation and unbalanced closing brackets; keep those a DOI really contains."""
    doi = doi.strip()
    while doi:
        last = doi[-1]
        if last in ".,;:'\u2019\u201d":
            doi = doi[:-1]
        elif last in _CLOSERS and doi.count(_CLOSERS[last]) < doi.count(last):
            doi = doi[:-1]
        else:
            break
    return doi


def normalize_doi(doi: str) -> str:
    """Strip resolver prefixes and ``doi:``; keep the DOI's case (compare with ``doi_key``)."""
    doi = _DOI_URL_RE.sub("", doi.strip())
    doi = re.sub(r"^doi\s*:?\s*", "", doi, flags=re.IGNORECASE)
    doi = re.sub(r"%2F", "/", doi, flags=re.IGNORECASE)
    return trim_doi(doi)


def doi_key(doi: str) -> str:
    """The form DOIs are compared in: DOIs are case-insensitive."""
    return normalize_doi(doi).lower()


_VIEW_SUFFIX_RE = re.compile(r"/(?:full|pdf|epdf|abstract|fulltext|full/html|html|suppinfo|references|meta)$",
                             re.IGNORECASE)


_SPACED_REST_RE = re.compile(r"\.\s+(\d[\w.]*\d)\b")
# A DOI's suffix holds at least two characters: "10.1016/j" is what a wrap left of "10.1016/j.neuron.2004.12.006".
_COMPLETE_RE = re.compile(r"10\.\d{4,9}/\S{2,}")
_PREFIX_ONLY_RE = re.compile(r"(?:\bdoi\s*[:.]?\s*|doi\.org/)(10\.\d{4,9}/?[^\s\"]{0,2})(?=[\s\"]|$)"
                             r"|\b(10\.\d{4,9}/[^\s\"]{0,2})(?=[\s\"]|$)", re.IGNORECASE)
_TAIL_RE = re.compile(r"(?:[.\-]+(?:DOI|PMC|PubMed)|\s*\[doi\])$", re.IGNORECASE)
# What a space-less string glues on after a DOI: ".PMID:20847271", ",arXiv", ".URLhttps", "(2019)".
_OPEN_NOTE_RE = re.compile(r"\([A-Za-z]{4,}[^)]*$")
_GLUED_RE = re.compile(r"(?:[.,;]\s*(?:PMID|PMCID|PMC\d|PubMed|URL|arXiv|ISSN|ISBN|https?:|Epub|Accessed|Retrieved)"
                       r"|\((?:19|20)\d\d\)$).*$")


def is_complete_doi(doi: str) -> bool:
    """A prefix, a slash and a suffix of two or more characters: the shape a registered DOI has."""
    return bool(_COMPLETE_RE.fullmatch(doi))


def find_doi(text: str) -> tuple[str, int, int] | None:
    """The first complete DOI in ``text`` with its span (including any ``doi:`` or resolver prefix).

    ``text`` should have been through :func:`join_broken_dois`; a DOI that is still cut short (``10.1016/j``)
    is not returned: a DOI that cannot be complete is never better than none (:func:`incomplete_doi` says so).
    """
    for m in _DOI_RE.finditer(text):
        doi = trim_doi(m.group(1))
        # Link text glued to a DOI ("...403733.-DOI", "...005[doi]") is not part of it.
        doi = _TAIL_RE.sub("", doi)
        if len(doi) > 12:
            doi = doi[:8] + _GLUED_RE.sub("", doi[8:])
            note = _OPEN_NOTE_RE.search(doi)  # "…551(inkoreanwithenglishabstract": a note opened, never closed
            if note:
                doi = doi[:note.start()]
        # A publisher's landing-page URL ("wiley.com/doi/10.1111/ajo.12056/full") adds a view name to the DOI.
        doi = _VIEW_SUFFIX_RE.sub("", doi)
        end = m.start(1) + len(doi)
        suffix = doi.split("/", 1)[1]
        if not any(c.isdigit() for c in suffix):
            # "10.1057/ palcomms. 2015.46": a suffix without a digit is cut short; its rest follows after spaces
            more = _SPACED_REST_RE.match(text, end)
            if more:
                doi, end = doi + "." + more.group(1), more.end()
        if is_complete_doi(trim_doi(doi)):
            return trim_doi(doi), m.start(), end
    return None


def incomplete_doi(text: str) -> str | None:
    """The DOI cut short in a string that prints no complete one (``doi: 10.1016/j``), for a warning."""
    hit = find_incomplete_doi(text)
    return hit[0] if hit else None


def find_incomplete_doi(text: str) -> tuple[str, int, int] | None:
    """The span of a DOI cut short (``doi: 10.1016/j.``), so a parser can take it out of the other fields."""
    if "10." not in text or find_doi(text):
        return None
    m = _PREFIX_ONLY_RE.search(text)
    return (trim_doi(m.group(1) or m.group(2)), m.start(), m.end()) if m else None


# DOIs broken by a line break or a stray space: "doi:10. 1111/j.x", "10.1007/ \ns0033", "10.3389 \n/fn",
# "10.1016/j. gaitpost.2004.05.005". A break is closed only where the part before it cannot end a DOI.
_DOI_BREAKS = (
    re.compile(r"(?<=\b10\.)\s+(?=\d{4,9}/)"),
    re.compile(r"(?<=\b10\.\d{4})\s+(?=/)"),
    re.compile(r"(?<=\b10\.\d{5})\s+(?=/)"),
    re.compile(r"(?<=\b10\.\d{4}/)\s+(?=\S)"),
    re.compile(r"(?<=\b10\.\d{5}/)\s+(?=\S)"),
)
# Before a line break: a DOI part ending in ".", "/", "-" or "_" goes on on the next line.
_LINE_BREAK_RE = re.compile(r"(\b10\.\d{4,9}/\S*[./_-])[ \t]*\r?\n\s*(?=[A-Za-z0-9(])")
# Before a space: only a part that cannot be a whole DOI, a suffix of under two characters before its dot
# ("10.1016/j. gaitpost…"), or one ending in "/", "-" or "_"; the rest must look like a DOI's suffix
# (a dot or a digit in it), so "…2010.01.001. Epub 2010" is left alone.
_SPACE_BREAK_RE = re.compile(
    r"(\b10\.\d{4,9}/(?:[^\s\"]?\.|[^\s\"]*[/_-]))[ \t]+"
    r"(?=[A-Za-z0-9(][^\s\"]*[.\d][^\s\"]*[A-Za-z0-9)])(?!(?:PMID|PMC|PubMed|Epub|doi|https?)\b)",
    re.IGNORECASE)


# A space before a slash inside the suffix: "10.1093/molbev /msu300".
_SLASH_BREAK_RE = re.compile(r"(\b10\.\d{4,9}/[^\s\"]*[A-Za-z0-9])\s+(?=/[A-Za-z0-9][^\s\"]*\d)")


def join_broken_dois(text: str) -> str:
    """Close the breaks a line wrap or PDF spacing put inside DOIs; everything else stays as it was."""
    if "10 " in text:  # PDF text spaced around its punctuation: "doi:10 .1073 /pnas.1018514108", "doi:10 \n.1124/"
        text = _SPACED_DOI_RE.sub(r"\1\2/", text)
    if "10." not in text:
        return text
    for rx in _DOI_BREAKS:
        text = rx.sub("", text)
    text = _LINE_BREAK_RE.sub(r"\1", text)
    text = _SLASH_BREAK_RE.sub(r"\1", text)
    return _SPACE_BREAK_RE.sub(r"\1", text)


_SPACED_DOI_RE = re.compile(r"(\bdoi\s*:?\s*10)\s+(\.\d{4,9})\s*/\s*", re.IGNORECASE)


def find_pmid(text: str) -> tuple[str, int, int] | None:
    m = _PMID_RE.search(text)
    return (m.group(1), m.start(), m.end()) if m else None


def find_pmcid(text: str) -> tuple[str, int, int] | None:
    m = _PMCID_RE.search(text)
    return (m.group(1).upper().replace(" ", ""), m.start(), m.end()) if m else None


def find_url(text: str) -> tuple[str, int, int] | None:
    """The first web address whose host has a domain (``http://www`` cut off by a space is not one)."""
    for m in _URL_RE.finditer(text):
        url = trim_doi(m.group(0))
        if _HOST_RE.match(url):
            return url, m.start(), m.start() + len(url)
    return None


def find_isbn(text: str) -> tuple[str, int, int] | None:
    m = _ISBN_RE.search(text)
    if not m:
        return None
    isbn = re.sub(r"[\s-]", "", m.group(1)).upper()
    return isbn, m.start(), m.end()


def strip_link_tail(text: str) -> str:
    """Drop the link text web pages print after a reference (``- DOI PMC PubMed``, ``[Medline]``)."""
    text = re.sub(r"\[(?:Medline|CrossRef|PubMed|Google Scholar|PMC free article|Free Full Text|Abstract|Full Text|Web of Science|Ref list)\]",
                  " ", text, flags=re.IGNORECASE)
    return text.strip()


# (CSL field, finder, a cheap lower-case cue that must be present for the finder to be worth running)
FINDERS = (("DOI", find_doi, "10."), ("PMCID", find_pmcid, "pmc"), ("PMID", find_pmid, "pmid"),
           ("ISBN", find_isbn, "isbn"), ("URL", find_url, "http"), ("URL", find_url, "www."))
