"""Crossref as a resolver backend: the REST client's answers turned into candidates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from acuref.model import Warning_
from acuref.resolve.backend import Candidate, register
from acuref.resolve.cache import Cache
from acuref.resolve.crossref import CrossrefClient
from acuref.resolve.crossref_records import notice_kind, notices_of, score_of, work_to_reference


def candidate(work: dict[str, Any]) -> Candidate:
    return Candidate(work_to_reference(work), score_of(work), notices_of(work), notice_kind(work))


class CrossrefResolver:
    """The resolve stage's view of a :class:`CrossrefClient`."""

    name = "crossref"

    def notes(self) -> list[Warning_]:
        """What the cache had to say during the run (unreadable answers, failed writes), said once."""
        cache = self.client.cache
        return [Warning_(w) for w in cache.drain()] if cache is not None else []

    def __init__(self, client: CrossrefClient):
        self.client = client

    @property
    def concurrency(self) -> int:
        return self.client.limiter.concurrency

    def records(self, dois: Iterable[str]) -> dict[str, Candidate | None]:
        return {k: candidate(w) if w is not None else None for k, w in self.client.works_by_dois(dois).items()}

    def registrar(self, doi: str) -> str | None:
        return self.client.agency(doi)

    def record(self, doi: str) -> Candidate | None:
        work = self.client.work(doi)
        return candidate(work) if work is not None else None

    def search(self, query: str) -> list[Candidate]:
        return [candidate(w) for w in self.client.search(query)]


def _make(settings: Any) -> tuple[CrossrefResolver, list[Warning_]]:
    """The backend for :class:`acuref.settings.Settings`: client, cache, pool."""
    cache = Cache(settings.cache_path) if settings.cache_path else None
    client = CrossrefClient(settings.crossref_url, settings.mailto, cache=cache)
    return CrossrefResolver(client), [Warning_(w) for w in (cache.drain() if cache is not None else [])]


register("crossref", _make)
