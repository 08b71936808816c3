"""A PDF's printed bibliographies: where each one runs, and its entries cut by the page's geometry.

A bibliography runs from its heading (a reference heading in any language, set as a heading or standing
alone) to the next heading of its rank or above, an appendix or the end. Inside it an entry starts at a
label in the label column (``[12]``, ``12.``, ``[ABC12]``), or, in author-year styles, at a line back at the
left edge after indented ones (a hanging indent), or after a vertical gap when entries are set flush; set flush
with no gap (AAAI's style), where the line before ends a sentence and this one opens like an entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from acuref.normalize.vocabulary import EARLY_YEAR
from acuref.read.pdf_entries import (LABEL_RE, WIDE_GAP, credits_figure, ends_entry, flush_mode, gap_above,
                                     in_sequence, label, left_edges, line_labels, list_step, mostly_rising,
                                     opens_entry, right_edges, starts_entry, table_lines)
from acuref.read.pdf_layout import PLine
from acuref.read.sections import heading_text, is_back_matter, is_end_heading, is_reference_heading

_PAGE_TAIL_RE = re.compile(r"(?:\.\s?){3,}\s*\d+\s*$|\s\d{1,4}\s*$|\s[ivxlcIVXLC]{1,6}\s*$")


@dataclass(slots=True)
class Region:
    """One printed bibliography: its heading line (-1: none printed) and its body lines (indices into the flow)."""

    head: int
    start: int
    end: int
    entries: list[list[int]] = field(default_factory=list)
    subheads: list[int] = field(default_factory=list)
    aside: list[int] = field(default_factory=list)  # lines in another type size set between entries (a figure's)
    mode: str = ""  # how entries were cut: "labelled", "hanging" or "flush"
    rel: dict[int, float] = field(default_factory=dict)  # each line's indent from its column's edge


_ENTRY_TAIL_RE = re.compile(rf"[,;]\s*$|(?<!\d){EARLY_YEAR}(?!\d)")


def line_step(flow: list[PLine]) -> float:
    """The usual distance between baselines of consecutive lines."""
    steps = sorted(a.y - b.y for a, b in zip(flow, flow[1:])
                   if a.page == b.page and a.column == b.column and 0 < a.y - b.y < 3 * a.size)
    return steps[len(steps) // 2] if steps else 12.0


def _is_ref_heading(flow: list[PLine], i: int, step: float) -> bool:
    line = flow[i]
    text = line.text
    if len(text) > 80 or not is_reference_heading(text):
        return False
    tail = _PAGE_TAIL_RE.search(text)
    # A table of contents line ends in its page number; a slide's title set large counts its frames
    # ("References iv", beamer's default "References IV"; bold in many themes) where a bibliography runs over several.
    if tail and not (line.heading and re.fullmatch(r"\s[ivxlc]{1,6}\s*", tail.group(), re.IGNORECASE)):
        return False
    if re.search(r"://|www\.|@|\.\s*$|/|\w\.[a-z]{2,4}\b|^\W", text):  # a link, a file, a sentence, a bullet
        return False
    if 0 < gap_above(flow, i) <= 1.2 * step and not re.search(r"[.:!?]\s*$", flow[i - 1].text):
        return False  # the last words of a paragraph ("... described in the following publications:")
    words = heading_text(text).split()
    if reviews_literature(text):
        return False
    if sum(len(w) == 1 and w.isalpha() and w.lower() not in _JOINERS for w in words[1:]) >= 2:
        return False  # a table's header row ("Reference  n  Π  µ"): one-letter column heads follow the word
    if line.heading or line.bold:
        return True
    if text.rstrip().endswith(":") and len(words) > 1:
        return False  # a run-in lead-in in body type ("Project references:") introducing a few links
    gap_below = gap_above(flow, i + 1) if i + 1 < len(flow) else 99.0
    room = 1.4 * min(step, 1.3 * line.size)  # small type (a journal's reference list) sets lines closer
    return len(heading_text(text).split()) <= 5 and (gap_above(flow, i) > room or gap_below > room)


# A heading that names a review of the literature, not a list of it.
_REVIEW_RE = re.compile(r"\blitera\w*\s+(?:review|survey|overview|study|analysis|search)\b|\breview\s+of\s+(?:the\s+)?"
                        r"(?:related\s+)?literature|\brevis(?:ión|ão|ione)\s+(?:de\s+|da\s+|della\s+)?(?:la\s+)?"
                        r"(?:literatur|bibliogr)|\brevue\s+de\s+(?:la\s+)?littérature|\bétat\s+de\s+l['’]art|"
                        r"\bliteratur(?:überblick|übersicht|recherche|analyse|review|studie)|\bliteratuur(?:studie|onderzoek)|"
                        r"\bобзор\s+литературы|\bprzegląd\s+literatury|\brassegna\s+(?:della\s+)?letteratura",
                        re.IGNORECASE)
_JOINERS = {"&", "a", "e", "y", "i", "o", "u", "и", "в"}  # one-letter words a heading may join its words with
_CORE_RE = re.compile(rf"(?<!\d){EARLY_YEAR}(?!\d)|"
                      r"\b10\.\d{4,9}/|https?://|\bn\.\s?d\.|\bo\.\s?J\.|\bs\.\s?d\.")


# An entry that opens as a sentence about a work: "Smith et al. (2002) describe ...", "Raposo und Hugo (2002)
# zeigen ..." (an annotated reading list); a bibliography entry gives initials before the year, or a capitalised
# title or a full stop after it ("OECD (2019). Education at a Glance").
_TOLD_RE = re.compile(r"^[^\W\d_][\w'’-]+(?:\s+et\s+al\.|\s+(?:and|und|&|y|e|et|en|i|és|и)\s+[^\W\d_][\w'’-]+)?"
                      r"\s+\((?:1[5-9]|20)\d\d[a-z]?\)\s+([^\W\d_]|\()")


def _told(text: str) -> bool:
    m = _TOLD_RE.match(text)
    return bool(m) and (m.group(1) == "(" or m.group(1).islower())  # a verb or a bracket after the year


def reviews_literature(heading: str) -> bool:
    """A heading of a chapter that reviews the literature in prose ("2. Literature Review", "Revisão da
    literatura", "Literaturübersicht"), which names the literature without listing it."""
    return bool(_REVIEW_RE.search(heading))


def plausible(flow: list[PLine], region: Region, share: float = 0.5) -> bool:
    """Most of a region's entries carry a year, an identifier or a link, at most a few open as a sentence
    about a work, and most do not open with a figure's number: a bibliography, not a glossary, an annotated
    reading list or the sources of the figures."""
    if not region.entries:
        return False
    good = sum(_core(flow, entry) for entry in region.entries)
    told = sum(_told(flow[entry[0]].text) for entry in region.entries)
    credits = sum(credits_figure(flow[entry[0]].text) for entry in region.entries)  # "Figure sources"
    return good >= max(1, share * len(region.entries)) and told < 0.4 * len(region.entries) and (
        credits < 0.5 * len(region.entries))


def regions(flow: list[PLine], step: float) -> list[Region]:
    """Every printed bibliography of the flow, in order (``step``: the flow's line step)."""
    heads = [i for i in range(len(flow)) if _is_ref_heading(flow, i, step)]
    out: list[Region] = []
    for n, h in enumerate(heads):
        if out and h < out[-1].end:
            continue
        limit = heads[n + 1] if n + 1 < len(heads) else len(flow)
        end = _end(flow, h, limit)
        if end - h >= 2:
            out.append(Region(h, h + 1, end))
    return out


def _end(flow: list[PLine], h: int, limit: int) -> int:
    """Where the bibliography headed at h ends: a heading of its rank or above, an end heading, a heading of the
    back matter (an appendix, an index, a declaration) at any rank, or the limit."""
    head = flow[h]
    for j in range(h + 1, limit):
        line = flow[j]
        if len(line.text) < 60 and is_end_heading(line.text) and not LABEL_RE.match(line.text) \
                and not _ENTRY_TAIL_RE.search(line.text):  # "Navigation and Communications, 2015." is a line of an entry
            return j
        if line.heading and (not head.heading or line.heading <= head.heading) and line.size >= head.size - 0.3:
            return j
        if line.heading and is_back_matter(line.text):  # a thesis's declaration set smaller than its chapters
            return j
    return limit


def cut(flow: list[PLine], region: Region, step: float) -> None:
    """Fill the region's entries (lists of flow indices) and subheadings."""
    idx = list(range(region.start, region.end))
    if not idx:
        return
    tight = list_step(flow, idx, step)
    typical, floats, rel, labels, right = _measure(flow, region, idx, step, tight)
    cont = [rel[i] for i in idx if not labels[i]]
    cont_rel = sorted(cont)[len(cont) // 2] if cont else 0.0
    deep = sorted(r for r in cont if r > 2)
    hang = deep[len(deep) // 2] if deep else 0.0  # how far a hanging list indents its entries' other lines
    labelled, indented = region.mode == "labelled", region.mode == "hanging"
    head_level = flow[region.head].heading if region.head >= 0 else 0
    last_num = None
    cur: list[int] | None = None
    resume = 0  # a float (a table page) inside the list: set aside until the list goes on
    for i in idx:
        line = flow[i]
        if i < resume or i in floats:
            region.aside.append(i)
            continue
        if not labels[i] and abs(line.size - typical) > 0.3 * typical:  # a figure's labels: set aside, not cut in
            region.aside.append(i)
            continue
        if line.heading and line.heading > head_level and not labels[i] and len(line.text) < 60:
            region.subheads.append(i)
            cur = None
            continue
        if i > region.start and not labels[i] and i - 1 not in floats and (
                line.size > typical + 0.8 or 3 * step < gap_above(flow, i) < 99):
            if starts_entry(flow[i], typical):  # the list goes on below a table or figure set inside it
                cur = [i]
                region.entries.append(cur)
                continue
            resume = _list_goes_on(flow, i, idx[-1] + 1, typical)
            if resume:
                region.aside.append(i)
                continue
            region.end = i  # larger type than the list's, or a wide gap: what follows the list (an unmarked heading)
            break
        if labelled:
            lab = labels[i]
            new = bool(lab) and (rel[i] < cont_rel - 1 or cont_rel < 1) and in_sequence(lab, last_num)
            if new and lab.isdigit():
                last_num = int(lab)
        elif indented:
            new = _opens_hang(flow, i, rel, hang, region.end, cur[0] if cur else -1) and not (
                cur and flow[cur[-1]].text.endswith("-"))
        elif region.mode == "flush":
            new = _opens_flush(flow, i, cur, tight, right, typical)
        else:
            new = bool(cur) and ends_entry(flow[cur[-1]], right) and opens_entry(line.text)
        if cur is None or new:
            cur = [i]
            region.entries.append(cur)
        else:
            cur.append(i)
    region.rel = rel


def _measure(flow: list[PLine], region: Region, idx: list[int], step: float, tight: float,
             ) -> tuple[float, set[int], dict[int, float], dict[int, str | None], dict[tuple[int, int], float]]:
    """The list's type size, the lines of tables set inside it, each line's indent and label, the columns' right
    edges; and how its entries are marked (``region.mode``)."""
    sizes = sorted(flow[i].size for i in idx[:40])
    typical = sizes[len(sizes) // 2]
    floats = table_lines(flow, idx, step, typical) if region.head >= 0 else set()  # under a reference heading only
    edges = left_edges(flow, idx, floats)
    rel = {i: flow[i].left - edges[(flow[i].page, flow[i].column)] for i in idx}
    labels = line_labels(flow, idx)
    numeric = [int(lab) for lab in labels.values() if lab and lab.isdigit()]
    labelled = sum(bool(lab) for lab in labels.values()) >= max(2, 0.15 * len(idx)) and mostly_rising(numeric)
    indented = sum(r > 2 for r in rel.values()) >= 0.25 * len(idx)
    right = right_edges(flow, idx)
    region.mode = "labelled" if labelled else "hanging" if indented else flush_mode(flow, idx, tight, right)
    return typical, floats, rel, labels, right


def _opens_flush(flow: list[PLine], i: int, cur: list[int] | None, step: float,
                 right: dict[tuple[int, int], float], typical: float) -> bool:
    """A line that opens an entry of a list set flush with gaps: after a gap; at the top of a column or page,
    where there is no gap to go by, only after a line that ended like an entry and if it opens like one (an
    entry broken across columns goes on)."""
    gap = gap_above(flow, i)
    if gap < 99:
        return gap > WIDE_GAP * step
    ended = not cur or ends_entry(flow[cur[-1]], right)
    return ended and (opens_entry(flow[i].text) or starts_entry(flow[i], typical))


def _opens_hang(flow: list[PLine], i: int, rel: dict[int, float], hang: float, end: int, first: int) -> bool:
    """A line that opens an entry of a hanging-indent list: at its column's edge; or, where the text edge moves
    on the page (the lines above and below set further in or out), set back by about the indent from the line
    above it or level with the first line of the entry before it, or, first of its column, with the line below
    indented from it by about the indent."""
    if rel[i] <= 1.5:
        return True
    if hang < 4:
        return False
    line = flow[i]
    if gap_above(flow, i) < 99:  # the line above is in the same column
        level = first >= 0 and (flow[first].page, flow[first].column) == (line.page, line.column) and abs(
            flow[first].left - line.left) <= 1.5
        return level or flow[i - 1].left - line.left >= 0.6 * hang
    below = i + 1 < end and gap_above(flow, i + 1) < 99
    return below and abs(flow[i + 1].left - line.left - hang) <= 2


def _list_goes_on(flow: list[PLine], i: int, end: int, typical: float) -> int:
    """Where the list resumes on a later page after a float printed inside it (a table at a page's top), or 0:
    the next page's first line is in the list's type and starts an entry (a label, or a name and a year)."""
    j = next((k for k in range(i + 1, end) if flow[k].page != flow[i].page), 0)
    return j if j and starts_entry(flow[j], typical) else 0


def unheaded(flow: list[PLine], taken: list[Region], step: float) -> list[Region]:
    """Bibliographies printed without a heading: a numbered list ([1], [2], ... in turn) of five entries or
    more, or, between two headings, a run of five or more entries cut by a hanging indent; nearly all with a
    year or an identifier. Lines before the first such entry (an acknowledgement, say) stay outside."""
    busy = {i for r in taken for i in range(r.head if r.head >= 0 else r.start, r.end)}
    # A list right under a heading that does not call it references (an author's "Published papers" in a
    # thesis) is that heading's list, not a bibliography.
    out = [r for r in _numbered(flow, busy, step)
           if len(r.entries) >= 5 and plausible(flow, r, 0.8) and not _named(flow, r.start)]
    _carry_over(flow, out)
    busy.update(i for r in out for i in range(r.start, r.end))
    start = 0
    for i in range(len(flow) + 1):
        if i < len(flow) and not flow[i].heading and i not in busy:
            continue
        if i - start >= 6:
            region = _list_in(flow, start, i, step)
            if region is not None and not _named(flow, region.start):
                out.append(region)
        start = i + 1
    return out


def _carry_over(flow: list[PLine], lists: list[Region]) -> None:
    """A numbered list interrupted by other pages (floats) goes on with its next number: the indented lines
    printed just before that number finish the entry the first part ended with."""
    for one, two in zip(lists, lists[1:]):
        last, first = label(flow[one.entries[-1][0]].text), label(flow[two.start].text)
        if not (last and first and last.isdigit() and first.isdigit() and int(first) == int(last) + 1):
            continue
        lead = flow[two.start]
        rest = [flow[k].left for entry in two.entries for k in entry[1:]
                if (flow[k].page, flow[k].column) == (lead.page, lead.column)]
        if not rest:
            continue
        indent = sorted(rest)[len(rest) // 2]  # where the list's continuation lines start
        j = two.start - 1
        while (j >= one.end and not flow[j].heading and flow[j].page == lead.page
               and abs(flow[j].size - lead.size) <= 0.5 and abs(flow[j].left - indent) <= 1):
            j -= 1
        one.entries[-1].extend(range(j + 1, two.start))


def _named(flow: list[PLine], start: int) -> bool:
    return start > 0 and bool(flow[start - 1].heading)


def _numbered(flow: list[PLine], busy: set[int], step: float) -> list[Region]:
    """Runs of lines labelled with consecutive numbers (a label at most a dozen lines after the last), with
    the last entry's continuation lines."""
    out: list[Region] = []
    i = 0
    while i < len(flow):
        lab = label(flow[i].text)
        # A bare number ("3 Methods", a table's first column) starts no list here: "[3]", "3." or "(3)" do.
        if i in busy or not lab or not lab.isdigit() or flow[i].heading or flow[i].text[len(lab):][:1] == " ":
            i += 1
            continue
        expected, last, j = int(lab) + 1, i, i + 1
        size, between = flow[i].size, 0
        while j < len(flow) and j not in busy and between <= 12 and (
                not flow[j].heading or abs(flow[j].size - size) > 0.3 * size):
            if label(flow[j].text) == str(expected):
                expected, last, between = expected + 1, j, 0
            elif abs(flow[j].size - size) <= 0.3 * size:  # a figure's labels set in between do not count
                between += 1
            j += 1
        if expected - int(lab) < 5:
            i += 1
            continue
        end = last + 1
        while end < len(flow) and end - last <= 8 and end not in busy and not flow[end].heading and (
                flow[end].left > flow[last].left + 1 or (gap_above(flow, end) <= 1.2 * step
                                                         and not flow[end - 1].text.endswith("."))):
            end += 1
        region = Region(-1, i, end)
        cut(flow, region, step)
        out.append(region)
        i = max(region.end, i + 1)  # the list may stop early (body text set between its columns)
    return out


def _list_in(flow: list[PLine], start: int, end: int, step: float) -> Region | None:
    region = Region(-1, start, end)
    cut(flow, region, step)
    if region.mode == "flush" or region.subheads:
        return None
    shaped = [e for e in region.entries if _core(flow, e) and (region.mode == "labelled" or _hangs(region, e))]
    first = region.entries.index(shaped[0]) if shaped else 0
    if len(shaped) < 5 or len(shaped) < 0.8 * len(region.entries[first:]):
        return None
    region.entries = region.entries[first:]
    region.start = region.entries[0][0]
    return region if plausible(flow, region) else None


def _core(flow: list[PLine], entry: list[int]) -> bool:
    return any(_CORE_RE.search(flow[i].text) for i in entry)


def _hangs(region: Region, entry: list[int]) -> bool:
    """An entry whose first line is flush left and whose other lines (one at least) are indented."""
    return len(entry) > 1 and region.rel[entry[0]] <= 1.5 and all(region.rel[i] > 2 for i in entry[1:])
