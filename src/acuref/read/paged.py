"""A paged text's page furniture: the footers, running headers and blank lines a page break leaves in a list."""

from __future__ import annotations

import re
from collections import Counter

from acuref.read.lines import Line

__all__ = ["without_page_furniture"]


# A paged text's footer: "de Jong        [Page 21]", "Page 3 of 12" (RFCs, Internet-Drafts, printed plain text).
_FOOTER_RE = re.compile(r"(?:^|\s{2,})\[?(?:page|seite|página|pagina|strona|sida|side|стр\.?)\s+\d{1,4}"
                        r"(?:\s+(?:of|von|de|di|z|из|sur)\s+\d{1,4})?\]?\s*$", re.IGNORECASE)


def without_page_furniture(lines: list[Line], blocks: bool) -> list[Line]:
    """A paged text without its page breaks: each footer, the running header after it (a line the document
    repeats) and the blank lines around them go, so an entry broken by a page runs on across it."""
    plain = [not line.heading and (line.pre or not blocks) for line in lines]
    footers = [k for k, line in enumerate(lines) if plain[k] and len(line.text) <= 120 and _FOOTER_RE.search(line.text)]
    if len(footers) < 2:
        return lines
    counts = Counter(line.text.strip() for k, line in enumerate(lines) if plain[k])
    drop: set[int] = set(footers)

    def blanks(j: int, step: int) -> int:
        while 0 <= j < len(lines) and plain[j] and not lines[j].text.strip():
            drop.add(j)
            j += step
        return j

    for k in footers:
        blanks(k - 1, -1)
        j = blanks(k + 1, 1)
        if j < len(lines) and plain[j] and counts[lines[j].text.strip()] >= 2 and len(lines[j].text.strip()) <= 100:
            drop.add(j)
            blanks(j + 1, 1)
    return [line for k, line in enumerate(lines) if k not in drop]
