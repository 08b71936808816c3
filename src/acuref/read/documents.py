"""Reading documents: bytes → text in the right encoding → lines that keep their source line numbers.

Plain text and Markdown keep their lines as they are. HTML is parsed with the standard library's
HTML parser (a real tokenizer, not regexes): block elements end lines, scripts and styles are
dropped, ordered-list items get their numbers back, and every output line remembers the source
line it started on so that provenance points into the file the user has.
"""

from __future__ import annotations

import codecs
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from acuref.errors import InputError

DOCUMENT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".rst", ".rest", ".pdf"})
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_SNIFF_RE = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_BINARY_MAGIC = (
    (b"%PDF", "a PDF file"),  # documents: read by acuref.pdf before decoding; elsewhere refused
    (b"PK\x03\x04", "a ZIP/Office file (save it as text or HTML first)"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (save it as text or HTML first)"),
    (b"\x89PNG", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"GIF8", "an image"),
    (b"\x1f\x8b", "a gzip archive"),
)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of document text and the 1-based line of the source file it came from."""

    number: int
    text: str
    heading: int = 0  # 1-6 where the source marks the line as a heading (HTML <h2>, Markdown ##), else 0


@dataclass(frozen=True, slots=True)
class Document:
    """A document ready for extraction."""

    name: str
    lines: tuple[Line, ...]
    encoding: str
    format: str  # "text", "markdown", "rst", "html" or "pdf"
    notes: tuple[str, ...] = ()  # non-fatal remarks, e.g. an encoding fallback


def decode(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, the HTML-declared charset,
    cp1252 or latin-1, in that order; refuse binary data with a message that names the file."""
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: {what}, not a text document")
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig", ()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16", ()
    head = data[:8192]
    if b"\x00" in head:
        raise InputError(f"{name}: binary file (contains NUL bytes), not a text document")
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if head and controls / len(head) > 0.05:
        raise InputError(f"{name}: binary file (mostly control bytes), not a text document")
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET_RE.search(head)
    if declared:
        enc = declared.group(1).decode("ascii", "replace").lower()
        try:
            codecs.lookup(enc)
            if enc not in ("utf-8", "utf8"):
                return data.decode(enc, errors="replace"), enc, ()
        except LookupError:
            pass
    # Web page dumps that are not UTF-8 are nearly always Windows-1252; latin-1 cannot fail.
    try:
        return data.decode("cp1252"), "cp1252", (f"{name}: not UTF-8; read as Windows-1252",)
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", (f"{name}: not UTF-8; read as Latin-1",)


_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody thead tfoot tr td th ul title caption".split()
)
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self._buf: list[str] = []
        self._line_no: int | None = None
        self._skip = 0
        self._pre = 0
        self._lists: list[list[int | None]] = []  # [counter or None for <ul>]
        self._in_title = False
        self._sup_label = False  # a <sup> that opens a block is its reference number
        self._href: str | None = None  # a doi.org link whose DOI the link text may not show
        self._heading = 0

    def _flush(self) -> None:
        text = "".join(self._buf)
        if not self._pre:
            text = re.sub(r"[ \t\r\n\f\u00a0]+", " ", text)
        for i, part in enumerate(text.split("\n")):
            if part.strip():
                self.lines.append(Line((self._line_no or 1) + i, part.strip() if not self._pre else part.rstrip(),
                                       self._heading))
        self._buf = []
        self._line_no = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS and tag != "head":
            self._skip += 1
            return
        if tag == "title":
            self._in_title = True
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _HEADING_TAGS:
            self._heading = int(tag[1])
        if tag == "sup" and not "".join(self._buf).strip():
            self._sup_label = True
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self._href = href if "doi.org/10." in href else None
        if tag == "pre":
            self._pre += 1
        if tag == "ol":
            start = dict(attrs).get("start")
            self._lists.append([int(start) - 1 if start and start.isdigit() else 0])
        elif tag == "ul":
            self._lists.append([None])
        elif tag == "li":
            marker = "• "
            if self._lists and self._lists[-1][0] is not None:
                value = dict(attrs).get("value")
                n = int(value) if value and value.isdigit() else (self._lists[-1][0] or 0) + 1
                self._lists[-1][0] = n
                marker = f"{n}. "
            self._line_no = self.getpos()[0]
            self._buf.append(marker)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and tag != "head":
            self._skip = max(0, self._skip - 1)
            return
        if tag == "title":
            self._in_title = False
        if tag == "sup":
            self._sup_label = False
        if tag == "a" and self._href:
            doi = self._href.split("doi.org/", 1)[1]
            if doi not in "".join(self._buf[-3:]):
                self._buf.append(f" https://doi.org/{doi} ")
            self._href = None
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _HEADING_TAGS:
            self._heading = 0
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in ("ol", "ul") and self._lists:
            self._lists.pop()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._sup_label and data.strip().isdigit():
            data = f"[{data.strip()}] "
        if self._line_no is None and data.strip():
            # getpos() is where this chunk starts; newlines before its first word move the line down.
            leading = data[: len(data) - len(data.lstrip())]
            self._line_no = self.getpos()[0] + leading.count("\n")
        self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_lines(text: str) -> tuple[Line, ...]:
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    return tuple(parser.lines)


_MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_EMPH_RE = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")
_MD_CODE_RE = re.compile(r"`([^`]+)`")
_MD_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_FOOTNOTE_RE = re.compile(r"^\s{0,3}\[\^(\w{1,8})\]:\s*")
_MD_AUTOLINK_RE = re.compile(r"<(https?://[^>]+)>")


def _md_link(m: re.Match[str]) -> str:
    text, url = m.group(1), m.group(2)
    # Keep a DOI or URL that only lives in the link target: it may be the reference's DOI.
    if url and url not in text and ("doi.org/" in url or "pubmed" in url or not text.strip()):
        return f"{text} {url}".strip()
    return text


def markdown_lines(text: str) -> tuple[Line, ...]:
    out = []
    for i, line in enumerate(text.splitlines(), start=1):
        hashes = _MD_HEADING_RE.match(line)
        level = hashes.group().count("#") if hashes else 0
        line = _MD_HEADING_RE.sub("", line)
        line = _MD_FOOTNOTE_RE.sub(r"[\1] ", line)
        line = _MD_AUTOLINK_RE.sub(r"\1", line)
        line = _MD_LINK_RE.sub(_md_link, line)
        line = _MD_CODE_RE.sub(r"\1", line)
        line = _MD_EMPH_RE.sub(r"\2", line)
        line = re.sub(r"^(\s*)[*+](?=\s)", r"\1-", line)
        out.append(Line(i, line.replace("\\", "") if "\\" in line and "\\\\" not in line else line, level))
    return tuple(out)


_RST_CITATION_RE = re.compile(r"^(\s*)\.\.\s+(\[[^\]\s]{1,40}\])\s*")
_RST_DIRECTIVE_RE = re.compile(r"^\s*\.\.\s+(?:_[^:]+:|[\w-]+::|\|[^|]+\|)")
_RST_ID_ROLE_RE = re.compile(r":(doi|pmid|pmcid|arxiv|isbn|rfc|pep):`([^`]+)`", re.IGNORECASE)
_RST_ROLE_RE = re.compile(r":[\w.+-]+:`([^`<]*?)(?:\s*<[^>]*>)?`")
_RST_LINK_RE = re.compile(r"`([^`<]*?)\s*<([^>]+)>`__?")
_RST_LITERAL_RE = re.compile(r"``([^`]+)``|`([^`]+)`_{0,2}")
_RST_ID_PREFIX = {"doi": "doi:", "pmid": "PMID: ", "pmcid": "", "arxiv": "arXiv:", "isbn": "ISBN ", "rfc": "RFC ",
                  "pep": "PEP "}


def _rst_id(m: re.Match[str]) -> str:
    return _RST_ID_PREFIX[m.group(1).lower()] + m.group(2).strip()


def rst_lines(text: str) -> tuple[Line, ...]:
    """reStructuredText as plain lines: citations and footnotes (``.. [Label] …``) become labelled items,
    identifier roles (``:doi:`10.…```) their identifiers, links their text and target; directives vanish."""
    out = []
    for i, line in enumerate(text.splitlines(), start=1):
        m = _RST_CITATION_RE.match(line)  # citations and footnotes alike: [Label], [1], [#], [#note], [*]
        if m:
            line = f"{m.group(1)}{m.group(2)} {line[m.end():]}"
        elif _RST_DIRECTIVE_RE.match(line):
            line = ""
        line = _RST_ID_ROLE_RE.sub(_rst_id, line)
        line = _RST_ROLE_RE.sub(r"\1", line)
        line = _RST_LINK_RE.sub(r"\1 \2", line)
        line = _RST_LITERAL_RE.sub(lambda mm: mm.group(1) or mm.group(2), line)
        out.append(Line(i, line))
    return tuple(out)


def text_lines(text: str) -> tuple[Line, ...]:
    return tuple(Line(i, line) for i, line in enumerate(text.splitlines(), start=1))


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


def load_text(text: str, name: str = "<text>", *, fmt: str | None = None, encoding: str = "utf-8",
              notes: tuple[str, ...] = ()) -> Document:
    """Turn already-decoded text into a Document."""
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
    if is_pdf(data):
        from acuref.read.pdf import load_pdf

        return load_pdf(data, name)
    text, encoding, notes = decode(data, name)
    return load_text(text, name, fmt=fmt, encoding=encoding, notes=notes)


def load_path(path: str) -> Document:
    """Read a document from a path, or from standard input when the path is ``-``."""
    if path == "-":
        return load_bytes(sys.stdin.buffer.read(), "<stdin>")
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such file or directory")
    if p.is_dir():
        raise InputError(f"{path}: is a directory")
    try:
        data = p.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror or err})") from None
    return load_bytes(data, path)


LARGE = 8 * 2**20  # above this, a document is read and handed on in windows of lines
WINDOW_LINES = 20_000


def iter_path(path: str, *, large: int = LARGE, window: int = WINDOW_LINES) -> Iterator[Document]:
    """The document at ``path``, whole when small; when large, as consecutive windows of lines (each a
    Document with the file's name and true line numbers), so memory stays bounded whatever the file's size.

    A window ends at a blank line (or a block boundary in HTML) once it holds ``window`` lines, so that a
    reference list is not cut in the middle of an entry.
    """
    p = Path(path)
    if path == "-" or not p.is_file() or p.stat().st_size <= large or _is_pdf(p):
        yield load_path(path)  # a PDF is read whole: its pages are not lines of a stream
        return
    try:
        fh = p.open("rb")
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror or err})") from None
    with fh:
        head = fh.read(65536)
        _, encoding, notes = decode(head, path)  # refuses binary files at once
        fh.seek(0)
        fmt = detect_format(path, head.decode(encoding, errors="replace"))
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        if fmt == "html":
            yield from _html_windows(fh, decoder, path, encoding, notes, window)
        else:
            yield from _text_windows(fh, decoder, path, encoding, notes, fmt, window)


def _is_pdf(p: Path) -> bool:
    try:
        with p.open("rb") as fh:
            return is_pdf(fh.read(1024))
    except OSError:
        return False


def _chunks(fh: BinaryIO, decoder: codecs.IncrementalDecoder) -> Iterator[str]:
    while True:
        data = fh.read(1 << 20)
        text = decoder.decode(data, final=not data)
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
        lines = [Line(line.number + offset, line.text, line.heading) for line in converted]
    return Document(name, tuple(lines), encoding, fmt, notes)


def _html_windows(fh: BinaryIO, decoder: codecs.IncrementalDecoder, name: str, encoding: str,
                  notes: tuple[str, ...], window: int) -> Iterator[Document]:
    parser = _TextExtractor()
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
_YEAR_IN_RE = re.compile(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)")


_FUNCTION_WORDS = frozenset("the of to in is that with for on are was be this it as by an at from which "
                            "de het een van en in is dat op te met voor zijn niet ook als bij".split())


def _is_prose(text: str) -> bool:
    """A paragraph of running text (not a name list): a window may end after it without cutting a reference."""
    words = text.lower().split()
    return (len(words) >= 12 and sum(w in _FUNCTION_WORDS for w in words) >= 3
            and not _YEAR_IN_RE.search(text) and not _ITEM_RE.match(text))


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
