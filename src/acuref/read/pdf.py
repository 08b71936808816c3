"""PDF → lines of text in reading order, through PDFium (pypdfium2).

The text is rebuilt from PDFium's glyphs (:mod:`acuref.read.pdf_chars`): accents put back on their letters,
lines told by their baselines, columns read in order, running headers, footers and page numbers dropped
(:mod:`acuref.read.pdf_layout`). Each printed bibliography (:mod:`acuref.read.pdf_biblio`) is handed on as its
heading (marked as one) and one :class:`Line` per entry, cut by the page's geometry; other text goes as
paragraphs, and headings outside a bibliography are marked so that a reference section ends at them. Each
Line's number is the page it starts on.
"""

from __future__ import annotations

from acuref.errors import InputError
from acuref.read.documents import Document, Line
from acuref.read.pdf_biblio import Region, cut, line_step, plausible, regions, unheaded
from acuref.read.pdf_layout import PLine, body_size, drop_furniture, mark_headings, page_lines
from acuref.read.pdf_text import close_spaced_urls, rejoin, strip_backref, strip_page_lists, vocabulary
from acuref.read.sections import heading_text
from acuref.read.works import split_works

BIB_LEVEL = 2  # a bibliography's heading; every other heading is level 1, so that it closes the section
SUB_LEVEL = 3  # a heading inside a bibliography ("Books", "Articles")


def _read_pages(data: bytes, name: str) -> tuple[list[list[PLine]], list[float]]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        raise InputError(f"{name}: PDF cannot be opened ({err})") from None
    pages: list[list[PLine]] = []
    heights: list[float] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                lines, height = page_lines(page, index + 1)
                pages.append(lines)
                heights.append(height)
            finally:
                page.close()
    except pdfium.PdfiumError as err:  # a damaged page: the user's file, not a bug, so one line naming it
        raise InputError(f"{name}: page {len(pages) + 1} of the PDF cannot be read ({err})") from None
    finally:
        pdf.close()
    return pages, heights


def load_pdf(data: bytes, name: str) -> Document:
    """A born-digital PDF as a Document of text blocks; a PDF with no text layer is refused with its name."""
    pages, heights = _read_pages(data, name)
    if not any(pages):
        raise InputError(f"{name}: PDF has no text layer (a scan?); run OCR on it first")
    body = body_size(pages)
    pages = drop_furniture(pages, heights, body)
    mark_headings(pages, body)
    flow = [line for lines in pages for line in lines]
    step = line_step(flow)
    found = []
    for region in regions(flow, step):
        cut(flow, region, step)
        if plausible(flow, region):
            found.append(region)
    found = sorted(found + unheaded(flow, found, step), key=lambda r: r.start)
    vocab = vocabulary([line.text for line in flow])
    return Document(name, tuple(_lines(flow, found, step, vocab)), "utf-8", "pdf")


def _lines(flow: list[PLine], found: list[Region], step: float, vocab) -> list[Line]:
    """The Document's lines: paragraphs and headings outside bibliographies, each bibliography's heading,
    subheadings and entries inside."""
    out: list[Line] = []
    i = 0
    # Once the document's bibliographies are known, its other text is no source of references (footnote
    # citations repeat the bibliography, tables of contents and prose only look like it): only its
    # headings are handed on, so that a reference section ends where it should.
    bounded = sum(len(r.entries) for r in found) >= 3
    for region in found + [None]:
        stop = (region.head if region.head >= 0 else region.start) if region is not None else len(flow)
        rest = flow[i:stop]
        out.extend(_paragraphs(rest, step, vocab) if not bounded else
                   [Line(line.page, line.text, 1) for line in rest if line.heading])
        if region is None:
            break
        if region.head >= 0:
            head = flow[region.head]
            out.append(Line(head.page, heading_text(head.text) or head.text, BIB_LEVEL))
        aside = set(region.aside)
        rights: dict[tuple[int, int], list[float]] = {}
        for k in range(region.start, region.end):
            rights.setdefault((flow[k].page, flow[k].column), []).append(flow[k].right)
        # The right margin: where most full lines end (an overfull line may stick out past it).
        margins = {key: sorted(xs)[int(0.75 * (len(xs) - 1))] for key, xs in rights.items()}
        texts: dict[int, str] = {}
        for entry in region.entries:  # cut() puts each line in one of subheads, aside and entries
            full = [flow[k].right >= margins.get((flow[k].page, flow[k].column), flow[k].right) - 1.5 * flow[k].size
                    for k in entry]
            texts[entry[0]] = strip_backref(close_spaced_urls(rejoin([flow[k].text for k in entry], vocab, full)))
        texts = dict(zip(texts, strip_page_lists(list(texts.values()))))
        pieces = [(j, None) for j in region.subheads] + [(e[0], e) for e in region.entries + _runs(region.aside)]
        for j, entry in sorted(pieces, key=lambda t: t[0]):
            if entry is None:
                out.append(Line(flow[j].page, flow[j].text, SUB_LEVEL))
            elif entry[0] in aside:  # handed on as one block, for the extractor to judge (and skip)
                out.append(Line(flow[j].page, "\n".join(flow[k].text for k in entry)))
            else:
                out.extend(Line(flow[j].page, work) for work in split_works(texts[j]))
        i = region.end
    return out


def _runs(indices: list[int]) -> list[list[int]]:
    """Consecutive indices grouped: [3, 4, 5, 9] → [[3, 4, 5], [9]]."""
    out: list[list[int]] = []
    for i in indices:
        if out and out[-1][-1] == i - 1:
            out[-1].append(i)
        else:
            out.append([i])
    return out


def _paragraphs(lines: list[PLine], step: float, vocab) -> list[Line]:
    """Text outside bibliographies as paragraphs (cut at headings, vertical gaps and indented first lines)."""
    out: list[Line] = []
    cur: list[PLine] = []

    def close() -> None:
        if cur:
            out.append(Line(cur[0].page, rejoin([c.text for c in cur], vocab)))
            cur.clear()

    for line in lines:
        if line.heading:
            close()
            out.append(Line(line.page, line.text, 1))
            continue
        if cur:
            prev = cur[-1]
            same = prev.page == line.page and prev.column == line.column
            if (same and prev.y - line.y > 1.4 * step) or line.left > prev.left + 6:
                close()
        cur.append(line)
    close()
    return out
