"""Readers for the two national styles outside Latin script that have a fixed grammar.

- **GB/T 7714** (Chinese): ``作者, 作者, 等. 题名[J]. 刊名, 年, 卷(期): 页码.`` — the bracketed type code
  (``[J]`` journal, ``[M]`` book, ``[C]`` proceedings, ``[D]`` thesis, ``[R]`` report, ``[S]`` standard,
  ``[P]`` patent, ``[N]`` newspaper, ``[EB/OL]`` web page) says what follows.
- **GOST 7.1** (Russian and other Cyrillic): ``Фамилия И. О. Заглавие // Журнал. 2015. Т. 115, № 4. С. 45–49.``
  for articles and ``Фамилия И. О. Заглавие. М.: Издательство, 1973. 374 с.`` for books.

A CJK title is kept whole (no word splitting), and each name is kept as printed.
"""

from __future__ import annotations

import re

from acuref.model import Date, Name
from acuref.normalize import identifiers as ids
from acuref.normalize.dates import parse_date
from acuref.normalize.pages import normalize_pages
from acuref.normalize.text import CJK_RE as _CJK_RE

_GBT_RE = re.compile(r"^(?P<authors>[^\[\]]+?)[.．]\s*(?P<title>[^\[\]]+?)\s*\[(?P<kind>J|M|C|D|R|S|P|N|Z|A|G|"
                     r"EB/OL|J/OL|M/OL|DB/OL|CP/OL)\]\s*[.．]?\s*(?P<rest>.*)$")
_GBT_TYPES = {"J": "article-journal", "M": "book", "C": "paper-conference", "D": "thesis", "R": "report",
              "S": "standard", "P": "patent", "N": "article-newspaper", "A": "chapter", "G": "book", "Z": "document",
              "EB/OL": "webpage", "J/OL": "article-journal", "M/OL": "book", "DB/OL": "dataset", "CP/OL": "software"}
_GBT_JOURNAL_RE = re.compile(r"^(?P<container>[^,，]+)[,，]\s*(?P<year>\d{4})(?:[,，]\s*(?P<volume>\d+))?"
                             r"(?:\s*[(（](?P<issue>[^)）]+)[)）])?(?:\s*[:：]\s*(?P<pages>[\de]+(?:\s*[-–]\s*\d+)?))?")
_GBT_BOOK_RE = re.compile(r"^(?:(?P<edition>\d+\s*版)[.．]\s*)?(?P<place>[^:：,，]+)[:：]\s*(?P<publisher>[^,，]+)[,，]\s*"
                          r"(?P<year>\d{4})(?:\s*[:：]\s*(?P<pages>\d+(?:\s*[-–]\s*\d+)?))?")
_CYR_RE = re.compile(r"[А-Яа-яЁё]")
# Names are matched one at a time from the start (no nested repetition: linear on any input).
_GOST_NAME_RE = re.compile(r"([А-ЯЁA-Z][а-яёa-z'-]{1,30}(?:-[А-ЯЁ][а-яё]{1,30})?)\s+((?:[А-ЯЁA-Z]\.\s?){1,2}),?\s*")
_GOST_ARTICLE_RE = re.compile(r"^(?P<title>[^/]{1,400}?)\s*//\s*(?P<container>[^/]{1,300}?)\.\s*(?:[-–]\s*)?"
                              r"(?P<year>\d{4})\.?(?P<rest>.*)$")
_GOST_BOOK_RE = re.compile(r"^(?P<title>.{1,400}?)\.\s*(?:[-–]\s*)?(?P<place>М\.|СПб\.|Л\.|Киев|Минск|"
                           r"[А-ЯЁ][а-яё]{1,20})\s*:\s*(?P<publisher>[^,]{1,200}),\s*(?P<year>\d{4})\.?")
MAX_LENGTH = 2000  # a longer string is no single reference in these styles


def read_script(text: str) -> dict[str, object] | None:
    """The fields of a GB/T 7714 or GOST reading of ``text`` (for :func:`acuref.parse.plain.finish`, which
    scores every rules reading the same way), or ``None`` when it is in neither form."""
    s = " ".join(text.split())
    if len(s) > MAX_LENGTH:
        return None
    if _CJK_RE.search(s):
        return _gbt(s)
    if _CYR_RE.search(s):
        return _gost(s)
    return None


_CJK_BOOK_RE = re.compile(r"^(?P<authors>[^.．。]{1,40})[.．。]\s*(?P<title>[^.．。]+)[.．。]\s*(?P<rest>[^:：]+[:：].+)$")


def _gbt(s: str) -> dict[str, object] | None:
    m = _GBT_RE.match(s)
    if not m:
        # No type code: "山田太郎. 鍼灸治療の臨床研究. 東京: 医歯薬出版, 2005." reads as a book when its tail does.
        plain = _CJK_BOOK_RE.match(s)
        if not plain or not _GBT_BOOK_RE.match(plain.group("rest")):
            return None
        m = _GBT_RE.match(f"{plain.group('authors')}. {plain.group('title')}[M]. {plain.group('rest')}")
        if not m:
            return None
    kind = m.group("kind")
    names, truncated = [], False
    for part in re.split(r"\s*[,，、;；]\s*", m.group("authors").strip()):
        if part in ("等", "et al", "et al.", "等人"):
            truncated = True
        elif part:
            names.append(Name(literal=part) if _CJK_RE.search(part) else _latin_name(part))
    fields: dict = {"type": _GBT_TYPES.get(kind, "document"), "author": tuple(names), "author_truncated": truncated,
                    "title": m.group("title").strip(), "language": "zh" if _CJK_RE.search(m.group("title")) else None}
    rest = m.group("rest").strip()
    j = _GBT_JOURNAL_RE.match(rest) if kind in ("J", "J/OL", "N", "C") else None
    b = _GBT_BOOK_RE.match(rest) if j is None else None
    if j:
        fields.update(container_title=j.group("container").strip(), issued=Date(int(j.group("year"))),
                      volume=j.group("volume"), issue=j.group("issue"),
                      page=normalize_pages(j.group("pages")) if j.group("pages") else None)
    elif b:
        fields.update(publisher_place=b.group("place").strip(), publisher=b.group("publisher").strip(),
                      issued=Date(int(b.group("year"))), edition=b.group("edition"),
                      page=normalize_pages(b.group("pages")) if b.group("pages") else None)
    else:
        fields["issued"] = parse_date(rest)
    _identifiers(s, fields)
    return fields


def _latin_name(part: str) -> Name:
    bits = part.split()
    if len(bits) > 1 and all(b.isupper() and len(b) <= 3 for b in bits[1:]):
        return Name(family=bits[0].title() if bits[0].isupper() else bits[0], given=" ".join(f"{b}." for b in bits[1:]))
    return Name(literal=part)


def _gost_authors(s: str) -> tuple[tuple[Name, ...], str]:
    """The names at the start of ``s`` and the rest of the string."""
    names, pos = [], 0
    while len(names) < 50:
        m = _GOST_NAME_RE.match(s, pos)
        if not m:
            break
        names.append(Name(family=m.group(1), given=" ".join(m.group(2).split())))
        pos = m.end()
    return tuple(names), s[pos:]


def _gost(s: str) -> dict[str, object] | None:
    authors, rest_all = _gost_authors(s)
    if not authors:
        return None
    m = _GOST_ARTICLE_RE.match(rest_all)
    if m:
        rest = m.group("rest")
        vol = re.search(r"\b[ТT]\.\s*(\d+)", rest)
        issue = re.search(r"(?:№|N|Вып\.)\s*(\d+(?:[-–/]\d+)?)", rest)
        pages = re.search(r"\b[СC]\.\s*(\d+(?:\s*[-–]\s*\d+)?)", rest)
        fields: dict = {"type": "article-journal", "author": authors,
                        "title": m.group("title").strip(" ."), "container_title": m.group("container").strip(" ."),
                        "issued": Date(int(m.group("year"))), "volume": vol.group(1) if vol else None,
                        "issue": issue.group(1) if issue else None,
                        "page": normalize_pages(pages.group(1)) if pages else None, "language": "ru"}
    else:
        m = _GOST_BOOK_RE.match(rest_all)
        if not m:
            return None
        fields = {"type": "book", "author": authors, "title": m.group("title").strip(" ."),
                  "publisher_place": m.group("place"), "publisher": m.group("publisher").strip(),
                  "issued": Date(int(m.group("year"))), "language": "ru"}
    _identifiers(s, fields)
    return fields


def _identifiers(s: str, fields: dict) -> None:
    doi = ids.find_doi(s)
    if doi:
        fields["DOI"] = doi[0]
    url = ids.find_url(s)
    if url and not doi:
        fields["URL"] = url[0]
