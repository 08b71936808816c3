"""What a reading leaves on the end of a container that is not its name, and names it cuts short.

- a conference's acronym that BibTeX styles print after the proceedings' name (``…, SIGCOMM ’01``, ``…. ICFP``,
  ``…, ser. SCAM ’10``, ``…. ICSE 2014``) is the event's short name, not part of the book's title; its ``’01``
  is the year, never the volume;
- a publisher printed after the journal or book (``IEEE Internet Computing, IEEE``, ``Journal of Systems and
  Software, Elsevier``, ``Proc CSCW 2010. ACM, Florence``) is the publisher;
- IEEE's inverted conference names (``Software Maintenance (ICSM), 2010 IEEE International Conference on``) run
  to their final ``on``: a reading that stopped at the bracket or the first comma gets the name whole, and an
  acronym's bracket that the reading left open is closed;
- ``Proc.`` left outside the name it begins (``In: Proc. Intl. Soc. Mag. Reson. Med.``) is the name's;
- a journal read ``[online]`` (SciELO's ``Rev Cubana Endocrinol [online]``) is named without it;
- ``In NIPS.`` is the proceedings, not the publisher; a book's series printed last in brackets (``233 p. (Points)``)
  is its collection (a proceedings' name printed with its year keeps it: :mod:`acuref.parse.venues`);
- a journal read as a book's publisher (``"Title," Pattern Recognition Letters, 1987``) is the journal.
"""

from __future__ import annotations

import re
from dataclasses import replace

from acuref.model import Reference
from acuref.normalize.text import looks_abbreviated
from acuref.normalize.vocabulary import (
    EVENT_WORDS, JOURNAL_FIRST_WORDS, JOURNAL_SUBJECT_WORDS, JOURNAL_WORDS, MONTHS, PUBLISHER_WORDS_RE,
)

_EVENT_WORDS_RE = re.compile(rf"\b(?:{EVENT_WORDS}|Summit|Forum)\b", re.IGNORECASE)
# ", GROUP ’12", ", ser. SCAM ’10", ". CHI ’09", ", WWW ’16 Companion", ". ICFP", ". ICSE 2014"
_ACRONYM_TAIL_RE = re.compile(
    r"(?P<sep>[,.])\s+(?:ser\.\s+)?(?P<acr>[A-Za-z][\w@/.+-]{1,24}?)"
    r"(?P<year>\s?[’'‘`]\s?\d{2}|\s+(?:19|20)\d{2})?(?:\s+Companion)?"
    r"(?P<note>\.\s+(?:accepted\s+for\s+publication|to\s+appear|in\s+press))?$")
_PROC_BEFORE_RE = re.compile(r"(?:^|[,.:]\s|\bIn:?\s)(Proc\.?|Proceedings(?:\s+of(?:\s+the)?)?)\s$")
# a name's second half: "Conservation and Recycling", "Physical and Engineering Sciences", "Diabetes y Nutrición"
_JOINED_NAME_RE = re.compile(r"[A-ZÀ-Þ][\w-]+(?:,\s[A-ZÀ-Þ][\w-]+)*\s(?:and|y|e|et|und)\s[A-ZÀ-Þ][\w-]+(?:\s[A-ZÀ-Þ][\w-]+)?$")
_TITLE_LAST_PIECE_RE = re.compile(r",\s((?:(?:[A-ZÀ-Þ][\w-]*|of|the|de|la|del|for|in)\s){0,8}(?:[A-Z]:\s)?[A-ZÀ-Þ][\w-]+)$")
_PLACES = frozenset({"USA", "US", "UK", "EU"})
_QUOTED_YEAR_RE = r"\s?[’'‘`]\s?(?P<yy>\d{2})\b"

_PUBLISHERS = (r"ACM(?:\s+Press)?|Association\s+for\s+Computing\s+Machinery|IEEE(?:\s+Computer\s+Society)?(?:\s+Press)?|"
               r"Ieee|Springer(?:[-\s]Verlag)?|Elsevier(?:\s+(?:Science|B\.\s?V\.|Ltd\.?|Inc\.?))?|Citeseer|"
               r"(?:John\s+)?Wiley(?:\s+&\s+Sons)?|Nature\s+Publishing\s+Group|IOP\s+Publishing|AIP\s+Publishing|"
               r"Taylor\s+&\s+Francis|SAGE(?:\s+Publications)?|MIT\s+Press|Morgan\s+Kaufmann|"
               r"[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,3}\s+University\s+Press|"
               r"[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,3}\s+Foundation|Foundation\s+for\s+[A-Z][\w\s]{3,60}|Wiley\s+Online\s+Library|NIH\s+Public\s+Access|Public\s+Library\s+of\s+Science|BioMed\s+Central|"
               r"Faculty\s+of\s+[A-Z][\w&\s]{3,80}|[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,3}\s+Publishing\s+Group")
_PUBLISHER_TAIL_RE = re.compile(rf"(?P<sep>[,.])\s+(?P<pub>{_PUBLISHERS})(?:,\s+(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))?\.?$")
_PUBLISHER_ONLY_RE = re.compile(_PUBLISHERS)
_INVERTED_END_RE = re.compile(r"\b(?:Conference|Symposium|Workshop|Congress|Colloquium|Forum|Meeting)\s+on(?=\s*[,.;]|\s*$)")


def read_container(ref: Reference, text: str) -> Reference:
    """``ref`` with its container's acronym or publisher tail moved off and its cut name made whole."""
    if not ref.parsed:
        return ref
    text = " ".join(text.split())  # a line break in the string is a space in the fields
    if not ref.container_title:
        return _link_word(_journal_as_publisher(_missing(ref, text), text))
    ref = _inverted_name(ref, text)
    ref = _proceedings_word(ref, text)
    ref = _name_with_commas(ref, text)
    ref = _open_bracket(ref, text)
    ref = _publisher_tail(ref)
    ref = _acronym_tail(ref, text)
    ref = _online_mark(ref)
    ref = _link_word(ref)
    ref = _numbers_tail(ref)
    return _place_tail(ref, text)


_LINK_WORDS = frozenset({"link", "online", "url", "internet", "web", "website", "webseite"})  # "In: Link, letzter Abruf …"
_SERIES_END_RE = re.compile(r"\d+\s*(?:p|pp|S|s|pages)\.\s*\((?:=\s*)?(?P<series>[A-ZÀ-Þ][^()]{1,80})\)\.?$")


# "Energy Policy 101 (2017), S. 211 – 215", "Parallel Processing Letters 24.03 (Sept. 2014)", "IEEE INFOCOM 2004 Bd. 1",
# "Revista … Volume l", ", édité par James Estes", ". N.p., n.d. Web" (MLA's medium), ", pp. 111–122": not the name
_NUMBERS_TAIL_RE = re.compile(
    r"\s+(?P<vol>\d{1,4}[A-Z]{0,2}(?:\.\d{1,3})?)\s*\((?:[^()]{0,12}\s)?(?:19|20)\d{2}\)(?:\s*,.*)?$"
    r"|,?\s+(?:Bd\.|Band|Vol\.|Volume)\s*(?P<vol2>[\dIVXl]{1,5})$"
    r"|,\s+(?:édité\s+par|edited\s+by|a\s+cura\s+di|hrsg\.\s+von|promoss\w*)\b.*$"
    r"|[.,]\s+(?:N\.\s?p\.,?\s*)?(?:n\.\s?d\.\s*)?Web\.?$"
    r"|,\s+(?:pp?\.|pages?)\s*\d+(?:\s*[-–]\s*\d+)?(?:[.,].*)?$")  # "Proceedings of …, pp. 111–122": its pages


def _numbers_tail(ref: Reference) -> Reference:
    c = ref.container_title or ""
    m = _NUMBERS_TAIL_RE.search(c)
    if not m or m.start() < 3:
        return ref
    volume = m.group("vol") or m.group("vol2")
    if volume and ref.volume and volume.split(".")[0] != ref.volume:
        return ref  # a number that is not the volume read: the name's own ("Studies 2 (1990)")
    changes: dict = {"container_title": c[: m.start()].rstrip(" ,.")}
    if volume and not ref.volume and volume.isdigit():
        changes["volume"] = volume
    return replace(ref, **changes)


def _place_tail(ref: Reference, text: str) -> Reference:
    """``In: …: Franken und die Weltmission. Würzburg 2011b, S. 243``: the town before the year is the place."""
    c = ref.container_title or ""
    m = re.search(r"\.\s+(?P<place>[A-ZÄÖÜ][a-zäöüß]+(?:\s+[a-zäöüß]\.\s?[A-ZÄÖÜ][a-zäöüß]+)?)(?:\s+[²³⁴⁵⁶⁷⁸⁹]?\d{4}[a-z]?)?$", c)
    if not m or m.start() < 8:
        return ref
    after = text[text.find(c) + len(c):] if c in text else ""
    if not (re.match(r"\s*[²³⁴⁵⁶⁷⁸⁹]?\d{4}[a-z]?\b", after) or re.search(r"\d{4}[a-z]?$", c)):
        return ref
    return replace(ref, container_title=c[: m.start()], publisher_place=ref.publisher_place or m.group("place"))


def _missing(ref: Reference, text: str) -> Reference:
    """No container read: ``In NIPS.`` read as the publisher is the proceedings; ``233 p. (Points)`` names the
    series a book appeared in."""
    pub = ref.publisher
    if pub and pub.split()[0].lower() not in _LINK_WORDS and re.search(r"(?:^|[.,]\s)In:?\s+" + re.escape(pub) + r"\s*(?:[.,]|\(?\d{4}|$)", text):
        return replace(ref, container_title=pub, publisher=None,
                       type="paper-conference" if ref.type in ("book", "document", "article-journal") else ref.type)
    m = _SERIES_END_RE.search(text) if text.endswith((")", ").")) else None
    if m and not ref.collection_title and ref.type in ("book", "document", "thesis", "report"):
        return replace(ref, collection_title=m.group("series").strip())
    return ref


_JOURNAL_WORD_RE = re.compile(rf"\b(?:{JOURNAL_WORDS})\b")
_LONG_MONTHS = "|".join(sorted({m.capitalize() for m in MONTHS if len(m) > 4} | {"May", "June", "July"}))
# a publisher's words (vocabulary's, and the firm's, the body's and the edition's words a journal never has)
_NOT_JOURNAL_RE = re.compile(rf"{PUBLISHER_WORDS_RE.pattern}|\b(?:Presses|Publ|Pub|Media|Company|Editions?|Éditions?|"
                             r"Editora|Editorial|Universit\w+|Society|Association|Institute|Office|Department|Center|Centre|"
                             r"Council|Club|Foundation|Committee|Agency|Ministry|Service|Group|Report|Release|Revised|"
                             rf"Revision|Version|Draft|{_LONG_MONTHS})\b")
# "Front Ecol Evol", "J Anat", "Ann. Bot.": a journal's abbreviation; a one-letter first word only before a subject
# word or one cut like one ("J Immunol", "J Psychopharmacol"; "J. Murray", "J. B. Lippincott" are people); never
# "A K Peters" or "Ellis Horwood"
_ABBREVIATED_JOURNAL_RE = re.compile(rf"(?:(?:{JOURNAL_FIRST_WORDS})(?<!\b[A-Z])\.?"
                                     rf"|[A-Z]\.?(?=\s+(?:{JOURNAL_SUBJECT_WORDS}|[A-Z][a-z]+ol)\b))"
                                     r"\s+[A-Z][a-z]*\.?(?:\s+[A-Z][a-z]*\.?)*$")
_REPORT_RE = re.compile(r"\b(?:Tech(?:nical)?\.?\s+Rep|Report|Rapport|Bericht|thesis|Dissertation)", re.IGNORECASE)


def _journal_as_publisher(ref: Reference, text: str) -> Reference:
    """``"Title," Pattern Recognition Letters, 1987`` or ``Title. Front Ecol Evol. doi…`` with the journal read as
    the publisher (a book's reading with no place, ISBN, edition or editors): a name with a journal's word, or
    abbreviated like one (its first word a journal's), is the journal."""
    pub = ref.publisher or ""
    if not pub or not ref.title or ref.publisher_place or ref.ISBN or ref.edition or ref.editor or _NOT_JOURNAL_RE.search(pub):
        return ref
    if not (_JOURNAL_WORD_RE.search(pub) or _ABBREVIATED_JOURNAL_RE.match(pub)) or _REPORT_RE.search(text):
        return ref
    kind = "article-journal" if ref.type in ("book", "document") else ref.type
    return replace(ref, container_title=pub, publisher=None, type=kind,
                   container_title_short=pub if looks_abbreviated(pub) else ref.container_title_short)


def _acronym_tail(ref: Reference, text: str) -> Reference:
    c = ref.container_title or ""
    m = _ACRONYM_TAIL_RE.search(c)
    if not m or not _EVENT_WORDS_RE.search(c, 0, m.start()) or m.start() < 12:
        return ref
    acr, year = m.group("acr"), m.group("year") or ""
    if acr.replace(".", "") in _PLACES:
        return ref  # "Proc. Natl. Acad. Sci. USA": the journal's own name
    after = text[text.find(c) + len(c):] if c in text else ""
    quoted = re.match(_QUOTED_YEAR_RE, after)
    capitals = sum(ch.isupper() for ch in acr)
    if m.group("sep") == "," and not year and not quoted and capitals < 2:
        return ref  # "Proceedings of the Workshop, Berlin": a place, not the event's short name
    if not (year or quoted or m.group("note")) and (capitals < 2 or capitals * 2 < len(acr.replace("-", ""))):
        return ref  # ". Vienna": only an acronym (ICFP, CGO, PaPEC) stands alone after the name
    if m.group("sep") == "," and year and not re.search(r"[’'‘`]", year):
        return ref  # DBLP's ", CGO 2013, Shenzhen, China": the name as the proceedings print it
    changes: dict = {"container_title": c[: m.start()].rstrip(" ,.")}
    yy = re.search(r"\d{2}$", year.strip()) if "’" in year or "'" in year or "‘" in year or "`" in year else None
    yy = yy.group(0) if yy else (quoted.group("yy") if quoted else None)
    if yy and ref.volume == yy:
        changes["volume"] = None  # "GROUP ’12": the year of the event, not a volume
    return replace(ref, **changes)


_ONLINE_MARK_RE = re.compile(r"\s*\[(?:online|on-?line|Internet|en\s+l[ií]nea|em\s+linha|serial\s+on\s+the\s+Internet|"
                             r"electronic\s+resource)\]?\.?$", re.IGNORECASE)


def _online_mark(ref: Reference) -> Reference:
    """``Rev Cubana Endocrinol [online]``: the medium the journal was read in, not its name."""
    c = ref.container_title or ""
    m = _ONLINE_MARK_RE.search(c) if "[" in c else None
    return replace(ref, container_title=c[: m.start()]) if m and m.start() >= 2 else ref


def _publisher_tail(ref: Reference) -> Reference:
    c = ref.container_title or ""
    if _PUBLISHER_ONLY_RE.fullmatch(c) and ref.title and ". " in ref.title and not ref.publisher:
        head, _, journal = ref.title.rpartition(". ")
        if len(head) >= 8 and len(journal.split()) >= 2 and journal[:1].isupper():
            # "Title. Journal, Wiley Online Library, v. 4": the journal read into the title, the publisher as container
            return replace(ref, title=head, container_title=journal, publisher=c)
    m = _PUBLISHER_TAIL_RE.search(c)
    if not m or m.start() < 2:
        return ref
    head = c[: m.start()].rstrip(" ,.")
    if m.group("place") and m.group("sep") != ".":
        return ref  # "Journal, Faculty of X, Place": too unsure
    if len(head.split()) < 2 and not (m.group("sep") == "," and head[:1].isupper()) and not re.fullmatch(r"[A-Z]{2,}[\w-]*", head):
        return ref  # "IPDPS. IEEE": an acronym alone names the proceedings
    changes: dict = {"container_title": head}
    if not ref.publisher:
        changes["publisher"] = m.group("pub")
    if m.group("place") and not ref.publisher_place:
        changes["publisher_place"] = m.group("place")
    return replace(ref, **changes)


def _inverted_name(ref: Reference, text: str) -> Reference:
    """``Software Maintenance (ICSM``/``Distributed Computing Systems`` cut from ``…, 2010 IEEE International
    Conference on``: the name runs to its final ``on`` when that comes within a few words, with no quote between."""
    c = ref.container_title or ""
    at = text.find(c)
    if at < 0 or _INVERTED_END_RE.search(c):
        return ref
    m = _INVERTED_END_RE.search(text, at + len(c), at + len(c) + 120)
    if not m:
        return ref
    span = text[at:m.end()]
    between = text[at + len(c):m.start()]
    if re.search(r"[“”\"]|\bpp?\.|\bpages\b|\b[Ii]n:?\s", between) or not re.search(r"\b(?:19|20)\d{2}\b|\(", between):
        return ref  # the inverted name carries a year or an acronym between: "(ICSM), 2010 IEEE …"
    if re.search(r"\b(?:on|of|for|in|and)\s*$", c) or span.count("(") != span.count(")"):
        return ref
    return replace(ref, container_title=" ".join(span.split()))


def _proceedings_word(ref: Reference, text: str) -> Reference:
    """``In: Proc. Intl. Soc. Mag. Reson. Med. 2018`` read without its first word: ``Proc.`` is the name's."""
    c = ref.container_title or ""
    at = text.find(c)
    m = _PROC_BEFORE_RE.search(text[:at]) if at > 5 and "Proc" in text[max(0, at - 20):at] \
        and not c.startswith("Proc") else None
    return replace(ref, container_title=f"{m.group(1)} {c}") if m else ref


def _name_with_commas(ref: Reference, text: str) -> Reference:
    """``…machine learning, Resources, Conservation and Recycling, 184, …``: a journal whose name holds a comma, read
    from the comma on, gets its first words back from the title (``Resources``, ``Royal Society A: Mathematical``)."""
    c, title = ref.container_title or "", ref.title or ""
    m = _TITLE_LAST_PIECE_RE.search(title) if _JOINED_NAME_RE.match(c) and ", " in title else None
    if not m or m.start() < 10 or f"{m.group(1)}, {c}" not in text:
        return ref
    return replace(ref, title=title[:m.start()].rstrip(" ,"), container_title=f"{m.group(1)}, {c}")


def _link_word(ref: Reference) -> Reference:
    """``In: LeMo Link, letzter Abruf …``, ``In: Britannica online (Link, letzter Abruf …)``: where a web page's link
    stood is not the site's name."""
    c = ref.container_title or ""
    m = re.search(r"\s*\(?\b(?:Link|URL|Online-Link)$", c) if c.endswith(("Link", "URL")) else None
    return replace(ref, container_title=c[:m.start()]) if m and m.start() > 2 else ref


def _open_bracket(ref: Reference, text: str) -> Reference:
    """``… Peer-to-Peer Computing (P2P’05`` read without its closing bracket: an acronym's bracket is closed."""
    c = ref.container_title or ""
    if c.count("(") != c.count(")") + 1:
        return ref
    inner = c[c.rindex("(") + 1:]
    at = text.find(c)
    if at < 0 or not re.fullmatch(r"[A-Z][\w/@-]*(?:\s?[’'‘`]\s?\d{2}|\s(?:19|20)\d{2})?", inner):
        return ref
    close = re.match(r"\s*\)", text[at + len(c):])
    return replace(ref, container_title=c + ")") if close else ref


__all__ = ["read_container"]
