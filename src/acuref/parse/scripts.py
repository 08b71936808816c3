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
from acuref.normalize.shapes import GBT_CODE_RE as _GBT_CODE_RE
from acuref.normalize.shapes import GBT_CODES
from acuref.normalize.text import CJK_RE as _CJK_RE
from acuref.normalize.text import split_label
from acuref.parse.japanese import read_japanese

_GBT_RE = re.compile(r"^(?P<authors>[^\[\]]+?)[.．]\s*(?P<title>[^\[\]]+?)\s*\[(?P<kind>"
                     + "|".join(GBT_CODES) + r")\]\s*[.．]?\s*(?P<rest>.*)$")
_GBT_TYPES = {"J": "article-journal", "M": "book", "C": "paper-conference", "D": "thesis", "R": "report",
              "S": "standard", "P": "patent", "N": "article-newspaper", "A": "chapter", "G": "book", "Z": "document",
              "EB/OL": "webpage", "J/OL": "article-journal", "M/OL": "book", "DB/OL": "dataset", "CP/OL": "software"}
# the journal runs to the year: "Flow, Turbulence and Combustion, 2016, 97(3): 811–827" keeps its own commas
_GBT_JOURNAL_RE = re.compile(r"^(?P<container>[^,，]+(?:[,，]\s*(?!\d{4}\b)[^,，]+){0,3}?)[,，]\s*(?P<year>\d{4})(?![\d-])(?:[,，]\s*(?P<volume>\d+))?"
                             r"(?:\s*[(（](?P<issue>[^)）]+)[)）])?(?:\s*[:：]\s*(?P<pages>[\de]+(?:\s*[-–]\s*\d+)?))?")
# "[C]//Editors. Proceedings of …. Place: Publisher, 2010: 1-12." (editors, if any, end in "eds" / "ed" / "编")
_GBT_PROC_RE = re.compile(r"^//\s*(?P<container>[^:：]+?)[.．]\s*(?:(?P<place>[^:：.,，]{1,60})[:：]\s*"
                          r"(?P<publisher>[^,，]{1,120})[,，]\s*)?(?P<year>\d{4})(?:\s*[:：]\s*"
                          r"(?P<pages>\d+(?:\s*[-–—]\s*\d+)?))?")
_EDITORS_RE = re.compile(r"^//\s*[^.．:：]{1,200}?(?:,\s*|\s)(?:eds?|编|主编)[.．]\s*")
_GBT_BOOK_RE = re.compile(r"^(?:(?P<edition>\d+\s*版)[.．]\s*)?(?P<place>[^:：,，]+)[:：]\s*(?P<publisher>[^,，]+)[,，]\s*"
                          r"(?P<year>\d{4})(?:\s*[:：]\s*(?P<pages>\d+(?:\s*[-–]\s*\d+)?))?")
_CYR_RE = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґЎў]")
# GOST's marks in any script: "Title / Responsibility // Journal. — 2017. — Vol. 8".
_GOST_MARK_RE = re.compile(r"\s//\s.{1,300}?[.,]\s[—–]\s")
_DASH = "[-–—]{1,2}"  # biblatex-gost sets its separator as two en dashes ("––")
# Names are matched one at a time from the start (no nested repetition: linear on any input).
# "Дж." (J.) is one initial written with two letters.
_GOST_NAME_RE = re.compile(r"((?=[А-ЯЁІЇЄҐЎA-ZÀ-ÖØ-ÞĀ-Ž])[^\W\d_]{2,30}(?:[-'’][^\W\d_]{1,30})?)\s+((?:(?:Дж|[А-ЯЁІЇЄҐЎA-Z])\.\s?){1,2}),?\s*")
_GOST_ARTICLE_RE = re.compile(r"^(?P<title>(?:[^/]|/(?!/)){1,400}?)\s*//\s*(?P<rest>.+)$")
_GOST_BOOK_RE = re.compile(r"^(?P<title>.{1,400}?)\.\s*(?:[-–—]{1,2}\s*)?(?:(?P<place>М\.|СПб\.|Л\.|[А-ЯЁІЇЄҐЎA-Z][\w-]{1,20}\.?)\s*:"
                           # "М.: Наука, 1979", and hand-typed "М., Наука, 1979" after a known city abbreviation only
                           # ("Вестн. Моск., Сер. биол., 1975" names a journal, not a city)
                           r"|(?P<city>(?:М|Л|СПб|К|Мн|Х)\.)\s*,)\s*(?P<publisher>[^,]{1,200}(?:,\s*[^,\d]{1,40})?),\s*(?P<year>\d{4})\.?")
_RESPONSIBILITY_RE = re.compile(r"\s/\s(?P<names>[^/]{1,300}?)(?=\s//\s|\.\s+[-–—]{1,2}\s|$)")
_INITIALS_FIRST_RE = re.compile(r"((?:[А-ЯЁІЇЄҐЎA-Z]\.\s?){1,2})\s*([А-ЯЁІЇЄҐЎA-Z][а-яёіїєґўa-z'’-]+(?:-[А-ЯЁІЇЄҐЎA-Z][а-яёіїєґўa-z]+)?)")
_OTHERS_RE = re.compile(r"\[(?:и\s+др|et\s+al)\.?\]|\bи\s+др\.|\bet\s+al\.")
_GOST_CONTAINER_RE = re.compile(r"^(?P<container>.{1,300}?)(?:\.\s*[-–—]{1,2}\s|\.\s+(?=\d{4}|[ТT]\.|Vol\.|№)|,\s+(?=\d{4}\b|№\s*\d|[ТT]\.\s*\d|Vol\.|\d{1,2}(?:[-–]\d{1,2})?\s+[^\W\d]+\s+\d{4})"
                                r"|\s[-–—]{1,2}\s+(?=[^\W\d][\w.-]{1,30},\s*\d{4}))")
_GOST_VOLUME_RE = re.compile(r"(?:\b[ТT]\.|\bVol\.|\bТом)\s*(\d+)")
_GOST_ISSUE_RE = re.compile(r"(?:№|\bN\b\.?|\b[Nn]o\.|Вып\.|\bIss\.)\s*(\d+(?:\s*[-–/]\s*\d+)?)")
_GOST_PAGES_RE = re.compile(r"(?:\b[СCс]\.|\bP\.|\bpp?\.)\s*(\d+(?:\s*[-–—]\s*\d+)?)")
_YEAR_RE = re.compile(r"\b(?:1[6-9]|20)\d\d\b")
# Links, access dates and medium marks: not part of any field the grammar reads ("URL: https://…" holds "//").
_GOST_NOISE_RE = re.compile(r"\[(?:Электронный ресурс|Electronic resource|Текст|Text)\]|\(\s*(?:дата обращения|"
                            r"дата обр\.|accessed|date of access)[^)]*\)|\b(?:URL|DOI)\s*:\s*\S+|\bhttps?://\S+", re.IGNORECASE)
MAX_LENGTH = 2000  # a longer string is no single reference in these styles


def read_script(text: str) -> dict[str, object] | None:
    """The fields of a GB/T 7714 or GOST reading of ``text`` (for :func:`acuref.parse.plain.finish`, which
    scores every rules reading the same way), or ``None`` when it is in neither form.

    Either style may be printed in Latin script too (a Chinese thesis citing English papers keeps its ``[J]`` codes;
    a Russian one keeps ``//`` and ``. —``), so the grammar is chosen by its marks as well as by the script."""
    s = " ".join(split_label(text.strip())[1].split())
    if len(s) > MAX_LENGTH:
        return None
    if _CJK_RE.search(s) or _GBT_CODE_RE.search(s):
        found = read_japanese(s) if "『" in s and not _GBT_CODE_RE.search(s) else None
        found = found if found is not None else _gbt(s)
        if found is not None or not _CYR_RE.search(s):
            return found
    if _CYR_RE.search(s) or _GOST_MARK_RE.search(s):
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
    authors, title = _names_off_title(m.group("authors"), m.group("title"))
    names, truncated = [], False
    for part in re.split(r"\s*[,，、;；]\s*", authors.strip()):
        if part in ("等", "et al", "et al.", "等人"):
            truncated = True
        elif part:
            names.append(Name(literal=part) if _CJK_RE.search(part) else _latin_name(part))
    fields: dict = {"type": _GBT_TYPES.get(kind, "document"), "author": tuple(names), "author_truncated": truncated,
                    "title": title.strip(), "language": "zh" if _CJK_RE.search(title) else None}
    rest = m.group("rest").strip()
    if rest.startswith("//"):  # a part of a whole: "[C]//Proceedings …", "[M]//Editor. Book …"
        rest = _EDITORS_RE.sub("//", rest, count=1)
        proc = _GBT_PROC_RE.match(rest)
        if proc:
            fields.update(container_title=proc.group("container").strip(), issued=Date(int(proc.group("year"))),
                          publisher_place=(proc.group("place") or "").strip() or None,
                          publisher=(proc.group("publisher") or "").strip() or None,
                          page=normalize_pages(proc.group("pages")) if proc.group("pages") else None)
            if kind == "M":
                fields["type"] = "chapter"
            _identifiers(s, fields)
            return fields
        rest = rest.lstrip("/ ")
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


# One GB/T name: 2-4 Chinese characters, or an upper-case family name with its initials ("HASTIE T", "TIBSHIRANI J R").
_GBT_NAME = r"(?:[\u3400-\u9fff]{2,4}|[A-Z][A-Z'’-]{1,30}(?:\s[A-Z]{1,2}){0,3}|等|et al)"
_GBT_NAME_RE = re.compile(_GBT_NAME)
_GBT_NEXT_NAME_RE = re.compile(rf"{_GBT_NAME}[.．]\s+(?=\S)")


def _names_off_title(authors: str, title: str) -> tuple[str, str]:
    """Names a style separates with full stops (``何勇. 石伟. 陈旭辉. 题名``: pandoc's GB/T CSL prints them so) run
    into what the grammar takes for the title: they go back to the authors while the authors read as names."""
    last = re.split(r"\s*[,，、;；]\s*", authors.strip())[-1]
    if not _GBT_NAME_RE.fullmatch(last):
        return authors, title
    while True:
        m = _GBT_NEXT_NAME_RE.match(title)
        if not m:
            return authors, title
        authors, title = f"{authors}, {m.group(0).strip(' .．')}", title[m.end():]


def _latin_name(part: str) -> Name:
    bits = part.split()
    if len(bits) > 1 and all(b.isupper() and len(b) <= 3 for b in bits[1:]):
        return Name(family=bits[0].title() if bits[0].isupper() else bits[0], given=" ".join(f"{b}." for b in bits[1:]))
    return Name(literal=part)


def _gost_authors(s: str) -> tuple[tuple[Name, ...], str]:
    """The names at the start of ``s`` (family name first) and the rest of the string."""
    names, pos = [], 0
    while len(names) < 50:
        m = _GOST_NAME_RE.match(s, pos)
        if not m:
            break
        names.append(Name(family=m.group(1), given=" ".join(m.group(2).split())))
        pos = m.end()
    return tuple(names), s[pos:]


def _responsibility(s: str) -> tuple[tuple[Name, ...], bool, str]:
    """The statement of responsibility (``/ И. А. Золотарев, П. П. Петров [и др.]``, initials first) before ``//``
    or ``. —``: its names, whether it ends in "and others", and the string without it."""
    m = _RESPONSIBILITY_RE.search(s)
    if not m or -1 < s.find("//") < m.start():  # after "//" a slash sets off the container's own publisher
        return (), False, s
    part = m.group("names")
    names = tuple(Name(family=n.group(2), given=" ".join(n.group(1).split())) for n in _INITIALS_FIRST_RE.finditer(part))
    return names, bool(_OTHERS_RE.search(part)), (s[:m.start()] + s[m.end():]).strip()


# A hand-typed list writes GOST's "//" as one slash: "Title. /Proceedings …", "Title / Journal: …". A statement of
# responsibility after a single slash starts with initials ("/ И. А. Золотарев") or is a name ("/ Николай Райновъ.",
# "/ Лишневский Э А."),
# a container with a word.
_ONE_SLASH_RE = re.compile(r"(?:(?<=[.\w»\"”)])\s?/|\s/\s?)(?!/)\s*(?=[А-ЯЁІЇЄҐA-Z][а-яёіїєґa-zА-ЯЁІЇЄҐA-Z]{2,})"
                           r"(?![А-ЯЁІЇЄҐA-Z][а-яёіїєґъa-z]+\s[А-ЯЁІЇЄҐA-Z][а-яёіїєґъa-z]+(?:[.,;]|$))"
                           r"(?![А-ЯЁІЇЄҐA-Z][а-яёіїєґъa-z]+\s+[А-ЯЁІЇЄҐA-Z](?:[.,\s]|$))")


# a list number printed without its full stop before the first name: "2 Воробей В. В., …"
_BARE_NUMBER_RE = re.compile(r"^\d{1,4}\s+(?=[А-ЯЁІЇЄҐ][а-яёіїєґ'’-]+\s+[А-ЯЁІЇЄҐ]\.)")


# A hand-typed Russian book: "Фамилия И.О. - «Заглавие», М., 1935 г.", "«Заглавие» – СПб: Издатель, 1874 – 623 с."
_QUOTED_BOOK_RE = re.compile(r"^[-–—]?\s*«(?P<title>[^«»]{2,400})»\s*(?:,\s*|[-–—]\s*)(?P<place>[А-ЯЁІЇЄҐ][^\W\d_]{0,20}\.?"
                             r"(?:-[А-ЯЁ][^\W\d_]{1,20})?)\s*(?::\s*(?P<publisher>[^,]{1,200}))?,\s*(?P<year>\d{4})\b")


def _gost(s: str) -> dict[str, object] | None:
    if "//" not in s and "/" in s and "://" not in s:
        s = _ONE_SLASH_RE.sub(" // ", s, count=1)
    s = _BARE_NUMBER_RE.sub("", s, count=1)
    authors, rest_all = _gost_authors(_GOST_NOISE_RE.sub(" ", s))
    stated, others, rest_all = _responsibility(rest_all)
    authors = authors or stated
    quoted = _QUOTED_BOOK_RE.match(rest_all) if "«" in rest_all else None
    if not authors and "//" not in rest_all and not quoted:
        return None
    fields: dict = {"author": authors, "author_truncated": others or bool(_OTHERS_RE.search(s[:40])),
                    "language": "ru" if _CYR_RE.search(s) else None}
    m = _GOST_ARTICLE_RE.match(rest_all)
    if quoted and not m:
        fields.update(type="book", title=quoted.group("title").strip(), publisher_place=quoted.group("place").strip(),
                      publisher=(quoted.group("publisher") or "").strip() or None, issued=Date(int(quoted.group("year"))))
    elif m:
        fields.update(type="article-journal", title=_title(m.group("title")), **_gost_part(m.group("rest")))
    else:
        b = _GOST_BOOK_RE.match(rest_all)
        if b:
            fields.update(type="book", title=_title(b.group("title")), publisher_place=b.group("place") or b.group("city"),
                          publisher=b.group("publisher").strip(), issued=Date(int(b.group("year"))))
        else:
            head = re.split(rf"\.\s+{_DASH}\s", rest_all, maxsplit=1)
            year = _YEAR_RE.search(head[1]) if len(head) > 1 else None
            if not authors or year is None:
                return None
            fields.update(type="webpage" if ids.find_url(s) else "book", title=_title(head[0]),
                          issued=Date(int(year.group(0))))
    _identifiers(s, fields)
    return fields


def _gost_part(rest: str) -> dict[str, object]:
    """``Journal. — 2017. — Т. 8, № 2. — С. 222–226.`` (after ``//``): the container and its numbers."""
    c = _GOST_CONTAINER_RE.match(rest)
    container, tail = (c.group("container"), rest[c.end():]) if c else (rest.split(". ")[0], rest)
    year = _YEAR_RE.search(tail)
    vol = _GOST_VOLUME_RE.search(tail)
    issue = _GOST_ISSUE_RE.search(tail)
    pages = _GOST_PAGES_RE.search(tail)
    return {"container_title": container.strip(" ."), "issued": Date(int(year.group(0))) if year else None,
            "volume": vol.group(1) if vol else None, "issue": issue.group(1) if issue else None,
            "page": normalize_pages(pages.group(1)) if pages else None}


# What kind of document it is, after the title: ": метод. вказівки до …", ". Навчальний посібник", ": учеб. пособие".
# Whole genre phrases only: "Лекции и очерки" or "методический подход к …" go on with the title.
_GENRE_TAIL_RE = re.compile(r"\s?[:.]\s+(?:(?:(?:учеб|навч|метод)(?:\.|[а-яіїє]+)[\s-]*){1,2}(?:пособие|посібник|указания|"
                            r"вказівки|рекомендац[іи]и?|рекомендації)|учебник|підручник|посібник|пособие|"
                            r"(?:курс|конспект)\s+лекц(?:ий|ій)|монографи[яі])(?![а-яіїє]).*$", re.DOTALL | re.IGNORECASE)


def _title(text: str) -> str:
    """A GOST title with its subtitle: ``Заглавие : подзаглавие`` → ``Заглавие: подзаглавие``; what kind of
    document it is (``: учеб. пособие``, ``. Навчальний посібник``) is not part of it."""
    return re.sub(r"\s+:\s+", ": ", _GENRE_TAIL_RE.sub("", text.strip(" .:;/")) or text.strip(" .:;/"))


def _identifiers(s: str, fields: dict) -> None:
    doi = ids.find_doi(s)
    if doi:
        fields["DOI"] = doi[0]
    url = ids.find_url(s)
    if url and not doi:
        fields["URL"] = url[0]
