"""The PubMed route: ECitMatch in batches, ESummary and the ID converter, validated like any search hit.

The ID converter's payload is a real recording (tests/data/ncbi). ECitMatch and ESummary answers are built
here in the shapes NCBI's E-utilities documentation gives (ECitMatch echoes each ``journal|year|volume|page|
author|key|`` line with the PMID, NOT_FOUND or AMBIGUOUS appended; ESummary's JSON keys documents by PMID),
for works invented for the test: no network, no recorded NCBI answer claimed where there is none.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs

import responses

import acuref.resolve.pubmed as pubmed
from acuref.cli import main
from acuref.model import Date, Name, Reference, Status
from acuref.resolve.backend import Chain
from acuref.resolve.pubmed import EUTILS, IDCONV, PubMedClient, citation_line, parse_citmatch, summary_to_reference
from acuref.resolve.pubmed_backend import PubMedResolver
from acuref.resolve.stage import resolve

DATA = Path(__file__).resolve().parent / "data" / "ncbi"
CITMATCH = f"{EUTILS}/ecitmatch.cgi"
ESUMMARY = f"{EUTILS}/esummary.fcgi"


def article(k: int, **kw) -> Reference:
    """An invented article k, as a document would print it (journal abbreviation, no DOI)."""
    base = dict(type="article-journal", author=(Name(f"Family{k}", "A. B."), Name("Other", "C.")),
                title=f"Acupuncture trial number {k} in painful neuropathy", container_title="J Pain Res",
                issued=Date(2000 + k % 20), volume=str(10 + k), issue="2", page=f"{100 + k}-{110 + k}")
    base.update(kw)
    return Reference(**base)


def summary(k: int, pmid: str, *, doi: str | None = None, **kw) -> dict:
    ids = [{"idtype": "pubmed", "idtypen": 1, "value": pmid}]
    if doi:
        ids.append({"idtype": "doi", "idtypen": 3, "value": doi})
    doc = {"uid": pmid, "pubdate": f"{2000 + k % 20} Mar", "source": "J Pain Res",
           "fulljournalname": "Journal of pain research", "authors": [{"name": f"Family{k} AB", "authtype": "Author"},
                                                                       {"name": "Other C", "authtype": "Author"}],
           "title": f"Acupuncture trial number {k} in painful neuropathy.", "volume": str(10 + k), "issue": "2",
           "pages": f"{100 + k}-{10 + k}", "articleids": ids}
    doc.update(kw)
    return doc


def citmatch_callback(answers: dict[int, str]):
    """ECitMatch: every line echoed with the PMID (or NOT_FOUND) for the article its page names."""
    def reply(request):
        lines = parse_qs(request.body)["bdata"][0].split("\r")
        out = []
        for line in lines:
            k = int(line.split("|")[3]) - 100
            out.append(line + answers.get(k, "NOT_FOUND"))
        return 200, {"Content-Type": "text/plain"}, "\n".join(out) + "\n"
    return reply


def esummary_callback(docs: dict[str, dict]):
    def reply(request):
        ids = parse_qs(request.body)["id"][0].split(",")
        result = {"uids": [i for i in ids if i in docs], **{i: docs[i] for i in ids if i in docs}}
        return 200, {"Content-Type": "application/json"}, json.dumps({"header": {"type": "esummary"}, "result": result})
    return reply


def resolver(**kw) -> PubMedResolver:
    return PubMedResolver(PubMedClient(sleep=lambda s: None, **kw))


def test_citation_line_is_what_ecitmatch_reads():
    """journal|year|volume|first page|family initials|key| from the parsed fields; none without volume or page."""
    ref = article(1)
    assert citation_line(ref, "k1") == "J Pain Res|2001|11|101|Family1 AB|k1|"
    assert citation_line(replace(ref, page=None), "k1") is None
    assert parse_citmatch("J Pain Res|2001|11|101|Family1 AB|k1|123\nX|1|2|3|Y|k2|NOT_FOUND\n"
                          "X|1|2|3|Y|k3|AMBIGUOUS 4,5\n") == {"k1": "123", "k2": None, "k3": None}


@responses.activate
def test_hundreds_of_references_go_in_one_request_each():
    """150 DOI-less references: one ECitMatch request with all 150 lines, one ESummary request, 150 DOIs."""
    refs = [article(k) for k in range(150)]
    pmids = {k: str(9000000 + k) for k in range(150)}
    responses.add_callback(responses.POST, CITMATCH, callback=citmatch_callback(pmids))
    responses.add_callback(responses.POST, ESUMMARY, callback=esummary_callback(
        {p: summary(k, p, doi=f"10.9999/pain.{k}") for k, p in pmids.items()}))
    out, _ = resolve(refs, resolver())
    assert [r.DOI for r in out] == [f"10.9999/pain.{k}" for k in range(150)]
    assert all(r.resolution.status == Status.MATCHED and r.resolution.backend == "pubmed" for r in out)
    assert [r.PMID for r in out] == [pmids[k] for k in range(150)]  # the PMID found is kept too
    bodies = [parse_qs(c.request.body) for c in responses.calls]
    assert [len(b["bdata"][0].split("\r")) if "bdata" in b else len(b["id"][0].split(",")) for b in bodies] == [150, 150]


@responses.activate
def test_a_pmid_whose_record_disagrees_gives_no_doi():
    """ECitMatch's weight on journal, volume and page can name another work: validation keeps its DOI out."""
    refs = [article(1), article(2), article(3)]
    responses.add_callback(responses.POST, CITMATCH, callback=citmatch_callback({1: "111", 2: "222"}))
    responses.add_callback(responses.POST, ESUMMARY, callback=esummary_callback({
        "111": summary(1, "111", doi="10.9999/right"),
        # same journal, volume and page; another first author, title and year
        "222": summary(2, "222", doi="10.9999/other-work", authors=[{"name": "Stranger Q", "authtype": "Author"}],
                       title="Serum sodium in marathon runners.", pubdate="1987 Jan")}))
    out, _ = resolve(refs, resolver())
    assert [r.DOI for r in out] == ["10.9999/right", None, None]
    assert [r.resolution.status for r in out] == [Status.MATCHED, Status.NOT_FOUND, Status.NOT_FOUND]


@responses.activate
def test_id_converter_fills_a_doi_esummary_lacks():
    """A PMID whose summary has no DOI gets it (and its PMCID) from the PMC ID converter."""
    recorded = json.loads((DATA / "idconv_recorded.json").read_text(encoding="utf-8"))[0]["response"]["body"]
    rec = recorded["records"][0]
    ref = article(5)
    responses.add_callback(responses.POST, CITMATCH, callback=citmatch_callback({5: rec["pmid"]}))
    responses.add_callback(responses.POST, ESUMMARY, callback=esummary_callback({rec["pmid"]: summary(5, rec["pmid"])}))
    responses.add(responses.POST, IDCONV, json=recorded)
    out, _ = resolve([ref], resolver())
    assert (out[0].DOI, out[0].resolution.status) == (rec["doi"], Status.MATCHED)


@responses.activate
def test_the_recorded_id_converter_answer_is_read():
    """The real recorded ID converter payload gives the DOI and PMCID of its PMID."""
    recorded = json.loads((DATA / "idconv_recorded.json").read_text(encoding="utf-8"))[0]["response"]["body"]
    responses.add(responses.POST, IDCONV, json=recorded)
    got = PubMedClient(sleep=lambda s: None).convert(["20495566"])
    assert got == {"20495566": {"doi": "10.1038/ng.590", "pmcid": "PMC2883744"}}


def test_summary_fields_become_a_reference():
    """NCBI's names, dates and abbreviated pages become the model's fields."""
    ref = summary_to_reference(summary(7, "777", doi="10.9999/x", articleids=[
        {"idtype": "doi", "value": "10.9999/x"}, {"idtype": "pmc", "value": "PMC123"}]))
    assert (ref.author[0].family, ref.author[0].given, ref.issued, ref.page, ref.PMID, ref.PMCID) == \
        ("Family7", "A. B.", Date(2007, 3), "107-117", "777", "PMC123")


@responses.activate
def test_answers_are_cached_in_the_run_cache(tmp_path):
    """A second run with the same cache sends no request."""
    from acuref.resolve.cache import Cache

    responses.add_callback(responses.POST, CITMATCH, callback=citmatch_callback({1: "111"}))
    responses.add_callback(responses.POST, ESUMMARY, callback=esummary_callback({"111": summary(1, "111", doi="10.9999/a")}))
    first, _ = resolve([article(1)], resolver(cache=Cache(tmp_path / "c.sqlite")))
    made = len(responses.calls)
    again, _ = resolve([article(1)], resolver(cache=Cache(tmp_path / "c.sqlite")))
    assert first[0].DOI == again[0].DOI == "10.9999/a" and len(responses.calls) == made == 2


@responses.activate
def test_chain_sends_to_crossref_only_what_pubmed_did_not_match():
    """``pubmed,crossref``: PubMed's matches stay; the rest go on to the next resolver."""
    responses.add_callback(responses.POST, CITMATCH, callback=citmatch_callback({1: "111"}))
    responses.add_callback(responses.POST, ESUMMARY, callback=esummary_callback({"111": summary(1, "111", doi="10.9999/a")}))

    class Next:
        name, concurrency, asked = "next", 1, []

        def records(self, dois):
            return {}

        def registrar(self, doi):
            return None

        def record(self, doi):
            return None

        def search(self, query):
            self.asked.append(query)
            return []

    nxt = Next()
    out, _ = resolve([article(1), article(2)], Chain((resolver(), nxt)))
    assert out[0].DOI == "10.9999/a" and len(nxt.asked) == 1 and "number 2" in nxt.asked[0]


@responses.activate
def test_ncbi_down_marks_the_searched_references_failed():
    """Server errors on every try: the references are marked failed, nothing is lost."""
    responses.add(responses.POST, CITMATCH, status=503)
    out, _ = resolve([article(1)], resolver())
    assert out[0].resolution.status == Status.FAILED and out[0].title == article(1).title


def test_api_key_raises_the_rate():
    """NCBI allows 3 requests a second, 10 with an API key."""
    assert PubMedClient().limiter.rate("eutils") == 3.0
    assert PubMedClient(api_key="k").limiter.rate("eutils") == 10.0


@responses.activate
def test_ncbi_url_sends_every_request_to_the_mirror(tmp_path, monkeypatch, capsys):
    """--ncbi-url (or ACUREF_NCBI_URL) puts E-utilities and the ID converter under another address, at NCBI's own
    paths; nothing goes to NCBI."""
    mirror = "http://ncbi-mirror.test/ncbi"
    responses.add_callback(responses.POST, f"{mirror}/entrez/eutils/ecitmatch.cgi",
                           callback=citmatch_callback({1: "111"}))
    responses.add_callback(responses.POST, f"{mirror}/entrez/eutils/esummary.fcgi",
                           callback=esummary_callback({"111": summary(1, "111")}))  # no DOI: the converter is asked
    responses.add(responses.POST, f"{mirror}/pmc/utils/idconv/v1.0/",
                  json={"status": "ok", "records": [{"pmid": "111", "doi": "10.9999/mirror"}]})
    doc = tmp_path / "refs.txt"
    doc.write_text("References\n\n1. Family1 AB, Other C. Acupuncture trial number 1 in painful neuropathy. "
                   "J Pain Res. 2001;11(2):101-111.\n", encoding="utf-8")
    out = tmp_path / "o.json"
    for argv in (["--ncbi-url", mirror], []):
        if not argv:
            monkeypatch.setenv("ACUREF_NCBI_URL", mirror)
        assert main(["export", str(doc), "--resolver", "pubmed", "--no-cache", "-q", "-o", str(out), *argv]) == 0
        assert json.loads(out.read_text(encoding="utf-8"))[0]["PMID"] == "111"
    assert all(c.request.url.startswith(mirror) for c in responses.calls)


def test_a_bad_ncbi_url_is_a_usage_error(capsys):
    """An --ncbi-url that is not http(s) is one line, exit 2."""
    assert main(["export", "refs", "--resolver", "pubmed", "--ncbi-url", "ftp://x", "-q"]) == 2
    assert "--ncbi-url (or ACUREF_NCBI_URL) 'ftp://x' is not an http:// or https:// URL" in capsys.readouterr().err


@responses.activate
def test_a_pubmed_failure_names_pubmed(tmp_path, capsys, monkeypatch):
    """NCBI down: the failed references name the pubmed backend, and the error line says PubMed, not Crossref."""
    responses.add(responses.POST, CITMATCH, status=503)
    doc = tmp_path / "refs.txt"
    doc.write_text("References\n\n1. Family1 AB, Other C. Acupuncture trial number 1 in painful neuropathy. "
                   "J Pain Res. 2001;11(2):101-111.\n", encoding="utf-8")
    out, _ = resolve([article(1)], resolver(max_retries=0))
    assert out[0].resolution.backend == "pubmed"
    real = pubmed.PubMedClient.__init__

    def no_wait(self, **kw):
        real(self, **{**kw, "sleep": lambda s: None, "max_retries": 0})

    monkeypatch.setattr(pubmed.PubMedClient, "__init__", no_wait)  # no retries, no waits: the test stays fast
    assert main(["export", str(doc), "--resolver", "pubmed", "--no-cache", "-q", "-o", str(tmp_path / "o.json")]) == 4
    err = capsys.readouterr().err
    assert "PubMed (NCBI E-utilities) could not be reached" in err and "Crossref" not in err
