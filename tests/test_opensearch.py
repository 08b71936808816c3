"""The OpenSearch backend at the REST level: the requests acuref builds, and its reading of the answers.

No OpenSearch server installs here, so the server is played by ``responses``: its DOI look-up answers from the
real recorded Crossref records, its search ranks them with the local snapshot's BM25, and every request body
is checked against what OpenSearch's API takes.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import requests
import responses

from acuref.cli import main
from acuref.errors import UsageError
from acuref.model import Status
from acuref.resolve import opensearch, snapshot
from acuref.resolve.stage import resolve
from acuref.settings import Settings
from test_crossref import recorded_works
from test_snapshot import CERMINE, LIEBER, NOT_INDEXED, SBRM, index, printed  # noqa: F401  (index: a fixture)

SERVER = "http://search.example:9200"
LOCATION = f"{SERVER}/crossref"


def _ndjson(body: bytes) -> list[dict]:
    return [json.loads(line) for line in body.decode().splitlines() if line.strip()]


class FakeServer:
    """Answers acuref's index, bulk, multi-get and search requests as OpenSearch does, from an in-memory index."""

    def __init__(self, rsps: responses.RequestsMock, ranker: snapshot.Snapshot | None = None):
        self.docs: dict[str, dict] = {}
        self.mapping: dict | None = None
        self.searches: list[dict] = []
        self.ranker = ranker
        rsps.add_callback(responses.PUT, LOCATION, callback=self._create)
        rsps.add_callback(responses.POST, f"{SERVER}/_bulk", callback=self._bulk)
        rsps.add_callback(responses.POST, f"{LOCATION}/_mget", callback=self._mget)
        rsps.add_callback(responses.POST, f"{LOCATION}/_search", callback=self._search)

    def _create(self, request):
        if self.mapping is not None:
            return 400, {}, json.dumps({"error": {"type": "resource_already_exists_exception", "reason": "exists"}})
        self.mapping = json.loads(request.body)
        return 200, {}, json.dumps({"acknowledged": True, "index": "crossref"})

    def _bulk(self, request):
        assert request.headers["Content-Type"] == "application/x-ndjson"
        lines = _ndjson(request.body)
        items = []
        for action, doc in zip(lines[::2], lines[1::2]):
            key = action["create"]["_id"]
            assert action["create"]["_index"] == "crossref" and key == doc["doi"]
            if key in self.docs:
                items.append({"create": {"_id": key, "status": 409, "error": {"type": "version_conflict_engine_exception"}}})
            else:
                self.docs[key] = doc
                items.append({"create": {"_id": key, "status": 201}})
        return 200, {}, json.dumps({"took": 3, "errors": any(i["create"]["status"] >= 300 for i in items), "items": items})

    def _mget(self, request):
        body = json.loads(request.body)
        docs = []
        for want in body["docs"]:
            assert want["_source"] == ["record"]
            doc = self.docs.get(want["_id"])
            docs.append({"_index": "crossref", "_id": want["_id"], "found": doc is not None,
                         **({"_source": {"record": doc["record"]}} if doc else {})})
        return 200, {}, json.dumps({"docs": docs})

    def _search(self, request):
        body = json.loads(request.body)
        self.searches.append(body)
        query = body["query"]["match"]["text"]["query"]
        hits = [{"_index": "crossref", "_id": work["DOI"].lower(), "_score": score, "_source": {"record": work}}
                for work, score in (self.ranker.search(query, body["size"]) if self.ranker else [])
                if work["DOI"].lower() in self.docs]
        return 200, {}, json.dumps({"hits": {"total": {"value": len(hits)}, "hits": hits}})


@pytest.fixture
def loaded(tmp_path, index):  # noqa: F811
    """The ten real records of the snapshot fixture, loaded into the played server with ``index build``."""
    lines = tmp_path / "works.jsonl"
    lines.write_text("".join(json.dumps(w) + "\n" for w in recorded_works() + SBRM), encoding="utf-8")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        server = FakeServer(rsps, snapshot.Snapshot(index))
        built = opensearch.build([lines], LOCATION, batch=4)
        assert (built.works, built.duplicates) == (10, 0)
        yield server


def test_build_creates_the_index_and_loads_every_work(loaded):
    """The index is created with acuref's mapping (DOI keyword, folded text, the record stored, not indexed) and
    each work arrives keyed by its lower-cased DOI with the snapshot's text row and only the kept keys."""
    props = loaded.mapping["mappings"]["properties"]
    assert props["doi"] == {"type": "keyword"} and props["record"]["enabled"] is False
    assert loaded.mapping["settings"]["analysis"]["analyzer"]["folded"]["filter"] == ["lowercase", "asciifolding"]
    doc = loaded.docs["10.1002/jor.1100150407"]
    assert doc["record"]["DOI"] == "10.1002/jor.1100150407" and set(doc["record"]) <= set(snapshot.KEPT)
    assert doc["text"] == snapshot.text_of(doc["record"])


def test_a_second_build_skips_what_is_there_and_uses_the_index_as_it_is(loaded, tmp_path):
    """Loading the same works again: every one is a repeated DOI (the first record stays), no error."""
    lines = tmp_path / "again.jsonl"
    lines.write_text("".join(json.dumps(w) + "\n" for w in recorded_works()), encoding="utf-8")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        server = FakeServer(rsps)
        server.docs, server.mapping = loaded.docs, loaded.mapping
        built = opensearch.build([lines], LOCATION)
    assert (built.works, built.duplicates) == (0, 5)


def test_search_body_is_a_match_on_the_folded_terms():
    """The search asks for the reference's words as the snapshot folds them (accents off, stop words out)."""
    body = opensearch.search_body("Müller J. The ﬁrst of the trials in Größe. Lancet. 2001;357:1-9.", rows=5)
    assert body == {"size": 5, "query": {"match": {"text": {"query": "muller first trials große lancet 2001 357 1 9"}}},
                    "_source": ["record"]}
    assert opensearch.search_body("... ;;; ") is None


def test_opensearch_resolver_gives_what_the_local_index_gives(loaded, index):  # noqa: F811
    """Printed DOIs verified, missing ones found, a wrong one corrected, an unindexed work left without a DOI:
    the same DOIs and statuses as the snapshot file of the same records."""
    refs = [printed(CERMINE), printed(LIEBER), printed(NOT_INDEXED),
            replace(printed(LIEBER), DOI="10.1002/jor.1100150407"), replace(printed(LIEBER), DOI="10.1038/srep16696")]
    local, _ = Settings(resolver=f"local:{index}").make_resolver()
    expected, _ = resolve(refs, local)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        server = FakeServer(rsps, snapshot.Snapshot(index))
        server.docs = loaded.docs
        remote, warnings = Settings(resolver=f"opensearch:{LOCATION}").make_resolver()
        got, _ = resolve(refs, remote)
    assert warnings == [] and server.searches
    assert [(r.resolution.status, r.DOI) for r in got] == [(r.resolution.status, r.DOI) for r in expected]
    assert [r.resolution.status for r in got] == [Status.MATCHED, Status.MATCHED, Status.NOT_FOUND, Status.VERIFIED,
                                                  Status.CORRECTED]
    assert got[0].resolution.backend == "opensearch" and got[2].DOI is None


def test_an_unreachable_server_marks_references_failed_not_wrong():
    """No server at the address: every reference stays as printed, marked failed, with a message naming it."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.add(responses.POST, f"{LOCATION}/_search", body=requests.ConnectionError("refused"))
        rsps.add(responses.POST, f"{LOCATION}/_mget", body=requests.ConnectionError("refused"))
        remote, _ = Settings(resolver=f"opensearch:{LOCATION}").make_resolver()
        out, _ = resolve([printed(LIEBER)], remote)
    assert out[0].resolution.status == Status.FAILED and out[0].DOI is None
    assert SERVER in out[0].resolution.message


@pytest.mark.parametrize("spec", ["opensearch", "opensearch:crossref", "opensearch:http://host:9200"])
def test_an_index_location_without_a_server_or_index_is_a_usage_error(spec):
    """``--resolver opensearch`` needs http(s)://HOST:PORT/INDEX."""
    with pytest.raises(UsageError):
        Settings(resolver=spec).make_resolver()


def test_index_build_to_an_unreachable_server_is_one_line(tmp_path, capsys):
    """``index build --opensearch`` with no server there: exit 5, one line naming the index."""
    src = tmp_path / "works.jsonl"
    src.write_text(json.dumps(recorded_works()[0]) + "\n", encoding="utf-8")
    with responses.RequestsMock() as rsps:
        rsps.add(responses.PUT, LOCATION, body=requests.ConnectionError("refused"))
        assert main(["index", "build", str(src), "--opensearch", LOCATION]) == 5
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and LOCATION in err
