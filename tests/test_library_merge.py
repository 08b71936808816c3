"""A user's library merged with new pages comes back whole: every field and block, byte for byte."""

from __future__ import annotations

import json

from acuref.cli import main
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
    added = ["  doi = {10.1001/jama.2014.12660},\n", "  pmid = {25268438},\n"]
    assert all(line in text for line in added)
    assert _without_added(text, added).startswith(library)


def test_new_references_follow_the_library(tmp_path):
    """A reference the library lacks is appended as a new entry; one it has merges into the user's entry."""
    text, report = _export(tmp_path)
    assert text.count("@Article{Hinman2010") == 1 and "@article{smithGaitElderly2005" in text
    items = {i["id"]: i for i in report["items"]}
    assert items["Hinman2010"]["added_fields"] == ["container_title_short", "DOI", "PMID"]
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
