"""A reader for Japanese references, whose grammar is in their quotation marks.

Japanese lists quote a work's title in 「」 and the journal or book it is in (or a book's own title) in 『』:

- ``金城玲, 西川建 (2006) 題名.『誌名』25, 293-296 (出版社)`` — authors, the year in parentheses, the title, then
  the container with its volume and pages;
- ``山田太郎「題名」『誌名』14(3), 12-18, (1984)．`` — the authors touching the title's quotation mark;
- ``題名. 編者編『書名』87-100 (出版社)`` — a chapter, with the book's editors before its title;
- ``山田太郎・鈴木花子編著『書名』出版社，(1989)．`` — a whole book, its title in 『』.

Names are kept whole as printed (a Japanese name has no given/family split to make); full-width digits and
punctuation are read as their ASCII twins for the numbers only, and titles keep what was printed.
"""

from __future__ import annotations

import re
import unicodedata

from acuref.model import Date, Name
from acuref.normalize.pages import normalize_pages

__all__ = ["read_japanese"]

_YEAR = r"(?:1[5-9]|20)\d\d"
# The authors before a year in parentheses: "金城玲, 西川建 (2006)", "五條堀孝, 菅原英明編著 (2005)".
_HEAD_YEAR_RE = re.compile(rf"^(?P<authors>[^「『()（）]{{1,200}}?)\s?[(（]\s?(?P<year>{_YEAR})[a-z]?\s?[)）]\s?(?P<rest>.+)$")
# The authors touching the title's quotation mark: "金本良嗣「題名」『誌名』…", "金本良嗣編著『書名』…".
_HEAD_QUOTE_RE = re.compile(rf"^(?P<authors>[^「『()（）.．。]{{2,120}}?)\s?(?:(?P<year>{_YEAR})[a-z]?\s?)?(?=[「『])(?P<rest>.+)$")
_TITLE_QUOTE_RE = re.compile(r"^「(?P<title>[^」]{1,300})」\s?(?P<rest>.*)$")
_CONTAINER_RE = re.compile(r"『(?P<container>[^』]{1,200})』")
# "題名. 編者, 編者編" before a book's 『』: the chapter's title, then the book's editors.
_EDITORS_TAIL_RE = re.compile(r"^(?P<title>.+?)[.．。]\s*(?P<editors>[^.．。]{2,120}?)(?:編著|編集|編|監修)$")
_ROLE_RE = re.compile(r"\s?(?:編著|編集|共編|編|監修|監訳|著|訳)$")
_SEP_RE = re.compile(r"\s?[,，、;；]\s?|\s?・\s?(?=[\u3400-\u9fff])|\s+and\s+|\s?&\s?")
# After the container: "25, 293-296", "51(12), 1688-1689", "14(3), 12-18,(1984)", "第12巻第3号, 45-67", "239-258".
_VOLUME_PAGES_RE = re.compile(r"^\s?(?:(?:vol\.\s?|第)?(?P<vol>\d{1,4}[a-zA-Z]?)\s?(?:巻)?\s?(?:[(（]\s?(?P<iss>[\w/-]{1,10})\s?[)）]|第?(?P<iss2>\d{1,4})\s?号|,\s?no\.\s?(?P<iss3>\d{1,4}))?"
                              r"\s?(?:[,，:：]|(?=\s?pp?\.))\s?)?(?:pp?\.\s?)?(?P<pages>\d{1,6}(?:\s?[-–―－~〜ｰ]\s?\d{1,6})?)(?![\d年月号巻])")
_VOLUME_ONLY_RE = re.compile(r"^\s?(?:vol\.\s?(\d{1,4})|第?(\d{1,4})\s?巻)")
_YEAR_RE = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_LINK_RE = re.compile(r"\s?https?://\S+")
_JAPANESE_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def read_japanese(s: str) -> dict[str, object] | None:
    """The fields of ``s`` read as a Japanese reference with 『』 (and perhaps 「」), or None for another shape."""
    if "『" not in s or not _JAPANESE_RE.search(s):
        return None
    year = None
    head = _HEAD_YEAR_RE.match(s)
    if head:
        authors, year, rest = head.group("authors"), head.group("year"), head.group("rest")
    else:
        head = _HEAD_QUOTE_RE.match(s)
        if not head:
            return None
        authors, year, rest = head.group("authors"), head.group("year"), head.group("rest")
    box = _CONTAINER_RE.search(rest)
    if box is None:
        return None
    before, after = rest[:box.start()].strip(" .．。,，"), rest[box.end():]
    quoted = _TITLE_QUOTE_RE.match(before)
    title = _LINK_RE.sub("", quoted.group("title") if quoted else before).strip()  # a linked title's address
    editors = _EDITORS_TAIL_RE.match(title)
    if editors:
        title = editors.group("title")
    fields: dict = {"author": _names(authors), "language": "ja"}
    if not title:  # the 『』 is the book itself
        fields.update(type="book", title=box.group("container"))
    else:
        fields.update(title=title.strip(), container_title=box.group("container").strip())
    _numbers(unicodedata.normalize("NFKC", after), fields)
    if "type" not in fields:
        fields["type"] = "article-journal" if fields.get("volume") else "chapter" if editors or fields.get("page") else "article"
    found = year or _last_year(unicodedata.normalize("NFKC", after)) or _last_year(unicodedata.normalize("NFKC", s))
    fields["issued"] = Date(int(found)) if found else None
    return fields


def _names(text: str) -> tuple[Name, ...]:
    """Each name as printed; a role word after the last one ("編著", "編") is not part of it."""
    names = []
    for part in _SEP_RE.split(_ROLE_RE.sub("", text.strip(" ,，"))):
        part = _ROLE_RE.sub("", part.strip())
        if part in ("他", "ほか", "等", "et al", "et al."):
            continue
        if part:
            names.append(Name(literal=part))
    return tuple(names)


def _numbers(after: str, fields: dict) -> None:
    """The volume, issue and pages printed right after the container."""
    m = _VOLUME_PAGES_RE.match(after)
    if not m:
        v = _VOLUME_ONLY_RE.match(after)  # "vol.3 出版社", "第12巻"
        if v:
            fields["volume"] = v.group(1) or v.group(2)
        return
    if m.group("vol"):
        fields["volume"] = m.group("vol")
        fields["issue"] = m.group("iss") or m.group("iss2") or m.group("iss3")
    pages = m.group("pages")
    if pages and not (not m.group("vol") and re.fullmatch(_YEAR, pages)):
        fields["page"] = normalize_pages(pages.replace("ｰ", "-"))


def _last_year(text: str) -> str | None:
    years = _YEAR_RE.findall(text)
    return years[-1] if years else None
