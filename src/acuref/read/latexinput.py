"""LaTeX's own bibliography files: a ``.bbl`` read as its reference list, an ``.aux`` as the keys it cites.

A ``.bbl`` from a BibTeX style is a ``thebibliography`` list: each ``\\bibitem`` is one reference string
(LaTeX markup turned into text), handed to the parser. A ``.bbl`` from biblatex holds the data itself
(``\\entry … \\endentry`` with ``\\name``, ``\\list``, ``\\field``, ``\\verb``): each entry is an exact record.
An ``.aux`` names the cited keys (``\\citation``, biblatex's ``\\abx@aux@cite``) and the ``.bib`` files
(``\\bibdata``); the wiring takes exactly those entries from them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pylatexenc.latex2text import LatexNodes2Text

from acuref.errors import InputError
from acuref.model import Source
from acuref.read.documents import Document, Record, decode, read_input
from acuref.read.markup import Line

_TO_TEXT = LatexNodes2Text(math_mode="text", strict_latex_spaces=True)
_ITEM_RE = re.compile(r"\\(?:bibitem|harvarditem)\b")
_TYPES = {"article": "article-journal", "book": "book", "mvbook": "book", "inbook": "chapter",
          "incollection": "chapter", "inproceedings": "paper-conference", "proceedings": "book",
          "thesis": "thesis", "phdthesis": "thesis", "mastersthesis": "thesis", "report": "report",
          "techreport": "report", "online": "webpage", "www": "webpage", "misc": "document", "dataset": "dataset",
          "software": "software", "patent": "patent", "unpublished": "manuscript", "manual": "report"}


def sniff_bbl(head: bytes) -> bool:
    return b"\\begin{thebibliography}" in head or (b"\\refsection" in head and b"\\datalist" in head)


def sniff_aux(head: bytes) -> bool:
    return head.lstrip().startswith(b"\\relax") and (b"\\citation{" in head or b"\\bibdata{" in head
                                                     or b"\\abx@aux@" in head)


def _group(text: str, start: int, open_: str = "{", close: str = "}") -> tuple[str, int]:
    """The balanced group opening at ``start`` (its inside) and the index after it; ("", start) if none."""
    if start >= len(text) or text[start] != open_:
        return "", start
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "\\":
            continue
        if text[i] == open_ and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif text[i] == close and text[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return text[start + 1:i], i + 1
    return text[start + 1:], len(text)


_PRE = ((re.compile(r"\\(?:bibinfo|bibfield)\s*\{[^{}]*\}"), ""), (re.compile(r"\\doi\s*\{"), "doi:{"),
        (re.compile(r"\\(?:url|path|nolinkurl)\s*\{"), "{"), (re.compile(r"\\href\s*\{[^{}]*\}"), ""),
        (re.compile(r"\\(?:newblock|BibitemOpen|bibnamefont|bibfnamefont|citenamefont|urlprefix|penalty0?)\b"), " "),
        (re.compile(r"\\BibitemShut\s*\{[^{}]*\}"), ""), (re.compile(r"\\bibnamedelim[a-d]?\b|\\bibinitdelim\b"), " "),
        (re.compile(r"\\bibinitperiod\b"), "."), (re.compile(r"\\bibinithyphendelim\b"), "-"), (re.compile(r"\\bibrangedash\b\s*"), "–"),
        (re.compile(r"(?<!\\)%[^\n]*"), ""))


def to_text(latex: str) -> str:
    """LaTeX markup as plain text: accents and dashes as characters, macros that only label parts dropped."""
    for pattern, repl in _PRE:
        latex = pattern.sub(repl, latex)
    try:
        text = _TO_TEXT.latex_to_text(latex)
    except Exception:  # pylatexenc on malformed input: the string stays, markup and all, never lost
        text = latex
    return " ".join(text.split())


def _items(body: str) -> list[tuple[str, int, str | None]]:
    """``\\bibitem[label]{key} text`` pieces: (text, offset, label)."""
    starts = [m.start() for m in _ITEM_RE.finditer(body)]
    out = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(body)
        piece = body[start:end]
        at = _ITEM_RE.match(piece).end()  # type: ignore[union-attr]
        label = None
        while at < len(piece) and piece[at] in " \t\n":
            at += 1
        if at < len(piece) and piece[at] == "[":
            label, at = _group(piece, at, "[", "]")
        for _ in range(3 if piece.startswith("\\harvarditem") else 1):  # the key (Harvard: short, year, key)
            while at < len(piece) and piece[at] in " \t\n":
                at += 1
            _, at = _group(piece, at)
        out.append((piece[at:], start, label))
    return out


def load_bbl(data: bytes, name: str) -> Document:
    """A ``.bbl``: biblatex data as records, a BibTeX style's items as strings."""
    text, encoding, notes = decode(data, name)
    if "\\entry{" in text and "\\endentry" in text:
        return Document(name, (), encoding, "bbl", notes, records=tuple(_entries(text)), extract=False)
    body = text.split("\\end{thebibliography}")[0]
    strings = []
    for i, (piece, offset, label) in enumerate(_items(body), start=1):
        raw = to_text(piece)
        line = text.count("\n", 0, offset) + 1
        if raw:
            shown = to_text(label) if label else str(i)
            strings.append(Source(raw, line, line + piece.count("\n"), shown, "list", name))
    return Document(name, (Line(1, "References", 2),), encoding, "bbl", notes, strings=tuple(strings), extract=False)


def _entries(text: str) -> list[Record]:
    out = []
    for m in re.finditer(r"\\entry\{([^{}]*)\}\{([^{}]*)\}", text):
        end = text.find("\\endentry", m.end())
        body = text[m.end():end if end >= 0 else len(text)]
        item = _entry_item(body, m.group(2).lower())
        out.append(Record(json.dumps(item, ensure_ascii=False), "biblatex", m.group(1),
                          text.count("\n", 0, m.start()) + 1))
    return out


def _biblatex_name(part: str) -> dict[str, str]:
    fields = dict(re.findall(r"(\w+)=\{((?:[^{}]|\{[^{}]*\})*)\}", part))
    name = {"family": to_text(" ".join(p for p in (fields.get("prefix", ""), fields.get("family", "")) if p)),
            "given": to_text(fields.get("given", ""))}
    if fields.get("suffix"):
        name["suffix"] = to_text(fields["suffix"])
    return {k: v for k, v in name.items() if v}


def _entry_fields(body: str) -> tuple[dict[str, str], dict[str, list[dict[str, str]]], dict[str, list[str]]]:
    fields: dict[str, str] = {}
    names: dict[str, list[dict[str, str]]] = {}
    lists: dict[str, list[str]] = {}
    for m in re.finditer(r"\\(field|range|name|list|verb)\{([^{}]*)\}", body):
        kind, key, at = m.group(1), m.group(2).lower(), m.end()
        if kind == "verb":
            verb = re.match(r"\s*\\verb (.*?)\s*\\endverb", body[at:], re.S)
            fields.setdefault(key, verb.group(1).replace("\n\\verb ", "").strip() if verb else "")
            continue
        if kind in ("name", "list"):
            _, at = _group(body, at)  # the count
            _, at = _group(body, at)  # the options
        value, _ = _group(body, at)
        if kind == "name":
            names[key] = [_biblatex_name(p) for p in _parts(value)]
        elif kind == "list":
            lists[key] = [to_text(p) for p in _parts(value)]
        else:
            fields.setdefault(key, to_text(value))
    return fields, names, lists


def _parts(value: str) -> list[str]:
    out, at = [], 0
    while True:
        at = value.find("{", at)
        if at < 0:
            return out
        inside, at = _group(value, at)
        out.append(inside)


def _entry_item(body: str, etype: str) -> dict[str, Any]:
    f, names, lists = _entry_fields(body)
    ctype = "thesis" if etype.endswith("thesis") else _TYPES.get(etype, "document")
    item: dict[str, Any] = {"type": ctype, "author": names.get("author"), "editor": names.get("editor"),
                            "title": ": ".join(p for p in (f.get("title"), f.get("subtitle")) if p),
                            "container-title": f.get("journaltitle") or f.get("journal") or f.get("booktitle"),
                            "container-title-short": f.get("shortjournal"), "volume": f.get("volume"),
                            "issue": f.get("number") if ctype == "article-journal" else f.get("issue"),
                            "number": None if ctype == "article-journal" else f.get("number"),
                            "page": (f.get("pages") or "").replace("–", "-").replace("--", "-"),
                            "edition": f.get("edition"), "DOI": f.get("doi"), "URL": f.get("url"),
                            "ISBN": f.get("isbn"), "ISSN": f.get("issn"), "language": f.get("langid"),
                            "publisher": "; ".join(lists.get("publisher") or lists.get("institution")
                                                   or lists.get("organization") or lists.get("school") or []),
                            "publisher-place": "; ".join(lists.get("location") or [])}
    if (f.get("eprinttype") or "").lower() == "pubmed" and f.get("eprint"):
        item["PMID"] = f["eprint"]
    year = re.match(r"\d{4}", f.get("year") or f.get("date") or "")
    if year:
        parts = [int(year.group())]
        if (f.get("month") or "").isdigit() and 1 <= int(f["month"]) <= 12:
            parts.append(int(f["month"]))
        item["issued"] = {"date-parts": [parts]}
    return {k: v for k, v in item.items() if v}


def _aux_texts(text: str, here: Path, depth: int = 0) -> list[tuple[str, str]]:
    """The .aux text and those it takes in with ``\\@input`` (LaTeX's ``\\include``d chapters), by path."""
    out = []
    for m in re.finditer(r"\\@input\{([^{}]*\.aux)\}", text):
        path = here / m.group(1)
        if depth < 4 and path.is_file():
            try:
                sub = decode(read_input(str(path)), str(path))[0]
            except InputError:
                continue
            out.append((str(path), sub))
            out.extend(_aux_texts(sub, here, depth + 1))
    return out


def load_aux(data: bytes, name: str) -> Document:
    """An ``.aux`` (with the chapters' it inputs): the cited keys in citation order, and the ``.bib`` files it
    names beside it (none named, as with biblatex: the folder's)."""
    text, encoding, notes = decode(data, name)
    here = Path(name).parent
    texts = [text] + [t for _, t in _aux_texts(text, here)]
    keys: dict[str, None] = {}
    for m in (m for t in texts for m in re.finditer(r"\\(?:citation|abx@aux@cite)(?:\{\d+\})?\{([^{}]*)\}", t)):
        keys.update(dict.fromkeys(k.strip() for k in m.group(1).split(",") if k.strip()))
    bibs = [str(here / (b.strip() if b.strip().endswith(".bib") else b.strip() + ".bib"))
            for t in texts for m in re.finditer(r"\\bibdata\{([^{}]*)\}", t) for b in m.group(1).split(",") if b.strip()]
    if not bibs and keys:  # biblatex names its sources in the .bcf; a chapter's .aux names none
        bibs = sorted(str(p) for p in here.glob("*.bib"))
    return Document(name, (), encoding, "aux", notes, cites=tuple(keys), libraries=tuple(dict.fromkeys(bibs)),
                    extract=False)


def covered(aux_path: str) -> set[str]:
    """The files an ``.aux`` makes redundant in a folder walk: the ``.bib`` files it takes its entries from
    (read whole they would add every uncited entry), the ``.bbl`` beside it (the same entries again) and the
    chapters' ``.aux`` files it inputs (their citations are its own)."""
    try:
        with open(aux_path, "rb") as fh:
            head = fh.read(1 << 20)
    except OSError:
        return set()
    if not sniff_aux(head[:4096]):
        return set()
    doc = load_aux(head, aux_path)
    inputs = {p for p, _ in _aux_texts(decode(head, aux_path)[0], Path(aux_path).parent)}
    return {str(Path(p)) for p in doc.libraries} | {str(Path(aux_path).with_suffix(".bbl"))} | inputs
