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
