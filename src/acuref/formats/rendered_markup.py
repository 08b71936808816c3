"""The markup of a rendered bibliography: text, HTML and Markdown from one citeproc-py rendering.

citeproc-py writes a style's affixes and delimiters without passing them through a formatter's escaping, so
escaping there would miss the ``[1]`` of a numbered style or an ``&`` in a prefix. Instead citeproc-py renders
with emphasis marked by private-use characters, and each markup escapes the whole entry, then turns the marks
into its own emphasis: a title's ``<`` or ``*`` is never read as markup.
"""

from __future__ import annotations

import html
import re
from types import SimpleNamespace
from typing import Any

# One pair of private-use characters per emphasis citeproc-py knows; text never holds them (preformat drops them).
_KINDS = ("italic", "bold", "light", "underline", "superscript", "subscript", "smallcaps")
_OPEN = {kind: chr(0xE000 + 2 * i) for i, kind in enumerate(_KINDS)}
_CLOSE = {kind: chr(0xE001 + 2 * i) for i, kind in enumerate(_KINDS)}
FIELD = "\ue00e"  # the end of a second-field-align style's first field
_MARKS = re.compile("[\ue000-\ue00e]")


def _wrapper(kind: str) -> type:
    class Marked(str):
        def __new__(cls, text: str) -> Marked:
            return super().__new__(cls, f"{_OPEN[kind]}{text}{_CLOSE[kind]}" if text else "")
    return Marked


FORMATTER: Any = SimpleNamespace(
    preformat=lambda text: _MARKS.sub("", str(text)),
    Italic=_wrapper("italic"), Oblique=_wrapper("italic"), Bold=_wrapper("bold"), Light=_wrapper("light"),
    Underline=_wrapper("underline"), Superscript=_wrapper("superscript"), Subscript=_wrapper("subscript"),
    SmallCaps=_wrapper("smallcaps"),
)

# Valid HTML, with the elements and inline styles citeproc-js writes.
_HTML_TAGS = {"italic": ("<i>", "</i>"), "bold": ("<b>", "</b>"),
              "light": ('<span style="font-weight:normal;">', "</span>"),
              "underline": ('<span style="text-decoration:underline;">', "</span>"),
              "superscript": ("<sup>", "</sup>"), "subscript": ("<sub>", "</sub>"),
              "smallcaps": ('<span style="font-variant:small-caps;">', "</span>")}
# CommonMark has no underline, light or small capitals: those stay plain text.
_MARKDOWN_TAGS = {"italic": ("*", "*"), "bold": ("**", "**"), "superscript": ("<sup>", "</sup>"),
                  "subscript": ("<sub>", "</sub>")}

# What CommonMark would read as markup inside a line: emphasis, code, links, raw HTML, entities, escapes.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>]|&(?=#?\w+;))")
# ... and at the start of a line: a heading, a quote, a list item ("1." of a numbered style), a rule.
_MD_LINE_START = re.compile(r"^(\d{1,9})([.)])|^([#>+=-])")


def _unmark(text: str, tags: dict[str, tuple[str, str]]) -> str:
    for kind in _KINDS:
        before, after = tags.get(kind, ("", ""))
        text = text.replace(_OPEN[kind], before).replace(_CLOSE[kind], after)
    return text


def entry(marked: str, markup: str) -> str:
    """One rendered entry in ``text``, ``html`` or ``markdown``, from citeproc-py's marked rendering."""
    if markup == "html":
        body = _unmark(html.escape(marked, quote=False), _HTML_TAGS)
        if FIELD not in body:
            return body
        left, right = body.split(FIELD, 1)
        right = right.replace(FIELD, "")
        return f'<div class="csl-left-margin">{left}</div><div class="csl-right-inline">{right}</div>'
    marked = marked.replace(FIELD, " ")
    if markup == "markdown":
        escaped = _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}",
                                     _MD_SPECIAL.sub(r"\\\1", marked))
        return _unmark(escaped, _MARKDOWN_TAGS)
    return _unmark(marked, {})


def document(entries: list[str], markup: str) -> str:
    """The whole output: text one entry a line; Markdown one paragraph an entry; HTML the ``csl-bib-body``
    fragment citeproc-js writes (a ``div`` to paste into a page, not a page)."""
    if markup == "html":
        body = "".join(f'  <div class="csl-entry">{e}</div>\n' for e in entries)
        return f'<div class="csl-bib-body">\n{body}</div>\n'
    if markup == "markdown":
        return "\n".join(f"{e}\n" for e in entries)
    return "".join(f"{e}\n" for e in entries)
