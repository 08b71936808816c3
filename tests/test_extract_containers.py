"""Reference lists a web page marks in its markup: containers, back-links, chrome, COinS, BibTeX twins, run-on entries."""

from __future__ import annotations

import pytest

from acuref.read.htmlmarks import NOTES, WORKS, box_kind, chrome, is_backlink_text
from acuref.read.judge import is_remark, judge
from acuref.read.sections import is_reference_heading, is_reference_name
from conftest import found_in, page_of

_ENTRY_A = "Amsel, Karin. 2011. <em>Birds of the Marsh</em>. Kassel: Seeverlag."
_ENTRY_B = "Reiher, Paul. <em>Notes on Herons</em>. Unpublished manuscript."
_ENTRY_C = "Corvo, L. (2016). Crows in the city. <i>Urban Birds</i>, 12, 45–61."


@pytest.mark.parametrize("tag, attrs, kind", [
    ("div", {"role": "doc-bibliography"}, WORKS),
    ("div", {"id": "refs", "class": "references csl-bib-body hanging-indent"}, WORKS),
    ("div", {"class": "csl-entry", "role": "listitem"}, WORKS),
    ("ol", {"class": "c-article-references"}, WORKS),
    ("div", {"class": "citation-list", "role": "list"}, WORKS),
    ("ol", {"class": "bibliography"}, WORKS),
    ("section", {"class": "footnotes", "role": "doc-endnotes"}, NOTES),
    ("div", {"class": "reflist columns"}, NOTES),
    ("ol", {"class": "references"}, NOTES),
    ("li", {"class": "c-article-references__item"}, 0),  # one entry's part, inside the list
    ("sup", {"class": "reference"}, 0),  # an in-text citation mark: inline
    ("a", {"class": "reference internal"}, 0),
    ("div", {"class": "content"}, 0),
])
def test_containers_known_by_markup(tag, attrs, kind):
    """A holder element whose role, class or id names a bibliography is a container of works; one that names
    references, footnotes or a reflist holds notes and works mixed; inline elements and entry parts are neither."""
    assert box_kind(tag, attrs) == kind


@pytest.mark.parametrize("tag, attrs, gone", [
    ("nav", {}, True),
    ("div", {"role": "navigation"}, True),
    ("span", {"class": "mw-editsection"}, True),
    ("span", {"class": "mw-cite-backlink noprint"}, True),
    ("a", {"class": "footnote-back", "role": "doc-backlink"}, True),
    ("span", {"class": "reference-text"}, False),
])
def test_page_chrome(tag, attrs, gone):
    """Navigation, edit links and a note's back-links are not the text of any entry."""
    assert chrome(tag, attrs) is gone


@pytest.mark.parametrize("text, back", [("↩︎", True), ("^", True), ("↑ a b", True), ("a", True),
                                        ("Knuth84", False), ("1", False)])
def test_backlink_text(text, back):
    """Arrows, carets and target letters are a back-link's own text; a citation key or footnote number stays."""
    assert is_backlink_text(text) is back


def test_pandoc_bibliography_without_a_heading():
    """A citeproc bibliography with no heading is a reference list by its markup: an entry with no year is
    taken; a footnote that is a remark is listed as skipped, one that cites a work is taken."""
    page = page_of(
        "<p>Prose about marsh birds that cites two works and mentions nothing else of note here.</p>"
        f"<div id='refs' class='references csl-bib-body' role='doc-bibliography'>"
        f"<div class='csl-entry' role='doc-biblioentry'>{_ENTRY_A}</div>"
        f"<div class='csl-entry' role='doc-biblioentry'>{_ENTRY_B}</div></div>"
        "<section class='footnotes' role='doc-endnotes'><ol>"
        f"<li id='fn1'><p>{_ENTRY_C}<a href='#r1' class='footnote-back' role='doc-backlink'>↩︎</a></p></li>"
        "<li id='fn2'><p>Counted by hand in spring 2019.<a href='#r2' role='doc-backlink'>↩︎</a></p></li>"
        "</ol></section><footer><p>Made with a static site generator in 2024 by someone.</p></footer>")
    found, skipped = found_in(page, "post.html")
    assert found == ["Amsel, Karin. 2011. Birds of the Marsh. Kassel: Seeverlag.",
                     "Reiher, Paul. Notes on Herons. Unpublished manuscript.",
                     "Corvo, L. (2016). Crows in the city. Urban Birds, 12, 45–61."]
    assert [(s.text, s.reason) for s in skipped] == [("[2] Counted by hand in spring 2019.", "a note, not a reference")]


def test_mediawiki_notes_without_their_back_links():
    """A MediaWiki reference list in any language: the "↑ a b" back-links and the edit links go, each
    reference-text is an entry, a prose note is skipped, and the navigation box below is not read."""
    page = page_of(
        "<div class='mw-heading mw-heading2'><h2 id='N'>Einzelnachweise</h2><span class='mw-editsection'>"
        "[<a href='#'>Bearbeiten</a>]</span></div><div class='reflist'><ol class='references'>"
        "<li id='cite_note-1'><span class='mw-cite-backlink'>↑ <sup><a href='#a'>a</a></sup> <sup><a href='#b'>b</a>"
        "</sup></span> <span class='reference-text'>Karin Amsel: <i>Vögel des Moors.</i> Seeverlag, Kassel 2011, "
        "S. 12.</span></li>"
        "<li id='cite_note-2'><b><a href='#c'>^</a></b> <span class='reference-text'>Paul Reiher: Reiher am See. In: "
        "<i>Vogelwelt.</i> Band 4, 2001, S. 3–9.</span></li>"
        "<li id='cite_note-3'><span class='mw-cite-backlink'><a href='#d'>↑</a></span> <span class='reference-text'>"
        "Hier wird erklärt, warum der Reiher im Winter nicht immer wegzieht und lieber bleibt.</span></li>"
        "</ol></div><table class='navbox'><tr><td>Vögel 2020 — Portal (1999)</td></tr></table>")
    found, skipped = found_in(page, "wiki.html")
    assert found == ["Karin Amsel: Vögel des Moors. Seeverlag, Kassel 2011, S. 12.",
                     "Paul Reiher: Reiher am See. In: Vogelwelt. Band 4, 2001, S. 3–9."]
    assert [s.reason for s in skipped] == ["running text, not a reference"]


def test_sphinx_citations_keep_their_keys():
    """Sphinx citations (a back-link that is the key, then the entry) keep the key as label; an entry with no
    year in a citation list is still a reference."""
    cite = ("<div class='citation' id='{0}' role='doc-biblioentry'><span class='label'><span class='fn-bracket'>["
            "</span><a role='doc-backlink' href='#x'>{0}</a><span class='fn-bracket'>]</span></span><p>{1}</p></div>")
    page = page_of("<div role='list' class='citation-list'>" + cite.format("Amsel11", "K. Amsel. Birds of the Marsh. "
                 "Seeverlag, 2011.") + cite.format("Reiher", "P. Reiher. Notes on Herons. Self-published.") + "</div>")
    found, _ = found_in(page, "doc.html")
    assert found == ["K. Amsel. Birds of the Marsh. Seeverlag, 2011.", "P. Reiher. Notes on Herons. Self-published."]


def test_list_items_keep_their_bullet_with_a_paragraph():
    """``<li><p>…</p></li>``: the item's number goes with its first paragraph, so it is one list entry."""
    page = page_of("<h2>References</h2><ol><li><p>Corvo, L. (2016). Crows. <i>Urban Birds</i> 12, 45–61.</p></li>"
                 "<li><p>Amsel, K. (2011). Marsh birds. <i>Vogelwelt</i> 4, 3–9.</p></li></ol>")
    sources, _ = found_in(page, "refs.html")
    assert sources == ["Corvo, L. (2016). Crows. Urban Birds 12, 45–61.", "Amsel, K. (2011). Marsh birds. Vogelwelt 4, 3–9."]


def test_coins_marks_a_citation():
    """A list item holding COinS metadata cites a work, even with no year printed and no heading above."""
    item = "<li>{0}<span class='Z3988' title='ctx_ver=Z39.88-2004&amp;rft.atitle=x'></span></li>"
    page = page_of("<p>Some words about the lab and what it does all day long, nothing cited.</p><ul>"
                 + item.format("Corvo L. Crows in the city. Urban Birds.")
                 + item.format("Amsel K. Marsh birds. Vogelwelt.") + "</ul>")
    found, _ = found_in(page, "lab.html")
    assert found == ["Corvo L. Crows in the city. Urban Birds.", "Amsel K. Marsh birds. Vogelwelt."]


def test_bibtex_beside_its_entry_is_skipped():
    """A "cite this" block printing the entry and its BibTeX record gives one reference; the record is listed."""
    page = page_of("<h2>Citation</h2><p>Amsel K (2011). “Marsh Birds.” <em>Vogelwelt</em>, 4, 3–9.</p>"
                 "<pre>@Article{amsel,\n  title = {Marsh Birds},\n  author = {Karin Amsel},\n  year = {2011},\n}</pre>")
    found, skipped = found_in(page, "cite.html")
    assert found == ["Amsel K (2011). “Marsh Birds.” Vogelwelt, 4, 3–9."]
    assert [s.reason for s in skipped] == ["the BibTeX record of an entry printed beside it"]


def test_references_run_together_in_one_paragraph():
    """Whole references run together in one paragraph are cut at each new author and year."""
    page = page_of("<h2>References</h2><p>Corvo, L. (2016). Crows in the city. Urban Birds, 12, 45-61. "
                 "Amsel, K. (2011). Marsh birds. Vogelwelt, 4, 3-9. Reiher, P. (2001). Herons. Avis, 7, 1-2.</p>")
    found, _ = found_in(page, "refs.html")
    assert found == ["Corvo, L. (2016). Crows in the city. Urban Birds, 12, 45-61.",
                     "Amsel, K. (2011). Marsh birds. Vogelwelt, 4, 3-9.", "Reiher, P. (2001). Herons. Avis, 7, 1-2."]


@pytest.mark.parametrize("heading, named", [
    ("脚注", True), ("出典[編集]", True), ("関連文献", True), ("Sekundärliteratur", True), ("Примітки", True),
    ("Sitografia", True), ("My (More or Less) Academic Reading List", True), ("Recommended books", True),
    ("注意事項", False), ("Books I have written in my life", False), ("Notes on the text of this paper", False),
])
def test_reference_headings_in_more_languages(heading, named):
    """Heading words of more languages, compounds ending in a reference word, and a reference phrase among
    other words name a reference section; a weak word ("books", "notes") must be most of the heading."""
    assert is_reference_heading(heading) is named


def test_publication_cards():
    """A publication page that sets each title as a heading with its authors and venue below reads each card as
    one entry; the abstract and the link buttons under it are not entries."""
    card = ("<div class='pub'><h3>{t}</h3><p class='authors'>{a}</p><p class='venue'><b>{v}</b> ({y})</p>"
            "<div class='abstract'><p>We study how the crows of the city choose where to roost and why they do it "
            "in winter more often than in the summer months of the year.</p></div>"
            "<div class='links'><a href='https://example.org/p.pdf'>Paper</a> <a href='https://example.org/c'>Code</a>"
            "</div></div>")
    page = page_of("<h1>Publications</h1>" + card.format(t="Counting Crows in the City", a="Jane Roe*, Tom Poe",
                                                       v="Urban Birds", y="2021")
                 + card.format(t="Waders on the Mudflats", a="Tom Poe, Li Wu", v="Coastal Data Workshop", y="2019"))
    found, skipped = found_in(page, "pubs.html")
    assert found == ["Counting Crows in the City. Jane Roe, Tom Poe. Urban Birds (2021)",
                     "Waders on the Mudflats. Tom Poe, Li Wu. Coastal Data Workshop (2019)"]
    assert {s.reason for s in skipped} == {"running text, not a reference"}


def test_a_topic_heading_over_whole_references_is_no_card():
    """A topic subheading over list entries that are references of their own stays a subheading."""
    page = page_of("<h2>References</h2><h3>Crows and their roosts</h3><p>Roe, J., Poe, T. (2021). Counting crows. "
                 "Urban Birds, 12, 45-61.</p><p>Poe, T. (2019). Waders. Coastal Data, 3, 1-9.</p>")
    found, skipped = found_in(page, "refs.html")
    assert found == ["Roe, J., Poe, T. (2021). Counting crows. Urban Birds, 12, 45-61.",
                     "Poe, T. (2019). Waders. Coastal Data, 3, 1-9."]
    assert [(s.text, s.reason) for s in skipped] == [("Crows and their roosts", "subheading inside the reference section")]


def test_an_inline_styled_block_breaks_no_line():
    """A badge a browser add-on put inside an entry (a <div> styled inline) does not cut the entry in two, and a
    line that opens with a stop goes on with the entry above instead of being a note of its own."""
    page = page_of("<h2>Notes</h2><ol class='references'><li><span class='reference-text'>Roe, Jane (6 May 2011). "
                 "<a href='https://example.org/a'>\"Counting crows\"</a><div style='display: -webkit-inline-box'>"
                 "<div class='badge'></div></div>. <i>Bird News</i>. Retrieved 7 May 2014.</span></li>"
                 "<li><span class='reference-text'>Poe, Tom (2019). \"Waders\"<div><div></div></div>. <i>Coast</i>. "
                 "Retrieved 1 June 2020.</span></li></ol>")
    found, _ = found_in(page, "wiki.html")
    assert found == ['Roe, Jane (6 May 2011). "Counting crows". Bird News. Retrieved 7 May 2014. https://example.org/a',
                     'Poe, Tom (2019). "Waders"\n. Coast. Retrieved 1 June 2020.'.replace("\n", " ")]


def test_the_pages_own_citation_and_citing_works_are_not_references():
    """A journal page's "Cite this article" block cites the page itself, and the works under "Cited by" cite it:
    both are listed as skipped, not taken."""
    page = page_of("<h2>References</h2><ol><li>Roe J. Crows. <i>Urban Birds</i> 1, 2 (2010).</li></ol>"
                 "<h2>Cite this article</h2><p>Poe, T. Counting crows. <i>Urban Birds</i> 12, 45–61 (2021). "
                 "https://doi.org/10.1000/ub.2021.1</p><h2>Cited by</h2><ul><li>Wu L. More crows. <i>Avis</i> 3, 4 "
                 "(2022).</li><li>Lee K. Fewer crows. <i>Avis</i> 4, 5 (2023).</li></ul>")
    found, skipped = found_in(page, "article.html")
    assert found == ["Roe J. Crows. Urban Birds 1, 2 (2010)."]
    assert [s.reason for s in skipped] == [
        "the page's own citation (under \"Cite this article\"), not a work it cites",
        "a work citing or like the page (under \"Cited by\", \"Similar articles\"), not one it cites",
        "a work citing or like the page (under \"Cited by\", \"Similar articles\"), not one it cites"]


def test_a_blogs_sidebar_and_comments_are_not_read():
    """A blog's comments, sidebar widgets (recent posts, archives) and site footer are page chrome: nothing in
    them is a reference, whatever dates they print; the page body under its class names is read."""
    page = ("<html><body class='post has-sidebar'><div class='site-content'><main><article><h1>Crows</h1>"
            "<h2>References</h2><ul><li>Roe, J. (2010). Crows. Urban Birds, 1, 2-3.</li></ul></article>"
            "<div id='comments' class='comments-area'><ol class='comment-list'><li>Ann: see Wu (2019), Avis 4, "
            "5-6, and Lee (2020), Birds 7, 8-9.</li></ol></div></main><div id='secondary' class='widget-area'>"
            "<section class='widget'><h2>Archives</h2><ul><li>Crows, March 2020</li><li>Rooks, 2019</li></ul>"
            "</section></div></div></body></html>")
    found, _ = found_in(page, "blog.html")
    assert found == ["Roe, J. (2010). Crows. Urban Birds, 1, 2-3."]


@pytest.mark.parametrize("attrs, kind", [
    ({"class": "MsoBibliography"}, WORKS),
    ({"style": "mso-element:footnote-list"}, NOTES),
    ({"id": "sdfootnote1"}, NOTES),
])
def test_word_processor_exports(attrs, kind):
    """Word and LibreOffice name their bibliography paragraphs and footnote lists in class, id or style."""
    assert box_kind("div" if "class" not in attrs else "p", attrs) == kind


def test_titles_in_book_quotes_need_no_year():
    """Inside a reference section an entry with its title in 『』 or «» is a reference even with no year."""
    page = page_of("<h2>参考文献</h2><ul><li>山田太郎『鳥の研究』岩波書店</li></ul><h2>Литература</h2><ul>"
                 "<li>Иванов И. «Птицы города». М.: Наука</li></ul>")
    found, _ = found_in(page, "refs.html")
    assert found == ["山田太郎『鳥の研究』岩波書店", "Иванов И. «Птицы города». М.: Наука"]


@pytest.mark.parametrize("name, named", [("参考文献.md", True), ("references.html", True), ("reading-list.txt", True),
                                         ("notes.md", False), ("cited.docx", False), ("README.md", False)])
def test_a_file_named_as_a_reference_list(name, named):
    """A page file named as a reference section is ("参考文献.md") heads its whole text; a weak word ("notes")
    or a paper's file (Word, OpenDocument) does not."""
    assert is_reference_name(f"docs/{name}") is named


def test_a_reference_list_file_with_topic_headings_only(tmp_path):
    """A page named "参考文献.md" whose headings are topics ("Easy", "Hard") is read whole as a reference list of
    linked titles; the same text under another name is not."""
    text = ("## Easy\n\n- [Crows in the city: a first guide](https://example.org/crows)\n"
            "- [Rooks and their roosts](https://example.org/rooks)\n\n## Hard\n\n"
            "- [The mathematics of murmurations](https://example.org/murmurations)\n")
    found, _ = found_in(text, "参考文献.md")
    assert found == ["Crows in the city: a first guide https://example.org/crows",
                     "Rooks and their roosts https://example.org/rooks",
                     "The mathematics of murmurations https://example.org/murmurations"]
    assert found_in(text, "page.md")[0] == []


@pytest.mark.parametrize("note, remark", [
    ("Counted by hand in spring 2019.", True),
    ("The figure refers to 1999, not to 2001 as often said.", True),
    ("Vgl. Meier, H.: Die Dinge. München 1999, S. 12.", False),
    ("Roe 2010, p. 5.", False),
    ("See Poe 2001.", False),
])
def test_footnote_remarks(note, remark):
    """A footnote that says something (lower-case words, no locator, quotation or author list) is a remark; one
    that cites a work, however short, is not."""
    assert is_remark(note) is remark


def test_a_type_code_marks_an_undated_entry_of_a_numbered_list():
    """In a numbered reference list, an entry with no year but a GB/T type code ("[J]", "[M]") is taken."""
    text = ("## 参考文献\n\n1. 山田太郎『鳥の研究』[M] 岩波書店, 2005 年\n2. 鈴木花子「鳥と人」[J] 鳥学雑誌 3(2), 1998\n"
            "3. 田中一郎 鳥の町論 [J] 東京大学紀要\n")
    found, _ = found_in(text, "page.md")
    assert found[2] == "田中一郎 鳥の町論 [J] 東京大学紀要"


def test_a_number_and_a_citation_key_label_an_entry():
    """"3.[roost] Roe, J.: …" (no space after the number): the number labels the entry, the key is not its text."""
    text = ("## Literatura\n\n1.[crows] Roe, Jane: \"Crows in the city\", Urban Press, Zagreb, 2005.\n"
            "2.[rooks] Poe, Tom; Wu, Li: \"Rooks\", Avis, 2008., str. 3-9\n")
    found, _ = found_in(text, "page.md")
    assert found == ['Roe, Jane: "Crows in the city", Urban Press, Zagreb, 2005.',
                     'Poe, Tom; Wu, Li: "Rooks", Avis, 2008., str. 3-9']


@pytest.mark.parametrize("entry", ["Rossi, M. Corvi. Milano: Gufo, s.a.", "Jansen, P. Kraaien. Leiden: Uil, z.j.",
                                   "Иванов И. Вороны. — М.: Сова, б. г."])
def test_no_year_marks_of_more_languages(entry):
    """'s.a.', 'z.j.', 'б. г.' say the work has no year, as 'n.d.' and 'o. J.' do: the entry is a reference."""
    assert judge(entry) is None
