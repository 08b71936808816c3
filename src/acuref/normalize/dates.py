"""Dates as printed in references: ``2017 Jan 9``, ``July 29, 2010``, ``August 2000``, Dutch months."""

from __future__ import annotations

import re

from acuref.model import Date
from acuref.normalize.vocabulary import EARLY_YEAR, MONTHS

_YEAR_RE = re.compile(rf"(?<!\d)({EARLY_YEAR})(?!\d)")
_MON = r"([A-Za-zéû]{3,9})\.?"
# "2017 Jan 9", "2005 May", "2007 Nov-Dec"
_AFTER_RE = re.compile(r"\s*,?\s*" + _MON + r"(?:\s*[-–/]\s*[A-Za-z]{3,9}\.?)?(?:\s+([0-3]?\d)(?!\d))?")
# "July 29, 2010", "August 2000", "9 January 2017"
_BEFORE_RE = re.compile(r"(?:([0-3]?\d)\s+)?" + _MON + r"(?:\s+([0-3]?\d))?,?\s*$")


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
