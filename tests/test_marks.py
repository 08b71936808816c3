"""Quotes and emphasis set the title and container apart: the parser's reading is checked against them."""

from __future__ import annotations

import pytest

from acuref import parse_reference
from acuref.parse.marks import read_marks

MARKED = [
    # (string, title, container)
    ('Vézina, M. "Le travail et la fatigue", _Cahiers de psychologie_, n° 12, 2019, p. 5-9.',
     "Le travail et la fatigue", "Cahiers de psychologie"),
    ("Dupont, M. « Une bonne nouvelle pour la mer », _Le Quotidien_, 3 mai 2019.",
     "Une bonne nouvelle pour la mer", "Le Quotidien"),
    ("Landbouwbureau. (2024). _Hoe wordt graan in Nederland gebruikt?_ Landbouwpraktijk. https://example.nl/x",
     "Hoe wordt graan in Nederland gebruikt?", None),
    ("Smith, J. (2019). A title of an article. *Journal of Things*, *12*(3), 1-10.",
     "A title of an article", "Journal of Things"),
    ("Brown, T. (2010). <i>The big book of small things</i>. New York: Penguin.", "The big book of small things", None),
    # Italian library style quotes the journal, not the title
    ("Lucia Moretti. Ricordo di un bibliotecario. «Archivio storico», 150 (1992), n. 2, p. 411-420.",
     "Ricordo di un bibliotecario", "Archivio storico"),
    ("Carlo Ferri. Obituary: a librarian. «The Abbey newsletter», 16 (1992), n. 5, p. 70.",
     "Obituary: a librarian", "The Abbey newsletter"),
]


@pytest.mark.parametrize("text,title,container", MARKED)
def test_marks_set_title_and_container(text, title, container):
    """A quoted span is the title, an emphasised one after it the container; an emphasised title stands alone."""
    ref = parse_reference(text)
    assert ref.title == title
    if container is not None:
        assert ref.container_title == container
    assert "_" not in (ref.title or "") and "*" not in (ref.container_title or "")


@pytest.mark.parametrize("text,quoted,emphasised", [
    ("l'émergence d'un rôle, “A quoted title here”, _Journal_", ("A quoted title here",), ("Journal",)),
    ("snake_case_name and 2*3*4 are not emphasis", (), ()),
    ("He said \"hi\" once", (), ()),
])
def test_read_marks(text, quoted, emphasised):
    """Apostrophes, underscores inside words and short quotes are not marks."""
    marks = read_marks(text)
    assert (marks.quoted, marks.emphasised) == (quoted, emphasised)
