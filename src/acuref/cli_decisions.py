"""Which curator's decisions file a command line applies: the one named, or the one beside the output when it
is about this run's documents; the command line says which in one line."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from acuref import decisions, output
from acuref.decisions import Decisions
from acuref.errors import InputError
from acuref.finish import targets
from acuref.output import display
from acuref.pipeline import expand_paths

__all__ = ["beside", "chosen_decisions", "named_decisions"]


def chosen_decisions(args: argparse.Namespace) -> Decisions:
    """The decisions file named, or the one beside the output when it is about this run's documents; a named
    file that is not there is an error. Which file a run applies is said in one line."""
    if args.decisions:
        got = named_decisions(args.decisions)
    else:
        there = beside(args)
        if not os.path.isfile(there):  # False, not OSError, for a name too long for the system
            return Decisions()
        got = decisions.load(str(there))
        documents = [p for p in expand_paths(args.paths, output.excluded(targets(args))) if isinstance(p, str)]
        if not decisions.belongs(got, documents):
            _note(f"warning: {there}: its decisions name none of this run's documents; not applied (give it "
                  "with --decisions to apply it)", args.quiet)
            return Decisions()
    if got.items:
        _note(f"applying {len(got.items)} decision{'s' if len(got.items) != 1 else ''} from {got.source}",
              args.quiet)
    return got


def beside(args: argparse.Namespace) -> Path:
    """The decisions file a run applies when none is named: the one beside its output."""
    return (Path(args.output).parent if args.output != "-" else Path(".")) / decisions.FILE_NAME


def _note(message: str, quiet: bool) -> None:
    if not quiet:
        print(display(f"acuref: {message}"), file=sys.stderr)


def named_decisions(path: str) -> Decisions:
    """A decisions file the user named: one that is not there is an error (a broken one is warnings)."""
    if not os.path.isfile(path):
        raise InputError(f"{path}: no such decisions file")
    return decisions.load(path)
