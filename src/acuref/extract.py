"""Document → reference strings. Finding references is kept apart from parsing them.

The document is cut into units (list items and paragraphs, wrapped lines joined). Each unit is
scored for how much it looks like a reference (identifiers, a year;volume:pages block, an author
list, a publisher). Lists are judged as a whole, so a book in a list of articles is kept while a
numbered list of prose sentences is not. ``Bron:``/``Source:`` lines, stacked title / authors /
journal blocks, and parenthesised citations inside prose are found too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .documents import Document, Line
from .model import Source
from .normalize.names import DEGREE_RE, is_author_list
from .normalize.text import split_label, squash
from .parse import evidence

_HEADING_RE = re.compile(
    r"^(?:\d+\.?\s*)?(?:references?|bibliography|literature(?:\s+cited)?|works\s+cited|cited\s+literature|sources?|"
    r"notes\s+and\s+references|bronnen|bron(?:vermelding|nen)?|literatuur(?:lijst|opgave)?|referenties?|"
    r"geraadpleegde\s+(?:literatuur|bronnen)|quellen|literaturverzeichnis|références|bibliographie|"
    r"similar\s+articles|cited\s+by(?:\s+\d+)?(?:\s+articles)?|further\s+reading|reference\s+list)\s*:?$",
    re.IGNORECASE,
)
_SOURCE_RE = re.compile(
    r"(?:^|[\s:;(])(?:Bron(?:nen)?|Bronvermelding|Sources?|Referenties?|References?|Ref\.|Citation|Quelle|Fuente|Origineel)\s*:\s*",
    re.IGNORECASE,
)
_PAREN_RE = re.compile(r"\(((?:[^()]|\([^()]{0,30}\)){10,400})\)")
_TERMINAL_RE = re.compile(r"[.!?)\]\"”]\s*$|(?:DOI|PubMed|PMC|Medline|CrossRef)\]?\s*$")

STANDALONE = 7  # a paragraph on its own must look very much like a reference
IN_LIST = 4
IN_GOOD_LIST = 3
IN_SECTION = 3
SOURCE_LINE = 3
JOURNAL_LINE = 4


@dataclass(slots=True)
class _Unit:
    lines: list[Line]
    label: str | None = None
    item: bool = False
    bullet: bool = False
    texts: list[str] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.lines[0].number

    @property
    def end(self) -> int:
        return self.lines[-1].number

    @property
    def raw(self) -> str:
        return "\n".join(t for t in self.texts if t)

    @property
    def flat(self) -> str:
        return squash(" ".join(self.texts))


def _segment(lines: tuple[Line, ...] | list[Line], blocks: bool = False) -> list[_Unit | None]:
    """Cut lines into units; ``None`` marks a blank line (it separates lists and paragraphs).

    With ``blocks`` (HTML), every line already is a whole block and is never joined to the next.
    """
    units: list[_Unit | None] = []
    cur: _Unit | None = None
    for line in lines:
        s = line.text.strip()
        if not s:
            cur = None
            units.append(None)
            continue
        label, rest = split_label(s)
        bullet = label is None and rest != s
        if label is not None or bullet:
            cur = _Unit([line], label=label, item=True, bullet=bullet, texts=[rest.strip()])
            units.append(cur)
            continue
        if cur is not None and not blocks and _continues(cur, s):
            cur.lines.append(line)
            cur.texts.append(s)
            continue
        cur = _Unit([line], texts=[s])
        units.append(cur)
    return units


def _continues(cur: _Unit, s: str) -> bool:
    prev = cur.texts[-1] if cur.texts else ""
    if not prev:  # "1." alone on its line: the entry follows
        return True
    if prev.endswith("-") or s[0].islower() or s[0].isdigit() or s[:1] in "(;:,&":
        return True
    if cur.item:
        # A list entry runs on until a blank line, unless it is complete and prose follows.
        if len(s.split()) > 30 and _TERMINAL_RE.search(prev) and evidence(cur.flat) >= IN_LIST:
            return False
        return len(cur.texts) < 12
    return not _TERMINAL_RE.search(prev) and len(prev) > 40 and evidence(prev) >= 2


def _is_heading(unit: _Unit) -> bool:
    text = unit.flat.strip(" :#*")
    return len(text) < 60 and bool(_HEADING_RE.match(text))


def _looks_like_heading(unit: _Unit) -> bool:
    text = unit.flat
    return len(text.split()) <= 8 and not _TERMINAL_RE.search(text) and not re.search(r"\d{4}", text)


def extract_from_lines(lines: tuple[Line, ...] | list[Line], *, blocks: bool = False) -> list[Source]:
    """Find every reference in a document's lines, in document order (``blocks``: lines are HTML blocks)."""
    units = _segment(lines, blocks)
    found: list[tuple[int, int, Source]] = []  # (line, order, source)
    consumed: set[int] = set()
    in_section = False
    nonref_run = 0
    scores: dict[int, int] = {}

    def score(u: _Unit) -> int:
        key = id(u)
        if key not in scores:
            scores[key] = evidence(u.flat)
        return scores[key]

    # Lists: consecutive items, blank lines allowed between them.
    groups: list[list[_Unit]] = []
    current: list[_Unit] = []
    for u in units:
        if u is None:
            continue
        if u.item:
            current.append(u)
        else:
            if current:
                groups.append(current)
            current = []
    if current:
        groups.append(current)
    for group in groups:
        labels = [u.label for u in group if u.label]
        ordinal = len(labels) > 1 and len(set(labels)) == 1  # PubMed copies number every item "1."
        strong = [u for u in group if score(u) >= IN_LIST]
        good_list = len(strong) >= max(1, (len(group) + 1) // 2)
        for pos, u in enumerate(group, start=1):
            threshold = IN_GOOD_LIST if good_list else IN_LIST
            if len(group) == 1 and not u.label:
                threshold = STANDALONE
            if score(u) >= threshold and _has_core(u.flat):
                label = str(pos) if ordinal else u.label
                found.append((u.start, len(found), Source(u.raw, u.start, u.end, label, "list")))
                consumed.add(id(u))

    prev_units: list[_Unit] = []
    for u in units:
        if u is None:
            continue
        if id(u) in consumed:
            prev_units = []
            continue
        if _is_heading(u):
            in_section = True
            nonref_run = 0
            prev_units = []
            continue
        src = _SOURCE_RE.search(u.flat)
        if src:
            rest = u.flat[src.end():].strip()
            if rest and evidence(rest) >= SOURCE_LINE and _has_core(rest):
                found.append((u.start, len(found), Source(rest, u.start, u.end, None, "source")))
                consumed.add(id(u))
                prev_units = []
                continue
        if u.item:
            prev_units = []
            found.extend((s.line, len(found) + i, s) for i, s in enumerate(_inline(u)))
            continue
        sc = score(u)
        if in_section and sc >= IN_SECTION and _has_core(u.flat):
            found.append((u.start, len(found), Source(u.raw, u.start, u.end, None, "list")))
            consumed.add(id(u))
            nonref_run = 0
            prev_units = []
            continue
        if in_section:
            nonref_run += 1
            if nonref_run >= 3 or _looks_like_heading(u):
                in_section = False
        if sc >= STANDALONE and _has_core(u.flat) and len(u.flat) < 1500:
            found.append((u.start, len(found), Source(u.raw, u.start, u.end, None, "list")))
            consumed.add(id(u))
            prev_units = []
            continue
        stacked = _stacked(u, prev_units, sc)
        if stacked is not None:
            found.append((stacked.line, len(found), stacked))
            consumed.add(id(u))
            prev_units = []
            continue
        found.extend((s.line, len(found) + i, s) for i, s in enumerate(_inline(u)))
        prev_units = (prev_units + [u])[-2:]
    found.sort(key=lambda t: (t[0], t[1]))
    return [s for _, _, s in found]


def _has_core(text: str) -> bool:
    """A reference names something: at least a year, an identifier or a volume."""
    return bool(re.search(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)|\b10\.\d{4,9}/|PMID|\bPMC\d", text))


def _stacked(u: _Unit, prev: list[_Unit], score: int) -> Source | None:
    """A journal line (``N Engl J Med 2010; 363:454-461``) with the authors and title stacked above it."""
    text = u.flat
    if len(text.split()) > 25 or score < JOURNAL_LINE or not _has_core(text):
        return None
    parts = [u]
    if prev and prev[-1].end >= u.start - 8:
        authors = prev[-1]
        atext = authors.flat.rstrip(" .")
        if DEGREE_RE.search(atext) or (is_author_list(atext) and "," in atext):
            parts.insert(0, authors)
            if len(prev) > 1 and prev[-2].end >= authors.start - 8:
                title = prev[-2]
                ttext = title.flat
                if 2 <= len(ttext.split()) <= 30 and ttext[:1].isupper() and not ttext.endswith(":"):
                    parts.insert(0, title)
    if len(parts) == 1 and not re.match(r"^[A-Z][A-Za-z.&]+(?:\s+[A-Z][A-Za-z.&]*)*\.?\s+(?:\(|\d)", text):
        return None
    raw = "\n".join(p.raw for p in parts)
    return Source(raw, parts[0].start, u.end, None, "source")


def _inline(u: _Unit) -> list[Source]:
    """Citations in parentheses inside prose: ``(Am J Psychiatry 157:1342-1343, August 2000)``."""
    out = []
    joined = "\n".join(u.texts)
    for m in _PAREN_RE.finditer(joined):
        inner = squash(m.group(1))
        if not re.search(r"[A-Z][a-z]", inner) or not _has_core(inner):
            continue
        if evidence(inner) < JOURNAL_LINE:
            continue
        line = u.lines[min(joined.count("\n", 0, m.start()), len(u.lines) - 1)].number
        out.append(Source(inner, line, line, None, "inline"))
    return out


def extract_document(doc: Document) -> list[Source]:
    """Find every reference in a loaded document."""
    return extract_from_lines(doc.lines, blocks=doc.format == "html")


def extract_references(text: str) -> list[Source]:
    """Find the reference strings in plain text (library entry point; see :func:`acuref.read_document`)."""
    from .documents import load_text

    return extract_from_lines(load_text(text, fmt="text").lines)
