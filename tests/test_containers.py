"""The container's own name (acronym and publisher tails off, inverted IEEE names whole) and what a title leaves behind."""

from __future__ import annotations

import pytest

from acuref import parse_reference
from acuref.model import Name, Reference
from acuref.parse.containers import read_container

CONTAINERS = [
    # an event's acronym with its quoted year after the proceedings' name; the year is no volume
    ("Ada Lind and Bo Quist. Fast merges for shared lists. In Proceedings of the 9th ACM Conference on Shared "
     "Editing, SHED ’15, pages 11–19, New York, NY, USA, 2015. ACM.",
     "Proceedings of the 9th ACM Conference on Shared Editing", None),
    ("C. Dorn, “Slicing loops faster,” in Proceedings of the 2012 4th IEEE Working Conference on Loop Analysis, "
     "ser. LOOPA ’12. Washington, DC, USA: IEEE Computer Society, 2012, pp. 5–14.",
     "Proceedings of the 2012 4th IEEE Working Conference on Loop Analysis", None),
    # biblatex's series after the book title, and a note after it
    ("Eva Marsh, Tom Ruiz. “Kernels from rewrite rules.” In: Proceedings of the 3rd International Conference on "
     "Array Languages. ARRL. accepted for publication. 2016",
     "Proceedings of the 3rd International Conference on Array Languages", None),
    ("Hu, Q., Park, L., 2011. Reading habits of coders. In: Proceedings of the Workshop on Coding Habits. "
     "COHA 2011. ACM, New York, NY, USA, pp. 7–9.",
     "Proceedings of the Workshop on Coding Habits", None),
    # a publisher printed after the journal (Google Scholar's BibTeX in ABNT)
    ("RYDER, B. G. Fast checkers. Software: Practice and Tools, Wiley Online Library, v. 4, n. 4, p. 359–377, 1974.",
     "Software: Practice and Tools", "Wiley Online Library"),
    ("SILVA, J. Clean builds for everyone. IEEE Build Engineering, IEEE, v. 9, n. 3, p. 40–44, 2019.",
     "IEEE Build Engineering", "IEEE"),
    ("COSTA, R.; LIMA, P. A review of build tools. Journal of Build Systems, Elsevier, v. 71, n. 2, p. 100–120, "
     "2018.", "Journal of Build Systems", "Elsevier"),
    ("Ana Pires and Rui Melo. 2012. Small talk in large teams. In Proc TEAMS 2012. ACM, Lisbon, 10–18.",
     "Proc TEAMS 2012", "ACM"),
    # IEEE's inverted names run to their final "on"; an acronym's open bracket is closed
    ("P. Roy and K. Das, “Which smells matter?” in Software Quality (ICSQ), 2014 IEEE 7th International "
     "Conference on, Sept 2014, pp. 1–10.",
     "Software Quality (ICSQ), 2014 IEEE 7th International Conference on", None),
    # a journal read "[online]" (SciELO) is named without it
    ("PEREZ, Ana. Sueño y salud. Rev Med Andina [online]. 2009, vol.12, n.2 [citado 2021-01-02], pp.10-19.",
     "Rev Med Andina", None),
    # numbers, a place, an editor, MLA's medium and a foundation after the name
    ("Vogel, Lena: Daten und Netze. In: Netzpolitik Heute 12 (2019), S. 40 – 55.", "Netzpolitik Heute", None),
    ("Kranz, Otto: Die Flussfahrt. In: Eva Roth (Hg.): Flüsse und Städte im 18. Jahrhundert. Passau 2012b, S. 10-20.",
     "Flüsse und Städte im 18. Jahrhundert", None),
    ("“Tallinn Song Festival.” Wikipedia, Wikimedia Foundation, 2 May 2020, en.wikipedia.org/wiki/Song_festival.",
     "Wikipedia", "Wikimedia Foundation"),
    ("\"Bus Boycott.\" Civil Rights Archive. Web. 12 Jan. 2012. http://example.org/boycott/", "Civil Rights Archive", None),
    ("A. Kim and B. Roe, “Faster checkpoints,” in SRDS. IEEE, 2016, pp. 10–19.", "SRDS", "IEEE"),
    ("Nolan, T. (2011). Rules at play. Proceedings of the International Conference of Game Studies (ICGS-11), "
     "2, 33-34.", "Proceedings of the International Conference of Game Studies (ICGS-11)", None),
]


@pytest.mark.parametrize("text, container, publisher", CONTAINERS)
def test_container_names(text, container, publisher):
    """The container is the name as printed, without the event's acronym or the publisher after it."""
    ref = parse_reference(text)
    assert ref.container_title == container
    if publisher:
        assert ref.publisher == publisher
    if "’1" in text:
        assert ref.volume is None  # the event's year after the acronym


KEPT = [
    # a journal's own name, a place-like token and DBLP's acronym with its year stay as printed
    ("Lee RT, Ng AB: A small protein. Proc Natl Acad Sci USA 2004, 101:1200-1205.", "Proc Natl Acad Sci USA"),
    ("Wu, X. (2010). Paths in trees. Journal of Tree Theory (Berl), 12(3), 4-9.", "Journal of Tree Theory (Berl)"),
]


@pytest.mark.parametrize("text, container", KEPT)
def test_container_names_kept(text, container):
    """A journal whose name holds a place or a bracket keeps it all."""
    assert parse_reference(text).container_title == container


TITLES = [
    # "Family, Given: Title": the given name is the author's
    ("Albers, Henrike: Aus der Geschichte einer Dorfschule. Kassel 1987.",
     "Aus der Geschichte einer Dorfschule", None, "Henrike"),
    # a link left in the title is the URL
    ("Vidal, P. (2001). Molinos y molineros del sur https://example.org/libros/2001_vidal-molinos.pdf. Editorial Sur.",
     "Molinos y molineros del sur", None, None),
    # "En" before the book, and the book run into the chapter's title
    ("Ortiz, L. M. (1998). Los puertos del Pacífico. En Historia del comercio andino (pp. 10–31). Ediciones Lago.",
     "Los puertos del Pacífico", "Historia del comercio andino", None),
    ("Ruiz, A. (2004). ¿Un siglo perdido para el comercio? En Ensayos sobre el siglo XIX, 1820-1870: Una mirada "
     "nueva. Ediciones Lago.", "¿Un siglo perdido para el comercio?", "Ensayos sobre el siglo XIX, 1820-1870: Una "
     "mirada nueva", None),
]


@pytest.mark.parametrize("text, title, container, given", TITLES)
def test_title_leftovers(text, title, container, given):
    """A given name, a link and a chapter's book are taken out of the title; Spanish opening marks stay."""
    ref = parse_reference(text)
    assert ref.title == title
    if container:
        assert ref.container_title == container
    if given:
        assert ref.author[-1].given == given


LEFTOVERS = [
    # a manual's version and maker, an RFC's number, a link's cue: not the title
    ("Fast Matrix Kernels (FMK). Version 3.2. Kernelsoft. 2016. url: http://example.org/fmk",
     "Fast Matrix Kernels (FMK)", {"version": "3.2", "publisher": "Kernelsoft"}),
    ("Shader Compiler Reference Manual. rev 2.0. Gfxcorp. Jan. 2015. url: http://example.org/scrm",
     "Shader Compiler Reference Manual", {"publisher": "Gfxcorp"}),
    ("J. Roe. The Widget Transfer Protocol. RFC 9999 (Experimental), May 2020. URL http://example.org/rfc9999.txt.",
     "The Widget Transfer Protocol", {"number": "RFC 9999"}),
    ("Atelier Noord. (z.d.). Lines that move. Geraadpleegd van https://example.org/case/lines/",
     "Lines that move", {}),
    # a name and a link only
    ("Kettlebell. https://example.org/kettlebell/. Accessed: 01/02/2023.", "Kettlebell", {"author": ()}),
    ("Open Data Portal for Tides - Task 12. https://example.org/tides/ Accessed 5 May 2021",
     "Open Data Portal for Tides - Task 12", {"volume": None, "container_title": None}),
    # a second author read into the title
    ("Anna B. Carter, Lena Moss. Designing Small Compilers. Tiny Press, 2010",
     "Designing Small Compilers", {}),
    # a company as the author; an author-year label before the reference
    ("Pine Hill Software. Treeview. https://example.org/treeview/.", "Treeview", {}),
    ("[Quill Labs, 2022] Quill Labs (2022). Quill documentation.", "Quill documentation", {}),
    # a manual's name read as its author, its version as the title
    ("Kernel Tuning Interface. Version 2.0. Tuning Standards Board. March 2011", "Kernel Tuning Interface",
     {"author": (Name(literal="Tuning Standards Board"),), "version": "2.0"}),
    # a quoted title, then where it appeared and when
    ("Paul Marin, \"Les trains de nuit reviennent\", Le Quotidien, 3 mars 2019 http://example.org/trains",
     "Les trains de nuit reviennent", {"container_title": "Le Quotidien"}),
    ("Standards Board, \"Coded Tables for Things\", ANSI X9.9, 1990.", "Coded Tables for Things", {"container_title": None}),
    # a cue word that ends a title is the title's own
    ("Ng W, Diaz R (2003) Scheduling with real-time information available. Transit Science 12(1):1–8",
     "Scheduling with real-time information available", {}),
]


@pytest.mark.parametrize("text, title, fields", LEFTOVERS)
def test_title_tails_and_bare_names(text, title, fields):
    """What a manual, an RFC or a link prints after the title comes off; a name with a link is the title."""
    ref = parse_reference(text)
    assert ref.title == title
    for name, value in fields.items():
        assert getattr(ref, name) == value


def test_thesis_word_after_a_quoted_title():
    """``“Title.” Masterthesis. 2014``: the thesis word after a quoted title is the kind, not the container."""
    ref = parse_reference("Jonas Weber. “A Tree Walker for Sparse Grids.” Masterthesis. Feb. 2012")
    assert (ref.type, ref.container_title) == ("thesis", None)


RESPONSIBILITY = [
    # GOST descriptors and the journal after "//"
    ("Orlov A. B. FLUXCODE: A Code for Dose Estimates : тех. отч. — Moscow, 1990.", "FLUXCODE: A Code for Dose Estimates",
     None),
    ("Orlov A. B., Ivanov K. Digital filters for noisy lines // Signal Letters. 1975. № 4 (2).",
     "Digital filters for noisy lines", "Signal Letters"),
    # an editor or a translator named after the title; a DIN report's institution
    ("Carla Neri. Storia delle biblioteche toscane, a cura di Marco Bini. Firenze: Polistampa, 2004, p. 10-19.",
     "Storia delle biblioteche toscane", None),
    ("Weber, Jan; Ott, Lea: A Survey of Overlay Routing / University of Kassel. 2004. – Forschungsbericht",
     "A Survey of Overlay Routing", None),
    # an abbreviated APA description; the organisation printed again as publisher
    ("ACME. (2021, mei 3). Hidden costs in apps (tech. rap.). ACME Foundation. https://example.org/report",
     "Hidden costs in apps", None),
    ("KLARO. (2024). Winkelen zonder zorgen. KLARO. Verkregen mei 2, 2025, van https://example.org/winkelen",
     "Winkelen zonder zorgen", None),
]


@pytest.mark.parametrize("text, title, container", RESPONSIBILITY)
def test_responsibility_after_the_title(text, title, container):
    """Descriptors, editors, institutions and the publisher printed after a title are not the title."""
    ref = parse_reference(text)
    assert ref.title == title
    if container:
        assert ref.container_title == container


def test_species_author_in_brackets_stays():
    """``(Sav.)`` after a species name is the title's own."""
    ref = parse_reference("Morel H (1970) Etude de l'ovocyte d'Eisenia foetida (Sav.). Z Zellforsch 90:96-112")
    assert ref.title.endswith("(Sav.)")


MISSING = [
    # "In NIPS." at the end is the proceedings
    ("Ana Ruiz and Tom Lee. 2019. Sparse Kernels for Everyone. In ICML.", "ICML", None),
    # a book's series in brackets after its pages
    ("MARTIN Paul. Les images lentes. Paris : Seuil, 1980, 210 p. (Essais)", None, "Essais"),
    # GB/T 7714 in Latin script: the journal keeps its own commas
    ("Li J, Wu S. Friction control in channel flows[J]. Flow, Heat and Mass Transfer, 2015, 12(3): 101–120.",
     "Flow, Heat and Mass Transfer", None),
    # "In: Link" is where a link was, not the proceedings
    ("Weber, Anna: Die Insel. In: Link, letzter Abruf 3.1.2023.", None, None),
]


@pytest.mark.parametrize("text, container, series", MISSING)
def test_missing_containers(text, container, series):
    """A container or series the learned reading left out is read from the string's own shape."""
    ref = parse_reference(text)
    assert ref.container_title == container
    if series:
        assert ref.collection_title == series


def test_quoted_phrase_opening_a_title_keeps_its_subtitle():
    """``"Phrase": Subtitle`` is one title; ``"Title," Journal`` stays the quoted span."""
    ref = parse_reference('Moss, P. (2004). "Small steps": Walking and memory in old towns. Journal of Walks, 3, 1-9.')
    assert ref.title == '"Small steps": Walking and memory in old towns'
    assert parse_reference('J. Smith, "A study of small things," Nature, 2010.').title == "A study of small things"


@pytest.mark.parametrize("text, title", [
    ("Vector Kernel Programming Guide. v2.1. Kernelcorp. May 2016. url: http://example.org/vkpg", "Vector Kernel Programming Guide"),
    ("Graduale Romanum Minor, Roma 1961", "Graduale Romanum Minor"),
    ("Tessel Query Engine. https://example.org/tessel/. Accessed: 01/02/2023.", "Tessel Query Engine"),
])
def test_untitled_reading_takes_the_opening_words(text, title):
    """With no author and no title read, the words that open the string are the title."""
    assert parse_reference(text).title == title


def test_journal_numbers_alone_stay_a_journal():
    """``Journal. 2010;463(7277):11``: the journal of a cited issue is not a title."""
    ref = parse_reference("Science Letters. 2011;12(3):45.")
    assert ref.title is None or ref.container_title


# (string, publisher read, place read, container after, publisher after)
JOURNAL_AS_PUBLISHER = [
    ("[4] A. Berg and T. Lund, “Edges from local phase,” Pattern Analysis Letters, 1991.",
     "Pattern Analysis Letters", None, "Pattern Analysis Letters", None),
    ("Kim S, Park J (2019) Limb regrowth in newts: a review. Front Cell Dev. doi.org/10.1234/example.2019.001.",
     "Front Cell Dev", None, "Front Cell Dev", None),
    # a publisher's word, a place or a report: a book's or a report's publisher
    ("Lund, T. (2001). Saga metres. Nordic Verse Society.", "Nordic Verse Society", None, None, "Nordic Verse Society"),
    ("Lund, T. (2001). Saga metres. Oslo: Nordic Verse.", "Nordic Verse", "Oslo", None, "Nordic Verse"),
    ("T. Lund, “Saga metres,” UC Davis, Tech. Rep. 12-3, 2001.", "UC Davis", None, None, "UC Davis"),
    ("Lund T (2019) Limb regrowth in newts. J Immunol. doi.org/10.1234/example.2019.002.",
     "J Immunol", None, "J Immunol", None),
    ("Lund T (2019) Limb regrowth in newts. J Neuropharmacol. doi.org/10.1234/example.2019.003.",
     "J Neuropharmacol", None, "J Neuropharmacol", None),
    # a publisher named after a person with an initial, or with a press's or a firm's word, is no journal
    ("Lund, T. (1990). Saga metres. J. Wiley.", "J. Wiley", None, None, "J. Wiley"),
    ("Lund, T. (1990). Saga metres. K. Olsen.", "K. Olsen", None, None, "K. Olsen"),
    ("Lund, T. (1990). Saga metres. J. B. Hartley Company.", "J. B. Hartley Company", None, None, "J. B. Hartley Company"),
    ("Lund, T. (1990). Saga metres. Presses de la Revue du Nord.", "Presses de la Revue du Nord", None, None,
     "Presses de la Revue du Nord"),
    ("Lund, T. (1990). Saga metres. Éditions de la Revue Bleue.", "Éditions de la Revue Bleue", None, None,
     "Éditions de la Revue Bleue"),
    ("Lund, T. (1990). Saga metres. Am Dental Pub.", "Am Dental Pub", None, None, "Am Dental Pub"),
]


@pytest.mark.parametrize("text,publisher,place,container,publisher_after", JOURNAL_AS_PUBLISHER,
                         ids=[r[0][:30] for r in JOURNAL_AS_PUBLISHER])
def test_a_journal_read_as_the_publisher_is_the_journal(text, publisher, place, container, publisher_after):
    """A book's reading whose publisher is named like a journal, with no place, ISBN or editors, has that journal."""
    ref = read_container(Reference(type="book", title="Saga metres", publisher=publisher, publisher_place=place), text)
    assert (ref.container_title, ref.publisher) == (container, publisher_after)
