"""Exports: BibTeX, biblatex, CSL-JSON and RIS written from the model and read back unchanged."""

from __future__ import annotations

import json

import bibtexparser
import pytest

from acuref import run
from acuref.formats import bibtex
from acuref.formats import csl
from acuref.formats import ris
from acuref.formats import render
from acuref.formats.keys import assign_keys, base_key
from acuref.model import Date, Entry, Name, Reference, Source
from acuref.pipeline import to_entries
from conftest import REFS

FIELDS = ("type", "title", "container_title", "author", "issued", "volume", "issue", "page", "number", "DOI",
          "PMID", "PMCID", "publisher", "publisher_place", "edition", "editor", "parsed")
READERS = {"bibtex": bibtex.loads, "biblatex": bibtex.loads, "csl-json": csl.loads, "ris": ris.loads}


@pytest.fixture(scope="module")
def entries():
    return run([str(REFS)]).entries


def _fields(ref: Reference) -> dict:
    return {f: getattr(ref, f) for f in FIELDS}


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_round_trip_of_refs(entries, fmt):
    """Every entry exported from refs/ reads back with the same fields and keeps its key as label."""
    text = render(entries, fmt)
    back, warnings = READERS[fmt](text, "out")
    assert warnings == []
    assert len(back) == len(entries)
    for entry, ref in zip(entries, back):
        assert _fields(ref) == _fields(entry.ref), entry.id
        assert ref.sources[0].label == entry.id and ref.sources[0].kind == "bibliography"


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_bibtexparser_reads_every_block(entries, fmt):
    """bibtexparser parses the written file with no failed blocks and only Zotero-kept entry types."""
    lib = bibtexparser.parse_string(render(entries, fmt))
    assert lib.failed_blocks == []
    assert len(lib.entries) == len(entries)
    kept = {"article", "book", "incollection", "inproceedings", "misc", "techreport", "phdthesis", "unpublished",
            "online", "report", "thesis"}
    assert {e.entry_type for e in lib.entries} <= kept


def test_bibtex_field_conventions(entries):
    """Names, pages, DOIs, PMIDs and months follow the conventions LaTeX and Zotero expect."""
    text = bibtex.dumps(entries)
    moreau = bibtexparser.parse_string(text).entries_dict["moreauProteasomeInhibitorsMultiple2012"].fields_dict
    assert moreau["author"].value.startswith("Moreau, P. and Richardson, P. G. and")
    assert moreau["author"].value.endswith("and Palumbo, A.") and "others" not in moreau["author"].value
    assert moreau["pages"].value == "947--959"
    assert moreau["doi"].value == "10.1182/blood-2012-04-403733"
    assert "note" not in text.lower().split("=")[0] and "\n  note =" not in text
    assert "month = jan" in text


def test_biblatex_flavour():
    """biblatex output uses journaltitle, an ISO date and PubMed as eprint."""
    ref = Reference(title="T", container_title="Blood", issued=Date(2012, 5, 9), PMID="123", DOI="10.1/a_b")
    text = bibtex.dumps([Entry("k", ref)], biblatex=True)
    assert "journaltitle = {Blood}" in text and "date = {2012-05-09}" in text
    assert "eprinttype = {pubmed}" in text and "eprint = {123}" in text and "doi = {10.1/a_b}" in text


def test_ascii_option_writes_latex_accents():
    """--ascii writes Schr{\\"o}der, which reads back as Schröder."""
    ref = Reference(title="Über Akupunktur", author=(Name("Schröder", "S."),), issued=Date(2007))
    text = bibtex.dumps([Entry("k", ref)], ascii_only=True)
    assert text.isascii() and 'Schr{\\"o}der' in text
    back, _ = bibtex.loads(text)
    assert back[0].author[0].family == "Schröder" and back[0].title == "Über Akupunktur"


def test_csl_json_has_ids_types_and_zotero_fields(entries, csl_validator):
    """CSL-JSON items validate, carry journalAbbreviation and PMID note lines, and dates as date-parts."""
    ref = Reference(title="T", container_title="Journal of Things", container_title_short="J Things", PMID="42",
                    PMCID="PMC7", issued=Date(2001, 2))
    item = json.loads(csl.dumps([Entry("k", ref)]))[0]
    assert not list(csl_validator.iter_errors(item))
    assert item["journalAbbreviation"] == "J Things" and item["container-title-short"] == "J Things"
    assert item["PMID"] == "42" and "PMID: 42" in item["note"] and "PMCID: PMC7" in item["note"]
    assert item["issued"] == {"date-parts": [[2001, 2]]}


def test_ris_tags(entries):
    """RIS has one AU per author, SP/EP, DO, and the PMID in M2 (Zotero's Extra; AN would be Loc. in Archive)."""
    ref = Reference(title="T", author=(Name("A", "B."), Name("C", "D.")), container_title="J", page="947-959",
                    DOI="10.1/x", PMID="99", issued=Date(2001, 3, 4))
    text = ris.dumps([Entry("k", ref)])
    assert text.count("AU  - ") == 2 and "SP  - 947" in text and "EP  - 959" in text
    assert "DO  - 10.1/x" in text and "M2  - PMID: 99" in text and "AN  -" not in text and "DA  - 2001/03/04/" in text
    assert ris.loads(text)[0][0].PMID == "99"
    assert ris.loads("TY  - JOUR\nTI  - T\nAN  - 42\nDB  - PubMed\nER  - \n")[0][0].PMID == "42"  # PubMed's own
    assert text.startswith("TY  - JOUR") and "ER  -" in text


HOSTILE_TITLES = [
    "A {weird} title with } unbalanced { braces",
    "Percent % ampersand & hash # dollar $ underscore _ caret ^ tilde ~",
    "Injection \\input{/etc/passwd} and \\end{document} @article{x,",
    "Emoji 😀 and right-to-left עברית والعربية text",
    "Back\\slash at the end \\",
]
HOSTILE_NAMES = [
    Name("van der Berg", "J.", suffix="Jr."), Name("O'Neil", "K. {x}"), Name(literal="Smith & Sons, {Ltd} and Co"),
    Name("de la Fuente", "María José"),
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
@pytest.mark.parametrize("fmt", sorted(READERS))
def test_hostile_metadata_is_exported_safely(title, fmt, csl_validator):
    """Hostile titles and names stay parseable, never turn into LaTeX commands, and read back intact."""
    ref = Reference(title=title, author=tuple(HOSTILE_NAMES), container_title="J {x} & y", issued=Date(2020),
                    DOI="10.1000/a_b(c)[d]", URL="https://example.org/a_b?x=1&y=%20")
    text = render([Entry("key1", ref)], fmt)
    back, warnings = READERS[fmt](text, "x")
    assert warnings == [] and len(back) == 1
    assert back[0].title == title
    assert back[0].DOI == ref.DOI and back[0].URL == ref.URL
    assert [n.literal or n.family for n in back[0].author] == [n.literal or n.family for n in HOSTILE_NAMES]
    if fmt in ("bibtex", "biblatex"):
        lib = bibtexparser.parse_string(text)
        assert lib.failed_blocks == [] and len(lib.entries) == 1
        assert "\\input" not in text and "\\end{" not in text
    if fmt == "csl-json":
        assert not list(csl_validator.iter_errors(json.loads(text)[0]))


def test_unparsed_reference_stays_marked():
    """An unparsed reference is exported with its text as title and a marker, in every format."""
    ref = Reference(type="document", parsed=False, sources=(Source("utter nonsense", 3, 3, None, "line", "f"),))
    for fmt in READERS:
        text = render([Entry("anon", ref)], fmt)
        assert "utter" in text and "acuref" in text
        back, _ = READERS[fmt](text, "x")
        assert back[0].parsed is False and back[0].title == "utter nonsense"


def test_citation_keys():
    """Keys are auth + three significant title words + year, ASCII-folded, with a/b suffixes on clashes."""
    r1 = Reference(title="The use of complementary medicines: a review", author=(Name("Schröder", "S."),),
                   issued=Date(2004))
    assert base_key(r1) == "schroderUseComplementaryMedicines2004"
    org = Reference(title="Global report on diabetes", author=(Name(literal="World Health Organization"),),
                    issued=Date(2016))
    assert base_key(org) == "worldGlobalReportDiabetes2016"
    assert assign_keys([r1, r1, r1]) == ["schroderUseComplementaryMedicines2004",
                                          "schroderUseComplementaryMedicines2004a",
                                          "schroderUseComplementaryMedicines2004b"]
    assert base_key(Reference(issued=Date(2017), volume="17")) == "anon2017"



def test_a_blank_organisation_name_gives_a_key_without_author():
    """An author that is only white space (a CSL library's {"literal": " "}) keys from title and year."""
    blank = Reference(title="Global report on diabetes", author=(Name(literal=" "),), issued=Date(2016))
    assert base_key(blank) == "globalReportDiabetes2016"

def test_keys_are_stable_across_runs():
    """Two runs over the same input give the same keys in the same order."""
    assert [e.id for e in run([str(REFS)]).entries] == [e.id for e in run([str(REFS)]).entries]


def test_library_keys_are_kept(tmp_path):
    """Entries read from the user's .bib keep their keys; new references get keys that do not clash."""
    lib = tmp_path / "my.bib"
    lib.write_text("@article{hsuAcupunctureReview1996,\n title={Something else}, year={1999}}\n"
                   "@book{mine, title={Mine}, year={2001}}\n", encoding="utf-8")
    result = run([str(lib), str(REFS / "000_c1173a40aac2ac01.txt")])
    ids = [e.id for e in result.entries]
    assert ids[:2] == ["hsuAcupunctureReview1996", "mine"]
    assert "hsuAcupunctureReview1996a" in ids and len(set(ids)) == len(ids)


def test_broken_bib_entries_are_reported_not_dropped(tmp_path):
    """A .bib with a syntax error: the good entries are read, the bad block is a warning with its line."""
    lib = tmp_path / "bad.bib"
    lib.write_text("@article{good1, title={One}, year={2001}}\n\n@article{bad, title={unbalanced, year=2001}\n\n"
                   "@book{good2, title={Two}, year={2002}}\n", encoding="utf-8")
    result = run([str(lib)])
    assert [e.id for e in result.entries] == ["good1", "good2"]
    assert any(w.line == 3 and "bad" in w.message for w in result.warnings)


def test_ris_and_json_reader_errors(tmp_path):
    """A RIS record without ER is kept with a warning; invalid JSON names the file and line."""
    r = tmp_path / "a.ris"
    r.write_text("TY  - JOUR\nTI  - First\nER  - \nTY  - BOOK\nTI  - No end\n", encoding="utf-8")
    refs, warnings = ris.loads(r.read_text(), str(r))
    assert [x.title for x in refs] == ["First", "No end"] and warnings[0].line == 4
    j = tmp_path / "a.json"
    j.write_text('[{"id": "x", "type": "book",\n "title": }]', encoding="utf-8")
    result = run([str(j)])
    assert result.failed_inputs == (str(j),) and "a.json:2" in result.warnings[0].message


def test_entries_from_all_readers_merge_into_one_run(tmp_path, entries):
    """A .bib, a .ris and a .json written by acuref are read together as bibliography inputs."""
    for fmt, name in (("bibtex", "a.bib"), ("ris", "b.ris"), ("csl-json", "c.json")):
        (tmp_path / name).write_text(render(entries[:3], fmt), encoding="utf-8")
    result = run([str(tmp_path)], dedupe=False)
    assert len(result.entries) == 9
    assert len(run([str(tmp_path)]).entries) == 3  # the same three works, read from three libraries
    assert {s.kind for e in result.entries for s in e.ref.sources} == {"bibliography"}
    assert to_entries([e.ref for e in result.entries])[0].id == entries[0].id



def test_no_consumer_invents_an_author_others():
    """An "et al." list is written as the names printed: no "and others" for Zotero to make an author of."""
    ref = Reference(title="T", author=(Name("Moreau", "P."), Name("Cavo", "M.")), author_truncated=True)
    for biblatex in (False, True):
        assert "others" not in bibtex.dumps([Entry("k", ref)], biblatex=biblatex)


def test_ascii_accent_on_i_is_not_a_dotless_i():
    """--ascii writes {\\'i}, which biber, pandoc and pdfLaTeX read as í (not {\\'\\i}, read as ı́)."""
    ref = Reference(title="Análisis clínico", author=(Name("García", "María"),), issued=Date(2007))
    text = bibtex.dumps([Entry("k", ref)], ascii_only=True)
    assert "{\\'i}" in text and "\\i" not in text.replace("{\\'i}", "")
    back, _ = bibtex.loads(text)
    assert back[0].author[0].given == "María" and back[0].title == "Análisis clínico"


def test_word_after_a_colon_is_not_braced():
    """A lowercase word after a colon is left to the style: Chicago capitalises it, sentence case keeps it."""
    assert "{a}" not in bibtex.dumps([Entry("k", Reference(title="Acupuncture: a review"))])


def test_article_number_reaches_every_consumer():
    """An article number is CSL number and page, RIS SP and C7, BibTeX eid and pages, biblatex eid alone."""
    from acuref.formats import csl, ris

    ref = Reference(title="T", container_title="PLoS One", volume="7", number="e41234", issued=Date(2012))
    item = csl.to_csl(Entry("k", ref))
    assert item["number"] == "e41234" and item["page"] == "e41234"
    lines = ris.dumps([Entry("k", ref)]).splitlines()
    assert "SP  - e41234" in lines and "C7  - e41234" in lines
    assert "pages = {e41234}" in bibtex.dumps([Entry("k", ref)])
    biblatex = bibtex.dumps([Entry("k", ref)], biblatex=True)
    assert "eid = {e41234}" in biblatex and "pages" not in biblatex
    for back in (csl.loads(csl.dumps([Entry("k", ref)]))[0][0], ris.loads(ris.dumps([Entry("k", ref)]))[0][0],
                 bibtex.loads(bibtex.dumps([Entry("k", ref)]))[0][0]):
        assert back.number == "e41234" and back.page is None


@pytest.mark.parametrize("page", ["k1", "41", "S12"])
def test_single_page_reads_back_as_a_page(page):
    """A single page (k1, 41) comes back as a page in every format, not as an article number."""
    from acuref.formats import csl, ris

    ref = Reference(title="T", container_title="J Pain", volume="7", page=page, issued=Date(2012))
    for fmt, back in (("csl", csl.loads(csl.dumps([Entry("k", ref)]))[0][0]),
                      ("ris", ris.loads(ris.dumps([Entry("k", ref)]))[0][0]),
                      ("bibtex", bibtex.loads(bibtex.dumps([Entry("k", ref)]))[0][0]),
                      ("biblatex", bibtex.loads(bibtex.dumps([Entry("k", ref)], biblatex=True))[0][0])):
        assert (fmt, back.page, back.number) == (fmt, page, None)



def test_reports_and_theses_name_their_issuer():
    """A report's institution and number and a thesis's school land in the fields bibtex and biber require,
    and read back as publisher and number."""
    report = Reference(type="report", title="Acupuncture evidence map", author=(Name("Hempel", "S."),),
                       publisher="Department of Veterans Affairs", number="09-010", issued=Date(2013))
    thesis = Reference(type="thesis", title="Pain and needles", author=(Name("Jansen", "K."),),
                       publisher="Universiteit Utrecht", issued=Date(2015))
    entries = [Entry("r", report), Entry("t", thesis)]
    text = bibtex.dumps(entries)
    assert "@techreport{r" in text and "institution = {Department of Veterans Affairs}" in text
    assert "number = {09-010}" in text and "eid" not in text and "school = {Universiteit Utrecht}" in text
    latex = bibtex.dumps(entries, biblatex=True)
    # no kind printed: biblatex's aliases that imply one, never a localisation key Zotero would show as it is
    assert "@techreport{r" in latex and "@phdthesis{t" in latex and "type =" not in latex
    for written in (text, latex):
        back, _ = bibtex.loads(written)
        assert [(r.type, r.publisher, r.number) for r in back] == [
            ("report", "Department of Veterans Affairs", "09-010"), ("thesis", "Universiteit Utrecht", None)]


def test_short_journal_title_is_written_for_bibtex_too():
    """shortjournal goes into BibTeX as well as biblatex: pandoc reads it as container-title-short."""
    ref = Reference(title="T", container_title="Journal of Clinical Oncology", container_title_short="J Clin Oncol")
    assert "shortjournal = {J Clin Oncol}" in bibtex.dumps([Entry("k", ref)])



def test_ris_tags_follow_zoteros_importer():
    """Per Zotero's RIS field map: a conference paper's proceedings in C3 and place in C1, a report's number in
    SN, a manuscript as MANSCPT; each reads back."""
    paper = Reference(type="paper-conference", title="Needles", container_title="Proceedings of Pain 2019",
                      publisher_place="Vienna", issued=Date(2019))
    report = Reference(type="report", title="Evidence map", publisher="VA", number="09-010", issued=Date(2014))
    draft = Reference(type="manuscript", title="A draft", issued=Date(2020))
    text = ris.dumps([Entry("p", paper), Entry("r", report), Entry("d", draft)])
    assert "C3  - Proceedings of Pain 2019" in text and "C1  - Vienna" in text and "T2  -" not in text
    assert "SN  - 09-010" in text and "C7  -" not in text and "TY  - MANSCPT" in text
    back = ris.loads(text)[0]
    assert [(r.type, r.container_title, r.publisher_place, r.number) for r in back] == [
        ("paper-conference", "Proceedings of Pain 2019", "Vienna", None), ("report", None, None, "09-010"),
        ("manuscript", None, None, None)]


@pytest.mark.parametrize("name,title,kept,note", [
    (Name("Колмогоров", "Андрей Николаевич"), "О представлении функций", "Колмогоров", "3 fields kept in UTF-8 (Cyrillic"),
    (Name("张", "三"), "针灸治疗慢性疼痛的研究 in Schrödinger's terms", "针灸", "3 fields kept in UTF-8 (CJK"),
    (Name("Schröder", "Jürgen"), "Ärger", "Schr{\\\"o}der", None),
])
def test_ascii_leaves_scripts_latex_cannot_write_in_utf8(tmp_path, capsys, caplog, name, title, kept, note):
    """--ascii writes LaTeX only for Latin letters (Schr{\\"o}der); Cyrillic and Chinese stay UTF-8 with one comment
    line counting the fields, and nothing is logged or printed under -q (no "No known latex representation")."""
    from acuref.cli import main

    ref = Reference(type="article-journal", author=(name,), title=title, container_title="Журнал" if note else "Z Chem",
                    issued=Date(2020))
    text = bibtex.dumps([Entry("k", ref)], ascii_only=True)
    assert kept in text and "\\CYR" not in text
    first = text.splitlines()[0]
    assert (note in first) if note else not first.startswith("%")
    (back,), warnings = bibtex.loads(text)
    assert warnings == [] and (back.author, back.title) == ((name,), title)
    doc = tmp_path / "doc.txt"
    doc.write_text("References\n\n1. Колмогоров А. Н. О представлении функций. Успехи. 1957. 12: 119-192.\n"
                   "2. 张三. 针灸治疗慢性疼痛的研究. 中国针灸, 2020, 40(5): 1-8.\n", encoding="utf-8")
    assert main(["export", str(doc), "--no-resolve", "--ascii", "-f", "bibtex", "-q", "-o", str(tmp_path / "o.bib")]) == 0
    assert capsys.readouterr().err == "" and [r for r in caplog.records if "latex" in r.name] == []
