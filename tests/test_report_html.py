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
from dataclasses import replace
from pathlib import Path

import pytest
import responses

from acuref import decisions, run
from acuref.report import html as report_html
from acuref.report import summary
from acuref.settings import Settings
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
    assert "<script>alert" not in page and page.count("<script>") == 1  # the page's own script only
    assert "onerror=alert" not in page.replace("onerror=alert(2)&gt;", "")
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


def test_a_curator_filters_sorts_decides_and_downloads_in_chromium(resolved_seeds, tmp_path):
    """In headless Chromium: the needs-attention view, a status filter and the confidence sort show the right
    rows; rejecting one DOI, marking one string as no reference and taking a weighed record's DOI (its
    contradicted fields marked) downloads a decisions file; a re-run with it changes exactly those three
    entries and the report names each decision."""
    _require_browser()
    result = resolved_seeds
    page = tmp_path / "review.html"
    page.write_text(report_html.render(result.entries, result.warnings, result.dedupe), encoding="utf-8")
    single = [e for e in result.entries if len(e.ref.sources) == 1]
    reject = next(e for e in single if e.ref.DOI and e.ref.resolution.status in ("verified", "matched"))
    not_ref = next(e for e in single if e is not reject and e.ref.sources[0].kind == "list"
                   and not e.ref.resolution.offered)
    parts = [e.ref.sources[0].raw[:50] for e in (reject, not_ref)]
    assert all(sum(p in s.raw for x in result.entries for s in x.ref.sources) == 1 for p in parts)
    download = tmp_path / "acuref.decisions.json"
    proc = subprocess.run(["node", str(JS / "review_page.js"), str(page), str(download), *parts], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "CHROMIUM": CHROMIUM})
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    assert seen["errors"] == [] and seen["requests"] == [] and seen["name"] == "acuref.decisions.json"
    assert len(seen["all"]) == 47 and seen["shown"] == "47" and seen["count"] == "3"
    assert seen["offerShown"] and seen["disagree"] > 0
    assert seen["attention"] == [r for r in seen["all"] if r["attention"] == "1"] and seen["attention"]
    assert {r["status"] for r in seen["matched"]} == {"matched"} and len(seen["matched"]) == 4
    for name in {r["file"] for r in seen["sorted"]}:  # sorted within each document's table
        confidences = [r["confidence"] for r in seen["sorted"] if r["file"] == name]
        assert confidences == sorted(confidences)
    assert any(r["confidence"] < 1 for r in seen["sorted"])
    decided = json.loads(download.read_text(encoding="utf-8"))
    assert [d["action"] for d in decided["decisions"]] == ["reject-doi", "not-reference", "use-doi"]
    chosen = decided["decisions"][2]

    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock_crossref(mock)
        again = run([str(REFS)], settings=Settings(resolver=None, decisions=decisions.load(str(download))),
                    client=CrossrefClient(BASE, "user@example.org", sleep=lambda s: None))
    before = {s.raw: e.ref for e in result.entries for s in e.ref.sources}
    after = {s.raw: e.ref for e in again.entries for s in e.ref.sources}
    gone, rejected = not_ref.ref.sources[0].raw, reject.ref.sources[0].raw
    assert gone not in after and any(s.text == gone for s in again.skipped)
    assert after[rejected].DOI is None and "rejected by a curator" in after[rejected].resolution.message
    assert after[chosen["raw"]].DOI == chosen["doi"] and after[chosen["raw"]].resolution.status == "decided"
    assert all((after[r].DOI, after[r].title) == (before[r].DOI, before[r].title) for r in after
               if r not in (rejected, chosen["raw"]))
    assert len(again.entries) == len(result.entries) - 1
    report = json.loads(summary.dumps(again.entries, again.warnings, again.dedupe, again.skipped))
    named = [d for item in report["items"] for d in item["decisions"]]
    assert len(named) == 2 and any(d.startswith("reject DOI " + reject.ref.DOI) for d in named)
    assert any(d.startswith("use DOI " + chosen["doi"]) for d in named)
    assert any("not a reference: not a reference" in s["reason"] and "entry 2" in s["reason"] for s in report["skipped"])


def test_weighed_records_show_what_they_contradict():
    """A reference none of whose candidates agrees lists them, each contradicted field marked, each with its
    DOI's 'use' button; the report carries the same records."""
    from acuref.model import Offer, Resolution, Status

    res = Resolution(Status.NOT_FOUND, message="2 candidates, none agrees", offered=(
        Offer("10.1000/a", "Acupuncture for pain", "Pain", "Smith", 2001, "90", "1-10", 0.41, ("title", "author"),
              ("year", "volume")),
        Offer("10.1000/b", "Something else", "BMJ", "Jones", 1999, "3", "5", 0.1, (), ("title", "year"))))
    ref = Reference(title="Acupuncture for pain", sources=(Source("Smith J. Acupuncture for pain. 2003.", 1, 1, None,
                                                                  "list", "p.md"),), resolution=res)
    page = report_html.render([Entry("k", ref)], [])
    assert page.count('<tr class="offer">') == 2 and 'data-doi="10.1000/a"' in page
    assert '<td class="disagree">2001</td>' in page and '<td class="agree">Acupuncture for pain</td>' in page
    item = json.loads(summary.dumps([Entry("k", ref)], []))["items"][0]
    assert [o["doi"] for o in item["offered"]] == ["10.1000/a", "10.1000/b"]
    assert item["offered"][0]["contradicts"] == ["year", "volume"]


def test_a_possible_duplicate_is_decided_in_the_page(tmp_path):
    """Two entries listed as possible duplicates: 'not the same work' in the page downloads a not-duplicate
    decision naming both; applied, the pair is no longer listed; 'same work' merges them."""
    _require_browser()
    from acuref.dedupe.stage import deduplicate
    from test_dedupe import ref

    a = ref("Acupuncture for chronic neck pain in adults", volume=None, page=None, journal=None)
    c = ref("Acupuncture for chronic neck pains in older adults", volume=None, page=None, journal=None)
    refs = [replace(a, sources=(Source("Smith J. Acupuncture for chronic neck pain in adults. 2001.", 3, 3, "1", "list",
                                       "p.md"),)),
            replace(c, sources=(Source("Smith J. Acupuncture for chronic neck pains in older adults. 2001.", 4, 4, "2",
                                       "list", "p.md"),))]
    out, report = deduplicate(refs)
    assert len(report.possible) == 1
    from acuref.pipeline import to_entries

    page = tmp_path / "review.html"
    page.write_text(report_html.render(to_entries(out), [], report), encoding="utf-8")
    for action, merged in (("not-duplicate", 2), ("same-work", 1)):
        download = tmp_path / f"{action}.json"
        proc = subprocess.run(["node", str(JS / "click_download.js"), str(page), str(download),
                               f'button.decide-pair[data-action="{action}"]'], capture_output=True, text=True,
                              timeout=120, env={**os.environ, "CHROMIUM": CHROMIUM})
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)["errors"] == []
        (entry,) = json.loads(download.read_text(encoding="utf-8"))["decisions"]
        assert entry["action"] == action and entry["other"]["raw"] == refs[1].sources[0].raw
        found = decisions.load(str(download))
        pairs, _ = decisions.constraints(refs, found)
        again, again_report = deduplicate(refs, constraints=pairs)
        assert len(again) == merged and again_report.possible == ()


def test_a_correction_is_typed_in_the_page(tmp_path):
    """'correct…' opens the reading's fields; a changed title and year become one correct decision (only the
    changed fields), which a run applies."""
    _require_browser()
    raw = "Smith J. Acupuncture for chronic neck pain in adults. Pain. 2001;90:1-10."
    src = tmp_path / "p.md"
    src.write_text(f"References\n\n1. {raw}\n", encoding="utf-8")
    result = run([str(src)], settings=Settings(resolver=None))
    page = tmp_path / "review.html"
    page.write_text(report_html.render(result.entries, result.warnings, result.dedupe), encoding="utf-8")
    download = tmp_path / "d.json"
    proc = subprocess.run(["node", str(JS / "click_download.js"), str(page), str(download), "button.edit",
                           'fill:input[data-field="title"]::Acupuncture for neck pain',
                           'fill:input[data-field="issued"]::2002',
                           "button.save-correction"], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "CHROMIUM": CHROMIUM})
    assert proc.returncode == 0, proc.stderr
    (entry,) = json.loads(download.read_text(encoding="utf-8"))["decisions"]
    assert entry == {"file": "p.md", "raw": raw, "action": "correct",
                     "fields": {"title": "Acupuncture for neck pain", "issued": "2002"}}
    again = run([str(src)], settings=Settings(resolver=None, decisions=decisions.load(str(download))))
    assert again.entries[0].ref.title == "Acupuncture for neck pain" and again.entries[0].ref.issued.year == 2002


def test_skipped_candidates_are_decided_and_the_kept_decisions_carried_on(tmp_path):
    """The needs-attention view lists skipped candidates; 'a reference after all' on one the extractor passed
    over and on one an earlier decision called none: the download holds the earlier decisions (malformed ones
    too) with the one answered again replaced, and a run with it takes both strings."""
    _require_browser()
    from test_decisions import HSU, LIEBER, NHS, _page

    src = _page(tmp_path, [LIEBER, NHS, HSU])
    kept = tmp_path / "acuref.decisions.json"
    kept.write_text(json.dumps({"acuref_decisions": 1, "decisions": [
        {"file": "page.md", "raw": LIEBER, "action": "use-doi", "doi": "10.1002/jor.1100150407"},
        "</script><b>not a decision</b>",
        {"file": "page.md", "raw": HSU, "action": "not-reference"}]}), encoding="utf-8")
    first = decisions.load(str(kept))
    result = run([str(src)], settings=Settings(resolver=None, decisions=first))
    assert sorted(s.printed for s in result.skipped) == sorted([NHS, HSU])
    page = tmp_path / "review.html"
    page.write_text(report_html.render(result.entries, result.warnings, result.dedupe, skipped=result.skipped,
                                       kept=first), encoding="utf-8")
    download = tmp_path / "d.json"
    proc = subprocess.run(["node", str(JS / "click_download.js"), str(page), str(download), "#f-attention",
                           f'tr.skipped[data-raw="{NHS}"] button.decide', f'tr.skipped[data-raw="{HSU}"] button.decide'],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "CHROMIUM": CHROMIUM})
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["errors"] == []
    got = json.loads(download.read_text(encoding="utf-8"))["decisions"]
    assert got == [{"file": "page.md", "raw": LIEBER, "action": "use-doi", "doi": "10.1002/jor.1100150407"},
                   "</script><b>not a decision</b>",
                   {"file": "page.md", "raw": NHS, "action": "is-reference"},
                   {"file": "page.md", "raw": HSU, "action": "is-reference"}]
    again = run([str(src)], settings=Settings(resolver=None, decisions=decisions.load(str(download))))
    assert [e.ref.sources[0].raw for e in again.entries] == [LIEBER, NHS, HSU] and again.skipped == ()
    assert again.entries[0].ref.DOI == "10.1002/jor.1100150407"


def test_a_decisions_file_that_could_not_be_read_is_said_beside_the_download(tmp_path):
    """A decisions file that is not JSON cannot be carried into the page: the page says so where the download
    is, so its download does not silently replace the broken file."""
    from test_decisions import HSU, LIEBER, _page

    src = _page(tmp_path, [LIEBER, HSU])
    broken = tmp_path / "acuref.decisions.json"
    broken.write_text('{"decisions": [{"file": "page.md", "raw": "', encoding="utf-8")
    got = decisions.load(str(broken))
    result = run([str(src)], settings=Settings(resolver=None, decisions=got))
    page = report_html.render(result.entries, result.warnings, result.dedupe, kept=got)
    assert f'<p class="unreadable"><b>{broken} could not be read</b>' in page
    fine = report_html.render(result.entries, result.warnings, result.dedupe, kept=decisions.Decisions())
    assert 'class="unreadable"' not in fine
