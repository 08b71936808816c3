"""Per pair within a block: are two fingerprints the same work? Vetoes first, then the rules that join."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from acuref.dedupe.fingerprint import Fingerprint
from acuref.resolve.match import journals_alike

TITLE_SAME = 0.95


TITLE_CLOSE = 0.90


TITLE_POSSIBLE = 0.85


@dataclass(frozen=True, slots=True)
class Decision:
    duplicate: bool
    rule: str
    score: float


def _title_sim(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    short, long_ = sorted((a, b), key=len)
    if short.count(" ") >= 5 and long_.startswith(short + " "):
        return 0.96  # one database cut the title, or added a group author or translation after it
    # Words split by line-end hyphenation or PDF spacing ("ef ficient") compare equal without spaces.
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b), fuzz.ratio(a.replace(" ", ""), b.replace(" ", ""))) / 100


def _same_name(a: str, b: str) -> bool:
    if a == b or fuzz.ratio(a, b) >= 85:
        return True
    if "?" in a or "?" in b:
        pattern, other = (a, b) if "?" in a else (b, a)
        return bool(re.fullmatch(re.escape(pattern).replace(r"\?", ".{1,2}"), other))
    return False


def _authors_compatible(a: Fingerprint, b: Fingerprint) -> bool | None:
    """True when the first authors agree, False when they contradict, None when one side has none."""
    if not a.first_author or not b.first_author:
        return None
    if _same_name(a.first_author, b.first_author):
        return True
    if a.first_author in b.first_tokens or b.first_author in a.first_tokens:
        return True  # family and given swapped on one side
    # A first author listed as another author on the other side (reordered or garbled lists) is no contradiction.
    return bool(a.first_author in b.authors and b.first_author in a.authors)


def veto(a: Fingerprint, b: Fingerprint) -> str | None:
    """The reason two references cannot be one work, or None."""
    if a.doi_any and b.doi_any and a.doi_any != b.doi_any and a.doi and b.doi:
        return "different DOIs"
    if a.pmid and b.pmid and a.pmid != b.pmid:
        return "different PMIDs"
    if a.year and b.year:
        gap = abs(a.year - b.year)
        if gap > 1 or (gap == 1 and (a.conference or b.conference)):
            return "different years"
    if a.volume and b.volume and a.volume != b.volume:
        return "different volumes"
    if a.issue and b.issue and a.issue != b.issue and len(a.issue) <= 3 and len(b.issue) <= 3 \
            and a.issue.isdigit() and b.issue.isdigit():
        return "different issues"
    if a.page and b.page and not _same_locator(a.page, b.page) and not (a.provisional_pages or b.provisional_pages):
        return "different pages"
    if (a.part or b.part) and a.part != b.part:
        return "different parts"
    if (a.notice or b.notice) and a.notice != b.notice:
        return "notice vs original"
    numbers_agree = bool(a.volume and a.volume == b.volume and a.page and a.page == b.page)
    if a.journal and b.journal and not numbers_agree and not _venues_compatible(a.journal, b.journal):
        return "different venues"  # unless volume and page agree: journals are also transliterated or renamed
    return None


def _same_locator(a: str, b: str) -> bool:
    """``63`` = ``P63`` = ``S63``: a letter on one side only (poster, supplement) does not make another page."""
    if a == b:
        return True
    da, db = a.lstrip("abcdefghijklmnopqrstuvwxyz"), b.lstrip("abcdefghijklmnopqrstuvwxyz")
    return da == db and (da == a or db == b)


_PROCEEDINGS_RE = re.compile(r"\b(?:proc|proceedings|conference|conf|symposium|sympos|symp|workshop|congress|meeting)\b")


def venue_match(a: Fingerprint, b: Fingerprint) -> bool:
    return _venues_compatible(a.journal, b.journal)


def _venues_compatible(a: str, b: str) -> bool:
    if a == b or a.startswith(b + " ") or b.startswith(a + " "):
        return True  # "microcirculation" vs "microcirculation conference …"
    if _PROCEEDINGS_RE.search(a) and _PROCEEDINGS_RE.search(b):
        return True  # "proc. stoc-93" and "25th annual acm symposium on theory of computing": too varied to tell apart
    return journals_alike(a, b)


def decide(a: Fingerprint, b: Fingerprint) -> Decision | None:
    """Duplicate (with the rule that fired), possible duplicate, or None for different works."""
    sim = _title_sim(a.title, b.title)
    authors = _authors_compatible(a, b)
    if a.doi and a.doi == b.doi:
        # One DOI: versions and database exports of one work differ in issue, pages or volume formatting, so
        # only what tells works apart counts here. Supplement-level DOIs are shared by different abstracts:
        # the title and the first author must agree too.
        pages_differ = bool(a.page and b.page and a.page != b.page and not (a.provisional_pages or b.provisional_pages))
        if authors is not False and (not a.title or not b.title or sim >= 0.80) and not pages_differ \
                and not (a.year and b.year and abs(a.year - b.year) > 1) and a.part == b.part and a.notice == b.notice:
            return Decision(True, "same DOI", max(sim, 0.9))
        return None
    if a.cochrane and a.cochrane == b.cochrane and authors is not False and (not a.title or not b.title or sim >= 0.8):
        return Decision(True, "same Cochrane review", max(sim, 0.9))  # updates of one review across the years
    why_not = veto(a, b)
    if why_not or authors is False:
        return None
    same_year = a.year is not None and a.year == b.year
    year_ok = a.year is None or b.year is None or abs(a.year - b.year) <= 1
    numbers = bool(a.volume and a.volume == b.volume and a.page and a.page == b.page)
    venue = bool(a.journal and b.journal)
    if a.pmid and a.pmid == b.pmid:
        if not a.title or not b.title or sim >= 0.80:
            return Decision(True, "same PMID", max(sim, 0.9))
        return None
    if a.title and b.title:
        if sim >= TITLE_SAME and year_ok and (same_year or venue or numbers) and (authors or numbers or same_year):
            if not same_year and not (venue or numbers or (a.doi_any and a.doi_any == b.doi_any)):
                return Decision(False, "same title, years one apart, venue unknown", sim)
            return Decision(True, "title + first author + year" if authors else "title + year", sim)
        if sim >= TITLE_CLOSE and numbers and year_ok:
            return Decision(True, "title + volume + page", sim)
        if numbers and same_year and authors and a.page_range and a.page_range == b.page_range \
                and not (a.journal and b.journal and not venue_match(a, b)):
            # The same first author, year, volume and page range: one article, its title printed in two
            # languages ("[Community-acquired …]" and "Estudio multicéntrico …"). Single pages are excluded:
            # one author's conference abstracts share them.
            return Decision(True, "first author + year + volume + page", 0.9)
        if sim >= TITLE_POSSIBLE and year_ok:
            return Decision(False, "similar title", sim)
        return None
    # A partial citation (no title on one side): the numbers must carry it.
    if numbers and same_year and venue and authors is not False:
        return Decision(True, "journal + year + volume + page", 0.9)
    return None
