"""What a reading's title holds that is not the title, and a title's end read as something else (parse/titles.py)."""

from __future__ import annotations

import time

import pytest

from acuref.model import Date, Name, Reference
from acuref.parse.title_moves import imprint_in_title
from acuref.parse.titles import read_titles

# (string, title read, container read, place read, publisher read, title after, container after, place, publisher)
TITLES = [
    # a book's subtitle read as its container: no numbers, a place printed
    ("P. Lund, The Saga Meter in Old Norse. Three Essays on Form and Sound, Uppsala 1991.",
     "The Saga Meter in Old Norse", "Three Essays on Form and Sound", "Uppsala", None,
     "The Saga Meter in Old Norse. Three Essays on Form and Sound", None, "Uppsala", None),
    # the editor statement after the subtitle stays out of the title
    ("Karl Roth, Probleme der Flussfischerei. Gesammelte Aufsätze. Hg. v. Anna Lenz (Köln 1984).",
     "Probleme der Flussfischerei", "Gesammelte Aufsätze. Hg. v. Anna Lenz", "Köln", None,
     "Probleme der Flussfischerei. Gesammelte Aufsätze", None, "Köln", None),
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
    # a bracket of the title's own before a year stays the title's
    ("Hans K. Moser, Notes on river fish (Reprint, 1998).",
     "Notes on river fish (Reprint", None, None, None, "Notes on river fish (Reprint", None, None, None),
    ("Hans K. Moser, Notes on river fish (Second Edition, 1998).",
     "Notes on river fish (Second Edition", None, None, None, "Notes on river fish (Second Edition", None, None, None),
    ("Hans K. Moser, Notes on river fish (New York, 1998).",
     "Notes on river fish (New York", None, None, None, "Notes on river fish", None, "New York", None),
    # a translator has no field: the statement stays in the container
    ("Karl Roth, Probleme der Flussfischerei. Drei Aufsätze. Trans. by Ann Lee (Köln 1984).",
     "Probleme der Flussfischerei", "Drei Aufsätze. Trans. by Ann Lee", "Köln", None,
     "Probleme der Flussfischerei", "Drei Aufsätze. Trans. by Ann Lee", "Köln", None),
]


@pytest.mark.parametrize("row", TITLES, ids=[r[0][:30] for r in TITLES])
def test_a_title_end_read_elsewhere_comes_back(row):
    """A subtitle read as a container joins the title; an imprint bracket read into the title leaves it."""
    text, title, container, place, publisher, *expected = row
    ref = Reference(title=title, container_title=container, publisher_place=place, publisher=publisher,
                    issued=Date(1990))
    ref = read_titles(ref, text)
    assert [ref.title, ref.container_title, ref.publisher_place, ref.publisher] == expected


@pytest.mark.parametrize("text,container,editors", [
    ("Karl Roth, Probleme der Flussfischerei. Gesammelte Aufsätze. Hg. v. Anna Lenz (Köln 1984).",
     "Gesammelte Aufsätze. Hg. v. Anna Lenz", ["Lenz"]),
    ("K. Roth, River fish. Three essays. Edited by Ann Lee and Tom Berg, Leeds 1984.",
     "Three essays. Edited by Ann Lee and Tom Berg", ["Lee", "Berg"]),
])
def test_an_editor_statement_after_a_subtitle_names_the_editors(text, container, editors):
    """``Subtitle. Hg. v. Anna Lenz`` joined to the title leaves its editors in the editor field, not nowhere."""
    title = text.split(", ", 1)[1].split(". ", 1)[0]
    ref = read_titles(Reference(title=title, container_title=container, publisher_place="Köln", issued=Date(1984)), text)
    assert ref.container_title is None and [n.family for n in ref.editor] == editors


def test_a_title_with_a_long_run_of_spaces_is_read_in_linear_time():
    """A title holding twenty thousand spaces before an open bracket is read at once, not after a quadratic scan."""
    start = time.perf_counter()
    imprint_in_title(Reference(title="Notes" + " " * 20000 + "x (", issued=Date(1990)), "Notes (Reprint, 1998)")
    assert time.perf_counter() - start < 0.2


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
