"""Lists and runs without a heading: which list items and paragraph runs read as a reference list."""

from __future__ import annotations

import re
from typing import NamedTuple

from acuref.normalize.text import CJK_RE as _CJK_RE
from acuref.read.cjk import cjk_author_date
from acuref.read.judge import IDENT_RE, IN_LIST, PROSE, STANDALONE, YEAR_RE, evidence_of, has_core, judged
from acuref.read.segment import Unit
from acuref.read.wraps import TERMINAL_RE

RUN_MIN = 4


_CJK_STOPS = ("。", "．", "！", "？", "」", "』")


# An entry that opens with its authors and its date, as author-date styles set them: "Given Family (2019):",
# "Family, G., & Other, H. (2019).", "Family, Given. 2019.", "Given Family and Given Other (eds.) (2019):". The
# date is found first and the words before it are checked one by one (no nested repeats to backtrack over).
_HEAD_DATE_RE = re.compile(r"\s*\(\s*(?:1[5-9]|20)\d\d[a-z]?\s*\)\s*[:.,]|(?<=[.,])\s+(?:1[5-9]|20)\d\d[a-z]?\s*[:.,]")
_NAME_WORD_RE = re.compile(r"[A-ZÀ-ÞĀ-ŽА-ЯЁ][\w'’-]*\.?(?:[A-ZÀ-ÞĀ-Ž]\.)*|[a-z]{1,3}|and|und|&|et|e|y|i|и"
                           r"|\((?:eds?|hrsg|hg|hgg|éds?|coord|dir)\.?\)")


def author_date(text: str) -> bool:
    """The text opens with two to 24 name words (initials, particles, "and", "(eds.)") and then a year in
    parentheses or after a stop."""
    m = _HEAD_DATE_RE.search(text, 0, 240)
    if not m:
        return cjk_author_date(text)
    words = [w for w in re.split(r"[\s,;]+", text[:m.start()]) if w]
    if not 2 <= len(words) <= 24 or not words[0][:1].isupper():
        return False
    return all(_NAME_WORD_RE.fullmatch(w) for w in words)


def heading_like(u: Unit) -> bool:
    """Short, no sentence end, no year: a line that names what follows."""
    if u.heading:
        return True
    if (u.item and not u.bullet) or u.note:
        return False  # a note below an entry is never a heading, however short
    text = u.flat
    words = text.split()
    if text.endswith(_CJK_STOPS) or (_CJK_RE.search(text) and len(text) > 30):
        return False  # a sentence written without spaces: "…を調査。"
    return (0 < len(words) <= 8 and len(text) <= 70 and not TERMINAL_RE.search(text)
            and not YEAR_RE.search(text) and not IDENT_RE.search(text.lower()) and "," not in text)


class Member(NamedTuple):
    """A list item's place: its list (consecutive items, blank lines allowed), whether the list reads as a
    reference list, whether it numbers every item the same ("1.", as PubMed copies do), and its position."""

    group: list[Unit]
    good: bool
    ordinal: bool
    pos: int
    numbered: bool = False  # every item numbered, the numbers running on one by one (1, 2, 3 …)


def item_label(u: Unit, member: Member | None) -> str | None:
    """The item's printed label, or its position in a list that numbers every item the same."""
    return str(member.pos) if member is not None and member.ordinal else u.label


def groups(units: list[Unit | None]) -> dict[int, Member]:
    """Each list item (by id) → its :class:`Member`."""
    out: dict[int, Member] = {}
    current: list[Unit] = []

    def close() -> None:
        if not current:
            return
        labels = [u.label for u in current if u.label]
        ordinal = len(labels) > 1 and len(set(labels)) == 1
        if all(u.lines[0].work for u in current):
            good = True  # the rows of a table whose header names a title column and authors, a year or a venue
        elif len(current) == 1:
            good = evidence_of(current[0].flat) >= STANDALONE or bool(current[0].label)
        else:
            good = reference_list(current)
        group = list(current)
        numbered = len(group) > 2 and _consecutive([u.label for u in group])
        for pos, u in enumerate(group, start=1):
            out[id(u)] = Member(group, good, ordinal, pos, numbered)

    for u in units:
        if u is None or u.note:
            continue
        if u.item and not u.heading and _restarts(current, u):
            close()
            current = [u]
        elif u.item and not u.heading:
            current.append(u)
        else:
            close()
            current = []
    close()
    _lone_items(out)
    return out


def _lone_items(out: dict[int, Member]) -> None:
    """A list of one entry between reference lists (a paper under each topic heading of a page of papers):
    it reads as the lists beside it do when it plainly is an entry (as :func:`reference_list` counts one)."""
    order = list(dict.fromkeys(id(m.group) for m in out.values()))
    lists = {id(m.group): m for m in out.values()}
    # One such list taken lets the one beside it be taken too: a pass forward, then one back, reaches them all.
    for k in [*range(len(order)), *range(len(order) - 1, -1, -1)]:
        m = lists[order[k]]
        if m.good or len(m.group) != 1:
            continue
        u = m.group[0]
        if any(lists[order[j]].good for j in (k - 1, k + 1) if 0 <= j < len(order)) and has_core(u.flat) \
                and (evidence_of(u.flat) >= IN_LIST or author_date(u.flat)) and judged(u.flat) is None:
            lists[order[k]] = out[id(u)] = m._replace(good=True)


def _restarts(current: list[Unit], u: Unit) -> bool:
    """An item numbered 1 after items numbered on past it: a new list begins (a template of three lines, then
    the list itself), though Markdown may render both as one; a list that numbers every item "1." goes on."""
    if not current or u.label != "1":
        return False
    last = current[-1].label
    return bool(last and last.isdecimal() and int(last) > 1)


def _consecutive(labels: list[str | None]) -> bool:
    """Labels that are numbers running on one by one from the first."""
    if not all(lab and lab.isdecimal() for lab in labels):
        return False
    return [int(x) for x in labels] == list(range(int(labels[0]), int(labels[0]) + len(labels)))  # type: ignore[arg-type]


def reference_list(members: list[Unit]) -> bool:
    """A list (or run of paragraphs) is a reference list when most of its members could be references and
    a good share plainly are (a volume/pages block, an identifier, an author list and a year, authors and a
    date at the head)."""
    n = len(members)
    ok = sum(judged(u.flat) is None and (has_core(u.flat) or evidence_of(u.flat) >= 2) for u in members)
    if ok < 0.6 * n:
        return False
    numbered = _consecutive([u.label for u in members])
    need = 1 if numbered and n >= 2 and ok >= 0.75 * n else max(1, 0.2 * n if ok >= 0.7 * n else 0.3 * n)
    # Counted until enough are found: a list of 100,000 entries is not scored whole.
    strong = 0
    for u in members:
        if has_core(u.flat) and (evidence_of(u.flat) >= IN_LIST or author_date(u.flat)):
            strong += 1
            if strong >= need:
                return True
    return False


def runs(units: list[Unit | None]) -> set[int]:
    """Paragraphs in a run of at least three that could each be references and that together read as a
    reference list (a bare list with no heading)."""
    out: set[int] = set()
    run: list[Unit] = []

    def close() -> None:
        if len(run) >= RUN_MIN and reference_list(run):
            out.update(id(u) for u in run)

    for u in units:
        if u is None or u.note:
            continue
        if u.item and _restarts(run, u):
            close()
            run = []
        if not u.heading and u.flat and not heading_like(u) and judged(u.flat) != PROSE \
                and not u.lines[0].box:  # a container the markup names is judged as a whole (extract._Walk._box)
            run.append(u)
        else:
            close()
            run = []
    close()
    return out
