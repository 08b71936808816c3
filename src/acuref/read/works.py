"""One printed entry holding several works, as physics styles print them (REVTeX's merged citations):
``[10] A. Author, Phys. Rev. D 53, 4886 (1996); Phys. Lett. B 411, 173 (1997); B. Other, ibid. 77, 5172
(1996).`` cut into one string a work, each with its authors (repeated where the entry names them once) and its
journal (where ``ibid.`` stands for it).

A cut is made only at ``; `` outside brackets, after a piece that ends as a work ends in these styles (a year
in parentheses, an arXiv identifier, a DOI) and before one that opens as a work (initials and a name, ``ibid.``,
or a journal with a volume), both holding a year: author lists set with semicolons never are.
"""

from __future__ import annotations

import re

from acuref.normalize.vocabulary import EARLY_YEAR
from acuref.read.pdf_entries import LABEL_RE

_INITIALS = r"(?:[A-Z][a-z]?\.[\s-]?){1,4}"
_NAME = rf"{_INITIALS}\s?[^\W\d_][\w'’-]*(?:\s[^\W\d_][\w'’-]*){{0,2}}"
_AUTHOR_RE = re.compile(rf"^(?:and\s+)?{_NAME}(?:\s+and\s+{_NAME})?(?:\s+et\s+al\.)?(?:\s+\([^()]*\))?$")
_WORK_END_RE = re.compile(rf"(?:\({EARLY_YEAR}[a-z]?\)|\[[\w.-]+\]|arXiv:\S+|\b10\.\d{{4,9}}/\S+)\.?$")
_WORK_START_RE = re.compile(rf"^(?:{_INITIALS}\s?[^\W\d_]|ibid\.|[A-Z][\w.]*(?:\s[A-Z][\w.]*)*\s[A-Z]?\s?\d+,\s)")
_LABEL_RE = re.compile(LABEL_RE.pattern + r"\s+")  # the PDF reader's labels, keys as long, and the space after
_IBID_RE = re.compile(r"\bibid\.", re.IGNORECASE)
_YEAR_RE = re.compile(rf"(?<!\d){EARLY_YEAR}(?!\d)")
_VOLUME_RE = re.compile(r",?\s+(?:[A-Z]\s?)?\d+,\s")


def split_works(text: str) -> list[str]:
    """The works of one printed entry, each a string as if printed alone (most entries: ``[text]``); the
    entry's label stays on the first."""
    if ";" not in text:  # the common case, on every entry of a PDF: nothing to walk
        return [text]
    m = _LABEL_RE.match(text)
    label, body = (m.group(0), text[m.end():]) if m else ("", text)
    pieces = _pieces(body)
    if len(pieces) == 1:
        return [text]
    out = [label + pieces[0]]
    authors, journal = _authors(pieces[0])
    for piece in pieces[1:]:
        if journal:  # "ibid." stands for the journal named last
            piece = _IBID_RE.sub(lambda _: journal, piece, count=1)
        own, own_journal = _authors(piece)
        if own:
            authors, journal = own, own_journal or journal
        elif authors:
            journal = _journal(piece) or journal
            piece = f"{authors}, {piece}"
        out.append(piece)
    return out


def _pieces(text: str) -> list[str]:
    """The text cut at every ``; `` where one work ends and another opens."""
    out, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0 and text[i + 1:i + 2].isspace():
            before, after = text[start:i].strip(), text[i + 1:].lstrip()
            if _WORK_END_RE.search(before) and _YEAR_RE.search(before) and _WORK_START_RE.match(after) \
                    and _YEAR_RE.search(after.split(";", 1)[0]):
                out.append(before)
                start = i + 1
    out.append(text[start:].strip())
    return [p for p in out if p]


def _authors(piece: str) -> tuple[str, str]:
    """The author list a piece opens with (``""`` if none) and the journal after it."""
    parts = re.split(r",\s+", piece)
    n = 0
    while n < len(parts) and _AUTHOR_RE.match(parts[n].strip()):
        n += 1
    if n == 0:
        return "", ""
    return ", ".join(parts[:n]), _journal(", ".join(parts[n:]))


def _journal(rest: str) -> str:
    """The journal a work's locator opens with: ``Phys. Rev. D`` of ``Phys. Rev. D 53, 4886 (1996)``."""
    m = _VOLUME_RE.search(" " + rest)
    if not m or m.start() == 0:
        return ""
    name = (" " + rest)[:m.start()].strip()
    return name if len(name) <= 80 and not _YEAR_RE.search(name) else ""
