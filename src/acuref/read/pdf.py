"""PDF → lines of text in reading order, through PDFium (pypdfium2).

PDFium gives each run of text on a line with its box. From the boxes this module rebuilds what a reader
sees: columns in order (left, then right, for two-column pages), running headers, footers and page numbers
dropped (text in the page margins that repeats from page to page), and paragraphs: a new block starts at a
vertical gap, at a list label (``[12]``, ``12.``), where a hanging indent starts over, or after a line that
ended early (the next word would have fitted). Inside a block the printed line breaks are kept, so the
normalisers can rejoin hyphenated words and DOIs or URLs broken across lines. Each block becomes one
:class:`Line` whose number is the page it starts on.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from acuref.errors import InputError
from acuref.read.documents import Document, Line
from acuref.read.sections import is_reference_heading

_LABEL_RE = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}\.(?=\s)|\(\d{1,3}\))")
_PAGE_NUMBER_RE = re.compile(r"^\W*(?:page|pagina|seite|p\.)?\s*\d{1,4}(?:\s*(?:of|/|van|von)\s*\d{1,4})?\W*$", re.IGNORECASE)
MARGIN = 0.07  # share of the page height at the top and bottom where running heads and folios sit
INDENT = 3.0  # points right of a column's left edge from which a line counts as indented


@dataclass(slots=True)
class _Seg:
    left: float
    bottom: float
    right: float
    top: float
    text: str

    @property
    def height(self) -> float:
        return max(1.0, self.top - self.bottom)


def _segments(page) -> list[_Seg]:
    """PDFium's text rectangles (a run of characters on one printed line) with their text."""
    textpage = page.get_textpage()
    try:
        out = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = textpage.get_text_bounded(left, bottom, right, top)
            text = re.sub(r"\s+", " ", text.replace("\x02", "-")).strip()  # \x02: PDFium's line-end hyphen
            if text:
                out.append(_Seg(left, bottom, right, top, text))
        return out
    finally:
        textpage.close()


def _lines(segs: list[_Seg]) -> list[_Seg]:
    """Runs on the same baseline, left to right, become one line."""
    out: list[_Seg] = []
    for seg in sorted(segs, key=lambda s: (-round(s.bottom, 0), s.left)):
        last = out[-1] if out else None
        if last is not None and abs((last.bottom + last.top) / 2 - (seg.bottom + seg.top) / 2) < 0.5 * min(last.height, seg.height):
            gap = seg.left - last.right
            last.text = last.text + ("" if gap < 0.8 else " ") + seg.text
            last.right = max(last.right, seg.right)
            last.top, last.bottom = max(last.top, seg.top), min(last.bottom, seg.bottom)
            continue
        out.append(_Seg(seg.left, seg.bottom, seg.right, seg.top, seg.text))
    out.sort(key=lambda s: -s.top)
    return out


def _columns(segs: list[_Seg], width: float, height: float) -> list[list[_Seg]]:
    """One list of lines per column in reading order (text spanning both columns first, by height)."""
    mid = width / 2
    left, right, span = [], [], []
    for s in segs:  # one pass: membership tests on lists of segments were quadratic
        (left if s.right <= mid + 4 else right if s.left >= mid - 4 else span).append(s)
    if len(left) < 3 or len(right) < 3 or len(span) > 0.25 * len(segs):
        return [_lines(segs)]
    body = [s for s in left + right if s.top < height * (1 - MARGIN)]
    top = max(s.top for s in body) if body else max(s.top for s in left + right)
    above = [s for s in span if s.bottom >= top - 2]
    below = [s for s in span if s.bottom < top - 2]
    return [c for c in (_lines(above), _lines(left), _lines(right), _lines(below)) if c]


def _furniture(pages: list[list[list[_Seg]]], heights: list[float]) -> set[tuple[int, str]]:
    """(page, text) of running headers and footers: margin lines whose text, digits aside, recurs on pages."""
    pages_with: Counter = Counter()  # digit-blind text -> number of pages it is in the margin of
    marginal: list[tuple[int, str, str]] = []
    for p, (cols, h) in enumerate(zip(pages, heights)):
        keys = set()
        for col in cols:
            for line in col:
                if line.bottom > h * (1 - MARGIN) or line.top < h * MARGIN:
                    key = re.sub(r"\d+", "#", line.text.lower())
                    marginal.append((p, line.text, key))
                    keys.add(key)
        pages_with.update(keys)
    recurring = max(2, len(pages) // 2)
    return {(p, text) for p, text, key in marginal
            if _PAGE_NUMBER_RE.match(text) or (len(pages) > 1 and pages_with[key] >= recurring)}


def _geometry(col: list[_Seg]) -> tuple[float, float, bool]:
    """A column's left and right text edges (a tenth of its lines may stick out either way), and whether it
    sets entries with a hanging indent: a fifth or more of its lines indented, counting only the lines after a
    reference heading when the column has one (prose above it has no hanging indents)."""
    lefts = sorted(s.left for s in col)
    rights = sorted(s.right for s in col)
    left = lefts[len(lefts) // 10]
    start = next((i + 1 for i, s in enumerate(col) if len(s.text) < 60 and is_reference_heading(s.text)), 0)
    tail = col[start:] if len(col) - start >= 3 else col
    return left, rights[int(len(rights) * 0.9)], sum(s.left > left + INDENT for s in tail) >= 0.2 * len(tail)


def _blocks(flow: list[tuple[int, _Seg, tuple[float, float, bool]]]) -> list[tuple[int, list[str]]]:
    """Lines (page, line, column edges) of the whole flow → blocks (first page, printed lines). A block may
    run on from the foot of one column to the head of the next."""
    if not flow:
        return []
    steps = sorted(a.bottom - b.bottom for (_, a, _), (_, b, _) in zip(flow, flow[1:]) if 0 < a.bottom - b.bottom < 40)
    step = steps[len(steps) // 2] if steps else 12.0
    labelled = sum(bool(_LABEL_RE.match(s.text)) for _, s, _ in flow) >= 3
    out: list[tuple[int, list[str]]] = []
    prev: _Seg | None = None
    prev_right = 0.0
    indented_seen = False
    for page, line, (col_left, col_right, hanging) in flow:
        new = prev is None
        if prev is not None:
            gap = prev.bottom - line.bottom
            em = (prev.right - prev.left) / max(1, len(prev.text))
            word = line.text.split()[0] if line.text.split() else ""
            early = prev.right + em * (len(word) + 1.5) < prev_right and not prev.text.endswith("-")
            outdent = line.left <= col_left + min(em, 1.5) and (indented_seen or hanging) and not prev.text.endswith("-")
            if 0 < gap and gap > 1.6 * step:
                new = True
            elif hanging and line.left > col_left + INDENT:  # continuation lines are indented: never an entry start
                new = False
            elif hanging and outdent:  # and a line flush left starts one
                new = True
            elif labelled:  # a numbered list: entries start at their labels
                new = bool(_LABEL_RE.match(line.text)) or early
            elif early or outdent:
                new = True
        if new:
            out.append((page, [line.text]))
            indented_seen = False
        else:
            out[-1][1].append(line.text)
        if line.left > col_left + INDENT:
            indented_seen = True
        prev, prev_right = line, col_right
    return out


def load_pdf(data: bytes, name: str) -> Document:
    """A born-digital PDF as a Document of text blocks; a PDF with no text layer is refused with its name."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        raise InputError(f"{name}: PDF cannot be opened ({err})") from None
    pages, heights = [], []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                width, height = page.get_size()
                pages.append(_columns(_segments(page), width, height))
                heights.append(height)
            finally:
                page.close()
    except pdfium.PdfiumError as err:  # a damaged page: the user's file, not a bug, so one line naming it
        raise InputError(f"{name}: page {len(pages) + 1} of the PDF cannot be read ({err})") from None
    finally:
        pdf.close()
    if not any(col for cols in pages for col in cols):
        raise InputError(f"{name}: PDF has no text layer (a scan?); run OCR on it first")
    drop = _furniture(pages, heights)
    flow = []
    for p, cols in enumerate(pages):
        for col in cols:
            kept = [line for line in col if (p, line.text) not in drop]
            if kept:
                edges = _geometry(kept)
                flow.extend((p + 1, line, edges) for line in kept)
    lines = tuple(Line(page, "\n".join(texts)) for page, texts in _blocks(flow))
    return Document(name, lines, "utf-8", "pdf")
