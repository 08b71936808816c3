"""PDF text as printed and bibliographies cut by geometry: table tests of the text repairs, and small PDFs
drawn with reportlab the way TeX sets them (spacing accents over letters, hanging indents, label columns,
margin line numbers, running heads, a table of contents, a list printed without a heading)."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from acuref.read.documents import load_bytes
from acuref.read.extract import extract_with_report
from acuref.read.pdf_entries import label as _label
from acuref.read.pdf_chars import Glyph, compose_accents, fragment_text, fragments
from acuref.read.pdf_text import close_spaced_urls, rejoin, strip_backref, vocabulary

from pdfgen import DUNES as HANGING, set_text

FONT, SIZE, STEP = "Times-Roman", 10.0, 12.0


def _glyphs(spec: list[tuple[str, float, float]]) -> list[Glyph]:
    """Glyphs from (character, left, right) on one baseline."""
    return [Glyph(ch, left, 100.0, right, 110.0, left, 100.0, SIZE, i) for i, (ch, left, right) in enumerate(spec)]


@pytest.mark.parametrize("spec, want", [
    # the acute drawn before the letter it sits over (pdfTeX's \'o)
    ([("c", 0, 4), ("i", 4, 6), ("\u00b4", 7.0, 9.5), ("o", 6, 11), ("n", 11, 16)], "ción"),
    # the cedilla drawn after its c
    ([("F", 0, 5), ("r", 5, 8), ("a", 8, 12), ("n", 12, 17), ("c", 17, 21), ("\u00b8", 18, 20), ("o", 21, 26)],
     "Franço"),
    # an umlaut over a dotless i stays one letter, and over a
    ([("\u00a8", 0.5, 3.5), ("a", 0, 4), ("\u00b4", 4.2, 5.8), ("\u0131", 4, 6)], "äí"),
    # a tilde drawn far from its letter in drawing order (after the line) still finds it
    ([("M", 0, 8), ("u", 8, 13), ("n", 13, 18), ("o", 18, 23), ("z", 23, 27), ("\u02dc", 13.5, 17.5)], "Muñoz"),
    # an accent over nothing (a lone ASCII tilde in a URL) stays as it is
    ([("~", 0, 4), ("u", 5, 9)], "~u"),
])
def test_spacing_accents_go_back_on_their_letters(spec, want):
    """A spacing accent overlapping a letter becomes its combining mark, composed (NFC)."""
    assert "".join(g.ch for g in compose_accents(_glyphs(spec))) == want


@pytest.mark.parametrize("lines, words, want", [
    (["a model of Endo-", "scopic surgery"], ["Endoscopic"], "a model of Endoscopic surgery"),
    (["printers by Hewlett-", "Packard, 1999"], [], "printers by Hewlett-Packard, 1999"),
    (["a well-", "known result"], ["well-known"], "a well-known result"),
    (["State-of-", "the-Art models"], [], "State-of-the-Art models"),
    (["see https://doi.org/10.1000/", "xyz.2019.12 for"], [], "see https://doi.org/10.1000/xyz.2019.12 for"),
    (["at http://www.example.org/a-", "long/path.html"], [], "at http://www.example.org/a-long/path.html"),
    (["ends here.", "Next line"], [], "ends here.\nNext line"),
    # one half is a word of the document and the whole is not: the break stays for the normalisers' own rules
    (["a trans-", "lation"], ["trans"], "a trans-\nlation"),
    # neither half is a word of the document (which never spells the whole): a word broken by hyphenation
    (["Edge state in pipe flow exper-", "iments"], ["pipe", "flow"], "Edge state in pipe flow experiments"),
])
def test_lines_rejoin(lines, words, want):
    """Hyphens at line ends go where the document's own words say; links broken across lines close up."""
    vocab = vocabulary(words) if words else Counter()
    assert rejoin(lines, vocab) == want


@pytest.mark.parametrize("text, want", [
    ("A. Author. A title of a paper. Journal 3 (2001), pp. 1-9. Cited on pages 3, 17.",
     "A. Author. A title of a paper. Journal 3 (2001), pp. 1-9."),
    ("A. Author. A title of a paper. 2001 (cit. on p. 5).", "A. Author. A title of a paper. 2001"),
    ("A. Autor. Ein Titel. Berlin, 2001 (zitiert auf S. 12, 14).", "A. Autor. Ein Titel. Berlin, 2001"),
    ("A. Auteur. Un titre. Paris, 2001. Cité page 5.", "A. Auteur. Un titre. Paris, 2001."),
    ("A. Autor. Un título. Madrid, 2001 (citado en págs. 5, 9).", "A. Autor. Un título. Madrid, 2001"),
    ("B. Schrijver. Een titel. Gent, 2001. Geciteerd op pagina 12.", "B. Schrijver. Een titel. Gent, 2001."),
    ("A. Author. A title ending in pages 3, 17.", "A. Author. A title ending in pages 3, 17."),
])
def test_back_references_come_off(text, want):
    """biblatex's back-references are not part of the entry."""
    assert strip_backref(text) == want


@pytest.mark.parametrize("text, want", [
    ("url: http : / / example . org / a - b / c. Accessed 2014.", "url: http://example.org/a-b/c. Accessed 2014."),
    ("at https : / / code . example . com / Team -\nTools/Kit and more", "at https://code.example.com/Team-Tools/Kit and more"),
    ("plain https://example.org/a b", "plain https://example.org/a b"),
])
def test_stretched_urls_close_up(text, want):
    """A URL whose characters the url package spread out in a justified line reads without the gaps."""
    assert close_spaced_urls(text) == want


@pytest.mark.parametrize("line, want", [
    ("[12] A. Author", "12"), ("12. A. Author", "12"), ("(3) A. Author", "3"), ("[ABC12] A. Author", "ABC12"),
    ("[AB+15a] A. Author", "AB+15a"), ("[Name et al. 2017] A. Author", "Name et al. 2017"),
    ("Author, A. 2001", None), ("2001. A title", "2001"),
])
def test_labels(line, want):
    """The label a line starts with, whatever its shape (the region's label kind decides which count)."""
    assert _label(line) == want


def test_letter_spaced_heading_reads_as_words():
    """A letter-spaced small-caps heading ("B I B L I O G R A P H Y") reads as its word."""
    spec, x = [], 0.0
    for ch in "BIBLIOGRAPHY":
        spec.append((ch, x, x + 6))
        x += 9  # three points of letter spacing
    (frag,) = fragments(_glyphs(spec))
    assert fragment_text(frag) == "BIBLIOGRAPHY"


def _pdf(draw) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    draw(c)
    c.save()
    return buf.getvalue()


def _entries(data: bytes) -> tuple[list[str], list]:
    sources, skipped = extract_with_report(load_bytes(data, "doc.pdf"))
    return [s.raw for s in sources], skipped


def _set(c, x: float, y: float, text: str, width: float, first: float, rest: float) -> float:
    """Set text wrapped to width, the first line at indent first and the others at rest; the next y."""
    return set_text(c, x, y, text, width, first, rest, font=FONT, size=SIZE, step=STEP)


def _thesis(c, entries: list[str], *, labels: bool, heading: str | None = "Bibliography", toc: bool = True,
            numbers: bool = False, flush: bool = False) -> None:
    """Pages of a one-column thesis: a table of contents, a chapter whose prose cites a full reference in a
    footnote, then the bibliography (hanging indent, or labels in a column); running heads and folios."""
    page = [0]

    def new_page(head: str) -> None:
        if page[0]:
            c.showPage()
        page[0] += 1
        c.setFont(FONT, 8)
        if head:  # a chapter's opening page carries no running head
            c.drawString(72, 800, head)
        c.drawCentredString(297, 40, str(page[0]))
        c.setFont(FONT, SIZE)

    if toc:
        new_page("Contents")
        c.setFont("Times-Bold", 16)
        c.drawString(72, 740, "Contents")
        c.setFont(FONT, SIZE)
        for i, (name, at) in enumerate([("1 Introduction", 2), ("2 Methods of counting", 3),
                                        (heading or "Bibliography", 4)]):
            c.drawString(72, 700 - i * STEP, name)
            c.drawRightString(520, 700 - i * STEP, str(at))
    new_page("Chapter 1. Introduction")
    c.setFont("Times-Bold", 16)
    c.drawString(72, 740, "1 Introduction")
    c.setFont(FONT, SIZE)
    y = 710.0
    for _ in range(3):
        y = _set(c, 72, y, "Birds were counted on the dunes every spring, as the earlier census had done, and "
                 "the counts were compared with what the habitat model predicted for each island.", 450, 12, 0)
    c.setFont(FONT, 8)
    c.drawString(72, 90, "1 Aalders, P. and Brink, Q. (2003). Counting the birds of the northern dunes by ear. "
                 "Journal of Field Ornithology 12(3), 101-119.")
    new_page("")
    y = 740.0
    if heading:
        c.setFont("Times-Bold", 16)
        c.drawString(72, y, heading)
        c.setFont(FONT, SIZE)
        y -= 30
    for n, entry in enumerate(entries, start=1):
        if y < 100:  # the bibliography runs on: a new page under the same running head
            new_page(heading or "Bibliography")
            y = 760.0
        if labels:
            c.drawString(72, y, f"[{n}]")
            y = _set(c, 72, y, entry, 450, 24, 24)
        else:
            y = _set(c, 72, y, entry, 450, 0, 0 if flush else 18)
        if numbers:
            c.drawString(40, y + STEP, str(n * 5))
        y -= 0 if flush else 3


@pytest.mark.parametrize("labels", [False, True])
def test_thesis_bibliography_is_cut_by_geometry(labels):
    """Every entry of a hanging-indent or labelled bibliography comes out whole and alone; the table of
    contents, the running heads, the folios and the footnote citation do not."""
    found, skipped = _entries(_pdf(lambda c: _thesis(c, HANGING, labels=labels)))
    assert len(found) == len(HANGING)
    for got, want in zip(found, HANGING):
        assert " ".join(got.split()).endswith(want[-20:])
    assert skipped == []


FLUSH = [
    "Aalders, P.; Brink, Q.; and de Vries, R. 2003. Counting the birds of the northern dunes by ear, island by "
    "island, in the spring of every year. Journal of Field Ornithology 12(3):101-119.",
    "Bakker, S., and Claes, T. 2011. A census model for coastal breeding birds. In Proceedings of the Seventh "
    "Conference on Ecological Modelling, 44-52.",
    "Birdwatch Society. 2019. Spring counts on the Wadden islands. https://example.org/counts/spring.",
    "Dekker, U.; Evers, V.; Faber, W.; Groot, X.; Hendriks, Y.; and Jansen, Z. 2015. Predicting nests from "
    "habitat maps. Ecology Letters 18:1-9.",
    "Kuiper, A. 2008. Dune Birds. Amsterdam: Natura Press.",
    "Mulder, B., and Nijland, C. 2020. The northern dunes, twenty years on: a resurvey of breeding pairs and "
    "the habitat they use. Ardea 108(2):33-47.",
]


def test_flush_list_without_gaps_is_cut_at_entry_starts():
    """An author-year list set flush with no space between entries (AAAI's style) is cut where a line opens
    like an entry after one that ends like one, not taken as one block."""
    found, _ = _entries(_pdf(lambda c: _thesis(c, FLUSH, labels=False, flush=True)))
    assert len(found) == len(FLUSH)
    for got, want in zip(found, FLUSH):
        assert " ".join(got.split()).endswith(want[-20:])


def test_margin_line_numbers_are_not_text():
    """A review manuscript's line numbers in the margin do not get into the entries."""
    found, _ = _entries(_pdf(lambda c: _thesis(c, HANGING, labels=False, numbers=True)))
    assert len(found) == len(HANGING)
    assert all(not got.split()[0].isdigit() for got in found)


SHORT = [
    "A. B. Smith and C. Jones, Phys. Rev. Lett. 99, 123401 (2007).",
    "D. Miller, Phys. Rev. A 54, 1098 (1996).",
    "E. F. Brown, G. H. White, and I. Black, Nature (London) 412, 313 (2001).",
    "J. Green, Rev. Mod. Phys. 81, 1051 (2009).",
    "K. Grey and L. Stone, Science 352, 1562 (2016).",
    "M. Brook, J. Opt. Soc. Am. B 17, 33 (2000).",
]


def test_unheaded_numbered_list_with_short_entries():
    """A numbered list printed with no heading (REVTeX) is the bibliography, short entries and all."""
    found, _ = _entries(_pdf(lambda c: _thesis(c, SHORT, labels=True, heading=None, toc=False)))
    assert len(found) == len(SHORT)


def test_accents_drawn_as_separate_glyphs():
    """Text drawn as pdfTeX draws OT1 accents (a spacing acute over the letter) reads as the accented word."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def draw(c) -> None:
        c.setFont(FONT, 12)
        c.drawString(72, 700, "Motivaci")
        x = 72 + stringWidth("Motivaci", FONT, 12)
        c.drawString(x + (stringWidth("o", FONT, 12) - stringWidth("\u00b4", FONT, 12)) / 2, 700, "\u00b4")
        c.drawString(x, 700, "on y m\u00e9todos")

    doc = load_bytes(_pdf(draw), "accents.pdf")
    assert "Motivación y métodos" in doc.lines[0].text


def test_sideways_page_reads_in_lines():
    """A page set sideways (a landscape page turned by the viewer) reads line by line, left to right."""
    def draw(c) -> None:
        c.setFont(FONT, SIZE)
        c.drawString(72, 780, "References")
        c.saveState()
        c.translate(300, 120)
        c.rotate(90)
        for n, entry in enumerate(SHORT, start=1):
            c.drawString(0, -n * STEP, f"[{n}] {entry}")
        c.restoreState()

    doc = load_bytes(_pdf(draw), "sideways.pdf")
    assert any(line.text == f"[2] {SHORT[1]}" for line in doc.lines)


@pytest.mark.parametrize("lines, full, want", [
    (["at https://example.org/abcdefghij", "klmno/page.html"], [True], "at https://example.org/abcdefghijklmno/page.html"),
    (["at https://example.org/page", "2019."], [False], "at https://example.org/page\n2019."),
])
def test_links_break_anywhere_only_at_the_margin(lines, full, want):
    """A link broken after a letter is rejoined only where its line ran to the right margin."""
    assert rejoin(lines, Counter(), full) == want


def test_bibliography_over_pages_under_its_own_running_head():
    """A bibliography of several pages whose running head repeats its heading is found whole, its heading
    not mistaken for the running head."""
    many = HANGING * 8
    found, skipped = _entries(_pdf(lambda c: _thesis(c, many, labels=False)))
    assert len(found) == len(many) and skipped == []


def test_numbered_list_interrupted_by_a_page_of_text():
    """An unheaded numbered list that a page of other text interrupts mid-entry comes out whole: the entry's
    last lines, printed before the next number, finish it."""
    entries = SHORT + HANGING[:1] + HANGING  # the last five wrap: their second lines show the indent

    def draw(c) -> None:
        c.setFont(FONT, SIZE)
        y = 700.0
        for n, entry in enumerate(entries[:6], start=1):
            c.drawString(72, y, f"[{n}]")
            y = _set(c, 72, y, entry, 450, 24, 24) - 3
        c.drawString(72, y, "[7]")
        c.drawString(96, y, "N. Writer, O. Reader, and P. Editor, Broken entries")
        c.showPage()
        c.setFont(FONT, SIZE)
        for k in range(16):  # a page of the paper's text, placed by the typesetter between the list's pages
            c.drawString(72, 760 - k * STEP, "The counts went on through the winter and the spring of that year.")
        c.showPage()
        c.setFont(FONT, SIZE)
        c.drawString(96, 760, "in long lists, J. Typeset. 3, 77 (2019).")
        y = 760 - STEP - 3
        for n, entry in enumerate(entries[7:], start=8):
            c.drawString(72, y, f"[{n}]")
            y = _set(c, 72, y, entry, 450, 24, 24) - 3

    found, _ = _entries(_pdf(draw))
    assert len(found) == len(entries)  # six, the broken seventh, then five more
    assert any("Broken entries" in f and "J. Typeset. 3, 77 (2019)" in f for f in found)


def _list_around_a_table(c) -> list[str]:
    """A two-column author-year list (hanging indent) whose second page opens with a table across both columns,
    the list going on below it in each column; the entries in the order printed."""
    entries = [f"{name}, {initial}. ({1990 + n}). Counting birds on island {n} of the northern dunes, with a "
               f"note on the census. Journal of Field Ornithology {n}, {100 + n}-{110 + n}."
               for n, (name, initial) in enumerate([("Aalders", "P"), ("Brink", "Q"), ("Corvers", "R"),
                                                    ("Dekker", "S"), ("Evers", "T"), ("Faber", "U"),
                                                    ("Groot", "V"), ("Hendriks", "W"), ("Jansen", "X"),
                                                    ("Kuiper", "Y"), ("Mulder", "Z"), ("Nijland", "A"),
                                                    ("Oost", "B"), ("Peters", "C")], start=1)]
    c.setFont(FONT, 8)
    c.drawCentredString(297, 40, "11")  # the folio
    c.setFont("Times-Bold", 12)
    c.drawString(50, 780, "References")
    c.setFont(FONT, SIZE)
    at = iter(entries)
    for x in (50, 310):  # page 1: four entries a column
        y = 760.0
        for _ in range(4):
            y = _set(c, x, y, next(at), 230, 0, 12)
    c.showPage()
    c.setFont(FONT, 8)
    c.drawCentredString(297, 40, "12")
    c.setFont(FONT, SIZE)
    c.drawString(50, 780, "Table 2. Birds counted per island and year")
    for row in range(6):  # the table's rows run across both columns
        c.drawString(120, 750 - row * STEP, f"Island {row}   {10 * row}   {row * 3}")
        c.drawString(330, 750 - row * STEP, f"{row * 0.5:.2f}   {row * 7}   {row + 1}")
    for x in (50, 310):  # the list goes on under the table: three entries a column
        y = 660.0
        for _ in range(3):
            y = _set(c, x, y, next(at), 230, 0, 12)
    return entries


def test_table_across_columns_inside_the_list_is_set_aside():
    """A table printed across both columns inside a two-column list neither ends the list nor glues its rows
    to an entry: every entry after it comes out whole, and the table goes to skipped."""
    entries: list[str] = []
    found, skipped = _entries(_pdf(lambda c: entries.extend(_list_around_a_table(c))))
    assert len(found) == len(entries)
    for got, want in zip(found, entries):
        assert " ".join(got.split()).endswith(want[-20:])
    assert any("Island" in s.printed for s in skipped)


@pytest.mark.parametrize("text, want", [
    # T1 (Cork) codes of a bitmap font with no Unicode map: ligatures, dashes, quotes
    ("E\x1bect of in\x1dammation on \x1cbrosis \x15 a \x10review\x11", "Effect of inflammation on fibrosis – a “review”"),
    # OT1 codes: the ligatures sit lower; PDFium's own line end (\r\n) stays a line end
    ("E\x0bect of in\x0dammation on \x0cbrosis\r\nand o\x0ece", "Effect of inflammation on fibrosis\r\nand office"),
    ("Plain text without such codes", "Plain text without such codes"),
])
def test_raw_tex_codes_read_as_letters(text, want):
    """A TeX font embedded without a Unicode map hands over raw codes: its ligatures read as their letters."""
    from acuref.read.pdf_chars import tex_chars

    printed = tex_chars([ord(c) for c in text])
    assert "".join(printed.get(k, c) for k, c in enumerate(text)) == want
