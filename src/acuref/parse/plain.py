"""The rules reading of one plain reference string: authors from the start, the locator tail or imprint from the end, title and container from what lies between, and whether the reading is of a shape the rules are trusted with."""

from __future__ import annotations

import re

from acuref.model import Date, Name, Reference
from acuref.normalize.dates import parse_date
from acuref.normalize.names import DEGREE_RE, is_author_list, parse_author_list, split_editors
from acuref.normalize.pages import is_range, normalize_pages
from acuref.normalize.shapes import (
    BOOK_RE,
    PG,
    SHAPES,
    Tail,
    choose_tail,
    split_authors,
    split_degree_authors,
    tails,
)
from acuref.normalize.text import (
    SENTENCE_SPLIT_RE,
    clean_title,
    looks_abbreviated,
    split_title_container,
)
from acuref.normalize.vocabulary import ENGLISH_MONTH_END_RE, PUBLISHER_WORDS_RE, YEAR
from acuref.normalize.volumes import split_supplement

_IN_RE = re.compile(r"(?:^|[.,]\s+)In\s*:?\s+(?=[A-Z])")


_EDITION_RE = re.compile(r"\b(\d+)(?:st|nd|rd|th|e|de)?\s*(?:ed|edn|edition|druk)\b\.?", re.IGNORECASE)


_DASH_RE = re.compile(r"\s*[–—‐]\s*")


_INTERNET_RE = re.compile(r"\s*\[(?:Internet|serial on the Internet|online)\]")


def _clean_issue(issue: str | None) -> str | None:
    if not issue:
        return None
    issue = _DASH_RE.sub("-", issue.strip())
    return issue or None


def read_plain(s: str, extra: dict[str, str | None], *, authors_text: str | None = None, preset_title: str | None = None,
                 preset_container: str | None = None) -> tuple[Reference, bool, bool]:
    year_hint = title_pre = None
    rest = s
    if authors_text is None and preset_title is None:
        deg = split_degree_authors(s) if "." in s and DEGREE_RE.search(s) else None
        if deg:
            title_pre, authors_text, rest = deg
        else:
            authors_text, rest, year_hint = split_authors(s)
    tail = choose_tail(rest, tails(rest))
    fields: dict[str, object] = {}
    book_sure = False
    if tail:
        mid, after = rest[: tail.start], rest[tail.end:]
        fields.update(_tail_fields(rest, tail, year_hint))
        kind = "article-journal"
    else:
        mid, after = rest, ""
        mid, kind, book_sure = _untailed(rest, year_hint, fields)
    if preset_title is not None or preset_container is not None:
        title, container = preset_title, preset_container
        if container is None:
            container = mid.strip(" .,;") or None
    else:
        title, container, authors_text, kind = _middle(mid, rest, kind, fields, authors_text, title_pre,
                                                      year_hint, tail is not None)
    ref = _assemble(fields, extra, kind, title, container, authors_text, tail is not None)
    return ref, _trusted(ref, rest, after, tail, year_hint, book_sure, title_pre), \
        bool(tail and tail.year and (tail.pages or tail.issue) and tail.kind != "ieee")


def _tail_fields(rest: str, tail: Tail, year_hint: str | None) -> dict[str, object]:
    """Volume, issue, pages and date from the locator tail (a date printed after it may be fuller)."""
    fields: dict[str, object] = {}
    after = rest[tail.end:]
    volume, issue = split_supplement(tail.volume, tail.issue)
    fields.update(volume=volume, issue=_clean_issue(issue))
    if tail.pages:
        pages = tail.pages.strip()
        fields["page" if is_range(pages) else "number"] = normalize_pages(pages) if is_range(pages) else pages
    if tail.year:
        issued = parse_date(rest[tail.start: tail.end])
        later = parse_date(after)
        if later and issued and later.year == issued.year and later.month and not issued.month:
            issued = later
    elif year_hint:
        issued = Date(int(year_hint))
        later = parse_date(after)
        if later and later.year == issued.year and later.month:
            issued = later
    else:
        issued = parse_date(after) or parse_date(rest[: tail.start])
    fields["issued"] = issued
    return fields


def _untailed(rest: str, year_hint: str | None, fields: dict[str, object]) -> tuple[str, str, bool]:
    """No locator tail: a book's imprint, or a date; returns the middle part, the type and whether a book is sure."""
    book = BOOK_RE.search(rest)
    if book and (PUBLISHER_WORDS_RE.search(book.group("publisher")) or not re.search(r"\d", book.group("publisher"))):
        fields.update(publisher=book.group("publisher").strip(), publisher_place=book.group("place").strip(),
                      issued=Date(int(book.group("year"))))
        # "Place: Publisher; year" closing the string: the rules' other sure shape
        # (NLM's "; year" only: Chicago/MLA books, where the model reads better, print ", year")
        sure = len(rest[book.end():].strip(" .,;")) <= 3 and ";" in rest[book.start("publisher"):book.start("year")]
        return rest[: book.start()], "book", sure
    mid = rest
    issued = Date(int(year_hint)) if year_hint else parse_date(rest)
    fields["issued"] = issued
    if issued and not year_hint:
        ym = re.search(rf"[.,;(]?\s*{issued.year}[^.]*$", mid)
        if ym and ym.start() > 0:
            mid = mid[: ym.start()]
    return mid, "book" if PUBLISHER_WORDS_RE.search(rest) else "document", False


def _middle(mid: str, rest: str, kind: str, fields: dict[str, object], authors_text: str | None,
            title_pre: str | None, year_hint: str | None, tailed: bool) -> tuple[str | None, str | None, str | None, str]:
    """Title and container from what lies between the authors and the numbers (a chapter's "In:" too)."""
    chapter = _IN_RE.search(mid)
    if chapter and kind != "article-journal":
        return (mid[: chapter.start()].strip(" .,") or None, _chapter_fields(mid[chapter.end():], rest, fields),
                authors_text, "chapter")
    if title_pre is not None:
        return title_pre.rstrip(". ") or None, mid.strip(" .,;") or None, authors_text, kind
    if kind == "book" or (kind == "document" and authors_text):
        title = mid.strip(" .,;") or None
        if kind == "document" and title:
            kind = "book" if fields.get("publisher") else "document"
        return title, None, authors_text, kind
    moved = _authors_in_middle(mid) if authors_text is None else None
    if moved:  # PubMed "Similar articles": Title. Authors, et al. Journal. 2015;…
        title, authors_text, container = moved
    else:
        title, container = split_title_container(mid)
    if container is None and title is not None and (not authors_text or (authors_text and year_hint)) and tailed:
        # Only one piece before the numbers: a journal name when the numbers say "journal article".
        if looks_abbreviated(title) or not authors_text or len(title.split()) <= 6:
            title, container = None, title
    return title, container, authors_text, kind


def _chapter_fields(after_in: str, rest: str, fields: dict[str, object]) -> str | None:
    """A chapter's editors, edition, pages and publisher into ``fields``; returns the book title."""
    editors_text, container, chapter_edition = _split_chapter(after_in)
    if editors_text:
        fields["editor"] = parse_author_list(editors_text)[0]
    if chapter_edition:
        fields["edition"] = chapter_edition
    pm = _PP_RE.search(rest)
    if pm:
        pages = pm.group("pages")
        fields["page" if is_range(pages) else "number"] = normalize_pages(pages) if is_range(pages) else pages
    if not fields.get("publisher"):
        pub = _TRAILING_PUBLISHER_RE.search(rest)
        if pub:
            fields["publisher"] = pub.group(1).strip()
    return container


def _assemble(fields: dict[str, object], extra: dict[str, str | None], kind: str, title: str | None,
              container: str | None, authors_text: str | None, tailed: bool) -> Reference:
    edition = fields.pop("edition", None)
    if kind in ("book", "chapter", "document") and title and not edition:
        em = _EDITION_RE.search(title)
        if em:
            edition = em.group(1)
            title = (title[: em.start()].rstrip(" .,")) or title
    author: tuple[Name, ...] = ()
    truncated = False
    if authors_text:
        author, truncated = parse_author_list(authors_text)
    if container:
        container = _INTERNET_RE.sub("", container).strip(" .,;") or None
    if title:
        title = clean_title(title)
    fields.update(extra)
    fields.update(
        type=kind if (container or kind != "article-journal" or tailed) else "document",
        author=author, author_truncated=truncated,
        title=title or None, container_title=container,
        container_title_short=container if container and looks_abbreviated(container) else None,
        edition=edition,
    )
    return finish(fields)


def _trusted(ref: Reference, rest: str, after: str, tail: Tail | None, year_hint: str | None, book_sure: bool,
             title_pre: str | None) -> bool:
    """The shapes the rules are trusted with (measured against the model in benchmarks/parse_eval.py)."""
    title, container = ref.title, ref.container_title
    year_after = bool(tail and tail.kind == "colon" and not tail.year and _YEAR_AFTER_RE.fullmatch(after))
    article = bool(tail and SHAPES[tail.kind].sure and (tail.year or year_hint or year_after) and tail.pages
                   and ref.author and title and container and (len(after.strip(" .,;")) <= 3 or year_after)
                   and not any(c.isdigit() for c in container) and not _AUTHORS_LEFT_RE.match(title)
                   and not _DATE_WORD_END_RE.search(container))
    book = book_sure and ref.type == "book" and bool(ref.author and title)
    stacked = bool(title_pre and tail and ref.author and container)  # "Title / Brian M. Berman, M.D., … / Journal"
    chapter = ref.type == "chapter" and bool(ref.author and title and container and ref.editor
                                             and (ref.publisher_place or ref.publisher)
                                             and NLM_CHAPTER_RE.search(rest) is not None)  # "… In: Jones K, editor. …"
    return article or book or stacked or chapter


# "Postgrad Med J 73: 81-85, 1997." — the year after the pages closes the string
_YEAR_AFTER_RE = re.compile(rf"\s*[,.;]?\s*\(?{YEAR}\)?\.?\s*")


# NLM's "In: Jones K, Smith L, editors." (APA's "In K. Jones (Ed.)," is read better by the model)
NLM_CHAPTER_RE = re.compile(r"\bIn:\s.{2,300}?,\s*(?:editors?|eds?)\.")


# "Accessed December 10, 2014" is a date, not "journal, volume, pages"
_DATE_WORD_END_RE = re.compile(ENGLISH_MONTH_END_RE.pattern + r"|\b(?:accessed|cited|retrieved|updated)\b",
                               re.IGNORECASE)


# A "title" opening with the end of an author list the rules did not recognise ("BelizÃ¡n JM. The…",
# "Kolsto. Bacillus…", "J.R. Jr., Bower, R., Gupta, G. et al. …"): the split is doubtful, let the model read.
_AUTHORS_LEFT_RE = re.compile(r"[^.?!]{0,80}?(?:\b[A-Z]{1,3}|\b[A-Z]\.\s?[A-Z]?|\bet al)\.,?\s|[A-Z][\w'’-]+\.\s|(?:Jr|Sr|Jnr|Snr|II|III)\b\.?,")


_PP_RE = re.compile(rf"\bpp?\.?\s*{PG}")


_TRAILING_PUBLISHER_RE = re.compile(r"\)\.\s*([A-Z][^.()]{1,60})\.?\s*$")


_CONTAINER_END_RE = re.compile(r"\s*\(|\.\s+(?=[A-Z][\w .'’-]*(?::|,\s*[A-Z]))|,\s*pp?\b")


def _authors_in_middle(mid: str) -> tuple[str, str, str] | None:
    segs = SENTENCE_SPLIT_RE.split(mid.strip())
    for i in range(1, len(segs) - 1):
        cand = segs[i].rstrip(". ")
        if ("," in cand or "et al" in cand) and is_author_list(cand):
            title = " ".join(segs[:i]).strip()
            return (title.rstrip(".") if not title.endswith(("?", "!")) else title, cand,
                    " ".join(segs[i + 1:]).strip(" ."))
    return None


def _split_chapter(text: str) -> tuple[str | None, str | None, str | None]:
    """``Jones K, editor. Textbook of Pain. 5th ed`` → (editors, container, edition)."""
    text = text.strip(" .,")
    editors = None
    split = split_editors(text)
    if split:
        editors, text = split
    edition = None
    em = _EDITION_RE.search(text)
    if em:
        edition = em.group(1)
        text = text[: em.start()]
    container = _CONTAINER_END_RE.split(text, maxsplit=1)[0].strip(" .,;") or None
    return editors, container, edition


def finish(f: dict[str, object]) -> Reference:
    """Build the Reference with a rough confidence: how many of the main fields were found."""
    g = f.get
    score = sum(bool(x) for x in (g("author"), g("title"), g("container_title") or g("publisher"), g("issued"),
                                  g("volume") or g("page") or g("number") or g("publisher"), g("DOI") or g("PMID")))
    # A lone phrase is not evidence of a reference: something bibliographic must have been read.
    if not (g("container_title") or g("issued") or g("DOI") or g("PMID") or g("PMCID") or g("URL") or g("ISBN")
            or g("volume") or g("publisher") or (g("author") and g("title"))):
        f.update(type="document", parsed=False, confidence=0.0)
    else:
        f["confidence"] = round(min(1.0, 0.35 + score * 0.13), 2)
    f["parser"] = "rules"
    return Reference(**f)  # type: ignore[arg-type]
