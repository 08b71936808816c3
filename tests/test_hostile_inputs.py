"""Hostile inputs, decisions and library values: one line and the documented exit code, nothing lost."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import acuref
from acuref import jsontext
from acuref.cli import main
from acuref.formats import bibtex
from acuref.read import documents
from acuref.read.documents import decode, load_bytes

REF = "Okafor N, Lindqvist B. Grip strength in older adults: a cohort. J Aging Res. 2011;12(3):45-52."


# ------------------------------------------------------------------------------------------------- encodings

def test_one_stray_latin1_byte_costs_only_its_own_letter():
    """A UTF-8 page with one Windows-1252 byte: the UTF-8 letters stay letters (no "Ã©"), the stray one is read."""
    data = "<p>Références</p><ol><li>Müller J. Étude of things. Rev Méd. 2001;1:1-2.</li></ol>".encode()
    data = data.replace(b"things", "thingś".encode("utf-8")) + " caf\xe9".encode("latin-1")
    text, encoding, notes = decode(data, "page.html")
    assert encoding == "utf-8" and "Références" in text and "Müller" in text and text.endswith(" café")
    assert notes and "page.html" in notes[0]


@pytest.mark.parametrize("declared", ["utf-16", "UTF-16LE", "utf-32"])
def test_a_utf16_meta_on_a_byte_page_is_read_as_browsers_do(declared):
    """A byte page cannot be UTF-16: browsers take such a meta as UTF-8; the text is not turned into noise."""
    data = (f'<html><head><meta charset="{declared}"></head><body><ol><li>M\xfcller J. A title. '
            "Nature. 2001;1:1-2.</li></ol></body></html>").encode("latin-1")
    doc = load_bytes(data, "p.html")
    assert any("Müller J. A title" in line.text for line in doc.lines)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["ö", "é", "—", "Ł", "ß", "a", " ", "1", "\n"]), max_size=40),
       st.lists(st.integers(min_value=0x80, max_value=0xff), max_size=3))
def test_mixed_bytes_never_lose_the_utf8_text(letters, stray):
    """Whatever stray bytes are appended to UTF-8 text, the UTF-8 text decodes unchanged."""
    text = "".join(letters)
    got, _, _ = decode(text.encode() + bytes(stray), "x.txt")
    assert got.startswith(text.replace("\r", "")) or not text


def test_control_characters_never_reach_a_field():
    """A NUL past the first bytes of a document, or escaped in CSL-JSON, is in no exported field."""
    doc = "x" * 9000 + "\n\nReferences\n\n1. " + REF.replace("Grip", "Gr\x00ip") + "\n"
    text, _, _ = decode(doc.encode(), "page.txt")
    assert "\x00" not in text
    csl = json.dumps([{"type": "article-journal", "title": "Grip\u0000 strength\u0007", "issued": {"date-parts": [[2011]]}}])
    refs, _ = acuref.formats.csl.loads(csl, "lib.json")
    assert refs[0].title == "Grip strength"


# ----------------------------------------------------------------------------------------- what is no text

def test_jats_xml_is_read_as_its_reference_list(tmp_path, capsys):
    """JATS XML is not read as plain text (one garbage entry): each <ref> is one reference, exit 0."""
    path = tmp_path / "article.xml"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE article PUBLIC "-//NLM//DTD JATS">\n<article dtd-version="1.2">'
                    f"<back><ref-list><ref><mixed-citation>{REF}</mixed-citation></ref></ref-list></back></article>\n",
                    encoding="utf-8")
    assert main(["export", str(path), "--no-resolve", "-q", "-o", str(tmp_path / "o.json")]) == 0
    items = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert len(items) == 1 and items[0]["title"] == "Grip strength in older adults: a cohort"


def test_an_xml_document_that_is_not_jats_is_refused_in_one_line(tmp_path, capsys):
    """TEI or any other XML is refused, exit 3, not read as prose."""
    path = tmp_path / "doc.xml"
    path.write_text(f'<?xml version="1.0"?>\n<TEI><text><body><p>{REF}</p></body></text></TEI>\n', encoding="utf-8")
    assert main(["export", str(path), "--no-resolve", "-o", str(tmp_path / "o.json")]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "JATS XML only" in err[0] and not (tmp_path / "o.json").exists()


def test_xhtml_with_an_xml_declaration_is_still_a_page():
    """An XML declaration before <html> is a web page, read as one."""
    doc = load_bytes(f'<?xml version="1.0"?>\n<html><body><ol><li>{REF}</li></ol></body></html>'.encode(), "p.xhtml")
    assert any("Grip strength" in line.text for line in doc.lines)


def test_a_fifo_of_nul_bytes_is_refused_at_its_first_bytes(tmp_path):
    """A FIFO that would give 1 GiB of NULs is refused after its first chunk, not read to its end."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    sent = [0]

    def writer():
        try:
            with open(fifo, "wb") as fh:
                for _ in range(16384):  # up to 1 GiB
                    fh.write(b"\x00" * 65536)
                    sent[0] += 1
        except BrokenPipeError:
            pass

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    with pytest.raises(acuref.InputError, match="NUL"):
        documents.load_path(str(fifo))
    thread.join(timeout=30)
    assert sent[0] < 100


def test_endless_standard_input_is_bounded(monkeypatch, capsys):
    """Standard input that does not end is read up to a bound, then refused in one line (exit 3)."""
    class Endless(io.RawIOBase):
        def readable(self):
            return True

        def readinto(self, buffer):
            line = (REF + "\n").encode()
            n = len(buffer) - len(buffer) % len(line) or len(buffer)
            buffer[:n] = (line * (n // len(line) + 1))[:n]
            return n

    monkeypatch.setattr(documents, "MAX_STREAM", 1 << 20)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(Endless())))
    assert main(["export", "-", "--no-resolve"]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "<stdin>: more than 1 MiB" in err[0]


def test_closed_standard_input_is_one_line(tmp_path):
    """`acuref export - <&-`: exit 3, one line."""
    proc = subprocess.run([sys.executable, "-m", "acuref", "export", "-", "--no-resolve"], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, preexec_fn=lambda: os.close(0))
    assert proc.returncode == 3 and proc.stderr.strip() == "acuref: error: <stdin>: standard input is closed"


# ------------------------------------------------------------------------------------------- nested JSON

@pytest.mark.parametrize("depth", [65, 100_000])
def test_deeply_nested_json_is_refused_not_a_recursion_error(tmp_path, capsys, depth):
    """A library nested past any real shape: one line, exit 3; as a decisions file: a warning, nothing applied."""
    deep = tmp_path / "deep.json"
    deep.write_text("[" * depth + "]" * depth, encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text("References\n\n1. " + REF + "\n", encoding="utf-8")
    assert main(["export", str(deep), "--no-resolve", "-o", str(tmp_path / "o.json")]) == 3
    assert "nested more than" in capsys.readouterr().err
    assert main(["export", str(page), "--no-resolve", "--decisions", str(deep), "-o", str(tmp_path / "o.json")]) == 0
    assert "nested more than" in capsys.readouterr().err
    with pytest.raises(jsontext.JSONError):
        jsontext.loads("{\"a\": " * depth + "1" + "}" * depth)


def test_review_with_standard_input_at_its_end_saves_and_stops(tmp_path):
    """`acuref review` with standard input at EOF or closed: exit 0, no traceback, the decisions file untouched."""
    page = tmp_path / "page.txt"
    page.write_text("References\n\n1. Foo bar baz qux.\n2. " + REF + "\n", encoding="utf-8")
    report = tmp_path / "report.json"
    assert main(["export", str(page), "--no-resolve", "-q", "-o", str(tmp_path / "o.json"), "--report", str(report)]) == 0
    for close in (False, True):
        proc = subprocess.run([sys.executable, "-m", "acuref", "review", str(report)], stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, preexec_fn=(lambda: os.close(0)) if close else None)
        assert proc.returncode == 0 and "Traceback" not in proc.stderr and "standard input ended" in proc.stdout
    assert not (tmp_path / "acuref.decisions.json").exists()


def test_an_unrelated_decisions_file_beside_the_output_is_not_applied(tmp_path, capsys):
    """The acuref.decisions.json beside -o applies only to the documents it names; each run says which file it
    applies."""
    page = tmp_path / "page.txt"
    page.write_text("References\n\n1. " + REF + "\n", encoding="utf-8")
    beside = tmp_path / "acuref.decisions.json"
    beside.write_text(json.dumps({"acuref_decisions": 1, "decisions": [
        {"file": "other.md", "raw": REF, "action": "not-reference"}]}), encoding="utf-8")
    out = tmp_path / "o.json"
    assert main(["export", str(page), "--no-resolve", "-o", str(out)]) == 0
    assert "name none of this run's documents; not applied" in capsys.readouterr().err
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 1
    beside.write_text(json.dumps({"acuref_decisions": 1, "decisions": [
        {"file": "page.txt", "raw": REF, "action": "not-reference"}]}), encoding="utf-8")
    assert main(["export", str(page), "--no-resolve", "-o", str(out)]) == 0
    assert f"applying 1 decision from {beside}" in capsys.readouterr().err
    assert json.loads(out.read_text(encoding="utf-8")) == []


# ---------------------------------------------------------------------------------------------- libraries

def test_a_bib_key_used_twice_keeps_both_entries():
    """Both entries are read; written back, the second has a key of its own (bibtexparser flags nothing)."""
    text = ("@article{okafor2011,\n  author = {Okafor, N.},\n  title = {Grip strength},\n  year = {2011},\n}\n\n"
            "@article{okafor2011,\n  author = {Haddad, R.},\n  title = {Sleep and recall},\n  year = {2016},\n}\n")
    refs, warnings = bibtex.loads(text, "lib.bib")
    assert [r.title for r in refs] == ["Grip strength", "Sleep and recall"]
    assert len(warnings) == 1 and "okafor2011" in warnings[0].message and warnings[0].line == 7
    entries = acuref.pipeline.to_entries(refs)
    back = bibtex.dumps(entries)
    import bibtexparser

    lib = bibtexparser.parse_string(back)
    assert not lib.failed_blocks and len({e.key for e in lib.entries}) == 2


# ------------------------------------------------------------------------------------------ library values

@pytest.mark.parametrize("call,words", [
    (lambda: acuref.parse_reference(None), "parse_reference: text"),
    (lambda: acuref.parse_reference(b"bytes"), "parse_reference: text"),
    (lambda: acuref.deduplicate([None]), "deduplicate: refs[0]"),
    (lambda: acuref.deduplicate(None), "deduplicate: refs"),
    (lambda: acuref.to_csl_json([None]), "to_csl_json: entries[0]"),
    (lambda: acuref.to_csl_json("entries"), "to_csl_json: entries"),
    (lambda: acuref.run("refs/"), "run: paths"),
    (lambda: acuref.run([7]), "run: paths[0]"),
    (lambda: acuref.load_text(None), "load_text: text"),
    (lambda: acuref.read_document(None), "read_document: path"),
], ids=["parse None", "parse bytes", "dedupe [None]", "dedupe None", "csl [None]", "csl str", "run str", "run [7]",
        "load_text", "read_document"])
def test_library_functions_name_the_wrong_argument(call, words):
    """A wrong value is a TypeError naming the function and argument, not an AttributeError from inside."""
    with pytest.raises(TypeError, match=words.replace("[", r"\[").replace("]", r"\]")):
        call()


def test_a_string_too_long_to_be_one_reference_is_kept_unread():
    """Several hundred kilobytes of run-together text is kept as printed (not parsed), so parsing stays linear."""
    ref = acuref.parse_reference("A. " * 110_000)
    assert not ref.parsed and ref.confidence == 0.0
    assert acuref.parse_reference(REF).parsed


CSL_FIELDS = ["id", "type", "title", "author", "editor", "container-title", "issued", "volume", "issue", "page",
              "number", "DOI", "PMID", "URL", "ISBN", "note", "publisher", "language"]
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                        st.sampled_from(["family", "given", "literal", "date-parts", "raw"]) | st.text(max_size=3),
                        inner, max_size=3), max_leaves=10)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(CSL_FIELDS), JSON, max_size=6), max_size=3))
def test_a_csl_library_of_any_json_shape_is_read_and_written(items):
    """Any JSON where a CSL field is due (an author that is true, a title that is a list): every item is read
    (kept unparsed if nothing is bibliographic) and every format writes it."""
    refs, _ = acuref.formats.csl.loads(json.dumps(items), "lib.json")
    assert len(refs) == len(items)
    for name in acuref.formats.names():
        acuref.formats.render(acuref.pipeline.to_entries(refs), name)


def test_a_broken_bib_entry_is_one_warning_line(tmp_path):
    """bibtexparser's own multi-line log of a broken block does not reach stderr: one acuref line says it."""
    lib = tmp_path / "lib.bib"
    lib.write_text("@article{ok1, title={One}, year={2001}}\n@article{broken, title={oops, year=2001}\n"
                   "@book{ok2, title={Two}, year={2002}}\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "acuref", "export", str(lib), "--no-resolve", "-o",
                           str(tmp_path / "o.json")], capture_output=True, text=True)
    warning, summary = proc.stderr.splitlines()  # the one warning, then the run's summary (docs/run-summary.md)
    assert proc.returncode == 0 and "lib.bib:2" in warning and summary.startswith("acuref: export: 1 document read")


@pytest.mark.parametrize("encoding", ["utf-32", "utf-16", "utf-8-sig"])
def test_unicode_with_a_byte_order_mark_is_text(encoding):
    """UTF-32 and UTF-16 with a BOM hold NUL bytes but are text: read, never refused as binary."""
    text, used, _ = decode(("Müller J. " + REF).encode(encoding), "x.txt")
    assert text.lstrip("\ufeff").startswith("Müller J. Okafor") and used == encoding


def test_braces_nested_thousands_deep_in_a_bib_are_only_braces():
    """A BibTeX value nested 50,000 braces deep is read (its text kept), not a RecursionError."""
    refs, _ = bibtex.loads("@article{k, title = " + "{" * 50_000 + "Grip strength" + "}" * 50_000 + ", year = 2011}")
    assert refs[0].title == "Grip strength"


@pytest.mark.parametrize("argv,code,words", [
    (["index", "build", "DEEP", "-o", "OUT"], 3, "nested beyond reason"),
    (["export", "PAGE", "--crossref-url", "not a url"], 2, "is not an http:// or https:// URL"),
    (["export", "PAGE", "--crossref-url", "file:///etc"], 2, "is not an http:// or https:// URL"),
], ids=["index of nested JSON", "URL that is none", "file URL"])
def test_other_commands_and_options_fail_in_one_line(tmp_path, capsys, argv, code, words):
    """Hostile values for the other commands and options: the documented exit code and one line."""
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "page.txt").write_text("References\n\n1. " + REF + "\n", encoding="utf-8")
    subst = {"DEEP": str(tmp_path / "deep.json"), "OUT": str(tmp_path / "s.sqlite"), "PAGE": str(tmp_path / "page.txt")}
    assert main([subst.get(a, a) for a in argv]) == code
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0]


def test_stray_bytes_in_a_large_file_read_in_windows_cost_only_their_letter(tmp_path):
    """A file read in windows (a large one) decodes its stray Windows-1252 bytes as a small one does."""
    body = "Références\n\n" + "".join(f"{i}. Müller J. Étude {i}. Rev Méd. 2001;1:1-2.\n" for i in range(1, 400))
    path = tmp_path / "big.txt"
    path.write_bytes(body.encode() + "400. Caf\xe9 K. Study. Lancet. 2001;1:1-2.\n".encode("latin-1"))
    lines = [line.text for doc in documents.iter_path(str(path), large=1000, window=50) for line in doc.lines]
    assert lines[2].startswith("1. Müller J. Étude 1.") and lines[-1].startswith("400. Café K.")


@pytest.mark.parametrize("where", ["input", "folder of -o", "--report", "--decisions"])
def test_a_name_too_long_for_the_system_is_one_line(tmp_path, capsys, where):
    """A path longer than the system allows (the OS refuses even to look it up) is one line and an exit code."""
    good = tmp_path / "refs.txt"
    good.write_text("References\n\n1. Hale R. A title. J Things. 2010;1:1-2.\n", encoding="utf-8")
    long = str(tmp_path / ("a" * 5000))
    args = {"input": [long], "folder of -o": [str(good), "-o", long + "/o.bib"],
            "--report": [str(good), "--report", long + ".json"], "--decisions": [str(good), "--decisions", long]}[where]
    code = main(["export", *args, "--no-resolve", "-q", *([] if "-o" in args else ["-o", str(tmp_path / "o.json")])])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_superscript_label_is_no_number():
    """'[²]:' looks like a label but int() refuses '²': the entries are found, nothing raises."""
    from acuref.read.extract import extract_references

    text = "References\n\n[²]: Smith J. Title one. Nature 2010;3:4.\n[³]: Lee K. Title two. Cell 2011;5:6.\n"
    assert len(extract_references(text)) == 2
