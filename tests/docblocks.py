"""Run the examples of the README and the user guide: ```console blocks of `$ acuref …` lines, ```python blocks.

A console block is a list of commands, each a `$ ` line followed by the output it shows. Only `$ acuref` lines
are run (in-process, through `acuref.cli.main`, in a folder holding copies of `refs/` and `examples/`); a shown
output line must appear in what the command printed (`…` stands for any text), and a command whose shown
output holds `acuref: error:` must exit with a code other than 0, any other with 0 — unless the block shows
the code with an `exit code N` line after it.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^( *)```(\w*)[^\n]*\n(.*?)^\1```", re.M | re.S)  # also indented, inside a list item


@dataclass(frozen=True)
class Command:
    """One `$ ` line of a console block, what it shows after it, and the exit code it must end with."""

    line: str
    shown: tuple[str, ...]
    exit_code: int | None  # None: 0 unless an error line is shown, then anything but 0


def blocks(text: str, language: str) -> list[str]:
    """The bodies of the fenced blocks of one language in a Markdown text, in order."""
    return [textwrap.dedent(m.group(3)) for m in FENCE.finditer(text) if m.group(2) == language]


def commands(block: str) -> list[Command]:
    """A console block's commands, with the output lines shown under each."""
    found: list[Command] = []
    line, shown, code = None, [], None
    for raw in block.splitlines() + ["$ "]:
        if raw.startswith("$ "):
            if line:
                found.append(Command(line, tuple(shown), code))
            line, shown, code = raw[2:].strip(), [], None
        elif m := re.fullmatch(r"exit code (\d+)", raw.strip()):
            code = int(m.group(1))
        elif raw.strip():
            shown.append(raw.strip())
    return found


def workspace(tmp: Path) -> Path:
    """A folder holding copies of the example inputs, as a fresh clone's root has them."""
    for name in ("refs", "examples"):
        shutil.copytree(ROOT / name, tmp / name)
    return tmp


def run_acuref(line: str) -> tuple[int, str]:
    """Run one `acuref …` command line in-process; its exit code and everything it printed."""
    from acuref.cli import main

    argv = shlex.split(line)
    assert argv[0] == "acuref", line
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv[1:])
        except SystemExit as exc:  # --help and --version end through argparse
            code = exc.code if isinstance(exc.code, int) else 0
    return code, out.getvalue() + err.getvalue()


def check(command: Command, code: int, printed: str) -> list[str]:
    """What is wrong with one command's run: its exit code, and each shown line it did not print."""
    problems = []
    error_shown = any(s.startswith("acuref: error:") for s in command.shown)
    if command.exit_code is not None and code != command.exit_code:
        problems.append(f"exit code {code}, the page says {command.exit_code}")
    elif command.exit_code is None and (code != 0) != error_shown:
        problems.append(f"exit code {code}" + (" though an error is shown" if error_shown else ""))
    flat = " ".join(printed.split())
    for shown in command.shown:
        pattern = r"\s*".join(".*?" if part == "…" else re.escape(part)
                              for part in re.split(r"(…)|\s+", shown) if part)
        if not re.search(pattern, flat):
            problems.append(f"does not print {shown!r}")
    return problems


def mock_resolvers(mock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Crossref answered by the seeds' synthesised records (tests/test_resolve_seeds.py), without waiting for
    its rate limits: the examples that resolve run offline and fast."""
    from acuref.resolve.crossref import CrossrefClient
    from test_resolve_seeds import BASE, mock_crossref

    mock_crossref(mock)
    monkeypatch.setenv("ACUREF_CROSSREF_URL", BASE)
    monkeypatch.setitem(CrossrefClient.__init__.__kwdefaults__, "sleep", lambda seconds: None)
