"""Google Scholar's MLA export joins a journal's volume and issue with a full stop: ``Nature 521.7553 (2015):
436-444``, ``Science 313.5786 (2006): 504-507``. A reading that kept ``521.7553`` as the volume is split into volume
and issue when the string prints exactly that block before the year in parentheses."""

from __future__ import annotations

import re
from dataclasses import replace

from acuref.model import Reference

_JOINED_RE = re.compile(r"(\d{1,4})\.(\d{1,5})")


def split_scholar_numbers(ref: Reference, text: str) -> Reference:
    """``ref`` with a ``volume.issue`` volume split, when ``text`` prints ``volume.issue (year)``."""
    m = _JOINED_RE.fullmatch(ref.volume or "")
    if not m or ref.issue or not re.search(rf"(?<![\d.]){re.escape(m.group(0))}\s*\((?:1[6-9]|20)\d\d\)", text):
        return ref
    return replace(ref, volume=m.group(1), issue=m.group(2))


__all__ = ["split_scholar_numbers"]
