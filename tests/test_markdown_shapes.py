"""Markdown reference lists in the shapes people write them: wrapped in a ``markdown="1"`` block, as tables with
short delimiter rows, numbered with a citation key and no space, with the address on a nested item."""

from __future__ import annotations

import pytest

from acuref.read.markup import markdown_lines
from conftest import found_in

ART_A = 'Corvo, Lia. 2016. "Crows in the City." *Urban Birds* 12 (3): 45–61.'
ART_B = 'Neri, Paolo. 2019. "Waders on Mudflats." *Coastal Ornithology* 8: 112–120.'
BOOK_A = "Amsel, Karin. 2011. *Die Vögel des Nordens*. Hamburg: Seeverlag."


@pytest.mark.parametrize("opening", ['<div class="bibliography" markdown="1">', "<div markdown='block'>",
                                     '<section markdown="1" id="refs">'])
def test_markdown_inside_a_block_tag_that_asks_for_it(opening):
    """A block tag with ``markdown="1"`` (kramdown, Python-Markdown) wraps a list that is read as Markdown: every
    item an entry, not the whole list one HTML block."""
    text = f"# Bibliography\n\n{opening}\n- {ART_A}\n- {ART_B}\n- {BOOK_A}\n</div>\n"
    found, _ = found_in(text)
    assert len(found) == 3
    assert found[0].startswith("Corvo, Lia. 2016.") and found[2].startswith("Amsel, Karin.")


@pytest.mark.parametrize("rule", ["| :-: | --- | :-: |", ":-: | --- | :-:", "|:---:|-|-|"])
def test_table_of_works_with_a_short_delimiter_row(rule):
    """A table whose delimiter row has one dash a column is a table (as GitHub renders it); its rows name a
    title and an author, so each is a work even with no year printed; wiki links print their text."""
    text = ("# Bücher\n\n| Titel | Autor | Jahr |\n" + rule + "\n| [[Die Vögel des Nordens]] | Amsel, Karin | 2011 |\n"
            "| Kleine Geschichte der Mühlen | Brenner, Paul | |\n")
    found, _ = found_in(text)
    assert found == ["Amsel, Karin. Die Vögel des Nordens. 2011", "Brenner, Paul. Kleine Geschichte der Mühlen"]


@pytest.mark.parametrize("link, shown", [
    ("[[Seite]]", "Seite"), ("[[Seite|gezeigter Text]]", "gezeigter Text"), ("[[Seite#Teil]]", "Seite"),
    ("[[pdf]](https://example.org/a.pdf)", "[pdf] https://example.org/a.pdf"),
])
def test_wiki_links_print_their_text(link, shown):
    """A wiki link prints its page name or its alias; a Markdown link with a bracketed text stays a link."""
    assert markdown_lines(f"Siehe {link}.")[0].text == f"Siehe {shown}."


def test_numbered_entries_with_a_key_and_no_space():
    """``1.[key] Entry`` lines (no space after the number, so Markdown runs them into one paragraph) are each an
    entry, numbered, without the key; a template list numbered 1-3 above them, with no year, is not taken."""
    text = ("Vorlage:\n1. Name, Vorname: “Titel”, Verlag, Ort, Jahr\n2. Name, Vorname: “Titel”, Zeitschrift, Jahr\n"
            "3. Name, Vorname: Titel, http://example.org, Datum\n\n"
            '1.[amsel_voegel] Amsel, Karin: "Die Vögel des Nordens", Seeverlag, Hamburg, 2011., str. 3\n'
            '2.[brenner_muehlen] Brenner, Paul; Ott, Lisa: "Kleine Geschichte der Mühlen", Mühlenbund, Kassel, 2004.\n'
            '3.[rabe2] Rabe, Tom: "Nester bauen", Gartenblog, 2020., str. 12-14\n')
    found, _ = found_in(text)
    assert [f.split(":")[0] for f in found] == ["Amsel, Karin", "Brenner, Paul; Ott, Lisa", "Rabe, Tom"]


def test_an_address_on_a_nested_item_belongs_to_the_entry():
    """``1. **Org, 2020**: "Title"`` with its address as the one nested item below: one entry with its address;
    two nested links under one item stay items of their own."""
    text = ("# Fonti\n\n1. **Vogelwarte Nord, 2021**: \"Zugvögel im Herbst\"  \n   - [https://example.org/zug](https://example.org/zug)\n\n"
            "2. **Gartenverein**: \"Nester bauen\"  \n   - https://example.org/nester\n")
    found, _ = found_in(text)
    assert found == ['Vogelwarte Nord, 2021: "Zugvögel im Herbst" https://example.org/zug',
                     'Gartenverein: "Nester bauen" https://example.org/nester']
    lines = [line.text for line in markdown_lines("- Topic\n  - https://a.example\n  - https://b.example\n")]
    assert lines[1].strip().startswith("-") and lines[2].strip().startswith("-")


def test_reference_style_links_print_as_links():
    """``[text][label]`` and ``[text][]`` print their text with the target their definition gives; a label with
    no definition is printed as typed."""
    text = ("- [Die Vögel des Nordens, Karin Amsel][voegel]\n- [Nester bauen][]\n- [Ohne Ziel][fehlt]\n\n"
            "[voegel]: https://example.org/voegel.pdf\n[Nester bauen]: https://example.org/nester \"Nester\"\n")
    lines = [line.text for line in markdown_lines(text) if line.text]
    assert lines == ["- Die Vögel des Nordens, Karin Amsel https://example.org/voegel.pdf",
                     "- Nester bauen https://example.org/nester", "- [Ohne Ziel][fehlt]"]


def test_lists_of_author_date_entries_under_topic_headings():
    """A reading list by year and kind, no reference heading: items that open with their authors and a date
    (given names first, no volume or pages) make each list a reference list."""
    text = ("# Gelesen\n\n## 2024\n\n### Bücher\n\n"
            "+ Karin Amsel (2011): _Die Vögel des Nordens_, Hamburg: Seeverlag.\n"
            "+ Paul Brenner and Lisa Ott (ed.) (2004): _Kleine Geschichte der Mühlen_, Kassel: Mühlenbund.\n\n"
            "## 2023\n\n### Bücher\n\n"
            "+ Tom Rabe (2020): _Nester bauen_, Berlin: Gartenverlag.\n"
            "+ Lia Corvo (2016): _Krähen in der Stadt_, Wien: Stadtvogel.\n")
    found, _ = found_in(text)
    assert [f.split(" (")[0] for f in found] == ["Karin Amsel", "Paul Brenner and Lisa Ott", "Tom Rabe", "Lia Corvo"]


@pytest.mark.parametrize("text, opens", [
    ("Karin Amsel (2011): Die Vögel", True), ("Amsel, K., & Ott, L. (2011). Die Vögel", True),
    ("Amsel, Karin. 2011. Die Vögel", True), ("Amsel, K.L. 2011. Die Vögel", True),
    ("Release 2019: new features", False), ("Conference Papers 2019:", False), ("Version 2.0 (2021): changes", False),
])
def test_author_date_openings(text, opens):
    """The author-date opening needs two name words and a year in parentheses or after a stop."""
    from acuref.read.lists import author_date

    assert author_date(text) is opens


def test_hard_broken_entries_keep_their_fields_and_drop_their_comments():
    """An entry set out over hard-broken lines (authors and date / "title" / venue, volume, pages / a comment):
    the title and the venue line belong to the entry, the comment is a note below it."""
    text = ("# 参考文献\n\n## 論文\n\n"
            "1. **Corvo, L., Neri, P., & Amsel, K. (2016)**  \n   \"Crows in the city and their nests\"  \n"
            "   *Urban Birds*, 12(3), 45-61.  \n   都市のカラスの研究。\n\n"
            "2. **Dunlin, S. (2019)**  \n   \"Waders on mudflats\"  \n   *Coastal Ornithology*, 8, 112-120.  \n"
            "   干潟の鳥についての報告。\n")
    found, skipped = found_in(text)
    assert found == ['Corvo, L., Neri, P., & Amsel, K. (2016) "Crows in the city and their nests" Urban Birds, 12(3), 45-61.',
                     'Dunlin, S. (2019) "Waders on mudflats" Coastal Ornithology, 8, 112-120.']
    assert [s.reason for s in skipped] == ["subheading inside the reference section"] + ["a note below an entry"] * 2


def test_plain_text_entries_numbered_without_a_stop_keep_their_notes_apart():
    """"1 Family I. Title. – Place: Publisher, 1985." entries, each followed by notes (one an enumerated
    remark), separated by blank lines: every entry taken, wrapped lines joined, no note taken."""
    text = ("1 Amsel K. Die Vögel des Nordens. – Hamburg: Seeverlag, 2011. – 208 с.\ncited by: [2], [3].\n\n"
            "2 Brenner P., Ott L. Kleine Geschichte der Mühlen // Mühlenblatt. 2004. № 3. С. 12–19.\n"
            "remarks:\n1) the figure on page 3 was printed in 1998 and is not the one described;\n"
            "2) no further remarks.\n\n"
            "3 Rabe T. Nester bauen. – Berlin: Gartenverlag,\n2020. – 96 с.\ncited by: [1].\n")
    found, _ = found_in(text, "list.txt")
    assert found == ["Amsel K. Die Vögel des Nordens. – Hamburg: Seeverlag, 2011. – 208 с.",
                     "Brenner P., Ott L. Kleine Geschichte der Mühlen // Mühlenblatt. 2004. № 3. С. 12–19.",
                     "Rabe T. Nester bauen. – Berlin: Gartenverlag, 2020. – 96 с."]


def test_numbered_headings_of_a_plain_text_stay_headings():
    """"1 Introduction", "2 Methods": short numbered lines with no year are not entries numbered without a stop."""
    from acuref.read.markup import text_lines

    lines = text_lines("1 Introduction\n\nText.\n\n2 Methods\n\nMore text.\n\n3 Results\n")
    assert [line.text for line in lines if line.text[:1].isdigit()] == ["1 Introduction", "2 Methods", "3 Results"]


@pytest.mark.parametrize("hashes", ["######", "####", "##"])
def test_headings_that_are_list_items_are_entries(hashes):
    """``###### - Family, I. (2008): Title …`` (entries set in a heading's font, each with a list marker) are
    entries, without their hashes; the topic heading above them stays a heading."""
    lines = markdown_lines(f"#### Bücher\n{hashes} - Amsel, K. (2011): Die Vögel des Nordens. Hamburg. S. 3\n")
    assert [(line.text, line.heading) for line in lines] == [
        ("Bücher", 4), ("- Amsel, K. (2011): Die Vögel des Nordens. Hamburg. S. 3", 0)]
    long = markdown_lines("###### " + "Amsel, K. (2011): Die Vögel des Nordens. " * 4)
    assert long[0].heading == 0 and not long[0].text.startswith("#")
    assert [(line.text, line.heading) for line in markdown_lines("## 2. Methoden\n### 7) Literatur\n")] == [
        ("2. Methoden", 2), ("7) Literatur", 3)]  # numbered headings stay headings
