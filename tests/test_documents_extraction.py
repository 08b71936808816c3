"""Whole pages in HTML, text and Markdown: what is found, and how it parses."""

from __future__ import annotations

from pathlib import Path

from acuref import run

DOCS = Path(__file__).resolve().parent / "data" / "docs"


def _found(name: str):
    return [(e.ref.sources[0].kind, e.ref.sources[0].label, e.ref) for e in run([str(DOCS / name)]).entries]


def test_html_article():
    """Inline citations, the <ol> list and a title-first 'Similar articles' entry; prose and footers are not references."""
    found = _found("a.html")
    assert [(k, lab) for k, lab, _ in found] == [("inline", None), ("inline", None), ("list", "1"), ("list", "2"),
                                                  ("list", "3"), ("list", None)]
    nejm = found[1][2]
    assert (nejm.container_title, nejm.volume, nejm.issue, nejm.page) == ("N Engl J Med", "363", "5", "454-461")
    chien = found[2][2]
    assert chien.DOI == "10.1177/1534735419886662" and chien.number == "1534735419886662"
    similar = found[5][2]
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
