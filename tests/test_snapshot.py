"""The local snapshot index: built from real Crossref records, matched with the API path's validation."""

from __future__ import annotations

import gzip
import json
import sqlite3
from dataclasses import replace

import pytest
import responses

from acuref.cli import main
from acuref.errors import InputError, UsageError
from acuref.model import Reference, Source, Status
from acuref.parse.rules import parse_reference
from acuref.resolve import snapshot
from acuref.resolve.backend import Chain
from acuref.resolve.stage import resolve
from acuref.settings import Settings
from test_crossref import BASE, DATA, POLITE, WORKS, list_body, recorded_works

SBRM = json.loads((DATA / "sbrm-accepted-response.json").read_text(encoding="utf-8"))["message"]["items"]
CERMINE = ("D. Tkaczyk, P. Szostek, M. Fedoryszak, P. J. Dendek, and Ł. Bolikowski, “CERMINE: automatic extraction of "
           "structured metadata from scientific literature,” International Journal on Document Analysis and "
           "Recognition (IJDAR), vol. 18, no. 4, pp. 317–335, 2015.")
LIEBER = ("Lieber RL, Jacks TM, Mohler RL, et al. Growth hormone secretagogue increases muscle strength during "
          "remobilization after canine hindlimb immobilization. J Orthop Res. 1997;15(4):519-527.")
NOT_INDEXED = ("Berman BM, Langevin HM, Witt CM, Dubner R. Acupuncture for chronic low back pain. N Engl J Med. "
               "2010;363(5):454-461.")


def printed(text: str) -> Reference:
    return replace(parse_reference(text), sources=(Source(text, 1, 1, None, "list", "page.txt"),))


@pytest.fixture
def index(tmp_path):
    """Ten real Crossref records: five as JSON Lines of works, five as a gzipped public-data-file chunk."""
    lines = tmp_path / "works.jsonl"
    lines.write_text("".join(json.dumps(w) + "\n" for w in recorded_works()), encoding="utf-8")
    chunk = tmp_path / "0.json.gz"
    with gzip.open(chunk, "wt", encoding="utf-8") as fh:
        json.dump({"items": SBRM}, fh)
    path = tmp_path / "snapshot.sqlite"
    built = snapshot.build([lines, chunk], path)
    assert (built.works, built.duplicates) == (10, 0)
    return path


def test_build_reads_json_lines_and_the_public_data_file(index):
    """Both input shapes land in one index: every DOI is found by look-up, case-insensitively."""
    snap = snapshot.Snapshot(index)
    found = snap.works(["10.1002/JOR.1100150407", "10.1007/s10032-015-0249-8", "10.1000/absent"])
    assert found["10.1002/jor.1100150407"]["title"][0].startswith("Growth hormone")
    assert found["10.1007/s10032-015-0249-8"]["volume"] == "18"
    assert found["10.1000/absent"] is None


def test_search_finds_the_work_as_printed(index):
    """A reference string's rarest terms find its record first among the snapshot's works."""
    hits = snapshot.Snapshot(index).search(LIEBER)
    assert hits[0][0]["DOI"] == "10.1002/jor.1100150407"


def test_local_resolver_matches_with_the_api_validation(index):
    """Printed DOIs are verified, missing ones found and validated, a work the index lacks gets no DOI, and a
    printed DOI the index lacks is kept as printed, unverified."""
    resolver, warnings = Settings(resolver=f"local:{index}").make_resolver()
    assert warnings == []
    refs = [printed(CERMINE), printed(LIEBER), printed(NOT_INDEXED),
            replace(printed(LIEBER), DOI="10.1002/jor.1100150407"),
            replace(printed(NOT_INDEXED), DOI="10.1056/NEJMoa0908677")]
    out, _ = resolve(refs, resolver)
    statuses = [(r.resolution.status, r.DOI, r.resolution.backend) for r in out]
    assert statuses[:4] == [(Status.MATCHED, "10.1007/s10032-015-0249-8", "local"),
                            (Status.MATCHED, "10.1002/jor.1100150407", "local"),
                            (Status.NOT_FOUND, None, None),
                            (Status.VERIFIED, "10.1002/jor.1100150407", "local")]
    assert statuses[4][:2] == (Status.NOT_FOUND, "10.1056/NEJMoa0908677")
    assert "not in the local index" in out[4].resolution.message


def test_a_wrong_printed_doi_is_corrected_from_the_index(index):
    """A printed DOI that points at another indexed work is suspect, and the search finds the right one."""
    resolver, _ = Settings(resolver=f"local:{index}").make_resolver()
    out, _ = resolve([replace(printed(LIEBER), DOI="10.1038/srep16696")], resolver)
    assert (out[0].resolution.status, out[0].DOI) == (Status.CORRECTED, "10.1002/jor.1100150407")


def test_a_mistyped_doi_the_index_lacks_is_corrected_by_a_search(index):
    """A printed DOI one character off, absent from the index: the search finds the work and corrects it."""
    resolver, _ = Settings(resolver=f"local:{index}").make_resolver()
    out, _ = resolve([replace(printed(LIEBER), DOI="10.1002/jor.1100150408")], resolver)
    assert (out[0].resolution.status, out[0].DOI, out[0].resolution.printed_doi) == \
        (Status.CORRECTED, "10.1002/jor.1100150407", "10.1002/jor.1100150408")


@responses.activate
def test_chain_asks_crossref_only_for_what_the_index_lacks(index):
    """``local:PATH,crossref``: indexed works never reach Crossref; the one the index lacks is searched there."""
    berman = {"DOI": "10.1056/NEJMoa0908677", "type": "journal-article",
              "title": ["Acupuncture for Chronic Low Back Pain"], "container-title": ["New England Journal of Medicine"],
              "short-container-title": ["N Engl J Med"], "volume": "363", "issue": "5", "page": "454-461",
              "author": [{"family": "Berman", "given": "Brian M."}, {"family": "Langevin", "given": "Helene M."}],
              "issued": {"date-parts": [[2010, 7, 29]]}, "score": 80.0}
    responses.add(responses.GET, WORKS, json=list_body([berman]), headers=POLITE)
    chain, _ = Settings(resolver=f"local:{index},crossref", crossref_url=BASE, mailto="u@example.org",
                        cache_path=None).make_resolver()
    assert isinstance(chain, Chain) and chain.name == "local,crossref"
    out, _ = resolve([printed(LIEBER), printed(NOT_INDEXED)], chain)
    assert [(r.DOI, r.resolution.backend) for r in out] == [("10.1002/jor.1100150407", "local"),
                                                           ("10.1056/NEJMoa0908677", "crossref")]
    assert len(responses.calls) == 1 and "query.bibliographic" in responses.calls[0].request.url


def test_same_doi_twice_keeps_the_first_record(tmp_path):
    """A DOI read twice is one work; the build says how many repeats it skipped."""
    works = recorded_works()
    src = tmp_path / "w.jsonl"
    src.write_text("".join(json.dumps(w) + "\n" for w in works + works[:2]), encoding="utf-8")
    built = snapshot.build([src], tmp_path / "s.sqlite")
    assert (built.works, built.duplicates) == (5, 2)


def test_cli_builds_an_index_and_exports_with_it(index, tmp_path, capsys):
    """``acuref index build`` writes the file; ``export --resolver local:PATH`` resolves from it, offline."""
    src = tmp_path / "works.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps({"message": w}) + "\n" for w in recorded_works())  # API answers, one per line
    out = tmp_path / "built.sqlite"
    assert main(["index", "build", str(src), "-o", str(out)]) == 0
    assert "indexed 5 works" in capsys.readouterr().err
    page = tmp_path / "page.txt"
    page.write_text("References\n\n1. " + LIEBER + "\n", encoding="utf-8")
    bib = tmp_path / "refs.json"
    assert main(["export", str(page), "--resolver", f"local:{out}", "-o", str(bib), "-q"]) == 0
    assert json.loads(bib.read_text(encoding="utf-8"))[0]["DOI"] == "10.1002/jor.1100150407"


@pytest.mark.parametrize("content,why", [("{not json\n", "line 2: not a JSON record"),
                                         (None, "no such file")])
def test_bad_input_to_index_build_is_one_line_and_no_file(tmp_path, capsys, content, why):
    """A broken or missing works file: exit 3, one line naming it, and no index (not even half of one) left."""
    src = tmp_path / "works.jsonl"
    if content is not None:
        src.write_text(json.dumps(recorded_works()[0]) + "\n" + content, encoding="utf-8")
    out = tmp_path / "out.sqlite"
    assert main(["index", "build", str(src), "-o", str(out)]) == InputError.exit_code
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(src) in err and why in err
    assert list(tmp_path.glob("out.sqlite*")) == []


def test_a_file_that_is_not_an_index_is_refused(tmp_path):
    """``--resolver local:`` on a missing file, another SQLite file or no path at all: a clear error."""
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE x(y)").connection.commit()
    with pytest.raises(InputError, match="not an acuref snapshot index"):
        Settings(resolver=f"local:{other}").make_resolver()
    with pytest.raises(InputError, match="no snapshot index here"):
        Settings(resolver=f"local:{tmp_path / 'missing.sqlite'}").make_resolver()
    with pytest.raises(UsageError, match="local:PATH"):
        Settings(resolver="local").make_resolver()


def test_index_build_into_a_missing_folder_is_one_line(tmp_path, capsys):
    """An output folder that does not exist: exit 5 and one line naming the file, no traceback."""
    src = tmp_path / "works.jsonl"
    src.write_text(json.dumps(recorded_works()[0]) + "\n", encoding="utf-8")
    out = tmp_path / "missing" / "s.sqlite"
    assert main(["index", "build", str(src), "-o", str(out)]) == 5
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(out) in err


@pytest.mark.parametrize("value", [0, 1, 127, 128, 240, 2287, 16383, 16384, 1000510, 21509211, 2**40, 2**63 - 1])
def test_varints_read_as_sqlite_writes_them(value):
    """_varint reads SQLite's varint (7 bits a byte, big-endian, a full ninth byte), as FTS5 stores lengths."""
    if value > 0x00FFFFFFFFFFFFFF:
        data = bytes([0xFF] * 8 + [value & 0xFF])  # the ninth byte holds 8 bits
        value = (((1 << 56) - 1) << 8) | (value & 0xFF)
    else:
        groups = []
        v = value
        while True:
            groups.append(v & 0x7F)
            v >>= 7
            if not v:
                break
        data = bytes([g | 0x80 for g in reversed(groups[1:])] + [groups[0]])
    assert snapshot._varint(data + b"\x05") == (value, len(data))


def test_ranking_weighs_a_works_length_like_bm25(tmp_path):
    """Among works that hold the same query terms, the short one ranks first (BM25's length factor, read from
    FTS5's own lengths); the average length is the index's own; a work with more of the rare terms still
    wins."""
    works = [{"DOI": f"10.5555/long.{i}", "title": ["Acupuncture trial " + " ".join(f"filler{i}x{k}" for k in
                                                                                   range(20))]} for i in range(30)]
    works += [{"DOI": "10.5555/short", "title": ["Acupuncture trial"]},
              {"DOI": "10.5555/rare", "title": ["Acupuncture trial moxibustion " + " ".join(f"pad{k}" for k in range(30))]}]
    path = tmp_path / "w.jsonl"
    path.write_text("".join(json.dumps(w) + "\n" for w in works), encoding="utf-8")
    snapshot.build([path], tmp_path / "s.sqlite")
    snap = snapshot.Snapshot(tmp_path / "s.sqlite")
    lengths = [len(snapshot.terms(snapshot.text_of(w))) for w in works]
    assert snap._average_length() == pytest.approx(sum(lengths) / len(works), rel=0.1)
    assert [w["DOI"] for w, _ in snap.search("Acupuncture trial", rows=3)][0] == "10.5555/short"
    assert [w["DOI"] for w, _ in snap.search("Acupuncture trial moxibustion", rows=3)][0] == "10.5555/rare"
