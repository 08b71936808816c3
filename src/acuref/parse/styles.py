"""Readers for Latin-script styles with a fixed comma grammar the general reader splits wrongly.

- **Copernicus** (the EGU journals: ACP, GMD, ESSD, HESS …; also AGU-like lists): ``Family, I., and Family, I.: Title,
  Journal, 156, 106 583, https://doi.org/…, 2021.`` — authors end in a colon, then title, journal, volume and pages
  (an article number set in digit groups) separated by commas, links and notes (``publisher: …``, ``last access: …``),
  and the year last. A preprint ends ``Journal [preprint], https://doi.org/…, 2023.`` or ``arXiv preprint
  arXiv:…, 2024.``

A reading is returned only when the whole string fits; anything else goes to the general reader.
"""

from __future__ import annotations

import re

from acuref.model import Date
from acuref.normalize import identifiers as ids
from acuref.normalize.names import is_author_list, parse_author_list
from acuref.normalize.pages import normalize_pages
from acuref.normalize.vocabulary import YEAR

_HEAD_RE = re.compile(r"^(?P<authors>.{3,3000}?(?:[A-Z]\.|et al\.|and others|\b[A-Z][\w-]+)):\s+(?P<rest>\S.*)$")
_YEAR_END_RE = re.compile(rf",\s*(?P<year>{YEAR})[a-z]?\.?\s*$")
_NOTE_RE = re.compile(r",\s*(?:publisher|tex\.eprint|eprint|last access|_eprint|note)\s*:[^,]*(?=,|$)", re.IGNORECASE)
_LINK_RE = re.compile(r",\s*(?:https?://\S+?|doi:\s*10\.\S+?)(?=,\s|\s*$)", re.IGNORECASE)
_VOLUME_RE = re.compile(r"^[A-Z]?\d{1,5}[A-Za-z]?$")
_PAGES_RE = re.compile(r"^(?:pp?\.\s*)?(?P<pages>[A-Za-z]{0,3}\d[\d ]{0,12}\d?(?:\s*[–-]\s*[A-Za-z]{0,3}\d[\d ]{0,12})?"
                       r"|e\d[\w]{1,20}(?: \d{3})*)$")
_PREPRINT_RE = re.compile(r"\[preprint\]|\barXiv\b|\bpreprint\b", re.IGNORECASE)


def read_colon_authors(text: str) -> dict[str, object] | None:
    """The fields of a Copernicus-style reading of ``text`` (for :func:`acuref.parse.plain.finish`), or None."""
    s = " ".join(text.split())
    head = _HEAD_RE.match(s) if ": " in s and len(s) < 3000 else None
    if head is None or not is_author_list(head.group("authors"), permissive=True):
        return None
    rest = _LINK_RE.sub("", _NOTE_RE.sub("", head.group("rest")))
    year = _YEAR_END_RE.search(rest)
    if year is None:
        return None
    parts = [p.strip() for p in rest[: year.start()].split(", ")]
    fields: dict[str, object] = {"issued": Date(int(year.group("year")))}
    pages = _PAGES_RE.match(parts[-1]) if len(parts) >= 3 else None
    if pages:
        parts.pop()
        fields["page"] = normalize_pages(pages.group("pages").replace(" ", "")) if "–" in pages.group("pages") or \
            "-" in pages.group("pages") else pages.group("pages").replace(" ", "")
        if len(parts) >= 3 and _VOLUME_RE.match(parts[-1]):
            fields["volume"] = parts.pop()
    elif not (len(parts) >= 2 and _PREPRINT_RE.search(parts[-1])):
        return None
    container = parts.pop().replace(" [preprint]", "").strip()
    title = ", ".join(parts).strip(" .")
    if not title or not container or len(container) > 200:
        return None
    authors, truncated = parse_author_list(head.group("authors"))
    fields.update(type="article-journal", author=authors, author_truncated=truncated, title=title,
                  container_title=container)
    doi = ids.find_doi(s)
    if doi:
        fields["DOI"] = doi[0]
    return fields
