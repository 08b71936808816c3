"""Marks of Japanese, Chinese and GOST references that the shared citation shapes do not read.

The shared shapes (``normalize/shapes.py``) know Latin author lists and ``Journal 12(3): 45-67`` tails. A Japanese
list prints ``山田花子, 川口次郎 (2006) 題名.『誌名』25, 293-296``: names without spaces or initials, the journal in
『』, the title in 「」, full-width commas; a Chinese GB/T 7714 list marks the kind of work with ``[J]``/``[M]``; a
GOST list puts ``//`` before the container and `` – `` between areas. Extraction adds these marks to a
candidate's evidence (:func:`marks`), so such lists are judged as lists of references, not as text.
"""

from __future__ import annotations

import re

from acuref.normalize.shapes import CJK_PAGE_DASH
from acuref.normalize.shapes import GBT_CODE_RE as _GBT_CODE_RE
from acuref.normalize.vocabulary import YEAR

__all__ = ["appendix_heading", "cjk_author_date", "cjk_name_key", "marks"]

# Ideographs and kana without the middle dots ・ and ･ (U+30FB, U+FF65), which separate names: a name class that
# held them beside a separator that is one of them would split a run of "ア・ア・…" in exponentially many ways.
_HAN_KANA = r"\u3040-\u30fa\u30fc-\u30ff\u3400-\u9fff"

# A CJK personal name: two to six ideographs or kana; a katakana name with a middle dot ("マリア・ロペス") is read
# as two parts joined by the separator.
# One space (or full-width space) may part family and given name: "山田 花子", "山田\u3000花子".
_CJK_NAME = rf"(?:(?:[{_HAN_KANA}]{{1,4}}[ \u3000])?[{_HAN_KANA}]{{2,6}}|[{_HAN_KANA}]{{1,4}}[ \u3000][{_HAN_KANA}])"
# A romanised name, whole ("Hanako Yamada") or with initials ("Yamada H", "Yamada HK").
_LATIN_NAME = r"(?:[A-Z][a-z'’-]+(?:\s[A-Z][a-z'’-]+){1,2}|[A-Z][a-z'’-]+\s[A-Z]{1,2}\b)"

# The authors at the head of an entry, then the year in parentheses: "山田花子, 川口次郎 (2006)", "森下一郎編著 (2005)",
# "山田太郎・鈴木花子（1999）".
_HEAD_YEAR_RE = re.compile(
    rf"^(?:{_CJK_NAME}|{_LATIN_NAME})(?:\s?[,，、・･]\s?(?:{_CJK_NAME}|{_LATIN_NAME})){{0,12}}"
    rf"\s?(?:編著|編|著|監修|訳|他|ほか|等)?\s?[(（]\s?{YEAR}[a-z]?\s?[)）]")

# CJK authors ending in "等" after a separator ("张伟, 李娜, 等."), and CJK authors, then the year and a colon
# ("李娜, 2016: 题名"): author heads that the shared GB/T author shape does not read.
_HEAD_OTHERS_RE = re.compile(rf"^{_CJK_NAME}(?:\s?[,，、]\s?{_CJK_NAME}){{0,15}}\s?[,，、]\s?等\s?[.．]")
_HEAD_YEAR_COLON_RE = re.compile(rf"^{_CJK_NAME}(?:\s?[,，、]\s?{_CJK_NAME}){{0,15}}\s?[,，]\s?{YEAR}[a-z]?\s?[:：]")
# An entry whose last field is its year ("…. 某某登记中心: 2014SR000001. 2013."), as Chinese lists end one.
_YEAR_END_RE = re.compile(rf"[,，.．]\s?{YEAR}\s?[.．。]?$")
# A thesis named by its degree: "博士论文", "硕士学位论文", "修士論文", "кандидатская диссертация".
_THESIS_RE = re.compile(r"博士|硕士|碩士|修士|学位论文|卒業論文|диссертац")

# 『Journal or book』 and 「Title」, the Japanese quotation of a container and of a work inside it.
_BOOK_QUOTE_RE = re.compile(r"『[^』]{2,120}』")
_TITLE_QUOTE_RE = re.compile(r"「[^」]{2,200}」")

# Volume(issue), first-last after a container: "25, 293-296", "51(12), 1688-1689", "14(3), 12-18,(1984)",
# "第12巻第3号", "40巻8号", "12号".
_CJK_TAIL_RE = re.compile(r"(?:』|[\s,，])\s?\d{1,4}\s?(?:[(（]\s?\d{1,4}\s?[)）])?\s?[,，:：]\s?[pP]?\.?\s?\d{1,5}\s?" + CJK_PAGE_DASH + r"\s?\d{1,5}"
                          r"|』\s?\d{1,5}\s?" + CJK_PAGE_DASH + r"\s?\d{1,5}|第?\d{1,4}\s?巻\s?(?:第?\d{1,4}\s?号)?|\d{1,4}\s?号|\d{1,5}\s?[頁页]|pp?\.\s?\d{1,5}\s?[-–]\s?\d")


# GOST: "Title // Journal. – 2020. – Vol. 8. – P. 149-152.", "– М. : Наука, 1989. – 304 с."
_GOST_AREAS_RE = re.compile(rf"\s//\s?\S.{{2,200}}?\s[–—-]\s{YEAR}\b")
_GOST_AREA_RE = re.compile(rf"\.\s[–—]\s(?:(?:Vol|Т|Вып|No|№|P|С|S)\.?\s?\d|{YEAR}\b)")


def cjk_author_date(text: str) -> bool:
    """The text opens with CJK (or Latin full) names and then the year in parentheses, as Japanese
    publication lists print an entry's head."""
    return bool(_HEAD_YEAR_RE.match(text))


def marks(text: str) -> int:
    """Evidence for a reference from the marks of Japanese, Chinese (GB/T 7714) and GOST entries, 0 for text
    that has none."""
    score = 0
    if "(" in text or "（" in text:
        if cjk_author_date(text):
            score += 2
    if _HEAD_OTHERS_RE.match(text) or _HEAD_YEAR_COLON_RE.match(text):
        score += 2
        if _YEAR_END_RE.search(text) or _THESIS_RE.search(text):
            score += 1
    book = "『" in text and _BOOK_QUOTE_RE.search(text)
    if book:
        score += 2 if _TITLE_QUOTE_RE.search(text) else 1
    if "[" in text or "［" in text:
        if _GBT_CODE_RE.search(text):
            score += 2
    if score and _CJK_TAIL_RE.search(text):
        score += 2  # a volume and pages count beside another mark: alone, "12号" is any issue of anything
    if "//" in text and _GOST_AREAS_RE.search(text):
        score += 2
    elif " – " in text or " — " in text:
        if len(_GOST_AREA_RE.findall(text)) >= 2:
            score += 2
    return score


# An appendix after the list in the languages of this module: "附录：论文获取方式", "付録", "Приложение А",
# "Додаток Б", "Załącznik 1", "Aneks". What follows (databases, search tools, tables) is not the list.
_APPENDIX_RE = re.compile(r"^(?:附录|附錄|付録|приложени[ея]|додат(?:ок|ки)|załącznik|aneks)", re.IGNORECASE)
# Talks given, not works printed: "学会発表・招待講演", "口頭発表", "会议报告", "Доклады", "Доповіді", "Wystąpienia".
# (講演論文集, 講演予稿集 are printed proceedings, part of a list.)
_TALKS_RE = re.compile(r"^(?:学会発表|口頭発表|招待講演|講演(?!論文|予稿|集)|学术报告|会议报告|学術講演|доклады|выступления|доповіді|"
                       r"виступи|wystąpienia|referaty\s+na\s+konferencjach|prezentacje)", re.IGNORECASE)
_NAMES_REFERENCES_RE = re.compile(r"参考文献|引用文献|参考資料|文献目録|文献列表|литератур|источник|джерел|bibliograf|literatur", re.IGNORECASE)


def appendix_heading(text: str) -> bool:
    """A heading that opens an appendix or a list of talks (and does not itself name the references)."""
    return bool(_APPENDIX_RE.match(text) or _TALKS_RE.match(text)) and not _NAMES_REFERENCES_RE.search(text)


# "[张伟] 张伟, 李娜. 题名[J]…": the first author's name in brackets as the entry's key (a stray space inside).
_CJK_KEY_RE = re.compile(r"^\[\s?([\u3400-\u9fff\u3040-\u30ff]{2,6})\s?\]\s*(?=\S)")


def cjk_name_key(line: str) -> "re.Match[str] | None":
    """A CJK name in brackets heading ``line`` and repeated right after it as the first author: its key."""
    m = _CJK_KEY_RE.match(line)
    return m if m and line[m.end():].startswith(m.group(1)) else None
