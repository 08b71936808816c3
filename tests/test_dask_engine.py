"""``--engine dask`` on a LocalCluster gives what the single-process run gives, byte for byte."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from acuref import dask_engine, run
from acuref.cli import main
from acuref.dedupe.stage import deduplicate
from acuref.formats import render
from acuref.model import Date, Name, Reference
from acuref.report import summary
from acuref.resolve import snapshot
from acuref.settings import Settings
from conftest import REFS
from test_crossref import recorded_works
from test_dedupe import CASES

distributed = pytest.importorskip("distributed", reason="the dask extra (pip install 'acuref[dask]')")
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def client():
    """One LocalCluster of two worker processes for the module (starting one takes a second or two)."""
    with dask_engine.Cluster(workers=2) as c:
        yield c


def _same(a, b) -> None:
    for fmt in ("bibtex", "biblatex", "ris", "csl-json"):
        assert render(a.entries, fmt) == render(b.entries, fmt), fmt
    assert summary.dumps(a.entries, a.warnings, a.dedupe, a.skipped) == \
        summary.dumps(b.entries, b.warnings, b.dedupe, b.skipped)
    assert a.failed_inputs == b.failed_inputs


def test_seeds_are_identical(client):
    """The seed pages: every format and the report equal the single-process run's."""
    settings = Settings(resolver=None)
    _same(dask_engine.run([str(REFS)], settings=settings, client=client), run([str(REFS)], settings=settings))


def _pages(tmp_path: Path, n: int, seed: int) -> Path:
    """Generated pages around real reference strings, many cited on several pages (duplicates to merge)."""
    raws = [json.loads(line)["raw"] for line in (DATA / "seed_references.jsonl").read_text(encoding="utf-8").splitlines()]
    kinds = [line.split("\t")[-1] for line in (DATA / "reference_kinds.tsv").read_text(encoding="utf-8").splitlines()[1:]
             if line.strip()]
    pool = raws + kinds
    rng = random.Random(seed)
    folder = tmp_path / "pages"
    folder.mkdir()
    for k in range(n):
        picked = rng.sample(pool, rng.randint(3, 12))
        body = "\n".join(f"{i}. {r}" for i, r in enumerate(picked, 1))
        (folder / f"page{k:03d}.md").write_text(f"# Page {k}\n\nSome prose citing [1].\n\n## References\n\n{body}\n",
                                                encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")  # a bad input stays a warning, in both
    return folder


def test_generated_pages_with_duplicates_are_identical(client, tmp_path):
    """Eighty generated pages citing the same works again and again: the merged output is identical."""
    folder = _pages(tmp_path, 80, seed=17)
    settings = Settings(resolver=None)
    one = run([str(folder)], settings=settings)
    assert one.dedupe is not None and one.dedupe.merged_from  # there is merging to get right
    _same(dask_engine.run([str(folder)], settings=settings, client=client), one)


def test_dedup_cases_cluster_the_same(client):
    """The labelled hard cases (same title other venue, same DOI other paper …): the shuffle-and-decide
    dedupe gives the clusters and report of one process."""
    refs = []
    for case in CASES:
        refs += [_ref(case["record_a"]), _ref(case["record_b"])]
    assert refs
    assert dask_engine.dedupe(refs, client, per_partition=7) == deduplicate(refs)  # pairs across partitions


def _ref(rec: dict) -> Reference:
    authors = tuple(Name(a.split(",")[0].strip(), a.split(",")[1].strip() if "," in a else "")
                    for a in (rec.get("author") or "").split(" and ") if a.strip())
    year = str(rec.get("year") or "")
    return Reference(title=rec.get("title") or None, author=authors, container_title=rec.get("journal") or None,
                     issued=Date(int(year[:4])) if year[:4].isdigit() else None, volume=rec.get("volume") or None,
                     page=(rec.get("pages") or "").replace("--", "-") or None, DOI=rec.get("doi") or None)


def test_local_index_resolution_on_workers_is_identical(client, tmp_path):
    """With a snapshot index, resolution runs on the workers and finds what one process finds."""
    src = tmp_path / "works.jsonl"
    src.write_text("".join(json.dumps(w) + "\n" for w in recorded_works()), encoding="utf-8")
    index = tmp_path / "s.sqlite"
    snapshot.build([src], index)
    page = tmp_path / "page.txt"
    page.write_text("References\n\n1. Lieber RL, Jacks TM, Mohler RL, et al. Growth hormone secretagogue increases "
                    "muscle strength during remobilization after canine hindlimb immobilization. J Orthop Res. "
                    "1997;15(4):519-527.\n2. Berman BM, Langevin HM. Acupuncture for chronic low back pain. "
                    "N Engl J Med. 2010;363(5):454-461.\n", encoding="utf-8")
    settings = Settings(resolver=f"local:{index}", cache_path=None)
    got = dask_engine.run([str(page)], settings=settings, client=client)
    _same(got, run([str(page)], settings=settings))
    assert [e.ref.DOI for e in got.entries] == ["10.1002/jor.1100150407", None]


def test_cli_engine_dask(tmp_path, capsys):
    """``export --engine dask --workers 1`` writes the same file as the default engine."""
    a, b = tmp_path / "a.bib", tmp_path / "b.bib"
    assert main(["export", str(REFS), "--no-resolve", "--engine", "dask", "--workers", "1", "-o", str(a), "-q"]) == 0
    assert main(["export", str(REFS), "--no-resolve", "-o", str(b), "-q"]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_scheduler_flags_need_the_dask_engine(capsys):
    """``--workers`` without ``--engine dask`` or below 1 is a usage error, and an unreachable scheduler is one line."""
    assert main(["export", str(REFS), "--no-resolve", "--workers", "2", "-o", "-"]) == 2
    assert "--engine dask" in capsys.readouterr().err
    assert main(["export", str(REFS), "--no-resolve", "--engine", "dask", "--workers", "0", "-o", "-"]) == 2
    assert "at least one worker" in capsys.readouterr().err
    assert main(["export", str(REFS), "--no-resolve", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9",
                 "-o", "-"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "no Dask scheduler answers" in err


def test_decisions_apply_the_same_on_the_cluster(client, tmp_path):
    """A decisions file (a chosen DOI, a correction, a not-a-reference, a skipped candidate that is a reference
    after all, a stale entry, a same-work and a not-duplicate pair): the cluster's output and report equal the
    single-process run's."""
    folder = _pages(tmp_path, 12, seed=5)
    pages = sorted(folder.glob("page*.md"))
    cited = {p: [line.split(". ", 1)[1] for line in p.read_text(encoding="utf-8").splitlines() if line[:1].isdigit()]
             for p in pages}
    first, raws = pages[0], cited[pages[0]]
    # a string the first page and another page both cite: the two citations are kept apart by a decision
    shared, second = next((r, p) for r in raws[5:] for p in pages[1:] if r in cited[p])
    # a candidate the extractor passes over, on the third page: a curator says it is a reference after all
    third = pages[2].read_text(encoding="utf-8").replace("\n1. ", "\n1. NHS Choices: Acupuncture\n1. ", 1)
    pages[2].write_text(third, encoding="utf-8")
    file = tmp_path / "decided.json"
    file.write_text(json.dumps({"decisions": [
        {"file": pages[2].name, "raw": "NHS Choices: Acupuncture", "action": "is-reference"},
        {"file": first.name, "raw": raws[0], "action": "use-doi", "doi": "10.1000/chosen"},
        {"file": first.name, "raw": raws[1], "action": "correct", "fields": {"title": "A corrected title"}},
        {"file": first.name, "raw": raws[2], "action": "not-reference"},
        {"file": first.name, "raw": "Gone G. A reference no page cites any more. 1999.", "action": "not-reference"},
        {"file": first.name, "raw": raws[3], "action": "same-work", "other": {"file": first.name, "raw": raws[4]}},
        {"file": first.name, "raw": shared, "action": "not-duplicate", "other": {"file": second.name, "raw": shared}},
    ]}), encoding="utf-8")
    from acuref import decisions

    settings = Settings(resolver=None, decisions=decisions.load(str(file)))
    one = run([str(folder)], settings=settings)
    assert any(e.ref.DOI == "10.1000/chosen" for e in one.entries)
    apart = [e for e in one.entries if any(src.raw == shared for src in e.ref.sources)]
    assert len(apart) >= 2  # the not-duplicate pair is two entries, though the rules would merge them
    assert any(e.ref.sources[0].raw == "NHS Choices: Acupuncture" for e in one.entries)
    assert not any("NHS" in s.text for s in one.skipped)
    _same(dask_engine.run([str(folder)], settings=settings, client=client), one)


def test_decisions_on_a_run_that_finds_no_reference(client, tmp_path):
    """Decisions on documents that cite nothing: a stale one is a warning, and a skipped candidate taken as a
    reference is the run's only entry; the cluster's output and report equal the single-process run's."""
    from acuref import decisions

    page = tmp_path / "only.md"
    page.write_text("# Only\n\n## References\n\n1. NHS Choices: Acupuncture\n", encoding="utf-8")
    for raw, entries in (("Gone G. Nothing cites this any more. 1999.", 0), ("NHS Choices: Acupuncture", 1)):
        file = tmp_path / "decided.json"
        file.write_text(json.dumps({"decisions": [{"file": "only.md", "raw": raw, "action": "is-reference"}]}),
                        encoding="utf-8")
        settings = Settings(resolver=None, decisions=decisions.load(str(file)))
        one = run([str(page)], settings=settings)
        assert len(one.entries) == entries
        _same(dask_engine.run([str(page)], settings=settings, client=client), one)
