"""What a reading's title holds that is not the title, and a title's end read as something else (parse/titles.py)."""

from __future__ import annotations

import pytest

from acuref.model import Date, Name, Reference
from acuref.parse.titles import read_titles

# (string, title read, container read, place read, publisher read, title after, container after, place, publisher)
TITLES = [
    # a book's subtitle read as its container: no numbers, a place printed
    ("P. Lund, The Saga Meter in Old Norse. Three Essays on Form and Sound, Uppsala 1991.",
     "The Saga Meter in Old Norse", "Three Essays on Form and Sound", "Uppsala", None,
     "The Saga Meter in Old Norse. Three Essays on Form and Sound", None, "Uppsala", None),
    # the editor statement after the subtitle stays out of the title
    ("Karl Weber, Probleme der Stadtgeschichte. Gesammelte Aufsätze. Hg. v. Anna Weber (Köln 1984).",
     "Probleme der Stadtgeschichte", "Gesammelte Aufsätze. Hg. v. Anna Weber", "Köln", None,
     "Probleme der Stadtgeschichte. Gesammelte Aufsätze", None, "Köln", None),
    # a numbered series is a series, and a journal's name a journal: both stay containers
    ("Lind, T. (1994). Saga metres: forms and sounds. Uppsala Studies in Old Norse 18. Uppsala: Nordic Press.",
     "Saga metres: forms and sounds", "Uppsala Studies in Old Norse 18", "Uppsala", "Nordic Press",
     "Saga metres: forms and sounds", "Uppsala Studies in Old Norse 18", "Uppsala", "Nordic Press"),
    ("Lind, T. (1994). Saga metres. Journal of Nordic Verse, Uppsala: Nordic Press.",
     "Saga metres", "Journal of Nordic Verse", "Uppsala", "Nordic Press",
     "Saga metres", "Journal of Nordic Verse", "Uppsala", "Nordic Press"),
    # an imprint bracket read into the title: the place, or the publisher where the place is read
    ("Hans K. Moser, The Navy of the Danube (Bloomington, IN, 2001).",
     "The Navy of the Danube (Bloomington", None, None, None, "The Navy of the Danube", None, "Bloomington", None),
    ("R. Varga, Spin Chains in Two Dimensions (MountainPress ,Boston ,2009 ).",
     "Spin Chains in Two Dimensions (MountainPress", None, "Boston", None,
     "Spin Chains in Two Dimensions", None, "Boston", "MountainPress"),
]


@pytest.mark.parametrize("row", TITLES, ids=[r[0][:30] for r in TITLES])
def test_a_title_end_read_elsewhere_comes_back(row):
    """A subtitle read as a container joins the title; an imprint bracket read into the title leaves it."""
    text, title, container, place, publisher, *expected = row
    ref = Reference(title=title, container_title=container, publisher_place=place, publisher=publisher,
                    issued=Date(1990))
    ref = read_titles(ref, text)
    assert [ref.title, ref.container_title, ref.publisher_place, ref.publisher] == expected


@pytest.mark.parametrize("text,authors,title,kept", [
    ("Berg K, Lund M, Holm P,", ["Berg", "Lund"], "Holm P", None),
    ("K.A. Berg, M. Lund, P.J. Holm,", ["Berg", "Lund"], "P.J. Holm", None),
    # a title with a date beside it, or one the string does not end on, stays a title
    ("Berg K, Lund M. Holm P. 2001.", ["Berg", "Lund"], "Holm P", "Holm P"),
])
def test_a_last_name_read_as_the_title_of_a_names_only_line_is_an_author(text, authors, title, kept):
    """``…, Lund M, Holm P,`` cut from its reference: ``Holm P`` is the last author, not the title."""
    ref = Reference(author=tuple(Name(family=f) for f in authors), title=title,
                    issued=Date(2001) if "2001" in text else None)
    ref = read_titles(ref, text)
    assert ref.title == kept and (len(ref.author) == 2 if kept else ref.author[-1].family == "Holm")
