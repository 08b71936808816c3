"""A user's library merged with new pages comes back whole: every field and block, byte for byte."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from acuref.cli import main
from acuref.formats import bibtex
from acuref.model import Date, Entry
from conftest import DATA

LIBRARY = DATA / "library" / "jabref.bib"
PAGE = ("References\n\n"
        "1. Hinman RS, McCrory P, Pirotta M, et al. Acupuncture for chronic knee pain: a randomized clinical trial. "
        "JAMA. 2014;312(13):1313-22. doi: 10.1001/jama.2014.12660. PMID: 25268438.\n"
        "2. Smith J, Jones K. Gait in the elderly. Gait Posture 2005;21(2):1-10.\n")


def _export(tmp_path, *extra: str) -> tuple[str, dict]:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    out, report = tmp_path / "out.bib", tmp_path / "report.json"
    assert main(["export", str(LIBRARY), str(page), "--no-resolve", "-q", "-o", str(out), "--report", str(report),
                 *extra]) == 0
    return out.read_text(encoding="utf-8"), json.loads(report.read_text(encoding="utf-8"))


def _without_added(text: str, added: list[str]) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if line not in added)


def test_library_part_is_unchanged_apart_from_added_fields(tmp_path):
    """The output starts with the library byte for byte (strings, preamble, comments, files, groups,
    abstracts, custom fields, the user's title braces); only acuref's added lines differ."""
    text, _ = _export(tmp_path)
    library = LIBRARY.read_text(encoding="utf-8")
    added = ["  doi = {10.1001/jama.2014.12660},\n", "  pmid = {25268438},\n", "  langid = {english},\n",
             "  language = {en},\n"]
    assert all(line in text for line in added)
    assert _without_added(text, added).startswith(library)


def test_new_references_follow_the_library(tmp_path):
    """A reference the library lacks is appended as a new entry; one it has merges into the user's entry."""
    text, report = _export(tmp_path)
    assert text.count("@Article{Hinman2010") == 1 and "@article{smithGaitElderly2005" in text
    items = {i["id"]: i for i in report["items"]}
    # shortjournal = JAMA would repeat the journal: not written, so not listed
    assert items["Hinman2010"]["added_fields"] == ["DOI", "PMID", "language"]
    assert items["Kandel2013"]["added_fields"] == [] and "added_fields" not in items["smithGaitElderly2005"]
    assert len(items["Hinman2010"]["sources"]) == 2


def test_biblatex_output_keeps_the_library_too(tmp_path):
    """Written as biblatex, the user's entries are still their own text."""
    text, _ = _export(tmp_path, "-f", "biblatex")
    assert "  groups    = {knee, acupuncture},\n" in text and "@Comment{jabref-meta: grouping:" in text


def test_second_export_reads_its_own_output_back_unchanged(tmp_path):
    """Exporting the merged file again changes nothing: no field lost, none rewritten, no tag dropped."""
    first, _ = _export(tmp_path)
    merged = tmp_path / "merged.bib"
    merged.write_text(first, encoding="utf-8")
    again = tmp_path / "again.bib"
    assert main(["export", str(merged), "--no-resolve", "-q", "-o", str(again)]) == 0
    assert again.read_text(encoding="utf-8") == first


RIS_LIBRARY = """TY  - JOUR
ID  - hinman2014
AU  - Hinman, Rana S.
TI  - Acupuncture for chronic knee pain: a randomized clinical trial
JO  - JAMA
PY  - 2014
VL  - 312
SP  - 1313
EP  - 1322
KW  - acupuncture
N1  - my own note
AB  - Importance: Few trials have evaluated acupuncture.
L1  - file:///papers/hinman.pdf
M3  - Randomized Controlled Trial
ER  - 
"""


def test_ris_records_keep_every_tag(tmp_path):
    """A RIS record comes back with every tag and value it had, unknown ones included, plus acuref's additions."""
    lib, page = tmp_path / "lib.ris", tmp_path / "page.txt"
    lib.write_text(RIS_LIBRARY, encoding="utf-8")
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out.ris"
    assert main(["export", str(lib), str(page), "--no-resolve", "-q", "-o", str(out)]) == 0
    record = out.read_text(encoding="utf-8").split("\n\n")[0].splitlines()
    original = RIS_LIBRARY.strip().splitlines()
    assert record[:len(original) - 1] == original[:-1] and record[-1] == "ER  - "
    assert "DO  - 10.1001/jama.2014.12660" in record and not any(line.startswith("T2  -") for line in record)


def test_csl_items_keep_every_key(tmp_path):
    """A CSL-JSON item keeps its unknown keys and the user's values; acuref only adds keys it lacked."""
    item = {"id": "hinman2014", "type": "article-journal", "title": "Acupuncture for chronic knee pain: a randomized "
            "clinical trial", "author": [{"family": "Hinman", "given": "Rana S."}], "container-title": "JAMA",
            "issued": {"date-parts": [[2014]]}, "volume": "312", "page": "1313-1322",
            "custom": {"zotero-key": "ABCD1234"}, "note": "my own note", "abstract": "Importance: few trials."}
    lib, page = tmp_path / "lib.json", tmp_path / "page.txt"
    lib.write_text(json.dumps([item]), encoding="utf-8")
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out.json"
    assert main(["export", str(lib), str(page), "--no-resolve", "-q", "-o", str(out)]) == 0
    got = json.loads(out.read_text(encoding="utf-8"))[0]
    assert {k: got[k] for k in item} == item
    assert got["DOI"] == "10.1001/jama.2014.12660" and got["PMID"] == "25268438"


TABBED = "@article{tabbed2014,\n\tauthor = {Hinman, Rana S.},\n\ttitle = {Acupuncture for knee pain},\n" \
         "\tjournal = {JAMA},\n\tyear = {2014},\n\tpages = {1313--1322},\n}\n"


@pytest.mark.parametrize("added,written,listed", [
    ({"issued": Date(2014, 10), "DOI": "10.1001/jama.2014.12660"}, ["\tmonth = oct,", "\tdoi = {10.1001/jama.2014.12660},"],
     ["issued", "DOI"]),
    ({"number": "e1234", "PMID": "25268438"}, ["\tpmid = {25268438},"], ["PMID"]),  # pages stands for eid
    ({"collection_title": "Trials", "issue": "13"}, ["\tnumber = {13},", "\tseries = {Trials},"],
     ["collection_title", "issue"]),
])
def test_added_fields_are_exactly_the_lines_written(added, written, listed):
    """--report's added_fields names the fields written into the user's entry, a month included and an article
    number the entry's pages stand for left out; added lines take the entry's own tab indentation."""
    (ref,), _ = bibtex.loads(TABBED, "lib.bib")
    entry = Entry("tabbed2014", replace(ref, **added))
    text = bibtex.dumps([entry])
    new = [line for line in text.splitlines() if line not in TABBED.splitlines()]
    assert sorted(new) == sorted(written)
    assert bibtex.added_fields(entry) == listed
