"""The PubMed route as a resolver backend (``--resolver pubmed``, usually ``pubmed,crossref``): references
without a DOI are matched in batches by ECitMatch, and the PMID's record (ESummary, the ID converter for a
missing DOI) is validated against the parsed fields like any search hit before its DOI is taken."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from acuref.model import Reference, Warning_
from acuref.resolve.backend import UNKNOWN_REGISTRAR, Candidate, register
from acuref.resolve.cache import Cache
from acuref.resolve.pubmed import PubMedClient, citation_line, endpoints, summary_to_reference


class PubMedResolver:
    """Batch lookups through :class:`PubMedClient`; ``prepare`` asks for a whole run's references at once."""

    name = "pubmed"
    concurrency = 1

    def notes(self) -> list[Warning_]:
        """What the cache had to say during the run (unreadable answers, failed writes), said once."""
        cache = self.client.cache
        return [Warning_(w) for w in cache.drain()] if cache is not None else []

    def __init__(self, client: PubMedClient):
        self.client = client
        self._found: dict[str, Candidate | None] = {}
        self._lock = threading.Lock()

    def records(self, dois: Iterable[str]) -> dict[str, Candidate | None]:
        return {d.lower(): None for d in dois}  # PubMed is asked by citation here, not by DOI

    def registrar(self, doi: str) -> str | None:
        return UNKNOWN_REGISTRAR

    def record(self, doi: str) -> Candidate | None:
        return None

    def search(self, query: str) -> list[Candidate]:
        return []  # ECitMatch needs the parsed journal, volume and page, not the string: see find()

    def prepare(self, refs: Sequence[Reference]) -> None:
        """ECitMatch for every reference at once (hundreds per request), then their records in batches."""
        lines = dict.fromkeys(line for ref in refs if (line := _line(ref)) is not None)
        todo = [line for line in lines if _key_of(line) not in self._found]
        if not todo:
            return
        pmids = self.client.citmatch(todo)
        docs = self.client.summaries(p for p in pmids.values() if p)
        records = {pmid: summary_to_reference(doc) for pmid, doc in docs.items()}
        lacking = [pmid for pmid, rec in records.items() if not rec.DOI]
        if lacking:
            for pmid, ids in self.client.convert(lacking).items():
                if pmid in records:
                    records[pmid] = replace(records[pmid], DOI=ids.get("doi"),
                                            PMCID=records[pmid].PMCID or ids.get("pmcid"))
        with self._lock:
            for line in todo:
                pmid = pmids.get(_key_of(line))
                rec = records.get(pmid) if pmid else None
                self._found[_key_of(line)] = Candidate(rec) if rec is not None and rec.DOI else None

    def find(self, ref: Reference) -> list[Candidate]:
        """The candidate ECitMatch gave this reference, if any (``prepare`` saw it first)."""
        line = _line(ref)
        if line is None:
            return []
        if _key_of(line) not in self._found:
            self.prepare([ref])
        hit = self._found.get(_key_of(line))
        return [hit] if hit is not None else []


def _line(ref: Reference) -> str | None:
    """The reference's ECitMatch line, keyed by a hash of its fields: the same citation gets the same key (and
    cache entry) in every run, and ECitMatch echoes the key back."""
    fields = citation_line(ref, "")
    return citation_line(ref, hashlib.sha1(fields.encode("utf-8")).hexdigest()[:16]) if fields else None


def _key_of(line: str) -> str:
    return line.split("|")[5]


def _make(settings: Any) -> tuple[PubMedResolver, list[Warning_]]:
    cache = Cache(settings.cache_path) if settings.cache_path else None
    eutils, idconv = endpoints(getattr(settings, "ncbi_url", None))
    client = PubMedClient(api_key=getattr(settings, "ncbi_api_key", None), email=settings.mailto, cache=cache,
                          eutils=eutils, idconv=idconv)
    return PubMedResolver(client), [Warning_(w) for w in (cache.drain() if cache is not None else [])]


register("pubmed", _make)
