"""Web pages, Markdown and plain text as people write them: nested topic headings, notes between entries, HTML
inside Markdown, tables, blank-line separated entries, long numbered lists; every reference found, none cut."""

from __future__ import annotations

import pytest

from acuref.read import extract_with_report
from acuref.read.documents import load_text
from conftest import found_in as _found

BOOK_A = "Amsel, Karin: Die Vögel des Nordens. Hamburg: Seeverlag 2011."
BOOK_B = "Brenner, Paul; Ott, Lisa: Kleine Geschichte der Mühlen. Kassel 2004, Mühlenbund."
ART_A = "Corvo, L., & Neri, P. (2016). Crows in the city. Urban Birds, 12(3), 45-61."
ART_B = "Dunlin S, Ruff K. Waders on mudflats. J Coast Ornithol. 2019;8:112-120."
WEB_A = "Vogelwarte Nord: Zugvögel im Herbst. 2021. URL: https://example.org/zug (Zugriff am 3.4.2022)"
WEB_B = "Rabe, Tom: Nester bauen. In: Gartenblog, https://example.org/nester, letzter Abruf 2.2.2023."



def test_nested_topic_headings_keep_the_section_open():
    """Deeper headings under a reference heading ("## Books", "### Printed") are topic subheadings, also when
    two of them stand in a row; a reference heading inside the section keeps the outer section's level."""
    text = ("# Literatur\n\n## Allgemeines\n\n### Bücher\n\n- " + BOOK_A + "\n- " + BOOK_B
            + "\n\n## Zeitschriften und Quellen\n\n" + ART_A + "\n\n### Weitere Artikel\n\n" + ART_B + "\n")
    found, skipped = _found(text)
    assert found == [BOOK_A, BOOK_B, ART_A, ART_B]
    assert {s.reason for s in skipped} == {"subheading inside the reference section"}


@pytest.mark.parametrize("notes", [
    ["Ibid.", "Zie ook.", "(comment: check the edition)"],
    ["Idem.", "See also the list below.", "Not yet read."],
])
def test_notes_between_entries_do_not_close_the_section(notes):
    """Three short notes in a row inside a reference list are listed as skipped and the entries after them are
    still taken (the section closed there and dropped them silently before)."""
    text = "References\n\n" + ART_A + "\n\n" + "\n\n".join(notes) + "\n\n" + ART_B + "\n\n" + BOOK_A + "\n"
    found, skipped = _found(text, "page.txt")
    assert found == [ART_A, ART_B, BOOK_A]
    assert [s.text for s in skipped] == notes


def test_prose_ends_a_section_and_a_later_reference_opens_it_again():
    """Two paragraphs of running text close a section with no heading to close it; a plain reference after them
    opens it again, and the prose is listed as skipped."""
    prose = ("The birds were counted every morning by the volunteers who came to the reserve, and their notes "
             "were kept in a book that is now in the village library for anyone who wants to read it.")
    text = "Bibliography\n\n" + ART_A + "\n\n" + prose + "\n\n" + prose + "\n\n" + ART_B + "\n"
    found, skipped = _found(text, "page.txt")
    assert found == [ART_A, ART_B]
    assert [s.reason for s in skipped] == ["running text, not a reference"] * 2


def test_web_and_humanities_entries_without_a_plain_year():
    """'Name, Vorname: Titel' entries whose only date is an access date, and one-line web citations with a
    URL and an access note, are taken in a list with no heading or after two of them in a row."""
    refs = [WEB_A, "Vogelwarte Nord: Rastplätze. 2020. URL: https://example.org/rast (Zugriff am 3.4.2022)",
            "Seeschwalbe e.V.: Brutzeiten. 2019. URL: https://example.org/brut (Zugriff am 5.4.2022)",
            "Kiebitz, Jana: Wiesen im Wandel. 2018. URL: https://example.org/wiesen (Zugriff am 6.4.2022)"]
    found, _ = _found("\n".join(refs) + "\n", "quellen.txt")
    assert found == refs
    text = "Literatur\n\n" + "\n\n".join([BOOK_A, "Ibid.", "Siehe oben.", WEB_B, BOOK_B]) + "\n"
    found, _ = _found(text, "page.txt")
    assert found == [BOOK_A, WEB_B, BOOK_B]


@pytest.mark.parametrize("ref", [
    "Гусев, А. Б. Теория графов: учебник. – М.: Наука, 2015. – 320 с.",
    "Петров И. С. Основы сетей. – СПб.: Питер, 2019. – 416 с.",
])
def test_gost_entries_in_a_numbered_list(ref):
    """A short numbered list of GOST entries (Cyrillic authors, '– М.: Publisher, year', '– 320 с.') with no
    heading is a reference list."""
    other = "Иванов, П. Р. Алгоритмы на практике. – М.: Мир, 2012. – 288 с."
    found, _ = _found(f"1. {ref}\n2. {other}\n3. {ref}\n", "list.md")
    assert found == [ref, other, ref]


def test_html_blocks_inside_markdown():
    """An <ol> block inside a Markdown file (with a blank line between its items) is read as HTML: numbered
    entries with no tags left; <p> and <div> blocks likewise."""
    text = ("# Bibliography\n\n<ol>\n<li>" + ART_A + "</li>\n\n<li><i>" + ART_B + "</i></li>\n</ol>\n\n"
            "<div class=\"ref\"><p>" + BOOK_A + "</p></div>\n\nThe end.\n")
    sources, _ = extract_with_report(load_text(text, "refs.md"))
    assert [(s.label, s.raw) for s in sources] == [("1", ART_A), ("2", ART_B), (None, BOOK_A)]


def test_notes_after_a_break_are_not_entries():
    """A note after '<br>' below a complete entry is listed as a note, not taken; a link line after the break
    stays with its entry; an entry broken by '<br>' before it is complete is joined."""
    text = ("## Literatur\n\n- " + BOOK_A + "<br />\n  Ein schönes Buch über Vögel, das ich gern empfehle.\n"
            "  <br />[Beim Verlag bestellen](https://example.org/shop/1)\n"
            "- " + ART_A + "  \nhttps://example.org/crows\n"
            "- Brenner, Paul; Ott, Lisa:<br />Kleine Geschichte der Mühlen. Kassel 2004, Mühlenbund.\n")
    found, skipped = _found(text)
    assert found == [BOOK_A, ART_A + " https://example.org/crows", BOOK_B]
    assert [s.reason for s in skipped] == ["a note below an entry"]
    assert skipped[0].text.startswith("Ein schönes Buch") and "https://example.org/shop/1" in skipped[0].text


def test_markdown_markup_is_printed_text():
    """Tables (one entry a row), '##Heading' without a space, block quotes, links with brackets in their text
    (the target kept), '_emphasis_' and TeX commands all come out as the printed text."""
    text = ("##Quellen\n\n| Nr | Eintrag |\n|---|---|\n| 1 | " + ART_A + " |\n| 2 | " + BOOK_A + " |\n\n"
            "> Dunlin S, Ruff K. _Waders on mudflats_. J Coast Ornithol. 2019;8:112-120.\n\n"
            "- [Rabe T. Nester [online]. 2020](https://example.org/n)\n"
            "- Wren J. \\textit{Small birds}\\hspace{3mm}. London: Hedge Press; 2015.\n")
    found, _ = _found(text)
    assert found == ["1 " + ART_A, "2 " + BOOK_A, ART_B, "Rabe T. Nester [online]. 2020 https://example.org/n",
                     "Wren J. Small birds. London: Hedge Press; 2015."]


def test_markdown_list_items_run_on_until_the_next_item():
    """Lines under a Markdown list item with no indent and no blank line belong to it (lazy continuation)."""
    text = ("### Papers\n\n1. Kite R, Hawk S.\nRaptors over the valley.\nJ Birds 2001;4:1-9.\n"
            "1. Owl T.\n*Night hunters*.\nJ Birds 2003;6:10-19.\n")
    found, _ = _found(text)
    assert found == ["Kite R, Hawk S. Raptors over the valley. J Birds 2001;4:1-9.",
                     "Owl T. Night hunters. J Birds 2003;6:10-19."]


def test_entries_set_out_a_field_a_line_between_blank_lines():
    """Plain text with no heading whose entries are authors / title / venue lines separated by blank lines:
    each block is one reference (the lines were taken one by one before, titles dropped)."""
    entries = ["Kite R, Hawk S.\nRaptors over the valley.\nAnnual Meeting of Birders, Oslo 2014,\nIn: Proc Birders 2014; 12:301.",
               "Owl T, Kite R.\nNight hunters in winter.\nJ Birds 2016; 9:44-51.",
               "Hawk S.\nSoaring without effort:\na field study.\nBird Flight Workshop, Bergen 2018.",
               "Kite R.\nThe last kestrel.\nJ Birds 2019; 12:1-8."]
    found, _ = _found("- BIRDS -\n\n" + "\n\n".join(entries) + "\n", "refs.txt")
    assert found == [e.replace("\n", " ") for e in entries]


def test_numbered_list_past_999_keeps_its_labels():
    """Item numbers of any width in a running sequence are labels: 1000 follows 999 and is not glued to it;
    a year at the head of an entry's second line is still no label."""
    lines = [f"{n}. Gull{n} A. Notes on gull number {n}. Seabird J. 2001;{n}:1-2." for n in range(996, 1004)]
    lines[1] += "\n1998. A reprint."
    sources, skipped = extract_with_report(load_text("References\n\n" + "\n".join(lines) + "\n", "refs.txt"))
    assert [s.label for s in sources] == [str(n) for n in range(996, 1004)]
    assert sources[1].raw.endswith("1998. A reprint.") and skipped == []


@pytest.mark.parametrize("html", [
    "<h2>References<ol><li>{a}<li>{b}</ol>",
    "<h2>References</h2><p><a name=\"ref_Corvo\">[Corvo]</a>: {a}</p><p><a id=\"ref_Dunlin\">[Dunlin]</a>: {b}</p>",
    "<div><a name=\"r1\"></a>[1] {a}</div><div><a name=\"r2\"></a>[2] {b}</div>",
])
def test_html_labels_and_an_unclosed_heading(html):
    """A heading left open before its list ends where the list starts (the first item was lost); anchor labels
    '<a name=…>[X]</a>:' label their entry, under a heading or none."""
    sources, skipped = extract_with_report(load_text(html.format(a=ART_A, b=ART_B), "page.html"))
    assert [s.raw for s in sources] == [ART_A, ART_B] and skipped == []
    assert all(s.label for s in sources)


def test_japanese_publication_list():
    """A Japanese publication list (every item numbered '1.', authors as CJK names) under a heading naming
    papers and talks is a reference list; the same list under a heading of no known word too."""
    items = ["山田太郎, 佐藤花子. 鳥の渡りの観測. 日本鳥類学会誌, Vol.3, No.2, pp.10-19, 2004.",
             "佐藤花子. 湿地の水鳥. 生態学研究報告, pp.5-9, 2006年3月.",
             "鈴木一郎, 山田太郎. 都市のカラス. 日本鳥類学会誌, Vol.5, No.1, pp.1-8, 2008."]
    for heading in ("出版物、論文、学会発表など", "研究分野の記録"):
        found, _ = _found(f"## {heading}\n\n" + "\n".join("1. " + i for i in items) + "\n")
        assert found == items, heading


def test_hard_break_after_place_and_year_starts_the_translation():
    """A Markdown hard break (a trailing backslash) after an entry that ends with its place and year starts
    the next one (an original and its translation); after an author and year alone it does not."""
    text = ("# Bibliografia\n\n- Ordo avium, Roma 1990\\\n  Porządek ptaków https://example.org/ptaki, "
            "Kraków 1995 [dostęp: 1.2.2020]\n- Kowal J (2001)  \nPtaki polne. Warszawa: Las, s. 3-9.\n")
    found, _ = _found(text)
    assert found == ["Ordo avium, Roma 1990", "Porządek ptaków https://example.org/ptaki, Kraków 1995 [dostęp: 1.2.2020]",
                     "Kowal J (2001) Ptaki polne. Warszawa: Las, s. 3-9."]


def test_citation_keys_name_works_without_a_year():
    """In an rst citation list, '[Key] Title' entries with no year are taken (the key names a cited work);
    a '[PDF]' tag at the head of a line is no key."""
    text = ("References\n==========\n\n.. [Kite] Kite, R. Raptors over the valley. J Birds 4:1-9, 2001.\n\n"
            ".. [Owl] Night Hunters of the Northern Forests\n\n.. [OBS] The Online Bird Sightings Register.\n")
    sources, skipped = extract_with_report(load_text(text, "refs.rst"))
    assert [(s.label, s.raw) for s in sources] == [
        ("Kite", "Kite, R. Raptors over the valley. J Birds 4:1-9, 2001."),
        ("Owl", "Night Hunters of the Northern Forests"), ("OBS", "The Online Bird Sightings Register.")]
    assert skipped == []


def test_pre_block_entries_wrapped_at_a_width_are_rejoined():
    """RFC-style entries in an HTML <pre> block, wrapped with a hanging indent, are each one reference."""
    html = ("<html><body><p>Some text.</p><h2>References</h2><pre>\n"
            "[RFC9001]  Wren, J. and K. Kite, \"Bird Song Transport Protocol\n"
            "           Version 2\", RFC 9001, April 2021.\n\n"
            "[BIRDS]    Owl, T., \"Night Flights\", Journal of Birds 4,\n"
            "           pp. 10-19, 2003.\n</pre><p>After the list.</p></body></html>")
    sources, skipped = extract_with_report(load_text(html, "page.html"))
    assert [(s.label, s.raw.replace("\n", " ")) for s in sources] == [
        ("RFC9001", 'Wren, J. and K. Kite, "Bird Song Transport Protocol Version 2", RFC 9001, April 2021.'),
        ("BIRDS", 'Owl, T., "Night Flights", Journal of Birds 4, pp. 10-19, 2003.')]


def test_name_vorname_lines_without_a_heading():
    """A plain-text list of 'Name, Vorname: Titel. Ort: Verlag 2010.' lines with no heading is a reference
    list, one entry a line."""
    refs = [BOOK_A, "Brenner, Paul: Kleine Geschichte der Mühlen. Kassel: Mühlenbund 2004.",
            "Corvo, Luca: Krähen in der Stadt. Berlin: Urban 2016.", "Dunlin, Sara: Watvögel im Watt. Husum: Küste 2019."]
    found, skipped = _found("\n".join(refs) + "\n", "liste.txt")
    assert found == refs and skipped == []


@pytest.mark.parametrize("name,text", [
    ("refs.html", "<h2>References</h2><ol><li>Wren J. \\textit{Small birds}\\hspace{3mm}. London: Hedge Press; 2015.</li></ol>"),
    ("refs.rst", "References\n==========\n\n- Wren J. \\emph{Small birds}\\hspace{3mm}. London: Hedge Press; 2015.\n"),
    ("refs.txt", "References\n\nWren J. \\textbf{\\textit{Small birds}}\\quad. London: Hedge Press; 2015.\n"),
])
def test_tex_commands_left_in_a_page_are_stripped(name, text):
    """TeX formatting commands keep their text and spacing commands vanish, in HTML, rst and plain text."""
    found, _ = _found(text, name)
    assert found == ["Wren J. Small birds. London: Hedge Press; 2015."]
