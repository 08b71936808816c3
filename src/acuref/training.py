"""A curator's field corrections as training data (``acuref decisions export-training FILE``).

Each ``correct`` decision becomes one annotated string in the unified JSON-lines form the training script
reads (``{"raw", "spans": [[start, end, label]], "fields"}``; ``python -m tools.train --extra FILE``): the
string as printed, with a span for every field whose value (corrected, or as the parser read it) is found in
it. A field the string does not contain gets no span rather than a guess.
"""

from __future__ import annotations

import json
import re
from typing import Any

from acuref.decisions import Decision, Decisions, correct
from acuref.model import Reference
from acuref.parse.rules import parse_reference

# CSL field -> the training sets' label
LABELS = (("title", "title"), ("container_title", "journal"), ("volume", "volume"), ("issue", "issue"),
          ("page", "pages"), ("publisher", "publisher"))


def _find(raw: str, value: str, taken: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    """Where ``value`` stands in ``raw`` (case and spacing folded), outside the spans already taken."""
    words = [re.escape(w) for w in value.split()]
    if not words:
        return None
    pattern = re.compile(r"\s*".join(words).replace("\\-", "[-–—]"), re.IGNORECASE)
    for m in pattern.finditer(raw):
        if not any(s < m.end() and m.start() < e for s, e, _ in taken):
            return m.start(), m.end()
    return None


def _author_span(raw: str, ref: Reference, taken: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    """From the first author's family name to the end of the last one's (with the initials after it)."""
    first = _find(raw, ref.author[0].family or ref.author[0].literal, taken) if ref.author else None
    if not first:
        return None
    last = _find(raw[first[1]:], ref.author[-1].family or ref.author[-1].literal, []) if len(ref.author) > 1 else None
    end = first[1] + last[1] if last else first[1]
    tail = re.match(r"(?:,?\s*(?:[A-Z]\.?\s?-?){1,3})?(?:,?\s*et al\.?)?", raw[end:])
    return first[0], end + (tail.end() if tail else 0)


def annotate(decision: Decision) -> dict[str, Any]:
    """One corrected reference as an annotated string."""
    raw = decision.raw
    ref = correct(parse_reference(raw), dict(decision.fields))
    spans: list[tuple[int, int, str]] = []
    where = _author_span(raw, ref, spans)
    if where:
        spans.append((*where, "author"))
    for name, label in LABELS:
        value = getattr(ref, name)
        found = _find(raw, value, spans) if value else None
        if found:
            spans.append((*found, label))
    if ref.issued:
        found = _find(raw, str(ref.issued.year), spans)
        if found:
            spans.append((*found, "date"))
    spans.sort()
    return {"id": f"acuref/decisions:{decision.entry}", "source": "acuref/decisions", "raw": raw,
            "spans": [list(s) for s in spans],
            "fields": {label: [raw[s:e]] for s, e, label in spans}}


def export(decisions: Decisions) -> str:
    """Every ``correct`` decision as one JSON line."""
    return "".join(json.dumps(annotate(d), ensure_ascii=False) + "\n" for d in decisions.items if d.action == "correct")
