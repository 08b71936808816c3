"""Markup into lines: HTML block elements, Markdown, reStructuredText and plain text, each as numbered Line values with their headings marked."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from acuref.read.mdsource import front_matter, joined_links, without_comments, without_shortcodes


@dataclass(frozen=True, slots=True)
class Line:
    """One line of document text and the 1-based line of the source file it came from."""

    number: int
    text: str
    heading: int = 0  # 1-6 where the source marks the line as a heading (HTML <h2>, Markdown ##), else 0
    brk: bool = False  # the source broke the line here on purpose (<br>, a Markdown hard break) inside a block
    pre: bool = False  # a line of an HTML <pre> block: fixed-width text, joined as plain text is


_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody thead tfoot tr td th ul title caption".split()
)


_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head"})


class BlockTextParser(HTMLParser):
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
        self._brk = False  # the next line follows a <br> inside the same block
        self._link: tuple[str, int] | None = None  # an open <a> to a web address and where its text starts
        self._links: list[str] = []  # addresses of this block's links whose text is a title or a whole entry

    def _flush(self) -> None:
        text = "".join(self._buf)
        if not self._pre:
            text = re.sub(r"[ \t\r\n\f\u00a0]+", " ", text)
        text = strip_tex(text)
        if self._links and not self._pre and "://" not in text and "doi.org/" not in text and text.strip():
            text = f"{text.rstrip()} {self._links[0]}"  # printed as its text only: its address is the identifier
        self._links = []
        for i, part in enumerate(text.split("\n")):
            if part.strip():
                self.lines.append(Line((self._line_no or 1) + i, part.strip() if not self._pre else part.rstrip(),
                                       self._heading, self._brk, bool(self._pre)))
                self._brk = False
            elif self._pre and self.lines and self.lines[-1].text:
                self.lines.append(Line((self._line_no or 1) + i, "", pre=True))  # a blank line inside <pre>
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
            self._brk = tag == "br" and bool(self.lines)
            if self._heading and tag not in _HEADING_TAGS and tag != "br":
                self._heading = 0  # "<h2>References<ol><li>…" with the heading never closed: it ended here
        if tag in _HEADING_TAGS:
            self._heading = int(tag[1])
        if tag == "sup" and not "".join(self._buf).strip():
            self._sup_label = True
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self._href = href if "doi.org/10." in href else None
            self._link = (href, len(self._buf)) if href.startswith(("http://", "https://")) else None
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
            self._brk = tag == "br" and bool(self.lines)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and tag != "head":
            self._skip = max(0, self._skip - 1)
            return
        if tag == "title":
            self._in_title = False
        if tag == "sup":
            self._sup_label = False
        if tag == "a" and self._link:
            text = "".join(self._buf[self._link[1]:])
            if len(text.split()) >= 2 and "://" not in text:
                self._links.append(self._link[0])
            self._link = None
        if tag == "a" and self._href:
            doi = self._href.split("doi.org/", 1)[1]
            if doi not in "".join(self._buf[-3:]):
                self._buf.append(f" https://doi.org/{doi} ")
            self._href = None
        if tag in _BLOCK_TAGS:
            self._flush()
            self._brk = False
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
    parser = BlockTextParser()
    parser.feed(text)
    parser.close()
    return tuple(parser.lines)


# A link, its text holding at most one level of brackets: "[Smith J. [online]. 2017](https://…)".
_MD_LINK_RE = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^()\s>]+(?:\([^()\s]*\)[^()\s>]*)*)>?"
                         r"(?:\s+[\"'][^\"']*[\"'])?\s*\)")


_MD_EMPH_RE = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")


_MD_UNDERSCORE_RE = re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)")


_MD_CODE_RE = re.compile(r"`([^`]+)`")


# "## Title", and "##Title" (no space, two or more hashes), as many people write it.
_MD_HEADING_RE = re.compile(r"^\s{0,3}(?:#{1,6}(?:\s+|$)|#{2,6}(?=[^\s#]))")


_MD_FOOTNOTE_RE = re.compile(r"^\s{0,3}\[\^(\w{1,8})\]:\s*")


_MD_AUTOLINK_RE = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")


_MD_QUOTE_RE = re.compile(r"^\s{0,3}(?:>\s?)+")


_MD_TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


_HTML_BLOCK_START_RE = re.compile(
    r"^\s{0,3}<(?:ol|ul|li|p|div|table|thead|tbody|tr|td|th|dl|dt|dd|h[1-6]|blockquote|pre|section|article|"
    r"center|font|span|a\s+(?:name|id)=)[\s>/]", re.IGNORECASE)


_HTML_OPEN_RE = re.compile(r"<(ol|ul|table|div|dl|blockquote|pre)\b", re.IGNORECASE)


_HTML_CLOSE_RE = re.compile(r"</(ol|ul|table|div|dl|blockquote|pre)\s*>", re.IGNORECASE)


_BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)


_INLINE_TAG_RE = re.compile(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>")


_HREF_RE = re.compile(r"<a\s[^<>]*?href=[\"']?([^\"'\s>]+)[^<>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)


# TeX left in the text: "\textit{Title}", "\hspace{3mm}", "\&".
_TEX_SPACE_RE = re.compile(r"\\(?:[hv]space|vskip|hskip|kern|quad|qquad|noindent|newline|linebreak|par)\*?(?:\{[^{}]*\})?")
_TEX_CMD_RE = re.compile(r"\\(?:textit|textbf|textsc|textrm|textsf|texttt|emph|mbox|url|text|underline|uline|"
                         r"textup|textmd|textnormal|em|it|bf|sc)\s*\{([^{}]*)\}")
_TEX_HREF_RE = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{([^{}]*)\}")


def strip_tex(line: str) -> str:
    """TeX commands a person left in a web or text reference: formatting keeps its text, spacing goes."""
    if "\\" not in line:
        return line
    spaced = _TEX_SPACE_RE.sub("\x00", line)
    if spaced != line:  # "Title\hspace{3mm}." → "Title." (a space, but none before a stop)
        line = re.sub(r"\s*\x00+\s*(?=[.,;:])", "", spaced).replace("\x00", " ")
    line = _TEX_HREF_RE.sub(lambda m: f"{m.group(2)} {m.group(1)}" if m.group(1) not in m.group(2) else m.group(2), line)
    for _ in range(3):  # nested: \textbf{\textit{…}}
        new = _TEX_CMD_RE.sub(r"\1", line)
        if new == line:
            break
        line = new
    return re.sub(r"\\([&%$#_{}])", r"\1", line)


def _md_link(m: re.Match[str]) -> str:
    image, text, url = m.group(1), m.group(2).strip(), m.group(3)
    if image:
        return text
    # A link's target is printed by the page only as its text; keep a DOI or PubMed target (it may be the
    # reference's identifier) and a bare target whose text is empty.
    if url and url not in text and (url.startswith(("http://", "https://", "www.")) or not text):
        return f"{text} {url}".strip()
    return text


def _a_href(m: re.Match[str]) -> str:
    url, text = m.group(1), m.group(2)
    if "doi.org/10." in url and url.split("doi.org/", 1)[1] not in text:
        return f"{text} https://doi.org/{url.split('doi.org/', 1)[1]}"
    if url.startswith(("http://", "https://")) and len(text.split()) >= 2 and "://" not in text:
        return f"{text} {url}"  # a title or a whole entry as a link: its address, as a Markdown link keeps it
    return text


def _inline(line: str) -> str:
    """One Markdown line's inline markup as printed text."""
    line = _MD_AUTOLINK_RE.sub(r"\1", line)
    if "<" in line:
        line = _HREF_RE.sub(_a_href, line)
        line = _INLINE_TAG_RE.sub("", line)
    if "](" in line:
        line = _MD_LINK_RE.sub(_md_link, line)
    line = _MD_CODE_RE.sub(r"\1", line)
    line = _MD_EMPH_RE.sub(r"\2", line)
    line = _MD_UNDERSCORE_RE.sub(r"\1", line)
    line = strip_tex(line)
    if "\\" in line and "\\\\" not in line:
        line = line.replace("\\", "")
    return html.unescape(line) if "&" in line else line


def _html_block_end(rows: list[str], start: int) -> int:
    """Where an HTML block inside Markdown ends: at a blank line once its lists, tables and divisions close."""
    depth = 0
    k = start
    while k < len(rows):
        row = rows[k]
        if not row.strip() and depth <= 0 and k > start:
            return k
        depth += len(_HTML_OPEN_RE.findall(row)) - len(_HTML_CLOSE_RE.findall(row))
        k += 1
    return k


def markdown_lines(text: str) -> tuple[Line, ...]:
    """Markdown as plain lines: headings marked, links, emphasis, inline HTML and TeX as printed text, HTML
    blocks read as HTML, table rows one a line, hard breaks (``<br>``, two trailing spaces) marked; front
    matter, comments and shortcodes as the page prints them (:mod:`acuref.read.mdsource`)."""
    rows = [without_shortcodes(row) for row in without_comments(text).splitlines()]
    gone = joined_links(rows)
    out: list[Line] = []
    k, title = front_matter(rows)
    if title:  # a site generator prints the front matter's title as the page's heading
        out.append(Line(1, _inline(title), 1))
    brk = False
    while k < len(rows):
        raw = rows[k]
        if k in gone:  # the rest of a link that began on the row above
            k += 1
            continue
        if _HTML_BLOCK_START_RE.match(raw):
            end = _html_block_end(rows, k)
            out.extend(Line(line.number + k, line.text, line.heading, line.brk)
                       for line in html_lines("\n".join(rows[k:end])))
            out.extend(Line(n + 1, "") for n in range(k, end) if not rows[n].strip())
            k, brk = end, False
            continue
        k += 1
        out.extend(_markdown_line(k, raw, brk))
        brk = raw.endswith("  ") or raw.endswith("\\") or bool(re.search(r"<br\s*/?>\s*$", raw, re.IGNORECASE))
    out.sort(key=lambda line: line.number)
    return tuple(out)


_MD_LINK_DEF_RE = re.compile(r"^\s{0,3}\[[^\]^][^\]]*\]:\s*<?\S+>?(?:\s+[\"'(].*[\"')])?\s*$")


def _markdown_line(number: int, line: str, brk: bool) -> list[Line]:
    line = _MD_QUOTE_RE.sub("", line)
    if _MD_LINK_DEF_RE.match(line) and re.search(r"\]:\s*<?(?:https?://|/|\.|#|www\.)", line):
        return [Line(number, "")]  # "[1]: https://…" defines a link target; Markdown does not print it
    if _MD_TABLE_RULE_RE.match(line) and "-" in line:
        return [Line(number, "")]
    if line.lstrip().startswith("|") and line.rstrip().endswith("|") and line.count("|") >= 2:
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip()[1:-1])]
        # a table row is one entry: its cells in order, and a blank line after it so it is never joined
        return [Line(number, _inline(" ".join(c for c in cells if c)), 0, brk), Line(number, "")]
    hashes = _MD_HEADING_RE.match(line)
    level = hashes.group().count("#") if hashes and len(line) <= 120 else 0
    if level:
        line = line[hashes.end():].rstrip(" #")  # type: ignore[union-attr]
    line = _MD_FOOTNOTE_RE.sub(r"[\1] ", line)
    line = re.sub(r"^(\s*)[*+](?=\s)", r"\1-", line)
    parts = _BR_RE.split(line) if "<" in line else [line]
    out = []
    for i, part in enumerate(parts):
        text = _inline(part)
        if not text.strip() and len(parts) > 1:
            continue  # nothing before the first <br> (or after the last)
        out.append(Line(number, text.rstrip(), level, brk if i == 0 else True))
    return out


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
        out.append(Line(i, strip_tex(line)))
    return tuple(out)


def text_lines(text: str) -> tuple[Line, ...]:
    return tuple(Line(i, strip_tex(line)) for i, line in enumerate(text.splitlines(), start=1))
