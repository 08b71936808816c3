"""Reading documents: encodings, binary files, HTML and Markdown."""

from __future__ import annotations

import pytest

from acuref.read.documents import decode, load_bytes, load_text
from acuref.errors import InputError

TEXT = "Schröder S. Akupunktur – “Wirkung”. Lancet. 2001;358:1511-3.\n"


@pytest.mark.parametrize("encoding,expected", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"),
                                                ("cp1252", "cp1252")])
def test_encodings_are_detected(encoding, expected):
    """UTF-8 (with or without BOM), UTF-16 with BOM and Windows-1252 all decode to the same text."""
    text, used, _ = decode(TEXT.encode(encoding), "x.txt")
    assert text.replace("\ufeff", "") == TEXT and used == expected


def test_latin1_falls_back_and_says_so():
    """Bytes that are not UTF-8 are read, with a note naming the file."""
    text, used, notes = decode("Schröder\x81".encode("latin-1"), "old.txt")
    assert used == "latin-1" and text.startswith("Schröder") and "old.txt" in notes[0]


def test_declared_html_charset_is_honoured():
    """An HTML page's meta charset wins over the cp1252 guess."""
    data = '<html><head><meta charset="iso-8859-2"></head><body><p>Łódź</p></body></html>'.encode("iso-8859-2")
    doc = load_bytes(data, "p.html")
    assert any("Łódź" in line.text for line in doc.lines)


@pytest.mark.parametrize("data", [b"\x00\x00\x00\x01", b"%PDF-1.7", b"PK\x03\x04zip", b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20])
def test_binary_is_refused(data):
    """Binary data is an InputError naming the file, never a decoding crash."""
    with pytest.raises(InputError, match="doc.bin"):
        decode(data, "doc.bin")


def test_markdown_keeps_link_targets_that_are_dois():
    """A Markdown link whose target is a DOI keeps the DOI in the text."""
    doc = load_text("1. Smith J. [Title](https://doi.org/10.1000/xyz). *Lancet*. 2001;1:1-2.\n", "a.md")
    assert doc.lines[0].text == "1. Smith J. Title https://doi.org/10.1000/xyz. Lancet. 2001;1:1-2."


def test_html_line_numbers_follow_the_source():
    """Each HTML text line carries the source line where it starts."""
    doc = load_text("<html><body>\n\n<p>first</p>\n<div>\nsecond</div></body></html>", "p.html")
    assert [(line.number, line.text) for line in doc.lines] == [(3, "first"), (5, "second")]


def test_large_files_read_in_windows_find_the_same_references(tmp_path):
    """A file read in windows of lines gives the same references, at the same lines, as read whole."""
    from acuref.read.documents import iter_path
    from acuref.read.extract import extract_document
    from conftest import REFS

    text = "\n\n".join((REFS / name).read_text(encoding="utf-8") for name in sorted(p.name for p in REFS.iterdir())) * 3
    for suffix in (".txt", ".html", ".md"):
        page = tmp_path / f"big{suffix}"
        body = text if suffix != ".html" else "<html><body>" + "".join(
            f"<p>{line}</p>\n" for line in text.splitlines()) + "</body></html>"
        page.write_text(body, encoding="utf-8")
        whole = [(s.line, s.raw) for d in iter_path(str(page)) for s in extract_document(d)]
        windows = list(iter_path(str(page), large=0, window=40))
        assert len(windows) > 3
        windowed = [(s.line, s.raw) for d in windows for s in extract_document(d)]
        assert windowed == whole and len(whole) >= 3 * 46
