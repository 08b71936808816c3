"""The example outputs in examples/ are what acuref writes today for refs/."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from acuref import run
from acuref.formats import render
from conftest import ROOT

EXAMPLES = ROOT / "examples"


@pytest.mark.parametrize("fmt,name", [("bibtex", "refs.bib"), ("biblatex", "refs-biblatex.bib"), ("ris", "refs.ris"),
                                      ("csl-json", "refs.json")])
def test_example_outputs_are_current(fmt, name):
    """Each examples/ file equals a fresh export of refs/ (regenerate with the README's commands)."""
    entries = run([str(ROOT / "refs")]).entries
    assert (EXAMPLES / name).read_text(encoding="utf-8") == render(entries, fmt)


def test_quickstart_runs():
    """The library quickstart runs and finds the 8 works of the first seed page."""
    proc = subprocess.run([sys.executable, str(EXAMPLES / "quickstart.py")], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "46 works found" in proc.stdout


def test_example_report_lists_every_item():
    """The example report names 46 works with their 47 sources, and the merge that joined two of them."""
    data = json.loads((EXAMPLES / "refs.report.json").read_text(encoding="utf-8"))
    assert len(data["items"]) == 46 and sum(len(item["sources"]) for item in data["items"]) == 47
    assert [m["rule"] for item in data["items"] for m in item["merged_from"]] == ["title + first author + year"]


def test_example_review_page_is_current():
    """examples/refs.review.html is what --report-html writes for refs/ today."""
    from acuref.report import html as report_html

    result = run([str(ROOT / "refs")])
    want = report_html.render(result.entries, result.warnings, result.dedupe, skipped=result.skipped).replace(
        str(ROOT) + "/", "")
    assert (EXAMPLES / "refs.review.html").read_text(encoding="utf-8") == want
