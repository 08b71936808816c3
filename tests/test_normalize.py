"""The small normalisers: names, pages, dates, DOIs and other identifiers."""

from __future__ import annotations

import pytest

from acuref.model import Date
from acuref.normalize.dates import parse_date
from acuref.normalize.identifiers import doi_key, find_doi, find_pmcid, find_pmid, normalize_doi
from acuref.normalize.names import is_author_list, parse_author_list
from acuref.normalize.pages import normalize_pages


@pytest.mark.parametrize("raw,expected", [
    ("947–59", "947-959"), ("13–4", "13-14"), ("1115–20", "1115-1120"), ("11–7", "11-17"),
    ("A194-201", "A194-A201"), ("F308-F310", "F308-F310"), ("e123-e9", "e123-e129"),
    ("1999-2004", "1999-2004"), ("41", "41"), ("2012:429412", "2012:429412"), ("ix-xii", "ix-xii"),
])
def test_pages(raw, expected):
    """Abbreviated last pages are written out; single locators and roman ranges stay as printed."""
    assert normalize_pages(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("2017 Jan 9;17(1):40", Date(2017, 1, 9)),
    ("2005 May;48(5):824-8. Epub 2005 Apr 14.", Date(2005, 5)),
    ("July 29, 2010", Date(2010, 7, 29)),
    ("August 2000", Date(2000, 8)),
    ("2012;120(5):947–59", Date(2012)),
    ("Mar Biol. 2005;3:1", Date(2005)),
    ("9 januari 2017", Date(2017, 1, 9)),
    ("2007 Nov-Dec;3", Date(2007, 11)),
])
def test_dates(raw, expected):
    """The first date is read with its month and day; an issue in parentheses is never a month."""
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("doi: 10.1182/blood-2012-04-403733. - DOI PMC PubMed", "10.1182/blood-2012-04-403733"),
    ("doi: 10.1016/S0168-8227(97)00123-X. - DOI PubMed", "10.1016/S0168-8227(97)00123-X"),
    ("(doi:10.1000/abc)", "10.1000/abc"),
    ("https://doi.org/10.1002/1097-4679(198701)43:1<32::AID-JCLP2270430106>3.0.CO;2-X.",
     "10.1002/1097-4679(198701)43:1<32::AID-JCLP2270430106>3.0.CO;2-X"),
    ("10.1641/0006-3568(2006)56[923:TEOHAI]2.0.CO;2 next", "10.1641/0006-3568(2006)56[923:TEOHAI]2.0.CO;2"),
    ("doi:10.1136/aim.25.1-2.11.-DOI", "10.1136/aim.25.1-2.11"),
    ("http://onlinelibrary.wiley.com/doi/10.1111/ajo.12056/full, consulté le 15 mai 2013", "10.1111/ajo.12056"),
    ("http://onlinelibrary.wiley.com/doi/10.1002/huon.200900007/pdf", "10.1002/huon.200900007"),
    ("issn:1091-6490. doi:10 .1073 /pnas.1018514108.", "10.1073/pnas.1018514108"),
    ("Palgrave Communications 2, 15046. doi: 10.1057/ palcomms. 2015.46", "10.1057/palcomms.2015.46"),
])
def test_find_doi(raw, expected):
    """Brackets and colons inside a DOI belong to it; trailing punctuation, link text and a landing page's
    view name (``/full``, ``/pdf``) do not."""
    from acuref.normalize.text import join_broken_dois

    found = find_doi(join_broken_dois(raw))
    assert found is not None and found[0] == expected


def test_doi_comparison_form():
    """DOIs compare case-insensitively and without resolver prefixes."""
    assert doi_key("https://doi.org/10.1158/1535-7163.MCT-04-0338") == "10.1158/1535-7163.mct-04-0338"
    assert normalize_doi("doi:10.1000/ABC.") == "10.1000/ABC"


def test_pmid_and_pmcid():
    """PubMed and PMC identifiers are found with or without their labels."""
    assert find_pmid("PubMed PMID: 2070995.")[0] == "2070995"
    assert find_pmcid("PMCID: pmc3456789")[0] == "PMC3456789"


@pytest.mark.parametrize("raw,families,truncated", [
    ("Moreau P, Richardson PG, Cavo M, Orlowski RZ, San Miguel JF, Palumbo A, et al",
     ["Moreau", "Richardson", "Cavo", "Orlowski", "San Miguel", "Palumbo"], True),
    ("Klassen A, Di Iorio B, De Santo N", ["Klassen", "Di Iorio", "De Santo"], False),
    ("van Helden HP, van der Wiel HJ", ["van Helden", "van der Wiel"], False),
    ("Keane, T. M., Wolfe, J., & Taylor, K. L.", ["Keane", "Wolfe", "Taylor"], False),
    ("Brian M. Berman, M.D., Helene H. Langevin, M.D., Claudia M. Witt, M.D., M.B.A. and Ronald Dubner, D.D.S., Ph.D.",
     ["Berman", "Langevin", "Witt", "Dubner"], False),
    ("D. Tkaczyk, P. J. Dendek", ["Tkaczyk", "Dendek"], False),
    ("PALMER A, SHACKLETON T", ["Palmer", "Shackleton"], False),
    ("Eke-Okoro ST, Pichard-Leandri E", ["Eke-Okoro", "Pichard-Leandri"], False),
    ("Vieira, N., Bueno, C. R., Jr., Brandalise, V.", ["Vieira", "Bueno", "Brandalise"], False),
])
def test_author_lists(raw, families, truncated):
    """Author lists in Vancouver, APA and NEJM forms split into family names; et al. is remembered."""
    assert is_author_list(raw)
    names, etal = parse_author_list(raw)
    assert [n.family for n in names] == families
    assert etal == truncated


def test_initials_are_dotted():
    """Vancouver initials become dotted given names that citation styles can re-initialise."""
    names, _ = parse_author_list("Richardson PG, Greten JH")
    assert [n.given for n in names] == ["P. G.", "J. H."]


@pytest.mark.parametrize("raw", ["Chinese Acupuncture and Moxibustion", "Acupuncture", "Proteasome inhibitors in myeloma",
                                 "via het zenuwstelsel"])
def test_titles_are_not_author_lists(raw):
    """Title-like text is not mistaken for authors."""
    assert not is_author_list(raw)


@pytest.mark.parametrize("raw,expected", [
    # emphasis tags pasted with a reference go; a less-than sign in the text stays
    ("Smith J. Pain. <italic>Arch Intern Med.</italic> 1993;153:1-5.", "Smith J. Pain. Arch Intern Med. 1993;153:1-5."),
    ("H<sub>2</sub>O and <i>E. coli</i>", "H2O and E. coli"),
    ("p < 0.05 and q > 1", "p < 0.05 and q > 1"),
    # a run of Unicode dashes (or a soft hyphen) in a page range becomes one; BibTeX's -- and prose stay
    ("Vopr Pitan. 2001;70(3): 25-\u00ad\u20107. Russian.", "Vopr Pitan. 2001;70(3): 25-7. Russian."),
    ("Pain. 2001;70:25\u2013\u201327.", "Pain. 2001;70:25-27."),
    ("Pain. 2001;70:25--27.", "Pain. 2001;70:25--27."),
    ("well-known -- and -- dashes", "well-known -- and -- dashes"),
    # a URL cut by a space after a dot or slash is joined; a sentence after a URL is not
    ("Boston Globe, http://www. boston.com/business/2007/cost.", "Boston Globe, http://www.boston.com/business/2007/cost."),
    ("Link: http://www.tate.org.uk/research/ tatepapers/08spring/b.shtm.", "Link: http://www.tate.org.uk/research/tatepapers/08spring/b.shtm."),
    ("See http://example.com/page.htm. Accessed 2014.", "See http://example.com/page.htm. Accessed 2014."),
])
def test_clean(raw, expected):
    """clean() drops inline markup, mends dash runs in page ranges and URLs cut by a space, and leaves other text."""
    from acuref.normalize.text import clean

    assert clean(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("“Acupuncture and Endorphins.”", "Acupuncture and Endorphins"),
    ("« Les jardins de la ville »,", "Les jardins de la ville"),
    ("„Der Titel“", "Der Titel"),
    ("\"Physical Ethnology\".", "Physical Ethnology"),
    ("Good and Bad Formulae’", "Good and Bad Formulae"),  # the opening quote fell outside the run
    ("Dividends, Earnings, and Stock Prices»", "Dividends, Earnings, and Stock Prices"),
    ("“Hello", "Hello"),
    ("“A” and “B”", "“A” and “B”"),  # two quoted pieces, not one quoted title
    ("The People’s War", "The People’s War"),
    ("Why does it hurt?", "Why does it hurt?"),
    ("Wait...", "Wait..."),
    ("Bayesian surface navigation //", "Bayesian surface navigation"),  # GOST's separator before the journal
])
def test_clean_title(raw, expected):
    """Quotes around a title, an unmatched quote at one end and the punctuation after it come off."""
    from acuref.normalize.text import clean_title

    assert clean_title(raw) == expected


@pytest.mark.parametrize("volume,issue,expected", [
    ("33 Suppl 1", None, ("33", "Suppl 1")),
    ("104 Pt 4", None, ("104", "Pt 4")),
    ("12 Suppl", "3", ("12", "Suppl 3")),
    ("33", "2", ("33", "2")),
    (None, "2", (None, "2")),
])
def test_split_supplement(volume, issue, expected):
    """A supplement or part printed with the volume is moved to the issue."""
    from acuref.normalize.volumes import split_supplement

    assert split_supplement(volume, issue) == expected


@pytest.mark.parametrize("raw,expected", [
    ("Available from: http://www.who.int/diabetes/en/.", "http://www.who.int/diabetes/en/"),
    ("[en ligne] www.cairn.info/revue-2007-1-page-61.htm.", "www.cairn.info/revue-2007-1-page-61.htm"),
    ("http: //www. and nothing else", None),
    ("http://192.168.0.1/report.pdf", "http://192.168.0.1/report.pdf"),
])
def test_find_url(raw, expected):
    """A web address without its cue or trailing full stop; a host with no domain is not an address."""
    from acuref.normalize.identifiers import find_url
    from acuref.normalize.text import clean

    found = find_url(clean(raw))
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize("raw,expected", [
    ("vol. 12", "12"), ("(3)", "3"), ("pp. 1-10.", "1-10"), ("V", "V"), ("Volume 8", "8"),
])
def test_strip_locator(raw, expected):
    """Locator words and brackets come off a volume, issue or page range; a roman volume "V" stays."""
    from acuref.parse.learned import strip_locator

    assert strip_locator(raw) == expected


@pytest.mark.parametrize("family,expected", [
    ("De Coster", "Coster"), ("van der Berg", "Berg"), ("Smith", "Smith"), ("Vandenbroucke", "Vandenbroucke"),
])
def test_without_particles(family, expected):
    """Leading name particles come off, a name that merely starts like one does not."""
    from acuref.normalize.names import without_particles

    assert without_particles(family) == expected


@pytest.mark.parametrize("raw,expected", [
    ("Pain mechanisms: a new theory. Science", ("Pain mechanisms: a new theory", "Science")),
    ("Postural sway in low back pain subjects. J. Mol. Biol.", ("Postural sway in low back pain subjects", "J. Mol. Biol")),
    ("Ozone over the Arctic, J. Geophys. Res.", ("Ozone over the Arctic", "J. Geophys. Res")),  # not "…, J"
    ("“Acupuncture and Endorphins.” Neuroscience Letters", ("Acupuncture and Endorphins", "Neuroscience Letters")),
    ("A title with no journal", ("A title with no journal", None)),
])
def test_split_title_container(raw, expected):
    """``Title. Journal`` comes apart at the last sentence break outside a dotted journal abbreviation."""
    from acuref.normalize.text import split_title_container

    assert split_title_container(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("[12] Smith J. Title.", ("12", "Smith J. Title.")),
    ("(3) Smith J. Title.", ("3", "Smith J. Title.")),
    ("7. Smith J. Title.", ("7", "Smith J. Title.")),
    ("7-Taghipour M, Razmkon A. Conjoined roots.", ("7", "Taghipour M, Razmkon A. Conjoined roots.")),
    ("5-Fluorouracil in colorectal cancer. Lancet.", (None, "5-Fluorouracil in colorectal cancer. Lancet.")),
    ("5-HT3 receptors in pain. Pain.", (None, "5-HT3 receptors in pain. Pain.")),
    ("• Smith J. Title.", (None, "Smith J. Title.")),
    ("[Allison2006-MIT] G. Allison, E.A. Galaktionov. Title.", ("Allison2006-MIT", "G. Allison, E.A. Galaktionov. Title.")),
    ("[Knu73] D. E. Knuth. The Art of Computer Programming.", ("Knu73", "D. E. Knuth. The Art of Computer Programming.")),
    ("[Article in Chinese] Title.", (None, "[Article in Chinese] Title.")),
])
def test_split_label(raw, expected):
    """List numbers, citation keys and bullets come off; a number that starts a chemical name stays."""
    from acuref.normalize.text import split_label

    assert split_label(raw) == expected


# Real wrap and spacing damage from PDF-extracted reference lists (glutton PMC strings, Apache-2.0) and the
# shapes issue 14 names; the DOI after repair, or None where no complete DOI is printed.
BROKEN_DOIS = [
    ("Neuron 44, 1043-1055. (doi:10.1016/j. \nneuron.2004.12.006)", "10.1016/j.neuron.2004.12.006"),
    ("Gait Posture 2005;21:1-10. doi: 10.1016/j. gaitpost.2004.05.005", "10.1016/j.gaitpost.2004.05.005"),
    ("NeuroImage 2007;34:1-9. doi:10.1016/j.\nneuroimage.2006.09.046", "10.1016/j.neuroimage.2006.09.046"),
    ("Br J Anaesth 57(9):904-912. doi:10.1093/ \nbja/57.9.904", "10.1093/bja/57.9.904"),
    ("Cell 130:601-610. doi:10.1016/ \nj.cell.2007.08.006", "10.1016/j.cell.2007.08.006"),
    ("Coral Reefs 24, 523. (doi:10.1007/ \ns00338-005-0063-8)", "10.1007/s00338-005-0063-8"),
    ("Curr. Opin. Colloid Interface Sci. 5:237-243. doi:10.1016/ \nS1359-0294(00)00061-3",
     "10.1016/S1359-0294(00)00061-3"),
    ("Lancet 2010;376:1-9. doi: 10.1016/S0140- 6736(10)60123-4.", "10.1016/S0140-6736(10)60123-4"),
    ("Am J Surg Pathol. 2000;24:640-50. doi:10.1097/ \n00000478-200005000-00002.", "10.1097/00000478-200005000-00002"),
    ("J Appl Soc Psychol 17, 554-573. doi:10.1111/ \nj.1559-1816.1987.tb00330.x.", "10.1111/j.1559-1816.1987.tb00330.x"),
    ("Cell 2010;140:1-10. doi:10.1016/j.cell.2010.01.001. Epub 2010 Jan 5.", "10.1016/j.cell.2010.01.001"),
    ("Cell 2010;140:1-10. doi: 10.1016/j.cell.2010.01.001. PMID: 20085703", "10.1016/j.cell.2010.01.001"),
    ("Pediatrics 2004;113:1-8. 10.1542/peds.113.1.1 [doi]", "10.1542/peds.113.1.1"),
    ("Mol. Pharmacol. 72:359-369. doi:10 \n.1124/mol.107.034330", "10.1124/mol.107.034330"),
    ("Mol. Biol. Evol. 32:268-274. doi: 10.1093/molbev /msu300.", "10.1093/molbev/msu300"),
    ("JCEM, 2018 Jun 1;103(6):2244-2252. doi: 10.1210/jc.2017-02717.PMID: 29590401", "10.1210/jc.2017-02717"),
    ("Science 329:1521-1523. doi:10.1126/science.1193063.PMID:20847271.", "10.1126/science.1193063"),
    ("JHEP 06 ( 2010)043 ,doi :10.1007/JHEP06(2010)043,arXiv: 1002.2581.", "10.1007/JHEP06(2010)043"),
    ("2003.doi :10 .1007/978-3-662-05328-7.URLhttps: / /doi.org/10.1007/978-3-662-05328-7.", "10.1007/978-3-662-05328-7"),
    ("Atmosphere, 29, 551-566, doi:10.14191/atmos.2019.29.5.551(inkoreanwithenglishabstract.",
     "10.14191/atmos.2019.29.5.551"),
    ("Energy Environ. Sci., 12, 1910-1917, doi:10.1039/c9ee00453j(2019).", "10.1039/c9ee00453j"),
    ("J Hydraul Eng 112(12), 1117-1135. DOI : 10.1061/(asce)0733-9429(1986)112:12(1117).",
     "10.1061/(asce)0733-9429(1986)112:12(1117)"),
    ("Lancet 2010;376:1-9. doi:10.1016/S0140-6736(10)60123-4", "10.1016/S0140-6736(10)60123-4"),
    ("Gait Posture 2005;21:1-10. doi:10.1016/j", None),
    ("Gait Posture 2005;21:1-10. doi: 10.1016/j.", None),
    ("Gait Posture 2005;21:1-10. doi:10.1016/", None),
    ("Gait Posture 2005;21:1-10. https://doi.org/10.1016", None),
]


@pytest.mark.parametrize("raw,expected", BROKEN_DOIS)
def test_broken_dois_are_rejoined_or_dropped(raw, expected):
    """A DOI cut by a wrap or a stray space is rejoined; one that cannot be complete is never returned."""
    from acuref.normalize.text import clean

    found = find_doi(clean(raw))
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize("raw,expected", BROKEN_DOIS)
def test_parsed_references_never_carry_an_incomplete_doi(raw, expected):
    """What the parser returns as DOI is the repaired DOI or nothing, and an incomplete one is named."""
    from acuref import parse_reference
    from acuref.normalize.identifiers import incomplete_doi, is_complete_doi
    from acuref.normalize.text import clean

    ref = parse_reference("Smith J, Jones K. A study of things. " + raw)
    assert ref.DOI == expected
    assert ref.DOI is None or is_complete_doi(ref.DOI)
    assert (incomplete_doi(clean(raw)) is not None) == (expected is None)


@pytest.mark.parametrize("volume,issue,want", [
    ("n° 12", None, (None, "12")),
    ("9, n°3", None, ("9", "3")),
    ("Vol. 12", None, ("12", None)),
    ("12", "no. 3", ("12", "3")),
    ("Т. 8", None, ("8", None)),
    ("Heft 2", None, (None, "2")),
    ("Bd. 4", "H. 2", ("4", "2")),
    ("33 Suppl 1", None, ("33 Suppl 1", None)),
    ("H5N1", None, ("H5N1", None)),
    ("abs/1407.3561", None, ("abs/1407.3561", None)),
    ("15, 5", None, ("15", "5")),
])
def test_tidy_numbers(volume, issue, want):
    """Printed volume and issue words of several languages come off; an issue read as the volume moves."""
    from acuref.normalize.volumes import tidy_numbers

    assert tidy_numbers(volume, issue) == want


def test_tidy_numbers_keeps_roman_volumes():
    """A Roman volume is not a 'v.' word followed by a number."""
    from acuref.normalize.volumes import tidy_numbers

    assert tidy_numbers("VI", None) == ("VI", None) and tidy_numbers("v. XXVII", None) == ("XXVII", None)


@pytest.mark.parametrize("text,names", [
    ("BARTHES Roland et DUPONT Jean", [("Barthes", "Roland"), ("Dupont", "Jean")]),
    ("REY-DEBOVE Josette", [("Rey-Debove", "Josette")]),
    ("Pascal CATHÉBRAS", [("Cathébras", "Pascal")]),
    ("García, J. y López, M.", [("García", "J."), ("López", "M.")]),
    ("Rossi, M. e Bianchi, L.", [("Rossi", "M."), ("Bianchi", "L.")]),
    ("San Miguel JF, Palumbo A", [("San Miguel", "J. F."), ("Palumbo", "A.")]),
])
def test_names_in_capitals_and_conjunctions(text, names):
    """A family name in capitals before or after the given name; 'et', 'y', 'e' join names; initials stay initials."""
    from acuref.normalize.names import parse_author_list

    got, _ = parse_author_list(text)
    assert [(n.family, n.given) for n in got] == names


@pytest.mark.parametrize("text", ["Gouvernement du Québec", "United Nations", "Android Developers",
                                  "Bayerische Landesanstalt für Landwirtschaft", "Fondazione per la Scuola"])
def test_institutions_in_other_languages(text):
    """An institution named in French, German, Spanish, Italian or English is one literal name, not a person."""
    from acuref.normalize.names import parse_author_list

    names, _ = parse_author_list(text)
    assert [n.literal for n in names] == [text]


def test_doi_in_angle_brackets():
    """ABNT prints links in ⟨…⟩: the closing bracket is not part of the DOI."""
    from acuref.normalize.identifiers import find_doi

    assert find_doi("Nature, 2016. Disponível em: ⟨https://doi.org/10.1038/nature.2016.20504⟩.")[0] == \
        "10.1038/nature.2016.20504"


def test_spaced_initials_first():
    """'D H Bailey and J M Borwein': initials without stops before the family name."""
    from acuref.normalize.names import is_author_list, parse_author_list

    names, _ = parse_author_list("D H Bailey and J M Borwein")
    assert [(n.family, n.given) for n in names] == [("Bailey", "D. H."), ("Borwein", "J. M.")]
    assert is_author_list("D H Bailey and J M Borwein")
