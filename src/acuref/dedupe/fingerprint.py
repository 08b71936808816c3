"""Per record: the normalised fields deduplication compares (a Fingerprint) and the blocking keys that say which records are compared at all."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from acuref.model import Reference, Status, pickled_by_init
from acuref.normalize.identifiers import doi_key
from acuref.normalize.text import fold

MAX_BLOCK = 200


_STOP = frozenset("a an and the of in on for to with by from at as or is are its their into".split())


_NOTICE_RE = re.compile(
    r"^(?:erratum|errata|corrigendum|corrigenda|correction|retraction|retracted|notice of retraction|"
    r"expression of concern|comment on|comments on|commentary on|reply|response to|author reply|in reply|letter)\b"
    r"|\((?:retracted article|erratum|correction)\)|\b(?:erratum|corrigendum) (?:to|for|in)\b"
)


_PART_RE = re.compile(r"\b(?:part|deel|teil|partie)\s+([ivx]+|\d+|one|two|three|four)\b|\b(ii|iii|iv|vi|vii|viii|ix)\s*$")


# Notes databases append to titles: "[Erratum appears in Chest 1993;103:1640]", "<ORIGINAL> …" (a translation).
_TITLE_NOTE_RE = re.compile(r"\s*(?:\[(?:erratum|comment|retraction|corrected|published erratum)[^\]]*\]|<original>.*)$",
                            re.IGNORECASE)


_COCHRANE_VERSION_RE = re.compile(r"(\.cd\d+)\.pub\d+$")


# A fragment left by a broken export ("2)", "A)"), not a volume.
_BROKEN_NUMBER_RE = re.compile(r"^\s*[A-Za-z0-9]{1,3}\)\s*$")


_UNKNOWN = frozenset({"unknown", "na", "n a", "none", "null", "untitled", "no title"})


@lru_cache(maxsize=65536)
def _fold_cached(text: str) -> str:
    return fold(text)


def _lead_number(value: str | None) -> str | None:
    """``33 Suppl 1`` → ``33``; ``4 (1) (no pagination)`` → ``4``; ``0041`` → ``41``; ``Cd002273`` → ``cd2273``."""
    if not value or _BROKEN_NUMBER_RE.match(value):
        return None
    m = re.match(r"\W*(?:[eE](?=0*\d{4,}))?([A-Za-z]{0,3})0*(\d+)", value)
    if not m:
        v = fold(value)
        return v or None
    return (m.group(1).lower() + m.group(2)) if m.group(1) else m.group(2)


@pickled_by_init  # shuffled between processes by the hundred thousand
@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What deduplication compares, computed once per reference."""

    index: int
    doi: str | None  # a merge key: printed/verified, or found with high confidence
    doi_any: str | None  # any DOI, for the different-DOI veto
    pmid: str | None
    title: str
    part: str | None
    notice: str | None
    first_author: str
    first_tokens: frozenset[str]  # every word of the first author's name: "Omulo Sylvia" read either way
    authors: frozenset[str]
    year: int | None
    volume: str | None
    issue: str | None
    page: str | None
    provisional_pages: bool  # online-first "1-17" pagination: not a contradiction
    cochrane: str | None  # "cd006828": a Cochrane review's number, the same through its updates
    page_range: str | None  # "397-403": a multi-page article (abstracts share single pages)
    journal: str
    conference: bool


@lru_cache(maxsize=65536)
def _name_key(text: str) -> str:
    """Folded name in which ``?`` (a letter lost to a bad encoding, "Ta?a?aj") survives as a wildcard."""
    if "?" not in text:
        return fold(text)
    return fold(text.replace("?", "qqq")).replace("qqq", "?")


def fingerprint(i: int, ref: Reference) -> Fingerprint:
    title = fold(_TITLE_NOTE_RE.sub("", ref.title)) if ref.title else ""
    journal = _fold_cached(ref.container_title or ref.container_title_short or "")
    if title in _UNKNOWN or (title and title == journal):
        title = ""  # "UNKNOWN", or a title that only repeats the journal, says nothing
    res = ref.resolution
    doi_any = _doi_base(ref.DOI) if ref.DOI else None
    trusted = doi_any is not None and not (res and (res.status in (Status.SUSPECT, Status.AMBIGUOUS)
                                                    or (res.status in (Status.MATCHED, Status.CORRECTED) and (res.score or 0) < 0.9)))
    if doi_any and not re.fullmatch(r"10\.\d{4,9}/\S*[a-z0-9]\S*", doi_any):
        trusted = False  # a truncated DOI such as "10.17705/1cais." is no identity
    families = [_name_key(a.family or a.literal) for a in ref.author if (a.family or a.literal)]
    families = [f for f in families if f and f not in _UNKNOWN]
    part_m = _PART_RE.search(title) if title else None
    notice_m = _NOTICE_RE.search(title) if title else None
    page = _lead_number(ref.page_first or ref.number)
    return Fingerprint(
        index=i, doi=doi_any if trusted else None, doi_any=doi_any, pmid=ref.PMID or None, title=title,
        part=(part_m.group(1) or part_m.group(2)) if part_m else None,
        notice=notice_m.group(0).split()[0] if notice_m else None,
        first_author=families[0].split()[-1] if families else "",
        first_tokens=frozenset(" ".join(_name_key(x) for x in (ref.author[0].family, ref.author[0].given,
                                                                   ref.author[0].literal) if x).split())
        if ref.author else frozenset(),
        authors=frozenset(f.split()[-1] for f in families),
        year=ref.issued.year if ref.issued else None, volume=_lead_number(ref.volume),
        issue=_lead_number(ref.issue), page=page,
        provisional_pages=bool(page == "1" and not ref.volume), journal=journal,
        cochrane=_cochrane_id(ref),
        page_range=ref.page if ref.page and "-" in ref.page and ref.page_first != ref.page_last else None,
        conference=ref.type == "paper-conference",
    )


_COCHRANE_ID_RE = re.compile(r"\bcd0*(\d{5,6})\b", re.IGNORECASE)


def _cochrane_id(ref: Reference) -> str | None:
    for value in (ref.number, ref.page, ref.DOI):
        m = _COCHRANE_ID_RE.search(value or "")
        if m:
            return "cd" + m.group(1)
    return None


def _doi_base(doi: str) -> str:
    """Lower-cased DOI; Cochrane review versions (``.pub2``, ``.pub3``) are one work."""
    return _COCHRANE_VERSION_RE.sub(r"\1", doi_key(doi))


def blocking_keys(fp: Fingerprint) -> list[str]:
    keys = []
    if fp.doi:
        keys.append("d" + fp.doi)
    if fp.pmid:
        keys.append("p" + fp.pmid)
    words = [w for w in fp.title.split() if w not in _STOP]
    if len(words) >= 2:
        keys.append("t" + " ".join(words[:4]))
        keys.append("T" + fp.title.replace(" ", ""))
    # Author + year alone, or volume + page alone, collide quadratically in large corpora ("Wang 2015"):
    # each is paired with one more cheap field. Duplicates lost by one key are still found by the others.
    if fp.first_author and fp.year:
        keys.append(f"a{fp.first_author}|{fp.year}|{words[0] if words else ''}")
    if fp.volume and fp.page:
        keys.append(f"v{fp.volume}|{fp.page}|{fp.year or ''}")
    if fp.cochrane:
        keys.append("c" + fp.cochrane)
    return keys
