"""Deduplication: one entry per work, across documents and existing libraries, with no false merge.

1. Every reference gets a compact :class:`Fingerprint` (normalised DOI, PMID, title, first author, year,
   volume, first page, journal, part and notice markers).
2. Cheap blocking keys (DOI, PMID, first author + year, title prefix, volume + page, exact title) bring
   together the pairs worth comparing; a block that grows too large is skipped, so cost stays near-linear.
3. Each pair is decided by :func:`decide`: vetoes first (different DOIs, years more than one apart — any
   difference for conference papers —, volume, issue, first page, Part I/II, erratum vs original,
   different venues), then positive rules, each with a name that goes into the report.
4. Union-find joins the duplicates, refusing any union that would put two different DOIs in one cluster.
5. Each cluster becomes one reference with the richest consistent fields and every source kept.
"""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rapidfuzz import fuzz

from acuref.model import Reference, Status
from acuref.normalize.identifiers import doi_key
from acuref.normalize.text import fold
from acuref.resolve.match import journals_alike

MAX_BLOCK = 200
TITLE_SAME = 0.95
TITLE_CLOSE = 0.90
TITLE_POSSIBLE = 0.85
_STATUS_RANK = {Status.VERIFIED: 6, Status.MATCHED: 5, Status.CORRECTED: 5, Status.NOT_FOUND: 3, Status.AMBIGUOUS: 2, Status.SUSPECT: 1, Status.FAILED: 1,
                Status.NOT_ATTEMPTED: 0}
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


@dataclass(frozen=True, slots=True)
class Decision:
    duplicate: bool
    rule: str
    score: float


def _title_sim(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    short, long_ = sorted((a, b), key=len)
    if short.count(" ") >= 5 and long_.startswith(short + " "):
        return 0.96  # one database cut the title, or added a group author or translation after it
    # Words split by line-end hyphenation or PDF spacing ("ef ficient") compare equal without spaces.
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b), fuzz.ratio(a.replace(" ", ""), b.replace(" ", ""))) / 100


def _same_name(a: str, b: str) -> bool:
    if a == b or fuzz.ratio(a, b) >= 85:
        return True
    if "?" in a or "?" in b:
        pattern, other = (a, b) if "?" in a else (b, a)
        return bool(re.fullmatch(re.escape(pattern).replace(r"\?", ".{1,2}"), other))
    return False


def _authors_compatible(a: Fingerprint, b: Fingerprint) -> bool | None:
    """True when the first authors agree, False when they contradict, None when one side has none."""
    if not a.first_author or not b.first_author:
        return None
    if _same_name(a.first_author, b.first_author):
        return True
    if a.first_author in b.first_tokens or b.first_author in a.first_tokens:
        return True  # family and given swapped on one side
    # A first author listed as another author on the other side (reordered or garbled lists) is no contradiction.
    return bool(a.first_author in b.authors and b.first_author in a.authors)


def veto(a: Fingerprint, b: Fingerprint) -> str | None:
    """The reason two references cannot be one work, or None."""
    if a.doi_any and b.doi_any and a.doi_any != b.doi_any and a.doi and b.doi:
        return "different DOIs"
    if a.pmid and b.pmid and a.pmid != b.pmid:
        return "different PMIDs"
    if a.year and b.year:
        gap = abs(a.year - b.year)
        if gap > 1 or (gap == 1 and (a.conference or b.conference)):
            return "different years"
    if a.volume and b.volume and a.volume != b.volume:
        return "different volumes"
    if a.issue and b.issue and a.issue != b.issue and len(a.issue) <= 3 and len(b.issue) <= 3 \
            and a.issue.isdigit() and b.issue.isdigit():
        return "different issues"
    if a.page and b.page and not _same_locator(a.page, b.page) and not (a.provisional_pages or b.provisional_pages):
        return "different pages"
    if (a.part or b.part) and a.part != b.part:
        return "different parts"
    if (a.notice or b.notice) and a.notice != b.notice:
        return "notice vs original"
    numbers_agree = bool(a.volume and a.volume == b.volume and a.page and a.page == b.page)
    if a.journal and b.journal and not numbers_agree and not _venues_compatible(a.journal, b.journal):
        return "different venues"  # unless volume and page agree: journals are also transliterated or renamed
    return None


def _same_locator(a: str, b: str) -> bool:
    """``63`` = ``P63`` = ``S63``: a letter on one side only (poster, supplement) does not make another page."""
    if a == b:
        return True
    da, db = a.lstrip("abcdefghijklmnopqrstuvwxyz"), b.lstrip("abcdefghijklmnopqrstuvwxyz")
    return da == db and (da == a or db == b)


_PROCEEDINGS_RE = re.compile(r"\b(?:proc|proceedings|conference|conf|symposium|sympos|symp|workshop|congress|meeting)\b")


def venue_match(a: Fingerprint, b: Fingerprint) -> bool:
    return _venues_compatible(a.journal, b.journal)


def _venues_compatible(a: str, b: str) -> bool:
    if a == b or a.startswith(b + " ") or b.startswith(a + " "):
        return True  # "microcirculation" vs "microcirculation conference …"
    if _PROCEEDINGS_RE.search(a) and _PROCEEDINGS_RE.search(b):
        return True  # "proc. stoc-93" and "25th annual acm symposium on theory of computing": too varied to tell apart
    return journals_alike(a, b)


def decide(a: Fingerprint, b: Fingerprint) -> Decision | None:
    """Duplicate (with the rule that fired), possible duplicate, or None for different works."""
    sim = _title_sim(a.title, b.title)
    authors = _authors_compatible(a, b)
    if a.doi and a.doi == b.doi:
        # One DOI: versions and database exports of one work differ in issue, pages or volume formatting, so
        # only what tells works apart counts here. Supplement-level DOIs are shared by different abstracts:
        # the title and the first author must agree too.
        pages_differ = bool(a.page and b.page and a.page != b.page and not (a.provisional_pages or b.provisional_pages))
        if authors is not False and (not a.title or not b.title or sim >= 0.80) and not pages_differ \
                and not (a.year and b.year and abs(a.year - b.year) > 1) and a.part == b.part and a.notice == b.notice:
            return Decision(True, "same DOI", max(sim, 0.9))
        return None
    if a.cochrane and a.cochrane == b.cochrane and authors is not False and (not a.title or not b.title or sim >= 0.8):
        return Decision(True, "same Cochrane review", max(sim, 0.9))  # updates of one review across the years
    why_not = veto(a, b)
    if why_not or authors is False:
        return None
    same_year = a.year is not None and a.year == b.year
    year_ok = a.year is None or b.year is None or abs(a.year - b.year) <= 1
    numbers = bool(a.volume and a.volume == b.volume and a.page and a.page == b.page)
    venue = bool(a.journal and b.journal)
    if a.pmid and a.pmid == b.pmid:
        if not a.title or not b.title or sim >= 0.80:
            return Decision(True, "same PMID", max(sim, 0.9))
        return None
    if a.title and b.title:
        if sim >= TITLE_SAME and year_ok and (same_year or venue or numbers) and (authors or numbers or same_year):
            if not same_year and not (venue or numbers or (a.doi_any and a.doi_any == b.doi_any)):
                return Decision(False, "same title, years one apart, venue unknown", sim)
            return Decision(True, "title + first author + year" if authors else "title + year", sim)
        if sim >= TITLE_CLOSE and numbers and year_ok:
            return Decision(True, "title + volume + page", sim)
        if numbers and same_year and authors and a.page_range and a.page_range == b.page_range \
                and not (a.journal and b.journal and not venue_match(a, b)):
            # The same first author, year, volume and page range: one article, its title printed in two
            # languages ("[Community-acquired …]" and "Estudio multicéntrico …"). Single pages are excluded:
            # one author's conference abstracts share them.
            return Decision(True, "first author + year + volume + page", 0.9)
        if sim >= TITLE_POSSIBLE and year_ok:
            return Decision(False, "similar title", sim)
        return None
    # A partial citation (no title on one side): the numbers must carry it.
    if numbers and same_year and venue and authors is not False:
        return Decision(True, "journal + year + volume + page", 0.9)
    return None


@dataclass(frozen=True, slots=True)
class MergeStep:
    """One member of a merged entry: its index in the input and the rule that attached it."""

    member: int
    rule: str
    score: float


@dataclass(frozen=True, slots=True)
class PossibleDuplicate:
    """Two output entries that look alike but were not merged (``a``, ``b`` are output indexes)."""

    a: int
    b: int
    rule: str
    score: float


@dataclass(frozen=True, slots=True)
class DedupeReport:
    """Why references were merged (output index → its members, in source order), and close pairs left apart."""

    merged_from: dict[int, tuple[MergeStep, ...]] = field(default_factory=dict)
    possible: tuple[PossibleDuplicate, ...] = ()


class _Clusters:
    """Union-find that keeps the set of DOIs in each cluster and refuses to mix two of them."""

    def __init__(self, fps: Sequence[Fingerprint]):
        self.parent = list(range(len(fps)))
        self.dois: dict[int, str] = {fp.index: fp.doi_any for fp in fps if fp.doi_any and fp.doi}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        di, dj = self.dois.get(ri), self.dois.get(rj)
        if di and dj and di != dj:
            return False  # chaining would put two different DOIs in one cluster
        self.parent[rj] = ri
        if dj and not di:
            self.dois[ri] = dj
        return True


_RULE_STRENGTH = {"same DOI": 0, "same PMID": 1, "same Cochrane review": 1, "title + volume + page": 2,
                  "title + first author + year": 3, "first author + year + volume + page": 4,
                  "journal + year + volume + page": 4, "title + year": 5}


def find_duplicates(refs: Sequence[Reference], *, pause_gc: bool = False
                    ) -> tuple[list[list[int]], dict[int, tuple[int, str, float]], list[tuple[int, int, str, float]]]:
    """Clusters of indexes (in first-seen order), the rule that attached each member, and possible pairs."""
    with _collector_paused(pause_gc):
        return _find_duplicates(refs)


@contextmanager
def _collector_paused(pause: bool) -> Iterator[None]:
    """Millions of small, acyclic allocations: the cyclic collector would rescan the whole heap again and again.

    Opt-in (``Settings.pause_gc``, ``--fast-gc``): the collector is the whole process's, not the library's to stop.
    """
    collecting = gc.isenabled()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _find_duplicates(refs: Sequence[Reference]) -> tuple[list[list[int]], dict[int, tuple[int, str, float]],
                                                          list[tuple[int, int, str, float]]]:
    fps = [fingerprint(i, r) for i, r in enumerate(refs)]
    n = len(fps)
    # Keys are kept as their hashes and pairs as single integers: a million references make millions of
    # both, and a rare hash collision only costs one more comparison.
    blocks: dict[int, list[int]] = defaultdict(list)
    for fp in fps:
        for key in blocking_keys(fp):
            blocks[hash(key)].append(fp.index)
    edges: list[tuple[int, int, int, str, float]] = []
    possible: dict[tuple[int, int], tuple[str, float]] = {}
    seen: set[int] = set()
    for members in blocks.values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                pair = i * n + j
                if i == j or pair in seen:
                    continue
                seen.add(pair)
                d = decide(fps[i], fps[j])
                if d is None:
                    continue
                if d.duplicate:
                    edges.append((_RULE_STRENGTH.get(d.rule, 9), i, j, d.rule, d.score))
                else:
                    possible[(i, j)] = (d.rule, d.score)
    clusters = _Clusters(fps)
    attached: dict[int, tuple[int, str, float]] = {}
    for _, i, j, rule, score in sorted(edges):
        if clusters.union(i, j):
            attached.setdefault(j, (i, rule, score))
    groups: dict[int, list[int]] = defaultdict(list)
    for fp in fps:
        groups[clusters.find(fp.index)].append(fp.index)
    ordered = sorted(groups.values(), key=lambda g: g[0])
    left_apart = [(i, j, r, s) for (i, j), (r, s) in possible.items() if clusters.find(i) != clusters.find(j)]
    return ordered, attached, left_apart


def merge(members: Sequence[Reference]) -> Reference:
    """One reference from a cluster: the best-resolved member first, gaps filled from the others."""
    ranked = sorted(members, key=lambda r: (-_STATUS_RANK.get(r.resolution.status if r.resolution else "", 0),
                                            -r.confidence))
    best = ranked[0]
    fields: dict[str, object] = {}
    for name in ("title", "container_title", "container_title_short", "volume", "issue", "publisher",
                 "publisher_place", "DOI", "PMID", "PMCID", "URL", "ISBN", "ISSN", "language", "edition"):
        value = getattr(best, name)
        for other in ranked[1:]:
            if not value:
                value = getattr(other, name)
        fields[name] = value
    title_candidates = [r.title for r in ranked if r.title]
    if title_candidates and best.title and any(t != best.title and t.startswith(best.title.rstrip(".")) for t in title_candidates):
        fields["title"] = max(title_candidates, key=len)  # a truncated title yields to its full form
    container = [r.container_title for r in ranked if r.container_title]
    if container:
        full = max(container, key=len)
        if full != fields["container_title"]:
            fields["container_title_short"] = fields["container_title_short"] or fields["container_title"]
            fields["container_title"] = full
    pages = [r for r in ranked if r.page and "-" in r.page]
    fields["page"] = (pages[0].page if pages else best.page or next((r.page for r in ranked if r.page), None))
    fields["number"] = best.number or next((r.number for r in ranked if r.number), None)
    authors = [r for r in ranked if r.author and not r.author_truncated]
    with_authors = authors[0] if authors else max(ranked, key=lambda r: len(r.author))
    fields["author"] = with_authors.author
    fields["author_truncated"] = with_authors.author_truncated
    dates = [r.issued for r in ranked if r.issued]
    issued = best.issued or (dates[0] if dates else None)
    if issued:
        fuller = [d for d in dates if d.year == issued.year and len(d.parts()) > len(issued.parts())]
        issued = fuller[0] if fuller else issued
    fields["issued"] = issued
    sources = tuple(s for r in members for s in r.sources)
    return replace(best, sources=sources, **fields)  # type: ignore[arg-type]


def deduplicate(refs: Sequence[Reference], *, pause_gc: bool = False) -> tuple[list[Reference], DedupeReport]:
    """One reference per work, in the order works were first cited, and the report of what was merged."""
    with _collector_paused(pause_gc):
        return _deduplicate(refs)


def _deduplicate(refs: Sequence[Reference]) -> tuple[list[Reference], DedupeReport]:
    clusters, attached, left_apart = _find_duplicates(refs)
    out: list[Reference] = []
    merged_from: dict[int, tuple[MergeStep, ...]] = {}
    position: dict[int, int] = {}
    for group in clusters:
        for i in group:
            position[i] = len(out)
        if len(group) > 1:
            merged_from[len(out)] = tuple(
                MergeStep(i, *attached[i][1:]) if i in attached else MergeStep(i, "first cited", 1.0) for i in group)
            out.append(merge([refs[i] for i in group]))
        else:
            out.append(refs[group[0]])
    possible = tuple(sorted({PossibleDuplicate(*sorted((position[i], position[j])), rule, round(score, 3))
                             for i, j, rule, score in left_apart if position[i] != position[j]},
                            key=lambda p: (p.a, p.b)))
    return out, DedupeReport(merged_from, possible)

