"""The command line: outputs, the report, and what a user sees for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from acuref.cli import main
from conftest import REFS


def run_cli(*args: str) -> tuple[int, str, str]:
    # A subprocess is out of reach of `responses`: point it at a closed local port, never at the internet.
    env = {**os.environ, "ACUREF_CROSSREF_URL": "http://127.0.0.1:9", "ACUREF_CACHE": os.devnull + ".none"}
    proc = subprocess.run([sys.executable, "-m", "acuref", *args], capture_output=True, text=True, env=env)
    return proc.returncode, proc.stdout, proc.stderr


def test_export_csl_json_is_valid(tmp_path, csl_validator):
    """Exporting refs/ writes 47 schema-valid CSL-JSON items in document order."""
    out = tmp_path / "refs.json"
    code, _, err = run_cli("export", str(REFS), "--no-resolve", "-f", "csl-json", "-o", str(out))
    assert code == 0, err
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == 46  # 47 citations, the NEJM article cited twice
    for item in items:
        assert not list(csl_validator.iter_errors(item)), item["id"]
    assert len({i["id"] for i in items}) == 46
    assert items[1]["id"] == "hsuAcupunctureReview1996"


def test_report_shape(tmp_path):
    """The report names every item's sources with file, line, raw text, label and kind."""
    report = tmp_path / "report.json"
    assert main(["export", str(REFS), "--no-resolve", "-o", str(tmp_path / "o.json"), "--report", str(report), "-q"]) == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    assert set(data) >= {"acuref_version", "items", "warnings"}
    first = data["items"][0]
    src = first["sources"][0]
    assert src["line"] == 9 and src["kind"] == "inline" and src["raw"].startswith("Am J Psychiatry")
    assert {s["kind"] for i in data["items"] for s in i["sources"]} == {"inline", "list", "source"}
    assert any(w["file"].endswith("003_e8c8497d2a3291b2.txt") for w in data["warnings"])


def test_parse_one_per_line(tmp_path):
    """Every non-empty line becomes exactly one CSL item, in order, even when it cannot be parsed."""
    src = tmp_path / "refs.txt"
    src.write_text("Huskisson EC. Measurement of pain. Lancet. 1974;2(7889):1127-31.\n\n"
                   "utter nonsense here\nCheng X. Chinese Acupuncture. Beijing: Foreign Language Press; 1999.\n",
                   encoding="utf-8")
    out = tmp_path / "o.json"
    assert main(["parse", "--one-per-line", str(src), "-o", str(out), "-q"]) == 0
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == 3
    assert items[0]["container-title"] == "Lancet"
    assert items[1]["title"] == "utter nonsense here" and "unparsed" in items[1]["note"]
    assert items[2]["type"] == "book"


def test_missing_file_is_one_line_error(tmp_path):
    """A missing file: one line naming it, exit code 3, no traceback, no output file."""
    out = tmp_path / "o.json"
    code, stdout, err = run_cli("export", "--no-resolve", str(tmp_path / "nope.txt"), "-o", str(out))
    assert code == 3
    assert err.strip().count("\n") == 0 and "nope.txt" in err and "Traceback" not in err
    assert not out.exists()


def test_bad_inputs_do_not_stop_good_ones(tmp_path):
    """Binary, empty and missing inputs are reported by name while the good file is still exported."""
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02 binary")
    (tmp_path / "empty.txt").write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_bytes("1. Huskisson EC. Measurement of pain. Lancet. 1974;2(7889):1127-31.\n".encode("cp1252"))
    out = tmp_path / "o.json"
    code, _, err = run_cli("export", "--no-resolve", str(tmp_path / "bin.txt"), str(tmp_path / "empty.txt"), str(good),
                           str(tmp_path / "missing.txt"), "-o", str(out))
    assert code == 3
    assert "bin.txt" in err and "empty.txt" in err and "missing.txt" in err and "Traceback" not in err
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 1


def test_folder_without_documents(tmp_path):
    """A folder with no documents is an error that names the folder."""
    (tmp_path / "x.png").write_bytes(b"\x89PNG")
    code, _, err = run_cli("export", "--no-resolve", str(tmp_path))
    assert code == 3 and "no documents found" in err and str(tmp_path) in err


def test_pdf_is_refused_with_advice(tmp_path):
    """A PDF gets a message saying what it is and what to do."""
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4\n...")
    code, _, err = run_cli("parse", str(pdf))
    assert code == 3 and "paper.pdf" in err and "PDF" in err


def test_unknown_format_is_usage_error(tmp_path):
    """A wrong format name is a usage error (exit 2) that lists the choices, and nothing is written."""
    out = tmp_path / "o.json"
    out.write_text("keep", encoding="utf-8")
    code, _, err = run_cli("export", str(REFS), "-f", "endnote", "-o", str(out))
    assert code == 2 and "csl-json" in err and err.count("\n") == 1
    assert out.read_text(encoding="utf-8") == "keep"


def test_unwritable_output_keeps_nothing_half_written(tmp_path):
    """An output path in a missing folder fails with one line and leaves no file behind."""
    code, _, err = run_cli("export", "--no-resolve", str(REFS), "-o", str(tmp_path / "no" / "such" / "o.json"))
    assert code == 5 and "does not exist" in err
    assert not (tmp_path / "no").exists()


def test_stdin_is_read(monkeypatch, capsys):
    """'-' reads a document from standard input."""
    import io

    data = "1. Huskisson EC. Measurement of pain. Lancet. 1974;2(7889):1127-31.\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["export", "-", "--no-resolve", "-q"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["title"] == "Measurement of pain"


@pytest.mark.parametrize("argv", [["export"], ["frobnicate"], ["export", "refs", "--bogus"]])
def test_usage_errors(argv, capsys):
    """Bad command lines answer with one line on stderr and exit code 2."""
    assert main(argv) == 2
    assert capsys.readouterr().err.strip().count("\n") == 0


def test_empty_file_alone_is_an_error(tmp_path):
    """An empty file, given alone, is an error naming it: nothing could be done."""
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, _, err = run_cli("export", "--no-resolve", str(empty), "-o", str(tmp_path / "o.json"))
    assert code == 3 and "empty.txt" in err and "Traceback" not in err
    assert not (tmp_path / "o.json").exists()


def test_unknown_output_suffix_asks_for_a_format(tmp_path):
    """An output name whose suffix names no known format is a usage error, not a silently wrong file."""
    code, _, err = run_cli("export", str(REFS), "-o", str(tmp_path / "refs.xyz"))
    assert code == 2 and "-f" in err
    assert not (tmp_path / "refs.xyz").exists()


@pytest.mark.parametrize("name,start", [("refs.bib", "@article{"), ("refs.ris", "TY  - JOUR"), ("refs.json", "[")])
def test_format_follows_the_output_suffix(tmp_path, name, start):
    """-o refs.bib writes BibTeX, .ris writes RIS and .json writes CSL-JSON."""
    out = tmp_path / name
    assert main(["export", str(REFS), "--no-resolve", "-o", str(out), "-q"]) == 0
    assert out.read_text(encoding="utf-8").startswith(start)


def test_export_reads_a_library_and_new_pages(tmp_path):
    """`export my-library.bib new-pages/ -f bibtex` merges an existing library with new documents."""
    lib = tmp_path / "my-library.bib"
    lib.write_text("@book{mine2001, title={Mine}, author={Doe, Jane}, year={2001}}\n", encoding="utf-8")
    out = tmp_path / "all.bib"
    assert main(["export", "--no-resolve", str(lib), str(REFS / "000_c1173a40aac2ac01.txt"), "-f", "bibtex", "-o", str(out), "-q"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("@book{mine2001,") and text.count("\n@") == 8


def test_mailto_without_at_is_refused(tmp_path, capsys):
    """--mailto must be an address: one line, exit 2, nothing written."""
    out = tmp_path / "o.bib"
    assert main(["export", str(REFS), "--mailto", "nobody", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--mailto" in err and not out.exists()


def test_crossref_unreachable_is_one_line_and_keeps_output(tmp_path):
    """With Crossref unreachable and no earlier output, everything is still written, marked failed: the summary
    line, then one error line naming Crossref, and exit 4."""
    out = tmp_path / "o.json"
    code, _, err = run_cli("export", str(REFS / "000_c1173a40aac2ac01.txt"), "--no-cache", "-o", str(out))
    summary, error = err.strip().split("\n")
    assert code == 4 and "Traceback" not in err and summary.startswith("acuref: export: 1 document read")
    assert error.startswith("acuref: error: Crossref could not be reached") and "marked 'failed'" in error
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == 8 and all("acuref: failed" in i["note"] for i in items)


def test_report_html_is_written(tmp_path):
    """--report-html writes a self-contained page with the counts at the top: its one script is inline and
    nothing in the head loads from elsewhere."""
    page = tmp_path / "review.html"
    assert main(["export", str(REFS), "--no-resolve", "-o", str(tmp_path / "o.bib"), "--report-html", str(page),
                 "-q"]) == 0
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and 'id="count-references" data-count="47"' in html
    assert html.count("<script>") == 1 and html.count('<script type="application/json"') == 1  # code, data
    assert html.count("<script") == 2 and "src=" not in html and "http" not in html.split("<body>")[0]


def test_misspelt_option_is_one_line(capsys):
    """A misspelt option is a usage error on one line, exit code 2."""
    assert main(["export", str(REFS), "--no-resolv"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--no-resolv" in err and "did you mean --no-resolve?" in err


def test_read_only_output_folder(tmp_path):
    """An output in a folder that cannot be written: one line, exit 5, nothing left behind."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        code, _, err = run_cli("export", "--no-resolve", str(REFS), "-o", str(folder / "o.bib"))
        if os.geteuid() == 0:  # root writes anyway: then the file must be complete
            assert code == 0 and (folder / "o.bib").read_text(encoding="utf-8").count("@") == 46
        else:
            assert code == 5 and err.count("\n") == 1 and not list(folder.iterdir())
    finally:
        folder.chmod(0o700)


def test_missing_input_beside_a_page_without_references(tmp_path):
    """One input missing, one read but citing nothing: the empty result is written, the missing file is named,
    and the exit code says an input failed — not "nothing could be read"."""
    page = tmp_path / "prose.txt"
    page.write_text("A page about acupuncture with no references at all.\n", encoding="utf-8")
    out = tmp_path / "o.json"
    code, _, err = run_cli("export", "--no-resolve", str(page), str(tmp_path / "gone.txt"), "-o", str(out))
    assert code == 3 and "gone.txt" in err and "nothing could be read" not in err
    assert json.loads(out.read_text(encoding="utf-8")) == []


def test_incomplete_doi_is_named_and_never_exported(tmp_path):
    """A DOI cut short by a wrap is named in a warning and written nowhere; a rejoinable one is whole."""
    doc = tmp_path / "wrapped.txt"
    doc.write_text("References\n\n"
                   "1. Smith J, Jones K. Gait in the elderly. Gait Posture 2005;21(2):1-10. doi:10.1016/j\n"
                   "2. Brown A, White B. Walking speed. Gait Posture 2006;22(1):11-20. doi: 10.1016/j. gaitpost.2004.05.005\n",
                   encoding="utf-8")
    out, report = tmp_path / "o.bib", tmp_path / "r.json"
    code, _, err = run_cli("export", str(doc), "--no-resolve", "-o", str(out), "--report", str(report))
    assert code == 0, err
    assert "wrapped.txt:3: reference prints an incomplete DOI '10.1016/j'" in err
    bib = out.read_text(encoding="utf-8")
    assert "doi = {10.1016/j.gaitpost.2004.05.005}" in bib and "{10.1016/j}" not in bib
    assert [i["doi"] for i in json.loads(report.read_text(encoding="utf-8"))["items"]] == [None, None]


def test_extract_help_describes_every_option(capsys):
    """acuref extract --help has a description for the command, every option and the PATH argument."""
    from acuref.cli import build_parser

    parser = build_parser()
    extract = next(a for a in parser._actions if a.dest == "command").choices["extract"]
    assert extract.description and all(a.help for a in extract._actions)
    assert {o for a in extract._actions for o in a.option_strings} >= {"-o", "--report", "--json-summary", "-q"}


def test_extract_report_holds_what_its_warning_points_at(tmp_path, capsys):
    """extract's warning sends the user to 'skipped' in --report, and extract has that --report."""
    rep = tmp_path / "r.json"
    doc = REFS / "001_9f5f30f76dcc9dda.txt"
    assert main(["extract", str(doc), "-o", str(tmp_path / "x.json"), "--report", str(rep)]) == 0
    assert "(see 'skipped' in --report)" in capsys.readouterr().err
    assert len(json.loads(rep.read_text(encoding="utf-8"))["skipped"]) == 4
