"""Passes over a finished reading, whichever parser made it: slips the string itself gives away.

- names read into the title, or a title into the one author, go back (``…, and Pascal Urso. Title``);
- a book title after ``In:`` is taken whole, up to ``. Edited by`` / ``. Vol.`` and the like;
- a series named after the book (``Book, volume 12 of Lecture Notes in …``) is the collection, not the container;
- an edition or a bracketed description after the title (``, 4th ed.``, ``[Official webpage]``) is not the title;
- ``X, Y, editors. Title`` (and ``eds.``, ``Hrsg.``, ``red.``, ``éd.``) names editors, not authors, and the
  title does not start with the editor word;
- an arXiv identifier is the work's number (CSL ``number``, BibTeX ``eprint``) with its abstract page as URL;
- a container that names proceedings, a conference, a symposium or a workshop makes a conference paper;
- volume and issue lose their printed words (``vol.``, ``n°``, ``Heft``, ``№``); a volume that is an issue moves;
- a publisher read with the month or the place printed after it ends before them (parse/publisher_end.py);
- an editor word read as an editor of its own beside a real one (``(A. B. Roy, Éd.)`` → ``Éd``) is no editor;
- an empty name (an APA ellipsis ``…, ... & Last, F.``) is not an author;
- a reading that still contradicts itself loses confidence, so the review and the resolver look at it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from acuref.model import Date, Name, Reference
from acuref.normalize import identifiers as ids
from acuref.normalize.names import classify, org_led, parse_author_list
from acuref.normalize.text import letters_key
from acuref.normalize.vocabulary import EARLY_YEAR, EVENT_WORDS
from acuref.normalize.volumes import tidy_numbers
from acuref.parse.chapters import _EDW, read_chapter
from acuref.parse.containers import read_container
from acuref.parse.editions import read_edition
from acuref.parse.kinds import read_kind
from acuref.parse.orgs import organisations
from acuref.parse.publisher_end import publisher_end
from acuref.parse.scholar import split_scholar_numbers
from acuref.parse.titles import read_titles
from acuref.parse.venues import read_venue

_EDITOR_TITLE_RE = re.compile(r"^\(?(?:editors?|eds?|Hrsg|Hg|red|éds?|a\s+cura\s+di|coords?)\.?\)?[.,:]?\s+",
                              re.IGNORECASE)
_EDITOR_INITIALS = frozenset("eEhHrRaAcC(")
# "arXiv:2101.00001", "arXiv: hep-ph/0502182", ACM's "ArXiv abs/1906.00910", "arXiv 1407.1446", the DOI arXiv gives
_ARXIV_RE = re.compile(r"\barXiv\s*(?::\s*(?:abs/)?|\s(?:preprint\s+)?abs/|\.org/abs/)(\d{4}\.?\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}"
                       r"(?:v\d+)?)|\barXiv\s+(\d{4}\.\d{4,5}(?:v\d+)?)\b|\b10\.48550/arXiv\.(\d{4}\.\d{4,5})", re.IGNORECASE)
# arXiv printed as a venue: "arXiv preprint arXiv:…" (Google Scholar's journal), "ArXiv e-prints", "ArXiv abs/…",
# "// arXiv." (GOST), "ArXiv (2020)"; never the "arXiv" of an identifier ("arXiv:1908.10084")
_ARXIV_VENUE_RE = re.compile(r"\b(arXiv\s*(?:preprint|e-prints?)(?:\s*arXiv\s*:\s*[^\s,;()]+?)?|arXiv)(?=\.?(?:[\s,;(]|$))"
                             r"(?!\s*:)", re.IGNORECASE)
_CORR_RE = re.compile(r"\bCoRR\s*,?\s*(?:vol\.\s*)?(abs/[\w./-]+?)(?=[,;(\s]|\.?$|\.\s)")
_RFC_RE = re.compile(r"\bRFC\s?(\d{1,5})\b")
_IETF_SERIES_RE = re.compile(r"(?:RFC|BCP|STD|FYI)(?:\s?\d{1,5})?")
_YEAR_RE = re.compile(rf"(?<![\d.:/-]){EARLY_YEAR}(?![\d.:/-]\d)")
_LINK_RE = re.compile(r"\b(?:https?://|www\.)\S+|\b(?:doi:\s*)?10\.\d{4,9}/\S+", re.IGNORECASE)
_CONFERENCE_RE = re.compile(rf"\b(?:{EVENT_WORDS})\b")
_SEP_RE = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+")
_NOT_NAME_WORDS = frozenset("the a an of and for in on to with his her its their our from by at as into new".split())
_IN_BOOK_RE = re.compile(r"(?:^|[.,”\"]\s+)In:?\s+(?P<book>[^“”\"]{4,400}?)\.\s+(?:Edited\s+by|Ed\.\s+by|Eds?\.\s+by|"
                         r"Hrsg\.\s+v|Hg\.\s+v|[ÉéEe]d\.\s+par|A\s+cura\s+di|Vol\.\s*\d|Volume\s+\d|Bd\.\s*\d)")
_SERIES = (r"Lecture\s+Notes\s+in\s+[A-Z][\w ]+|LNCS|LNAI|LNBI|Springer\s+Proceedings\s+in\s+[\w ]+|Communications\s+in\s+"
           r"Computer\s+and\s+Information\s+Science|Advances\s+in\s+Intelligent\s+Systems\s+and\s+Computing|Studies\s+in\s+"
           r"Computational\s+Intelligence|CEUR\s+Workshop\s+Proceedings|Leibniz\s+International\s+Proceedings\s+in\s+"
           r"Informatics(?:\s+\(LIPIcs\))?|IFIP\s+Advances\s+in\s+Information\s+and\s+Communication\s+Technology")
_VOLUME_OF_RE = re.compile(r"^(?P<book>.{3,400}?),\s+(?:volume|vol\.)\s+(?P<volume>[\w-]{1,10})\s+of\s+(?P<series>.{3,200})$",
                           re.IGNORECASE)
_SERIES_TAIL_RE = re.compile(rf"^(?P<book>.{{3,400}}?)[,.]\s+(?P<series>{_SERIES})$")
_EDITION_END_RE = re.compile(r"[,.]?\s*\(?(?P<ed>\d{1,2})(?:\.|st|nd|rd|th|e|ème|a|ª)?\s*(?:Aufl(?:age)?|ed(?:ition|n)?|édition|"
                             r"edición|edizione|edição|druk|wyd(?:anie)?)\.?\)?\.?$", re.IGNORECASE)
_DESCRIPTION_END_RE = re.compile(r"\s*(?:\[(?:[^\[\]\s]+\s+){2,}[^\[\]]{1,100}\]?|\((?:[^()]*\b(?:report|rapport|Bericht|thesis|dissertation|"
                                 r"Dissertation|Masterarbeit|Bachelorarbeit|proefschrift|scriptie|tesi|tesis|tese|Bänden|"
                                 r"volumes|delen|webpage|website|video|podcast|blog|software|data\s?set)\b[^()]*)\))$")
_AND_RE = re.compile(r"^(?:and|&|und|et|en|y|e)\s+")
_CUE_ONLY_RE = re.compile(ids.LINK_CUE, re.IGNORECASE)
_MAIN_FIELDS = ("author", "title", "container_title", "issued")


def mend(ref: Reference, text: str) -> Reference:
    """The reading with the slips above mended and its confidence lowered where it contradicts itself."""
    if not ref.parsed:
        return ref
    ref = _links_inside(ref, text) if "http" in text or "www." in text else ref
    ref = _names_in_title(ref, text)
    ref = _book_title_whole(ref, text)
    ref = _series_off_container(ref)
    ref = _title_notes(ref)
    ref = _editors(ref)
    ref = _arxiv(_corr(ref, text) if "CoRR" in text else ref, text)
    ref = read_kind(ref, text)
    ref = read_venue(ref, text)
    ref = read_edition(ref, text)
    ref = read_titles(ref, text)
    ref = read_container(ref, text)
    ref = _ietf(ref, text) if "RFC" in text or "Work in Progress" in text else ref
    ref = read_chapter(ref, text)
    ref = _conference(ref)
    if ref.container_title and _CUE_ONLY_RE.fullmatch(ref.container_title.strip(" .,;:")):
        ref = replace(ref, container_title=None)  # "Geraadpleegd van" once its link was cut: where, not what
    ref = split_scholar_numbers(ref, text)
    if ref.volume or ref.issue:
        volume, issue = tidy_numbers(ref.volume, ref.issue)
        if (volume, issue) != (ref.volume, ref.issue):
            ref = replace(ref, volume=volume, issue=issue)
    ref = organisations(ref, text)
    ref = publisher_end(ref) if ref.publisher else ref
    if not all(n.family.strip() or n.given.strip() or n.literal.strip() for n in ref.author):
        ref = replace(ref, author=tuple(n for n in ref.author if n.family.strip() or n.given.strip() or n.literal.strip()))
    return _doubt(ref)


def _links_inside(ref: Reference, text: str) -> Reference:
    """A link printed after the title (``Title https://ci.nii.ac.jp/naid/…. Journal, Vol.6``, publication lists do) is
    the work's URL: it is cut from the title and the container, and what it split is the title and the container."""
    title, container, changes = ref.title or "", ref.container_title or "", {}
    if not title and container and "http" not in container:
        return _named_before_link(ref, text)
    m = _LINK_RE.search(container)
    if m:
        head, rest = container[:m.start()].strip(" .,;"), container[m.end():].strip(" .,;")
        if head and not title:
            changes.update(title=head, container_title=rest or None)
        else:
            changes["container_title"] = rest or head or None
    elif container:
        first = container.split()[0].rstrip(".,;")
        if len(first) > 3 and any(u.group(0).rstrip(".,;").endswith(first) for u in _LINK_RE.finditer(text)):  # "jp/naid/4000…, Journal"
            changes["container_title"] = container[container.index(first) + len(first):].strip(" .,;") or None
    if title:
        cut = _LINK_RE.sub(" ", title)
        cut = " ".join(re.sub(r"\s+https?$", "", cut).split()).strip(" .,;")
        if cut != title and cut:
            changes["title"] = cut
    return replace(ref, **changes) if changes else ref


def _named_before_link(ref: Reference, text: str) -> Reference:
    """``Paramenty kościelne https://pl.wikipedia.org/…, Wikipedia: wolna encyklopedia`` read as a container alone:
    the name before the link is the title, the site named after it the container."""
    m = _LINK_RE.search(text)
    c = ref.container_title or ""
    if not m or not text[:m.start()].rstrip(" ,.;").endswith(c):
        return ref
    site = re.match(r"\s*[,.;]?\s*([^\s\[\](),.;][^\[\](),.;]{2,80}?)\s*(?:[\[(,.;]|$)", text[m.end():])
    if not site or re.search(r"\d{4}", site.group(1)):
        return ref  # "…pdf, Roma 1961": the place and year of a book, no site
    return replace(ref, title=c, container_title=site.group(1).strip())


def _names_in_title(ref: Reference, text: str = "") -> Reference:
    """Names read into the title (``Hyun-Gul Roh, and Pascal Urso. Evaluating …``), or a title read into the one
    author (``Feross Aboukhadijeh. Webtorrent``) or into the title with an institution (``Apache Software Foundation.
    Cassandra``), go back where they belong. Only names of the shape the list already has (given names written out)
    move, so a title such as ``Early Greek Myth. A Guide …`` after ``T. Gantz`` stays a title."""
    title = ref.title or ""
    if ". " in title:
        head, rest = title.split(". ", 1)
        joined = bool(_AND_RE.match(head.strip(" ,")) or _SEP_RE.search(head))  # "…, and Pascal Urso": a list's tail
        if not joined and ref.author and ref.author[-1].family:  # "Keith D. Cooper, Linda Torczon. Title"
            joined = re.search(re.escape(ref.author[-1].family) + r",?\s+(?:and\s+|&\s*)?" + re.escape(head) + r"\.\s",
                               text) is not None
        head = _AND_RE.sub("", head.strip(" ,"))
        if rest[:1].isupper():
            if ref.author and joined and all(_written_out(n) for n in ref.author) and _given_first_names(head):
                names, etal = parse_author_list(head)
                return replace(ref, author=ref.author + names, title=rest.strip(" ."),
                               author_truncated=ref.author_truncated or etal)
            org = re.sub(r"\s*\(\d{4}[a-z]?\)$", "", head)  # "Centre for … (2005). Title": the year is read already
            if not ref.author and len(org) <= 120 and (classify(org) == "org" or org_led(org)):
                return replace(ref, author=(Name(literal=org),), title=rest.strip(" ."))
    if not title and len(ref.author) == 1 and ". " in ref.author[0].literal:
        head, rest = ref.author[0].literal.split(". ", 1)
        if rest[:1].isupper() and (_given_first_names(head) or classify(head) == "org"):
            return replace(ref, author=parse_author_list(head)[0], title=rest.strip(" ."))
    return ref


def _written_out(name: Name) -> bool:
    return any(ch.islower() for ch in name.given)


def _given_first_names(text: str) -> bool:
    """Given-first names of two to four words each, joined by commas or 'and', with no word a name never has."""
    parts = [p for p in _SEP_RE.split(text) if p]
    return bool(parts) and len(text) <= 300 and all(
        2 <= len(p.split()) <= 4 and classify(p) == "givenfirst" and not (set(p.lower().split()) & _NOT_NAME_WORDS)
        for p in parts)


def _book_title_whole(ref: Reference, text: str) -> Reference:
    """A proceedings or book title after ``In:`` runs, places, dates and full stops included, up to the words that
    follow it in biblatex and similar styles (``. Edited by``, ``. Ed. by``, ``. Hrsg. von``, ``. Vol.``): a reading
    that kept only its start (``Euro-Par 2011 Parallel Processing - 17th International Conference``) gets it whole."""
    if " In" not in text and not text.startswith("In"):
        return ref
    m = _IN_BOOK_RE.search(" ".join(text.split()))
    if not m:
        return ref
    whole = m.group("book").strip()
    current, key = letters_key(ref.container_title or ""), letters_key(whole)
    if len(whole) > 400 or (current and not key.startswith(current)) or key == current:
        return ref
    title = ref.title
    if title:
        cut = re.search(r"[.,]?\s+In:?\s+" + re.escape(whole[:20]), title)
        title = title[: cut.start()].strip() if cut and cut.start() > 0 else title
    return replace(ref, container_title=whole, title=title)


def _series_off_container(ref: Reference) -> Reference:
    """``Booktitle, volume 105 of Lecture Notes in …`` (BibTeX's plain styles) and ``Booktitle, Lecture Notes in …``:
    the series is the collection, its volume the volume, the container only the book."""
    c = ref.container_title or ref.collection_title  # the model may file "Book, Series" as the series
    if not c or "," not in c and ". " not in c:
        return ref
    m = _VOLUME_OF_RE.match(c) or _SERIES_TAIL_RE.match(c)
    if not m:
        return ref
    series = ref.collection_title if ref.container_title and ref.collection_title else m.group("series")
    return replace(ref, container_title=m.group("book").strip(), collection_title=series,
                   volume=ref.volume or m.groupdict().get("volume"), type="chapter" if ref.type == "book" else ref.type)


def _title_notes(ref: Reference) -> Reference:
    """What styles print after a title is not the title: an edition (``, 13. Auflage``, ``, 4th ed.``), an APA
    description in brackets of three words or more (``[Official European Commission webpage]``; ``[alpha]`` and
    ``[in Chinese]`` stay), ``(Technical report)``, ``(in zwei Bänden)``."""
    title = ref.title
    if not title or not (title.endswith(("]", ")", ".")) or "[" in title or _EDITION_END_RE.search(title)):
        return ref
    changes: dict = {}
    m = _EDITION_END_RE.search(title)
    if m and m.start() > 8:
        changes["edition"] = ref.edition or m.group("ed")
        title = title[: m.start()].rstrip(" ,.")
    m = _DESCRIPTION_END_RE.search(title)
    if m and m.start() > 8:
        title = title[: m.start()].rstrip(" ,.")
    if title == ref.title:
        return ref
    return replace(ref, title=title, **changes)


_EDITOR_WORD_NAME_RE = re.compile(rf"{_EDW}\.?", re.IGNORECASE)


def _editors(ref: Reference) -> Reference:
    """``X, Y, editors. Title`` names editors; an editor word read as an editor of its own beside a real one
    (``(A. B. Roy, Éd.)`` → ``Éd``) is no editor."""
    words = [not n.given and _EDITOR_WORD_NAME_RE.fullmatch(n.family or n.literal) is not None for n in ref.editor]
    if any(words) and not all(words):
        ref = replace(ref, editor=tuple(n for n, word in zip(ref.editor, words) if not word))
    if not ref.title or not ref.author or ref.editor or ref.title[0] not in _EDITOR_INITIALS:
        return ref
    m = _EDITOR_TITLE_RE.match(ref.title)
    if not m or not ref.title[m.end():].strip():
        return ref
    return replace(ref, editor=ref.author, author=(), title=ref.title[m.end():].strip(),
                   type="book" if ref.type in ("book", "article-journal", "document") and not ref.container_title else ref.type)


def _arxiv(ref: Reference, text: str) -> Reference:
    m = _ARXIV_RE.search(text) if "Xiv" in text or "xiv" in text or "XIV" in text else None
    if not m:
        return _arxiv_named(ref, text) if "Xiv" in text and not ref.container_title else ref
    ident = m.group(1) or m.group(2) or m.group(3)
    if "." not in ident and ident[:4].isdigit():
        ident = f"{ident[:4]}.{ident[4:]}"  # "arXiv:180512400": the dot a style dropped
    if ref.container_title and not ref.container_title.lower().startswith("arxiv") and (ref.volume or ref.number) \
            or ref.DOI and "arxiv" not in ref.DOI.lower():
        # a published article that also gives its preprint: its article number stays; the preprint is a link
        return ref if ref.URL else replace(ref, URL=f"https://arxiv.org/abs/{ident}")
    changes: dict = {"number": f"arXiv:{ident}", "publisher": ref.publisher or "arXiv"}
    if not ref.URL:
        changes["URL"] = f"https://arxiv.org/abs/{ident}"
    venue = _arxiv_venue(text)
    if not ref.container_title or ref.container_title.lower().startswith("arxiv") \
            or venue and venue.lower().startswith("arxiv") and len(venue) > 5 and not (ref.volume or ref.page):
        # a printed "arXiv preprint arXiv:…" outweighs whatever else was read as the journal
        changes.update(type="article", container_title=venue)
    elif ref.container_title.endswith((" arXiv", " ArXiv")):  # "Computing Research Repository arXiv:1602.02296"
        changes.update(type="article", container_title=ref.container_title[:-6])
    if ref.page and ident in ref.page.replace("-", "."):
        changes["page"] = None
    for name in ("volume", "issue"):
        if getattr(ref, name) and getattr(ref, name) in ident:
            changes[name] = None  # "abs/2104.01234": a piece of the identifier is no volume
    if ref.issued is None:  # the identifier's digits hide the year printed after it from the reader
        years = set(_YEAR_RE.findall(_LINK_RE.sub(" ", text[:m.start()] + " " + text[m.end():])))
        if len(years) == 1:
            changes["issued"] = Date(int(years.pop()))
    return replace(ref, **changes)


def _corr(ref: Reference, text: str) -> Reference:
    """DBLP's ``CoRR, abs/1407.3561`` (or ``CoRR abs/…``): the journal CoRR, its volume the abs/ identifier as printed."""
    m = _CORR_RE.search(text)
    if not m or ref.container_title not in (None, "CoRR"):
        return ref
    title = ref.title or ""
    at = title.find("CoRR")
    changes: dict = {"container_title": "CoRR", "volume": m.group(1), "issue": None, "type": "article-journal"}
    if at > 0:
        changes["title"] = title[:at].rstrip(" .,;")
    for name in ("page", "number"):
        if getattr(ref, name) and getattr(ref, name) in m.group(1):
            changes[name] = None  # a piece of the identifier read as pages or an article number
    return replace(ref, **changes)


def _ietf(ref: Reference, text: str) -> Reference:
    """IETF's ``"Title", BCP 14, RFC 2119, March 1997.``: the RFC is the document's number, a report in a numbered
    series, not a container; ``Work in Progress`` marks an Internet-Draft, no container either."""
    c = ref.container_title or ""
    if "Work in Progress" in (c, ref.publisher):
        return replace(ref, container_title=None, type="report", note=ref.note or "Work in Progress",
                       publisher=None if ref.publisher == "Work in Progress" else ref.publisher)
    m = _RFC_RE.search(text)
    if not m or (c and not _IETF_SERIES_RE.fullmatch(c)):
        return ref
    short = ref.container_title_short
    return replace(ref, container_title=None, type="report", number=ref.number or f"RFC {m.group(1)}",
                   container_title_short=None if short and _IETF_SERIES_RE.fullmatch(short) else short)


def _arxiv_named(ref: Reference, text: str) -> Reference:
    """``Title. ArXiv (2020).``: a preprint that names its repository after its title but gives no identifier."""
    venue = _arxiv_venue(text)
    if not venue or not ref.title or text.find(venue) < text.find(ref.title) + len(ref.title):
        return ref
    return replace(ref, type="article", container_title=venue, publisher=ref.publisher or "arXiv")


def _arxiv_venue(text: str) -> str | None:
    """The venue a preprint's string prints, as printed (``arXiv preprint arXiv:1810.04805``, ``ArXiv e-prints``,
    ACM's ``ArXiv abs/…``), or None where arXiv is only named in its identifier (``(2019). arXiv:1908.10084``) or a link:
    an identifier is the number, not a venue."""
    bare = _LINK_RE.sub(" ", text)
    m = _ARXIV_VENUE_RE.search(bare)
    return " ".join(m.group(1).split()).rstrip(".") if m else None


def _conference(ref: Reference) -> Reference:
    if ref.type in ("article-journal", "document", "chapter") and ref.container_title and _CONFERENCE_RE.search(ref.container_title):
        if not ref.volume or ref.type == "chapter":
            return replace(ref, type="paper-conference")
    return ref


def _doubt(ref: Reference) -> Reference:
    """Lower the confidence of a reading whose parts contradict each other."""
    doubts = 0
    if ref.title and ref.title[0] in _EDITOR_INITIALS and _EDITOR_TITLE_RE.match(ref.title):
        doubts += 1
    if ref.title and re.match(r"^(?:et\s+al|and|&|[,;:.])", ref.title):
        doubts += 1
    if not ref.title and ref.author and len(ref.author[-1].display()) > 40:
        doubts += 1  # a title swallowed by the author list
    if doubts:
        return replace(ref, confidence=round(min(ref.confidence, 0.85) * (0.8 ** (doubts - 1)), 3))
    return ref
