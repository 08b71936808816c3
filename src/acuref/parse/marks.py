"""The marks a printed reference puts on its title and container: quotation marks and emphasis.

Styles set one of the two apart: a chapter or article title in quotes (``"Title", Journal``, « Titre », „Titel“,
‘Title’) and the book, journal or site in italics, which a Markdown or wiki source writes as ``_Journal_``,
``*Journal*`` and a web page as ``<i>``/``<em>``. The parser reads the string without the emphasis markers; its
reading is then checked against the marks: a quoted span is the title, an emphasised span after it the container,
and an emphasised span that opens a title read too long is the title of a book or page, the rest its container.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from acuref.model import Reference
from acuref.normalize.names import parse_name
from acuref.normalize.pages import normalize_pages
from acuref.normalize.shapes import LINK_IN_TITLE_RE as _LINK_IN_TITLE_RE
from acuref.normalize.text import letters_key
from acuref.parse.japanese import names_as_printed

_QUOTED_RE = re.compile(r"“([^“”]{6,400}?)”|«\s?([^«»]{6,400}?)\s?»|„([^„“”]{6,400}?)[“”]"
                        r"|(?<![\w\"])\"([^\"]{6,400}?)\"(?!\w)|(?<!\w)‘([^‘’]{6,400}?)’(?=[\s,.;:)]|$)")
_EMPHASIS_RE = re.compile(r"(?<![\w*])\*\*?(?=\S)([^*\n]{2,300}?)(?<=\S)\*\*?(?![\w*])"
                          r"|(?<![\w_])__?(?=\S)([^_\n]{2,300}?)(?<=\S)__?(?![\w_])"
                          r"|<(?:i|em)>([^<]{2,300}?)</(?:i|em)>|\\(?:textit|emph)\{([^{}]{2,300})\}", re.IGNORECASE)
_EMPHASIS_MARKS_RE = re.compile(r"(?<![\w*])\*\*?(?=\S)|(?<=\S)\*\*?(?![\w*])|(?<![\w_])__?(?=\S)|(?<=\S)__?(?![\w_])"
                                r"|</?(?:i|em)>|\\(?:textit|emph)\{|(?<=\S)\}(?=[\s.,;:]|$)", re.IGNORECASE)
_EDGE = " .,;:"


class Marks(NamedTuple):
    """The spans a string quotes and emphasises, the string without emphasis markers, and whether the last quoted
    span is followed by the numbers of a journal (Italian and some Spanish styles quote the journal:
    ``Title. «Archivio storico italiano», 150 (1992)``)."""

    quoted: tuple[str, ...]
    emphasised: tuple[str, ...]
    plain: str
    container_quoted: bool = False
    corner: tuple[str | None, str | None, str, str] = (None, None, "", "")  # 「title」, 『work』, after, before


def read_marks(text: str) -> Marks:
    """The quoted and emphasised spans of ``text`` (in order) and ``text`` with the emphasis markers removed."""
    quoted = tuple(next(g for g in m.groups() if g).strip(_EDGE) for m in _QUOTED_RE.finditer(text)) \
        if any(q in text for q in "\"“«„‘") else ()
    emphasised: tuple[str, ...] = ()
    plain = text
    if "_" in text or "*" in text or "<" in text or "\\" in text:
        emphasised = tuple(next(g for g in m.groups() if g).strip(_EDGE) for m in _EMPHASIS_RE.finditer(text))
        if emphasised:
            plain = _EMPHASIS_MARKS_RE.sub("", text)
    quoted = tuple(q for q in quoted if len(q.split()) >= 2)
    journal = bool(quoted) and bool(re.search(r"[»”]\s*,\s*(?:\w{1,4}\.\s*)?\d", text)) and \
        bool(re.search(r"\.\s*[«“]", text))  # "Title. «Journal», 150": the quotes follow a finished title
    corner = read_corners(text) if "「" in text or "『" in text else (None, None, "", "")
    return Marks(quoted, tuple(e for e in emphasised if e), plain, journal, corner)


# Japanese corner brackets: 「an article or chapter」 and 『the journal or book』 (a 『work』 may sit inside 「」).
_CORNER_TITLE_RE = re.compile(r"「((?:[^「」『』]|『[^『』]{1,100}』){2,300})」")
_CORNER_WORK_RE = re.compile(r"『([^『』]{2,200})』")


def _inside_words(text: str, m: "re.Match[str]") -> bool:
    """Brackets with letters right before and after them quote a phrase inside a longer name
    (``特定研究「湿地データ」地域ワークショップ``), they do not set off a title."""
    before, after = text[m.start() - 1: m.start()], text[m.end(): m.end() + 1]
    return bool(before and after and re.match(r"[^\W\d_]", before) and re.match(r"[^\W\d_]", after))


def read_corners(text: str) -> tuple[str | None, str | None, str, str]:
    """The 「title」 and the 『work』 after it (or a 『book』 alone) of a Japanese reference, the text after them and
    the text before them. A string that opens with 「」 names no author before it: there the brackets are part of a
    longer title."""
    t = _CORNER_TITLE_RE.search(text)
    if t and (not text[: t.start()].strip() or _inside_words(text, t)):
        return None, None, "", ""
    w = _CORNER_WORK_RE.search(text, t.end() if t else 0)
    if t is None and (w is None or not text[: w.start()].strip() or _inside_words(text, w)):
        return None, None, "", ""
    start, end = (t or w).start(), (w or t).end()  # type: ignore[union-attr]
    return (t.group(1).strip() if t else None), (w.group(1).strip() if w else None), text[end:], text[:start]



_PLACE_ABBREVIATION_RE = re.compile(r"[^\W\d_]{1,4}\.?")  # "М.", "Л.", "СПб", "Kyiv"-length names are not


def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b) and letters_key(a) == letters_key(b)  # type: ignore[arg-type]


def mend_marks(ref: Reference, marks: Marks) -> Reference:
    """The reading put right where it contradicts the string's quotes and emphasis (see the module)."""
    if ref.container_title and ref.publisher_place and _same(ref.container_title, ref.publisher_place) and \
            _PLACE_ABBREVIATION_RE.fullmatch(ref.container_title.strip()):
        ref = replace(ref, container_title=None)  # "«Title», М., 1935": the place after the quotes is no container
    if marks.corner[0] or marks.corner[1]:
        if marks.corner[0] is None and ref.title and (_same(ref.container_title, marks.corner[1])
                                                      or f"『{marks.corner[1]}』" in ref.title):
            return ref  # "Authors (2006) Title.『Journal』25, 1-9": a title with no 「」 (perhaps quoting a 『work』)
        return corner_fields(ref, *marks.corner)
    if not ref.parsed or not (marks.quoted or marks.emphasised):
        return ref
    title = ref.title or ""
    if marks.quoted and marks.container_quoted:
        return _quoted_journal(ref, marks.quoted[-1])
    if marks.quoted:
        q = marks.quoted[0]
        tk, qk = letters_key(title), letters_key(q)
        if tk == qk:
            return _container_from(ref, marks, q)
        if not (tk.startswith(qk) or (len(tk) > 8 and qk.startswith(tk))):
            return ref  # a quotation inside the title ("… Nyamnjoh's ‘Beyond …’"), or the reading went elsewhere
        if tk.startswith(qk) and len(tk) > len(qk) and re.search(re.escape(q) + r"\s?[”\"»“’]\s*:\s", marks.plain):
            # '"Efficiency Space": A Framework for …': a quoted phrase opens the title, its subtitle follows
            for opener, closer in (('"', '"'), ("“", "”"), ("«", "»"), ("„", "“"), ("‘", "’")):
                if title.count(closer) % 2 == 1 and not title.startswith(opener) and closer in title:
                    return replace(ref, title=opener + title)
            return ref
        ref = replace(ref, title=q)  # the title ran on past its closing quote, or stopped inside it
        if ref.container_title and letters_key(ref.container_title) in qk:
            ref = replace(ref, container_title=None)
        return _container_from(ref, marks, q)
    e = marks.emphasised[0]
    if not title or _same(title, e) or letters_key(e) == letters_key(ref.container_title or ""):
        return ref
    flat, ek = letters_key(title), letters_key(e)
    if ek.startswith(flat) and len(flat) >= 0.5 * len(ek):
        return replace(ref, title=e)  # the parser cut an emphasised title short at an inner full stop
    if flat.startswith(ek):
        rest = title[_prefix_length(title, e):].strip(_EDGE + "?!-–—")
        changes: dict = {"title": e}
        if rest and not ref.container_title and len(rest.split()) <= 12:
            changes["container_title"] = rest
        return replace(ref, **changes)
    if flat.endswith(ek) and not ref.container_title:
        head = title[: len(title) - _suffix_length(title, e)].strip(_EDGE)
        if head:
            return replace(ref, title=head, container_title=e)
    return ref


_CORNER_VOLUME_RE = re.compile(r"^\s*(?:vol\.\s*(\d+)|(\d+)\s*巻|(\d+)(?=\s*,\s*no\.))", re.IGNORECASE)
_CORNER_ISSUE_RE = re.compile(r"(?:\bno\.\s*(\d+)|(\d+)\s*号)", re.IGNORECASE)
_CORNER_PAGES_RE = re.compile(r"(?:\bpp?\.\s*|:\s*)(\d+\s*[-–]\s*\d+|\d+)")


_CORNER_NAMES_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]{2,8}(?:\s*[、・,]\s*[\u3040-\u30ff\u3400-\u9fff]{2,8}){0,5}")


def corner_fields(ref: Reference, title: str | None, work: str | None, after: str, before: str = "") -> Reference:
    """The reading put right by Japanese corner brackets: 「title」 with 『work』 as its container, or 『a book』 as the
    title; the volume, issue and pages printed right after them (``vol.3``, ``34, no. 3: 71–104``, ``40巻8号``); the
    names printed before them (``森下一郎『…』``) when the reading has no author."""
    changes: dict = {"parsed": True} if not ref.parsed else {}
    names = before.strip(" .,()（）0-9年")
    if not ref.author and _CORNER_NAMES_RE.fullmatch(names):
        changes["author"] = names_as_printed(names)  # a katakana name's middle dot does not split it
    if title:
        title = _LINK_IN_TITLE_RE.sub("", title).strip() or title  # a linked title prints its address
        changes.update(title=title, container_title=work)
    else:
        changes["title"] = work
        if ref.container_title and "『" in ref.container_title:
            changes["container_title"] = None
    head = after[:80]
    v, i, p = _CORNER_VOLUME_RE.search(head), _CORNER_ISSUE_RE.search(head), _CORNER_PAGES_RE.search(head)
    messy = (lambda value: not value or not re.fullmatch(r"[\w\-–]{1,20}", value) or "『" in value)  # noqa: E731
    if title and v and messy(ref.volume):
        changes["volume"] = next(g for g in v.groups() if g)
    if title and i and messy(ref.issue):
        changes["issue"] = next(g for g in i.groups() if g)
    if p and messy(ref.page):
        changes["page"] = normalize_pages(p.group(1))
    if ref.container_title_short and "container_title" in changes:
        changes["container_title_short"] = None
    return replace(ref, **changes)


def _quoted_journal(ref: Reference, journal: str) -> Reference:
    """The quoted span is the journal: whatever reading took it for the title, or ran the title into it, is put
    right (the title is the sentence before it, which may have been read into the author or the container)."""
    jk = letters_key(journal)
    parts = [ref.title or "", ref.container_title or ""]
    if ref.author and ref.author[0].literal and ". " in ref.author[0].literal:
        head, rest = ref.author[0].literal.split(". ", 1)
        ref = replace(ref, author=(parse_name(head),) + ref.author[1:])
        parts.insert(0, rest)
    for part in parts:
        cut = re.split(r"\.?\s*[«“]", part, maxsplit=1)[0].strip(_EDGE) if part else ""
        if cut and letters_key(cut) != jk and jk not in letters_key(cut):
            return replace(ref, title=cut, container_title=journal, type="article-journal")
    return replace(ref, container_title=journal) if letters_key(ref.title or "") != jk else ref


def _container_from(ref: Reference, marks: Marks, quoted: str) -> Reference:
    """After a quoted title, the first emphasised span that is not the title is the container."""
    for e in marks.emphasised:
        if not _same(e, quoted) and letters_key(e) not in letters_key(quoted):
            ek, ck = letters_key(e), letters_key(ref.container_title or "")
            if not ck or ck in ek or ek in ck:
                return replace(ref, container_title=e)
            break
    return ref


def _prefix_length(text: str, span: str) -> int:
    """Characters of ``text`` that hold ``span`` at its start (compared as letters and digits)."""
    want, n = len(letters_key(span)), 0
    for i, ch in enumerate(text):
        if letters_key(ch):
            n += 1
            if n == want:
                return i + 1
    return len(text)


def _suffix_length(text: str, span: str) -> int:
    """Characters of ``text`` that hold ``span`` at its end."""
    return _prefix_length(text[::-1], span[::-1])
