"""Lines into candidate entries (units): list items, labels alone on a line, hanging indents, fixed-width wraps, rules under headings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from acuref.normalize.names import classify, is_author_list
from acuref.normalize.shapes import split_authors, tails
from acuref.normalize.text import split_label, squash
from acuref.normalize.vocabulary import EARLY_YEAR
from acuref.read.documents import Line
from acuref.read.evidence import evidence
from acuref.read.htmlmarks import LINK_WORDS_RE as _LINK_WORDS_RE
from acuref.read.judge import IN_LIST, NAME_FAMILY, NAME_FIRST_RE, evidence_of, has_core, judged, opens_a_sentence
from acuref.read.listshapes import (DOI_RE, LINK_RE, cjk_name_key, doi_links, doi_only, link_word_label, series_line,
                                    title_after_source)
from acuref.read.paged import without_page_furniture
from acuref.read.wraps import KEY_ALONE_RE, TERMINAL_RE, plain_lines, wrapped



_RULE_RE = re.compile(r"^\s*([-=~^*_#+`:.'\"])\1{2,}\s*$")


_YEAR_LABEL_RE = re.compile(EARLY_YEAR)


# A line that goes on with the entry above even after a break: its link, identifier or access note.
_LOCATOR_LINE_RE = re.compile(r"^[(<\[]?(?:https?://|www\.|doi\b|URL\b|PMID|PMCID|ISBN|ISSN|arXiv|PDF\b|"
                              r"Available|Retrieved|Accessed|Online|En ligne|Disponible|Verfügbar|Abgerufen)",
                              re.IGNORECASE)


# How a volume, issue or page locator starts: "vol. 2", "Bd. 3", "т. 7", "№ 10/1985", "pp. 3-9", "S. 12", "стр. 116".
_LOCATOR_HEAD_RE = re.compile(r"(?:vols?|bd|band|heft|h|t|tome|tomo|т|вып|no|nr|n°|№|pp?|s|стр|с|ch|chap|sec)\.?\s*\d",
                              re.IGNORECASE)


# A line that ends in the middle of nothing: a word or a year, no stop, comma or bracket.
_OPEN_END_RE = re.compile(r"[^\W_]$")


def _doi_row(cur: Unit, s: str) -> bool:
    """A block of link words with a DOI under an entry is that entry's ("PDF  Cite  https://doi.org/…"); a bare DOI
    joins only an entry that is whole and has no DOI yet (a list of bare DOIs stays a list, prose stays prose)."""
    if cur.heading or not doi_links(s):
        return False
    if _LINK_WORDS_RE.search(LINK_RE.sub(" ", s)):
        return True
    return len(cur.texts) <= 4 and not DOI_RE.search(cur.flat) and _complete(cur) and judged(cur.flat) is None


# A line that opens with a venue and its volume and pages: "Human Brain Mapping, 39(11), 4471-4479."
_VENUE_LINE_RE = re.compile(r"^(?:In:?\s)?[A-ZÀ-Þ][^.。!?:;]{0,100}?,?\s\d{1,4}\s*(?:\(\s*[\w/-]{1,9}\s*\))?\s*[:,]\s*"
                            r"[eS]?\d{1,6}(?:\s*[-–]\s*\d{1,6})?\b")


# A number label printed again right after the list's own ("1. 1.Entry", "1. [1] Entry").
_LABEL_AGAIN_RE = re.compile(r"\s*(?:\[(\d{1,7})\]|(\d{1,7})[.)])\s*(?=\S)")




@dataclass(slots=True, eq=False)
class Unit:
    lines: list[Line]
    label: str | None = None
    item: bool = False
    bullet: bool = False
    texts: list[str] = field(default_factory=list)
    indent: int = 0
    heading: int = 0  # the source marks it as a heading (level), or a rule line was drawn under it (7)
    note: bool = False  # text after a hard line break below a complete list entry: a note on it, not an entry

    @property
    def start(self) -> int:
        return self.lines[0].number

    @property
    def end(self) -> int:
        return self.lines[-1].number

    @property
    def raw(self) -> str:
        return "\n".join(t for t in self.texts if t)

    flat_of: tuple[int, str] = (-1, "")  # the flat text and how many texts it was made of

    @property
    def flat(self) -> str:
        """The unit's lines as one line (made once for each length of ``texts``: it is asked for often)."""
        if self.flat_of[0] != len(self.texts):
            self.flat_of = (len(self.texts), squash(" ".join(self.texts)))
        return self.flat_of[1]


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


def segment(lines: tuple[Line, ...] | list[Line], blocks: bool = False, lazy: bool = False) -> list[Unit | None]:
    """Cut lines into units; ``None`` marks a blank line (it separates lists and paragraphs). With ``blocks``
    (HTML) every line is a whole block, joined only after a ``<br>``; with ``lazy`` (Markdown) a list item goes on
    until a blank line or the next item, as Markdown renders it."""
    units: list[Unit | None] = []
    cur: Unit | None = None
    last = -1  # the last item number seen
    block_mode = blocks
    marked = without_page_furniture(_mark_rules(lines), blocks)
    wrap = wrapped(plain_lines(marked, blocks))
    for k, line in enumerate(marked):
        blocks = block_mode and not line.pre  # a <pre> block's lines are plain text
        if block_mode and cur is not None and line.pre != cur.lines[-1].pre:
            cur = None  # a <pre> block starts or ends: nothing runs across its edge
        s = line.text.strip()
        if not s:
            cur = None
            units.append(None)
            continue
        if line.heading:
            cur = None
            units.append(Unit([line], texts=[s], heading=line.heading))
            continue
        if line.note and cur is not None and (cur.item or cur.note):
            cur = _on_note(cur, line, s, units)
            continue
        key = KEY_ALONE_RE.match(s)
        if key and (key.group(1) or "").lower() not in _TYPE_TAGS:  # "[Smith2010]" alone: the entry follows
            cur = Unit([line], label=key.group(1) or key.group(2), item=True, texts=[""], indent=_indent(line.text))
            units.append(cur)
            continue
        label, rest, bullet = _labelled(s, cur, last)
        if label and label.isdecimal():  # '²'.isdigit() is true, but int() refuses it
            last = int(label)
        if cur is not None and _nested_locator(cur, line, label, rest, bullet):
            cur.lines.append(line)
            cur.texts.append(rest.strip())
            continue
        if label is not None or bullet:
            cur = Unit([line], label=label, item=True, bullet=bullet, texts=[rest.strip()], indent=_indent(line.text))
            units.append(cur)
            continue
        if cur is not None and _doi_row(cur, s):
            cur.lines.append(line)  # "PDF  Cite  DOI" buttons under an entry (a block of their own): its DOI
            cur.texts.append(doi_only(s))
            continue
        if cur is not None and _joins_by_markup(cur, line, s, blocks, lazy):
            note = _by_break(cur, line, s, blocks or lazy)
            if note is not None:
                cur = note
                units.append(cur)
            continue
        if cur is not None and _goes_on(cur, line, s, wrap[k - 1] if k else None, blocks):
            cur.lines.append(line)
            cur.texts.append(s)
            continue
        cur = Unit([line], texts=[s], indent=_indent(line.text))
        units.append(cur)
    return units


def _on_note(cur: Unit, line: Line, s: str, units: list[Unit | None]) -> Unit:
    """A line the reader (markup.text_lines) knows is a note on the entry, however it starts: it goes on with the
    note open, or opens one below the entry."""
    if cur.note:
        cur.lines.append(line)
        cur.texts.append(s)
        return cur
    note = Unit([line], texts=[s], indent=_indent(line.text), note=True)
    units.append(note)
    return note


def _nested_locator(cur: Unit, line: Line, label: str | None, rest: str, bullet: bool) -> bool:
    """A nested item with the entry's volume, issue, pages ("т. 2, стр. 116") or link, or "[DOI] https://…"."""
    return cur.item and ((bullet and _indent(line.text) > cur.indent and bool(
        _LOCATOR_HEAD_RE.match(rest.strip()) or _LOCATOR_LINE_RE.match(rest.strip()))) or link_word_label(label, rest))


def _labelled(s: str, cur: Unit | None, last: int) -> tuple[str | None, str, bool]:
    """A line's item label, the rest, and whether it is a bullet item; "• [1] Entry" (a list that prints its own
    labels) and "1. 1.Entry" (an <ol> that does too) have the label the entry prints."""
    label, rest = _item_label(s, cur, last)
    bullet = label is None and rest != s
    if bullet or (label and label.isdecimal()):
        inner, after = split_label(rest.strip())
        if inner and (bullet or inner == label) and after:
            return inner, after, False
        again = _LABEL_AGAIN_RE.match(rest) if label else None
        if again and (again.group(1) or again.group(2)) == label:
            rest = rest[again.end():]
    return label, rest, bullet


def _by_break(cur: Unit, line: Line, s: str, marked: bool) -> Unit | None:
    """A line the markup joins to ``cur``: a note below a complete entry (returned as a new unit), else joined
    to it, a field that ended in a bare word or year before a hard break closed with a stop."""
    if line.brk and cur.item and not cur.note and (_complete(cur) or _starts_entry(s)) and not _LOCATOR_LINE_RE.match(s) \
            and not doi_links(s) and not _VENUE_LINE_RE.match(s) and not tails(s) and s[:1] not in ".,;:)]" \
            and not title_after_source(cur.flat, s) and not series_line(s):
        # (a line that opens with a stop or comma goes on with the sentence above: ". Venue. Retrieved …"; a line
        # with a volume and pages is the entry's venue)
        return Unit([line], texts=[s], indent=_indent(line.text), note=True)
    if marked and line.brk and cur.texts and _OPEN_END_RE.search(cur.texts[-1]) and s[:1].isupper():
        cur.texts[-1] += "."  # a field set on a line of its own (title / authors / venue) ends there
    if doi_links(s):
        s = doi_only(s)
    cur.lines.append(line)
    cur.texts.append(s)
    return None


def _goes_on(cur: Unit, line: Line, s: str, forced: bool | None, blocks: bool) -> bool:
    """A plain line continues the unit before it: the fixed width forced the break, or the layout says so."""
    if blocks:
        return cur.item and not cur.raw  # "<dt>[1]</dt><dd>…", "<li><p>…"
    if forced and _new_entry(cur, s):
        forced = False
    indent = _indent(line.text)
    return bool(forced or (forced is None and _continues(cur, s, indent)) or (forced is False and indent > cur.indent))


# A label split_label leaves: "[Smith]: …" (a key and a colon), and numbers of any width ("1000.", "[12345]").
_COLON_KEY_RE = re.compile(r"^\[([^\[\]\s]{1,40})\]:\s+(?=\S)")
# "[Knuth] …", "[OEIS] …": a capitalised citation key at the head of a line (rst citations, key lists), not
# a type tag ("[PDF]", "[Online]", "[Boek]").
_NAME_KEY_RE = re.compile(r"^\[([A-Z][\w.+-]{1,24})\]\s+(?=\S)")
_TYPE_TAGS = frozenset("pdf online en_ligne boek book dataset video internet html doc web audio film e-book "
                       "ebook artikel article code slides bib bibtex link url abstract poster project website "
                       "talk data arxiv preprint supplementary paper".split())  # a link's tag, not an entry's key
_NUMBER_KEY_RE = re.compile(r"^(\d{1,4})[.)]\s?\[[^\[\]\s]{1,60}\]\s+(?=\S)")
_WIDE_NUMBER_RE = re.compile(r"^(?:\[(\d{4,7})\]|\((\d{4,7})\)|(\d{4,7})[.)])\s+(?=\S)")


def _item_label(s: str, cur: Unit | None, last: int) -> tuple[str | None, str]:
    """The item label at the head of a line and the rest; a number of any width counts when it goes on from
    the last item's number (so item 1000 follows item 999, and a year at the head of a line is no label)."""
    wide = _WIDE_NUMBER_RE.match(s)
    if wide:
        number = wide.group(1) or wide.group(2) or wide.group(3)
        if int(number) == last + 1:
            return number, s[wide.end():]
    keyed = _NUMBER_KEY_RE.match(s)
    if keyed:  # "3.[book_asa] Bregman, A.: …": a number and the citation key the writer's tool printed
        return keyed.group(1), s[keyed.end():]
    label, rest = split_label(s)
    if label and rest.startswith(":"):
        rest = rest[1:].lstrip()  # "[1]: Author …", a reference set as a Markdown link definition
    if label and cur is not None and _YEAR_LABEL_RE.fullmatch(label) and label != str(last + 1):
        return None, s  # "(1973)." at the head of a wrapped line is the year, not an item number
    if label is None and rest == s:
        key = _COLON_KEY_RE.match(s) or _NAME_KEY_RE.match(s) or cjk_name_key(s)
        if key and key.group(1).lower() not in _TYPE_TAGS:
            return key.group(1), s[key.end():]
    return label, rest


def _starts_entry(s: str) -> bool:
    """A line that is a reference of its own: an author list first, and a reference's score."""
    return evidence_of(s) >= IN_LIST and split_authors(s)[0] is not None


_AUTHORS_DATE_LINE_RE = re.compile(r"^(?:[^\W\d_][\w'’.-]*(?:,\s*|\s+)|&\s+)+\(\s*" + EARLY_YEAR
                                   + r"[a-z]?\s*\)\.?$")


_NAME_FIELD_RE = re.compile(NAME_FAMILY + r",\s+[A-ZÀ-ÞĀ-Ž][^.]{0,60}\.?$")  # "Family, Given" as the whole line


_NAME_OPEN_RE = NAME_FIRST_RE


_NAME_HEAD_RE = re.compile(r"^([A-ZÀ-ÞĀ-Ž][\w'’-]*(?:\s+[A-ZÀ-ÞĀ-Ž][\w'’-]*\.?){1,3})[.:]\s+\S")


def _named(s: str) -> bool:
    """A line that opens with a name written given name first and then a stop: "Jane Roe. Crows of Kent"."""
    head = _NAME_HEAD_RE.match(s)
    return bool(head) and (is_author_list(head.group(1)) or classify(head.group(1)) in ("givenfirst", "initfirst"))


# A sentence's verb or its reader: what a title after a name seldom holds ("Studies on the Language of …").
_ADDRESS_RE = re.compile(r"\b(?:is|are|was|were|we|you|us|our|your)\b", re.IGNORECASE)


def _fields_so_far(cur: Unit, s: str) -> bool:
    """A paragraph whose lines so far are the first fields of one entry (an author list, a title), not a whole
    reference: no year or identifier yet, and short; the next line ``s`` is not another name opening an entry."""
    if len(cur.texts) > 4 or has_core(cur.flat) or len(cur.flat.split()) > 25:
        return False
    first = cur.texts[0]
    if _LOCATOR_LINE_RE.match(first):
        return False  # a paragraph of links ("Available at https://…"), one a line
    if (_NAME_OPEN_RE.match(s) and _NAME_OPEN_RE.match(first)) or (_named(s) and _named(first)):
        return False  # "Roe, Jane: Crows<br>Poe, Tom: Gulls", "Jane Roe. Crows<br>Tom Poe. Gulls": one a line
    if len(cur.texts) == 1 and opens_a_sentence(s) and _ADDRESS_RE.search(s):
        return False  # "Roe, Jane<br>This site is kept by volunteers.": a sentence, not the name's title
    # (after a name and a title, a sentence describes the work: "<br>A collection of papers on the subject.")
    # The first field is a name ("Family, Given", "Given Family and Other"), a quoted title or a field with no
    # stop after it: not a sentence ("Charts made with X. Hosted by Y.") that a <br> goes on from.
    return (not TERMINAL_RE.search(first) or bool(_NAME_FIELD_RE.match(first))
            or is_author_list(first.rstrip(" .")) or first[:1] in "\"“«„'")


def _complete(cur: Unit) -> bool:
    """A list entry that already reads as a whole reference: it ends with a stop or a year, has a year or
    identifier, and scores as one (not just "Smith J (2010)" before its title)."""
    last = cur.texts[-1] if cur.texts else ""
    if len(cur.texts) == 1 and _AUTHORS_DATE_LINE_RE.match(last):
        return False  # "Family, G., & Other, H. (2019)" on a line of its own: the title follows
    if re.search(r"[^\d\s.,:;()-]{3,}[^\n]*,\s*\w+\s+\d{4}$", last):
        return True  # "…, Roma 1983": ends with its place and year
    authors, rest, _ = split_authors(cur.flat)
    if authors is not None and len(rest.split()) < 2:
        return False  # "Wilmer, H. H., & Chein, J. M. (2017)" and a break: the title and venue follow
    return (bool(TERMINAL_RE.search(last)) and len(cur.flat.split()) >= 6 and has_core(cur.flat)
            and evidence_of(cur.flat) >= 3)


def _closes_entry(cur: Unit, s: str) -> bool:
    """A link or "[accessed 19 July 2006]" after a <br> closes the entry of the paragraph it is in (not a copyright
    line): once, so a paragraph of links stays one link a line, and the unit stays short (judged text is bounded)."""
    return (bool(_LOCATOR_LINE_RE.match(s)) and len(cur.texts) <= 5
            and not any(_LOCATOR_LINE_RE.match(t) for t in cur.texts) and judged(cur.flat) is None)


def _joins_by_markup(cur: Unit, line: Line, s: str, blocks: bool, lazy: bool) -> bool:
    """The markup says the line belongs to the current unit: a ``<br>`` inside a list item or after a note,
    or a Markdown list item's lazy continuation line."""
    if line.brk and (cur.item or cur.note):
        # Not in a list of entries set out with <br> (the item itself followed one), and not when the line is
        # a whole entry of its own ("…<br>Smith J. Title. J 2010;3:4.").
        return (cur.note or not cur.lines[0].brk) and (not _starts_entry(s) or (lazy and cur.item and not cur.note))
    if blocks and line.brk and not (cur.item or cur.note or cur.heading) and (
            _closes_entry(cur, s) or (_fields_so_far(cur, s) and not _starts_entry(s))):
        return True  # "<p><b>Family, Given</b><br><i>Title</i><br>Publisher, 1978.</p>": one entry, a field a line
    if blocks or not lazy or not (cur.item or cur.note) or not cur.raw:
        return False
    if cur.note:
        return True  # the note's paragraph runs on to the next blank line or item
    prev = cur.texts[-1]
    if TERMINAL_RE.search(prev) and len(s.split()) <= 5 and not re.search(r"[\d.,:;]", s):
        return False  # a topic subheading after a complete entry
    return not _new_entry(cur, s)


_ENTRY_START_RE = re.compile(
    r"^(?:[A-ZÀ-ÞĀ-Ž][\w'’-]+(?:\s(?:[a-z]{1,3}\s)?[A-ZÀ-ÞĀ-Ž][\w'’-]+)?,?\s+(?:[A-Z]\.?\s?-?){1,3}[,.]"
    r"|[A-ZÀ-ÞĀ-Ž][\w'’-]+,\s+[A-ZÀ-ÞĀ-Ž][a-zà-ÿ]+[,.\s])")


def _new_entry(cur: Unit, s: str) -> bool:
    """A line that starts a new author list right after a complete reference ends with a full stop."""
    prev = cur.texts[-1] if cur.texts else ""
    return (bool(TERMINAL_RE.search(prev)) and bool(_ENTRY_START_RE.match(s)) and has_core(cur.flat)
            and evidence_of(cur.flat) >= IN_LIST)


def _continues(cur: Unit, s: str, indent: int) -> bool:
    prev = cur.texts[-1] if cur.texts else ""
    if not prev:  # "1." or "[Key]" alone on its line: the entry follows
        return True
    if indent > cur.indent and (cur.item or len(cur.lines) > 1 or cur.indent == 0):
        return True  # a hanging indent
    if prev.endswith("-") or s[0].islower() or s[0].isdigit() or s[:1] in "(;:,&<":
        return True
    if cur.item:
        if TERMINAL_RE.search(prev) and len(s.split()) <= 5 and not re.search(r"[\d.,:;]", s):
            return False  # a topic subheading after a complete entry
        # A list entry runs on until a blank line, unless it is complete and prose follows.
        if len(s.split()) > 30 and TERMINAL_RE.search(prev) and evidence(cur.flat) >= IN_LIST:
            return False
        return len(cur.texts) < 12
    return not TERMINAL_RE.search(prev) and len(prev) > 30 and evidence(cur.flat) >= 2
