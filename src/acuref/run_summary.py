"""The summary of a run: one paragraph on standard error at its end, and the same facts as JSON for scripts
(``--json-summary``, schema in docs/run-summary.md). Its words are the ``--report`` JSON's: items, status,
skipped, possible_duplicates, warnings."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from acuref._version import __version__
from acuref.output import Target, display
from acuref.pipeline import RunResult
from acuref.report.summary import counts

__all__ = ["SCHEMA_VERSION", "dumps", "facts", "line"]

SCHEMA_VERSION = 1  # raised only when a key changes meaning or goes; new keys keep it


def facts(command: str, result: RunResult, written: Sequence[Target], *, kept: str | None = None,
          exit_code: int = 0) -> dict[str, Any]:
    """What a run did, as the ``--json-summary`` object: ``written`` are the outputs it wrote (none when it
    kept an existing file, ``kept``)."""
    return {"version": SCHEMA_VERSION, "acuref_version": __version__, "command": command,
            "documents": result.documents, "failed_inputs": list(result.failed_inputs),
            **counts(result.entries, result.warnings, result.dedupe, result.skipped),
            "outputs": [{"flag": t.flag, "path": t.path} for t in written], "kept": kept, "exit_code": exit_code}


def dumps(summary: dict[str, Any]) -> str:
    return json.dumps(summary, ensure_ascii=False, indent=2) + "\n"


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def _where(t: dict[str, Any]) -> str:
    return "standard output" if t["path"] == "-" else t["path"]


def _statuses(statuses: dict[str, int]) -> str:
    shown = [f"{n:,} {status}" for status, n in statuses.items() if n]
    return ", ".join(shown) if shown else "nothing resolved"


def _documents(s: dict[str, Any]) -> str:
    failed = len(s["failed_inputs"])
    return _n(s["documents"], "document") + " read" + (f" ({failed:,} failed)" if failed else "")


def _written(s: dict[str, Any]) -> str:
    if s["kept"]:
        return f"{s['kept']} kept as it was, nothing replaced"
    return "wrote " + ", ".join(f"{_where(t)} ({t['flag']})" for t in s["outputs"]) if s["outputs"] else ""


def line(summary: dict[str, Any]) -> str:
    """The paragraph on standard error: documents, references, works, merged, each status, skipped, warnings
    and the files written; ``parse`` and ``extract`` (which neither resolve nor merge) say it in one line."""
    s = summary
    unparsed = f", {s['unparsed']:,} kept as printed (not parsed)" if s["unparsed"] else ""
    if s["command"] == "extract":
        parts = [_documents(s) + ", " + _n(s["references"], "reference string") + " found",
                 _n(s["skipped"], "candidate") + " skipped, " + _n(s["warnings"], "warning")]
    elif s["command"] == "parse":
        parts = [_n(s["references"], "reference") + " parsed" + unparsed, _n(s["warnings"], "warning")]
    else:
        parts = [_documents(s), _n(s["references"], "reference") + " found, " + _n(s["items"], "work")
                 + f" after merging ({s['merged']:,} merged){unparsed}", _statuses(s["statuses"]),
                 _n(s["skipped"], "candidate") + " skipped, " + _n(s["warnings"], "warning")]
        if s["possible_duplicates"]:
            parts.append(_n(s["possible_duplicates"], "possible duplicate") + " left apart")
    parts.append(_written(s))
    return display(f"acuref: {s['command']}: " + "; ".join(p for p in parts if p) + ".")
