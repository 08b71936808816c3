"""Hostile resolver answers and caches: anything that is not a whole answer is a failure (retried, then
``failed``, exit 4, every reference written), never a traceback, and never cached."""

from __future__ import annotations

import http.server
import json
import re
import sqlite3
import threading
import time

import pytest
import requests
import responses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acuref.cli import main
from acuref.model import Date, Reference
from acuref.resolve import answers, crossref
from acuref.resolve.cache import Cache
from acuref.resolve.crossref import CrossrefClient
from acuref.resolve.crossref_backend import candidate
from acuref.resolve.stage import resolve

BASE = "http://crossref.test"
WORKS = re.compile(re.escape(BASE) + r"/works.*")
PAGE = ("References\n\n"
        "1. Okafor N, Lindqvist B. Grip strength in older adults: a cohort. J Aging Res. 2011;12(3):45-52. "
        "doi:10.1234/jar.2011.045\n")
RECORD = {"DOI": "10.1234/jar.2011.045", "type": "journal-article",
          "title": ["Grip strength in older adults: a cohort"], "container-title": ["J Aging Res"],
          "author": [{"family": "Okafor", "given": "N"}, {"family": "Lindqvist", "given": "B"}],
          "volume": "12", "issue": "3", "page": "45-52", "published-print": {"date-parts": [[2011]]}}
GOOD = {"status": "ok", "message": {"items": [RECORD], "total-results": 1}}


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    """Retries without their back-off or spacing: a failing server is asked the same number of times, at once."""
    monkeypatch.setattr(CrossrefClient, "_delay", lambda self, attempt: 0.0)
    monkeypatch.setattr(crossref, "PUBLIC", ({"single": 1000.0, "list": 1000.0}, 1))


# What a server (or a proxy in front of it) may send instead of an answer: responses keyword arguments.
BROKEN = {
    "cut JSON": {"body": json.dumps(GOOD)[:70], "content_type": "application/json"},
    "HTML page": {"body": "<!doctype html><html><body><h1>Sign in to the network</h1></body></html>",
                  "content_type": "text/html"},
    "message is a list": {"json": {"status": "ok", "message": [1, 2]}},
    "items are strings": {"json": {"status": "ok", "message": {"items": ["10.1234/x", 7]}}},
    "bare JSON list": {"json": [GOOD]},
    "body shorter than its Content-Length": {"body": requests.exceptions.ChunkedEncodingError("cut short")},
    "redirect loop": {"body": requests.exceptions.TooManyRedirects("Exceeded 30 redirects.")},
    "undecodable body": {"body": requests.exceptions.ContentDecodingError("bad gzip")},
}


@pytest.mark.parametrize("how", list(BROKEN), ids=list(BROKEN))
def test_a_broken_answer_is_a_failure_never_cached(no_network, tmp_path, capsys, how):
    """Exit 4 with the reference written and marked failed; the broken answer is not cached, so the next run
    against a working server exports the DOI."""
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    out, cache = tmp_path / "out.json", tmp_path / "c.sqlite"
    argv = ["export", str(page), "--crossref-url", BASE, "--cache", str(cache), "-o", str(out), "-q"]
    no_network.add(responses.GET, WORKS, **BROKEN[how])
    assert main(argv) == 4
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1 and "failed" in err
    item, = json.loads(out.read_text(encoding="utf-8"))
    assert item["title"].startswith("Grip strength")
    no_network.reset()
    no_network.add(responses.GET, WORKS, json=GOOD)
    no_network.add(responses.GET, re.compile(re.escape(BASE) + r"/works/.+/agency"), json={"message": {}})
    assert main(argv) == 0
    assert json.loads(out.read_text(encoding="utf-8"))[0]["DOI"] == "10.1234/jar.2011.045"


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                        st.sampled_from(["date-parts", "family", "given", "name", "type", "DOI", "id", "updated"])
                        | st.text(max_size=4), inner, max_size=3), max_leaves=12)
FIELDS = ["DOI", "type", "title", "author", "editor", "container-title", "short-container-title", "volume", "issue",
          "page", "article-number", "published-print", "issued", "ISSN", "publisher", "score", "update-to",
          "updated-by", "relation"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(FIELDS), JSON, max_size=8))
def test_a_record_of_any_json_shape_is_read_without_error(work):
    """Whatever JSON a record holds where a string, list or date is due, it becomes a candidate (or nothing)."""
    candidate(work)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=JSON)
def test_any_json_body_is_an_answer_or_a_failure(no_network, body):
    """Any JSON body on a 200: the reference is resolved or failed, never an exception out of resolve."""
    no_network.reset()
    no_network.add(responses.GET, WORKS, json=body)
    no_network.add(responses.GET, re.compile(re.escape(BASE) + r"/works/.+/agency"), json=body)
    ref = Reference(title="Grip strength in older adults", DOI="10.1234/jar.2011.045", issued=Date(2011))
    out, _ = resolve([ref], CrossrefClient(BASE, sleep=lambda s: None, max_retries=1, backoff=0.0))
    assert len(out) == 1 and out[0].resolution is not None


# ---------------------------------------------------------------------------------------------------- caches

CACHED = {
    "not JSON": "{\"work\": {\"DOI\": ",
    "a JSON string": "\"10.1234/jar.2011.045\"",
    "a work that is a list": json.dumps({"work": ["DOI"]}),
    "items that are a string": json.dumps({"items": "none"}),
}


@pytest.mark.parametrize("how", list(CACHED), ids=list(CACHED))
def test_a_cache_value_of_the_wrong_shape_is_a_miss_asked_again(no_network, tmp_path, capsys, how):
    """A cached value that is not what acuref stores is asked again and replaced, with one warning."""
    path = tmp_path / "c.sqlite"
    Cache(path).close()
    db = sqlite3.connect(path)
    for key in ("doi:10.1234/jar.2011.045", "agency:10.1234/jar.2011.045"):
        db.execute("INSERT INTO answers VALUES (?, ?, 0)", (key, CACHED[how]))
    db.commit()
    db.close()
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    no_network.add(responses.GET, WORKS, json=GOOD)
    out = tmp_path / "out.json"
    assert main(["export", str(page), "--crossref-url", BASE, "--cache", str(path), "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))[0]["DOI"] == "10.1234/jar.2011.045"
    err = capsys.readouterr().err
    if how in ("not JSON", "a JSON string"):  # the others are JSON objects: the client's own shape check
        assert "cache holds answers that are not JSON objects" in err
    assert "Traceback" not in err


def test_a_cache_file_of_random_bytes_is_moved_aside_with_a_warning(no_network, tmp_path, capsys):
    """The README's promise: a cache file that is not a database is moved aside, rebuilt, and said."""
    path = tmp_path / "c.sqlite"
    path.write_bytes(bytes(range(256)) * 64)
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    no_network.add(responses.GET, WORKS, json=GOOD)
    assert main(["export", str(page), "--crossref-url", BASE, "--cache", str(path), "-o", str(tmp_path / "o.json")]) == 0
    err = capsys.readouterr().err
    assert "cache was corrupt" in err and "moved to" in err
    assert [p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name]


OPENSEARCH = "http://search.example:9200/crossref"


@pytest.mark.parametrize("how", ["cut JSON", "HTML page", "bare JSON list", "body shorter than its Content-Length"])
def test_a_broken_opensearch_answer_is_a_network_failure(no_network, how):
    """The same rule for an OpenSearch index: a broken answer is a NetworkError (the stage marks it failed)."""
    from acuref.errors import NetworkError
    from acuref.resolve.opensearch import OpenSearchIndex

    no_network.add(responses.POST, re.compile(re.escape(OPENSEARCH) + r"/_(mget|search)"), **BROKEN[how])
    index = OpenSearchIndex(OPENSEARCH)
    with pytest.raises(NetworkError):
        index.works(["10.1234/jar.2011.045"])
    with pytest.raises(NetworkError):
        index.search("Okafor N. Grip strength in older adults. J Aging Res. 2011;12:45-52.")


def test_odd_json_from_opensearch_reads_as_no_record(no_network):
    """Well-formed JSON of another shape (docs and hits that are not objects) reads as nothing found, no crash."""
    from acuref.resolve.opensearch import OpenSearchIndex

    no_network.add(responses.POST, re.compile(re.escape(OPENSEARCH) + r"/_mget"), json={"docs": [1, "x", None]})
    no_network.add(responses.POST, re.compile(re.escape(OPENSEARCH) + r"/_search"), json={"hits": {"hits": [7]}})
    index = OpenSearchIndex(OPENSEARCH)
    assert index.works(["10.1234/jar.2011.045"]) == {"10.1234/jar.2011.045": None}
    assert index.search("Okafor N. Grip strength in older adults. J Aging Res. 2011;12:45-52.") == []


@pytest.mark.parametrize("value,seconds", [("1e9", 120.0), ("inf", 120.0), ("nan", None), ("-5", 0.0), ("3", 3.0),
                                           ("Wed, 21 Oct 9999 07:28:00 GMT", 120.0), ("soon", None)])
def test_retry_after_is_bounded(value, seconds):
    """A Retry-After of a billion seconds, infinity or nonsense neither hangs a run nor crashes it."""
    assert crossref._retry_after(value) == seconds


class _Hostile(http.server.BaseHTTPRequestHandler):
    """A loopback server that answers every request in one hostile way, chosen by the test."""

    how = "trickle"

    def do_GET(self):  # noqa: N802 (the standard library's name)
        if self.how == "redirect loop":
            self.send_response(302)
            self.send_header("Location", self.path)
            self.end_headers()
            return
        body = json.dumps(GOOD).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body) + (1000 if self.how == "short body" else 0)))
        self.end_headers()
        if self.how == "trickle":
            for byte in body[:40]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.05)
        self.wfile.write(body)
        self.wfile.flush()
        self.close_connection = True

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("how", ["trickle", "short body", "redirect loop"])
def test_a_real_hostile_server_is_a_failure_in_bounded_time(no_network, monkeypatch, how):
    """Against a real loopback server: a body trickled past the time bound, a body shorter than its
    Content-Length and a redirect loop each end as failed references, within seconds."""
    monkeypatch.setattr(answers, "MAX_SECONDS", 1.0)
    handler = type("Handler", (_Hostile,), {"how": how})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    no_network.add_passthru(base)
    try:
        ref = Reference(title="Grip strength in older adults", DOI="10.1234/jar.2011.045", issued=Date(2011))
        started = time.monotonic()
        out, _ = resolve([ref], CrossrefClient(base, sleep=lambda s: None, max_retries=1, backoff=0.0))
        assert out[0].resolution.status == "failed" and time.monotonic() - started < 20
    finally:
        server.shutdown()
        server.server_close()
