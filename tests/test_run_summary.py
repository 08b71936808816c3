"""The summary at the end of every run, --json-summary, and the good output that a failed run never replaces."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from acuref import finish
from acuref.cli import main
from acuref.model import Entry, Reference, Resolution, Status
from acuref.pipeline import RunResult
from conftest import REFS, ROOT

CLOSED = "http://127.0.0.1:9"  # a closed local port: the resolver cannot be reached, and no internet is asked
ONE = str(REFS / "000_c1173a40aac2ac01.txt")


def run_cli(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    env = {**os.environ, "ACUREF_CROSSREF_URL": CLOSED, "ACUREF_CACHE": os.devnull + ".none",
           "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-m", "acuref", *args], capture_output=True, text=True, env=env, cwd=cwd)
    return proc.returncode, proc.stdout, proc.stderr


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("part", [
    "acuref: export: 5 documents read", "47 references found, 46 works after merging (1 merged)",
    "46 not attempted", "6 candidates skipped, 4 warnings", "wrote {out} (-o), {rep} (--report).",
])
def test_the_paragraph_says_each_fact(tmp_path, capsys, part):
    """The last line of an export names documents, references, works, merged, statuses, skipped, warnings and
    the files written."""
    out, rep = tmp_path / "o.bib", tmp_path / "r.json"
    assert main(["export", str(REFS), "--no-resolve", "-o", str(out), "--report", str(rep)]) == 0
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert part.format(out=out, rep=rep) in last


@pytest.mark.parametrize("argv,line", [
    (["parse", ONE], "acuref: parse: 8 references parsed; 0 warnings; wrote standard output (-o)."),
    (["extract", str(REFS / "001_9f5f30f76dcc9dda.txt")],
     "acuref: extract: 1 document read, 2 reference strings found; 4 candidates skipped, 1 warning; "
     "wrote standard output (-o)."),
])
def test_parse_and_extract_end_with_one_line(capsys, argv, line):
    """parse and extract end with a one-line summary of their own."""
    assert main(argv) == 0
    assert capsys.readouterr().err.strip().splitlines()[-1] == line


def test_quiet_prints_no_summary(tmp_path, capsys):
    """-q prints neither warnings nor the summary."""
    assert main(["export", str(REFS), "--no-resolve", "-o", str(tmp_path / "o.bib"), "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_json_summary_matches_the_report(tmp_path):
    """--json-summary writes the schema's keys, and its counts are the report's."""
    summary, rep = tmp_path / "s.json", tmp_path / "r.json"
    assert main(["export", str(REFS), "--no-resolve", "-o", str(tmp_path / "o.bib"), "--report", str(rep),
                 "--json-summary", str(summary), "-q"]) == 0
    got, report = json.loads(summary.read_text(encoding="utf-8")), json.loads(rep.read_text(encoding="utf-8"))
    assert list(got) == ["version", "acuref_version", "command", "documents", "failed_inputs", "references", "items",
                         "merged", "statuses", "unparsed", "skipped", "possible_duplicates", "warnings", "outputs",
                         "kept", "exit_code"]
    assert got["version"] == 1 and got["acuref_version"] == report["acuref_version"]
    assert got["items"] == len(report["items"]) and got["skipped"] == len(report["skipped"])
    assert got["warnings"] == len(report["warnings"]) and got["references"] == sum(
        len(i["sources"]) for i in report["items"])
    assert got["statuses"]["not attempted"] == 46 and sum(got["statuses"].values()) == 46
    assert got["outputs"] == [{"flag": "-o", "path": str(tmp_path / "o.bib")}, {"flag": "--report", "path": str(rep)}]


def test_json_summary_on_stdout_only_beside_a_file(tmp_path, capsys):
    """--json-summary - goes to standard output when the export goes to a file; with the export there too it
    is a usage error."""
    assert main(["export", ONE, "--no-resolve", "-o", str(tmp_path / "o.bib"), "--json-summary", "-", "-q"]) == 0
    assert json.loads(capsys.readouterr().out)["items"] == 8
    assert main(["export", ONE, "--no-resolve", "--json-summary", "-"]) == 2
    assert "--json-summary -" in capsys.readouterr().err


def test_json_summary_goes_through_the_one_door(tmp_path):
    """A summary that cannot be written leaves the main output unwritten too (all or none), exit 5."""
    out = tmp_path / "o.bib"
    assert main(["export", ONE, "--no-resolve", "-o", str(out), "--json-summary", str(tmp_path / "no" / "s.json"),
                 "-q"]) == 5
    assert not out.exists()


def test_an_offline_run_keeps_the_good_file(tmp_path):
    """Offline, the quick start's second command keeps the good refs.bib of the first, says so in one line
    naming it, writes no report either, and exits 4."""
    out, rep = tmp_path / "refs.bib", tmp_path / "report.json"
    assert run_cli("export", str(REFS), "--no-resolve", "-o", str(out), "-q")[0] == 0
    before = digest(out)
    code, _, err = run_cli("export", str(REFS), "-o", str(out), "--report", str(rep), "--no-cache", "-q")
    assert code == 4 and digest(out) == before and not rep.exists()
    assert err.count("\n") == 1 and f"{out} kept as it was" in err and "Crossref could not be reached" in err
    summary = tmp_path / "s.json"
    assert run_cli("export", str(REFS), "-o", str(out), "--json-summary", str(summary), "--no-cache", "-q")[0] == 4
    got = json.loads(summary.read_text(encoding="utf-8"))
    assert got["kept"] == str(out) and got["outputs"] == [] and got["exit_code"] == 4 and digest(out) == before


def test_an_offline_first_run_writes_the_failed_entries(tmp_path):
    """With no earlier file there is nothing to keep: the failed entries are written, tagged, exit 4."""
    out = tmp_path / "refs.bib"
    code, _, err = run_cli("export", ONE, "-o", str(out), "--no-cache", "-q")
    assert code == 4 and out.read_text(encoding="utf-8").count("acuref-failed") == 8 and "marked 'failed'" in err


def test_no_resolve_over_an_existing_file_is_no_failure(tmp_path):
    """--no-resolve resolves nothing on purpose: it replaces the file and exits 0."""
    out = tmp_path / "refs.bib"
    out.write_text("% an older export\n", encoding="utf-8")
    assert main(["export", ONE, "--no-resolve", "-o", str(out), "-q"]) == 0
    assert out.read_text(encoding="utf-8").count("@") == 8


def _result(*statuses: Status | None) -> RunResult:
    refs = [Reference(title=f"t{i}", resolution=Resolution(s) if s else None) for i, s in enumerate(statuses)]
    return RunResult(tuple(Entry(f"k{i}", r) for i, r in enumerate(refs)), (), ())


@pytest.mark.parametrize("statuses,output,exists,kept", [
    ((Status.FAILED, Status.FAILED), "o.bib", True, True),
    ((Status.FAILED, Status.NOT_ATTEMPTED), "o.bib", True, True),  # the other had too little to ask with
    ((Status.FAILED, Status.VERIFIED), "o.bib", True, False),  # something was gained: written
    ((Status.FAILED, Status.DECIDED), "o.bib", True, False),  # a curator's DOI is a result
    ((None, None), "o.bib", True, False),  # --no-resolve
    ((Status.FAILED,), "o.bib", False, False),  # nothing to keep
    ((Status.FAILED,), "-", False, False),  # standard output is never kept
])
def test_when_an_output_is_kept(tmp_path, statuses, output, exists, kept):
    """An existing output is kept only when no reference was resolved and at least one could not be asked."""
    path = tmp_path / output if output != "-" else "-"
    if exists:
        Path(path).write_text("good\n", encoding="utf-8")
    result = _result(*statuses)
    args = type("Args", (), {"output": str(path)})()
    failed = [e for e in result.entries if e.ref.resolution and e.ref.resolution.status == Status.FAILED]
    assert (finish._kept(args, result, failed) == str(path)) is kept


@pytest.mark.parametrize("backends,said", [
    (("crossref",), "Crossref"), (("pubmed",), "PubMed (NCBI E-utilities)"),
    (("opensearch",), "the OpenSearch index"), (("local",), "the local index"),
    (("local", "crossref"), "the local index and Crossref"),
])
def test_the_error_names_the_backend_that_failed(backends, said):
    """The error line names the resolver that could not be reached, not Crossref whatever it was."""
    failed = [Entry(f"k{i}", Reference(resolution=Resolution(Status.FAILED, backend=b))) for i, b in enumerate(backends)]
    assert finish._backends(failed) == said


def _examples() -> list[tuple[str, list[str]]]:
    """Each ``$ acuref`` line of docs/run-summary.md with the lines shown under it."""
    text = (ROOT / "docs" / "run-summary.md").read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        for cmd in re.split(r"^(?=\$ )", block, flags=re.M):
            if cmd.strip():
                first, *shown = cmd.strip().splitlines()
                out.append((first[2:], shown))
    return out


def test_the_documented_examples_print_what_the_page_shows(tmp_path):
    """Every example of the page runs from a copy of the repository root, in order, and prints what is shown."""
    (tmp_path / "refs").symlink_to(REFS)
    for cmd, shown in _examples():
        argv = shlex.split(cmd)
        code, _, err = run_cli(*argv[1:], cwd=tmp_path)
        assert code in (0, 4), (cmd, err)
        assert err.splitlines() == shown, cmd
