"""Access dates: read out of the reference in many languages, never taken as the year, and exported to every format."""

from __future__ import annotations

import pytest

from acuref import parse_reference
from acuref.formats import bibtex, csl, ris
from acuref.model import Date
from acuref.normalize.dates import split_access
from acuref.pipeline import to_entries

ACCESS = [
    ("Smith J. Web page. Available from: https://example.org [cited 2023 May 3].", Date(2023, 5, 3)),
    ("Doe, J. (2019). Titel. Abgerufen am 4. Dezember 2024, von https://example.de/a", Date(2024, 12, 4)),
    ("Jansen, P. (z.d.). Titel. Geraadpleegd op 14 maart 2026, van https://example.nl/x", Date(2026, 3, 14)),
    ("Martin, A. Titre, https://example.fr (page consultée le 3 mai 2023).", Date(2023, 5, 3)),
    ("Ruiz, M. (2010). Nada. Consultado el 5 de mayo de 2021 en https://example.es", Date(2021, 5, 5)),
    ("Заглавие. URL: https://example.ru (дата обращения: 01.02.2020).", Date(2020, 2, 1)),
    ("Kodeks, Rzym 1983 [dostęp: 18.07.2019].", Date(2019, 7, 18)),
    ("Title of a page (accessed 2023-05-03).", Date(2023, 5, 3)),
    ("Doe J. A page. Retrieved May 3, 2023, from https://example.org", Date(2023, 5, 3)),
    ("Rossi, L. Pagina. Ultimo accesso 12 settembre 2022.", Date(2022, 9, 12)),
]


@pytest.mark.parametrize("text,want", ACCESS)
def test_access_date_read(text, want):
    """The access date is found in each language's wording and leaves the rest of the string."""
    rest, got = split_access(text)
    assert got == want
    assert got.parts()[-1] != 0 and len(rest) < len(text) - 8


@pytest.mark.parametrize("text", [
    "Hale R, Okafor K. A title cited by many. Journal of Things. 2019;12:1-9.",
    "Brown, A. (2020). Retrieval of memories. Memory, 3(2), 1-10.",
])
def test_no_access_date(text):
    """Strings without an access date are left alone ('cited', 'Retrieval' are not cues here)."""
    assert split_access(text) == (text, None)


def test_access_date_is_not_the_year():
    """A page printed with no date of its own has no year; the access date goes to ``accessed``."""
    ref = parse_reference("Health Agency. Autism spectrum disorder. https://example.org/asd (accessed 3 May 2023).")
    assert ref.issued is None and ref.accessed == Date(2023, 5, 3)
    ref = parse_reference("Grey, T. (2018). A page about pages. Example Site. Retrieved May 3, 2023, from "
                          "https://example.org/p")
    assert ref.issued.year == 2018 and ref.accessed == Date(2023, 5, 3)


def test_access_date_exported_and_read_back():
    """CSL-JSON ``accessed``, BibTeX/biblatex ``urldate`` and RIS ``Y2`` (Zotero's Accessed), each read back."""
    ref = parse_reference("Health Agency. Autism spectrum disorder. https://example.org/asd (accessed 3 May 2023).")
    entries = to_entries([ref])
    text = csl.dumps(entries)
    assert '"accessed"' in text and csl.loads(text, "x.json")[0][0].accessed == Date(2023, 5, 3)
    text = bibtex.dumps(entries)
    assert "urldate = {2023-05-03}" in text and bibtex.loads(text, "x.bib")[0][0].accessed == Date(2023, 5, 3)
    text = ris.dumps(entries)
    assert "Y2  - 2023/05/03/" in text and ris.loads(text, "x.ris")[0][0].accessed == Date(2023, 5, 3)


@pytest.mark.parametrize("text", [
    "de Vries, J. (2019). Waarom video werkt. Geraadpleegd van https://example.nl/video",
    "Müller, K. (2020). Sichere Passwörter. Abgerufen von https://example.de/pw",
    "Silva, J. (2018). Título aqui. Disponível em: https://example.br/x",
])
def test_retrieval_words_are_not_a_container(text):
    """'Geraadpleegd van', 'Abgerufen von', 'Disponível em' say where the page is: the link, never a container."""
    ref = parse_reference(text)
    assert ref.container_title is None and ref.URL.startswith("https://example.")
