"""``acuref review REPORT.json``: the review page's decisions on a terminal, where no browser is at hand.

It walks the references of a run's ``--report`` that need attention (suspect, ambiguous, not found, failed,
unparsed, low parse confidence), shows each as printed beside its reading and the records the resolver
weighed, and asks for a decision; then the candidates the run skipped (is one a reference after all?). The
decisions are added to the decisions file (written whole, then renamed)
that the next ``export`` applies. Drawn with rich, which falls back to plain text off a terminal.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path, PurePath
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from rich.console import Console
from rich.panel import Panel
from rich.prompt import Prompt
from rich.table import Table
from rich.text import Text

from acuref import decisions
from acuref.errors import InputError
from acuref.model import Offer
from acuref import jsontext
from acuref.output import write_atomic
from acuref.report.html import needs_attention  # what the review page calls "needs attention"

KEYS = "u: use a DOI · r: reject the DOI · n: not a reference · s: skip · q: save and quit"
SKIPPED_KEYS = "i: a reference after all · s: skip · q: save and quit"


@dataclass(frozen=True)
class Item:
    """A report item as the terminal shows it: read from the JSON once, every field checked."""

    raw: str
    file: str
    line: str
    title: str  # the item's id
    status: str
    message: str
    parser: str
    confidence: float
    parsed: bool
    held: str  # the DOI found, or the printed one a suspect holds back
    held_note: str
    offered: tuple[Offer, ...]


@dataclass(frozen=True)
class Candidate:
    """A skipped candidate of the report."""

    text: str
    raw: str
    file: str
    line: str
    reason: str


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None or isinstance(value, (dict, list)) else str(value)


def _number(value: Any) -> float:
    try:
        return float(value) if not isinstance(value, bool) else 0.0
    except (TypeError, ValueError):
        return 0.0


def read_item(entry: Any) -> Item | None:
    """One report item, or None when it names no string to decide on (a hand-edited report may hold anything)."""
    if not isinstance(entry, dict):
        return None
    sources = [s for s in entry.get("sources") or [] if isinstance(s, dict)] \
        if isinstance(entry.get("sources"), list) else []
    src = sources[0] if sources else {}
    raw = _text(src.get("raw"))
    if not raw.strip():
        return None
    offers = entry.get("offered") if isinstance(entry.get("offered"), list) else []
    offered = tuple(_offer(o) for o in offers if isinstance(o, dict) and isinstance(o.get("doi"), str)
                    and o["doi"].strip())
    if not offered and isinstance(entry.get("candidates"), list):
        offered = tuple(Offer(d) for d in entry["candidates"] if isinstance(d, str) and d.strip())
    doi, printed = _text(entry.get("doi")), _text(entry.get("printed_doi"))
    return Item(raw, _text(src.get("file")), _text(src.get("line")), _text(entry.get("id")), _text(entry.get("status")),
                _text(entry.get("message")), _text(entry.get("parser")), _number(entry.get("confidence")),
                entry.get("parsed", True) is not False, doi or printed, "" if doi or not printed else " (as printed)",
                offered)


def _offer(o: dict[str, Any]) -> Offer:
    """A weighed record of the report (``offered``), its fields checked."""
    said = o.get("contradicts") if isinstance(o.get("contradicts"), list) else []
    year = o.get("year") if isinstance(o.get("year"), int) and not isinstance(o.get("year"), bool) else None
    return Offer(o["doi"], _text(o.get("title")) or None, None, _text(o.get("author")) or None, year,
                 _text(o.get("volume")) or None, _text(o.get("page")) or None,
                 contradicts=tuple(c for c in said if isinstance(c, str)))


def read_candidate(entry: Any) -> Candidate | None:
    if not isinstance(entry, dict) or not _text(entry.get("text")).strip():
        return None
    raw = _text(entry.get("raw")) or _text(entry.get("text"))  # "raw" since 0.1: the text without its list label
    return Candidate(_text(entry["text"]), raw, _text(entry.get("file")), _text(entry.get("line")),
                     _text(entry.get("reason")))


def needing_attention(report: dict[str, Any]) -> list[Item]:
    """The report's items a curator should look at, in report order."""
    items = report.get("items") if isinstance(report.get("items"), list) else []
    return [item for item in map(read_item, items)
            if item is not None and needs_attention(item.status, item.parsed, item.confidence)]


def _show(console: Console, item: Item, number: int, total: int) -> None:
    """One item on screen, with the records weighed numbered from 1."""
    body = Table.grid(padding=(0, 1))
    body.add_row("as printed", Text(item.raw))
    body.add_row("where", f"{item.file}:{item.line}")
    body.add_row("status", f"{item.status} — {item.message}")
    body.add_row("parse", f"{item.parser} {item.confidence:.2f}")
    if item.held:
        body.add_row("DOI", Text(item.held + item.held_note, overflow="fold"))  # whole, however long
    console.print(Panel(body, title=f"{number}/{total}  {item.title}"))
    if item.offered:
        # A DOI is never cut short, however narrow the terminal: a curator must read all of it to accept it.
        # Each gets a line of its own (folded at the edge, never ellipsised); the table beside it gives way.
        dois = Table.grid(padding=(0, 1))
        dois.add_column(justify="right")
        dois.add_column(overflow="fold")
        for k, o in enumerate(item.offered, 1):
            dois.add_row(str(k), Text(o.doi, overflow="fold"))
        console.print(dois)
        table = Table("#", "author", "title", "year", "vol", "pages", "contradicts")
        for k, o in enumerate(item.offered, 1):
            table.add_row(str(k), o.author or "", (o.title or "")[:60], str(o.year or ""), o.volume or "",
                          o.page or "", Text(", ".join(o.contradicts), style="red"))
        console.print(table)


def _decide(console: Console, item: Item, stream: TextIO | None) -> dict[str, Any] | str:
    base = {"file": PurePath(item.file).name, "raw": item.raw}
    choices = ["s", "q", "n"] + (["u"] if item.offered else []) + (["r"] if item.held else [])
    key = Prompt.ask(KEYS, console=console, choices=choices, default="s", stream=stream, show_choices=False)
    if key in ("s", "q"):
        return key
    if key == "n":
        return {**base, "action": "not-reference"}
    if key == "r":
        return {**base, "action": "reject-doi", "doi": item.held}
    pick = Prompt.ask("which", console=console, choices=[str(k) for k in range(1, len(item.offered) + 1)],
                      default="1", stream=stream)
    return {**base, "action": "use-doi", "doi": item.offered[int(pick) - 1].doi}


def _decide_skipped(console: Console, candidate: Candidate, number: int, total: int,
                    stream: TextIO | None) -> dict[str, Any] | str:
    """A candidate the extractor passed over (or a curator called no reference): is it a reference after all?"""
    body = Table.grid(padding=(0, 1))
    body.add_row("as printed", Text(candidate.text))
    body.add_row("where", f"{candidate.file}:{candidate.line}")
    body.add_row("skipped", candidate.reason)
    console.print(Panel(body, title=f"{number}/{total}  skipped candidate"))
    key = Prompt.ask(SKIPPED_KEYS, console=console, choices=["s", "q", "i"], default="s", stream=stream,
                     show_choices=False)
    if key in ("s", "q"):
        return key
    return {"file": PurePath(candidate.file).name, "raw": candidate.raw, "action": "is-reference"}


def review(report_path: str, decisions_path: str, *, console: Console | None = None,
           stream: TextIO | None = None) -> int:
    """Ask about every item needing attention; add the decisions to ``decisions_path``. Returns how many."""
    console = console or Console()
    try:
        report = jsontext.loads(Path(report_path).read_bytes())
    except OSError as err:
        raise InputError(f"{report_path}: cannot be read ({err.strerror or err})") from None
    except jsontext.JSONError as err:
        raise InputError(f"{report_path}: not an acuref --report JSON file ({err})") from None
    if not isinstance(report, dict) or not isinstance(report.get("items"), list):
        raise InputError(f"{report_path}: not an acuref --report JSON file (no 'items')")
    kept = _existing(decisions_path)  # before any question: a file that cannot be added to must not cost answers
    todo = needing_attention(report)
    listed = report.get("skipped") if isinstance(report.get("skipped"), list) else []
    passed = [c for c in map(read_candidate, listed) if c is not None]
    total = len(todo) + len(passed)
    made: list[dict[str, Any]] = []

    def answers() -> Iterator[dict[str, Any] | str]:  # asked one at a time: "q" stops before the next question
        for k, item in enumerate(todo, 1):
            _show(console, item, k, total)
            yield _decide(console, item, stream)
        for k, candidate in enumerate(passed, len(todo) + 1):
            yield _decide_skipped(console, candidate, k, total, stream)

    ended = stream is None and sys.stdin is None  # standard input closed: nothing can be asked
    try:
        for got in () if ended else answers():
            if got == "q":
                break
            if isinstance(got, dict):
                made.append(got)
    except EOFError:  # standard input at its end: as "q", what was decided is saved
        ended = True
    if ended and total:
        console.print("standard input ended: no more questions can be asked")
    if made:
        write_atomic(decisions_path, json.dumps({"acuref_decisions": 1, "decisions": decisions.merged(kept, made)},
                                                indent=1, ensure_ascii=False) + "\n")
    console.print(f"{len(made)} decision{'s' if len(made) != 1 else ''} added to {decisions_path}"
                  if made else "no decision made")
    return len(made)


def _existing(path: str) -> list[Any]:
    """The entries already in the decisions file, kept as they are (a file that cannot be read, or holds no list
    of decisions, is refused, not overwritten)."""
    if not Path(path).is_file():
        return []
    got = decisions.load(path)
    if got.unreadable:
        raise InputError(f"{path}: the decisions file {got.unreadable}, so it is left as it is")
    return list(json.loads(got.kept))
