"""The learned reader's labelled tokens → a :class:`Reference`, through the same normalisers the rules use.

Two taggers can label the tokens: the CRF (:mod:`acuref.parse.crf`) and the BiLSTM-CRF run in numpy
(:mod:`acuref.parse.neural`); :func:`use_reader` chooses (``ACUREF_PARSER`` on the command line), and
:func:`prepare` tags a document's strings together before they are parsed one by one.

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
from acuref.normalize.names import parse_author_list, split_editors
from acuref.normalize.pages import is_range, normalize_pages, without_discussion
from acuref.normalize.text import (
    clean,
    clean_title,
    looks_abbreviated,
    split_label,
    split_title_container,
)
from acuref.normalize.vocabulary import YEAR
from acuref.normalize.volumes import split_supplement
from acuref.parse.crf import Token, Tagger, default_tagger
from acuref.parse.neural import NeuralTagger, default_neural
from acuref.parse.relabel import (
    IN_PREFIX_RE,
    IN_RE,
    LINK_CUE_RE,
    Groups,
    journal_in_note,
    make_run,
    relabel,
    title_in_note,
)

# strip_locator also shapes the records acuref.train renders its synthetic strings from: a change to it changes
# the training set, so the shipped model must be retrained with it (and re-measured) in the same commit.
_LOCATOR_PREFIX_RE = re.compile(r"^(?:vol(?:ume)?|no|nr|issue|num|number|pp?|pages?|s|bd|jg|h|band|seiten|tome"
                                r"|[vt](?=\.?\s*[A-Za-z]?\d))\b\.?\s*", re.IGNORECASE)


EDITOR_WORDS_RE = re.compile(r"(?:^\s*In\s*:?\s+|[,(\s]*\b(?:eds?|editors?|edited by|hrsg|red)\b\.?\)?\s*)", re.IGNORECASE)


_PLACE_PUBLISHER_RE = re.compile(r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}(?:, [A-Z][\w.]{1,15})?)\s*:\s*(\S.*)")


_IN_WORD_RE = re.compile(r"(?:^|[.,]\s+)(?:In|in|Dans|dans):?\s+")


_TRAILING_ISSUE_WORD_RE = re.compile(r"[\s,]+(?:no|nr|n°|issue)\.?$", re.IGNORECASE)


_VOLUME_PAGE_RE = re.compile(r"([A-Za-z]?\d+)(?:\s*,\s*|\s+)([A-Za-z]?\d+(?:[-–]\d+)?)")


_ISSUE_WORD_RE = re.compile(r"\b(?:no|nr|n°|issue|num|number|heft)\b\.?\s*\w", re.IGNORECASE)


_EDITION_NUMBER_RE = re.compile(r"(\d+)")


# "17 259-273", and physics' "114 082501" (volume and article number)
_VOLUME_THEN_RANGE_RE = re.compile(r"([A-Za-z]?\d+)\s+([A-Za-z]?\d+\s*[-–]+\s*[A-Za-z]?\d+|0\d{3,}|\d{5,})")


_TRAILING_LOCATOR_RE = re.compile(r"[\s,]+(?:vol(?:ume)?|no|nr|n°|issue|bd|jg|tome|heft)\.?$", re.IGNORECASE)


_THESIS_RE = re.compile(r"\b(?:thesis|dissertation|proefschrift|doctoral|PhD|Ph\.D\.|master'?s)\b", re.IGNORECASE)


_REPORT_RE = re.compile(r"\b(?:report|technical memo|working paper|white paper|rapport|TR-?\d)\b", re.IGNORECASE)


_VOLUME_ISSUE_RE = re.compile(r"([A-Za-z]?\d+[A-Za-z]?)\s*(?:,?\s*(?:no|nr|issue|n)\.?\s*|\(\s*)(\w+(?:[-–/]\w+)?)\)?",
                              re.IGNORECASE)


_QUOTED_RE = re.compile(r"[“\"‘«„]\s*([^“”\"«»]{3,300}?)\s*[”\"’»“](?=[\s,.;:]|$)")


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
        out.setdefault(label, []).append(make_run(text[tokens[i].start:tokens[j].end], tokens[i].start))
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
    if has("container_title") and (has("editor") or has("publisher") or IN_RE.search(text)):
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
    if title and not LINK_CUE_RE.match(title):  # "Available at: http://…" says where the work is, not what
        f["title"] = clean_title(title)
    if not f.get("title"):  # quoted words are a title in every style that quotes (Chicago, MLA, IEEE, Harvard)
        q = _QUOTED_RE.search(s)
        if q and len(q.group(1).split()) >= 2:
            f["title"] = q.group(1).strip(" ,.;:")
    if not f.get("title") and "author" in g and "note" in g:
        f["title"] = title_in_note(s, g)
    container = _first(g, "container") or journal_in_note(s, g)
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
            elif not ({"volume", "issue", "pages", "editor"} & g.keys()) and not IN_RE.search(s):
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
    ids_text += " ".join(_BRACKETED_RE.findall(str(f.get("container_title") or "")))  # "Spine (Phila Pa 1976)"
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


_BRACKETED_RE = re.compile(r"\([^()]*\)")
_YEAR_TOKEN_RE = re.compile(rf"(?<![\w./-])({YEAR})(?![\w/-])")


READERS = ("crf", "neural")
# The network by default (issue 25: on the held-out general strings title 0.764 → 0.807, container 0.739 → 0.776, no
# PubMed Central field lower; benchmarks/parse_eval.py); the CRF where the network's weights are not installed.
_reader = {"name": "neural"}


def use_reader(name: str) -> None:
    """Tag with the CRF (``crf``) or the BiLSTM-CRF (``neural``) from now on, in this process."""
    if name not in READERS:
        raise ValueError(f"unknown parser {name!r}: one of {', '.join(READERS)}")
    _reader["name"] = name


def reader_name() -> str:
    return _reader["name"]


def tagger() -> Tagger | NeuralTagger | None:
    """The chosen tagger; the CRF when the network is chosen but not installed."""
    if _reader["name"] == "neural":
        net = default_neural()
        if net is not None:
            return net
    return default_tagger()


def model_text(text: str) -> str:
    """The text the tagger reads: without its list label, cleaned."""
    return clean(split_label(text.strip())[1])


def prepare(texts: list[str], every: bool = False) -> None:
    """Tag together every string the learned reader may be asked to read (a document's references), so that
    :func:`parse_with_model` finds them tagged; the network reads a batch several times faster than single strings.
    A string not prepared is tagged when it is read, alone. ``every``: the strings the rules may read alone too (for
    callers of :func:`parse_with_model` itself)."""
    chosen = tagger()
    if not isinstance(chosen, NeuralTagger):
        return
    from acuref.parse.rules import model_input  # rules imports this module: a late import

    # Strings whose shape the rules may be sure of (most biomedical lists) are left out: tagging them together would
    # cost more than tagging alone the few the rules then hand over (mixed strings: 717 → see parse_speed.py).
    bodies = [model_text(body) for body in (model_input(text, every=every) for text in texts) if body is not None]
    try:
        chosen.prepare(bodies)
    except (ValueError, MemoryError, FloatingPointError):  # only a speed-up: each string is still read on its own
        return


def parse_with_model(text: str) -> Reference | None:
    """Read ``text`` with the chosen model; None when no model is installed."""
    chosen = tagger()
    if chosen is None:
        return None
    s = model_text(text)
    tokens, tags, confidence = chosen.tag(s)
    g = _groups(s, tokens, tags)
    relabel(s, g)
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
    f["parser"] = "model"  # either tagger: what users see is that a learned model read it
    return Reference(**f)  # type: ignore[arg-type]
