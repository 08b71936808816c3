"""The seed documents through the whole pipeline with a mocked Crossref.

No public recording contains the seeds' DOIs, so the Crossref records here are SYNTHESISED: built from
the published metadata of each article as a Crossref `work` (DOI case as registered, full journal title,
full author list where the page printed "et al."). The HTTP exchanges follow the recorded shapes.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlparse

import responses

from acuref import run
from acuref.resolve.crossref import CrossrefClient
from conftest import REFS

BASE = "http://crossref.test"


def work(doi, title, journal, short, year, volume, issue, page, authors, month=None):
    date = [year, month] if month else [year]
    return {"DOI": doi, "type": "journal-article", "title": [title], "container-title": [journal],
            "short-container-title": [short], "published-print": {"date-parts": [date]}, "volume": volume,
            "issue": issue, "page": page, "author": [{"family": f, "given": g} for f, g in authors]}


# SYNTHESISED records (see the module docstring).
MOREAU = work("10.1182/blood-2012-04-403733", "Proteasome inhibitors in multiple myeloma: 10 years later", "Blood",
              "Blood", 2012, "120", "5", "947-959",
              [("Moreau", "Philippe"), ("Richardson", "Paul G."), ("Cavo", "Michele"), ("Orlowski", "Robert Z."),
               ("San Miguel", "Jesús F."), ("Palumbo", "Antonio"), ("Harousseau", "Jean-Luc")])
NEJM = work("10.1056/NEJMcp0904252", "Acupuncture for Chronic Low Back Pain", "New England Journal of Medicine",
            "N Engl J Med", 2010, "363", "5", "454-461",
            [("Berman", "Brian M."), ("Langevin", "Helene H."), ("Witt", "Claudia M."), ("Dubner", "Ronald")], 7)
AJP = work("10.1176/appi.ajp.157.8.1342", "Acupuncture and Neuropathy", "American Journal of Psychiatry",
           "AJP", 2000, "157", "8", "1342-1343", [("Goodnick", "Paul J."), ("Breakstone", "Karen")], 8)
REICHSTEIN = work("10.1007/s00125-005-1728-7",
                  "Effective treatment of symptomatic diabetic polyneuropathy by high-frequency external muscle "
                  "stimulation", "Diabetologia", "Diabetologia", 2005, "48", "5", "824-828",
                  [("Reichstein", "L."), ("Labrenz", "S."), ("Ziegler", "D."), ("Martin", "S.")], 5)
BY_DOI = {w["DOI"].lower(): w for w in (MOREAU, NEJM, AJP, REICHSTEIN)}


def _filter(request):
    dois = [d[4:] for d in parse_qs(urlparse(request.url).query)["filter"][0].split(",")]
    items = [dict(BY_DOI[d.lower()], DOI=BY_DOI[d.lower()]["DOI"].lower()) for d in dois if d.lower() in BY_DOI]
    return 200, {"x-api-pool": "polite", "x-rate-limit-limit": "10", "x-rate-limit-interval": "1s",
                 "x-concurrency-limit": "3"}, json.dumps({"status": "ok", "message": {"items": items[::-1]}})


def _search(request):
    """Every search gets all four records as candidates: validation alone must pick the right one, or none."""
    items = [dict(w, score=50.0 - i) for i, w in enumerate((NEJM, AJP, REICHSTEIN, MOREAU))]
    return 200, {}, json.dumps({"status": "ok", "message": {"items": items}})


def mock_crossref(mock: responses.RequestsMock) -> None:
    """A Crossref that knows the synthesised records: batch lookups, searches, agencies, 404 for the rest."""
    mock.add_callback(responses.GET, re.compile(re.escape(BASE) + r"/works\?filter=.*"), callback=_filter)
    mock.add_callback(responses.GET, re.compile(re.escape(BASE) + r"/works\?query.*"), callback=_search)
    mock.add(responses.GET, re.compile(re.escape(BASE) + r"/works/.+/agency(\?.*)?$"),
             json={"status": "ok", "message": {"agency": {"id": "crossref"}}})
    # not the /agency URLs: responses rotates among several matching entries, so an agency lookup would get the
    # agency or a 404 depending on which thread asked first
    mock.add(responses.GET, re.compile(re.escape(BASE) + r"/works/10\.(?![^?]*/agency)[^?]+(\?.*)?$"), status=404,
             body="Resource not found.", content_type="text/plain")


def test_seed_pages_resolved(no_network):
    """Printed DOIs are verified; the NEJM article (twice), the Am J Psychiatry letter and the pipe-listed
    Diabetologia paper get their DOIs; nothing else gets one."""
    mock_crossref(no_network)
    entries = run([str(REFS)], client=CrossrefClient(BASE, "user@example.org", sleep=lambda s: None)).entries
    by_doi = {e.ref.DOI: e.ref for e in entries if e.ref.DOI}
    # The printed DOIs of the PubMed list are all checked; only Moreau has a (synthesised) record here.
    moreau = by_doi["10.1182/blood-2012-04-403733"]
    assert moreau.resolution.status == "verified"
    assert len(moreau.author) == 7 and not moreau.author_truncated and "author" in moreau.resolution.record_fields
    nejm = [e.ref for e in entries if e.ref.DOI == "10.1056/NEJMcp0904252"]
    assert len(nejm) == 1 and len(nejm[0].sources) == 2  # cited twice, merged once: now on the shared DOI
    assert nejm[0].resolution.status == "matched"
    assert nejm[0].container_title == "New England Journal of Medicine" and nejm[0].container_title_short == "N Engl J Med"
    ajp = by_doi["10.1176/appi.ajp.157.8.1342"]
    assert ajp.resolution.status == "matched" and ajp.sources[0].kind == "inline"
    assert ajp.title == "Acupuncture and Neuropathy" and ajp.issue == "8"
    assert by_doi["10.1007/s00125-005-1728-7"].resolution.status == "matched"
    statuses = {e.ref.resolution.status for e in entries}
    assert statuses <= {"verified", "matched", "not found", "not attempted", "suspect"}
    assert sum(e.ref.resolution.status == "matched" for e in entries) == 3
    # Printed DOIs Crossref (here) does not know stay as printed, flagged — never replaced.
    unknown = [e.ref for e in entries if e.ref.resolution.status in ("not found", "suspect") and e.ref.DOI]
    assert unknown and all(r.DOI == r.resolution.printed_doi for r in unknown)
