"""A curator's decisions file: read without ever crashing, applied to exactly the references it names, and
still applied after the document was edited elsewhere."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from acuref import decisions, run
from acuref.cli import main
from acuref.formats import render
from acuref.model import Status
from acuref.report import summary
from acuref.settings import Settings

BERMAN = ("Berman BM, Langevin HM, Witt CM, Dubner R. Acupuncture for chronic low back pain. N Engl J Med. "
          "2010;363(5):454-461. doi:10.1056/NEJMoa0908677")
LIEBER = ("Lieber RL, Jacks TM, Mohler RL, et al. Growth hormone secretagogue increases muscle strength during "
          "remobilization after canine hindlimb immobilization. J Orthop Res. 1997;15(4):519-527.")
HSU = "Hsu DT: Acupuncture: a review. Reg Anesth 1996; 21:361–370"
NOISE = "Written by the editorial team, updated 12 March 2021, 4 min read."
OTHER = ("Vickers AJ, Cronin AM, Maschino AC, et al. Acupuncture for chronic pain: individual patient data "
         "meta-analysis. Arch Intern Med. 2012;172(19):1444-1453.")


def _page(folder: Path, refs: list[str], name: str = "page.md", prose: str = "") -> Path:
    path = folder / name
    body = "\n".join(f"{i}. {r}" for i, r in enumerate(refs, 1))
    path.write_text(f"# A page\n\n{prose}Some prose citing [1].\n\n## References\n\n{body}\n", encoding="utf-8")
    return path


def _file(folder: Path, entries: list[dict]) -> Path:
    path = folder / "decided.json"
    path.write_text(json.dumps({"acuref_decisions": 1, "decisions": entries}, indent=1), encoding="utf-8")
    return path


def _run(page: Path, file: Path | None):
    settings = Settings(resolver=None, decisions=decisions.load(str(file)) if file else decisions.Decisions())
    return run([str(page)], settings=settings)


def _by_title(result) -> dict[str, object]:
    return {(e.ref.title or e.ref.sources[0].raw)[:30]: e.ref for e in result.entries}


DECIDED = [
    {"file": "page.md", "raw": LIEBER, "action": "use-doi", "doi": "10.1002/jor.1100150407"},
    {"file": "page.md", "raw": BERMAN, "action": "reject-doi", "doi": "10.1056/NEJMoa0908677"},
    {"file": "page.md", "raw": HSU, "action": "correct",
     "fields": {"title": "Acupuncture. A review", "container-title": "Regional Anesthesia", "author": ["Hsu, D. T."],
                "issued": "1996-05"}},
    {"file": "page.md", "raw": NOISE, "action": "not-reference"},
]


def test_each_decision_changes_exactly_its_reference(tmp_path):
    """A chosen DOI, a rejected DOI, corrected fields and a not-a-reference: those entries change, the
    others are byte for byte what they were, and the report names each decision."""
    page = _page(tmp_path, [BERMAN, LIEBER, HSU, NOISE, OTHER])
    plain, decided = _run(page, None), _run(page, _file(tmp_path, DECIDED))
    assert not [w for w in decided.warnings if "decided.json" in w.message]
    before, after = _by_title(plain), _by_title(decided)
    assert after["Growth hormone secretagogue in"].DOI == "10.1002/jor.1100150407"
    assert after["Growth hormone secretagogue in"].resolution.status == Status.DECIDED
    assert before["Acupuncture for chronic low ba"].DOI == "10.1056/NEJMoa0908677" and after["Acupuncture for chronic low ba"].DOI is None
    hsu = after["Acupuncture. A review"]
    assert (hsu.container_title, hsu.author[0].family, hsu.issued.parts()) == ("Regional Anesthesia", "Hsu", [1996, 5])
    assert len(decided.entries) == len(plain.entries) - 1
    assert any(s.text == NOISE and "not a reference" in s.reason for s in decided.skipped)
    untouched = [k for k in before if k.startswith("Acupuncture for chronic pain:")]
    assert untouched and all(before[k] == after[k] for k in untouched)
    report = json.loads(summary.dumps(decided.entries, decided.warnings, decided.dedupe, decided.skipped))
    said = {item["sources"][0]["raw"][:10]: item["decisions"] for item in report["items"]}
    assert said[LIEBER[:10]] == ["use DOI 10.1002/jor.1100150407 (" + str(tmp_path / "decided.json") + ", entry 1)"]
    assert "reject DOI" in said[BERMAN[:10]][0] and "correct title" in said[HSU[:10]][0]
    assert said[OTHER[:10]] == []


def test_a_decision_survives_the_document_being_edited(tmp_path):
    """References added before it, lines moved, a typo fixed in its string: the decision still applies to it."""
    _page(tmp_path, [BERMAN, LIEBER, HSU])
    file = _file(tmp_path, [DECIDED[0], DECIDED[2]])
    edited = LIEBER.replace("canine hindlimb", "canine  hind-limb").replace("1997;", "1997 ;")
    page = _page(tmp_path, [OTHER, HSU, NOISE, BERMAN, edited], prose="A new paragraph.\n\n" * 5)
    got = _by_title(_run(page, file))
    assert got["Growth hormone secretagogue in"].DOI == "10.1002/jor.1100150407"
    assert got["Acupuncture. A review"].container_title == "Regional Anesthesia"


def test_a_decision_whose_reference_is_gone_is_a_warning_only(tmp_path):
    """The decided reference was deleted from the page: a warning naming the entry, nothing else changes."""
    file = _file(tmp_path, DECIDED[:1])
    page = _page(tmp_path, [BERMAN, HSU])
    got, plain = _run(page, file), _run(page, None)
    stale = [w.message for w in got.warnings if "entry 1" in w.message]
    assert len(stale) == 1 and "any more; not applied" in stale[0]
    assert render(got.entries, "bibtex") == render(plain.entries, "bibtex")


def test_a_near_string_is_not_guessed_between_two(tmp_path):
    """An edited string that reads equally like two references of the file applies to neither."""
    a = "Smith J. Acupuncture and pain. Pain. 2001;90:1-10."
    b = "Smith J. Acupuncture and pain. Pain. 2001;90:1-11."
    page = _page(tmp_path, [a, b])
    file = _file(tmp_path, [{"file": "page.md", "raw": "Smith J. Acupuncture and pain. Pain. 2001;90:1-1.",
                             "action": "use-doi", "doi": "10.1000/x"}])
    got = _run(page, file)
    assert all(e.ref.DOI is None for e in got.entries)
    assert any("entry 1" in w.message for w in got.warnings)


@pytest.mark.parametrize("text,said", [
    ('{"acuref_decisions": 1, "decisions": [{"file": "page.md", "raw": "Lie', "not valid JSON"),
    ('{"acuref_decisions": 1}', "no list of decisions"),
    ('[1, {"file": "page.md"}, {"file": "page.md", "raw": "x", "action": "use-DOI", "doi": "10.1/x"},'
     ' {"file": "page.md", "raw": "x", "action": "use-doi", "doi": "not a doi"},'
     ' {"file": "page.md", "raw": "x", "action": "correct", "fields": {"titel": "y"}}]', "entry 5: unknown field"),
])
def test_broken_files_are_warnings_never_crashes(tmp_path, text, said):
    """A truncated, empty or mistyped decisions file: the run goes on and says what was wrong, and where."""
    file = tmp_path / "decided.json"
    file.write_text(text, encoding="utf-8")
    got = _run(_page(tmp_path, [LIEBER]), file)
    messages = [w.message for w in got.warnings if str(file) in w.message]
    assert messages and any(said in m for m in messages)
    assert got.entries[0].ref.DOI is None


def test_mistyped_entries_are_named_and_the_good_ones_applied(tmp_path):
    """Entries 1 to 4 are wrong in four ways, entry 5 is right: four warnings by number, one DOI chosen."""
    file = _file(tmp_path, [1, {"file": "page.md"}, {"file": "page.md", "raw": LIEBER, "action": "use-DOI"},
                            {"file": "page.md", "raw": LIEBER, "action": "use-doi", "doi": "no"}, DECIDED[0]])
    got = _run(_page(tmp_path, [LIEBER]), file)
    numbers = sorted(int(w.message.split("entry ")[1].split(":")[0]) for w in got.warnings if "entry" in w.message)
    assert numbers == [1, 2, 3, 4]
    assert got.entries[0].ref.DOI == "10.1002/jor.1100150407"


def test_cli_takes_the_file_beside_the_output_and_refuses_a_missing_one(tmp_path, capsys):
    """``acuref.decisions.json`` beside ``-o`` is applied without a flag; ``--decisions`` naming no file is one
    line and exit 3."""
    page = _page(tmp_path, [LIEBER, NOISE])
    (tmp_path / decisions.FILE_NAME).write_text(json.dumps({"decisions": DECIDED}), encoding="utf-8")
    out = tmp_path / "refs.json"
    assert main(["export", str(page), "--no-resolve", "-o", str(out), "-q"]) == 0
    items = json.loads(out.read_text(encoding="utf-8"))
    assert [i.get("DOI") for i in items] == ["10.1002/jor.1100150407"]
    assert main(["export", str(page), "--no-resolve", "--decisions", str(tmp_path / "nope.json"), "-o", "-"]) == 3
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "nope.json" in err


SHORT_LIEBER = "Lieber RL. Hormones and the strength of dogs after casting. Orthopaedic research notes, 1997."
PART_TWO = ("Lieber RL, Jacks TM, Mohler RL, et al. Growth hormone secretagogue increases muscle strength during "
            "remobilization after canine hindlimb immobilization. J Orthop Res. 1997;15(4):519-527.")


def test_same_work_and_not_duplicate_override_the_rules(tmp_path):
    """'same-work' merges two citations the rules keep apart; 'not-duplicate' keeps apart two they merge; the
    report names the curator's rule and the decision."""
    page = _page(tmp_path, [LIEBER, SHORT_LIEBER, HSU])
    second = _page(tmp_path, [PART_TWO, OTHER], name="second.md")
    plain = run([str(page), str(second)], settings=Settings(resolver=None))
    assert len(plain.entries) == 4  # LIEBER and PART_TWO merged by the rules, SHORT_LIEBER apart
    file = _file(tmp_path, [
        {"file": "page.md", "raw": SHORT_LIEBER, "action": "same-work", "other": {"file": "page.md", "raw": LIEBER}},
        {"file": "second.md", "raw": PART_TWO, "action": "not-duplicate", "other": {"file": "page.md", "raw": LIEBER}},
        {"file": "page.md", "raw": HSU, "action": "same-work", "other": {"file": "page.md", "raw": "Gone G. 1999."}},
    ])
    got = run([str(page), str(second)], settings=Settings(resolver=None, decisions=decisions.load(str(file))))
    groups = sorted(sorted(s.raw[:12] for s in e.ref.sources) for e in got.entries)
    assert groups == sorted([sorted([LIEBER[:12], SHORT_LIEBER[:12]]), [PART_TWO[:12]], [HSU[:12]], [OTHER[:12]]])
    report = json.loads(summary.dumps(got.entries, got.warnings, got.dedupe, got.skipped))
    rules = [m["rule"] for item in report["items"] for m in item["merged_from"]]
    assert rules == ["a curator: same work"]
    assert any("entry 3" in w.message and "Gone G." in w.message for w in got.warnings)


NHS = "NHS Choices: Acupuncture"  # no year, identifier or locator: the extractor passes it over
NCCIH = "Acupuncture, National Center for Complementary and Integrative Health, information page"


def test_a_skipped_candidate_is_a_reference_after_all(tmp_path):
    """'is-reference' takes a candidate the extractor passed over: parsed, in its place among the page's
    references (labelled as printed), named in the report, and no longer in 'skipped'."""
    page = _page(tmp_path, [LIEBER, NHS, HSU, NCCIH])
    plain = _run(page, None)
    assert [s.printed for s in plain.skipped] == [NHS, NCCIH] and len(plain.entries) == 2
    got = _run(page, _file(tmp_path, [{"file": "page.md", "raw": NHS, "action": "is-reference"}]))
    assert [e.ref.sources[0].raw for e in got.entries] == [LIEBER, NHS, HSU]
    taken = got.entries[1].ref
    assert taken.sources[0].line == 8 and taken.sources[0].label == "2" and "Acupuncture" in (taken.title or taken.container_title or "")
    assert [s.printed for s in got.skipped] == [NCCIH]
    report = json.loads(summary.dumps(got.entries, got.warnings, got.dedupe, got.skipped))
    assert report["items"][1]["decisions"] == ["a reference after all (" + str(tmp_path / "decided.json") + ", entry 1)"]
    assert [s["raw"] for s in report["skipped"]] == [NCCIH] and not got.warnings[1:]


def test_an_edited_skipped_candidate_is_still_taken_and_a_gone_one_is_a_warning(tmp_path):
    """A candidate edited a little is still found; one that is gone is a warning naming the entry; one the
    extractor now takes by itself just carries the decision."""
    page = _page(tmp_path, [LIEBER, NHS + ".", HSU])
    file = _file(tmp_path, [{"file": "page.md", "raw": NHS, "action": "is-reference"},
                            {"file": "page.md", "raw": "Gone: nothing like it", "action": "is-reference"},
                            {"file": "page.md", "raw": HSU, "action": "is-reference"}])
    got = _run(page, file)
    assert [e.ref.sources[0].raw for e in got.entries] == [LIEBER, NHS + ".", HSU] and not got.skipped
    assert [e.ref.decided != () for e in got.entries] == [False, True, True]
    assert [w.message for w in got.warnings if "entry" in w.message] == [
        f"{file}, entry 2: no reference of page.md reads like 'Gone: nothing like it' any more; not applied"]


def test_the_later_of_two_answers_to_one_question_stands(tmp_path):
    """A reference called none and then a reference after all is kept (and the other way round dropped); a
    pair decided 'same work' then 'not the same work' stays apart."""
    page = _page(tmp_path, [LIEBER, SHORT_LIEBER, HSU])
    back = _run(page, _file(tmp_path, [{"file": "page.md", "raw": HSU, "action": "not-reference"},
                                       {"file": "page.md", "raw": HSU, "action": "is-reference"}]))
    assert any(e.ref.sources[0].raw == HSU for e in back.entries) and not back.skipped
    gone = _run(page, _file(tmp_path, [{"file": "page.md", "raw": HSU, "action": "is-reference"},
                                       {"file": "page.md", "raw": HSU, "action": "not-reference"}]))
    assert not any(e.ref.sources[0].raw == HSU for e in gone.entries) and [s.text for s in gone.skipped] == [HSU]
    pair = {"file": "page.md", "raw": SHORT_LIEBER, "other": {"file": "page.md", "raw": LIEBER}}
    apart = _run(page, _file(tmp_path, [{**pair, "action": "same-work"}, {**pair, "action": "not-duplicate"}]))
    together = _run(page, _file(tmp_path, [{**pair, "action": "not-duplicate"}, {**pair, "action": "same-work"}]))
    assert len(apart.entries) == 3 and len(together.entries) == 2


@pytest.mark.parametrize("kept, new, want", [
    ([{"file": "p.md", "raw": "A  b", "action": "use-doi", "doi": "10.1/x"}],
     [{"file": "p.md", "raw": "A b", "action": "reject-doi", "doi": "10.1/x"}], [1]),
    ([{"file": "p.md", "raw": "A", "action": "not-reference"}], [{"file": "p.md", "raw": "A", "action": "is-reference"}],
     [1]),
    ([{"file": "p.md", "raw": "A", "action": "correct", "fields": {"title": "T"}}],
     [{"file": "p.md", "raw": "A", "action": "correct", "fields": {"volume": "2"}}], [0, 1]),
    ([{"file": "p.md", "raw": "A", "action": "same-work", "other": {"raw": "B"}}],
     [{"file": "p.md", "raw": "B", "action": "not-duplicate", "other": {"file": "p.md", "raw": "A"}}], [1]),
    ([{"file": "p.md", "raw": "A", "action": "use-doi", "doi": "10.1/x"}, "not a decision", {"action": "x"}],
     [{"file": "q.md", "raw": "A", "action": "reject-doi"}, {"file": "p.md", "raw": "A", "action": "not-reference"}],
     [0, 1, 2, 3, 4]),
])
def test_a_new_decision_replaces_a_kept_one_on_the_same_question(kept, new, want):
    """merged() keeps every kept entry (malformed ones too) except those a new decision answers again;
    corrections add up."""
    both = [*kept, *new]
    assert decisions.merged(kept, new) == [both[i] for i in want]


from hypothesis import HealthCheck, given, settings as hsettings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
                         st.sampled_from(["file", "raw", "action", "doi", "fields", "other", "decisions", "x"]), inner,
                         max_size=5), max_leaves=20)
_ENTRY = st.fixed_dictionaries({"file": st.sampled_from(["page.md", "other.md", "", 3]),
                                "raw": st.sampled_from([LIEBER, HSU, "", None, LIEBER[:-9]]),
                                "action": st.sampled_from([*decisions.ACTIONS, "use", None]),
                                "doi": st.sampled_from([None, "10.1002/jor.1100150407", "10.1/", 5]),
                                "fields": _JSON, "other": st.sampled_from([None, {"raw": HSU}, {"file": "page.md"}, "x"])})


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(st.one_of(_JSON.map(json.dumps), st.lists(_ENTRY, max_size=6).map(lambda e: json.dumps({"decisions": e})),
                 st.binary(max_size=200).map(lambda b: b.decode("latin-1"))))
def test_any_decisions_file_runs_without_a_traceback(tmp_path, text):
    """Whatever the decisions file holds (any JSON, any mix of good and bad entries, bytes), the run finishes
    and every reference that is not decided to be none is still in the output."""
    page = tmp_path / "page.md"
    if not page.exists():
        _page(tmp_path, [LIEBER, HSU, OTHER])
    file = tmp_path / "fuzz.json"
    file.write_text(text, encoding="utf-8", errors="surrogatepass")
    got = _run(page, file)
    gone = {s.printed for s in got.skipped if s.reason.startswith("not a reference")}
    kept = {src.raw for e in got.entries for src in e.ref.sources}
    assert kept | gone == {LIEBER, HSU, OTHER} and not kept & gone  # merged or not, every citation is accounted for


def test_the_documents_warnings_count_what_is_still_skipped(tmp_path):
    """Once a curator takes skipped candidates, the page's warning counts those left, and a page whose only
    candidate is taken is no longer said to have no references — in both engines' shared corpus step."""
    page = _page(tmp_path, [LIEBER, NHS, NCCIH])
    only = tmp_path / "only.md"
    only.write_text(f"# Only\n\n## References\n\n1. {NHS}\n", encoding="utf-8")
    file = _file(tmp_path, [{"file": "page.md", "raw": NHS, "action": "is-reference"},
                            {"file": "only.md", "raw": NHS, "action": "is-reference"}])
    plain = run([str(page), str(only)], settings=Settings(resolver=None))
    said = [w.message for w in plain.warnings]
    assert f"{page}: 2 candidates in a reference section not taken as references (see 'skipped' in --report)" in said
    assert f"{only}: no references found" in said
    got = run([str(page), str(only)], settings=Settings(resolver=None, decisions=decisions.load(str(file))))
    said = [w.message for w in got.warnings]
    assert f"{page}: 1 candidate in a reference section not taken as a reference (see 'skipped' in --report)" in said
    assert not any(str(only) in m for m in said) and len(got.entries) == 3


def test_a_decision_on_a_taken_string_takes_no_look_alike_candidate():
    """'is-reference' on a string the extractor took goes to that reference, not to a skipped candidate that
    reads almost the same (and would pass the 90 % bar on its own)."""
    from acuref.model import Skipped, Source
    from acuref.parse.rules import parse_reference

    near = "National Health Service Choices: Acupuncture treatment for chronic pain in adults"
    taken = replace(parse_reference(near + ", 2019."), sources=(Source(near + ", 2019.", 7, 7, "1", "list", "p.md"),))
    candidate = Skipped("[2] " + near, 8, 8, "no year, identifier, locator or legal citation", "p.md", near, "2")
    said = decisions.Decisions((decisions.Decision(1, "p.md", near + ", 2019", "is-reference"),), "d.json")
    refs, passed = decisions.promote([taken], [candidate], said)
    assert refs == [taken] and passed == [candidate]
    alone = decisions.Decisions((decisions.Decision(1, "p.md", near + " (web page)", "is-reference"),), "d.json")
    refs, passed = decisions.promote([taken], [candidate], alone)
    assert [r.sources[0].raw for r in refs] == [near + ", 2019.", near] and passed == []
