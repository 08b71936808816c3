"""The HTML review page: escaped, complete, and checked in a real headless Chromium.

The browser tests need Debian's chromium and playwright-core (tests/js); `.ci/run` installs both. On a
developer machine without them they are skipped with the reason printed; in CI a missing tool fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import responses

from acuref import run
from acuref.report import html as report_html
from acuref.resolve.crossref import CrossrefClient
from acuref.model import Entry, Reference, Source
from conftest import REFS, require_tool
from test_resolve_seeds import BASE, mock_crossref

JS = Path(__file__).resolve().parent / "js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def _require_browser() -> None:
    require_tool(Path(CHROMIUM).exists() and (JS / "node_modules" / "playwright-core").is_dir()
                 and shutil.which("node"), "headless Chromium with playwright-core")


def _open(page: Path) -> dict:
    proc = subprocess.run(["node", str(JS / "check_page.js"), str(page)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "CHROMIUM": CHROMIUM})
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_raw_strings_are_escaped():
    """A reference string carrying markup is shown as text, never run."""
    ref = Reference(title="x", sources=(Source('<script>alert(1)</script><img src=x onerror=alert(2)>', 1, 1, None,
                                               "list", "<b>evil</b>.html"),))
    page = report_html.render([Entry("k", ref)], [])
    assert "<script>" not in page and "onerror=alert" not in page.replace("onerror=alert(2)&gt;", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;evil&lt;/b&gt;.html" in page


@pytest.fixture(scope="module")
def resolved_seeds():
    """refs/ through the pipeline against a mocked Crossref (synthesised records, see test_resolve_seeds)."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock_crossref(mock)
        return run([str(REFS)], client=CrossrefClient(BASE, "user@example.org", sleep=lambda s: None))


def test_review_page_in_headless_chromium(resolved_seeds, tmp_path):
    """The page loads without console errors and shows the run's counts and one row per citation."""
    _require_browser()
    result = resolved_seeds
    page = tmp_path / "review.html"
    page.write_text(report_html.render(result.entries, result.warnings, result.dedupe), encoding="utf-8")
    seen = _open(page)
    assert seen["errors"] == [] and seen["visible"]
    statuses = Counter(e.ref.resolution.status for e in result.entries)
    assert seen["counts"]["references"] == 47 and seen["counts"]["works"] == 46 and seen["counts"]["merged"] == 1
    assert seen["counts"]["matched"] == statuses["matched"] == 3
    assert seen["counts"]["verified"] == statuses["verified"]
    assert len(seen["rows"]) == 47 and Counter(seen["rows"])["matched"] == 4  # the NEJM entry is cited twice


def test_browser_check_catches_a_console_error_and_wrong_counts(resolved_seeds, tmp_path):
    """Negative control: the same check sees a console error, and counts that disagree with the run."""
    _require_browser()
    result = resolved_seeds
    html = report_html.render(result.entries, result.warnings, result.dedupe)
    broken = tmp_path / "broken.html"
    broken.write_text(html.replace("</body>", "<script>console.error('boom')</script></body>")
                      .replace('data-count="47"', 'data-count="46"'), encoding="utf-8")
    seen = _open(broken)
    assert seen["errors"] and "boom" in seen["errors"][0]
    assert seen["counts"]["references"] != 47
