"""``--report-html``: a self-contained review page for curators (one inline script, no external resource).

Counts at the top and a toolbar (filter by status, parser, document and confidence, a needs-attention view,
sort); then, per document, each reference as printed beside its parsed fields (DOIs as links), the status
(coloured), score and confidence, and buttons that record a curator's decision (use a candidate DOI, reject
the DOI, not a reference, a skipped candidate that is one after all), downloaded as ``acuref.decisions.json`` for ``--decisions``; merged duplicates
with the rule that joined them; close pairs left apart; warnings. Every value is HTML-escaped: reference
strings come from arbitrary web pages.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from html import escape
from pathlib import PurePath

from acuref._version import __version__
from acuref.decisions import Decisions
from acuref.dedupe.stage import DedupeReport
from acuref.formats import markers
from acuref.model import Entry, Reference, Skipped, Status, Warning_
from acuref.report.review_script import SCRIPT, TOOLBAR

STATUSES = (Status.VERIFIED, Status.MATCHED, Status.CORRECTED, Status.SUSPECT, Status.AMBIGUOUS, Status.NOT_FOUND, Status.NOT_ATTEMPTED, Status.FAILED, Status.DECIDED)
# Chromium lays out only the documents on screen: a page of 7,500 references loads in a fifth of the time and
# shows every row again after a filter in a sixteenth (benchmarks/review_page_bench.py).
CONTAINMENT = "section.document{content-visibility:auto;contain-intrinsic-size:auto 600px}"
_CSS = CONTAINMENT + """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:1.5rem;color:#1c1c1c}
h1{font-size:1.4rem;margin:0 0 .3rem}h2{font-size:1.1rem;margin:1.6rem 0 .4rem;word-break:break-all}
.counts{display:flex;flex-wrap:wrap;gap:.5rem;margin:.8rem 0}
.count{border:1px solid #ccd;border-radius:6px;padding:.35rem .7rem;background:#f7f8fb}
.count b{font-size:1.15rem;display:block}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border-top:1px solid #e2e4ea;padding:.35rem .4rem;vertical-align:top;text-align:left}
th{background:#f1f3f7;font-weight:600}td.raw{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;white-space:pre-wrap;word-break:break-word}
.status{display:inline-block;border-radius:4px;padding:0 .35rem;font-size:12px;color:#fff}
.s-verified{background:#1b7f3b}.s-matched{background:#2e6fbd}.s-suspect{background:#c0392b}
.s-ambiguous{background:#b9770e}.s-not-found{background:#7f8c8d}.s-not-attempted{background:#aab0b6}
.s-failed{background:#6c3483}.s-decided{background:#1a5276}.s-unparsed{background:#000}.s-corrected{background:#117a65}
.s-retracted{background:#000;color:#ff6b6b}
.muted{color:#6b7280}td code{word-break:break-all}dl{margin:0}dt{float:left;clear:left;width:5.5rem;color:#6b7280}dd{margin:0 0 0 5.8rem}
.toolbar{display:flex;flex-wrap:wrap;gap:.6rem;align-items:center;position:sticky;top:0;background:#fff;padding:.4rem 0;
border-bottom:1px solid #e2e4ea;z-index:1}.decided-box{margin-left:auto}
p.unreadable{background:#fde2e1;padding:.4rem .6rem;border-radius:4px}
button{font:inherit;font-size:12px;margin:.1rem .2rem 0 0}details.offers table{font-size:12px;margin-top:.3rem}
td.disagree{background:#fde2e1}td.agree{background:#e3f4e8}
div.correct label{display:block;font-size:12px}div.correct input{width:100%}tr.decided{background:#eef6ff}.decision{color:#1a5276}
"""
ATTENTION = (Status.SUSPECT, Status.AMBIGUOUS, Status.NOT_FOUND, Status.FAILED, "unparsed")
LOW_CONFIDENCE = 0.85  # below it, the README calls a model's reading worth a look


def needs_attention(status: str, parsed: bool, confidence: float) -> bool:
    """A reference a curator should look at, as the review page and ``acuref review`` both say (the page adds
    possible duplicates and skipped candidates)."""
    return status in ATTENTION or not parsed or confidence < LOW_CONFIDENCE


def _fields(ref: Reference) -> str:
    rows = []
    if ref.author:
        names = "; ".join(a.display() for a in ref.author[:6]) + (" et al." if ref.author_truncated or len(ref.author) > 6 else "")
        rows.append(("authors", names))
    for label, value in (("title", ref.title), ("journal", ref.container_title), ("publisher", ref.publisher)):
        if value:
            rows.append((label, value))
    if ref.issued:
        rows.append(("date", "-".join(str(p) for p in ref.issued.parts())))
    locator = " ".join(x for x in (ref.volume or "", f"({ref.issue})" if ref.issue else "",
                                   ref.page or ref.number or "") if x)
    if locator:
        rows.append(("vol/pages", locator))
    if ref.PMID:
        rows.append(("PMID", ref.PMID))
    doi = f"<dt>DOI</dt><dd>{_doi_link(ref.DOI)}</dd>" if ref.DOI else ""
    return "<dl>" + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows) + doi + "</dl>"


def _doi_link(doi: str) -> str:
    return f'<a href="https://doi.org/{escape(doi)}" rel="noreferrer">{escape(doi)}</a>'


_OFFER_FIELDS = (("author", "author"), ("title", "title"), ("journal", "container_title"), ("year", "year"),
                 ("volume", "volume"), ("page", "page"))


def _offers(ref: Reference) -> str:
    """The records the resolver weighed and did not take, beside the reference: each field it contradicts
    marked red, each it agrees on green, with a button to take its DOI."""
    res = ref.resolution
    if not res or not res.offered:
        return ""
    rows = []
    for o in res.offered:
        cells = []
        for label, name in _OFFER_FIELDS:
            value = getattr(o, name)
            word = "journal" if name == "container_title" else name  # the names match.compare reports
            mark = "disagree" if word in o.contradicts else "agree" if word in o.agrees else ""
            cells.append(f'<td class="{mark}">{escape(str(value)) if value is not None else ""}</td>')
        rows.append(f'<tr class="offer"><td>{_doi_link(o.doi)}<div class="muted">{o.score:.2f}</div></td>{"".join(cells)}'
                    f'<td><button type="button" class="decide" data-action="use-doi" data-doi="{escape(o.doi)}">use'
                    "</button></td></tr>")
    head = "".join(f"<th>{escape(label)}</th>" for label, _ in _OFFER_FIELDS)
    return (f'<details class="offers"><summary>{len(res.offered)} record{"s" if len(res.offered) > 1 else ""} '
            f'weighed</summary><table><tr><th>DOI</th>{head}<th></th></tr>{"".join(rows)}</table></details>')


def _pair_data(a: Entry, b: Entry) -> str:
    """The two references a possible-duplicate row names, as a decision names them (file name, string)."""
    sa, sb = a.ref.sources[0], b.ref.sources[0]
    return (f'data-a-file="{escape(PurePath(sa.file or "").name)}" data-a-raw="{escape(sa.raw)}" '
            f'data-b-file="{escape(PurePath(sb.file or "").name)}" data-b-raw="{escape(sb.raw)}"')


def _buttons(ref: Reference) -> str:
    """The decisions a curator can take on a reference: use one of the DOIs the resolver weighed, reject the
    DOI it has, or say it is not a reference."""
    res = ref.resolution
    offered = [d for d in (*(res.candidates if res else ()), res.doi if res else None,
                           res.printed_doi if res else None) if d and d != ref.DOI]
    out = [f'<button type="button" class="decide" data-action="use-doi" data-doi="{escape(d)}">use {escape(d)}'
           "</button>" for d in dict.fromkeys(offered)]
    if ref.DOI:
        out.append(f'<button type="button" class="decide" data-action="reject-doi" data-doi="{escape(ref.DOI)}">'
                   "reject DOI</button>")
    out.append('<button type="button" class="decide" data-action="not-reference">not a reference</button>')
    out.append(f'<button type="button" class="edit" data-edit="{escape(_correctable(ref))}">correct…</button>')
    return '<div class="decide-bar">' + "".join(out) + '</div><div class="decision"></div>'


_CORRECTABLE = (("title", "title"), ("container-title", "container_title"), ("issued", "issued"), ("volume", "volume"),
                ("issue", "issue"), ("page", "page"))


def _correctable(ref: Reference) -> str:
    """The reading's main fields (CSL names) as JSON: the page builds its correction form from them when a
    curator opens it (a form on every row would add a third to the page)."""
    values = {}
    for name, attr in _CORRECTABLE:
        value = getattr(ref, attr)
        values[name] = "-".join(str(p) for p in value.parts()) if attr == "issued" and value else str(value or "")
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def _status(ref: Reference) -> tuple[str, str]:
    if not ref.parsed:
        return "unparsed", '<span class="status s-unparsed">unparsed</span>'
    res = ref.resolution
    status = res.status if res else Status.NOT_ATTEMPTED
    label = escape(status)
    if res and res.score is not None:
        label += f" {res.score:.2f}"
    detail = f'<div class="muted">{escape(res.message)}</div>' if res and res.message else ""
    if res and res.candidates:
        detail += f'<div class="muted">candidates: {", ".join(_doi_link(c) for c in res.candidates)}</div>'
    if res and res.printed_doi and res.status in (Status.SUSPECT, Status.CORRECTED) and ref.DOI != res.printed_doi:
        detail += f'<div class="muted">printed DOI: <code>{escape(res.printed_doi)}</code></div>'
    badge = f'<span class="status s-{status.replace(" ", "-")}">{label}</span>'
    if res and res.detail == "retracted":
        badge += ' <span class="status s-retracted">retracted</span>'
        detail += "".join(f'<div class="muted">{escape(line)}</div>' for line in markers.notes(ref)
                          if "notice" in line)
    return status, badge + detail


def _row_data(status: str, parser: str, confidence: float, file: str | None, order: int, attention: bool,
              raw: str) -> str:
    """What the page's script filters, sorts and decides on, as a row's data attributes (a decision names the
    file's name and the string as printed)."""
    return (f'data-status="{escape(status)}" data-parser="{escape(parser)}" data-confidence="{confidence:.3f}" '
            f'data-file="{escape(PurePath(file or "").name)}" data-order="{order}" data-attention="{int(attention)}" '
            f'data-raw="{escape(raw)}"')


def _skipped_row(s: Skipped, order: int) -> str:
    """A candidate the extractor passed over: part of the needs-attention view, with the decision that it is a
    reference after all (a curator's "not a reference" lands here too, and can be taken back the same way)."""
    return (f'<tr class="skipped" {_row_data("skipped", "none", 0.0, s.file, order, True, s.printed)}><td>{escape(s.file or "")}:{s.line}</td><td class="raw">{escape(s.text)}</td>'
            f'<td>{escape(s.reason)}<div class="decide-bar"><button type="button" class="decide" '
            'data-action="is-reference">a reference after all</button></div><div class="decision"></div></td></tr>')


def render(entries: list[Entry] | tuple[Entry, ...], warnings: list[Warning_] | tuple[Warning_, ...],
           dedupe: DedupeReport | None = None, title: str = "acuref review",
           skipped: tuple[Skipped, ...] | list[Skipped] = (), kept: Decisions = Decisions()) -> str:
    """The page; ``kept`` is the decisions file the run applied, carried whole into the page so that its
    download holds those decisions and the ones made on the page (a new one replacing a kept one on the same
    question), and can replace the file."""
    rows_by_file, order = _rows(entries, dedupe)
    parts = [f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"generator\" content=\"acuref\"><title>{escape(title)}</title>"
             f"<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><style>{_CSS}</style></head><body>",
             f"<h1>{escape(title)}</h1><div class=\"muted\">acuref {escape(__version__)}</div><div class=\"counts\">"]
    parts += [f'<div class="count" id="count-{key}" data-count="{value}"><b>{value}</b>{escape(label)}</div>'
              for key, label, value in _counts(entries, warnings, dedupe, skipped)]
    parts.append("</div>")
    names = sorted({PurePath(s.file or "").name for e in entries for s in e.ref.sources})
    parts.append(TOOLBAR.format(statuses="".join(f"<option>{escape(s)}</option>" for s in (*STATUSES, "unparsed",
                                                                                             "skipped")),
                                documents="".join(f"<option>{escape(n)}</option>" for n in names)))
    if kept.unreadable:  # the download must not silently stand in for a file the run could not read
        parts.append(f'<p class="unreadable"><b>{escape(kept.source)} could not be read</b>: "Download decisions" '
                     "holds only the decisions made on this page; mend that file, or merge the two by hand, rather "
                     "than replace it.</p>")
    head = "<tr><th style=\"width:8%\">#</th><th style=\"width:38%\">as printed</th><th style=\"width:38%\">parsed</th>" \
           "<th style=\"width:16%\">status</th></tr>"
    for file, rows in rows_by_file.items():
        parts.append(f"<section class=\"document\"><h2>{escape(file)} <span class=\"muted\">({len(rows)})</span></h2>"
                     f"<table>{head}{''.join(rows)}</table></section>")
    parts += _after_documents(entries, warnings, dedupe, skipped, order)
    # JSON inside a script element: "<" escaped so no string can close the element.
    carried = kept.kept.replace("<", "\\u003c")
    parts.append(f'<script type="application/json" id="kept-decisions" data-source="{escape(kept.source)}">'
                 f"{carried}</script>" + SCRIPT + "</body></html>\n")
    return "".join(parts)


def _rows(entries: Sequence[Entry], dedupe: DedupeReport | None) -> tuple[dict[str, list[str]], int]:
    """Each document's table rows (one per citation, in the order printed) and how many rows there are."""
    merged = dedupe.merged_from if dedupe else {}
    rows_by_file: dict[str, list[str]] = defaultdict(list)
    close = {i for p in (dedupe.possible if dedupe else ()) for i in (p.a, p.b)}
    order = 0
    for k, e in enumerate(entries):
        status, badge = _status(e.ref)
        steps = merged.get(k, ())
        attention = needs_attention(status, e.ref.parsed, e.ref.confidence) or k in close
        for n, src in enumerate(e.ref.sources):
            order += 1
            note = ""
            if len(e.ref.sources) > 1:
                rule = steps[n].rule if n < len(steps) else ""
                note = (f'<div class="muted">one of {len(e.ref.sources)} citations of <code>{escape(e.id)}</code>'
                        + (f"; joined by: {escape(rule)}" if rule and rule != "first cited" else "") + "</div>")
            where = f"{src.line}" + (f"–{src.end_line}" if src.end_line != src.line else "")
            data = _row_data(status, e.ref.parser or "none", e.ref.confidence, src.file, order, attention, src.raw)
            rows_by_file[src.file or "(input)"].append(
                f'<tr class="ref" {data}><td>{escape(src.label or "")}<div class="muted">line '
                f'{where}</div><div class="muted">{escape(src.kind)}</div></td><td class="raw">{escape(src.raw)}</td>'
                f"<td>{_fields(e.ref)}{note}{_offers(e.ref)}</td><td>{badge}<div class=\"muted\">parse {e.ref.confidence:.2f}</div>"
                f"<div class=\"muted\"><code>{escape(e.id)}</code></div>{_buttons(e.ref)}</td></tr>")
    return rows_by_file, order


def _counts(entries: Sequence[Entry], warnings: Sequence[Warning_], dedupe: DedupeReport | None,
            skipped: Sequence[Skipped]) -> list[tuple[str, str, int]]:
    """The figures at the top of the page: (id, label, value)."""
    statuses = Counter(_status(e.ref)[0] for e in entries)
    n_sources = sum(len(e.ref.sources) for e in entries)
    counts = [("references", "references found", n_sources), ("works", "works (after merging)", len(entries)),
              ("merged", "citations merged", n_sources - len(entries)),
              ("possible", "possible duplicates", len(dedupe.possible) if dedupe else 0),
              ("skipped", "candidates skipped", len(skipped)), ("warnings", "warnings", len(warnings))]
    return counts + [(s.replace(" ", "-"), s, statuses.get(s, 0)) for s in (*STATUSES, "unparsed") if statuses.get(s)]


def _after_documents(entries: Sequence[Entry], warnings: Sequence[Warning_], dedupe: DedupeReport | None,
                     skipped: Sequence[Skipped], order: int) -> list[str]:
    """The possible duplicates, the skipped candidates and the warnings, each a table when there are any."""
    parts = []
    if dedupe and dedupe.possible:
        parts.append("<h2>Possible duplicates (not merged)</h2><table><tr><th>entry</th><th>entry</th><th>why</th></tr>")
        parts += [f"<tr class=\"possible\" {_pair_data(entries[p.a], entries[p.b])}><td><code>{escape(entries[p.a].id)}"
                  f"</code></td><td><code>{escape(entries[p.b].id)}</code></td><td>{escape(p.rule)} ({p.score:.2f})"
                  '<div><button type="button" class="decide-pair" data-action="same-work">same work</button>'
                  '<button type="button" class="decide-pair" data-action="not-duplicate">not the same work</button>'
                  '</div><div class="decision"></div></td></tr>' for p in dedupe.possible]
        parts.append("</table>")
    if skipped:
        parts.append("<section class=\"document skipped-list\"><h2>Skipped candidates (inside reference sections, "
                     "not taken as references)</h2><table><tr><th style=\"width:30%\">where</th>"
                     "<th style=\"width:45%\">text</th><th>why</th></tr>")
        parts += [_skipped_row(s, order + n) for n, s in enumerate(skipped, 1)]
        parts.append("</table></section>")
    if warnings:
        parts.append("<h2>Warnings</h2><table><tr><th style=\"width:30%\">where</th><th>message</th></tr>")
        parts += [f"<tr class=\"warning\"><td>{escape(w.file or '')}{':' + str(w.line) if w.line else ''}</td>"
                  f"<td>{escape(w.message)}</td></tr>" for w in warnings]
        parts.append("</table>")
    return parts
