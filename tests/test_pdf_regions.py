"""A PDF's bibliography found and cut where it is, and nothing else: small PDFs drawn with reportlab the way
TeX sets them, each with a real bibliography at its end and, before it, a table whose header row starts with
"Reference", a run-in lead-in ending with a colon above two links, or an annotated reading list whose entries
open as sentences about a work; and a hanging-indent list whose text edge moves part way down a page."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from acuref.read.documents import load_bytes
from acuref.read.extract import extract_with_report
from acuref.read.pdf_biblio import _told, reviews_literature

from pdfgen import DUNES as BIBLIOGRAPHY, found_raws, set_text

FONT, BOLD, SIZE, STEP = "Times-Roman", "Times-Bold", 10.0, 12.0

PROSE = ("Birds were counted on the dunes every spring, as the earlier census had done, and the counts were "
         "compared with what the habitat model predicted for each island and each year of the survey.")


def _set(c, x: float, y: float, text: str, width: float, first: float, rest: float, font: str = FONT) -> float:
    """Text wrapped to width, the first line indented by first and the others by rest; the next baseline."""
    return set_text(c, x, y, text, width, first, rest, font=font, size=SIZE, step=STEP)


def _heading(c, y: float, text: str) -> float:
    c.setFont(BOLD, 14)
    c.drawString(72, y, text)
    return y - 28


def _document(before) -> bytes:
    """A chapter (prose, then what ``before`` draws), then a page with the bibliography in hanging indent."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    y = _heading(c, 760, "2 Related work")
    y = _set(c, 72, y, PROSE, 450, 12, 0)
    y = before(c, y - 10)
    _set(c, 72, y - 10, PROSE, 450, 12, 0)
    c.setFont(FONT, 8)
    c.drawCentredString(297, 40, "1")
    c.showPage()
    y = _heading(c, 760, "References")
    for entry in BIBLIOGRAPHY:
        y = _set(c, 72, y, entry, 450, 0, 18) - 3
    c.setFont(FONT, 8)
    c.drawCentredString(297, 40, "2")
    c.save()
    return buf.getvalue()


def _table(c, y: float) -> float:
    """A table comparing cited works: its header row starts with "Reference", one-letter column heads after."""
    rows = [("Reference", "n", "k", "m")] + [
        (f"{name} et al. [{year}]", "2", "MH", "Tri")
        for name, year in [("Davis", 2009), ("Kuiper", 2009), ("Hsu", 2010), ("Huang", 2011), ("Lee", 2013),
                           ("Chen", 2014), ("Sun", 2015)]]
    for row in rows:
        c.setFont(FONT, SIZE)
        for x, cell in zip((72, 220, 250, 290), row):
            c.drawString(x, y, cell)
        y -= STEP + 6
    return y


def _lead_in(c, y: float) -> float:
    """A run-in line in body type ending with a colon, above two links set as an indented list."""
    y = _set(c, 90, y, "Project references:", 450, 0, 0)
    for link in ("Project page: http://www.example.org/robots/", "Source code: https://example.org/git/robots"):
        y = _set(c, 100, y, link, 430, 0, 0)
    return y


ANNOTATED = [
    "Davenport (2002) describes the work of fitting tasks together as an everyday form of knowledge "
    "management and shows how people keep it going.",
    "Herrmann et al. (2002) study models of socio-technical work processes and show that drawing them "
    "together helps the people who take part.",
    "Mark et al. (2003) report a first test of a system that reconciles plans across sites and find that it "
    "helps a distributed team.",
    "Raposo and Hugo (2004) build on earlier work and make the framework for coordinating shared work more "
    "concrete.",
    "Gerson (2004) describes mechanisms that settle problems in work spread over many places.",
    "Baker and Millerand (2007) describe how such work shapes the design of information infrastructure.",
]


def _reading_list(c, y: float) -> float:
    """An appendix section on the literature of a topic: each paragraph opens with a citation and a verb."""
    y = _heading(c, y - 6, "Literature on the topic")
    for entry in ANNOTATED:
        y = _set(c, 72, y, entry, 450, 0, 18) - 3
    return y


@pytest.mark.parametrize("before", [_table, _lead_in, _reading_list], ids=["table", "lead-in", "reading-list"])
def test_only_the_bibliography_is_taken(before):
    """The bibliography's entries come out, and nothing of the table, the lead-in's links or the reading list."""
    sources, _ = extract_with_report(load_bytes(_document(before), "doc.pdf"))
    found = found_raws(sources)
    assert len(found) == len(BIBLIOGRAPHY), found
    for got, want in zip(found, BIBLIOGRAPHY):
        assert got.endswith(want[-20:])


def test_hanging_list_whose_edge_moves_on_the_page():
    """Where the text edge moves part way down a page (the list set further left from some entry on), each
    entry still comes out alone: an entry opens where its first line is set back from the line above by the
    indent, and the page's first line opens one when the line below is indented from it."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    y = _heading(c, 760, "References")
    for entry in BIBLIOGRAPHY[:2]:
        y = _set(c, 72, y, entry, 450, 0, 18) - 3
    c.showPage()
    y = 760.0
    for n, entry in enumerate(BIBLIOGRAPHY * 2):
        y = _set(c, 84 if n < 4 else 72, y, entry, 450, 0, 18) - 3
    c.save()
    sources, _ = extract_with_report(load_bytes(buf.getvalue(), "doc.pdf"))
    found = found_raws(sources)
    assert len(found) == 2 + 2 * len(BIBLIOGRAPHY), found


def test_flush_list_entry_broken_across_pages_stays_whole():
    """In a list set flush with a gap between entries, an entry that runs over to the next page is one entry:
    the next page's first line opens a new one only where the line before ended like an entry."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    y = _heading(c, 760, "References")
    for entry in BIBLIOGRAPHY[:2]:
        y = _set(c, 72, y, entry, 250, 0, 0) - 8
    lines = ["Corvers, R., Aalders, P., Dekker, S. and Vos,", "T. (2011). Twenty years of breeding pairs on",
             "the Frisian islands: a census compared with a", "model of habitat loss, counted by ear and by"]
    for text in lines:
        c.drawString(72, y, text)
        y -= STEP
    c.showPage()
    c.setFont(FONT, SIZE)
    c.drawString(72, 760, "eye over twenty springs. Ecological Records")
    c.drawString(72, 760 - STEP, "44, 15-38.")
    y = 760 - 2 * STEP - 8
    for entry in BIBLIOGRAPHY[3:]:
        y = _set(c, 72, y, entry, 250, 0, 0) - 8
    c.save()
    sources, _ = extract_with_report(load_bytes(buf.getvalue(), "doc.pdf"))
    found = found_raws(sources)
    assert len(found) == len(BIBLIOGRAPHY), found
    assert found[2].endswith("eye over twenty springs. Ecological Records 44, 15-38.")


def test_two_margin_line_numbers_on_a_short_page_are_not_text():
    """A manuscript that numbers every fifth line in the margin leaves only two numbers on a short last page:
    they are dropped too, not read as the start of the lines beside them (which would cut entries there)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    y = _heading(c, 760, "References")
    for n, entry in enumerate(BIBLIOGRAPHY):
        top = y
        y = _set(c, 72, y, entry, 450, 0, 18) - 3
        if n in (0, 2):  # beside an entry's second line
            c.setFont(FONT, 7)
            c.drawString(40, top - STEP, str(880 + 5 * (n // 2)))
    c.save()
    sources, _ = extract_with_report(load_bytes(buf.getvalue(), "doc.pdf"))
    found = found_raws(sources)
    assert len(found) == len(BIBLIOGRAPHY), found
    assert not any(word.isdigit() and len(word) == 3 for got in found for word in got.split()), found


@pytest.mark.parametrize("text, want", [
    ("Smith et al. (2002) describe how the census was taken", True),
    ("Raposo und Hugo (2002) zeigen, wie die Arbeit verteilt wird", True),
    ("Baker and Miller (2007) (I, II) describe the design of shared tools", True),
    ("OECD (2019). Education at a Glance. Paris.", False),
    ("OECD (2019) Éducation et formation. Paris.", False),
    ("Smith, J. (2002). Counting birds. Ardea 3, 1-9.", False),
    ("Smith J, Jones K (2002) Counting birds. Ardea 3:1-9", False),
])
def test_entries_that_open_as_a_sentence_about_a_work(text, want):
    """A citation, its year in brackets and then a verb or a bracket opens a sentence about a work (an
    annotated reading list), not a bibliography entry (initials, or a full stop or a title after the year)."""
    assert _told(text) is want


@pytest.mark.parametrize("heading, want", [
    ("2. Literature Review", True), ("Review of the related literature", True), ("Literaturübersicht", True),
    ("A.2. Literatuurstudie", True), ("Revisão da literatura", True), ("Revisión de la literatura", True),
    ("Обзор литературы", True), ("Przegląd literatury", True),
    ("References", False), ("Literature Cited", False), ("Literaturverzeichnis", False), ("Literatura", False),
    ("Список литературы", False), ("Bibliografía", False),
])
def test_a_chapter_reviewing_the_literature_is_no_bibliography(heading, want):
    """A heading that names a review of the literature opens prose, not a list, in any of these languages."""
    assert reviews_literature(heading) is want
