"""Document → reference strings, and an account of every candidate that was not taken.

Finding references is kept apart from parsing them. The document is cut into units (list items and
paragraphs, wrapped lines joined, a ``[LABEL]`` on its own line joined to its entry). Then:

- **Reference sections** open at a heading in any of many languages (:mod:`acuref.sections`). Inside one,
  every unit is a candidate: it is taken when it has something a reference has (a year, an identifier, a
  locator, a legal citation) and otherwise listed as *skipped* with the reason, so nothing disappears
  silently. A topic subheading followed by references stays inside the section; another heading, or prose,
  ends it.
- **Containers the markup names** (``role="doc-bibliography"``, ``csl-bib-body``, MediaWiki's ``reflist``,
  footnote sections; :mod:`acuref.read.htmlmarks`) are reference sections of their own, from where they open to
  where they close; "Cite this article" and "Cited by" lists are listed as skipped, never taken.
- **Lists without a heading** are judged as a whole: when most items score as references the list is a
  reference list, and its other items are judged as in a section. A run of three or more paragraphs that
  each score as references is a reference list too.
- Outside both, a paragraph must look very much like a reference on its own; ``Bron:``/``Source:`` lines,
  stacked title / authors / journal blocks and citations in parentheses inside prose are found too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from acuref.model import Skipped, Source
from acuref.normalize.names import DEGREE_RE, is_author_list
from acuref.normalize.text import squash
from acuref.read.cards import cards
from acuref.read.documents import Document, Line
from acuref.read.evidence import evidence
from acuref.read.judge import (IN_LIST, JOURNAL_LINE, PROSE, SOURCE_LINE, STANDALONE, evidence_of, has_core,
                               is_note_not_citation, judged)
from acuref.read.lists import Member, groups, heading_like, item_label, runs
from acuref.read.sections import (is_end_heading, is_notes_heading, is_reference_heading, is_reference_name,
                                  not_cited_heading)
from acuref.read.segment import Unit, segment
from acuref.read.verdict import bibtex_twins, run_together, undated_entry, verdict

_SOURCE_RE = re.compile(  # searched in lower-cased text
    r"(?:^|[\s:;(])(?:bron(?:nen)?|bronvermelding|sources?|referenties?|references?|ref\.|citation|quelle|fuente|origineel)\s*:\s*")


# How an entry starts: a capital (an author or an organisation), a quotation mark, a CJK name.
_ENTRY_HEAD_RE = re.compile(r"(?!https?:|www\.|et\s+al)[\"“«„‘A-ZÀ-ÞĀ-ŽА-ЯЁ\u3040-\u30ff\u4e00-\u9fff]")


_WORD_RE = re.compile(r"[^\W_]{2,}")


_LETTER_WORD_RE = re.compile(r"[^\W\d_]{3,}")


_PAREN_RE = re.compile(r"\(((?:[^()]|\([^()]{0,30}\)){10,400})\)")


@dataclass(slots=True)
class _Found:
    sources: list[tuple[int, int, Source]] = field(default_factory=list)  # (line, order, source)
    skipped: list[Skipped] = field(default_factory=list)

    def take(self, u: Unit, label: str | None) -> None:
        for part in run_together(u.raw) if len(u.lines) == 1 else (u.raw,):
            self.sources.append((u.start, len(self.sources), Source(part, u.start, u.end, label, "list")))
            label = None  # the label was printed before the first of references run together

    def add(self, src: Source) -> None:
        self.sources.append((src.line, len(self.sources), src))

    def skip(self, u: Unit, reason: str) -> None:
        text = u.flat if not u.label else f"[{u.label}] {u.flat}"
        self.skipped.append(Skipped(text, u.start, u.end, reason, raw=u.raw, label=u.label))


def _references_follow(units: list[Unit | None], i: int, strict: bool = False, resume: bool = False) -> bool:
    """After a heading inside a section: a reference follows (then it was a topic subheading: "Books", "2.1
    Articles"). Past a heading the markup marks, further subheadings and a short note or two are passed over;
    after a line that only looks like a heading (a PDF's or a text's), the very next unit must be one. With
    ``strict`` (a heading as high as the section's own: "## Teaching" after "## Publications") it must plainly be
    one, not just a line with a year; with ``resume`` (a resting section taken up again) a list item with a year
    will do, but a paragraph must plainly be one (a literature review's prose cites years too)."""
    seen, limit = 0, 6 if units[i] is not None and units[i].heading else 1  # type: ignore[union-attr]
    passed = 0  # headings the markup marks, passed over after a line that only looks like one
    for nxt in units[i + 1:]:
        if nxt is None:
            continue
        if limit == 1 and nxt.heading and passed < 3 and not is_end_heading(nxt.flat):
            passed += 1  # "Please cite these works" then "Journal papers" (a marked heading), then the entries
            continue
        seen += 1
        if seen > limit or (heading_like(nxt) and is_end_heading(nxt.flat)):
            return False
        reason = verdict(nxt)
        if heading_like(nxt) and (not nxt.item or reason is not None):
            continue  # a further subheading ("Articles" under "Primary sources")
        if reason is None and (strict or resume):
            return has_core(nxt.flat) and ((resume and nxt.item) or evidence_of(nxt.flat) >= IN_LIST)
        if reason is None and (nxt.item or evidence_of(nxt.flat) >= 2 or has_core(nxt.flat) or undated_entry(nxt.flat)):
            return True
        if reason == PROSE:
            return False
    return False


def extract_with_report(doc: Document) -> tuple[list[Source], list[Skipped]]:
    """Every reference in a document, in document order, and every candidate in a reference section or list
    that was not taken (with the reason)."""
    named = doc.format in ("markdown", "rst", "text", "html") and is_reference_name(doc.name)
    return _extract(doc.lines, blocks=doc.format in ("html", "pdf"), lazy=doc.format == "markdown", named=named)


def _extract(lines: tuple[Line, ...] | list[Line], blocks: bool, lazy: bool = False,
             named: bool = False) -> tuple[list[Source], list[Skipped]]:
    units = cards(segment(lines, blocks, lazy))
    walk = _Walk(units)
    if named and not any(u is not None and u.heading and is_reference_heading(u.flat) for u in units):
        walk.open_at_start()  # "参考文献.md" with topic headings only: the file's name heads the whole document
    for i, u in enumerate(units):
        if u is not None:
            walk.visit(i, u)
    judged.cache_clear()
    evidence_of.cache_clear()
    found = walk.found
    found.sources.sort(key=lambda t: (t[0], t[1]))
    sources, twins = bibtex_twins([s for _, _, s in found.sources])
    return sources, found.skipped + twins


class _Walk:
    """One pass over a document's units: inside a reference section every candidate is judged, and outside
    one the list groups, runs of reference-like paragraphs, ``Bron:`` lines and strong paragraphs are taken."""

    def __init__(self, units: list[Unit | None]):
        self.units = units
        self.groups = groups(units)
        self.runs = runs(units)
        self.found = _Found()
        self.section = 0  # 0: outside; else the level of the heading that opened it (7 for one with no level)
        self.misses = 0
        self.lapsed = 0  # the level of a section that prose ended (no heading did)
        self.resting = False  # the section rests under a subheading with no references under it
        self.taken = False  # the open section has taken a reference
        self.prev: list[Unit] = []
        self.box = 0  # the reference container (Line.box) the last unit was in
        self.boxed = False  # the open section is that container's: it ends where the container ends
        self.own: str | None = None  # under "Cite this article" or "Cited by": why what follows is not taken
        self.notes = False  # the open section's heading names notes ("Notes", "Anmerkungen"): remarks are listed

    def visit(self, i: int, u: Unit) -> None:
        box = u.lines[0].box
        if box != self.box:
            self._box(box)
        if box and u.heading and self.section:
            if not is_end_heading(u.flat):
                if not is_reference_heading(u.flat):  # the container's own "References" is no candidate
                    self.found.skip(u, "subheading inside the reference section")
                return
        if u.heading:
            self.own = not_cited_heading(u.flat)
        elif self.own and u.flat:
            if judged(u.flat) is None:  # listed where it could pass for a reference; a footer is not listed
                self.found.skip(u, self.own)
            return
        if box and self.section and not u.heading and not u.item and heading_like(u):
            self.found.skip(u, "subheading inside the reference section")
            return  # the container, not the lines under a subheading, says where the list ends
        if self._heading(i, u):
            return
        if u.note:
            self._note(u)
            return
        member = self.groups.get(id(u))
        if self.section or self._reopen(u):
            self._in_section(u, member)
            return
        if member is not None and not member.good and id(u) in self.runs:
            member = None  # an item of a run that reads as a reference list (numbered entries mixed with others)
        before = len(self.found.sources)
        if member is not None:
            self._member(u, member)
            self.prev = []
        elif not self._outside(u):
            _inline_into(self.found, u)
            self.prev = (self.prev + [u])[-2:]
        if len(self.found.sources) > before or not u.flat:
            return
        if self.resting:
            self.found.skip(u, judged(u.flat) or "under a subheading of the reference section with no references under it")
        elif self.lapsed and judged(u.flat) is None and has_core(u.flat):
            self.found.skip(u, "after notes that ended the reference section; too weak to open it again")

    def _heading(self, i: int, u: Unit) -> bool:
        """Open, close or skip at a heading; True when the unit was a heading and is done with."""
        if u.item and u.label and u.label.isdigit() and is_reference_heading(u.flat):
            self._open(7)  # "5. References", "7. Literatur": a numbered heading
            return True
        if not heading_like(u) or u.item:
            return False
        if is_reference_heading(u.flat):
            if self.section:  # "Books" under "Bibliography": listed as the other subheadings are
                self.found.skip(u, "subheading inside the reference section")
            self._open(u.heading or 7)
            self.notes = is_notes_heading(u.flat)
            return True
        if not self.section and self.lapsed and u.heading > self.lapsed and not is_end_heading(u.flat) \
                and _references_follow(self.units, i, resume=True):
            self.section = self.lapsed  # a topic subheading of the section that notes had ended
        if not u.heading or u.heading <= self.lapsed:
            self.lapsed = 0  # a deeper heading with nothing under it leaves the section resting, not ended
        self.resting = self.resting and bool(self.lapsed) and not self.section
        if not self.section:
            return False
        if is_end_heading(u.flat) or (u.heading and u.heading < self.section):
            self.section, self.prev = 0, []
        elif not _references_follow(self.units, i, strict=u.heading == self.section < 7):
            # A deeper heading with no references under it (a table of contents, a note on the format): the
            # section rests, and a later subheading of it with references under it takes it up again.
            deeper = u.heading > self.section if u.heading else False
            self.section, self.prev, self.lapsed = 0, [], (self.section if deeper else 0)
            self.resting = deeper
        else:
            self.found.skip(u, "subheading inside the reference section")
        return True

    def _box(self, box: int) -> None:
        """Into or out of a container the markup names a reference list: it is a section of its own."""
        if self.boxed:
            self.section, self.boxed = 0, False
        self.box = box
        if box and not self.section:
            self._open(7)
            self.boxed = True

    def open_at_start(self) -> None:
        """The document is a reference section from its first line (its file is named like one)."""
        self._open(1)

    def _open(self, level: int) -> None:
        """A reference heading; one inside an open section ("Articles" under "Bibliography") keeps its level."""
        if not self.section or level < self.section:
            self.section = level
        self.misses, self.prev, self.lapsed, self.taken, self.resting = 0, [], 0, False, False

    def _in_section(self, u: Unit, member: Member | None) -> None:
        reason = verdict(u, member)
        if reason is None and self.notes and not u.lines[0].box and (
                is_note_not_citation(u.flat)):
            reason = "a note, not a reference"  # under "Notes": a note that says something rather than cites
        if reason is None:
            self.found.take(u, item_label(u, member))
            self.misses, self.taken = 0, True
            return
        self.found.skip(u, reason)
        # Three non-references in a row (or two of prose) end a section that no heading ended: what follows a
        # list on a page (a date line, "Share", a footer) must not be taken. A plain reference later opens it
        # again, and one too weak for that is listed as skipped (see _reopen and visit).
        self.misses += 1
        if u.lines[0].box:
            return  # the container, not a run of misses, says where the list ends
        if not self.taken and self.misses < 4 and self.section < 7:
            return  # a short preamble under a marked heading ("Hinweise: …", "Sorted by year.")
        if self.misses >= 3 or (reason.startswith("running text") and self.misses >= 2):
            self.section, self.lapsed = 0, self.section

    def _note(self, u: Unit) -> None:
        """A note below an entry (after its ``<br>``): listed inside a section, taken only when it is plainly a
        reference of its own."""
        if not self.section:  # listed when it has a reference's core: an entry after a <br> is never dropped silently
            return self.found.skip(u, "a note below an entry outside a reference section") if has_core(u.flat) else None
        if judged(u.flat) is None and has_core(u.flat) and evidence_of(u.flat) >= IN_LIST:
            self.found.take(u, None)
        else:
            self.found.skip(u, "a note below an entry")

    def _reopen(self, u: Unit) -> bool:
        """After notes or prose ended a section with no heading: a plain reference opens it again."""
        if not self.lapsed or judged(u.flat) is not None or not has_core(u.flat) or evidence_of(u.flat) < 3:
            return False
        if len(_WORD_RE.findall(u.flat)) < 5:
            return False  # "Old Papers: Before 2012": a line of a contents list, not an entry
        if not u.label and not _ENTRY_HEAD_RE.match(u.flat):
            return False  # a piece of an entry (": Title …", "https://doi.org/…", "et al."), as a broken page gives
        self.section, self.lapsed, self.misses, self.resting = self.lapsed, 0, 0, False
        return True

    def _member(self, u: Unit, member: Member) -> None:
        found = self.found
        if member.good:
            reason = verdict(u, member)
            if reason is None and (len(member.group) > 1 or has_core(u.flat)):
                found.take(u, item_label(u, member))
            else:
                found.skip(u, reason or "a lone item without a year or identifier")
                _inline_into(found, u)
        elif evidence_of(u.flat) >= IN_LIST and has_core(u.flat) and len(member.group) > 1 and judged(u.flat) is None:
            found.take(u, item_label(u, member))
        else:
            _inline_into(found, u)

    def _outside(self, u: Unit) -> bool:
        """A unit outside sections and lists: a source line, a run member, a strong paragraph, a stacked entry."""
        src = _SOURCE_RE.search(u.flat.lower()) if ":" in u.flat else None
        if src:
            rest = u.flat[src.end():].strip()
            if rest and ((evidence(rest) >= SOURCE_LINE and has_core(rest)) or re.fullmatch(r"(?:https?://|www\.)\S+", rest)):
                self.found.add(Source(rest, u.start, u.end, None, "source"))
                self.prev = []
                return True
        if id(u) in self.runs:
            reason = judged(u.flat)
            if reason is None:
                self.found.take(u, u.label)
            else:
                self.found.skip(u, reason)
            self.prev = []
            return True
        if not has_core(u.flat):
            return False  # neither a strong paragraph nor a stacked journal line: both need a year or identifier
        sc = evidence_of(u.flat)
        # A paragraph on its own names its authors or its title too, not only a venue and its numbers (a
        # journal page's own "Science. 2005 Apr 15; 308(5720): 385–389." header).
        if sc >= STANDALONE and len(u.flat) < 1500 and len(_LETTER_WORD_RE.findall(u.flat)) >= 4:
            self.found.take(u, u.label)
            self.prev = []
            return True
        stacked = _stacked(u, self.prev, sc)
        if stacked is not None:
            self.found.add(stacked)
            self.prev = []
            return True
        return False


def _inline_into(found: _Found, u: Unit) -> None:
    for src in _inline(u):
        found.add(src)


def _stacked(u: Unit, prev: list[Unit], score: int) -> Source | None:
    """A journal line (``N Engl J Med 2010; 363:454-461``) with the authors and title stacked above it."""
    text = u.flat
    if len(text.split()) > 25 or score < JOURNAL_LINE or not has_core(text) or judged(text) is not None:
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


def _inline(u: Unit) -> list[Source]:
    """Citations in parentheses inside prose: ``(Am J Psychiatry 157:1342-1343, August 2000)``."""
    out = []
    joined = "\n".join(u.texts)
    for m in _PAREN_RE.finditer(joined):
        inner = squash(m.group(1))
        if not re.search(r"[A-Z][a-z]", inner) or not has_core(inner):
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
