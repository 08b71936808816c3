"""Page ranges: dashes unified, abbreviated ends expanded (947–59 → 947-959); single locators left alone."""

from __future__ import annotations

import re

_RANGE_RE = re.compile(r"^\s*([A-Za-z]{0,3})(\d+)([A-Za-z]?)\s*[-–—‐‑]+\s*([A-Za-z]{0,3})(\d+)([A-Za-z]?)\s*$")


def normalize_pages(pages: str) -> str:
    """Return ``first-last`` with the last page written out in full, or the input tidied."""
    m = _RANGE_RE.match(pages)
    if not m:
        return re.sub(r"\s*[–—‐‑]+\s*", "-", pages.strip())
    pre1, first, suf1, pre2, last, suf2 = m.groups()
    if len(last) < len(first):
        expanded = first[: len(first) - len(last)] + last
        if int(expanded) >= int(first):
            last = expanded
    pre2 = pre2 or pre1
    return f"{pre1}{first}{suf1}-{pre2}{last}{suf2}"


def is_range(pages: str) -> bool:
    return bool(_RANGE_RE.match(pages))
