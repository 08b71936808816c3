"""Mending the model's labels where the rest of the string shows a slip: a title run into the author list, a journal read as a second title, editors read as authors. Each mend is one small function listed in MENDS."""

from __future__ import annotations

import re

from acuref.normalize import identifiers as ids
from acuref.normalize.names import is_author_list, parse_author_list, split_editors
from acuref.normalize.text import (
    SENTENCE_SPLIT_RE,
    clean_title,
)
from acuref.parse.crf import JOURNAL_WORDS

_LONE_INITIAL_END_RE = re.compile(r",\s*([A-Z])$")


_EDITOR_CUE_RE = re.compile(r"\b(?:[Ee]ds?|[Ee]dd|[Ee]ditors?|[Ee]dited|[Hh]rsg|[Rr]ed|[Dd]ir|[Cc]omp|[Cc]oord|In|Dans)\b")


_EDITION_CUE_RE = re.compile(r"\d|\b(?:eds?|edn|edition|[ée]d|[ée]dition|aufl|auflage|uitg|druk|wyd|wydanie|izd|rev|"
                             r"revised|enlarged|expanded|new|neue|nouvelle|first|second|third|fourth|fifth|sixth|"
                             r"seventh|eighth|ninth|tenth|[IVX]+)\b", re.IGNORECASE)


_ABBREVIATION_END_RE = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,3}|[A-Z]{1,3})\.$")  # "Univ.", "Co.", "U.S.": not a sentence


_EDITION_PAREN_RE = re.compile(r"\s*\((\d+\w*\s+(?:ed|edn|edition)\b\.?)[^)]*\)?$", re.IGNORECASE)  # "(5th ed., pp…"


LINK_CUE_RE = re.compile(rf"{ids.LINK_CUE}\s*:?\s*(?:$|https?:|www\.)", re.IGNORECASE)  # a cue, then the link


_JOURNAL_NAME_WORD_RE = re.compile(r"[A-Z][a-z]+\.?|&|of|and")  # "Brief Bioinform", "Pain", "Science", not "AF"


_FUNCTION_WORDS = frozenset("a an the of in on at for to with and or by from into among between de del della di da "
                            "du des la le les el los las der die das den dem aus im und et y en dans sur au aux van "
                            "von zu".split())


_NUMBERS_NEXT_RE = re.compile(r"\s*[(\[]?\d")


IN_PREFIX_RE = re.compile(r"^(?:[Ii]n|[Dd]ans)\s*:?\s+")


IN_RE = re.compile(r"(?:^|[.,]\s*)In\b")


class Run(str):
    """A run of one label as printed, which also knows where it starts in the string the model read."""

    start: int


def make_run(text: str, start: int) -> Run:
    run = Run(text)
    run.start = start
    return run


Groups = dict[str, list[Run]]


def title_in_note(s: str, g: Groups) -> str | None:
    """A run labelled ``note`` right after the authors (and date), before any other field, is the title."""
    note = g["note"][0]
    others = [v[0].start for label, v in g.items() if label not in ("author", "date", "note", "label")]
    if g["author"][0].start < note.start and all(note.start < o for o in others) and len(note.split()) >= 2 \
            and not LINK_CUE_RE.match(note):
        return clean_title(SENTENCE_SPLIT_RE.split(note, 1)[0]) or None  # what follows is most often the imprint
    return None


def journal_in_note(s: str, g: Groups) -> str | None:
    """A short capitalised run labelled ``note`` right before the volume of an article is its journal.

    The training sets label genre words ("Russian.", "[Letter]") as notes, so a one-word journal such as
    "Pain." is sometimes read as one; a journal article's numbers without a journal show the slip.
    """
    if "container" in g or "volume" not in g or "publisher" in g or "note" not in g:
        return None
    volume_at = g["volume"][0].start
    for run in g["note"]:
        gap = s[run.start + len(run):volume_at]
        note = run.split("[")[0].strip(" .,;:")
        if run.start < volume_at and note[:1].isupper() and len(note.split()) <= 8 and not re.search(r"[A-Za-z]{3}", gap) \
                and not _NOT_A_JOURNAL_RE.search(note):
            return note
    return None


_NOT_A_JOURNAL_RE = re.compile(r"^$|\b(?:suppl|letter|editorial|comment|review|abstract|erratum|in press|thesis|russian|"
                               r"german|french|chinese|japanese|spanish|english)\b", re.IGNORECASE)


def _edition_without_cue(s: str, g: Groups) -> None:
    """An edition names its number or says "ed."/"edition"; words without either are the title the model missed,
    or after "dans"/"in" the journal or book (``…, dans Picus, 16-17``)."""
    if "edition" not in g or any(_EDITION_CUE_RE.search(run) for run in g["edition"]):
        return
    runs = g.pop("edition")
    if "container" not in g and IN_PREFIX_RE.match(runs[0]):
        g["container"] = [runs.pop(0)]
    elif "title" not in g:
        g["title"] = [runs.pop(0)]
    if runs:
        g["note"] = sorted([*g.get("note", ()), *runs], key=lambda run: run.start)


def _title_in_author(s: str, g: Groups) -> None:
    """``Schwarz, Hans. Eschatology.`` read as one author list: the title starts after the given name."""
    if not g.get("author") or "title" in g:
        return
    run = g["author"][0]
    for m in SENTENCE_SPLIT_RE.finditer(run):
        head, rest = run[: m.start()], run[m.end():]
        words = head.rstrip(".").split()
        last = words[-1] if words else ""
        if "," in head and len(last) >= 3 and last.isalpha() and not last.isupper() \
                and is_author_list(head, permissive=True) and not ("," in rest and is_author_list(rest, permissive=True)):
            g["author"][0] = make_run(head, run.start)
            g["title"] = [make_run(rest, run.start + m.end())]
            return


def _title_in_publisher(s: str, g: Groups) -> None:
    """A title read as a first publisher (``Beck, Ulrich. World Risk Society. Cambridge: Polity Press``) or run
    into the publisher (``2006. Bats of Krau Wildlife Reserve. Penerbit Universiti…``)."""
    publishers = g.get("publisher")
    if not publishers or {"title", "container"} & g.keys():
        return
    if len(publishers) > 1 and any(run.start > publishers[0].start for label in ("place", "date")
                                   for run in g.get(label, ())):
        g["title"] = [publishers.pop(0)]
        return
    run = publishers[0]
    head, *rest = SENTENCE_SPLIT_RE.split(run, 1)
    if rest and len(head.split()) >= 3 and not _ABBREVIATION_END_RE.search(head):
        g["title"] = [make_run(head, run.start)]
        publishers[0] = make_run(rest[0], run.start + len(run) - len(rest[0]))


def _authors_as_editors(s: str, g: Groups) -> None:
    """Names the model called editors are the authors when no editor word is anywhere in the string, or when they
    come first with no editor word after them and a second editor run follows (``den Besten, Hans (1977).
    '…', in Werner Abraham (ed.)``)."""
    if not g.get("editor") or g.get("author"):
        return
    first = g["editor"][0]
    if not _EDITOR_CUE_RE.search(s):
        g["author"] = g.pop("editor")
    elif len(g["editor"]) > 1 and not _EDITOR_CUE_RE.search(s, 0, first.start + len(first) + 8) \
            and all(first.start < v[0].start for label, v in g.items() if label not in ("editor", "label")):
        g["author"] = [g["editor"].pop(0)]


def _journal_initial_in_author(s: str, g: Groups) -> None:
    """``E. Yablonovitch, J. Opt. Soc. Am.``: the journal's "J." read as a last initial."""
    author, container = g.get("author"), g.get("container")
    if not (author and container):
        return
    cut = _LONE_INITIAL_END_RE.search(author[0])
    at = author[0].start + len(author[0])
    if cut and s[at:at + 2] == ". " and container[0].start == at + 2 \
            and parse_author_list(author[0])[0][-1].literal == cut.group(1):  # not "Smith, J": a name alone
        author[0] = make_run(author[0][: cut.start()], author[0].start)
        container[0] = make_run(s[at - 1:container[0].start + len(container[0])], at - 1)


def _journal_alone_as_author(s: str, g: Groups) -> None:
    """``(N Engl J Med. 2010;363(5):454-61)``: a journal and its numbers with no title are not an author."""
    if "author" not in g or {"title", "container"} & g.keys() or not {"volume", "pages"} & g.keys():
        return
    words = g["author"][0].replace(".", " ").split()
    known = [w for w in words if w.lower() in JOURNAL_WORDS]
    if len(known) * 2 > len(words) and any(len(w) >= 3 for w in known):
        g["container"] = [g["author"].pop(0)]
        if not g["author"]:
            del g["author"]


def _book_in_editor_run(s: str, g: Groups) -> None:
    """``In K. Jones (Ed.), Textbook of pain (5th ed.`` read as one editor run: editors, book and edition."""
    editors = g.get("editor")
    if not editors or "container" in g:
        return
    run = editors[0]
    lead = IN_PREFIX_RE.match(run)
    both = split_editors(run[lead.end():] if lead else run)
    if not both or len(both[1].split()) < 2:
        return
    book, book_at = both[1], run.start + len(run) - len(both[1])
    edition = _EDITION_PAREN_RE.search(book)
    if edition and "edition" not in g:
        g["edition"] = [make_run(edition.group(1), book_at + edition.start(1))]
        book = book[: edition.start()]
    editors[0] = make_run(run[: len(run) - len(both[1])], run.start)
    g["container"] = [make_run(book, book_at)]


def _journal_word_in_title(s: str, g: Groups) -> None:
    """``… in the dialysis unit Am. J. Kidney Dis.``: the journal's first word read into the title."""
    title, container = g.get("title"), g.get("container")
    if not (title and container):
        return
    head, _, last = title[0].rpartition(" ")
    at = title[0].start + len(title[0])
    if head and len(last) <= 3 and last[:1].isupper() and last.lower() in JOURNAL_WORDS \
            and s[at:container[0].start] in (". ", "."):
        title[0] = make_run(head.rstrip(" ,"), title[0].start)
        container[0] = make_run(s[at - len(last):container[0].start + len(container[0])], at - len(last))


def _chapter_before_editors(s: str, g: Groups) -> None:
    """``Thought and Talk. In S. Guttenplan (Ed.), Mind and Language``: before "In" is the chapter, after the
    editors the book, whatever the model called them."""
    if not ("editor" in g and "container" in g and "title" not in g):
        return
    editor_at = g["editor"][0].start
    if g["container"][0].start < editor_at:
        for label in ("collection", "note"):
            after = [v for v in g.get(label, ()) if v.start > editor_at]
            if after:
                g["title"] = g.pop("container")
                g["container"] = [after[0]]
                g[label].remove(after[0])
                if not g[label]:
                    del g[label]
                return


def _book_as_second_title(s: str, g: Groups) -> None:
    """``Title. In K. Jones (Ed.), Book title (pp. …)``: the second title is the book the chapter is in."""
    if len(g.get("title", ())) > 1 and "container" not in g and ("editor" in g or IN_RE.search(s)):
        g["container"] = [g["title"][1]]


def _journal_as_second_author(s: str, g: Groups) -> None:
    """``Title. Pediatr Obes. 2018;13(6)``: a journal read as a second author run after the title."""
    if "container" not in g and len(g.get("author", ())) > 1 and "title" in g and ("volume" in g or "pages" in g) \
            and g["title"][0].start < g["author"][1].start:
        g["container"] = [g["author"].pop(1)]


def _split_sentence_case_end(run: str) -> int | None:
    """Where a capitalised journal name starts at the end of a sentence-case run (``… in chronic pain patients
    Pain``, ``… evolution of photosynthesis Science``), or None."""
    words = run.split()
    k = len(words)
    while k > 0 and _JOURNAL_NAME_WORD_RE.fullmatch(words[k - 1]):
        k -= 1
    head = words[:k]
    if not (1 <= len(words) - k <= 4 and len(head) >= 4 and head[-1][:1].islower()) \
            or head[-1].lower() in _FUNCTION_WORDS:  # "… expression in Arabidopsis": a name inside the title
        return None
    lower = sum(1 for w in head if w[:1].islower())
    if lower * 5 < len(head) * 3:  # a title-case title ("… for Chronic Pain") cannot show where the journal starts
        return None
    return len(" ".join(head)) + 1


def _journal_run_into_title(s: str, g: Groups) -> None:
    """A journal printed right after a sentence-case title with no period between (``… in chronic pain patients
    Pain (1992) 49(1):71-75``), read as one run: the capitalised words at its end are the journal."""
    if not ({"volume", "pages"} & g.keys()) or ("title" in g) == ("container" in g):
        return
    label = "title" if "title" in g else "container"
    run = g[label][0]
    if SENTENCE_SPLIT_RE.search(run) or ":" in run or "," in run \
            or not _NUMBERS_NEXT_RE.match(s, run.start + len(run)):  # the journal's numbers follow it at once
        return
    cut = _split_sentence_case_end(run)
    if cut is not None:
        g["title"] = [make_run(run[: cut - 1], run.start)]
        g["container"] = [make_run(run[cut:], run.start + cut)]


def _title_words_in_journal(s: str, g: Groups) -> None:
    """``… fast lane to functional | genomics Brief Bioinform``: a journal does not start with a lowercase word."""
    title, container = g.get("title"), g.get("container")
    if not (title and container) or not ({"volume", "pages"} & g.keys()):
        return
    run = container[0]
    words = run.split()
    k = 0
    while k < len(words) - 1 and words[k].isalpha() and words[k].islower():
        k += 1
    end = title[0].start + len(title[0])
    if k and not s[end:run.start].strip() and all(_JOURNAL_NAME_WORD_RE.fullmatch(w) for w in words[k:]):
        cut = len(" ".join(words[:k])) + 1
        title[0] = make_run(s[title[0].start:run.start + cut - 1], title[0].start)
        container[0] = make_run(run[cut:], run.start + cut)


_CLOSING_RE = re.compile(r"\s*(\d{1,4})\s*\)")


def _journal_cut_in_brackets(s: str, g: Groups) -> None:
    """``Spine (Phila Pa 1976)`` read as the journal ``Spine (Phila Pa``: a journal run that stops inside its own
    bracket, in capitalised words, before a lone number and the closing bracket, takes them: the number is part of
    the name, not a date or volume. A bracket of place and date or of locators (``(Albuquerque, May 1975)``,
    ``(Tome 3, pp. 1-110)``) holds punctuation or lower-case words and stays as read."""
    journal = g.get("container")
    if not journal or journal[0].count("(") <= journal[0].count(")"):
        return
    run = journal[0]
    inner = run[run.rindex("(") + 1:].split()
    end = run.start + len(run)
    close = _CLOSING_RE.match(s, end)
    if not close or len(inner) < 2 or not all(w[:1].isupper() and w.isalpha() for w in inner):
        return
    journal[0] = make_run(s[run.start:close.end()], run.start)
    for label in ("date", "volume", "issue", "pages", "place"):
        kept = []
        for r in g.get(label, ()):
            tail = s[close.end():r.start + len(r)].lstrip(" ,;:.") if end <= r.start < close.end() else None
            if tail is None:
                kept.append(r)
            elif tail:  # "1976) 2004" joined into one date run: the part after the bracket stays
                kept.append(make_run(tail, r.start + len(r) - len(tail)))
        if kept:
            g[label] = kept
        else:
            g.pop(label, None)


# In this order: each pass sees the runs the earlier ones mended.
MENDS = (_edition_without_cue, _title_in_author, _title_in_publisher, _authors_as_editors, _journal_initial_in_author,
          _journal_alone_as_author, _book_in_editor_run, _journal_word_in_title, _chapter_before_editors,
          _book_as_second_title, _journal_as_second_author, _journal_run_into_title, _title_words_in_journal,
          _journal_cut_in_brackets)


def relabel(s: str, g: Groups) -> None:
    """Runs the model labelled wrongly in ways the rest of the string gives away (each pass says which)."""
    for mend in MENDS:
        mend(s, g)
