"""The fields of reference shapes common on web pages: GB/T names set off by full stops, Ukrainian GOST, Wikipedia's
CS1 notes, edition statements and APA's notes after a title. Every string here is written for the test."""

from __future__ import annotations

import pytest

from acuref import parse_reference
from acuref.parse.webcite import read_cs1


def _names(ref) -> list[str]:
    return [n.family or n.literal for n in ref.author]


GBT_FULL_STOPS = [
    ("李明. 王芳. 张伟. 城市绿地空间格局的演变研究[J]. 地理学刊, 2021, 40(2): 55-67.",
     (["李明", "王芳", "张伟"], "城市绿地空间格局的演变研究", "地理学刊", "40", "55-67")),
    ("BROWN K L. GREEN A. 等. Sparse estimation for survival data[J]. Statistics Letters, 2015, 12(4): 301-310.",
     (["Brown", "Green"], "Sparse estimation for survival data", "Statistics Letters", "12", "301-310")),
    ("ADAMS J. KIM. A second look at the bridge estimator[J]. Journal of Estimation, 2009, 7: 11-19.",
     (["Adams", "KIM"], "A second look at the bridge estimator", "Journal of Estimation", "7", "11-19")),
]


@pytest.mark.parametrize("text, want", GBT_FULL_STOPS)
def test_gbt_names_set_off_by_full_stops_are_authors(text, want):
    """A GB/T list whose names end in full stops keeps every name out of the title."""
    ref = parse_reference(text)
    assert (_names(ref), ref.title, ref.container_title, ref.volume, ref.page) == want


GOST_UKRAINIAN = [
    ("Іваненко О.Є., Гребенюк Ї.В. Аналіз мережевих протоколів // Вісник інформатики. – 2022. – № 3. – С. 14-20.",
     (["Іваненко", "Гребенюк"], "Аналіз мережевих протоколів", "Вісник інформатики", 2022, "14-20")),
    ("Петренко А.І. Бази даних у хмарі. /Матеріали II конференції молодих науковців - Київ, 2023, с. 45-47.",
     (["Петренко"], "Бази даних у хмарі", "Матеріали II конференції молодих науковців", 2023, "45-47")),
    ("Сидоренко В.В. Модуль Tx/Rx для датчиків // Збірник тез, № 2 (12) 2021, с. 7-9.",
     (["Сидоренко"], "Модуль Tx/Rx для датчиків", "Збірник тез", 2021, "7-9")),
    ("Коваль Б.Б. Моделі черг / Праці семінару: тези доп., 3–4 травня 2020 р. / За ред. Р. Т. Шевчука. Львів, 2020. "
     "С.33.",
     (["Коваль"], "Моделі черг", "Праці семінару: тези доп", 2020, "33")),
]


@pytest.mark.parametrize("text, want", GOST_UKRAINIAN)
def test_gost_reads_ukrainian_lists(text, want):
    """Ukrainian initials (Є, Ї, І), a single slash for '//', lower-case 'с.' pages and ' - Place, year' are read."""
    ref = parse_reference(text)
    got = (_names(ref), ref.title, ref.container_title, ref.issued.year if ref.issued else None, ref.page)
    assert got == want


CS1 = [
    ('^ Lovelace, Ada (3 March 2019). "Why the engine weaves patterns" https://example.org/engine\n. The Daily '
     'Loom. Retrieved 4 April 2020.',
     (["Lovelace"], "Why the engine weaves patterns", "The Daily Loom", 2019, None, None)),
    ('^ Jump up to: a b "A river that runs backwards". riverwatch.example. 2021-06-01. Retrieved 2022-01-02.',
     ([], "A river that runs backwards", "riverwatch.example", 2021, None, None)),
    ('^ Turing, Alan (May 1990). "Letters". Monthly Machines. 14 (3/4): 88. Retrieved May 1, 2001.',
     (["Turing"], "Letters", "Monthly Machines", 1990, "14", "88")),
    ('^ Hopper, Grace. "Notes on "debugging" a moth" https://example.org/moth\n. Bug Review. Retrieved 2 May 2016.',
     (["Hopper"], 'Notes on "debugging" a moth', "Bug Review", None, None, None)),
    ('^ Byron, Augusta (2 June 2011). "Counting with cards" https://example.org/cards\n. Card Weekly, June 2, 2011.',
     (["Byron"], "Counting with cards", "Card Weekly", 2011, None, None)),
]


@pytest.mark.parametrize("text, want", CS1)
def test_wikipedia_cs1_notes(text, want):
    """A CS1 note gives its quoted title, the work after it, the date and a journal's numbers."""
    ref = parse_reference(text)
    got = (_names(ref), ref.title, ref.container_title, ref.issued.year if ref.issued else None, ref.volume, ref.page)
    assert got == want


NOT_CS1 = [
    'Miller, Jo. "A quoted title." Journal of Tests, vol. 2, no. 3, 2010, pp. 1-9.',
    'Miller, Jo. "A quoted title". Journal of Tests, Jan-Mar 2010, Vol. 2 Issue 3, p5, 9p.',
    'Miller, Jo. 2004. "A quoted title". In Book of Tests, edited by Ann Lee, 33-41. Boston: Test Press.',
    'Miller J, Lee A: Things seen in the "small print". J Tests 2007, 4(2):1-9.',
    '"A quoted title". - a remark someone wrote about the page, long enough to be a sentence of its own here',
]


@pytest.mark.parametrize("text", NOT_CS1)
def test_other_quoted_styles_are_not_cs1(text):
    """MLA, Chicago, EBSCO and Vancouver strings that quote a title are left to the general reader."""
    assert read_cs1(text) is None


EDITIONS = [
    ("Keller, Anna (2015): Grundfragen der Ethik. 4. Auflage. Hamburg: Meiner.",
     ("Grundfragen der Ethik", "4", None)),
    ("Vogel, Jan (2012): Logik für Anfänger. Eine Einführung. 3., durchgesehene und erweiterte Auflage. Berlin: "
     "Akademie.", ("Logik für Anfänger. Eine Einführung", "3", None)),
    ("Ramos, L. (2004). Teoría del estado moderno (2a. ed). Editorial Norte.", ("Teoría del estado moderno", "2", None)),
    ("Hart, P. (1961). The logic of crowds (Repr). Harbor Press.", ("The logic of crowds", None, None)),
    ("Dunn, R. (1975). Why nations trade (3. printing). Ridge University Press.", ("Why nations trade", None, None)),
    ("Marsh, K. (1901). Collected letters (Vol. 12). Old House.", ("Collected letters", None, "12")),
    ("Lowe, T. (2019). The quiet economy (Second revised edition). Lakeside Press.",
     ("The quiet economy", "2", None)),
]


@pytest.mark.parametrize("text, want", EDITIONS)
def test_edition_statements_leave_the_title(text, want):
    """An edition statement or an APA note after the title is not title: its numbers go to edition and volume."""
    ref = parse_reference(text)
    assert (ref.title, ref.edition, ref.volume) == want


def test_apa_note_after_a_books_name_in_a_chapter():
    """'In Editor (Ed.), Book (First, pp. 10–20).': the note leaves the book's name and gives the pages."""
    ref = parse_reference("Stone, R. (2005). Class and place. In E. O. Hill (Ed.), Studies of Class (First, pp. "
                          "10–20). North University Press.")
    assert (ref.container_title, ref.page) == ("Studies of Class", "10-20")


ISO690 = [
    ("DURAND, Claire et PETIT, Marc, 2019. Les jardins partagés en ville. La Revue Verte. [en ligne]. 3 mai 2019. "
     "[Consulté le 2 mars 2023]. Disponible à l’adresse : https://example.org/jardins",
     (["Durand", "Petit"], "Les jardins partagés en ville", "La Revue Verte", 2019, None, None)),
    ("Compostage, [sans date]. Mairie de Test. [en ligne]. [Consulté le 4 avril 2022]. Disponible à l’adresse : "
     "https://example.org/compost",
     ([], "Compostage", "Mairie de Test", None, None, None)),
    ("Lyon. Un marché de nuit sur les quais, [sans date]. [en ligne]. [Consulté le 1 juin 2021]. Disponible à "
     "l’adresse : https://example.org/marche",
     ([], "Lyon. Un marché de nuit sur les quais", None, None, None, None)),
    ("MOREAU, L. et ROUX, P., 2011. Do bees prefer blue flowers? Journal of Pollination. 2 mai 2011. Vol. 8, n° 2, "
     "pp. 101‑109. DOI 10.1000/bees.8.101.",
     (["Moreau", "Roux"], "Do bees prefer blue flowers?", "Journal of Pollination", 2011, "8", "101-109")),
    ("GREEN, Amy, 2021. Rivers in the city. Urban Water Notes. [online]. 5 May 2021. [Accessed 6 June 2022]. "
     "Available from: https://example.org/rivers",
     (["Green"], "Rivers in the city", "Urban Water Notes", 2021, None, None)),
]


@pytest.mark.parametrize("text, want", ISO690)
def test_iso690_web_and_journal_references(text, want):
    """Zotero's ISO 690: capitals mark the author, the work is the last sentence before the medium mark or date."""
    ref = parse_reference(text)
    got = (_names(ref), ref.title, ref.container_title, ref.issued.year if ref.issued else None, ref.volume, ref.page)
    assert got == want


@pytest.mark.parametrize("text, family", [
    ("Harriet K Lowell and Omar T Reyes. Counting birds from the shore. Coastal Notes, 3(2):10–19, 2001.", "Lowell"),
    ("Lena MB Ortiz. Tides and towns. Harbour Review, 7:1–9, 2011.", "Ortiz"),
])
def test_given_names_first_with_bare_middle_initials(text, family):
    """'Given M Family' (a middle initial without its full stop, as sphinxcontrib-bibtex prints it) gives the family."""
    assert parse_reference(text).author[0].family == family


def test_german_series_statement_in_parentheses():
    """'Titel (=Reihe. 3)': the series and its number leave the title for collection_title and collection_number."""
    ref = parse_reference("Albrecht, Jonas: Klöster im Hochstift (=Studien zur Landesgeschichte. 7). Münster 1999.")
    assert (ref.title, ref.collection_title, ref.collection_number) == ("Klöster im Hochstift",
                                                                        "Studien zur Landesgeschichte", "7")


def test_gost_list_number_without_full_stop_and_publisher_with_a_comma():
    """'2 Фамилия И. О. …': the list number is no part of the name; 'Л.: Издательство, ЛО, 1985' is a book."""
    ref = parse_reference("2 Орлов В. В., Белов О. С. Прочность клеевых соединений. – Л.: Судостроение, ЛО, 1981. "
                          "– 120 с.")
    assert (_names(ref), ref.title, ref.issued.year) == (["Орлов", "Белов"], "Прочность клеевых соединений", 1981)


@pytest.mark.parametrize("text, want", [
    ('Rowe, Nora, and Ian Pike. "Counting owls at night." Ecology Letters 48.1203 (2011): 77-85.', ("48", "1203")),
    ('Rowe, Nora. "Owls again." Ecology Letters 48 (2012): 90-95.', ("48", None)),
])
def test_google_scholar_volume_dot_issue(text, want):
    """Google Scholar's MLA 'Journal 48.1203 (2011)' is volume 48, issue 1203."""
    ref = parse_reference(text)
    assert (ref.volume, ref.issue) == want


@pytest.mark.parametrize("text, want", [
    ("Weber, Lena (2016): Atlas der Logik. 12. Auflage. München: Beck.", ("Atlas der Logik", "12", None)),
    ("Lind, Per (1999): Was ist Sprache?. Übersetzt von Ute Kern. 3. Auflage. Berlin: Suhrkamp.",
     ("Was ist Sprache?", "3", None)),
])
def test_edition_is_no_volume_and_a_translator_no_title(text, want):
    """'12. Auflage' is the edition, not a volume; 'Übersetzt von …' after the title names a translator."""
    ref = parse_reference(text)
    assert (ref.title, ref.edition, ref.volume) == want


@pytest.mark.parametrize("text, want", [
    ("Соколов П.Р. - «Очерки по истории медицины», М., 1961 г.",
     (["Соколов"], "Очерки по истории медицины", None, "М.", 1961)),
    ("«Записки земского врача» – Казань: тип. Губернская, 1889 – 40 с.",
     ([], "Записки земского врача", None, "Казань", 1889)),
])
def test_hand_typed_russian_books_with_guillemets(text, want):
    """'Фамилия И.О. - «Заглавие», М., 1935 г.': a book; the place after the title is no container."""
    ref = parse_reference(text)
    got = (_names(ref), ref.title, ref.container_title, ref.publisher_place, ref.issued.year)
    assert got == want


def test_corner_brackets_inside_a_name_are_not_the_title():
    """「…」 with letters right before and after quotes a phrase inside a proceedings' name, not the title."""
    ref = parse_reference("山本一郎, 田中花子. 分散処理の研究動向. 特定領域研究「情報基盤」夏季ワークショップ論文集, "
                          "pp.5-12, 札幌, 2001年8月.")
    assert ref.title != "情報基盤"


def test_a_volume_in_parentheses_is_no_series():
    """'(= Bd. 2)' after a book gives its volume; no series called 'Bd'."""
    ref = parse_reference("Roth, Karl: Die Chronik des Dorfes. Teil zwei. Hof 1970. (= Bd. 2)")
    assert (ref.volume, ref.collection_title, ref.container_title) == ("2", None, None)
