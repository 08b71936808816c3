"""Pages from static-site generators and wikis: what the source holds but the page never prints (front matter,
comments, shortcodes, link titles), whole entries written as links, and lines with a year that are no
references (date stamps, in-text citations, a date alone, a bare link)."""

from __future__ import annotations

import pytest

from acuref.read import extract_with_report
from acuref.read.documents import load_text
from conftest import found_in as _found
from acuref.read.judge import judge
from acuref.read.markup import markdown_lines

ART = "Corvo, L., & Neri, P. (2016). Crows in the city. Urban Birds, 12(3), 45-61."
BOOK = "Amsel, Karin (2011). Die Vögel des Nordens. Hamburg: Seeverlag."



def test_front_matter_title_is_the_heading_and_its_dates_are_not_entries():
    """A Jekyll/Hugo front matter block is not printed: its title is the page's heading (opening the section)
    and its dates are never references; the source's line numbers are kept."""
    text = "---\ntitle: \"Bibliography\"\ndate: 2021-04-29\nlayout: page\n---\n\n- " + ART + "\n- " + BOOK + "\n"
    lines = markdown_lines(text)
    assert lines[0].text == "Bibliography" and lines[0].heading == 1
    sources, _ = extract_with_report(load_text(text, "page.md"))
    assert [s.raw for s in sources] == [ART, BOOK]
    assert [s.line for s in sources] == [7, 8]


def test_a_rule_at_the_top_followed_by_prose_is_no_front_matter():
    """A page that opens with a rule and prose keeps its prose: only key/value lines make a front matter."""
    rows = markdown_lines("---\nThe birds of the north, counted.\n---\n\n" + ART + "\n")
    assert rows[1].text == "The birds of the north, counted."


def test_html_comments_are_not_printed():
    """A list kept in an HTML comment (one line or several) is not on the page; the lines after it keep their
    numbers."""
    text = ("# References\n\n- " + ART + "\n\n<!-- [Old] Ravens in winter. 2001. https://example.org/r -->\n"
            "<!--\n- Hidden, A. (1999). Not printed. J 1:2.\n-->\n- " + BOOK + "\n")
    found, _ = _found(text)
    assert found == [ART, BOOK]
    assert [s.line for s in extract_with_report(load_text(text, "page.md"))[0]] == [3, 9]


@pytest.mark.parametrize("source, printed", [
    ('{{< smallcaps "Amsel" >}} (Karin), {{< quote "Die Vögel" >}}, Hamburg, 2011.',
     "Amsel (Karin), “Die Vögel”, Hamburg, 2011."),
    ("{{% sc %}}Amsel{{% /sc %}} (Karin), Die Vögel, 2011.", "Amsel (Karin), Die Vögel, 2011."),
    ('Seen {{< ref "notes.md" >}} here.', "Seen notes.md here."),
])
def test_hugo_shortcodes_print_their_text(source, printed):
    """Hugo shortcodes print their quoted argument (a quotation shortcode in quotation marks) or the text
    they enclose; the tags themselves are gone."""
    assert markdown_lines(source)[0].text == printed


def test_a_link_title_on_the_next_line_does_not_split_the_paragraph():
    """``[Name](url`` ⏎ ``"title")``: the title is not printed, and its line is not a blank line."""
    lines = markdown_lines('See [Ravens](https://example.org/r\n"About ravens") and more.\nNext line.\n')
    assert [line.text for line in lines] == ["See Ravens https://example.org/r", "and more.", "Next line."]


def test_whole_entries_written_as_links_are_taken_with_their_address():
    """An entry that is all one ``<a href>`` (in Markdown or in HTML) keeps its address, so one with no year
    ("Company. Title.") is still taken under a reference heading; a one-word link adds nothing."""
    web = '<a href="https://example.org/guide" target="_blank">Ornith Society. Guide to bird counts.</a>'
    text = "# Bibliografia\n\n- " + web + "\n\n- " + ART + "\n"
    found, _ = _found(text)
    assert found == ["Ornith Society. Guide to bird counts. https://example.org/guide", ART]
    page = ("<html><body><h2>References</h2><ol><li>" + web + "</li><li>" + ART
            + '</li></ol><p>See <a href="https://example.org/x">this</a>.</p></body></html>')
    found, _ = _found(page, "page.html")
    assert found[0] == "Ornith Society. Guide to bird counts. https://example.org/guide"
    assert "https://example.org/x" not in " ".join(found)


@pytest.mark.parametrize("text, reason", [
    ("Date de création : 2021-11-08", "a date stamp of the page (created, updated), not a reference"),
    ("Last updated: 2022-03-01 Status: complete", "a date stamp of the page (created, updated), not a reference"),
    ("March 3, 1999; 22 years ago (1999-03-03)", "a date, not a reference"),
    ("12 mai 2004", "a date, not a reference"),
    ("Two authors: [Author & Author, Year] e.g., [Corvo & Neri, 2016]",
     "in-text citations (Author, year), not a reference"),
    ("Crows: (Corvo et al., 2016; Amsel, 2011)", "in-text citations (Author, year), not a reference"),
    ("Ravens https://example.org/ravens", "a bare link: too short to be a reference"),
])
def test_lines_with_a_year_that_are_no_references(text, reason):
    """A page's date stamps, a date alone, a list of in-text citations and a bare link are judged with their
    reason (listed as skipped inside a section, never taken)."""
    assert judge(text) == reason


@pytest.mark.parametrize("text", [
    "Corvo, L. Crows in the city. Accessed: 2021-02-03",
    "[Corvo, 2016] Corvo, L. Crows in the city. Urban Birds.",
    "Amsel K (2011) Die Vögel des Nordens. Seeverlag, Hamburg",
    "Corvo, L., \"Crows in the City\" (2016). Urban Birds Press.",
    "Ornith Society. Guide to bird counts. https://example.org/guide",
])
def test_references_that_look_like_them_are_still_taken(text):
    """An access date, a citation key in brackets, a year in parentheses and a linked web entry stay
    references."""
    assert judge(text) is None


def test_a_contents_list_under_the_page_heading_does_not_end_the_section():
    """Under a page titled "Bibliography", a contents list under its own subheading rests the section (its
    items are no references) and the topic subheadings after it take it up again; a format guide's in-text
    citations and templates are not taken."""
    text = ("# Bibliography\n\n## Contents\n\n1. Field Guides\n2. Journals\n\n## Field Guides\n\n- " + BOOK
            + "\n\n## Journals\n\n- " + ART + "\n\n## Citation format\n\n- One author: [Author, Year] e.g. "
            "[Amsel, 2011]\n- Two authors: [Corvo & Neri, 2016]\n- Books: Author, \"Title\" (Year). Publisher\n")
    found, skipped = _found(text)
    assert found == [BOOK, ART]
    reasons = {s.text: s.reason for s in skipped}
    assert reasons["Field Guides"] == "subheading inside the reference section"
    assert "One author: [Author, Year] e.g. [Amsel, 2011]" not in found
    # nothing under the resting section goes unaccounted for
    assert reasons["One author: [Author, Year] e.g. [Amsel, 2011]"] == "in-text citations (Author, year), not a reference"
    assert reasons['Books: Author, "Title" (Year). Publisher'] == "no year, identifier, locator or legal citation"


@pytest.mark.parametrize("entries", [
    ["Counting crows in cities (2016), L. Corvo et al. [pdf] https://example.org/crows.pdf",
     "Waders on the mudflats (2019), S. Dunlin and K. Ruff [pdf] https://example.org/waders.pdf",
     "A survey of northern birds (2011), K. Amsel [pdf] https://example.org/birds.pdf"],
    ["Counting crows https://example.org/crows - L. Corvo, P. Neri, Urban Birds 2016",
     "Waders on the mudflats https://example.org/waders - S. Dunlin et al., CVPR 2019",
     "A survey of northern birds https://example.org/survey - K. Amsel, arXiv 2011"],
    ["Tracking terns over the sea. A. Tern, B. Gull. ICCV 2017. [paper] https://example.org/terns",
     "Rooks at night. Q. Rook. ECCV 2018. [paper] https://example.org/rooks",
     "Learning to sing like a lark. J. Roe, A. Moe. NeurIPS 2020."],
    ['Corvo, L., & Neri, P., "Crows in the City" (2016). Urban Birds Press.',
     'Dunlin, S., "Waders on Mudflats" (2019). Coastal Books.',
     'Amsel, K., "Die Vögel des Nordens" (2011). Seeverlag.'],
])
def test_paper_lists_under_topic_headings_without_a_reference_heading(entries):
    """A list of papers set out as "Title (year), I. Name et al. [pdf]", "[Title](url) - I. Name, I. Name, Venue
    year", "Title. I. Name, I. Name. Venue year." or "Name, I., "Title" (year). Publisher." under topic
    subheadings of a page with no reference heading reads as a reference list."""
    text = "# Bird watching\n\nWhat we liked.\n\n### Cities\n\n" + "\n".join("- " + e for e in entries) + "\n"
    found, _ = _found(text)
    assert found == entries


def test_a_short_line_after_a_closed_section_does_not_reopen_it():
    """After notes ended a section, a line of a contents list with a year ("Older Birds : Before 2012") is too short
    to open it again; a whole reference still does."""
    text = ("References\n\n" + ART + "\n\nIbid.\n\nSee above.\n\nNot read yet.\n\nOlder Birds : Before 2012\n\n"
            + BOOK + "\n")
    found, _ = _found(text, "page.txt")
    assert found == [ART, BOOK]


def test_page_breaks_of_a_paged_text_are_read_through():
    """A paged plain text (an RFC, an Internet-Draft) loses its footers ("[Page 2]") and the running header after
    each: an entry broken by a page runs on across it, and the header is never an entry."""
    header = "Internet-Draft        Bird Storage           May 2019"
    page = lambda n: "\n\nAmsel                                               [Page %d]\n\f\n%s\n\n" % (n, header)  # noqa: E731
    text = ("Intro text of the draft.\n" + page(1) + "References\n\n   [CROWS]  Corvo, L., \"Crows in the city\",\n"
            "            Urban Birds 12, 2016,\n" + page(2) + "            https://example.org/crows.\n\n"
            "   [WADERS] Dunlin, S., \"Waders\", RFC 9999, May 2019.\n" + page(3))
    found, _ = _found(text, "draft.txt")
    assert found == ['Corvo, L., "Crows in the city", Urban Birds 12, 2016, https://example.org/crows.',
                     'Dunlin, S., "Waders", RFC 9999, May 2019.']


def test_a_nested_locator_item_belongs_to_the_entry_above():
    """A nested list item that is only the entry's volume, issue or pages ("т. 2, стр. 116", "vol. 3, pp. 4-9")
    is part of the entry above it; a nested item that is a work of its own stays an entry."""
    text = ("# Литература\n\n* Новиков И. – «Птицы севера», 1974 г.\n* Малая энциклопедия птиц\n    * т. 2, стр. 116\n"
            "* Bird Atlas of the North\n    * vol. 3, pp. 4-9\n* " + ART + "\n    * " + BOOK + "\n")
    found, _ = _found(text)
    assert found == ["Новиков И. – «Птицы севера», 1974 г.", "Малая энциклопедия птиц т. 2, стр. 116",
                     "Bird Atlas of the North vol. 3, pp. 4-9", ART, BOOK]


@pytest.mark.parametrize("heading", ["Публикации", "Издания", "Основные труды"])
def test_russian_publication_headings(heading):
    """"Публикации", "Издания" and "Труды" head a list of works as "Литература" does."""
    from acuref.read.sections import is_reference_heading

    assert is_reference_heading(heading)


def test_an_undated_entry_of_a_numbered_reference_list_is_taken():
    """In a numbered list that reads as a reference list, an entry with no date but a title in quotation marks
    (『…』, «…», "two words") is taken; a note without one is still listed as skipped."""
    text = ("1. 佐藤泰正「銀河の研究」国文学 31(6), p111-124, 1986\n2. 福島章『芸術と病理』金剛出版, 1970年\n"
            "3. 『宮沢賢治と法華経』松岡幹夫 著\n4. 山内修編『年表作家読本』河出書房新社、1989年。\n"
            "5. For the rest, see below\n6. " + ART + "\n")
    found, skipped = _found(text, "list.md")
    assert "『宮沢賢治と法華経』松岡幹夫 著" in found
    assert [s.text for s in skipped] == ["[5] For the rest, see below"]


def test_a_homepage_publication_list_ends_at_the_next_heading_of_its_level():
    """An academic homepage: entries set out with <br> (title, authors, venue and year, link tags) under year
    subheadings; a "[PDF]" link alone on its line is the name of a link, not part of the entry, and a heading as
    high as "Publications" ("Teaching") ends the section even when a line under it has a year."""
    page = ("<html><body><h2>Publications</h2><h3>2021</h3><ul><li><b>Counting crows</b><br>Jane Roe and Tom Poe<br>"
            "<i>Urban Birds</i>, 12(3):45-61, 2021<br><a href='https://example.org/c.pdf'>[PDF]</a></li>"
            "<li><b>Waders on mudflats</b><br>Tom Poe, Jane Roe<br><i>Coastal Data</i>, 2019</li></ul>"
            "<h2>Teaching</h2><ul><li>CS 101: Introduction to Programming (Fall 2020)</li>"
            "<li>CS 420: Machine Learning and Birds, spring term 2021</li></ul></body></html>")
    found, skipped = _found(page, "home.html")
    assert found == ["Counting crows. Jane Roe and Tom Poe. Urban Birds, 12(3):45-61, 2021",
                     "Waders on mudflats. Tom Poe, Jane Roe. Coastal Data, 2019"]
    assert [s.reason for s in skipped] == ["subheading inside the reference section"]


def test_an_entry_set_out_in_several_blocks_of_one_list_item():
    """A publication page that gives each field its own <div> inside one <li> (title, authors, venue) reads each
    item as one entry, each field closed with a stop where the page ends its line (so the parser sees where the
    title ends); an abstract or BibTeX block the page hides is not read at all."""
    item = ("<li><div class='title'>{t}</div><div class='author'>{a}</div><div class='periodical'><em>{v}</em>, "
            "{y}</div><div class='abstract hidden'><p>We did many things here and they were all hard to do.</p></div>"
            "<div style='display: none'>@article{{x{y}, title={{{t}}}}}</div></li>")
    page = ("<html><body><h1>Publications</h1><ol>" + item.format(t="Counting crows", a="Jane Roe, Tom Poe",
            v="Urban Birds", y=2021) + item.format(t="Waders on mudflats", a="Tom Poe", v="Coastal Data", y=2019)
            + "</ol></body></html>")
    found, _ = _found(page, "pubs.html")
    assert found == ["Counting crows. Jane Roe, Tom Poe. Urban Birds, 2021", "Waders on mudflats. Tom Poe. Coastal Data, 2019"]


def test_footnote_back_links_and_definition_list_labels():
    """A footnote's "↩" link back to the text is not part of its entry; a docutils citation's label set as a
    <dt> ("Corvo16") is the entry's label, not a subheading."""
    notes = ("<html><body><p>Text.</p><div class='footnotes'><ol><li id='fn:1'><p>" + ART
             + " <a href='#fnref:1'>↩︎</a></p></li><li id='fn:2'><p>" + BOOK + " <a href='#fnref:2'>↩</a></p></li>"
             "</ol></div></body></html>")
    found, _ = _found(notes, "post.html")
    assert found == [ART, BOOK]
    cites = ("<html><body><h1>References</h1><dl class='citation'><dt class='label'><span>Corvo16</span></dt>"
             "<dd><p>" + ART + "</p></dd><dt class='label'><span>Amsel11</span></dt><dd><p>" + BOOK + "</p></dd></dl>"
             "</body></html>")
    sources, skipped = extract_with_report(load_text(cites, "refs.html"))
    assert [(s.label, s.raw) for s in sources] == [("Corvo16", ART), ("Amsel11", BOOK)]
    assert skipped == []


def test_a_request_to_cite_over_marked_subheadings_keeps_the_section():
    """A reStructuredText "Publications" page: a line asking readers to cite, then underlined subheadings
    ("Journal papers") over the entries; the entries are all taken, the first too."""
    paper = "Corvo, L., Neri, P. and Amsel, K. (2016). Crows in the city. Urban Birds Journal, 509."
    chapter = "Corvo, L. and Neri, P. (2016). Crows in the city. In: Birds of Towns, pp. 3-9."
    text = ("Publications\n============\n\nPlease cite these works when using the tool\n\nJournal papers\n"
            "--------------\n\n" + paper + "\n\nChapters\n--------\n\n" + chapter + "\n")
    found, _ = _found(text, "publications.rst")
    assert found == [paper, chapter]


@pytest.mark.parametrize("name, text", [
    ("papers.md", "# Bird notes\n\n| Paper title | Authors | Venue | Year | Link |\n|---|---|---|---|---|\n"
                  "| Counting crows | L. Corvo, P. Neri | Urban Birds | 2016 | [pdf](https://example.org/c.pdf) |\n"
                  "| Waders on mudflats | S. Dunlin | Coastal Data | 2019 | |\n"),
    ("papers.html", "<html><body><h2>Bird notes</h2><table><thead><tr><th>Paper title</th><th>Authors</th>"
                    "<th>Venue</th><th>Year</th></tr></thead><tbody><tr><td>Counting crows</td><td>L. Corvo, P. Neri"
                    "</td><td>Urban Birds</td><td>2016</td></tr><tr><td>Waders on mudflats</td><td>S. Dunlin</td>"
                    "<td>Coastal Data</td><td>2019</td></tr></tbody></table></body></html>"),
])
def test_a_table_of_works_gives_one_reference_a_row(name, text):
    """A table whose header names a title column and authors, venue or year is a list of works, heading or no
    heading: each row is one entry written in citation order, and the header row is none."""
    found, _ = _found(text, name)
    link = " pdf https://example.org/c.pdf" if name.endswith(".md") else ""
    assert found == ["L. Corvo, P. Neri. Counting crows. Urban Birds, 2016." + link if link else
                     "L. Corvo, P. Neri. Counting crows. Urban Birds, 2016", "S. Dunlin. Waders on mudflats. Coastal Data, 2019"]


@pytest.mark.parametrize("headers, roles", [
    (["Title", "Authors", "Year"], ["title", "author", "year"]),
    (["Titel", "Autor", "Jahr", "Notiz"], ["title", "author", "year", None]),
    (["Workshop", "Title", "Published in"], [None, "title", "venue"]),
    (["Name", "Price", "Year"], None),
    (["Title", "Stars"], None),
])
def test_table_headers_name_the_columns_of_works(headers, roles):
    """A header names a table of works only with a title column and authors, a year or a venue; other tables
    (a price list, a list of repositories) are read as before."""
    from acuref.read.tables import table_roles

    assert table_roles(headers) == roles


def test_a_large_markdown_file_read_in_windows_keeps_its_hard_breaks():
    """Read in windows (a file too large to read whole), Markdown lines keep their ``<br>`` marks and table rows,
    as the whole file's lines do."""
    from acuref.read.documents import iter_path

    prose = "The birds of the valley were counted in the morning and the notes were kept in the book of the village.\n\n"
    text = "# References\n\n" + "".join(f"- Corvo, L. ({2000 + i}). Crows {i}. Urban Birds, {i}, 1-9.<br>\n  A note.\n\n"
                                         + prose for i in range(12))
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.md"
        path.write_text(text, encoding="utf-8")
        windows = list(iter_path(str(path), large=1, window=10))
    assert len(windows) > 1
    assert any(line.brk for doc in windows[1:] for line in doc.lines)


def test_rst_auto_numbered_list_items_are_entries():
    """reStructuredText's auto-numbered items ("#." and "(#)") are numbered entries 1, 2, 3 …, each cut where the
    next begins; a paragraph at the margin starts the numbering again."""
    text = ("References\n==========\n\n#. Corvo, L. (2016). Crows in the city.\n   Urban Birds, 12(3), 45-61.\n"
            "#. Dunlin, S. (2019). Waders on mudflats. Coastal Studies,\n   8, 112-120.\n\nBooks:\n\n"
            "(#) Amsel, K. (2011). Die Vögel des Nordens. Hamburg: Seeverlag.\n")
    sources, _ = extract_with_report(load_text(text, "refs.rst"))
    assert [(s.label, s.raw.replace("\n", " ")) for s in sources] == [
        ("1", "Corvo, L. (2016). Crows in the city. Urban Birds, 12(3), 45-61."),
        ("2", "Dunlin, S. (2019). Waders on mudflats. Coastal Studies, 8, 112-120."),
        ("1", "Amsel, K. (2011). Die Vögel des Nordens. Hamburg: Seeverlag.")]


def test_markdown_hard_breaks_close_a_field():
    """A Markdown list item set out a field a line with hard breaks (two spaces or ``<br>``) has each field that
    ends in a bare word or year closed with a stop; a field that ends with a stop or a comma is left alone."""
    text = ("# Publications\n\n- **Counting crows**  \n  Jane Roe and Tom Poe  \n  *Urban Birds*, 12(3):45-61, 2021\n"
            "- Waders on mudflats,<br>\n  Tom Poe.<br>\n  Coastal Data, 2019\n")
    found, _ = _found(text)
    assert found == ["Counting crows. Jane Roe and Tom Poe. Urban Birds, 12(3):45-61, 2021",
                     "Waders on mudflats, Tom Poe. Coastal Data, 2019"]


def test_a_publishers_reference_list_with_link_lines():
    """A journal's HTML reference list: each entry's "Article · Google Scholar" line under it holds the DOI as a
    link, which joins the entry as the DOI alone (the link words are not the entry's); a line of link names
    without one prints nothing of an entry and is not read; a book closing with "(Publisher, year)" is a
    reference, not an in-text citation."""
    item = "<li><p>{0}</p><p><a href='{1}'>Article</a> <a href='https://scholar.example.org/x'>Google Scholar</a></p></li>"
    page = ("<html><body><h2>References</h2><ol>"
            + item.format("Corvo, L. &amp; Neri, P. Crows in the city. <i>Urban Birds</i> <b>12</b>, 45–61 (2016).",
                          "https://doi.org/10.1000/ub.2016.45")
            + item.format("Amsel, K. <i>Die Vögel des Nordens</i> (Seeverlag, 2011).", "https://example.org/book")
            + "</ol></body></html>")
    found, skipped = _found(page, "article.html")
    assert found == ["Corvo, L. & Neri, P. Crows in the city. Urban Birds 12, 45–61 (2016). "
                     "https://doi.org/10.1000/ub.2016.45",
                     "Amsel, K. Die Vögel des Nordens (Seeverlag, 2011)."]
    assert skipped == []


@pytest.mark.parametrize("source, printed", [
    ("GraphQL, abgerufen am 30.06.2018 [Online](https://graphql.example.org/)",
     "GraphQL, abgerufen am 30.06.2018 https://graphql.example.org/"),
    ("Bird atlas, 2020. [URL](https://example.org/atlas)", "Bird atlas, 2020. https://example.org/atlas"),
    ("Counting crows (2016), L. Corvo et al. [[pdf]](https://example.org/c.pdf)",
     "Counting crows (2016), L. Corvo et al. [pdf] https://example.org/c.pdf"),
])
def test_a_link_named_only_online_or_url_gives_its_address(source, printed):
    """A Markdown link whose text only says it is a link ("Online", "URL", "hier") prints as its address alone, so
    the word does not end up in a title; a "[pdf]" tag is kept, as it marks where the authors end."""
    assert markdown_lines(source)[0].text == printed


def test_a_numbered_web_entry_is_no_bare_link():
    """In a numbered reference list, "[10] Company. Product. https://…" is an entry (a web page), though the same
    words and address alone in a paragraph are a bare link."""
    text = "References\n\n[9] " + ART + "\n\n[10] Basho. Riak. https://riak.example.org\n"
    found, _ = _found(text, "thesis.txt")
    assert found == [ART, "Basho. Riak. https://riak.example.org"]


def test_a_literature_review_chapter_is_not_taken_up_by_its_prose():
    """A "Literature review" chapter heading opens a section, its deeper headings with prose under them let it
    rest, and a paragraph of prose citing a year under a later subheading does not take it up again; a list of
    references under one does."""
    prose = ("A report of the International Bird Network (2024) showed that crows are counted in many cities, "
             "and the counts are kept by volunteers in the village libraries for everyone who wants to read them.")
    text = ("# Thesis\n\n## 2. Literature review\n\n### 2.1 Crows\n\n" + prose + "\n\n### 2.2 Waders\n\n" + prose
            + "\n\n### 2.3 Sources\n\n- " + ART + "\n- " + BOOK + "\n")
    found, _ = _found(text)
    assert found == [ART, BOOK]
