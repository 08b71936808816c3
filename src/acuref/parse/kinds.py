"""The kind of work a reference cites, read from what the printed string says it is.

A reader (rules, model or a style's grammar) reads the parts of a string; the words a style prints to say what
kind of work it is — ``PhD thesis``, ``Technical Report No. 5``, ``[Data set]``, ``R package version 1.2``,
``ISO 9001:2015``, ``Unpublished manuscript`` — decide the CSL type, in English, German, Dutch and French (and
a few more where the word is the same). Each kind is one :class:`Evidence` row: the pattern, whether it may
re-type a reading that has a journal's volume and pages, and the pass that files its fields. The words come off
the title and the container (they describe the work, they do not name it); a thesis's university and a report's
institution become the publisher; the genre is kept as printed (CSL ``genre``), a report's or standard's
number as ``number``, a dataset's or program's version as ``version``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Iterator

from acuref.model import Reference
from acuref.parse.kind_words import (
    CODE_URL_RE,
    DATASET_RE,
    DATA_DOI_RE,
    INSTITUTION_RE,
    IN_PRESS_RE,
    LINK_RE,
    MANUSCRIPT_RE,
    REPORT_JOURNAL_RE,
    REPORT_RE,
    REPOSITORIES,
    SERVERS,
    SERVER_DOI_RE,
    SERVER_RE,
    SOFTWARE_RE,
    STANDARD_RE,
    THESIS_JOURNAL_RE,
    THESIS_RE,
    UNIVERSITY_RE,
    VERSION_RE,
)

# ---- the passes -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Evidence:
    """One kind of work: how the string says so, and the pass that files the fields of that kind."""

    kind: str
    find: Callable[[str, Reference], "re.Match[str] | None"]
    file: Callable[[Reference, "re.Match[str]", str], Reference]
    over_journal: bool = False  # may re-type a reading with a journal's volume and pages


def _journal(ref: Reference) -> bool:
    """A journal's reading: a container with a volume (a number, not "Open File Report 5426") and pages or issue."""
    return bool(ref.container_title and ref.volume and _VOLUME_RE.fullmatch(ref.volume)
                and (ref.page or ref.issue or ref.number))


_VOLUME_RE = re.compile(r"[A-Za-z]{0,2}\d[\w.-]{0,10}")


def _outside_title(ref: Reference, text: str, m: "re.Match[str]") -> bool:
    """The words were printed outside the title, or end it (``Title (Doctoral dissertation)``)."""
    title = ref.title or ""
    if not title or m.group(0).startswith("["):
        return True  # "[Data set]", "[Computer software]": a bracketed description is never the title's
    start = text.find(title)
    if start < 0:
        return m.group(0).strip(" .()[]") not in title or title.rstrip(" .)]").endswith(m.group(0).strip(" .()[]"))
    end = start + len(title)
    if m.start() >= end or m.end() <= start:
        return True
    if m.start() - start > 8 and text[start: m.start()].rstrip().endswith(".") and _segment(m):
        return True  # a sentence of its own the reader ran into the title: "Title. PhD thesis, University …"
    # closing the title as its own segment: "Title (Doctoral dissertation)", "Title, Masters Thesis", "Title (GIGA
    # Working Paper No. 151"
    head = text[start: m.start()].rstrip()
    opened = max(head.rfind("("), head.rfind("["))
    stop = head.rfind(". ")
    return m.end() >= end - 1 and (head[-1:] in (".", ",", ";", ":", "(", "[") or (
        opened >= 0 and len(head) - opened <= 30 and not any(c in head[opened:] for c in ")]")) or (
        stop >= 0 and len(head[stop + 2:].split()) <= 3))  # "Title. IAB Forschungsbericht 8/2015"


def _series_tail(title: str | None, printed: str) -> str | None:
    """``Title. IAB Forschungsbericht 8/2015`` → ``Title``: a short sentence closing the title with the words."""
    if not title or not title.rstrip(" .)").endswith(printed):
        return title
    at = title.rfind(printed)
    stop = title.rfind(". ", 0, at)
    if stop > 8 and len(title[stop + 2: at].split()) <= 3:
        return title[:stop]
    return title


def _segment(m: "re.Match[str]") -> bool:
    """The words make a segment of their own: several words (``PhD thesis``), a number (``Rapport 12``), or a comma
    or the end after them (``Dissertation, Universität …``); ``Rapport sur le savoir`` is a subtitle."""
    words = m.group(0).strip(" .")
    after = m.string[m.end(): m.end() + 2]
    return " " in words or any(c.isdigit() for c in words) or not after.strip() or after.lstrip()[:1] in ",;("


def _first_outside(rx: re.Pattern[str], text: str, ref: Reference) -> "re.Match[str] | None":
    for m in rx.finditer(text):
        if _outside_title(ref, text, m):
            return m
    return None


def _drop(value: str | None, words: str) -> str | None:
    """``value`` without the printed ``words`` (and the brackets or punctuation around them)."""
    if not value or not words:
        return value
    at = value.find(words)
    if at < 0 and words[-1:] in ")]":  # a reader that cut the closing bracket: "Title [Data set"
        words = words[:-1]
        at = value.find(words) if value.endswith(words) else -1
    if at < 0:
        return value
    head, tail = value[:at], value[at + len(words):]
    head = re.sub(r"[\s(\[,.;:]+$", "", head)
    tail = re.sub(r"^[\s)\],.;:]+", "", tail)
    out = (head + (". " if head and tail else "") + tail).strip(" .,;:()[]")
    return out or None


def _without(ref: Reference, words: str) -> dict[str, str | None]:
    """The reading's text fields without the printed words; a title that swallowed the rest of the string from a
    sentence opening with them (``Title. Arbeitspapier Nr. 45, Institut …``) ends before it, and what followed the
    words is offered as ``rest`` (the institution, the university)."""
    out = {f: _drop(getattr(ref, f), words) for f in ("title", "container_title", "publisher", "publisher_place",
                                                         "collection_title") if getattr(ref, f)}
    title = ref.title or ""
    at = title.find(words) if words else -1
    if at > 8 and title[:at].rstrip().endswith(".") and at + len(words) < len(title) - 1 and (
            " " in words.strip() or title[at + len(words): at + len(words) + 1] in ",;("):
        out["title"] = title[:at].rstrip(" .")
        out["rest"] = title[at + len(words):].strip(" ,.;:()[]") or None
    return out


def _standing(text: str, m: "re.Match[str]") -> bool:
    """A bare word (``Thesis``, ``Dissertation``, ``Report``) counts only as its own segment of the string:
    after a full stop, comma, bracket or at the start, not inside a phrase (``the "Autonomization" Thesis``)."""
    before = text[: m.start()].rstrip()
    if before[-1:] in ("”", '"', "’", "»"):  # "“Title.” Masterthesis. 2014": after a quoted title, as a segment of its own
        return m.group(0).rstrip().endswith((".", ",", ";")) or text[m.end(): m.end() + 1] in ("", ".", ",", ";")
    return not before or before[-1] in ".,;:([" or before.endswith(("In", "in"))


def _find_thesis(text: str, ref: Reference) -> "re.Match[str] | None":
    if THESIS_JOURNAL_RE.search(text):
        return None
    for m in THESIS_RE.finditer(text):
        bare = " " not in m.group("genre").strip(" .") or m.group("genre").lower().startswith("dissertation thesis")
        if (not bare or _standing(text, m)) and _outside_title(ref, text, m):
            return m
    return None


def _file_thesis(ref: Reference, m: "re.Match[str]", text: str) -> Reference:
    genre = m.group("genre").strip(" .")
    fields = _without(ref, m.group("genre").rstrip("."))
    container = fields.get("container_title")
    institution = bool(container and INSTITUTION_RE.search(container))
    publisher = fields.get("publisher") or (container if institution else None) or fields.get("rest")
    place = fields.get("publisher_place")
    if place and UNIVERSITY_RE.search(place) and not publisher:
        publisher, place = place, None
    if not publisher:
        um = UNIVERSITY_RE.search(text[m.end():]) or UNIVERSITY_RE.search(text[: m.start()])
        publisher = um.group(0).strip(" .,") if um else None
    title = fields.get("title", ref.title)
    if container and not institution and title:
        title = f"{title}. {container}"  # a thesis has no container: what was read as one is its subtitle
    report = _find_report(text[m.end():], replace(ref, title=None))  # "… Published as Technical Report No. 131"
    number = (report.group("number") or report.group("number2")) if report else None
    return replace(ref, type="thesis", genre=genre, title=title, container_title=None, number=number or ref.number,
                   container_title_short=None, publisher=publisher, publisher_place=place)


def _find_report(text: str, ref: Reference) -> "re.Match[str] | None":
    """The first report words that print a number, or else the first without one."""
    found = None
    for m in _report_words(text, ref):
        if m.group("number") or m.group("number2"):
            return m
        found = found or m
    return found


def _report_words(text: str, ref: Reference) -> "Iterator[re.Match[str]]":
    for m in REPORT_RE.finditer(text):
        number = m.group("number") or m.group("number2") or ""
        if m.group("genre2") and not re.search(r"\d", number):
            continue
        if re.fullmatch(r"(?:1[6-9]|20)\d\d", number):
            continue  # "Vital Signs Report 2014", "Working Paper 2014": a year, not a number
        if REPORT_JOURNAL_RE.search(text[max(0, m.start() - 20): m.end() + 12]):
            continue
        bare = m.group("genre") and " " not in m.group("genre").strip(" .")
        if bare and not number and not _standing(text, m):
            continue  # "Rapport sur le développement durable": the title's own word
        inside = re.search(r"(?:^|[.,]\s)[Ii]n:?\s", text[: m.start()])
        if ref.type in ("chapter", "paper-conference") and inside and m.group(0).rstrip(".") not in (ref.container_title or ""):
            continue  # a paper in proceedings that name their series "Document de travail n° 9"
        if _outside_title(ref, text, m) or m.group("genre2"):
            yield m


def _file_report(ref: Reference, m: "re.Match[str]", text: str) -> Reference:
    genre = (m.group("genre") or m.group("genre2")).strip(" .")
    number = m.group("number") or m.group("number2")
    printed = m.group(0).rstrip(".")
    fields = {f: v for f, v in _without(replace(ref, title=_series_tail(ref.title, printed)), printed).items()
              if not v or v.lower() != genre.lower()}
    container = fields.get("container_title")
    publisher = fields.get("publisher") or fields.get("rest")
    series = ref.collection_title
    if ref.container_title and printed in ref.container_title:
        at = ref.container_title.find(printed)
        head, tail = ref.container_title[:at].strip(" ,."), ref.container_title[at + len(printed):].strip(" ,.;")
        series = series or (f"{head} {genre}" if head and len(head) < 40 else None)
        container, publisher = None, publisher or tail or None  # "Forschungsbericht Nr. 173, Bundesanstalt …"
    if not publisher and container and not _journal(ref):
        publisher, container = container, None
    volume = None if ref.volume and number and number in ref.volume else ref.volume
    return replace(ref, type="report", genre=genre if not ref.genre else ref.genre, number=number or ref.number, volume=volume,
                   title=fields.get("title", ref.title), container_title=container, publisher=publisher,
                   collection_title=series, container_title_short=None if not container else ref.container_title_short,
                   page=None if number and ref.page == number else ref.page)


def _find_dataset(text: str, ref: Reference) -> "re.Match[str] | None":
    m = DATASET_RE.search(text)
    if m:
        return m
    if _journal(ref) or SOFTWARE_RE.search(text) or CODE_URL_RE.search(ref.URL or "") or re.search(r"\bv\d+\.\d", text, re.IGNORECASE):
        return None  # a program archived on Zenodo: "gbifparser: v0.1.0", a GitHub link beside the DOI
    return DATA_DOI_RE.search(ref.DOI or "") or DATA_DOI_RE.search(ref.URL or "")


def _repository(ref: Reference, text: str) -> str | None:
    low = (ref.DOI or "").lower() + " " + text.lower()
    for key, name in REPOSITORIES:
        if key in low:
            return name
    return None


def _version(text: str) -> str | None:
    m = VERSION_RE.search(text)
    return (m.group("version") or m.group("v2") or m.group("v3")).rstrip(".") if m else None


def _file_dataset(ref: Reference, m: "re.Match[str]", text: str) -> Reference:
    return _file_program(ref, m, text, "dataset")


def _file_program(ref: Reference, m: "re.Match[str]", text: str, kind: str = "software") -> Reference:
    link = m.string in (ref.DOI, ref.URL)
    printed = "" if link else m.group(0).strip(" .,")
    fields = _without(ref, printed) if printed else {}
    repo = _repository(ref, text) if kind == "dataset" else None
    container = fields.get("container_title", ref.container_title)
    publisher = fields.get("publisher", ref.publisher)
    if container and not publisher:
        publisher = container  # the repository or the organisation; kept as printed in the container too
    version = ref.version or _version(text)
    title = fields.get("title", ref.title)
    if title and version:
        title = re.sub(rf"\s*[(\[]?(?i:version|versie|v)\.?\s*:?\s*v?{re.escape(version)}[)\]]?\s*$", "", title) or title
    return replace(ref, type=kind, title=title, container_title=container, publisher=publisher or repo, version=version)


def _find_software(text: str, ref: Reference) -> "re.Match[str] | None":
    m = _first_outside(SOFTWARE_RE, text, ref)
    if m:
        return m
    if _journal(ref) or ref.page or ref.volume:
        return None
    return CODE_URL_RE.search(ref.URL or "")


def _find_standard(text: str, ref: Reference) -> "re.Match[str] | None":
    m = STANDARD_RE.search(text)
    if not m or _journal(ref) or ref.type == "paper-conference":
        return None
    title = ref.title or ""
    lead = text[: m.start()].strip(" .,:;()[]")
    # the number opens the string or the title, or stands in brackets after it; anywhere else the title cites it
    if not lead or title.startswith(m.group(0)) or text[max(0, m.start() - 1)] in "([" or (
            not ref.author and not ref.container_title) or lead.endswith(("Norm", "norm", "Standard", "standard")):
        return m
    return None


def _file_standard(ref: Reference, m: "re.Match[str]", text: str) -> Reference:
    number = " ".join(m.group("number").split())
    title = ref.title
    if title and title.startswith(number + ". "):
        title = title[len(number) + 2:]  # "DIN EN ISO 9001:2015-11. Qualitätsmanagementsysteme": the number, then the title
    elif title and number in title and not title.startswith(number):
        title = _drop(title, number)
    elif not title and ref.container_title:
        title = ref.container_title
    c = ref.container_title
    container = None if c == title or (c and (number in c or c in number)) else c
    who = ref.author[0].display() if len(ref.author) == 1 else ""
    author = () if who and any(c.isdigit() for c in who) and who in number else ref.author  # "NF EN ISO 690" read as a name
    return replace(ref, type="standard", number=number, title=title, container_title=container,
                   container_title_short=None, author=author)


def _find_manuscript(text: str, ref: Reference) -> "re.Match[str] | None":
    if IN_PRESS_RE.search(text) or ref.page:
        return None
    for m in MANUSCRIPT_RE.finditer(text):
        if m.group(0).lower().startswith(("manuscri", "manuskri")) and len(m.group(0)) < 12 and not (
                text[max(0, m.start() - 1)] in "([" or m.end() >= len(text.rstrip(" .)]")) - 1):
            continue  # a lone "Manuscript" counts only in brackets or closing the string
        if _outside_title(ref, text, m):
            return m
    return None


def _file_manuscript(ref: Reference, m: "re.Match[str]", text: str) -> Reference:
    fields = _without(ref, m.group(0))
    container = fields.get("container_title", ref.container_title)
    return replace(ref, type="manuscript", title=fields.get("title", ref.title),
                   container_title=container if not m.group(0).lower().startswith(("submitted", "accepted")) or
                   container else None, publisher=fields.get("publisher", ref.publisher),
                   genre=ref.genre or m.group(0).strip())


def _find_preprint(text: str, ref: Reference) -> "re.Match[str] | None":
    where = " ".join(v for v in (ref.container_title, ref.publisher) if v)
    return SERVER_RE.search(where) or SERVER_DOI_RE.search(ref.DOI or "")


def _file_preprint(ref: Reference, m: "re.Match[str]", text: str) -> Reference:
    """A preprint server's paper: CSL's ``article`` (Zotero's preprint), the server as publisher (its repository)."""
    low = (m.group(0) + " " + (ref.container_title or "") + " " + (ref.DOI or "")).lower()
    server = next((name for key, name in SERVERS if key in low), None)
    if server is None and (ref.DOI or "").startswith("10.1101/"):
        server = "medRxiv" if "medrxiv" in text.lower() else "bioRxiv"
    return replace(ref, type="article", publisher=ref.publisher if ref.publisher and ref.publisher != ref.container_title
                   else server or ref.publisher)


EVIDENCE: tuple[Evidence, ...] = (
    Evidence("thesis", _find_thesis, _file_thesis, over_journal=False),
    Evidence("standard", _find_standard, _file_standard),
    Evidence("report", _find_report, _file_report),
    Evidence("dataset", _find_dataset, _file_dataset),
    Evidence("software", _find_software, _file_program),
    Evidence("manuscript", _find_manuscript, _file_manuscript),
    Evidence("article", _find_preprint, _file_preprint),
)


def read_kind(ref: Reference, text: str) -> Reference:
    """``ref`` typed and filed by the first kind its printed string ``text`` gives evidence of; unchanged when it
    gives none, or when it reads as a journal article and the evidence may not re-type one."""
    if not ref.parsed or ref.type in ("article", "patent", "legislation", "legal_case"):
        return ref
    text = LINK_RE.sub(" ", text)  # "…/rapport-developpement-durable/rdd_2014.pdf" says nothing of the kind
    for ev in EVIDENCE:
        if _journal(ref) and not ev.over_journal:
            continue
        m = ev.find(text, ref)
        if m is not None:
            return ev.file(ref, m, text)
    return ref


__all__ = ["EVIDENCE", "Evidence", "read_kind"]
