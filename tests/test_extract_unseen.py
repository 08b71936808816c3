"""Shapes of unseen pages: entries set out a field a line with <br>, undated book lists, Markdown footnotes, page notes."""

from __future__ import annotations

import pytest

from acuref.read.judge import is_remark, judge
from conftest import found_in, page_of


def test_an_entry_set_out_a_field_a_line_in_one_paragraph():
    """``<p><b>Author</b><br><i>Title</i><br>Publisher, year</p>``: the lines of one paragraph are one entry;
    a paragraph of whole references, one a line, stays one entry a line."""
    page = page_of("<h1>Bibliographie</h1>"
                 "<p><b>Amsel, Karin</b><br><i>Les oiseaux du marais</i><br>Seeverlag, 2011.</p>"
                 "<p><b>Corvo, Luca &amp; Reiher, Paul</b><br>\"Crows in the city\"<br>Urban Birds, 2016.</p>"
                 "<p>Roe, J. (2001). Rooks at dusk. Avis, 3, 4-9.<br>Poe, T. (2008). Gulls. Avis, 5, 1-2.</p>")
    found, _ = found_in(page, "biblio.html")
    assert found == ["Amsel, Karin. Les oiseaux du marais. Seeverlag, 2011.",
                     'Corvo, Luca & Reiher, Paul "Crows in the city" Urban Birds, 2016.',
                     "Roe, J. (2001). Rooks at dusk. Avis, 3, 4-9.", "Poe, T. (2008). Gulls. Avis, 5, 1-2."]


def test_an_undated_book_list_under_topic_headings():
    """"Family, Given. Title." with no year in a reference section is a reference, under a topic subheading too;
    a line of a link list without a name first is not."""
    page = page_of("<h1>Bibliography</h1><h2>Birds</h2><p>Amsel, Karin<br>Birds of the Marsh.</p>"
                 "<h2>History</h2><p>Reiher, Paul<br>A History of Herons.</p><p>Corvo, L. The Crow Book.</p>"
                 "<h2>Online</h2><ul><li>Internet Archive</li><li>Bird Library – City University</li></ul>")
    found, skipped = found_in(page, "books.html")
    assert found == ["Amsel, Karin. Birds of the Marsh.", "Reiher, Paul. A History of Herons.", "Corvo, L. The Crow Book."]
    assert "Internet Archive" in [s.text for s in skipped]


@pytest.mark.parametrize("text, reason", [
    ("Dernière mise à jour : mars 2024", "a date stamp of the page (created, updated), not a reference"),
    ("Last updated on 3 March 2024", "a date stamp of the page (created, updated), not a reference"),
    ("Stand: Juni 2023", "a date stamp of the page (created, updated), not a reference"),
    ("The next update of this reading list is planned for 2025.", "a sentence about the list, not a reference"),
    ("La prochaine version de cette liste paraîtra courant 2026.", "a sentence about the list, not a reference"),
    ("This list will grow over time and the current version will be kept at https://example.org/birds/list.",
     "a sentence about the list, not a reference"),
    ("Amsel, K. Updated edition. Kassel: Seeverlag, 2024.", None),
    ("Corvo, L. (2016). Crows in the city. Urban Birds, 12, 45–61.", None),
    ("Roe, Jane. Rooks. Available at https://example.org/rooks", None),
])
def test_what_a_page_says_about_its_list(text, reason):
    """A page's date stamp written in words and a sentence about the list (its next update, where it is kept)
    are not references; entries with an edition, a date or a link still are."""
    assert judge(text) == reason


def test_markdown_footnotes_are_a_container_of_notes():
    """Footnote definitions (``[^1]: …``) are the page's notes: references among them are taken, and "Ibid.",
    glosses and remarks are listed as skipped, not lost."""
    text = ("# Essay\n\nBirds fly south[^1] and crows stay[^2], as is known[^3].\n\n"
            "[^1]: Amsel, Karin. 2011. *Birds of the Marsh*. Kassel: Seeverlag.\n\n"
            "[^2]: Ibid.\n\n[^3]: What birds do when nobody is looking\n\n"
            "[^4]: Luca Corvo, Crows in *Urban Birds*, 2016\n")
    found, skipped = found_in(text, "essay.md")
    assert found == ["Amsel, Karin. 2011. Birds of the Marsh. Kassel: Seeverlag.", "Luca Corvo, Crows in Urban Birds, 2016"]
    assert [s.text for s in skipped] == ["[2] Ibid.", "[3] What birds do when nobody is looking"]


@pytest.mark.parametrize("note, remark", [
    ("Luca Corvo, Crows in the city and what they eat, 2016", False),
    ("Counted by hand in spring 2019.", True),
])
def test_a_note_that_ends_with_its_year_cites(note, remark):
    """A footnote that ends in ", year" cites a work; a remark that names a year in a sentence does not."""
    assert is_remark(note) is remark


def test_a_row_of_buttons_under_an_entry_gives_only_its_doi():
    """A publication page's "PDF  Cite  DOI" buttons, a block of their own under the entry, are not an entry:
    the DOI they link to joins the entry above."""
    page = page_of("<h1>Publications</h1><div class='pub'><span>Karin Amsel, Paul Reiher</span> (2011). "
                 "<a href='/p/marsh/'>Birds of the marsh in winter</a>. <em>Marsh Studies</em>."
                 "<p><a href='/marsh.pdf'>PDF</a> <a href='#'>Cite</a> <a href='https://doi.org/10.1000/ms.11'>DOI</a></p>"
                 "</div>")
    found, _ = found_in(page, "pubs.html")
    assert found == ["Karin Amsel, Paul Reiher (2011). Birds of the marsh in winter. Marsh Studies. https://doi.org/10.1000/ms.11"]


def test_a_footnote_that_is_only_an_address_is_no_reference():
    """A footnote that prints nothing but a web address names no work; one with a name before it does."""
    text = ("# Essay\n\nSee the channel[^1] and the shop[^2].\n\n[^1]: https://video.example.org/c/birds/\n\n"
            "[^2]: Amsel, Birdshop https://shop.example.org/birds/\n")
    found, skipped = found_in(text, "essay.md")
    assert found == ["Amsel, Birdshop https://shop.example.org/birds/"]
    assert [s.reason for s in skipped] == ["a bare link: too short to be a reference"]


def test_unpublished_reports_after_their_authors_are_entries():
    """In a publication list, "A B Name and C D Other, Title, Unpublished report …" opens with its authors: it is
    an entry, with or without a year, not running text."""
    page = page_of("<h2>Publications</h2><ol><li>K Amsel and P Reiher, Birds of the marsh, J. Marsh Stud. 12, 45-61, 2011."
                 "</li></ol><p>L Corvo and J Roe, A method for counting crows at dusk in winter, Unpublished report on the "
                 "counts made in the city park during the cold months</p>"
                 "<p>L Corvo, Rooks and crows in the old town of the city and their nests Unpublished thesis submitted "
                 "for the examination at the college, Oxford, November 1962</p>")
    found, _ = found_in(page, "pubs.html")
    assert len(found) == 3 and found[1].startswith("L Corvo and J Roe") and found[2].endswith("November 1962")


@pytest.mark.parametrize("note", ["Voir supra, p. 12.", "Cf. infra, chap. 3, p. 40.", "Art. cit., p. 5.",
                                  "Vgl. oben, S. 14.", "See above, note 3, p. 2."])
def test_a_note_pointing_elsewhere_in_the_text_is_no_reference(note):
    """"Voir supra", "Art. cit.", "Vgl. oben": a note that points to another place of the text cites no work."""
    assert judge(note) == "repeats an earlier note (ibid., op. cit.)"


def test_glosses_among_footnotes_are_notes():
    """A footnote that explains a word (a sentence, its terms in « » quotation marks, no year) is a note; a
    footnote that cites a work in « » is taken."""
    text = ("# Mémoire\n\nLe mot[^1] et le livre[^2].\n\n"
            "[^1]: La notion désigne le fait, pour un signe (un mot, une phrase) de faire ce qu'il dit ; on dit que "
            "le signe est « actif ».\n\n"
            "[^2]: Karin Amsel, « Les oiseaux du marais », Revue des oiseaux, 4, 2011, p. 3-9.\n")
    found, skipped = found_in(text, "memoire.md")
    assert found == ["Karin Amsel, « Les oiseaux du marais », Revue des oiseaux, 4, 2011, p. 3-9."]
    assert [s.reason for s in skipped] == ["running text, not a reference"]  # a long gloss reads as prose


@pytest.mark.parametrize("text, sentence", [
    ("La notion désigne le fait de dire une chose.", True),
    ("The term is used for a bird that stays in winter.", True),
    ("Karin Amsel, Les oiseaux du marais, Paris, Seuil.", False),
    ("Persona, Mozilla", False),
])
def test_what_opens_as_a_sentence(text, sentence):
    """A note that opens as a sentence (function words, lower-case words) is told from one opening with names."""
    from acuref.read.judge import opens_a_sentence

    assert opens_a_sentence(text) is sentence


def test_a_pages_footer_and_byline_are_not_references():
    """A ``<footer>`` (school, term, copyright) is page chrome unless its markup names footnotes; a byline of
    particulars set apart by " | " is not an entry; an access note after a <br> stays with its entry."""
    page = page_of("<header><h1>Literaturverzeichnis</h1><p>Autorin: K. Amsel | Hochschule Kassel | WS 2025/26</p>"
                 "</header><div><p>Corvo, L. (2016). Crows in the city. Urban Birds, 12, 45–61.</p>"
                 "<p>Roe, J., ‘Rooks at dusk’, 2003, <a href='https://example.org/rooks'>https://example.org/rooks</a>"
                 "<br>[accessed 19 July 2006]</p></div>"
                 "<footer><p>Hochschule Kassel | Vögel | WS 2025/26</p></footer>"
                 "<footer class='footnotes'><ol><li>Amsel, K. (2011). Birds. Kassel: Seeverlag.</li></ol></footer>")
    found, skipped = found_in(page, "lit.html")
    assert found == ["Corvo, L. (2016). Crows in the city. Urban Birds, 12, 45–61.",
                     "Roe, J., ‘Rooks at dusk’, 2003, https://example.org/rooks [accessed 19 July 2006]",
                     "Amsel, K. (2011). Birds. Kassel: Seeverlag."]
    assert "a line of the page's particulars (author | school | term), not a reference" in [s.reason for s in skipped]


@pytest.mark.parametrize("heading, named", [
    ("Sitographie", True), ("Travaux cités", True), ("Ouvrages de référence", True), ("Daftar Pustaka", True),
    ("Tài liệu tham khảo", True), ("Referanser", True), ("Zum Weiterlesen", True),
    ("Ouvrages et articles sur les oiseaux du marais", False), ("À lire aussi", False),
    ("Pour en savoir plus", False),  # a blog's links to read on, more often than works cited
])
def test_more_reference_headings(heading, named):
    """French, Indonesian, Vietnamese, Norwegian and German headings over a reference list; "Ouvrages" must be
    most of its heading; "À lire aussi" (a blog's related posts) and "Pour en savoir plus" (links) are none."""
    from acuref.read.sections import is_reference_heading

    assert is_reference_heading(heading) is named


def test_call_out_boxes_and_link_definition_labels():
    """``:::note`` fences print nothing, an MkDocs admonition prints its title over its indented body, and a
    reference written as ``[1]: Author …`` keeps its label without the colon."""
    text = ("# Herons\n\n**References**\n\n[1]: Amsel, K. (2011). Birds of the marsh. *Vogelwelt*, 4, 3–9.\n\n"
            ":::note\nThis list was last checked in 2023.\n:::\n\n"
            '!!! tip "Further reading"\n    Roe, J. 2001. *Rooks at Dusk*. Avis Press.\n')
    from acuref.read import extract_with_report
    from acuref.read.documents import load_text

    sources, skipped = extract_with_report(load_text(text, "herons.md"))
    assert [(s.label, s.raw) for s in sources] == [("1", "Amsel, K. (2011). Birds of the marsh. Vogelwelt, 4, 3–9."),
                                                   (None, "Roe, J. 2001. Rooks at Dusk. Avis Press.")]
    assert ":::note" not in [s.text for s in skipped]


def test_remarks_under_a_notes_heading_are_listed():
    """Under a "Notes" heading (not a footnotes container), a note that remarks on something is listed as a
    note; a note that cites a work is taken."""
    text = ("# Le héron\n\nTexte.\n\n## Notes\n\n1. Observé en 1850 près de Lyon.\n"
            "2. Amsel, Karin, Les oiseaux du marais, Paris, Seuil, 2011, p. 12.\n"
            "3. Le nom vient du latin et se retrouve dans plusieurs langues.\n")
    found, skipped = found_in(text, "heron.md")
    assert found == ["Amsel, Karin, Les oiseaux du marais, Paris, Seuil, 2011, p. 12."]
    assert [s.reason for s in skipped] == ["a note, not a reference", "no year, identifier, locator or legal citation"]


def test_alternatives_set_apart_by_bars_are_an_entry():
    """"Title in Java | C++. Publisher, 4th | 2nd edition, 2006 | 2003." gives two books at once: an entry, not
    a byline (a byline has no commas)."""
    assert judge("B. Corvo. Crows in Java | C++. Avis, 4th | 2nd edition, 2006 | 2003.") is None


def test_a_table_row_whose_cells_read_as_one_reference():
    """A table with no header naming its columns: a row whose cells together read as a reference (name, title,
    imprint, year; its first cell a name) is one entry; a row holding a whole entry in one cell keeps it; a
    timeline's row and a film list's row (name, year, description) are no entries."""
    page = page_of("<h2>Bibliographie</h2><table>"
                 "<tr><td>Amsel, Karin</td><td><i>Les oiseaux du marais</i></td><td>Paris : Seuil</td><td>2011</td></tr>"
                 "<tr><td>Corvo, Luca</td><td>Les corvidés</td><td>Revue des oiseaux, 4, p. 3-9</td><td>2009</td></tr>"
                 "<tr><td>[3]</td><td>Roe, J. (2001). Rooks at dusk. Avis, 3, 4-9.</td></tr></table>"
                 "<p>Un paragraphe de texte qui parle des oiseaux et qui ne cite rien du tout ici.</p>"
                 "<table><tr><td>1850</td><td>Premier héron observé</td></tr></table>"
                 "<table><tr><td>Crow Day</td><td>2006</td><td>A crow relives the same day in the park again and "
                 "again.</td></tr></table>")
    found, _ = found_in(page, "biblio.html")
    assert found == ["Amsel, Karin. Les oiseaux du marais. Paris : Seuil. 2011.",
                     "Corvo, Luca. Les corvidés. Revue des oiseaux, 4, p. 3-9. 2009.",
                     "Roe, J. (2001). Rooks at dusk. Avis, 3, 4-9."]


def test_undated_entries_one_a_line_stay_apart():
    """Undated entries set one a line with <br> ("Family, Given: Title") are not fields of one entry."""
    page = page_of("<h2>Bibliography</h2><p>Amsel, Karin: The Herons of the Marsh<br>Reiher, Paul: Rooks at Dusk<br>"
                 "Corvo, Luca: Crows in the City</p>")
    found, _ = found_in(page, "books.html")
    assert found == ["Amsel, Karin: The Herons of the Marsh", "Reiher, Paul: Rooks at Dusk", "Corvo, Luca: Crows in the City"]
