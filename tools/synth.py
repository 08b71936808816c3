"""Training strings rendered from structured metadata in the citation styles users paste.

Each record (authors, title, journal or book, date, volume, issue, pages, identifiers) is written in one of
several styles — Vancouver/NLM, AMA, APA, Harvard, Chicago author-date, MLA, IEEE, BMC, Nature, Springer —
with the variations real lists have: ``et al.`` after 3 or 6 authors, month and day, no issue, ``[Internet]``
and ``Available from:``, a DOI or PMID tail, titles translated in brackets, books and chapters. Every piece
is rendered with its label, so the spans are exact. A seeded ``random.Random`` makes the set reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from acuref.model import Name

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_LONG = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
Piece = tuple[str, str | None]  # (text, label or None for punctuation between fields)


@dataclass(frozen=True, slots=True)
class Work:
    """The structured metadata one training string is rendered from."""

    kind: str  # article, book, chapter
    authors: tuple[Name, ...]
    title: str
    year: int
    container: str | None = None
    month: int | None = None
    day: int | None = None
    volume: str | None = None
    issue: str | None = None
    first: str | None = None
    last: str | None = None
    doi: str | None = None
    pmid: str | None = None
    publisher: str | None = None
    place: str | None = None
    edition: str | None = None
    editors: tuple[Name, ...] = ()


def _initials(name: Name, dots: bool, space: bool = True) -> str:
    parts = [p for p in name.given.replace(".", " ").replace("-", " ").split() if p]
    letters = [p[0] for p in parts]
    if dots:
        return (" " if space else "").join(f"{c}." for c in letters)
    return "".join(letters)


def _given(name: Name) -> str:
    """The given name as printed when it is known, else dotted initials."""
    parts = name.given.replace(".", " ").split()
    if parts and all(len(p) == 1 for p in parts):
        return _initials(name, True)
    return name.given


def _names(names: tuple[Name, ...], fmt: Callable[[Name, int], str], sep: str, last_sep: str, *,
           limit: int | None, keep: int, etal: str) -> str:
    shown = names if limit is None or len(names) <= limit else names[:keep]
    parts = [n.literal or fmt(n, i) for i, n in enumerate(shown)]
    if len(shown) < len(names):
        return sep.join(parts) + etal
    if len(parts) > 1:
        return sep.join(parts[:-1]) + last_sep + parts[-1]
    return parts[0] if parts else ""


def _piece(value: str | None, label: str, before: str = "", after: str = "") -> list[Piece]:
    """A labelled field with the punctuation around it, or nothing when the field is empty."""
    return [(before, None), (value, label), (after, None)] if value else []


def _pages(w: Work, *, short: bool, dash: str = "-") -> str:
    if not w.first:
        return ""
    if not w.last or w.last == w.first:
        return w.first
    last = w.last
    if short and w.first.isdigit() and last.isdigit() and len(last) == len(w.first):
        i = 0
        while i < len(last) - 1 and last[i] == w.first[i]:
            i += 1
        last = last[i:]
    return f"{w.first}{dash}{last}"


def _title(w: Work, rng: random.Random, end: str = ".") -> list[Piece]:
    if rng.random() < 0.03:  # a translated title, as NLM prints it
        return [("[", None), (w.title, "title"), ("]", None), (end, None)]
    if w.title.endswith(("?", "!")):
        return [(w.title, "title"), (" ", None)]
    return [(w.title, "title"), (end + " ", None)]


def _tail_ids(w: Work, rng: random.Random, *, style: str) -> list[Piece]:
    out: list[Piece] = []
    r = rng.random()
    if w.doi and r < 0.35:
        if style == "apa":
            out += [(" ", None), (f"https://doi.org/{w.doi}", "doi")]
        else:
            out += [(" ", None), (rng.choice(("doi:", "doi: ", "DOI: ", "https://doi.org/")), None), (w.doi, "doi")]
            if rng.random() < 0.5:
                out.append((".", None))
    if w.pmid and rng.random() < 0.15 and style in ("vancouver", "ama"):
        out += [(" PMID: ", None), (w.pmid, "pmid"), (".", None)]
    return out


def _vancouver(w: Work, rng: random.Random) -> list[Piece]:
    limit = rng.choice((6, 3, None))
    keep = limit if limit == 3 else 6
    authors = _names(w.authors, lambda n, i: f"{n.family} {_initials(n, False)}", ", ", ", ",
                     limit=limit, keep=keep, etal=", et al")
    out: list[Piece] = [(authors, "author"), (". ", None)] + _title(w, rng)
    internet = rng.random() < 0.05
    if w.kind != "article":
        return _book_nlm(w, rng, out)
    out += [(w.container or "", "container")]
    if internet:
        out += [(" [Internet]", None)]
    out += [(rng.choice((". ", " ")), None)]
    date = str(w.year)
    if w.month and rng.random() < 0.6:
        date += f" {MONTHS[w.month - 1]}"
        if w.day and rng.random() < 0.4:
            date += f" {w.day}"
    out += [(date, "date")]
    if internet:
        out += [(f" [cited {rng.randint(2010, 2025)} {rng.choice(MONTHS)} {rng.randint(1, 28)}]", None)]
    out += [(";", None)]
    out += _piece(w.volume, "volume")
    if w.issue and rng.random() < 0.85:
        out += [("(", None), (w.issue, "issue"), (")", None)]
    out += _piece(_pages(w, short=True), "pages", ":")
    out += [(".", None)]
    if internet and w.doi:
        out += [(" Available from: ", None), (f"https://doi.org/{w.doi}", "url")]
    else:
        out += _tail_ids(w, rng, style="vancouver")
    return out


def _book_nlm(w: Work, rng: random.Random, out: list[Piece]) -> list[Piece]:
    if w.kind == "chapter":
        out = out[:-1] + [(". In: ", None)]
        if w.editors:
            eds = _names(w.editors, lambda n, i: f"{n.family} {_initials(n, False)}", ", ", ", ", limit=6, keep=6,
                         etal=", et al")
            out += [(eds, "editor"), (", editors" if len(w.editors) > 1 else ", editor", "editor"), (". ", None)]
        out += [(w.container or "", "container"), (". ", None)]
    if w.edition:
        out += [(f"{w.edition}{_ordinal(w.edition)} ed", "edition"), (". ", None)]
    out += _piece(w.place, "place", "", ": ")
    out += _piece(w.publisher, "publisher", "", "; ")
    out += [(str(w.year), "date"), (".", None)]
    if w.kind == "chapter" and w.first:
        out += [(" p. ", None), (_pages(w, short=False), "pages"), (".", None)]
    return out


def _ordinal(n: str) -> str:
    if not n.isdigit():
        return ""
    k = int(n)
    if 10 <= k % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")


def _ama(w: Work, rng: random.Random) -> list[Piece]:
    authors = _names(w.authors, lambda n, i: f"{n.family} {_initials(n, False)}", ", ", ", ",
                     limit=6, keep=3, etal=", et al")
    out: list[Piece] = [(authors, "author"), (". ", None)] + _title(w, rng)
    if w.kind != "article":
        return _book_nlm(w, rng, out)
    out += [(w.container or "", "container"), (". ", None), (str(w.year), "date"), (";", None)]
    out += _piece(w.volume, "volume")
    out += _piece(w.issue, "issue", "(", ")")
    out += _piece(_pages(w, short=False), "pages", ":")
    return out + [(".", None)] + _tail_ids(w, rng, style="ama")


def _first_inverted(n: Name, i: int) -> str:
    """Chicago and MLA: ``Family, Given`` for the first author, ``Given Family`` after."""
    return f"{n.family}, {_given(n)}" if i == 0 else f"{_given(n)} {n.family}"


def _apa_name(n: Name, i: int) -> str:
    return f"{n.family}, {_initials(n, True)}"


def _apa(w: Work, rng: random.Random) -> list[Piece]:
    authors = _names(w.authors, _apa_name, ", ", ", & ", limit=20, keep=19, etal=", ...")
    out: list[Piece] = [(authors, "author"), (" (", None), (str(w.year), "date"), ("). ", None)]
    if w.kind == "article":
        out += _title(w, rng) + [(w.container or "", "container")]
        out += _piece(w.volume, "volume", ", ")
        out += _piece(w.issue, "issue", "(", ")")
        out += _piece(_pages(w, short=False, dash="–"), "pages", ", ")
        return out + [(".", None)] + _tail_ids(w, rng, style="apa")
    if w.kind == "chapter":
        out += _title(w, rng) + [("In ", None)]
        if w.editors:
            eds = _names(w.editors, lambda n, i: f"{_initials(n, True)} {n.family}", ", ", ", & ", limit=None, keep=0, etal="")
            out += [(eds, "editor"), (" (Eds.)" if len(w.editors) > 1 else " (Ed.)", "editor"), (", ", None)]
        out += [(w.container or "", "container")]
        out += _piece(_pages(w, short=False, dash="–"), "pages", " (pp. ", ")")
        out += [(". ", None)]
    else:
        out += [(w.title, "title")]
        if w.edition:
            out += [(" (", None), (f"{w.edition}{_ordinal(w.edition)} ed.", "edition"), (")", None)]
        out += [(". ", None)]
    out += _piece(w.publisher, "publisher", "", ".")
    return out


def _harvard(w: Work, rng: random.Random) -> list[Piece]:
    authors = _names(w.authors, lambda n, i: f"{n.family}, {_initials(n, True, space=False)}", ", ", " and ",
                     limit=3, keep=1, etal=" et al.")
    out: list[Piece] = [(authors, "author"), (" (", None), (str(w.year), "date"), (") ", None)]
    if w.kind == "article":
        out += [("'", None), (w.title, "title"), ("', ", None), (w.container or "", "container")]
        out += _piece(w.volume, "volume", ", ")
        out += _piece(w.issue, "issue", "(", ")")
        out += _piece(_pages(w, short=False, dash="–"), "pages", ", pp. ")
        return out + [(".", None)] + _tail_ids(w, rng, style="harvard")
    out += [(w.title, "title"), (". ", None)]
    if w.edition:
        out += [(f"{w.edition}{_ordinal(w.edition)} edn", "edition"), (". ", None)]
    out += _piece(w.place, "place", "", ": ")
    out += _piece(w.publisher, "publisher", "", ".")
    return out


def _chicago(w: Work, rng: random.Random) -> list[Piece]:
    authors = _names(w.authors, _first_inverted, ", ", ", and ", limit=10, keep=7, etal=", et al.")
    out: list[Piece] = [(authors, "author"), (". ", None), (str(w.year), "date"), (". ", None)]
    if w.kind == "article":
        out += [("“", None), (w.title, "title"), (".” ", None), (w.container or "", "container")]
        out += _piece(w.volume, "volume", " ")
        out += _piece(w.issue, "issue", " (", ")")
        out += _piece(_pages(w, short=True, dash="–"), "pages", ": ")
        return out + [(".", None)] + _tail_ids(w, rng, style="chicago")
    out += [(w.title, "title"), (". ", None)]
    out += _piece(w.place, "place", "", ": ")
    out += _piece(w.publisher, "publisher", "", ".")
    return out


def _mla(w: Work, rng: random.Random) -> list[Piece]:
    authors = _names(w.authors, _first_inverted, ", ", ", and ", limit=2, keep=1, etal=", et al.")
    out: list[Piece] = [(authors, "author"), (". ", None)]
    if w.kind != "article":
        out += [(w.title, "title"), (". ", None)]
        out += _piece(w.publisher, "publisher", "", ", ")
        return out + [(str(w.year), "date"), (".", None)]
    out += [("“", None), (w.title, "title"), (".” ", None), (w.container or "", "container")]
    out += _piece(w.volume, "volume", ", vol. ")
    out += _piece(w.issue, "issue", ", no. ")
    out += [(", ", None), (str(w.year), "date")]
    out += _piece(_pages(w, short=True), "pages", ", pp. ")
    return out + [(".", None)]


def _ieee(w: Work, rng: random.Random) -> list[Piece]:
    authors = _names(w.authors, lambda n, i: f"{_initials(n, True)} {n.family}", ", ", ", and ",
                     limit=6, keep=1, etal=" et al.")
    out: list[Piece] = [(authors, "author"), (", ", None)]
    if w.kind != "article":
        out += [(w.title, "title"), (", ", None)]
        if w.edition:
            out += [(f"{w.edition}{_ordinal(w.edition)} ed", "edition"), (". ", None)]
        out += _piece(w.place, "place", "", ": ")
        out += _piece(w.publisher, "publisher", "", ", ")
        return out + [(str(w.year), "date"), (".", None)]
    out += [("“", None), (w.title, "title"), (",” ", None), (w.container or "", "container")]
    out += _piece(w.volume, "volume", ", vol. ")
    out += _piece(w.issue, "issue", ", no. ")
    out += _piece(_pages(w, short=False, dash="–"), "pages", ", pp. ")
    date = f"{MONTHS[w.month - 1]}. {w.year}" if w.month else str(w.year)
    return out + [(", ", None), (date, "date"), (".", None)] + _tail_ids(w, rng, style="ieee")


def _bmc(w: Work, rng: random.Random) -> list[Piece]:
    authors = _names(w.authors, lambda n, i: f"{n.family} {_initials(n, False)}", ", ", ", ",
                     limit=30, keep=10, etal=", et al")
    out: list[Piece] = [(authors, "author"), (": ", None)] + _title(w, rng)
    if w.kind != "article":
        return _book_nlm(w, rng, out)
    out += [(w.container or "", "container"), (" ", None), (str(w.year), "date")]
    out += _piece(w.volume, "volume", ", ")
    out += _piece(w.issue, "issue", "(", ")")
    out += _piece(_pages(w, short=False), "pages", ":")
    return out + [(".", None)]


def _nature(w: Work, rng: random.Random) -> list[Piece]:
    authors = _names(w.authors, lambda n, i: f"{n.family}, {_initials(n, True)}", ", ", " & ",
                     limit=5, keep=1, etal=" et al.")
    out: list[Piece] = [(authors, "author"), (" ", None)] + _title(w, rng)
    if w.kind != "article":
        return out + [("(", None)] + ([(w.publisher, "publisher"), (", ", None)] if w.publisher else []) + \
            [(str(w.year), "date"), (").", None)]
    out += [(w.container or "", "container")]
    out += _piece(w.volume, "volume", " ")
    out += _piece(_pages(w, short=False, dash="–"), "pages", ", ")
    return out + [(" (", None), (str(w.year), "date"), (").", None)]


def _springer(w: Work, rng: random.Random) -> list[Piece]:
    authors = _names(w.authors, lambda n, i: f"{n.family} {_initials(n, False)}", ", ", ", ",
                     limit=None, keep=0, etal="")
    out: list[Piece] = [(authors, "author"), (" (", None), (str(w.year), "date"), (") ", None)] + _title(w, rng)
    if w.kind != "article":
        return out + ([(w.publisher, "publisher"), (", ", None)] if w.publisher else []) + \
            ([(w.place, "place")] if w.place else [])
    out += [(w.container or "", "container")]
    out += _piece(w.volume, "volume", " ")
    if w.issue and rng.random() < 0.5:
        out += [("(", None), (w.issue, "issue"), (")", None)]
    out += _piece(_pages(w, short=False, dash="–"), "pages", ":")
    return out


STYLES: dict[str, Callable[[Work, random.Random], list[Piece]]] = {
    "vancouver": _vancouver, "ama": _ama, "apa": _apa, "harvard": _harvard, "chicago": _chicago, "mla": _mla,
    "ieee": _ieee, "bmc": _bmc, "nature": _nature, "springer": _springer,
}


def render(w: Work, style: str, rng: random.Random) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """The string and its labelled spans (unified-schema label names)."""
    raw = ""
    spans: list[tuple[int, int, str]] = []
    for text, label in STYLES[style](w, rng):
        if text[:1] == "." and raw.endswith((".", "?", "!")):
            text = text[1:]  # "Smith J.A." + ". " and "Why?" + "." print one mark
        if not text:
            continue
        if label:
            name = {"container": "journal", "place": "location"}.get(label, label)
            if spans and spans[-1][2] == name and spans[-1][1] == len(raw):
                spans[-1] = (spans[-1][0], len(raw) + len(text), name)
            else:
                spans.append((len(raw), len(raw) + len(text), name))
        raw += text
    return raw, tuple(spans)


def renders(works: list[Work], seed: int = 7, per_work: int = 1) -> Iterator[tuple[str, str, tuple[tuple[int, int, str], ...]]]:
    """(style, string, spans) for each work in ``per_work`` randomly chosen styles."""
    rng = random.Random(seed)
    names = sorted(STYLES)
    for w in works:
        for style in rng.sample(names, per_work):
            raw, spans = render(w, style, rng)
            yield style, raw, spans
