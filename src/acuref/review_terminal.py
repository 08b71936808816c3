"""``acuref review REPORT.json``: the review page's decisions on a terminal, where no browser is at hand.

It walks the references of a run's ``--report`` that need attention (suspect, ambiguous, not found, failed,
unparsed, low parse confidence), shows each as printed beside its reading and the records the resolver
weighed, and asks for a decision; then the candidates the run skipped (is one a reference after all?). The
decisions are added to the decisions file (written whole, then renamed)
that the next ``export`` applies. Drawn with rich, which falls back to plain text off a terminal.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from collections.abc import Iterator
from typing import Any, TextIO

from rich.console import Console
from rich.panel import Panel
from rich.prompt import Prompt
from rich.table import Table
from rich.text import Text

from acuref import decisions
from acuref.errors import InputError
from acuref.output import write_atomic
from acuref.report.html import ATTENTION, LOW_CONFIDENCE  # what the review page calls "needs attention"

KEYS = "u: use a DOI · r: reject the DOI · n: not a reference · s: skip · q: save and quit"
SKIPPED_KEYS = "i: a reference after all · s: skip · q: save and quit"


def needing_attention(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The report's items a curator should look at, in report order."""
    return [item for item in report.get("items") or [] if item.get("status") in ATTENTION
            or not item.get("parsed", True) or float(item.get("confidence") or 0) < LOW_CONFIDENCE]


def _show(console: Console, item: dict[str, Any], number: int, total: int) -> list[str]:
    """One item on screen; returns the DOIs a curator may take, numbered from 1."""
    src = (item.get("sources") or [{}])[0]
    body = Table.grid(padding=(0, 1))
    body.add_row("as printed", Text(src.get("raw") or ""))
    body.add_row("where", f"{src.get('file')}:{src.get('line')}")
    body.add_row("status", f"{item.get('status')} — {item.get('message') or ''}")
    body.add_row("parse", f"{item.get('parser')} {float(item.get('confidence') or 0):.2f}")
    if item.get("doi") or item.get("printed_doi"):
        body.add_row("DOI", item.get("doi") or f"{item['printed_doi']} (as printed)")
    console.print(Panel(body, title=f"{number}/{total}  {item.get('id')}"))
    offers = item.get("offered") or [{"doi": d} for d in item.get("candidates") or []]
    dois = [o["doi"] for o in offers if o.get("doi")]
    if offers:
        table = Table("#", "DOI", "author", "title", "year", "vol", "pages", "contradicts")
        for k, o in enumerate(offers, 1):
            table.add_row(str(k), o.get("doi") or "", str(o.get("author") or ""), str(o.get("title") or "")[:60],
                          str(o.get("year") or ""), str(o.get("volume") or ""), str(o.get("page") or ""),
                          Text(", ".join(o.get("contradicts") or []), style="red"))
        console.print(table)
    return dois


def _decide(console: Console, item: dict[str, Any], dois: list[str], stream: TextIO | None) -> dict[str, Any] | str:
    src = (item.get("sources") or [{}])[0]
    base = {"file": PurePath(src.get("file") or "").name, "raw": src.get("raw") or ""}
    held = item.get("doi") or item.get("printed_doi")  # the DOI found, or the printed one a suspect holds back
    choices = ["s", "q", "n"] + (["u"] if dois else []) + (["r"] if held else [])
    key = Prompt.ask(KEYS, console=console, choices=choices, default="s", stream=stream, show_choices=False)
    if key in ("s", "q"):
        return key
    if key == "n":
        return {**base, "action": "not-reference"}
    if key == "r":
        return {**base, "action": "reject-doi", "doi": held}
    pick = Prompt.ask("which", console=console, choices=[str(k) for k in range(1, len(dois) + 1)], default="1",
                      stream=stream)
    return {**base, "action": "use-doi", "doi": dois[int(pick) - 1]}


def _decide_skipped(console: Console, skipped: dict[str, Any], number: int, total: int,
                    stream: TextIO | None) -> dict[str, Any] | str:
    """A candidate the extractor passed over (or a curator called no reference): is it a reference after all?"""
    body = Table.grid(padding=(0, 1))
    body.add_row("as printed", Text(skipped.get("text") or ""))
    body.add_row("where", f"{skipped.get('file')}:{skipped.get('line')}")
    body.add_row("skipped", str(skipped.get("reason") or ""))
    console.print(Panel(body, title=f"{number}/{total}  skipped candidate"))
    key = Prompt.ask(SKIPPED_KEYS, console=console, choices=["s", "q", "i"], default="s", stream=stream,
                     show_choices=False)
    if key in ("s", "q"):
        return key
    raw = skipped.get("raw") if isinstance(skipped.get("raw"), str) else skipped["text"]  # "raw": since 0.1
    return {"file": PurePath(skipped.get("file") or "").name, "raw": raw, "action": "is-reference"}


def review(report_path: str, decisions_path: str, *, console: Console | None = None,
           stream: TextIO | None = None) -> int:
    """Ask about every item needing attention; add the decisions to ``decisions_path``. Returns how many."""
    console = console or Console()
    try:
        report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError(f"{report_path}: cannot be read ({err.strerror or err})") from None
    except (ValueError, UnicodeDecodeError) as err:
        raise InputError(f"{report_path}: not an acuref --report JSON file ({err})") from None
    if not isinstance(report, dict) or not isinstance(report.get("items"), list):
        raise InputError(f"{report_path}: not an acuref --report JSON file (no 'items')")
    kept = _existing(decisions_path)  # before any question: a file that cannot be added to must not cost answers
    todo = needing_attention(report)
    passed = [s for s in report.get("skipped") or [] if isinstance(s, dict) and isinstance(s.get("text"), str)
              and s["text"].strip()]
    total = len(todo) + len(passed)
    made: list[dict[str, Any]] = []

    def answers() -> Iterator[dict[str, Any] | str]:  # asked one at a time: "q" stops before the next question
        for k, item in enumerate(todo, 1):
            yield _decide(console, item, _show(console, item, k, total), stream)
        for k, candidate in enumerate(passed, len(todo) + 1):
            yield _decide_skipped(console, candidate, k, total, stream)

    for got in answers():
        if got == "q":
            break
        if isinstance(got, dict):
            made.append(got)
    if made:
        write_atomic(decisions_path, json.dumps({"acuref_decisions": 1, "decisions": decisions.merged(kept, made)},
                                                indent=1, ensure_ascii=False) + "\n")
    console.print(f"{len(made)} decision{'s' if len(made) != 1 else ''} added to {decisions_path}"
                  if made else "no decision made")
    return len(made)


def _existing(path: str) -> list[Any]:
    """The entries already in the decisions file, kept as they are (a broken file is refused, not overwritten)."""
    p = Path(path)
    if not p.is_file():
        return []
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: the decisions file cannot be read, so it is left as it is ({err})") from None
    entries = data.get("decisions") if isinstance(data, dict) else data
    return list(entries) if isinstance(entries, list) else []
