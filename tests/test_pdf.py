"""PDF input: two-column born-digital papers made by the suite itself (tests/pdfgen.py), and a scan."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rapidfuzz import fuzz

import pdfgen
from acuref import parse_reference, run
from acuref.read.documents import load_bytes
from acuref.read.extract import extract_with_report
from acuref.normalize.text import fold
from conftest import ROOT

ROWS = [line.split("\t", 1) for line in (ROOT / "tests" / "data" / "reference_kinds.tsv").read_text(
    encoding="utf-8").splitlines()[1:]]
# The standard PDF fonts have no Cyrillic, Greek or CJK glyphs: those rows are for text documents.
REFS = [ref for kind, ref in ROWS if kind not in ("cyrillic", "greek", "cjk")]


def _norm(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())


def _recall(found: list[str]) -> float:
    want = [_norm(r) for r in REFS]
    got = [_norm(f) for f in found]
    return sum(any(fuzz.ratio(w, g) >= 90 for g in got) for w in want) / len(want)


@pytest.mark.parametrize("numbered", [True, False])
def test_two_column_paper(numbered):
    """Every entry of a reference list that runs over two columns and two pages is found, whole."""
    doc = load_bytes(pdfgen.paper(REFS, numbered=numbered), "paper.pdf")
    sources, skipped = extract_with_report(doc)
    found = [s.raw for s in sources]
    assert _recall(found) == 1.0
    assert len(found) <= len(REFS)
    assert not any("Integrative Pain Research" in f for f in found)  # the running header
    assert skipped == []
    if numbered:
        assert [s.label for s in sources] == [str(i) for i in range(1, len(REFS) + 1)]
        assert {s.line for s in sources} == {1, 2}  # for a PDF, 'line' is the page


def test_dois_broken_across_lines_come_out_whole():
    """A DOI the typesetter broke after '/' or '.' is read whole from the PDF."""
    doc = load_bytes(pdfgen.paper(REFS), "paper.pdf")
    got = sorted(parse_reference(s.raw).DOI for s in extract_with_report(doc)[0] if parse_reference(s.raw).DOI)
    want = sorted(parse_reference(r).DOI for r in REFS if parse_reference(r).DOI)
    assert got == want and len(want) >= 8


def test_hyphenated_words_are_rejoined():
    """A word hyphenated at a line end reads whole in the parsed reference."""
    doc = load_bytes(pdfgen.paper(REFS), "paper.pdf")
    titles = " | ".join(parse_reference(s.raw).title or "" for s in extract_with_report(doc)[0])
    assert "der verstehenden Soziologie" in titles and "Requirement Levels" in titles and "een gerandomiseerde" in titles


def test_export_pdf(tmp_path):
    """`acuref export paper.pdf` writes every reference of the paper."""
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(pdfgen.paper(REFS))
    out = tmp_path / "refs.json"
    proc = subprocess.run([sys.executable, "-m", "acuref", "export", str(pdf), "--no-resolve", "-o", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert len(run([str(pdf)], dedupe=False).entries) == len(REFS)


def test_scanned_pdf_is_refused_with_its_name(tmp_path):
    """A PDF with no text layer exits 3 with one line naming the file, and writes nothing."""
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(pdfgen.scanned())
    out = tmp_path / "refs.bib"
    proc = subprocess.run([sys.executable, "-m", "acuref", "export", str(pdf), "--no-resolve", "-o", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 3
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(pdf) in lines[0] and "no text layer" in lines[0]
    assert not out.exists()


def test_broken_pdf_is_refused_with_its_name(tmp_path):
    """A file that starts like a PDF but is not one gets a one-line error naming it."""
    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(b"%PDF-1.7\n this is not a pdf\n")
    proc = subprocess.run([sys.executable, "-m", "acuref", "export", str(pdf), "--no-resolve"], capture_output=True,
                          text=True)
    assert proc.returncode == 3 and len(proc.stderr.strip().splitlines()) == 1 and str(pdf) in proc.stderr
