"""What a reading leaves in a title or at a container's start that belongs elsewhere.

- ``Family, Given: Title`` (German and other humanities lists): a given name read as the title's first word goes
  back to the author it belongs to;
- a link left inside the title (``Title https://….pdf``) is the work's URL, not its title;
- a chapter's ``En``/``Dans``/``Em``/``In:`` is not the first word of the book (``En Historia monetaria …``), and
  a book run into the chapter's title after it (``Title? En Book``) is the container;
- Spanish opening marks (``¿``, ``¡``) are the title's own;
- what manuals and RFCs print after their title (``. Version 2.8. AMD``, ``. rev 1.0``, ``. RFC 6749 (Proposed
  Standard)``) and a link's cue left behind by its link (``. Retrieved from``, ``. Geraadpleegd van``) are not the title;
- a quoted title followed by a name and a date (``"Title", Le Monde, 22 janvier 2014``) was published in it;
- a string that is only a name and a link (``OntoStack. https://…. Accessed: …``) names the title;
- a year printed as a title's first word (``NASA, 2014 science plan, …, (2014)``) is the title's when a date is
  printed elsewhere, and so is the period printed as its last words (``…of Bolivia, 1960–2017 (No w25523)``);
- the sentence before an abbreviated journal read into the container (``Leptogenesis. Phys. Rept.``) is the title,
  or its end;
- the meeting a paper was given at, printed after its title (``Title. Annual Meeting ISMRM, Toronto 2015, In: Proc
  …``), is not the title;
- a book's subtitle read as a container (``Title. Subtitle, Leiden 1987``: no numbers, a place printed) is the
  title's end, and an imprint bracket the title was read into (``Title (West Lafayette, IN, 1998)``) is not the title;
- a list's last name read as the title of a string of names only (``…, Regan S, Moritz T,``) is the last author.
"""

from __future__ import annotations

import re
from dataclasses import replace

from acuref.model import Name, Reference
from acuref.normalize import identifiers as ids
from acuref.normalize.dates import month_number
from acuref.normalize.text import clean_title, looks_abbreviated
from acuref.normalize.vocabulary import EARLY_YEAR, YEAR
from acuref.parse.title_moves import imprint_in_title, last_author, subtitle_as_container

_GIVEN_HEAD_RE = re.compile(r"^(?P<given>[A-ZÀ-Þ][a-zß-ÿ]+(?:[- ][A-ZÀ-Þ][a-zß-ÿ]+)?(?:\s[A-Z]\.)?):\s+(?P<rest>[\dA-ZÀ-Þ„“\"«¿¡].*)$")
_YEAR_LED_RE = re.compile(rf"(?:^|[,:;]\s)({YEAR}(?:\s?[-–]\s?{YEAR})?)\s$")
_RANGE_AFTER_RE = re.compile(rf",\s{EARLY_YEAR}\s?[-–]\s?{EARLY_YEAR}(?=[\s.(\[]|$)")
_ANY_YEAR_RE = re.compile(rf"(?<![\d/.]){YEAR}(?!\d)")
_NAME_SHAPE_RE = re.compile(r"[A-ZÀ-Þ][\w'’-]+(?:,\s[A-Z]\.?)?")  # "Strogatz", "Balysh, A": a name read as the title
_SENTENCE_RE = re.compile(r"[a-zß-ÿ]{4,}\s[a-zß-ÿ]|^[A-ZÀ-Þ][a-zß-ÿ]{9,}$")  # words of a sentence, or one long word
_NAME_PREFIX_RE = re.compile(r"^[A-ZÀ-Þ][\w'’-]+,\s(?:[A-Z]\.[\s-]?){1,3}:\s")  # "Vogel, P.: " left of a list
_MEETING_SENTENCE_RE = re.compile(r"(?<=[.?!])\s+(?:[A-Z][\w-]*\s+){0,3}(?:Annual\s+|Joint\s+)*(?:Meeting|Meetig|Conference|"
                                  r"Symposium|Congress)\b[^.]*$")
_LINK_IN_TITLE_RE = re.compile(r"\s*[(<\[]?\b(?:https?://|www\.)\S+")
_IN_PREFIX_RE = re.compile(r"^(?:(?:En|Dans|Em|Im|In)\s*:\s*|(?:En|Dans|Em)\s+(?=[A-ZÀ-Þ¿¡«\"“„]))")
_IN_INSIDE_RE = re.compile(r"(?<=[.?!])\s+(?:(?:En|Dans|Em|In)\s*:\s*|(?:En|Dans|Em)\s+(?=[A-ZÀ-Þ¿¡«\"“„]))")


def read_titles(ref: Reference, text: str) -> Reference:
    """``ref`` with given names, links and a chapter's book taken out of its title, and the title's opening marks."""
    if not ref.parsed:
        return ref
    text = " ".join(text.split())  # a line break in the string is a space in the fields
    ref = _given_in_title(ref, text)
    ref = _link_in_title(ref, text)
    ref = _book_in_title(ref)
    ref = _in_before_book(ref)
    ref = _title_tail(ref, text)
    ref = _meeting_after_title(ref) if ref.container_title and ". " in (ref.title or "") else ref
    ref = _year_led(ref, text) if ref.issued and ref.title else ref
    ref = _title_in_container(ref, text) if ". " in (ref.container_title or "") else ref
    ref = _responsibility(ref)
    ref = _publisher_as_author(ref)
    ref = _name_and_link(ref, text)
    ref = _venue_after_quotes(ref, text)
    ref = _untitled(ref, text)
    ref = subtitle_as_container(ref, text) if ref.container_title and ref.title else ref
    ref = imprint_in_title(ref, text) if "(" in (ref.title or "") else ref
    ref = last_author(ref, text) if ref.author and ref.title and len(ref.title) < 40 else ref
    return _opening_mark(ref, text)


def _year_led(ref: Reference, text: str) -> Reference:
    """``NASA, 2014 science plan, …, (2014)``, ``…: 2020 global reassessment …. JHEP 02, 071 (2021)``: the year before
    the title is its first word where a date is printed elsewhere (alone, ``Banks T 2003 Title`` is IOP's date)."""
    title = ref.title or ""
    at = text.find(title)
    span = _RANGE_AFTER_RE.match(text, at + len(title)) if at >= 0 else None
    if span:  # "The Monetary and Fiscal History of Bolivia, 1960–2017 (…)": the period it covers is the title's
        return replace(ref, title=title + span.group(0))
    m = _YEAR_LED_RE.search(text[:at]) if at > 5 else None
    if not m or not _ANY_YEAR_RE.search(text[:m.start(1)] + " " + text[at:]):
        return ref
    return replace(ref, title=f"{m.group(1)} {title}")


def _title_in_container(ref: Reference, text: str) -> Reference:
    """``Davidson, S., Nir, Y.: Leptogenesis. Phys. Rept. 466`` read with the container ``Leptogenesis. Phys. Rept``
    and no title (or a name for the title): the sentence before the abbreviated journal is the title."""
    c, title = ref.container_title or "", ref.title or ""
    if title and not _NAME_SHAPE_RE.fullmatch(title):
        return ref
    for m in re.finditer(r"\.\s", c):
        head, journal = c[:m.start()], c[m.end():]
        if _SENTENCE_RE.search(head) and looks_abbreviated(journal) and "." in journal:
            head = _NAME_PREFIX_RE.sub("", head)
            return replace(ref, title=head, container_title=journal)
    return ref


def _meeting_after_title(ref: Reference) -> Reference:
    """``Title. Annual Meeting ISMRM, Toronto 2015, In: Proc`` read as the title: the meeting is not the title."""
    title = ref.title or ""
    m = _MEETING_SENTENCE_RE.search(title)
    return replace(ref, title=title[:m.start()].strip()) if m and m.start() > 10 else ref


def _given_in_title(ref: Reference, text: str) -> Reference:
    """``Bayer, Sibylle: Aus dem Leben …`` read as author Bayer and title ``Sibylle: Aus dem Leben``."""
    title = ref.title or ""
    m = _GIVEN_HEAD_RE.match(title)
    if not m or not ref.author:
        return ref
    last = ref.author[-1]
    given = m.group("given")
    if last.given or not last.family or not re.search(re.escape(f"{last.family}, {given}:"), text):
        return ref
    author = ref.author[:-1] + (replace(last, given=given),)
    return replace(ref, author=author, title=m.group("rest").strip())


def _link_in_title(ref: Reference, text: str) -> Reference:
    title = ref.title or ""
    if "http" not in title and "www." not in title:
        return _title_before_link(ref, text)
    m = _LINK_IN_TITLE_RE.search(title)
    if not m or m.start() < 3:
        return ref
    link = m.group(0).strip(" (<[").rstrip(".,;)>]")
    head = title[: m.start()].strip(" .,;")  # what follows a link inside the title describes it: "Blog https://… Ein Blog"
    return replace(ref, title=head, URL=ref.URL or link)


def _title_before_link(ref: Reference, text: str) -> Reference:
    """``Podcast https://… Ein Blog für …``: the link taken out, the title ran on into the words describing it."""
    title = ref.title or ""
    if len(title) < 8 or ("http" not in text and "www." not in text):
        return ref
    for m in _LINK_IN_TITLE_RE.finditer(text):
        pre = text[: m.start()].rstrip(" ,")
        k = len(title) - 1
        while k >= 3 and not pre.endswith(title[:k]):
            k -= 1
        if k >= 3 and pre.endswith(title[:k]) and len(title) - k >= 3:
            return replace(ref, title=clean_title(title[:k]))
    return ref


def _book_in_title(ref: Reference) -> Reference:
    """``¿Crisis …? En Latinoamérica y España, 1800-1850`` read as one title: the book after ``En`` is the container."""
    title = ref.title or ""
    if ref.container_title or not any(w in title for w in ("En", "Dans", "Em", "In")):
        return ref
    m = _IN_INSIDE_RE.search(title)
    if not m or m.start() < 8 or len(title) - m.end() < 4:
        return ref
    kind = ref.type if ref.type not in ("book", "document", "article-journal") else "chapter"
    return replace(ref, title=clean_title(title[: m.start()]), container_title=title[m.end():].strip(" ."), type=kind)


def _in_before_book(ref: Reference) -> Reference:
    c = ref.container_title or ""
    m = _IN_PREFIX_RE.match(c)
    if not m or len(c) - m.end() < 3:
        return ref
    return replace(ref, container_title=c[m.end():])


_CUE_END_RE = re.compile(rf"[.,]?\s+{ids.LINK_CUE}\s*:?$")  # capitalised: "… information available" is a title
_VERSION_TAIL_RE = re.compile(r"\.\s+(?:Version|Ver\.|Release|Rev\.?|rev|Revision|v)\s?(?P<version>\d[\w.-]*)"
                              r"(?:,\s*[^.]{1,40})?(?:\.\s+(?P<org>[A-Z][\w&.\- ]{1,60}))?$")
_VERSION_ONLY_RE = re.compile(r"^(?:Version|Ver\.|Release|Rev\.?|rev|Revision|v)\s?(?P<version>\d[\w.-]*)"
                              r"(?:,\s*[^.]{1,40})?(?:\.\s+(?P<org>[A-Z][\w&.\- ]{1,60}))?\.?$")
_RFC_TAIL_RE = re.compile(r"\.\s+(?P<number>RFC\s+\d{3,5})(?:\s*\([^()]{1,40}\)?)?$")


_RESPONSIBILITY_RE = re.compile(
    r"(?:\s*:\s*(?:тех\.\s*отч|дис\.[\s.]*(?:канд|д-ра|докт)|автореф\.|Пер\.\s*с\s*\w+|\d+-е\s+изд|учеб\.\s*пособие)\b.*"
    r"|\.\s+Т\.\s*\d+|\s+//\s.*"  # GOST: ": тех. отч", ". Т. 303", " // Journal"
    r"|,\s+(?:a\s+cura\s+di|introduzione\s+di|con\s+la\s+collaborazione\s+di|traduzione\s+di|Übersetzung\s+der|"
    r"hrsg\.\s+von|édité\s+par|sous\s+la\s+direction\s+de)\b.*"
    r"|\s+/\s+[^/]*\b(?:University|Universität|Université|Department|Deptartment|Institut|Institute|Laborator\w*)\b[^/]*"
    r"|\s*\((?i:tech\.\s*(?:rap|rep|ber)\.|onderzoeksrap\.|research\s+rep\.|rep\.|rap\.)\)|\s*\[[a-z]{0,6}thesis\])$")


def _responsibility(ref: Reference) -> Reference:
    """What a title carries after it that is not the title: a GOST descriptor or volume (``: тех. отч``, ``. Т. 303``,
    ``// Journal``), an editor or translator (``, a cura di …``, ``, Übersetzung der …``), a DIN report's institution
    (``/ University of California``), an abbreviated APA description (``(tech. rap.)``, ``[bathesis]``)."""
    title = ref.title or ""
    m = _RESPONSIBILITY_RE.search(title) if len(title) > 12 else None
    if not m or m.start() < 8:
        return ref
    changes: dict = {"title": clean_title(title[: m.start()])}
    rest = m.group(0).strip()
    if rest.startswith("//") and not ref.container_title:
        changes["container_title"] = rest.lstrip("/ ").split(". —")[0].strip(" .") or None
    return replace(ref, **changes)


def _publisher_as_author(ref: Reference) -> Reference:
    """``UNIZO. (2025). Reclame voor je zaak. UNIZO.``: the organisation printed again after the title publishes it."""
    title = ref.title or ""
    if ". " not in title or len(ref.author) != 1:
        return ref
    head, _, tail = title.rpartition(". ")
    org = ref.author[0].literal or ref.author[0].family
    if not org or ref.author[0].given or len(head) < 3 or not tail or len(tail) < 3 or not org.casefold().startswith(tail.strip(" .").casefold()):
        return ref
    return replace(ref, title=head, publisher=ref.publisher or tail.strip(" ."))


def _title_tail(ref: Reference, text: str = "") -> Reference:
    """``Title. Version 2.8. AMD`` / ``Title. RFC 6749 (Proposed Standard)`` / ``Title. Retrieved from``: the title
    ends before; a manual read whole as its container (no title, no numbers) is the title."""
    title, changes = ref.title, {}
    text = text or ""
    if not title and ref.container_title and not (ref.volume or ref.page or ref.issue) and _VERSION_TAIL_RE.search(
            ref.container_title):
        title, changes = ref.container_title, {"container_title": None, "type": "document" if ref.type ==
                                                "article-journal" else ref.type}
    if not title:
        return ref
    m = _VERSION_ONLY_RE.match(title)
    name = re.match(r"(?P<name>[^.]{3,200}?(?:\([^()]{1,40}\))?)\.\s+" + re.escape(title[:12]), text) if m else None
    if m and name:
        # "OpenMP API. Version 4.0. OpenMP Board" read as author "OpenMP API", title "Version 4.0. …": the name was the title
        org = m.group("org") or (ref.container_title if ref.container_title and ref.container_title in text[name.end():]
                                 else None)
        return replace(ref, title=name.group("name").strip(), author=(Name(literal=org.strip(" .")),) if org else (),
                       container_title=None if org == ref.container_title else ref.container_title,
                       version=ref.version or m.group("version").rstrip("."),
                       type="document" if ref.type == "article-journal" else ref.type)
    m = _CUE_END_RE.search(title)
    if m and m.start() >= 3:
        title = title[: m.start()]
    m = _VERSION_TAIL_RE.search(title)
    if m and m.start() >= 3:
        title = title[: m.start()]
        changes["version"] = ref.version or m.group("version").rstrip(".")
        if m.group("org") and not ref.publisher:
            changes["publisher"] = m.group("org").strip(" .")
    m = _RFC_TAIL_RE.search(title)
    if m and m.start() >= 3:
        title = title[: m.start()]
        changes["number"] = ref.number or m.group("number")
    if title == ref.title and not changes:
        return ref
    return replace(ref, title=clean_title(title), **changes)


_LINK_RE = re.compile(r"[(<\[]?\b(?:https?://|www\.)\S+")
_NO_DATE_RE = re.compile(r"\((?:z\.\s?d|n\.\s?d|s\.\s?f|o\.\s?J|s\.\s?d)\.?\)\.?", re.IGNORECASE)
_ACCESSED_RE = re.compile(r"\b(?:Accessed|Retrieved|Abgerufen|Consultado|Geraadpleegd|Verkregen)\b.*$", re.IGNORECASE)


def _name_and_link(ref: Reference, text: str) -> Reference:
    """``Treetop. http://…`` read as an author, a container or nothing: the one phrase before the link is the title."""
    if ref.title or ref.issued or ref.page or ref.editor or len(ref.author) > 1 or ("http" not in text and "www." not in text):
        return ref
    rest = _ACCESSED_RE.sub("", _NO_DATE_RE.sub(" ", _LINK_RE.sub(" ", text)))
    rest = " ".join(rest.split()).strip(" .,;:")
    rest = _CUE_END_RE.sub("", rest).strip(" .,;:")
    if not rest or len(rest.split()) > 20 or re.search(r"[.?!]\s", rest):
        return ref
    pieces = [ref.container_title, ref.volume, ref.publisher] + [p for n in ref.author for p in (n.family, n.given, n.literal)]
    if any(p and p.strip(" .") not in rest for p in pieces):
        return ref
    return replace(ref, title=rest, author=(), container_title=None, volume=None, publisher=None,
                   type="webpage" if ref.type in ("article-journal", "document") else ref.type)


_VENUE_DATE_RE = re.compile(r"[”\"»]\s*,\s*(?P<venue>[^,\"“”«»()]{2,60}?)\s*,\s*(?:(?:\d{1,2}(?:er|\.)?\s+)?"
                            r"(?P<month>[^\W\d_]{3,12}\.?)\s+)?(?:19|20)\d{2}\b")


def _venue_after_quotes(ref: Reference, text: str) -> Reference:
    """``"Title", Le Monde, 22 janvier 2014``: the name between the quoted title and the date is where it appeared."""
    title = ref.title or ""
    if ref.container_title or not title or title[:20] not in text:
        return ref
    m = _VENUE_DATE_RE.search(text, text.find(title[:20]) + len(title) - 1)
    if not m or m.start() > text.find(title[:20]) + len(title) + 3:
        return ref
    month = m.group("month")
    if month and not month_number(month.rstrip(".")):
        return ref
    venue = m.group("venue").strip()
    if not venue[:1].isupper() and not venue[:1].isdigit() or ref.publisher == venue \
            or re.match(r"[A-Z]{2,}[\s-]?[A-Z]?\d", venue):
        return ref  # "…", Oxford University Press, 2005: a book's publisher; "…", ANSI X3.4, 1986: a standard's number
    changes: dict = {"container_title": venue}
    if ref.volume == venue:
        changes["volume"] = None
    return replace(ref, **changes)


def _untitled(ref: Reference, text: str) -> Reference:
    """No author and no title: what opens the string is the title, whatever it was read as (``CUDA C Programming
    Guide. v6.5. Nvidia`` as a journal, ``Codex Iuris Canonici, Roma 1983`` as a publisher)."""
    if ref.title or ref.author or ref.editor:
        return ref
    version = next((v for v in (ref.volume, ref.page) if v and re.fullmatch(r"v\d[\w.]*", v)), None)
    if version:  # "Guide. v6.5. Nvidia": a manual's version read as a volume or a page
        ref = replace(ref, version=ref.version or version[1:], volume=None if ref.volume == version else ref.volume,
                      page=None if ref.page == version else ref.page)
    if ref.volume or ref.issue or ref.page:
        return ref  # "Nature. 2010;463(7277):11": a journal's numbers, cited without its article
    first = text.lstrip(" \"“«„_*")
    for name in ("container_title", "publisher"):
        value = getattr(ref, name)
        if value and len(value) >= 3 and first.startswith(value) and first[len(value): len(value) + 1] in (
                "", ".", ",", " ", "[", "(", "”", '"'):
            kind = "document" if ref.type in ("article-journal", "article") else ref.type
            return replace(ref, title=value, type=kind, **{name: None})
    return ref


def _opening_mark(ref: Reference, text: str) -> Reference:
    title = ref.title or ""
    if not title or title[0] in "¿¡" or ("¿" not in text and "¡" not in text):
        return ref
    for mark in "¿¡":
        if mark + title[:30] in text:
            return replace(ref, title=mark + title)
    return ref


__all__ = ["read_titles"]
