"""Web pages the review of the <br> and button-row rules found read wrongly: links one a line, bare DOIs, footers."""

from __future__ import annotations

import time

import pytest

from acuref.read.htmltext import html_lines
from acuref.read.judge import judge
from acuref.read.mdsource import admonitions, footnote_rows
from acuref.read.sections import is_notes_heading
from acuref.read.segment import segment
from acuref.read.tables import row_as_entry
from conftest import found_in, page_of


@pytest.mark.parametrize("body, expected", [
    # One link after a <br> closes the entry above it; a second link line is an entry of its own.
    ("<h2>References</h2><p>Smith J. Birds of Kent. 2010.<br>https://a.org/one<br>"
     "https://b.org/two – Herons of Kent, 2012</p>",
     ["Smith J. Birds of Kent. 2010. https://a.org/one", "https://b.org/two – Herons of Kent, 2012"]),
    # A paragraph of links, one a line, stays one entry a line.
    ("<h2>References</h2><p>Available at https://a.org/x Roe, 2001<br>Available at https://b.org/y Poe, 2002</p>",
     ["Available at https://a.org/x Roe, 2001", "Available at https://b.org/y Poe, 2002"]),
    # Bare DOIs, a block each, are three references; a row of link words with a DOI is the entry's above it.
    ("<h2>References</h2><p>https://doi.org/10.1000/a1</p><p>https://doi.org/10.1000/a2</p>"
     "<p>https://doi.org/10.1000/a3</p>",
     ["https://doi.org/10.1000/a1", "https://doi.org/10.1000/a2", "https://doi.org/10.1000/a3"]),
    ("<h2>References</h2><p>Roe, J. (2011). Gulls of Kent. Avis, 4, 1-9.</p><p>PDF Cite https://doi.org/10.1000/a2</p>",
     ["Roe, J. (2011). Gulls of Kent. Avis, 4, 1-9. https://doi.org/10.1000/a2"]),
])
def test_link_lines_and_bare_dois_keep_their_entries_apart(body, expected):
    """A link line joins the entry above it once; bare DOIs stay apart; a button row gives its DOI to the entry."""
    found, _ = found_in(page_of(body), "p.html")
    assert found == expected


def test_a_paragraph_of_link_lines_reads_in_linear_time():
    """Doubling a paragraph of links set out with <br> about doubles the time (it was quadratic)."""
    def seconds(n: int) -> float:
        body = "<h2>References</h2><p>" + "".join(f"https://a{k}.org/x<br>" for k in range(n)) + "</p>"
        start = time.perf_counter()
        found_in(page_of(body), "p.html")
        return time.perf_counter() - start

    seconds(200)  # warm the caches and imports
    small, large = seconds(3000), seconds(6000)
    assert large < 3.5 * small + 0.5


@pytest.mark.parametrize("text, reason", [
    ("Birds of Kent | Penguin | 2010", None),
    ("Knuth | The Art of Computer Programming | 1968", None),
    ("Autor: J. Roe | College of Kent | WS 2024/25", "a line of the page's particulars (author | school | term), "
                                                    "not a reference"),
    ("See above, Smith 2010, p. 3.", None),
    ("Cf. supra note 3; Smith, Birds, 2010, p. 4.", None),
    ("See above, note 3, p. 2.", "repeats an earlier note (ibid., op. cit.)"),
    ("Vgl. oben, S. 14.", "repeats an earlier note (ibid., op. cit.)"),
])
def test_bars_and_pointers_that_still_cite(text, reason):
    """A title | publisher | year line cites; so does a pointer ("See above") followed by a dated citation."""
    assert judge(text) == reason


@pytest.mark.parametrize("heading, notes", [
    ("Notes", True), ("Notes et références", True), ("Sources and notes", True), ("Anmerkungen", True),
    ("脚注", True), ("注", True), ("注释", True), ("각주", True),
    ("Release notes", False), ("Lecture notes", False), ("注意事项", False), ("註冊", False),
])
def test_which_headings_are_over_notes(heading, notes):
    """A notes word opens the heading (or follows "and"); a CJK notes word is the whole heading or its first word."""
    assert is_notes_heading(heading) is notes


@pytest.mark.parametrize("body, expected", [
    ("<article><h1>Herons</h1><p>Text.</p><footer><h3>Sources</h3><ul><li>Smith J. (2010). Herons of Kent. "
     "Avis, 3, 4-9.</li></ul></footer></article>", ["Smith J. (2010). Herons of Kent. Avis, 3, 4-9."]),
    ("<h2>References</h2><blockquote><p>Birds fly.</p><footer>— Smith, <cite>Birds of Kent</cite>, 2010</footer>"
     "</blockquote>", ["— Smith, Birds of Kent, 2010"]),
    ("<h2>References</h2><p>Roe, J. (2011). Gulls of Kent. Avis, 4, 1-9.</p>"
     "<footer><p>© 2024 The Bird Society | Privacy</p></footer>", ["Roe, J. (2011). Gulls of Kent. Avis, 4, 1-9."]),
])
def test_a_footer_with_sources_or_under_a_quotation_is_read(body, expected):
    """A footer holding a heading and a list, or naming a quotation's source, is read; a page's footer is not."""
    found, _ = found_in(page_of(body), "p.html")
    assert found == expected


@pytest.mark.parametrize("body, expected", [
    # A name, then a sentence to the reader: no undated entry.
    ("<h2>Bibliography</h2><p>Kassel, Germany. Our library is open every weekday.</p>"
     "<p>Roe, Jane. Write to us at any time.</p><p>Amsel, Karin. Les oiseaux du marais.</p>",
     ["Amsel, Karin. Les oiseaux du marais."]),
    # A short-form citation ("see Smith 2010") in a notes section cites; a plain sentence is a note.
    ("<h2>Notes</h2><ol><li>This is discussed in the chapter on herons and gulls, see Smith 2010.</li>"
     "<li>Counted by hand in the marsh in May 2019.</li></ol>",
     ["This is discussed in the chapter on herons and gulls, see Smith 2010."]),
])
def test_sentences_after_a_name_and_short_form_citations(body, expected):
    """"Family, Given." and a sentence is no entry; a note citing "Name year" is one."""
    found, _ = found_in(page_of(body), "p.html")
    assert found == expected


@pytest.mark.parametrize("paragraph, texts", [
    ("<p>Jane Roe. The Crows of Kent<br>Tom Poe. The Gulls of Kent</p>",
     [["Jane Roe. The Crows of Kent"], ["Tom Poe. The Gulls of Kent"]]),
    ("<p>Smith, John<br>This site is kept up by a few volunteers.</p>",
     [["Smith, John"], ["This site is kept up by a few volunteers."]]),
    ("<p><b>Amsel, Karin</b><br><i>Les oiseaux du marais</i><br>Seeverlag, 2011.</p>",
     [["Amsel, Karin.", "Les oiseaux du marais.", "Seeverlag, 2011."]]),
])
def test_lines_after_a_break_join_only_as_an_entrys_fields(paragraph, texts):
    """Names given first, one a line, stay apart, and so does a sentence after a name; fields a line join."""
    units = segment(html_lines(f"<html><body>{paragraph}</body></html>"), blocks=True)
    assert [u.texts for u in units if u is not None] == texts


def test_a_headerless_row_with_a_count_is_no_entry():
    """A row whose cells hold a name, a label, a count and a year is a data table's, not a reference."""
    assert row_as_entry(["Smith, J.", "Heron count", "45", "2010"]) is None
    assert row_as_entry(["Amsel, K.", "Birds of the marsh", "Vogelwelt 4, 3-9", "2011"]) is not None


def test_footnote_definitions_end_at_a_heading_and_code_keeps_its_fences():
    """A heading right under a footnote definition is outside the notes; ::: and !!! inside ``` stay as code."""
    rows = ["Text[^1].", "", "[^1]: Counted by hand.", "## References", "", "```", ":::note", '!!! tip "X"', "```"]
    assert footnote_rows(rows) == {2: 1}
    admonitions(rows)
    assert rows[5:] == ["```", ":::note", '!!! tip "X"', "```"]


@pytest.mark.parametrize("text, reason", [
    ("Posted on 3 March 2024 by Admin", "a date stamp of the page (created, updated), not a reference"),
    ("A survey of heron nests carried out in 2019", None),
    ("The next update of this list is planned for 2025.", "a sentence about the list, not a reference"),
])
def test_date_stamps_and_sentences_about_the_list(text, reason):
    """A stamp with its maker is a stamp; a lower-case title ending in a year is no sentence about the list."""
    assert judge(text) == reason
