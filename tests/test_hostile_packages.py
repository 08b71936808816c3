"""Hostile Word, OpenDocument and XML inputs: one line, exit 3, never a traceback and never a bomb's worth of memory."""

from __future__ import annotations

import io
import zipfile

import pytest

from acuref.cli import main
from acuref.read import containers
from officegen import W_NS, docx, para

REF = "Okafor A. Needle depth and perceived relief. J Imag Trials. 2019;12(3):201-215."


def _ole(*streams: str) -> bytes:
    """The first bytes of an OLE compound file naming the given streams (UTF-16, as directory entries do)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + b"".join(s.encode("utf-16-le") for s in streams)


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def _word(document_xml: str) -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": document_xml.encode()})


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
          '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>' f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&c;'
          "</w:t></w:r></w:p></w:body></w:document>")
XXE = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
JATS_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE article [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;">]>'
               f'<article dtd-version="1.2"><back><ref-list><ref><mixed-citation>&b; {REF}</mixed-citation></ref>'
               "</ref-list></back></article>")


@pytest.mark.parametrize("name, data, said", [
    ("thesis.docx", _ole("EncryptedInfo", "EncryptedPackage"), "encrypted Office file"),
    ("thesis.doc", _ole("WordDocument"), "old binary Word (.doc)"),
    ("thesis.rtf", b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}" + REF.encode() + b"}", "an RTF file"),
    ("cut.docx", _word(f'<w:document xmlns:w="{W_NS}"><w:body>')[:-40], "damaged"),
    ("broken.docx", _word(f'<w:document xmlns:w="{W_NS}"><w:body><w:p></w:body>'), "broken XML"),
    ("laughs.docx", _word(LAUGHS), "declares XML entities"),
    ("xxe.docx", _word(XXE), "declares XML entities"),
    ("laughs.xml", JATS_LAUGHS.encode(), "declares XML entities"),
    ("sheet.docx", _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}), "not a Word document"),
    ("other.zip", _zip({"notes.txt": REF.encode()}), "ZIP archive that is not"),
])
def test_refused_inputs_are_one_line_and_exit_3(tmp_path, capsys, name, data, said):
    """Each refused or damaged kind is one line naming the file and what it is, exit 3, no output written."""
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["export", str(path), "--no-resolve", "-o", str(tmp_path / "o.json")]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and said in err[0] and name in err[0] and "Traceback" not in err[0]
    assert not (tmp_path / "o.json").exists()


def test_a_zip_bomb_is_refused_before_it_inflates(tmp_path, capsys, monkeypatch):
    """A part that inflates past the bound (or its claimed ratio) is refused, not read into memory."""
    monkeypatch.setattr(containers, "MAX_MEMBER", 2**20)
    filler = f'<w:document xmlns:w="{W_NS}"><w:body>' + "<w:p/>" * 400_000 + "</w:body></w:document>"
    path = tmp_path / "bomb.docx"
    path.write_bytes(_word(filler))
    assert main(["export", str(path), "--no-resolve", "-o", str(tmp_path / "o.json")]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "zip bomb" in err[0]


def test_a_word_file_beside_a_refused_one_is_still_read(tmp_path, capsys):
    """A folder with a .doc and a .docx: the .doc is named in a warning, the .docx's references come out."""
    (tmp_path / "old.doc").write_bytes(_ole("WordDocument"))
    (tmp_path / "new.docx").write_bytes(docx([para("References"), para(REF)]))
    out = tmp_path / "o.json"
    assert main(["export", str(tmp_path), "--no-resolve", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "old.doc: an old binary Word (.doc) file" in err and out.exists()


def _mutated(data: bytes, rng) -> bytes:
    """A Word file with a few bytes of its XML parts changed, or its archive cut short."""
    if rng.random() < 0.3:
        return data[:rng.randrange(len(data))]
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = bytearray(source.read(info))
            for _ in range(rng.randint(0, 4)):
                part[rng.randrange(len(part))] = rng.choice(b"<>&\"'{}\x00 a9/=")
            target.writestr(info.filename, bytes(part))
    return out.getvalue()


def test_damaged_word_files_are_read_or_refused_never_a_traceback(tmp_path):
    """Word files with flipped XML bytes or cut archives: each is read or refused in a line, nothing raises."""
    import random

    from acuref.pipeline import read_path
    from officegen import field, zotero
    item = {"type": "book", "title": "A history of pulse diagnosis", "author": [{"family": "Lindqvist", "given": "M"}]}
    good = docx([para("Seen ", field(zotero([item], ["http://zotero.org/users/1/items/ABCD1234"]), "(1)"), "."),
                 para("References"), para(REF)], footnotes=[REF])
    rng = random.Random(2027)
    for i in range(60):
        path = tmp_path / f"d{i}.docx"
        path.write_bytes(_mutated(good, rng))
        result = read_path(str(path))  # bad input is a warning in the result, never an exception
        assert result.references or result.warnings
