"""LibreOffice / OpenDocument text (.odt) as lines: paragraphs, headings, numbered lists, notes, tables.

Read with the standard library through :mod:`acuref.read.containers` (bounded ZIP reads, no entities), as
for Word. Zotero and Mendeley keep their citations in reference marks whose names hold the CSL-JSON
(``ZOTERO_ITEM CSL_CITATION {…} RND…``); those names go to :mod:`acuref.read.fields`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from acuref.errors import InputError
from acuref.read import fields
from acuref.read.containers import Archive, local, parse_xml
from acuref.read.documents import Document, Record
from acuref.read.markup import Line
from acuref.read.ooxml import _formatted

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
WHAT = "OpenDocument text"
_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}


def sniff(head: bytes) -> bool:
    """OpenDocument keeps its media type uncompressed as the first member, ``mimetype``."""
    return head.startswith(b"PK\x03\x04") and b"mimetypeapplication/vnd.oasis.opendocument.text" in head[:200]


def _list_styles(*roots: ET.Element | None) -> dict[str, dict[int, tuple[str, str, str, int]]]:
    """List style → level → (number format, prefix, suffix, start); a bullet level has format "bullet"."""
    out: dict[str, dict[int, tuple[str, str, str, int]]] = {}
    for root in roots:
        for style in root.iter(TEXT + "list-style") if root is not None else ():
            levels = {}
            for lvl in style:
                level = int(lvl.get(TEXT + "level") or 1)
                if local(lvl.tag) == "list-level-style-number":
                    start = lvl.get(TEXT + "start-value") or "1"
                    levels[level] = (_FORMATS.get(lvl.get(STYLE + "num-format") or "", "none"),
                                     lvl.get(STYLE + "num-prefix") or "", lvl.get(STYLE + "num-suffix") or "",
                                     int(start) if start.isdigit() else 1)
                else:
                    levels[level] = ("bullet", "", "", 1)
            out[style.get(STYLE + "name") or ""] = levels
    return out


@dataclass
class Reader:
    lists: dict[str, dict[int, tuple[str, str, str, int]]]
    lines: list[Line] = field(default_factory=list)
    count: int = 0  # paragraphs so far, empty ones too: a line's number
    notes: list[ET.Element] = field(default_factory=list)
    instructions: list[tuple[str, int]] = field(default_factory=list)
    counters: dict[str, list[int]] = field(default_factory=dict)
    bookmarks: dict[str, int] = field(default_factory=dict)  # a Zotero bookmark's name → its line
    marks: list[Record] = field(default_factory=list)  # LibreOffice's own bibliography marks

    def add(self, text: str, heading: int = 0) -> None:
        """One paragraph: numbered in reading order; an empty one only counted, as a web page drops it."""
        self.count += 1
        if text.strip():
            self.lines.append(Line(self.count, text, heading))

    def block(self, el: ET.Element, style: str = "", depth: int = 0) -> None:
        tag = local(el.tag)
        if tag in ("p", "h"):
            level = int(el.get(TEXT + "outline-level") or 1) if tag == "h" else 0
            self.paragraph(el, min(level, 6))
        elif tag == "list":
            style = el.get(TEXT + "style-name") or style
            if depth == 0 and el.get(TEXT + "continue-numbering") != "true" and not el.get(TEXT + "continue-list"):
                self.counters.pop(style, None)
            for item in el:
                self.item(item, style, depth + 1)
        elif tag == "table-row":
            before = len(self.lines)
            for cell in el:
                for child in cell:
                    self.block(child)
            row = " ".join(line.text for line in self.lines[before:] if line.text.strip())
            del self.lines[before:]
            self.add(row)
        elif tag in ("section", "table", "table-rows", "table-header-rows", "index-body", "table-of-content",
                     "bibliography", "text", "note-body"):
            for child in el:
                self.block(child, style, depth)

    def item(self, item: ET.Element, style: str, depth: int) -> None:
        label = ""
        if local(item.tag) == "list-item":
            fmt, prefix, suffix, start = self.lists.get(style, {}).get(depth, ("decimal", "", ".", 1))
            count = self.counters.setdefault(style, [0] * 11)
            start_here = item.get(TEXT + "start-value")
            level = min(depth, 10)
            count[level] = int(start_here) if start_here and start_here.isdigit() else max(count[level], start - 1) + 1
            count[level + 1:] = [0] * (10 - level)
            label = "•" if fmt == "bullet" else "" if fmt == "none" else f"{prefix}{_formatted(count[level], fmt)}{suffix}"
        first = True
        for child in item:
            before = len(self.lines)
            self.block(child, style, depth)
            if first and label and len(self.lines) > before and local(child.tag) in ("p", "h"):
                line = self.lines[before]
                self.lines[before] = Line(line.number, f"{label} {line.text}".strip(), line.heading)
            first = first and local(child.tag) not in ("p", "h")

    def paragraph(self, el: ET.Element, heading: int) -> None:
        parts: list[str] = []
        self.inline(el, parts)
        for piece in "".join(parts).split("\n"):
            self.add(" ".join(piece.replace("\t", " ").split()), heading)

    def inline(self, el: ET.Element, parts: list[str]) -> None:
        parts.append(el.text or "")
        for child in el:
            tag = local(child.tag)
            if tag == "s":
                parts.append(" ")
            elif tag == "tab":
                parts.append("\t")
            elif tag == "line-break":
                parts.append("\n")
            elif tag == "note":
                self.notes.append(child)
            elif tag == "bibliography-mark":
                self.marks.append(fields.libreoffice_mark({local(k): v for k, v in child.attrib.items()}, self.count + 1))
            elif tag in ("reference-mark-start", "reference-mark", "bookmark-start"):
                name = child.get(TEXT + "name") or ""
                if fields.is_citation(name):
                    self.instructions.append((name, self.count + 1))
                elif name.startswith("ZOTERO_BREF_"):
                    self.bookmarks[name] = self.count + 1
            if tag not in ("note", "s", "tab", "line-break"):
                self.inline(child, parts)
            parts.append(child.tail or "")


# Paragraphs are blocks, as a web page's elements are: the extractor reads a document of this format so (it tells
# only block documents from line-wrapped text), which is what makes a Word list come out as its HTML does.
BLOCKS = "html"


def load(data: bytes, name: str) -> Document:
    """An OpenDocument text as lines (body, then its notes) and its reference managers' records."""
    archive = Archive(data, name, WHAT)
    content = archive.read("content.xml")
    if content is None:
        raise InputError(f"{name}: a ZIP file without content.xml; not an OpenDocument text")
    root = parse_xml(content, name, WHAT)
    styles = archive.read("styles.xml")
    reader = Reader(_list_styles(root, parse_xml(styles, name, WHAT) if styles else None))
    for body in root.iter("{urn:oasis:names:tc:opendocument:xmlns:office:1.0}text"):
        reader.block(body)
    notes, reader.notes = reader.notes, []
    if notes:
        reader.add("Notes", 2)
    for number, note in enumerate(notes, start=1):
        before = len(reader.lines)
        for body in note.iter(TEXT + "note-body"):
            reader.block(body)
        cited = "".join(note.findtext(TEXT + "note-citation") or "").strip() or str(number)
        if len(reader.lines) > before:
            line = reader.lines[before]
            reader.lines[before] = Line(line.number, f"{cited}. {line.text}", 0)
    meta = archive.read("meta.xml")
    props = [(el.get(META + "name") or "", el.text or "") for el in parse_xml(meta, name, WHAT).iter(META + "user-defined")
             ] if meta else []
    records, problems = fields.records(reader.instructions + fields.bookmarked(props, reader.bookmarks), name)
    records = fields.dedupe(records + reader.marks)
    return Document(name, tuple(reader.lines), "utf-8", BLOCKS, tuple(problems), records=tuple(records))
