"""Lines after a hard break that go on with the entry above instead of being a note on it or a new entry.

- :func:`title_after_source`: physics publication lists print an entry's source first and its title after a
  ``<br>`` (``I. Family, I. Other, Phys. Rev. E 55, 7090 (1997).<br><em>Title of the paper</em>.``); the line above
  is a whole reference by its marks but has no title, and the line below is one;
- :func:`link_word_label`: ``[DOI] https://doi.org/…`` below an entry is a link word in brackets, not a label;
- :func:`series_line`: a book series with its volume and pages on a line of its own;
- :func:`cjk_name_key` (from :mod:`acuref.read.cjk`): ``[张伟] 张伟, 李娜. …``, a first author's name as the key.
- :func:`doi_links`, :func:`doi_only`: a row of link words with a DOI (``PDF  Cite  https://doi.org/…``) under an
  entry gives the entry its DOI.
"""

from __future__ import annotations

import re

from acuref.normalize.shapes import split_authors
from acuref.read.cjk import cjk_name_key
from acuref.read.htmlmarks import LINK_WORDS_RE

__all__ = ["DOI_RE", "LINK_RE", "cjk_name_key", "doi_links", "doi_only", "link_word_label", "series_line",
           "title_after_source"]

# Authors, then only a venue, its volume, a page or article number and the year: "Phys. Rev. E 55, 7090 (1997)."
_SOURCE_ONLY_RE = re.compile(r"^(?:[A-ZÀ-Þ][\w.&' -]{0,60}?\s)?\d{1,4}[a-zA-Z]?\s?(?:\(\s?[\w/-]{1,9}\s?\))?,\s?"
                             r"[A-Za-z]?\d{1,7}(?:\s?[-–]\s?\d{1,7})?\s?\(\s?(?:1[89]|20)\d\d\s?\)\.?$"
                             # or an arXiv identifier as the source: "arXiv:1903.02904 [cs.DS] (2019)."
                             r"|^arXiv:\s?\d{4}\.\d{4,5}(?:v\d+)?(?:\s\[[\w.-]+\])?\s?\(\s?20\d\d\s?\)\.?$")

# A line that reads as the start of a title: a capital, words, no year, no link or identifier, no volume block.
_TITLE_START_RE = re.compile(r"^[\"“]?[A-ZÀ-ÞĀ-Ž][^\W\d_]+(?:\s[^\W_][\w'’:,-]*){1,}")
_NOT_TITLE_RE = re.compile(r"(?:1[5-9]|20)\d\d|https?://|www\.|\b10\.\d{4}|arXiv|\bdoi\b|\d{1,4}\s?\(\d|\d,\s?\d",
                           re.IGNORECASE)


def title_after_source(entry: str, line: str) -> bool:
    """``entry`` is authors and a source with no title, and ``line`` (after a break below it) starts a title."""
    if not _TITLE_START_RE.match(line) or _NOT_TITLE_RE.search(line):
        return False
    authors, rest, _ = split_authors(entry)
    return authors is not None and bool(_SOURCE_ONLY_RE.match(rest.strip()))


# The words a page prints as a link below an entry: "[DOI]", "[PDF]", "[arXiv]", "[リンク]", "[全文]".
_LINK_WORDS = frozenset("doi pdf url www link links html web arxiv pubmed pmc abstract preprint full text fulltext "
                        "slides code data online リンク 全文 链接 下载 ссылка pobierz".split())
_LINK_TOKEN_RE = re.compile(r"(?:https?://|www\.|doi:|10\.\d{4,9}/)\S*", re.IGNORECASE)


def link_word_label(label: str | None, rest: str) -> bool:
    """``[DOI] https://doi.org/…`` on a line below an entry: a link word in brackets, not an entry's label."""
    return bool(label) and label.strip().lower() in _LINK_WORDS and all(map(_LINK_TOKEN_RE.fullmatch, rest.split()))


# A series with its volume and pages on a line of its own: "Lecture Notes in Computer Science, vol 12341, pp 57-66".
_SERIES_LINE_RE = re.compile(r"^[A-ZÀ-Þ][\w .&'-]{2,80},\s(?:vol|Vol|Bd|t|т)\.?\s?\d{1,6},\s(?:pp?|S|s|с)\.?\s?\d")


def series_line(line: str) -> bool:
    """``line`` is a series, volume and pages that go on with the entry above (a chapter's book series)."""
    return bool(_SERIES_LINE_RE.match(line))


LINK_RE = re.compile(r"(?:https?://\S+|\bdoi:\s*\S+|\b10\.\d{4,9}/\S+)")
DOI_RE = re.compile(r"\b10\.\d{4,9}/")


def doi_links(s: str) -> bool:
    """A line of link words only, one of them the entry's DOI: it belongs to the entry above, not under it."""
    if "10." not in s or not DOI_RE.search(s):
        return False
    rest = LINK_WORDS_RE.sub(" ", LINK_RE.sub(" ", s))
    return not re.search(r"[^\W_]", rest)


def doi_only(s: str) -> str:
    """A line of link words (``Article  CrossRef  Google Scholar``) as the one thing of it the entry prints: its DOI."""
    return " ".join(m for m in LINK_RE.findall(s) if DOI_RE.search(m)) or s
