"""Chapters in edited books and proceedings: the In + editors + editor word + book grammar of many languages."""

from __future__ import annotations

import pytest

from acuref import parse_reference
from acuref.model import Date, Name, Reference
from acuref.parse.chapters import read_chapter

# (reference string, expected fields) read end to end; strings written for these tests in the styles users paste.
CASES = [
    ("Smith, J. (2004). Ritual and memory in village life. In A. Brown & C. White (Eds.), Anthropology of the "
     "everyday: Essays in honour of Mary Green (pp. 45–67). Oxford: Berghahn.",
     dict(container="Anthropology of the everyday: Essays in honour of Mary Green", editors=["Brown", "White"],
          page="45-67", publisher="Berghahn", place="Oxford", type="chapter")),
    ("Keller, Anna: Die Stadt als Bühne. Theater und Öffentlichkeit um 1800. In: Peter Braun (Hrsg.): "
     "Kulturgeschichte der Stadt. Studien zur Urbanität. Berlin: de Gruyter 2009, S. 113-140.",
     dict(container="Kulturgeschichte der Stadt. Studien zur Urbanität", editors=["Braun"], page="113-140",
          publisher="de Gruyter", place="Berlin", type="chapter")),
    ("Dupont, M. (2011). Les usages du passé. Dans J. Martin & P. Leroy (dir.), Mémoires collectives : approches "
     "croisées (p. 23-48). Paris : Armand Colin.",
     dict(container="Mémoires collectives : approches croisées", editors=["Martin", "Leroy"], page="23-48")),
    ("Rossi, L. (2015). La lingua dei notai. In M. Bianchi (a cura di), Scritture e pratiche: studi di storia della "
     "lingua (pp. 101-120). Roma: Carocci.",
     dict(container="Scritture e pratiche: studi di storia della lingua", editors=["Bianchi"], page="101-120")),
    ("García, P. (2010). La ciudad y sus márgenes. En J. López (coord.), Historia urbana: problemas y métodos "
     "(pp. 77-95). Madrid: Síntesis.",
     dict(container="Historia urbana: problemas y métodos", editors=["López"], page="77-95")),
    ("Nowak, A. (2009). Metoda i praktyka. W: J. Kowalski (red.), Socjologia miasta (s. 45-60). Warszawa: PWN.",
     dict(container="Socjologia miasta", editors=["Kowalski"], page="45-60")),
    ("Lee, K. 1999 The Spirit in the Forest. In Who Owns the Past? Mark Evans, ed. Pp. 12–30. Chicago: "
     "University of Chicago Press.",
     dict(container="Who Owns the Past?", editors=["Evans"], page="12-30")),
    ("Moreau, J. (1990). Vers une psychologie du lien. In R. Petit & C. Blanc (Eds.), Traité de psychologie "
     "sociale : Cognition et communication (Tome 2, pp. 1-110). Paris : Masson.",
     dict(container="Traité de psychologie sociale : Cognition et communication", volume="2", page="1-110")),
    ("Schulz, Ina: Mobilität im Alltag. In: Kaiser, Astrid (Hrsg.): Handbuch der Verkehrsplanung. Grundlagen und "
     "Methoden. Band 4, S. 292-297.",
     dict(container="Handbuch der Verkehrsplanung. Grundlagen und Methoden", volume="4", page="292-297")),
    ("Young, D. (2004). Capturing unstable media – a formal model, in Frohne, U. and M. Schieren (eds.), Present "
     "Continuous Past(s): Media Art: Strategies of Presentation and Dissemination. Heidelberg: Springer, 2004.",
     dict(container="Present Continuous Past(s): Media Art: Strategies of Presentation and Dissemination",
          editors=["Frohne", "Schieren"])),
    ("Weber, M.: Zur Geschichte der Mühlen, in: Müller 2003, 171–190.",
     dict(container=None, page="171-190", type="chapter")),
    ("Hart, J. 2001. \"Grounds of the Abyss.\" In Scott and Brown, 196–203.", dict(container=None, page="196-203")),
    ("Müller, K. (2015): Sprache und Macht. In: Schmidt, H./Weber, L. (Hg.): Diskurs und Gesellschaft. Frankfurt: "
     "Campus, S. 55-80.", dict(container="Diskurs und Gesellschaft", editors=["Schmidt", "Weber"], page="55-80")),
    ("Bianchi, A. (2008), «La città medievale», in G. Rossi (a cura di), Storia urbana d'Italia, Bologna, il Mulino, "
     "pp. 33-58.", dict(container="Storia urbana d'Italia", editors=["Rossi"], page="33-58")),
    ("Doe, J. “A title”. In: Directional Hearing. Ed. by W. A. Yost and G. Gourevitch. New York: Springer, 1987, "
     "pp. 1–20.", dict(container="Directional Hearing", editors=["Yost", "Gourevitch"])),
    ("Kim, S. and Park, J. (2018). A neural approach to parsing. In: Proceedings of the 27th International "
     "Conference on Computational Linguistics (COLING 2018), Santa Fe, New Mexico, USA, pp. 1-10.",
     dict(container="Proceedings of the 27th International Conference on Computational Linguistics (COLING 2018)",
          page="1-10")),
]


@pytest.mark.parametrize("text,want", CASES, ids=[c[0][:40] for c in CASES])
def test_chapter_strings(text, want):
    """Each chapter string reads its book, editors and the numbers and imprint after the book."""
    ref = parse_reference(text)
    got = dict(container=ref.container_title, editors=[e.family or e.literal for e in ref.editor], page=ref.page,
               volume=ref.volume, publisher=ref.publisher, place=ref.publisher_place, type=ref.type)
    assert {k: got[k] for k in want} == want


def _reading(**fields) -> Reference:
    base = dict(type="chapter", author=(Name(family="Doe", given="J."),), title="A chapter", confidence=0.9)
    base.update(fields)
    return Reference(**base)


# (string, a reader's slip, what the pass makes of it)
MENDS = [
    ("Doe, J. (2001). A chapter. In K. Roe (Ed.), Book: The subtitle (pp. 3-9). London: Verso.",
     dict(container_title="The subtitle"), dict(container_title="Book: The subtitle")),
    ("Doe, J. (2001). A chapter. In K. Roe (Ed.), Book: The subtitle (pp. 3-9). London: Verso.",
     dict(container_title="Book: The subtitle", number="(pp. 3-9)"), dict(page="3-9", number=None)),
    ("Doe, J. (2001). A chapter. In: K. Roe (Hrsg.): Ein Buch. Band 3, S. 3-9.",
     dict(container_title="Ein Buch. Band"), dict(container_title="Ein Buch", volume="3", page="3-9")),
    ("Doe, J. (2001). A chapter. In: K. Roe (dir.), Un livre, Paris 2001, p. 3-9.",
     dict(container_title="Un livre", editor=(Name(family="Roe (dir", given="K."),)),
     dict(editor=(Name(family="Roe", given="K."),), publisher_place="Paris")),
    ("Doe, J. (2001). A chapter. In K. Roe (Ed.), Book, Springer, Berlin, pp. 3-9.",
     dict(container_title="Book"), dict(container_title="Book")),  # a publisher after a comma is not the book's
    ("Doe, J. (2001). A chapter. In K. Roe (Ed.), Book. LNCS, vol. 12, pp. 3-9.",
     dict(container_title="Book"), dict(container_title="Book")),  # a series' acronym is not the book's
    ("Doe, J. (2001). A chapter. In Book, edited by K. Roe, 3-9. London: Verso.",
     dict(container_title="Book"), dict(container_title="Book")),  # the editors after the book stay off it
    ("Doe, J. (1979). A title. In Proceedings of the Sixth Joint Conference on Planning, pp. 168-175 Tokyo.",
     dict(container_title="Proceedings of the Sixth Joint Conference on Planning", number="168-175 Tokyo"),
     dict(page="168-175", number=None)),  # the town printed after the pages
    ("Doe, J. (2005). A title. In: Proceedings of the 3rd Symposium on Fluids, Lyon, France, 12-15 June 2005.",
     dict(container_title="Proceedings of the 3rd Symposium on Fluids", number="12-15 June"),
     dict(number="12-15 June")),  # a meeting's days are no pages
    ("Doe, J. A title. In 1992 International Conference on Parallel Processing, pages 251-255, August 1992.",
     dict(container_title="International Conference on Parallel Processing", page="251-255"),
     dict(container_title="1992 International Conference on Parallel Processing")),
    ("Doe, J. (2014). Un título. En Actas del XIV Congreso de Geografía, Sevilla, 2014, pp. 33-40.",
     dict(container_title="Actas del XIV Congreso de Geografía, Sevilla", volume="2014", issued=Date(2014)),
     dict(volume=None)),  # the year read as the volume is none; "…, Sevilla" stays (a name's words after a comma)
    ("Doe, J. A title. In Proceedings of the IEEE Conference on Software Maintenance, Reengineering and Reverse "
     "Engineering, 2012, pp. 1-10.",
     dict(container_title="Proceedings of the IEEE Conference on Software Maintenance, Reengineering and Reverse Engineering"),
     dict(container_title="Proceedings of the IEEE Conference on Software Maintenance, Reengineering and Reverse Engineering")),
    ("Doe, J. A title. In: Proceedings of the 20th Conference on Programming. ICFP. accepted for publication.",
     dict(container_title="Proceedings of the 20th Conference on Programming"),
     dict(container_title="Proceedings of the 20th Conference on Programming")),  # an acronym after the name stays off

    ("Doe, J. (2008), «Un titolo», in G. Rossi (a cura di), Un libro, Bologna, il Mulino, pp. 33-58.",
     dict(container_title="Un libro", publisher_place="Bologna, il Mulino"),
     dict(publisher_place="Bologna", publisher="il Mulino")),  # the town, then its publisher
    ("Doe, J. Um título. In: COSTA, L. (Org.). Um livro. Rio de Janeiro: Vozes, 2015. cap. 3, p. 12-30.",
     dict(container_title="Um livro", volume="cap. 3"), dict(volume=None)),  # a chapter's number is no volume
    ("Doe, J.: A title of things. Front. in Phys. 8, 379 (2020).",
     dict(container_title="Front. in Phys", title="A title of things"), dict(title="A title of things")),  # a journal
    ("Doe, J. In vivo imaging of cells. Cell Biol 2001, 12:3-9.",
     dict(container_title="Cell Biol", volume="12"), dict(container_title="Cell Biol")),  # "In vivo" is no cue
]


@pytest.mark.parametrize("text,slip,want", MENDS, ids=[f"{i}" for i in range(len(MENDS))])
def test_mends(text, slip, want):
    """The grammar mends the reader's slip where the two overlap and leaves the rest as read."""
    ref = read_chapter(_reading(**slip), text)
    assert {k: getattr(ref, k) for k in want} == want


@pytest.mark.parametrize("title,want", [
    ("Histoire des villes, Paris, Presses Universitaires de France, coll", ("Histoire des villes", "Paris",
                                                                           "Presses Universitaires de France")),
    ("Bilder aus Böhmen, Wien, Hof- und Staatsdruckerei 1860", ("Bilder aus Böhmen", "Wien", "Hof- und Staatsdruckerei")),
    ("Il romanzo, Torino, Einaudi", ("Il romanzo", "Torino", "Einaudi")),
    ("A history of the Press, Politics and Society", ("A history of the Press, Politics and Society", None, None)),
])
def test_title_run_into_imprint(title, want):
    """A book's title read on into its place and publisher ends before them; a title naming a press stays whole."""
    ref = read_chapter(_reading(type="book", title=title), "Doe, J. " + title + ", 1990.")
    assert (ref.title, ref.publisher_place, ref.publisher) == want


def test_title_cut_at_inner_stop_is_whole():
    """A chapter's title read only to its first full stop runs on to the cue word."""
    text = "Doe, J.: Die Stadt als Bühne. Theater und Öffentlichkeit um 1800. In: K. Roe (Hrsg.): Buch. Berlin: X 2009."
    ref = read_chapter(_reading(title="Die Stadt als Bühne", container_title="Buch"), text)
    assert ref.title == "Die Stadt als Bühne. Theater und Öffentlichkeit um 1800"


def test_title_followed_by_names_stays():
    """What follows the title's first sentence stays off it when it names people or a year."""
    text = "Doe, J.: Ein Titel. Übers. von K. Roe. In: K. Roe (Hrsg.): Buch. Berlin: X 2009."
    ref = read_chapter(_reading(title="Ein Titel", container_title="Buch"), text)
    assert ref.title == "Ein Titel"


def test_no_cue_is_untouched():
    """A string without a cue word keeps its reading as it is, whatever it holds."""
    ref = _reading(title="Title", container_title="Journal of Things", volume="3")
    assert read_chapter(ref, "Doe J. Title. Journal of Things 2001;3:4-9.") is ref
