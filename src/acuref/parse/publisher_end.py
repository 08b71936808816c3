"""A mend pass: a publisher read with the month or the place printed after it ends before them.

``Carl Hanser Verlag München`` is the publisher ``Carl Hanser Verlag`` in ``München``; ``National Credit Office
(March`` ends before the month.  Only a name after a publisher's word (and at least one word before that word:
``Verlag Hans Huber`` is one name) is a place, and never a word that names a firm or a department
(``Academic Press Limited``, ``Stanford University, Computer Science``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from acuref.model import Reference
from acuref.normalize.vocabulary import MONTHS, PUBLISHER_WORDS_RE

_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
# run with search on a right-stripped name: it opens on the bracket or comma, never on spaces (linear)
_MONTH_END_RE = re.compile(rf"[,(]\s*(?:{_MONTH_WORDS})\.?$", re.IGNORECASE)
# "University of Waterloo, Waterloo, Ontario" (a university's place only after a comma: "Universität Heidelberg"
# is the publisher's name)
_PLACE = r"(?P<place>[A-ZÀ-Þ][a-zß-ÿ]+(?:[ -][A-ZÀ-Þ][a-zß-ÿ]+)?(?:,\s*[A-ZÀ-Þ][a-zß-ÿ]+)?)"
_PLACE_END_RE = re.compile(r"(?P<pub>(?:\S.*\s\S*|\S+-)\b(?:Verlag|Press|Publishers|Publishing|Inc\.?|Ltd\.?|GmbH|Co\.)"
                           r"(?:,\s*|\s+)|.*\b(?:University|Université|Universität)(?:\s+of\s+[A-ZÀ-Þ][\w-]+)?,\s*)" + _PLACE)
# what follows a firm's or a university's name without being a place: the firm's own words, an academic unit
_NOT_A_PLACE_RE = re.compile(r"\b(?:Company|Corporation|Corp|Limited|Syndicate|Trust|Partners|Associates|Publishers?|"
                             r"Group|Media|Editions?|Éditions|Science|Sciences|Studies|Engineering|Department|School|"
                             r"Faculty|Institute|Laboratory|Library|Centre|Center|Division|College)\b")


def publisher_end(ref: Reference) -> Reference:
    """The reading with its publisher cut before a trailing month, then before a trailing place (the place is
    the place where none was read)."""
    pub = (ref.publisher or "").rstrip()
    m = _MONTH_END_RE.search(pub)
    if m and m.start() > 2:
        pub = pub[: m.start()].rstrip()
        ref = replace(ref, publisher=pub)
    if ref.publisher_place:
        return ref
    m = _PLACE_END_RE.fullmatch(pub)
    if not m or PUBLISHER_WORDS_RE.search(m.group("place")) or _NOT_A_PLACE_RE.search(m.group("place")):
        return ref
    return replace(ref, publisher=m.group("pub").rstrip(" ,"), publisher_place=m.group("place"))


__all__ = ["publisher_end"]
