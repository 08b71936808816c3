"""Crossref metadata in an OpenSearch index, for when one machine's snapshot file is outgrown
(``acuref index build WORKS… --opensearch URL/INDEX``, then ``--resolver opensearch:URL/INDEX``).

The same records as the SQLite snapshot (:func:`snapshot.kept_record`, the same full-text row), spoken
to over OpenSearch's REST API with the run's ``requests`` session: documents keyed by their lower-cased DOI
(``_mget`` is the DOI look-up), one folded ``text`` field ranked by BM25 (``_search`` is the bibliographic
search), the record itself kept in ``_source`` and not indexed. The search asks with the reference's terms as
the snapshot folds them; the resolve stage validates every hit as it validates Crossref's own.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import requests

from acuref.errors import NetworkError, OutputError, UsageError
from acuref.resolve import answers
from acuref.resolve.snapshot import ROWS, BuildReport, kept_record, read_works, terms, text_of

TIMEOUT = 30
BULK_DOCUMENTS = 2000

# One analyser for the text row: words lower-cased and accent-free, as the snapshot's unicode61 tokenizer with
# remove_diacritics folds them, so a reference finds its work whichever of the two indexes holds it.
INDEX_BODY: dict[str, Any] = {
    "settings": {"analysis": {"analyzer": {"folded": {"type": "custom", "tokenizer": "standard",
                                                      "filter": ["lowercase", "asciifolding"]}}}},
    "mappings": {"dynamic": False, "properties": {
        "doi": {"type": "keyword"},
        "text": {"type": "text", "analyzer": "folded"},
        "record": {"type": "object", "enabled": False},  # kept whole in _source, never indexed
    }},
}


def split_location(location: str) -> tuple[str, str]:
    """``http://host:9200/crossref`` -> (``http://host:9200``, ``crossref``): a server and one index on it."""
    base, _, index = location.rstrip("/").rpartition("/")
    if not base.startswith(("http://", "https://")) or not index or "://" not in base or base.endswith(":/"):
        raise UsageError(f"{location!r}: an OpenSearch index is given as http(s)://HOST:PORT/INDEX")
    return base, index


def document(work: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A Crossref work as the index stores it: its id (the lower-cased DOI) and its document."""
    doi, kept = kept_record(work)
    return doi, {"doi": doi, "text": text_of(kept), "record": kept}


def bulk_body(index: str, works: Iterable[dict[str, Any]]) -> str:
    """The NDJSON of a ``_bulk`` request that creates each work (a DOI already there keeps its first record, as
    in the snapshot)."""
    lines = []
    for work in works:
        doi, doc = document(work)
        lines.append(json.dumps({"create": {"_index": index, "_id": doi}}))
        lines.append(json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
    return "\n".join(lines) + "\n"


def search_body(query: str, rows: int = ROWS) -> dict[str, Any] | None:
    """The ``_search`` request for a reference as printed (None when it has no word worth searching)."""
    words = list(dict.fromkeys(terms(query)))
    if not words:
        return None
    return {"size": rows, "query": {"match": {"text": {"query": " ".join(words)}}}, "_source": ["record"]}


def mget_body(dois: Iterable[str]) -> dict[str, Any]:
    return {"docs": [{"_id": d, "_source": ["record"]} for d in dois]}


class OpenSearchIndex:
    """One index on an OpenSearch server: the snapshot's ``works`` and ``search``, over HTTP."""

    def __init__(self, location: str, session: requests.Session | None = None):
        self.base, self.index = split_location(location)
        self.location = f"{self.base}/{self.index}"
        self.session = session or requests.Session()

    def _post(self, path: str, body: Any, what: str, ndjson: bool = False) -> dict[str, Any]:
        data = body if ndjson else json.dumps(body)
        kind = "application/x-ndjson" if ndjson else "application/json"
        try:
            resp = self.session.post(f"{self.base}/{path}", data=data.encode(), timeout=TIMEOUT,
                                     headers={"Content-Type": kind}, stream=True)
            answers.read_body(resp)
        except requests.RequestException as err:
            raise NetworkError(f"OpenSearch at {self.base} cannot be reached ({type(err).__name__})") from None
        if resp.status_code >= 300:
            raise NetworkError(f"OpenSearch {what} on {self.location} failed: HTTP {resp.status_code} "
                               f"{_reason(resp)}")
        data = answers.json_object(resp)
        if data is None:  # a broken answer is a failure, never read as "no record"
            raise NetworkError(f"OpenSearch {what} on {self.location} sent {answers.broken(resp)}")
        return data

    def works(self, dois: Iterable[str]) -> dict[str, dict[str, Any] | None]:
        """Records by lower-cased DOI; None where the index has none."""
        keys = list(dict.fromkeys(d.lower() for d in dois if d))
        out: dict[str, dict[str, Any] | None] = dict.fromkeys(keys)
        for i in range(0, len(keys), 500):
            got = self._post(f"{self.index}/_mget", mget_body(keys[i:i + 500]), "DOI look-up")
            for doc in got.get("docs") if isinstance(got.get("docs"), list) else []:
                if isinstance(doc, dict) and doc.get("found") and doc.get("_id") in out:
                    out[doc["_id"]] = (doc.get("_source") or {}).get("record")
        return out

    def search(self, query: str, rows: int = ROWS) -> list[tuple[dict[str, Any], float]]:
        """The best BM25 hits for a reference as printed, with their scores (higher is better)."""
        body = search_body(query, rows)
        if body is None:
            return []
        found = self._post(f"{self.index}/_search", body, "search").get("hits")
        hits = found.get("hits") if isinstance(found, dict) else None
        return [(h["_source"]["record"], _score(h)) for h in (hits if isinstance(hits, list) else [])
                if isinstance(h, dict) and isinstance(h.get("_source"), dict)
                and isinstance(h["_source"].get("record"), dict)]

    def create(self) -> None:
        """Create the index with acuref's mapping; an index already there is used as it is."""
        try:
            resp = self.session.put(self.location, data=json.dumps(INDEX_BODY).encode(), timeout=TIMEOUT,
                                    headers={"Content-Type": "application/json"})
        except requests.RequestException as err:
            raise OutputError(f"{self.location}: OpenSearch cannot be reached ({type(err).__name__})") from None
        if resp.status_code >= 300 and "resource_already_exists" not in resp.text:
            raise OutputError(f"{self.location}: the index cannot be created: HTTP {resp.status_code} {_reason(resp)}")


def _score(hit: dict[str, Any]) -> float:
    try:
        return round(float(hit.get("_score") or 0.0), 3)
    except (TypeError, ValueError):
        return 0.0


def _reason(resp: requests.Response) -> str:
    data = answers.json_object(resp)
    if data is None:
        return resp.reason or ""
    error = data.get("error")
    if isinstance(error, dict):
        return str(error.get("reason") or error.get("type") or "")
    return str(error or resp.reason or "")


def _batches(sources: Iterable[str | Path], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for source in sources:
        for work in read_works(Path(source)):
            batch.append(work)
            if len(batch) >= size:
                yield batch
                batch = []
    if batch:
        yield batch


def build(sources: Iterable[str | Path], location: str, *, batch: int = BULK_DOCUMENTS,
          session: requests.Session | None = None) -> BuildReport:
    """Load Crossref work records into an OpenSearch index (created with acuref's mapping if missing), in
    ``_bulk`` requests of ``batch`` works; a record whose DOI the index has already is skipped and counted."""
    index = OpenSearchIndex(location, session)
    index.create()
    t0 = time.perf_counter()
    works = repeated = 0
    for chunk in _batches(sources, batch):
        try:
            got = index._post("_bulk", bulk_body(index.index, chunk), "bulk load", ndjson=True)
        except NetworkError as err:
            raise OutputError(f"{index.location}: {err}") from None
        for item in got.get("items") or []:
            status = (item.get("create") or {}).get("status", 0)
            if status == 409:
                repeated += 1  # version conflict: the DOI is indexed already, its first record stays
            elif not 200 <= status < 300:
                error = (item.get("create") or {}).get("error") or {}
                raise OutputError(f"{index.location}: a work was refused: {error.get('reason') or status}")
            else:
                works += 1
    return BuildReport(works, repeated, time.perf_counter() - t0, 0)
