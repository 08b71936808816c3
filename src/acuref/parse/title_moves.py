"""Title passes that move a title's end to or from another field (called by parse/titles.py's read_titles).

- a book's subtitle read as a container (``Title. Subtitle, Leiden 1987``: no numbers, a place printed) is the
  title's end, and an editor statement after it (``. Hg. v. Anna Roth``) names the editors;
- an imprint bracket the title was read into (``Title (West Lafayette, IN, 1998)``) is the place or the publisher,
  never a bracket of the title's own (``(Reprint, 1998)``, ``(Second Edition, 1998)``);
- a list's last name read as the title of a string of names only (``…, Regan S, Moritz T,``) is the last author.
"""

from __future__ import annotations

import re
from dataclasses import replace

from acuref.model import Reference
from acuref.normalize.names import parse_author_list
from acuref.normalize.text import looks_abbreviated
from acuref.normalize.vocabulary import EVENT_WORDS, JOURNAL_WORDS
from acuref.parse.chapters import _EDW

# what opens a container named as a book's or a journal's, never a subtitle's
_CONTAINER_HEAD_RE = re.compile(r"(?:In|Dans|En|Im|Em|В|U|W)\s*:|//")
_VENUE_WORD_RE = re.compile(rf"\b(?:{EVENT_WORDS}|{JOURNAL_WORDS})\b", re.IGNORECASE)
_SERIES_NUMBER_RE = re.compile(r"\s\d{1,4}$")
# ". Hg. v. Anna Roth", ". Edited by A. Roth", ". Ed. by A. Roth": an editor word with its dot or its "by"
_EDITORS_AFTER_RE = re.compile(rf"\.\s+(?:(?:{_EDW})(?:\.\s*(?:v\.|von|by|par|di)?|\s+(?:v\.|von|by|par|di))|edited\s+by)"
                               r"\s*(?P<names>\S.{1,200})$", re.IGNORECASE)
_TRANSLATORS_AFTER_RE = re.compile(r"\.\s+(?:Trans(?:lated)?\.?\s+by|Übers\.|Übersetzt\s+von|Trad\.)")


def subtitle_as_container(ref: Reference, text: str) -> Reference:
    """``Homer: Beyond Oral Poetry. Recent Trends in …, Amsterdam 1987``: a book's subtitle printed after its title
    and read as a container (no volume, issue, pages or editors; a place printed) is the title's end."""
    title, container = ref.title or "", ref.container_title or ""
    if ref.volume or ref.issue or ref.page or ref.number or ref.editor or not ref.publisher_place or "arXiv" in container:
        return ref  # a publisher alone may be the rest of a journal's name cut at its comma
    at = text.find(title)
    if at < 0 or text[at + len(title): at + len(title) + 2] not in (". ", "? ", "! "):
        return ref
    if not text[at + len(title) + 2:].startswith(container) or _CONTAINER_HEAD_RE.match(container) \
            or looks_abbreviated(container) or _VENUE_WORD_RE.search(container) or _SERIES_NUMBER_RE.search(container):
        return ref  # "Uppsala Studies in History of Science 18": a numbered series, not a subtitle
    if _TRANSLATORS_AFTER_RE.search(container):
        return ref  # a translator has no field of the reading's: the container keeps the statement
    changes: dict = {}
    m = _EDITORS_AFTER_RE.search(container)
    if m:
        editors = parse_author_list(m.group("names").strip(" .,;"))[0]
        if not editors:
            return ref
        container, changes["editor"] = container[: m.start()], editors
    kind = "book" if ref.type in ("article-journal", "document") else ref.type
    return replace(ref, title=f"{title}{text[at + len(title)]} {container}", container_title=None, type=kind, **changes)


# a bracket left open at the title's end: searched from its "(" only (no leading spaces: linear on space runs)
_OPEN_IMPRINT_RE = re.compile(r"\((?P<name>[^()\d]{3,60})$")
# what a title's own bracket holds before a year: a reprint, an edition, a volume or part, an original's date
_NOT_IMPRINT_RE = re.compile(r"\b(?:Reprint\w*|Repr|Nachdruck|Edition|Edn|Ed|Éd|Aufl\w*|Aufgabe|Vol|Volume|Part|Teil|"
                             r"Bd|Band|Tome|Book|Orig\w*|First|Second|Third|Fourth|Revised)\b", re.IGNORECASE)


def imprint_in_title(ref: Reference, text: str) -> Reference:
    """``The Army of Francis Joseph (West Lafayette, IN, 1998)`` with the title read up to the comma: the bracket
    holds the imprint, not the title's end; its first name is the place, or the publisher where a place is read."""
    title = ref.title or ""
    m = _OPEN_IMPRINT_RE.search(title)
    at = text.find(title)
    if not m or m.start() == 0 or not title[m.start() - 1].isspace() or at < 0 \
            or not re.match(r"\s*,[^()]{0,60}\b(?:1[5-9]|20)\d\d\s*\)", text[at + len(title):]):
        return ref
    name = m.group("name").strip(" ,")
    if not name[:1].isupper() or _NOT_IMPRINT_RE.search(name):
        return ref  # "(Reprint, 1998)", "(Second Edition, 1998)": the title's own bracket
    cut = title[: m.start()].rstrip()
    if ref.publisher_place and not ref.publisher:
        return replace(ref, title=cut, publisher=name)
    if ref.publisher_place or ref.publisher:
        return replace(ref, title=cut)
    return replace(ref, title=cut, publisher_place=name)


_INITIALS_NAME_RE = re.compile(r"[A-ZÀ-Þ][\w'’-]+\s+[A-Z]{1,3}|(?:[A-Z]\.\s?){1,3}\s?[A-ZÀ-Þ][\w'’-]+")


def last_author(ref: Reference, text: str) -> Reference:
    """``Falini B, Pileri S, …, Stirpe F,``: a list's last name read as the title of a string that is only names (a
    line cut from its reference) is the last author."""
    title = ref.title or ""
    if ref.container_title or ref.issued or ref.volume or ref.page or ref.publisher or ref.DOI or ref.URL \
            or not _INITIALS_NAME_RE.fullmatch(title) or not text.rstrip(" ,.;").endswith(title):
        return ref
    return replace(ref, author=ref.author + parse_author_list(title)[0], title=None)


__all__ = ["imprint_in_title", "last_author", "subtitle_as_container"]
