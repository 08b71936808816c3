"""Against the real Crossref API: opt-in only (`python -m pytest -m live`), never part of the default run."""

from __future__ import annotations

import os

import pytest

from acuref.resolve.crossref import CrossrefClient
from acuref.parse.rules import parse_reference
from acuref.resolve.stage import resolve

pytestmark = pytest.mark.live


def test_seed_dois_verify_and_nejm_matches_live(monkeypatch):
    """Two printed seed DOIs verify, and the NEJM citation (no DOI) is matched to 10.1056/NEJMcp0904252."""
    monkeypatch.delenv("ACUREF_CROSSREF_URL", raising=False)
    client = CrossrefClient("https://api.crossref.org", os.environ.get("ACUREF_MAILTO", "acuref-tests@example.org"))
    refs = [
        parse_reference("Moreau P, Richardson PG, Cavo M, et al. Proteasome inhibitors in multiple myeloma: 10 years "
                        "later. Blood. 2012;120(5):947–59. doi: 10.1182/blood-2012-04-403733."),
        parse_reference("Chauhan D, Hideshima T, Mitsiades C, Richardson P, Anderson KC. Proteasome inhibitor therapy "
                        "in multiple myeloma. Mol Cancer Ther. 2005;4(4):686–92. doi: 10.1158/1535-7163.MCT-04-0338."),
        parse_reference("Berman BM, Langevin HM, Witt CM, Dubner R. Acupuncture for chronic low back pain. "
                        "N Engl J Med 2010; 363:454-461"),
    ]
    out, _ = resolve(refs, client)
    assert [r.resolution.status for r in out] == ["verified", "verified", "matched"]
    assert out[2].DOI.lower() == "10.1056/nejmcp0904252"
