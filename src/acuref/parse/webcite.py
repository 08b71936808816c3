"""Two shapes of web references with a fixed order of sentences.

**Wikipedia's citation templates (CS1)**: ``Author, Given (date). "Title". Work. Publisher. date. p. N.`` — the title
in quotation marks with the full stop *outside* them, then the work (newspaper, site, journal) as its own sentence.

A saved page keeps the note's back-links (``^``, ``Jump up to: a b``) and, once read, the link target of the title
after it (``"Title" https://… . Work.``); both are read past. The work is the first sentence after the title that is
not a date, a locator, an archive note or an identifier; a date printed there is the year when the author part
gives none. ``Retrieved …`` has gone before this reader sees the string (an access date is never the year).

**ISO 690 as Zotero prints it** (French, English, German locales): ``FAMILY, Given, 2020. Title. Site. [en ligne].
28 juillet 2020. [Consulté le …]. Disponible à l'adresse: URL`` and ``FAMILY, Given, 2000. Title? Journal. 1 mars
2000. Vol. 15, n° 3, pp. 646-649.``: family names in capitals before the year, the work as the last sentence before
the medium mark or the date; a page without author opens with its title (``Title, [sans date]. Site. [en ligne].``).
"""

from __future__ import annotations

import re

from acuref.model import Date, Name
from acuref.normalize import identifiers as ids
from acuref.normalize.dates import parse_date
from acuref.normalize.names import parse_author_list
from acuref.normalize.pages import normalize_pages

# "^", "^ a b", "Jump up to: a b c": the note's back-links to where it is cited
_BACKLINKS_RE = re.compile(r"^\s*(?:\^\s*)?(?:Jump up to:\s*)?(?:a\s+b(?:\s+[c-z])*\s+)?(?:\^\s*)?")
# the title closes at the first quotation mark followed (past a link) by a full stop: inner quotes stay in it
_CS1_RE = re.compile(r"^(?P<head>[^\"“”]{0,300}?)\s*[\"“](?P<title>[^\n]{2,400}?)[\"”]\s*(?:https?://\S+\s*)?\.(?:\s+|$)"
                     r"(?P<rest>.*)$", re.DOTALL)
# CS1 names: "Family, Given; Family, Given", "Given Family", with initials and particles; no figures or colons
_NAMES_RE = re.compile(r"[^\W\d_][^\d:;\"“”()]*(?:;\s*[^\W\d_][^\d:;\"“”()]*)*")
_HEAD_DATE_RE = re.compile(r"\((?P<date>[^()]{1,40})\)\s*\.?\s*$")
_DATE_RE = re.compile(r"^(?:\d{4}-\d\d(?:-\d\d)?|\d{1,2}\s+\w+\.?\s+\d{4}|\w+\.?\s+\d{1,2},\s+\d{4}|\w+\.?\s+\d{4}|"
                      r"\d{4}[a-z]?|\w+\s+\d{1,2}\s*[-–]\s*\d{1,2},\s+\d{4})$")
_NUMBERS_RE = re.compile(r"^(?P<volume>\d+)\s*(?:\((?P<issue>[^()]{1,20})\))?\s*(?::\s*(?P<page>[\w–-]{1,20}))?$")
_PAGES_RE = re.compile(r"^pp?\.\s*(?P<page>\d+(?:\s*[-–]\s*\d+)?)$")
_WORK_DATE_RE = re.compile(r"^(?P<work>[^,\d]{2,120}),\s+(?P<date>[^,]{3,30}(?:,\s+\d{4})?)$")
_SKIP_RE = re.compile(r"^(?:Archived from|Retrieved|doi|ISBN|ISSN|PMID|PMC|OCLC|Bibcode|arXiv|S2CID|JSTOR|"
                      r"https?://|\(|Vol\.|No\.)", re.IGNORECASE)
_SENTENCE_RE = re.compile(r"(?<![\s.][A-Z])(?<!\b[Nn]o)(?<!\bVol)(?<!\bpp)(?<!\bp)\.\s+")


def read_web(text: str) -> dict[str, object] | None:
    """The fields of a CS1 note or an ISO 690 web or journal reference, or None when ``text`` is neither."""
    return read_cs1(text) or read_iso690(text)


def read_cs1(text: str) -> dict[str, object] | None:
    """The fields of a CS1 note, or None when ``text`` does not have the quoted-title-then-full-stop shape."""
    if '"' not in text and "“" not in text:
        return None
    s = _BACKLINKS_RE.sub("", text, count=1)
    m = _CS1_RE.match(s)
    if not m or not m.group("rest").strip():
        return None
    head, rest = m.group("head").strip(), " ".join(m.group("rest").split())
    issued = None
    d = _HEAD_DATE_RE.search(head)
    if d:
        issued = parse_date(d.group("date"))
        head = head[: d.start()]
    head = head.strip(" .")
    if head and (len(head) > 200 or not _NAMES_RE.fullmatch(head)):
        return None  # not a list of names (a year, a colon, a sentence): another style that quotes its titles
    fields: dict[str, object] = {"type": "webpage", "title": m.group("title").strip(" ,")}
    if head:
        fields["author"], fields["author_truncated"] = parse_author_list(head)
    if not _read_rest(rest, fields, issued) or not (fields.get("container_title") or fields.get("issued")):
        return None
    _identifiers(text, fields)
    return fields


def _read_rest(rest: str, fields: dict[str, object], issued: object) -> bool:
    """The work, a date and the numbers from the sentences after the title; False when a sentence there is none of
    these and holds figures (``Journal, Oct 1995, Vol. 30``, ``In: Book, 81–94``): a style that runs its fields on
    with commas, which the general reader reads."""
    container = None
    for part in (p.strip(" .,") for p in _SENTENCE_RE.split(rest)):
        if not part or _SKIP_RE.match(part):
            if part.lower().startswith(("archived from", "retrieved")):
                break
            continue
        if _DATE_RE.match(part):
            issued = issued or parse_date(part)
            continue
        numbers = _NUMBERS_RE.match(part) or _PAGES_RE.match(part)
        if numbers:
            for key, value in numbers.groupdict().items():
                if value:
                    fields[key] = normalize_pages(value) if key == "page" else value
            if "volume" in numbers.groupdict():
                fields["type"] = "article-journal"
            continue
        dated = _WORK_DATE_RE.match(part)
        if dated and _DATE_RE.match(dated.group("date")):
            part, issued = dated.group("work"), issued or parse_date(dated.group("date"))
        elif re.match(r"In\b", part) or re.search(r"\d", part) and re.search(r",|\s\d", part):
            return False
        if container is None and not part.startswith(("-", "–")) and len(part.split()) <= 12:
            container = part  # (a dash or a long sentence opens the note's own comment, not a work)
    if container:
        fields["container_title"] = container
    fields["issued"] = issued
    return True


# the head: "FAMILY, Given, 2020." / "Title, [sans date]." (what is before the year is the author or the title)
_ISO_HEAD_RE = re.compile(r"^(?P<head>[^\[\]]{2,400}?),\s*(?:(?P<year>\d{4})[a-z]?|\[(?:sans date|s\.\s?d\.|no date|n\.\s?d\.|"
                          r"ohne Datum|o\.\s?J\.)\])\.\s+(?P<rest>.+)$", re.IGNORECASE)
_ISO_MEDIUM_RE = re.compile(r"\[(?:en ligne|online|en línea|in linea|Online-Ressource)\]", re.IGNORECASE)
# where the title and the work end: the medium mark, a date, the volume, the link or identifier
_ISO_END_RE = re.compile(r"(?:^|(?<=[.?!])\s+)(?=\[(?:en ligne|online|en línea|in linea)\]|\d{1,2}\.?\s+[^\W\d]+\.?\s+\d{4}\.|"
                         r"(?:Vol|Bd|Jg)\.\s*\d|DOI\b|Disponible|Available|Verfügbar|https?://)", re.IGNORECASE)
_ISO_ARTICLE_RE = re.compile(r"(?:Vol|Bd|Jg)\.\s*(?P<volume>[\w-]{1,10})(?:,\s*(?:n°|no\.|Nr\.|Heft)\s*(?P<issue>[\w-]{1,10}))?"
                             r"(?:,\s*(?:pp?|S)\.\s*(?P<page>\d+(?:\s*[-–‑]\s*\d+)?))?")
_ISO_SPLIT_RE = re.compile(r"\.\s+|(?<=[?!])\s+")


def read_iso690(text: str) -> dict[str, object] | None:
    """ISO 690 (see the module): None without a medium mark or a ``Vol. N, n° N`` journal block."""
    medium = _ISO_MEDIUM_RE.search(text)
    article = _ISO_ARTICLE_RE.search(text) if "Vol." in text or "Bd." in text or "Jg." in text else None
    m = _ISO_HEAD_RE.match(text.strip()) if medium or article else None
    if not m:
        return None
    head, rest = m.group("head").strip(), m.group("rest")
    end = _ISO_END_RE.search(rest)
    body = rest[: end.start()] if end else rest
    parts = [p.strip(" .") for p in _ISO_SPLIT_RE.split(body.strip()) if p.strip(" .")]
    # Zotero prints family names in capitals: then the head is the author, else the page's own title
    first = head.split(",")[0].strip()
    authored = _caps(first)
    if not authored and (not medium or re.search(r"[\"“”«»]", head)):
        return None  # an untitled head only opens a web page ("Title, [sans date]. Site. [en ligne].")
    fields: dict[str, object] = {"type": "article-journal" if article else "webpage"}
    if authored:
        fields["author"] = _iso_names(head)
        if not parts:
            return None
        title_parts, work = (parts[:-1], parts[-1]) if len(parts) > 1 else (parts, None)
        fields["title"] = ". ".join(title_parts).replace("?.", "?").replace("!.", "!")
    else:
        fields["title"], work = head, (parts[-1] if parts else None)
        if len(parts) > 1:
            return None  # more sentences than a site's name: not this shape
    if work:
        fields["container_title"] = work
    year = m.group("year") or (re.search(r"\b\d{4}\b", rest[end.start():end.start() + 40]) if end else None)
    fields["issued"] = Date(int(year if isinstance(year, str) else year.group(0))) if year else None
    if article:
        fields.update(volume=article.group("volume"), issue=article.group("issue"),
                      page=normalize_pages(article.group("page")) if article.group("page") else None)
    _identifiers(text, fields)
    return fields


def _caps(word: str) -> bool:
    return word.upper() == word and re.search(r"[^\W\d_]{2}", word) is not None


def _iso_names(head: str) -> tuple[Name, ...]:
    """``FAMILY, Given, FAMILY, Given et FAMILY, Given``: a family name in capitals, then its given names."""
    bits = [b.strip() for b in re.split(r",\s*|\s+(?:et|and|und|y|e|&)\s+", head) if b.strip()]
    names: list[Name] = []
    i = 0
    while i < len(bits) and len(names) < 100:
        family = bits[i]
        given = bits[i + 1] if i + 1 < len(bits) and not _caps(bits[i + 1]) else ""
        # a name without given names (an organisation, "SPF") is kept as printed
        names.append(Name(family=family.title() if _caps(family) else family, given=given) if given else
                     Name(literal=family))
        i += 2 if given else 1
    return tuple(names)


def _identifiers(text: str, fields: dict[str, object]) -> None:
    low = text.lower()
    for key, finder, cue in ids.FINDERS:  # DOI, PMID, PMCID, ISBN, a link: what the general reader keeps
        hit = finder(text) if cue in low else None
        if hit and not (key == "URL" and ("DOI" in fields or "doi.org/" in hit[0].lower())):
            fields[key] = hit[0]


__all__ = ["read_cs1", "read_iso690", "read_web"]
