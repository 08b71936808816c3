"""Control characters: no text acuref reads keeps them, and no output it writes carries one."""

from __future__ import annotations

import re

# C0 controls and DEL, but tab, line feed, form feed (a PDF page break) and carriage return.
CONTROLS_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def without_controls(text: str) -> str:
    """``text`` without control characters: a NUL in a title must not reach a .bib (bibtex stops there)."""
    return CONTROLS_RE.sub("", text) if not text.isprintable() else text
