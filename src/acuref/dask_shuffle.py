"""The deduplication shuffle of ``--engine dask``: fingerprints made where the references are, sent by blocking
key to one target per worker, every block decided where it lands, and each cluster merged on one worker; only
DOIs, decided pairs and the merged works travel (see :mod:`acuref.dask_engine`)."""

from __future__ import annotations

import hashlib
import operator
from collections import defaultdict
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from acuref.dedupe.fingerprint import MAX_BLOCK, Fingerprint, blocking_keys, fingerprint
from acuref.dedupe.stage import (Close, Constraints, DedupeReport, Duplicates, Edge, arrange, assemble, decide_block,
                                 merge, merge_dois, mixed, thin)
from acuref.model import Reference

TARGETS_PER_WORKER = 1  # a shuffle target per worker, placed on it: a fingerprint goes to each other worker once


def _dask() -> Any:
    import distributed  # the optional extra; dask_engine checks it is installed before any of this runs

    return distributed


def _fingerprints(refs: Sequence[Reference], start: int) -> list[Fingerprint]:
    return [fingerprint(start + k, ref) for k, ref in enumerate(refs)]


def _target(key: str, targets: int) -> int:
    # a stable hash: Python's own differs between processes
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big") % targets


def _split(*parts: Sequence[Fingerprint], targets: int) -> tuple[dict[str, list[Fingerprint]], ...]:
    """The fingerprints of the partitions one worker holds, by shuffle target, then by blocking key (in index
    order). A fingerprint under several keys of one target is pickled once for it (pickle keeps one copy of an
    object it meets twice), and each worker sends each target one piece."""
    out: tuple[dict[str, list[Fingerprint]], ...] = tuple(defaultdict(list) for _ in range(targets))
    for fps in parts:
        for fp in fps:
            for key in blocking_keys(fp):
                out[_target(key, targets)][key].append(fp)
    return out


def _by_worker(client: Any, futures: Sequence[Any]) -> list[tuple[str, list[Any]]]:
    """Futures grouped by the worker that holds each (in their order), once they are done."""
    distributed = _dask()
    distributed.wait(futures)
    holders = client.who_has(futures)
    groups: dict[str, list[Any]] = defaultdict(list)
    for f in futures:
        groups[(holders.get(f.key) or ("",))[0]].append(f)
    return list(groups.items())


def _join(*pieces: dict[str, list[Fingerprint]]) -> dict[str, list[Fingerprint]]:
    """One shuffle target's blocks, its pieces from every partition joined by blocking key."""
    blocks: dict[str, list[Fingerprint]] = defaultdict(list)
    for piece in pieces:
        for key, members in piece.items():
            blocks[key] += members
    return blocks


def _oversized(blocks: dict[str, list[Fingerprint]]) -> set[str]:
    return {key for key, members in blocks.items() if len(members) > MAX_BLOCK}


def _decide(blocks: dict[str, list[Fingerprint]], oversized: frozenset[str]) -> tuple[list[Edge], list[Close]]:
    """Every block of one target decided; a pair that shares several keys is decided in the block of the least
    of them (which may be on another target), so each pair is decided once in the whole cluster."""
    known: dict[int, frozenset[str]] = {}

    def keys_of(fp: Fingerprint) -> frozenset[str]:
        if fp.index not in known:
            known[fp.index] = frozenset(blocking_keys(fp)) - oversized
        return known[fp.index]

    edges: list[Edge] = []
    close: list[Close] = []
    for key, block in blocks.items():
        e, c = decide_block(block, key, keys_of)
        edges += e
        close += c
    return edges, close


def _thinned(decided: tuple[list[Edge], list[Close]]) -> tuple[list[Edge], list[Close]]:
    # A cluster of m citations of one work is m(m-1)/2 duplicate pairs; the union-find needs about 2m of them.
    return thin(decided[0]), decided[1]


def _edges_among(decided: tuple[list[Edge], list[Close]], members: frozenset[int]) -> list[Edge]:
    return [e for e in decided[0] if e[1] in members]


def _route(refs: Sequence[Reference], owners: Sequence[int], targets: int,
           ) -> tuple[list[Reference], tuple[dict[int, list[Reference]], ...]]:
    """One partition's references: those cited once (owner -1), and the others by the cluster they belong to,
    grouped by the target that merges that cluster."""
    single: list[Reference] = []
    out: tuple[dict[int, list[Reference]], ...] = tuple(defaultdict(list) for _ in range(targets))
    for ref, owner in zip(refs, owners):
        if owner < 0:
            single.append(ref)
        else:
            out[owner % targets][owner].append(ref)
    return single, out


def _merge_target(*pieces: dict[int, list[Reference]]) -> dict[int, Reference]:
    """Every cluster sent to one target merged; pieces come in partition order, so members in index order."""
    members: dict[int, list[Reference]] = defaultdict(list)
    for piece in pieces:
        for owner, refs in piece.items():
            members[owner] += refs
    return {owner: merge(refs) for owner, refs in members.items()}


def worker_count(client: Any) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def _placed(workers: Sequence[str], target: int) -> dict[str, Any]:
    """Where target ``target`` runs: the workers in turn, so each holds as many targets as the next (the keys,
    hashed, give every target about as much work); another worker may take it if that one is gone."""
    return {"workers": [workers[target % len(workers)]], "allow_other_workers": True} if workers else {}


def _addresses(client: Any) -> list[str]:
    return sorted(client.scheduler_info().get("workers", {}))


def _targets(client: Any, partitions: int) -> int:
    return max(1, min(partitions, worker_count(client) * TARGETS_PER_WORKER))


def _find(parts: Sequence[Any], sizes: Sequence[int], client: Any, pairs: Constraints = Constraints()) -> Duplicates:
    """Duplicates among the references in ``parts`` (futures of lists, in order), found on the cluster: each
    partition fingerprinted where it is, split by shuffle target, every target's blocks decided where they
    land; here only the DOIs and the decided pairs arrive, for one union-find."""
    starts = [0, *accumulate(sizes)][:-1]  # where each partition's references begin
    fps = client.map(_fingerprints, parts, starts)
    targets = _targets(client, len(parts))
    addresses = _addresses(client)
    # One split per worker, of the partitions it holds, and each target's piece cut where the split is: only
    # the pieces cross between workers, never a whole split.
    splits = [(where, client.submit(_split, *group, targets=targets, workers=[where], allow_other_workers=True))
              for where, group in _by_worker(client, fps)]
    blocks = [client.submit(_join, *(client.submit(operator.getitem, s, t, workers=[where], allow_other_workers=True)
                                     for where, s in splits), **_placed(addresses, t)) for t in range(targets)]
    # Blocks too large to decide are skipped in one process; every target must know them all to agree on
    # which block decides a pair (few: a block is too large only past MAX_BLOCK members).
    oversized = frozenset().union(*client.gather(client.map(_oversized, blocks)))
    decided = client.map(_decide, blocks, oversized=oversized)  # every edge stays where it was decided
    edges: list[Edge] = []
    close: list[Close] = []
    for e, c in client.gather(client.map(_thinned, decided)):
        edges += e
        close += c
    dois: dict[int, str] = {}
    for part in client.gather(client.map(merge_dois, fps)):
        dois.update(part)
    curated = [(-1, i, j, "", 1.0) for i, j in pairs.together]  # they connect groups too
    among = mixed(dois, [*edges, *curated], pairs.members())
    if among:  # groups with two DOIs: assemble needs all their edges to refuse the unions one process refuses
        edges = [e for e in edges if e[1] not in among]
        edges += [e for part in client.gather(client.map(_edges_among, decided, members=frozenset(among)))
                  for e in part]
    return assemble(sum(sizes), dois, edges, close, pairs)


def dedupe_parts(parts: Sequence[Any], sizes: Sequence[int], client: Any, pairs: Constraints = Constraints(),
            ) -> tuple[list[Reference], DedupeReport]:
    """The merged references and report: clusters found on the cluster, each merged on the worker its members
    are sent to; here only the references cited once and the merged ones arrive."""
    found = _find(parts, sizes, client, pairs)
    owner = [-1] * sum(sizes)
    for k, group in enumerate(found.clusters):
        if len(group) > 1:
            for i in group:
                owner[i] = k
    targets = _targets(client, len(parts))
    addresses = _addresses(client)
    starts = [0, *accumulate(sizes)][:-1]  # where each partition's references begin
    routed = client.map(_route, parts, [owner[a:a + n] for a, n in zip(starts, sizes)], targets=targets)
    # pieces in partition order: a cluster's members then come in index order, as merge takes them
    where_is = {r.key: where for where, group in _by_worker(client, routed) for r in group}
    held = [(where_is[r.key], r) for r in routed]
    merged_at = [client.submit(_merge_target, *(client.submit(_piece, r, t, workers=[where], allow_other_workers=True)
                                                for where, r in held), **_placed(addresses, t)) for t in range(targets)]
    single_parts = client.gather(client.map(operator.itemgetter(0), routed))
    singles = {}
    for (a, n), part in zip(zip(starts, sizes), single_parts):
        at = iter(part)
        for i in range(a, a + n):
            if owner[i] < 0:
                singles[i] = next(at)
    merged: dict[int, Reference] = {}
    for got in client.gather(merged_at):
        merged.update(got)
    return arrange(found, singles.__getitem__, lambda k, _: merged[k])


def _piece(routed: tuple[list[Reference], tuple[dict[int, list[Reference]], ...]], target: int,
           ) -> dict[int, list[Reference]]:
    return routed[1][target]
