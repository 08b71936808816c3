"""HTML into lines: block elements end lines, hidden elements and scripts are dropped, list items get their numbers back."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from acuref.read.htmlmarks import (WORKS, box_kind, chrome, footers_with_lists, is_backlink_text, is_entry,
                                   link_words_only, without_link_tail)
from acuref.read.lines import Line, strip_tex
from acuref.read.tables import row_as_entry, row_reference, table_roles


_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody thead tfoot tr td th ul title caption".split()
)


_TABLE_TAGS = frozenset({"table", "tr", "td", "th"})


_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


# Blocks that may open a list item and carry its number or bullet ("<li><p>Entry</p></li>").
_HOLD_TAGS = frozenset({"p", "div", "section", "article", "blockquote", "dd", "dt", "figure", "address", "header",
                        "main", "footer", "aside", "form", "fieldset"})


_MARKER_ONLY_RE = re.compile(r"\s*(?:•|\d{1,7}\.)\s*")


_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head"})


_VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())


# The back-links a note opens with when its markup does not mark them: "↑", "^ a b", "↑ 1 2".
_BACKLINKS_RE = re.compile(r"^(\d{1,5}\. |• )?[↑^]\s*(?:(?:[a-z]{1,2}|\d{1,2}(?:[.,]\d{1,2})?)\s+)*")


_INLINE_STYLE_RE = re.compile(r"display\s*:\s*(?:inline|-webkit-inline)", re.IGNORECASE)


def _inline_block(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """A <div> or <p> its style sets inline (a badge a browser add-on put inside an entry): it breaks no line."""
    return tag in ("div", "span", "p") and any(k == "style" and v and _INLINE_STYLE_RE.search(v) for k, v in attrs)


def _is_hidden(attrs: list[tuple[str, str | None]]) -> bool:
    """An element the page does not show: ``hidden``, ``display: none``, or a class that hides it (an abstract
    or a BibTeX block a button shows on a publication page)."""
    for key, value in attrs:
        if key == "hidden":
            return True
        if key == "style" and value and re.search(r"display\s*:\s*none", value, re.IGNORECASE):
            return True
        if key == "class" and value and {"hidden", "d-none"} & set(value.lower().split()):
            return True
    return False


class BlockTextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self._buf: list[str] = []
        self._line_no: int | None = None
        self._skip = 0
        self._pre = 0
        self._lists: list[list[int | None]] = []  # [counter or None for <ul>, first line of the open <li>]
        self._in_title = False
        self._sup_label = False  # a <sup> that opens a block is its reference number
        self._href: str | None = None  # a doi.org link whose DOI the link text may not show
        self._heading = 0
        self._brk = False  # the next line follows a <br> inside the same block
        self._link: tuple[str, int] | None = None  # an open <a> to a web address and where its text starts
        self._links: list[str] = []  # addresses of this block's links whose text is a title or a whole entry
        self._hidden: list[list[str | int]] = []  # [tag, depth] of an element the page does not show
        self._dt = False  # inside a <dt>: a term alone is the label of the <dd> after it
        self._tables: list[_Table] = []
        self._boxes: list[list[str | int]] = []  # [tag, depth, kind, number] of an open reference container
        self._box_count = 0
        self._back: int | None = None  # where an open back-link's text starts in the buffer
        self._inline: list[list[str | int]] = []  # [tag, depth] of a block its style sets inline
        self._quote = 0  # open <blockquote> elements: a <footer> inside one names the quotation's source
        self.kept_footers: set[tuple[int, int]] = set()
        self._coins = False  # the open block holds a COinS span (<span class="Z3988" title="ctx_ver=…">)

    def _flush(self, hold: bool = False) -> None:
        text = "".join(self._buf)
        if self._lists and _MARKER_ONLY_RE.fullmatch(text):
            if not hold:  # an empty item prints only its bullet
                self._buf, self._line_no = [], None
            return  # "<li><p>…": the item's number or bullet goes with its first block
        if not self._pre:
            text = re.sub(r"[ \t\r\n\f\u00a0]+", " ", text)
        text = strip_tex(text)
        if "↩" in text:
            text = text.replace("↩\ufe0e", "").replace("↩", "")  # a footnote's link back to the text
        box, sure = (int(self._boxes[0][3]), any(b[2] == WORKS for b in self._boxes)) if self._boxes else (0, False)
        if self._coins and not box and text.strip():
            self._box_count += 1  # a block with COinS metadata in it cites a work: a bibliography of one entry
            box, sure = self._box_count, True
        self._coins = False
        if box:
            text = _BACKLINKS_RE.sub(r"\1", text)  # "↑ a b Title …": a note's links back to where it is cited
        if self._dt and re.fullmatch(r"\s*[\w.:+-]{1,40}\s*", text):
            text = f"[{text.strip()}]"  # Sphinx and docutils set a citation's label as a <dt>
        text = without_link_tail(text)
        if not self._heading and link_words_only(text) and not self._links:
            text = ""  # "Article  Google Scholar" under an entry: the names of links, not text of the entry
        if self._links and not self._pre and "://" not in text and "doi.org/" not in text and text.strip():
            text = f"{text.rstrip()} {self._links[0]}"  # printed as its text only: its address is the identifier
        self._links = []
        for i, part in enumerate(text.split("\n")):
            if part.strip():
                # A further block inside a list item (<li><div>title</div><div>authors</div>…) goes on with it.
                within = bool(self._lists) and self._lists[-1][1] is not None and len(self.lines) > self._lists[-1][1]
                self.lines.append(Line((self._line_no or 1) + i, part.strip() if not self._pre else part.rstrip(),
                                       self._heading, self._brk or (within and not self._pre), bool(self._pre),
                                       box=box, sure=sure))
                self._brk = False
            elif self._pre and self.lines and self.lines[-1].text:
                self.lines.append(Line((self._line_no or 1) + i, "", pre=True))  # a blank line inside <pre>
        self._buf = []
        self._line_no = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS and tag != "head":
            self._skip += 1
            return
        if tag not in _VOID_TAGS:
            self._counted_start(tag, attrs)
        if tag == "dt":
            self._dt = True
        if tag == "title":
            self._in_title = True
        if tag in _BLOCK_TAGS and (self._in_entry() or self._inline) and tag not in ("br", "hr", "pre"):
            self._buf.append("" if self._inline else " ")  # one entry set out in blocks (a CSL margin, its text)
        elif tag in _BLOCK_TAGS:
            self._flush(hold=tag in _HOLD_TAGS)
            self._brk = tag == "br" and bool(self.lines)
            if tag in _TABLE_TAGS:
                self._table_start(tag)
            if self._heading and tag not in _HEADING_TAGS and tag != "br":
                self._heading = 0  # "<h2>References<ol><li>…" with the heading never closed: it ended here
        if tag in _HEADING_TAGS:
            self._heading = int(tag[1])
        if tag == "span" and "z3988" in (dict(attrs).get("class") or "").lower().split():
            self._coins = True
        if tag == "sup" and not "".join(self._buf).strip():
            self._sup_label = True
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self._href = href if "doi.org/10." in href else None
            self._link = (href, len(self._buf)) if href.startswith(("http://", "https://")) else None
            self._back = len(self._buf) if (dict(attrs).get("role") or "").lower() == "doc-backlink" else None
        if tag == "pre":
            self._pre += 1
        if tag == "blockquote":
            self._quote += 1
        if tag == "ol":
            start = dict(attrs).get("start")
            self._lists.append([int(start) - 1 if start and start.isdigit() else 0, None])
        elif tag == "ul":
            self._lists.append([None, None])
        elif tag == "li":
            if self._lists:
                self._lists[-1][1] = len(self.lines)
            marker = "• "
            if self._lists and self._lists[-1][0] is not None:
                value = dict(attrs).get("value")
                n = int(value) if value and value.isdigit() else (self._lists[-1][0] or 0) + 1
                self._lists[-1][0] = n
                marker = f"{n}. "
            if not self._skip:
                self._line_no = self.getpos()[0]
                self._buf.append(marker)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self._flush()
            self._brk = tag == "br" and bool(self.lines)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and tag != "head":
            self._skip = max(0, self._skip - 1)
            return
        if self._hidden and tag == self._hidden[-1][0]:
            self._hidden[-1][1] -= 1  # type: ignore[operator]
            if not self._hidden[-1][1]:
                self._hidden.pop()
                self._skip = max(0, self._skip - 1)
        if tag == "title":
            self._in_title = False
        if tag == "sup":
            self._sup_label = False
        if tag == "a" and self._back is not None:
            if self._back <= len(self._buf) and is_backlink_text("".join(self._buf[self._back:])):
                del self._buf[self._back:]  # "↩", "^": a footnote's way back, not its text ("[Knuth84]" stays)
            self._back = None
        if tag == "a" and self._link:
            text = "".join(self._buf[self._link[1]:])
            if len(text.split()) >= 2 and "://" not in text and not link_words_only(text):
                self._links.append(self._link[0])
            self._link = None
        if tag == "a" and self._href:
            doi = self._href.split("doi.org/", 1)[1]
            if doi not in "".join(self._buf[-3:]):
                self._buf.append(f" https://doi.org/{doi} ")
            self._href = None
        inline = bool(self._inline)
        if self._inline and tag == self._inline[-1][0]:
            self._inline[-1][1] -= 1  # type: ignore[operator]
            if not self._inline[-1][1]:
                self._inline.pop()
        if tag in _BLOCK_TAGS and (self._in_entry() or inline) and tag not in ("br", "hr", "pre"):
            self._buf.append("" if inline else " ")
        elif tag in _BLOCK_TAGS:
            self._flush()
            self._brk = False
            if tag in _TABLE_TAGS:
                self._table_end(tag)
        if tag in _HEADING_TAGS:
            self._heading = 0
        if tag == "li" and self._lists:
            self._lists[-1][1] = None
        if tag == "dt":
            self._dt = False
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag == "blockquote":
            self._quote = max(0, self._quote - 1)
        if tag in ("ol", "ul") and self._lists:
            self._lists.pop()
        if self._boxes:
            self._box_end(tag)

    def _kept(self, tag: str) -> bool:
        """A footer that is no chrome: a quotation's source line, or an article's footer with its sources listed."""
        return tag == "footer" and (self._quote > 0 or self.getpos() in self.kept_footers)

    def _counted_start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """An element that opens: one the page hides or that is chrome is skipped whole; containers, and blocks
        styled inline, are counted so their end is known."""
        if self._hidden and tag == self._hidden[-1][0]:
            self._hidden[-1][1] += 1  # type: ignore[operator]
        elif _is_hidden(attrs) or (chrome(tag, dict(attrs)) and not self._kept(tag)):
            if tag in _BLOCK_TAGS and not self._skip and not _is_hidden(attrs):
                # Navigation ends what came before it, as its own headings ("Navigation menu") did when read.
                self._flush()
                self.lines.append(Line(self.getpos()[0], "Navigation", 1))
            self._hidden.append([tag, 1])
            self._skip += 1
        self._box_start(tag, attrs)
        if self._inline and tag == self._inline[-1][0]:
            self._inline[-1][1] += 1  # type: ignore[operator]
        elif _inline_block(tag, attrs):
            self._inline.append([tag, 1])

    def _box_start(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Count an element into the open containers; one the markup names a reference container opens."""
        for box in self._boxes:
            if box[0] == tag:
                box[1] += 1  # type: ignore[operator]
        kind = box_kind(tag, dict(attrs))
        if kind:
            self._flush(hold=True)
            if not self._boxes:
                self._box_count += 1
            self._boxes.append([tag, 1, kind, self._box_count, is_entry(tag, dict(attrs))])

    def _in_entry(self) -> bool:
        return any(box[4] for box in self._boxes)

    def _box_end(self, tag: str) -> None:
        """Close the containers this end tag closes (and any opened inside them that were never closed)."""
        for box in self._boxes:
            if box[0] == tag:
                box[1] -= 1  # type: ignore[operator]
        for k, box in enumerate(self._boxes):
            if int(box[1]) <= 0:
                self._flush()
                del self._boxes[k:]
                break

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
        while self._tables:
            self._table_end("table")

    def _table_start(self, tag: str) -> None:
        if tag == "table":
            self._tables.append(_Table())
        if not self._tables:
            return
        table = self._tables[-1]
        if tag == "tr":
            self._row_end(table)
            table.row, table.cells = len(self.lines), []
        elif tag in ("td", "th") and table.row is not None:
            self._cell_end(table)
            table.cell = len(self.lines)

    def _table_end(self, tag: str) -> None:
        if not self._tables:
            return
        table = self._tables[-1]
        if tag in ("td", "th"):
            self._cell_end(table)
        elif tag in ("tr", "table"):
            self._row_end(table)
            if tag == "table":
                self._tables.pop()

    def _cell_end(self, table: _Table) -> None:
        if table.cell is not None:
            table.cells.append(" ".join(line.text.strip() for line in self.lines[table.cell:]))
            table.cell = None

    def _row_end(self, table: _Table) -> None:
        """A row of a table of works becomes one entry in citation order; its header row goes (see tables.py)."""
        self._cell_end(table)
        start, cells = table.row, table.cells
        table.row, table.cells = None, []
        if start is None:
            return
        first, table.first = table.first, False
        if first:
            table.roles = table_roles(cells)
        entry = row_as_entry(cells) if not table.roles else None
        if first and table.roles:
            del self.lines[start:]
        elif entry:  # a row whose cells read as one reference together: one entry, not a heap of fragments
            held = self.lines[start] if len(self.lines) > start else Line(self.getpos()[0], "")
            del self.lines[start:]
            self.lines.append(Line(held.number, f"• {entry}", box=held.box, sure=held.sure))
        elif table.roles:
            ref = row_reference(table.roles, cells)
            number = self.lines[start].number if len(self.lines) > start else self.getpos()[0]
            del self.lines[start:]
            if ref:
                self.lines.append(Line(number, f"• {ref}", work=True))


class _Table:
    """An open <table>: the roles its header names (None: not a table of works), and the row and cell read."""

    __slots__ = ("cell", "cells", "first", "roles", "row")

    def __init__(self) -> None:
        self.roles: list[str | None] | None = None
        self.first = True
        self.row: int | None = None  # the first line of the open row
        self.cells: list[str] = []
        self.cell: int | None = None  # the first line of the open cell


def html_lines(text: str) -> tuple[Line, ...]:
    parser = BlockTextParser()
    parser.kept_footers = footers_with_lists(text)
    parser.feed(text)
    parser.close()
    return tuple(parser.lines)
