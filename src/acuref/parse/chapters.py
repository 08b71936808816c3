"""Chapters and papers in edited books and proceedings, read by their own grammar after every reader has read them.

Every reader (rules, CRF, network) slips on the same few shapes of ``In`` + editors + editor word + book title +
what follows (volume, pages, place and publisher), in every language that prints them: ``In A. Brown & C. White
(Eds.), Book: Subtitle (pp. 45–67). Oxford: Berghahn``, ``In: Peter Braun (Hrsg.): Buch. Untertitel. Berlin: de
Gruyter 2009, S. 113-140``, ``Dans J. Martin (dir.), …``, ``En J. López (coord.), …``, ``In M. Bianchi (a cura di),
…``, ``W: J. Kowalski (red.), …``, and American anthropology's ``In Book Title? Mark Evans, ed. Pp. 12–30``. The
readers cut the book's title at an inner colon, full stop or question mark, run it on into ``(Tome 2``, ``. Band``
or an editor's name, leave the editor word inside the editors and miss ``(pp. 45–67)`` between the book and its
imprint. This pass reads the text after the cue word with that grammar and mends the reading where the two
overlap: the book's title made whole or cut at the evidence that ends it, the editors without their word, and
pages, volume, place and publisher where the reading has none. It only narrows or widens a container the reading
already placed (or fills one the editors prove), so a string it does not recognise keeps its reading.

``in: Esterbauer 2003, 171–190`` and ``In Glotfelty and Fromm, 196–203`` cite a book by its editors' names listed
elsewhere: those names are not the container. A chapter's title cut at an inner full stop before ``In:`` is made
whole.
"""

from __future__ import annotations

import re
from dataclasses import replace

from acuref.model import Name, Reference
from acuref.normalize.dates import month_number
from acuref.normalize.names import is_author_list, parse_author_list
from acuref.normalize.pages import is_range, normalize_pages
from acuref.normalize.text import clean_title, fold

# The word that opens a chapter's book, after the end of the chapter's title (a stop, comma, quote or bracket):
# English/German/Dutch "In", French "Dans", Spanish "En", Portuguese "Em", German "Im", Polish "W:", Czech/Russian "V:/В:".
_CUE_RE = re.compile(r"(?<=[.,;”\"’»)?!])\s+(?:(?:[Ii]n|[Dd]ans|[Ee]n|[Ee]m|Im)\s*:?|(?:W|V|В)\s*:)\s+(?=[A-ZÀ-Þ\d\"“«‘'¿])")
# The editor words of many languages, bracketed or after a comma: eds., Hrsg., Hg., dir., coord., a cura di, red., …
_EDW = (r"(?:eds?|editors?|ed\.\s+lit|Hrsg|Hrsgg|Hgg?|dirs?|coords?|orgs?|red|réd|éds?|a\s+cura\s+di|a\s+c\.\s+di|comps?"
        r"|ur|szerk|toim)")
_PAREN_EDS_RE = re.compile(rf"(?P<eds>[^()]{{2,250}}?)\s*\((?P<w>{_EDW})\.?\)\s*[.,:]?\s+(?P<rest>\S.*)", re.IGNORECASE)
_COMMA_EDS_RE = re.compile(rf"(?P<eds>[^():]{{2,250}}?),?\s+(?P<w>{_EDW})\.?\s*[.,:]\s*(?!by\b)(?P<rest>\S.*)", re.IGNORECASE)
# American anthropology and others: "In Who Owns the Past? Mark Evans, ed. Pp. 12–30."
_BOOK_FIRST_RE = re.compile(r"(?P<book>[^\s].{2,250}?[.?!])\s+(?P<eds>[A-ZÀ-Þ][^,():;]{1,60}?(?:(?:,\s+|\s+and\s+|\s+&\s+)"
                            r"[A-ZÀ-Þ][^,():;]{1,60}?)*),\s+eds?\.\s+(?P<rest>.*)")
# "in Markov Random Fields (R. Chellappa, ed.), pp.", "in Approaches to Homer, ed. by C.A. Rubino and C.W. Shelmerdine, Austin"
_EDS_AFTER_RE = re.compile(r"(?P<book>[^\s(].{2,250}?)(?:\s*\((?P<eds>[^()]{2,80}?),\s*eds?\.\)|[,.]\s+(?:[Ee]ds?\.(?:\s+by)?|[Ee]dited\s+by)\s+"
                           r"(?P<eds2>[^:;()]{2,200}?)(?=(?:,\s*|\s+)(?:\d|pp?\.|Pp\.|\()|,\s+[A-Z]{2,}|(?<=[a-z]{2})\.\s+[A-Z][a-z]+[,.:]"
                           r"|(?<=[a-z]{2})\.\s+[A-ZÀ-Þ][\w’'-]+(?:\s+[A-ZÀ-Þ][\w’'-]+)?\s*:"
                           r"|,\s+[A-ZÀ-Þ][\w’'-]+(?:\s+(?:and|und|&)\s+[A-ZÀ-Þ][\w’'-]+)?\s*(?::|,?\s*(?:1[5-9]|20)\d\d)))"
                           r"(?P<rest>.*)")
_ETAL_RE = re.compile(r"[,\s]*(?:u\.\s?a\.|et\s+al\.?|&\s*al\.?|and\s+others|e\s+altri|y\s+otros|et\s+coll\.?)\s*$", re.IGNORECASE)
_PLACE = (r"[A-ZÀ-Þ][\w’'-]+\.?(?:(?:\s+(?:und|and|et|am|an|upon|on|nad|sur|del|de|e|i|y)\s+|[\s,/-]+)"
          r"[A-ZÀ-Þ][\w’'-]+\.?){0,3}")
_YEAR = r"(?:1[5-9]\d\d|20\d\d)[a-z]?"
# A publisher's name closing the book ("… Systems 6. Morgan Kaufmann", "… Machines. Kluwer Academic Publishers")
_PUBLISHER = (r"(?:[A-Z][\w&-]*\s+){0,3}(?:Press|Publish\w*|Verlag|Books|Wiley|Springer(?:-Verlag)?|Elsevier|Kaufmann|"
              r"Academic|Sons|Ltd|Inc|GmbH)\.?")
# Where a book's title ends: strong evidence (a locator word, an imprint) and weak (a year, a range, the end).
_STRONG_END_RE = re.compile(
    r"\s*\((?:pp?\.|S\.|s\.|Tome|tome|Vol\.|vol\.|Bd\.|Band|t\.)\s*[\dIVXLC]"
    r"|[,.;]\s*(?:pp?\.|Pp\.|S\.|s\.|pages|Seiten)\s*\d|,\s+(?:chapter|ch\.|chap\.|Kapitel|chapitre)\s*\d"
    r"|[,.]\s+(?:Vol\.|vol\.|Volume|Band|Bd\.|Tome|tome|t\.)\s*[\dIVXLC]"
    rf"|\.\s+{_PLACE}\s*:\s*(?=[^\s\d])"
    rf"|[,.]\s+{_PLACE}\s+{_YEAR}\b|,\s+(?:volume|vol\.)\s+\d+\s+of\s"
    rf"|\s*\((?:{_PLACE})\s*:\s*[^()]+\)"
    rf"|\s*\([^()]{{2,80}},\s*eds?\.\)|\.\s+{_PUBLISHER}\s*(?:[,.(]|$)|\s*\({_PUBLISHER}"
    r"|\s*\(\d{1,2}(?:\.|st|nd|rd|th|e)?\s*(?:Aufl|ed|edn|éd|Auflage|edition)\b")
_WEAK_END_RE = re.compile(rf",\s*{_YEAR}\b|,\s+\d+\s*[-–]+\s*\d+|\.?\s*$")
_PAGES_RE = re.compile(r"(?:\bpp?\.|\bPp\.|\bS\.|\bs\.|\bpages|\bSeiten)\s*(\d+\s*[-–]+\s*\d+)|,\s*(\d+\s*[-–]+\s*\d+)\s*\.?\s*$")
_VOLUME_RE = re.compile(r"\s*[(,.]\s*(?:Tome|tome|Vol\.|vol\.|Volume|Bd\.|Band|t\.)\s*([\dIVXLC]{1,5})\b")
_IMPRINT_RE = re.compile(rf"(?:^|\.\s+|\(){_PLACE}\s*:\s*(?P<pub>[^.,;()|]{{2,60}}?)(?=\s*(?:[,.;)]|\(?{_YEAR}|$))")
_YEAR_AFTER_RE = re.compile(rf"[,.]\s+(?:{_PLACE},?\s+)?{_YEAR}\s*[,.]")
_PLACE_YEAR_RE = re.compile(rf"[,.]\s+(?P<place>{_PLACE})\s+{_YEAR}\b")  # "Ústí nad Labem 2001" ("…, Reverse Engineering, 2012": a name)
# "in: Esterbauer 2003, 171–190", "In Glotfelty and Fromm, 196–203", "in Scott et al., 2001, pp. 181–97"
_CROSS_REF_RE = re.compile(
    rf"(?P<name>[A-ZÀ-Þ][\w’'-]+)(?P<more>\s+(?:and|und|&|et)\s+[A-ZÀ-Þ][\w’'-]+|\s+et\s+al\.?)?\s*,?\s*"
    rf"(?P<year>{_YEAR}\s*,?\s*)?(?:pp?\.\s*)?\d+\s*[-–]+\s*\d+\.?\s*$")
_EDITOR_WORD_RE = re.compile(r"\b(?:eds?|editors?|edited|Hrsg|Hg)\b")
_JUNK_RE = re.compile(r"[(:]|\b(?:eds?|Hrsg|dir|coord|red|cura|by)\b", re.IGNORECASE)
_TRIM_RE = re.compile(rf"\s*\((?:Tome|tome|Vol\.|vol\.|Bd\.|Band|t\.)\s*[\dIVXLC]*|[.,]?\s*(?:Band|Bd\.|Vol\.|vol\.|Volume|Tome|tome|t\.)"
                      rf"\s*[\dIVXLC]*|,\s+(?:chapter|ch\.|chap\.|Kapitel|chapitre)\s*\d+|\s*\([^()]*"
                      rf"|\.\s+{_PUBLISHER}")


def read_chapter(ref: Reference, text: str) -> Reference:
    """``ref`` with its book, editors and what follows the book read by the chapter grammar where the string has it."""
    if not ref.parsed:
        return ref
    if ref.title and not ref.publisher and not ref.container_title and ", " in ref.title:
        ref = _title_imprint(ref)
    if ref.publisher_place and not ref.publisher and ", " in ref.publisher_place:
        ref = _place_publisher(ref)
    if ref.volume and _CHAPTER_NUMBER_RE.fullmatch(ref.volume):
        ref = replace(ref, volume=None)  # "cap. 3": the chapter's number in its book, not a volume
    if ref.number and not ref.page and (ref.number[:1] in "pPsS(" or " " in ref.number):
        ref = _locator_number(ref)
    if not _CUE_RE.search(text):  # the cue itself, not its letters: "in" and "en" stand inside most strings
        return ref
    text = " ".join(text.split())
    ref = _year_in_front(ref, text)
    for tried, cue in enumerate(_CUE_RE.finditer(text)):
        if tried >= 4:  # a few cues at most: prose or fused entries would cost a grammar reading each
            break
        if cue.start() < 8:
            continue
        after = text[cue.end(): cue.end() + 500]  # a book, its editors and imprint fit; the grammar stays linear
        cross = _cross_reference(ref, after)
        if cross is not None:
            return cross
        parts = _grammar(after)
        if parts is not None:
            return _title_whole(_mended(ref, *parts), text, text[: cue.start()], parts[1])
    return ref


_LOCATOR_NUMBER_RE = re.compile(r"\(?(?:pp?|Pp|S|s)\.\s*(\d+\s*[-–]+\s*\d+)\)?|(\d+\s*[-–]+\s*\d+)\s+[A-Z][a-z]+")


def _locator_number(ref: Reference) -> Reference:
    """``(pp. 45–67)`` read as an article number with its locator word, or ``168-175 Tokyo`` with the town printed
    after it: the pages they name."""
    m = _LOCATOR_NUMBER_RE.fullmatch(ref.number or "")
    pages = (m.group(1) or m.group(2)) if m else None
    if pages and m.group(2) and month_number(ref.number.split()[-1]):
        return ref  # "12-15 June": a meeting's days
    return replace(ref, number=None, page=normalize_pages(pages)) if pages and is_range(pages) else ref


# A publisher's name as French, Italian, Spanish and German books print it after the title: "Titre, Paris, Presses
# universitaires de France, 1967", "Titolo, Torino, Einaudi, 1990", "Titel, Wien, Hof- und Staatsdruckerei 1860".
_PUBLISHER_NAME = (r"(?:[^\W\d_][\w’'-]*\s+){0,4}(?:Presses?|Press|Verlag|[ÉE]ditions|Edizioni|Ediciones|Editora|Editorial|Publishers?|"
                   r"Publishing|\w*[Dd]ruckerei|Gallimard|Flammarion|Seuil|Karthala|L’Harmattan|L'Harmattan|Harmattan|Armand\s+Colin|"
                   r"PUF|Puf|Dunod|Hachette|Einaudi|Laterza|il\s+Mulino|Feltrinelli|Suhrkamp|Kohlhammer)(?:\s+[^\W\d_][\w’'-]*){0,4}")
_PUBLISHER_NAME_START_RE = re.compile(r"(?:Presses?|Press|Verlag|[ÉE]ditions|Edizioni|Ediciones|Editora|Editorial)\b")
_TITLE_IMPRINT_RE = re.compile(rf"(?P<title>.{{8,}}?),\s+(?:(?P<place>{_PLACE})\s*[,:]\s+)?(?P<pub>{_PUBLISHER_NAME})"
                               rf"(?:,\s*(?:coll\b.*|{_YEAR})|\s+{_YEAR})?")


_PLACE_PUBLISHER_RE = re.compile(rf"(?P<place>{_PLACE}),\s+(?P<pub>{_PUBLISHER_NAME})")
_CHAPTER_NUMBER_RE = re.compile(r"(?:cap|ch|chap|Kap|Kapitel|chapitre|capítulo|capitolo)\.?\s*\d{1,3}", re.IGNORECASE)


def _place_publisher(ref: Reference) -> Reference:
    """``Bologna, il Mulino`` read as the place: the town, then its publisher."""
    m = _PLACE_PUBLISHER_RE.fullmatch(ref.publisher_place or "")
    if not m or not _a_place(m.group("place")) or _PUBLISHER_NAME_START_RE.match(m.group("place")):
        return ref
    return replace(ref, publisher_place=m.group("place"), publisher=m.group("pub"))


def _title_imprint(ref: Reference) -> Reference:
    """``Histoire de la propriété, Paris, Presses Universitaires de France, coll`` read as the title: the book's title
    ends before its place and publisher."""
    m = _TITLE_IMPRINT_RE.fullmatch(ref.title or "")
    if not m or (m.group("place") and not _a_place(m.group("place"))):
        return ref
    return replace(ref, title=m.group("title"), publisher=m.group("pub").strip(),
                   publisher_place=ref.publisher_place or m.group("place"))


_EVENT_RE = re.compile(r"\b(?:Conference|Conf\.|Symposium|Symp\.|Workshop|Congress|Colloquium|Meeting|Tagung|Congrès|Colloque|"
                       r"Congreso|Jahrestagung|Konferenz)\b")


def _year_in_front(ref: Reference, text: str) -> Reference:
    """``In 1992 International Conference on Parallel Processing``: the year opening a meeting's name is the name's."""
    c = ref.container_title
    if not c or len(c) < 12 or not _EVENT_RE.search(c) or re.match(r"\(?(?:1[5-9]|20)\d\d", c):
        return ref
    m = re.search(r"(?<=[.,”\"’])\s+[Ii]n:?\s+((?:1[5-9]|20)\d\d)\s+" + re.escape(c[:30]), text)
    return replace(ref, container_title=f"{m.group(1)} {c}") if m else ref


def _grammar(after: str) -> tuple[str | None, str, str, bool] | None:
    """The text after the cue → (editors or None, book title, what follows it, whether the end was strong)."""
    eds = rest = None
    m = _BOOK_FIRST_RE.fullmatch(after)
    if m and _names(m.group("eds")) and not _JUNK_RE.search(m.group("book")):
        book, tail = m.group("book").rstrip("."), m.group("rest")
        return m.group("eds"), book, tail, True
    m = _EDS_AFTER_RE.fullmatch(after)
    if m and _names(m.group("eds") or m.group("eds2")) and not _EDITOR_WORD_RE.search(m.group("book")):
        return m.group("eds") or m.group("eds2"), m.group("book").strip(" ,"), m.group("rest"), True
    for pattern in (_PAREN_EDS_RE, _COMMA_EDS_RE):
        m = pattern.fullmatch(after)
        if m and _names(m.group("eds")):
            eds, rest = m.group("eds"), m.group("rest")
            break
    if rest is None:
        rest = after
    strong = _STRONG_END_RE.search(rest, 3)
    weak = _WEAK_END_RE.search(rest, 3)
    end = strong if strong and (not weak or strong.start() <= weak.start()) else weak
    if end is None:
        return None
    book = rest[: end.start()].strip(" .,;:")
    if len(book) < 3 or len(book) > 300:
        return None
    return eds, book, rest[end.start():], end is strong


_EDITOR_SEP_RE = re.compile(r"\s*[;/]\s*")  # "Kaiser, Astrid; Schmetz, Ditmar", "Schmidt, H./Weber, L."


def _names(eds: str) -> bool:
    """Editors' names: a short list of names without digits or a colon ("L. v. Dick u.a." and "Kaiser, Astrid; …", "Schmidt, H./Weber, L." too)."""
    body = _ETAL_RE.sub("", eds).strip(" ,;")
    if not body or len(body) > 200 or re.search(r"[\d:?!\"“”«»]", body):
        return False
    return all(is_author_list(p.strip(), permissive=True) for p in _EDITOR_SEP_RE.split(body) if p.strip())


def _editors(eds: str) -> tuple[Name, ...]:
    body = _ETAL_RE.sub("", eds).strip(" ,;")
    names: list[Name] = []
    for piece in _EDITOR_SEP_RE.split(body):
        if piece.strip():
            names.extend(parse_author_list(piece.strip())[0])
    return tuple(names)


def _soft(value: str | None) -> str:
    return re.sub(r"[\W_]+", "", fold(value)) if value else ""


def _mended(ref: Reference, eds: str | None, book: str, tail: str, strong: bool) -> Reference:
    """The reading's container, editors, pages, volume and imprint mended by the grammar's."""
    changes: dict = {}
    container = _container(ref, eds, book, tail, strong)
    if container is not None:
        changes["container_title"] = container
        if ref.title and _soft(ref.title) == _soft(container):
            return ref  # the reader took the book for the chapter: too unsure to mend
    if eds and (not ref.editor or any(_JUNK_RE.search(n.display()) for n in ref.editor)):
        editors = _editors(eds)
        if editors and all(n.family or n.literal for n in editors):
            changes["editor"] = editors
    if ref.volume and ref.issued and ref.volume == str(ref.issued.year) and _YEAR_AFTER_RE.match(tail):
        changes["volume"] = None  # "Actas del Congreso, Sevilla, 2014, pp.": the year, not a volume
    if (container or ref.container_title) and (eds or strong):
        final = changes.get("container_title") or ref.container_title
        changes.update(_after_book(ref, tail, _soft(final) == _soft(book)))
        if eds and ref.type in ("article-journal", "document", "book"):
            changes["type"] = "chapter"
    return replace(ref, **changes) if changes else ref


def _container(ref: Reference, eds: str | None, book: str, tail: str, strong: bool) -> str | None:
    """The book's title where it mends the reading's container; None to keep the reading's."""
    current = ref.container_title
    key, now = _soft(book), _soft(current)
    if not current:
        return book if eds and ref.title else None
    if key == now:
        return None
    if key.startswith(now) or key.endswith(now):  # cut short at an inner colon, full stop or question mark
        return book if (eds or strong) and _whole(ref, book, current) else None
    if now.startswith(key):  # run on into "(Tome 2", ". Band" or an editor's name
        extra = current[len(book):] if current.startswith(book) else ""
        if extra and (_TRIM_RE.fullmatch(extra) or (eds and _soft(extra) == _soft(eds))):
            return book
        place = re.fullmatch(rf",\s+({_PLACE})", extra)
        if place and _a_place(place.group(1)) and re.match(rf"[,.]\s+{re.escape(place.group(1))}\s+{_YEAR}\b", tail):
            return book  # "…, Ústí nad Labem 2001": the town before the year
        return None
    if eds and now == _soft(eds):
        return book  # "In Rohit Parikh, editor, Logics of Programs": the editor read as the book
    if eds and now.startswith(_soft(eds)) and now.endswith(key):
        return book  # "Carmen Llamas, …, eds. The Routledge Companion" read as one container
    return None


_NOT_BOOK_RE = re.compile(rf"\b(?:edd?s?|editors?|edited|Hrsg|Hg|dir|coord|red|cura|retrieved|available|abgerufen|"
                          rf"[Ii]n:?\s+[A-Z])\b|https?:|www\.|\d+/\d+|{_YEAR}|\)\s*$", re.IGNORECASE)


def _whole(ref: Reference, book: str, current: str) -> bool:
    """Whether the words the book's title adds to the reading's are the title's own: not editors, a link, a date,
    a place or publisher after a comma, or a series' acronym."""
    added = book.replace(current, " ", 1) if current in book else book
    at_end = book.startswith(current)
    if len(_soft(added)) < 2 or _NOT_BOOK_RE.search(added) or not re.search(r"[a-zß-ÿ]{3}", added):
        return False
    if at_end and (added.lstrip().startswith(",") or (re.search(r"\d\s*$", book) and not re.search(r"\d\s*$", current))):
        return False  # "…, Santa Fe, USA", "…, ISTE-Wiley": what follows a comma; "Book. Series 12": a series
    if at_end and re.match(rf"\s*[.,]\s+(?:[A-Z]{{2,}}\b|{_PUBLISHER})", added):
        return False  # ". ACM – Association for …", ". ICFP. accepted for publication": an acronym or publisher
    if not at_end and added.rstrip().endswith(",") or added.count("(") != added.count(")"):
        return False  # "Editors, Book" or "Book, Series": what a comma joins; "(Atlanta": a meeting's place and date
    if ref.publisher_place and _soft(ref.publisher_place) in _soft(added):
        return False
    return not is_author_list(added.strip(" ,.:;&"))


def _after_book(ref: Reference, tail: str, same_book: bool) -> dict:
    """Pages, volume, place and publisher printed after the book's title, where the reading has none."""
    out: dict = {}
    if not ref.page and not ref.number:
        m = _PAGES_RE.search(tail)
        pages = (m.group(1) or m.group(2)) if m else None
        if pages and is_range(pages):
            out["page"] = normalize_pages(pages)
    if not ref.volume and same_book:  # the book's volume, where the container is that book
        m = _VOLUME_RE.match(tail)
        if m:
            out["volume"] = m.group(1)
    if not ref.publisher and not ref.publisher_place and not ref.issue:  # an issue number: a journal's, no imprint
        m = _IMPRINT_RE.search(tail)
        place = m.group(0)[: m.start("pub") - m.start()].strip(" .(:") if m else ""
        if m and _a_place(place) and not re.match(r"https?|www|doi", m.group("pub"), re.IGNORECASE):
            out.update(publisher_place=place, publisher=m.group("pub").strip())
        elif not m:
            m = _PLACE_YEAR_RE.match(tail)
            if m and _a_place(m.group("place")):
                out["publisher_place"] = m.group("place")
    return out


_NOT_PLACE = frozenset({"url", "available", "retrieved", "online", "doi", "accessed", "abgerufen", "consultado", "web", "in",
                        "type", "note", "notes", "abstract", "keywords"})


def _a_place(place: str) -> bool:
    """A town (and region) printed before a publisher or a year; not a month ("June 1996") nor a link's cue."""
    words = re.findall(r"[^\W\d_]+", place)
    return bool(words) and not any(month_number(w) or w.lower() in _NOT_PLACE for w in words)


def _cross_reference(ref: Reference, after: str) -> Reference | None:
    """``in: Esterbauer 2003, 171–190``: the editors' names and year point to a book listed elsewhere, not a title."""
    m = _CROSS_REF_RE.fullmatch(after)
    if not m or not ref.container_title or not (m.group("year") or m.group("more")):
        return None
    if _soft(ref.container_title) not in (_soft(m.group("name")), _soft(m.group("name") + (m.group("more") or ""))):
        return None
    return replace(ref, container_title=None, type="chapter" if ref.type == "article-journal" else ref.type)


_TITLE_REST_RE = re.compile(r"[.?!]\s+(?P<more>[A-ZÀ-Þ0-9][^“”\"«»]{2,200}?)[.,]?\s*$")
_NOT_TITLE_RE = re.compile(rf"\b(?:eds?|Hrsg|trans|transl|übers|hg|vol|edited|translated)\b|https?:|\(|(?:^|[.,]\s+){_YEAR}\s*(?:[.,]|$)",
                           re.IGNORECASE)


def _title_whole(ref: Reference, text: str, before: str, book: str) -> Reference:
    """``Die Stadt als Bühne. Theater um 1800. In: …`` read with only its first sentence: the chapter's title runs
    to the cue word, unless what follows the cut names people, a year, a volume or a translation; one read past the
    cue word (``Title, in Book``) ends before it."""
    title = ref.title
    if not title or len(title) < 8 or ref.container_title is None:
        return ref
    at = text.find(title[:20])
    if 0 <= at < len(before) < at + len(title) - 4 and text[at: at + len(title)] == title and \
            _soft(ref.container_title) == _soft(book):
        return replace(ref, title=clean_title(before[at:].rstrip(" ,.;:")))  # "Title, in Book" read as one title
    at = before.rfind(title)
    if at < 0 or (at > 0 and before[at - 1] in "\"“‘'«„"):
        return ref  # a quoted title ends at its quote
    m = _TITLE_REST_RE.fullmatch(before, at + len(title))
    if not m or _NOT_TITLE_RE.search(m.group("more")) or is_author_list(m.group("more")) or \
            len(m.group("more").split()) < 2 or _soft(ref.container_title) != _soft(book):
        return ref  # "Theory. Front. in Phys.": a journal's abbreviation, not the title's second sentence
    return replace(ref, title=clean_title(before[at: m.end("more")]))


__all__ = ["read_chapter"]
