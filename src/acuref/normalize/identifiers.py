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
# The words a reference prints before its link: "Available from:", "Retrieved from", "Beschikbaar via", "URL".
LINK_CUE = r"(?:(?:Available|Retrieved|Accessed|Cited)(?:\s+(?:from|at|on|online))?|URL|Beschikbaar\s+via)\b"
_URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_HOST_RE = re.compile(r"(?:https?://)?(?:[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}|\d{1,3}(?:\.\d{1,3}){3})(?:[:/?#]|$)",
                      re.IGNORECASE)
_ISBN_RE = re.compile(r"\bISBN(?:-1[03])?\s*:?\s*((?:97[89][\s-]?)?(?:\d[\s-]?){9}[\dXx])\b")
_DOI_URL_RE = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/", re.IGNORECASE)
_CLOSERS = {")": "(", "]": "[", ">": "<", "}": "{"}


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


def find_doi(text: str) -> tuple[str, int, int] | None:
    """The first DOI in ``text`` with its span (including any ``doi:`` or resolver prefix)."""
    m = _DOI_RE.search(text)
    if not m:
        return None
    doi = trim_doi(m.group(1))
    # Link text glued to a DOI ("...403733.-DOI") is not part of it.
    doi = re.sub(r"[.\-]+(?:DOI|PMC|PubMed)$", "", doi)
    # A publisher's landing-page URL ("wiley.com/doi/10.1111/ajo.12056/full") adds a view name to the DOI.
    doi = _VIEW_SUFFIX_RE.sub("", doi)
    end = m.start(1) + len(doi)
    suffix = doi.split("/", 1)[1]
    if not any(c.isdigit() for c in suffix):
        # "10.1057/ palcomms. 2015.46": a suffix without a digit is cut short; its rest follows after spaces
        more = _SPACED_REST_RE.match(text, end)
        if more:
            doi, end = doi + "." + more.group(1), more.end()
    return doi, m.start(), end


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
