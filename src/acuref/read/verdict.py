"""Inside a reference section or list: whether a candidate is taken, and why not; BibTeX records that repeat an entry.

A candidate is judged by its text (:func:`acuref.read.judge.judge`) and then by what stands around it: the markup
that names its container a bibliography, the header of a table of works, a citation key as its label, a numbered
list it belongs to, a quoted title it opens with, a footnote container whose notes may be remarks.
"""

from __future__ import annotations

import re

from acuref.model import Skipped, Source
from acuref.normalize.shapes import split_authors
from acuref.normalize.text import letters_key
from acuref.read.htmlmarks import link_words_only
from acuref.read.judge import (ABOUT_LIST, BARE_LINK, IN_LIST, NAME_FAMILY, NO_YEAR, PROSE, evidence_of, has_core,
                              is_note_not_citation, judged, opens_a_sentence)
from acuref.read.lists import Member
from acuref.read.segment import Unit

__all__ = ["bibtex_twins", "run_together", "undated_entry", "verdict"]


# What an entry of a bibliography the markup names may lack and still cite a work.
_SURE_NOT = frozenset({NO_YEAR, BARE_LINK, "too short to be a reference"})


_WORD_RE = re.compile(r"[^\W_]{2,}")


_URL_RE = re.compile(r"(?:https?://|www\.|doi:\s*)\S+|\b10\.\d{4,9}/\S+")


# A citation key (letters, maybe digits): "Knuth", "OEIS", "RFC2119"; not a footnote number or mark.
_KEY_LABEL_RE = re.compile(r"[A-Za-zÀ-ž][\w.+:-]{1,39}")


# A title set in quotation marks: 『…』, 「…」, « … », or two words or more in "…" / “…” / „…“.
_TITLE_MARKS_RE = re.compile(r"[『「][^』」]{2,}[』」]|«[^»]{3,}»|[\"“„]\w+[^\"”“]*\s[^\"”“]*\w[\"”“]")


# A document type code of GB/T 7714 and the Japanese lists that borrow it: "[J]" journal, "[M]" book, "[EB/OL]".
_TYPE_CODE_RE = re.compile(r"[\[［](?:[JMCDRSPNZGAＪＭ]|EB/OL|DB/OL|J/OL|M/OL)[\]］]")


# A title in the quotation marks Japanese and Russian set titles in: 『…』, «…».
_BOOK_MARKS_RE = re.compile(r"『[^』]{2,}』|«[^»]{3,}»")


# An item that opens with its title in quotation marks, two words or more: '"Birds of the Marsh" by …', '「題」'.
_QUOTED_HEAD_RE = re.compile(r"[\"“„«‘]\w[^\"“”„«»‘’]{0,150}?\s[^\"“”„«»‘’]{0,150}?\w[\"”»’“]|[『「][^』」]{2,}[』」]")


# An entry that opens with a name written family name first and then its title, with no date printed: "Amsel,
# Karin. The Herons of the Marsh.", "Roe, J. Rooks at Dusk." (a book list that gives no years).
_INVERTED_HEAD_RE = re.compile(r"(?P<name>" + NAME_FAMILY + r",\s+(?:[A-ZÀ-ÞĀ-Ž](?:[a-zà-ÿ'’-]+|\.))"
                               r"(?:[ -][A-ZÀ-ÞĀ-Ž](?:[a-zà-ÿ'’-]+|\.)){0,2})(?:(?<=\.)|[.:])\s+[\"“«]?[A-ZÀ-ÞĀ-Ž0-9][\w'’-]*"
                               r"(?:\s+\S+)+")


# Words a sentence to the reader has and a title seldom does: "Write to us …", "Our library is open …".
_SAYS = frozenset("is are was were to us our we you your can will may".split())


def _says(text: str) -> bool:
    """Text after a name that is a sentence (to the reader, about a place), not a title."""
    words = text.rstrip(".!").split()
    if opens_a_sentence(text):
        return True
    return len(words) >= 4 and all(w[:1].islower() for w in words[1:]) and any(w.lower() in _SAYS for w in words)


def undated_entry(text: str) -> bool:
    """An entry with no date that still plainly cites a work: a family name first, then a title."""
    if len(text) > 300:
        return False
    head = _INVERTED_HEAD_RE.match(text)
    if head:
        return not _says(text[head.end("name"):].lstrip(" .:"))
    authors, rest, _ = split_authors(text)  # "I I Family and C G Other, Title of the report, Unpublished report"
    return authors is not None and len(_WORD_RE.findall(rest)) >= 4


def verdict(u: Unit, member: Member | None = None) -> str | None:
    """Inside a section or a reference list: ``None`` to take the unit, else why not."""
    reason = judged(u.flat) if u.flat else "empty entry"
    if reason is None and link_words_only(_URL_RE.sub(" ", u.flat)):
        return "a line of links (Paper, Code, BibTeX), not an entry"
    if reason in _SURE_NOT and (u.lines[0].sure or u.lines[0].work) and len(_WORD_RE.findall(u.flat)) >= 2:
        return None  # an entry of a bibliography the markup names, a row of a table of works: it cites a work
    if reason in (None, ABOUT_LIST) and u.lines[0].box and not u.lines[0].sure and (
            is_note_not_citation(u.flat)):
        return "a note, not a reference"  # a footnote that says something rather than cites something
    if reason == NO_YEAR and _KEY_LABEL_RE.fullmatch(u.label or "") and len(u.flat.split()) >= 3:
        return None  # "[Knuth] The Art of Computer Programming": a citation key names the work it cites
    if reason == BARE_LINK and u.label and _WORD_RE.search(_URL_RE.sub(" ", u.flat)):
        return None  # "[10] Basho. Riak. https://…": a numbered entry that is a web page (an address alone names none)
    if reason == NO_YEAR and member is not None and member.good and member.numbered \
            and (_TITLE_MARKS_RE.search(u.flat) or _TYPE_CODE_RE.search(u.flat)):
        return None  # an entry of a numbered reference list with no date printed: "7. 『Title』 Author", "… [J] …"
    if reason == NO_YEAR and _BOOK_MARKS_RE.search(u.flat) and len(u.flat) <= 400 and not opens_a_sentence(u.flat):
        return None  # "山田太郎『物の研究』岩波書店", "Иванов И. «Вещи». М.: Наука": a title in book quotes
    if reason == NO_YEAR and undated_entry(u.flat):
        return None  # "Amsel, Karin. The Herons of the Marsh.": a book list that prints no years
    if reason in (NO_YEAR, PROSE) and u.item and _QUOTED_HEAD_RE.match(u.flat):
        return None  # '"Title" by Author. What the book is good for …': an annotated entry, its title first
    return reason


_BIBTEX_RE = re.compile(r"\s*@[a-zA-Z]+\s*\{")
_BIBTEX_TITLE_RE = re.compile(r"\btitle\s*=\s*[{\"]\s*\{?([^{}\"]{4,})", re.IGNORECASE)
_NEAR = 40  # lines: a page prints an entry's BibTeX right above or below it


def bibtex_twins(sources: list[Source]) -> tuple[list[Source], list[Skipped]]:
    """A BibTeX record printed beside the entry it repeats ("Cite as: …" and its BibTeX) is that entry again:
    it goes to the skipped list; a BibTeX record alone is kept (it is the page's only form of the work)."""
    records = [bool(_BIBTEX_RE.match(s.raw)) for s in sources]
    if not any(records):
        return sources, []
    keys: dict[int, str] = {}  # each entry's letters, made once and only for entries near a record

    def printed_beside(k: int, key: str) -> bool:
        for j, o in enumerate(sources):
            if j != k and not records[j] and abs(o.line - sources[k].line) <= _NEAR:
                if j not in keys:
                    keys[j] = letters_key(o.raw)
                if key in keys[j]:
                    return True
        return False

    kept: list[Source] = []
    skipped: list[Skipped] = []
    for k, src in enumerate(sources):
        title = _BIBTEX_TITLE_RE.search(src.raw) if records[k] else None
        key = letters_key(title.group(1)) if title else ""
        if key and printed_beside(k, key):
            skipped.append(Skipped(" ".join(src.raw.split()), src.line, src.end_line,
                                   "the BibTeX record of an entry printed beside it", raw=src.raw, label=src.label))
            continue
        kept.append(src)
    return kept, skipped


# Where one reference ends and the next begins inside one paragraph: a stop, then "Family, I." or "Family, Given"
# with a year soon after ("… 1-10. Jones, K. (2002). …").
_RUN_CUT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÞĀ-Ž][\w'’-]+(?:[ -][A-ZÀ-ÞĀ-Ž][\w'’-]+)?,\s+(?:(?:[A-Z]\.\s?-?){1,3}|"
                        r"[A-ZÀ-ÞĀ-Ž][a-zà-ÿ]+\b)[^.]{0,80}?\(?(?:1[5-9]|20)\d\d)")


def run_together(text: str) -> list[str]:
    """References a page ran together in one paragraph, each a whole reference of its own; else the text."""
    if len(text) < 120 or "\n" in text:
        return [text]
    parts = [p.strip() for p in _RUN_CUT_RE.split(text)]
    if len(parts) < 2 or not all(has_core(p) and evidence_of(p) >= IN_LIST and judged(p) is None for p in parts):
        return [text]
    return parts
