"""Hostile outputs: every output is written only once all can be, a device is written to and never replaced,
an output that is an input (or another output) is a usage error, and acuref never reads its own outputs back."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acuref import output
from acuref.cli import main

PAGE = ("References\n\n"
        "1. Okafor N, Lindqvist B. Grip strength in older adults: a cohort. J Aging Res. 2011;12(3):45-52.\n"
        "2. Haddad R. Sleep and recall in shift workers. Sleep Med. 2016;21:88-94.\n")


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "page.md"
    path.write_text(PAGE, encoding="utf-8")
    return path


@pytest.mark.parametrize("argv,words", [
    (["export", "PAGE", "-o", "PAGE", "-f", "csl-json"], ["-o", "also an input"]),
    (["export", "DIR", "-o", "OUT", "--report", "OUT"], ["-o", "--report", "one file"]),
    (["export", "PAGE", "-o", "OUT", "--report-html", "./OUT"], ["--report-html", "one file"]),
    (["parse", "PAGE", "--report", "PAGE"], ["--report", "also an input"]),
    (["extract", "PAGE", "-o", "PAGE"], ["also an input"]),
    (["export", "DIR", "-o", "PAGE", "-f", "bibtex"], ["-o", "also an input"]),
    (["review", "PAGE", "--decisions", "PAGE"], ["--decisions", "also an input"]),
    (["export", "PAGE", "-o", ""], ["-o", "empty file name"]),
    (["index", "build", "PAGE", "-o", "PAGE"], ["-o", "also an input"]),
], ids=["output is the input", "output and report", "same file by another name", "parse report", "extract",
        "a document of an input folder", "review decisions over the report", "empty output name", "index build over its works"])
def test_an_output_that_is_an_input_or_another_output_is_a_usage_error(tmp_path, page, capsys, monkeypatch, argv, words):
    """Exit 2 in one line before any work; the user's document is untouched."""
    monkeypatch.chdir(tmp_path)
    subst = {"PAGE": str(page), "DIR": str(tmp_path), "OUT": "out.json", "./OUT": "./out.json"}
    assert main([subst.get(a, a) for a in argv] + ["--no-resolve"] * (argv[0] == "export")) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and all(w in err[0] for w in words), err
    assert page.read_text(encoding="utf-8") == PAGE and not (tmp_path / "out.json").exists()


def test_when_one_output_cannot_be_written_none_is(tmp_path, page, capsys, monkeypatch):
    """A full disk on the main output: exit 5 in one line, and the existing report and review page are the
    user's old files, not this run's."""
    report, html, out = tmp_path / "r.json", tmp_path / "r.html", tmp_path / "out.bib"
    for f in (report, html, out):
        f.write_text("OLD", encoding="utf-8")
    real = output._prepare

    def full(path, data):
        if path.endswith(".bib"):
            raise output._fail(path, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
        return real(path, data)

    monkeypatch.setattr(output, "_prepare", full)
    assert main(["export", str(page), "--no-resolve", "-o", str(out), "--report", str(report),
                 "--report-html", str(html)]) == 5
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "No space left on device" in err[0]
    assert [f.read_text(encoding="utf-8") for f in (report, html, out)] == ["OLD"] * 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.bib", "page.md", "r.html", "r.json"]


def test_a_full_standard_output_is_exit_5_in_one_line(page, capsys, monkeypatch):
    """Standard output that takes nothing more (`> /dev/full`): one line, exit 5, no traceback."""
    class Full:
        def write(self, data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def flush(self):
            pass

    monkeypatch.setattr(sys, "stdout", Full())
    assert main(["export", str(page), "--no-resolve"]) == 5
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["acuref: error: standard output: cannot write: No space left on device"]


def test_a_fifo_output_is_written_to_not_replaced(tmp_path, page):
    """A named pipe (like /dev/stdout or a device) is opened and written; it stays a pipe."""
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    code = main(["export", str(page), "--no-resolve", "-o", str(fifo), "-q"])
    reader.join(timeout=30)
    assert code == 0 and stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert len(json.loads(got[0])) == 2


def test_rerunning_in_one_folder_never_reads_the_outputs_back(tmp_path, page, capsys):
    """`export . -o refs.json --report report.json` three times: the same two references each time; an older
    run's report, decisions file and review page met in the walk are named and not read."""
    (tmp_path / "old.report.json").write_text('{\n  "acuref_version": "0", "items": []}', encoding="utf-8")
    argv = ["export", str(tmp_path), "--no-resolve", "-o", str(tmp_path / "refs.json"), "--report",
            str(tmp_path / "report.json"), "--report-html", str(tmp_path / "review.html")]
    counts = []
    for _ in range(3):
        assert main(argv) == 0
        counts.append(len(json.loads((tmp_path / "refs.json").read_text(encoding="utf-8"))))
    assert counts == [2, 2, 2]
    assert "old.report.json: an acuref --report, not an input; not read" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["caf\udce9.md", "two\nlines.md", "tab\there.md"], ids=["Latin-1 bytes", "newline",
                                                                                     "tab"])
def test_any_file_name_gives_one_line_messages_and_valid_outputs(tmp_path, name):
    """A file name that is not UTF-8, or holds a newline: outputs and report are valid UTF-8 JSON, every
    message is one line, nothing is a traceback."""
    path = os.path.join(os.fsencode(tmp_path), os.fsencode(name))
    with open(path, "wb") as fh:
        fh.write(PAGE.encode())
    missing = os.path.join(os.fsencode(tmp_path), os.fsencode("gone\n" + name))
    out, report = tmp_path / "out.json", tmp_path / "report.json"
    proc = subprocess.run([sys.executable, "-m", "acuref", "export", path, missing, "--no-resolve", "-o", str(out),
                           "--report", str(report)], capture_output=True)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 3 and "Traceback" not in err
    assert all(line.startswith("acuref: ") for line in err.strip().splitlines()), err
    assert len(json.loads(out.read_bytes().decode("utf-8"))) == 2
    assert json.loads(report.read_bytes().decode("utf-8"))["items"][0]["sources"][0]["file"]


def test_display_keeps_a_message_on_one_printable_line():
    """Control characters and undecodable bytes of file names are shown escaped or as letters."""
    assert output.display("acuref: error: a\nb.txt: no such file") == "acuref: error: a\\nb.txt: no such file"
    assert output.display("caf\udce9.txt") == "café.txt"
    assert output.encode("x\udcff") == "xÿ".encode()


def test_acuref_outputs_named_as_inputs_are_refused(tmp_path, page, capsys):
    """A report or a review page named as an input is refused as what it is (exit 3), not read as references."""
    report, html = tmp_path / "r.json", tmp_path / "r.html"
    assert main(["export", str(page), "--no-resolve", "-q", "-o", str(tmp_path / "o.json"), "--report", str(report),
                 "--report-html", str(html)]) == 0
    assert main(["export", str(report), str(html), "--no-resolve", "-o", str(tmp_path / "again.json")]) == 3
    err = capsys.readouterr().err
    assert "an acuref --report, not an input" in err and "an acuref review page (--report-html), not an input" in err


def test_a_full_terminal_during_review_is_exit_5_in_one_line(tmp_path, page, capsys, monkeypatch):
    """`acuref review … > /dev/full`: what the terminal dialogue cannot print is exit 5 in one line."""
    if not (os.path.exists("/dev/full") and stat.S_ISCHR(os.stat("/dev/full").st_mode)):
        pytest.skip("no /dev/full device on this machine")
    report = tmp_path / "r.json"
    page.write_text(PAGE + "3. Foo bar baz qux.\n", encoding="utf-8")
    assert main(["export", str(page), "--no-resolve", "-q", "-o", str(tmp_path / "o.json"), "--report",
                 str(report)]) == 0
    proc = subprocess.run([sys.executable, "-m", "acuref", "review", str(report)], stdin=subprocess.DEVNULL,
                          stdout=open("/dev/full", "a"), stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 5
    assert proc.stderr.strip() == "acuref: error: standard output: cannot write: No space left on device"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\x00" not in b
                                                       and b not in (b".", b"..") and not b.startswith(b".")))
def test_any_file_name_is_written_as_valid_utf8(tmp_path_factory, name):
    """Whatever bytes a document's name holds, the report is valid UTF-8 JSON naming it, and every warning line
    is one printable line."""
    folder = tmp_path_factory.mktemp("names")
    path = os.path.join(os.fsencode(folder), name + b".md")
    with open(path, "wb") as fh:
        fh.write(PAGE.encode())
    report = folder / "report.json"
    assert main(["export", os.fsdecode(path), "--no-resolve", "-q", "-o", str(folder / "o.json"), "--report",
                 str(report)]) == 0
    data = json.loads(report.read_bytes().decode("utf-8"))
    assert data["items"] and all(s["file"] for item in data["items"] for s in item["sources"])
    assert output.display(os.fsdecode(path)).isprintable()
