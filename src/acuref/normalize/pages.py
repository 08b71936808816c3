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


# "341- 346, discussion 347", "629-33 (discussion 633-4)": the pages of a discussion printed after the article's
_DISCUSSION_RE = re.compile(r"\s*[,;(]?\s*\b(?:discussion|comment(?:ary)?|author reply|reply|quiz)\b.*$", re.IGNORECASE)


def without_discussion(pages: str) -> str:
    """The article's own pages, without a discussion or reply printed after them."""
    if not re.search(r"[A-Za-z]{4}", pages):
        return pages
    return _DISCUSSION_RE.sub("", pages).strip(" ,;(") or pages
