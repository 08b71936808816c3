"""Volume and issue: a supplement or part printed with the volume belongs to the issue."""

from __future__ import annotations

import re

_SUPPL_VOLUME_RE = re.compile(r"^(\S+)\s+((?:Suppl|Pt|Part|Spec No|Supplement)\.?\s*\S*)$")


def split_supplement(volume: str | None, issue: str | None) -> tuple[str | None, str | None]:
    """``33 Suppl 1`` → (``33``, ``Suppl 1``); an issue already read follows the supplement (``Suppl 2 (4)``)."""
    m = _SUPPL_VOLUME_RE.match(volume) if volume else None
    if not m:
        return volume, issue
    return m.group(1), f"{m.group(2)} {issue}".strip() if issue else m.group(2)


_VOLUME_WORD = r"(?:vols?|volume|bd|band|t(?=[.\s])|tome|tomo|v(?=[.\s])|jg|jahrgang|rocz|год|том|т(?=[.\s]))\.?"
_ISSUE_WORD = r"(?:n°|nº|n\.?º|no|nos|nr|num|núm|número|numéro|numero|heft|h(?=\.)|issue|iss|fasc|cuad|zeszyt|z(?=\.)|вып|№)\.?"
_VOLUME_ONLY_RE = re.compile(rf"^{_VOLUME_WORD}\s*(\w[\w./-]*)$", re.IGNORECASE)
_ISSUE_ONLY_RE = re.compile(rf"^{_ISSUE_WORD}\s*(\w[\w./-]*)$", re.IGNORECASE)
_PAIR_RE = re.compile(r"^(\d{1,4})(?:,\s*|\.)(\d{1,3})$")  # ACM "15, 5"; biblatex "42.4"
_BOTH_RE = re.compile(rf"^(?:{_VOLUME_WORD}\s*)?(\w[\w.-]*?)\s*[,(]?\s*{_ISSUE_WORD}\s*(\w[\w./-]*)\)?$", re.IGNORECASE)


def tidy_numbers(volume: str | None, issue: str | None) -> tuple[str | None, str | None]:
    """Printed words taken off the numbers, in the languages acuref reads: ``vol. 12`` → ``12``; a volume that is
    an issue (``n° 3``, ``Heft 2``, ``№ 11``) becomes the issue; ``9, n°3`` is volume 9, issue 3."""
    if volume:
        m = _ISSUE_ONLY_RE.match(volume)
        if m and not issue:
            return None, m.group(1)
        m = _BOTH_RE.match(volume)
        if m and not issue:
            return m.group(1), m.group(2)
        m = _VOLUME_ONLY_RE.match(volume)
        if m:
            volume = m.group(1)
        m = _PAIR_RE.match(volume)
        if m and not issue:  # ACM's "Journal 15, 5 (2011)", biblatex's "Journal 42.4 (2014)": volume and issue
            return m.group(1), m.group(2)
    if issue:
        m = _ISSUE_ONLY_RE.match(issue)
        if m:
            issue = m.group(1)
    return volume, issue
