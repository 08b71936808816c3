"""Publication cards: a work's title set as a heading, its authors and its venue and year in the blocks below it.

Academic homepages and project pages often give each publication a small card rather than a list entry: the
title as an ``<h3>`` (or a Markdown ``###``), then a line of authors, then the venue and year, then an abstract and
link buttons. Read block by block the title is a heading and the authors and venue lines are fragments, so the
work would be lost. A heading followed (within three blocks) by a line that is only an author list and a line
with a year is one entry: title, authors, venue and year joined in that order. A topic subheading over a list of
whole references is not a card: a block under it that is a reference of its own, or a list item, stops it.
"""

from __future__ import annotations

import re

from acuref.normalize.names import is_author_list
from acuref.normalize.shapes import split_authors
from acuref.read.judge import has_core
from acuref.read.sections import is_end_heading, is_reference_heading
from acuref.read.segment import Unit
from acuref.read.wraps import TERMINAL_RE

__all__ = ["cards"]

_MARKS_RE = re.compile(r"[*†‡§¶#✉]+|\(\s*equal contribution\s*\)", re.IGNORECASE)
_MAX_BLOCK = 400  # characters: an authors or venue line, not an abstract


def _authors_only(text: str) -> bool:
    """A line that is nothing but a list of names ("Ann Roe*, Tom Poe, Li Wu"), footnote marks aside."""
    names = _MARKS_RE.sub("", text).strip(" .;")
    return 0 < len(names) <= _MAX_BLOCK and is_author_list(names)


def _whole_reference(text: str) -> bool:
    """A block that is a reference by itself: an author list, then a title, then a year or identifier."""
    authors, rest, _ = split_authors(text)
    return authors is not None and len(rest.split()) >= 3 and has_core(text)


def _title(u: Unit) -> bool:
    text = u.flat
    return (2 <= u.heading <= 6 and 2 <= len(text.split()) <= 40 and not is_reference_heading(text)
            and not is_end_heading(text))


def _card(units: list[Unit | None], i: int) -> int:
    """How many units after the heading at ``i`` make a card with it (0: none)."""
    authors = year = False
    taken = seen = 0
    for k in range(i + 1, min(len(units), i + 7)):
        u = units[k]
        if u is None:
            continue
        seen += 1
        if seen > 3 or u.heading or u.item or len(u.flat) > _MAX_BLOCK or _whole_reference(u.flat):
            break
        authors = authors or _authors_only(u.flat)
        year = year or has_core(u.flat)
        if authors and year:
            return k - i
        taken += 1
    return 0


def cards(units: list[Unit | None]) -> list[Unit | None]:
    """The units with each publication card joined into one list entry."""
    out: list[Unit | None] = []
    i = 0
    while i < len(units):
        u = units[i]
        span = _card(units, i) if u is not None and u.heading and _title(u) else 0
        if not span:
            out.append(u)
            i += 1
            continue
        parts = [p for p in units[i:i + span + 1] if p is not None]
        texts = []
        for p in parts:
            text = _MARKS_RE.sub("", p.flat).strip() if p is not parts[0] else p.flat
            texts.append(text if TERMINAL_RE.search(text) else text + ".")
        out.append(Unit([line for p in parts for line in p.lines], item=True, texts=texts))
        i += span + 1
    return out
