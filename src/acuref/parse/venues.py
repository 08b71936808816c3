"""Where a paper was given and in which series a book appeared: what a reading of the parts gets wrong about them.

- a paper in the proceedings of a conference known by name (``Advances in Neural Information Processing Systems``,
  ``NeurIPS``, ``ICML``, ``CVPR`` …) is a conference paper, not a chapter or an article, even with a volume;
- a conference's dates (``Montreal, Canada, 8–13 December 2014``, ``June 27–30, 2016``) are when it met: when a
  year of publication is printed elsewhere they are not the issued date, and their days are not pages;
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
_PAGES_RE = re.compile(r"\b(?:pp?|S|blz|pages?)\.?\s*(\d+)\s*[-–—]\s*(\d+)\b")

_SERIES_NUMBER_RE = r"\s*[,.(]?\s*(?:vol(?:ume)?\.?|Bd\.|Band|Vol\.|deel|dl\.|t\.|tome|no\.|nr\.|n°|No\.|Nr\.|#)?\s*(\d{1,6})\b"


def read_venue(ref: Reference, text: str) -> Reference:
    """``ref`` with a named conference's type, its meeting dates off ``issued`` and ``page``, and its series number."""
    if not ref.parsed:
        return ref
    ref = _named_conference(ref)
    ref = _meeting_dates(ref, text)
    return _series_number(ref, text)


def _named_conference(ref: Reference) -> Reference:
    c = ref.container_title or ""
    if ref.type in ("chapter", "article-journal", "document", "book") and c and _NAMED_CONFERENCE_RE.search(c) \
            and not _JOURNAL_WORDS_RE.search(c):
        return replace(ref, type="paper-conference")
    return ref


def _meeting_dates(ref: Reference, text: str) -> Reference:
    """A meeting's date range read as the issued date or as pages gives way to the year printed elsewhere."""
    if not ref.issued or ("–" not in text and "-" not in text and "—" not in text):
        return ref
    m = _MEETING_RE.search(text)
    if not m or not month_number((m.group("m1") or m.group("m2") or "").rstrip(".")):
        return ref
    year = int(m.group("y1") or m.group("y2"))
    elsewhere = [int(y) for y in re.findall(rf"(?<![\d-]){YEAR}(?![\d-])", text[: m.start()] + " " + text[m.end():])]
    changes: dict = {}
    if elsewhere and ref.issued.month and ref.issued.year == year:
        changes["issued"] = Date(year if year in elsewhere else elsewhere[-1])
    days = re.sub(r"[^\d-]", "", re.sub(r"\s*[-–—]\s*", "-", m.group(0)))
    if ref.page and days.startswith(ref.page.replace("–", "-")):
        pm = _PAGES_RE.search(text[m.end():]) or _PAGES_RE.search(text[: m.start()])
        changes["page"] = f"{pm.group(1)}-{_full_last(pm.group(1), pm.group(2))}" if pm else None
    return replace(ref, **changes) if changes else ref


def _full_last(first: str, last: str) -> str:
    """``2672``, ``80`` → ``2680``: the last page printed short."""
    return first[: len(first) - len(last)] + last if len(last) < len(first) else last


def _series_number(ref: Reference, text: str) -> Reference:
    series = ref.collection_title
    if not series or ref.collection_number:
        return ref
    clean = re.sub(r"^(?:of|in)\s+", "", series).strip(" ,.(")
    if clean.count("(") > clean.count(")"):
        clean += ")"  # "Lecture Notes in Informatics (LNI" cut before its bracket closed
    changes: dict = {"collection_title": clean} if clean != series else {}
    name = re.escape(clean).replace(r"\ ", r"\s+")
    m = re.search(name + _SERIES_NUMBER_RE, text) or re.search(
        r"\b(?:volume|vol\.|Band|Bd\.|deel|tome)\s*(\d{1,6})\s+(?:of|in|van|de|der)\s+(?:the\s+)?" + name, text, re.IGNORECASE)
    if m and not re.fullmatch(YEAR, m.group(1)):
        changes["collection_number"] = m.group(1)
    if ref.type == "article-journal" and ref.container_title and re.search(r"(?:^|[.,]\s)In:?\s", text):
        changes["type"] = "chapter"  # a journal has no series: "In: Book. Series, vol. 12" is a part of a book
    return replace(ref, **changes) if changes else ref


__all__ = ["read_venue"]
