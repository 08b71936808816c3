"""The CRF's labelled tokens → a :class:`Reference`, through the same normalisers the rules use.

Deterministic passes wrap the model: identifiers (DOI, PMID, PMCID, URL, ISBN) are read by their own finders
whatever the model says, names go through the author-list parser, dates through the date reader, pages
are expanded, ``vol.``/``no.``/``pp.`` and ``(…)`` come off volume, issue and pages. The confidence is the
mean marginal probability of the labels the model chose.
"""

from __future__ import annotations

import re

from acuref.model import Date, Reference
from acuref.normalize import identifiers as ids
from acuref.normalize.dates import parse_date
from acuref.normalize.names import is_author_list, parse_author_list, split_editors
from acuref.normalize.pages import is_range, normalize_pages, without_discussion
from acuref.normalize.text import (
    SENTENCE_SPLIT_RE,
    clean,
    clean_title,
    looks_abbreviated,
    split_label,
    split_title_container,
)
from acuref.normalize.volumes import split_supplement
from acuref.parse.crf import JOURNAL_WORDS, Token, default_tagger

# strip_locator also shapes the records acuref.train renders its synthetic strings from: a change to it changes
# the training set, so the shipped model must be retrained with it (and re-measured) in the same commit.
_LOCATOR_PREFIX_RE = re.compile(r"^(?:vol(?:ume)?|no|nr|issue|num|number|pp?|pages?|s|bd|jg|h|band|seiten|tome"
                                r"|[vt](?=\.?\s*[A-Za-z]?\d))\b\.?\s*", re.IGNORECASE)
EDITOR_WORDS_RE = re.compile(r"(?:^\s*In\s*:?\s+|[,(\s]*\b(?:eds?|editors?|edited by|hrsg|red)\b\.?\)?\s*)", re.IGNORECASE)
_PLACE_PUBLISHER_RE = re.compile(r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}(?:, [A-Z][\w.]{1,15})?)\s*:\s*(\S.*)")
_IN_WORD_RE = re.compile(r"(?:^|[.,]\s+)(?:In|in|Dans|dans):?\s+")
_LONE_INITIAL_END_RE = re.compile(r",\s*([A-Z])$")
_TRAILING_ISSUE_WORD_RE = re.compile(r"[\s,]+(?:no|nr|n°|issue)\.?$", re.IGNORECASE)
_VOLUME_PAGE_RE = re.compile(r"([A-Za-z]?\d+)(?:\s*,\s*|\s+)([A-Za-z]?\d+(?:[-–]\d+)?)")
_ISSUE_WORD_RE = re.compile(r"\b(?:no|nr|n°|issue|num|number|heft)\b\.?\s*\w", re.IGNORECASE)
_EDITOR_CUE_RE = re.compile(r"\b(?:[Ee]ds?|[Ee]dd|[Ee]ditors?|[Ee]dited|[Hh]rsg|[Rr]ed|[Dd]ir|[Cc]omp|[Cc]oord|In|Dans)\b")
_EDITION_NUMBER_RE = re.compile(r"(\d+)")
_EDITION_CUE_RE = re.compile(r"\d|\b(?:eds?|edn|edition|[ée]d|[ée]dition|aufl|auflage|uitg|druk|wyd|wydanie|izd|rev|"
                             r"revised|enlarged|expanded|new|neue|nouvelle|first|second|third|fourth|fifth|sixth|"
                             r"seventh|eighth|ninth|tenth|[IVX]+)\b", re.IGNORECASE)
_ABBREVIATION_END_RE = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,3}|[A-Z]{1,3})\.$")  # "Univ.", "Co.", "U.S.": not a sentence
_EDITION_PAREN_RE = re.compile(r"\s*\((\d+\w*\s+(?:ed|edn|edition)\b\.?)[^)]*\)?$", re.IGNORECASE)  # "(5th ed., pp…"
_LINK_CUE_RE = re.compile(rf"{ids.LINK_CUE}\s*:?\s*(?:$|https?:|www\.)", re.IGNORECASE)  # a cue, then the link
_JOURNAL_NAME_WORD_RE = re.compile(r"[A-Z][a-z]+\.?|&|of|and")  # "Brief Bioinform", "Pain", "Science", not "AF"
_FUNCTION_WORDS = frozenset("a an the of in on at for to with and or by from into among between de del della di da "
                            "du des la le les el los las der die das den dem aus im und et y en dans sur au aux van "
                            "von zu".split())
_NUMBERS_NEXT_RE = re.compile(r"\s*[(\[]?\d")
# "17 259-273", and physics' "114 082501" (volume and article number)
_VOLUME_THEN_RANGE_RE = re.compile(r"([A-Za-z]?\d+)\s+([A-Za-z]?\d+\s*[-–]+\s*[A-Za-z]?\d+|0\d{3,}|\d{5,})")
_TRAILING_LOCATOR_RE = re.compile(r"[\s,]+(?:vol(?:ume)?|no|nr|n°|issue|bd|jg|tome|heft)\.?$", re.IGNORECASE)
IN_PREFIX_RE = re.compile(r"^(?:[Ii]n|[Dd]ans)\s*:?\s+")
_IN_RE = re.compile(r"(?:^|[.,]\s*)In\b")
_THESIS_RE = re.compile(r"\b(?:thesis|dissertation|proefschrift|doctoral|PhD|Ph\.D\.|master'?s)\b", re.IGNORECASE)
_REPORT_RE = re.compile(r"\b(?:report|technical memo|working paper|white paper|rapport|TR-?\d)\b", re.IGNORECASE)
_VOLUME_ISSUE_RE = re.compile(r"([A-Za-z]?\d+[A-Za-z]?)\s*(?:,?\s*(?:no|nr|issue|n)\.?\s*|\(\s*)(\w+(?:[-–/]\w+)?)\)?",
                              re.IGNORECASE)
_QUOTED_RE = re.compile(r"[“\"‘«„]\s*([^“”\"«»]{3,300}?)\s*[”\"’»“](?=[\s,.;:]|$)")


class Run(str):
    """A run of one label as printed, which also knows where it starts in the string the model read."""

    start: int


def _run(text: str, start: int) -> Run:
    run = Run(text)
    run.start = start
    return run


Groups = dict[str, list[Run]]


def _groups(text: str, tokens: list[Token], tags: list[str]) -> Groups:
    """The printed text of each run of one label; a single punctuation token between two runs joins them."""
    out: Groups = {}
    i, n = 0, len(tokens)
    while i < n:
        label = tags[i]
        if label == "O":
            i += 1
            continue
        j = i
        while j + 1 < n and (tags[j + 1] == label or (
                tags[j + 1] == "O" and j + 2 < n and tags[j + 2] == label and not tokens[j + 1].text[0].isalnum())):
            j += 1
        out.setdefault(label, []).append(_run(text[tokens[i].start:tokens[j].end], tokens[i].start))
        i = j + 1
    return out


def strip_locator(value: str) -> str:
    """``vol. 12``, ``(3)``, ``pp. 1-10.`` → ``12``, ``3``, ``1-10``."""
    value = value.strip(" .,;:")
    value = _LOCATOR_PREFIX_RE.sub("", value)
    if value.startswith("(") and value.endswith(")"):
        value = value[1:-1]
    return value.strip(" .,;:()")


def _type(f: dict[str, object], text: str) -> str:
    """The CSL type the fields read so far point to (after the passes, not the model's raw labels)."""
    has = f.get
    if has("container_title") and (has("volume") or has("issue")) and not has("editor"):
        return "article-journal"
    if has("container_title") and (has("editor") or has("publisher") or _IN_RE.search(text)):
        return "chapter"
    if _THESIS_RE.search(text) and not has("container_title"):
        return "thesis"
    if _REPORT_RE.search(text) and not has("container_title"):
        return "report"
    if has("publisher") or has("ISBN") or has("edition"):
        return "book"
    if has("container_title"):
        return "article-journal" if has("page") or has("number") or has("issued") else "document"
    if has("volume") and (has("page") or has("number")):  # "2017 Jan 9;17(1):40": a journal's numbers without its name
        return "article-journal"
    if has("URL"):
        return "webpage"
    return "document"


def _title_in_note(s: str, g: Groups) -> str | None:
    """A run labelled ``note`` right after the authors (and date), before any other field, is the title."""
    note = g["note"][0]
    others = [v[0].start for label, v in g.items() if label not in ("author", "date", "note", "label")]
    if g["author"][0].start < note.start and all(note.start < o for o in others) and len(note.split()) >= 2 \
            and not _LINK_CUE_RE.match(note):
        return clean_title(SENTENCE_SPLIT_RE.split(note, 1)[0]) or None  # what follows is most often the imprint
    return None


def _journal_in_note(s: str, g: Groups) -> str | None:
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
        last = head.rstrip(".").rsplit(None, 1)[-1]
        if "," in head and len(last) >= 3 and last.isalpha() and not last.isupper() \
                and is_author_list(head, permissive=True) and not ("," in rest and is_author_list(rest, permissive=True)):
            g["author"][0] = _run(head, run.start)
            g["title"] = [_run(rest, run.start + m.end())]
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
        g["title"] = [_run(head, run.start)]
        publishers[0] = _run(rest[0], run.start + len(run) - len(rest[0]))


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
        author[0] = _run(author[0][: cut.start()], author[0].start)
        container[0] = _run(s[at - 1:container[0].start + len(container[0])], at - 1)


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
        g["edition"] = [_run(edition.group(1), book_at + edition.start(1))]
        book = book[: edition.start()]
    editors[0] = _run(run[: len(run) - len(both[1])], run.start)
    g["container"] = [_run(book, book_at)]


def _journal_word_in_title(s: str, g: Groups) -> None:
    """``… in the dialysis unit Am. J. Kidney Dis.``: the journal's first word read into the title."""
    title, container = g.get("title"), g.get("container")
    if not (title and container):
        return
    head, _, last = title[0].rpartition(" ")
    at = title[0].start + len(title[0])
    if head and len(last) <= 3 and last[:1].isupper() and last.lower() in JOURNAL_WORDS \
            and s[at:container[0].start] in (". ", "."):
        title[0] = _run(head.rstrip(" ,"), title[0].start)
        container[0] = _run(s[at - len(last):container[0].start + len(container[0])], at - len(last))


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
    if len(g.get("title", ())) > 1 and "container" not in g and ("editor" in g or _IN_RE.search(s)):
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
        g["title"] = [_run(run[: cut - 1], run.start)]
        g["container"] = [_run(run[cut:], run.start + cut)]


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
        title[0] = _run(s[title[0].start:run.start + cut - 1], title[0].start)
        container[0] = _run(run[cut:], run.start + cut)


# In this order: each pass sees the runs the earlier ones mended.
_MENDS = (_edition_without_cue, _title_in_author, _title_in_publisher, _authors_as_editors, _journal_initial_in_author,
          _journal_alone_as_author, _book_in_editor_run, _journal_word_in_title, _chapter_before_editors,
          _book_as_second_title, _journal_as_second_author, _journal_run_into_title, _title_words_in_journal)


def _relabel(s: str, g: Groups) -> None:
    """Runs the model labelled wrongly in ways the rest of the string gives away (each pass says which)."""
    for mend in _MENDS:
        mend(s, g)


def _first(g: Groups, label: str) -> str | None:
    values = g.get(label)
    return values[0].strip(" ,;:") if values else None


def _identifiers(s: str, g: Groups) -> dict[str, object]:
    """DOI, PMID, PMCID, URL, ISBN: the finders know their syntax better than the model does."""
    f: dict[str, object] = {}
    low = s.lower()
    for key, finder, cue in ids.FINDERS:
        if cue in low and key not in f:
            hit = finder(s)
            if hit and not (key == "URL" and "doi.org/" in hit[0].lower()):
                f[key] = hit[0]
    pmid = _first(g, "pmid")
    if "PMID" not in f and pmid:
        digits = re.sub(r"\D", "", pmid)
        if 1 <= len(digits) <= 9:
            f["PMID"] = digits
    return f


def _title_and_container(s: str, g: Groups) -> dict[str, object]:
    """Title and container, mending the boundary slips between them that the rest of the string shows."""
    f: dict[str, object] = {}
    title = _first(g, "title")
    if title and not _LINK_CUE_RE.match(title):  # "Available at: http://…" says where the work is, not what
        f["title"] = clean_title(title)
    if not f.get("title"):  # quoted words are a title in every style that quotes (Chicago, MLA, IEEE, Harvard)
        q = _QUOTED_RE.search(s)
        if q and len(q.group(1).split()) >= 2:
            f["title"] = q.group(1).strip(" ,.;:")
    if not f.get("title") and "author" in g and "note" in g:
        f["title"] = _title_in_note(s, g)
    container = _first(g, "container") or _journal_in_note(s, g)
    in_word = _IN_WORD_RE.search(container) if container and "editor" not in g else None
    chapter = split_editors(container[in_word.end():]) if container and in_word else None
    if container and in_word and chapter:  # "In: Ilse Wischer and Gabriele Diewald (eds) New reflections…" as one
        f["editor"] = parse_author_list(chapter[0])[0]
        if in_word.start() > 0 and not f.get("title"):
            f["title"] = clean_title(container[: in_word.start()])
        container = chapter[1]
    if container:
        container = IN_PREFIX_RE.sub("", container).strip(" .,;:")
        if not f.get("title") and "author" in g:  # "Title. Journal" read as one container
            head, tail = split_title_container(container)
            if head and tail and len(head.split()) >= 3:
                f["title"], container = clean_title(head), tail
            elif not ({"volume", "issue", "pages", "editor"} & g.keys()) and not _IN_RE.search(s):
                f["title"], container = clean_title(container), None  # a book's title: nothing it is part of
        f["container_title"] = _TRAILING_LOCATOR_RE.sub("", container) if container else None  # "Journal, Volume" 8
    elif f.get("title") and ("volume" in g or "pages" in g) and not ({"publisher", "editor"} & g.keys()):
        head, tail = split_title_container(str(f["title"]))  # "Title. Journal" read as one title
        if head and tail and len(head.split()) >= 3:
            f["title"], f["container_title"] = clean_title(head), tail
    return f


def _numbers(s: str, g: Groups) -> dict[str, object]:
    """Volume, issue and pages, without their locator words and with ranges written out."""
    f: dict[str, object] = {}
    for label in ("volume", "issue"):
        value = _first(g, label)
        if value:  # "Jul 29;363": the date's end ran in
            f[label] = strip_locator(value.rsplit(";", 1)[-1]) or None
    pages = _first(g, "pages")
    if len(g.get("volume", ())) > 1:
        second = g["volume"][1]
        if not f.get("issue") and _ISSUE_WORD_RE.search(s[max(0, second.start - 8):second.start + 12]):
            f["issue"] = strip_locator(second) or None  # "33, no. 3/4" read as two volumes
        elif not pages:
            pages = second  # "MNRAS, 446, 160": volume and page
    both = _VOLUME_THEN_RANGE_RE.fullmatch(pages.strip()) if pages and not f.get("volume") else None
    if both:  # "IEEE Trans. Softw. Eng., 17 259-273": the volume read into the page range
        f["volume"], pages = both.group(1), both.group(2)
    volume = _TRAILING_ISSUE_WORD_RE.sub("", str(f.get("volume") or "")) or None  # "Vol. 4 No. 31"
    both = _VOLUME_PAGE_RE.fullmatch(volume or "")
    if both and not pages:  # "J. Opt. Soc. Am. 1982, 72, 899": volume and page read as one volume
        volume, pages = both.group(1), both.group(2)
    elif both and pages and pages.lstrip()[:1] in "-–":  # "19 99--118": the range's start went to the volume
        volume, pages = both.group(1), both.group(2) + "-" + pages.lstrip(" -–")
    volume, issue = split_supplement(volume, f.get("issue"))  # type: ignore[arg-type]
    both = _VOLUME_ISSUE_RE.fullmatch(volume or "")
    if both:  # "12, no. 3" or "26(4)" read as one volume
        volume, issue = both.group(1), issue or both.group(2)
    f["volume"], f["issue"] = volume, issue
    if pages:
        pages = without_discussion(strip_locator(pages))
        if is_range(pages):
            f["page"] = normalize_pages(pages)
        elif pages:
            f["number"] = pages
    return f


def _imprint(g: Groups) -> dict[str, object]:
    """Publisher, place, edition and series."""
    f: dict[str, object] = {}
    for label, key in (("publisher", "publisher"), ("place", "publisher_place")):
        value = _first(g, label)
        if value:
            f[key] = value.strip(" .,;:()")
    both = _PLACE_PUBLISHER_RE.fullmatch(str(f.get("publisher") or ""))
    if both and "publisher_place" not in f:  # "New York: Hastings House" read as one publisher
        f["publisher_place"], f["publisher"] = both.group(1), both.group(2)
    edition = _first(g, "edition")
    if edition:
        m = _EDITION_NUMBER_RE.search(edition)
        f["edition"] = m.group(1) if m else edition.strip(" .,;:()")
    collection = _first(g, "collection")
    if collection:
        f["collection_title"] = collection.strip(" .,;:()")
    return f


def _date(s: str, g: Groups, f: dict[str, object]) -> dict[str, object]:
    """The first date run that reads as a date; else the one year the string prints, taken off the end of the
    journal or title it was read into (so the update may carry those too)."""
    for text in g.get("date", ()):
        issued = parse_date(text)
        if issued:
            return {"issued": issued}
    ids_text = " ".join(str(f[k]) for k in ("DOI", "URL") if f.get(k))
    years = {m.group(1) for m in _YEAR_TOKEN_RE.finditer(s) if m.group(1) not in ids_text and int(m.group(1)) <= 2030}
    if len(years) != 1:
        return {"issued": None}
    year = years.pop()
    out: dict[str, object] = {"issued": Date(int(year))}
    for key in ("container_title", "title"):
        value = f.get(key)
        if isinstance(value, str) and value.endswith(" " + year):  # "J. Opt. Soc. Am. 1982, 72, 899"
            out[key] = value[: -len(year)].rstrip(" ,;.(") or value
    return out


_YEAR_TOKEN_RE = re.compile(r"(?<![\w./-])(1[6-9]\d\d|20\d\d)(?![\w/-])")


def parse_with_model(text: str) -> Reference | None:
    """Read ``text`` with the shipped model; None when the model is not installed."""
    tagger = default_tagger()
    if tagger is None:
        return None
    _, body = split_label(text.strip())
    s = clean(body)
    tokens, tags, confidence = tagger.tag(s)
    g = _groups(s, tokens, tags)
    _relabel(s, g)
    f = _identifiers(s, g)
    if g.get("author"):
        f["author"], f["author_truncated"] = parse_author_list(g["author"][0].strip(" ,;:"))
    if g.get("editor"):
        editors = EDITOR_WORDS_RE.sub(" ", g["editor"][0]).strip(" ,;:.()")
        if editors:
            f["editor"] = parse_author_list(editors)[0]
    f.update(_title_and_container(s, g))
    f.update(_date(s, g, f))
    f.update(_numbers(s, g))
    f.update(_imprint(g))
    container = f.get("container_title")
    if isinstance(container, str) and looks_abbreviated(container):  # after every pass that edits the journal
        f["container_title_short"] = container
    f["type"] = _type(f, s)
    g_ = f.get
    if not (g_("container_title") or g_("issued") or g_("DOI") or g_("PMID") or g_("PMCID") or g_("URL") or g_("ISBN")
            or g_("volume") or g_("publisher") or (g_("author") and g_("title"))):
        f.update(type="document", parsed=False, confidence=0.0)
    else:
        f["confidence"] = round(confidence, 3)
    f["parser"] = "model"
    return Reference(**f)  # type: ignore[arg-type]
