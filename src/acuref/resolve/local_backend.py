"""Indexes of Crossref records as resolver backends: a snapshot file on this machine (``--resolver local:PATH``)
or an OpenSearch index (``--resolver opensearch:URL/INDEX``). The same candidates, validation, statuses and
report as the API path, and no rate limit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from acuref.errors import UsageError
from acuref.model import Warning_
from acuref.resolve.backend import UNKNOWN_REGISTRAR, Candidate, register
from acuref.resolve.crossref_records import notice_kind, notices_of, work_to_reference
from acuref.resolve.opensearch import OpenSearchIndex
from acuref.resolve.snapshot import Snapshot


class Store(Protocol):
    """What an index of Crossref work records answers (:class:`Snapshot`, :class:`OpenSearchIndex`)."""

    def works(self, dois: Iterable[str]) -> dict[str, dict[str, Any] | None]: ...

    def search(self, query: str) -> list[tuple[dict[str, Any], float]]: ...


def candidate(work: dict[str, Any], score: float = 0.0) -> Candidate:
    return Candidate(work_to_reference(work), score, notices_of(work), notice_kind(work))


class LocalResolver:
    """The resolve stage's view of an index of Crossref records."""

    def __init__(self, snapshot: Store, name: str = "local", concurrency: int = 2):
        self.snapshot = snapshot
        self.name = name
        self.concurrency = concurrency  # SQLite reads release the GIL: one search per core

    def records(self, dois: Iterable[str]) -> dict[str, Candidate | None]:
        return {k: candidate(w) if w is not None else None for k, w in self.snapshot.works(dois).items()}

    def registrar(self, doi: str) -> str | None:
        # A snapshot holds some works, not a registry: a DOI it lacks may well exist.
        return UNKNOWN_REGISTRAR

    def record(self, doi: str) -> Candidate | None:
        return self.records([doi]).get(doi.lower())

    def search(self, query: str) -> list[Candidate]:
        return [candidate(work, score) for work, score in self.snapshot.search(query)]


def _make(settings: Any, path: str | None = None) -> tuple[LocalResolver, list[Warning_]]:
    if not path:
        raise UsageError("--resolver local needs the snapshot file: --resolver local:PATH")
    return LocalResolver(Snapshot(path)), []


def _make_opensearch(settings: Any, location: str | None = None) -> tuple[LocalResolver, list[Warning_]]:
    if not location:
        raise UsageError("--resolver opensearch needs the index: --resolver opensearch:http://HOST:9200/INDEX")
    # a server answers several searches at once; the stage keeps this many in flight
    return LocalResolver(OpenSearchIndex(location), "opensearch", concurrency=8), []


register("local", _make)
register("opensearch", _make_opensearch)
