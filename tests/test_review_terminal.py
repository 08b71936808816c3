"""``acuref review``: the terminal decides what the review page decides, from a run's report."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace

from rich.console import Console

from acuref import decisions, review_terminal, run
from acuref.cli import main
from acuref.model import Offer, Reference, Resolution, Source, Status
from acuref.pipeline import to_entries
from acuref.report import summary
from acuref.settings import Settings

RAWS = ["Smith J. Acupuncture for pain. Pain. 2001;90:1-10.", "Jones K. A trial of needles. BMJ. 1999;3:5-9.",
        "Brown L. Moxibustion reviewed. Lancet. 2005;1:2-3.", "Page 4 of 12. Printed from the portal."]


def _report(tmp_path) -> str:
    """A report of four references: three need attention (not found with weighed records, suspect, unparsed)."""
    refs = [
        Reference(title="Acupuncture for pain", resolution=Resolution(Status.NOT_FOUND, message="none agrees", offered=(
            Offer("10.1000/aa", "Acupuncture for pain", "Pain", "Smith", 2002, "90", "1-10", 0.5, ("title",), ("year",)),
            Offer("10.1000/bb", "Other", "BMJ", "Lee", 1990, "1", "1", 0.1, (), ("title",))))),
        Reference(title="A trial of needles", resolution=Resolution(Status.SUSPECT, printed_doi="10.1136/bmj.x",
                                                                     message="the printed DOI's record disagrees")),
        Reference(title="Moxibustion reviewed", resolution=Resolution(Status.VERIFIED, doi="10.1/ok"), DOI="10.1/ok"),
        Reference(title=RAWS[3], parsed=False, confidence=0.2),
    ]
    refs = [replace(r, sources=(Source(raw, k + 1, k + 1, None, "list", str(tmp_path / "page.md")),))
            for k, (r, raw) in enumerate(zip(refs, RAWS))]
    path = tmp_path / "run.report.json"
    path.write_text(summary.dumps(to_entries(refs), []), encoding="utf-8")
    return str(path)


def test_keys_make_the_decisions_file_the_next_run_applies(tmp_path):
    """Take the second weighed record, reject the suspect DOI, call the footer no reference: three decisions,
    added to what the file held, and a run with it applies each."""
    report = _report(tmp_path)
    target = tmp_path / "acuref.decisions.json"
    target.write_text(json.dumps({"decisions": [{"file": "x.md", "raw": "kept", "action": "not-reference"}]}),
                      encoding="utf-8")
    out = io.StringIO()
    made = review_terminal.review(report, str(target), console=Console(file=out, width=120),
                                  stream=io.StringIO("u\n2\nr\nn\n"))
    assert made == 3
    screen = out.getvalue()
    assert "10.1000/bb" in screen and "year" in screen and "3 decisions added" in screen
    entries = json.loads(target.read_text(encoding="utf-8"))["decisions"]
    assert [e["action"] for e in entries] == ["not-reference", "use-doi", "reject-doi", "not-reference"]
    assert entries[1] == {"file": "page.md", "raw": RAWS[0], "action": "use-doi", "doi": "10.1000/bb"}
    page = tmp_path / "page.md"
    page.write_text("References\n\n" + "\n".join(f"{k}. {r}" for k, r in enumerate(RAWS, 1)) + "\n", encoding="utf-8")
    got = run([str(page)], settings=Settings(resolver=None, decisions=decisions.load(str(target))))
    by_raw = {e.ref.sources[0].raw: e.ref for e in got.entries}
    assert by_raw[RAWS[0]].DOI == "10.1000/bb" and RAWS[3] not in by_raw


def test_quit_saves_what_was_decided_and_nothing_else(tmp_path):
    """'q' after one decision writes that one; quitting at once writes no file."""
    report = _report(tmp_path)
    target = tmp_path / "d.json"
    assert review_terminal.review(report, str(target), console=Console(file=io.StringIO()), stream=io.StringIO("q\n")) == 0
    assert not target.exists()
    assert review_terminal.review(report, str(target), console=Console(file=io.StringIO()),
                                  stream=io.StringIO("n\nq\n")) == 1
    assert len(json.loads(target.read_text(encoding="utf-8"))["decisions"]) == 1


def test_a_file_that_is_not_a_report_is_one_line(tmp_path, capsys):
    """``acuref review`` on a file that is not a report: exit 3, one line naming it."""
    bad = tmp_path / "refs.bib"
    bad.write_text("@article{x, title={y}}", encoding="utf-8")
    assert main(["review", str(bad)]) == 3
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "refs.bib" in err


def test_a_decisions_file_that_cannot_be_added_to_is_refused_before_any_question(tmp_path):
    """A broken decisions file is left as it is, and no answer is asked for (none would be saved)."""
    from acuref.errors import InputError
    import pytest

    target = tmp_path / "d.json"
    target.write_text('{"decisions": [', encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(InputError, match="left as it is"):
        review_terminal.review(_report(tmp_path), str(target), console=Console(file=out), stream=io.StringIO("n\n"))
    assert out.getvalue() == "" and target.read_text(encoding="utf-8") == '{"decisions": ['


def test_a_skipped_candidate_and_an_answer_given_again(tmp_path):
    """After the references, the run's skipped candidates: 'i' makes one a reference, and that answer replaces
    the file's earlier 'not a reference' on the same string; the next run takes it."""
    from test_decisions import HSU, LIEBER, NHS, _page

    src = _page(tmp_path, [LIEBER, NHS, HSU])
    target = tmp_path / "acuref.decisions.json"
    target.write_text(json.dumps({"decisions": [{"file": "page.md", "raw": HSU, "action": "not-reference"}]}),
                      encoding="utf-8")
    first = run([str(src)], settings=Settings(resolver=None, decisions=decisions.load(str(target))))
    report = tmp_path / "run.report.json"
    report.write_text(summary.dumps(first.entries, first.warnings, first.dedupe, first.skipped), encoding="utf-8")
    out = io.StringIO()
    asked = [s.printed for s in first.skipped]
    answers = "".join("i\n" for _ in asked)
    made = review_terminal.review(str(report), str(target), console=Console(file=out, width=120),
                                  stream=io.StringIO(answers))
    assert made == 2 and "skipped candidate" in out.getvalue()
    entries = json.loads(target.read_text(encoding="utf-8"))["decisions"]
    assert sorted((e["raw"], e["action"]) for e in entries) == sorted([(NHS, "is-reference"), (HSU, "is-reference")])
    again = run([str(src)], settings=Settings(resolver=None, decisions=decisions.load(str(target))))
    assert [e.ref.sources[0].raw for e in again.entries] == [LIEBER, NHS, HSU] and again.skipped == ()


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_ANY = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(
                        ["items", "skipped", "sources", "file", "raw", "text", "status", "confidence", "parsed",
                         "offered", "candidates", "doi", "printed_doi", "id", "message", "line", "reason", "x"]),
                        inner, max_size=6), max_leaves=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(report=st.one_of(_ANY, st.fixed_dictionaries({"items": st.lists(_ANY, max_size=4),
                                                     "skipped": st.lists(_ANY, max_size=3)})),
       keys=st.text(alphabet="unrsqi12\n", max_size=30))
def test_any_report_is_reviewed_or_refused_in_one_line(tmp_path, report, keys):
    """Whatever a hand-edited report holds, ``acuref review`` asks about what it can read or refuses the file
    with an InputError; never a traceback, and the decisions file is JSON afterwards."""
    from acuref.errors import InputError

    path = tmp_path / "r.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    target = tmp_path / "d.json"
    target.unlink(missing_ok=True)
    try:
        review_terminal.review(str(path), str(target), console=Console(file=io.StringIO()),
                               stream=io.StringIO(keys + "q\n" * 40))
    except InputError:
        return
    if target.exists():
        assert isinstance(json.loads(target.read_text(encoding="utf-8"))["decisions"], list)


def test_a_decisions_file_without_a_list_is_left_as_it_is(tmp_path):
    """A decisions file that is JSON but holds no list of decisions is refused too, never overwritten."""
    from acuref.errors import InputError
    import pytest

    target = tmp_path / "d.json"
    target.write_text('{"notes": "mine"}', encoding="utf-8")
    with pytest.raises(InputError, match="has no list of decisions, so it is left as it is"):
        review_terminal.review(_report(tmp_path), str(target), console=Console(file=io.StringIO()),
                               stream=io.StringIO("n\n"))
    assert target.read_text(encoding="utf-8") == '{"notes": "mine"}'


def test_a_long_doi_is_never_cut_short():
    """On an 80-column terminal a DOI longer than the screen is shown whole (folded onto the next line, no
    ellipsis), both the one held and each one offered."""
    doi = "10.1126/science.abc1234.supplementary-material-2021-" + "x" * 40
    offers = tuple(Offer(f"{doi}{k}", "A title", "Science", "Smith", 2021, "371", "100-110", 0.5, (), ("year",))
                   for k in (1, 2))
    item = review_terminal.Item("Smith J. A title. Science. 2021.", "page.md", "3", "A title", "not found",
                                "none agrees", "crf", 0.9, True, doi, " (as printed)", offers)
    out = io.StringIO()
    review_terminal._show(Console(file=out, width=80), item, 1, 1)
    screen = out.getvalue()
    flat = re.sub(r"[\s│]", "", screen)
    assert "…" not in screen and all(d in flat for d in (doi, f"{doi}1", f"{doi}2"))
    assert max(len(line) for line in screen.splitlines()) <= 80
