"""Suspect printed DOIs are searched for, corrected when a record agrees, held back otherwise; retractions show."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import responses

from acuref.formats import bibtex
from acuref.formats import csl
from acuref.report import summary as report
from acuref.formats import ris
from acuref.model import Entry
from acuref.resolve.stage import resolve
from test_crossref import BASE, POLITE, client, list_body, recorded, recorded_works, ref_from

BATCH = re.compile(re.escape(BASE) + r"/works\?.*filter=doi")
SEARCH = re.compile(re.escape(BASE) + r"/works\?.*query\.bibliographic")


def agency_404(mock: responses.RequestsMock, doi: str) -> None:
    bad = recorded("test_registration_agency_bad_request.json")[0]["response"]
    mock.add(responses.GET, f"{BASE}/works/{doi}/agency", body=bad["body"], status=404, content_type="text/plain")


def test_unregistered_neighbour_is_corrected(no_network):
    """A printed DOI one character off that nobody registered is replaced by the DOI a search finds and validates."""
    works = recorded_works()
    right = works[0]["DOI"]
    printed = right[:-1] + "5"  # …03.024 printed as …03.025
    ref = ref_from(works[0], DOI=printed)
    no_network.add(responses.GET, BATCH, json=list_body([]), headers=POLITE)
    agency_404(no_network, printed.lower())
    no_network.add(responses.GET, SEARCH, json=list_body(works), headers=POLITE)
    (out,), warnings = resolve([ref], client())
    res = out.resolution
    assert res.status == "corrected" and out.DOI == right and res.doi == right and res.printed_doi == printed
    assert "1 character from the printed DOI" in res.message and "title" in res.evidence
    assert any(w.message.startswith("corrected:") for w in warnings)
    item = csl.to_csl(Entry("k", out))
    assert item["DOI"] == right and f"the document printed {printed}" in item["note"]
    assert "acuref-corrected" in bibtex.dumps([Entry("k", out)])


def test_neighbour_pointing_at_another_work_is_corrected(no_network):
    """A printed DOI that is another real work's (its record disagrees) is corrected to the cited work's DOI."""
    works = recorded_works()
    ref = ref_from(works[0], DOI=works[1]["DOI"])
    no_network.add(responses.GET, BATCH, json=list_body([works[1]]), headers=POLITE)
    no_network.add(responses.GET, SEARCH, json=list_body(works), headers=POLITE)
    (out,), _ = resolve([ref], client())
    assert out.resolution.status == "corrected" and out.DOI == works[0]["DOI"]
    said = out.resolution.contradicts
    assert said and out.resolution.message.startswith(
        f"printed DOI {works[1]['DOI']} has a record that disagrees on {', '.join(said)}; a Crossref search found")
    assert report.resolution_to_json(out.resolution)["contradicts"] == list(said)


def test_unconfirmed_doi_is_held_back_from_every_format(no_network):
    """A suspect DOI nothing confirms is no DOI in CSL, BibTeX or RIS, and stays readable in the note."""
    works = recorded_works()
    printed = "10.1016/j.neurobiolaging.2010.99.999"
    ref = ref_from(works[0], DOI=printed)
    no_network.add(responses.GET, BATCH, json=list_body([]), headers=POLITE)
    agency_404(no_network, printed)
    no_network.add(responses.GET, SEARCH, json=list_body(works[1:]), headers=POLITE)  # the work is not found
    (out,), _ = resolve([ref], client())
    assert out.resolution.status == "suspect" and out.DOI is None and out.resolution.printed_doi == printed
    entry = Entry("k", out)
    item = csl.to_csl(entry)
    assert "DOI" not in item and f"acuref: printed DOI {printed} not confirmed" in item["note"]
    bib = bibtex.dumps([entry])
    assert "doi =" not in bib and f"printed DOI {printed} not confirmed" in bib and "acuref-suspect" in bib
    lines = ris.dumps([entry]).splitlines()
    assert not any(line.startswith("DO  -") for line in lines)
    assert f"N1  - acuref: printed DOI {printed} not confirmed" in lines and "KW  - acuref-suspect" in lines
    item_json = report.build([entry], [])["items"][0]
    assert item_json["status"] == "suspect" and item_json["printed_doi"] == printed and item_json["doi"] is None


def test_keep_suspect_doi_keeps_todays_behaviour(no_network):
    """With keep_suspect_doi the unconfirmed printed DOI stays the DOI, still marked suspect."""
    works = recorded_works()
    printed = "10.1016/j.neurobiolaging.2010.99.999"
    no_network.add(responses.GET, BATCH, json=list_body([]), headers=POLITE)
    agency_404(no_network, printed)
    no_network.add(responses.GET, SEARCH, json=list_body([]), headers=POLITE)
    (out,), _ = resolve([ref_from(works[0], DOI=printed)], client(), keep_suspect_doi=True)
    assert out.resolution.status == "suspect" and out.DOI == printed


def test_close_rivals_leave_a_suspect_without_doi(no_network):
    """Two agreeing records with different DOIs correct nothing: the reference leaves without a DOI."""
    works = recorded_works()
    printed = "10.1016/j.neurobiolaging.2010.99.999"
    twin = dict(works[0], DOI="10.1016/j.neurobiolaging.2010.03.999")
    no_network.add(responses.GET, BATCH, json=list_body([]), headers=POLITE)
    agency_404(no_network, printed)
    no_network.add(responses.GET, SEARCH, json=list_body([works[0], twin]), headers=POLITE)
    (out,), _ = resolve([ref_from(works[0], DOI=printed)], client())
    assert out.resolution.status == "suspect" and out.DOI is None and "close candidates" in out.resolution.message


def one_work() -> dict:
    """The real PLOS ONE record habanero recorded, which Crossref lists as updated by a correction."""
    return recorded("test_works_with_one_id.json")[0]["response"]["body"]["message"]


def test_correction_notice_is_reported_not_retracted(no_network):
    """A registered correction is listed in the report's notices; it does not make the work retracted."""
    work = one_work()
    no_network.add(responses.GET, BATCH, json=list_body([work]), headers=POLITE)
    (out,), _ = resolve([ref_from(work)], client())
    res = out.resolution
    assert res.status == "verified" and res.detail is None
    assert [(n.type, n.DOI, n.source) for n in res.notices] == [
        ("correction", "10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda", "publisher")]
    assert report.build([Entry("k", out)], [])["items"][0]["notices"][0]["date"] == [2012, 5, 8]


def retracted(work: dict) -> dict:
    """The recorded record with its `updated-by` entry turned into a retraction (same shape; synthesised)."""
    update = dict(work["updated-by"][0], type="retraction", label="Retraction", DOI="10.1371/journal.pone.0099999")
    return dict(work, **{"updated-by": [update]})


def test_retracted_work_is_marked_in_every_output(no_network):
    """A retracted work gets detail 'retracted' in the report, the CSL note, BibTeX and RIS tags, the HTML page."""
    from acuref.report import html as report_html

    work = retracted(one_work())
    no_network.add(responses.GET, BATCH, json=list_body([work]), headers=POLITE)
    (out,), _ = resolve([ref_from(work)], client())
    entry = Entry("k", out)
    assert out.resolution.detail == "retracted" and out.DOI == work["DOI"]
    assert report.build([entry], [])["items"][0]["detail"] == "retracted"
    note = csl.to_csl(entry)["note"]
    assert "acuref: retracted" in note and "retraction notice 10.1371/journal.pone.0099999, 2012" in note
    assert "acuref-retracted" in bibtex.dumps([entry]) and "KW  - acuref-retracted" in ris.dumps([entry])
    assert "s-retracted" in report_html.render([entry], [])


def test_retraction_by_relation_is_read():
    """A `relation` link that says the work is retracted by another DOI counts as a retraction."""
    from acuref.resolve.crossref_records import notices_of

    work = dict(one_work(), **{"updated-by": [], "relation": {
        "is-retracted-by": [{"id-type": "doi", "id": "10.1371/journal.pone.0099999", "asserted-by": "object"}]}})
    assert [(n.type, n.DOI) for n in notices_of(work)] == [("retraction", "10.1371/journal.pone.0099999")]


def test_a_notice_is_never_matched_for_the_work_it_updates(no_network):
    """A search hit that is a correction or retraction notice of the cited work is not its DOI."""
    works = recorded_works()
    notice = dict(works[0], DOI="10.1016/j.neurobiolaging.2011.01.001", **{
        "update-to": [{"DOI": works[0]["DOI"], "type": "retraction", "label": "Retraction",
                       "updated": {"date-parts": [[2011, 1, 1]]}}]})
    ref = replace(ref_from(works[0]), DOI=None)
    no_network.add(responses.GET, SEARCH, json=list_body([notice]), headers=POLITE)
    (out,), _ = resolve([ref], client())
    assert out.resolution.status == "not found" and out.DOI is None


def test_report_json_round_trips(no_network):
    """The report with the new keys is plain JSON."""
    work = retracted(one_work())
    no_network.add(responses.GET, BATCH, json=list_body([work]), headers=POLITE)
    (out,), _ = resolve([ref_from(work)], client())
    assert json.loads(report.dumps([Entry("k", out)], []))["items"][0]["notices"][0]["type"] == "retraction"
