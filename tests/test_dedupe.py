"""Deduplication: the hard pairs, the vetoes, chaining, merging and the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from acuref import deduplicate, run
from acuref.formats import bibtex
from acuref.cli import main
from acuref.dedupe.stage import Constraints, assemble, mixed, thin
from acuref.model import Date, Name, Reference, Resolution, Source
from conftest import REFS

CASES = json.loads((Path(__file__).resolve().parent / "data" / "bib_dedupe_test_cases.json").read_text())["cases"]


def _bib(rec: dict, key: str) -> str:
    fields = ",\n".join(f"  {k} = {{{v}}}" for k, v in rec.items()
                        if k not in ("ENTRYTYPE", "ID") and v not in (None, "") and isinstance(v, str))
    return f"@{rec.get('ENTRYTYPE', 'article')}{{{key},\n{fields}\n}}\n"


@pytest.mark.parametrize("case", CASES, ids=[c["id"][:50] for c in CASES])
def test_bib_dedupe_hard_pairs(case):
    """Each of bib-dedupe's 25 hard pairs, read through the BibTeX reader, is merged exactly when it should be."""
    refs, warnings = bibtex.loads(_bib(case["record_a"], "a") + _bib(case["record_b"], "b"), "cases.bib")
    assert not warnings and len(refs) == 2
    out, _ = deduplicate(refs)
    assert (len(out) == 1) == case["expected_duplicate"], case["note"]


def ref(title, family="Smith", year=2010, journal="J Test", volume="10", page="100-110", doi=None, **kw):
    return Reference(title=title, author=(Name(family, "J."),), issued=Date(year) if year else None,
                     container_title=journal, volume=volume, page=page, DOI=doi,
                     sources=(Source(title or "x", 1, 1, None, "list", "f.txt"),), **kw)


VETOES = [
    ("Part I/II", ref("Diabetic neuropathy. Part I: mechanisms"), ref("Diabetic neuropathy. Part II: mechanisms")),
    ("erratum", ref("Erratum: Acupuncture for chronic pain in adults"), ref("Acupuncture for chronic pain in adults")),
    ("adjacent pages", ref("Acupuncture for chronic pain", page="100-104"), ref("Acupuncture for chronic pain", page="105-109")),
    ("another year", ref("Editorial: the year in pain research", year=2010), ref("Editorial: the year in pain research", year=2012)),
    ("another venue", ref("Acupuncture for chronic pain", journal="Journal of Pain", volume=None, page=None),
     ref("Acupuncture for chronic pain", journal="Workshop on Pain", volume=None, page=None)),
    ("two DOIs", ref("Acupuncture for chronic pain", doi="10.1000/a"), ref("Acupuncture for chronic pain", doi="10.1000/b")),
    ("supplement DOI", ref("Abstract one on incretins in mice", page="51", doi="10.1002/dmrr.2604"),
     ref("Abstract two on glucose in rats", page="52", doi="10.1002/dmrr.2604")),
    ("other first author", ref("Acupuncture for chronic pain", family="Smith"), ref("Acupuncture for chronic pain", family="Jones")),
]


@pytest.mark.parametrize("name,a,b", VETOES, ids=[v[0] for v in VETOES])
def test_vetoes_keep_different_works_apart(name, a, b):
    """Numbered parts, notices, adjacent pages, other years or venues, other DOIs and other authors never merge."""
    out, _ = deduplicate([a, b])
    assert len(out) == 2


def test_duplicates_in_other_styles_merge():
    """The same paper with and without DOI, with an abbreviated journal and an epub year, is one entry."""
    a = ref("Proteasome inhibitors in multiple myeloma: 10 years later", journal="Blood", year=2012, volume="120",
            page="947-959", doi="10.1182/blood-2012-04-403733")
    b = ref("Proteasome Inhibitors in Multiple Myeloma: 10 Years Later.", journal="Blood", year=2011, volume="120",
            page="947-59")
    c = ref("Proteasome inhibitors in multiple myeloma - 10 years later", journal="Blood (Journal of Hematology)",
            year=2012, volume="120", page="947")
    out, report = deduplicate([a, b, c])
    assert len(out) == 1 and len(out[0].sources) == 3
    assert out[0].DOI == "10.1182/blood-2012-04-403733" and out[0].page == "947-959"
    assert [s.rule for s in report.merged_from[0]][0] == "first cited"


def test_no_chaining_across_two_dois():
    """A and C carry different DOIs; B (no DOI) is like both: no cluster may hold two DOIs."""
    a = ref("Acupuncture for chronic low back pain", doi="10.1000/a", page=None, volume=None)
    b = ref("Acupuncture for chronic low back pain", page=None, volume=None)
    c = ref("Acupuncture for chronic low back pain", doi="10.1000/c", page=None, volume=None)
    out, _ = deduplicate([a, b, c])
    assert len(out) == 2 and sorted(r.DOI for r in out) == ["10.1000/a", "10.1000/c"]


def test_low_confidence_doi_is_not_a_merge_key():
    """A DOI found by a weak match does not merge two references whose titles differ."""
    weak = Resolution("matched", score=0.6, doi="10.1000/x")
    a = ref("Needling and pain: a pilot", doi="10.1000/x", resolution=weak)
    b = ref("Moxibustion in pregnancy: a trial", doi="10.1000/x", family="Jones")
    out, _ = deduplicate([a, b])
    assert len(out) == 2


def test_merge_keeps_richest_fields_and_every_source():
    """The merged entry takes the full author list, the fuller date and the verified DOI; sources are all kept."""
    a = Reference(title="Acupuncture for chronic low back pain", author=(Name("Berman", "B. M."),), author_truncated=True,
                  container_title="N Engl J Med", issued=Date(2010), volume="363", page="454-461",
                  sources=(Source("first", 53, 53, None, "source", "a.txt"),))
    b = Reference(title="Acupuncture for Chronic Low Back Pain",
                  author=(Name("Berman", "Brian M."), Name("Langevin", "Helene H.")), container_title="N Engl J Med",
                  issued=Date(2010, 7, 29), volume="363", page="454-461", DOI="10.1056/NEJMcp0904252",
                  resolution=Resolution("verified", 1.0, "10.1056/NEJMcp0904252"),
                  sources=(Source("second", 59, 63, None, "source", "a.txt"),))
    out, report = deduplicate([a, b])
    assert len(out) == 1
    m = out[0]
    assert len(m.author) == 2 and not m.author_truncated and m.issued == Date(2010, 7, 29)
    assert m.DOI == "10.1056/NEJMcp0904252" and [s.raw for s in m.sources] == ["first", "second"]
    assert report.merged_from[0][1].rule in ("title + first author + year", "title + volume + page")


def test_output_order_is_stable_and_possible_duplicates_are_reported():
    """Entries keep first-cited order; close but uncertain pairs are listed, not merged."""
    a = ref("Acupuncture for chronic neck pain in adults", volume=None, page=None, journal=None)
    b = ref("Other topic entirely", family="Jones")
    c = ref("Acupuncture for chronic neck pains in older adults", volume=None, page=None, journal=None)
    out, report = deduplicate([a, b, c])
    assert [r.title for r in out] == [a.title, b.title, c.title]
    assert [(p.a, p.b) for p in report.possible] == [(0, 2)]


def test_cli_report_and_no_dedupe(tmp_path):
    """The report shows merged_from with the rule; --no-dedupe keeps all 47 citations apart."""
    report = tmp_path / "r.json"
    assert main(["export", str(REFS), "--no-resolve", "-o", str(tmp_path / "a.json"), "--report", str(report),
                 "-q"]) == 0
    data = json.loads(report.read_text())
    merged = [i for i in data["items"] if i["merged_from"]]
    assert len(merged) == 1 and merged[0]["merged_from"][0]["line"] == 59 and "possible_duplicates" in data
    assert main(["export", str(REFS), "--no-resolve", "--no-dedupe", "-o", str(tmp_path / "b.json"), "-q"]) == 0
    assert len(json.loads((tmp_path / "b.json").read_text())) == 47


def test_dedupe_of_seed_pages_merges_only_the_nejm_article():
    """Across refs/, only the NEJM article is merged."""
    result = run([str(REFS)])
    assert [len(e.ref.sources) for e in result.entries].count(2) == 1


def test_translated_title_merges_but_abstracts_on_one_page_do_not():
    """Same first author, year, volume and page range: one article in two languages. Two abstracts by one
    author on one page stay apart."""
    es = ref("Estudio multicéntrico sobre las infecciones pediátricas", family="Paganini", year=2008,
             volume="106", page="397-403", journal="Arch Argent Pediatr")
    en = ref("[Community-acquired methicillin-resistant Staphylococcus aureus infections in children]",
             family="Paganini", year=2008, volume="106", page="397-403", journal="Archivos argentinos de pediatria")
    assert len(deduplicate([es, en])[0]) == 1
    a1 = ref("Talc not tetracycline pleurodesis induces hypoxaemia", family="Maskell", year=2002, volume="165",
             page="B11", journal="Am J Respir Crit Care Med")
    a2 = ref("The characteristics of 300 patients in the MRC trial", family="Maskell", year=2002, volume="165",
             page="B11", journal="Am J Respir Crit Care Med")
    assert len(deduplicate([a1, a2])[0]) == 2


_EDGE = st.tuples(st.integers(0, 9), st.integers(0, 29), st.integers(0, 29), st.sampled_from(["same DOI", "title + year"]),
                  st.sampled_from([0.9, 1.0])).filter(lambda e: e[1] < e[2])


@settings(max_examples=300, deadline=None)
@given(st.lists(_EDGE, max_size=60), st.dictionaries(st.integers(0, 29), st.sampled_from(["10.1/a", "10.1/b", "10.1/c"]),
                                                      max_size=8), st.integers(1, 4), st.randoms(),
       st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=3),
       st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=3))
def test_thinned_edges_assemble_like_all_edges(edges, dois, targets, rng, together, apart):
    """Edges decided on several targets, each thinned, with every edge restored among references that connect
    two DOIs or hold one a curator kept apart: assemble gives the clusters, attachments and close pairs of all
    the edges, with and without a curator's pairs."""
    by_target = [[] for _ in range(targets)]
    for edge in edges:
        by_target[rng.randrange(targets)].append(edge)
    pairs = Constraints(tuple(together), tuple((i, j) for i, j in apart if i != j))
    kept = [e for part in by_target for e in thin(part)]
    curated = [(-1, i, j, "", 1.0) for i, j in pairs.together]
    among = mixed(dois, kept + curated, pairs.members())
    kept = [e for e in kept if e[1] not in among] + [e for e in edges if e[1] in among]
    close = [(e[1], e[2], "close", 0.5) for e in edges[::3]]
    assert assemble(30, dois, kept, close, pairs) == assemble(30, dois, edges, close, pairs)


def test_a_curators_pairs_override_the_rules():
    """Same work joins two references no rule joins; kept apart splits two the rules join, through any chain."""
    edges = [(3, 0, 1, "title + first author + year", 0.95), (3, 1, 2, "title + first author + year", 0.95)]
    found = assemble(4, {}, edges, [], Constraints(together=((2, 3),), apart=((0, 2),)))
    assert sorted(map(sorted, found.clusters)) == [[0, 1], [2, 3]]
    assert found.attached[3].rule == "a curator: same work"
