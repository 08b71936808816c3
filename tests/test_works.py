"""One printed entry holding several works (REVTeX's merged citations) is cut into one string a work."""

from __future__ import annotations

import pytest

from acuref.read.works import split_works


@pytest.mark.parametrize("entry, want", [
    # the same authors' works after the first: the authors repeated on each
    ("[4] A. Berg and C. Dorn, Phys. Rev. D 53, 4886 (1996); Phys. Lett. B 411, 173 (1997); "
     "E. Falk, Nucl. Phys. B 262, 235 (1985).",
     ["[4] A. Berg and C. Dorn, Phys. Rev. D 53, 4886 (1996)",
      "A. Berg and C. Dorn, Phys. Lett. B 411, 173 (1997)",
      "E. Falk, Nucl. Phys. B 262, 235 (1985)."]),
    # a long author-year key (up to sixty characters, as the PDF reader's labels)
    ("[Berg, Dorn, Falk, Holt, Ives, Jans and Moss 1996] A. Berg and C. Dorn, Phys. Rev. D 53, 4886 (1996); "
     "Phys. Lett. B 411, 173 (1997).",
     ["[Berg, Dorn, Falk, Holt, Ives, Jans and Moss 1996] A. Berg and C. Dorn, Phys. Rev. D 53, 4886 (1996)",
      "A. Berg and C. Dorn, Phys. Lett. B 411, 173 (1997)."]),
    # ibid. stands for the journal named last
    ("G. Holt and H.-J. Ives, Phys. Rev. Lett. 76, 4468 (1996); G. Holt, K. Jans, and H.-J. Ives, ibid. 77, "
     "5172 (1996).",
     ["G. Holt and H.-J. Ives, Phys. Rev. Lett. 76, 4468 (1996)",
      "G. Holt, K. Jans, and H.-J. Ives, Phys. Rev. Lett. 77, 5172 (1996)."]),
    # preprints: a work ends at its arXiv identifier
    ("12. L. Moss, (2015), arXiv:1507.07926 [hep-ph]; N. Oort and P. Quist, (2016), arXiv:1606.00001 [hep-th].",
     ["12. L. Moss, (2015), arXiv:1507.07926 [hep-ph]", "N. Oort and P. Quist, (2016), arXiv:1606.00001 [hep-th]."]),
])
def test_merged_citations_are_cut_into_works(entry, want):
    """Each work of a merged citation comes out alone, with its authors and its journal."""
    assert split_works(entry) == want


@pytest.mark.parametrize("entry", [
    "Akbik, A.; Bergmann, T.; and Vollgraf, R. 2019. Pooled embeddings. In NAACL 2019, 724-728.",
    "Smith J, Jones K (2010) Title of it. J Foo 3:4-5; discussion 6-7.",
    "R. Stone; T. Vos. A title with a semicolon; and more (2004). Journal of Things 3, 4.",
    "A. Berg, Phys. Rev. D 53, 4886 (1996); see also the erratum.",
])
def test_single_works_stay_whole(entry):
    """Author lists set with semicolons, a discussion or a note after a semicolon: one work, untouched."""
    assert split_works(entry) == [entry]
