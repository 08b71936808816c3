"""The README is short, every command in it works as written from a fresh clone, and nothing in it contradicts
the program (exit codes, formats, the sample error)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from acuref import errors, formats
from conftest import ROOT
from docblocks import blocks, check, commands, mock_resolvers, run_acuref, workspace

README = (ROOT / "README.md").read_text(encoding="utf-8")
# the only `$ ` lines of the README that are not acuref itself: installing it and running the tests
NOT_ACUREF = {"python3 -m venv .venv", ". .venv/bin/activate", "pip install -e .", "pip install -e '.[test]'",
              "python -m pytest -q"}


def _commands():
    return [c for block in blocks(README, "console") for c in commands(block)]


def _table(heading: str) -> list[list[str]]:
    """The rows of the first table under a `## heading` of the README, as lists of cell texts."""
    section = README.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")][2:]
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows]


def test_readme_is_short():
    """The README stays under 150 lines; the rest lives in the user guide."""
    assert len(README.splitlines()) < 150


def test_readme_shell_lines_are_acuref_or_known():
    """Every `$ ` line is an acuref command (run below) or one of the install and test commands."""
    others = {c.line for c in _commands() if not c.line.startswith("acuref ")}
    assert others == NOT_ACUREF


def test_readme_commands_work_as_written(tmp_path, monkeypatch, no_network):
    """Each acuref command of the README, in order, from a folder holding the example inputs, with Crossref
    answered by a mock: exit code 0 and the files it names written."""
    monkeypatch.chdir(workspace(tmp_path))
    mock_resolvers(no_network, monkeypatch)
    for command in (c for c in _commands() if c.line.startswith("acuref ")):
        code, printed = run_acuref(command.line)
        assert not check(command, code, printed), (command.line, printed)
        written = re.findall(r"(?:-o|--report|--report-html) (\S+)", command.line)
        assert written and all((tmp_path / name).stat().st_size for name in written), command.line
    def entries(name):
        return (tmp_path / name).read_text(encoding="utf-8").count("\n@") + 1

    assert entries("refs.bib") == 46  # "46 works, found in 47 citations"
    assert entries("library.bib") == 47  # "46 of the 47 citations are recognised as works the library holds"


def test_readme_offline_run_keeps_the_first_result(tmp_path, monkeypatch):
    """Offline, the DOI command exits 4 with every reference tagged failed in its own file, and the first
    command's refs.bib is left as it was (the README says so)."""
    monkeypatch.chdir(workspace(tmp_path))
    lines = [c.line for c in _commands() if c.line.startswith("acuref ")]
    assert run_acuref(lines[0])[0] == 0
    good = (tmp_path / "refs.bib").read_bytes()
    code, printed = run_acuref(lines[1])  # conftest points Crossref at a closed port
    assert code == errors.NetworkError.exit_code == 4, printed
    assert (tmp_path / "refs.bib").read_bytes() == good
    assert "acuref-failed" in (tmp_path / "resolved.bib").read_text(encoding="utf-8")


def test_readme_first_command_runs_as_a_program(tmp_path):
    """The first command as a separate process (`python -m acuref` is what the `acuref` script runs)."""
    workspace(tmp_path)
    line = next(c.line for c in _commands() if c.line.startswith("acuref "))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.run([sys.executable, "-m", *line.split()], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "report.json").is_file()


def test_readme_exit_codes_are_the_programs():
    """The exit-code table lists exactly the codes acuref returns: 0, 1 (broken pipe), one per error class, 130."""
    listed = {int(row[0]) for row in _table("Exit codes")}
    classes = {cls.exit_code for cls in errors.AcurefError.__subclasses__()}
    assert classes == {2, 3, 4, 5}
    assert listed == {0, 1, 130} | classes
    cli = (ROOT / "src" / "acuref" / "cli.py").read_text(encoding="utf-8")
    assert "return 130" in cli and "except BrokenPipeError" in cli


@pytest.mark.parametrize("argv,code", [
    (["export", "refs/", "--no-resolv"], 2),                     # misspelt option
    (["export", "refs/", "-o", "out.xyz"], 2),                   # a suffix that names no format
    (["export", "refs/", "--mailto", "nobody"], 2),              # --mailto without @
    (["export", "missing.txt"], 3),                              # a missing file
    (["export", "refs/", "--no-resolve", "-o", "nofolder/out.bib"], 5),  # a folder that does not exist
])
def test_readme_exit_code_examples(tmp_path, monkeypatch, argv, code):
    """The examples the exit-code table gives end with the code it gives them."""
    monkeypatch.chdir(workspace(tmp_path))
    from acuref.cli import main

    assert main(argv) == code


def test_readme_sample_error_is_what_acuref_prints(tmp_path, monkeypatch):
    """The sample error line is the one acuref prints for that input."""
    monkeypatch.chdir(tmp_path)
    sample = re.search(r"`(acuref: error: (\S+): [^`]+)`", README)
    code, printed = run_acuref(f"acuref export {sample.group(2)}")
    assert code == errors.InputError.exit_code and printed.strip() == sample.group(1)


def test_readme_formats_table_is_the_registry():
    """Each row of the formats table is a registered format with exactly its output suffixes."""
    rows = _table("Formats")
    assert rows
    for name, suffixes, _ in rows:
        fmt = formats.get(name.strip("`"))
        assert set(re.findall(r"`(\.\w+)`", suffixes)) == set(fmt.suffixes), name


def test_readme_local_links_exist():
    """Every relative link of the README names a file of the repository."""
    for target in re.findall(r"\]\((?!https?:)([^)#]+)", README):
        assert (ROOT / target).exists(), target
