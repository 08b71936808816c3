"""A local snapshot index as a resolver backend (``--resolver local:PATH``): the same candidates, validation,
statuses and report as the API path, from a file on this machine and with no rate limit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from acuref.errors import UsageError
from acuref.model import Warning_
from acuref.resolve.backend import UNKNOWN_REGISTRAR, Candidate, register
from acuref.resolve.crossref_records import notice_kind, notices_of, work_to_reference
from acuref.resolve.snapshot import Snapshot


def candidate(work: dict[str, Any], score: float = 0.0) -> Candidate:
    return Candidate(work_to_reference(work), score, notices_of(work), notice_kind(work))


class LocalResolver:
    """The resolve stage's view of a :class:`Snapshot`."""

    name = "local"
    concurrency = 2  # SQLite reads release the GIL: one search per core

    def __init__(self, snapshot: Snapshot):
        self.snapshot = snapshot

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


register("local", _make)
