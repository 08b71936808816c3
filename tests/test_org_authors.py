"""Organisations and other non-personal authors: read whole, exported whole, and a list's repeated-author dash."""

from __future__ import annotations

import json
import time

import pytest

from acuref.formats import bibtex, csl, ris
from acuref.model import Entry, Name, Reference
from acuref.normalize.names import classify, is_author_list, parse_author_list
from acuref.parse import parse_reference
from acuref.parse.orgs import org_author, same_authors
from acuref.pipeline import parse_lines, read_path


def _first(text: str) -> Name:
    return parse_author_list(text)[0][0]


@pytest.mark.parametrize("text,literal", [
    ("Health Canada", "Health Canada"),
    ("Asthme Québec", "Asthme Québec"),
    ("Statistiek Nederland", "Statistiek Nederland"),
    ("Human Connectome Project", "Human Connectome Project"),
    ("Federal Aviation Administration", "Federal Aviation Administration"),
    ("Landesgesundheitszentrum Sachsen", "Landesgesundheitszentrum Sachsen"),
    ("Komisja ds. Edukacji i Nauki", "Komisja ds. Edukacji i Nauki"),
    ("Ministero della salute e delle politiche sociali", "Ministero della salute e delle politiche sociali"),
    ("Centre de recherche et de formation en santé (CRFS)", "Centre de recherche et de formation en santé (CRFS)"),
    ("Redakcja Portal.pl", "Redakcja Portal.pl"),
    ("Acme Widgets, Inc.", "Acme Widgets, Inc."),
    ("Tiefbau Müller GmbH", "Tiefbau Müller GmbH"),
    ("Nordic Tools, Ltd", "Nordic Tools, Ltd"),
    ("Nordic Steel Company, AG", "Nordic Steel Company, AG"),
    ("Bundesamt für Karten. (o. J.)", "Bundesamt für Karten"),
    ("Stichting Open Data (n.d.)", "Stichting Open Data"),
    ("L'Agence régionale de santé du Centre", "L'Agence régionale de santé du Centre"),
    ("Lung Health Australia", "Lung Health Australia"),
    ("Bowel Health Ghana", "Bowel Health Ghana"),
    ("Drug Safety Review Board", "Drug Safety Review Board"),
])
def test_organisations_are_one_literal_name(text, literal):
    """A body's name is one literal name, never a given and a family name, never cut at its 'and'/'et'/'i'."""
    names, _ = parse_author_list(text)
    assert names == (Name(literal=literal),)


@pytest.mark.parametrize("text,family,given", [
    ("Ortega Lozano, Marta", "Ortega Lozano", "Marta"),
    ("GARCÍA MÁRQUEZ, Gabriel", "García Márquez", "Gabriel"),
    ("LOPE Felix", "Lope", "Felix"),
    ("Smith, John", "Smith", "John"),
    ("Lena Holm and Lena", "Holm", "Lena"),
    ("Charlotte Brontë", "Brontë", "Charlotte"),
    ("Osterhaus ADME", "Osterhaus", "A. D. M. E."),
    ("AMD Duhaime", "Duhaime", "A. M. D."),
    ("Silva, S.A.", "Silva", "S. A."),
    ("Meyer, AG", "Meyer", "A. G."),
    ("LOWE AJFK", "Lowe", "A. J. F. K."),
    ("MAESTRO LUNA, J.", "Maestro Luna", "J."),
    ("KRAMPF DURÁN, Lucía", "Krampf Durán", "Lucía"),
])
def test_personal_names_stay_personal(text, family, given):
    """Two-word family names before a comma, capitals before a given name; initials stay initials."""
    name = _first(text)
    assert (name.family, name.given) == (family, given)


@pytest.mark.parametrize("text", ["Cancer Research", "Applied Sciences", "Anatole France", "Charlotte Brontë",
                                  "Kidney International", "The White Album", "Statistics in Psychiatry",
                                  "Journal of Trade & Labour Statistics", "Health Administration Quarterly",
                                  "Forum for Urban Studies", "Encyclopedia of Marine Life", "World Congress on Sleep",
                                  "Paula M. England"])
def test_journals_and_people_are_not_organisations(text):
    """Field words ("Research", "Sciences") and a name that ends in a country are no cue: journals and people."""
    assert classify(text) != "org"


@pytest.mark.parametrize("text,family", [
    ("ISTAT Publishing", "ISTAT Publishing"),
    ("AAAI Press", "AAAI Press"),
])
def test_an_acronym_before_a_word_is_no_family_name(text, family):
    """Four capitals before a publisher's word, or with two vowels at the start, are an acronym, not a family name."""
    assert _first(text).family == family and not _first(text).given


def test_a_date_after_a_run_of_spaces_is_quick():
    """A long run of spaces after an opening bracket does not make the date at the end slow to find."""
    start = time.perf_counter()
    parse_author_list("Acme Board (" + " " * 40000)
    assert time.perf_counter() - start < 2


def test_a_blank_name_before_an_act_is_no_crash():
    """A blank name read before an act's name is left for the reader's clean-up, not a crash."""
    ref = Reference(author=(Name(family=" "),))
    assert org_author(ref, "Legge 5 aprile 2001, n. 9 — Norme.") == ref


def test_an_organisation_is_an_author_list():
    """A lone body's name passes as an author list, so the readers may take it as the author."""
    assert is_author_list("Health Canada")
    assert not is_author_list("Cancer Research")


@pytest.mark.parametrize("text,literal,title", [
    ("Health Canada. (2019). Healthy eating for older adults. Ottawa: Health Canada.",
     "Health Canada", "Healthy eating for older adults"),
    ("Ocean Watch Conservation Society. « Ten years at sea ». Consulté le 3 mai 2017. http://example.org/news",
     "Ocean Watch Conservation Society", "Ten years at sea"),
    ("Ministero della salute e delle politiche sociali - Decreto 3 marzo 2015 “Linee guida per la prevenzione.” "
     "http://www.example.it/decreto", "Ministero della salute e delle politiche sociali", None),
    ("Komisja ds. Edukacji i Nauki Episkopatu, Wskazania dla szkół http://www.example.pl/x?id=4 [dostęp 06.08.2019]",
     "Komisja ds. Edukacji i Nauki Episkopatu", "Wskazania dla szkół"),
    ("Acme Widgets, Inc., 2016. Widget catalogue. Available at https://example.com/catalogue.",
     "Acme Widgets, Inc.", "Widget catalogue"),
    ("NIST. XCOM: photon cross sections database. https://example.gov/xcom", "NIST", None),
    ("National Institutes of Health. Guidelines for research involving animals. Bethesda, 2010.",
     "National Institutes of Health", "Guidelines for research involving animals"),
])
def test_references_by_organisations(text, literal, title):
    """The body at the head of a reference is its author, and its name is not left in the title."""
    ref = parse_reference(text)
    assert ref.author[:1] == (Name(literal=literal),)
    if title:
        assert ref.title == title
    assert not (ref.title or "").startswith(literal)


@pytest.mark.parametrize("text,families", [
    ("Cancer Research, 51, 672-675, Jan. 15, 1991", []),
    ("Association of obesity with asthma in children. J Allergy Clin Immunol 2010;3:1-5.", []),
    ("Asociación del sobrepeso con la hipertensión en escolares, un estudio transversal. Rev Med 2010;3:1-5.", []),
    ("Smith J, Jones K. Health outcomes in Canada. CMAJ 2001;164:1-5.", ["Smith", "Jones"]),
    # titles led by an institution's word, before a colon or a spaced dash; an acronym before a lower-case title
    ("Statistics for engineers: planning, design and analysis. Wiley, 2004.", []),
    ("Society of the market: an essay. Verso, 1999.", []),
    ("Company finance in Asia - a survey. Oxford, 2003.", []),
    ("AIDS – the disease in rural districts. Lancet 2002;359:1-5.", []),
])
def test_a_journal_or_a_title_is_no_organisation_author(text, families):
    """A journal named first, or a title led by an institution's word or an acronym, does not become an author."""
    assert [n.family or n.literal for n in parse_reference(text).author] == families


def test_a_long_head_of_abbreviations_is_read_in_linear_time():
    """Thousands of abbreviation stops (``e. ``) at the head are not rescanned one by one."""
    start = time.perf_counter()
    assert org_author(Reference(), "Verein e. " * 20000 + "Title.") == Reference()
    assert time.perf_counter() - start < 2


@pytest.mark.parametrize("text", [
    "Legge 3 marzo 2009, n. 18 — Ratifica della Convenzione. Gazzetta Ufficiale n. 61.",
    "D.Lgs. 9 aprile 2008, n. 81 — Testo unico sulla salute e sicurezza nei luoghi di lavoro. Normattiva",
    "Regolamento (UE) 2018/1725 — Tutela delle persone fisiche. EUR-Lex https://eur-lex.europa.eu/x",
])
def test_an_act_named_first_is_no_author(text):
    """A statute or decree named at the head ("Legge …", "D.Lgs. …", "Regolamento (UE) …") is no author."""
    assert parse_reference(text).author == ()


def test_a_family_name_like_a_law_word_stays():
    """``Legge, J.`` is a person: an act's word is only an act before a number, a bracket or a lower-case word."""
    assert parse_reference("Legge, J. (2010). A study of contracts. Journal of Law, 3, 1-5.").author[0].family == "Legge"


def test_org_author_extends_a_name_cut_at_an_abbreviation():
    """``Komisja d.s`` read as the author grows to the whole name its full stop had cut."""
    ref = Reference(author=(Name(literal="Komisja d.s"),), title="Oświaty i Wychowania, Program nauczania")
    got = org_author(ref, "Komisja d.s. Oświaty i Wychowania, Program nauczania, Warszawa 2001")
    assert got.author == (Name(literal="Komisja d.s. Oświaty i Wychowania"),)
    assert got.title == "Program nauczania"


_PEOPLE = (Name(family="Tanaka", given="Hiro"),)


@pytest.mark.parametrize("raw", ["———. 2017b. Second Book.", "——, Later Work, 2001.", "– “Third paper”. In: Proc. 2012.",
                                 "---. 1999. Old Paper.", "[4] ———. Fourth. 2004."])
def test_dash_repeats_the_authors_before(raw):
    """A dash where the authors stand repeats the authors of the entry before it."""
    refs = same_authors([Reference(author=_PEOPLE, title="First"), Reference(title="Next")],
                        ["Tanaka, Hiro. 2017a. First Book.", raw])
    assert refs[1].author == _PEOPLE


def test_dash_bullets_repeat_nothing():
    """In a list whose every entry opens with a dash (a bullet), nothing is repeated; printed authors stand."""
    refs = same_authors([Reference(title="One"), Reference(title="Two"), Reference(author=_PEOPLE, title="Three")],
                        ["– “One”. 2001.", "– “Two”. 2002.", "– Tanaka, Hiro. Three. 2003."])
    assert [r.author for r in refs] == [(), (), _PEOPLE]


@pytest.mark.parametrize("raws,inherits", [
    (["Tanaka, Hiro. First. 2001.", "– “Second”. 2002.", "– “Third”. 2003."], False),  # bullets
    (["Tanaka, Hiro. First. 2001.", "– “Second”. 2002.", "– “Third”. 2003.", "——. Fourth. 2004."], True),
    (["Tanaka, Hiro. First. 2001.", "– “Second”. 2002.", "Ono, Aki. Third. 2003."], True),
])
def test_a_lone_dash_repeats_only_outside_a_bulleted_list(raws, inherits):
    """A lone dash repeats the authors only where the list also prints ``——`` or at most half its entries open with one."""
    refs = same_authors([Reference(author=_PEOPLE, title="First")] + [Reference(title="x")] * (len(raws) - 1), raws)
    assert (refs[1].author == _PEOPLE) is inherits


def test_dash_in_a_document(tmp_path):
    """Read from a document, the entries printed with ``———.`` carry the authors of the entry above them."""
    doc = tmp_path / "refs.md"
    doc.write_text("# References\n\n"
                   "Nakamura, Aiko. 2015. *Rivers and Towns in Early Modern Japan*. Kyoto: Hana Press.\n\n"
                   "———. 2018. *Bridges over the Kamo*. Kyoto: Hana Press.\n\n"
                   "Okafor, Chidi. 2011. *Markets of the Niger Delta*. Lagos: Delta Books.\n", encoding="utf-8")
    refs = read_path(str(doc)).references
    assert [r.author[0].family for r in refs] == ["Nakamura", "Nakamura", "Okafor"]


def test_dash_in_lines():
    """``--one-per-line``: a ``———.`` line carries the authors of the line above it."""
    refs = parse_lines("Nakamura, Aiko. 2015. Rivers and Towns. Kyoto: Hana Press.\n"
                       "———. 2018. Bridges over the Kamo. Kyoto: Hana Press.\n", "lines.txt")
    assert [r.author[0].family for r in refs] == ["Nakamura", "Nakamura"]


def test_exports_keep_an_organisation_whole():
    """CSL-JSON writes ``{"literal": …}``, BibTeX double braces, RIS one ``AU`` line with the name as printed, which
    acuref's own RIS reader takes back whole."""
    entry = Entry("acme2016", Reference(type="report", author=(Name(literal="Acme Widgets, Inc."),),
                                        title="Widget catalogue", parsed=True))
    item = json.loads(csl.dumps([entry]))[0]
    assert item["author"] == [{"literal": "Acme Widgets, Inc."}]
    assert "author = {{Acme Widgets, Inc.}}" in bibtex.dumps([entry])
    assert ("AU", "Acme Widgets, Inc.") in ris.record(entry)
    assert ris.loads(ris.dumps([entry]))[0][0].author == (Name(literal="Acme Widgets, Inc."),)
