"""How much a string looks like a reference: the score extraction decides with, from shapes shared with the parser."""

from __future__ import annotations

import re

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
from acuref.read import cjk


# "Retrieved", "Zugriff am", "consulté le": a web reference's access note.
ACCESS_RE = re.compile(  # searched in lower-cased text (IGNORECASE is slow on long paragraphs)
    r"\b(?:accessed|retrieved|last\s+visited|abgerufen|abruf|zugriff|zugegriffen|consulté|geraadpleegd|bezocht|"
    r"consultado|visitado|citado|consultato|dostęp|data\s+dostępu|дата\s+обращения|accesso)\b")


_URL_RE = re.compile(r"\bhttps?://|\bwww\.\w")  # lower case, likewise


# "Amsel, Karin: Titel", "Brenner, P.; Ott, L.: Titel": a German humanities author list before a colon.
_NAME_COLON_RE = re.compile(
    r"^[A-ZÀ-ÞĀ-Ž][\w'’-]+(?:\s(?:von|van|de|der|den|du|da|di|zu|le|la)){0,2}(?:[ -][A-ZÀ-ÞĀ-Ž][\w'’-]+)?,"
    r"\s*[A-ZÀ-ÞĀ-Ž][\w.'’ -]{0,30}?(?:\s*(?:[;/]|\bu\.|\bund\b)\s*[^:;/]{2,40}?){0,6}"
    r"(?:\s*\((?:Hg|Hrsg|Ed|Eds|éd|dir|red|ed)\.?\))?\s*:\s+\S")


# GOST (Russian): "Гисин, В. Б." / "Дейт К. Дж." authors, "– М.: Вильямс, 2014", "– 208 с."
# Japanese and Chinese authors: names of two to five characters, separated by commas, ending with a stop.
_CJK_AUTHORS_RE = re.compile(r"^[\u4e00-\u9fff\u3040-\u30ff]{2,5}(?:\s?[,，、・]\s?[\u4e00-\u9fff\u3040-\u30ff]{2,5}){0,15}"
                             r"\s?(?:[.．:：]|\s?(?:et\s+al|等)\.?)")
_CYRILLIC_AUTHOR_RE = re.compile(r"^[А-ЯЁ][а-яё-]+,?\s+[А-ЯЁ]\.\s?(?:[А-ЯЁ][а-яё]?\.)?")
# "Hamburg: Seeverlag 2011", "Kassel: Mühlenbund, 2004": place, colon, publisher, year (no stop before it).
_PLACE_PUBLISHER_RE = re.compile(r"\b[A-ZÀ-Þ][\w'’-]+(?:/[A-ZÀ-Þ][\w'’-]+)?\s?:\s?[A-ZÀ-Þ][^:;.()]{1,60}?,?\s(?:1[5-9]|20)\d\d\b")
# "…, London: Weidenfeld & Nicolson.", "…, Berlin: J. B. Metzler.": a book's imprint as its last field, no year after it.
_IMPRINT_END_RE = re.compile(r"[,.]\s+[A-ZÀ-Þ][\w'’-]+(?:[ /-][A-ZÀ-Þ][\w'’-]+)?\s?:\s?[A-ZÀ-Þ][\w&'’ .-]{1,50}\.?\s*$")
_GOST_PLACE_RE = re.compile(r"[–—-]\s*[А-ЯЁA-Z][\w.-]{0,15}\.?\s*:\s*[^,]{2,60},\s*\d{4}")
# "Title (2015), G. Hinton et al.", "Title (2014) J. Bergstra and Y. Bengio": the authors after the title and year,
# as paper lists on code-hosting sites set them out.
_INITIALS_NAME = r"(?:[A-Z]\.\s?(?:-?[A-Z]\.\s?)?){1,3}[A-Z][\w'’-]+"
_AUTHORS_AFTER_RE = re.compile(r"\(\s*(?:1[5-9]|20)\d\d[a-z]?\s*\)[,.:]?\s+" + _INITIALS_NAME
                               + r"(?:\s+et\s+al\b|,?\s+(?:and|&)\s+" + _INITIALS_NAME + ")?"
                               # "Title. A. Tern, B. Gull. Venue 2017", "[Title](url) - L. Corvo et al., CVPR 2019"
                               r"|(?:[.:;]|\s[-–—])\s+" + _INITIALS_NAME + r"(?:\s+et\s+al\b|(?:,\s*|,?\s+(?:and|&)\s+)"
                               + _INITIALS_NAME + ")")
# A title in quotation marks after the authors (IEEE, MLA, Chicago notes, French « »): ', "Title" ', '. «Titre» '.
_QUOTED_TITLE_RE = re.compile(r"[,.:]\s+[\"“„«‘][^\"“”„«»]{8,200}[\"”»’“]")
_PAGE_COUNT_RE = re.compile(r"(?<!\w)\d{1,5}\s*(?:с|стр|S|p|pp|pages|Seiten|str)\.(?=\s|$|[,;)])")


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
    doi = "10." in s and bool(ids.find_doi(s))
    if doi:
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
    if PAGES_WORD_RE.search(s) or _PAGE_COUNT_RE.search(s):
        score += 1
    score += _web_and_local(s, low, body, doi, bool(book))
    if REGISTRATION_RE.search(s) and score < 6:
        score -= 3
    if len(s.split()) > 90:
        score -= 2
    return score


def _web_and_local(s: str, low: str, body: str, doi: bool, book: bool) -> int:
    """Marks of web references (a URL, an access note) and of local styles the shared shapes do not read:
    German "Name, Vorname: Titel" authors and GOST authors and imprints."""
    score = 0
    if not doi and _URL_RE.search(low):
        score += 1  # a web page's address (a DOI link already counted as a DOI)
    if ACCESS_RE.search(low):
        score += 2
    if _NAME_COLON_RE.match(body) or _CYRILLIC_AUTHOR_RE.match(body) or _CJK_AUTHORS_RE.match(body):
        score += 2
    elif _AUTHORS_AFTER_RE.search(s):
        score += 2
    if _QUOTED_TITLE_RE.search(s):
        score += 1
    score += cjk.marks(s)  # Japanese 「」『』, GB/T 7714 [J], GOST // and –: see read/cjk.py
    if _GOST_PLACE_RE.search(s) or (not book and (_PLACE_PUBLISHER_RE.search(s) or _IMPRINT_END_RE.search(s))):
        score += 2
    return score
