"""The pipeline on a Dask cluster (``--engine dask``): the same pure stages, spread over workers.

- read, extract and parse: a map over partitions of the input files (``read_path`` on each);
- resolve: with a local snapshot index only, in partitions on the workers (reads, no rate limit); with any
  network resolver, in one resolver service for the whole run (the process that started it), so N workers
  never exceed the pool's limits: there is one rate limiter, not one per worker;
- dedupe: fingerprints computed on the workers, shuffled by blocking key, every block's pairs decided where
  it lands, and the union-find over the decided pairs run once: the clusters are those of one process;
- merge, citation keys and export: in the calling process, as in a single-process run.

The output is identical to ``acuref.pipeline.run`` on the same input. Paths must be readable by the workers
(a shared file system). Dask is an optional extra: ``pip install acuref[dask]``.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from acuref.dedupe.fingerprint import Fingerprint, blocking_keys, fingerprint
from acuref.dedupe.stage import Close, Edge, Identity, assemble, decide_block, deduplicate_found
from acuref.errors import UsageError
from acuref.model import Reference, Warning_
from acuref.pipeline import DocumentResult, RunResult, expand_paths, read_path, to_entries
from acuref.resolve.backend import parse_spec
from acuref.resolve.stage import resolution_warnings, resolve
from acuref.settings import Settings

FILES_PER_PARTITION = 64
REFS_PER_PARTITION = 5000


def _dask() -> Any:
    try:
        import dask.bag  # noqa: F401
        import distributed
    except ImportError:
        raise UsageError("--engine dask needs Dask: pip install 'acuref[dask]'") from None
    return distributed


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
        return self._client

    def __exit__(self, *exc: object) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def _read_partition(paths: Sequence[str]) -> list[DocumentResult]:
    return [read_path(p) for p in paths]


def _resolve_partition(refs: Sequence[Reference], settings: Settings) -> list[Reference]:
    resolver, _ = settings.make_resolver()  # each worker opens the snapshot itself (read-only, shared file)
    return resolve(refs, resolver, keep_suspect_doi=settings.keep_suspect_doi)[0]


def _fingerprint_batch(batch: tuple[int, Sequence[Reference]]) -> list[Fingerprint]:
    start, refs = batch
    return [fingerprint(start + k, ref) for k, ref in enumerate(refs)]


def _keyed(fps: Sequence[Fingerprint]) -> list[tuple[int, tuple[str, Fingerprint]]]:
    """(shuffle bucket, (blocking key, fingerprint)) for every blocking key of every fingerprint."""
    out = []
    for fp in fps:
        for key in blocking_keys(fp):
            # a stable hash (Python's own differs between processes) chooses the bucket; the exact key is kept
            bucket = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big")
            out.append((bucket, (key, fp)))
    return out


def _identities(fps: Sequence[Fingerprint]) -> list[Identity]:
    return [Identity(fp.index, fp.doi_any, fp.doi) for fp in fps]


def _decide_group(group: tuple[int, list[tuple[int, tuple[str, Fingerprint]]]]) -> tuple[list[Edge], list[Close]]:
    """One shuffle bucket: its members split by their exact blocking key, every block's pairs decided."""
    blocks: dict[str, list[Fingerprint]] = defaultdict(list)
    for _, (key, fp) in group[1]:
        blocks[key].append(fp)
    edges: list[Edge] = []
    close: list[Close] = []
    for block in blocks.values():
        e, c = decide_block(block)
        edges += e
        close += c
    return edges, close


def _only_local(spec: str | None) -> bool:
    return bool(spec) and all(name == "local" for name, _ in parse_spec(spec or ""))


def run(paths: Iterable[str], *, settings: Settings | None = None, scheduler: str | None = None,
        workers: int | None = None, client: Any = None) -> RunResult:
    """:func:`acuref.pipeline.run` on Dask: the same result, computed on a cluster.

    ``client`` is a ``distributed.Client`` to use; otherwise one is made for ``scheduler`` (an address such as
    ``tcp://10.0.0.5:8786``) or, without one, for a LocalCluster of ``workers`` processes.
    """
    settings = settings or Settings(resolver=None)
    if client is None:
        with Cluster(scheduler, workers) as made:
            return run(paths, settings=settings, client=made)
    import dask.bag as db

    results: list[DocumentResult] = []
    todo: list[str] = []
    slots: list[int] = []
    for path, problem in expand_paths(paths):
        if problem is not None:
            results.append(DocumentResult(problem.file or "", warnings=(problem,), failed=True))
        else:
            assert path is not None
            slots.append(len(results))
            results.append(DocumentResult(path))
            todo.append(path)
    if todo:
        chunks = [todo[i:i + FILES_PER_PARTITION] for i in range(0, len(todo), FILES_PER_PARTITION)]
        read = db.from_sequence(chunks, npartitions=len(chunks)).map(_read_partition)
        for slot, got in zip(slots, (r for part in client.compute(read).result() for r in part)):
            results[slot] = got
    refs = [ref for r in results for ref in r.references]
    notes: list[Warning_] = []
    if settings.resolver is not None and refs:
        if _only_local(settings.resolver):
            batches = [refs[i:i + REFS_PER_PARTITION] for i in range(0, len(refs), REFS_PER_PARTITION)]
            bag = db.from_sequence(batches, npartitions=len(batches)).map(_resolve_partition, settings)
            refs = [r for part in client.compute(bag).result() for r in part]
            opened: list[Warning_] = []
        else:
            resolver, opened = settings.make_resolver()  # the run's one resolver service: one rate budget
            refs, _ = resolve(refs, resolver, keep_suspect_doi=settings.keep_suspect_doi)
        notes += opened
        problems = resolution_warnings(refs)
    else:
        problems = []
    notes = [*notes, *(w for r in results for w in r.warnings), *problems]
    report = None
    if settings.dedupe and refs:
        refs, report = _dedupe(refs, client, db)
    failures = tuple(r.path for r in results if r.failed)
    return RunResult(to_entries(refs), tuple(notes), failures, report, tuple(s for r in results for s in r.skipped))


def _dedupe(refs: list[Reference], client: Any, db: Any) -> tuple[list[Reference], Any]:
    """Blocking keys shuffled across the cluster, each block decided where it lands, one union-find here."""
    batches = [(i, refs[i:i + REFS_PER_PARTITION]) for i in range(0, len(refs), REFS_PER_PARTITION)]
    fps = db.from_sequence(batches, npartitions=len(batches)).map(_fingerprint_batch)
    decided = fps.map(_keyed).flatten().groupby(_bucket, shuffle="tasks").map(_decide_group)
    who = fps.map(_identities).flatten()
    outcome, identities = client.compute([decided, who])
    edges: list[Edge] = []
    close: list[Close] = []
    for e, c in outcome.result():
        edges += e
        close += c
    return deduplicate_found(refs, assemble(identities.result(), edges, close))


def _bucket(item: tuple[int, tuple[str, Fingerprint]]) -> int:
    return item[0]
