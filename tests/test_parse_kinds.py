"""The kind of work and its numbers read from the printed string (issue 28), in English, German, Dutch and French:
theses, reports and their numbers, datasets, software and versions, standards, preprints, manuscripts, conference
papers, editions, series numbers, access dates, organisations as authors and Cyrillic names."""

from __future__ import annotations

import pytest

from acuref import parse_reference
from acuref.model import Date, Name
from acuref.parse import learned


@pytest.fixture(autouse=True)
def _default_reader():
    """The table is read as a user's run reads it, with the default learned reader, whatever an earlier test chose."""
    before = learned.reader_name()
    learned.use_reader("neural")
    yield
    learned.use_reader(before)

# (printed string, {field: expected value}); "author" compares the (family, given, literal) of each name
TABLE = [
    # theses: the genre as printed, the university as publisher
    ("Smith, J. (2019). Deep structures in soil (Doctoral dissertation). University of Amsterdam, Amsterdam.",
     {"type": "thesis", "genre": "Doctoral dissertation", "publisher": "University of Amsterdam",
      "title": "Deep structures in soil"}),
    ("Brown, A. (2015). Fast parsing of references. Master's thesis, University of Edinburgh.",
     {"type": "thesis", "genre": "Master's thesis", "publisher": "University of Edinburgh"}),
    ("Müller, K. (2018). Bodenkunde in der Praxis. Dissertation, Universität Heidelberg.",
     {"type": "thesis", "genre": "Dissertation", "publisher": "Universität Heidelberg"}),
    ("Hoffmann, K. (2020). Bodenerosion in Hessen. Masterarbeit, Technische Universität Darmstadt.",
     {"type": "thesis", "genre": "Masterarbeit", "publisher": "Technische Universität Darmstadt"}),
    ("Jansen, P. (2017). Waterbeheer in Nederland. Proefschrift, Universiteit Utrecht.",
     {"type": "thesis", "genre": "Proefschrift", "publisher": "Universiteit Utrecht"}),
    ("de Wit, R. (2018). Dijken en duinen. Masterscriptie, Universiteit Leiden.",
     {"type": "thesis", "genre": "Masterscriptie", "publisher": "Universiteit Leiden"}),
    ("Dupont, M. (2016). Analyse des sols. Thèse de doctorat, Université de Lyon.",
     {"type": "thesis", "genre": "Thèse de doctorat", "publisher": "Université de Lyon", "title": "Analyse des sols"}),
    ("Roux, P. (2015). Les dunes du Nord. Mémoire de master, Université de Lille.",
     {"type": "thesis", "genre": "Mémoire de master", "publisher": "Université de Lille"}),
    # reports: the genre, the number, the institution as publisher
    ("Lee, K., & Park, S. (2019). A survey of parsers (Technical Report TR-2019-07). Stanford University.",
     {"type": "report", "genre": "Technical Report", "number": "TR-2019-07", "publisher": "Stanford University",
      "title": "A survey of parsers"}),
    ("Jones, R. (2020). Housing markets. NBER Working Paper No. 27123. National Bureau of Economic Research.",
     {"type": "report", "number": "27123", "publisher": "National Bureau of Economic Research"}),
    ("C. Fowlkes and J. Malik, “How much does globalization help segmentation?” UC Berkeley, Tech. Rep. CSD-04-1340, 2004.",
     {"type": "report", "number": "CSD-04-1340", "publisher": "UC Berkeley"}),
    ("Schmidt, H. (2014). Messverfahren für Böden. Forschungsbericht Nr. 173, Bundesanstalt für Straßenwesen.",
     {"type": "report", "genre": "Forschungsbericht", "number": "173", "title": "Messverfahren für Böden",
      "publisher": "Bundesanstalt für Straßenwesen"}),
    ("Klein, R. (2016). Arbeitsmarkt 2030. Arbeitspapier Nr. 45, Institut für Arbeitsmarkt- und Berufsforschung.",
     {"type": "report", "number": "45", "genre": "Arbeitspapier"}),
    ("de Vries, K. (2019). Stikstof en natuur (Rapport 2019-0042). Rijksinstituut voor Volksgezondheid en Milieu.",
     {"type": "report", "number": "2019-0042", "title": "Stikstof en natuur"}),
    ("Lefèvre, M. (2017). Qualité de l'air à Paris. Rapport technique n° 12, Airparif.",
     {"type": "report", "genre": "Rapport technique", "number": "12"}),
    # datasets: the repository as publisher, the version
    ("Garcia, L. (2021). Ocean temperatures 1990-2020 [Data set]. Zenodo. https://doi.org/10.5281/zenodo.1234567",
     {"type": "dataset", "publisher": "Zenodo", "title": "Ocean temperatures 1990-2020"}),
    ("Meier, A. (2019). Grundwasser im Wandel [Datensatz]. PANGAEA. https://doi.org/10.1594/PANGAEA.900001",
     {"type": "dataset", "publisher": "PANGAEA", "title": "Grundwasser im Wandel"}),
    ("de Groot, L. (2020). Neerslag in Nederland 1900-2020 (Versie 2.1) [Data set]. Zenodo. "
     "https://doi.org/10.5281/zenodo.4000001", {"type": "dataset", "version": "2.1", "publisher": "Zenodo"}),
    ("Martin, C. (2018). Températures de surface [Jeu de données]. Dryad. https://doi.org/10.5061/dryad.abc123",
     {"type": "dataset", "publisher": "Dryad"}),
    # software: the version
    ("Wickham, H. (2016). ggplot2: Elegant graphics for data analysis (Version 3.3.0) [Computer software]. "
     "https://CRAN.R-project.org/package=ggplot2", {"type": "software", "version": "3.3.0",
                                                    "title": "ggplot2: Elegant graphics for data analysis"}),
    ("Wickham H (2019). dplyr: A Grammar of Data Manipulation. R package version 0.8.3, "
     "https://CRAN.R-project.org/package=dplyr.", {"type": "software", "version": "0.8.3"}),
    ("Müller, T. (2021). pyref: Literaturverzeichnisse lesen (Version 1.4.2) [Computer software]. "
     "https://github.com/tmueller/pyref", {"type": "software", "version": "1.4.2"}),
    ("Jansen, P. (2022). refparse (versie 0.3) [Software]. https://pypi.org/project/refparse/",
     {"type": "software", "version": "0.3", "title": "refparse"}),
    ("Bernard, L. (2020). citeproc-fr (version 2.0) [Logiciel]. https://gitlab.com/lbernard/citeproc-fr",
     {"type": "software", "version": "2.0"}),
    ("Max Pumperla. 2019. Hyperas. https://github.com/maxpumperla/hyperas .", {"type": "software"}),
    # standards: the number
    ("International Organization for Standardization. (2015). Quality management systems — Requirements "
     "(ISO 9001:2015). ISO.", {"type": "standard", "number": "ISO 9001:2015",
                                "title": "Quality management systems — Requirements"}),
    ("DIN EN ISO 9001:2015-11. Qualitätsmanagementsysteme – Anforderungen. Berlin: Beuth Verlag, 2015.",
     {"type": "standard", "number": "DIN EN ISO 9001:2015-11", "title": "Qualitätsmanagementsysteme – Anforderungen"}),
    ("NEN 2767-1:2019. Conditiemeting gebouwde omgeving. Delft: NEN, 2019.",
     {"type": "standard", "number": "NEN 2767-1:2019", "container_title": None}),
    ("NF EN ISO 690:2010. Information et documentation — Principes directeurs pour la rédaction des références "
     "bibliographiques. Paris: AFNOR, 2010.", {"type": "standard", "number": "NF EN ISO 690:2010", "author": ()}),
    ("IEEE Std 802.11-2016. IEEE Standard for Information Technology — Wireless LAN Medium Access Control. "
     "New York: IEEE, 2016.", {"type": "standard", "number": "IEEE Std 802.11-2016"}),
    # preprints: CSL article (Zotero's preprint), the repository as publisher, arXiv:ID as number
    ("Vaswani A, Shazeer N, Parmar N. Attention is all you need. arXiv preprint arXiv:1706.03762. 2017.",
     {"type": "article", "number": "arXiv:1706.03762", "publisher": "arXiv"}),
    ("Dubois, J. (2021). Apprentissage profond des références. arXiv:2103.04567.",
     {"type": "article", "number": "arXiv:2103.04567", "publisher": "arXiv"}),
    ("Müller, B. (2022). Zitationsanalyse mit Transformern. arXiv. https://doi.org/10.48550/arXiv.2205.01234",
     {"type": "article", "number": "arXiv:2205.01234"}),
    ("Philip Bachman, R. Devon Hjelm, and William Buchwalter. 2019. Learning Representations by Maximizing Mutual "
     "Information Across Views. ArXiv abs/1906.00910 (2019).", {"number": "arXiv:1906.00910"}),
    ("Jansen, L. (2023). Referenties herkennen. bioRxiv. https://doi.org/10.1101/2023.01.01.522222",
     {"type": "article", "publisher": "bioRxiv"}),
    # unpublished manuscripts
    ("Smith, J. (2020). The structure of things. Unpublished manuscript.", {"type": "manuscript"}),
    ("De Vries, J. (2021). Over water. Manuscript submitted for publication.", {"type": "manuscript"}),
    ("Weber, S. (2021). Sprachmodelle im Unterricht. Unveröffentlichtes Manuskript, Universität Köln.",
     {"type": "manuscript", "title": "Sprachmodelle im Unterricht"}),
    ("Bakker, J. (2020). Leren lezen. Ongepubliceerd manuscript.", {"type": "manuscript", "title": "Leren lezen"}),
    ("Petit, A. (2019). La lecture numérique. Manuscrit non publié.", {"type": "manuscript"}),
    # conference papers, not chapters; a meeting's dates are neither the issued date nor pages
    ("Vaswani, A., Shazeer, N., Parmar, N., Uszkoreit, J., Jones, L., Gomez, A. N., Kaiser, L., & Polosukhin, I. "
     "(2017). Attention is all you need. In Advances in Neural Information Processing Systems (pp. 5998–6008).",
     {"type": "paper-conference", "page": "5998-6008"}),
    ("Goodfellow I. Generative adversarial nets. Advances in Neural Information Processing Systems 27, Montreal, "
     "Canada, 8–13 December 2014. 2014. p. 2672–80.", {"type": "paper-conference", "issued": Date(2014),
                                                        "page": "2672-2680"}),
    ("Liu, Y. (2019). RoBERTa. In NeurIPS 2019, Vancouver, Canada, 8–14 December 2019.",
     {"type": "paper-conference", "issued": Date(2019), "page": None}),
    ("Smith J, Lee K. Fast parsing. In: Proceedings of the 33rd Conference on Neural Information Processing Systems, "
     "Vancouver, Canada, 8 December 2019. Red Hook: Curran; 2020. p. 100-110.",
     {"type": "paper-conference", "issued": Date(2020), "page": "100-110"}),
    ("Müller, A. (2021). Schnelles Parsen. In: Tagungsband der INFORMATIK 2020, Karlsruhe, 28. September 2020. Bonn: "
     "GI, S. 10-20.", {"type": "paper-conference", "issued": Date(2021)}),
    ("Y. Yang and D. Ramanan. Articulated pose estimation with flexible mixtures-of-parts. In CVPR, pages 1385 –1392, "
     "2011.", {"type": "paper-conference"}),
    # editions, in figures or words
    ("Mitchell, T. (2017). Machine learning (2nd ed.). McGraw-Hill.", {"edition": "2", "title": "Machine learning"}),
    ("Brown, T. (2020). Linear algebra. Second edition. Cambridge: Cambridge University Press.", {"edition": "2"}),
    ("Kandel, E. (2013). Neurowissenschaften. 3. Aufl. Heidelberg: Spektrum.", {"edition": "3"}),
    ("Schulz, F. (2019). Datenbanksysteme. 2. Aufl. München: Hanser.", {"edition": "2", "title": "Datenbanksysteme"}),
    ("Jansen, K. (2015). Inleiding statistiek (2e druk). Amsterdam: Boom.", {"edition": "2"}),
    ("Vermeer, H. (2018). Statistiek voor dummies. Tweede druk. Amsterdam: Pearson.", {"edition": "2"}),
    ("Dupuis, A. (2012). Chimie organique (2e éd.). Paris: Dunod.", {"edition": "2", "title": "Chimie organique"}),
    ("Lemaire, C. (2016). Biologie cellulaire. 3e édition. Paris: Dunod.", {"edition": "3"}),
    ("Christie WW (2003) Lipid analysis, 3rd edn. The Oily Press, Bridgwater", {"edition": "3", "type": "book"}),
    ("Peirce, Charles Sanders 2000. Writings of Charles S. Peirce: A Chronological Edition. Vol. 6. Ed. Nathan "
     "Houser et al. Bloomington: Indiana UP.", {"edition": None}),
    # series with their numbers
    ("Smith J. Model checking. In: Computer Aided Verification. Lecture Notes in Computer Science, vol. 4012. "
     "Berlin: Springer; 2006. p. 1-12.", {"collection_title": "Lecture Notes in Computer Science",
                                         "collection_number": "4012", "type": "chapter"}),
    ("Victor Boyko, Philip MacKenzie, and Sarvar Patel. Provably secure password-authenticated key exchange using "
     "Diffie-Hellman. In EUROCRYPT’00, volume 1807 of Lecture Notes in Computer Science, pages 156–171. "
     "Springer-Verlag, 2000.", {"collection_number": "1807", "volume": "1807", "issued": Date(2000)}),
    ("Fischer, G. (2010). Graphentheorie. In: Informatik-Spektrum, Lecture Notes in Informatics, Bd. 175. Bonn: GI, "
     "S. 10-20.", {"collection_number": "175", "edition": None}),
    ("Durand, P. (2012). Les graphes. In: Algorithmique, Collection Sciences Sup, n° 12. Paris: Dunod, p. 5-30.",
     {"collection_title": "Collection Sciences Sup", "collection_number": "12"}),
    ("Sumney, Jerry. Identifying Paul’s Opponents: The Question of Method in 2 Corinthians. Journal for the Study of "
     "the New Testament Supplement Series 40. Sheffield: Sheffield, 1990.", {"collection_number": "40"}),
    # access dates, never the issued date
    ("World Health Organization (2023). Diabetes fact sheet. https://www.who.int/news-room/fact-sheets/detail/diabetes. "
     "Accessed 3 May 2023.", {"accessed": Date(2023, 5, 3), "issued": Date(2023)}),
    ("Rijksoverheid (2022). Stikstofaanpak. https://www.rijksoverheid.nl/onderwerpen/stikstof. Geraadpleegd op "
     "14 februari 2023.", {"accessed": Date(2023, 2, 14), "author": (("", "", "Rijksoverheid"),)}),
    ("Umweltbundesamt (2021). Treibhausgas-Emissionen. https://www.umweltbundesamt.de/daten. Abgerufen am "
     "4. Dezember 2024.", {"accessed": Date(2024, 12, 4), "issued": Date(2021)}),
    ("Santé publique France (2022). Bulletin épidémiologique. https://www.santepubliquefrance.fr/bulletin. "
     "Consulté le 12 mars 2023.", {"accessed": Date(2023, 3, 12)}),
    # organisations are one literal name
    ("Diabetes Fonds. Feiten en cijfers over diabetes. Amersfoort: Diabetes Fonds; 2020. Geraadpleegd op 12 maart "
     "2021.", {"author": (("", "", "Diabetes Fonds"),), "accessed": Date(2021, 3, 12)}),
    ("Robert Koch-Institut. Epidemiologisches Bulletin. Berlin: RKI; 2020. Abgerufen am 4. Dezember 2024.",
     {"author": (("", "", "Robert Koch-Institut"),)}),
    ("Gezondheidsraad. Richtlijnen goede voeding 2015. Den Haag: Gezondheidsraad; 2015.",
     {"author": (("", "", "Gezondheidsraad"),)}),
    # Cyrillic names split into family and given
    ("Колмогоров А. Н. Основные понятия теории вероятностей. М.: Наука, 1974. 120 с.",
     {"author": (("Колмогоров", "А. Н.", ""),)}),
    ("А. Н. Колмогоров. Основные понятия теории вероятностей. М.: Наука, 1974.",
     {"author": (("Колмогоров", "А. Н.", ""),)}),
    ("Колмогоров А. Н, Фомин С. В. Элементы теории функций. Успехи математических наук, 15(2), 3–40 (1960).",
     {"author": (("Колмогоров", "А. Н.", ""), ("Фомин", "С. В.", ""))}),
    ("Иванников, В. А. (2006). Психологические механизмы волевой регуляции. СПб.: Питер.",
     {"author": (("Иванников", "В. А.", ""),)}),
]


def _value(ref, field):
    value = getattr(ref, field)
    if field == "author":
        return tuple((n.family, n.given, n.literal) for n in value)
    return value


@pytest.mark.parametrize(("text", "expected"), TABLE, ids=[t[:48] for t, _ in TABLE])
def test_the_printed_kind_and_numbers_are_read(text, expected):
    """Each printed string reads with the kind, numbers and names the table gives."""
    ref = parse_reference(text)
    got = {field: _value(ref, field) for field in expected}
    assert got == expected


@pytest.mark.parametrize("text", [
    "Smith J, Jones K. Reports of adverse events. Scientific Reports. 2019;9:1234.",
    "Doe A. Trends in analysis. MMWR Morb Mortal Wkly Rep. 2020;69(5):120-4.",
    "Feuer, Alan R. and Edward B. Fowlkes. Some Results from an Empirical Study of Computer Software, in Proceedings "
    "4th International Conference on Software Engineering. Los Alamitos, California: IEEE Computer Society Press, "
    "1979, pp. 351-355.",
    "Hydro-Québec (2015c). Rapport sur le développement durable 2014, 84 p. [en ligne (25 août 2015) : "
    "http://www.hydroquebec.com/publications/fr/docs/rapport-developpement-durable/rdd_2014.pdf].",
    "Bhattacharya, Rajesh. \"Financialization: A Critique of the Autonomization of Capital Thesis\", Journal of "
    "Economic Issues 48(2), 2014, 367-380.",
])
def test_words_inside_a_title_or_a_journal_name_do_not_retype(text):
    """'Reports', 'Software', 'Rapport' or 'Thesis' in a journal's name, a title or a link are no kind of work: no
    genre is read from them and no journal article or paper is re-typed."""
    ref = parse_reference(text)
    assert ref.genre is None
    if ref.container_title:
        assert ref.type not in ("report", "software", "thesis")


def test_an_organisation_read_as_a_person_becomes_one_literal_name():
    """'Diabetes Fonds' printed as a name is the organisation, whole."""
    from acuref.parse.orgs import organisations
    from acuref.model import Reference

    ref = Reference(author=(Name(family="Fonds", given="Diabetes"), Name(family="Jansen", given="Piet")))
    assert organisations(ref, "Diabetes Fonds, Jansen P. Title.").author == (Name(literal="Diabetes Fonds"), Name(family="Jansen", given="Piet"))


@pytest.mark.parametrize("text, year", [
    ("Lund, B., Vogel, Q.: Counting birds by ear. arXiv preprint arXiv:2104.01234 (2021)", 2021),
    ("Lund B, Vogel Q. Counting birds by ear. arXiv preprint arXiv:2104.01234. 2021.", 2021),
])
def test_the_year_after_an_arxiv_id_is_the_date(text, year):
    """The year printed after an arXiv identifier is read as the date, not lost to the identifier's digits."""
    ref = parse_reference(text)
    assert ref.number == "arXiv:2104.01234" and ref.issued is not None and ref.issued.year == year
