"""Parsing as tables of real reference strings in the styles users paste."""

from __future__ import annotations

import pytest

from acuref import parse_reference

# (reference string, expected fields); page is "first-last", number an article number.
CASES = [
    ("Keane, T. M., Wolfe, J., & Taylor, K. L. (1987). Posttraumatic stress \ndisorder: Evidence for diagnostic "
     "validity and methods of \npsychological assessment. Journal of Clinical Psychology, 43, \n32-43.",
     dict(first="Keane", n_authors=3, title="Posttraumatic stress disorder: Evidence for diagnostic validity and methods "
          "of psychological assessment", journal="Journal of Clinical Psychology", year=1987, volume="43",
          page="32-43")),
    ("Dooley CT, Chung NN, Wilkes BC, Schiller PW, Bidlack JM, \nPasternak GW, Houghten RA (1994) An all D-amino acid "
     "opioid \npeptide with central analgesic activity from a combinatorial \nlibrary. Science 266(5193):2019-2022",
     dict(first="Dooley", n_authors=7, journal="Science", year=1994, volume="266", issue="5193", page="2019-2022")),
    ("Alexander IE, Russell DW, Spence AM, Miller AD: Effects of gamma \nirradiation on the transduction of dividing "
     "and nondividing cells in brain \nand muscle of rats by adeno-associated virus vectors. Hum Gene Ther \n1996, "
     "7:841-850.",
     dict(first="Alexander", n_authors=4, journal="Hum Gene Ther", year=1996, volume="7", page="841-850")),
    ("Ikeda S, Tanaka M, Matsumoto S, Yoshimoto H, Itoh H. Endo-\nscopic sphincterotomy: Long-term results in 408 "
     "patients with \ncomplete follow-up. Endoscopy. 1988;20:13-7.",
     dict(first="Ikeda", title="Endoscopic sphincterotomy: Long-term results in 408 patients with complete follow-up",
          journal="Endoscopy", year=1988, volume="20", page="13-17")),
    ("Unwin N. Refined structure of the nicotinic acetylcholine receptor \nat 4A resolution. J Mol Biol 2005; 346: "
     "967-89.", dict(first="Unwin", journal="J Mol Biol", volume="346", page="967-989", year=2005)),
    ("Hirashima, M., Kudo, K., Watarai, K., \nand Ohtsuki, T. (2007). Control of \n3D limb dynamics in unconstrained "
     "\noverarm throws of different speeds \nperformed by skilled baseball players. \nJ. Neurophysiol. 97, 680-691.",
     dict(first="Hirashima", n_authors=4, journal="J. Neurophysiol", volume="97", page="680-691", year=2007)),
    ("Fagerberg, Jan. 1988. International competitiveness. Economic Journal 98(391): 355-374.",
     dict(first="Fagerberg", title="International competitiveness", journal="Economic Journal", year=1988,
          volume="98", issue="391", page="355-374")),
    ("Baehrecke EH, Dang N, Babaria N, Shneiderman B (2004) Visualization and analysis of microarray and gene "
     "ontology data with treemaps. BMC Bioinformatics 5:84.",
     dict(first="Baehrecke", journal="BMC Bioinformatics", volume="5", number="84", year=2004)),
    ("Cotton PB, Lehman G, Vennes J, et al. Endoscopic sphincterotomy complications. Gastrointest Endosc. "
     "1991;37(3 Suppl 2):383-93. doi:10.1016/S0016-5107(91)70740-2. PMID: 2070995.",
     dict(first="Cotton", et_al=True, journal="Gastrointest Endosc", volume="37", page="383-393",
          DOI="10.1016/S0016-5107(91)70740-2", PMID="2070995")),
    ("Eur J Nucl Med Mol Imaging 2006;33 Suppl 1:16-21.",
     dict(journal="Eur J Nucl Med Mol Imaging", volume="33", issue="Suppl 1", page="16-21", year=2006)),
    ("Smith AB, Jones CD. Diabetes care in practice. 2nd ed. London: Wiley-Blackwell; 2010.",
     dict(first="Smith", type="book", title="Diabetes care in practice", publisher="Wiley-Blackwell",
          place="London", year=2010, edition="2")),
    ("Tkaczyk D, Szostek P. CERMINE: automatic extraction of structured metadata. Int J Doc Anal Recognit. "
     "2015 Dec;18(4):317-35. Epub 2015 Jul 3.",
     dict(first="Tkaczyk", year=2015, month=12, volume="18", issue="4", page="317-335")),
    ("Mendel, I., N. Kerlero de Rosbo, and A. Ben-Nun. 1996. Delineation of the minimal encephalitogenic epitope. "
     "Eur. J. Immunol. 26:2470-2479.",
     dict(first="Mendel", n_authors=3, title="Delineation of the minimal encephalitogenic epitope",
          journal="Eur. J. Immunol", volume="26", page="2470-2479", year=1996)),
    ("Smith J, Jones K (2001). \"Title of the article\". Journal of Things. 12 (3): 45–67. doi:10.1000/xyz123. "
     "PMID 12345678.",
     dict(first="Smith", title="Title of the article", journal="Journal of Things", volume="12", issue="3",
          page="45-67", DOI="10.1000/xyz123", PMID="12345678", year=2001)),
    ("Smith, J. and Jones, K. (2001) 'Title of the article', Journal of Things, 12(3), pp. 45–67.",
     dict(first="Smith", n_authors=2, title="Title of the article", journal="Journal of Things", page="45-67")),
    ("Smith, John, and Kate Jones. \"Title of the Article.\" Journal of Things, vol. 12, no. 3, 2001, pp. 45-67.",
     dict(first="Smith", n_authors=2, title="Title of the Article", journal="Journal of Things", volume="12",
          issue="3", page="45-67", year=2001)),
    ("J. Smith and K. Jones, \"Title of the article,\" J. Things, vol. 12, no. 3, pp. 45–67, Mar. 2001.",
     dict(first="Smith", title="Title of the article", journal="J. Things", volume="12", issue="3", page="45-67",
          year=2001, month=3)),
    ("Smith, J. & Jones, K. Title of the article. J. Things 12, 45–67 (2001).",
     dict(first="Smith", title="Title of the article", journal="J. Things", volume="12", page="45-67", year=2001)),
    ("Smith J. Acupuncture. In: Jones K, editor. Textbook of Pain. 5th ed. London: Elsevier; 2006. p. 123-45.",
     dict(first="Smith", type="chapter", title="Acupuncture", journal="Textbook of Pain", publisher="Elsevier",
          place="London", page="123-145", edition="5", year=2006)),
    ("Smith, J. (2006). Acupuncture. In K. Jones (Ed.), Textbook of pain (5th ed., pp. 123–145). Elsevier.",
     dict(first="Smith", type="chapter", title="Acupuncture", journal="Textbook of pain", page="123-145",
          publisher="Elsevier")),
    ("World Health Organization. Global report on diabetes. Geneva: WHO; 2016.",
     dict(literal="World Health Organization", type="book", title="Global report on diabetes", publisher="WHO", place="Geneva", year=2016)),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:30] for c in CASES])
def test_parse_table(text, expected):
    """Each string parses to the listed fields."""
    ref = parse_reference(text)
    got = {
        "first": ref.author[0].family if ref.author else None,
        "literal": ref.author[0].literal if ref.author else None,
        "n_authors": len(ref.author),
        "et_al": ref.author_truncated,
        "title": ref.title,
        "journal": ref.container_title,
        "year": ref.issued.year if ref.issued else None,
        "month": ref.issued.month if ref.issued else None,
        "volume": ref.volume,
        "issue": ref.issue,
        "page": ref.page,
        "number": ref.number,
        "DOI": ref.DOI,
        "PMID": ref.PMID,
        "type": ref.type,
        "publisher": ref.publisher,
        "place": ref.publisher_place,
        "edition": ref.edition,
    }
    for key, value in expected.items():
        assert got[key] == value, key


@pytest.mark.parametrize("text", ["", "   ", "via het zenuwstelsel,", "\x00\x01", "((((", "[1]", "1999"])
def test_unparseable_strings_never_raise(text):
    """Strings with nothing to read give a Reference marked unparsed (or a bare year), never an exception."""
    ref = parse_reference(text)
    assert ref.confidence <= 0.5 or ref.issued is not None
