"""Printed lines of a PDF in reading order: fragments on one baseline joined into lines, columns read left
then right, running headers, footers and page numbers dropped, and heading lines told by their type (a size
above the body text's, or a bold face) and ranked by it.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass

from acuref.read.pdf_chars import Fragment, fragments, page_glyphs, upright
from acuref.read.sections import is_reference_heading

MARGIN = 0.08  # share of the page height at the top and bottom where running heads and folios sit
_PAGE_NUMBER_RE = re.compile(r"^\W*(?:page|pagina|seite|p\.)?\s*(?:\d{1,4}|[ivxlc]{1,7})(?:\s*(?:of|/|van|von)\s*\d{1,4})?\W*$",
                             re.IGNORECASE)
_BOLD_RE = re.compile(r"bold|black|heavy|semibold|demi|medi|cmbx|sfbx|cmb\d|bx\d|-b$|\bb$", re.IGNORECASE)


@dataclass(slots=True)
class PLine:
    """One printed line: its page (1-based), column, box, baseline, type size, boldness and text."""

    page: int
    column: int
    left: float
    right: float
    y: float
    top: float
    size: float
    bold: bool
    text: str
    heading: int = 0


def _bold(handle, index: int) -> bool:
    import pypdfium2.raw as raw

    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    n = raw.FPDFText_GetFontInfo(handle, index, buf, 128, ctypes.byref(flags))
    name = buf.raw[: max(0, n - 1)].decode("latin-1", "replace").split("+")[-1]
    weight = raw.FPDFText_GetFontWeight(handle, index)
    return weight >= 600 or bool(_BOLD_RE.search(name)) or bool(flags.value & (1 << 18))


def page_lines(page, number: int) -> tuple[list[PLine], float]:
    """A page's printed lines in reading order, and the page's height as its text stands."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        glyphs, width, height = upright(page_glyphs(textpage), width, height)
        frags = _drop_line_numbers([f for f in fragments(glyphs) if f.text.strip()])
        cols = _columns(frags, width, height)
        out: list[PLine] = []
        for c, col in enumerate(cols):
            for group in _rows(col):
                out.append(_line(group, number, c, textpage.raw))
        return out, height
    finally:
        textpage.close()


def _line(group: list[Fragment], page: int, column: int, handle) -> PLine:
    """Fragments on one baseline, left to right, as one line."""
    group.sort(key=lambda f: f.left)
    main = max(group, key=lambda f: len(f.glyphs))
    text = ""
    prev: Fragment | None = None
    for f in group:
        piece = f.text
        if prev is not None and (f.glyphs[0].space or f.left - prev.right > 0.1 * f.size):
            text += " "
        text += piece
        prev = f
    glyphs = [g for f in group for g in f.glyphs]
    sizes = Counter(round(g.size, 1) for g in glyphs)
    size = sizes.most_common(1)[0][0]
    letters = [g for g in glyphs if g.ch.isalpha()] or glyphs
    bold = all(_bold(handle, g.index) for g in {id(g): g for g in (letters[0], letters[len(letters) // 2], letters[-1])}.values())
    return PLine(page, column, min(f.left for f in group), max(f.right for f in group), main.y,
                 max(g.top for g in glyphs), size, bold, text.strip())


def _drop_line_numbers(frags: list[Fragment]) -> list[Fragment]:
    """Without the line numbers of a review manuscript: three or more bare numbers on the page set outside
    the text block, in the left or right margin (two, numbering every fifth line)."""
    numbers = [f for f in frags if all(g.ch.isdigit() for g in f.glyphs)]
    ids = {id(f) for f in numbers}  # by identity: comparing fragments compares their glyphs (quadratic)
    text = [f for f in frags if id(f) not in ids] if numbers else frags
    if len(numbers) < 2 or len(text) < 3:
        return frags
    lefts = sorted(f.left for f in text)
    rights = sorted(f.right for f in text)
    lo, hi = lefts[len(lefts) // 20], rights[-1 - len(rights) // 20]
    margin = [f for f in numbers if f.right <= lo + 1 or f.left >= hi - 1]
    # Two will do on a short page where the manuscript numbers every fifth line (880, 885).
    fifths = len(margin) == 2 and all(f.text.isdigit() and int(f.text) % 5 == 0 for f in margin) and margin[0].text != margin[1].text
    if len(margin) < 3 and not fifths:
        return frags
    drop = {id(f) for f in margin}
    return [f for f in frags if id(f) not in drop]


def _columns(frags: list[Fragment], width: float, height: float) -> list[list[Fragment]]:
    """One list of fragments per column in reading order (text spanning both columns first, by height)."""
    mid = width / 2
    left, right, span = [], [], []
    for f in frags:
        (left if f.right <= mid + 4 else right if f.left >= mid - 4 else span).append(f)
    if len(left) < 3 or len(right) < 3 or len(span) > 0.25 * len(frags):
        return [frags]
    body = [f for f in left + right if f.y < height * (1 - MARGIN)] or left + right  # not the running head
    top = max(f.y for f in body)
    above = [f for f in span if f.y > top + 2]
    below = [f for f in span if f.y <= top + 2]
    return [c for c in (above, left, right, below) if c]


def _rows(frags: list[Fragment]) -> list[list[Fragment]]:
    """Fragments of a column grouped by baseline (within a third of the type size), top to bottom."""
    rows: list[list[Fragment]] = []
    for f in sorted(frags, key=lambda f: (-f.y, f.left)):
        last = rows[-1] if rows else None
        if last is not None and abs(last[0].y - f.y) <= 0.3 * min(last[0].size, f.size):
            last.append(f)
        else:
            rows.append([f])
    return rows


def drop_furniture(pages: list[list[PLine]], heights: list[float], body: float) -> list[list[PLine]]:
    """Pages without their running headers, footers and page numbers: lines at the top or bottom of the page
    (in its margins, or the highest or lowest line) that are a folio, or whose text (digits aside) recurs
    there on other pages. Type well above the body size is a chapter heading, though a running head repeats
    its words, unless it recurs large on three pages or more (a journal's running head set in display type)."""
    edges = [_edge_lines(lines, h) for lines, h in zip(pages, heights)]
    edge = [[line for line in lines if line.size <= body * 1.15] for lines in edges]
    seen: Counter = Counter()
    for lines in edge:
        seen.update({_key(line) for line in lines})
    large: Counter = Counter()  # a chapter heading is large once; a running head set large recurs on many pages
    for lines in edges:
        large.update({_key(line) for line in lines if line.size > body * 1.15})
    out = []
    keep = _first_title(pages, edges, large, body)
    for lines, ends, all_ends in zip(pages, edge, edges):
        drop = {id(line) for line in ends if _PAGE_NUMBER_RE.match(line.text)
                or (len(pages) > 1 and seen[_key(line)] >= 2 and len(line.text) < 120)}
        drop |= {id(line) for line in all_ends if large[_key(line)] >= 3 and len(line.text) < 120}
        drop.discard(keep)
        out.append([line for line in lines if id(line) not in drop])
    return out


def _first_title(pages: list[list[PLine]], edges: list[list[PLine]], large: Counter, body: float) -> int | None:
    """The id of a reference heading recurring large at a page edge of every page of its list (a slide's title,
    "References iv" on each frame) where it first stands, which is the bibliography's only heading; None when the
    document heads its bibliography elsewhere (a journal's running head repeats a heading printed once)."""
    for lines, ends in zip(pages, edges):
        top = [line for line in ends
               if large[_key(line)] >= 3 and len(line.text) < 120 and is_reference_heading(line.text)]
        if top:
            return id(top[0])
        # a heading printed once may be set only a size up (11 pt over 10 pt), less than a recurring large title
        if any(line.size > body * 1.08 and is_reference_heading(line.text) for line in lines):
            return None
    return None


def _edge_lines(lines: list[PLine], height: float) -> list[PLine]:
    """The lines where running heads and folios sit: in the page's margins, or the first or last line."""
    if not lines:
        return []
    top = max(lines, key=lambda line: line.y)
    bottom = min(lines, key=lambda line: line.y)
    return [line for line in lines if line is top or line is bottom
            or line.top > height * (1 - MARGIN) or line.y < height * MARGIN]


def _key(line: PLine) -> str:
    return re.sub(r"\d+|[ivxlc]+\b", "#", line.text.lower())


def body_size(pages: list[list[PLine]]) -> float:
    """The type size most of the text is set in."""
    sizes: Counter = Counter()
    for lines in pages:
        for line in lines:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


_TOC_RE = re.compile(r"(?:\.\s?){3,}\s*\d+\s*$|\s\d{1,4}\s*$")


def mark_headings(pages: list[list[PLine]], body: float) -> None:
    """Rank heading lines: short lines set larger than the body text, or bold at body size, with no sentence
    end and no page number at the end (a table of contents line); the largest type is level 1."""
    found: list[PLine] = []
    for lines in pages:
        for line in lines:
            text = line.text
            if len(text) > 90 or len(text) < 3 or _TOC_RE.search(text) or text.endswith((".", ",", ";")):
                continue
            if not re.search(r"[^\W\d_]{3}", text):
                continue
            if line.size > body * 1.08 or (line.bold and line.size >= body * 0.95):
                found.append(line)
    sizes = sorted({round(line.size) for line in found}, reverse=True)
    for line in found:
        line.heading = min(6, 1 + sizes.index(round(line.size)) + (0 if line.size > body * 1.08 else 1))
