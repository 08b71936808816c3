"""Finding references in documents, and the near misses that must not become references."""

from __future__ import annotations

import pytest

from acuref import extract_references, load_text
from acuref.read.extract import extract_from_lines

NEAR_MISSES = [
    "In het American Journal of Psychiatry een regulier tijdschrift, een boeiend artikel.",
    "pain relief, particularly in the presence of cancer (12). Serotonergic pathways (34) and (5).",
    "China Clinical Trials Register (registration no. ChiCTR-INR-16009079",
    "Na 84 dagen behandelingen (drie kuren) was de pijn verlicht (P <0,01).",
    "Updated: Dec 3, 2023",
    "  1. via het zenuwstelsel,\n  2. via de endogene opiumachtige stoffen die afgegeven worden,",
    "  • Reducing hypersensitivity induced by spinal nerve ligation.\n  • Increasing the release of adenosine.",
    "The New England Journal of Medicine is one of the most respected journals in the world.",
    "30 patients were enrolled in 2019 (NCT01234567) and followed for 12 months.",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_are_not_references(text):
    """Prose, journal mentions, trial registrations and in-text markers are not references."""
    assert extract_references(text) == []


def test_numbered_styles():
    """Lists numbered 1., [1], 1) and (1) are all found, with their labels."""
    text = (
        "References\n"
        "1) Huskisson EC. Measurement of pain. Lancet. 1974;2(7889):1127-31.\n"
        "[2] Postma TJ, Heimans JJ. Grading of neuropathy. Ann Oncol. 2000;11(5):509-13.\n"
        "(3) Zhang C, Ma YX. Clinical effects of acupuncture. J Tradit Chin Med. 2010;30(1):13-4.\n"
    )
    found = extract_references(text)
    assert [s.label for s in found] == ["1", "2", "3"]
    assert all(s.kind == "list" for s in found)


def test_lists_where_every_item_is_one():
    """A copied HTML list that numbers every item '1.' keeps the items' positions as labels."""
    text = "\n".join(f"    1. Author{c} A. Title {c}. J Test. 200{i};{i}:1-{i + 1}." for i, c in enumerate("ABC", 1))
    assert [s.label for s in extract_references(text)] == ["1", "2", "3"]


def test_wrapped_entries_are_joined():
    """An entry broken over lines is one reference, its raw text keeping the line breaks."""
    text = ("References\n\n1. Ikeda S, Tanaka M, Matsumoto S. Endo-\nscopic sphincterotomy: long-term results.\n"
            "Endoscopy. 1988;20:13-7.\n2. Unwin N. Refined structure. J Mol Biol 2005; 346: 967-89.\n")
    found = extract_references(text)
    assert len(found) == 2
    assert found[0].line == 3 and found[0].end_line == 5
    assert found[0].raw.count("\n") == 2


def test_unnumbered_list_under_heading():
    """Under a Literatuur heading, unnumbered APA entries are references, one per paragraph."""
    text = ("Literatuur\n\nKeane, T. M., & Taylor, K. L. (1987). Posttraumatic stress disorder. "
            "Journal of Clinical Psychology, 43, 32-43.\n\nToepoel, V. (2009). Effects of design in web surveys. "
            "Public Opinion Quarterly, 72, 985-1007.\n")
    assert len(extract_references(text)) == 2


def test_source_line_and_inline_citation():
    """'Bron:' lines and parenthesised citations in prose are found with their kinds."""
    text = ("Een studie (Am J Psychiatry 157:1342-1343, August 2000) toonde dit aan.\n\n"
            "Bron: N Engl J Med 2010; 363:454-461\n")
    kinds = [(s.kind, s.raw) for s in extract_references(text)]
    assert kinds == [("inline", "Am J Psychiatry 157:1342-1343, August 2000"), ("source", "N Engl J Med 2010; 363:454-461")]


def test_html_ordered_list_with_line_numbers():
    """HTML references are read with a real parser; <ol> numbers return and lines point into the file."""
    html = ("<html><head><script>var a = '1. Fake A. Title. J. 2001;1:1-2.';</script></head><body>\n"
            "<h2>References</h2>\n<ol>\n"
            "<li>Moreau P, Richardson PG. Proteasome inhibitors. <i>Blood</i>. 2012;120(5):947&ndash;59.</li>\n"
            "<li>Huskisson EC. Measurement of pain. Lancet. 1974;2(7889):1127-31.</li>\n</ol></body></html>\n")
    doc = load_text(html, "page.html")
    found = extract_from_lines(doc.lines)
    assert [(s.label, s.line) for s in found] == [("1", 4), ("2", 5)]
    assert "947–59" in found[0].raw and "<i>" not in found[0].raw
