"""Layouts met in PDFs nobody here tuned on, drawn with reportlab the way their classes set them: beamer slides
whose bibliography runs over frames titled "References i", "References ii", ...; an academic CV whose
publication list, on a page of its own, is set tighter than its other text; and hyperref's page back-references
at the end of each entry."""

from __future__ import annotations

import io
import timeit

import pytest
from reportlab.pdfgen import canvas

from acuref.read.documents import load_bytes
from acuref.read.extract import extract_with_report
from acuref.read.pdf_entries import breaks_author_list, credits_figure
from acuref.read.pdf_text import strip_backref, strip_page_lists
from acuref.read.sections import is_back_matter

from pdfgen import DUNES, found_raws, set_text

FONT, SIZE = "Helvetica", 12.0
SLIDE = (364.0, 273.0)  # beamer's 128 mm x 96 mm, in points

# Author-year entries as beamer sets them: authors and year, then the title, then the container, a line each.
WORKS = [
    ("Aalders, P. and Brink, Q. (2003).",
     "Counting the birds of the dunes.", "Journal of Field Ornithology, 12:101-119."),
    ("Brink, Q. (1999).", "A short history of dune management.", "Coastal Press, Leiden."),
    ("Corvers, R. and Vos, T. (2011).", "Twenty years of breeding pairs.", "Ecological Records, 44:15-38."),
    ("Dekker, S. (2015).", "Field guide to sand and marsh.", "Wadden Books, Groningen."),
    ("Vos, T. and Corvers, R. (2020).", "Where did the larks go?", "Dune Ecology Letters, 7:e2031."),
    ("Zwart, H. (2018).", "Marram grass and the wind.", "Sand Studies, 3(2):44-51."),
]


def _frame(c, title: str, lines: list[str], number: int) -> None:
    """One slide: its title set large at the top, its lines in body type, the frame number in the corner."""
    c.setFont(FONT, 14.4)
    c.drawString(12, 250, title)
    c.setFont(FONT, SIZE)
    y = 200.0
    for line in lines:
        c.drawString(28, y, line)
        y -= 16.6
    c.setFont(FONT, 6)
    c.drawString(340, 6, str(number))
    c.showPage()


def _slides(title_font: str, numerals: list[str]) -> bytes:
    """A talk of two frames, then its bibliography over three frames titled by count in title_font."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=SLIDE)
    _frame(c, "Counting birds by ear", ["Why counts by ear disagree [Brink, 1999]", "What the census missed"], 1)
    _frame(c, "Results", ["Pairs per island fell by a third [Vos and Corvers, 2020]", "Larks most of all"], 2)
    for n, roman in enumerate(numerals):
        c.setFont(title_font, 14.4)
        c.drawString(12, 250, f"References {roman}")
        c.setFont(FONT, SIZE)
        y = 200.0
        for work in WORKS[2 * n:2 * n + 2]:
            for line in work:
                c.drawString(48, y, line)
                y -= 16.6
            y -= 6  # beamer's \bibitemsep
        c.setFont(FONT, 6)
        c.drawString(340, 6, str(3 + n))
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("title_font, numerals", [
    (FONT, ["i", "ii", "iii"]),
    ("Helvetica-Bold", ["i", "ii", "iii"]),
    ("Helvetica-Bold", ["I", "II", "III"]),  # beamer's default \@Roman count
])
def test_slides_bibliography_over_frames_titled_by_count(title_font, numerals):
    """A bibliography on frames each titled "References i", "References ii", ... (the title recurring at every
    page's top, as a running head does) is found under the first title and cut into its works."""
    sources, _ = extract_with_report(load_bytes(_slides(title_font, numerals), "talk.pdf"))
    assert found_raws(sources) == [" ".join(work) for work in WORKS]


CV_WORKS = [
    "P. Aalders and Q. Brink. Counting the birds of the northern dunes by ear. Journal of Field Ornithology, "
    "12(3):101-119, 2003.",
    "R. Corvers, P. Aalders, S. Dekker, T. Vos, H. Zwart, M. de Wit, J. Smit, A. Bakker, and W. Tiemens. "
    "Twenty years of breeding pairs. Ecological Records, 44:15-38, 2011.",
    "S. Dekker and R. Corvers. Field guide to sand and marsh. Wadden Books, Groningen, 2015.",
    "T. Vos and R. Corvers. Where did the larks go? Dune Ecology Letters, 7:e2031, 2020.",
    "H. Zwart and P. Aalders. Marram grass and the wind, measured over ten winters on three islands. Sand "
    "Studies, 3(2):44-51, 2018.",
]


def test_cv_publication_list_set_tighter_than_the_page():
    """A CV's publications set with a smaller leading than its other text and a small gap between entries: the
    gaps part the entries (measured against the list's own leading), and an author list broken after an
    initial ("..., and W.") is no entry's end."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    y = 740.0
    for heading, rows in [("Education", ["2011-2017 PhD in Ecology, University of the Dunes",
                                         "2006-2008 MS in Biology, Coastal University"]),
                          ("Awards", ["Field Station Fellowship", "Best Student Paper, Dune Society"]),
                          ("Service", ["Reviewer: Ecological Records, Sand Studies", "Co-organizer: Dune Days"])]:
        c.setFont("Helvetica-Bold", 14.3)
        c.drawString(57, y, heading)
        y -= 20
        c.setFont(FONT, 10)
        for row in rows * 3:
            c.drawString(145, y, row)
            y -= 14
        y -= 10
    c.showPage()
    c.setFont("Helvetica-Bold", 14.3)
    c.drawString(57, 740, "Publications")
    y = 710.0
    for work in CV_WORKS:
        y = set_text(c, 148, y, work, 300, 0, 0, font=FONT, size=10, step=12) - 5
    c.save()
    sources, _ = extract_with_report(load_bytes(buf.getvalue(), "cv.pdf"))
    assert found_raws(sources) == CV_WORKS


BACKREFS = [
    ("A. Aalders and B. Brink. Counting the birds of the dunes by ear. Journal of Field Ornithology, 12(3), 2003. 1, 4",
     "A. Aalders and B. Brink. Counting the birds of the dunes by ear. Journal of Field Ornithology, 12(3), 2003."),
    ("Q. Brink. A short history of dune management. Coastal Press, Leiden, 1999. 2",
     "Q. Brink. A short history of dune management. Coastal Press, Leiden, 1999."),
    ("R. Corvers and T. Vos. Twenty years of breeding pairs. In Proceedings of the Dune Days, 2011. 3, 5,\n7",
     "R. Corvers and T. Vos. Twenty years of breeding pairs. In Proceedings of the Dune Days, 2011."),
    ("T. Vos. Where did the larks go? Dune Ecology Letters, 7, 2020. 1.2, 3, 4.1.5",  # backref=section
     "T. Vos. Where did the larks go? Dune Ecology Letters, 7, 2020."),
    ("S. Dekker. Field guide to sand and marsh. Wadden Books, Groningen, 2015.",  # cited by \nocite only
     "S. Dekker. Field guide to sand and marsh. Wadden Books, Groningen, 2015."),
]


def test_hyperref_page_back_references_come_off():
    """hyperref's back-references (the pages citing each entry, bare after its last full stop) come off the
    entries of a list most of whose entries end that way, and are not read as a volume or a page."""
    assert strip_page_lists([text for text, _ in BACKREFS]) == [want for _, want in BACKREFS]


@pytest.mark.parametrize("texts", [
    ["Dune Society. Annual report of the society, volume 2. Report 12", "Q. Brink. Dunes. Coastal Press, 1999.",
     "T. Vos. Larks. Dune Letters, 2020."],  # one entry ending in a number: no list of back-references
    ["A. Aalders. Counting birds. Field Notes, 2003. 4, 2", "Q. Brink. Dunes. Coastal Press, 1999. 9, 3",
     "T. Vos. Larks. Dune Letters, 2020. 8, 1"],  # numbers that do not rise are no pages of citations
])
def test_numbers_at_entry_ends_stay_without_a_back_reference_list(texts):
    """Entries keep a number at their end unless most of the list ends in rising page numbers."""
    assert strip_page_lists(texts) == texts


@pytest.mark.parametrize("entry", [
    "Gesetz zur Pflege der Dünen vom 3. Mai 2009, BGBl. I S. 2954",
    "A. Aalders. Counting the birds of the dunes. Field Notes, 2003, Vol. 5, No. 3",
    "Q. Brink. A short history of dune management. Coastal Institute, 1999. Tech. Rep. 12",
    "T. Vos. Where did the larks go? Dune Ecology Letters. 2020",
])
def test_numbers_after_an_abbreviation_or_a_year_alone_stay_in_a_back_reference_list(entry):
    """In a list whose entries end in back-references, a number after an abbreviation and a year alone stay."""
    texts = [text for text, _ in BACKREFS[:4]] + [entry]
    assert strip_page_lists(texts)[-1] == entry


@pytest.mark.parametrize("line, want", [
    ("Abbildung 14.4 Foto der Tasse lizenzfrei unter einer freien Lizenz", True),
    ("Figure 3. Photograph of the dunes by the author", True),
    ("Fig. 2 redrawn after the census report", True),
    ("Tabelle 5.1 übernommen aus dem Bericht", True),
    ("Tabla 2 tomada del informe del censo", True),
    ("Tabela 4.2 adaptada do relatório", True),
    ("Tabel 3 overgenomen uit het rapport", True),
    ("Figueroa, A. (2003). Counting birds. Field Notes 2, 1-9.", False),
    ("Tables of the dunes. Coastal Press, 1999.", False),
])
def test_lines_naming_a_figure(line, want):
    """A line opening with a figure's or table's number reads as an entry of a list of the figures' sources
    ("Abbildungsquellen"), a line opening with a name or a title's first word does not."""
    assert credits_figure(line) is want


@pytest.mark.parametrize("line, want", [
    ("R. Corvers, P. Aalders, S. Dekker, T. Vos, H. Zwart, M. de Wit, and W.", True),
    ("Aalders, P., Brink, Q., Corvers, R. & S.", True),
    ("Aalders, P., Brink, Q., Corvers, R.,", False),
    ("Vos, T. (2003). Dune birds. Coastal Institute, Washington, D.C.", False),
    ("Zwart, H. (2018). Marram grass. Dune Press, Cambridge, U.K.", False),
    ("Dekker, S. Sand ripples in the wind. Physical Review B.", False),
])
def test_lines_breaking_an_author_list(line, want):
    """Initials after "and" or after a comma on a line without a year break an author list; a place or a
    journal's series letter ends an entry."""
    assert breaks_author_list(line) is want


def test_flush_list_parted_by_a_fifth_of_a_line():
    """On a slide, entries set flush with a fifth of a line between them (the repeated author a dash) are parted
    by those gaps alone, not after every line ending in a full stop."""
    entries = [
        ["Aalders, Piet et al. (2003). “Counting the birds of the dunes”. In:", "Journal of Field Ornithology."],
        ["Brink, Quirijn (1999). “A short history of dune management”. In:", "Proceedings of the Dune Days.",
         "ACM, pp. 147–156."],
        ["— (2001). “Dune management revisited”. In: Coastal Studies 4,", "pp. 1–8."],
        ["Corvers, Roel and Tom Vos (2011). “Twenty years of breeding pairs”.", "In: Ecological Records 44."],
        ["Dekker, Sanne (2015). “Field guide to sand and marsh”. In: Wadden", "Notes 2, pp. 3–9."],
        ["Vos, Tom (2020). “Where did the larks go?” In: Dune Ecology Letters.", "IEEE, pp. 10–19."],
    ]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=SLIDE)
    c.setFont(FONT, 14.4)
    c.drawString(12, 250, "References")
    c.setFont(FONT, 9)
    y = 225.0
    for entry in entries:
        for line in entry:
            c.drawString(45, y, line)
            y -= 11
        y -= 2.2
    c.save()
    sources, _ = extract_with_report(load_bytes(buf.getvalue(), "talk.pdf"))
    assert found_raws(sources) == [" ".join(entry) for entry in entries]


def test_author_year_keys_long_or_year_alone_open_entries():
    """AAAI's keys: "[Name, Name, and Name 2015]" longer than forty characters, and "[2012]" where the key
    leaves out the names of the entry above; each opens an entry."""
    entries = [
        "[Aalders and Brink 2003] Aalders, P., and Brink, Q. 2003. Counting the birds of the dunes by ear. "
        "Journal of Field Ornithology 12(3):101-119.",
        "[Corvers-Westerveld, Aalders, and Dekkerman 2011] Corvers-Westerveld, R.; Aalders, P.; and "
        "Dekkerman, S. 2011. Twenty years of breeding pairs. Ecological Records 44:15-38.",
        "[2012] Corvers-Westerveld, R.; Aalders, P.; and Dekkerman, S. 2012. Thirty years of breeding pairs. "
        "Ecological Records 45:1-9.",
        "[Vos 2020] Vos, T. 2020. Where did the larks go? Dune Ecology Letters 7:e2031.",
        "[Zwart 2018] Zwart, H. 2018. Marram grass and the wind. Sand Studies 3(2):44-51.",
    ]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612, 792))
    c.setFont("Times-Bold", 12)
    c.drawString(72, 740, "References")
    y = 720.0
    for entry in entries:
        y = set_text(c, 72, y, entry, 240, 0, 5, size=10, step=11) - 3
    c.save()
    sources, _ = extract_with_report(load_bytes(buf.getvalue(), "paper.pdf"))
    assert found_raws(sources) == entries


@pytest.mark.parametrize("text, want", [
    ("Müller, A. Ein Buch über Dünen. Berlin: Springer, 2003 (siehe S. 3, 17).",
     "Müller, A. Ein Buch über Dünen. Berlin: Springer, 2003"),
    ("Dupont, J. Les dunes du nord. Paris : Belin, 2001 (cf. p. 12).",
     "Dupont, J. Les dunes du nord. Paris : Belin, 2001"),
    ("García, J. Las dunas del norte. Madrid, 2003 (véanse págs. 3, 5).",
     "García, J. Las dunas del norte. Madrid, 2003"),
    ("Jansen, P. De duinen van het noorden. Leiden, 2010 (zie pag. 4).",
     "Jansen, P. De duinen van het noorden. Leiden, 2010"),
    ("Kowalski, J. Wydmy północy. Warszawa, 2003 (cyt. na s. 7).", "Kowalski, J. Wydmy północy. Warszawa, 2003"),
    ("Smith, J. Dunes of the north. Coastal Press, 2001. Ver 2.",
     "Smith, J. Dunes of the north. Coastal Press, 2001. Ver 2."),
    ("Lee, K. Dune birds. Proc. Coastal Days, 2004, Vancouver pp. 1-9",
     "Lee, K. Dune birds. Proc. Coastal Days, 2004, Vancouver pp. 1-9"),
    ("Meier, K. Dünen. Niedersachsen, Hannover S. 12", "Meier, K. Dünen. Niedersachsen, Hannover S. 12"),
    ("Hale, R. Dune walks. New York: Random House pp. 12-19", "Hale, R. Dune walks. New York: Random House pp. 12-19"),
])
def test_see_page_back_references_come_off(text, want):
    """biblatex's back-references in the languages that say "see page" (German's "siehe S.", French "cf. p.",
    Spanish "véanse págs.", Dutch "zie pag.", Polish "cyt. na s.") come off; a short word and a number without
    a page word stay."""
    assert strip_backref(text) == want


def _best_time(text: str) -> float:
    """The shortest of five timings of taking the back-reference off text."""
    return min(timeit.timeit(lambda: strip_backref(text), number=10) for _ in range(15))


@pytest.mark.parametrize("make", [
    lambda n: "Müller, A. Ein Buch über Dünen. 2003 (siehe S. " + "i " * n + "q",  # "i": a numeral and a word
    lambda n: "Müller, A. Ein Buch über Dünen. 2003" + " " * (10 * n) + "q",  # a long run of spaces
])
def test_back_reference_search_time_grows_linearly(make):
    """Doubling an entry that almost ends in a back-reference about doubles the time to read it (a cubic
    search would take eight times as long, an exponential one hang)."""
    assert _best_time(make(200)) < 6 * _best_time(make(100))


@pytest.mark.parametrize("heading, want", [
    ("Annex", True), ("Annex A", True), ("Anexos", True), ("Supplementary Materials", True),
    ("Statutory Declaration", True), ("Eigenständigkeitserklärung", True), ("Index of names", True),
    ("Indices", True), ("B Anhang", True), ("Declaration of Authorship", True), ("Glossary", True),
    ("A Declaration of Independence", False), ("Register", False), ("Biography", False),
    ("Indexing the dunes", False), ("Annexation of the islands", False),
])
def test_back_matter_headings(heading, want):
    """Headings of a thesis's back matter end a bibliography; a title opening with such a word, or a bare word
    a bibliography's subheading may use, does not."""
    assert is_back_matter(heading) is want


def test_declaration_after_the_bibliography_ends_it():
    """A thesis's bibliography headed as a chapter, then a declaration headed in bold body type (smaller than
    the chapter's heading): the declaration is back matter, outside the bibliography."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    c.setFont("Times-Bold", 20)
    c.drawString(72, 760, "Literaturverzeichnis")
    y = 720.0
    for entry in DUNES:
        y = set_text(c, 72, y, entry, 450, 0, 18, size=10, step=12) - 3
    c.setFont("Times-Bold", 10)
    c.drawString(72, y - 20, "Eidesstattliche Erklärung")
    set_text(c, 72, y - 44, "Hiermit erkläre ich, Piet Aalders, dass ich die vorliegende Arbeit im Jahr 2014 "
             "selbstständig verfasst und keine anderen als die angegebenen Quellen benutzt habe.", 450, 0, 0,
             size=10, step=12)
    c.save()
    sources, skipped = extract_with_report(load_bytes(buf.getvalue(), "arbeit.pdf"))
    assert found_raws(sources) == DUNES
    assert not skipped  # the declaration is no candidate of the bibliography at all
