"""Dates as printed in references: ``2017 Jan 9``, ``July 29, 2010``, ``August 2000``, months of several languages;
and the date a web page was accessed (``Accessed 3 May 2023``, ``geraadpleegd op``, ``abgerufen am``, ``consulté le``),
which is never the date of publication."""

from __future__ import annotations

import re

from acuref.model import Date
from acuref.normalize.vocabulary import EARLY_YEAR, MONTHS

_YEAR_RE = re.compile(rf"(?<!\d)({EARLY_YEAR})(?!\d)")
_MON = r"([^\W\d_]{3,10})\.?"
# "2017 Jan 9", "2005 May", "2007 Nov-Dec"
_AFTER_RE = re.compile(r"\s*,?\s*" + _MON + r"(?:\s*[-–/]\s*[A-Za-z]{3,9}\.?)?(?:\s+([0-3]?\d)(?!\d))?")
# "July 29, 2010", "August 2000", "9 January 2017"
_BEFORE_RE = re.compile(r"(?:([0-3]?\d)\.?\s+(?:de\s+)?)?" + _MON + r"(?:\s+([0-3]?\d))?,?\s*(?:de\s+)?$")


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def _day(value: str | None) -> int | None:
    if value and 1 <= int(value) <= 31:
        return int(value)
    return None


def parse_date(text: str) -> Date | None:
    """Read the first year in ``text`` with the month and day printed right next to it, if any.

    Only words are months, so the issue in ``2012;120(5)`` is never read as one.
    """
    ym = _YEAR_RE.search(text)
    if not ym:
        return None
    year = int(ym.group(1))
    a = _AFTER_RE.match(text, ym.end())
    if a and month_number(a.group(1)):
        return Date(year, month_number(a.group(1)), _day(a.group(2)))
    b = _BEFORE_RE.search(text[max(0, ym.start() - 20): ym.start()])
    if b and month_number(b.group(2)):
        return Date(year, month_number(b.group(2)), _day(b.group(3) or b.group(1)))
    return Date(year)


# The words that introduce an access date, in the languages acuref reads; the date follows within a few words.
_ACCESS_CUE = (r"(?:last\s+)?(?:accessed|retrieved|visited|viewed|consulted)(?:\s+(?:on|at))?|last\s+access|cited|"
               r"geraadpleegd(?:\s+op)?|verkregen(?:\s+op)?|bezocht(?:\s+op)?|opgehaald(?:\s+op)?|"
               r"(?:letzter\s+)?(?:zugriff|abruf)(?:\s+am)?|abgerufen(?:\s+am)?|aufgerufen(?:\s+am)?|zugegriffen(?:\s+am)?|"
               r"(?:page\s+)?consulté(?:e)?(?:\s+le)?|date\s+de\s+consultation|accédé\s+le|"
               r"consultad[oa](?:\s+(?:el|en|em))?|fecha\s+de\s+consulta|recuperado(?:\s+el)?|accedido(?:\s+el)?|"
               r"acesso\s+em|acessado\s+em|consultato(?:\s+il)?|ultimo\s+accesso|data\s+di\s+consultazione|"
               r"(?:data\s+)?dostępu?|дата\s+обр(?:ащения|\.)")
_NUMERIC_DATE = r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{4}"
ACCESS_RE = re.compile(
    rf"[\[(]?\s*\b(?:{_ACCESS_CUE})(?:\b|(?<=\.))\s*:?\s*(?P<date>(?:[^.;:()\[\]\d]|\d{{1,2}}[.:]?\s?|"
    rf"(?<=\b[^\W\d_]{{3}})\.(?=\s)|(?<=\b[^\W\d_]{{4}})\.(?=\s)){{0,24}}?"
    rf"(?:{_NUMERIC_DATE}|(?<!\d){EARLY_YEAR}(?!\d)(?:\s+[^\W\d_]{{3,10}}\.?(?:\s+[0-3]?\d(?!\d))?)?))\s*[\])]?"
    r"(?:,?\s*(?:from|van|von|de|da|desde|en|em|z|от)\b(?:\s+[^:.;/]{1,60}:(?=\s*https?://))?)?",  # APA 6: "from Site: URL"
    re.IGNORECASE)


def _numeric(text: str) -> Date | None:
    """``2023-05-03`` and ``03.05.2023`` / ``3/5/2023`` (day first, as outside the United States)."""
    m = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = re.search(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", text)
        if not m:
            return None
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return Date(y, mo, d if 1 <= d <= 31 else None) if 1 <= mo <= 12 else Date(y)


def split_access(text: str) -> tuple[str, Date | None]:
    """``text`` without its access date (``[cited 2023 May 3]``, ``Abgerufen am 4. Dezember 2024, von``) and that
    date; the text unchanged and None when it has none."""
    m = ACCESS_RE.search(text)
    if not m:
        return text, None
    when = m.group("date")
    date = _numeric(when) or parse_date(when)
    rest = (text[:m.start()].rstrip(" ,;") + " " + text[m.end():].lstrip(" ,;:")).strip()
    return re.sub(r"(?<=\w\.)\s*\.(?!\.)", "", re.sub(r"\s+(?=[.,;])", "", rest)), date  # "Web. Accessed …." → "Web."
