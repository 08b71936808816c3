"""A reader for Japanese references, whose grammar is in their quotation marks.

Japanese lists quote a work's title in 「」 and the journal or book it is in (or a book's own title) in 『』:

- ``山田花子, 川口次郎 (2006) 題名.『誌名』25, 293-296 (出版社)`` — authors, the year in parentheses, the title, then
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
from acuref.normalize.shapes import CJK_PAGE_DASH
from acuref.normalize.shapes import LINK_IN_TITLE_RE as _LINK_IN_TITLE_RE
from acuref.normalize.vocabulary import YEAR

__all__ = ["names_as_printed", "read_japanese"]

_YEAR = YEAR
# The authors before a year in parentheses: "山田花子, 川口次郎 (2006)", "森下一郎, 川口次郎編著 (2005)".
_HEAD_YEAR_RE = re.compile(rf"^(?P<authors>[^「『()（）]{{1,200}}?)\s?[(（]\s?(?P<year>{_YEAR})[a-z]?\s?[)）]\s?(?P<rest>.+)$")
# The authors touching the title's quotation mark: "森下一郎「題名」『誌名』…", "森下一郎編著『書名』…".
_HEAD_QUOTE_RE = re.compile(rf"^(?P<authors>[^「『()（）.．。]{{2,120}}?)\s?(?:(?P<year>{_YEAR})[a-z]?\s?)?(?=[「『])(?P<rest>.+)$")
_TITLE_QUOTE_RE = re.compile(r"^「(?P<title>[^」]{1,300})」\s?(?P<rest>.*)$")
_CONTAINER_RE = re.compile(r"『(?P<container>[^』]{1,200})』")
# "題名. 編者, 編者編" touching a book's 『』: the chapter's title, then the book's editors (a role word with a stop
# before 『, "近代編.『叢書』", is part of the title).
_EDITORS_TAIL_RE = re.compile(r"^(?P<title>.+?)[.．。]\s*(?P<editors>[^.．。]{2,120}?)(?:編著|編集|編|監修)$")
# An editor's name as printed: CJK letters (one space inside at most) or a Latin name.
_EDITOR_NAME_RE = re.compile(r"[\u3040-\u30fa\u30fc-\u30ff\u3400-\u9fff]{1,8}(?:[ \u3000][\u3040-\u30fa\u30fc-\u30ff\u3400-\u9fff]{1,8})?"
                             r"|[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}")
_ROLE_RE = re.compile(r"\s?(?:編著|編集|共編|編|監修|監訳|著|訳)$")
_SEP_RE = re.compile(r"\s?[,，、;；]\s?|\s?・\s?(?=[\u3400-\u9fff])|\s+and\s+|\s?&\s?")
# After the container: "25, 293-296", "51(12), 1688-1689", "14(3), 12-18,(1984)", "第12巻第3号, 45-67", "239-258".
_VOLUME_PAGES_RE = re.compile(r"^\s?(?:(?:vol\.\s?|第)?(?P<vol>\d{1,4}[a-zA-Z]?)\s?(?:巻)?\s?(?:[(（]\s?(?P<iss>[\w/-]{1,10})\s?[)）]|第?(?P<iss2>\d{1,4})\s?号|,\s?no\.\s?(?P<iss3>\d{1,4}))?"
                              r"\s?(?:[,，:：]|(?=\s?pp?\.))\s?)?(?:pp?\.\s?)?(?P<pages>\d{1,6}(?:\s?" + CJK_PAGE_DASH + r"\s?\d{1,6})?)(?![\d年月号巻])")
_VOLUME_ONLY_RE = re.compile(r"^\s?(?:vol\.\s?(\d{1,4})|第?(\d{1,4})\s?巻)")
_YEAR_RE = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_JAPANESE_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_KANA_RE = re.compile(r"[\u3040-\u30ff]")
# A publisher after the numbers: "(緑風社)", or a book's "青葉書房，(2001)".
_PUBLISHER_RE = re.compile(r"^[\s,.;]*(?:\((?P<bracketed>[^()\d]{2,40})\)|(?P<bare>[^\s()\d,.;。][^()\d,.;。]{1,39})(?=[\s,.;。(]|$))")


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
    box = _container(rest)
    if box is None:
        return None
    before, after = rest[:box.start()].strip(" .．。,，"), rest[box.end():]
    quoted = _TITLE_QUOTE_RE.match(before)
    title = _LINK_IN_TITLE_RE.sub("", quoted.group("title") if quoted else before).strip()  # a linked title's address
    editors = _EDITORS_TAIL_RE.match(title) if not quoted and rest[:box.start()] == rest[:box.start()].rstrip(" .．。,，") else None
    if editors and all(_EDITOR_NAME_RE.fullmatch(n.literal or "") for n in names_as_printed(editors.group("editors"))):
        title = editors.group("title")
    else:
        editors = None
    # Japanese only with kana: Chinese text quotes a journal in 『』 too, and detection names its language.
    fields: dict = {"author": names_as_printed(authors)}
    if _KANA_RE.search(s):
        fields["language"] = "ja"
    if not title:  # the 『』 is the book itself
        fields.update(type="book", title=box.group("container"))
    else:
        fields.update(title=title.strip(), container_title=box.group("container").strip())
    tail = unicodedata.normalize("NFKC", after)
    tail = tail[_numbers(tail, fields):]
    publisher = _PUBLISHER_RE.match(tail)
    if publisher:
        fields["publisher"] = (publisher.group("bracketed") or publisher.group("bare")).strip()
    if "type" not in fields:
        fields["type"] = "article-journal" if fields.get("volume") else "chapter" if editors or fields.get("page") else "article"
    found = year or _last_year(unicodedata.normalize("NFKC", after)) or _last_year(unicodedata.normalize("NFKC", s))
    fields["issued"] = Date(int(found)) if found else None
    return fields


def names_as_printed(text: str) -> tuple[Name, ...]:
    """Each name as printed; a role word after the last one ("編著", "編") is not part of it."""
    names = []
    for part in _SEP_RE.split(_ROLE_RE.sub("", text.strip(" ,，"))):
        part = _ROLE_RE.sub("", part.strip())
        if part in ("他", "ほか", "等", "et al", "et al."):
            continue
        if part:
            names.append(Name(literal=part))
    return tuple(names)


def _container(rest: str) -> "re.Match[str] | None":
    """The 『』 that holds the container: after a 「」 title (which may quote a work in 『』 itself), and of several,
    the first with a volume or pages after it ("『源氏物語』の研究.『国文学』12(3)" is in 国文学)."""
    start = rest.find("」") + 1 if rest.startswith("「") else 0
    boxes = list(_CONTAINER_RE.finditer(rest, start)) or list(_CONTAINER_RE.finditer(rest))  # 「」 nested in 「」
    numbered = [b for b in boxes if _VOLUME_PAGES_RE.match(unicodedata.normalize("NFKC", rest[b.end():b.end() + 40]))]
    return (numbered or boxes or [None])[0]


def _numbers(after: str, fields: dict) -> int:
    """The volume, issue and pages printed right after the container; where they end in ``after``."""
    m = _VOLUME_PAGES_RE.match(after)
    if not m:
        v = _VOLUME_ONLY_RE.match(after)  # "vol.3 出版社", "第12巻"
        if v:
            fields["volume"] = v.group(1) or v.group(2)
        return v.end() if v else 0
    issue = m.group("iss") or m.group("iss2") or m.group("iss3")
    if m.group("vol") and (issue or not re.fullmatch(_YEAR, m.group("vol"))):  # "『誌名』2010, 87-100": a year
        fields["volume"] = m.group("vol")
        fields["issue"] = issue
    pages = m.group("pages")
    if pages and not (not m.group("vol") and re.fullmatch(_YEAR, pages)):
        fields["page"] = normalize_pages(pages.replace("ｰ", "-"))
    return m.end()


def _last_year(text: str) -> str | None:
    """The last year printed in ``text``."""
    years = _YEAR_RE.findall(text)
    return years[-1] if years else None
