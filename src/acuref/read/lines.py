"""A document's lines as extraction reads them, and TeX commands left in them taken out."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    """One line of document text and the 1-based line of the source file it came from."""

    number: int
    text: str
    heading: int = 0  # 1-6 where the source marks the line as a heading (HTML <h2>, Markdown ##), else 0
    brk: bool = False  # the source broke the line here on purpose (<br>, a Markdown hard break) inside a block
    pre: bool = False  # a line of an HTML <pre> block: fixed-width text, joined as plain text is
    work: bool = False  # a row of a table whose header names its columns title, authors, year … (tables.py)
    note: bool = False  # a line the reader knows is a note on the entry above ("1) the figure is wrong"), not an entry
    box: int = 0  # the reference container the markup puts the line in (its number, from 1; htmlmarks.py), or 0
    sure: bool = False  # that container holds works only (a bibliography), not notes and works mixed


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
