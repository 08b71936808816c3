"""Reading documents: bytes → text in the right encoding → lines that keep their source line numbers.

Plain text and Markdown keep their lines as they are. HTML is parsed with the standard library's
HTML parser (a real tokenizer, not regexes): block elements end lines, scripts and styles are
dropped, ordered-list items get their numbers back, and every output line remembers the source
line it started on so that provenance points into the file the user has.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from acuref.errors import InputError
from acuref.model import Source
from acuref.normalize.controls import without_controls
from acuref.normalize.vocabulary import YEAR_ANY_RE
from acuref.read.markup import BlockTextParser, Line, html_lines, markdown_lines, rst_lines, text_lines
from acuref.read.record import Record

# The text documents and PDF; the other input kinds' suffixes are in the registry (``read/kinds.py``).
DOCUMENT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".rst", ".rest", ".pdf"})


_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


_HTML_SNIFF_RE = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.IGNORECASE)


_BINARY_MAGIC = (
    (b"%PDF", "a PDF file"),  # documents: read by acuref.pdf before decoding; elsewhere refused
    (b"PK\x03\x04", "a ZIP archive that is not a Word (.docx) or OpenDocument (.odt) text"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (save it as .docx, .odt or HTML first)"),
    (b"\x89PNG", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"GIF8", "an image"),
    (b"\x1f\x8b", "a gzip archive"),
)


@dataclass(frozen=True, slots=True)
class Document:
    """A document ready for extraction."""

    name: str
    lines: tuple[Line, ...]
    encoding: str
    format: str  # "text", "markdown", "rst", "html" (block documents: web pages, Word, OpenDocument), "pdf", …
    notes: tuple[str, ...] = ()  # non-fatal remarks, e.g. an encoding fallback
    records: tuple[Record, ...] = ()  # exact records the file carries (citation fields, JATS, biblatex data)
    strings: tuple[Source, ...] = ()  # reference strings the file delimits itself (a .bbl item): parsed, not found
    cites: tuple[str, ...] = ()  # LaTeX: the keys an .aux cites, to be taken from ``libraries``
    libraries: tuple[str, ...] = ()  # LaTeX: the .bib files an .aux names (paths)
    extract: bool = True  # False: the kind delimits its references itself; its prose is not searched for more


def _cp1252_here(err: UnicodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8 inside a UTF-8 text, read as Windows-1252 (Latin-1 for its five holes): one
    stray byte costs its own letter, never the whole document's decoding."""
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start:err.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), err.end


FALLBACK = "acuref-cp1252"
codecs.register_error(FALLBACK, _cp1252_here)

# A well-formed multi-byte UTF-8 sequence: text holding one is UTF-8, whatever stray bytes it also holds.
_UTF8_MULTIBYTE_RE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
                                rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
                                rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")

# What a page may declare that browsers do not take as such: a byte page cannot be UTF-16 or UTF-32 (the
# WHATWG encoding rules read such a meta as UTF-8), and x-user-defined is read as Windows-1252.
_DECLARED_AS = {"utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8", "utf-32": "utf-8", "utf-32le": "utf-8",
                "utf-32be": "utf-8", "unicode": "utf-8", "ucs-2": "utf-8", "x-user-defined": "cp1252", "utf8": "utf-8"}


def refuse_binary(head: bytes, name: str) -> None:
    """Refuse, from a document's first bytes, what is no text: known binary formats, NUL bytes, control bytes."""
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            raise InputError(f"{name}: {what}, not a text document")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):  # their NULs are text
        return
    head = head[:8192]
    if b"\x00" in head:
        raise InputError(f"{name}: binary file (contains NUL bytes), not a text document")
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if head and controls / len(head) > 0.05:
        raise InputError(f"{name}: binary file (mostly control bytes), not a text document")


def _declared(head: bytes) -> str | None:
    """The charset an HTML page declares, as a browser takes it (None: none, or one Python does not know)."""
    found = _META_CHARSET_RE.search(head)
    if not found:
        return None
    enc = found.group(1).decode("ascii", "replace").lower()
    enc = _DECLARED_AS.get(enc, enc)
    try:
        return codecs.lookup(enc).name
    except LookupError:
        return None


def decode(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    """:func:`decoded`, without control characters (a NUL past the first bytes must not reach a field)."""
    text, encoding, notes = decoded(data, name)
    return without_controls(text), encoding, notes


def decoded(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, the HTML-declared charset, UTF-8 with
    its stray bytes read as Windows-1252, or (with no UTF-8 in it at all) Windows-1252 or Latin-1; refuse
    binary data with a message that names the file."""
    refuse_binary(data, name)
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors=FALLBACK), "utf-8-sig", ()
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00 starts both
        return data.decode("utf-32", errors="replace"), "utf-32", ()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16", ()
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    declared = _declared(data[:8192])
    if declared and declared != "utf-8":
        return data.decode(declared, errors="replace"), declared, ()
    if declared or _UTF8_MULTIBYTE_RE.search(data):
        return data.decode("utf-8", errors=FALLBACK), "utf-8", (
            f"{name}: not all UTF-8; the bytes that are not were read as Windows-1252",)
    # Web page dumps that are not UTF-8 are nearly always Windows-1252; latin-1 cannot fail.
    try:
        return data.decode("cp1252"), "cp1252", (f"{name}: not UTF-8; read as Windows-1252",)
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", (f"{name}: not UTF-8; read as Latin-1",)


def detect_format(name: str, text: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown"):
        return "markdown"
    if suffix in (".rst", ".rest"):
        return "rst"
    if _HTML_SNIFF_RE.match(text[:1000]) or (text.count("</p>") + text.count("</li>") + text.count("<br") > 3):
        return "html"
    return "text"


XML_ROOT_RE = re.compile(r"\A\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE\s+(\w[\w:.-]*)|<(\w[\w:.-]*))",
                     re.IGNORECASE | re.DOTALL)


def refuse_xml(text: str, name: str) -> None:
    """An XML document that is not a web page (a JATS article, TEI, …) is refused, not read as prose: its
    markup would come out as garbage references."""
    start = text[:4096].lstrip("\ufeff \t\r\n")
    m = XML_ROOT_RE.match(start) if start.startswith("<") else None
    root = (m.group(1) or m.group(2)).lower() if m else ""
    declared = start.startswith(("<?xml", "<!DOCTYPE", "<!doctype"))
    jats = root == "article" and ("dtd-version" in start or "xmlns" in start)
    if not root or root == "html" or not (declared or jats):
        return
    what = "an XML article that is not JATS" if root == "article" else f"an XML document (<{root}>)"
    raise InputError(f"{name}: {what}; acuref reads JATS XML only (convert it to HTML or text first)")


def load_text(text: str, name: str = "<text>", *, fmt: str | None = None, encoding: str = "utf-8",
              notes: tuple[str, ...] = ()) -> Document:
    """Turn already-decoded text into a Document."""
    if not isinstance(text, str):
        raise TypeError(f"load_text: text must be a str, not {type(text).__name__}")
    if fmt is None:
        from acuref.read import kinds  # the kinds' modules use this one: imported when first needed

        kind = kinds.find(name, text[:kinds.SNIFF_BYTES].encode("utf-8"))
        if kind is not None:
            return kind.load(text.encode("utf-8"), name)
        refuse_xml(text, name)
    fmt = fmt or detect_format(name, text)
    if fmt == "html":
        lines = html_lines(text)
    elif fmt == "markdown":
        lines = markdown_lines(text)
    elif fmt == "rst":
        lines = rst_lines(text)
    else:
        lines = text_lines(text)
    return Document(name, lines, encoding, fmt, notes)


def is_pdf(head: bytes) -> bool:
    """PDF files start with ``%PDF`` (some writers put whitespace first; readers look in the first 1 KiB)."""
    return head[:1024].lstrip().startswith(b"%PDF")


def load_bytes(data: bytes, name: str, *, fmt: str | None = None) -> Document:
    """A document from its bytes: a registered input kind (Word, OpenDocument, JATS, LaTeX) by its content or
    suffix, a PDF, else text decoded and read as its format; kinds acuref does not read are refused in a line."""
    if is_pdf(data):
        from acuref.read.pdf import load_pdf

        return load_pdf(data, name)
    if fmt is None:
        from acuref.read import kinds  # the kinds' modules use this one: imported when first needed

        kinds.refuse(name, data)  # first: an encrypted .docx is no ZIP, and must not be called a damaged one
        kind = kinds.find(name, data)
        if kind is not None:
            return kind.load(data, name)
    text, encoding, notes = decode(data, name)
    return load_text(text, name, fmt=fmt, encoding=encoding, notes=notes)


MAX_STREAM = 256 * 2**20  # standard input, a FIFO or a device: read up to this much, never without end


def read_input(path: str) -> bytes:
    """The bytes of an input: a file whole; standard input (``-``), a FIFO or a device only up to
    ``MAX_STREAM``, and refused at its first bytes when they are binary (a FIFO of NULs is not read to its end)."""
    name = "<stdin>" if path == "-" else path
    if path != "-":
        p = Path(path)
        if not p.exists():
            raise InputError(f"{path}: no such file or directory")
        if p.is_dir():
            raise InputError(f"{path}: is a directory")
    try:
        if path != "-" and Path(path).is_file():
            return Path(path).read_bytes()
        if path == "-":
            if sys.stdin is None:
                raise InputError("<stdin>: standard input is closed")
            return _bounded(sys.stdin.buffer, name)
        with open(path, "rb") as fh:
            return _bounded(fh, name)
    except OSError as err:
        raise InputError(f"{name}: cannot be read ({err.strerror or err})") from None


def _bounded(fh: BinaryIO, name: str) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = fh.read(1 << 16)
        if not chunk:
            return b"".join(chunks)
        if not chunks and not is_pdf(chunk):
            refuse_binary(chunk, name)
        size += len(chunk)
        if size > MAX_STREAM:
            raise InputError(f"{name}: more than {MAX_STREAM >> 20} MiB and not at its end; save it to a file "
                             "and name the file (files of any size are read in windows)")
        chunks.append(chunk)


def load_path(path: str) -> Document:
    """Read a document from a path, or from standard input when the path is ``-``."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"read_document: path must be a str, not {type(path).__name__}")
    path = os.fspath(path)
    return load_bytes(read_input(path), "<stdin>" if path == "-" else path)


LARGE = 8 * 2**20  # above this, a document is read and handed on in windows of lines


WINDOW_LINES = 20_000


def iter_path(path: str, *, large: int = LARGE, window: int = WINDOW_LINES) -> Iterator[Document]:
    """The document at ``path``, whole when small; when large, as consecutive windows of lines (each a
    Document with the file's name and true line numbers), so memory stays bounded whatever the file's size.

    A window ends at a blank line (or a block boundary in HTML) once it holds ``window`` lines, so that a
    reference list is not cut in the middle of an entry.
    """
    from acuref.read.kinds import whole  # the kinds' modules use this one: imported when first needed

    p = Path(path)
    if path == "-" or not p.is_file() or p.stat().st_size <= large or whole(path):
        yield load_path(path)  # a PDF or a Word file is read whole: its pages are not lines of a stream
        return
    try:
        fh = p.open("rb")
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror or err})") from None
    with fh:
        head = fh.read(65536)
        first, encoding, notes = decode(head, path)  # refuses binary files at once
        refuse_xml(first, path)
        fh.seek(0)
        fmt = detect_format(path, head.decode(encoding, errors="replace"))
        # A UTF-8 file's stray bytes further on are read as in a small one, not as U+FFFD.
        decoder = codecs.getincrementaldecoder(encoding)(errors=FALLBACK if encoding.startswith("utf-8") else "replace")
        if fmt == "html":
            yield from _html_windows(fh, decoder, path, encoding, notes, window)
        else:
            yield from _text_windows(fh, decoder, path, encoding, notes, fmt, window)


def _chunks(fh: BinaryIO, decoder: codecs.IncrementalDecoder) -> Iterator[str]:
    while True:
        data = fh.read(1 << 20)
        text = without_controls(decoder.decode(data, final=not data))
        if text:
            yield text
        if not data:
            return


def _text_windows(fh: BinaryIO, decoder: codecs.IncrementalDecoder, name: str, encoding: str,
                  notes: tuple[str, ...], fmt: str, window: int) -> Iterator[Document]:
    lines: list[Line] = []
    number = 0
    pending = ""
    for text in _chunks(fh, decoder):
        parts = (pending + text).split("\n")
        pending = parts.pop()
        for part in parts:
            number += 1
            lines.append(Line(number, part.rstrip("\r")))
            if len(lines) >= window and not part.strip() and _prose_before(lines):
                yield _window(name, lines, encoding, fmt, notes)
                lines, notes = [], ()
    if pending:
        number += 1
        lines.append(Line(number, pending))
    if lines:
        yield _window(name, lines, encoding, fmt, notes)


def _window(name: str, lines: list[Line], encoding: str, fmt: str, notes: tuple[str, ...]) -> Document:
    if fmt in ("markdown", "rst"):
        convert = markdown_lines if fmt == "markdown" else rst_lines
        converted = convert("\n".join(line.text for line in lines))
        offset = lines[0].number - 1
        lines = [replace(line, number=line.number + offset) for line in converted]  # its marks (<br>, …) kept
    return Document(name, tuple(lines), encoding, fmt, notes)


def _html_windows(fh: BinaryIO, decoder: codecs.IncrementalDecoder, name: str, encoding: str,
                  notes: tuple[str, ...], window: int) -> Iterator[Document]:
    parser = BlockTextParser()
    for text in _chunks(fh, decoder):
        parser.feed(text)
        while len(parser.lines) >= window:
            cut = _html_cut(parser.lines, window)
            if cut is None:
                break  # inside one long list: wait for more lines
            done, parser.lines = parser.lines[:cut], parser.lines[cut:]
            yield Document(name, tuple(done), encoding, "html", notes)
            notes = ()
    parser.close()
    if parser.lines:
        yield Document(name, tuple(parser.lines), encoding, "html", notes)


_ITEM_RE = re.compile(r"^\s*(?:\d{1,4}\.|•)\s")




_FUNCTION_WORDS = frozenset("the of to in is that with for on are was be this it as by an at from which "
                            "de het een van en in is dat op te met voor zijn niet ook als bij".split())


def _is_prose(text: str) -> bool:
    """A paragraph of running text (not a name list): a window may end after it without cutting a reference."""
    words = text.lower().split()
    return (len(words) >= 12 and sum(w in _FUNCTION_WORDS for w in words) >= 3
            and not YEAR_ANY_RE.search(text) and not _ITEM_RE.match(text))


def _prose_before(lines: list[Line]) -> bool:
    for line in reversed(lines):
        if line.text.strip():
            return _is_prose(line.text)
    return False


def _html_cut(lines: list[Line], window: int) -> int | None:
    """Where to end a window of HTML lines: after ``window`` lines, right after a paragraph of prose."""
    for i in range(window, len(lines)):
        if _is_prose(lines[i - 1].text) and not _ITEM_RE.match(lines[i].text):
            return i
    return None
