"""Where a paper was given and in which series a book appeared: what a reading of the parts gets wrong about them.

- a paper in the proceedings of a conference known by name (``Advances in Neural Information Processing Systems``,
  ``NeurIPS``, ``ICML``, ``CVPR`` …) is a conference paper, not a chapter or an article, even with a volume;
- a conference's dates (``Montreal, Canada, 8–13 December 2014``, ``June 27–30, 2016``) are when it met: when a
  year of publication is printed elsewhere they are not the issued date, and their days are not pages;
- a proceedings' name keeps the year or acronym printed as part of it (``2019 IEEE Symposium on …``, ``(ICDS 2021)``,
  ``(P2P'05)``, ``Proc HICSS 2008``, ``…Systems, 2004, pages …, 2004``): the year is still the issued date too;
- a series printed with its number (``Lecture Notes in Computer Science, vol. 4012``, ``volume 3669 of LNCS``,
  ``LNI 175``, ``Band 12``, ``deel 3``, ``n° 5``) gives ``collection_number``; the volume a BibTeX style prints
  for it is kept, as BibTeX keeps it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from acuref.model import Date, Reference
from acuref.normalize.dates import month_number
from acuref.normalize.vocabulary import YEAR

_NAMED_CONFERENCE_RE = re.compile(
    r"\b(?:Advances\s+in\s+Neural\s+Information\s+Processing\s+Systems|Neural\s+Information\s+Processing\s+Systems|"
    r"NeurIPS|NIPS|ICML|ICLR|CVPR|ICCV|ECCV|AAAI|IJCAI|KDD|SIGIR|SIGMOD|VLDB|EMNLP|NAACL|COLING|ACL|EACL|"
    r"Interspeech|ICASSP|MICCAI|AISTATS|UAI|COLT|CHI|UIST|CSCW|ICSE|OOPSLA|PLDI|POPL|SOSP|OSDI|NSDI|"
    r"International\s+Conference\s+on\s+Machine\s+Learning|International\s+Conference\s+on\s+Learning\s+Representations)"
    r"\b(?!\s+(?:Journal|Transactions))")
_JOURNAL_WORDS_RE = re.compile(r"\b(?:Journal|Transactions|Letters|Review|Magazine|Zeitschrift|Tijdschrift|Revue)\b")

_MON = r"[^\W\d_]{3,10}\.?"
# "8–13 December 2014", "June 27–30, 2016", "27 June – 1 July 2016", "Vancouver, Canada, 8 December 2019"
_MEETING_RE = re.compile(
    rf"(?<![\d.:])(?P<d1>[0-3]?\d)\.?\s*(?:{_MON}\s*)?[-–—]\s*[0-3]?\d\.?\s+(?P<m1>{_MON}),?\s+(?P<y1>{YEAR})(?!\d)"
    rf"|\b(?P<m2>{_MON})\s+[0-3]?\d\s*[-–—]\s*(?:{_MON}\s+)?[0-3]?\d,?\s+(?P<y2>{YEAR})(?!\d)")
# a meeting's first day after its place: ", 8 December 2019", ", 28. September 2020", ", June 27, 2016"
_START_RE = re.compile(rf",\s*(?P<d1>[0-3]?\d)\.?\s+(?P<m1>{_MON}),?\s+(?P<y1>{YEAR})(?!\d)"
                       rf"|,\s*(?P<m2>{_MON})\s+[0-3]?\d,\s+(?P<y2>{YEAR})(?!\d)")
_PAGES_RE = re.compile(r"\b(?:pp?|S|blz|pages?)\.?\s*(\d+)\s*[-–—]\s*(\d+)\b")

_PROCEEDINGS_RE = re.compile(r"\b(?:Proc|Proceedings|Conference|Conf|Symposium|Symp|Workshop|Congress|Colloquium|"
                             r"Meeting|Summit)\b", re.IGNORECASE)
_ACRONYM_AFTER_RE = re.compile(rf"\s*\([A-Z][A-Z\d][\w/&.-]*\s?(?:['’]\d\d|{YEAR})\)")
_VOLUME_NEXT_RE = re.compile(r"\s*[,;]\s*\d+\s*[(:,]")
_ACRONYM_RE = re.compile(r"\b[A-Z][A-Z\d]{2,}\b")  # HICSS, ASIACRYPT, WISE: a meeting's short name
_BRACKET_YEAR_RE = re.compile(r"(?:\s?[\w'’/-]+){1,2}(?<=\d\d)\)")
_YEAR_AFTER_RE = re.compile(rf" {YEAR}(?=[.,)]|\s\(|$)")
_YEAR_REPEATED_RE = re.compile(rf",\s({YEAR})(?=,)")
_YEAR_BEFORE_RE = re.compile(rf"(?:^|(?<=[\s,“”\"]))({YEAR})\s$")
_SERIES_NUMBER_RE = r"\s*[,.(]?\s*(?:vol(?:ume)?\.?|Bd\.|Band|Vol\.|deel|dl\.|t\.|tome|no\.|nr\.|n°|No\.|Nr\.|#)?\s*(\d{1,6})\b"


def read_venue(ref: Reference, text: str) -> Reference:
    """``ref`` with a named conference's type, its meeting dates off ``issued`` and ``page``, and its series number."""
    if not ref.parsed:
        return ref
    ref = _named_conference(ref)
    ref = _venue_years(ref, text) if ref.container_title else ref
    ref = _meeting_dates(ref, text)
    return _series_number(ref, text)


def _named_conference(ref: Reference) -> Reference:
    c = ref.container_title or ""
    if ref.type in ("chapter", "article-journal", "document", "book") and c and _NAMED_CONFERENCE_RE.search(c) \
            and not _JOURNAL_WORDS_RE.search(c):
        return replace(ref, type="paper-conference")
    return ref


def _venue_years(ref: Reference, text: str) -> Reference:
    """A proceedings' name with the year or the acronym it prints as part of it, which a reading left outside."""
    c = ref.container_title or ""
    conference = bool(_PROCEEDINGS_RE.search(c))
    if not (conference or "(" in c or ref.type in ("paper-conference", "chapter")):
        return ref  # most containers are journals: nothing to read
    flat = " ".join(text.split())
    at = flat.find(c)
    if at < 0:
        return ref
    head, tail = flat[:at], flat[at + len(c):]
    name = c
    if c.count("(") > c.count(")"):  # "(ICDS" cut before its year: "(ICDS 2021)", "Praxis (Bern 1994)"
        m = _BRACKET_YEAR_RE.match(tail)
        if m:
            name, tail = name + m.group(0), tail[m.end():]
    if conference or ref.type in ("paper-conference", "chapter") and _ACRONYM_RE.search(c):
        m = _ACRONYM_AFTER_RE.match(tail) if name == c else None
        m = m or _YEAR_AFTER_RE.match(tail)
        if m and _VOLUME_NEXT_RE.match(tail[m.end():]):
            m = None  # "Proc Natl Acad Sci USA 2008, 105:13274": a journal's year, then its volume
        if m is None and conference:
            m = _YEAR_REPEATED_RE.match(tail)  # "…Systems, 2004, pages 102–109, 2004": the name's year, then the date's
            if m and not re.search(rf"(?<![\d./-]){m.group(1)}(?!\d)", tail[m.end():]):
                m = None
        name += m.group(0).rstrip() if m else ""
    m = _YEAR_BEFORE_RE.search(head) if conference else None
    if m:
        name = f"{m.group(1)} {name}"  # "In 2019 IEEE Symposium on …"
    return replace(ref, container_title=name) if name != c else ref


def _meeting_dates(ref: Reference, text: str) -> Reference:
    """A meeting's date range read as the issued date or as pages gives way to the year printed elsewhere."""
    if not ref.issued or ("–" not in text and "-" not in text and "—" not in text and ref.type != "paper-conference"):
        return ref
    m = _MEETING_RE.search(text)
    if m is None and ref.type == "paper-conference":
        m = _START_RE.search(text)  # "Vancouver, Canada, 8 December 2019": the day it opened
    if not m or not month_number((m.group("m1") or m.group("m2") or "").rstrip(".")):
        return ref
    year = int(m.group("y1") or m.group("y2"))
    elsewhere = [int(y) for y in re.findall(rf"(?<![\d-]){YEAR}(?![\d-])", text[: m.start()] + " " + text[m.end():])]
    changes: dict = {}
    if elsewhere and ref.issued.month and ref.issued.year == year:
        changes["issued"] = Date(year if year in elsewhere else elsewhere[-1])
    days = re.sub(r"[^\d-]", "", re.sub(r"\s*[-–—]\s*", "-", m.group(0)))
    if ref.page and "-" in days and days.startswith(ref.page.replace("–", "-")):
        pm = _PAGES_RE.search(text[m.end():]) or _PAGES_RE.search(text[: m.start()])
        changes["page"] = f"{pm.group(1)}-{_full_last(pm.group(1), pm.group(2))}" if pm else None
    return replace(ref, **changes) if changes else ref


def _full_last(first: str, last: str) -> str:
    """``2672``, ``80`` → ``2680``: the last page printed short."""
    return first[: len(first) - len(last)] + last if len(last) < len(first) else last


# A series printed with its number: "Lecture Notes in Computer Science, vol. 4012", "LNCS 2825", "Journal for the
# Study of the New Testament Supplement Series 40", "(BAR International Series, 604)", "Schriftenreihe … Bd. 3"
_SERIES_RE = re.compile(
    r"(?P<series>\bLecture\s+Notes\s+in\s+[A-Z][\w ]+?|\b(?:LNCS|LNAI|LNBI|LNBIP|LNI|CCIS|LIPIcs)\b|"
    r"\b[A-Z][\w'’&:-]*(?:\s+(?:[A-Z][\w'’&:-]*|of|the|in|for|and|on|de|der|des|van|voor|für|zur))*\s+"
    r"(?:Series|Reihe|Schriftenreihe|reeks|Reeks|Collection|Serie))(?:\s*\([A-Z]{2,8}\))?"
    r"\s*[,;]?\s*(?:vol(?:ume)?\.?|Vol\.|Bd\.|Band|no\.|No\.|nr\.|Nr\.|n°|#)?\s*(?P<number>\d{1,5})\b(?![.,]\d|\s*\()")
# French and German name the series after the word: "Collection Sciences Sup, n° 12", "Reihe Informatik, Bd. 3"
_SERIES_FIRST_RE = re.compile(r"(?P<series>\b(?:Collection|Coll\.|Reihe|Schriftenreihe|Reeks|Série)\s+[A-Z«\"][^,.;()]{1,60}?)"
                              r"\s*[,;]?\s*(?:vol\.|Vol\.|Bd\.|Band|no\.|No\.|nr\.|Nr\.|n°|nº|t\.|tome|deel)\s*(?P<number>\d{1,5})\b")
_VOLUME_OF_RE = re.compile(r"\b(?:volume|vol\.)\s*(?P<number>\d{1,5})\s+of\s+(?:the\s+)?(?P<series>[A-Z][\w\s]{1,80}?|LNCS|LNAI)"
                           r"(?=[,.;)]|\s+(?:pages|pp|S\.))")
_NOT_A_SERIES_RE = re.compile(r"\b(?:New|Second|Third|Fourth|Conference|Old|Neue|Nouvelle)\s+(?:Series|Serie|Reihe)\b|"
                              r"\bJournal\s+of\s+Physics", re.IGNORECASE)


def _printed_series(ref: Reference, text: str) -> Reference:
    """A series and its number the reading left in the title, the container or nowhere."""
    m = _VOLUME_OF_RE.search(text) or _SERIES_RE.search(text) or _SERIES_FIRST_RE.search(text)
    if m and ref.type == "article-journal" and ref.volume and ref.page and not re.match(r"Lecture\s+Notes|LN|CCIS",
                                                                                       m.group("series")):
        return ref  # "Comptes rendus … Serie 3, 316: 1194-1199": a journal's section, its volume and pages
    if not m or _NOT_A_SERIES_RE.search(m.group(0)) or _is_year(ref, m.group("number")):
        return ref
    series = " ".join(m.group("series").split())
    if _journal_volume(ref, series):
        return ref  # "Studies in Second Language Acquisition 19: 37–66" is a journal's volume
    changes: dict = {"collection_title": series, "collection_number": m.group("number")}
    for name in ("title", "container_title"):
        value = getattr(ref, name)
        at = value.find(series) if value else -1
        if value and at > 8 and len(value) - at <= len(m.group(0)) + 4:
            changes[name] = value[:at].rstrip(" ,.;(") or value  # "Title. Supplement Series 40" ends before the series
    return replace(ref, **changes)


def _is_year(ref: Reference, number: str) -> bool:
    """``Series, 2004``: the year, not the number (LNCS 1807 is a number: the year printed is another)."""
    return bool(re.fullmatch(YEAR, number)) and ref.issued is not None and ref.issued.year == int(number)


def _journal_volume(ref: Reference, series: str) -> bool:
    c = ref.container_title or ""
    return bool(ref.type == "article-journal" and c and c.strip(" .,") == series and ref.volume and (ref.page or ref.issue)
                and not re.match(r"Lecture\s+Notes|LN|CCIS", c))


def _series_number(ref: Reference, text: str) -> Reference:
    series = ref.collection_title
    if not series and not ref.collection_number and ("Series" in text or "L" in text or "Reihe" in text or "reeks" in text
                                                     or "vol" in text or "Collection" in text or "Serie" in text):
        ref = _printed_series(ref, text)
        series = ref.collection_title if ref.collection_number is None else None
    if not series or ref.collection_number:
        return ref
    clean = re.sub(r"^(?:of|in)\s+", "", series).strip(" ,.(")
    if clean.count("(") > clean.count(")"):
        clean += ")"  # "Lecture Notes in Informatics (LNI" cut before its bracket closed
    changes: dict = {"collection_title": clean} if clean != series else {}
    name = re.escape(clean).replace(r"\ ", r"\s+")
    of = re.search(r"\b(?:volume|vol\.|Band|Bd\.|deel|tome)\s*(\d{1,6})\s+(?:of|in|van|de|der)\s+(?:the\s+)?" + name, text,
                   re.IGNORECASE)
    m = of or re.search(name + _SERIES_NUMBER_RE, text)
    if m and (of or not _is_year(ref, m.group(1))):
        changes["collection_number"] = m.group(1)
        if ref.edition == m.group(1):
            changes["edition"] = None  # "Lecture Notes in Informatics, Bd. 175": the series' number, no edition
    if of and not ref.volume:
        changes["volume"] = of.group(1)  # BibTeX's own reading of "volume 1807 of LNCS": the volume, in a series
    if of and ref.issued and str(ref.issued.year) == of.group(1):
        # "volume 1807 of Lecture Notes …, 2000": the number read as the year; the year is the one printed after
        years = re.findall(rf"(?<!\d){YEAR}(?!\d)", text[of.end():])
        changes["issued"] = Date(int(years[-1])) if years else None
    if ref.type == "article-journal" and ref.container_title and re.search(r"(?:^|[.,]\s)In:?\s", text):
        changes["type"] = "chapter"  # a journal has no series: "In: Book. Series, vol. 12" is a part of a book
    return replace(ref, **changes) if changes else ref


__all__ = ["read_venue"]
