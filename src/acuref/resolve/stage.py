"""The resolve stage: verify printed DOIs, find missing ones, enrich from the record — never guess.

Every reference leaves with a :class:`~acuref.model.Resolution`. Printed DOIs are checked in batches;
references without one are searched with ``query.bibliographic`` and get a DOI only when a candidate
passes :func:`acuref.match.accepts` and no other candidate comes close. Network failures mark the
references concerned ``failed``; nothing parsed is lost.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import partial

from rapidfuzz.distance import Levenshtein

from acuref.errors import NetworkError
from acuref.model import Date, Offer, Reference, Resolution, Status, Warning_
from acuref.normalize.identifiers import doi_key
from acuref.resolve.backend import UNKNOWN_REGISTRAR, Candidate, Chain, Resolver
from acuref.resolve.crossref import CrossrefClient
from acuref.resolve.crossref_backend import CrossrefResolver
from acuref.resolve.match import Verdict, accepts, compare, journals_alike

AMBIGUOUS_MARGIN = 0.03  # two accepted candidates this close in score, with different DOIs: do not choose


def _searchable(ref: Reference) -> bool:
    return ref.parsed and bool(ref.title or (ref.container_title and ref.volume and (ref.page or ref.number)))


def query_for(ref: Reference) -> str:
    """The reference as printed when there is one, else its fields in citation order."""
    for src in ref.sources:
        if src.kind != "bibliography" and src.raw:
            return " ".join(src.raw.split())
    names = ", ".join(a.family or a.literal for a in ref.author[:3])
    parts = [names, ref.title, ref.container_title, str(ref.issued.year) if ref.issued else None, ref.volume,
             ref.issue, ref.page or ref.number]
    return ". ".join(p for p in parts if p)


UNSURE_PARSE = 0.85  # a model reading below this mean marginal probability is corrected from an accepted record


def enrich(ref: Reference, record: Reference) -> tuple[Reference, tuple[str, ...]]:
    """Fill what the document did not print; correct only where Crossref is clearly right."""
    changes: dict[str, object] = {}
    if record.DOI and (not ref.DOI or (ref.DOI != record.DOI and doi_key(ref.DOI) == doi_key(record.DOI))):
        changes["DOI"] = record.DOI  # a found DOI, or the registered case of a printed one
    # A reading the model itself was unsure of yields to the record Crossref's validation accepted: its
    # title and journal are where an unsure reading most often errs (a title run into the journal).
    unsure = ref.parser == "model" and ref.confidence < UNSURE_PARSE
    if record.title and (not ref.title or (unsure and ref.title != record.title)):
        changes["title"] = record.title
    if unsure and record.container_title and ref.container_title and ref.container_title != record.container_title \
            and not journals_alike(ref.container_title, record.container_title):
        changes["container_title"] = record.container_title
        changes["container_title_short"] = record.container_title_short
    if record.container_title and "container_title" not in changes:
        if not ref.container_title:
            changes["container_title"] = record.container_title
        elif ref.container_title_short or (len(record.container_title) > len(ref.container_title)
                                           and journals_alike(ref.container_title, record.container_title)):
            if ref.container_title != record.container_title:
                changes["container_title"] = record.container_title
                changes["container_title_short"] = ref.container_title_short or ref.container_title
    if not ref.container_title_short and record.container_title_short and "container_title_short" not in changes:
        changes["container_title_short"] = record.container_title_short
    if record.author and (not ref.author or (ref.author_truncated and len(record.author) > len(ref.author))):
        changes["author"] = record.author
        changes["author_truncated"] = False
    for field in ("volume", "issue", "publisher", "ISSN", "PMID", "PMCID"):
        if not getattr(ref, field) and getattr(record, field):
            changes[field] = getattr(record, field)
    if not ref.page and not ref.number:
        if record.page:
            changes["page"] = record.page
        elif record.number:
            changes["number"] = record.number
    if record.issued and (not ref.issued or (ref.issued.year == record.issued.year and not ref.issued.month
                                              and record.issued.month)):
        changes["issued"] = record.issued if ref.issued is None else Date(ref.issued.year, record.issued.month,
                                                                          record.issued.day)
    fields = tuple(sorted(k for k in changes if k != "author_truncated"))
    return (replace(ref, **changes) if changes else ref), fields  # type: ignore[arg-type]


def _verify(ref: Reference, found: Candidate | None, agency: str | None, backend: str) -> Reference:
    printed = ref.DOI
    if found is None:
        if agency == UNKNOWN_REGISTRAR:
            res = Resolution(Status.NOT_FOUND, printed_doi=printed,
                             message=f"not in the {backend} index; kept as printed, unverified")
        elif agency == backend:
            res = Resolution(Status.NOT_FOUND, printed_doi=printed,
                             message=f"{backend.capitalize()} registered this DOI but returned no record; kept as printed")
        elif agency:
            res = Resolution(Status.NOT_FOUND, printed_doi=printed,
                             message=f"DOI registered with {agency}, not in {backend.capitalize()}; kept as printed")
        else:
            res = Resolution(Status.SUSPECT, printed_doi=printed, message="printed DOI is not registered (typo?)")
        return replace(ref, resolution=res)
    record = found.record
    verdict = compare(ref, record)
    message = ""
    if verdict.vetoed:
        if not _slip(verdict) or _is_notice(ref, found):
            res = Resolution(Status.SUSPECT, score=verdict.score, doi=record.DOI, printed_doi=printed,
                             message="the printed DOI's record disagrees on " + ", ".join(verdict.contradictions),
                             contradicts=verdict.contradictions)
            return replace(ref, resolution=res)
        message = (f"the record differs on {verdict.contradictions[0]}; the printed DOI stands on "
                   + ", ".join(verdict.agreements))
    enriched, fields = enrich(ref, record)
    return replace(enriched, resolution=Resolution(Status.VERIFIED, score=verdict.score, doi=record.DOI,
                                                   printed_doi=printed, record_fields=fields, message=message,
                                                   evidence=verdict.agreements, notices=found.notices,
                                                   backend=backend))


def _slip(verdict: Verdict) -> bool:
    """One differing field where the title and two more agree: a slip in the citation's numbers or in reading
    its author list, not another work. Only a printed DOI gets this allowance; a search hit never does."""
    agreed = set(verdict.agreements)
    return len(verdict.contradictions) == 1 and "title" in agreed \
        and len(agreed & {"author", "year", "volume", "page", "journal"}) >= 2


def _is_notice(ref: Reference, found: Candidate) -> bool:
    """A correction or retraction notice found for a reference that does not cite one: never its DOI."""
    return bool(found.notice_of) and not _NOTICE_TITLE_RE.match(ref.title or "")


_NOTICE_TITLE_RE = re.compile(r"\W*(?:retract|correct|errat|corrigend|withdraw|expression of concern|notice)",
                              re.IGNORECASE)


def _choose(ref: Reference, items: list[Candidate], exclude: str | None = None,
            backend: str | None = None) -> tuple[Reference, tuple[str, ...]]:
    """The one candidate that passes validation with no close rival, enriched; or the reason there is none."""
    judged = []
    weighed: list[Offer] = []
    for item in items:
        record = item.record
        if exclude and doi_key(record.DOI or "") == exclude:
            continue  # the printed DOI's own record, already found wanting
        verdict = compare(ref, record)
        if record.DOI and len(weighed) < OFFERED:
            weighed.append(offer(record, verdict))
        if record.DOI and accepts(ref, verdict) and not _is_notice(ref, item):
            judged.append((verdict.score, item.score, record, verdict, item))
    if not judged:
        return replace(ref, resolution=Resolution(Status.NOT_FOUND, message=f"{len(items)} candidates, none agrees",
                                                  offered=tuple(weighed))), ()
    judged.sort(key=lambda t: (t[0], t[1]), reverse=True)
    best_score, _, best, verdict, chosen = judged[0]
    rivals = [r for s, _, r, _, _ in judged[1:]
              if best_score - s <= AMBIGUOUS_MARGIN and doi_key(r.DOI or "") != doi_key(best.DOI or "")]
    if rivals:
        return replace(ref, resolution=Resolution(Status.AMBIGUOUS, score=best_score,
                                                  candidates=tuple(r.DOI or "" for r in [best, *rivals]),
                                                  message="close candidates with different DOIs",
                                                  offered=tuple(weighed))), ()
    enriched, fields = enrich(ref, best)
    return replace(enriched, resolution=Resolution(Status.MATCHED, score=best_score, doi=best.DOI, record_fields=fields,
                                                   evidence=verdict.agreements,
                                                   notices=chosen.notices, backend=backend)), verdict.agreements


OFFERED = 5  # records weighed that a not found, ambiguous or suspect reference shows a curator, best first


def offer(record: Reference, verdict: Verdict) -> Offer:
    """A weighed record as the review page and the report show it."""
    first = record.author[0] if record.author else None
    return Offer(record.DOI or "", record.title, record.container_title_short or record.container_title,
                 (first.family or first.literal) if first else None, record.issued.year if record.issued else None,
                 record.volume, record.page or record.number, round(verdict.score, 3), verdict.agreements,
                 verdict.contradictions)


def _match(ref: Reference, items: list[Candidate], backend: str | None = None) -> Reference:
    return _choose(ref, items, backend=backend)[0]


def _recover(ref: Reference, items: list[Candidate], keep_suspect_doi: bool, backend: str | None = None) -> Reference:
    """A suspect printed DOI: the record a search finds and validates becomes the DOI (``corrected``);
    otherwise the reference leaves without a DOI, the printed one kept in its resolution for the notes."""
    res = ref.resolution
    assert res is not None and res.printed_doi
    printed = res.printed_doi
    found, agreements = _choose(replace(ref, DOI=None, resolution=None), items, exclude=doi_key(printed), backend=backend)
    got = found.resolution
    if got is not None and got.status == Status.MATCHED and got.doi:
        apart = Levenshtein.distance(doi_key(printed), doi_key(got.doi))
        why = "has a record that disagrees on " + ", ".join(res.contradicts) if res.contradicts else "is not registered"
        message = (f"printed DOI {printed} {why}; a {(backend or 'crossref').capitalize()} search found {got.doi}, "
                   "which agrees on "
                   + ", ".join(agreements) + (f" ({apart} character{'s' if apart > 1 else ''} from the printed DOI)"
                                              if apart <= 3 else ""))
        return replace(found, resolution=replace(got, status=Status.CORRECTED, printed_doi=printed, message=message,
                                                 contradicts=res.contradicts))
    outcome = "no other record agrees" if got is None or got.status == Status.NOT_FOUND else \
        "close candidates: " + ", ".join(got.candidates)
    held = replace(res, message=f"{res.message}; {outcome}", candidates=got.candidates if got else (),
                   offered=got.offered if got else ())
    return replace(ref, DOI=ref.DOI if keep_suspect_doi else None, resolution=held)


def as_resolver(source: Resolver | CrossrefClient) -> Resolver:
    """A backend as given, or the Crossref backend around a Crossref client."""
    return CrossrefResolver(source) if isinstance(source, CrossrefClient) else source


def _failed(ref: Reference, err: Exception, backend: str) -> Reference:
    """A reference the resolver could not be asked about, naming that resolver (its error says why)."""
    return replace(ref, resolution=Resolution(Status.FAILED, printed_doi=ref.DOI, message=str(err), backend=backend))


class _Run:
    """One resolve call's shared state: the batch answers and the registrars asked, one lookup per DOI."""

    def __init__(self, resolver: Resolver, keep_suspect_doi: bool):
        self.resolver = resolver
        self.keep = keep_suspect_doi
        self.found: dict[str, Candidate | None] = {}
        self.registrars: dict[str, str | None] = {}
        self.locks: dict[str, threading.Lock] = {}

    def candidates(self, ref: Reference) -> list[Candidate]:
        """A backend that matches on parsed fields (``find``) gets the reference; the others its text."""
        find = getattr(self.resolver, "find", None)
        return find(ref) if find is not None else self.resolver.search(query_for(ref))

    def _settle(self, ref: Reference) -> Reference:
        if ref.resolution is None or ref.resolution.status != Status.SUSPECT:
            return ref
        items = self.candidates(replace(ref, DOI=None)) if _searchable(replace(ref, DOI=None)) else []
        return _recover(ref, items, self.keep, self.resolver.name)

    def _second_look(self, ref: Reference) -> Reference:
        """A printed DOI a snapshot lacks may be a typo: a search that finds and validates another work's record
        corrects it; otherwise it stays as printed, unverified (``not found``), for the next resolver."""
        bare = replace(ref, DOI=None, resolution=None)
        if not _searchable(bare):
            return ref
        found, agreements = _choose(bare, self.candidates(bare), backend=self.resolver.name)
        got = found.resolution
        printed = ref.DOI or ""
        if got is None or got.status != Status.MATCHED or not got.doi or doi_key(got.doi) == doi_key(printed):
            return ref
        message = (f"printed DOI {printed} is not in the {self.resolver.name} index; a search there found {got.doi}, "
                   "which agrees on " + ", ".join(agreements))
        return replace(found, resolution=replace(got, status=Status.CORRECTED, printed_doi=printed, message=message))

    def check(self, ref: Reference) -> Reference:
        """A printed DOI: its record, or who registered it; a suspect one is searched for."""
        key = doi_key(ref.DOI or "")
        name = self.resolver.name
        try:
            registrar = None
            if self.found.get(key) is None:
                with self.locks.setdefault(key, threading.Lock()):  # atomic: one lock, one lookup per DOI
                    if key not in self.registrars:
                        self.registrars[key] = self.resolver.registrar(key)
                        if self.registrars[key] == name:  # registered here yet missing from the batch: ask alone
                            self.found[key] = self.resolver.record(key)
                registrar = self.registrars[key]
            verified = _verify(ref, self.found.get(key), registrar, name)
            if registrar == UNKNOWN_REGISTRAR and self.found.get(key) is None:
                return self._second_look(verified)
            return self._settle(verified)
        except NetworkError as err:
            return _failed(ref, err, name)

    def search(self, ref: Reference) -> Reference:
        """No printed DOI: search, validate, choose."""
        try:
            return _match(ref, self.candidates(ref), self.resolver.name)
        except NetworkError as err:
            return _failed(ref, err, self.resolver.name)


def resolve(refs: Sequence[Reference], source: Resolver | CrossrefClient | Chain, *,
            progress: Callable[[int], None] | None = None,
            keep_suspect_doi: bool = False) -> tuple[list[Reference], list[Warning_]]:
    """Resolve every reference; the result keeps the input order and length.

    A printed DOI that is unregistered or whose record contradicts the reference is searched for like a
    missing one; unless ``keep_suspect_doi``, one that stays suspect leaves without its DOI. A :class:`Chain`
    asks its resolvers in turn, each with what the ones before it left ``not found``.
    """
    result = _resolve_chain(refs, source, progress, keep_suspect_doi) if isinstance(source, Chain) else \
        _resolve_one(refs, as_resolver(source), progress, keep_suspect_doi)
    return result, resolution_warnings(result) + _said(source if isinstance(source, Chain) else as_resolver(source))


def _resolve_one(refs: Sequence[Reference], resolver: Resolver, progress: Callable[[int], None] | None,
                 keep_suspect_doi: bool) -> list[Reference]:
    """One backend's answers for every reference, in order."""
    run = _Run(resolver, keep_suspect_doi)
    out: list[Reference | None] = [None] * len(refs)
    step = progress or (lambda n: None)
    with_doi, to_search = [], []
    for i, r in enumerate(refs):
        if r.DOI:
            with_doi.append(i)
        elif _searchable(r):
            to_search.append(i)
        else:
            out[i] = replace(r, resolution=Resolution(Status.NOT_ATTEMPTED, message="too little was parsed to search"))
            step(1)
    try:  # printed DOIs, many per request
        run.found = resolver.records([refs[i].DOI or "" for i in with_doi])
    except NetworkError as err:
        for i in with_doi:
            out[i] = _failed(refs[i], err, resolver.name)
            step(1)
        with_doi = []
    prepare = getattr(resolver, "prepare", None)
    if prepare is not None and to_search:
        try:  # a batch source (PubMed's ECitMatch) is asked for every search at once
            prepare([refs[i] for i in to_search])
        except NetworkError as err:
            for i in to_search:
                out[i] = _failed(refs[i], err, resolver.name)
                step(1)
            to_search = []
    # One pool for both, so single-record lookups run while searches wait for the list route's turn; the
    # limiter, not the pool, holds requests in flight to the allowed concurrency.
    tasks = [partial(run.check, refs[i]) for i in with_doi] + [partial(run.search, refs[i]) for i in to_search]
    with ThreadPoolExecutor(max_workers=2 * max(1, resolver.concurrency) + 1) as pool:
        for i, ref in zip(with_doi + to_search, pool.map(lambda task: task(), tasks)):
            out[i] = ref
            step(1)
    return [r for r in out if r is not None]


def _said(source: Resolver | Chain) -> list[Warning_]:
    """A backend's own warnings of the run (its cache's), each said once."""
    if isinstance(source, Chain):
        return [w for r in source.resolvers for w in _said(as_resolver(r))]
    notes = getattr(source, "notes", None)
    return notes() if notes is not None else []


def _resolve_chain(refs: Sequence[Reference], chain: Chain, progress: Callable[[int], None] | None,
                   keep_suspect_doi: bool) -> list[Reference]:
    first, *rest = chain.resolvers
    out = _resolve_one(refs, as_resolver(first), progress, keep_suspect_doi)
    if rest:
        left = [i for i, r in enumerate(out) if r.resolution is not None and r.resolution.status == Status.NOT_FOUND]
        if left:
            nxt = rest[0] if len(rest) == 1 else Chain(tuple(rest))
            again = _resolve_chain([refs[i] for i in left], nxt, None, keep_suspect_doi) \
                if isinstance(nxt, Chain) else _resolve_one([refs[i] for i in left], as_resolver(nxt), None,
                                                            keep_suspect_doi)
            for i, ref in zip(left, again):
                out[i] = ref
    return out


def resolution_warnings(result: list[Reference]) -> list[Warning_]:
    """One warning per reference a curator should look at (suspect, ambiguous, corrected)."""
    out = []
    for ref in result:
        res = ref.resolution
        if res and res.status in (Status.SUSPECT, Status.AMBIGUOUS, Status.CORRECTED):
            src = ref.sources[0] if ref.sources else None
            shown = ref.DOI or res.printed_doi
            out.append(Warning_(f"{res.status}: {res.message}" + (f" ({shown})" if shown and shown not in res.message else ""),
                                src.file if src else None, src.line if src else None))
    return out
