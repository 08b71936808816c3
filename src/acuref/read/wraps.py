"""Fixed-width text: which line breaks the width forced (the entry goes on) and which the writer made (a new entry).

A reference list in a ``.txt`` file or an HTML ``<pre>`` block is wrapped at a set width, or set one entry a line,
or one entry a field a line (authors / title / journal and year) with blank lines between entries. Each block is
read as a whole to tell which of these it is, so a wrapped line joins the line above it and a new entry does not.
"""

from __future__ import annotations

import re

from acuref.normalize.text import split_label
from acuref.read.judge import IN_LIST, evidence_of, has_core
from acuref.read.lines import Line

__all__ = ["KEY_ALONE_RE", "TERMINAL_RE", "plain_lines", "wrapped"]

TERMINAL_RE = re.compile(r"[.!?)\]\"”。．！？」』]\s*$|(?:DOI|PubMed|PMC|Medline|CrossRef)\]?\s*$")


KEY_ALONE_RE = re.compile(r"^\s*(?:\[([^\]\s]{1,40})\]|(\d{1,4})[.)])\s*$")


def plain_lines(lines: list[Line], blocks: bool) -> list[Line]:
    """The lines read as plain text: all of them, or in HTML only those of <pre> blocks (others blanked)."""
    if not blocks:
        return lines
    return [line if line.pre else Line(line.number, "") for line in lines]


def wrapped(lines: list[Line]) -> list[bool | None]:
    """For each line of a block wrapped at a fixed width: whether the width forced the break after it (the
    next word would not have fitted), so the next line goes on with it; ``None`` where the block is not
    wrapped text (lines of any length, one entry each) or the line ends its block."""
    out: list[bool | None] = [None] * len(lines)
    start = 0
    while start < len(lines):
        if not lines[start].text.strip():
            start += 1
            continue
        end = start
        while end < len(lines) and lines[end].text.strip() and not lines[end].heading:
            end += 1
        block = [line.text.rstrip() for line in lines[start:end]]
        width = max(len(t) for t in block) if block else 0
        full = sum(len(t) >= width - 12 for t in block)
        if _one_entry(block):
            for i in range(len(block) - 1):
                out[start + i] = True
        elif len(block) >= 2 and _one_per_line(block) and sum(has_core(t) for t in block) >= 0.9 * len(block):
            for i in range(len(block) - 1):  # every line a whole entry with its own year: joined only to a
                nxt = block[i + 1].lstrip()    # line that cannot start one ("(1998).", "pp. 3-9", "and …")
                out[start + i] = bool(nxt) and (nxt[0].islower() or nxt[0].isdigit() or nxt[0] in "(;:,&")
        elif len(block) >= 3 and 40 <= width <= 200 and full >= max(2, len(block) // 3):
            for i in range(len(block) - 1):
                nxt = block[i + 1].lstrip()
                word = nxt.split()[0] if nxt else ""
                out[start + i] = len(block[i]) + 1 + len(word) > width - 3  # the widest line may fall short of the set width
        elif len(block) >= 3 and _one_per_line(block):
            for i in range(len(block) - 1):
                nxt = block[i + 1].lstrip()
                out[start + i] = bool(nxt) and (nxt[0].islower() or nxt[0] in "(;:,&")
        start = max(end, start + 1)
    return out


def _one_entry(block: list[str]) -> bool:
    """A short block between blank lines that is one entry set out a field a line (authors / title / journal
    and year): together it has a year or identifier, at most one line could stand alone as a reference, not
    every line has its own year, and no line after the first starts a list item or names a heading."""
    n = len(block)
    if not 2 <= n <= 8 or not has_core(" ".join(block)):
        return False
    first = block[0].strip()
    words = first.split()
    if len(words) <= 8 and not TERMINAL_RE.search(first) and "," not in first and not has_core(first):
        return False  # a heading over the entry
    if any(split_label(t.strip())[1] != t.strip() or KEY_ALONE_RE.match(t) for t in block[1:]):
        return False
    cores = [has_core(t) for t in block]
    alone = sum(c and evidence_of(t) >= IN_LIST for c, t in zip(cores, block))
    return alone <= 1 and sum(cores) < n


def _one_per_line(block: list[str]) -> bool:
    """Lines of any length, nearly all long and complete: a list with one entry per line, not wrapped text."""
    long = sum(len(t.strip()) >= 50 for t in block)
    complete = sum(bool(TERMINAL_RE.search(t)) or bool(re.search(r"\d\s*$|\S+://\S+$", t)) for t in block)
    return long >= 0.7 * len(block) and complete >= 0.7 * len(block)
