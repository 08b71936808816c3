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
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from acuref.dedupe.decide import decide
from acuref.dedupe.fingerprint import MAX_BLOCK, Fingerprint, blocking_keys, fingerprint
from acuref.model import Reference, Status, require_items

_STATUS_RANK = {Status.DECIDED: 7, Status.VERIFIED: 6, Status.MATCHED: 5, Status.CORRECTED: 5, Status.NOT_FOUND: 3, Status.AMBIGUOUS: 2, Status.SUSPECT: 1, Status.FAILED: 1,
                Status.NOT_ATTEMPTED: 0}


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


def merge_dois(fps: Sequence[Fingerprint]) -> dict[int, str]:
    """What the union-find needs of fingerprints besides their number: the DOI of each one that has a merge
    key DOI (a cluster sends these, not whole fingerprints)."""
    return {fp.index: fp.doi_any for fp in fps if fp.doi_any and fp.doi}


@dataclass(frozen=True, slots=True)
class Constraints:
    """A curator's word on pairs of references (by index): the same work whatever the rules say, or kept
    apart whatever they say (a decisions file's same-work and not-duplicate)."""

    together: tuple[tuple[int, int], ...] = ()
    apart: tuple[tuple[int, int], ...] = ()

    def members(self) -> set[int]:
        """The references a 'kept apart' names: any group holding one needs every pair to decide."""
        return {x for pair in self.apart for x in pair}


CURATOR_RULE = "a curator: same work"


class _Clusters:
    """Union-find that keeps the set of DOIs in each cluster and refuses to mix two of them, or two references
    a curator kept apart."""

    def __init__(self, count: int, dois: dict[int, str], apart: Sequence[tuple[int, int]] = ()):
        self.parent = list(range(count))
        self.dois = dict(dois)
        self.forbid: dict[int, set[int]] = defaultdict(set)  # root -> the members another cluster must not hold
        self.held: dict[int, set[int]] = defaultdict(set)  # root -> its members that some pair keeps apart
        for i, j in apart:
            self.forbid[i].add(j)
            self.forbid[j].add(i)
            self.held[i].add(i)
            self.held[j].add(j)

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
        if self.held and (self.held[ri] & self.forbid[rj] or self.held[rj] & self.forbid[ri]):
            return False  # a curator said these are not the same work
        self.parent[rj] = ri
        if dj and not di:
            self.dois[ri] = dj
        if rj in self.held:
            self.held[ri] |= self.held.pop(rj)
            self.forbid[ri] |= self.forbid.pop(rj, set())
        return True


_RULE_STRENGTH = {"same DOI": 0, "same PMID": 1, "same Cochrane review": 1, "title + volume + page": 2,
                  "title + first author + year": 3, "first author + year + volume + page": 4,
                  "journal + year + volume + page": 4, "title + year": 5}


class Attachment(NamedTuple):
    """How a member joined its cluster: the member it was paired with, by which rule, with what score."""

    to: int
    rule: str
    score: float


class ClosePair(NamedTuple):
    """Two records that look alike but were kept apart (listed for a curator)."""

    a: int
    b: int
    rule: str
    score: float


class Duplicates(NamedTuple):
    """What :func:`find_duplicates` found: clusters of indexes in first-seen order, how each member was
    attached, and the close pairs left apart."""

    clusters: list[list[int]]
    attached: dict[int, Attachment]
    possible: list[ClosePair]


def find_duplicates(refs: Sequence[Reference], *, pause_gc: bool = False,
                    constraints: Constraints = Constraints()) -> Duplicates:
    """Clusters of indexes (in first-seen order), the rule that attached each member, and possible pairs."""
    with collector_paused(pause_gc):
        return _find_duplicates(refs, constraints)


@contextmanager
def collector_paused(pause: bool) -> Iterator[None]:
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


Edge = tuple[int, int, int, str, float]  # (rule strength, i, j, rule, score): sorted, strongest evidence first
Close = tuple[int, int, str, float]  # (i, j, rule, score) of a pair that looked alike but was kept apart


def _find_duplicates(refs: Sequence[Reference], constraints: Constraints = Constraints()) -> Duplicates:
    fps = [fingerprint(i, r) for i, r in enumerate(refs)]
    n = len(fps)
    # Keys are kept as their hashes and pairs as single integers: a million references make millions of
    # both, and a rare hash collision only costs one more comparison.
    blocks: dict[int, list[int]] = defaultdict(list)
    for fp in fps:
        for key in blocking_keys(fp):
            blocks[hash(key)].append(fp.index)
    edges: list[Edge] = []
    possible: list[Close] = []
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
                _judge(fps[i], fps[j], edges, possible)
    return assemble(len(fps), merge_dois(fps), edges, possible, constraints)


def _judge(a: Fingerprint, b: Fingerprint, edges: list[Edge], possible: list[Close]) -> None:
    d = decide(a, b)
    if d is None:
        return
    if d.duplicate:
        edges.append((_RULE_STRENGTH.get(d.rule, 9), a.index, b.index, d.rule, d.score))
    else:
        possible.append((a.index, b.index, d.rule, d.score))


def decide_block(members: Sequence[Fingerprint], key: str | None = None,
                 keys_of: Callable[[Fingerprint], frozenset[str]] | None = None) -> tuple[list[Edge], list[Close]]:
    """Every pair of one block (the references that share one blocking key), decided: the per-block step a
    cluster runs after shuffling fingerprints by key. A block too large is skipped, as in one process.

    With ``key`` and ``keys_of`` (a fingerprint's keys whose blocks are not too large), a pair is decided only
    in the block of the least key the two share, so blocks decided apart decide each pair once, as one process
    does."""
    edges: list[Edge] = []
    possible: list[Close] = []
    if len(members) < 2 or len(members) > MAX_BLOCK:
        return edges, possible
    ordered = sorted(members, key=lambda fp: fp.index)
    for x in range(len(ordered)):
        a = ordered[x]
        mine = keys_of(a) if keys_of is not None else frozenset()
        for y in range(x + 1, len(ordered)):
            b = ordered[y]
            if a.index == b.index or (keys_of is not None and min(mine & keys_of(b)) != key):
                continue
            _judge(a, b, edges, possible)
    return edges, possible


def assemble(count: int, dois: dict[int, str], edges: Sequence[Edge], possible: Sequence[Close],
             constraints: Constraints = Constraints()) -> Duplicates:
    """Union-find over the decided pairs of ``count`` references (``dois``: :func:`merge_dois`), strongest
    evidence first: the same clusters whichever blocks (or workers) the pairs came from, and however often a
    pair was decided. A curator's same-work pairs come before every rule; their kept-apart pairs are never
    joined, through any chain, and are no longer listed as possible duplicates."""
    clusters = _Clusters(count, dois, constraints.apart)
    attached: dict[int, Attachment] = {}
    curated = [(-1, min(i, j), max(i, j), CURATOR_RULE, 1.0) for i, j in constraints.together if i != j]
    for _, i, j, rule, score in sorted({*edges, *curated}):
        if clusters.union(i, j):
            attached.setdefault(j, Attachment(i, rule, score))
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(count):
        groups[clusters.find(index)].append(index)
    ordered = sorted(groups.values(), key=lambda g: g[0])
    close = {(i, j): (r, sc) for i, j, r, sc in possible}
    decided = {frozenset(pair) for pair in constraints.apart}
    left_apart = [ClosePair(i, j, r, sc) for (i, j), (r, sc) in close.items()
                  if clusters.find(i) != clusters.find(j) and frozenset((i, j)) not in decided]
    return Duplicates(ordered, attached, left_apart)


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
    # The user's own entry, as their library holds it, is what goes back into that library.
    fields["origin"] = next((r.origin for r in members if r.origin is not None), None)
    fields["decided"] = tuple(dict.fromkeys(d for r in members for d in r.decided))
    return replace(best, sources=sources, **fields)  # type: ignore[arg-type]


def deduplicate(refs: Sequence[Reference], *, pause_gc: bool = False,
                constraints: Constraints = Constraints()) -> tuple[list[Reference], DedupeReport]:
    """One reference per work, in the order works were first cited, and the report of what was merged."""
    require_items("deduplicate", "refs", refs, Reference)
    refs = list(refs)
    with collector_paused(pause_gc):
        return _merged(refs, _find_duplicates(refs, constraints))


def _merged(refs: Sequence[Reference], found: Duplicates) -> tuple[list[Reference], DedupeReport]:
    return arrange(found, lambda i: refs[i], lambda _, group: merge([refs[i] for i in group]))


class _Forest:
    """Plain union-find over any integers, refusing nothing: which references ``edges`` connect."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def root(self, x: int) -> int:
        parent = self.parent
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    def join(self, i: int, j: int) -> bool:
        """Join the groups of ``i`` and ``j``; False if they were one already."""
        ri, rj = self.root(i), self.root(j)
        if ri != rj:
            self.parent[rj] = ri
        return ri != rj


def thin(edges: Iterable[Edge]) -> list[Edge]:
    """Fewer edges that :func:`assemble` turns into the same clusters and attachments wherever no group of
    connected references holds two different DOIs (there no union is refused): each member's least edge (the
    one it is attached by) and a spanning forest (which keeps every group connected)."""
    least: dict[int, Edge] = {}
    forest = _Forest()
    keep: set[Edge] = set()
    for edge in edges:
        j = edge[2]
        if j not in least or edge < least[j]:
            least[j] = edge
        if forest.join(edge[1], j):
            keep.add(edge)
    keep.update(least.values())
    return sorted(keep)


def mixed(dois: dict[int, str], edges: Iterable[Edge], kept_apart: set[int] | frozenset[int] = frozenset()) -> set[int]:
    """The members of every group of references connected by ``edges`` that holds two different DOIs (of
    :func:`merge_dois`) or a reference a curator kept apart from another: there the order in which
    :func:`assemble` refuses unions matters, so it needs every edge among them, not :func:`thin`'s."""
    forest = _Forest()
    nodes: set[int] = set()
    for _, i, j, _, _ in edges:
        forest.join(i, j)
        nodes.update((i, j))
    found: dict[int, set[str]] = defaultdict(set)
    members: dict[int, list[int]] = defaultdict(list)
    for x in nodes:
        r = forest.root(x)
        members[r].append(x)
        if x in dois:
            found[r].add(dois[x])
    held = {forest.root(x) for x in kept_apart if x in nodes}
    return {x for r, group in members.items() if len(found[r]) > 1 or r in held for x in group}


def arrange(found: Duplicates, single: Callable[[int], Reference],
            merged: Callable[[int, list[int]], Reference]) -> tuple[list[Reference], DedupeReport]:
    """The output references in the order works were first cited, and the report: ``single(i)`` gives a
    reference cited once, ``merged(k, group)`` the merge of the ``k``-th cluster (its members in index order),
    wherever the references are kept."""
    clusters, attached, left_apart = found
    out: list[Reference] = []
    merged_from: dict[int, tuple[MergeStep, ...]] = {}
    position: dict[int, int] = {}
    for k, group in enumerate(clusters):
        for i in group:
            position[i] = len(out)
        if len(group) > 1:
            merged_from[len(out)] = tuple(
                MergeStep(i, *attached[i][1:]) if i in attached else MergeStep(i, "first cited", 1.0) for i in group)
            out.append(merged(k, group))
        else:
            out.append(single(group[0]))
    possible = tuple(sorted({PossibleDuplicate(*sorted((position[i], position[j])), rule, round(score, 3))
                             for i, j, rule, score in left_apart if position[i] != position[j]},
                            key=lambda p: (p.a, p.b)))
    return out, DedupeReport(merged_from, possible)
