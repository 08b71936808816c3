"""Readers for Latin-script styles with a fixed comma grammar the general reader splits wrongly.

- **Copernicus** (the EGU journals: ACP, GMD, ESSD, HESS …; also AGU-like lists): ``Family, I., and Family, I.: Title,
  Journal, 156, 106 583, https://doi.org/…, 2021.`` — authors end in a colon, then title, journal, volume and pages
  (an article number set in digit groups) separated by commas, links and notes (``publisher: …``, ``last access: …``),
  and the year last. A preprint ends ``Journal [preprint], https://doi.org/…, 2023.`` or ``arXiv preprint
  arXiv:…, 2024.``

- **DIN 1505** (German BibTeX styles unsrtdin, alphadin, geralpha; many German theses): ``Family, Given ; Family,
  Given: Title. In: Journal 124 (2017), Nr. 4, S. 126–134`` for articles, ``… In: Editor, E. (Hrsg.): Book. Place :
  Publisher, 2011, S. 445–463`` for chapters and ``Title. Place : Publisher, 2011`` for books; a statement of
  responsibility (``/ gefördert vom …``), ``Version: 2016`` and notes after ``–`` are not the title.

A reading is returned only when the whole string fits; anything else goes to the general reader.
"""

from __future__ import annotations

import re

from acuref.model import Date, Name
from acuref.normalize import identifiers as ids
from acuref.normalize.names import classify, is_author_list, parse_author_list
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


_DIN_MARK_RE = re.compile(r"\s;\s|[^\s:]\s:\s[A-ZÄÖÜ]|\.\s+In:\s|\((?:Hrsg|Bearb)\.\)|\.\s+–\s|\bVersion:")
_DIN_HEAD_RE = re.compile(r"^(?P<authors>[^:;]{2,80}(?:\s;\s[^:;]{2,80}){0,40}?)(?:\s*\(Hrsg\.\))?:\s+(?P<rest>\S.*)$")
_GIVEN_WORD = r"(?:[A-ZÄÖÜÀ-Þ]\.|[A-ZÄÖÜÀ-Þ][\w'’]{1,20}\.?|(?:von|van|de|der|du|da|di|zu)\b)"
_DIN_NAME_RE = re.compile(rf"^(?P<family>[^,.]{{2,60}}),\s*(?P<given>{_GIVEN_WORD}(?:[\s-]+{_GIVEN_WORD}){{0,4}})$")
_DIN_TITLE_END_RE = re.compile(r"\s/\s|\.\s+In:\s|\.\s+Version:|\.\s+–\s|\.\s+(?=[A-ZÄÖÜ][^.:;,]{1,40}?\s:\s)"
                               r"|\.\s+(?=\d+\.\s*(?:Aufl|Ed|ed)\b)|\.\s+(?=https?://)")
_DIN_JOURNAL_RE = re.compile(rf"^(?P<journal>.{{2,200}}?)\s+(?P<volume>\d[\w/-]{{0,8}})?\s*\((?P<year>{YEAR})\)"
                             r"(?:,\s*(?:Nr|Heft|H|No)\.\s*(?P<issue>[\w/-]+))?(?:,\s*(?:S\.\s*)?(?P<pages>\d+(?:\s*[–-]\s*\d+)?))?")
_DIN_IMPRINT_RE = re.compile(rf"(?:^|(?<=\.\s))(?P<place>[A-ZÄÖÜ][^.:;,]{{1,40}}?)\s:\s(?P<publisher>[^,]{{2,120}}),\s*"
                             rf"(?P<year>{YEAR})(?:,\s*S\.\s*(?P<pages>\d+(?:\s*[–-]\s*\d+)?))?")
_DIN_EDITORS_RE = re.compile(r"^(?P<editors>.{2,400}?)\s*\((?:Hrsg|Ed|Eds|Bearb)\.\)\s*:\s*(?P<book>.+)$")
_ANY_YEAR_RE = re.compile(rf"(?<!\d){YEAR}(?!\d)")


def read_din(text: str) -> dict[str, object] | None:
    """The fields of a DIN 1505 reading of ``text`` (for :func:`acuref.parse.plain.finish`), or None."""
    s = " ".join(text.split())
    head = _DIN_HEAD_RE.match(s) if ": " in s and _DIN_MARK_RE.search(s) else None
    if head is None:
        return None
    authors = _din_names(head.group("authors"))
    if authors is None:
        return None
    rest = head.group("rest")
    end = _DIN_TITLE_END_RE.search(rest)
    title = (rest[: end.start()] if end else rest.split(". ")[0]).strip(" .")
    after = rest[end.start():] if end else rest[len(title):]
    fields: dict[str, object] = {"author": authors, "title": title}
    part = re.search(r"\.\s+In:\s+(?P<in>.+)$", after)
    if part:
        inner = part.group("in")
        eds = _DIN_EDITORS_RE.match(inner)
        if eds:
            book = eds.group("book")
            imprint = _DIN_IMPRINT_RE.search(book)
            cut = book.find(". " + imprint.group("place")) if imprint else -1
            fields.update(type="chapter", editor=_din_names(eds.group("editors")) or (),
                          container_title=(book[:cut] if cut > 0 else book.split(". ")[0]).strip(" ."))
            if imprint:
                _imprint(fields, imprint)
        else:
            j = _DIN_JOURNAL_RE.match(inner)
            if not j:
                return None
            fields.update(type="article-journal", container_title=j.group("journal").strip(" ,."),
                          volume=j.group("volume"), issue=j.group("issue"), issued=Date(int(j.group("year"))),
                          page=normalize_pages(j.group("pages")) if j.group("pages") else None)
    else:
        imprint = _DIN_IMPRINT_RE.search(after)
        if imprint:
            fields["type"] = "book"
            _imprint(fields, imprint)
        else:
            year = _ANY_YEAR_RE.search(after)
            if not title or (year is None and not (ids.find_url(s) or ids.find_doi(s))):
                return None
            fields.update(type="report" if "bericht" in after.lower() else "document",
                          issued=Date(int(year.group(0))) if year else None)
    url = ids.find_url(s)
    doi = ids.find_doi(s)
    if doi:
        fields["DOI"] = doi[0]
    elif url:
        fields["URL"] = url[0]
    return fields if fields.get("title") else None


def _imprint(fields: dict[str, object], m: re.Match[str]) -> None:
    fields.update(publisher_place=m.group("place"), publisher=m.group("publisher").strip(), issued=Date(int(m.group("year"))))
    if m.group("pages"):
        fields["page"] = normalize_pages(m.group("pages"))


def _din_names(text: str) -> tuple[Name, ...] | None:
    """``Family, Given ; Family, Given`` (DIN's separator is a spaced semicolon), or one institution."""
    parts = [p.strip() for p in text.split(" ; ")]
    names = []
    for part in parts:
        m = _DIN_NAME_RE.match(part)
        # "Marianne. Utopia …", "Christopher R. Ordinary Men": a sentence after the name, not given names
        if m and not re.search(r"[a-zäöüß]{2}\.\s|\b[A-Z]\.\s+[A-Z][a-zäöüß]+\s+[A-Z]", m.group("given")):
            names.append(Name(family=m.group("family").strip(), given=m.group("given").strip()))
        elif len(parts) == 1 and (classify(part) == "org" or (part.isupper() and len(part) <= 12)):
            names.append(Name(literal=part))
        else:
            return None
    return tuple(names)
