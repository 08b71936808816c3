"""The seed documents in refs/: every cited work found, nothing else, every field right."""

from __future__ import annotations

from collections import Counter

import pytest

from acuref import parse_reference, run
from conftest import REFS, seed_rows

ROWS = seed_rows()


def test_seed_table_is_complete():
    """The hand-checked table covers the 47 references the documents cite."""
    assert len(ROWS) == 47


def test_every_reference_is_found_and_nothing_else():
    """Extraction finds 8, 2, 37, 0 and 0 references in the five documents, at the right lines."""
    result = run([str(REFS)], dedupe=False)
    per_file = Counter(e.ref.sources[0].file.rsplit("/", 1)[-1][:3] for e in result.entries)
    assert per_file == {"000": 8, "001": 2, "002": 37}
    found = [(e.ref.sources[0].file.rsplit("/", 1)[-1], e.ref.sources[0].line, e.ref.sources[0].kind,
              e.ref.sources[0].label, e.ref.sources[0].raw) for e in result.entries]
    expected = [(r["file"], r["line"], r["kind"], r["label"], r["raw"]) for r in ROWS]
    assert found == expected


def test_nejm_cited_twice_is_one_entry_with_two_sources():
    """The NEJM article of document 001 (Bron line and the comment's stacked block) is one entry; nothing else merges."""
    result = run([str(REFS)])
    assert len(result.entries) == 46
    assert sum(len(e.ref.sources) for e in result.entries) == 47
    merged = [e for e in result.entries if len(e.ref.sources) > 1]
    assert len(merged) == 1
    nejm = merged[0].ref
    assert [s.line for s in nejm.sources] == [53, 59] and nejm.container_title == "N Engl J Med"
    steps = result.dedupe.merged_from[result.entries.index(merged[0])]
    assert steps[1].rule == "title + first author + year"


def test_documents_without_references_yield_none():
    """The two pages that cite nothing give no references at all."""
    for name in ("003_e8c8497d2a3291b2.txt", "004_6523da12bfaf9747.txt"):
        assert run([str(REFS / name)]).entries == ()


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['file'][:3]}:{r['line']}" for r in ROWS])
def test_seed_reference_fields(row):
    """Each seed reference parses to its hand-checked authors, title, journal, date, numbers and DOI."""
    ref = parse_reference(row["raw"])
    assert [a.family for a in ref.author] == row["authors"]
    assert ref.author_truncated == row["et_al"]
    assert ref.title == row["title"]
    assert ref.container_title == row["journal"]
    assert (ref.issued.year if ref.issued else None) == row["year"]
    assert (ref.issued.month if ref.issued else None) == row["month"]
    assert (ref.issued.day if ref.issued else None) == row["day"]
    assert ref.volume == row["volume"]
    assert ref.issue == row["issue"]
    assert ref.page == row["page"]
    assert ref.number == row["number"]
    assert ref.DOI == row["DOI"]
    assert ref.type == row["type"]
    assert ref.publisher == row["publisher"]
    assert ref.publisher_place == row["place"]
