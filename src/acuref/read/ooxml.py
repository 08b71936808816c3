"""Word documents (.docx, OOXML) as lines: paragraphs with their list numbers, headings by style, notes, tables.

Read with the standard library (``zipfile`` and ``xml.etree`` through :mod:`acuref.read.containers`, which
bounds sizes and refuses entity declarations): the parts needed are a few XML files, and python-docx would
neither restore list numbers nor give footnotes or field codes. Each paragraph is one :class:`Line` numbered
in reading order, so the extractor sees the same lines as for the document saved as HTML. Field instructions
(Zotero, Mendeley, EndNote, Citavi citations) are collected for :mod:`acuref.read.fields`; their visible
result stays in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from acuref.errors import InputError
from acuref.read import fields
from acuref.read.containers import Archive, local, parse_xml
from acuref.read.documents import Document
from acuref.read.markup import Line
from acuref.read.record import Record

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WHAT = "Word document"


def sniff(head: bytes) -> bool:
    """A ZIP whose first members are an Office package's (``[Content_Types].xml``, ``word/…``)."""
    return head.startswith(b"PK\x03\x04") and (b"word/" in head or b"[Content_Types].xml" in head)


def _val(el: ET.Element | None, attr: str = "val") -> str | None:
    return None if el is None else el.get(W + attr)


@dataclass
class Numbering:
    """List numbering: each list's level formats, and the counters as the document runs."""

    levels: dict[str, dict[int, tuple[str, str, int]]] = field(default_factory=dict)  # abstract → ilvl → fmt, text, start
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → abstract, start overrides
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def read(cls, root: ET.Element | None) -> Numbering:
        out = cls()
        for ab in root.iter(W + "abstractNum") if root is not None else ():
            levels = {}
            for lvl in ab.iter(W + "lvl"):
                start = _val(lvl.find(W + "start")) or "1"
                levels[int(_val(lvl, "ilvl") or 0)] = (_val(lvl.find(W + "numFmt")) or "decimal",
                                                       _val(lvl.find(W + "lvlText")) or "", int(start) if start.isdigit() else 1)
            out.levels[_val(ab, "abstractNumId") or ""] = levels
        for num in root.iter(W + "num") if root is not None else ():
            overrides = {int(_val(o, "ilvl") or 0): int(_val(o.find(W + "startOverride")) or 1)
                         for o in num.iter(W + "lvlOverride") if o.find(W + "startOverride") is not None}
            out.nums[_val(num, "numId") or ""] = (_val(num.find(W + "abstractNumId")) or "", overrides)
        return out

    def label(self, num_id: str, ilvl: int) -> str:
        """The next label of list ``num_id`` at level ``ilvl`` ("3.", "[12]", "b)", "•"), counting on."""
        abstract, overrides = self.nums.get(num_id, ("", {}))
        levels = self.levels.get(abstract, {})
        key = num_id if overrides else abstract
        count = self.counters.setdefault(key, [levels.get(i, ("", "", 1))[2] - 1 for i in range(9)])
        ilvl = min(max(ilvl, 0), 8)
        if key == num_id and overrides.get(ilvl) is not None and count[ilvl] < overrides[ilvl] - 1:
            count[ilvl] = overrides[ilvl] - 1
        count[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            count[deeper] = levels.get(deeper, ("", "", 1))[2] - 1
        fmt, text, _ = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""
        return re.sub(r"%([1-9])", lambda m: _formatted(count[int(m.group(1)) - 1],
                                                         levels.get(int(m.group(1)) - 1, (fmt,))[0]), text)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _formatted(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@dataclass
class Styles:
    """Paragraph styles: the heading level each gives, and the list it numbers with."""

    heading: dict[str, int] = field(default_factory=dict)
    numbered: dict[str, tuple[str, int]] = field(default_factory=dict)

    @classmethod
    def read(cls, root: ET.Element | None) -> Styles:
        out = cls()
        for style in root.iter(W + "style") if root is not None else ():
            sid, name = _val(style, "styleId") or "", (_val(style.find(W + "name")) or "").lower()
            level = re.fullmatch(r"heading ([1-9])", name)
            outline = _val(style.find(f"{W}pPr/{W}outlineLvl"))
            if level or name == "title" or (outline and outline.isdigit() and int(outline) < 6):
                out.heading[sid] = int(level.group(1)) if level else 1 if name == "title" else int(outline or 0) + 1
            num = style.find(f"{W}pPr/{W}numPr")
            if num is not None and _val(num.find(W + "numId")):
                out.numbered[sid] = (_val(num.find(W + "numId")) or "", int(_val(num.find(W + "ilvl")) or 0))
        return out


@dataclass
class Reader:
    """Walks one part's body, paragraph by paragraph, into lines and field instructions."""

    styles: Styles
    numbering: Numbering
    lines: list[Line] = field(default_factory=list)
    count: int = 0  # paragraphs so far, empty ones too: a line's number
    instructions: list[tuple[str, int]] = field(default_factory=list)
    fields: list[list[str]] = field(default_factory=list)  # open complex fields: one may end paragraphs later
    bookmarks: dict[str, int] = field(default_factory=dict)  # a Zotero bookmark's name → its line

    def block(self, el: ET.Element) -> None:
        tag = local(el.tag)
        if tag == "p":
            self.paragraph(el)
        elif tag == "tbl":
            for row in el.iter(W + "tr"):
                cells = []
                for cell in row.findall(W + "tc"):
                    sub = Reader(self.styles, self.numbering, instructions=self.instructions, fields=self.fields,
                                 count=self.count, bookmarks=self.bookmarks)
                    for child in cell:
                        sub.block(child)
                    cells.append(" ".join(line.text for line in sub.lines if line.text.strip()))
                self.add(" ".join(c for c in cells if c))
        elif tag in ("sdt", "sdtContent", "body", "customXml", "ins", "txbxContent", "footnote", "endnote"):
            if tag == "sdt":
                self.content_control(el)
            for child in el:
                self.block(child)

    def add(self, text: str, heading: int = 0) -> None:
        """One paragraph: numbered in reading order; an empty one only counted, as a web page drops it."""
        self.count += 1
        if text.strip():
            self.lines.append(Line(self.count, text, heading))

    def paragraph(self, p: ET.Element) -> None:
        ppr = p.find(W + "pPr")
        style = _val(ppr.find(W + "pStyle")) if ppr is not None else None
        heading = self.styles.heading.get(style or "", 0)
        outline = _val(ppr.find(W + "outlineLvl")) if ppr is not None else None
        if outline and outline.isdigit() and int(outline) < 6:
            heading = int(outline) + 1
        num = ppr.find(W + "numPr") if ppr is not None else None
        listed = ((_val(num.find(W + "numId")) or "", int(_val(num.find(W + "ilvl")) or 0)) if num is not None
                  else self.styles.numbered.get(style or ""))
        parts: list[str] = []
        self.runs(p, parts, self.fields)
        label = self.numbering.label(*listed) if listed and listed[0] not in ("", "0") else ""
        pieces = "".join(parts).split("\n")
        for i, piece in enumerate(pieces):
            text = " ".join(piece.replace("\t", " ").split())
            if i == 0 and label and text:
                text = f"{label} {text}"
            if text or len(pieces) == 1:
                self.add(text, heading if text else 0)

    def runs(self, el: ET.Element, parts: list[str], stack: list[list[str]]) -> None:
        """Text in reading order; complex fields' instructions gathered, their results kept as text."""
        for child in el:
            tag = local(child.tag)
            if tag == "t":
                parts.append(child.text or "")
            elif tag in ("tab", "ptab"):
                parts.append("\t")
            elif tag in ("br", "cr"):
                parts.append("\n")
            elif tag == "noBreakHyphen":
                parts.append("-")
            elif tag == "instrText" and stack:
                stack[-1][0] += child.text or ""
            elif tag == "fldChar":
                self.field_char(child, stack)
            elif tag == "bookmarkStart" and (child.get(W + "name") or "").startswith("ZOTERO_BREF_"):
                self.bookmarks[child.get(W + "name") or ""] = self.count + 1
            elif tag == "fldSimple":
                self.instruction(child.get(W + "instr") or "")
                self.runs(child, parts, stack)
            elif tag in ("r", "hyperlink", "smartTag", "ins", "sdt", "sdtContent", "customXml", "fldSimple"):
                if tag == "sdt":
                    self.content_control(child)
                self.runs(child, parts, stack)

    def field_char(self, el: ET.Element, stack: list[list[str]]) -> None:
        kind = el.get(W + "fldCharType")
        if kind == "begin":
            data = el.find(W + "fldData")
            stack.append(["", data.text or "" if data is not None else ""])
        elif kind == "end" and stack:
            instr, data = stack.pop()
            if data.strip() and "EN.CITE" in instr:
                instr = "ADDIN EN.CITE " + data  # a long EndNote citation keeps its record in the field's data
            self.instruction(instr)

    def content_control(self, el: ET.Element) -> None:
        """Mendeley Cite keeps a citation in a content control's tag: ``MENDELEY_CITATION_v3_`` + base64 JSON."""
        tag = _val(el.find(f"{W}sdtPr/{W}tag")) or ""
        if tag.startswith(fields.MENDELEY_TAG):
            self.instructions.append((fields.mendeley_tag(tag), self.count + 1))

    def instruction(self, instr: str) -> None:
        if fields.is_citation(instr):
            self.instructions.append((instr, self.count + 1))


def _part(archive: Archive, member: str) -> ET.Element | None:
    data = archive.read(member)
    return parse_xml(data, archive.name, WHAT) if data is not None else None


# Paragraphs are blocks, as a web page's elements are: the extractor reads a document of this format so (it tells
# only block documents from line-wrapped text), which is what makes a Word list come out as its HTML does.
BLOCKS = "html"


def _word_sources(archive: Archive, cited: dict[str, int]) -> list[Record]:
    """The sources Word's own citation tool keeps in a custom XML part (``b:Sources``), those cited only."""
    if not cited:
        return []
    for member in archive.names():
        if member.startswith("customXml/item") and member.endswith(".xml"):
            root = _part(archive, member)
            if root is not None and local(root.tag) == "Sources":
                return fields.word_sources(root, cited)
    return []


def _main_part(archive: Archive) -> str | None:
    """The document part: ``word/document.xml`` as Word writes it, else wherever the package's relations say."""
    if archive.has("word/document.xml"):
        return "word/document.xml"
    rels = _part(archive, "_rels/.rels")
    for rel in rels.iter() if rels is not None else ():
        if (rel.get("Type") or "").endswith("/officeDocument") and rel.get("Target"):
            return (rel.get("Target") or "").lstrip("/")
    return None


def load(data: bytes, name: str) -> Document:
    """A Word document as lines (body, then footnotes, then endnotes) and its reference managers' records."""
    archive = Archive(data, name, WHAT)
    main = _main_part(archive)
    body = _part(archive, main) if main else None
    if body is None:
        raise InputError(f"{name}: a ZIP file without a Word document part; not a Word document")
    folder = main.rsplit("/", 1)[0] + "/" if "/" in main else ""
    reader = Reader(Styles.read(_part(archive, folder + "styles.xml")),
                    Numbering.read(_part(archive, folder + "numbering.xml")))
    for child in body:
        reader.block(child)
    for member, heading, tag in (("footnotes.xml", "Notes", "footnote"), ("endnotes.xml", "Endnotes", "endnote")):
        root = _part(archive, folder + member)
        notes = [n for n in root.iter(W + tag) if n.get(W + "type") in (None, "normal")] if root is not None else []
        if notes:
            reader.add(heading, 2)
        for number, note in enumerate(notes, start=1):
            before = len(reader.lines)
            reader.block(note)
            first = next((i for i in range(before, len(reader.lines)) if reader.lines[i].text.strip()), None)
            if first is not None:  # a note keeps its number, as the printed page shows it
                line = reader.lines[first]
                reader.lines[first] = Line(line.number, f"{number}. {line.text}", 0)
    custom = _part(archive, "docProps/custom.xml")
    properties = [(p.get("name") or "", "".join(p.itertext())) for p in custom if local(p.tag) == "property"] if (
        custom is not None) else []
    records, notes = fields.records(reader.instructions + fields.bookmarked(properties, reader.bookmarks), name)
    records += _word_sources(archive, fields.word_citation_tags(reader.instructions))
    return Document(name, tuple(reader.lines), "utf-8", BLOCKS, tuple(notes), records=tuple(records))

