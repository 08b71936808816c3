"""The pipeline on a Dask cluster (``--engine dask``): the same pure stages, spread over workers.

- read, extract and parse: a map over partitions of the input files (``read_path`` on each);
- resolve: with local snapshot or OpenSearch indexes only, in partitions on the workers (no rate limit); with any
  network resolver, in one resolver service for the whole run (the process that started it), so N workers
  never exceed the pool's limits: there is one rate limiter, not one per worker;
- dedupe (:mod:`acuref.dask_shuffle`): fingerprints computed on the workers where the references are, shuffled by blocking key into one
  target per worker (each fingerprint sent once to each target that holds one of its keys), every block's
  pairs decided where it lands, and the union-find over the decided pairs run once: the clusters are those
  of one process;
- merge: each cluster of duplicates sent to one worker and merged there; only the output comes home;
- citation keys and export: in the calling process, as in a single-process run.

Data stays where it was made: the documents read on a worker are kept there (Dask futures), and only small
things travel (counts, DOIs, decided pairs) until the output comes home: the works, not every citation.
The output is identical to ``acuref.pipeline.run`` on the same input. Paths must be readable by the workers
(a shared file system). Dask is an optional extra: ``pip install acuref[dask]``.
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from acuref import decisions
from acuref.dask_shuffle import dedupe_parts, worker_count
from acuref.dedupe.stage import Constraints, DedupeReport, collector_paused
from acuref.errors import UsageError
from acuref.model import Reference, Warning_
from acuref.pipeline import DocumentResult, RunResult, expand_paths, read_path, recount_skipped, to_entries
from acuref.resolve.backend import parse_spec
from acuref.resolve.stage import resolution_warnings, resolve
from acuref.settings import Settings

# Files per read partition: enough partitions to keep every worker busy (PARTITIONS_PER_WORKER each), each as
# large as that allows up to MAX_FILES: every partition is a piece to shuffle to every target later, and
# fewer, larger pieces cross between workers faster (64 files: 1.64x for 2 workers over 1; 256: 1.71x).
PARTITIONS_PER_WORKER = 4
MIN_FILES, MAX_FILES = 16, 256
REFS_PER_PARTITION = 5000


def _dask() -> Any:
    try:
        import distributed
    except ImportError:
        raise UsageError("--engine dask needs Dask: pip install 'acuref[dask]'") from None
    return distributed


# Clients of the LocalClusters started here: their worker processes exist for acuref's runs alone, so a run may
# pause their garbage collector for the run (see run); on anyone else's workers only with Settings.pause_gc.
_OWN_WORKERS: weakref.WeakSet[Any] = weakref.WeakSet()


@dataclass
class Cluster:
    """A Dask client: on a scheduler at ``address``, or on a LocalCluster of ``workers`` processes started here
    (and closed with it)."""

    address: str | None = None
    workers: int | None = None

    def __enter__(self) -> Any:
        distributed = _dask()
        if self.address:
            try:
                self._client = distributed.Client(self.address, timeout="10s")
            except (OSError, TimeoutError) as err:
                raise UsageError(f"--scheduler {self.address}: no Dask scheduler answers there ({err})") from None
            self._cluster = None
        else:
            self._cluster = distributed.LocalCluster(n_workers=self.workers or 2, threads_per_worker=1,
                                                     processes=True, dashboard_address=":0")
            self._client = distributed.Client(self._cluster)
            _OWN_WORKERS.add(self._client)
        return self._client

    def __exit__(self, *exc: object) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def _read_partition(paths: Sequence[str]) -> list[DocumentResult]:
    return [read_path(p) for p in paths]


def _references(part: Sequence[DocumentResult]) -> list[Reference]:
    return [ref for r in part for ref in r.references]


def _without_references(part: Sequence[DocumentResult]) -> list[DocumentResult]:
    return [replace(r, references=()) for r in part]


def _resolve_partition(refs: Sequence[Reference], settings: Settings) -> list[Reference]:
    resolver, _ = settings.make_resolver()  # each worker opens the snapshot itself (read-only, shared file)
    return resolve(refs, resolver, keep_suspect_doi=settings.keep_suspect_doi)[0]


def _only_indexes(spec: str | None) -> bool:
    """Resolvers without a rate limit (a snapshot file, an OpenSearch index) run on the workers."""
    return bool(spec) and all(name in ("local", "opensearch") for name, _ in parse_spec(spec or ""))


def run(paths: Iterable[str], *, settings: Settings | None = None, scheduler: str | None = None,
        workers: int | None = None, client: Any = None, exclude: Collection[str] = ()) -> RunResult:
    """:func:`acuref.pipeline.run` on Dask: the same result, computed on a cluster.

    ``client`` is a ``distributed.Client`` to use; otherwise one is made for ``scheduler`` (an address such as
    ``tcp://10.0.0.5:8786``) or, without one, for a LocalCluster of ``workers`` processes.
    """
    settings = settings or Settings(resolver=None)
    if client is None:
        with Cluster(scheduler, workers) as made:
            return run(paths, settings=settings, client=made, exclude=exclude)
    # A run's workers hold every reference they read until the end, and the shuffle and the merge unpickle
    # hundreds of thousands of small acyclic values: each full collection would walk all of it again. On the
    # workers of a LocalCluster started here (theirs is no one else's process), or with --fast-gc, the cyclic
    # collector is off for the run and back on, with one collection, after it (BENCHMARKS.md: the transfers
    # take half the time).
    pause = settings.pause_gc or client in _OWN_WORKERS
    if pause:
        client.run(gc.disable)
    try:
        return _run(paths, settings, client, exclude)
    finally:
        if pause:
            client.run(_collector_on)


def _collector_on() -> None:
    gc.enable()
    gc.collect()


def _run(paths: Iterable[str], settings: Settings, client: Any, exclude: Collection[str]) -> RunResult:
    results: list[DocumentResult] = []
    todo: list[str] = []
    slots: list[int] = []
    for path in expand_paths(paths, exclude):
        if isinstance(path, DocumentResult):
            results.append(path)
        else:
            slots.append(len(results))
            results.append(DocumentResult(path))
            todo.append(path)
    size = min(MAX_FILES, max(MIN_FILES, -(-len(todo) // (PARTITIONS_PER_WORKER * worker_count(client)))))
    chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
    read = client.map(_read_partition, chunks, pure=False)  # reads files: never taken from an earlier run
    parts = client.map(_references, read)
    sizes = client.gather(client.map(len, parts))
    docs = client.map(_without_references, read)
    held: list[DocumentResult] | None = None  # the documents' results, once gathered
    gone: list[Warning_] = []
    pairs = Constraints()
    first = None
    if settings.decisions.items:
        # A decision may name a reference (or skipped candidate) of any document: they are matched where
        # every reference is known.
        held = [r for part in client.gather(docs) for r in part]
        first = decisions.before([r for part in client.gather(parts) for r in part],
                                 [s for r in held for s in r.skipped], settings.decisions)
        pieces = [first.refs[i:i + REFS_PER_PARTITION] for i in range(0, len(first.refs), REFS_PER_PARTITION)]
        parts, sizes = _scatter(client, pieces), [len(p) for p in pieces]
    parts, opened, problems = _resolve(parts, sizes, settings, client)
    if first is not None:
        here = decisions.after([r for part in client.gather(parts) for r in part], first.decided,
                               settings.decisions.source)
        parts = _scatter(client, _cut(here, sizes))
        if settings.dedupe and here:
            pairs, gone = decisions.constraints(here, settings.decisions)
    with collector_paused(settings.pause_gc):
        if settings.dedupe and sum(sizes):
            refs, report = dedupe_parts(parts, sizes, client, pairs)
        else:
            refs, report = [r for part in client.gather(parts) for r in part], None
        for slot, got in zip(slots, held if held is not None else (r for part in client.gather(docs) for r in part)):
            results[slot] = got
        everything = [s for r in results for s in r.skipped]
        passed, stale, skipped = (first.passed, first.warnings, first.skipped) if first else (everything, [], everything)
        notes = [*opened, *recount_skipped((w for r in results for w in r.warnings), everything, passed), *stale,
                 *problems, *gone]
        failures = tuple(r.path for r in results if r.failed)
        return RunResult(to_entries(refs, settings.key_pattern), tuple(notes), failures, report, tuple(skipped),
                         documents=len(todo))


def _resolve(parts: list[Any], sizes: Sequence[int], settings: Settings, client: Any,
             ) -> tuple[list[Any], list[Warning_], list[Warning_]]:
    """Resolution: with a local snapshot index where the references are; with a network resolver in the
    run's one resolver service here (one rate budget), the resolved references sent back in the same parts."""
    if settings.resolver is None or not sum(sizes):
        return parts, [], []
    if _only_indexes(settings.resolver):
        parts = client.map(_resolve_partition, parts, settings=settings)
        return parts, [], [w for part in client.gather(client.map(resolution_warnings, parts)) for w in part]
    resolver, opened = settings.make_resolver()
    with collector_paused(settings.pause_gc):
        here = [r for part in client.gather(parts) for r in part]
    resolved, problems = resolve(here, resolver, keep_suspect_doi=settings.keep_suspect_doi)
    return _scatter(client, _cut(resolved, sizes)), opened, problems


def _scatter(client: Any, pieces: list[list[Reference]]) -> list[Any]:
    """The pieces sent to the workers (Dask refuses to scatter nothing: a run whose documents cite nothing)."""
    return client.scatter(pieces) if pieces else []


def _cut(refs: Sequence[Reference], sizes: Sequence[int]) -> list[list[Reference]]:
    out, at = [], 0
    for n in sizes:
        out.append(list(refs[at:at + n]))
        at += n
    return out


def dedupe(refs: Sequence[Reference], client: Any, *, per_partition: int = REFS_PER_PARTITION,
           ) -> tuple[list[Reference], DedupeReport]:
    """:func:`acuref.dedupe.stage.deduplicate` on a cluster: the same merged references and report."""
    refs = list(refs)
    if not refs:
        return [], DedupeReport()
    chunks = [refs[i:i + per_partition] for i in range(0, len(refs), per_partition)]
    return dedupe_parts(client.scatter(chunks), [len(c) for c in chunks], client)
