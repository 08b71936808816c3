"""Whole pages in HTML, text and Markdown: what is found, and how it parses."""

from __future__ import annotations

from pathlib import Path

from acuref import parse_reference, run

DOCS = Path(__file__).resolve().parent / "data" / "docs"


def _found(name: str):
    return [(e.ref.sources[0].kind, e.ref.sources[0].label, e.ref) for e in run([str(DOCS / name)]).entries]


def test_html_article():
    """Inline citations and the <ol> list are found; a 'Similar articles' entry is a work like the page, not one
    it cites (listed as skipped; it still parses title first); prose and footers are not references."""
    found = _found("a.html")
    assert [(k, lab) for k, lab, _ in found] == [("inline", None), ("inline", None), ("list", "1"), ("list", "2"),
                                                  ("list", "3")]
    nejm = found[1][2]
    assert (nejm.container_title, nejm.volume, nejm.issue, nejm.page) == ("N Engl J Med", "363", "5", "454-461")
    chien = found[2][2]
    assert chien.DOI == "10.1177/1534735419886662" and chien.number == "1534735419886662"
    skipped = run([str(DOCS / "a.html")]).skipped
    assert [s.reason.startswith("a work citing or like the page") for s in skipped] == [True]
    similar = parse_reference(skipped[0].raw or skipped[0].text)
    assert similar.title == "Acupuncture for peripheral neuropathy" and similar.author[0].family == "Smith"
    assert similar.author_truncated and similar.PMID == "25687543"


def test_dutch_text_page():
    """An unnumbered 'Literatuur:' list with a wrapped entry and a book, plus an inline citation."""
    found = _found("b.txt")
    assert [k for k, _, _ in found] == ["inline", "list", "list", "list"]
    assert found[2][2].title.startswith("Acupuncture for the treatment of chronic painful peripheral")
    assert found[3][2].type == "book" and found[3][2].publisher == "Butterworth-Heinemann"
    assert found[1][2].number == "A4321"


def test_markdown_bibliography_and_footnote():
    """Bullet entries keep their DOI link; a footnote definition is a labelled reference."""
    found = _found("c.md")
    assert [(k, lab) for k, lab, _ in found] == [("list", None), ("list", None), ("list", "1")]
    assert found[0][2].DOI == "10.1016/j.sleep.2008.08.012" and found[0][2].container_title == "Sleep Med"


def test_wikipedia_style_references():
    """`^` and `^ a b` backlinks are labels; quoted titles, PMC ids with a space and DOIs are read."""
    found = _found("wiki.txt")
    assert len(found) == 3 and all(k == "list" for k, _, _ in found)
    vickers = found[0][2]
    assert vickers.author[0].family == "Vickers" and vickers.title.startswith("Acupuncture for Chronic Pain: Update")
    assert vickers.container_title == "The Journal of Pain" and vickers.PMCID == "PMC5927830"
    assert found[1][2].author[0].family == "Ernst" and found[1][2].title == "Acupuncture – a critical analysis"


def test_dutch_sources_with_an_organisation_as_author():
    """A `Bronnen` bullet list with a one-word organisation author (a book), and an inline citation."""
    found = _found("dutch.txt")
    assert [k for k, _, _ in found] == ["inline", "list", "list", "list"]
    report = found[3][2]
    assert report.author[0].literal == "Gezondheidsraad" and report.type == "book" and report.title == "Acupunctuur"
    assert report.publisher_place == "Den Haag"


def test_wrapped_apa_entries_under_a_heading():
    """Unnumbered APA entries wrapped over indented lines are one reference each."""
    found = _found("apa.txt")
    assert len(found) == 3
    hui = found[1][2]
    assert len(hui.author) == 9 and hui.container_title == "Human Brain Mapping" and hui.page == "13-25"
    assert found[0][2].DOI == "10.1016/j.pneurobio.2008.05.004"


def test_superscript_numbers_and_doi_links_in_html():
    """`<sup>1</sup>` opening a paragraph is its label; a "DOI" link keeps the DOI of its href."""
    found = _found("sup.html")
    assert [(k, lab) for k, lab, _ in found] == [("list", "1"), ("list", "2"), ("list", "1")]
    assert found[0][2].author[0].family == "Garcia" and found[0][2].number == "41"
    assert found[2][2].DOI == "10.1016/S0140-6736(74)90884-8"


def test_wrapped_markdown_numbered_list():
    """A Markdown numbered list with entries wrapped over indented lines gives one reference per entry."""
    found = _found("wrapped.md")
    assert [lab for _, lab, _ in found] == ["1", "2"]
    assert found[0][2].title == "Proteasome inhibitors in multiple myeloma: 10 years later"
    assert found[1][2].DOI == "10.1158/1535-7163.MCT-04-0338"
