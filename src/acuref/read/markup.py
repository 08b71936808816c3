"""Markup into lines: Markdown, reStructuredText and plain text, each as numbered Line values with their headings marked (HTML in :mod:`acuref.read.htmltext`)."""

from __future__ import annotations

import html
import re
from dataclasses import replace

from acuref.read.htmltext import BlockTextParser, html_lines
from acuref.read.judge import has_core
from acuref.normalize.text import split_label
from acuref.read.lines import Line, strip_tex
from acuref.read.mdsource import (admonitions, footnote_rows, front_matter, joined_links, reference_links,
                                  without_comments, without_shortcodes)
from acuref.read.tables import row_reference, table_roles

__all__ = ["BlockTextParser", "Line", "html_lines", "markdown_lines", "rst_lines", "strip_tex", "text_lines"]


# A link, its text holding at most one level of brackets: "[Smith J. [online]. 2017](https://…)".
_MD_LINK_RE = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^()\s>]+(?:\([^()\s]*\)[^()\s>]*)*)>?"
                         r"(?:\s+[\"'][^\"']*[\"'])?\s*\)")


_MD_EMPH_RE = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")


_MD_UNDERSCORE_RE = re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)")


# A wiki link (Obsidian, Foam, MediaWiki-style Markdown): "[[Page]]", "[[Page|shown text]]", "[[Page#part]]";
# not "[[pdf]](https://…)", a Markdown link whose text is in brackets.
_WIKI_LINK_RE = re.compile(r"\[\[([^\[\]|#]*)(?:#[^\[\]|]*)?(?:\|([^\[\]]*))?\]\](?!\()")


_MD_CODE_RE = re.compile(r"`([^`]+)`")


# "## Title", and "##Title" (no space, two or more hashes), as many people write it.
_MD_HEADING_RE = re.compile(r"^\s{0,3}(?:#{1,6}(?:\s+|$)|#{2,6}(?=[^\s#]))")


_MD_FOOTNOTE_RE = re.compile(r"^\s{0,3}\[\^(\w{1,8})\]:\s*")


_MD_AUTOLINK_RE = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")


_MD_QUOTE_RE = re.compile(r"^\s{0,3}(?:>\s?)+")


# A table's delimiter row; GitHub and pandoc take one dash a column (":-:"), as short tables are written.
# Matched on the stripped row: a leading "\s*" before the optional pipe backtracked over every indented line.
_MD_TABLE_RULE_RE = re.compile(r"\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?")


def _table_rule(row: str) -> bool:
    """Whether a row is a table's delimiter row (``|---|:-:|``)."""
    row = row.strip()
    return "-" in row and _MD_TABLE_RULE_RE.fullmatch(row) is not None


_HTML_BLOCK_START_RE = re.compile(
    r"^\s{0,3}<(?:ol|ul|li|p|div|table|thead|tbody|tr|td|th|dl|dt|dd|h[1-6]|blockquote|pre|section|article|"
    r"center|font|span|a\s+(?:name|id)=)[\s>/]", re.IGNORECASE)


_HTML_OPEN_RE = re.compile(r"<(ol|ul|table|div|dl|blockquote|pre)\b", re.IGNORECASE)


_HTML_CLOSE_RE = re.compile(r"</(ol|ul|table|div|dl|blockquote|pre)\s*>", re.IGNORECASE)


# A block tag that asks for Markdown inside it (kramdown, Python-Markdown, PHP Markdown Extra:
# ``<div class="bibliography" markdown="1">``): the tag is not printed and what it wraps is read as Markdown.
_MD_IN_HTML_RE = re.compile(r"^\s{0,3}<(?:div|section|article|aside|main|span)\b[^<>]*\smarkdown\s*=\s*[\"']?"
                            r"(?:1|block|span)\b[^<>]*>\s*$", re.IGNORECASE)


_BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)


_INLINE_TAG_RE = re.compile(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>")


_HREF_RE = re.compile(r"<a\s[^<>]*?href=[\"']?([^\"'\s>]+)[^<>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)


def _md_link(m: re.Match[str]) -> str:
    image, text, url = m.group(1), m.group(2).strip(), m.group(3)
    if image:
        return text
    # A link's target is printed by the page only as its text; keep a DOI or PubMed target (it may be the
    # reference's identifier) and a bare target whose text is empty.
    if url and url not in text and (url.startswith(("http://", "https://", "www.")) or not text):
        if text.strip("[]() ").lower() in _LINK_WORDS:
            return url  # "[Online](https://…)", "[[pdf]](…)": the word only names the link, the address is the field
        return f"{text} {url}".strip()
    return text


# Link texts that say only what the link is, in the languages of the pages acuref reads.
_LINK_WORDS = frozenset("online url link here hier ici aquí aqui qui web website enlace online-version volltext "
                        "verfügbar disponible".split())


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
    if "[[" in line:
        line = _WIKI_LINK_RE.sub(lambda m: (m.group(2) or m.group(1)).strip(), line)
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


# "12.[smith_speech] Smith, J.: …": a numbered entry with its citation key and no space after the number, which
# Markdown does not take for a list item (the lines would run into one paragraph), though each is an entry.
_KEYED_NUMBER_RE = re.compile(r"^(\s{0,3})(\d{1,6})\.\[[^\[\]\s]{1,40}\](?!\()\s*(?=\S)")


_MD_ITEM_RE = re.compile(r"^(\s*)(?:[-*+]|\d{1,4}[.)])\s+(?=\S)")


# A bullet at the head of a heading's text ("###### - vgl. …"); a number is not one ("## 2. Methods").
_HEADING_BULLET_RE = re.compile(r"^[-*+]\s+(?=\S)")


_ONLY_URLS_RE = re.compile(r"^(?:(?:https?://|www\.|doi:\s?)\S+\s*)+$", re.IGNORECASE)


def _list_rows(rows: list[str]) -> None:
    """List items as a reader sees them: a keyed number ("3.[key] …") starts an entry; a nested item holding
    only the entry's address (``- https://…`` under it, alone) is a line of that entry, not an entry of its own."""
    for k, row in enumerate(rows):
        m = _KEYED_NUMBER_RE.match(row)
        if m:
            rows[k] = f"{m.group(1)}{m.group(2)}. {row[m.end():]}"
            continue
        item = _MD_ITEM_RE.match(row)
        if not item or k == 0 or not _ONLY_URLS_RE.match(_inline(row[item.end():]).strip()):
            continue
        parent = _MD_ITEM_RE.match(rows[k - 1])
        sibling = _MD_ITEM_RE.match(rows[k + 1]) if k + 1 < len(rows) else None
        depth = len(item.group(1))
        if parent and len(parent.group(1)) < depth and not (sibling and len(sibling.group(1)) == depth):
            rows[k] = item.group(1) + row[item.end():]


def markdown_lines(text: str) -> tuple[Line, ...]:
    """Markdown as plain lines: headings marked, links, emphasis, inline HTML and TeX as printed text, HTML
    blocks read as HTML, table rows one a line, hard breaks (``<br>``, two trailing spaces) marked; front
    matter, comments and shortcodes as the page prints them (:mod:`acuref.read.mdsource`)."""
    rows = [without_shortcodes(row) for row in without_comments(text).splitlines()]
    gone = joined_links(rows)
    reference_links(rows)
    _list_rows(rows)
    admonitions(rows)
    out: list[Line] = []
    notes = footnote_rows(rows)
    k, title = front_matter(rows)
    if title:  # a site generator prints the front matter's title as the page's heading
        out.append(Line(1, _inline(title), 1))
    brk = False
    while k < len(rows):
        raw = rows[k]
        if k in gone:  # the rest of a link that began on the row above
            k += 1
            continue
        if "|" in raw and k + 1 < len(rows) and "|" in rows[k + 1] and _table_rule(rows[k + 1]):
            roles = table_roles([_inline(c) for c in _cells(raw)])
            if roles:  # a table of works: each row one entry, its fields in citation order
                end = _table_of_works(rows, k, roles, out)
                k, brk = end, False
                continue
        if _MD_IN_HTML_RE.match(raw):
            out.append(Line(k + 1, ""))
            k += 1
            continue
        if _HTML_BLOCK_START_RE.match(raw):
            end = _html_block_end(rows, k)
            out.extend(Line(line.number + k, line.text, line.heading, line.brk, work=line.work)
                       for line in html_lines("\n".join(rows[k:end])))
            out.extend(Line(n + 1, "") for n in range(k, end) if not rows[n].strip())
            k, brk = end, False
            continue
        k += 1
        box = notes.get(k - 1, 0)
        out.extend(replace(line, box=box) if box else line for line in _markdown_line(k, raw, brk))
        brk = raw.endswith("  ") or raw.endswith("\\") or bool(re.search(r"<br\s*/?>\s*$", raw, re.IGNORECASE))
    out.sort(key=lambda line: line.number)
    return tuple(out)


def _cells(row: str) -> list[str]:
    """A Markdown table row's cells (outer pipes optional, ``\\|`` kept inside a cell)."""
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)]


def _table_of_works(rows: list[str], k: int, roles: list[str | None], out: list[Line]) -> int:
    """The rows of a table of works as list entries (header and rule lines blank); the row after the table."""
    out.extend((Line(k + 1, ""), Line(k + 2, "")))
    end = k + 2
    while end < len(rows) and "|" in rows[end] and rows[end].strip():
        ref = row_reference(roles, [_inline(c) for c in _cells(rows[end])])
        out.extend((Line(end + 1, f"• {ref}" if ref else "", work=bool(ref)), Line(end + 1, "")))
        end += 1
    return end


_MD_LINK_DEF_RE = re.compile(r"^\s{0,3}\[[^\]^][^\]]*\]:\s*<?\S+>?(?:\s+[\"'(].*[\"')])?\s*$")


def _markdown_line(number: int, line: str, brk: bool) -> list[Line]:
    line = _MD_QUOTE_RE.sub("", line)
    if _MD_LINK_DEF_RE.match(line) and re.search(r"\]:\s*<?(?:https?://|/|\.|#|www\.)", line):
        return [Line(number, "")]  # "[1]: https://…" defines a link target; Markdown does not print it
    if _table_rule(line):
        return [Line(number, "")]
    if line.lstrip().startswith("|") and line.rstrip().endswith("|") and line.count("|") >= 2:
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip()[1:-1])]
        # a table row is one entry: its cells in order, and a blank line after it so it is never joined
        return [Line(number, _inline(" ".join(c for c in cells if c)), 0, brk), Line(number, "")]
    hashes = _MD_HEADING_RE.match(line)
    level = hashes.group().count("#") if hashes else 0
    if hashes:
        line = line[hashes.end():].rstrip(" #")
        # A long "heading", or one that starts with a list marker ("###### - vgl. Family, Title …", entries set
        # in a heading's font), is an entry, not a heading over one.
        if len(line) > 120 or _HEADING_BULLET_RE.match(line):
            level = 0
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


# An auto-numbered list item: "#. Text", "#) Text", "(#) Text".
_RST_AUTO_RE = re.compile(r"^(\s*)(?:#\.|#\)|\(#\))\s+(?=\S)")


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
    auto = 0  # the number rst gives the next "#." item of an auto-numbered list
    for i, line in enumerate(text.splitlines(), start=1):
        m = _RST_CITATION_RE.match(line)  # citations and footnotes alike: [Label], [1], [#], [#note], [*]
        auto_item = _RST_AUTO_RE.match(line)
        if m:
            line = f"{m.group(1)}{m.group(2)} {line[m.end():]}"
        elif auto_item:
            auto += 1
            line = f"{auto_item.group(1)}{auto}. {line[auto_item.end():]}"
        elif _RST_DIRECTIVE_RE.match(line):
            line = ""
        if not auto_item and line.strip() and not line[:1].isspace():
            auto = 0  # a paragraph or heading at the margin: the next "#." list starts again at 1
        line = _RST_ID_ROLE_RE.sub(_rst_id, line)
        line = _RST_ROLE_RE.sub(r"\1", line)
        line = _RST_LINK_RE.sub(r"\1 \2", line)
        line = _RST_LITERAL_RE.sub(lambda mm: mm.group(1) or mm.group(2), line)
        out.append(Line(i, strip_tex(line)))
    return tuple(out)


def text_lines(text: str) -> tuple[Line, ...]:
    """Plain text as lines; entries numbered without a stop ("7 Family I. Title… 1985.") read as numbered items."""
    lines = [Line(i, strip_tex(line)) for i, line in enumerate(text.splitlines(), start=1)]
    return tuple(_bare_numbers(lines))


# "12 Family I. Title // Journal. 1989." at the head of a line: a number with no stop or bracket after it.
_BARE_NUMBER_RE = re.compile(r"^(\s{0,3})(\d{1,4})\s+(?=[^\W\d_]|[\"“«„(\[])")


_BARE_RUN_MIN = 3


def _bare_numbers(lines: list[Line]) -> list[Line]:
    """Entries numbered "1 …", "2 …", "3 …" (no stop after the number; most with a year) as numbered items
    ("1. …"). The lines under one up to the next blank line or entry come after a break, so a complete entry
    keeps its notes apart ("cited by: [3]"), and a line there that starts like a list item ("1) the figure …")
    is a note. A numbered heading ("2 Methods": short, no year) is left alone."""
    heads = []
    for k, line in enumerate(lines):
        m = _BARE_NUMBER_RE.match(line.text)
        if m and (len(line.text.split()) >= 6 or has_core(line.text)):
            heads.append((k, int(m.group(2)), m))
    runs: list[list[tuple[int, int, re.Match[str]]]] = [[]]
    for head in heads:
        if runs[-1] and head[1] != runs[-1][-1][1] + 1:
            runs.append([])
        runs[-1].append(head)
    out = list(lines)
    for run in runs:
        starts = {k for k, _, _ in run}
        blocks = [(k, _block_end(lines, k, starts)) for k, _, _ in run]
        dated = sum(has_core(" ".join(line.text for line in lines[k:end])) for k, end in blocks)
        if len(run) < _BARE_RUN_MIN or dated < 0.6 * len(run):
            continue
        for (k, number, m), (_, end) in zip(run, blocks):
            out[k] = Line(lines[k].number, f"{m.group(1)}{number}. {lines[k].text[m.end():]}")
            for j in range(k + 1, end):
                note = bool(split_label(lines[j].text.strip())[0])
                out[j] = Line(lines[j].number, lines[j].text, brk=True, note=note)
    return out


def _block_end(lines: list[Line], k: int, starts: set[int]) -> int:
    """Where the entry starting at line ``k`` ends: at a blank line or the next entry."""
    j = k + 1
    while j < len(lines) and lines[j].text.strip() and j not in starts:
        j += 1
    return j
