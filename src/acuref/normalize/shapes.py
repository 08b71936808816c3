"""Citation shapes that finding and parsing both recognise: the locator tails of each style, where an author
list ends, book imprints. They sit below the stages, so the read stage can score a string without the parser.

A style's locator tail is one :class:`TailShape` row of :data:`TAIL_SHAPES`: its pattern, when a match counts,
its rank among tails that start together, and whether the rules read it better than the model (measured with
benchmarks/parse_eval.py). Adding a style's tail is one row here and its table test.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from acuref.normalize.names import DEGREE_RE, is_author_list
from acuref.normalize.vocabulary import YEAR

_MONTHWORD = r"[A-Z][a-z]{2,8}\.?"
_DATE_REST = (
    rf"(?:\s+(?P<month>{_MONTHWORD}(?:\s*[-–/]\s*{_MONTHWORD})?)"
    r"(?:\s+(?P<day>\d{1,2})(?:\s*[-–]\s*\d{1,2})?)?)?"
)
_VOL = r"(?P<vol>[A-Z]?\d+[A-Za-z]?(?:\s*[-–]\s*\d+)?(?:\s+(?:Suppl|Pt|Part|Spec No|Supplement)\.?\s*[\dA-Z]{0,3})?)"
_ISS = r"(?:\s*\((?P<iss>[^()]{1,30})\))?"

_PAGE1 = r"[A-Za-z]{0,3}\d+(?:[A-Za-z]\d+)?(?:[A-Za-z](?![A-Za-z]))?"  # "W00A12": AGU article ids hold a letter
PG = rf"(?P<pages>{_PAGE1}(?:\s*[-–—‐‑]\s*{_PAGE1})?)(?!\d)"

# 2012;120(5):947–59 · 1996; 21:361–370 · 2004, 24(11):4824-4834 · 2017 Jan 9;17(1):40
VANC_RE = re.compile(rf"(?<!\d)(?P<year>{YEAR})[a-z]?{_DATE_REST}\s*[;,]\s*{_VOL}{_ISS}(?:\s*:\s*{PG})?")
# ; (issue) only: 2005;(4):12-14
VANC_NOVOL_RE = re.compile(rf"(?<!\d)(?P<year>{YEAR})[a-z]?{_DATE_REST}\s*;\s*\((?P<iss>[^()]{{1,30}})\)\s*:\s*{PG}")
# Science 266(5193):2019-2022 · 157:1342-1343 (year printed elsewhere)
COLON_RE = re.compile(rf"(?<![\w.:/]){_VOL}{_ISS}\s*:\s*{PG}")
# Journal, 43(1), 32-43 · Brain 120(Pt 4), 701-722 · 21, pp. 12-19
APA_RE = re.compile(rf"(?:,\s*|\s)(?:[Vv]ol\.?\s*)?{_VOL}{_ISS},\s*(?:pp?\.\s*)?{PG}(?=\s*[.,;(\[]|\s*$|\s+{YEAR}|\s+[A-Z])")
# vol. 18, no. 4, pp. 317–335
IEEE_RE = re.compile(
    rf"[Vv]ol\.?\s*{_VOL}\s*,?\s*(?:(?:no|nr|issue)\.?\s*(?P<iss>[\w-]+)\s*,?\s*)?"
    rf"(?:(?:[A-Z][a-z]{{2,8}}\.?\s+)?(?P<year>{YEAR})\s*,\s*)?(?:pp?\.\s*{PG})?"
)

# Beijing: Foreign Language Press; 1999
BOOK_RE = re.compile(
    rf"(?P<place>(?:St\.\s)?[A-Z][\w'’]+(?:[ -][\w'’]+){{0,3}}(?:,\s*[A-Z][A-Za-z'’ -]{{1,25}})?)\s*:\s*"
    rf"(?P<publisher>[^:;.()]{{2,90}}?)\s*[;,.]\s*(?:c\s*)?(?P<year>{YEAR})"
)
_YEAR_PAREN_RE = re.compile(rf"\(\s*(?:{YEAR}[/-])?(?P<year>{YEAR})[a-z]?\s*(?:,[^()]{{0,20}})?\)|\((?:n\.\s?d\.|in press)\)", re.IGNORECASE)
_HARVARD_YEAR_RE = re.compile(rf"[.,]?\s+(?P<year>{YEAR})[a-z]?[.,]\s+")
DEGREE_NAME_RE = re.compile(r"[A-Z][a-z]+(?:[\s-][A-Z][a-z]+)?(?:\s+[A-Z]\.)*\s+(?:[a-z]{1,3}\s+)?[A-Z][\w'’-]+,\s*(?:[A-Z][a-z]{0,5}\.){2}")
_DATE_ONLY_RE = re.compile(r"[A-Za-z]{3,9}\.?\s*\d{0,2},?\s*\d{0,4}")
_PROSE_RE = re.compile(r"[a-z]{4,}\s+[a-z]{4,}")
_PERIOD_RE = re.compile(r"\.(?=\s|$)")
_COMMA_RE = re.compile(r",\s")
_LEADING_YEAR_RE = re.compile(rf"\(?(?P<year>{YEAR})[a-z]?\)?(?:[.,:]\s+|\s+(?=[A-Z\"“‘]))")


# A web address printed inside a title ("題名 https://doi.org/…"), with the space before it: cut from the title.
LINK_IN_TITLE_RE = re.compile(r"\s?https?://\S+")
# The dashes and tildes between first and last page in CJK lists: "45-61", "45–61", "45―61", "45－61", "45~61", "45〜61".
CJK_PAGE_DASH = "[-–―－~〜ｰ]"

# GB/T 7714's kinds of work, one list for reading and for evidence: "[J]" journal, "[M]" book, "[C]" proceedings,
# "[D]" thesis, "[EB/OL]" online… The code sits right after a title and before a stop or "//" ("…flow control[J].
# AIAA Journal", "题名［Ｍ］．"), never alone in prose ("depends on [A] and on [B]").
GBT_CODES = ("J", "M", "C", "D", "R", "S", "P", "N", "Z", "A", "G", "EB/OL", "J/OL", "M/OL", "DB/OL", "CP/OL")
GBT_CODE_RE = re.compile(r"\S\s?[\[［]\s?(?:" + "|".join(GBT_CODES) + r"|Ｊ|Ｍ|Ｃ|Ｄ|Ｐ)\s?[\]］]\s*(?:[.．]|//)")

@dataclass(frozen=True, slots=True)


class Tail:
    """A locator tail found in a string: where it is, and the year, volume, issue and pages it holds."""

    start: int
    key: int  # where the numbers begin: ranks tails found by different patterns
    end: int
    year: str | None
    month: str | None
    day: str | None
    volume: str | None
    issue: str | None
    pages: str | None
    kind: str


@dataclass(frozen=True, slots=True)


class TailShape:
    """One style's locator tail: ``2012;120(5):947-59`` (vanc), ``vol. 5, no. 2, pp. 1-9`` (ieee) …"""

    kind: str
    pattern: re.Pattern[str]
    rank: int  # among tails whose numbers start together, the lowest rank is taken
    counts: Callable[[str, re.Match[str]], bool]  # does this match count as a tail here?
    sure: bool  # measured: on this shape the rules read a reference better than the model
    rules_first: bool  # a string with this shape is read by the rules before the model is asked


def _vanc_counts(rest: str, m: re.Match[str]) -> bool:
    g = m.groupdict()
    return bool(g.get("pages") or g.get("iss") or _plausible_tail_end(rest, m.end()))


def _ieee_counts(rest: str, m: re.Match[str]) -> bool:
    return bool(m.group("pages") or m.group("iss"))


def _colon_counts(rest: str, m: re.Match[str]) -> bool:
    return _journal_before(rest, m.start())


TAIL_SHAPES = (
    TailShape("vanc", VANC_RE, 0, _vanc_counts, sure=True, rules_first=True),
    TailShape("vanc", VANC_NOVOL_RE, 0, _vanc_counts, sure=True, rules_first=True),
    TailShape("ieee", IEEE_RE, 1, _ieee_counts, sure=False, rules_first=False),
    TailShape("apa", APA_RE, 2, lambda rest, m: True, sure=True, rules_first=True),
    TailShape("colon", COLON_RE, 3, _colon_counts, sure=True, rules_first=True),
)
# An APA tail whose "issue" is a year, Elsevier's "17 (2008), pp. 514-524": a shape the model reads better.
PAREN_YEAR = TailShape("paren_year", APA_RE, 2, lambda rest, m: True, sure=False, rules_first=True)
SHAPES = {shape.kind: shape for shape in (*TAIL_SHAPES, PAREN_YEAR)}
RULES_FIRST = tuple(shape.pattern for shape in TAIL_SHAPES if shape.rules_first)


def tails(rest: str) -> list[Tail]:
    """Every locator tail in ``rest``, of every shape."""
    found: list[Tail] = []
    for shape in TAIL_SHAPES:
        for m in shape.pattern.finditer(rest):
            if not shape.counts(rest, m):
                continue
            g = m.groupdict()
            key = min((m.start(k) for k in ("year", "vol") if g.get(k)), default=m.start())
            year, issue, kind, start = g.get("year"), g.get("iss"), shape.kind, m.start()
            if kind == "colon" and not year:  # Springer/GROBID "Annu Rev Genet (1980) 14: 121-144"
                py = _PAREN_YEAR_BEFORE_RE.search(rest, max(0, start - 12), start)
                if py:
                    year, start = py.group(1), py.start()
            if kind == "apa" and not year and issue and _YEAR_ONLY_RE.fullmatch(issue.strip()):
                year, issue, kind = issue.strip(), None, PAREN_YEAR.kind
            found.append(Tail(start, key, m.end(), year, g.get("month"), g.get("day"),
                              g.get("vol"), issue, g.get("pages"), kind))
    return found


_PAREN_YEAR_BEFORE_RE = re.compile(rf"\(\s*({YEAR})[a-z]?\s*\)\s*$")
_YEAR_ONLY_RE = re.compile(YEAR)


def _plausible_tail_end(rest: str, end: int) -> bool:
    """A bare ``2014;7`` counts only where nothing but punctuation or a date follows."""
    after = rest[end:].strip(" .,;")
    return not after or bool(_DATE_ONLY_RE.fullmatch(after))


def _journal_before(rest: str, start: int) -> bool:
    """``Vol:pages`` without a year needs a journal-like word right before it, not prose (``a 1:1 trial``)."""
    before = rest[:start].rstrip()
    if not before:
        return True
    word = before.rsplit(" ", 1)[-1]
    return bool(word) and (word[0].isupper() or word.endswith(".") or word.endswith(",") or word[-1] in ")]")


def choose_tail(rest: str, found: list[Tail]) -> Tail | None:
    """The tail that holds the reference's own numbers: near the end, earliest numbers, best-ranked shape."""
    if not found:
        return None

    def near_end(t: Tail) -> bool:
        after = rest[t.end:]
        return len(after.strip(" .,;")) <= 40 or not _PROSE_RE.search(after)

    good = [t for t in found if near_end(t)] or found
    return min(good, key=lambda t: (t.key, SHAPES[t.kind].rank))


def split_authors(s: str) -> tuple[str | None, str, str | None]:
    """(author text, the rest, a year printed right after the authors)."""
    # IEEE/MLA: Authors, "Title," … — the opening quote ends the author list.
    q = _OPEN_QUOTE_RE.search(s, 0, 1500)
    if q and q.start() > 3:
        head = s[: q.start()].rstrip(" ,.")
        if is_author_list(head, permissive=True) and _LIST_SEPARATOR_RE.search(head + ","):
            return head, s[q.start():], None
    # Authors (2001). Title…  /  Authors (2001) Title…
    for m in _YEAR_PAREN_RE.finditer(s, 0, min(len(s), 1500)):
        head = s[: m.start()].rstrip(" ,.")
        if head and is_author_list(head, permissive=True):
            return head, s[m.end():].lstrip(" .:,"), m.group("year")
        break
    # Family, Given. 1988. Title…  (Chicago author-date)
    cm = _CHICAGO_RE.match(s)
    if cm and is_author_list(cm.group("head"), permissive=True):
        return cm.group("head"), s[cm.end():], cm.group("year")
    # Authors. Title…  (Vancouver): the longest run of author-list prefixes ending at ". "
    best = None
    colon = s.find(":")
    for m in _PERIOD_RE.finditer(s, 0, 1500):
        head = s[: m.start()]
        if _CONTINUED_NAME_RE.match(s, m.end()) and _DOTTED_INITIAL_END_RE.search(head):
            continue  # "M.A.A. Ali, ..." — the period belongs to initials inside the list
        if best is not None and not (_LIST_SEPARATOR_RE.search(s, best - 1, m.start())
                                     or _INITIALS_PIECE_RE.fullmatch(s, best - 1, m.start())):
            break  # after a complete list, more names need a separator: "Smith J. Acupuncture." ends at "J."
        if is_author_list(head):
            best = m.end()
        elif best is not None and not _TRAILING_INITIALS_RE.search(head):
            break  # "…, and P. J" may still be inside the list: look one step further
    # Authors: Title…  (AMA, BMC), unless a Vancouver author list already ended before the colon
    if 0 < colon < 1200 and (best is None or best > colon):
        head = s[:colon]
        if is_author_list(head):
            return head, s[colon + 1:].lstrip(), None
    if best is None:
        best_comma = _comma_author_split(s)
        if best_comma:
            return best_comma
    if best is not None:
        head = s[: best - 1]
        rest = s[best:].lstrip()
        hy = _LEADING_YEAR_RE.match(rest)
        if hy:  # Harvard: Authors. 2001. Title
            return head, rest[hy.end():], hy.group("year")
        return head, rest, None
    # Harvard without the period: Smith J, Jones K 2001. Title
    hm = _HARVARD_YEAR_RE.search(s, 0, 800)
    if hm and is_author_list(s[: hm.start()]):
        return s[: hm.start()], s[hm.end():], hm.group("year")
    return None, s, None

_OPEN_QUOTE_RE = re.compile(r"[“\"«](?=[A-Z0-9])")
_TRAILING_INITIALS_RE = re.compile(r"(?:^|[,;&]|\band)\s*[A-Z](?:\.\s?-?[A-Z]){0,3}$")

_LIST_SEPARATOR_RE = re.compile(r"[,;&]|\band\b")
_INITIALS_PIECE_RE = re.compile(r"\.\s*[A-Z](?:\.\s?-?[A-Z])*")

_CONTINUED_NAME_RE = re.compile(r"\s*(?:[a-z]{1,3}\s)?[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?,")
_DOTTED_INITIAL_END_RE = re.compile(r"[A-Z]\.\s?[A-Z]$")

_CHICAGO_RE = re.compile(rf"^(?P<head>.{{2,600}}?)\.\s+\(?(?P<year>{YEAR})[a-z]?\)?[.:]\s+")


def _comma_author_split(s: str) -> tuple[str, str, str | None] | None:
    """Elsevier-like ``J Thunberg, F Hellstrom, H Johansson, Title…``: names end at a comma."""
    best = None
    for m in _COMMA_RE.finditer(s, 0, 1500):
        head = s[: m.start()]
        if is_author_list(head):
            best = m.end()
        elif best is not None:
            break
    if best is None or s[:best].count(",") < 1:
        return None
    return s[: best].rstrip(" ,"), s[best:], None


def split_degree_authors(s: str) -> tuple[str, str, str] | None:
    """NEJM-style ``Title Brian M. Berman, M.D., … Ph.D. Journal …``, possibly glued together."""
    first = DEGREE_NAME_RE.search(s)
    if not first:
        return None
    last_end = None
    for m in DEGREE_RE.finditer(s, first.start()):
        last_end = m.end()
    if last_end is None:
        return None
    return s[: first.start()].strip(), s[first.start(): last_end], s[last_end:].strip(" ,;")


REGISTRATION_RE = re.compile(r"\b(?:NCT\d{8}|ISRCTN\d{6,}|ChiCTR[-\w]+|ACTRN\d+|EudraCT|DRKS\d+|NTR\d{3,})\b")
PAGES_WORD_RE = re.compile(r"\bpp?\.\s*\d")
