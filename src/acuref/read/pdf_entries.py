"""Where a PDF bibliography's entries begin and what sits among them: labels, lines that open or end an entry,
lists set flush with or without gaps, and tables set inside a list (see :mod:`acuref.read.pdf_biblio`)."""

from __future__ import annotations

import re

from acuref.normalize.vocabulary import EARLY_YEAR
from acuref.read.pdf_layout import PLine

LABEL_RE = re.compile(r"^(?:\[([^\[\]]{1,60})\]|\((\d{1,4})\)|(\d{1,4})\.(?=\s|$)|(\d{1,4})(?=\s+\S))")
_ENTRY_START_RE = re.compile(rf"^[^\W\d_][\w'’ .-]{{1,40}},.{{0,80}}?(?<!\d){EARLY_YEAR}(?!\d)")
# What opens an entry of a list set flush without gaps: a capitalised name and a comma or full stop ("Le, Q.,",
# "Keras.", "European Commission. 2018."), and what ends the line before it: a full stop or the end of a URL.
_NAME_START_RE = re.compile(r"^(?:(?:van|von|de|der|den|del|della|di|du|da|le|la|dos|das|ten|ter) )*"
                            r"[^\W\d_a-z][\w'’-]*(?:[ -](?:(?:van|von|de|der|den|del|di|du|da|le|la) )*"
                            r"[^\W\d_a-z][\w'’-]*){0,3}[,.](?:\s|$)")
# A table's name in the languages acuref reads, for captions and for lists of the figures' sources.
_TABLE_WORDS = r"Tables?|Tab\.|Tabell[ae]n?|Tableaux?|Tablas?|Tabelas?|Tabel(?:len)?|Таблица"
_CAPTION_RE = re.compile(rf"^(?:{_TABLE_WORDS})\s+[A-Z]?\d+(?:\.\d+)*[.:]")
# The gap that parts two entries of a list set flush, against the list's own line step: biblatex in beamer
# adds a fifth of a line (\bibitemsep), other classes a half or a whole line.
WIDE_GAP = 1.15
# An author list broken before a family name: initials after "and" or "&" ("..., and W."), or after a comma on a
# line with no year yet ("Corvers, R., Aalders, P."); "Physical Review B." and "Washington, D.C., 2003." end entries.
_INITIAL_END_RE = re.compile(r"(?:\b(?:and|und|et)|&)\s+(?:[A-Z]\.-?){1,3}$")
_COMMA_INITIAL_END_RE = re.compile(r",\s+(?:[A-Z]\.-?){1,3}$")
_ANY_YEAR_RE = re.compile(rf"(?<!\d){EARLY_YEAR}(?!\d)")
_SENTENCE_END_RE = re.compile(r"(?:[.?!]\)?|\.[\d\w/-]*/[\w./#?=&%-]*)$")


def gap_above(flow: list[PLine], i: int) -> float:
    if i == 0 or flow[i - 1].page != flow[i].page or flow[i - 1].column != flow[i].column:
        return 99.0
    return flow[i - 1].y - flow[i].y


# A line naming a figure or table by its number: an entry of a list of the figures' sources ("Abbildungsquellen").
_FIGURE_RE = re.compile(rf"^(?:Abbildung(?:en)?|Abb\.|Figures?|Figs?\.|Figur[ae]s?|{_TABLE_WORDS}|"
                        r"Bild(?:er)?|Rysunek|Рис\.|Рисунок)\s+[A-Z]?\d+(?:\.\d+)*\b")


def credits_figure(text: str) -> bool:
    """A line opening with a figure's or table's number ("Abbildung 14.4 Foto ...", "Figure 3. Photo by ...")."""
    return bool(_FIGURE_RE.match(text))


def list_step(flow: list[PLine], idx: list[int], step: float) -> float:
    """The list's own line step: the document's, or, where the list is set tighter than the body text (a CV's
    or a thesis's bibliography in smaller leading), the distance most of its lines keep within an entry (the
    lower quartile, below the gaps between entries)."""
    gaps = sorted(g for g in (gap_above(flow, i) for i in idx[1:]) if 0 < g < 3 * flow[idx[0]].size)
    return min(step, gaps[len(gaps) // 4]) if len(gaps) >= 8 else step


def table_lines(flow: list[PLine], idx: list[int], step: float, typical: float) -> set[int]:
    """The lines of a table set inside the list (captioned at its top, ``Table B1.``): from its caption down to
    where the list goes on (a line opening an entry after a gap), and, if it spans the page, the lines beside it
    in the other columns."""
    out: set[int] = set()
    for n, i in enumerate(idx):
        line = flow[i]
        if not _CAPTION_RE.match(line.text) or (n and gap_above(flow, i) < 1.5 * step):
            continue
        band = [i]
        for k in idx[n + 1:]:
            if (flow[k].page, flow[k].column) != (line.page, line.column) or (
                    gap_above(flow, k) > 1.5 * step and starts_entry(flow[k], typical)):
                break
            band.append(k)
        low, high = min(flow[k].y for k in band) - 1, line.top + 1
        out.update(band)
        beside: dict[int, list[int]] = {}
        for k in idx:
            if flow[k].page == line.page and flow[k].column != line.column and low <= flow[k].y <= high:
                beside.setdefault(flow[k].column, []).append(k)
        for lines in beside.values():  # the table's other half: the column's text breaks where the table ends
            after = lines[-1] + 1
            if after >= len(flow) or flow[after].column != flow[lines[-1]].column or gap_above(flow, after) > 1.5 * step:
                out.update(lines)
    return out


def flush_mode(flow: list[PLine], idx: list[int], step: float, right: dict[tuple[int, int], float]) -> str:
    """How a list set flush parts its entries: by vertical gaps ("flush"), or, with next to no gaps, by a line
    opening like an entry after one that ends like one ("ragged"), when such lines are as many as a list of
    entries of a few lines each has (prose under a reference heading has next to none)."""
    wide = sum(1 for i in idx[1:] if WIDE_GAP * step < gap_above(flow, i) < 99)
    if wide >= max(2, 0.1 * len(idx)):
        return "flush"
    opens = sum(1 for a, b in zip(idx, idx[1:]) if ends_entry(flow[a], right) and _NAME_START_RE.match(flow[b].text))
    return "ragged" if opens >= max(3, 0.12 * len(idx)) else "flush"


def right_edges(flow: list[PLine], idx: list[int]) -> dict[tuple[int, int], float]:
    out: dict[tuple[int, int], float] = {}
    for i in idx:
        key = (flow[i].page, flow[i].column)
        out[key] = max(out.get(key, 0.0), flow[i].right)
    return out


def breaks_author_list(text: str) -> bool:
    """A line ending in initials that break an author list before the family name, so ending no entry."""
    return bool(_INITIAL_END_RE.search(text) or (_COMMA_INITIAL_END_RE.search(text) and not _ANY_YEAR_RE.search(text)))


def ends_entry(line: PLine, right: dict[tuple[int, int], float]) -> bool:
    """A line that may be an entry's last: it ends a sentence (or a URL), or stops short of the column's edge
    with a full stop inside its last words."""
    text = line.text.rstrip()
    short = line.right < right[(line.page, line.column)] - 3 * max(line.size, 1.0)
    sentence = bool(_SENTENCE_END_RE.search(text)) and not breaks_author_list(text)
    return sentence or (short and not text.endswith(("-", ",", ";", ":")))


def starts_entry(line: PLine, typical: float) -> bool:
    """A line in the list's type that opens an entry: a label, or a name and a year."""
    return not line.heading and abs(line.size - typical) <= 0.1 * typical and bool(
        label(line.text) or _ENTRY_START_RE.match(line.text))


def label(text: str) -> str | None:
    m = LABEL_RE.match(text)
    if not m:
        return None
    return next(g for g in m.groups() if g is not None)


def opens_entry(text: str) -> bool:
    """A line that opens an entry of a list set flush without gaps: a capitalised name and a comma or full stop."""
    return bool(_NAME_START_RE.match(text))


def mostly_rising(numbers: list[int]) -> bool:
    """Numeric labels (if any) mostly count up one by one: a numbered list, not numbers in the text."""
    if len(numbers) < 3:
        return True
    steps = sum(b == a + 1 for a, b in zip(numbers, numbers[1:]))
    return steps >= 0.5 * (len(numbers) - 1)


def in_sequence(label: str, last: int | None) -> bool:
    """A numeric label is the next number (or close after it); other labels always count."""
    if not label.isdigit():
        return True
    n = int(label)
    return last is None or last < n <= last + 3


def line_labels(flow: list[PLine], idx: list[int]) -> dict[int, str | None]:
    """Each line's list label, of the kind the region numbers its entries with (numbers, or bracketed keys)."""
    labels = {i: label(flow[i].text) for i in idx}
    numeric = sum(bool(lab and lab.isdigit()) for lab in labels.values())
    if numeric * 2 > sum(bool(lab) for lab in labels.values()):  # numbered: "[Online]" is no label
        return {i: lab if lab and lab.isdigit() else None for i, lab in labels.items()}
    # Keys: "[1996]" is one too, where an author-year key leaves out the name the entry above gave (AAAI's style);
    # kept in its brackets, so that it is not taken for a number out of sequence.
    return {i: f"[{lab}]" if lab and flow[i].text.startswith("[") and (
        not lab.isdigit() or re.fullmatch(EARLY_YEAR, lab)) else None for i, lab in labels.items()}


def left_edges(flow: list[PLine], idx: list[int], floats: set[int]) -> dict[tuple[int, int], float]:
    """The left text edge of each (page, column) the region touches, from all lines printed there but a
    table's (a column holding nothing but a table: from the table's)."""
    want = {(flow[i].page, flow[i].column) for i in idx}
    lefts: dict[tuple[int, int], tuple[list[float], list[float]]] = {}
    for k, line in enumerate(flow):
        key = (line.page, line.column)
        if key in want:  # a heading (a slide's title hangs out in the margin) counts only as a table's lines do
            lefts.setdefault(key, ([], []))[k in floats or bool(line.heading)].append(line.left)
    out = {}
    for key, (text, table) in lefts.items():
        xs = sorted(text or table)
        out[key] = xs[len(xs) // 20]
    return out
