"""The Crossref stage against recorded payloads, mocked at the HTTP layer with `responses`."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
import requests
import responses

from acuref.resolve.cache import Cache
from acuref.cli import main
from acuref.resolve.crossref import CrossrefClient
from acuref.resolve.crossref_records import work_to_reference
from acuref.errors import UsageError
from acuref.model import Date, Name, Reference, Source
from acuref.parse.rules import parse_reference
from acuref.resolve.crossref import PUBLIC, PUBLISHED
from acuref.resolve.ratelimit import RateLimiter
from acuref.resolve.stage import resolve

DATA = Path(__file__).resolve().parent / "data" / "crossref"
BASE = "http://crossref.test"
WORKS = re.compile(re.escape(BASE) + r"/works(\?.*)?$")
SBRM_ACCEPTED = ("[1]D. Tkaczyk, P. Szostek, M. Fedoryszak, P. J. Dendek, and Bolikowski,“CERMINE: automatic extraction "
                 "of structured metadata from scientific literature,” International Journal on Document Analysis and "
                 "Recognition (IJDAR), vol. 18, no. 4, pp. 317–335, 2015.")
SBRM_REJECTED = ("P. Szostek, M. Fedoryszak, P. J. Dendek, and Ł. Bolikowski,“CERMINE: automatic extraction of structured "
                 "metadata from scientific literature,” IJDAR, vol. 14, no. 40, pp. 310–335, 2016.")


def recorded(name: str) -> list[dict]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def recorded_works() -> list[dict]:
    """The five real work records habanero recorded one by one (polite pool, June 2026)."""
    return [x["response"]["body"]["message"] for x in recorded("test_works_with_many_ids.json")]


def list_body(items: list[dict]) -> dict:
    """A `/works` list response built around real records (the list envelope is synthesised)."""
    return {"status": "ok", "message-type": "work-list",
            "message": {"items": items, "total-results": len(items), "items-per-page": len(items)}}


POLITE = {"x-api-pool": "polite", "x-rate-limit-limit": "10", "x-rate-limit-interval": "1s", "x-concurrency-limit": "3"}


def client(**kw) -> CrossrefClient:
    kw.setdefault("sleep", lambda s: None)
    return CrossrefClient(BASE, "user@example.org", **kw)


def ref_from(work: dict, **changes) -> Reference:
    ref = work_to_reference(work)
    return replace(ref, sources=(Source("printed", 1, 1, None, "list", "page.txt"),), **changes)


def test_batch_verification_with_reordered_results(no_network):
    """Printed DOIs are verified in one request; results come back reordered and lower-cased; an absent DOI is
    asked of /agency once, searched for, and marked suspect without its DOI when no record agrees."""
    works = recorded_works()
    refs = [ref_from(w, DOI=w["DOI"].upper()) for w in works]
    refs.append(Reference(title="A work that does not exist", DOI="10.1371/notarealdoi", issued=Date(2001)))
    reordered = [dict(w, DOI=w["DOI"].lower()) for w in reversed(works)]
    no_network.add(responses.GET, WORKS, json=list_body(reordered), headers=POLITE)
    bad = recorded("test_registration_agency_bad_request.json")[0]["response"]
    no_network.add(responses.GET, f"{BASE}/works/10.1371/notarealdoi/agency", body=bad["body"], status=404,
                   content_type="text/plain")
    out, warnings = resolve(refs, client())
    calls = [c.request.url for c in no_network.calls]
    assert len(calls) == 3
    assert "filter=doi" in calls[0] and calls[0].count("doi%3A") == 6
    assert "/agency" in calls[1] and "query.bibliographic=A+work+that+does+not+exist" in calls[2]
    assert [r.resolution.status for r in out] == ["verified"] * 5 + ["suspect"]
    assert [r.DOI for r in out[:5]] == [w["DOI"] for w in works]  # the registered case wins over the printed one
    assert "DOI" in out[0].resolution.record_fields
    assert out[5].DOI is None and out[5].resolution.printed_doi == "10.1371/notarealdoi"
    assert "not registered" in out[5].resolution.message and "no other record agrees" in out[5].resolution.message
    assert warnings


def test_404_plain_text_is_not_parsed_as_json(no_network):
    """Crossref's 404 for an unknown DOI is plain text ('Resource not found.') and means: no agency."""
    rec = recorded("test_works_bad_id_warn.json")[0]["response"]
    assert rec["headers"]["content-type"] == "text/plain"
    no_network.add(responses.GET, f"{BASE}/works/10.1371/notarealdoi/agency", body=rec["body"], status=404,
                   content_type="text/plain")
    assert client().agency("10.1371/notarealdoi") is None


def test_agency_other_than_crossref(no_network):
    """A DOI missing from Crossref but registered elsewhere keeps its printed DOI, reported as not found here."""
    rec = recorded("test_registration_agency.json")[0]["response"]
    body = json.loads(json.dumps(rec["body"]))
    body["message"]["agency"] = {"id": "datacite", "label": "DataCite"}  # the recorded answer, agency changed
    no_network.add(responses.GET, WORKS, json=list_body([]), headers=POLITE)
    no_network.add(responses.GET, re.compile(re.escape(BASE) + r"/works/.+/agency"), json=body)
    out, _ = resolve([Reference(title="Data", DOI="10.5061/dryad.abc", issued=Date(2020))], client())
    assert out[0].resolution.status == "not found" and "datacite" in out[0].resolution.message
    assert out[0].DOI == "10.5061/dryad.abc"


def test_400_validation_json_fails_that_reference_only(no_network):
    """A 400 validation answer (JSON) marks that search failed with Crossref's own message; others go on."""
    rec = recorded("test_works_query_filters_not_allowed_with_dois.json")[0]["response"]
    no_network.add(responses.GET, WORKS, json=rec["body"], status=400)
    ref = parse_reference("Huskisson EC. Measurement of pain. Lancet. 1974;2(7889):1127-31.")
    out, _ = resolve([ref], client())
    assert out[0].resolution.status == "failed"
    assert "does not support field query parameters" in out[0].resolution.message


def test_429_without_body_then_success(no_network):
    """A bare 429 is waited out (back-off) and the request succeeds on retry."""
    works = recorded_works()
    no_network.add(responses.GET, WORKS, status=429, body="")
    no_network.add(responses.GET, WORKS, json=list_body(works[:1]), headers=POLITE)
    c = client()
    got = c.works_by_dois([works[0]["DOI"]])
    assert got[works[0]["DOI"].lower()]["DOI"] == works[0]["DOI"]
    assert c.throttled == 1 and c.requests_made == 2


def test_retry_after_is_honoured():
    """Retry-After tells the limiter how long this class of request must wait."""
    clock = [100.0]
    waits: list[float] = []
    limiter = RateLimiter({"list": 1.0}, 1, clock=lambda: clock[0], sleep=waits.append)
    limiter.back_off("list", 7.0)
    limiter.acquire("list")
    limiter.release()
    assert waits == [7.0]


def test_5xx_is_retried(no_network):
    """Server errors are retried with back-off until an answer comes."""
    works = recorded_works()
    no_network.add(responses.GET, WORKS, status=503, body="busy")
    no_network.add(responses.GET, WORKS, status=502, body="bad gateway")
    no_network.add(responses.GET, WORKS, json=list_body(works[:1]), headers=POLITE)
    slept: list[float] = []
    c = client(sleep=slept.append)
    assert c.works_by_dois([works[0]["DOI"]])[works[0]["DOI"].lower()] is not None
    assert c.requests_made == 3 and sum(slept) > 0


def test_timeout_then_success_and_timeouts_to_failure(no_network):
    """A read timeout is retried; when every attempt times out, the references are marked failed."""
    works = recorded_works()
    no_network.add(responses.GET, WORKS, body=requests.exceptions.ReadTimeout("slow"))
    no_network.add(responses.GET, WORKS, json=list_body(works[:1]), headers=POLITE)
    assert client().works_by_dois([works[0]["DOI"]])
    no_network.reset()
    no_network.add(responses.GET, WORKS, body=requests.exceptions.ReadTimeout("slow"))
    out, _ = resolve([ref_from(works[0], DOI=works[0]["DOI"])], client(max_retries=2))
    assert out[0].resolution.status == "failed" and "timed out" in out[0].resolution.message


def test_network_down_mid_run_keeps_everything(no_network, tmp_path, capsys):
    """DOIs verified, then the network drops: the rest are marked failed, the output is complete, exit code 4."""
    works = recorded_works()
    page = tmp_path / "page.txt"
    lines = [f"{i}. Author A. Title number {i} about things. J Test. 200{i};{i}:1-{i + 9}. doi:{w['DOI']}"
             for i, w in enumerate(works[:2], start=1)]
    lines += ["3. Huskisson EC. Measurement of pain. Lancet. 1974;2(7889):1127-31.",
              "4. Postma TJ, Heimans JJ. Grading of neuropathy. Ann Oncol. 2000;11(5):509-13."]
    page.write_text("References\n" + "\n".join(lines) + "\n", encoding="utf-8")
    no_network.add(responses.GET, re.compile(re.escape(BASE) + r"/works\?filter=.*"), json=list_body(works[:2]),
                   headers=POLITE)
    no_network.add(responses.GET, re.compile(re.escape(BASE) + r"/works\?query.*"),
                   body=requests.exceptions.ConnectionError("Network is unreachable"))
    out = tmp_path / "out.json"
    report = tmp_path / "report.json"
    code = main(["export", str(page), "--crossref-url", BASE, "--mailto", "user@example.org", "--no-cache",
                 "-o", str(out), "--report", str(report), "-q"])
    assert code == 4
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "marked 'failed'" in err[0]
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == 4
    statuses = [i["status"] for i in json.loads(report.read_text(encoding="utf-8"))["items"]]
    assert statuses[2:] == ["failed", "failed"]
    assert "acuref: failed" in items[3]["note"]


def test_sbrm_right_paper_wrong_numbers_is_rejected(no_network):
    """Crossref's own test: the top hit is the CERMINE paper, but volume, issue, pages and year disagree."""
    no_network.add(responses.GET, WORKS, json=json.loads((DATA / "sbrm-rejected-response.json").read_text()))
    out, _ = resolve([parse_reference(SBRM_REJECTED)], client())
    assert out[0].resolution.status == "not found"
    assert out[0].DOI is None


def test_sbrm_unstructured_reference_is_matched(no_network):
    """The correct citation of the same paper is matched to 10.1007/s10032-015-0249-8, and enriched."""
    no_network.add(responses.GET, WORKS, json=json.loads((DATA / "sbrm-accepted-response.json").read_text()))
    out, _ = resolve([parse_reference(SBRM_ACCEPTED)], client())
    res = out[0].resolution
    assert res.status == "matched" and res.doi == "10.1007/s10032-015-0249-8" and res.score >= 0.9
    assert out[0].DOI == "10.1007/s10032-015-0249-8" and "DOI" in res.record_fields
    query = no_network.calls[0].request.url
    assert "query.bibliographic=" in query and "select=" in query and "rows=5" in query


def test_printed_doi_of_another_work_is_suspect(no_network):
    """A printed DOI whose record has another volume and pages is reported as suspect, not kept silently."""
    work = recorded_works()[2]
    ref = replace(ref_from(work, DOI=work["DOI"]), volume="99", page="1-9")
    no_network.add(responses.GET, WORKS, json=list_body([work]), headers=POLITE)
    out, warnings = resolve([ref], client())
    assert out[0].resolution.status == "suspect" and "volume" in out[0].resolution.message
    assert warnings and "suspect" in warnings[0].message


def test_enrichment_fills_without_overwriting(no_network):
    """A verified record fills the issue, pages and full journal title; the printed title stays."""
    work = recorded_works()[0]
    record = work_to_reference(work)
    printed = Reference(title=record.title.upper(), author=record.author[:1], author_truncated=True,
                        container_title=record.container_title_short or "Neurobiol Aging",
                        issued=Date(record.issued.year), volume=record.volume, DOI=work["DOI"])
    no_network.add(responses.GET, WORKS, json=list_body([work]), headers=POLITE)
    out, _ = resolve([printed], client())
    ref = out[0]
    assert ref.resolution.status == "verified"
    assert ref.title == printed.title  # printed text is not overwritten
    assert ref.issue == record.issue and (ref.page or ref.number)
    assert len(ref.author) == len(record.author) and not ref.author_truncated
    assert set(ref.resolution.record_fields) >= {"author", "issue"}


def test_an_unsure_model_reading_yields_to_the_verified_record(no_network):
    """A model reading with low confidence takes the verified record's title; a confident one keeps its own."""
    work = recorded_works()[0]
    record = work_to_reference(work)
    base = Reference(title=record.title + " " + (record.container_title or ""), author=record.author[:1],
                     container_title=record.container_title, issued=Date(record.issued.year), volume=record.volume,
                     DOI=work["DOI"], parser="model")
    no_network.add(responses.GET, WORKS, json=list_body([work]), headers=POLITE)
    out, _ = resolve([replace(base, confidence=0.6), replace(base, confidence=0.99)], client())
    assert [r.resolution.status for r in out] == ["verified", "verified"]
    assert out[0].title == record.title and "title" in out[0].resolution.record_fields
    assert out[1].title == base.title


def test_second_run_makes_no_request(no_network, tmp_path):
    """With the SQLite cache, resolving the same references again makes zero requests."""
    works = recorded_works()
    refs = [ref_from(w, DOI=w["DOI"]) for w in works]
    refs.append(parse_reference(SBRM_ACCEPTED))
    no_network.add(responses.GET, re.compile(re.escape(BASE) + r"/works\?filter=.*"), json=list_body(works))
    no_network.add(responses.GET, re.compile(re.escape(BASE) + r"/works\?query.*"),
                   json=json.loads((DATA / "sbrm-accepted-response.json").read_text()))
    cache_file = tmp_path / "cache.sqlite"
    first, _ = resolve(refs, client(cache=Cache(cache_file)))
    n = len(no_network.calls)
    assert n == 2, [c.request.url[:80] for c in no_network.calls]
    second, _ = resolve(refs, client(cache=Cache(cache_file)))
    assert len(no_network.calls) == n
    assert [r.resolution for r in first] == [r.resolution for r in second]


def test_user_agent_and_polite_pool(no_network):
    """Requests name acuref in the User-Agent and carry the mailto."""
    no_network.add(responses.GET, WORKS, json=list_body([]), headers=POLITE)
    client().works_by_dois(["10.1/x"])
    req = no_network.calls[0].request
    assert req.headers["User-Agent"].startswith("acuref/") and "mailto:user@example.org" in req.headers["User-Agent"]
    assert "mailto=user%40example.org" in req.url


def test_mailto_without_at_is_a_usage_error():
    """--mailto must be an e-mail address."""
    with pytest.raises(UsageError):
        CrossrefClient(BASE, "not-an-address")


def test_limits_follow_headers():
    """Announced limits set the spacing of single and list requests and the concurrency."""
    limiter = RateLimiter({"single": 5.0, "list": 1.0}, 1, ceilings=PUBLISHED)
    limiter.update("single", {"x-api-pool": "polite", "x-rate-limit-limit": "10", "x-rate-limit-interval": "1s",
                              "x-concurrency-limit": "3"})
    assert limiter.rate("single") == 10.0 and limiter.rate("list") == pytest.approx(3.0) and limiter.concurrency == 3


@pytest.mark.parametrize("pool,announced,single,listed,conc", [
    # (pool, what every answer announces as x-rate-limit-limit per route, expected single, list, concurrency)
    ("polite", {"single": "10", "list": "10"}, 10.0, 3.0, 3),  # the single-record limit on every route
    ("polite", {"single": "10", "list": "3"}, 10.0, 3.0, 3),  # the list-route limit on list routes
    ("public", {"single": "5", "list": "5"}, 5.0, 1.0, 1),
    ("public", {"single": "5", "list": "1"}, 5.0, 1.0, 1),
    ("polite", {"single": "4", "list": "2"}, 4.0, 2.0, 3),  # a server asking for less is obeyed
    ("polite", {"single": "50", "list": "50"}, 10.0, 3.0, 3),  # one announcing more is not believed
])
def test_rate_is_the_smaller_of_announced_and_published(pool, announced, single, listed, conc):
    """Either header convention gives each class the smaller of its announced and published rate."""
    limiter = RateLimiter(*PUBLIC, ceilings=PUBLISHED)
    for kind in ("list", "single", "list"):
        limiter.update(kind, {"x-api-pool": pool, "x-rate-limit-limit": announced[kind], "x-rate-limit-interval": "1s",
                              "x-concurrency-limit": "3" if pool == "polite" else "1"})
    assert (limiter.rate("single"), limiter.rate("list"), limiter.concurrency) == (single, listed, conc)


def test_waiting_for_a_list_slot_holds_no_concurrency_slot():
    """A search waiting for the list route's spacing does not keep a single-record lookup from starting."""
    clock = [0.0]
    slept: list[float] = []
    limiter = RateLimiter({"single": 10.0, "list": 3.0}, 1, clock=lambda: clock[0], sleep=slept.append)
    clock[0] = 1.0  # past the first interval every new limiter waits (for the previous run's requests)
    limiter.acquire("list")
    limiter.release()
    limiter.acquire("single")  # the list route's next turn is 0.35 s away; single goes now
    limiter.release()
    assert slept == []
    limiter.acquire("list")
    limiter.release()
    assert slept == [pytest.approx(1.06 / 3)]


def test_a_new_limiter_leaves_room_for_the_run_before():
    """The first request of each class waits one interval, so back-to-back runs together keep the rate."""
    slept: list[float] = []
    limiter = RateLimiter({"single": 10.0, "list": 3.0}, 3, clock=lambda: 0.0, sleep=slept.append)
    limiter.acquire("list")
    assert slept == [pytest.approx(1.06 / 3)]


def test_url_stays_under_the_limit_and_414_splits(no_network):
    """Many DOIs are split across requests under the URL limit; a 414 splits the batch again."""
    dois = [f"10.5555/very-long-identifier-number-{i:05d}" for i in range(250)]
    no_network.add(responses.GET, WORKS, status=414, body="URI Too Long")
    no_network.add(responses.GET, WORKS, json=list_body([]))
    c = client()
    got = c.works_by_dois(dois)
    assert len(got) == 250 and all(v is None for v in got.values())
    assert all(len(call.request.url) < 5000 for call in no_network.calls)
    assert len(no_network.calls) <= 8


def test_not_attempted_when_too_little_was_parsed(no_network):
    """A reference with neither DOI, title nor journal numbers is not searched."""
    ref = parse_reference("utter nonsense")
    out, _ = resolve([ref], client())
    assert out[0].resolution.status == "not attempted" and not no_network.calls


def test_ambiguous_candidates_get_no_doi(no_network):
    """Two candidates that both agree and score alike, with different DOIs: ambiguous, no DOI assigned."""
    work = recorded_works()[0]
    twin = dict(work, DOI="10.9999/twin")
    no_network.add(responses.GET, WORKS, json=list_body([work, twin]))
    record = work_to_reference(work)
    ref = Reference(title=record.title, author=record.author[:1], issued=record.issued, volume=record.volume,
                    container_title="Neurobiol Aging", sources=(Source("x", 1, 1, None, "list", "f"),))
    out, _ = resolve([ref], client())
    assert out[0].resolution.status == "ambiguous" and out[0].DOI is None
    assert set(out[0].resolution.candidates) == {work["DOI"], "10.9999/twin"}
    assert out[0].author[0] == Name(record.author[0].family, record.author[0].given)
