"""How a command's run ends: its outputs written through the one door (all or none), an existing good output
kept when every reference failed to resolve, the warnings, then the summary paragraph (and ``--json-summary``)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from acuref import output, run_summary
from acuref.errors import InputError, NetworkError, UsageError
from acuref.model import Entry, Status, Warning_
from acuref.output import Target, display
from acuref.pipeline import RunResult

__all__ = ["check_summary", "finish", "targets", "warn"]


def targets(args: argparse.Namespace) -> list[Target]:
    """The outputs a command line names: the main one, then the reports, then the summary."""
    named = [Target("-o", args.output), Target("--report", getattr(args, "report", None)),
             Target("--report-html", getattr(args, "report_html", None)),
             Target("--json-summary", getattr(args, "json_summary", None))]
    return [t for t in named if t.path is not None]


def check_summary(args: argparse.Namespace) -> None:
    """``--json-summary -`` shares standard output with nothing: the export must go to a file."""
    if getattr(args, "json_summary", None) == "-" and args.output == "-":
        raise UsageError("--json-summary -: standard output already carries the export; give -o FILE or write "
                         "the summary to a file")


def warn(warnings: Sequence[Warning_], quiet: bool) -> None:
    if quiet:
        return
    for w in warnings:
        where = f"{w.file}:{w.line}: " if w.file and w.line else ""
        msg = w.message if where or not w.file or w.message.startswith(w.file) else f"{w.file}: {w.message}"
        print(display(f"acuref: warning: {where}{msg}"), file=sys.stderr)


def _unreached(result: RunResult) -> list[Entry]:
    """The entries whose resolution failed because the resolver could not be asked."""
    return [e for e in result.entries if e.ref.resolution and e.ref.resolution.status == Status.FAILED]


_SHOWN = {"crossref": "Crossref", "pubmed": "PubMed (NCBI E-utilities)", "opensearch": "the OpenSearch index",
          "local": "the local index"}  # how an error line names each registered backend


def _backends(failed: list[Entry]) -> str:
    """The resolvers that could not be asked, as a user knows them (a chain may have failed on more than one)."""
    names = dict.fromkeys(e.ref.resolution.backend or "" for e in failed if e.ref.resolution)
    return " and ".join(_SHOWN.get(n, n or "the resolver") for n in names)


def _kept(args: argparse.Namespace, result: RunResult, failed: list[Entry]) -> str | None:
    """The existing output to keep: no reference was resolved and the resolver could not be asked about
    them (the rest had too little to ask with), so writing would replace a result that may be good with one
    that is certainly not (None: write as usual)."""
    asked = [e for e in result.entries if e.ref.resolution and e.ref.resolution.status != Status.NOT_ATTEMPTED]
    if not failed or len(failed) != len(asked) or args.output == "-":
        return None
    return args.output if os.path.isfile(args.output) else None


def finish(args: argparse.Namespace, result: RunResult, outputs: list[tuple[str, str]]) -> int:
    """Write ``outputs`` (the main one first) and the summary, or keep an existing main output; the exit code."""
    failed = _unreached(result)
    code = max(InputError.exit_code if result.failed_inputs else 0, NetworkError.exit_code if failed else 0)
    kept = _kept(args, result, failed)
    written = [] if kept else [t for t in targets(args) if t.flag != "--json-summary"]
    summary = run_summary.facts(args.command, result, written, kept=kept, exit_code=code)
    todo = [] if kept else list(outputs)
    if getattr(args, "json_summary", None):
        todo.append((args.json_summary, run_summary.dumps(summary)))
    output.write_all(todo)  # all of them or none: a failed main output leaves the old reports too
    warn(result.warnings, args.quiet)
    if not args.quiet:
        print(run_summary.line(summary), file=sys.stderr)
    if failed:
        said = (f"acuref: error: {_backends(failed)} could not be reached for {len(failed)} of "
                f"{len(result.entries)} references ({failed[0].ref.resolution.message})")
        if kept:
            said += f"; {kept} kept as it was, not replaced by failed entries — run again later, or use --no-resolve"
        else:
            said += "; they are marked 'failed' in the output — run again later, or use --no-resolve"
        print(display(said), file=sys.stderr)
    return code
