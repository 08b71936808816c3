"""The user guide in docs/ builds with no warning, documents every command, option, format and status, and
every example in it runs."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys

import pytest

import acuref
from acuref import formats
from acuref.cli import build_parser
from acuref.model import Status
from conftest import ROOT, require_tool
from docblocks import blocks, check, commands, mock_resolvers, run_acuref, workspace

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))


def _guide() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in PAGES)


def _subparsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ("acuref",)):
    """Every (command path, parser) pair of the command line, the top level first."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _subparsers(sub, path + (name,))


def test_guide_builds_without_warnings(tmp_path):
    """`mkdocs build --strict` succeeds (a warning is an error), and the API page has every name of acuref.__all__."""
    try:
        import mkdocs  # noqa: F401
        import mkdocstrings  # noqa: F401
    except ImportError:
        mkdocs = None
    require_tool(mkdocs is not None, "mkdocs and mkdocstrings (the docs and test extras)")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"),
                           "-d", str(tmp_path / "site")], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    api = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    missing = [name for name in acuref.__all__ if f'id="acuref.{name}"' not in api]
    assert not missing, f"the API page lacks {missing}"


def test_every_command_and_option_is_in_the_guide():
    """Each command of `acuref.cli.build_parser()` and each of its options is named in some page of docs/."""
    text = _guide()
    missing = []
    for path, parser in _subparsers(build_parser()):
        if len(path) > 1 and " ".join(path) not in text:
            missing.append(" ".join(path))
        for action in parser._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help") and not re.search(rf"`{re.escape(option)}[` =/]", text):
                    missing.append(f"{' '.join(path)} {option}")
    assert not missing, f"not documented in docs/: {missing}"


def test_every_format_and_status_is_in_the_guide():
    """Each registered export format and each resolution status is named in the guide."""
    text = _guide()
    assert [n for n in formats.names() if f"`{n}`" not in text] == []
    statuses = (DOCS / "resolution.md").read_text(encoding="utf-8")
    assert [s.value for s in Status if f"| `{s.value}` |" not in statuses] == []


def test_report_keys_are_documented(tmp_path, monkeypatch):
    """Every key of a real report (its top level, items, sources, skipped, warnings, merges) is named on the
    report page."""
    monkeypatch.chdir(workspace(tmp_path))
    assert run_acuref("acuref index build examples/crossref-works.jsonl -o index.sqlite -q")[0] == 0
    code, printed = run_acuref("acuref export examples/refs.bib refs/ --resolver local:index.sqlite -o out.json "
                               "--report report.json -q")
    assert code == 0, printed
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    keys = set(data)
    for item in data["items"]:
        keys |= set(item)
        for key in ("sources", "merged_from"):
            for part in item.get(key) or ():
                keys |= set(part)
    for key in ("skipped", "warnings", "possible_duplicates"):
        for part in data[key]:
            keys |= set(part)
    page = (DOCS / "report.md").read_text(encoding="utf-8")
    assert sorted(k for k in keys if f"`{k}`" not in page and f'"{k}"' not in page) == []


def test_shell_examples_are_console_blocks():
    """No page has a shell example the tests would not run: no sh, bash or shell blocks, and every `$ ` line of a
    console block is an acuref command or the install lines of Getting started."""
    allowed = {"python3 -m venv .venv", ". .venv/bin/activate", "pip install -e ."}
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        assert not blocks(text, "sh") + blocks(text, "bash") + blocks(text, "shell"), page.name
        others = {c.line for b in blocks(text, "console") for c in commands(b) if not c.line.startswith("acuref ")}
        assert others <= allowed, (page.name, others)


@pytest.mark.parametrize("page", [p.name for p in PAGES if "```console" in p.read_text(encoding="utf-8")
                                  or "```python" in p.read_text(encoding="utf-8")])
def test_page_examples_run(page, tmp_path, monkeypatch, no_network):
    """Each page's examples, in order, in a folder holding the example inputs, Crossref answered by a mock:
    console commands end with the code and print the lines the page shows; python blocks run."""
    monkeypatch.chdir(workspace(tmp_path))
    mock_resolvers(no_network, monkeypatch)
    text = (DOCS / page).read_text(encoding="utf-8")
    namespace: dict = {"__name__": "__docs__"}
    for match in re.finditer(r"^( *)```(console|python)[^\n]*\n(.*?)^\1```", text, re.M | re.S):
        body = "\n".join(line[len(match.group(1)):] for line in match.group(3).splitlines())
        if match.group(2) == "python":
            exec(compile(body, f"{page} (python example)", "exec"), namespace)
            continue
        for command in commands(body):
            if not command.line.startswith("acuref "):
                continue
            code, printed = run_acuref(command.line)
            problems = check(command, code, printed)
            assert not problems, (page, command.line, problems, printed[-2000:])
