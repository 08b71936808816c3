"""Document → reference strings, and an account of every candidate that was not taken.

Finding references is kept apart from parsing them. The document is cut into units (list items and
paragraphs, wrapped lines joined, a ``[LABEL]`` on its own line joined to its entry). Then:

- **Reference sections** open at a heading in any of many languages (:mod:`acuref.sections`). Inside one,
  every unit is a candidate: it is taken when it has something a reference has (a year, an identifier, a
  locator, a legal citation) and otherwise listed as *skipped* with the reason, so nothing disappears
  silently. A topic subheading followed by references stays inside the section; another heading, or prose,
  ends it.
- **Lists without a heading** are judged as a whole: when most items score as references the list is a
  reference list, and its other items are judged as in a section. A run of three or more paragraphs that
  each score as references is a reference list too.
- Outside both, a paragraph must look very much like a reference on its own; ``Bron:``/``Source:`` lines,
  stacked title / authors / journal blocks and citations in parentheses inside prose are found too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

from acuref.model import Skipped, Source
from acuref.normalize.names import DEGREE_RE, is_author_list
from acuref.normalize.text import CJK_RE as _CJK_RE
from acuref.normalize.text import split_label, squash
from acuref.read.documents import Document, Line
from acuref.read.evidence import evidence
from acuref.read.sections import is_end_heading, is_reference_heading

_SOURCE_RE = re.compile(
    r"(?:^|[\s:;(])(?:Bron(?:nen)?|Bronvermelding|Sources?|Referenties?|References?|Ref\.|Citation|Quelle|Fuente|Origineel)\s*:\s*",
    re.IGNORECASE,
)
_PAREN_RE = re.compile(r"\(((?:[^()]|\([^()]{0,30}\)){10,400})\)")
_TERMINAL_RE = re.compile(r"[.!?)\]\"”]\s*$|(?:DOI|PubMed|PMC|Medline|CrossRef)\]?\s*$")
_RULE_RE = re.compile(r"^\s*([-=~^*_#+`:.'\"])\1{2,}\s*$")
_YEAR_LABEL_RE = re.compile(r"(?:1[5-9]|20)\d\d")
_KEY_ALONE_RE = re.compile(r"^\s*(?:\[([^\]\s]{1,40})\]|(\d{1,4})[.)])\s*$")
_YEAR_RE = re.compile(r"(?<![\d/.-])(?:1[5-9]\d\d|20[0-3]\d)(?:[a-z]|/\d{2,4})?(?![\d])")
_IDENT_RE = re.compile(
    r"\b10\.\d{4,9}/|\bPMID\b|\bPMC\s?\d{4,}|\barXiv\s*:|\bISBN\b|\bISSN\b|\bhttps?://|\bwww\.|\bRFC\s?\d|"
    r"\bhdl\.handle\.net|\burn:nbn:|\bSSRN\b|\bbioRxiv\b|\bmedRxiv\b|\bECLI:", re.IGNORECASE)
_LOCATOR_RE = re.compile(r"\b\d{1,4}\s*(?:\(\s*[\w/-]{1,9}\s*\))?\s*[:,]\s*[eS]?\d{1,6}(?:\s*[-–]\s*\d{1,6})?\b|"
                         r"\b(?:pp?|S|s|С|с)\.\s*\d|\bvol\.\s*\d|\b[TТ]\.\s*\d|№\s*\d|(?<!\d)\d{1,5}\s*(?:pp|p|S|с|页)\b\.?")
_LEGAL_RE = re.compile(r"\bv\.?\s+[A-Z]|§|\bU\.?S\.?C\b|\bStat\.|\bOJ\s+[LC]\b|\bStb\.|\bBVerf|\bBGH\b|\bS\.\s?Ct\.|"
                       r"\bF\.\s?(?:2d|3d|4th|Supp)|\bWLR\b|\bEWCA\b|\bUKSC\b|\bA\.?C\.?\s+\d|\bAll\s+ER\b|\bC-\d+/\d\d")
_UNDATED_RE = re.compile(r"\b(?:n\.\s?d\.|s\.\s?f\.|s\.\s?d\.|o\.\s?J\.|in\s+press|forthcoming|im\s+Druck|sous\s+presse|"
                         r"en\s+prensa|ter\s+perse|accessed|retrieved|abgerufen|consulté|geraadpleegd|consultado)",
                         re.IGNORECASE)
_BOILERPLATE_RE = re.compile(r"©|\bcopyright\b|all\s+rights\s+reserved|\bprivacy\b|\bcookies?\b|back\s+to\s+top|"
                             r"terug\s+naar\s+boven|\bdisclaimer\b|\bnewsletter\b|\bsubscribe\b", re.IGNORECASE)
_REPEAT_RE = re.compile(r"^(?:ibid|ibidem|idem|id\.|op\.\s?cit|loc\.\s?cit|ebd\.|ebenda|a\.\s?a\.\s?O\.|aaO)\b", re.IGNORECASE)
_STOP_RE = re.compile(r"[.,;:](?=\s|$)")
_FUNCTION = frozenset(
    "the of to in is that with for on are was be this it as by an at from which we were has have not but or and "
    "de het een van en is dat op te met voor zijn niet ook als bij wordt worden "
    "der die das und ist nicht mit von zu den dem für auf sich wird eine "
    "le la les des du et est une pour dans que qui sur pas "
    "el los las y es una por con para que se del "
    "il di che è per una con sono "
    "o os as um é para com não uma "
    "w i z na się jest nie do "
    "и в не на что с по как при для".split())

STANDALONE = 7  # a paragraph on its own must look very much like a reference
IN_LIST = 4
SOURCE_LINE = 3
JOURNAL_LINE = 4
RUN_MIN = 4


@dataclass(slots=True, eq=False)
class _Unit:
    lines: list[Line]
    label: str | None = None
    item: bool = False
    bullet: bool = False
    texts: list[str] = field(default_factory=list)
    indent: int = 0
    heading: int = 0  # the source marks it as a heading (level), or a rule line was drawn under it (7)

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


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" \t"))


def _mark_rules(lines: tuple[Line, ...] | list[Line]) -> list[Line]:
    """A rule line (``-----``, ``=====``) under a line makes that line a heading; the rule itself is a blank."""
    out: list[Line] = []
    for line in lines:
        if _RULE_RE.match(line.text):
            if out and out[-1].text.strip() and len(out[-1].text.strip()) <= 80 and not out[-1].heading:
                out[-1] = replace(out[-1], heading=7)
            out.append(Line(line.number, ""))
            continue
        out.append(line)
    return out


def _segment(lines: tuple[Line, ...] | list[Line], blocks: bool = False) -> list[_Unit | None]:
    """Cut lines into units; ``None`` marks a blank line (it separates lists and paragraphs).

    With ``blocks`` (HTML), every line already is a whole block and is never joined to the next.
    """
    units: list[_Unit | None] = []
    cur: _Unit | None = None
    marked = _mark_rules(lines)
    wrap = [None] * len(marked) if blocks else _wrapped(marked)
    for k, line in enumerate(marked):
        s = line.text.strip()
        if not s:
            cur = None
            units.append(None)
            continue
        if line.heading:
            cur = None
            units.append(_Unit([line], texts=[s], heading=line.heading))
            continue
        key = _KEY_ALONE_RE.match(s)
        if key:  # "[Smith2010]" on its own line: the entry follows
            cur = _Unit([line], label=key.group(1) or key.group(2), item=True, texts=[""], indent=_indent(line.text))
            units.append(cur)
            continue
        label, rest = split_label(s)
        if label and cur is not None and _YEAR_LABEL_RE.fullmatch(label):
            label, rest = None, s  # "(1973)." at the head of a wrapped line is the year, not an item number
        bullet = label is None and rest != s
        if label is not None or bullet:
            cur = _Unit([line], label=label, item=True, bullet=bullet, texts=[rest.strip()], indent=_indent(line.text))
            units.append(cur)
            continue
        forced = wrap[k - 1] if k else None
        if forced and cur is not None and _new_entry(cur, s):
            forced = False
        if cur is not None and blocks and cur.item and not cur.raw:  # "<dt>[1]</dt><dd>…", "<li><p>…"
            cur.lines.append(line)
            cur.texts.append(s)
            continue
        if cur is not None and not blocks and (forced or (forced is None and _continues(cur, s, _indent(line.text)))
                                               or (forced is False and _indent(line.text) > cur.indent)):
            cur.lines.append(line)
            cur.texts.append(s)
            continue
        cur = _Unit([line], texts=[s], indent=_indent(line.text))
        units.append(cur)
    return units


def _wrapped(lines: list[Line]) -> list[bool | None]:
    """For each line of a block wrapped at a fixed width: whether the width forced the break after it (the
    next word would not have fitted), so the next line goes on with it; ``None`` where the block is not
    wrapped text (lines of any length, one entry each) or the line ends its block."""
    out: list[bool | None] = [None] * len(lines)
    start = 0
    while start < len(lines):
        if not lines[start].text.strip():
            start += 1
            continue
        end = start
        while end < len(lines) and lines[end].text.strip() and not lines[end].heading:
            end += 1
        block = [line.text.rstrip() for line in lines[start:end]]
        width = max(len(t) for t in block) if block else 0
        full = sum(len(t) >= width - 12 for t in block)
        if len(block) >= 3 and 40 <= width <= 200 and full >= max(2, len(block) // 3):
            for i in range(len(block) - 1):
                nxt = block[i + 1].lstrip()
                word = nxt.split()[0] if nxt else ""
                out[start + i] = len(block[i]) + 1 + len(word) > width - 3  # the widest line may fall short of the set width
        elif len(block) >= 3 and _one_per_line(block):
            for i in range(len(block) - 1):
                nxt = block[i + 1].lstrip()
                out[start + i] = bool(nxt) and (nxt[0].islower() or nxt[0] in "(;:,&")
        start = max(end, start + 1)
    return out


_ENTRY_START_RE = re.compile(
    r"^(?:[A-ZÀ-ÞĀ-Ž][\w'’-]+(?:\s(?:[a-z]{1,3}\s)?[A-ZÀ-ÞĀ-Ž][\w'’-]+)?,?\s+(?:[A-Z]\.?\s?-?){1,3}[,.]"
    r"|[A-ZÀ-ÞĀ-Ž][\w'’-]+,\s+[A-ZÀ-ÞĀ-Ž][a-zà-ÿ]+[,.\s])")


def _one_per_line(block: list[str]) -> bool:
    """Lines of any length, nearly all long and complete: a list with one entry per line, not wrapped text."""
    long = sum(len(t.strip()) >= 50 for t in block)
    complete = sum(bool(_TERMINAL_RE.search(t)) or bool(re.search(r"\d\s*$|\S+://\S+$", t)) for t in block)
    return long >= 0.7 * len(block) and complete >= 0.7 * len(block)


def _new_entry(cur: _Unit, s: str) -> bool:
    """A line that starts a new author list right after a complete reference ends with a full stop."""
    prev = cur.texts[-1] if cur.texts else ""
    return (bool(_TERMINAL_RE.search(prev)) and bool(_ENTRY_START_RE.match(s)) and _has_core(cur.flat)
            and _evidence(cur.flat) >= IN_LIST)


def _continues(cur: _Unit, s: str, indent: int) -> bool:
    prev = cur.texts[-1] if cur.texts else ""
    if not prev:  # "1." or "[Key]" alone on its line: the entry follows
        return True
    if indent > cur.indent and (cur.item or len(cur.lines) > 1 or cur.indent == 0):
        return True  # a hanging indent
    if prev.endswith("-") or s[0].islower() or s[0].isdigit() or s[:1] in "(;:,&<":
        return True
    if cur.item:
        if _TERMINAL_RE.search(prev) and len(s.split()) <= 5 and not re.search(r"[\d.,:;]", s):
            return False  # a topic subheading after a complete entry
        # A list entry runs on until a blank line, unless it is complete and prose follows.
        if len(s.split()) > 30 and _TERMINAL_RE.search(prev) and evidence(cur.flat) >= IN_LIST:
            return False
        return len(cur.texts) < 12
    return not _TERMINAL_RE.search(prev) and len(prev) > 30 and evidence(cur.flat) >= 2


def _is_prose(text: str) -> bool:
    """Running text: sentences of mostly lower-case words with few stops between them, and none of a
    reference's marks (identifiers, locators, an author list, a volume/pages block)."""
    words = text.split()
    if len(words) < 12:
        return False
    if len(_STOP_RE.findall(text)) / len(words) >= 0.15 or _IDENT_RE.search(text) or _LOCATOR_RE.search(text):
        return False
    function = sum(w.strip(".,;:()").lower() in _FUNCTION for w in words) / len(words)
    later = [w for w in words[1:] if w[:1].isalpha()]
    lower = sum(w[0].islower() for w in later) / max(1, len(later))
    return ((function >= 0.2 and lower >= 0.45) or lower >= 0.6) and _evidence(text) < IN_LIST


def _heading_like(u: _Unit) -> bool:
    """Short, no sentence end, no year: a line that names what follows."""
    if u.heading:
        return True
    if u.item and not u.bullet:
        return False
    text = u.flat
    words = text.split()
    return (0 < len(words) <= 8 and len(text) <= 70 and not _TERMINAL_RE.search(text)
            and not _YEAR_RE.search(text) and not _IDENT_RE.search(text) and "," not in text)


def judge(text: str) -> str | None:
    """Inside a reference section or list: ``None`` when ``text`` is taken as a reference, else the reason."""
    s = text.strip()
    letters = sum(ch.isalpha() for ch in s)
    cjk = bool(_CJK_RE.search(s))
    ident = bool(_IDENT_RE.search(s))
    if _BOILERPLATE_RE.search(s) and len(s) < 200 and not ident:
        return "page boilerplate (copyright, privacy, navigation)"
    if _REPEAT_RE.match(s):
        return "repeats an earlier note (ibid., op. cit.)"
    if _is_prose(s):
        return "running text, not a reference"
    if _YEAR_RE.search(s) or ident or _LOCATOR_RE.search(s) or _LEGAL_RE.search(s) or _UNDATED_RE.search(s):
        if letters < (2 if cjk else 4) and not ident:
            return "too short to be a reference"
        return None
    if letters < (6 if cjk else 12):
        return "too short to be a reference"
    if len(s.split()) >= 5 and _evidence(s) >= 2:
        return None  # an author list and a publisher, say, with no year printed
    return "no year, identifier, locator or legal citation"


@lru_cache(maxsize=8192)
def _judge(text: str) -> str | None:
    return judge(text)


@lru_cache(maxsize=8192)
def _evidence(text: str) -> int:
    return evidence(text)


def _has_core(text: str) -> bool:
    """A reference names something: at least a year, an identifier or a volume."""
    return bool(re.search(r"(?<!\d)(?:1[6-9]|20)\d\d(?!\d)|\b10\.\d{4,9}/|PMID|\bPMC\d", text))


@dataclass(slots=True)
class _Found:
    sources: list[tuple[int, int, Source]] = field(default_factory=list)  # (line, order, source)
    skipped: list[Skipped] = field(default_factory=list)

    def take(self, u: _Unit, label: str | None) -> None:
        self.sources.append((u.start, len(self.sources), Source(u.raw, u.start, u.end, label, "list")))

    def add(self, src: Source) -> None:
        self.sources.append((src.line, len(self.sources), src))

    def skip(self, u: _Unit, reason: str) -> None:
        text = u.flat if not u.label else f"[{u.label}] {u.flat}"
        self.skipped.append(Skipped(text, u.start, u.end, reason))


class _Member(NamedTuple):
    """A list item's place: its list (consecutive items, blank lines allowed), whether the list reads as a
    reference list, whether it numbers every item the same ("1.", as PubMed copies do), and its position."""

    group: list[_Unit]
    good: bool
    ordinal: bool
    pos: int


def _label(u: _Unit, member: _Member | None) -> str | None:
    """The item's printed label, or its position in a list that numbers every item the same."""
    return str(member.pos) if member is not None and member.ordinal else u.label


def _groups(units: list[_Unit | None]) -> dict[int, _Member]:
    """Each list item (by id) → its :class:`_Member`."""
    out: dict[int, _Member] = {}
    current: list[_Unit] = []

    def close() -> None:
        if not current:
            return
        labels = [u.label for u in current if u.label]
        ordinal = len(labels) > 1 and len(set(labels)) == 1
        if len(current) == 1:
            good = _evidence(current[0].flat) >= STANDALONE or bool(current[0].label)
        else:
            good = _reference_list(current)
        group = list(current)
        for pos, u in enumerate(group, start=1):
            out[id(u)] = _Member(group, good, ordinal, pos)

    for u in units:
        if u is None:
            continue
        if u.item and not u.heading:
            current.append(u)
        else:
            close()
            current = []
    close()
    return out


def _reference_list(members: list[_Unit]) -> bool:
    """A list (or run of paragraphs) is a reference list when most of its members could be references and
    a good share plainly are (a volume/pages block, an identifier, an author list and a year)."""
    n = len(members)
    ok = sum(_judge(u.flat) is None and (_has_core(u.flat) or _evidence(u.flat) >= 2) for u in members)
    strong = sum(_evidence(u.flat) >= IN_LIST and _has_core(u.flat) for u in members)
    labels = [u.label for u in members]
    numbered = all(lab and lab.isdigit() for lab in labels) and [int(x) for x in labels] == list(  # type: ignore[arg-type]
        range(int(labels[0]), int(labels[0]) + n))  # type: ignore[arg-type]
    return ((ok >= 0.7 * n and strong >= max(1, 0.2 * n)) or (ok >= 0.6 * n and strong >= max(1, 0.3 * n))
            or (numbered and n >= 2 and ok >= 0.75 * n and strong >= 1))


def _runs(units: list[_Unit | None]) -> set[int]:
    """Paragraphs in a run of at least three that could each be references and that together read as a
    reference list (a bare list with no heading)."""
    out: set[int] = set()
    run: list[_Unit] = []

    def close() -> None:
        if len(run) >= RUN_MIN and _reference_list(run):
            out.update(id(u) for u in run)

    for u in units:
        if u is None:
            continue
        if not u.heading and u.flat and not _heading_like(u) and _judge(u.flat) != "running text, not a reference":
            run.append(u)
        else:
            close()
            run = []
    close()
    return out


def _references_follow(units: list[_Unit | None], i: int) -> bool:
    """After a heading inside a section: the next unit is plainly a reference (then it was a topic subheading)."""
    nxt = next((u for u in units[i + 1:] if u is not None), None)
    return (nxt is not None and not _heading_like(nxt) and _judge(nxt.flat) is None
            and (nxt.item or _evidence(nxt.flat) >= 2))


def extract_with_report(doc: Document) -> tuple[list[Source], list[Skipped]]:
    """Every reference in a document, in document order, and every candidate in a reference section or list
    that was not taken (with the reason)."""
    return _extract(doc.lines, blocks=doc.format in ("html", "pdf"))


def _extract(lines: tuple[Line, ...] | list[Line], blocks: bool) -> tuple[list[Source], list[Skipped]]:
    units = _segment(lines, blocks)
    groups = _groups(units)
    runs = _runs(units)
    found = _Found()
    section = 0  # 0: outside; else the level of the heading that opened it (7 for a heading with no level)
    misses = 0
    prev_units: list[_Unit] = []
    for i, u in enumerate(units):
        if u is None:
            continue
        if u.item and u.label and u.label.isdigit() and is_reference_heading(u.flat):
            section, misses, prev_units = 7, 0, []  # "5. References", "7. Literatur": a numbered heading
            continue
        if _heading_like(u) and not u.item:
            if is_reference_heading(u.flat):
                section, misses, prev_units = u.heading or 7, 0, []
                continue
            if section:
                if is_end_heading(u.flat) or (u.heading and u.heading < section) or not _references_follow(units, i):
                    section, prev_units = 0, []
                else:
                    found.skip(u, "subheading inside the reference section")
                continue
        member = groups.get(id(u))
        if section:
            reason = _judge(u.flat) if u.flat else "empty entry"
            if reason is None:
                found.take(u, _label(u, member))
                misses = 0
            else:
                found.skip(u, reason)
                misses += 1
                if misses >= 3 or (reason.startswith("running text") and misses >= 2):
                    section = 0
            continue
        if member is not None and not member.good and id(u) in runs:
            member = None  # an item of a run that reads as a reference list (numbered entries mixed with others)
        if member is not None:
            if member.good:
                reason = _judge(u.flat) if u.flat else "empty entry"
                if reason is None and (len(member.group) > 1 or _has_core(u.flat)):
                    found.take(u, _label(u, member))
                else:
                    found.skip(u, reason or "a lone item without a year or identifier")
                    _inline_into(found, u)
            elif _evidence(u.flat) >= IN_LIST and _has_core(u.flat) and len(member.group) > 1:
                found.take(u, _label(u, member))
            else:
                _inline_into(found, u)
            prev_units = []
            continue
        src = _SOURCE_RE.search(u.flat)
        if src:
            rest = u.flat[src.end():].strip()
            if rest and ((evidence(rest) >= SOURCE_LINE and _has_core(rest)) or re.fullmatch(r"(?:https?://|www\.)\S+", rest)):
                found.add(Source(rest, u.start, u.end, None, "source"))
                prev_units = []
                continue
        if id(u) in runs:
            reason = _judge(u.flat)
            if reason is None:
                found.take(u, u.label)
            else:
                found.skip(u, reason)
            prev_units = []
            continue
        sc = _evidence(u.flat)
        if sc >= STANDALONE and _has_core(u.flat) and len(u.flat) < 1500:
            found.take(u, u.label)
            prev_units = []
            continue
        stacked = _stacked(u, prev_units, sc)
        if stacked is not None:
            found.add(stacked)
            prev_units = []
            continue
        _inline_into(found, u)
        prev_units = (prev_units + [u])[-2:]
    found.sources.sort(key=lambda t: (t[0], t[1]))
    return [s for _, _, s in found.sources], found.skipped


def _inline_into(found: _Found, u: _Unit) -> None:
    for src in _inline(u):
        found.add(src)


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


def extract_from_lines(lines: tuple[Line, ...] | list[Line], *, blocks: bool = False) -> list[Source]:
    """Find every reference in a document's lines, in document order (``blocks``: lines are HTML blocks)."""
    return _extract(lines, blocks)[0]


def extract_document(doc: Document) -> list[Source]:
    """Find every reference in a loaded document."""
    return extract_with_report(doc)[0]


def extract_references(text: str) -> list[Source]:
    """Find the reference strings in plain text (library entry point; see :func:`acuref.read_document`)."""
    from acuref.read.documents import load_text

    return extract_from_lines(load_text(text, fmt="text").lines)
