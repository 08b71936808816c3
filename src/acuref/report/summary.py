"""The ``--report`` JSON: what was found where, and what went wrong. Later stages add keys."""

from __future__ import annotations

import json
from typing import Any

from acuref._version import __version__
from acuref.dedupe.stage import DedupeReport, MergeStep
from acuref.formats import bibtex
from acuref.model import Entry, Resolution, Skipped, Source, Status, Warning_


def source_to_json(src: Source) -> dict[str, Any]:
    out = {"file": src.file, "line": src.line, "end_line": src.end_line, "raw": src.raw,
           "label": src.label, "kind": src.kind}
    if src.manager:
        out["manager"] = src.manager  # a reference manager's field (or a JATS/biblatex record) it was read from
    return out


def resolution_to_json(res: Resolution | None) -> dict[str, Any]:
    if res is None:
        return {"status": Status.NOT_ATTEMPTED, "score": None, "doi": None, "record_fields": [], "crossref_fields": [],
                "backend": None, "message": "resolution off"}
    out: dict[str, Any] = {"status": res.status, "score": res.score, "doi": res.doi, "printed_doi": res.printed_doi,
                           "record_fields": list(res.record_fields),
                           # the 0.1 name of record_fields, kept one release for scripts that read it
                           "crossref_fields": list(res.record_fields), "backend": res.backend, "message": res.message}
    if res.candidates:
        out["candidates"] = list(res.candidates)
    if res.evidence:
        out["evidence"] = list(res.evidence)
    if res.contradicts:
        out["contradicts"] = list(res.contradicts)
    if res.detail:
        out["detail"] = res.detail
    if res.offered:
        out["offered"] = [{"doi": o.doi, "title": o.title, "container_title": o.container_title, "author": o.author,
                           "year": o.year, "volume": o.volume, "page": o.page, "score": o.score,
                           "agrees": list(o.agrees), "contradicts": list(o.contradicts)} for o in res.offered]
    if res.notices:
        out["notices"] = [{"type": n.type, "doi": n.DOI, "date": n.date.parts() if n.date else None,
                           "source": n.source} for n in res.notices]
    return out


def _merged_from(entry: Entry, steps: tuple[MergeStep, ...]) -> list[dict[str, Any]]:
    out = []
    for src, step in zip(entry.ref.sources, steps):
        if step.rule == "first cited":
            continue
        out.append({"file": src.file, "line": src.line, "label": src.label, "rule": step.rule,
                    "score": round(step.score, 3)})
    return out


def _library_fields(entry: Entry) -> dict[str, Any]:
    """For an entry read from a library: the fields acuref added to it (the user's own are written back as they were)."""
    origin = entry.ref.origin
    if origin is None:
        return {}
    if origin.format == "bibtex":  # exactly the fields written into the user's entry (month too)
        return {"library_format": origin.format, "added_fields": bibtex.added_fields(entry)}
    return {"library_format": origin.format,
            "added_fields": [f for f in entry.ref.filled() if f not in origin.present]}


def skipped_to_json(s: Skipped) -> dict[str, Any]:
    return {"file": s.file, "line": s.line, "end_line": s.end_line, "text": s.text, "raw": s.printed,
            "reason": s.reason}


def build(entries: tuple[Entry, ...] | list[Entry], warnings: tuple[Warning_, ...] | list[Warning_],
          dedupe: DedupeReport | None = None, skipped: tuple[Skipped, ...] | list[Skipped] = ()) -> dict[str, Any]:
    merged = dedupe.merged_from if dedupe else {}
    return {
        "acuref_version": __version__,
        "items": [
            {
                "id": e.id,
                "type": e.ref.type,
                "parsed": e.ref.parsed,
                "confidence": e.ref.confidence,
                "parser": e.ref.parser,
                **resolution_to_json(e.ref.resolution),
                "sources": [source_to_json(s) for s in e.ref.sources],
                "merged_from": _merged_from(e, merged[k]) if k in merged else [],
                "decisions": list(e.ref.decided),
                **_library_fields(e),
            }
            for k, e in enumerate(entries)
        ],
        "possible_duplicates": [
            {"a": entries[p.a].id, "b": entries[p.b].id, "rule": p.rule, "score": p.score}
            for p in (dedupe.possible if dedupe else ())
        ],
        "skipped": [skipped_to_json(s) for s in skipped],
        "warnings": [{"file": w.file, "line": w.line, "message": w.message} for w in warnings],
    }


def dumps(entries: tuple[Entry, ...] | list[Entry], warnings: tuple[Warning_, ...] | list[Warning_],
          dedupe: DedupeReport | None = None, skipped: tuple[Skipped, ...] | list[Skipped] = ()) -> str:
    return json.dumps(build(entries, warnings, dedupe, skipped), ensure_ascii=False, indent=2) + "\n"


def counts(entries: tuple[Entry, ...] | list[Entry], warnings: tuple[Warning_, ...] | list[Warning_],
           dedupe: DedupeReport | None = None, skipped: tuple[Skipped, ...] | list[Skipped] = ()) -> dict[str, Any]:
    """A run's figures in the report's own words: references found, items after merging, merged, each status
    (every status named, zeros too), skipped, possible duplicates and warnings."""
    merged = sum(1 for steps in (dedupe.merged_from.values() if dedupe else ()) for s in steps
                 if s.rule != "first cited")
    statuses = {str(s): 0 for s in Status}
    for e in entries:
        statuses[str(e.ref.resolution.status if e.ref.resolution else Status.NOT_ATTEMPTED)] += 1
    return {"references": len(entries) + merged, "items": len(entries), "merged": merged, "statuses": statuses,
            "unparsed": sum(1 for e in entries if not e.ref.parsed), "skipped": len(skipped),
            "possible_duplicates": len(dedupe.possible) if dedupe else 0, "warnings": len(warnings)}
