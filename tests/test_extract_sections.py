"""Reference sections in many languages and layouts: every reference found, every other candidate listed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from acuref import run
from acuref.read.documents import load_text
from acuref.read import extract_with_report, judge
from acuref.read.sections import is_reference_heading
from conftest import ROOT

KINDS = [line.split("\t", 1) for line in (ROOT / "tests" / "data" / "reference_kinds.tsv").read_text(
    encoding="utf-8").splitlines()[1:]]
REFS = [ref for _, ref in KINDS]


def _found(text: str, name: str = "page.txt") -> tuple[list[str], list]:
    sources, skipped = extract_with_report(load_text(text, name))
    return [s.raw.replace("\n", " ") for s in sources], skipped


@pytest.mark.parametrize("heading", [
    "References", "REFERENCES", "7. References", "Bibliography", "Works Cited", "Literature Cited", "Related publications",
    "Research Citations", "Further reading", "Notes and references", "Literatuur", "Literatuurlijst", "Bronnen",
    "Literatur", "Literaturverzeichnis", "Quellen und Literatur", "Einzelnachweise", "Références bibliographiques",
    "Bibliographie", "Referencias", "Bibliografía", "Obras citadas", "Bibliografia", "Riferimenti bibliografici",
    "Referências", "Piśmiennictwo", "Literatura", "Список литературы", "Список использованных источников",
    "参考文献", "引用文献", "== References ==", "**Literatur:**", "VII. BIBLIOGRAPHY",
])
def test_reference_headings(heading):
    """A short heading naming a reference section, in any of the languages, numbered or marked up, is one."""
    assert is_reference_heading(heading)


@pytest.mark.parametrize("heading", ["Introduction", "Methods", "Open source software", "Data sources", "Results",
                                     "Sources of funding", "Lecture notes on the history of medicine"])
def test_other_headings(heading):
    """Section headings that only contain a reference word are not reference headings."""
    assert not is_reference_heading(heading)


def test_every_kind_of_reference_under_an_unknown_language_heading():
    """Legal, web, Wikipedia, RFC, book, thesis, patent, Cyrillic and CJK references under 'Literaturverzeichnis'
    are all found, none glued to another."""
    text = "Einleitung\n\nDie Akupunktur wird seit Jahrzehnten untersucht.\n\nLiteraturverzeichnis\n\n" + "\n\n".join(REFS)
    found, skipped = _found(text)
    assert found == REFS
    assert skipped == []


@pytest.mark.parametrize("kind", sorted({k for k, _ in KINDS}))
def test_each_kind_judged_a_reference(kind):
    """Inside a reference section, every kind of reference in the table is taken."""
    for k, ref in KINDS:
        if k == kind:
            assert judge(ref) is None, ref


def test_rule_under_heading_and_topic_subheadings():
    """A '---' rule under the heading and topic subheadings inside the list keep the section open; the
    subheadings are listed as skipped, not read as references."""
    text = ("Sources\n-------\n\nBooks\n\n" + REFS[24] + "\n\n" + REFS[25] + "\n\nWeb pages\n\n" + REFS[10] + "\n\n"
            + REFS[11] + "\n")
    found, skipped = _found(text)
    assert found == [REFS[24], REFS[25], REFS[10], REFS[11]]
    assert [(s.text, s.reason) for s in skipped] == [("Books", "subheading inside the reference section"),
                                                     ("Web pages", "subheading inside the reference section")]


def test_br_separated_entries_in_html():
    """Entries separated only by <br> inside one paragraph under an <h3> heading are each a reference."""
    refs = REFS[24:31]
    html = ("<html><body><p>Prose about pain.</p><h3>Bibliografie</h3><p>" + "<br>\n".join(refs)
            + "</p><h3>Over de auteur</h3><p>Jan schrijft over pijn sinds 2001 en woont in Utrecht.</p></body></html>")
    found, _ = _found(html, "page.html")
    assert found == refs


def test_label_on_its_own_line():
    """A [LABEL] alone on its line labels the entry below it."""
    text = "References\n\n[Bradner97]\n    " + REFS[21] + "\n\n[Postel81]\n    " + REFS[23] + "\n"
    sources, _ = extract_with_report(load_text(text, "rfc.txt"))
    assert [(s.label, s.raw.strip()) for s in sources] == [("Bradner97", REFS[21]), ("Postel81", REFS[23])]


def test_rst_citations_and_doi_roles():
    """reStructuredText '.. [Label]' citations are labelled references, and a :doi: role leaves no backtick."""
    text = ("Background\n==========\n\nSome text [Hinton2015]_.\n\nReferences\n----------\n\n"
            ".. [Hinton2015] Hinton G, Vinyals O, Dean J. Distilling the knowledge in a neural network.\n"
            "   arXiv:1503.02531, 2015.\n"
            ".. [Ernst2006] Ernst E. Acupuncture – a critical analysis. J Intern Med. 2006;259(2):125-37.\n"
            "   :doi:`10.1111/j.1365-2796.2005.01584.x`\n")
    result_sources, _ = extract_with_report(load_text(text, "notes.rst"))
    assert [s.label for s in result_sources] == ["Hinton2015", "Ernst2006"]
    assert result_sources[1].raw.endswith("doi:10.1111/j.1365-2796.2005.01584.x")


def test_folder_walk_reads_rst(tmp_path):
    """A folder walk picks up .rst documents."""
    (tmp_path / "notes.rst").write_text("References\n----------\n\n.. [E] " + REFS[18] + "\n", encoding="utf-8")
    result = run([str(tmp_path)])
    assert [e.ref.DOI for e in result.entries] == ["10.1111/j.1365-2796.2005.01584.x"]


def test_bare_list_without_heading():
    """A run of paragraphs that each read as references is a reference list even with no heading."""
    refs = [REFS[18], REFS[31], REFS[32], REFS[44]]
    text = "Acupuncture and pain\n\nA short page about pain treatments.\n\n" + "\n\n".join(refs) + "\n"
    found, _ = _found(text)
    assert found == refs


def test_prose_and_boilerplate_inside_a_section_are_listed_as_skipped():
    """What a section holds besides references is listed with its line and reason, never silently dropped."""
    text = ("References\n\n1. " + REFS[18] + "\n2. Ibid., 127.\n3. " + REFS[19]
            + "\n\n© 2024 Example Health. All rights reserved.\n")
    found, skipped = _found(text)
    assert found == [REFS[18], REFS[19]]
    assert [(s.line, s.reason) for s in skipped] == [(4, "repeats an earlier note (ibid., op. cit.)"),
                                                    (7, "page boilerplate (copyright, privacy, navigation)")]


def test_source_line_with_only_a_url():
    """A 'Bron:' line holding only a URL is a reference (a web page)."""
    found, _ = _found("Acupunctuur helpt niet bij iedereen.\n\nBron: https://www.nccih.nih.gov/health/acupuncture\n")
    assert found == ["https://www.nccih.nih.gov/health/acupuncture"]


def test_report_lists_skipped_candidates(tmp_path):
    """--report has a 'skipped' list (file, line, end_line, text, raw, reason) and the review page shows it."""
    page = tmp_path / "page.md"
    page.write_text("## Referencias\n\n- " + REFS[28] + "\n- Ver también la página anterior\n", encoding="utf-8")
    report, html = tmp_path / "r.json", tmp_path / "r.html"
    proc = subprocess.run([sys.executable, "-m", "acuref", "export", str(page), "--no-resolve", "-o",
                           str(tmp_path / "out.json"), "--report", str(report), "--report-html", str(html)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert len(data["items"]) == 1
    assert data["skipped"] == [{"file": str(page), "line": 4, "end_line": 4, "text": "Ver también la página anterior",
                                "raw": "Ver también la página anterior", "reason": "no year, identifier, locator or legal citation"}]
    assert "Ver también la página anterior" in html.read_text(encoding="utf-8")
    assert "1 candidate in a reference section not taken" in proc.stderr
