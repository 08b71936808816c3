"""How much a string looks like a reference: the score extraction decides with, from shapes shared with the parser."""

from __future__ import annotations

from acuref.normalize import identifiers as ids
from acuref.normalize.names import DEGREE_RE
from acuref.normalize.shapes import (
    BOOK_RE,
    PAGES_WORD_RE,
    REGISTRATION_RE,
    split_authors,
    split_degree_authors,
    tails,
)
from acuref.normalize.text import clean, split_label
from acuref.normalize.vocabulary import PUBLISHER_WORDS_RE, YEAR_ANY_RE


def evidence(text: str) -> int:
    """How much ``text`` looks like a reference: a small additive score used by extraction.

    identifiers +3/+2, a volume/pages block +3, a year +1, an author list at the start +2,
    ``et al.`` +1, place: publisher +2, ``pp.`` +1; a trial registration alone −3, long prose −2.
    """
    s = clean(text)
    if len(s) < 8:
        return 0
    score = 0
    low = s.lower()
    if "10." in s and ids.find_doi(s):
        score += 3
    if "pmid" in low or "pmc" in low and ids.find_pmcid(s):
        score += 2
    if tails(s):
        score += 3
    if YEAR_ANY_RE.search(s):
        score += 1
    label, body = split_label(s)
    if split_authors(body)[0] is not None or (DEGREE_RE.search(s) and split_degree_authors(s)):
        score += 2
    if "et al" in low:
        score += 1
    book = BOOK_RE.search(s)
    if book and PUBLISHER_WORDS_RE.search(book.group("publisher")):
        score += 2
    elif book:
        score += 1
    if PAGES_WORD_RE.search(s):
        score += 1
    if REGISTRATION_RE.search(s) and score < 6:
        score -= 3
    if len(s.split()) > 90:
        score -= 2
    return score
